import Evaluator
import Foundation
import Notebook
import TeXMath
import XCTest

/// SplitMix64: a small generator whose sequence depends only on its seed.
struct Fuzzer {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<bound`.
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }

  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

  /// `base` with one to four random edits: a token inserted, a range deleted, a range
  /// duplicated, a byte flipped or swapped.
  mutating func mutate(_ base: [UInt8], tokens: [String]) -> [UInt8] {
    var bytes = base
    for _ in 0...below(4) {
      let at = below(bytes.count + 1)
      switch below(6) {
      case 0, 1:
        bytes.insert(contentsOf: Array(pick(tokens).utf8), at: at)
      case 2:
        let end = min(bytes.count, at + below(40))
        if at < end { bytes.removeSubrange(at..<end) }
      case 3:
        let end = min(bytes.count, at + below(60))
        if at < end { bytes.insert(contentsOf: bytes[at..<end], at: at) }
      case 4:
        if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: next()) }
      default:
        if at < bytes.count {
          let other = below(bytes.count)
          bytes.swapAt(at, other)
        }
      }
    }
    return bytes
  }
}

/// How long each generator runs and where it starts: `FUZZ_SECONDS` (default 2 per target in
/// `swift test`; scripts/fuzz.sh sets minutes) and `FUZZ_SEED` (default 1).
enum FuzzBudget {
  static var seconds: Double {
    ProcessInfo.processInfo.environment["FUZZ_SECONDS"].flatMap(Double.init) ?? 2
  }
  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 1
  }

  /// Calls `body` with a fresh iteration number until the time is up; returns the count.
  static func run(_ body: (Int) throws -> Void) rethrows -> Int {
    let end = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    var count = 0
    while DispatchTime.now().uptimeNanoseconds < end {
      try body(count)
      count += 1
    }
    return count
  }
}

let hostileTokens = [
  "</script><script>alert(1)</script>", "<img src=x onerror=alert(1)>", "]]>", "-->", "<!--",
  "&", "&amp;", "<", ">", "\"", "'", "\u{0}", "\u{FFFD}", "\u{202E}", "😀", "\\", "\n", "\r\n",
]

final class FuzzTests: XCTestCase {
  static let texTokens =
    [
      "\\frac", "\\frac{1}{2}", "{", "}", "^", "_", "\\sqrt", "\\sqrt[3]", "\\left(", "\\right)",
      "\\left.", "\\right|", "\\begin{matrix}", "\\end{matrix}", "\\begin{pmatrix}",
      "\\end{pmatrix}",
      "\\begin{aligned}", "\\end{aligned}", "&", "\\\\", "\\text{", "\\mathrm{", "\\operatorname{",
      "\\sum_{i=1}^{n}", "\\int", "\\lim", "\\partial", "\\alpha", "\\hat", "\\overline", "\\cdot",
      "x", "y", "1", "2.5", "+", "-", "=", "(", ")", "[", "]", "|", "\\|", "\\{", "\\}", "'", " ",
      "\\unknown", "\\", "%", "#", "~", "$", "\\limits", "\\displaystyle", "\\mathbf{", "\\bm{",
      "\\begin{cases}", "\\end{cases}", "\\begin{array}{cc}", "\\end{array}", "\\color{red}",
    ] + hostileTokens

  static let texSeeds = [
    "\\frac{\\partial E}{\\partial w_5} = 0.082", "\\sigma(z) = \\frac{1}{1 + e^{-z}}",
    "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\sum_{i=1}^{n} x_i^2",
    "\\left( \\frac{a}{b} \\right)^2", "\\sqrt[3]{x + y}", "\\text{loss} = -\\log p",
    "\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", "\\hat{y} = \\operatorname{softmax}(Wx)",
  ]

  /// Random and mutated TeX never crashes the converter, gives one well-formed `<math>`
  /// element with nothing executable in it, and every diagnostic points inside the source.
  func testTeXConverter() throws {
    var fuzzer = Fuzzer(seed: FuzzBudget.seed)
    let count = FuzzBudget.run { _ in
      let source: String
      if fuzzer.chance(50) {
        source = (0..<fuzzer.below(30)).map { _ in fuzzer.pick(Self.texTokens) }.joined()
      } else {
        let bytes = fuzzer.mutate(Array(fuzzer.pick(Self.texSeeds).utf8), tokens: Self.texTokens)
        source = String(decoding: bytes, as: UTF8.self)
      }
      let rendering = TeX.mathML(source, style: fuzzer.chance(50) ? .display : .inline)
      let xml = StrictXML(rendering.markup)
      XCTAssertNil(xml.error, "TeX \(source.debugDescription) gives \(rendering.markup)")
      XCTAssertNil(xml.executable, source.debugDescription)
      XCTAssertTrue(rendering.markup.hasPrefix("<math"), source.debugDescription)
      for diagnostic in rendering.diagnostics {
        XCTAssertTrue(
          (0...source.count).contains(diagnostic.offset)
            || (0...source.utf8.count).contains(diagnostic.offset),
          "offset \(diagnostic.offset) outside \(source.debugDescription)")
      }
    }
    print("fuzz TeX: \(count) formulas")
  }

  static let cellTokens =
    [
      "let ", "var ", "x", "y", "f", "=", "+", "-", "*", "/", "%", "<", ">", "==", "&&", "||",
      "!", "(", ")", "[", "]", "{", "}", ",", ":", ".", "..<", "...", "?", "\n", " ", "0", "1",
      "3.5", "Int.max", "-1", "\"s\"", "\"\\(x)\"", "print(", "func f(_ a: Int) -> Int ",
      "for i in 0..<3 ", "while ", "if ", "else ", "guard ", "return ", "break", "continue",
      "$0", "{ $0 }", ".map", ".filter", ".count", "[1, 2, 3]", "[\"a\": 1]", "(1, 2)", "nil",
      "true", "0.0 / 0.0", "1 / 0", "x[5]", "f(f(", "#file", "Date()", "import Foundation",
      "//| timeout: 1\n", "/*", "*/", "\"\"\"\n", "#\"", "\"#", "try ", "throw ", "&x", "inout ",
      // declarations in cells: structs, enums, extensions, conformances, members
      "struct ", "enum ", "indirect ", "extension ", "case ", "switch ", "default: ", "self",
      "Self", "self = ", "init(", "static ", "mutating ", "func ", "var v: Int { ", "get ",
      "set ", ": Equatable", ": Hashable", ": CaseIterable", ": CustomStringConvertible",
      ": Int", ": String", ": Error", "rawValue", ".allCases", "description", "P(x: 1)", ".a",
      ".b(2)", "E.a", "case let .b(n): ", "case .a: ", "P", "E", "T", "Tensor", "Linear",
      "ReLU()", "try Linear(2, 2, seed: 1)", "Tensor([[1.0, -2.0]])", "[any Layer]", "any ",
      "Tensor {}", "struct Tensor { var x = 1 }\n", "struct P { var p: [P] }\n",
      "enum E { case a, b(Int) }\n", "expect(", "do { ", "} catch { ", "rethrows ", "throws ",
    ] + hostileTokens

  static let cellSeeds = [
    "func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }\nsigmoid(0.5)",
    "var total = 0\nfor i in 1...10 where i % 2 == 0 {\n  total += i\n}\nprint(total)",
    "let xs = [3, 1, 2].sorted().map { $0 * 2 }\nxs.reduce(0, +)",
    "let d = [\"a\": 1, \"b\": 2]\nfor (k, v) in d.sorted(by: { $0.key < $1.key }) { print(k, v) }",
    "var n = 10\nwhile n > 0 { n -= 3 }\nn",
    "let (a, b) = (1, 2.5)\n\"\\(a) and \\(b)\"",
    "func fact(_ n: Int) -> Int { n <= 1 ? 1 : n * fact(n - 1) }\nfact(10)",
    "guard 1 < 2 else { fatalError() }\nlet s = \"done\"\ns",
    // Structs: stored, computed, static and mutating members, initializers, conformances.
    "struct P: Equatable { var x: Int; var y = 2.5\n  var sum: Double { Double(x) + y }\n"
      + "  mutating func bump() { x += 1 }\n  static let origin = P(x: 0)\n}\n"
      + "var p = P(x: 1)\np.bump()\nexpect(p == P(x: 2, y: 2.5))\nprint(p.sum, P.origin)",
    "struct Stats: CustomStringConvertible {\n  let mean: Double\n  init(_ xs: [Double]) {"
      + " mean = xs.reduce(0, +) / Double(xs.count) }\n"
      + "  var description: String { \"mean \\(mean)\" }\n}\nprint(Stats([1, 2, 6]))",
    "struct K: Hashable { var a: Int; var b: String }\nvar d: [K: Int] = [:]\n"
      + "d[K(a: 1, b: \"x\"), default: 0] += 1\nSet([K(a: 1, b: \"y\")]).count + d.count",
    "struct C { var n = 0\n  mutating func reset() { self = C(n: 42) }\n"
      + "  func g() -> Int { h() + 1 }\n  func h() -> Int { n * 2 }\n}\n"
      + "var c = C()\nc.reset()\nc.g()",
    // Enums: raw values, associated values, indirect, CaseIterable, switch, implicit members.
    "enum Color: String, CaseIterable { case red, green = \"g\", blue }\n"
      + "print(Color.allCases, Color(rawValue: \"g\") as Any, Color.red.rawValue)",
    "enum N: Int { case a = 1, b, c = 10 }\nlet ns: [N] = [.a, .c]\nns.map { $0.rawValue }",
    "indirect enum Expr { case leaf(Int); case add(Expr, Expr) }\n"
      + "func eval(_ e: Expr) -> Int {\n  switch e {\n  case .leaf(let n): return n\n"
      + "  case let .add(a, b): return eval(a) + eval(b)\n  }\n}\n"
      + "eval(.add(.leaf(1), .add(.leaf(2), .leaf(3))))",
    "enum Dir { case up, down\n  var sign: Int { switch self { case .up: 1; case .down: -1 } }\n"
      + "  mutating func flip() { self = self == .up ? .down : .up }\n}\n"
      + "var d = Dir.up\nd.flip()\nd.sign",
    // Extensions and recursive types.
    "struct V { var x: Int }\nextension V: Equatable { static func make() -> V { V(x: 9) }"
      + " }\nextension Int { var squared: Int { self * self } }\nV.make().x.squared",
    "struct Node { var value: Int; var children: [Node]\n"
      + "  func total() -> Int { value + children.map { $0.total() }.reduce(0, +) }\n}\n"
      + "Node(value: 1, children: [Node(value: 2, children: [])]).total()",
    // Library values through one call site: a loop over layers, a variable changing type.
    "let layers: [any Layer] = [try Linear(2, 2, seed: 1), ReLU()]\n"
      + "var x = Tensor([[1.0, -2.0]])\nfor l in layers { x = try l(x) }\nx",
    "var v: Any = ReLU()\nfor i in 0..<3 {\n  print(v)\n"
      + "  v = i == 0 ? try Linear(2, 2, seed: 1) : \"text\"\n}",
    "struct W { var t: Tensor; var name: String }\nlet w = W(t: Tensor([1.0, 2.0]), name: \"a\")"
      + "\nprint(w)\nw.t.shape",
    // Throwing calls in nested closures.
    "enum Bad: Error { case big }\nfunc f(_ x: Int) throws -> Int {"
      + " if x > 2 { throw Bad.big }; return x }\n"
      + "do { print(try [1, 2, 3].map { a in try [a].map { b in try f(b) } }) }"
      + " catch { print(\"caught\", error) }",
  ]

  /// Random and mutated cells never crash the evaluator or run past their bounds; every error
  /// sits on a line of the cell.
  func testCellParserAndEvaluator() throws {
    var fuzzer = Fuzzer(seed: FuzzBudget.seed &+ 1)
    var session = Session()
    var errors = 0
    // FUZZ_TRACE=1 writes each cell before it runs, so that a crash leaves its input behind.
    let trace = ProcessInfo.processInfo.environment["FUZZ_TRACE"] != nil
    let count = FuzzBudget.run { index in
      if index % 200 == 0 { session = Session() }
      session.limits.maxSteps = 200_000
      var source: String
      if fuzzer.chance(40) {
        source = (0..<fuzzer.below(25)).map { _ in fuzzer.pick(Self.cellTokens) }.joined()
      } else {
        // Now and then two seeds in one cell, so that declarations meet other code (and
        // redeclare the session's types).
        var seed = fuzzer.pick(Self.cellSeeds)
        if fuzzer.chance(20) { seed += "\n" + fuzzer.pick(Self.cellSeeds) }
        let bytes = fuzzer.mutate(Array(seed.utf8), tokens: Self.cellTokens)
        source = String(decoding: bytes, as: UTF8.self)
      }
      // A notebook's cells never hold `\r` (SourceText normalizes line breaks), so neither do
      // these.
      source = source.replacingOccurrences(of: "\r", with: "")
      if trace {
        FileHandle.standardError.write(Data("fuzz cell: \(source.debugDescription)\n".utf8))
      }
      let origin = SourceOrigin(file: "fuzz.md", line: 10, column: 1)
      let outcome = session.run(source, origin: origin, timeout: 0.5)
      let lineCount = source.utf8.split(separator: 10, omittingEmptySubsequences: false).count
      if let error = outcome.error {
        errors += 1
        XCTAssertFalse(error.message.isEmpty, source.debugDescription)
        XCTAssertTrue(
          (10..<(10 + max(lineCount, 1))).contains(error.location.line),
          "error at \(error.location) outside the cell \(source.debugDescription): \(error.message)"
        )
        XCTAssertGreaterThanOrEqual(error.location.column, 1, source.debugDescription)
      }
    }
    print("fuzz cells: \(count) cells, \(errors) located errors")
  }

  /// Every notebook in Notebooks/, and every corpus case that runs in well under a second
  /// (not the ones that wait for a time limit), to be mutated.
  static func notebookSeeds() throws -> (notebooks: [[UInt8]], cases: [[UInt8]]) {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    let folder = root.appendingPathComponent("Notebooks")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasSuffix(".md") }.sorted()
    let notebooks = try names.map { name -> [UInt8] in
      let text = String(
        decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
      // A notebook that trains networks takes tens of seconds in a debug build, and its `fit`
      // calls would overrun the fuzzer's time limit inside the library: its cells are shown,
      // not run, so that its prose, math, options and code are what gets fuzzed.
      guard text.contains("fit("), text.hasPrefix("---\n") else { return Array(text.utf8) }
      return Array(("---\nexecute:\n  eval: false\n" + text.dropFirst(4)).utf8)
    }
    let cases = try Corpus.load().filter { !$0.file.hasPrefix("limits") }.map {
      Array($0.renderedBytes)
    }
    return (notebooks, cases)
  }

  static let notebookTokens =
    [
      "```", "```swift\n", "\n```\n", "~~~", "$", "$$", "\\(", "\\)", "\\[", "\\]", "//| ",
      "//| echo: false\n", "//| error: true\n", "//| timeout: 0\n", "//| label: x\n", "---\n",
      "title: ", "# ", "> ", "- ", "1. ", "| a | b |\n|---|---|\n", "<div class=\"solution\">",
      "</div>", "<details>", "`", "*", "_", "[", "](", "![", "\\frac{", "{swift} 1 + 1",
      "`{swift} x`", "\u{FEFF}", String(repeating: "> ", count: 60),
      String(repeating: "- ", count: 60), String(repeating: "**", count: 60), "@fig-", "@tbl-",
      "_", "//| fig-cap: \"", "//| label: fig-a_b\n",
    ] + hostileTokens

  /// Mutated real notebooks go all the way to a page: no crash, a well-formed page with
  /// nothing executable (rendered --safe), and every diagnostic located in the notebook.
  func testNotebookToPage() throws {
    let seeds = try Self.notebookSeeds()
    XCTAssertFalse(seeds.notebooks.isEmpty)
    XCTAssertFalse(seeds.cases.isEmpty)
    var fuzzer = Fuzzer(seed: FuzzBudget.seed &+ 2)
    var failedCells = 0
    let count = try FuzzBudget.run { _ in
      // Whole notebooks take seconds each (they train networks); the corpus's small ones
      // milliseconds: one input in five is a whole notebook.
      let seed = fuzzer.chance(20) ? fuzzer.pick(seeds.notebooks) : fuzzer.pick(seeds.cases)
      var bytes = fuzzer.mutate(seed, tokens: Self.notebookTokens)
      // Now and then a second corpus case follows, so that cells and prose meet new neighbours.
      if fuzzer.chance(25) { bytes += [10] + fuzzer.pick(seeds.cases) }
      let notebook = Notebook(source: SourceText(data: Data(bytes), name: "fuzz.md"))
      let session = Session(seed: notebook.frontMatter.seed ?? 0)
      session.limits.maxSteps = 2_000_000
      let runs = notebook.cells.map { cell in
        CellRun(
          cell: cell,
          outcome: cell.options.evaluate
            ? session.run(
              cell.source, origin: cell.origin, timeout: min(cell.options.timeout ?? 2, 2))
            : nil)
      }
      let page = NotebookRenderer(
        options: RenderOptions(allowsRawHTML: false, edition: fuzzer.chance(20) ? .student : .key)
      ).render(notebook, runs: runs)
      if page.hasFailedCells { failedCells += 1 }
      if let problem = pageProblem(page.html) {
        XCTFail("\(problem) for the notebook:\n\(String(decoding: bytes, as: UTF8.self))")
        throw CorpusError(message: problem)
      }
      if let diagnostic = unlocatedDiagnostic(in: page, lineCount: lineCount(of: bytes)) {
        XCTFail(
          "unlocated: \(diagnostic.formatted)\nnotebook:\n\(String(decoding: bytes, as: UTF8.self))"
        )
      }
    }
    print("fuzz notebooks: \(count) pages, \(failedCells) with failed cells")
  }
}

