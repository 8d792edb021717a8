// The everyday standard library (EverydayLibraryTests' survey): members of Int, Double, Bool,
// String, Character, Array, Dictionary, Set, Range and Optional, each group as Swift prints it.
import Foundation

// Int
print(Int.max, Int.min, Int.zero, Int.bitWidth, 12.trailingZeroBitCount, 12.nonzeroBitCount)
print(7.isMultiple(of: 7), 7.quotientAndRemainder(dividingBy: 2), (-7).signum(), (-3).magnitude)
let qr = 17.quotientAndRemainder(dividingBy: 5)
print(qr.quotient, qr.remainder, 10.description, abs(-3), 7 % 3, -7 % 3)
print(String(255, radix: 16), String(255, radix: 2), String(255, radix: 16, uppercase: true))
print(Int("ff", radix: 16) as Any, Int("zz", radix: 16) as Any, Int("42")!, Int("4.2") as Any)
print(Int(3.9), Int(-3.9), Int(exactly: 3.0) as Any, Int(exactly: 3.5) as Any)
print(min(3, 1, 2), max(3, 1, 2), 1 << 4, 255 >> 2, 6 & 3, 6 | 3, 6 ^ 3, ~5, Int.max &+ 1)

// Double
print(Double.infinity, -Double.infinity, Double.nan, Double.pi, Double.ulpOfOne)
print(Double.greatestFiniteMagnitude, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude)
print(Double.nan.isNaN, 1.0.isFinite, Double.infinity.isInfinite, 0.0.isZero, 1.5.isNaN)
let half = 2.5
print(half.rounded(), half.rounded(.toNearestOrEven), half.rounded(.down), half.rounded(.up))
print(half.rounded(.towardZero), half.rounded(.toNearestOrAwayFromZero), (-half).rounded(.awayFromZero))
print(7.5.truncatingRemainder(dividingBy: 2), (-7.5).truncatingRemainder(dividingBy: 2))
print(7.5.remainder(dividingBy: 2), 2.0.squareRoot(), 12.5.magnitude, 3.5.description)
print(3.7.sign, (-3.7).sign, (-0.0).sign, Double.nan.sign, 3.7.sign == .plus, (-1.0).sign == .minus)
let q = 3.75
print(q.exponent, q.significand, q.ulp, q.nextUp, q.nextDown, q.isNormal)
print(Double(exactly: 3) as Any, Double(exactly: Int.max) as Any, Double("1e3")!, Double("x") as Any)
print(10.0.isLess(than: 11), 3.0.isEqual(to: 3), 2.5.addingProduct(2, 3))
print(Double.maximum(1, .nan), Double.minimum(1, 2), floor(2.7), ceil(2.1), round(2.5), trunc(-2.7))
print(1e-5, 1e16, 1.0e15, 0.1 + 0.2, 1.0 / 3.0, -0.0, 5e-324, 5.0 / 0, Double(Int.max))

// Bool
var flag = false
flag.toggle()
print(flag, true && false, !true, Bool("true") as Any, Bool("yes") as Any, String(true))

// type(of:)
print(type(of: 3), type(of: 3.0), type(of: [1.0]), type(of: "a"), type(of: true))
print(type(of: [1: "a"]), type(of: (1, 2.0)), type(of: Optional(1)), type(of: 1...3))
print(type(of: Set([1])), type(of: 0..<2), type(of: Character("a")), type(of: 3.7.sign))

// Optional
let some: Int? = 5
let none: Int? = nil
print(some.map { $0 * 2 } as Any, none.map { $0 * 2 } as Any, some ?? 0, none ?? 0)
print(some.flatMap { $0 > 3 ? $0 : nil } as Any, some.flatMap { $0 > 9 ? $0 : nil } as Any)
print(String?("t") as Any, Int?(5) as Any, Double?(3) as Any, type(of: Int?(5)))
let maybe: String? = "hi"
print(maybe?.count as Any, maybe?.uppercased() ?? "none", String(describing: maybe))

// Tuples holding a NaN compare as Swift's lexicographic rules say
print((Double.nan, 1) < (0.0, 2), (Double.nan, 1) == (Double.nan, 1), (Double.nan, 1) != (Double.nan, 1))
print((1.0, Double.nan) <= (1.0, 2.0), (0.0, 1) > (Double.nan, 0), (Double.nan, 1) >= (0.0, 2))
print((1.0, Double.nan, 3) < (1.0, 2.0, 4), (2.0, 1) > (1.0, Double.nan), (1, "a") < (1, "b"))
print((1, 2) == (1, 2), (2, 1) > (1, 9), (1, 2, 3) <= (1, 2, 3), (1.0, 2.0) != (1.0, 2.0))

