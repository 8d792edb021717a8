import Evaluator
import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Charts side by side reach the page as a row of separate `<svg>` elements that the style
/// sheet lets wrap, so a phone shows the second chart under the first, not off to the side.
final class ChartRowTests: XCTestCase {
  private func svg(_ id: String, width: Int, height: Int) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(id)\" class=\"nbc\" role=\"img\""
      + " width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
      + "<title>\(id)</title></svg>"
  }

  private func element(_ node: XMLNode) -> XMLElement? { node as? XMLElement }

  /// An attribute by its local name (elements in the SVG namespace included).
  private func attribute(_ name: String, _ node: XMLNode) -> String? {
    element(node)?.attributes?.first { ($0.localName ?? $0.name) == name }?.stringValue
  }

  /// The element children of `node`, in order.
  private func children(_ node: XMLNode) -> [XMLElement] {
    (node.children ?? []).compactMap(element)
  }

  func testTheRowHoldsOneCellPerChartWithItsWidthAndABreakBetweenRows() throws {
    let charts = DisplayCharts(
      title: "Loss & accuracy <per epoch>",
      rows: [
        [
          .init(svg: svg("c-1", width: 440, height: 300), width: 440),
          .init(svg: svg("c-2", width: 391, height: 300), width: 391.2),
        ],
        [.init(svg: svg("c-3", width: 320, height: 200), width: 320)],
      ])
    let (_, xml) = try page("```swift\nx\n```\n", events: { _ in [.display(.charts(charts))] })
    let boxes = xml.all("//div[@class='nb-chart nb-charts']")
    XCTAssertEqual(boxes.count, 1)
    let row = try XCTUnwrap(xml.all("//div[@class='nb-chart nb-charts']/div").first)
    XCTAssertEqual(attribute("class", row), "nbc-row")
    XCTAssertEqual(attribute("role", row), "group")
    XCTAssertEqual(attribute("aria-label", row), "Loss & accuracy <per epoch>")
    // The row's own width is its widest row of charts: 440 + 391.2.
    XCTAssertEqual(attribute("style", row), "--nbc-w:831.2px")
    let parts = children(row)
    XCTAssertEqual(
      parts.map { $0.attribute(forName: "class")?.stringValue ?? "" },
      ["nbc-row-title", "nbc-cell", "nbc-cell", "nbc-break", "nbc-cell"])
    XCTAssertEqual(parts[0].name, "p")
    XCTAssertEqual(parts[0].stringValue, "Loss & accuracy <per epoch>")
    let cells = parts.filter { $0.attribute(forName: "class")?.stringValue == "nbc-cell" }
    XCTAssertEqual(
      cells.map { $0.attribute(forName: "style")?.stringValue ?? "" },
      [
        "--nbc-w:440px;flex-grow:440", "--nbc-w:391.2px;flex-grow:391.2",
        "--nbc-w:320px;flex-grow:320",
      ])
    // One svg per cell, each with its own viewBox, in order.
    let expected = [("c-1", "0 0 440 300"), ("c-2", "0 0 391 300"), ("c-3", "0 0 320 200")]
    for (cell, (id, viewBox)) in zip(cells, expected) {
      let svgs = children(cell)
      XCTAssertEqual(svgs.map { $0.localName ?? "" }, ["svg"])
      XCTAssertEqual(svgs.first.flatMap { attribute("id", $0) }, id)
      XCTAssertEqual(svgs.first.flatMap { attribute("viewBox", $0) }, viewBox)
    }
  }

  func testARowWithoutTitleIsNamedForScreenReadersButShowsNoTitle() throws {
    let charts = DisplayCharts(
      title: "", rows: [[.init(svg: svg("c-1", width: 300, height: 200), width: 300)]])
    let (_, xml) = try page("```swift\nx\n```\n", events: { _ in [.display(.charts(charts))] })
    XCTAssertEqual(xml.strings("//div[@class='nbc-row']/@aria-label"), ["Charts side by side"])
    XCTAssertEqual(xml.all("//p[@class='nbc-row-title']").count, 0)
  }

  func testWidthsAreWrittenWithoutExponentsOrNegativeValues() {
    XCTAssertEqual(OutcomeHTML.cssNumber(880), "880")
    XCTAssertEqual(OutcomeHTML.cssNumber(391.25), "391.3")
    XCTAssertEqual(OutcomeHTML.cssNumber(0.04), "0")
    XCTAssertEqual(OutcomeHTML.cssNumber(-5), "0")
    XCTAssertEqual(OutcomeHTML.cssNumber(.nan), "0")
    XCTAssertEqual(OutcomeHTML.cssNumber(1e30), "100000")
  }

  func testSideBySideInACellBecomesARowOfItsChartsWithUniqueIds() throws {
    let text = """
      ```swift
      SideBySide(
        [LineChart([3, 2, 1], title: "falling"), LineChart([1, 2, 3], title: "rising")],
        title: "Both ways")
      ```
      """
    let parsed = Notebook(source: SourceText(text: text, name: "row.md"), typesetter: nil)
    let rendered = NotebookRenderer().render(parsed)
    XCTAssertFalse(rendered.hasFailedCells, rendered.diagnostics.map(\.formatted).joined())
    let xml = try XMLDocument(data: Data(rendered.html.utf8))
    XCTAssertEqual(xml.strings("//p[@class='nbc-row-title']"), ["Both ways"])
    let svgs = xml.all("//div[@class='nbc-row']/div[@class='nbc-cell']").flatMap(children)
    XCTAssertEqual(svgs.map { $0.localName ?? "" }, ["svg", "svg"])
    XCTAssertEqual(
      svgs.map { children($0).first { $0.localName == "title" }?.stringValue ?? "" },
      ["falling", "rising"])
    // Two 640-unit charts are redrawn to share a row of 840 units.
    let widths = svgs.compactMap { attribute("width", $0).flatMap(Double.init) }
    XCTAssertEqual(widths.count, 2)
    XCTAssertLessThanOrEqual(widths.reduce(0, +), 840.1)
    for svg in svgs {
      let width = try XCTUnwrap(attribute("width", svg))
      let height = try XCTUnwrap(attribute("height", svg))
      XCTAssertEqual(attribute("viewBox", svg), "0 0 \(width) \(height)")
    }
    let ids = xml.strings("//@id")
    XCTAssertTrue(Set(ids).isSuperset(of: svgs.compactMap { attribute("id", $0) }), "\(ids)")
    XCTAssertEqual(Set(ids).count, ids.count, "duplicate ids on the page")
  }

  func testAChartCarriesItsPrintHeightLimitNeverBelowThreeQuartersOfItsHeight() throws {
    // 80 mm at 96 px per inch.
    XCTAssertEqual(OutcomeHTML.printChartHeight, 302.36, accuracy: 0.01)
    for (height, expected) in [
      (400.0, "302.4"), (300, "302.4"), (403.2, "302.4"), (420, "315"), (600, "450"),
    ] {
      let chart = svg("c", width: 640, height: 0).replacingOccurrences(
        of: "height=\"0\"", with: "height=\"\(height)\"")
      XCTAssertEqual(
        OutcomeHTML.printHeightStyle(chart), " style=\"--nbc-print-height:\(expected)px\"",
        "\(height)")
      // Drawn no smaller than 3/4: 12-unit text at 9 px or more.
      XCTAssertGreaterThanOrEqual(Double(expected)! / height, 0.75 - 1e-9)
    }
    XCTAssertEqual(OutcomeHTML.printHeightStyle("<svg width=\"10\"></svg>"), "")
    XCTAssertEqual(OutcomeHTML.printHeightStyle("no markup"), "")
    let (_, xml) = try page(
      "```swift\nx\n```\n",
      events: { _ in [.display(.svg(self.svg("c-1", width: 640, height: 400)))] })
    XCTAssertEqual(
      xml.strings("//div[@class='nb-chart']/@style"), ["--nbc-print-height:302.4px"])
  }
}
