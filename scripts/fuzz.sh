#!/usr/bin/env bash
# Long fuzzing runs: the seeded generators of Tests/HardeningTests/FuzzTests.swift, each for
# MINUTES minutes (default 10), one seed after another so that every run explores new inputs.
#   scripts/fuzz.sh [MINUTES] [FIRST_SEED]
# A failure prints the input that caused it; re-run it with FUZZ_SEED=<seed> FUZZ_SECONDS=<s>.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
seed=${2:-$(( $(date +%s) % 100000 ))}
swift build --build-tests >/dev/null
for target in testTeXConverter testCellParserAndEvaluator testNotebookToPage; do
  end=$(( $(date +%s) + minutes * 60 ))
  total=0
  while [ "$(date +%s)" -lt "$end" ]; do
    log=$(FUZZ_SEED=$seed FUZZ_SECONDS=60 swift test --skip-build \
      --filter "HardeningTests.FuzzTests/$target" 2>&1) || {
      echo "$log" | tail -60
      echo "fuzz $target failed with FUZZ_SEED=$seed FUZZ_SECONDS=60" >&2
      exit 1
    }
    count=$(echo "$log" | sed -n 's/^fuzz [a-zA-Z]*: \([0-9]*\).*/\1/p' | head -1)
    total=$(( total + ${count:-0} ))
    seed=$(( seed + 1 ))
  done
  echo "$target: $total inputs in $minutes min, no failure"
done
