import Evaluator
import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class PageTests: XCTestCase {
  let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;"

  func testTitleFromFrontMatter() throws {
    let (rendered, xml) = try page(
      """
      ---
      title: Answer key
      author:
        - Ada
        - name: Grace
      date: 2024-05-01
      ---
      # First
      """)
    XCTAssertEqual(xml.strings("/html/head/title"), ["Answer key"])
    XCTAssertEqual(xml.strings("//header/h1"), ["Answer key"])
    XCTAssertEqual(xml.strings("//p[@class='nb-byline']"), ["Ada, Grace · 2024-05-01"])
    XCTAssertEqual(
      xml.strings("//nav//a"), ["First"], "with a front matter title every heading is listed")
    XCTAssertTrue(rendered.html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
  }

  func testTitleFromFirstHeadingElseFileName() throws {
    let (_, xml) = try page("Intro.\n\n## Main *topic*\n\n### Part\n")
    XCTAssertEqual(xml.strings("/html/head/title"), ["Main topic"])
    XCTAssertEqual(xml.all("//header").count, 0)
    XCTAssertEqual(xml.strings("//nav//a"), ["Part"], "the title heading is not listed again")
    XCTAssertEqual(notebook("no headings", name: "dir/exam-2.md").title, "exam-2")
    XCTAssertEqual(notebook("", name: "<stdin>").title, "Notebook")
  }

  func testTableOfContentsAnchorsAreStableUniqueAndResolve() throws {
    let text = """
      ---
      title: T
      ---
      # Setup & Data
      ## Loss
      ### Deep
      #### Deeper
      ## Loss
      # 2024 Results!
      ## Ünïcode Straße
      ```swift
      //| label: loss-1
      1
      ```
      ## Loss
      ## ***
      """
    let (_, xml) = try page(text)
    let ids = xml.strings("//article//*[self::h1 or self::h2 or self::h3 or self::h4]/@id")
    XCTAssertEqual(
      ids,
      [
        "setup-data", "loss", "deep", "deeper", "loss-2", "s-2024-results", "ünïcode-straße",
        "loss-3",
        "section",
      ])
    let links = xml.strings("//nav//a/@href")
    XCTAssertEqual(links, ids.filter { $0 != "deeper" }.map { "#" + $0 }, "three levels are listed")
    let allIDs = xml.strings("//@id")
    XCTAssertEqual(Set(allIDs).count, allIDs.count, "ids are unique")
    // Nesting: "Deep" (h3 under h2) nests under "Loss".
    XCTAssertEqual(xml.strings("//nav/ul/li/ul/li/ul/li/a"), ["Deep"])
    // Rendering twice gives the same anchors.
    XCTAssertEqual(notebook(text).headings, notebook(text).headings)
  }

  func testCellsAreHighlightedAndOtherCodeIsShown() throws {
    let (_, xml) = try page(
      """
      ```swift
      let x = max(1, 2)
      ```

      ```python
      print("not run")
      ```

          indented code
      """)
    XCTAssertEqual(xml.strings("//section[@class='nb-cell']//span[@class='hl-call']"), ["max"])
    XCTAssertEqual(xml.strings("//pre/code[@class='language-python']"), ["print(\"not run\")\n"])
    XCTAssertEqual(xml.strings("//pre/code[not(@class)]"), ["indented code\n"])
  }

  func testOptionsShapeTheCell() throws {
    let (rendered, xml) = try page(
      """
      ```swift
      //| echo: false
      1
      ```
      ```swift
      //| output: false
      2
      ```
      ```swift
      //| include: false
      3
      ```
      ```swift
      //| code-fold: true
      //| solution: true
      //| label: fig-a
      //| fig-cap: A <b>figure</b>
      4
      ```
      ```swift
      //| eval: false
      5
      ```
      """,
      events: { cell in
        cell.options.evaluate
          ? [.output("printed \(cell.number)\n"), .display(.text("\(cell.number)"))] : nil
      })
    let cells = xml.all("//article/*[contains(@class, 'nb-cell')]")
    XCTAssertEqual(cells.count, 4, "include: false leaves nothing")
    XCTAssertEqual(cells[0].all(".//pre[@class='nb-code']").count, 0)
    XCTAssertEqual(cells[0].strings(".//pre[@class='nb-stdout']"), ["printed 1\n"])
    XCTAssertEqual(cells[0].strings(".//pre[@class='nb-value']"), ["1"])
    XCTAssertEqual(cells[1].strings(".//pre[@class='nb-code']"), ["2"])
    XCTAssertEqual(cells[1].all(".//div[@class='nb-output']").count, 0)
    let figure = try XCTUnwrap(cells[2] as? XMLElement)
    XCTAssertEqual(figure.name, "figure")
    XCTAssertEqual(figure.attribute(forName: "id")?.stringValue, "fig-a")
    XCTAssertEqual(figure.attribute(forName: "class")?.stringValue, "nb-cell nb-solution")
    XCTAssertEqual(figure.strings("./figcaption"), ["Figure 1: A <b>figure</b>"])
    XCTAssertEqual(figure.strings("./details/summary"), ["Code"])
    XCTAssertEqual(figure.strings("./details/pre"), ["4"])
    XCTAssertEqual(cells[3].strings(".//pre[@class='nb-code']"), ["5"])
    XCTAssertEqual(
      (cells[3] as? XMLElement)?.attribute(forName: "class")?.stringValue, "nb-cell nb-not-run")
    XCTAssertFalse(rendered.hasFailedCells)
  }

  func testFailingCellsShowTheErrorAndLaterCellsStillRender() throws {
    func failure(_ cell: Cell) -> CellDiagnostic {
      CellDiagnostic(
        message: "cannot find 'y' in scope",
        location: SourceLocation(file: "test.md", line: cell.origin.line, column: 9),
        excerpt: "let x = y\n        ^", notes: ["did you mean 'x'?"])
    }
    let text = """
      ```swift
      let x = y
      ```
      ```swift
      //| error: true
      let x = y
      ```
      ```swift
      //| include: false
      let x = y
      ```
      ```swift
      1
      ```
      """
    let (rendered, xml) = try page(
      text, events: { cell in cell.number == 4 ? [.display(.text("1"))] : [.error(failure(cell))] })
    XCTAssertTrue(rendered.hasFailedCells)
    XCTAssertEqual(rendered.runs.map(\.failedUnexpectedly), [true, false, true, false])
    let errors = xml.all("//div[contains(@class, 'nb-error')]")
    XCTAssertEqual(errors.count, 3, "a failure shows even when the cell is excluded")
    XCTAssertEqual(errors[0].strings("./p/span[@class='nb-where']"), ["test.md:2:9"])
    XCTAssertEqual(errors[0].strings("./pre"), ["let x = y\n        ^"])
    XCTAssertEqual(errors[0].strings("./p[@class='nb-note']"), ["note: did you mean 'x'?"])
    XCTAssertEqual(xml.strings("//pre[@class='nb-value']"), ["1"])
    // Unexpected failures go to stderr; the expected one does not.
    XCTAssertEqual(rendered.diagnostics.map(\.location.line), [2, 9])
    XCTAssertEqual(
      xml.all("//*[contains(@class, 'nb-failed')]").count, 2)
  }

  func testTensorsTablesChartsAndMathDisplay() throws {
    let big = DisplayTensor(shape: [20, 30], entries: (0..<600).map { String($0) })
    let cube = DisplayTensor(
      shape: [6, 2, 2], entries: (0..<24).map { String($0) }, requiresGrad: true)
    let table = DisplayTable(
      header: ["layer", "parameters"], rows: [["Linear", "12"], ["ReLU", "0"]], numericColumns: [1],
      footer: "total 12")
    let svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"10\" height=\"10\"/></svg>"
    let (_, xml) = try page(
      "```swift\nx\n```\n",
      events: { _ in
        [
          .display(.tensor(DisplayTensor(shape: [2, 2], entries: ["1", "2", "3", "4"]))),
          .display(.tensor(big)), .display(.tensor(cube)), .display(.table(table)),
          .display(.svg(svg)),
          .display(.math("x^2")), .display(.tensor(DisplayTensor(shape: [3], entries: ["1"]))),
        ]
      })
    let tensors = xml.all("//figure[@class='nb-tensor']")
    XCTAssertEqual(tensors.count, 4)
    XCTAssertEqual(tensors[0].strings(".//tr"), ["12", "34"])
    XCTAssertEqual(tensors[0].strings("./figcaption"), ["Tensor, shape [2, 2]"])
    // 20 x 30 shows 5 + 1 + 5 rows and columns; the corners survive.
    let rows = tensors[1].all(".//tr")
    XCTAssertEqual(rows.count, 11)
    XCTAssertEqual(rows[0].all("./td").count, 11)
    XCTAssertEqual(rows[0].strings("./td").first, "0")
    XCTAssertEqual(rows[10].strings("./td").last, "599")
    XCTAssertEqual(rows[5].strings("./td")[5], "\u{22F1}")
    // Rank 3 with 6 slices: two first, a gap, two last.
    XCTAssertEqual(
      tensors[2].strings("./p[@class='nb-slice']"),
      ["[0, :, :]", "[1, :, :]", "[4, :, :]", "[5, :, :]"])
    XCTAssertEqual(tensors[2].strings("./table[3]//td"), ["16", "17", "18", "19"])
    XCTAssertEqual(tensors[2].strings("./figcaption"), ["Tensor, shape [6, 2, 2], requires grad"])
    // A malformed tensor (3 entries promised, 1 given) shows what it has.
    XCTAssertEqual(tensors[3].strings("./pre"), ["1"])
    XCTAssertEqual(xml.strings("//table[@class='nb-table']/thead//th"), ["layer", "parameters"])
    XCTAssertEqual(xml.strings("//table[@class='nb-table']/tbody//td[@class='num']"), ["12", "0"])
    XCTAssertEqual(xml.strings("//table[@class='nb-table']/tfoot//td"), ["total 12"])
    XCTAssertEqual(xml.all("//div[@class='nb-chart']/*[local-name()='svg']").count, 1)
    XCTAssertEqual(
      xml.strings("//div[@class='nb-math']/code"), ["x^2"], "TeX shows as code without a typesetter"
    )
  }

  func testHostileTextIsEscapedEverywhere() throws {
    let hostile = self.hostile
    let text = """
      ---
      title: "\(hostile.replacingOccurrences(of: "\"", with: "\\\""))"
      author: "\(hostile.replacingOccurrences(of: "\"", with: "\\\""))"
      date: "\(hostile.replacingOccurrences(of: "\"", with: "\\\""))"
      ---
      # Heading \(hostile)

      ```swift
      //| fig-cap: \(hostile)
      let s = "\(hostile)"
      ```

      ```\(hostile)
      \(hostile)
      ```
      """
    let diagnostic = CellDiagnostic(
      message: hostile, location: SourceLocation(file: hostile, line: 1, column: 1),
      excerpt: hostile,
      notes: [hostile])
    let (rendered, xml) = try page(
      text, safe: true,
      events: { _ in
        [
          .output(hostile), .display(.text(hostile)),
          .display(.tensor(DisplayTensor(shape: [1], entries: [hostile]))),
          .display(.table(DisplayTable(header: [hostile], rows: [[hostile]], footer: hostile))),
          .display(.math(hostile)), .warning(diagnostic), .error(diagnostic),
        ]
      })
    XCTAssertEqual(xml.all("//*[local-name()='script' or local-name()='img']").count, 0)
    XCTAssertEqual(xml.all("//@*[starts-with(name(), 'on')]").count, 0)
    let texts = xml.strings("//text()")
    let count = texts.filter { $0.contains(hostile) }.count
    // title, header title, byline author and date, heading, TOC entry, caption, code block,
    // print, value, tensor, table header, cell and footer, math, and per diagnostic: where,
    // message, excerpt, note (twice).
    XCTAssertGreaterThanOrEqual(count, 20, texts.joined(separator: "\n"))
    XCTAssertTrue(xml.strings("//pre[@class='nb-code']").first?.contains(hostile) == true)
    XCTAssertTrue(xml.strings("//meta[@name='author']/@content") == [hostile])
    XCTAssertFalse(rendered.html.contains("<script"))
  }

  func testRawHTMLPassesThroughUnlessSafe() throws {
    let text =
      "Hello <span class=\"x\">there</span>.\n\n<div class=\"box\">\n<b>bold</b>\n</div>\n\n[link](javascript:alert(1))\n"
    let (open, openXML) = try page(text)
    XCTAssertEqual(openXML.strings("//span[@class='x']"), ["there"])
    XCTAssertEqual(openXML.strings("//div[@class='box']/b"), ["bold"])
    XCTAssertFalse(open.html.contains("http-equiv"))
    let (safe, safeXML) = try page(text, safe: true)
    XCTAssertEqual(safeXML.all("//span[@class='x'] | //div[@class='box']").count, 0)
    XCTAssertTrue(
      safeXML.strings("//article/p").first?.contains("<span class=\"x\">there</span>") == true)
    XCTAssertEqual(
      safeXML.strings("//pre[@class='nb-raw-html']"), ["<div class=\"box\">\n<b>bold</b>\n</div>"])
    XCTAssertFalse(safe.html.contains("javascript:"))
    XCTAssertEqual(safeXML.all("//meta[@http-equiv='Content-Security-Policy']").count, 1)
  }

  func testEdgeCaseInputsRender() throws {
    for text in [
      "", "\n\n", "just prose", "```swift\nlet a = 1", "---\ntitle: only front matter\n---\n",
      "---\n",
    ] {
      let (rendered, xml) = try page(text)
      XCTAssertEqual(xml.all("//article").count, 1, text)
      XCTAssertFalse(rendered.hasFailedCells)
    }
    let unterminated = notebook("# T\n\n````swift\nlet a = 1\n```\n", name: "u.md")
    XCTAssertEqual(unterminated.cells.map(\.code), ["let a = 1\n```"])
    XCTAssertEqual(
      unterminated.diagnostics.map { "\($0.location): \($0.message)" },
      [
        "u.md:3:1: this code fence is never closed, so the block runs to the end of its container; add a closing ````"
      ])
    XCTAssertEqual(notebook("```swift\n```\n\n> ```swift\n> let a = 1\n> ```\n").diagnostics, [])
    let quoted = notebook("> ```swift\n> let a = 1\n> ```\n")
    XCTAssertEqual(quoted.cells.first?.origin, SourceOrigin(file: "test.md", line: 2, column: 3))
  }

  func testDeepNestingRendersWithoutExhaustingTheStack() {
    let depth = 20_000
    let text =
      "# " + String(repeating: "*", count: depth) + "deep" + String(repeating: "*", count: depth)
      + "\n\n"
      + String(repeating: "> ", count: depth) + "quoted\n\n"
      + String(repeating: "- ", count: 2_000) + "listed\n\n"
      + "```swift\n" + String(repeating: "(", count: depth) + "\n```\n"
    let parsed = notebook(text)
    XCTAssertEqual(parsed.headings.first?.text, "deep")
    let html = NotebookRenderer().render(
      parsed, runs: parsed.cells.map { CellRun(cell: $0, outcome: nil) }
    ).html
    XCTAssertTrue(html.contains("quoted"))
    XCTAssertTrue(html.contains("listed"))
    XCTAssertTrue(html.contains(String(repeating: "(", count: depth)))
  }

  func testBadFrontMatterWarnsAndTheRestRenders() throws {
    let parsed = notebook("---\ntitle: [unclosed\nseed: -1\n---\n# Body\n")
    XCTAssertEqual(parsed.diagnostics.count, 1)
    XCTAssertTrue(parsed.diagnostics[0].message.hasPrefix("front matter is not valid YAML"))
    XCTAssertEqual(parsed.title, "Body")
    let seeds = notebook("---\nseed: -1\ntitle: 3\n---\n")
    XCTAssertEqual(
      seeds.diagnostics.map(\.message),
      ["'seed' must be a whole number from 0 to 18446744073709551615"])
    XCTAssertEqual(seeds.diagnostics.first?.location.line, 2)
    XCTAssertEqual(seeds.frontMatter.title, "3")
    XCTAssertEqual(notebook("---\nseed: 42\n---\n").frontMatter.seed, 42)
    XCTAssertEqual(notebook("---\n- a list\n---\n").diagnostics.count, 1)
  }

  func testRenderingIsDeterministic() throws {
    let text = try String(contentsOf: fixture("hostile.md"), encoding: .utf8)
    let first = NotebookRenderer().render(notebook(text)).html
    let second = NotebookRenderer().render(notebook(text)).html
    XCTAssertEqual(Data(first.utf8), Data(second.utf8))
  }

  func testTheCommittedIntroNotebookRendersCleanly() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent()
      .deletingLastPathComponent()
    let text = try String(
      contentsOf: root.appendingPathComponent("Notebooks/intro.md"), encoding: .utf8)
    let parsed = notebook(text, name: "Notebooks/intro.md")
    XCTAssertEqual(parsed.diagnostics, [])
    XCTAssertGreaterThanOrEqual(parsed.cells.count, 3)
  }

  func fixture(_ name: String) -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Fixtures/\(name)")
  }
}
