import Evaluator
import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class InlineTests: XCTestCase {
  let text = """
    # Answers

    The count is `{swift} count` and
    the cost is `{swift}  cost(2) ` — but `{swift}` alone, `{swiftly}` and `code` are code.

    > Quoted: `{swift} 1 + 1`
    """

  func testInlineExpressionsAreFoundWithTheirPositions() {
    let parsed = notebook(text)
    XCTAssertEqual(parsed.inlineExpressions.map(\.source), ["count", "cost(2)", "1 + 1"])
    XCTAssertEqual(
      parsed.inlineExpressions.map { "\($0.origin.line):\($0.origin.column)" },
      ["3:23", "4:23", "6:20"])
    XCTAssertEqual(parsed.inlineExpressions.map(\.number), [1, 2, 3])
  }

  func testInlineResultsReplaceTheirSpans() throws {
    let parsed = notebook(text)
    let origin = parsed.inlineExpressions[1].origin
    let diagnostic = CellDiagnostic(
      message: "cannot find 'cost' in scope <b>",
      location: SourceLocation(file: origin.file, line: origin.line, column: origin.column))
    let outcomes = [
      CellOutcome(events: [.display(.text("24832"))]),
      CellOutcome(events: [.error(diagnostic)]),
      CellOutcome(events: [.display(.tensor(DisplayTensor(shape: [], entries: ["2.0"])))]),
    ]
    let inlineRuns = zip(parsed.inlineExpressions, outcomes).map {
      InlineRun(expression: $0, outcome: $1)
    }
    let rendered = NotebookRenderer().render(parsed, runs: [], inlineRuns: inlineRuns)
    let xml = try XMLDocument(data: Data(rendered.html.utf8))
    XCTAssertEqual(xml.strings("//span[@class='nb-inline']"), ["24832", "2.0"])
    XCTAssertEqual(
      xml.strings("//span[@class='nb-inline-error']"),
      ["test.md:4:23: error: cannot find 'cost' in scope <b>"])
    XCTAssertEqual(xml.strings("//p/code"), ["{swift}", "{swiftly}", "code"])
    XCTAssertTrue(rendered.hasFailedCells)
    XCTAssertEqual(rendered.diagnostics.map(\.message), ["cannot find 'cost' in scope <b>"])
  }
}
