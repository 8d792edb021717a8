#!/usr/bin/env bash
# DLCore against PyTorch/NumPy on this machine, with 1 and 2 threads, one after the other.
# Needs: pip install 'torch==2.13.0+cpu' numpy. Run on an idle machine.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${SECONDS_PER_CASE:-2}"
swift build -c release --product nbrun-bench >/dev/null
bench="$(swift build -c release --show-bin-path)/nbrun-bench"
for threads in 1 2; do
  echo "== $threads thread(s) =="
  OPENBLAS_NUM_THREADS=$threads "$bench" dlcore --threads "$threads" --seconds "$seconds"
  OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads MKL_NUM_THREADS=$threads \
    python3 Benchmarks/dlcore_peer.py --threads "$threads" --seconds "$seconds"
  echo
done
