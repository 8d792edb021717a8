import Evaluator
import Foundation
import Notebook
import TestSupport
import XCTest

/// One bad input of the corpus and what must happen to it.
///
/// A corpus file holds cases separated by `=== name` lines. Lines right after the name that
/// start with `@` are expectations; the rest is the notebook. In the notebook, `{{N*text}}`
/// stands for `text` repeated N times, `{{NUL}}` for a NUL byte and `{{xHH}}` for the raw byte
/// HH (so that invalid UTF-8 can be written down).
///
/// - `@diag L:C fragment` (or `@diag fragment`): a diagnostic contains `fragment` and, when
///   given, sits at notebook line L, column C (`L:*`: any column of line L, for a time limit,
///   which stops the cell wherever it happens to be).
/// - `@exit N`: the command's exit status (1 when a cell failed unexpectedly; default 0).
/// - `@text fragment`: the page's text, as a reader sees it, contains `fragment`.
/// - `@html fragment`: the page's HTML source contains `fragment`.
/// - `@no-sentinel`: the input swallows what follows it (an unterminated fence), so the
///   sentinel cell and paragraph the harness appends are not expected.
/// - `@no-sentinel-cell`: the sentinel paragraph renders but the sentinel cell does not run.
/// - `@raw`: render with the author's raw HTML let through (the default here is `--safe`).
/// - `@student`: render the student edition.
/// - `@library`: the case calls library bindings; its exit status is not checked, because it
///   depends on which bindings the evaluator has (the page checks and sentinels still hold).
struct CorpusCase {
  var file: String
  var name: String
  var line: Int
  var diagnostics: [(fragment: String, line: Int?, column: Int?)] = []
  var exitStatus: Int32 = 0
  var texts: [String] = []
  var htmls: [String] = []
  var sentinelParagraph = true
  var sentinelCell = true
  var allowsRawHTML = false
  var edition = Edition.key
  var callsLibrary = false
  var notebook = Data()

  static let sentinelParagraph = "Sentinel paragraph zq9 rendered."
  static let sentinelOutput = "sentinel-cell-ran"

  /// The notebook as rendered: the case's bytes, then a cell and a paragraph that must appear.
  var renderedBytes: Data {
    var bytes = notebook
    if sentinelParagraph {
      bytes.append(
        Data(
          "\n\n```swift\nprint(\"\(Self.sentinelOutput)\")\n```\n\n\(Self.sentinelParagraph)\n"
            .utf8))
    }
    return bytes
  }
}

enum Corpus {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Corpus")

  /// Every case of every corpus file, in file order.
  static func load() throws -> [CorpusCase] {
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
      .filter { $0.hasSuffix(".txt") }.sorted()
    return try files.flatMap { name in
      try parse(
        String(decoding: Data(contentsOf: directory.appendingPathComponent(name)), as: UTF8.self),
        file: name)
    }
  }

