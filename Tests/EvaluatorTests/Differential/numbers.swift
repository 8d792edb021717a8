// Int and Double arithmetic, literals adapting to context, Swift's number printing.
import Foundation

let a = 7 / 2
let b = 7.0 / 2
let c = 0.5 * 2
let d: Double = 3
print(a, b, c, d)
print(-7 / 2, -7 % 3, 7 % -3, 17 % 5)
print(1e16, 1e15, 9007199254740992.0, 0.0001, 0.00001, 100000.0, -0.0)
print(1.0 / 3, 2.0 / 3, 0.1 + 0.2, 1.1 * 1.1, 100.0 / 7)
print(Double.pi, Double.infinity, -Double.infinity, Int.max, Int.min)
print(1_000_000, 0x1F, 0b101, 0o17, 1e3, 2.5e-3)
print(7 / 2 * 1.0, 1 + 2 * 3 - 4, (1 + 2) * 3, 2 * 3 / 4)
let big = 1 << 40
print(big, big >> 3, 5 & 3, 5 | 3, 5 ^ 3, ~5)
print(Double(7) / 2, Int(3.99), Int(-3.99), Double(Int.max))
print(
  3.7.rounded(), (-3.5).rounded(), 2.5.rounded(), 2.5.rounded(.down), 2.5.rounded(.up),
  (-2.5).rounded(.towardZero))
print(abs(-3), abs(-2.5), max(1, 2), min(1.5, 2), max(3, 2.5, 1), min(4, 9))
print(16.0.squareRoot(), sqrt(2.0), exp(1.0), log(10.0), pow(2.0, 10.0), floor(-1.5), ceil(1.2))
print(10.0.truncatingRemainder(dividingBy: 3), 7.5.remainder(dividingBy: 2))
print(0.1 * 3, 1e-7, 123456789.123, 1e300 * 1e10, 5e-324)
var x = 10
x += 5
x -= 3
x *= 2
x /= 5
x %= 3
print(x)
var y = 1.5
y += 1
y *= 2
y /= 4
y -= 0.25
print(y)
print(Int("42") as Any, Int("x") as Any, Double("2.5") as Any)
print(String(format: "%.3f %5.1f %d %05d %e %g %x", 3.14159, 2.25, 42, 7, 12345.678, 0.0001, 255))
print(String(format: "%.2f%%", 12.345), String(format: "%-5d|", 3), String(format: "%+d", 5))
print(1 == 1.0, 2 < 3, 2.5 >= 2.5, 3 != 4)
print(Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, Double.ulpOfOne)
print((0.1).description, 42.description)
