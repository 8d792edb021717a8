import Foundation
import XCTest

@testable import Charts

/// No chart text is smaller than 9 px where the page shows the chart smallest: on a phone, a
/// chart is kept at least 480 px wide (30rem) and each chart of a row side by side at least
/// 3/4 of its own width (the page lays the row's charts out one `<svg>` each, see
/// `SideBySide.rows`);
/// in print the text column is about 680 px wide.
final class TextSizeTests: XCTestCase {
  /// Every `<text>` with the font size it is drawn at (its own, else its nearest ancestor's).
  private func textSizes(_ root: Element) -> [(text: String, size: Double)] {
    var out: [(String, Double)] = []
    func walk(_ e: Element, inherited: Double) {
      let size = e["font-size"].flatMap(Double.init) ?? inherited
      if e.name == "text" { out.append((e.allText, size)) }
      for c in e.children { walk(c, inherited: size) }
    }
    walk(root, inherited: .nan)
    return out
  }

  func testEveryTextInEveryKindOfChartIsNinePixelsOrMoreOnAPhoneAndInPrint() throws {
    let charts = try Gallery.charts()
    XCTAssertGreaterThan(charts.count, 15)
    for (name, chart) in charts {
      let root = try parseSVG(chart.svg)
      let width = Double(root["width"]!)!
      let sideBySide = (root["class"] ?? "").contains("nbc-side-by-side")
      // The narrowest the page draws it: a phone's minimum, or its own width if smaller; a
      // row's charts each at 3/4 of their width.
      let shownOnPhone = sideBySide ? width * 0.75 : 480.0
      let printed = min(width, 680)
      let texts = textSizes(root)
      XCTAssertFalse(texts.isEmpty, name)
      for (text, size) in texts {
        XCTAssertFalse(size.isNaN, "\(name): “\(text)” has no font size")
        XCTAssertGreaterThanOrEqual(size, 12, "\(name): “\(text)”")
        XCTAssertGreaterThanOrEqual(
          size * shownOnPhone / max(width, shownOnPhone), 9, "\(name): “\(text)” on a phone")
        XCTAssertGreaterThanOrEqual(size * printed / width, 9, "\(name): “\(text)” in print")
      }
    }
  }

  func testBarValuesStayWithinTheirBarsWidth() throws {
    let chart = try BarChart(
      categories: ["accuracy", "precision", "recall", "F1"],
      series: [
        Series(name: "model A", y: [0.91, 0.88, 0.79, 0.83]),
        Series(name: "model B", y: [0.89, 0.81, 0.93, 0.865]),
        Series(name: "model C", y: [0.85, 0.84, 0.86, 0.85]),
      ])
    let root = try checkCommon(chart)
    let values = root.withClass("nbc-values").first?.find("text") ?? []
    XCTAssertEqual(values.count, 12)
    // Labels on one baseline row never overlap: sorted by x, each ends before the next starts.
    let placed = values.map { v -> (x: Double, y: Double, w: Double) in
      (Double(v["x"]!)!, Double(v["y"]!)!, SVG.textWidth(v.text, size: Style.valueFont))
    }.sorted { $0.x < $1.x }
    for (a, b) in zip(placed, placed.dropFirst()) where abs(a.y - b.y) < Style.valueFont {
      XCTAssertLessThan(a.x + a.w / 2, b.x - b.w / 2 + 0.5, "values at \(a.x) and \(b.x) meet")
    }
  }
}
