import Foundation
import Testing

@testable import Evaluator

// Survey (session 5): the members of the standard library a Swift user reaches for without
// thinking, each run through a cell and compared with `swift`. [x] = Swift's answer (printed
// values in Differential/everyday.swift and the older differential files), [r] = a located
// refusal (tested here), [ ] = left, not in cells (a located "no member" error).
//
// Int      [x] max min zero bitWidth description magnitude signum() isMultiple(of:)
//          [x] quotientAndRemainder(dividingBy:) String(x, radix:uppercase:) Int(s, radix:)
//          [x] Int(Double) Int(exactly:) Int(String) abs min max % & | ^ ~ << >> &+ &- &*
//          [x] trailingZeroBitCount nonzeroBitCount leadingZeroBitCount random(in:) (seeded)
//          [ ] UInt8 Int8 Float (other numeric types), Int(truncatingIfNeeded:)
// Double   [x] infinity nan pi ulpOfOne greatestFiniteMagnitude leastNonzeroMagnitude
//          [x] leastNormalMagnitude isNaN isFinite isInfinite isZero isNormal magnitude ulp
//          [x] rounded() rounded(.toNearestOrEven/.down/.up/.towardZero/...) round()
//          [x] truncatingRemainder remainder squareRoot sign (plus/minus) exponent
//          [x] significand nextUp nextDown description Double(exactly:) Double(String)
//          [x] isLess(than:) isEqual(to:) addingProduct maximum minimum floor ceil round
//          [x] trunc sqrt exp log log2 log10 sin cos atan2 hypot pow random(in:) (seeded)
//          [r] pow(B, n) where Swift picks Foundation's pow(Decimal, Int) (below)
//          [ ] M_E and the other C constants
// Bool     [x] toggle() random() (seeded) description Bool("true") && || !
// type(of:) [x] Int Double Array<Double> Dictionary<K, V> (Int, Double) Optional<Int>
//          [r] a nil or empty value whose type only Swift's type checker knows
// String   [x] count isEmpty first last lowercased() uppercased() capitalized hasPrefix
//          [x] hasSuffix contains split(separator:maxSplits:omittingEmptySubsequences:)
//          [x] components(separatedBy:) trimmingCharacters(in:) replacingOccurrences
//          [x] prefix suffix dropFirst dropLast String(repeating:count:) reversed() sorted()
//          [x] filter map compactMap utf8 (count, Array(...), map { Int($0) }) append
//          [x] append(contentsOf:) removeFirst() removeLast() removeFirst(n) removeAll(where:)
//          [x] starts(with:) padding debugDescription String(describing:) String(x) < ==
//          [r] a Substring passed to String(format:) (Swift's CVarArg error, below)
//          [x] String.Index: startIndex endIndex indices index(after:/before:/_:offsetBy:)
//          [x] distance(from:to:) firstIndex lastIndex s[i] s[i..<j] s[..<i] s[i...]
//          [x] prefix(upTo:/through:) suffix(from:) insert(_:at:) (Differential/string-indices)
//          [ ] unicodeScalars, range(of:), CharacterSet(charactersIn:), localized variants,
//              Substring(...), Substring's own type (a Substring is a String in cells)
// Character [x] isLetter isNumber isWhitespace isUppercase isLowercase isPunctuation isASCII
//          [x] asciiValue wholeNumberValue hexDigitValue uppercased() lowercased()
// Array    [x] count isEmpty first last min max sorted sorted(by:) reversed contains
//          [x] contains(where:) firstIndex(of:/where:) lastIndex allSatisfy compactMap
//          [x] flatMap joined(separator:) prefix suffix dropFirst dropLast prefix(while:)
//          [x] drop(while:) append append(contentsOf:) insert(_:at:) insert(contentsOf:at:)
//          [x] remove(at:) removeFirst removeLast popLast removeAll removeAll(where:) swapAt
//          [x] sort sort(by:) reverse shuffle() shuffled() (seeded) Array(repeating:count:)
//          [x] indices startIndex endIndex index(after:/before:) elementsEqual reduce
//          [x] reduce(into:) count(where:) min(by:) max(by:) first(where:) last(where:)
//          [x] enumerated zip == (one buffer equal at once, as Swift); slices (xs[a...b],
//          [x] dropFirst, prefix, ...) are ArraySlices keeping their base's indices
//          [ ] split(separator:) of an array (ArraySlice elements), lazy, partition(by:)
// Dictionary [x] count isEmpty subscript subscript(_:default:) keys values mapValues
//          [x] compactMapValues filter updateValue removeValue merging merge
//          [x] Dictionary(grouping:by:) Dictionary(uniqueKeysWithValues:) removeAll
// Set      [x] count contains insert remove union intersection subtracting
//          [x] symmetricDifference isSubset isSuperset isDisjoint formUnion sorted
// Range    [x] count isEmpty contains lowerBound upperBound reversed map filter reduce
//          [x] clamped(to:) stride(from:to:by:) stride(from:through:by:) randomElement
//          [x] ~= (a range contains the value; otherwise ==)
// Optional [x] map flatMap ?? ! ?. if let guard let unsafelyUnwrapped String?("t")
//          [x] debugDescription (also of arrays, dictionaries, sets, ranges, Double)
//          [ ] switch over .some/.none (exhaustiveness: the types helper's area)
// Tuples   [x] == != < <= > >= with Swift's lexicographic rules (a NaN decides false)
//
// Random numbers (`Int.random(in:)`, `Double.random(in:)`, `Bool.random()`, `shuffled()`,
// `shuffle()`, `randomElement()`) draw from the session's generator, seeded by the notebook's
// `seed`: an answer key must give the same numbers on every run, which Swift's own
// generator (not seedable) could not.
@Suite struct EverydayLibraryTests {
  /// `pow(B, 3)` whose base is made only of literals and has a member, a generic call or an
  /// implicit member: Swift picks Foundation's `pow(Decimal, Int)`, recorded with swift 6:
  /// `pow((0.0 + 92.9).magnitude, 3)` prints 801765.089 (a Double would be
  /// 801765.0890000002), `pow(.pi, 2)` 9.8696044010893586188344909998761511352,
  /// `pow(2 * .pi, 2)` 39.47841760435743447533796399950460454, `pow(abs(-2.0), 2)` 4,
  /// `pow(max(2, 3), 2)` 9, `pow((2.5 * 2).magnitude, 2)` 25. Refused at `pow`.
  @Test(arguments: [
    ("print(pow((0.0 + 92.9).magnitude, 3))", 7),
    ("print(pow(.pi, 2))", 7),
    ("print(pow(2 * .pi, 2))", 7),
    ("let y = pow(abs(-2.0), 2)", 9),
    ("print(pow(max(2, 3), 2))", 7),
    ("print(pow((2.5 * 2).magnitude, 2))", 7),
    ("print(\"\\(pow(abs(-2.0), 2))\")", 10),
    ("print(pow([2.5, 3.5][0], 2) * 2)", 7),
  ])
  func decimalPowIsRefused(cell: String, column: Int) throws {
    let error = try #require(runCells([cell])[0].error)
    #expect(
      error.message
        == "not supported in cells: this 'pow' is Foundation's pow(Decimal, Int) in Swift, which prints other digits than a Double"
    )
    #expect(error.location.column == column)
    #expect(error.notes.first?.contains("bind the base to a Double first") == true)
  }

  // Where a Double decides (`pow((92.9).magnitude, 3)`, `pow(-(2.5), 2)`, a typed `let`, a
  // Double beside it), Swift takes Glibc's `pow(Double, Double)`: Differential/everyday.swift.

  /// `pow(7.25 * 5, 10)`: one operator between a float and an integer literal is Swift's
  /// "ambiguous use of operator '*'" (Corpus/swiftc/pow-literals.swift); more operators, two
  /// float literals, a Double exponent or a Double beside it run as Glibc's pow.
  @Test func powOfMixedLiteralsIsAmbiguous() throws {
    let (refused, blocks) = try DiagnosticsTests().replayBlocks("pow-literals")
    #expect(refused == 7)
    #expect(blocks == 13)
  }

  /// `pow((-2.5), 2)` stays Swift's ambiguity error (a negative literal in parentheses).
  @Test func parenthesizedNegativeLiteralPowIsAmbiguous() throws {
    let error = try #require(runCells(["print(pow((-2.5), 2))"])[0].error)
    #expect(error.message == "ambiguous use of 'pow'")
    #expect(error.location.column == 7)
  }

  /// A Substring passed to `String(format:)`: Swift's CVarArg error at Swift's place
  /// (Corpus/swiftc/substrings.swift).
  @Test func substringsInStringFormatAreSwiftsError() throws {
    let (refused, blocks) = try DiagnosticsTests().replayBlocks("substrings")
    #expect(refused == 7)
    #expect(blocks == 10)
  }

  /// `type(of:)` of a value whose full type cells do not know is refused, not guessed.
  @Test(arguments: [
    "let o: Int? = nil\nprint(type(of: o))",
    "print(type(of: [Int]().map { [$0, 1] }))",
    "print(type(of: [1].enumerated()))",
  ])
  func typeOfAnUnknownTypeIsRefused(cell: String) throws {
    let error = try #require(runCells([cell])[0].error)
    #expect(error.message.hasPrefix("not supported in cells: type(of:)"))
  }

  /// `String?("t")` converts its argument as Optional's initializer does: Swift's error for a
  /// value of another type, at the argument (swift 6: "cannot convert value of type 'String'
  /// to expected argument type 'Int'" at 1:12).
  @Test func optionalInitializerConvertsItsArgument() throws {
    let error = try #require(runCells([#"let v = Int?("5")"#])[0].error)
    #expect(
      error.message == "cannot convert value of type 'String' to expected argument type 'Int'")
    #expect(error.location.column == 14)
    #expect(
      result(#"print(String?("t") as Any, Double?(3) as Any)"#) == "Optional(\"t\") Optional(3.0)\n"
    )
  }

  /// `text.utf8`'s elements are `UInt8`s, checked as Swift checks them: where the Swift
  /// program traps (swift 6: `"é".utf8.map { $0 + 100 }` and `"abc".utf8.reduce(0, +)` stop
  /// with an overflow, printing nothing) the cell stops with a located overflow.
  @Test(arguments: [
    (
      #"print("é".utf8.map { $0 + 100 })"#,
      "arithmetic overflow: '195 + 100' (on type 'UInt8') results in an overflow"
    ),
    (
      #"print("abc".utf8.reduce(0, +))"#,
      "arithmetic overflow: '195 + 99' (on type 'UInt8') results in an overflow"
    ),
    (
      #"print("a".utf8.first! - 98)"#,
      "arithmetic overflow: '97 - 98' (on type 'UInt8') results in an overflow"
    ),
  ])
  func utf8ByteOverflowStopsTheCell(cell: String, message: String) throws {
    let outcome = runCells([cell])[0]
    let error = try #require(outcome.error)
    #expect(error.message == message)
    #expect(printed(outcome) == "")
  }

  /// A slice keeps its base's indices (Differential/array-slices): index 0 of
  /// `xs.dropFirst()` is out of its bounds, where the Swift program traps (swift 6: "Fatal
  /// error: Index out of bounds").
  @Test func aSliceIndexBelowItsStartStopsTheCell() throws {
    let outcome = runCells(["let xs = [3, 1, 4]\nlet t = xs.dropFirst()\nprint(t[0])"])[0]
    let error = try #require(outcome.error)
    #expect(error.message == "Index out of bounds: index 0 in a slice of indices 1..<3")
    #expect(printed(outcome) == "")
  }

  /// `type(of:)` of a Substring (`Substring` in Swift, a String in cells) is refused.
  @Test(arguments: [
    "let s = \"ab cd\"\nprint(type(of: s.prefix(2)))",
    "let s = \"ab cd\"\nlet w = s.split(separator: \" \")[0]\nprint(type(of: w))",
    "let s = \"ab cd\"\nprint(type(of: s.split(separator: \" \")))",
  ])
  func typeOfASubstringIsRefused(cell: String) throws {
    let error = try #require(runCells([cell])[0].error)
    #expect(
      error.message
        == "not supported in cells: type(of:) of a Substring (cells hold substrings as Strings)")
  }

  /// `shuffle()` draws from the session's seeded generator: the same order for the same seed.
  @Test func shuffleIsSeeded() {
    let cell = "var xs = Array(1...20)\nxs.shuffle()\nprint(xs)"
    let first = printed(runCells([cell], seed: 7)[0])
    #expect(first == printed(runCells([cell], seed: 7)[0]))
    #expect(first != printed(runCells([cell], seed: 8)[0]))
    #expect(
      first.hasPrefix("[") && first != "[\((1...20).map(String.init).joined(separator: ", "))]\n")
  }
}
