import Foundation
import Testing

@testable import Evaluator

/// Static types through closures and the checks they allow before a cell runs. Outputs that
/// Swift prints are in Differential/closure-types.swift and Differential/coalescing.swift;
/// these are the refusals, with swiftc's place (recorded with `swiftc -typecheck`).
@Suite struct ClosureTypeTests {
  /// Members and labels of a receiver whose static type is known are checked in code that
  /// never runs, as swiftc checks them (an uncalled function, an untaken branch), with the
  /// error the member gives when it runs.
  @Test(arguments: [
    ("func g() { let x = 3; print(x.foo) }", "value of type 'Int' has no member 'foo'", 31),
    (
      "func g() { let s = \"abc\"; print(s.count2) }",
      "value of type 'String' has no member 'count2'", 35
    ),
    (
      "func g() { let xs = [1.5]; print(xs.mapp { $0 }) }",
      "value of type '[Double]' has no member 'mapp'", 37
    ),
    (
      "func g() { let b = true; print(b.toggle2()) }",
      "value of type 'Bool' has no member 'toggle2'", 34
    ),
    (
      "func g() { let x = 2.5; print(x.roundedd()) }",
      "value of type 'Double' has no member 'roundedd'", 33
    ),
    (
      "if Int.max < 0 { let a = [1, 2]; a.append(3) }",
      "cannot use mutating member on immutable value: 'a' is a 'let' constant", 36
    ),
    (
      "func g() { let xs: [Int] = []; xs.append(1) }",
      "cannot use mutating member on immutable value: 'xs' is a 'let' constant", 35
    ),
    (
      "func g() { let xs = [1.5]; print(xs.map(transform: { $0 })) }",
      "no 'map' accepts these arguments: map(transform:)", 37
    ),
    (
      "func g(_ ts: [Double]) -> [Double] { ts.map { $0.foo() } }",
      "value of type 'Double' has no member 'foo'", 50
    ),
    // an Int beside a Double, both of known type (swiftc's place: the operator)
    (
      "func g() { let a = [1.5].count; print(a + 2.5) }",
      "binary operator '+' cannot be applied to operands of type 'Int' and 'Double'", 41
    ),
    // library receivers: swiftc -typecheck against the built DLCore says the same
    (
      "func g(ts: [Tensor]) -> [Double] { ts.map { $0.foo } }",
      "value of type 'Tensor' has no member 'foo'", 48
    ),
    (
      "func g(ts: [Tensor]) -> [Tensor] { ts.map { $0.max() } }",
      "call can throw, but it is not marked with 'try' and the error is not handled", 45
    ),
    (
      "func g() { let d = [\"a\": 1.5]; print(d.keyz) }",
      "value of type '[String: Double]' has no member 'keyz'", 40
    ),
  ])
  func membersAreCheckedInCodeThatNeverRuns(cell: String, message: String, column: Int) throws {
    let error = try #require(runCells([cell])[0].error)
    #expect(error.message == message)
    #expect(error.location.line == 10)
    #expect(error.location.column == column)
  }

  /// The same mistake where it runs gives the same error, now before anything prints.
  @Test func aMemberErrorStopsTheCellBeforeItRuns() throws {
    let outcome = runCells(["print(\"before\")\nlet x = 3\nprint(x.foo)"])[0]
    let error = try #require(outcome.error)
    #expect(error.message == "value of type 'Int' has no member 'foo'")
    #expect(error.location.line == 12)
    #expect(error.location.column == 9)
    #expect(printed(outcome) == "")
  }