  static func parse(_ text: String, file: String) throws -> [CorpusCase] {
    var cases: [CorpusCase] = []
    var current: CorpusCase?
    var body: [Substring] = []
    var inHeader = false
    func finish() {
      guard var done = current else { return }
      var joined = body.joined(separator: "\n")
      while joined.hasSuffix("\n") { joined.removeLast() }
      done.notebook = expand(joined)
      cases.append(done)
    }
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if line.hasPrefix("=== ") {
        finish()
        current = CorpusCase(file: file, name: String(line.dropFirst(4)), line: index + 1)
        body = []
        inHeader = true
        continue
      }
      guard current != nil else { continue }  // the file's introduction
      if inHeader, line.hasPrefix("@") {
        let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
        let key = parts.first.map(String.init) ?? ""
        let value = parts.count > 1 ? String(parts[1]) : ""
        switch key {
        case "diag":
          var fragment = value
          var position: (Int?, Int?) = (nil, nil)
          let words = value.split(separator: " ", maxSplits: 1)
          let coordinates = words.first?.split(separator: ":") ?? []
          if coordinates.count == 2, let l = Int(coordinates[0]),
            let c = coordinates[1] == "*" ? 0 : Int(coordinates[1])
          {
            position = (l, c)
            fragment = words.count > 1 ? String(words[1]) : ""
          }
          current!.diagnostics.append((fragment, position.0, position.1))
        case "exit": current!.exitStatus = Int32(value) ?? -1
        case "text": current!.texts.append(value)
        case "html": current!.htmls.append(value)
        case "no-sentinel": current!.sentinelParagraph = false
        case "no-sentinel-cell": current!.sentinelCell = false
        case "raw": current!.allowsRawHTML = true
        case "student": current!.edition = .student
        case "library": current!.callsLibrary = true
        default:
          throw CorpusError(message: "\(file):\(index + 1): unknown expectation @\(key)")
        }
        continue
      }
      inHeader = false
      body.append(line)
    }
    finish()
    return cases
  }

  /// Replaces `{{N*text}}`, `{{NUL}}` and `{{xHH}}` by what they stand for.
  static func expand(_ text: String) -> Data {
    var output = Data()
    var rest = text[...]
    while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
      output.append(Data(rest[..<open.lowerBound].utf8))
      let token = rest[open.upperBound..<close.lowerBound]
      if token == "NUL" {
        output.append(0)
      } else if token.first == "x", token.count == 3, let byte = UInt8(token.dropFirst(), radix: 16)
      {
        output.append(byte)
      } else if let star = token.firstIndex(of: "*"), let count = Int(token[..<star]) {
        let unit = token[token.index(after: star)...].replacingOccurrences(of: "\\n", with: "\n")
        output.append(Data(String(repeating: unit, count: count).utf8))
      } else {
        output.append(Data("{{\(token)}}".utf8))
      }
      rest = rest[close.upperBound...]
    }
    output.append(Data(rest.utf8))
    return output
  }
}

struct CorpusError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// The outcome of rendering one case.
struct CorpusResult {
  var page: RenderedPage
  var seconds: Double
  var exitStatus: Int32 { page.hasFailedCells ? 1 : 0 }
}

func render(_ item: CorpusCase) -> CorpusResult {
  let start = DispatchTime.now().uptimeNanoseconds
  let notebook = Notebook(source: SourceText(data: item.renderedBytes, name: "case.md"))
  let page = NotebookRenderer(
    options: RenderOptions(allowsRawHTML: item.allowsRawHTML, edition: item.edition)
  ).render(notebook)
  let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  return CorpusResult(page: page, seconds: seconds)
}

/// What is wrong with `result` for `item`, one line each.
func problems(_ item: CorpusCase, _ result: CorpusResult) -> [String] {
  var problems: [String] = []
  let page = result.page
  if let problem = pageProblem(page.html) { problems.append(problem) }
  if !item.callsLibrary && result.exitStatus != item.exitStatus {
    problems.append("exit status \(result.exitStatus), expected \(item.exitStatus)")
  }
  for expected in item.diagnostics {
    let matching = page.diagnostics.filter {
      $0.message.localizedCaseInsensitiveContains(expected.fragment)
    }
    if matching.isEmpty {
      problems.append("no diagnostic contains '\(expected.fragment)'")
    } else if let line = expected.line, let column = expected.column,
      !matching.contains(where: {
        $0.location.line == line && (column == 0 || $0.location.column == column)
      })
    {
      problems.append(
        "'\(expected.fragment)' is at \(matching.map { "\($0.location.line):\($0.location.column)" }), expected \(line):\(column)"
      )
    }
  }
  for diagnostic in page.diagnostics
  where diagnostic.location.line < 1 || diagnostic.location.column < 1 {
    problems.append("unlocated diagnostic: \(diagnostic.formatted)")
  }
  let text = pageText(page.html)
  for fragment in item.texts where !text.contains(fragment) {
    problems.append("the page's text lacks '\(fragment)'")
  }
  for fragment in item.htmls where !page.html.contains(fragment) {
    problems.append("the page's HTML lacks '\(fragment)'")
  }
  if item.sentinelParagraph && !text.contains(CorpusCase.sentinelParagraph) {
    problems.append("the sentinel paragraph after the bad input is missing")
  }
  if item.sentinelParagraph && item.sentinelCell && !text.contains(CorpusCase.sentinelOutput) {
    problems.append("the sentinel cell after the bad input did not run")
  }
  return problems
}