// NaN in arrays: one buffer compares equal at once, as in Swift
let nans = [Double.nan, 1.0]
let copied = nans
var changed = nans
changed.append(2)
print(nans == nans, nans == copied, [Double.nan] == [Double.nan], changed.dropLast() == nans)
print(nans.contains(.nan), [1.0, .nan].firstIndex(of: .nan) as Any, [3.0, .infinity].contains(.infinity))
print(Double.nan == .nan, max(Double.nan, 1.0), min(1.0, Double.nan))

// String
let s = "Hello, World"
print(s.count, s.isEmpty, s.first!, s.last!, s.lowercased(), s.uppercased(), s.capitalized)
print("hello world-foo bar's".capitalized, "ÉCOLE été".capitalized, "".capitalized, "x".debugDescription)
print(s.hasPrefix("He"), s.hasSuffix("ld"), s.contains("lo, W"), s.starts(with: "Hell"))
print(s.split(separator: ","), s.split(separator: " ").map(String.init), s.components(separatedBy: ", "))
print("a  b".split(separator: " ", omittingEmptySubsequences: false), "a,b,c".split(separator: ",", maxSplits: 1))
print("  pad  ".trimmingCharacters(in: .whitespaces), s.replacingOccurrences(of: "l", with: "L"))
print(s.prefix(3), s.suffix(3), s.dropFirst(2), s.dropLast(2), String(s.prefix(3)))
print(String(repeating: "ab", count: 3), String(repeating: Character("x"), count: 2))
print(String(s.reversed()), Array(s).count, s.filter { $0.isLetter }, s.lowercased().sorted().first!)
print(s.utf8.count, Array("abc".utf8), "abé".utf8.map { Int($0) }, "".utf8.isEmpty, "é".count)
print("abé".utf8.map { $0 + 1 }, "123".utf8.map { Int($0 - 48) }, "abc".utf8.first! == 97, s.utf8)
print(s.utf8.max()!, "cab".utf8.sorted(), "hi".utf8.map { $0 % 7 }, type(of: s.utf8.first!))
for byte in "hi".utf8 { print(byte, byte * 2, byte / 3, byte > 100, Double(byte)) }
var t = "abc"
t.append("d")
t += "e"
t.append(contentsOf: "fg")
t.append(contentsOf: ["h", "i"] as [Character])
print(t, t.removeFirst(), t.removeLast(), t)
t.removeFirst(2)
t.removeLast(1)
print(t)
var spaced = "a b c"
spaced.removeAll { $0 == " " }
print(spaced, "abc" < "abd", "B" < "a", max("pear", "apple"), ["b", "a", "C"].sorted())
print(Int("12")! + 1, String(12) + "!", String(3.5), String(describing: [1, 2]), "👍🏽".count)

// Character
print(Character("a").asciiValue!, Character("é").asciiValue as Any, Character("7").wholeNumberValue!)
print(Character("a").isLetter, Character("5").isNumber, Character(" ").isWhitespace, Character("A").isUppercase)
print(Character(",").isPunctuation, Character("a").uppercased(), Character("x").isASCII, Character("f").hexDigitValue!)

// Array
let xs = [3, 1, 4, 1, 5, 9, 2, 6]
print(xs.count, xs.isEmpty, xs.first!, xs.last!, xs.min()!, xs.max()!, [Int]().first as Any)
print(xs.sorted(), xs.sorted(by: >), xs.reversed().map { $0 }, Array(xs.reversed()))
print(xs.contains(4), xs.contains(where: { $0 > 8 }), xs.firstIndex(of: 1)!, xs.lastIndex(of: 1)!)
print(xs.firstIndex(where: { $0 > 3 })!, xs.lastIndex(where: { $0 < 3 })!, xs.allSatisfy { $0 > 0 })
print(xs.compactMap { $0 > 3 ? $0 : nil }, [[1, 2], [3]].flatMap { $0 }, xs.map(String.init).joined(separator: ","))
print(xs.prefix(3), xs.suffix(2), xs.dropFirst(), xs.dropLast(3), xs.prefix(while: { $0 < 4 }))
print(xs.indices, Array(xs.indices), xs.startIndex, xs.endIndex, xs.index(after: 2), xs.index(before: 2))
print(xs.elementsEqual([3, 1]), xs.elementsEqual(xs), xs == [3, 1, 4, 1, 5, 9, 2, 6], xs != [])
print(xs.reduce(0, +), xs.reduce(1, *), xs.count(where: { $0 == 1 }), xs[2...4], xs[..<2], xs[5...])
print(xs.min(by: { $0 > $1 })!, xs.first(where: { $0 > 4 })!, xs.last(where: { $0 > 4 })!)
var a = [1, 2]
a.append(3)
a.append(contentsOf: [4, 5])
a.insert(0, at: 0)
a.insert(contentsOf: [9, 9], at: 1)
print(a, a.remove(at: 1), a)
a.removeAll(where: { $0 % 2 == 0 })
a.swapAt(0, 1)
print(a, a.removeFirst(), a.removeLast(), a, a.popLast() as Any)
var shuffledCount = [5, 3, 4]
shuffledCount.shuffle()
print(shuffledCount.count, shuffledCount.sorted(), Array(repeating: 0, count: 3), Array(1...4))