  /// `[2.5].first ?? 1`: Swift makes the literal's elements `Any` and the result an `Any?`
  /// (`let v = [2.5].first ?? 1; print(v)` prints `Optional(2.5)`), which cells do not model.
  @Test(arguments: [
    ("let v = [2.5].first ?? 1", "?? 1", 21),
    ("let v = [2].first ?? 1.5", "?? 1.5", 19),
    ("let v = [\"a\": 2.5][\"b\"] ?? 1", "?? 1", 25),
    ("print(\"\\([2.5].last ?? 0)\")", "?? 0", 21),
  ])
  func aCollectionLiteralBesideAnotherKindOfDefaultIsRefused(
    cell: String, operand: String, column: Int
  ) throws {
    let error = try #require(runCells([cell])[0].error)
    #expect(
      error.message
        == "not supported in cells: '\(operand)' beside an element of a collection literal of another kind of number: Swift may make the literal's elements 'Any' and the result an 'Any?' here"
    )
    #expect(error.location.column == column)
  }

  /// Where the literal's elements are settled as numbers, or the default has their kind, the
  /// value is Swift's (Differential/coalescing.swift has more).
  @Test func settledCollectionLiteralsCoalesceAsSwiftDoes() {
    #expect(result("print([1.5].filter { $0 > 2 }.first ?? 1)") == "1.0\n")
    #expect(result("let v = [2.5].first ?? 1.0\nprint(v)") == "2.5\n")
    #expect(result("let v = [2].first ?? 1\nprint(v)") == "2\n")
    #expect(result("print([2.5].indices.first ?? 1)") == "0\n")
  }

  /// In an argument of type `Any` a late left side makes Swift's `??` an `Any`: a nil left
  /// side gives the Int literal, a value gives itself (outputs from `swift`).
  @Test func coalescingIntoAnyKeepsTheIntLiteral() {
    let cell = "let none: [Double] = []\nprint(none.map { $0 }.first ?? 0, none.first ?? 0)"
    #expect(result(cell) == "0 0.0\n")
    #expect(result("let some = [2.5]\nprint(some.map { $0 }.first ?? 0)") == "2.5\n")
    #expect(
      result("let none: [Double] = []\nlet v = none.map { $0 }.first ?? 0\nprint(v)") == "0.0\n")
  }

  /// A closure's parameters take the receiver's element types, so its result type is known
  /// and an empty result keeps its element type (`append(1)` stores 1.0).
  @Test func emptyResultsKeepTheirElementType() {
    #expect(
      result("let n: [Int] = []\nvar m = n.map { Double($0) }\nm.append(1)\nprint(m)") == "[1.0]\n")
    #expect(
      result(
        "let n: [String: Int] = [:]\nvar m = n.mapValues { Double($0) }\nm[\"a\"] = 1\nprint(m)")
        == "[\"a\": 1.0]\n")
    #expect(result("let n: [Int] = []\nprint(n.map { Double($0) }.reduce(0, +))") == "0.0\n")
  }

  /// A closure or function-typed value takes no argument labels (swiftc, also in code that
  /// never runs): "extraneous argument label 'x:' in call" at the call's `(`.
  @Test(arguments: [
    ("if Int.max < 0 { let f = { (x: Int) -> Int in x }; print(f(x: 1)) }", "label 'x:'", 59),
    ("let g = { (x: Int, y: Int) -> Int in x + y }; print(g(x: 1, y: 2))", "labels 'x:y:'", 54),
    ("let g = { (x: Int, y: Int) -> Int in x + y }; print(g(1, y: 2))", "label 'y:'", 54),
    ("func apply(_ g: (Int) -> Int) -> Int { g(x: 1) }", "label 'x:'", 41),
  ])
  func closuresTakeNoArgumentLabels(cell: String, labels: String, column: Int) throws {
    let error = try #require(runCells([cell])[0].error)
    #expect(error.message == "extraneous argument \(labels) in call")
    #expect(error.location.column == column)
  }

  /// `reduce(0, +)` over an empty sequence whose element type no static type gives: Swift's
  /// answer (0 or 0.0) depends on its type checker, so the cell is refused at `reduce`
  /// (found by scripts/difffuzz.py: Swift prints 0.0 here).
  @Test func reduceOverAnUntypedEmptySequenceIsRefused() throws {
    let cell = "print(Array(repeating: 11, count: 0).map { Double($0) * 2.0 }.reduce(0, +))"
    let error = try #require(runCells([cell])[0].error)
    #expect(
      error.message
        == "not supported in cells: 'reduce' from an integer literal over an empty sequence whose element type is known only to Swift's type checker"
    )
    #expect(error.location.column == 63)
    #expect(
      result("let n: [Int] = []\nprint(n.reduce(0, +), n.map { Double($0) }.reduce(0, +))")
        == "0 0.0\n")
  }
}
