#!/usr/bin/env bash
# Runs `nbrun-bench layers` (release build) beside Benchmarks/layers_peer.py (PyTorch) with the
# same thread counts and prints one Markdown table (median milliseconds per call, wall time and,
# in the `_cpu` rows, CPU time of the process, all threads; lower is better). Report `uptime`.
# Usage: Benchmarks/run-layers.sh [seconds per case, default 2]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-2}"

uptime >&2
swift build -c release --product nbrun-bench >&2
bench="$(swift build -c release --show-bin-path)/nbrun-bench"

declare -A results
columns=()
run() { # name, command...
  local name="$1"
  shift
  columns+=("$name")
  while read -r key value; do
    [[ "$key" == "#" || -z "$key" ]] && continue
    results["$name/$key"]="$value"
  done < <("$@")
}

for threads in 1 2; do
  run "DLCore ${threads}t" env OPENBLAS_NUM_THREADS="$threads" "$bench" layers --seconds "$seconds"
  run "torch f64 ${threads}t" python3 Benchmarks/layers_peer.py --threads "$threads" \
    --dtype float64 --seconds "$seconds"
  run "torch f32 ${threads}t" python3 Benchmarks/layers_peer.py --threads "$threads" \
    --dtype float32 --seconds "$seconds"
done

header="| case (ms, median) |"
rule="|---|"
for c in "${columns[@]}"; do
  header+=" $c |"
  rule+="---:|"
done
echo "$header"
echo "$rule"
cases=(lstm_forward lstm_forward_backward attention_forward attention_forward_backward)
for case in "${cases[@]}" "${cases[@]/%/_cpu}"; do
  line="| $case |"
  for c in "${columns[@]}"; do line+=" ${results["$c/$case"]:-?} |"; done
  echo "$line"
done
uptime >&2