// Dictionary
let d = ["a": 1, "b": 2, "c": 3]
print(d.count, d["a"]!, d["z"] as Any, d["z", default: 0], d.keys.sorted(), d.values.sorted())
print(d.mapValues { $0 * 10 }.sorted { $0.key < $1.key }, d.filter { $0.value > 1 }.keys.sorted())
print(d.compactMapValues { $0 > 1 ? $0 * 2 : nil }.sorted { $0.key < $1.key })
var e = d
print(e.updateValue(9, forKey: "a") as Any, e.updateValue(5, forKey: "q") as Any)
print(e.removeValue(forKey: "b") as Any, e.removeValue(forKey: "zz") as Any, e.sorted { $0.key < $1.key })
print(d.merging(["a": 100, "d": 4]) { $0 + $1 }.sorted { $0.key < $1.key })
let grouped = Dictionary(grouping: [1, 2, 3, 4, 5], by: { $0 % 2 })
print(grouped[0]!, grouped[1]!, Dictionary(uniqueKeysWithValues: [("x", 1)]))
e.removeAll()
print(e, e.isEmpty, e.count)

// Set and ranges
let set: Set = [1, 2, 3]
print(set.count, set.contains(2), set.union([4]).sorted(), set.intersection([2, 9]).sorted())
print(set.subtracting([1]).sorted(), set.isSubset(of: [1, 2, 3, 4]), set.isDisjoint(with: [7]))
print((1...5).reversed().map { $0 }, (1..<5).count, (1...5).contains(3), (1..<1).isEmpty)
print((1...5).lowerBound, (1...5).upperBound, (1...10).filter { $0 % 3 == 0 }, (1...3).clamped(to: 2...5))
print(stride(from: 0, to: 10, by: 3).map { $0 }, Array(stride(from: 1.0, through: 2.0, by: 0.5)))

// pow where a Double decides (Swift's pow(Decimal, Int) cases are refused: EverydayLibraryTests)
let base = 92.9
let typed: Double = pow((0.0 + 92.9).magnitude, 3)
print(pow((92.9).magnitude, 3), pow(-(2.5), 2), pow((2.5 + 0.5), 2), typed)
print(pow((0.0 + 92.9).magnitude, 3) + base, pow(2.5.squareRoot(), 2), pow(2 * Double.pi, 2))
print(pow((-2.5).magnitude, 2), pow(abs(2.5).squareRoot(), 2), pow(base, 3), pow(abs(base), 2))

// Array literals: a nil beside values makes them optional; an array of Any takes an appended
// literal as its context
enum Light { case red, green }
print([Light.red, .green, nil].map { "\($0)" }, [1, nil, 3], [2.5, nil])
var rows: [[Any]] = []
let one = 1
rows.append(["a", one, "b"])
rows.insert([1, "x"], at: 0)
rows.append(contentsOf: [[2.5, true]])
print(rows.count, rows)
// a dictionary literal merged into a [String: Double] has Double values
let prices = ["a": 1.5]
var stock = ["a": 1.5]
stock.merge(["z": 3]) { $1 }
print(prices.merging(["a": -1, "q": 2]) { max($0, $1) }.sorted(by: { $0.key < $1.key }))
print(stock.sorted { $0.key < $1.key }, ["a": 1].merging(["b": 2]) { $0 + $1 }.count)

// debugDescription and the pattern-match operator ~=
let debugXs = [3, 1, 4]
let maybeHi: String? = "hi"
let noInt: Int? = nil
print(maybeHi.debugDescription, noInt.debugDescription, debugXs.debugDescription, [1.5].debugDescription, ["a": 1].debugDescription)
print((1...3).debugDescription, (0..<2).debugDescription, Character("a").debugDescription, 2.5.debugDescription)
print((0..<10) ~= 5, (0..<10) ~= 10, 1...3 ~= 3, 0.0...1.0 ~= 0.5, (0.0..<1.0) ~= 1, 5 ~= 5, "a" ~= "b")
print(Set([1]).debugDescription, debugXs.dropFirst().debugDescription)
