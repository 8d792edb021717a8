import Foundation
import TestSupport
import Testing

@testable import Evaluator

@Suite struct LanguageTests {
  @Test func lastExpressionIsDisplayed() {
    #expect(result("let x = 7 / 2\nx") == "=> 3")
    #expect(result("7.0 / 2") == "=> 3.5")
    #expect(result("[1, 2].map { $0 * 2 }") == "=> [2, 4]")
    #expect(result("var x = 1\nx = 2") == "")
    #expect(result("print(1)") == "1\n")
    #expect(result("\"text\"") == "=> text")
    #expect(result("Optional(3)") == "=> Optional(3)")
  }

  @Test func literalsAdaptToContext() {
    #expect(result("let x: Double = 3\nx") == "=> 3.0")
    #expect(result("0.5 * 2") == "=> 1.0")
    #expect(result("7 / 2 * 1.0") == "=> 3.5")
    #expect(result("let xs: [Double] = [1, 2]\nxs") == "=> [1.0, 2.0]")
    #expect(result("func f(_ x: Double) -> Double { x / 2 }\nf(3)") == "=> 1.5")
    #expect(result("var s = 0.0\ns += 1\ns") == "=> 1.0")
    #expect(result("let d = 2.0\nd * 3") == "=> 6.0")
    // an integer literal beside a tensor is a Double (DLCore's scalar operators take Double)
    #expect(
      result("let t = Tensor([1.0, 2.0])\nprint(try 2 * t + 1)") == "Tensor(shape: [2], [3, 5])\n")
    #expect(result("let d = 2.0\nlet r = true ? 1 : d\nr") == "=> 1.0")
    #expect(result("[[1.0, 2.0], [3, 4]]") == "=> [[1.0, 2.0], [3.0, 4.0]]")
    // a bare `Set` annotation keeps the literal's element type: a Double is no Int
    #expect(
      runCells(["let w: Set = [1, 2]\nlet u = w.union([2.5])"])[0].error?.message
        == "cannot convert value of type 'Double' to expected element type 'Int'")
  }

  @Test func arraysHaveValueSemantics() {
    #expect(result("let a = [1]\nvar b = a\nb.append(2)\nprint(a, b)") == "[1] [1, 2]\n")
    #expect(
      result("var m = [[1], [2]]\nvar n = m\nn[0][0] = 9\nprint(m, n)") == "[[1], [2]] [[9], [2]]\n"
    )
  }

  @Test func closuresCaptureVariablesByReference() {
    #expect(result("var n = 0\nlet f = { n += 1 }\nf()\nf()\nn") == "=> 2")
    #expect(
      result("var fs: [() -> Int] = []\nfor i in 0..<3 { fs.append { i } }\nfs.map { $0() }")
        == "=> [0, 1, 2]")
  }

  @Test func namesPersistAcrossCells() {
    let outcomes = runCells(["let a = 2\nfunc twice(_ x: Int) -> Int { 2 * x }", "twice(a)"])
    #expect(outcomes[1].events == [.display(.text("4"))])
  }

  @Test func aFailedCellKeepsWhatItDefinedBeforeFailing() {
    let outcomes = runCells([
      "let before = 1\nlet boom = 1 / (before - 1)\nlet after = 3", "before", "after",
    ])
    #expect(outcomes[0].error?.message == "division by zero")
    #expect(outcomes[1].events == [.display(.text("1"))])
    #expect(outcomes[2].error?.message == "cannot find 'after' in scope")
  }

  @Test func displayShowsValuesMidCell() {
    let outcome = runCells(["print(\"a\")\ndisplay(2.5)\nprint(\"b\")"])[0]
    #expect(outcome.events == [.output("a\n"), .display(.text("2.5")), .output("b\n")])
  }

  @Test func sameSeedSameSession() {
    #expect(
      runCells(["[1, 2, 3].reduce(0, +)"], seed: 1) == runCells(["[1, 2, 3].reduce(0, +)"], seed: 1)
    )
  }
}

/// Cells that must fail, each with the message and the notebook position it must report.
/// Cell 1 starts at notebook line 10, so cell line k is notebook line 9 + k.
@Suite struct ErrorCorpusTests {
  struct Case: CustomStringConvertible, Sendable {
    var source: String
    var message: String
    var line: Int
    var column: Int
    var note: String? = nil
    var description: String { source }
  }

