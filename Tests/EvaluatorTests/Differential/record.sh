#!/bin/bash
# Records what the real Swift toolchain prints for each differential cell:
#   ./record.sh            (all cells)    ./record.sh numbers.swift   (one cell)
# The evaluator tests compare their output with these files byte for byte.
set -euo pipefail
cd "$(dirname "$0")"
files=("$@")
if [ ${#files[@]} -eq 0 ]; then files=(*.swift); fi
for f in "${files[@]}"; do
  swift "$f" > "${f%.swift}.expected"
  echo "recorded ${f%.swift}.expected"
done
