import Evaluator
import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class EditionTests: XCTestCase {
  let text = """
    ---
    title: Exam
    ---
    ## Question 1

    How many parameters?

    ```swift
    let given = 3
    ```

    <div class="solution">

    ### Worked answer SECRET-HEADING

    The answer is SECRET-PROSE, from $SECRET_MATH$:

    ```swift
    let secretCell = 24832
    ```

    > quoted SECRET-QUOTE

    </div>

    ```swift
    //| solution: true
    let alsoSecret = "SECRET-CELL"
    ```

    ## Question 2

    <div class="note solution" id="x">Inline SECRET-BLOCK</div>

    Still here.

    <div class='solution'>

    Unclosed SECRET-TAIL
    """

  func render(_ edition: Edition, safe: Bool = false) throws -> (RenderedPage, XMLDocument) {
    let parsed = Notebook(source: SourceText(text: text, name: "exam.md"))
    let runs = parsed.cells.map {
      CellRun(cell: $0, outcome: CellOutcome(events: [.display(.text("out \($0.number)"))]))
    }
    let rendered = NotebookRenderer(options: RenderOptions(allowsRawHTML: !safe, edition: edition))
      .render(parsed, runs: runs)
    return (rendered, try XMLDocument(data: Data(rendered.html.utf8)))
  }

  func testStudentEditionHoldsNoSolutionText() throws {
    for safe in [false, true] {
      let (rendered, xml) = try render(.student, safe: safe)
      XCTAssertFalse(rendered.html.contains("SECRET"), rendered.html)
      XCTAssertEqual(xml.all("//*[contains(@class, 'solution')]").count, 0)
      XCTAssertFalse(rendered.html.contains("secretCell"))
      XCTAssertEqual(xml.strings("//nav//a"), ["Question 1", "Question 2"])
      XCTAssertEqual(
        xml.strings("//pre[@class='nb-value']"), ["out 1"], "given cells keep their results")
      XCTAssertTrue(rendered.html.contains("Still here."))
      XCTAssertTrue(rendered.html.contains("How many parameters?"))
      // Solution cells still ran: later cells may need their names.
      XCTAssertEqual(rendered.runs.count, 3)
    }
  }

  func testKeyEditionMarksSolutionProse() throws {
    for safe in [false, true] {
      let (rendered, xml) = try render(.key, safe: safe)
      let solutions = xml.all("//article/div[@class='solution']")
      XCTAssertGreaterThanOrEqual(solutions.count, 1)
      XCTAssertEqual(solutions[0].strings(".//h3"), ["Worked answer SECRET-HEADING"])
      XCTAssertEqual(solutions[0].strings(".//pre[@class='nb-value']"), ["out 2"])
      XCTAssertEqual(xml.strings("//nav//a").count, 3)
      XCTAssertTrue(rendered.html.contains("SECRET-CELL"))
      XCTAssertEqual(
        rendered.diagnostics.map { "\($0.location)" }, ["exam.md:37:1"], "the unclosed solution div"
      )
    }
  }

  func testSolutionMarkers() {
    XCTAssertTrue(SolutionRegion.opensSolution("<div class=\"solution\">\n"))
    XCTAssertTrue(SolutionRegion.opensSolution("  <DIV class='hint solution'>"))
    XCTAssertTrue(SolutionRegion.opensSolution("<div class=solution>"))
    XCTAssertFalse(SolutionRegion.opensSolution("<div class=\"solutions\">"))
    XCTAssertFalse(SolutionRegion.opensSolution("<section class=\"solution\">"))
    XCTAssertEqual(SolutionRegion.divBalance("<div a><divx><div>\n</div>"), 1)
  }
}
