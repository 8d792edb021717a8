#!/bin/sh
# Compiles each stand-in file here with the real toolchain (to SIL: "missing return" is found
# there) and compares swiftc's errors (line:column: message) with the recorded NAME.expected
# that the evaluator tests follow.
#   ./check.sh            (compare)        ./check.sh --record   (rewrite the .expected files)
cd "$(dirname "$0")" || exit 1
status=0
for f in *.swift; do
  name=${f%.swift}
  swiftc -emit-sil -o /dev/null "$f" 2>&1 | grep -E "^$f:[0-9]+:[0-9]+: error:" |
    sed "s/^$f://; s/: error: /: /" | sort -t: -k1,1n -k2,2n > "/tmp/$name.swiftc"
  if [ "$1" = "--record" ]; then
    mv "/tmp/$name.swiftc" "$name.expected"
  elif diff "/tmp/$name.swiftc" "$name.expected"; then
    echo "$f: swiftc agrees with $name.expected"
  else
    status=1
  fi
done
exit $status
