import Foundation
import XCTest

@testable import Charts

final class DecisionBoundaryTests: XCTestCase {
  /// 1,000 points on two noisy circles (radii 0.5 and 1), labels 0 inside and 1 outside.
  static let circles: ([(Double, Double)], [Int]) = Gallery.circles(count: 1000, seed: 11)

  /// Maps a pixel in the chart back to data coordinates, from the plot area and the grid
  /// extent (the points' extent padded by 10%).
  func dataMapping(_ root: Element, points: [(Double, Double)]) throws -> (Double, Double) -> (
    Double, Double
  ) {
    let area = try XCTUnwrap(plotArea(root))
    let (x0, x1) = paddedDomain(points.map(\.0).min()!, points.map(\.0).max()!, pad: 0.1)
    let (y0, y1) = paddedDomain(points.map(\.1).min()!, points.map(\.1).max()!, pad: 0.1)
    return { px, py in
      (
        x0 + (px - area.x) / area.width * (x1 - x0),
        y0 + (area.y + area.height - py) / area.height * (y1 - y0)
      )
    }
  }

  func testCircleBoundaryFollowsTheClassifierAndStaysSmall() throws {
    let (points, labels) = Self.circles
    var calls = 0
    let chart = try DecisionBoundary(
      classifier: { x, y in
        calls += 1
        return x * x + y * y < 0.5625 ? 0 : 1
      }, points: points, labels: labels, title: "Circle")
    let root = try checkCommon(chart)
    XCTAssertLessThan(
      chart.svg.utf8.count, 100_000, "200 × 200 map with 1,000 points must stay under 100 KB")
    XCTAssertGreaterThanOrEqual(calls, 40_000)

    // Merged regions: one path per class, each a handful of outlines, not one per cell.
    let regions = root.withClass("nbc-region")
    XCTAssertEqual(regions.count, 2)
    XCTAssertEqual(regions.map { pathPoints($0["d"]!).count }, [1, 2])  // the disc; the frame with a hole
    assertInsideArea(root, "nbc-region")
    assertInsideArea(root, "nbc-boundary")

    // The boundary line lies on the circle of radius 0.75 (bisection puts it within
    // 1/64 of a grid cell; rounding to 0.1 px and simplification add under 0.002).
    let toData = try dataMapping(root, points: points)
    let boundary = pathPoints(try XCTUnwrap(root.withClass("nbc-boundary").first?["d"]))
    XCTAssertEqual(boundary.count, 1)
    XCTAssertGreaterThan(boundary[0].count, 40)
    for (px, py) in boundary[0] {
      let (x, y) = toData(px, py)
      XCTAssertEqual((x * x + y * y).squareRoot(), 0.75, accuracy: 0.005)
    }
    // Points: 500 per class, drawn on top.
    XCTAssertEqual(root.withClass("nbc-points").map { pathPoints($0["d"]!).count }, [500, 500])
    XCTAssertEqual(
      root.withClass("nbc-legend").first?.find("text").map(\.text), ["class 0", "class 1"])
    // Area share of the disc: π · 0.75² over the grid's area.
    let (x0, x1) = paddedDomain(points.map(\.0).min()!, points.map(\.0).max()!, pad: 0.1)
    let (y0, y1) = paddedDomain(points.map(\.1).min()!, points.map(\.1).max()!, pad: 0.1)
    let share = Double.pi * 0.5625 / ((x1 - x0) * (y1 - y0)) * 100
    let reported = try XCTUnwrap(
      chart.summary.firstMatch(of: /class 0 ([0-9.]+)%/).flatMap { Double($0.1) })
    XCTAssertEqual(reported, share, accuracy: 0.6, chart.summary)
  }

  func testProbabilityMapHasAStraightBoundaryAndShading() throws {
    let (points, labels) = Self.circles
    let chart = try DecisionBoundary(
      probability: { x, y in 1 / (1 + exp(-(2 * x - y + 0.2))) }, points: points, labels: labels,
      resolution: 120)
    let root = try checkCommon(chart)
    XCTAssertEqual(root.withClass("nbc-shade").count, 4)
    let toData = try dataMapping(root, points: points)
    let boundary = pathPoints(try XCTUnwrap(root.withClass("nbc-boundary").first?["d"]))
    XCTAssertEqual(boundary.count, 1)
    XCTAssertLessThanOrEqual(boundary[0].count, 4, "a straight line simplifies to its ends")
    for (px, py) in boundary[0] {
      let (x, y) = toData(px, py)
      XCTAssertEqual(2 * x - y + 0.2, 0, accuracy: 0.02)  // p = 0.5 exactly on this line
    }
  }

