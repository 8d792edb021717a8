// A closure passed to a sequence's method takes its parameter types from the receiver's
// elements, and the method's result its type from the closure's result, so a literal beside
// an empty result takes the right type (found by scripts/difffuzz.py: `0` for `0.0`).
import Foundation

let noInts: [Int] = []
let noDoubles: [Double] = []
print([Int]().map { Double($0) }.reduce(0, +))
print([Double]().reduce(0, +))
print([Int]().map { Double($0) })
let firstMapped = [Int]().map { Double($0) }.first ?? 0
print(firstMapped)
print(noInts.map { Double($0) }.reduce(0) { $0 + $1 })
let mapped = noInts.map { Double($0) }
print(mapped.reduce(0, +), mapped.first ?? 0, mapped.last ?? 1)
let summed = noInts.map { Double($0) }.reduce(0, +)
print(summed)
print(noInts.map { Double($0) }.max() ?? 0, noInts.map { Double($0) }.min() ?? 0)
let sortedFirst = noInts.map { Double($0) }.sorted().first ?? 0
print(sortedFirst)
print(noInts.map { Double($0) }.filter { $0 > 0 }.reduce(0, +))
print(noInts.map { x in Double(x) * 2 }.reduce(0, +))
print(noInts.map { x -> Double in Double(x) }.reduce(0, +))
func total(_ xs: [Int]) -> Double { xs.map { Double($0) }.reduce(0, +) }
print(total([]), total([1, 2]))
func doubled(_ xs: [Double]) -> [Double] { xs.map { $0 * 2 } }
print(doubled([]).reduce(0, +), doubled([1.5]))
print(noDoubles.map { $0 * 2 }.reduce(0, +))
print(noDoubles.map { $0 + 1 }.reduce(0, *))
print(noDoubles.filter { $0 > 1 }.reduce(0, +))
print(noDoubles.sorted().reduce(0, +), noDoubles.sorted(by: >).reduce(0, +))
print(noInts.compactMap { Double($0) }.reduce(0, +))
print(noInts.flatMap { [Double($0)] }.reduce(0, +))
print(noDoubles.prefix(2).reduce(0, +), noDoubles.dropFirst().reduce(0, +))
print(noInts.reduce(into: 0.0) { $0 += Double($1) })
print(zip(noInts, noInts).map { Double($0 + $1) }.reduce(0, +))
print(zip(noDoubles, noInts).map { $0 * Double($1) }.reduce(0, +))
print(noInts.enumerated().map { Double($0.element) }.reduce(0, +))
print(noInts.enumerated().map { Double($0.offset) * 0.5 }.reduce(0, +))
let noScores: [String: Int] = [:]
print(noScores.mapValues { Double($0) }.values.reduce(0, +))
print(noScores.mapValues { Double($0) })
print(noDoubles.min() ?? 0, noDoubles.max() ?? 0)
print(noDoubles.map { $0 }.max() ?? 0)
var grown = noInts.map { Double($0) }
grown.append(1)
print(grown)
var kept = noInts.compactMap { Double($0) }
kept.append(2)
print(kept)
var flat = noInts.flatMap { [Double($0)] }
flat.append(3)
print(flat)
var byName = noScores.mapValues { Double($0) }
byName["a"] = 1
print(byName)
let zipped = zip(noInts, noInts).map { Double($0 + $1) }.first ?? 0
print(zipped)
print("\(noDoubles.map { $0 }.first ?? 0)")
let viaOptional = noDoubles.first.map { $0 * 2 } ?? 0
print(viaOptional)
let pairs: [(String, Double)] = []
let firstPair = pairs.first?.1 ?? 0
print(firstPair)
let entries: [String: Double] = [:]
let firstEntry = entries.first?.value ?? 0
print(firstEntry)
print(noDoubles.reversed().first ?? 0)
let lastOfEnumerated = noDoubles.enumerated().first?.element ?? 0
print(lastOfEnumerated)
// with elements: the same closures, now typed from the receiver
let some = [1.5, 2.5, 4.0]
print(some.map { $0 * 2 }, some.map { $0 / 2 }.reduce(0, +), some.filter { $0 > 2 }.count)
print(some.map { pow($0, 2) }, some.map { x in pow(x, 2) }.reduce(0, +))
print(some.reduce(0) { $0 + pow($1, 2) }, some.map { sqrt($0) }.first ?? 0)
print(zip(some, some).map { $0 * $1 }, zip(some, [1, 2, 3]).map { $0 * Double($1) })
print(some.enumerated().map { Double($0.offset) * $0.element })
print(["a": 1.5, "b": 2.0].mapValues { $0 * 2 }.values.sorted())
print("a-b".map { $0 == "-" ? "_" : $0 }, "abc".filter { $0 != "b" })
print(some.sorted { $0 > $1 }, some.min { $0 > $1 } ?? 0, some.contains { $0 > 3 })
print(some.first(where: { $0 > 2 }) ?? 0, some.firstIndex { $0 > 2 } ?? -1)
// merging another dictionary: its literal takes the receiver's type, its closure two values
let prices: [String: Double] = ["a": 1.5]
print(prices.merging(["a": -1, "q": 2]) { max($0, $1) }.sorted { $0.key < $1.key })
print([String: Double]().merging(["a": -1, "q": 2]) { max($0, $1) }.sorted { $0.key < $1.key })
print(["n": 0.5, "z": -0.0].merging(["a": -1]) { $0 + $1 }.sorted { $0.key < $1.key })
var stock = ["pen": 2.5]
stock.merge(["pen": 1, "ink": 3]) { $0 + $1 }
print(stock.sorted { $0.key < $1.key })
// a closure whose result is `nil` or a value: compactMapValues/compactMap keep the value's type
print([String: Double]().compactMapValues { $0.isNaN ? nil : $0 * 2 }.values.sorted().reduce(0, +))
print(noDoubles.compactMap { $0 > 1 ? $0 : nil }.reduce(0, +))
