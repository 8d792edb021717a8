#!/bin/bash
# Instructions per training step: the cell's 1,000-step training loop against the same loop
# compiled (Benchmarks/run-evaluator.sh times them). Instruction counts are what other processes
# on a busy machine disturb least, and this machine's VM exposes no hardware counters, so
# valgrind's callgrind counts them. Each side runs 1,000 and 2,000 steps in a fresh process;
# the difference over 1,000 is the cost of one step, without start-up, parsing or compiling.
# The same way: one call of a cell struct's method (`p.dot(q)`, 20,000 calls minus 10,000), and
# what making a session costs (the first of a process, and each one after).
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
struct1=$(count struct 1)
struct2=$(count struct 2)
sessions1=$(count sessions 1)
sessions11=$(count sessions 11)
echo "== instructions per training step (valgrind callgrind, 2,000 steps minus 1,000)"
python3 - "$cell1" "$cell2" "$compiled1" "$compiled2" "$struct1" "$struct2" "$sessions1" \
  "$sessions11" <<'PY'
import sys
c1, c2, p1, p2, s1, s2, n1, n11 = map(int, sys.argv[1:])
cell, compiled = (c2 - c1) / 1000, (p2 - p1) / 1000
print(f"  cell      {cell:9,.0f}\n  compiled  {compiled:9,.0f}\n"
      f"  the evaluator's share  {cell - compiled:,.0f} per step ({cell / compiled:.3f}x)")
print(f"== a cell struct's method call, p.dot(q) in a loop (20,000 calls minus 10,000)\n"
      f"  {(s2 - s1) / 10_000:9,.0f} per call")
print(f"== sessions (a new session running one empty cell)\n"
      f"  a process making one   {n1:13,.0f} (start-up and the first session's one-time costs)\n"
      f"  each further session   {(n11 - n1) / 10:13,.0f}")
PY
