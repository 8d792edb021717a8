// Optionals, optional chaining, nil-coalescing, guard, nested functions, dictionaries of arrays.
import Foundation

let scores: [String: [Int]] = ["ann": [90, 85], "bob": []]
print(scores["ann"]?.count as Any, scores["cat"]?.count as Any, scores["bob"]?.first as Any)
print(scores["ann"]?.max() ?? 0, scores["cat"]?.max() ?? -1)
var maybe: [Int]? = nil
print(maybe?.count ?? 0, maybe == nil)
maybe = [1, 2]
maybe?.append(3)
print(maybe!, maybe?.last as Any)
let words = ["a": "alpha", "b": "beta"]
if let w = words["a"], let first = w.first { print(w, first) }
func lookup(_ key: String) -> String {
  guard let value = words[key] else { return "missing \(key)" }
  return value.uppercased()
}
print(lookup("b"), lookup("z"))
let numbers = ["1", "two", "3"].compactMap { Int($0) }
print(numbers, numbers.reduce(0, +))
let parsed = Double("3.5") ?? 0
print(parsed * 2)
func outer() -> Int {
  var total = 0
  func add(_ x: Int) { total += x }
  for i in 1...4 { add(i) }
  return total
}
print(outer())
var memo: [Int: Int] = [:]
func fibm(_ n: Int) -> Int {
  if n < 2 { return n }
  if let cached = memo[n] { return cached }
  let r = fibm(n - 1) + fibm(n - 2)
  memo[n] = r
  return r
}
print(fibm(80))
let pairs = [(name: "x", value: 2.5), (name: "y", value: -1.0)]
for p in pairs { print(p.name, p.value) }
let best = pairs.max { $0.value < $1.value }
print(best?.name ?? "none")
let sortedPairs = pairs.sorted { $0.value < $1.value }.map { $0.name }
print(sortedPairs)
var grid = Array(repeating: Array(repeating: 0, count: 3), count: 2)
grid[1][2] = 5
for row in grid { print(row.map { String($0) }.joined(separator: " ")) }
let total = grid.flatMap { $0 }.reduce(0, +)
print(total)
let text = "the quick brown fox jumps over the lazy dog"
var freq: [String: Int] = [:]
for w in text.split(separator: " ") { freq[String(w), default: 0] += 1 }
print(freq["the"]!, freq.count, freq.keys.sorted().prefix(3))
let mean = [2.0, 4.0, 9.0].reduce(0, +) / 3
let variance = [2.0, 4.0, 9.0].map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
print(mean, variance, variance.squareRoot(), String(format: "%.4f", variance.squareRoot()))
let sigmoid = { (x: Double) -> Double in 1 / (1 + exp(-x)) }
print(sigmoid(0), sigmoid(2).rounded(), String(format: "%.6f", sigmoid(0.35 * 0.1 + 0.9 * 0.8)))
