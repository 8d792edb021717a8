#!/bin/bash
# Instructions per training step: the cell's 1,000-step training loop against the same loop
# compiled (Benchmarks/run-evaluator.sh times them). Instruction counts are what other processes
# on a busy machine disturb least, and this machine's VM exposes no hardware counters, so
# valgrind's callgrind counts them. Each side runs 1,000 and 2,000 steps in a fresh process;
# the difference over 1,000 is the cost of one step, without start-up, parsing or compiling.
# Release build only. Usage: Benchmarks/evaluator-instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product nbrun-bench >/dev/null
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# valgrind 3.19 cannot read the release binary's debug information; a copy without it runs the
# same code
cp .build/release/nbrun-bench "$dir/nbrun-bench"
strip --strip-debug "$dir/nbrun-bench"
count() {
  OPENBLAS_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$dir/out" \
    "$dir/nbrun-bench" evaluator-loop "$@" 2>&1 >/dev/null | awk '/Collected/ { print $4 }'
}
cell1=$(count cell 1)
cell2=$(count cell 2)
compiled1=$(count compiled 1)
compiled2=$(count compiled 2)
echo "== instructions per training step (valgrind callgrind, 2,000 steps minus 1,000)"
python3 - "$cell1" "$cell2" "$compiled1" "$compiled2" <<'PY'
import sys
c1, c2, p1, p2 = map(int, sys.argv[1:])
cell, compiled = (c2 - c1) / 1000, (p2 - p1) / 1000
print(f"  cell      {cell:9,.0f}\n  compiled  {compiled:9,.0f}\n"
      f"  the evaluator's share  {cell - compiled:,.0f} per step ({cell / compiled:.3f}x)")
PY
