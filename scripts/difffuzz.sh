#!/usr/bin/env bash
# Differential fuzzing: COUNT random plain-Swift programs (seeded by SEED), each compiled by
# swiftc and run by the evaluator, their printed output compared byte for byte.
#   scripts/difffuzz.sh [SEED] [COUNT] [more options of scripts/difffuzz.py]
# Divergences are shrunk and written to $DIFFFUZZ_OUT (default /tmp/difffuzz), one
# NAME.swift each, with what Swift and the evaluator printed. Not run in CI: it needs minutes
# (about 1-2 s per program on a loaded 2-core machine). Runs at low priority (nice 10).
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-$(( $(date +%s) % 100000 ))}
count=${2:-200}
shift $(( $# < 2 ? $# : 2 ))
nice -n 10 swift build --product nbrun-bench >/dev/null
echo "difffuzz: seed $seed, $count programs"
exec nice -n 10 python3 scripts/difffuzz.py --seed "$seed" --count "$count" \
  --out "${DIFFFUZZ_OUT:-/tmp/difffuzz}" "$@"
