// Printing as an answer key shows it: optionals in collections, nested collections and
// tuples, separators, debugPrint, escapes, padding, interpolation, descriptions; and `?? 0`
// on the elements of an array of optionals, in closures and loops (0.0 for Doubles).
import Foundation
let opts: [Int?] = [1, nil, 3]
print(opts, opts.compactMap { $0 }, opts.map { $0 ?? 0 })
print([(1, "a"), (2, "b")], [[1.0, 2.0], [3.5]], ["k": [1, 2]], [1: "x"])
print(Optional([1, 2]) as Any, Optional("s") as Any, [Optional(1.5)], (1, (2.0, "x")))
print("a", "b", "c", separator: "-", terminator: "!\n")
debugPrint("quoted", 1.5, [1, 2], "tab\there")
print("tab\there", "quote\"s", "uni\u{00E9}", "multi\nline")
print(String(repeating: "=", count: 5) + "|", "abc".padding(toLength: 6, withPad: ".", startingAt: 0) + "|")
let name = "Ann", score = 9.5
print("\(name) scored \(score) (\(Int(score * 10))%) \(score > 9 ? "pass" : "fail")")
print("nested \("inner \(1 + 1)")", "\(opts[0]!)", "\([1, 2].map { $0 * 2 })")
let table = [("Linear", 10, 0.5), ("ReLU", 0, 0.0)]
for (layer, params, dropout) in table { print(layer.padding(toLength: 8, withPad: " ", startingAt: 0), String(format: "%5d %4.1f", params, dropout)) }
let s: Set = [3, 1, 2]
print(s.sorted(), s.contains(2), s.count, Set([1, 2]).isSubset(of: s), s.union([9]).count)
print(1...3, 0..<2, stride(from: 0, to: 3, by: 1).map { $0 })
print(Array("hello").map { String($0) }, "hello".map { $0.uppercased() }.joined())
print(["b": 2].description, [1, 2].description, (1, 2).0, "x".description, 3.description)
print(String(describing: [1.0]), String(reflecting: "r"), "\(String(reflecting: 1.5))")
print(Int.max.description.count, String(Int.min).count, "\(-0.0)", "\(Double.infinity)", "\(-Double.nan)")
print([1, 2, 3].reversed(), [1, 2, 3].enumerated().map { $0 }, Array(zip([1], ["a"])))
let dopts: [Double?] = [1.5, nil]
print(dopts.map { $0 ?? 0 }, dopts.map { v in v ?? -1 }, dopts.compactMap { $0 }, dopts.filter { ($0 ?? 0) > 1 })
for x in dopts { print(x ?? 0) }
let names: [String?] = ["a", nil]
print(names.map { $0 ?? "-" })
let grid: [[Int?]] = [[1, nil]]
print(grid.map { row in row.map { $0 ?? 0 } })
let sortedOpts = dopts.sorted { ($0 ?? 0) < ($1 ?? 0) }
print(sortedOpts)
print((1...3).description, (0..<2).description, Set([1]).description, ["k": 1.0].description)
let lookup: (String) -> Double? = { _ in nil }
print(lookup("a") ?? 0)
