import Foundation
import Testing

@testable import Evaluator

/// Errors whose wording and place follow swiftc (recorded with the stand-ins in
/// Tests/HardeningTests/Corpus/swiftc), and notes that say what to write instead.
@Suite struct DiagnosticsTests {
  /// Swift reports a compound assignment to something immutable at its operator
  /// (Corpus/swiftc/mutating.swift; for the closures Swift also reports the closure's
  /// conversion to `(inout Int) -> ()` at its `{`, the consequence of the same mistake).
  @Test(arguments: [
    ("let a = [1, 2].map { $0 += 1 }", "'$0' is immutable", 25),
    ("let b = [1, 2].map { v in v += 1 }", "'v' is a 'let' constant", 29),
    ("func f(_ n: Int) { n += 1 }", "'n' is a 'let' constant", 22),
    ("let k = 1\nk += 1", "'k' is a 'let' constant", 3),
    ("let xs = [1]\nxs[0] += 1", "'xs' is a 'let' constant", 7),
  ])
  func compoundAssignmentToImmutableIsAtTheOperator(cell: String, reason: String, column: Int)
    throws
  {
    let error = try #require(runCells([cell])[0].error)
    #expect(error.message == "left side of mutating operator isn't mutable: \(reason)")
    #expect(error.location.line == 10 + cell.filter { $0 == "\n" }.count)
    #expect(error.location.column == column)
  }