  func testBatchFormsMatchThePointwiseForms() throws {
    let (points, labels) = Self.circles
    let f: (Double, Double) -> Int = { x, y in x + y > 0.1 ? 1 : 0 }
    let one = try DecisionBoundary(
      classifier: f, points: points, labels: labels, resolution: 50, id: "m")
    let batch = try DecisionBoundary(
      batchClassifier: { $0.map { f($0.0, $0.1) } }, points: points, labels: labels, resolution: 50,
      id: "m")
    XCTAssertEqual(one.svg, batch.svg)
    let p: (Double, Double) -> Double = { x, y in 1 / (1 + exp(-3 * x * y)) }
    let a = try DecisionBoundary(
      probability: p, points: points, labels: labels, resolution: 50, id: "p")
    let b = try DecisionBoundary(
      batchProbability: { $0.map { p($0.0, $0.1) } }, points: points, labels: labels,
      resolution: 50, id: "p")
    XCTAssertEqual(a.svg, b.svg)
    // The saddle at the origin (x·y changes sign on both axes) still gives well-formed output.
    try checkCommon(a)
  }

  func testThreeClassesMeetAtAJunctionWithoutGaps() throws {
    let centres: [(Double, Double)] = [(0, 0), (2, 1), (0.5, 2.5)]
    let nearest: (Double, Double) -> Int = { x, y in
      let d = centres.map { ($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y) }
      return d.firstIndex(of: d.min()!)!
    }
    let points = (0..<90).map { k in
      (centres[k % 3].0 + Double(k % 7) * 0.1 - 0.3, centres[k % 3].1 + Double(k % 5) * 0.1 - 0.2)
    }
    let chart = try DecisionBoundary(
      classifier: nearest, points: points, labels: points.map { nearest($0.0, $0.1) },
      resolution: 80)
    let root = try checkCommon(chart)
    XCTAssertEqual(root.withClass("nbc-region").count, 3)
    let toData = try dataMapping(root, points: points)
    let lines = pathPoints(try XCTUnwrap(root.withClass("nbc-boundary").first?["d"]))
    XCTAssertEqual(lines.count, 3, "three boundary lines from the junction")
    let cell = 4.0 / 79
    for line in lines {
      for (px, py) in line {
        let (x, y) = toData(px, py)
        let d = centres.map { (($0.0 - x) * ($0.0 - x) + ($0.1 - y) * ($0.1 - y)).squareRoot() }
          .sorted()
        XCTAssertEqual(d[0], d[1], accuracy: 2 * cell)  // on a bisector, up to the junction's cell
      }
    }
  }

