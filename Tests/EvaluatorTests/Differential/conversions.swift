// Conversions and printing an answer key meets: Int(text)/Double(text) edge cases, Double
// to Int truncation, values near the representable edges, rounding after scaling
// (4.35 * 100), NaN and infinities, max over a NaN, mixed-literal arithmetic.
import Foundation
print(Int("+5") as Any, Int(" 5") as Any, Int("-0") as Any, Int("0x10") as Any, Int("١٢") as Any, Int("5_000") as Any)
print(Double("1e3") as Any, Double(".5") as Any, Double("inf") as Any, Double("nan") as Any, Double("-0") as Any, Double("1,5") as Any, Double(" 1") as Any, Double("0x1p3") as Any)
print(Double(Int.max), Double(1 << 62), Int(1e18), Int(-0.9))
print(-0.0, 0.0 == -0.0, 1 / 3.0, 2.0 / 3.0 * 3, 1e-10, 1e21, 1e16 + 1, 123456.789e3)
print(5.0e-324, Double.leastNormalMagnitude, 0.1 * 0.1, 4.35 * 100, (4.35 * 100).rounded())
print(Int((4.35 * 100).rounded()), Int(4.35 * 100), 0.57 * 100, Int(0.57 * 100))
print((2.675 * 100).rounded() / 100, (1.005 * 1000).rounded(.down) / 1000, 1.23456.rounded(.up), (-1.5).rounded(.towardZero))
print(Double(5) / 0, -Double(5) / 0, (0.0 / 0.0).isNaN, Double.nan == Double.nan, Double.infinity > 1e308)
let huge = 1e19
print(Int(exactly: huge * 10) as Any, 10.0.squareRoot(), 27.0.squareRoot().rounded())
print(7.isMultiple(of: 7), (-7).magnitude, (-7).signum(), abs(-7) == 7, 2 << 3, 256 >> 4, 7 & 3)
print(String(3.0), String(-2.5), String(100), String(1e100), "\(Double(Int.max))")
print(1/2 + 1/2, 1.0/2 + 1/2, (1 + 2) / 2 * 2.0)
let a = 10, b = 4
print(a / b, a % b, Double(a) / Double(b), Double(a / b), a.quotientAndRemainder(dividingBy: b))
print(Double(a) * 0.1, Double(a) * 0.3, 0.3 * 3, 0.1 + 0.2 + 0.3, (0.1 + 0.2) + 0.3 == 0.1 + (0.2 + 0.3))
print(max(0.1 + 0.2, 0.3), min(-0.0, 0.0), [3.0, -0.0, 0.0].max()!, [0.5, .nan, 1.5].max()!)
// -2^63 is Int.min, the one Double at the edge of Int's range that converts
let edge = -9.223372036854775808e18
print(Int(edge), Int(edge) == Int.min, Int(-9.223372036854775808e18), Int(exactly: edge) ?? 0)
