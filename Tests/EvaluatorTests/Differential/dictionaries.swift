// Dictionaries as an answer key uses them: updating through '!' and defaults, removeValue,
// tuple values, a histogram, reduce(into: [:]), mapValues, max by value, nested dictionaries
// with '?? 0' (0.0 where the values are Doubles), key paths on labelled tuples.
import Foundation
var balances = ["alice": 100.0, "bob": 50.0]
balances["alice"]! -= 25
balances["carol", default: 0] += 10
balances["bob"] = (balances["bob"] ?? 0) * 1.1
print(balances.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" })
if let b = balances["bob"], b > 50 { print("rich bob", b) }
let total = balances.values.reduce(0, +)
print(total, balances.count, balances.keys.contains("dave"), balances.removeValue(forKey: "carol") ?? -1)
var inventory: [String: (count: Int, price: Double)] = ["pen": (3, 1.5)]
inventory["book"] = (count: 1, price: 12.0)
let worth = inventory.values.map { Double($0.count) * $0.price }.reduce(0, +)
print(worth, inventory["pen"]!.count, inventory["pen"]?.price ?? 0)
var hist = [Int](repeating: 0, count: 5)
for v in [1, 3, 3, 4, 1, 1] { hist[v] += 1 }
print(hist, hist.enumerated().max { $0.element < $1.element }!.offset)
let freq = [1, 3, 3, 4, 1, 1].reduce(into: [:]) { counts, v in counts[v, default: 0] += 1 }
print(freq.sorted { $0.key < $1.key }.map { "\($0.key)x\($0.value)" })
let scores = ["a": [90.0, 80.0], "b": [70.0]]
let means = scores.mapValues { $0.reduce(0, +) / Double($0.count) }
print(means.sorted { $0.key < $1.key }.map { $0.value }, scores["c"]?.first ?? 0, scores["a"]?.last ?? 0)
let best = means.max { $0.value < $1.value }!
print(best.key, best.value, means.min(by: { $0.value < $1.value })?.key ?? "none")
let nested = ["x": ["y": 1.5]]
print(nested["x"]?["y"] ?? 0, nested["z"]?["y"] ?? 0, nested["x"]!["w", default: 2.5])
let tuples = [(name: "a", v: 2.0), (name: "b", v: 1.0)]
print(tuples.sorted { $0.v < $1.v }.map { $0.name }, tuples.map(\.v).reduce(0, +), tuples.first { $0.v > 1.5 }?.name ?? "-")