final class FuzzFindingsTests: XCTestCase {
  /// Cells the fuzzer found that once stopped the process: each is now a located error.
  func testCellsThatCrashedSwiftSyntax() {
    let session = Session()
    for source in ["var n = 10\nwhil\n n > 0 { n \u{0C}= 3 }en", "n \u{0C}= 3", "l \u{FFFD}= "] {
      let outcome = session.run(source, origin: SourceOrigin(file: "f.md", line: 1), timeout: 2)
      XCTAssertNotNil(outcome.error, source.debugDescription)
    }
  }

  /// An error inside a function written in an earlier cell was placed at that function's
  /// line and column counted from the running cell's start (past its end, or on another
  /// statement): it is now at the running cell's call, with a note where it arose.
  func testErrorsInsideAnEarlierCellsFunctionAreAtTheCall() {
    let session = Session()
    let first = session.run(
      "var g = 1\nfunc f(_ a: [Int]) -> Int {\n  return a[5] + g\n}",
      origin: SourceOrigin(file: "f.md", line: 2), timeout: 2)
    XCTAssertNil(first.error)
    let second = session.run("let x = 1\nf([1])", origin: SourceOrigin(file: "f.md", line: 8))
    XCTAssertEqual(second.error?.message, "Index out of range: index 5 in an array of 1 elements")
    XCTAssertEqual(second.error?.location, SourceLocation(file: "f.md", line: 9, column: 1))
    XCTAssertEqual(second.error?.notes.first, "in 'f', at f.md:4:11")
    // a global the function reads is declared again with another type: the function keeps
    // the one it saw, as in Swift's REPL (6 + 1)
    let third = session.run(
      "let g = \"s\"\nprint(1)\nlet y = f([1, 2, 3, 4, 5, 6])\nprint(y, g)",
      origin: SourceOrigin(file: "f.md", line: 12))
    XCTAssertNil(third.error)
    XCTAssertEqual(
      third.events.compactMap { if case .output(let t) = $0 { t } else { nil } }.joined(),
      "1\n7 s\n")
    // an error in a closure of the running cell that an earlier cell's function calls stays
    // where it arose
    XCTAssertNil(
      session.run(
        "func apply(_ h: () -> Int) -> Int { h() }", origin: SourceOrigin(file: "f.md", line: 20)
      )
      .error)
    let fourth = session.run(
      "let zs = [Int]()\nlet r = apply { zs[2] }", origin: SourceOrigin(file: "f.md", line: 30))
    XCTAssertEqual(fourth.error?.message, "Index out of range: index 2 in an array of 0 elements")
    XCTAssertEqual(fourth.error?.location, SourceLocation(file: "f.md", line: 31, column: 19))
    XCTAssertEqual(fourth.error?.notes, [])
  }

