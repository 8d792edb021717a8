#!/bin/sh
# Type-checks the stand-ins with the real toolchain and compares its errors with the record.
cd "$(dirname "$0")"
swiftc -typecheck throwing.swift 2>&1 | grep -E '^throwing.swift:[0-9]+:[0-9]+: error:' |
  sed 's/^throwing.swift://; s/: error: /: /' | sort -t: -k1,1n -k2,2n | diff - throwing.expected &&
  echo "swiftc agrees with throwing.expected"