  /// Where the closure does not show that the literal's integers must be Doubles (here
  /// `pow($0, 2)`, which Swift reads as Foundation's Decimal power), the error says what to
  /// write.
  @Test func intElementsThatAClosureNeedsAsDoublesGetANote() throws {
    let error = try #require(runCells(["let c = [1, -2].map { pow($0, 2) }"])[0].error)
    #expect(
      error.message == "cannot convert value of type 'Int' to expected argument type 'Double'")
    #expect(error.location.column == 27)
    #expect(
      error.notes == ["the literal's elements are Int here; write [1.0, -2.0] to make them Double"])
  }

  /// Integer literals whose type a closure must settle (Corpus/swiftc/literals.swift):
  /// `[1, 2].map { cos($0) }` is Swift's "ambiguous use of 'cos'" (Double, Float or Float80),
  /// `(1...3).map { sqrt($0) }` has "no exact matches" (a range of Doubles is no sequence),
  /// while `sqrt($0)`, `$0.squareRoot()`, `reduce(0.0, +)`, `contains(1.5)` or
  /// `log($0) * 0.5` make the elements Doubles and run (values in Differential/answer-keys).
  /// `pow(2.0, 3)` is ambiguous too (Foundation's `pow(Decimal, Int)`) unless a Double decides
  /// (in parentheses or not),
  /// and so is `text.split(separator: " ").map { $0.count }` (Sequence's or Collection's split).
  @Test func ambiguousLiteralsHaveSwiftsWording() throws {
    let (refused, blocks) = try replayBlocks("literals")
    #expect(refused == 18)
    #expect(blocks == 35)
  }

  /// `String(format:)` arguments that Swift passes but the conversion misreads: `swift` prints
  /// 0.000000 for `String(format: "%f", 3)`, an empty string for `%s` of a String, 0 or
  /// garbage for a missing argument. Refused, at the argument when there is one.
  @Test(arguments: [
    (
      #"let s = String(format: "%.2f", 2)"#, "'%.2f' needs a Double argument, got 'Int'", 32,
      "Swift passes an integer literal to String(format:) as an Int, which '%.2f' misreads (it prints 0 or garbage); write it with a decimal point"
    ),
    (
      "let n = 3\nlet s = String(format: \"%5.1f\", n)",
      "'%5.1f' needs a Double argument, got 'Int'",
      33, "Swift would print 0 or garbage; convert with Double(x)"
    ),
    (
      #"let s = String(format: "%d", 2.5)"#, "'%d' needs an Int argument, got 'Double'", 30,
      "Swift would print whatever lies in memory there; convert with Int(x)"
    ),
    (
      #"let s = String(format: "%s", "abc")"#,
      "'%s' reads a C string, which a Swift String is not (Swift prints garbage)", 9,
      "use '%@' for a String"
    ),
    (
      #"let s = String(format: "%@", 3)"#, "'%@' needs a String argument, got 'Int'", 30,
      "Swift passes other values as numbers, which '%@' misreads (it crashes or prints garbage); use '\\(x)' in a string"
    ),
    (
      #"let s = String(format: "%d %d", 1)"#,
      "String(format:) has fewer arguments than the format's '%d' needs", 9,
      "Swift would print whatever lies in memory there"
    ),
    (
      #"let s = String(format: "%2$@ %1$@", "a", "b")"#,
      "not supported in cells: positional arguments ('%2$@') in String(format:)", 9,
      "give the arguments in the order the format uses them"
    ),
  ])
  func formatArgumentsSwiftWouldMisreadAreRefused(
    cell: String, message: String, column: Int, note: String
  ) throws {
    let error = try #require(runCells([cell])[0].error)
    #expect(error.message == message)
    #expect(error.location.line == 10 + cell.filter { $0 == "\n" }.count)
    #expect(error.location.column == column)
    #expect(error.notes == [note])
  }

  /// `x ?? 0` where `x` is nil: the `0` is a Double when `x` wraps one (`swift` prints 0.0 for
  /// every case of Differential/answer-keys). Where the type is known only to Swift's type
  /// checker (here the `value` of a dictionary's missing first entry), the cell is refused
  /// rather than printing `0`.
  @Test func coalescingWithAnUnknownTypeIsRefused() throws {
    let error = try #require(
      runCells(["let d = [String: Double]()\nlet v = d.first?.value.magnitude ?? 0"])[0].error)
    #expect(
      error.message
        == "not supported in cells: '?? 0' here, where the left side is nil and its type is known only to Swift's type checker"
    )
    #expect(error.location.line == 11)
    #expect(error.location.column == 34)
    #expect(
      error.notes == ["write '0.0' if it holds a Double, or give it a type: 'let x: Int = … ?? 0'"])
    #expect(
      result("let d = [String: Double]()\nlet v: Double = d.first?.value ?? 0\nv") == "=> 0.0")
    #expect(result("let d = [String: Double]()\nd[\"k\"] ?? 0") == "=> 0.0")
    #expect(result("let xs: [Int] = []\nxs.max() ?? 0") == "=> 0")
    #expect(result("[1.5].filter { $0 > 2 }.first ?? 1") == "=> 1.0")
  }

  /// The rules follow the closure's parameters, not just `$0`: a typed parameter decides, an
  /// accumulator that meets a Double makes the initial literal one too, and a body that never
  /// makes the element a Double keeps the Ints (outputs from `swift`, Differential/closure-literals).
  @Test func literalElementsFollowTheClosure() {
    #expect(result("[1, 2].map { (v: Int) in Double(v) * 0.5 }") == "=> [0.5, 1.0]")
    #expect(result("[1, 2].map { (v: Double) in v * 2 }") == "=> [2.0, 4.0]")
    #expect(result("[1, 2, 3].reduce(0) { acc, v in acc + v * 0.5 }") == "=> 3.0")
    #expect(result("[1, 2, 3].reduce(0) { $0 + $1 }") == "=> 6")
    #expect(result("[1, 2].map { [$0, 0.5] }") == "=> [[1.0, 0.5], [2.0, 0.5]]")
  }

  /// The lines of Corpus/swiftc/NAME.swift and swiftc's record of its errors (NAME.expected).
  func standIn(_ name: String) throws -> (lines: [String], expected: String) {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../HardeningTests/Corpus/swiftc").standardizedFileURL
    let source = try String(
      contentsOf: folder.appendingPathComponent(name + ".swift"), encoding: .utf8)
    let expected = try String(
      contentsOf: folder.appendingPathComponent(name + ".expected"), encoding: .utf8)
    return (
      source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), expected
    )
  }

  /// Replays a stand-in file of Corpus/swiftc: its lines `declarations` (1-based) form a
  /// first cell; every later line that swiftc refuses runs as a cell after it and must fail
  /// with swiftc's first error on that line (from NAME.expected), at the same column.
  /// Returns how many lines were checked.
  func replay(_ name: String, declarations: ClosedRange<Int>) throws -> Int {
    let (lines, expected) = try standIn(name)
    let prelude = lines[(declarations.lowerBound - 1)...(declarations.upperBound - 1)]
      .joined(separator: "\n")
    var seen: Set<Int> = []
    for record in expected.split(separator: "\n") {
      // "LINE:COLUMN: message", sorted by line and column: the first of a line is Swift's first
      let parts = record.split(separator: ":", maxSplits: 2).map(String.init)
      let line = try #require(Int(parts[0]))
      let column = try #require(Int(parts[1]))
      guard seen.insert(line).inserted else { continue }
      let cell = lines[line - 1]
      let outcomes = runCells([prelude, cell])
      #expect(outcomes[0].error == nil)
      let error = try #require(outcomes[1].error, "\(cell)")
      #expect(error.message == parts[2].dropFirst(), "\(cell)")
      #expect(error.location.line == 20, "\(cell)")
      #expect(error.location.column == column, "\(cell)")
      // refused before running
      #expect(outcomes[1].events.count == 1, "\(cell)")
    }
    return seen.count
  }

  /// Conditions that are not Bool (Corpus/swiftc/conditions.swift).
  @Test func nonBoolConditionsHaveSwiftsWording() throws {
    #expect(try replay("conditions", declarations: 3...4) == 12)
  }

  /// Calls of cell functions whose arguments do not fit (Corpus/swiftc/labels.swift).
  @Test func argumentMismatchesHaveSwiftsWording() throws {
    #expect(try replay("labels", declarations: 3...7) == 20)
  }

  /// Optional operands, return types and tuple members (Corpus/swiftc/types.swift).
  @Test func typeErrorsHaveSwiftsWording() throws {
    #expect(try replay("types", declarations: 3...8) == 14)
  }

  /// Replays a stand-in file of Corpus/swiftc by blocks of lines (blocks part at blank and
  /// comment lines): each block after the first runs as a cell after the first; a block swiftc
  /// refuses fails with its error (NAME.expected) at the same place, the others run. Returns
  /// how many blocks were refused and how many there were.
  func replayBlocks(_ name: String) throws -> (refused: Int, blocks: Int) {
    let (lines, expected) = try standIn(name)
    var errors: [Int: (column: Int, message: Substring)] = [:]
    for record in expected.split(separator: "\n") {
      let parts = record.split(separator: ":", maxSplits: 2)
      errors[Int(parts[0])!] = (Int(parts[1])!, parts[2].dropFirst())
    }
    // blocks of non-blank lines, without comment lines: (first line number, lines)
    var blocks: [(Int, [String])] = []
    for (i, line) in lines.enumerated() {
      if line.isEmpty || line.hasPrefix("//") {
        if blocks.last?.1.isEmpty == false { blocks.append((0, [])) }
      } else if blocks.isEmpty || blocks[blocks.count - 1].1.isEmpty {
        if blocks.isEmpty { blocks.append((0, [])) }
        blocks[blocks.count - 1] = (i + 1, [line])
      } else {
        blocks[blocks.count - 1].1.append(line)
      }
    }
    blocks.removeAll { $0.1.isEmpty }
    let prelude = blocks.removeFirst().1.joined(separator: "\n")
    var refused = 0
    for (first, block) in blocks {
      let cell = block.joined(separator: "\n")
      let outcomes = runCells([prelude, cell])
      let range = first..<(first + block.count)
      if let (line, error) = errors.first(where: { range.contains($0.key) }) {
        let got = try #require(outcomes[1].error, "\(cell)")
        #expect(got.message == error.message, "\(cell)")
        #expect(got.location.line == 20 + line - first, "\(cell)")
        #expect(got.location.column == error.column, "\(cell)")
        refused += 1
      } else {
        #expect(outcomes[1].error == nil, "\(cell): \(outcomes[1].error?.message ?? "")")
      }
    }
    return (refused, blocks.count)
  }

  /// Functions whose end can be reached without a return (Corpus/swiftc/returns.swift).
  @Test func missingReturnsHaveSwiftsWording() throws {
    let (refused, blocks) = try replayBlocks("returns")
    #expect(refused == 8)
    #expect(blocks == 13)
  }

  /// Values of a known type that cannot be converted, mostly in code that never runs, a
  /// literal element appended to an array of another type, and an Int expression where a
  /// Double is wanted, at its operator, `[` or member, and `Int(true)`, which Swift does not
  /// have (Corpus/swiftc/conversions.swift).
  @Test func conversionsAreRefused() throws {
    let (refused, blocks) = try replayBlocks("conversions")
    #expect(refused == 12)
    #expect(blocks == 13)
  }

  /// Float literals converted to Int outside its range (Corpus/swiftc/literal-conversions.swift)
  /// and a bare `nil` interpolated (nil-interpolation.swift): swiftc's errors, also in code
  /// that never runs; in-range literals and values that are not literals run.
  @Test func literalConversionsAreRefused() throws {
    let (refused, blocks) = try replayBlocks("literal-conversions")
    #expect(refused == 4)
    #expect(blocks == 7)
    let (nilRefused, nilBlocks) = try replayBlocks("nil-interpolation")
    #expect(nilRefused == 1)
    #expect(nilBlocks == 2)
  }

  /// `-(0)` where nothing types the literal is swiftc's ambiguity (Decimal's '-' or Int's);
  /// an operand, a typed binding or parameter and an assignment decide
  /// (Corpus/swiftc/negated-literals.swift).
  @Test func negatedParenthesizedLiteralsAreAmbiguous() throws {
    let (refused, blocks) = try replayBlocks("negated-literals")
    #expect(refused == 8)
    #expect(blocks == 15)
  }

  /// Predicate closures whose result is not a Bool (Corpus/swiftc/closures.swift): Swift
  /// points at the closure's expression, at its operator when it has one.
  @Test func closureResultsHaveSwiftsWording() throws {
    #expect(try replay("closures", declarations: 3...3) == 3)
  }
}