  static let cases: [Case] = [
    Case(
      source: "let i = 3\ni * 0.5",
      message: "binary operator '*' cannot be applied to operands of type 'Int' and 'Double'",
      line: 11,
      column: 3),
    Case(
      source: "let big = Int.max\nlet y = big + 1",
      message:
        "arithmetic overflow: '9223372036854775807 + 1' (on type 'Int') results in an overflow",
      line: 11, column: 13),
    Case(source: "let z = 0\nprint(10 / z)", message: "division by zero", line: 11, column: 10),
    Case(
      source: "let x = 1\nx = 2", message: "cannot assign to value: 'x' is a 'let' constant",
      line: 11,
      column: 1),
    Case(
      source: "let count = 3\nprint(coutn)", message: "cannot find 'coutn' in scope", line: 11,
      column: 7,
      note: "did you mean 'count'?"),
    Case(
      source: "let xs = [1, 2]\nxs.apend(3)",
      message: "value of type '[Int]' has no member 'apend'",
      line: 11, column: 4, note: "did you mean 'append'?"),
    Case(
      source:
        "func area(width: Double, height: Double) -> Double { width * height }\narea(w: 1, h: 2)",
      // swiftc: at the argument list's parenthesis (Corpus/swiftc/labels.swift)
      message: "incorrect argument labels in call (have 'w:h:', expected 'width:height:')",
      line: 11, column: 5, note: "accepted: area(width:height:)"),
    Case(
      source: "struct P { static var x = 1 { didSet { print(x) } } }",
      message: "not supported in cells: observers of static properties", line: 10, column: 29),
    Case(
      source: "class C {}", message: "not supported in cells: class declarations", line: 10,
      column: 1),
    Case(
      source: "func id<T: Sequence>(_ x: T) -> T { x }",
      message: "not supported in cells: the generic constraint 'Sequence'", line: 10,
      column: 12),
    Case(
      source: "let x = [1, 2]\nx[5]",
      message: "Index out of range: index 5 in an array of 2 elements", line: 11, column: 2),
    Case(
      source: "let o: Int? = nil\no!",
      message: "unexpectedly found nil while unwrapping an Optional value", line: 11, column: 1),
    Case(
      source: "let x = (1 +", message: "expected expression after operator", line: 10, column: 13),
    Case(
      source: "l \u{FFFD}= ",
      message:
        "the cell contains U+FFFD (a replacement character, often from invalid UTF-8); remove it or write it as \"\\u{FFFD}\"",
      line: 10, column: 3),
    Case(
      source: "let a = []", message: "empty collection literal requires an explicit type", line: 10,
      column: 9),
    Case(
      source: "var x = 1\nx = 2.5", message: "cannot assign value of type 'Double' to type 'Int'",
      line: 11, column: 5),
    Case(
      source: "let s: String = 1",
      message: "cannot convert value of type 'Int' to specified type 'String'", line: 10, column: 17
    ),
    Case(
      source: "func f(_ n: Int) -> Int { f(n + 1) }\nf(0)",
      message: "calls nested more than 1000 deep (unbounded recursion?) in 'f'", line: 10,
      column: 27),
    Case(
      source: "let t = 1.5 % 1.0",
      message: "'%' is unavailable: For floating point numbers use truncatingRemainder instead",
      line: 10, column: 13),
    Case(
      source: "import Network",
      message: "no module 'Network' in cells (available: Foundation, DLCore, Charts, DLCharts)",
      line: 10,
      column: 1),
    Case(
      source: "let x = 1\nlet x = 2", message: "invalid redeclaration of 'x'", line: 11, column: 5),
    Case(
      source: "switch 3 {\ncase 1: print(1)\n}", message: "switch must be exhaustive", line: 10,
      column: 1,
      note: "add a default clause"),
    // Int and Double mixing, as swiftc 6 reports it against DLCore (checked with
    // `swiftc -typecheck` on the same lines; the column is Swift's)
    Case(
      source: "let n = 3\nlet t = try Tensor([1.0, 2.0]) * n",
      message: "binary operator '*' cannot be applied to operands of type 'Tensor' and 'Int'",
      line: 11, column: 32),
    Case(
      source: "let n = 3\nlet u = try n * Tensor([1.0, 2.0])",
      message: "binary operator '*' cannot be applied to operands of type 'Int' and 'Tensor'",
      line: 11, column: 15),
    Case(
      source: "var s = 0.0\nlet n = 3\ns += n",
      message: "cannot convert value of type 'Int' to expected argument type 'Double'", line: 12,
      column: 6),
    Case(
      source: "let n = 3\nlet w = try Tensor(shape: [2], repeating: n)",
      message: "cannot convert value of type 'Int' to expected argument type 'Double'", line: 11,
      column: 43),
    Case(
      source: "let n = 3\nfunc f(_ x: Double) -> Double { x * 2 }\n_ = f(n)",
      message: "cannot convert value of type 'Int' to expected argument type 'Double'", line: 12,
      column: 7),
    Case(
      source: "let n = 3\nlet a = [1.0, n]",
      message:
        "heterogeneous collection literal could only be inferred to '[Any]'; add explicit type annotation if this is intentional",
      line: 11, column: 9),
    Case(
      source: "let n = 3\nlet d = 2.0\nlet m = max(d, n)",
      message: "conflicting arguments to generic parameter 'T' ('Double' vs. 'Int')", line: 12,
      column: 9),
    Case(
      source: "let n = 3\nlet r = true ? 1.0 : n",
      message: "result values in '? :' expression have mismatching types 'Double' and 'Int'",
      line: 11, column: 16),
    Case(
      source: "let t = Tensor([1.0, 2.0])\nlet u = t * 2",
      message: "operator can throw but expression is not marked with 'try'", line: 11, column: 11),
    Case(
      source: "let t = Tensor([1.0, 2.0])\nlet u = -t",
      message: "operator can throw but expression is not marked with 'try'", line: 11, column: 9),
    Case(
      source: "var t = Tensor([1.0, 2.0])\nt += t",
      message: "binary operator '+=' cannot be applied to two 'Tensor' operands", line: 11,
      column: 3),
    Case(
      source: "let p = \"a\" * \"b\"",
      message: "binary operator '*' cannot be applied to two 'String' operands", line: 10,
      column: 13),
    Case(
      source: "var str = \"a\"\nlet n = 3\nstr += n",
      message: "cannot convert value of type 'Int' to expected argument type 'String'", line: 12,
      column: 8),
    Case(
      source: "let n = 3\nvar xs: [Double] = []\nxs.append(n)",
      message: "cannot convert value of type 'Int' to expected argument type 'Double'", line: 12,
      column: 11),
    Case(
      source: "let d = -.infinity",
      message: "reference to member 'infinity' cannot be resolved without a contextual type",
      line: 10, column: 11),
    Case(
      source: "do {\n  print(1)\n} catch let e as String {\n  print(e)\n}",
      message: "not supported in cells: catch patterns other than 'catch' and 'catch let name'",
      line: 12, column: 9),
    Case(
      source: "throw 1", message: "not supported in cells: 'throw'", line: 10, column: 1),
    Case(
      source: "var s: Set<Int> = []\ns.insert(\"a\")",
      message: "cannot convert value of type 'String' to expected argument type 'Int'", line: 11,
      column: 10),
    Case(
      source: "let p = Set([(1, 2)])",
      message: "type '(Int, Int)' cannot conform to 'Hashable'", line: 10, column: 9),
    Case(
      source: "var s = \"a\"\nfor c in \"xy\" { s += c }",
      message: "cannot convert value of type 'Character' to expected argument type 'String'",
      line: 11, column: 22),
    Case(
      source: "let k: Character = \"ab\"",
      message: "cannot convert value of type 'String' to specified type 'Character'", line: 10,
      column: 20),
    // a throwing call in a function without `throws`: refused before running when the callee
    // is known (a library initializer), when the call runs otherwise (a method)
    Case(
      source: "func g() {\n  let l = try Linear(2, 3)\n  print(l.parameterCount)\n}",
      message: "errors thrown from here are not handled", line: 11, column: 11),
    Case(
      source:
        "func f() -> Double {\n  let t = Tensor([1.0])\n  return try t.sum().item()\n}\nprint(f())",
      message: "errors thrown from here are not handled", line: 12, column: 10),
  ]

