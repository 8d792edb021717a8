#!/usr/bin/env bash
# Long fuzzing runs: the seeded generators of Tests/HardeningTests/FuzzTests.swift, each for
# MINUTES minutes (default 10), one seed a minute so that every run explores new inputs.
#   scripts/fuzz.sh [MINUTES] [FIRST_SEED]
# FUZZ_TARGETS="testTeXConverter ..." picks generators. FUZZ_COVERAGE=1 builds with coverage
# instrumentation in .build-cov and reports the line coverage each generator reached in the
# modules it drives. Runs at low priority (nice 10), one generator at a time.
# A failure prints the input that caused it; re-run it with FUZZ_SEED=<seed> FUZZ_SECONDS=<s>.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-10}
seed=${2:-$(( $(date +%s) % 100000 ))}
targets=${FUZZ_TARGETS:-testTeXConverter testCellParserAndEvaluator testNotebookToPage}
build=(--build-path .build)
if [ -n "${FUZZ_COVERAGE:-}" ]; then
  build=(--build-path .build-cov --enable-code-coverage)
  profiles=$(mktemp -d)
fi
nice -n 10 swift build --build-tests "${build[@]}" >/dev/null

# The modules each generator drives, for the coverage report.
modules() {
  case $1 in
    testTeXConverter) echo Sources/TeXMath ;;
    testCellParserAndEvaluator) echo Sources/Evaluator ;;
    *) echo Sources/Notebook Sources/Markdown ;;
  esac
}

for target in $targets; do
  end=$(( $(date +%s) + minutes * 60 ))
  total=0
  runs=0
  while [ "$(date +%s)" -lt "$end" ]; do
    if [ -n "${FUZZ_COVERAGE:-}" ]; then export LLVM_PROFILE_FILE="$profiles/$target-%p.profraw"; fi
    log=$(FUZZ_SEED=$seed FUZZ_SECONDS=60 nice -n 10 swift test --skip-build \
      --build-path "${build[1]}" --filter "HardeningTests.FuzzTests/$target" 2>&1) || {
      echo "$log" | tail -60
      echo "fuzz $target failed with FUZZ_SEED=$seed FUZZ_SECONDS=60" >&2
      exit 1
    }
    count=$(echo "$log" | sed -n 's/^fuzz [a-zA-Z]*: \([0-9]*\).*/\1/p' | head -1)
    total=$(( total + ${count:-0} ))
    runs=$(( runs + 1 ))
    seed=$(( seed + 1 ))
  done
  line="$target: $total inputs in $minutes min ($runs seeds), no failure"
  if [ -n "${FUZZ_COVERAGE:-}" ]; then
    # The toolchain's own LLVM tools: another llvm-profdata on PATH may not read its profiles.
    tools=$(dirname "$(readlink -f "$(command -v swift)")")
    "$tools/llvm-profdata" merge -sparse "$profiles/$target"-*.profraw \
      -o "$profiles/$target.profdata"
    # shellcheck disable=SC2046
    coverage=$("$tools/llvm-cov" report .build-cov/debug/nbrunPackageTests.xctest \
      -instr-profile="$profiles/$target.profdata" $(modules "$target") | awk '/^TOTAL/ {
        print "lines " $10 " (" $8 - $9 " of " $8 "), functions " $7 ", regions " $4 }')
    line="$line; coverage of $(modules "$target"): $coverage"
  fi
  echo "$line"
done