  func testBadInputsThrowOrDrawANote() throws {
    let f: (Double, Double) -> Int = { x, _ in x > 0 ? 1 : 0 }
    XCTAssertThrowsError(try DecisionBoundary(classifier: f, points: [(0, 0)], labels: [])) {
      XCTAssertEqual(($0 as? ChartError)?.kind, .mismatchedLengths)
    }
    XCTAssertThrowsError(try DecisionBoundary(classifier: f, points: [], labels: [], resolution: 1))
    {
      XCTAssertEqual(($0 as? ChartError)?.kind, .invalidArgument)
    }
    XCTAssertThrowsError(
      try DecisionBoundary(probability: { _, _ in 0.5 }, threshold: 1.5, points: [], labels: [])
    ) {
      XCTAssertEqual(($0 as? ChartError)?.kind, .invalidArgument)
    }
    XCTAssertThrowsError(
      try DecisionBoundary(batchClassifier: { _ in [1] }, points: [], labels: [])
    ) {
      XCTAssertEqual(($0 as? ChartError)?.kind, .invalidClassifierOutput)
    }
    struct ModelFailed: Error {}
    XCTAssertThrowsError(
      try DecisionBoundary(classifier: { _, _ in throw ModelFailed() }, points: [], labels: [])
    ) {
      XCTAssertTrue($0 is ModelFailed)
    }
    let empty = try DecisionBoundary(classifier: f, points: [], labels: [], resolution: 20)
    XCTAssertEqual(empty.notes, ["No points: the map covers −1 to 1 on both axes."])
    try checkCommon(empty)
    let single = try DecisionBoundary(classifier: f, points: [(3, 3)], labels: [1], resolution: 20)
    try checkCommon(single)
    let bad = try DecisionBoundary(
      classifier: f, points: [(.nan, 0), (1, .infinity), (1, 1), (-1, -1)], labels: [0, 1, 1, 0],
      resolution: 20)
    XCTAssertEqual(bad.notes.first, "2 points not drawn: 1 NaN, 1 infinite.")
    try checkCommon(bad)
    let nanProbability = try DecisionBoundary(
      probability: { x, _ in x > 0 ? .nan : 0.2 }, points: [(1, 1), (-1, -1)], labels: [1, 0],
      resolution: 10)
    XCTAssertTrue(
      nanProbability.notes.contains { $0.contains("NaN or infinite at 50 of 100 grid points") },
      "\(nanProbability.notes)")
    try checkCommon(nanProbability)
    let constant = try DecisionBoundary(
      classifier: { _, _ in 7 }, points: [(0, 0), (1, 1)], labels: [7, 7], resolution: 10)
    let root = try checkCommon(constant)
    XCTAssertTrue(root.withClass("nbc-boundary").isEmpty)
    XCTAssertEqual(root.withClass("nbc-region").count, 1)
  }
}

final class ContourGridTests: XCTestCase {
  func testSingleNodeGivesADiamondAndAFrameWithAHole() {
    // 3 × 3 nodes, class 1 only in the middle: its outline runs through the four edge
    // midpoints around it; class 0 has the grid's border and that diamond as a hole.
    let grid = ContourGrid(nx: 3, ny: 3, classes: [0, 0, 0, 0, 1, 0, 0, 0, 0])
    let inner = grid.rings(of: 1)
    XCTAssertEqual(inner.count, 1)
    let diamond = Set(inner[0].map { grid.position($0) }.map { "\($0.0),\($0.1)" })
    XCTAssertEqual(diamond, ["1.0,0.5", "1.5,1.0", "1.0,1.5", "0.5,1.0"])
    let outer = grid.rings(of: 0)
    XCTAssertEqual(outer.count, 2)
    let border = outer.max { $0.count < $1.count }!.map { grid.position($0) }
    XCTAssertTrue(border.allSatisfy { $0.0 == 0 || $0.0 == 2 || $0.1 == 0 || $0.1 == 2 })
    XCTAssertEqual(grid.boundaries().count, 1)
    XCTAssertEqual(grid.boundaries()[0].first, grid.boundaries()[0].last, "a closed loop")
  }

  func testSaddleConnectsTheClassAtTheCentre() {
    var grid = ContourGrid(nx: 2, ny: 2, classes: [0, 1, 1, 0])
    let saddles = grid.saddleCells()
    XCTAssertEqual(saddles.count, 1)
    grid.centreClass[saddles[0].key] = 0
    XCTAssertEqual(grid.rings(of: 0).count, 1, "class 0 connects across the centre")
    XCTAssertEqual(grid.rings(of: 1).count, 2, "class 1 splits into two corners")
    grid.centreClass[saddles[0].key] = 1
    XCTAssertEqual(grid.rings(of: 0).count, 2)
    XCTAssertEqual(grid.rings(of: 1).count, 1)
  }

  func testSimplifyDropsCollinearPoints() {
    let line = (0...10).map { ($0 * 10, 0) }
    XCTAssertEqual(simplify(line, tolerance: 1, closed: false).count, 2)
    let corner = [(0, 0), (10, 0), (20, 0), (20, 10), (20, 20)]
    XCTAssertEqual(simplify(corner, tolerance: 1, closed: false).map(\.0), [0, 20, 20])
  }
}
