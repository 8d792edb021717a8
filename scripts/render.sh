#!/usr/bin/env bash
# Set-up command 1: install what is missing, build nbrun in release mode, and render every
# notebook in Notebooks/ into Output/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
swift build -c release --product nbrun
mkdir -p Output
shopt -s nullglob
notebooks=(Notebooks/*.md)
if ((${#notebooks[@]} == 0)); then
  echo "no notebooks in Notebooks/" >&2
  exit 0
fi
status=0
.build/release/nbrun "${notebooks[@]}" --output-dir Output || status=$?
echo "rendered ${#notebooks[@]} notebook(s) into Output/ (nbrun exit status $status)" >&2
exit "$status"