  /// Programs scripts/difffuzz.py found that swiftc rejects and the evaluator ran. Each is
  /// refused before it runs now, with swiftc's message at swiftc's line and column (recorded
  /// with `swiftc` 6.3.1 on the same text: `a = a` gives "3:3: assigning a variable to
  /// itself", `x / 0` "division by zero").
  func testProgramsSwiftcRejectsThatDifffuzzFound() {
    let cases: [(source: String, message: String, line: Int, column: Int)] = [
      ("var a = 1\nprint(a)\na = a\nprint(a)", "assigning a variable to itself", 3, 3),
      ("var b = [1]\nif true {\n  b = b\n}", "assigning a variable to itself", 3, 5),
      (
        "let c = [1]\nif true {\n  c = c\n}", "cannot assign to value: 'c' is a 'let' constant", 3,
        3
      ),
      // an Int divided by a literal zero, also where it never runs
      ("var x = 5\nlet d = 0.5 / 0\nif x > 9 { print(x / 0) }", "division by zero", 3, 20),
      ("var x = 5\nprint(x)\nif x > 9 {\n  x %= 0\n}", "division by zero", 4, 5),
      ("func f() -> Int {\n  return [1, 2].map { $0 % 0 }.count\n}", "division by zero", 2, 26),
      // swiftc: "arithmetic operation '8 * 4611686018427387904' (on type 'Int') results in an
      // overflow", at the same place, before anything runs
      (
        "print(1)\nif Int.max < 0 {\n  print(8 * 4_611_686_018_427_387_904)\n}",
        "arithmetic overflow: '8 * 4611686018427387904' (on type 'Int') results in an overflow", 3,
        11
      ),
      // swiftc 6.3 with Foundation on Linux: `<` between two number literals, one of them a
      // float literal, is ambiguous (session 5)
      ("print(1.5 < 2.5)", "ambiguous use of operator '<'", 1, 11),
      ("let b = 2\nprint(b, 1 < 2.5)", "ambiguous use of operator '<'", 2, 12),
      ("if -(1.5) < max(2, 0.5) {\n  print(1)\n}", "ambiguous use of operator '<'", 1, 11),
      // `fallthrough` into a case that binds names, or out of the last case (session 5)
      (
        "switch 1 {\ncase 1:\n  fallthrough\ncase let x:\n  print(x)\n}",
        "'fallthrough' from a case which doesn't bind variable 'x'", 3, 3
      ),
      (
        "switch 1 {\ncase 1:\n  print(1)\ndefault:\n  fallthrough\n}",
        "'fallthrough' without a following 'case' or 'default' block", 5, 3
      ),
      // a tuple's labels may be added or dropped, not changed (session 5)
      (
        "let t: (a: Int, b: Int) = (x: 1, y: 2)\nprint(t)",
        "cannot convert value of type '(x: Int, y: Int)' to specified type '(a: Int, b: Int)'", 1,
        27
      ),
      // a plain argument to an inout parameter (session 5)
      (
        "func bump(_ x: inout Int) { x += 1 }\nvar v = 1\nbump(v)",
        "passing value of type 'Int' to an inout parameter requires explicit '&'", 3, 6
      ),
      // an unlabeled break leaves a loop or a switch, not an if (session 5)
      (
        "print(1)\nif true {\n  break\n}",
        "unlabeled 'break' is only allowed inside a loop or switch, a labeled break is required to exit an if or do",
        3, 3
      ),
      // operands of static types an operator does not take, in code that never runs (session 5)
      (
        "func g() {\n  let i = 9\n  let x = -0.0\n  print(i + x)\n}\nprint(1)",
        "binary operator '+' cannot be applied to operands of type 'Int' and 'Double'", 4, 11
      ),
      (
        "func g() {\n  let k = 3\n  print(k * 2.5)\n}",
        "binary operator '*' cannot be applied to operands of type 'Int' and 'Double'", 3, 11
      ),
      (
        "if Int.max < 0 {\n  print(\"a\" + 1)\n}",
        "binary operator '+' cannot be applied to operands of type 'String' and 'Int'", 2, 13
      ),
      // an assignment as a condition, also where it never runs
      (
        "var b = 1\nif Int.max < 0 {\n  if b = 2 { print(b) }\n}",
        "use of '=' in a boolean context, did you mean '=='?", 3, 8
      ),
    ]
    for c in cases {
      let outcome = Session().run(c.source, origin: SourceOrigin(file: "f.md", line: 1))
      XCTAssertEqual(outcome.error?.message, c.message, c.source)
      XCTAssertEqual(
        outcome.error?.location, SourceLocation(file: "f.md", line: c.line, column: c.column))
      XCTAssertFalse(outcome.events.contains { if case .output = $0 { true } else { false } })
    }
  }

