// `??` with a literal default: Swift has `(T?, T) -> T` and `(T?, T?) -> T?` and picks `T`
// from the whole expression. A Double left side makes an integer literal a Double, except in
// an argument of type `Any` (print's) when the left side's type comes late (a closure's
// inferred result, `prefix`/`dropFirst`, a member after `?.`): there `T` is `Any` and the
// literal stays an Int. Recorded with swiftc 6.3.1; see CoalesceRules.swift.
import Foundation

var none: [Double] = []
let noInts: [Int] = []
let table: [String: Double] = [:]
let optional: Double? = nil
struct Holder { var w: Double? }
let holder = Holder(w: nil)
func nothing() -> Double? { nil }

// settled left sides: the literal is a Double everywhere
print(none.first ?? 0, none.last ?? 0, none.min() ?? 0, none.max() ?? 0)
print(none.randomElement() ?? 0, table["k"] ?? 0, table.values.first ?? 0, Double("x") ?? 0)
print(none.sorted().first ?? 0, none.filter { $0 > 1 }.first ?? 0, none.reversed().first ?? 0)
print(none.suffix(1).first ?? 0, none.dropLast().first ?? 0, none.shuffled().first ?? 0)
print(nothing() ?? 0, optional ?? 0, holder.w ?? 0, none.first(where: { $0 > 1 }) ?? 0)
print(none.max(by: <) ?? 0, none.map { $0 }.max() ?? 0, none.map { $0 }.min() ?? -1)
print(none.map { (x: Double) -> Double in x }.first ?? 0, none.prefix(2).last ?? 0)
print(none.popLast() ?? 0, [Double]().first ?? 0, Array(none.prefix(2)).first ?? 0)
let anyValue: Any = none.first ?? 0
print(anyValue)

// late left sides in print: `T` is `Any`, the default prints as the Int
print(none.map { $0 }.first ?? 0, none.map { $0 * 2 }.last ?? 0)
print(noInts.map { Double($0) }.first ?? 0, none.compactMap { $0 }.first ?? 0)
// in parentheses the same: the Int late, the Double settled early
print((none.map { $0 }.first ?? 0), ((none.first ?? 0)))
print(none.prefix(2).first ?? 0, none.dropFirst().first ?? 0, none.map { $0 }.randomElement() ?? 0)
print(none.first.map { $0 * 2 } ?? 0, table.first?.value ?? 0, none.first?.magnitude ?? 0)
print(none.enumerated().first?.element ?? 0, zip(none, none).map { $0 + $1 }.first ?? -1)
print(table.mapValues { $0 }["k"] ?? 0, none.map { sqrt($0) }.first ?? 0)
let anyLate: Any = none.map { $0 }.first ?? 0
print(anyLate)

// the same left sides bound, interpolated, typed or in arithmetic: Doubles
let bound = none.map { $0 }.first ?? 0
let boundPrefix = none.prefix(2).first ?? 0
let boundChain = table.first?.value ?? 0
let boundOptionalMap = none.first.map { $0 * 2 } ?? 0
print(bound, boundPrefix, boundChain, boundOptionalMap)
print("\(none.map { $0 }.first ?? 0) \(none.dropFirst().first ?? 0)")
let typed: Double = none.map { $0 }.first ?? 0
print(typed, (none.map { $0 }.first ?? 0) * 2, (none.prefix(1).first ?? 0) + 1)

// a left side that holds a value gives it, in every context
let full = [2.5, 4.0]
print(full.map { $0 }.first ?? 0, full.prefix(1).first ?? 0, full.first ?? 1)
let fullBound = full.map { $0 * 2 }.last ?? 0
print(fullBound, full.first.map { $0 + 1 } ?? 0)

// Int left sides: the literal is an Int in every context
let ints = [3, 4]
print(ints.first ?? 0, noInts.first ?? 0, noInts.map { $0 }.first ?? 0, noInts.max() ?? -1)
let intBound = noInts.map { $0 * 2 }.first ?? 0
print(intBound, "\(noInts.first ?? 7)", ints.indices.first ?? 1)

// collection literals whose elements a closure or an ordering settles as numbers
print([1.5].filter { $0 > 2 }.first ?? 1, [2.5].sorted().first ?? 1, [2.5].min() ?? 1)
print([1, 2].first { $0 > 1.5 } ?? 0, [1, 2, 3].first { $0 >= 2.5 } ?? -1)
let fromLiteral = [1.5, 2.5].filter { $0 > 2 }.first ?? 1
print(fromLiteral, [2.5].first.map { $0 * 2 } ?? 1, [2].first ?? 1)

// where the left side's type comes from: a function's or closure's declared result, an
// element of an array, a loop variable, a dictionary's values, Array(...)
func noValues() -> [Double] { [] }
let makeNone = { () -> [Double] in [] }
let nested: [[Double]] = [[]]
let fromFunction = noValues().first ?? 0
print(fromFunction, makeNone().first ?? 0, nested[0].first ?? 0, Array(none.prefix(2)).last ?? 0)
for inner in nested { print(inner.first ?? 0, inner.max() ?? 1) }
let optionals: [Double?] = [nil, 2.5]
for o in optionals { print(o ?? 0) }
print(optionals.map { $0 ?? 0 }, table.values.first ?? 0, table.keys.first ?? "none")
let filtered = [[1.5]].map { $0.filter { $0 > 5 } }
let firstFiltered = filtered[0].first ?? 0
print(firstFiltered)
