import Foundation
import XCTest

@testable import Charts

/// Many random inputs, with NaN, infinities, huge, tiny and repeated values mixed in: every
/// chart must come out as well-formed SVG with finite geometry, and never trap.
final class RobustnessTests: XCTestCase {
  static let specials: [Double] = [
    .nan, .infinity, -.infinity, 0, -0.0, Double.leastNormalMagnitude / 1024, -1e-300, 1e300,
    -1e300, 1.7e308, .leastNonzeroMagnitude, 1, 1, 1,
    0.1, 1e15, 1e15 + 1, -2.5,
  ]

  func randomValues(_ r: inout Gallery.Random, count: Int) -> [Double] {
    (0..<count).map { _ in
      let u = r.next()
      if u < 0.2 {
        return Self.specials[Int(r.next() * Double(Self.specials.count)) % Self.specials.count]
      }
      let scale = pow(10, (r.next() - 0.5) * 12)
      return r.normal() * scale
    }
  }

  func testRandomInputsAlwaysGiveWellFormedCharts() throws {
    var r = Gallery.Random(state: 2026)
    for round in 0..<60 {
      let n = [0, 1, 2, 3, 17, 200][round % 6]
      let ys = randomValues(&r, count: n)
      let xs = randomValues(&r, count: n)
      let labels = (0..<n).map { _ in Int(r.next() * 4) - 1 }
      var charts: [any Chart] = [
        LineChart(ys, title: "round \(round)", logScaleY: round % 2 == 0),
        try LineChart(
          series: [Series(name: "a", x: xs, y: ys), Series(name: "b", y: ys.reversed())],
          logScaleY: round % 3 == 0),
        try ScatterPlot(x: xs, y: ys, labels: labels),
        Histogram(ys, bins: round % 4 == 0 ? nil : round % 9 - 2),
        try BarChart(categories: (0..<n).map { "c\($0)" }, values: ys),
      ]
      if n <= 17 {
        let points = zip(xs, ys).map { ($0, $1) }
        charts.append(
          try DecisionBoundary(
            classifier: { x, y in x.isFinite && y > x ? 1 : 0 }, points: points, labels: labels,
            resolution: 12))
        charts.append(
          try DecisionBoundary(
            probability: { x, y in 1 / (1 + exp(-(x - y))) }, points: points, labels: labels,
            resolution: 9))
      }
      charts.append(SideBySide(charts))
      for chart in charts {
        try checkCommon(chart)
      }
    }
  }
}
