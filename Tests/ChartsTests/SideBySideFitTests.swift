import Foundation
import XCTest

@testable import Charts

/// Charts side by side are drawn again, narrower, when their row would be wider than
/// `SideBySide.rowWidth` (840), so that their text (12 units) is not shrunk below 9 px where
/// the row must fit a printed page's text column (about 680 px: 12 × 680 / 840 = 9.7 px) or a
/// 768 px tablet (12 × 700 / 840 = 10 px), and two charts of a row, stacked on a 360 px phone
/// (a 318 px column), keep 12 × 318 / 420 = 9.1 px.
final class SideBySideFitTests: XCTestCase {
  private static let moons: ([(Double, Double)], [Int]) = {
    let points = (0..<120).map { k -> (Double, Double) in
      let t = Double(k % 60) / 60 * Double.pi
      return k < 60 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
    }
    return (points, (0..<120).map { $0 < 60 ? 0 : 1 })
  }()

  private func map(_ title: String) throws -> DecisionBoundary {
    try DecisionBoundary(
      classifier: { x, y in y > 0.25 - 0.3 * x ? 0 : 1 }, points: Self.moons.0,
      labels: Self.moons.1, resolution: 40, title: title)
  }

  /// The panels' sizes from their nested `<svg>` roots and their x offsets.
  private func panels(_ root: Element) -> [(x: Double, width: Double, height: Double)] {
    root.withClass("nbc-panel").map { g in
      let x = Double(
        (g["transform"] ?? "").dropFirst("translate(".count).split(separator: " ").first ?? "")!
      let svg = g.find("svg")[0]
      return (x, Double(svg["width"]!)!, Double(svg["height"]!)!)
    }
  }

  func testTwoMapsAreDrawnNarrowerToFitOneRowWithTheirTextAtFullSize() throws {
    let alone = try map("as written")
    let pair = SideBySide([try map("as written"), try map("with ReLU")])
    let root = try checkCommon(pair)
    let width = Double(root["width"]!)!
    XCTAssertLessThanOrEqual(width, SideBySide.rowWidth + 0.05)
    // Without refitting the row would be two maps side by side, 2 × 560 wide.
    XCTAssertGreaterThan(2 * Double(try parseSVG(alone.svg)["width"]!)!, 1100)
    let p = panels(root)
    XCTAssertEqual(p.count, 2)
    XCTAssertEqual(p[0].x, 0)
    XCTAssertEqual(p[1].x, p[0].width, accuracy: 0.05)
    // Three values each rounded to 0.1: the sum may be 0.15 off.
    XCTAssertEqual(width, p[0].width + p[1].width, accuracy: 0.15)
    // Text keeps its size: 12-unit ticks, 12.5-unit legend, in both panels.
    let ticks = root.withClass("nbc-xticks")
    XCTAssertEqual(ticks.count, 2)
    XCTAssertEqual(Set(ticks.map { $0["font-size"] }), ["12"])
    let legends = root.withClass("nbc-legend")
    XCTAssertEqual(legends.count, 2)
    XCTAssertEqual(
      Set(legends.flatMap { $0.find("text") }.map { $0["font-size"] ?? "" }), ["12.5"])
    // Each panel is a whole chart: its plot is square (equal scales, as drawn alone) and its
    // legend lies within the panel, in the part a phone shows first.
    for (panel, g) in zip(p, root.withClass("nbc-panel")) {
      let area = try XCTUnwrap(plotArea(g.find("svg")[0]))
      let box = try XCTUnwrap(g.withClass("nbc-lg").first)
      let right = Double(box["x"]!)! + Double(box["width"]!)!
      XCTAssertLessThanOrEqual(right, panel.width * 0.65 + 0.1)
      XCTAssertLessThanOrEqual(Double(box["y"]!)! + Double(box["height"]!)!, panel.height)
      let xTicks = g.withClass("nbc-xticks")[0].find("text").compactMap { Double($0.text) }
      XCTAssertGreaterThanOrEqual(xTicks.count, 3, "ticks thinned, not crowded")
      XCTAssertGreaterThan(area.width, 200)
    }
    // The content is the same: the maps' descriptions are unchanged.
    XCTAssertTrue(pair.summary.contains(alone.summary), pair.summary)
  }

  func testAChartMadeElsewhereKeepsItsSizeAndOursShrinkAroundIt() throws {
    struct Foreign: Chart {
      var svg: String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" height=\"300\" role=\"img\"><title>f</title></svg>"
      }
    }
    let pair = SideBySide([Foreign(), LineChart([3, 1, 2])])
    let p = panels(try parseSVG(pair.svg))
    XCTAssertEqual(p[0].width, 500)
    // 840 − 500 = 340 left for the line chart (640 × 400 drawn at 340 × 212.5).
    XCTAssertEqual(p[1].width, 340, accuracy: 0.05)
    XCTAssertEqual(p[1].height, 400 * 340 / 640, accuracy: 0.05)
  }

  func testARowThatFitsIsLeftAloneAndTooManyChartsStopAtTheNarrowest() throws {
    let small = LineChart([1, 2, 3], width: 400, height: 300)
    let fits = SideBySide([small, small])
    let direct = try parseSVG(small.svg)
    let p = panels(try parseSVG(fits.svg))
    XCTAssertEqual(p.map(\.width), [400, 400])
    // The same drawing as the chart alone (ids aside).
    XCTAssertEqual(
      try parseSVG(fits.svg).withClass("nbc-series").first?["d"],
      direct.withClass("nbc-series").first?["d"])
    let many = SideBySide(Array(repeating: LineChart([1, 2, 3]), count: 4))
    XCTAssertEqual(panels(try parseSVG(many.svg)).map(\.width), [320, 320, 320, 320])
    let wrapped = SideBySide(Array(repeating: LineChart([1, 2, 3]), count: 4), columns: 2)
    let rows = panels(try parseSVG(wrapped.svg))
    XCTAssertEqual(rows.map(\.width), [420, 420, 420, 420])
  }
}