  /// swiftc 6.3 types `&*` of two literal-only operands as an Int128 (`3 &* (1 << 62)` prints
  /// 13835058055282163712; a cell's Int wrapped to a negative number): refused where the
  /// product overflows Int, computed where it does not (`5 &* 3` is 15 either way).
  func testWrappingProductOfLiteralsThatOverflowsIsRefused() {
    let refused = Session().run(
      "print(5 &* 3)\nprint(3 &* (1 << 62))", origin: SourceOrigin(file: "f.md", line: 1))
    XCTAssertEqual(
      refused.error?.message,
      "not supported in cells: '&*' of integer literals whose product overflows Int (Swift computes it as an Int128)"
    )
    XCTAssertEqual(refused.error?.location, SourceLocation(file: "f.md", line: 2, column: 9))
    let computed = Session().run(
      "let x = 3\nprint(5 &* 3, x &* (1 << 62))", origin: SourceOrigin(file: "f.md", line: 1))
    var printed = ""
    for case .output(let text) in computed.events { printed += text }
    XCTAssertEqual(printed, "15 -4611686018427387904\n")
  }

  /// `defer` (session 5): the deferred code runs when a thrown error leaves its scope, and
  /// not when a trap ends the program, as in Swift (`swift` prints nothing after the trap).
  func testDeferRunsOnAThrownErrorButNotOnATrap() {
    let source = """
      import DLCore
      func risky(_ n: Int) throws -> Tensor {
        defer { print("cleanup", n) }
        let t = try Tensor([1.0, 2.0]).reshape([n])
        print("after reshape")
        return t
      }
      do {
        print(try risky(2).shape)
        print(try risky(3).shape)
      } catch {
        print("caught")
      }
      func trap(_ n: Int) -> Int {
        defer { print("never printed") }
        return [1][n]
      }
      print(trap(5))
      """
    let outcome = Session().run(source, origin: SourceOrigin(file: "f.md", line: 1))
    var printed = ""
    for case .output(let text) in outcome.events { printed += text }
    XCTAssertEqual(printed, "after reshape\ncleanup 2\n[2]\ncleanup 3\ncaught\n")
    XCTAssertEqual(outcome.error?.location, SourceLocation(file: "f.md", line: 16, column: 13))
  }

