// Implicit members in context (`.pi`, `-.infinity`, `.nan`), assignment through optional chaining.
import Foundation

let low: Double = -.infinity
let values = [1.5, .nan, -.pi, .infinity]
print(low, values, values.count)
var best = -Double.infinity
for v in [3.0, 7.5, 2.0] where v > best { best = v }
print(best, best < .infinity, best * .pi)
let clipped: [Double] = [.zero, .greatestFiniteMagnitude, -.leastNonzeroMagnitude]
print(clipped)
func scale(_ x: Double, by factor: Double = .pi) -> Double { x * factor }
print(scale(2), scale(2, by: .ulpOfOne))
print(max(best, -.infinity), min(-1.0, .nan))
var grid: [[Int]]? = [[1, 2], [3, 4]]
grid?[0][1] = 20
grid?[1].append(5)
print(grid as Any)
var empty: [Int]? = nil
empty?[0] = 1
empty?.append(2)
print(empty as Any)
var table: [String: [Double]] = ["w": [0.5, 0.25]]
table["w"]?[1] = 0.75
table["w"]?[0] += 1
table["missing"]?[0] = 9
print(table)
print((0..<10).clamped(to: 2..<5), (0...10).clamped(to: 2...5), (3..<4).clamped(to: 0..<2))