  @Test(arguments: cases) func reportsMessageAndPosition(_ c: Case) throws {
    let outcome = runCells([c.source])[0]
    let error = try #require(outcome.error)
    #expect(error.message == c.message)
    #expect(error.location == SourceLocation(file: "nb.md", line: c.line, column: c.column))
    #expect(!error.excerpt.isEmpty)
    if let note = c.note { #expect(error.notes.contains(note), "\(error.notes)") }
  }

  @Test func excerptHasACaretUnderTheColumn() throws {
    let error = try #require(runCells(["let i = 3\ni * 0.5"])[0].error)
    #expect(error.excerpt == "i * 0.5\n  ^")
  }

  @Test func anArrayVariableKeepsItsIntElementsInClosures() throws {
    // only a literal's elements take their type from the closure; Swift refuses this as well
    let error = try #require(runCells(["let xs = [1, 2]\nxs.map { $0 * 2.0 }"])[0].error)
    #expect(
      error.message
        == "binary operator '*' cannot be applied to operands of type 'Int' and 'Double'")
    #expect(error.location.line == 11)
    #expect(error.location.column == 13)
  }

  @Test func aCellThatLoopsForeverRunsOutOfTime() throws {
    let session = Session()
    let start = Date()
    let outcome = session.run(
      "var n = 0\nwhile true { n += 1 }", origin: SourceOrigin(file: "nb.md", line: 1), timeout: 0.3
    )
    #expect(Date().timeIntervalSince(start) < TestTime.bound(5))
    let error = try #require(outcome.error)
    #expect(error.message.hasPrefix("the cell ran out of time"))
    #expect(error.location.line == 2)
  }

  @Test func printingIsBounded() throws {
    let outcome = runCells(["for _ in 0..<200_000 { print(\"0123456789\") }"])[0]
    let error = try #require(outcome.error)
    #expect(error.message == "the cell printed more than 1048576 bytes of output")
  }
}