  /// A session whose globals held a list 100,000 links deep crashed when it ended: the list's
  /// release recursed as deep on the ending thread's stack (8 MB here, 512 KB on other
  /// threads). The globals are now released on the session's cell thread, with its large
  /// stack.
  func testDeeplyNestedGlobalsAreReleasedWithoutOverflowingTheStack() {
    for _ in 0..<2 {
      let session = Session()
      let outcome = session.run(
        "indirect enum L { case end; case link(Int, L) }\nvar l = L.end\nvar a: [Any] = []\n"
          + "for i in 0..<100000 { l = .link(i, l); a = [a] }\nprint(\"built\")",
        origin: SourceOrigin(file: "f.md", line: 1), timeout: 60)
      XCTAssertNil(outcome.error)
      XCTAssertEqual(outcome.events.count, 1)
    }
  }

  /// Describing or comparing a value nested 100,000 deep recursed until the cell thread's
  /// 512 MB stack overflowed (a crash, as in Swift); past 10,000 levels it is now a located
  /// error, and values 2,000 deep still print and compare. (`n == n` is true at once, as in
  /// Swift: Array's `==` first asks whether both share one buffer; two deep values built apart
  /// are compared level by level.)
  func testValuesNestedTooDeepToPrintOrCompareAreLocatedErrors() {
    let session = Session()
    let build =
      "struct N: Equatable { var kids: [N] }\nvar n = N(kids: [])\nvar m = N(kids: [])\n"
      + "for _ in 0..<100000 { n = N(kids: [n]) }\nfor _ in 0..<2000 { m = N(kids: [m]) }\n"
      + "var p = N(kids: [])\nfor _ in 0..<100000 { p = N(kids: [p]) }"
    XCTAssertNil(session.run(build, origin: SourceOrigin(file: "f.md", line: 1), timeout: 60).error)
    let cases: [(String, String, Int)] = [
      (
        "print(n)",
        "a value nests more than 10000 deep here (a recursive type built up in a loop?), too deep to print or describe",
        1
      ),
      (
        "let s = \"\\(n)\"",
        "a value nests more than 10000 deep here (a recursive type built up in a loop?), too deep to print or describe",
        9
      ),
      (
        "n",
        "a value nests more than 10000 deep here (a recursive type built up in a loop?), too deep to print or describe",
        1
      ),
      (
        "let same = n == p",
        "values nest more than 10000 deep here (a recursive type built up in a loop?), too deep to compare",
        14
      ),
      (
        "expect(n, p)",
        "values nest more than 10000 deep here (a recursive type built up in a loop?), too deep to compare",
        1
      ),
    ]
    for (source, message, column) in cases {
      let outcome = session.run(source, origin: SourceOrigin(file: "f.md", line: 20), timeout: 60)
      XCTAssertEqual(outcome.error?.message, message, source)
      XCTAssertEqual(
        outcome.error?.location, SourceLocation(file: "f.md", line: 20, column: column), source)
      XCTAssertFalse(
        outcome.events.contains { if case .output = $0 { true } else { false } }, source)
    }
    let shallow = session.run(
      "print(m == m, \"\\(m)\".count)\nexpect(m, m)", origin: SourceOrigin(file: "f.md", line: 30),
      timeout: 60)
    XCTAssertNil(shallow.error)
    // the outer value reads "N(kids: [" ... "])" (11 characters); the 2,000 inside it print
    // with the module name as in Swift, "f.N(kids: [" ... "])" (13 each, the innermost
    // "f.N(kids: [])" too)
    let characters = 11 + 2000 * 13
    XCTAssertEqual(shallow.events.first, .output("true \(characters)\n"))
  }
}
