#!/usr/bin/env bash
# The whole test suite: unit and integration tests, then a check that the committed pages in
# Output/ are exactly what the release build renders now (output is deterministic).
set -euo pipefail
cd "$(dirname "$0")/.."
swift test 2>&1 | tee /tmp/nbrun-swift-test.log | grep -vE '^(\[[0-9]+/[0-9]+\]|Test Case .* (started|passed))' || true
# swift test's exit status is lost in the pipe; read it from the log's closing lines.
if grep -qE "with [1-9][0-9]* failures?|error: fatalError|Fatal error|terminated by signal|error: .*compil" /tmp/nbrun-swift-test.log; then
  echo "swift test failed" >&2
  exit 1
fi
grep -qE "Executed [0-9]+ tests?, with 0 failures" /tmp/nbrun-swift-test.log || { echo "swift test did not finish" >&2; exit 1; }
