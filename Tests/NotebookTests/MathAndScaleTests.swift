import Evaluator
import Foundation
import TestSupport
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class MathTests: XCTestCase {
  func testMathBecomesMathMLAndPositionsStayTrue() throws {
    let text = """
      # Loss $L(w)$

      Inline $a<b$ and display
      $$
      \\sum_i x_i
      $$
      and `code with $dollars$`.

      ```swift
      //| bogus: 1
      let a = 1
      ```

      <div title="$raw$">$x$</div>
      """
    let (rendered, xml) = try page(text, typesetter: DollarTypesetter())
    XCTAssertEqual(
      xml.strings("//article//*[local-name()='math']"), ["L(w)", "a<b", "\n\\sum_i x_i\n"])
    XCTAssertEqual(
      xml.strings("//article//*[local-name()='math']/@display"), ["inline", "inline", "block"])
    XCTAssertEqual(
      xml.strings("//nav//*[local-name()='math']"), [], "the title heading is not in the TOC")
    XCTAssertEqual(xml.strings("/html/head/title"), ["Loss $L(w)$"])
    XCTAssertEqual(xml.strings("//article/p/code"), ["code with $dollars$"])
    XCTAssertTrue(
      rendered.html.contains("<div title=\"$raw$\">$x$</div>"), "raw HTML keeps its TeX as typed")
    // The cell's first line is line 10 of the file although three lines of math became one.
    let parsed = notebook(text, typesetter: DollarTypesetter())
    XCTAssertEqual(parsed.cells.first?.origin.line, 10)
    XCTAssertEqual(parsed.diagnostics.map(\.location.line), [10])
  }

  func testMathProblemsAreLocatedWarnings() throws {
    let (rendered, _) = try page(
      "Line one.\n\nSee $$\\bad$$ and $ok$ then $\\bad x$.\n", typesetter: DollarTypesetter())
    XCTAssertEqual(rendered.diagnostics.map { "\($0.location)" }, ["test.md:3:7", "test.md:3:29"])
    XCTAssertEqual(rendered.diagnostics.first?.message, "unknown command \\bad")
  }

  func testTeXMathTypesetsProseAndLocatesProblems() throws {
    let text = "# Euler\n\nSo $e^{i\\pi} + 1 = 0$, and\n$$\n\\frac{a}{b} + \\nosuch\n$$\n"
    let (rendered, xml) = try page(text, typesetter: TeXTypesetter())
    let formulas = xml.all("//article//*[local-name()='math']")
    XCTAssertEqual(formulas.count, 2)
    XCTAssertEqual(formulas.flatMap { $0.strings("./@display") }, ["inline", "block"])
    XCTAssertEqual(
      formulas[0].strings(".//*[local-name()='annotation']"), ["e^{i\\pi} + 1 = 0"],
      "the TeX source travels with the MathML")
    XCTAssertEqual(rendered.diagnostics.count, 1)
    // `\nosuch` is on line 5, after `\frac{a}{b} + ` (14 bytes).
    XCTAssertEqual(
      rendered.diagnostics.first?.location, SourceLocation(file: "test.md", line: 5, column: 15))
  }

  func testTokensCannotBeForgedByTheAuthor() throws {
    // The author types text that looks like a placeholder; it must stay text.
    let (_, xml) = try page("\u{E000}M0M\u{E000} and $y$\n", typesetter: DollarTypesetter())
    XCTAssertEqual(xml.strings("//*[local-name()='math']"), ["y"])
    XCTAssertTrue(xml.strings("//article/p").first?.hasPrefix("\u{E000}M0M\u{E000}") == true)
  }

  func testMathDisplayValueUsesTheTypesetter() throws {
    let (_, xml) = try page(
      "```swift\nx\n```\n", typesetter: DollarTypesetter(),
      events: { _ in [.display(.math("E=mc^2"))] })
    XCTAssertEqual(xml.strings("//div[@class='nb-math']/*[local-name()='math']"), ["E=mc^2"])
  }

  func testMathValueProblemsWarnAtTheCell() throws {
    let (rendered, _) = try page(
      "Text.\n\n```swift\nMath(\"\\\\bad\")\n```\n", typesetter: DollarTypesetter(),
      events: { _ in [.display(.math("\\bad"))] })
    XCTAssertEqual(
      rendered.diagnostics.map { "\($0.location): \($0.message)" },
      ["test.md:4:1: in a Math value: unknown command \\bad"])
  }

  func testMathInHeadingsReachesTheTableOfContents() throws {
    let (_, xml) = try page(
      "---\ntitle: T\n---\n## Gradient $\\nabla f$\n", typesetter: DollarTypesetter())
    XCTAssertEqual(xml.strings("//nav//a/*[local-name()='math']"), ["\\nabla f"])
    XCTAssertEqual(xml.strings("//article/h2/@id"), ["gradient-nabla-f"])
  }
}

final class ScaleTests: XCTestCase {
  /// A notebook of about `bytes` bytes: prose, headings, cells, other code, lists.
  func notebookText(bytes: Int) -> String {
    let chunk = """
      ## Question

      Some *prose* with `code`, a [link](https://example.com) and <b>html</b>.

      - item one
      - item two

      ```swift
      //| label: q
      let x = [1, 2, 3].map { $0 * 2 }
      print(x)
      ```

      ```python
      print("hi")
      ```


      """
    return String(repeating: chunk, count: max(1, bytes / chunk.utf8.count))
  }

  /// The CPU time `body` takes on this thread: unlike wall time, other processes on a busy
  /// machine hardly change it (two helpers saw 125 s of wall time for a 30 s render at load 12).
  func seconds(_ body: () -> Void) -> Double {
    func now() -> Double {
      var t = timespec()
      clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
      return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
    let start = now()
    body()
    return now() - start
  }

  func render(_ text: String) -> RenderedPage {
    let parsed = notebook(text)
    return NotebookRenderer().render(
      parsed, runs: parsed.cells.map { CellRun(cell: $0, outcome: nil) })
  }

  /// Rendering time grows linearly: four times the input takes well under sixteen times as long.
  func testRenderingScalesLinearly() {
    let small = notebookText(bytes: 250_000)
    let large = notebookText(bytes: 1_000_000)
    _ = render(notebookText(bytes: 20_000))  // warm up
    let smallTime = seconds { _ = render(small) }
    let largeTime = seconds { _ = render(large) }
    XCTAssertLessThan(largeTime / smallTime, 8, "small \(smallTime)s, large \(largeTime)s")
  }

  /// A 10 MB notebook renders (in a debug build) within a generous bound of CPU time.
  func testTenMegabyteNotebookRenders() {
    let text = notebookText(bytes: 10_000_000)
    var rendered: RenderedPage?
    let time = seconds { rendered = render(text) }
    XCTAssertLessThan(time, TestTime.bound(120), "10 MB took \(time)s")
    XCTAssertGreaterThan(rendered?.html.utf8.count ?? 0, text.utf8.count)
    XCTAssertEqual(rendered?.runs.count, text.components(separatedBy: "```swift").count - 1)
  }
}
