#!/bin/bash
# The evaluator's benchmarks beside their peers, in one run:
#   - a cell's 1,000,000-iteration scalar loop `s += Double(i) * 0.5` vs the same loop in CPython
#   - a cell's 1,000-step training loop vs the same loop compiled in Swift (both against DLCore)
# Release build only. Usage: Benchmarks/run-evaluator.sh
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product nbrun-bench >/dev/null
echo "== load: $(uptime | sed 's/.*load average/load average/')"
echo "== nbrun cells (release build)"
.build/release/nbrun-bench evaluator
echo "== CPython $(python3 -c 'import sys; print(sys.version.split()[0])')"
python3 - <<'PY'
import time
def loop():
    s = 0.0
    for i in range(1_000_000):
        s += float(i) * 0.5
    return s
walls, cpus = [], []
for _ in range(9):
    t = time.perf_counter(); c = time.process_time(); r = loop()
    walls.append(time.perf_counter() - t); cpus.append(time.process_time() - c)
walls.sort(); cpus.sort()
print(f"scalar loop, 1,000,000 iterations of `s += float(i) * 0.5` (median of 9):\n"
      f"  cpython   {walls[4]*1000:8.2f} ms wall  {cpus[4]*1000:8.2f} ms CPU  (result {r})")
PY
