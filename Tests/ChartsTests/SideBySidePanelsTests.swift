import Foundation
import XCTest

@testable import Charts

/// `SideBySide.rows`: the charts of a row one `<svg>` each, so that a page can let them wrap
/// (stack on a phone) instead of showing one wide picture.
final class SideBySidePanelsTests: XCTestCase {
  /// Markup checked as a chart of its own.
  private struct Markup: Chart {
    let svg: String
  }

  private func map(_ title: String) throws -> DecisionBoundary {
    try DecisionBoundary(
      classifier: { x, y in y > 0.5 * x ? 0 : 1 },
      points: [(0, 1), (1, 0), (-1, 0.5), (0.5, -1)], labels: [0, 1, 0, 1], resolution: 30,
      title: title)
  }

  func testEachPanelIsAStandaloneChartCutFromTheWholePicture() throws {
    let pair = SideBySide([try map("left"), try map("right")], title: "Two maps")
    XCTAssertEqual(pair.title, "Two maps")
    XCTAssertEqual(pair.rows.count, 1)
    let panels = pair.rows[0]
    XCTAssertEqual(panels.count, 2)
    let whole = try parseSVG(pair.svg)
    let nested = whole.withClass("nbc-panel").map { $0.find("svg")[0] }
    XCTAssertEqual(nested.count, 2)
    var ids: [String] = []
    for (panel, inWhole) in zip(panels, nested) {
      // The same bytes as in the whole picture, so both show the same chart.
      XCTAssertTrue(pair.svg.contains(panel.svg))
      let root = try checkCommon(Markup(svg: panel.svg))
      XCTAssertEqual(root["id"], inWhole["id"])
      // Its own viewBox, so that a page can scale it: the chart's size, as `width` says.
      XCTAssertEqual(root["viewBox"], "0 0 \(root["width"]!) \(root["height"]!)")
      XCTAssertEqual(Double(root["width"]!)!, panel.width, accuracy: 0.05)
      XCTAssertEqual(Double(root["height"]!)!, panel.height, accuracy: 0.05)
      ids += root.all.compactMap { $0["id"] }
    }
    // Fitted to one row of 840 units at most, like the whole picture.
    XCTAssertLessThanOrEqual(panels.map(\.width).reduce(0, +), SideBySide.rowWidth + 0.1)
    XCTAssertEqual(Set(ids).count, ids.count, "the panels share no id")
    XCTAssertTrue(Set(ids).isSubset(of: whole.all.compactMap { $0["id"] }))
  }

  func testRowsFollowColumnsAndAnEmptyPictureHasNone() throws {
    let line = LineChart([3, 1, 2], title: "a")
    let grid = SideBySide([line, line, line], columns: 2)
    XCTAssertEqual(grid.rows.map(\.count), [2, 1])
    XCTAssertEqual(grid.title, "")
    let ids = grid.rows.joined().map { try? parseSVG($0.svg)["id"] }
    XCTAssertEqual(Set(ids.compactMap { $0 }).count, 3, "\(ids)")
    XCTAssertEqual(SideBySide([]).rows.count, 0)
  }
}
