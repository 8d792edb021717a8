// What an answer key writes without thinking: String(format:) (the argument as Swift passes
// it), dictionaries with defaults, `?? 0` where the optional holds a Double, sorting by keys,
// tuples, ranges and stride, conversions and rounding, literal elements a closure makes Double.
import Foundation

// String(format:)
let acc = 0.87654
print(String(format: "%.2f", acc), String(format: "%.1f%%", acc * 100))
print(String(format: "%5.2f|%-8.3f|", 3.14159, 2.0), String(format: "%10.4f|", Double.pi))
print(String(format: "%d items, %03d, %5d|%-5d|", 42, 7, 12, 34))
print(String(format: "%e", 12345.678), String(format: "%.3e", 0.000123))
print(String(format: "%g %g %g", 0.0001, 123456789.0, 100.0), String(format: "%.15g", 0.1))
print(String(format: "%x %X %o %#x %#o", 255, 255, 8, 255, 8))
print(String(format: "%@ has %d", "Alice", 3), String(format: "%+.2f %+d % d", 1.5, 3, 5))
print(String(format: "%.0f %.0f %.0f %.0f", 0.5, 1.5, 2.5, -0.5))
print(String(format: "%.2f, %.2f", 1.005, 2.675), String(format: "%08.3f", -3.14159))
print(String(format: "%ld %li %lld", 5, 6, Int.max), String(format: "%%"), String(format: "%c%c", 65, 233))
print(String(format: "%d", 5_000_000_000), String(format: "%ld", 5_000_000_000))
print(String(format: "%x", -1), String(format: "%lx", -1), String(format: "%u", -1), String(format: "%hd", 70000))
print(String(format: "%5@|%-5@|%.1@|", "ab", "cd", "xyz"), String(format: "%d|%5d", true, false))
print(String(format: "%.2f", Double.nan), String(format: "%f", Double.infinity), String(format: "%a", 1.0))
print(String(format: "Epoch %3d: loss %.4f, acc %5.1f%%", 7, 0.0314159, 93.25))
print(String(format: "%d", 1, 2), String(format: "%lf %.1lf", 2.5, 3.25), String(format: "%G %E", 1e-10, 12.5))
let name = "loss"
print("\(name): \(String(format: "%.4f", 0.123456))")

// dictionaries
var counts: [String: Int] = [:]
for w in "the cat and the hat and the bat".split(separator: " ") {
  counts[String(w), default: 0] += 1
}
print(counts["the"]!, counts["and", default: 0], counts["zebra", default: 0], counts["zebra"] ?? 0)
for (word, n) in counts.sorted(by: { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }) {
  print(word, n, terminator: "; ")
}
print()
var groups: [Int: [String]] = [:]
for person in ["ann", "bob", "carla", "dan"] { groups[person.count, default: []].append(person) }
print(groups.keys.sorted().map { "\($0): \(groups[$0]!)" })
let scores = ["a": 3.5, "b": 1.25]
print(scores["a"] ?? 0, scores["c"] ?? -1, scores["c", default: 0])
let squares = Dictionary(uniqueKeysWithValues: (1...3).map { ($0, $0 * $0) })
print(squares.keys.sorted().map { squares[$0]! })
let merged = ["a": 1, "b": 2].merging(["b": 20, "c": 30]) { $1 }
print(merged.sorted { $0.key < $1.key }, ["a": 1].mapValues { $0 * 10 })
let byFirst = Dictionary(grouping: ["apple", "avocado", "banana"], by: { $0.first! })
print(byFirst.keys.sorted(), byFirst["a"]!, Dictionary([("x", 1), ("x", 2), ("y", 5)], uniquingKeysWith: +).sorted { $0.key < $1.key })
var totals = ["a": 1.5]
totals.merge(["a": 1.0, "b": 2.0]) { $0 + $1 }
totals["c", default: 0] += 0.25
print(totals.sorted { $0.key < $1.key }.map { $0.value })
let table: [String: [Double]] = ["x": [2.5, 0.5]]
print(table["x"]?.max() ?? 0, table["y"]?.max() ?? 0, table["y"]?.count ?? 0)

// `?? 0` with Doubles
let empty: [Double] = []
let some = [1.5, 2.5]
var unset: Double? = nil
func lookup() -> Double? { nil }
print(Double("x") ?? 0, Double("2.5") ?? 0, Int("x") ?? -1, empty.first ?? 0, empty.max() ?? 0, empty.min() ?? 1)
print(unset ?? 0, lookup() ?? 0, empty.last ?? 0, some.first(where: { $0 > 9 }) ?? 0, some.firstIndex(of: 9) ?? -1)
print(["1.5", "x"].map { Double($0) ?? 0 }, some.filter { $0 > 5 }.first ?? 0)
let grades = ["amy": 91.5]
let g = grades["bob"] ?? 0
print(g, g / 2)

// sorting, tuples, ranges, stride
let people = [("ann", 31), ("bob", 25), ("cy", 31)]
print(people.sorted { $0.1 < $1.1 }.map { $0.0 }, people.sorted { ($0.1, $0.0) > ($1.1, $1.0) }.map { $0.0 })
print([3, 1, 2].sorted(by: >), Array([3, 1, 2].reversed()), ["b", "A", "c"].sorted())
let t = (a: 1, b: 2.5)
print(t, t.a, t.b, t.0, 17.quotientAndRemainder(dividingBy: 5), (-17).quotientAndRemainder(dividingBy: 5))
print(Array(stride(from: 0, to: 10, by: 3)), Array(stride(from: 1.0, through: 2.0, by: 0.25)))
print(Array(0..<5), (0..<10).count, (1...5).reduce(0, +), (0..<5).contains(5), Array((0..<3).reversed()))

// conversions and rounding
print(Int(3.9), Int(-3.9), Int(3.5.rounded()), Double(7) / 2, Double(7 / 2), Double(-7), Double((8)))
print(Int("42")!, Int("4.2") as Any, Double("4.2")!, Int(Double("1e3")!))
print(2.345.rounded(), (2.345 * 100).rounded() / 100, round(2.5), round(-2.5), floor(2.7), ceil(2.1))
print(7.0.truncatingRemainder(dividingBy: 2), fmod(7.5, 2), fmod(-7.5, 2), 2.0.squareRoot())
print(String(255, radix: 16), String(255, radix: 16, uppercase: true), String(-10, radix: 3), String(5, radix: 2))

// literal elements a closure makes Double
print([1, 2].map { sqrt($0) }, [1, 2].map { abs($0) }, [1, 2].map { $0 / 2 }, [1, 2].map { max($0, 0.5) })
print([1, 2].map { $0.squareRoot() }, [1, 2].map { ($0 as Double) * 2 }, [1, 2].reduce(0.0, +), [1, 2].reduce(1.0, *))
print([1, 2].contains(1.5), [1, 4].firstIndex(of: 4.0)!, [1, 2].map { log($0) * 0.5 }, [1, 2].map { atan2($0, 1.0) })
print([1, 2].map { hypot($0, 1.0) }, [1, 2].map { $0.rounded() }, [1, 2].map { exp($0 * 0.5) }, [1, 2].map { -$0 * 0.5 })