final class CorpusTests: XCTestCase {
  /// Every case renders in-process within its time bound, to a clean page, with the expected
  /// diagnostics, exit status and sentinels. `HARDENING_DUMP=1` prints what each case gave;
  /// `HARDENING_PAGES=DIR` writes a sample of the pages for the Nu HTML checker.
  func testEveryCaseMeetsItsExpectations() throws {
    let cases = try Corpus.load()
    XCTAssertGreaterThanOrEqual(cases.count, 200, "the corpus keeps at least 200 bad inputs")
    let environment = ProcessInfo.processInfo.environment
    let dump = environment["HARDENING_DUMP"] != nil
    let only = environment["HARDENING_CASE"]
    let pagesDirectory = environment["HARDENING_PAGES"].map { URL(fileURLWithPath: $0) }
    if let pagesDirectory {
      try FileManager.default.createDirectory(at: pagesDirectory, withIntermediateDirectories: true)
    }
    var names = Set<String>()
    for (index, item) in cases.enumerated() {
      if let only, !item.name.contains(only) { continue }
      XCTAssertTrue(names.insert(item.name).inserted, "duplicate case name \(item.name)")
      let result = render(item)
      // Each cell's time is bounded by the evaluator (cases that loop use `timeout: 1`);
      // nothing else may take long either (under a sanitizer, `TestTime.scale` times as long).
      XCTAssertLessThan(
        result.seconds, TestTime.bound(20), "\(item.file):\(item.line) \(item.name) took too long")
      if dump {
        print(
          "=== \(item.name) [\(item.file):\(item.line)] exit \(result.exitStatus) \(String(format: "%.2f", result.seconds)) s"
        )
        for diagnostic in result.page.diagnostics {
          print(
            "  \(diagnostic.location.line):\(diagnostic.location.column) \(diagnostic.severity.rawValue): \(diagnostic.message.prefix(160))"
          )
        }
      }
      for problem in problems(item, result) {
        XCTFail("\(item.file):\(item.line) \(item.name): \(problem)")
      }
      // Raw-HTML cases pass the author's markup through, valid or not; they are not sampled.
      if let pagesDirectory, !item.allowsRawHTML,
        index % 3 == 0 || item.file.hasPrefix("hostile") || item.file.hasPrefix("control")
      {
        let safeName = item.name.map { $0.isLetter || $0.isNumber ? $0 : "-" }
        try Data(result.page.html.utf8).write(
          to: pagesDirectory.appendingPathComponent("\(index)-\(String(safeName.prefix(40))).html"))
      }
    }
  }

  func testCorpusNotationExpands() {
    XCTAssertEqual(
      Corpus.expand("a{{3*> }}b{{NUL}}{{xFF}}"), Data("a> > > b".utf8) + Data([0, 0xFF]))
  }
}

final class StrictXMLTests: XCTestCase {
  /// The checker itself rejects what Foundation's recovering parsers let through.
  func testRejectsMalformedAndExecutableMarkup() {
    let wellFormed =
      "<!DOCTYPE html><html><head><style>a>b{}</style></head><body a=\"&lt;&#x41;\">t&amp;x<br /></body></html>"
    XCTAssertNil(StrictXML(wellFormed).error)
    XCTAssertEqual(StrictXML(wellFormed).text, "t&x")
    for bad in [
      "<a><b></a>", "<a>x\u{0C}</a>", "<a>&nbsp;</a>", "<a>a < b</a>", "<a b=c></a>", "<a>",
      "<a></a><b></b>", "<a><!-- x -- y --></a>", "<a b=\"<\"></a>", "<a b=\"1\" b=\"2\"></a>",
    ] {
      XCTAssertNotNil(StrictXML(bad).error, bad)
    }
    XCTAssertNotNil(StrictXML("<a><script>x</script></a>").executable)
    XCTAssertNotNil(StrictXML("<a><img src=\"x\" onerror=\"y\" /></a>").executable)
    XCTAssertNotNil(StrictXML("<a href=\" java\nscript:alert(1)\">x</a>").executable)
    let deep =
      String(repeating: "<b>", count: 20_000) + "x" + String(repeating: "</b>", count: 20_000)
    XCTAssertNil(StrictXML(deep).error, "any depth is read")
  }
}
