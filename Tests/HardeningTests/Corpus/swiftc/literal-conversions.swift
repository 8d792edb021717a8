// A float literal converted to Int is converted when swiftc compiles, so one outside Int's
// range is refused even in code that never runs: the blocks of
// DiagnosticsTests.literalConversionsAreRefused (nil-interpolation.swift has the bare nil).
import Foundation
let big = 1e300

print(Int(1e300))

print(Int(exactly: 1e300) ?? 5)

print(Int(-1e19))

func never() {
  print(Int((9.3e18)))
}

// accepted: in range, or not a literal as written
print(Int(1e18), Int(-9.223372036854775808e18))

print(Int(exactly: big) ?? 5)

print(Int(exactly: 2.5) ?? 5)
