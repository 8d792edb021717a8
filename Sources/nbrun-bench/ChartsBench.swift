import Charts
import Foundation

/// `nbrun-bench charts`: times a 200 × 200 decision-boundary map with 1,000 points.
///
/// The classifier is a cheap closed-form function, so the time is the chart's own work
/// (grid bookkeeping, bisection bookkeeping, marching squares, SVG), not a model's.
enum ChartsBench {
  static func run() throws {
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func uniform() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    var points: [(Double, Double)] = []
    var labels: [Int] = []
    for k in 0..<1000 {
      let angle = 2 * Double.pi * uniform()
      let radius = (k % 2 == 0 ? 0.5 : 1.0) + 0.1 * (uniform() - 0.5)
      points.append((radius * cos(angle), radius * sin(angle)))
      labels.append(k % 2)
    }
    let classify: (Double, Double) -> Int = { x, y in x * x + y * y < 0.5625 ? 0 : 1 }
    var evaluations = 0
    let counting: ([(Double, Double)]) -> [Int] = { batch in
      evaluations += batch.count
      return batch.map { classify($0.0, $0.1) }
    }

    // Time the grid evaluation alone, to subtract it.
    let n = 200
    let grid = (0..<(n * n)).map { (Double($0 % n) / 100 - 1, Double($0 / n) / 100 - 1) }
    var sink = 0
    let evalStart = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<20 { sink &+= counting(grid).reduce(0, +) }
    let evalPerPoint =
      Double(DispatchTime.now().uptimeNanoseconds - evalStart) / 20 / Double(grid.count)
    evaluations = 0

    var times: [Double] = []
    var size = 0
    for _ in 0..<15 {
      evaluations = 0
      let start = DispatchTime.now().uptimeNanoseconds
      let chart = try DecisionBoundary(
        batchClassifier: counting, points: points, labels: labels,
        resolution: n, title: "Benchmark")
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
      size = chart.svg.utf8.count
      times.append((elapsed - evalPerPoint * Double(evaluations)) / 1e6)
    }
    times.sort()
    let median = times[times.count / 2]
    print("charts: decision boundary 200×200, 1000 points")
    print(
      String(
        format: "  classifier calls per map: %d (grid 40000 + bisection and saddles)", evaluations))
    print(
      String(
        format: "  render time without classifier calls: median %.2f ms, min %.2f ms (%d runs)",
        median, times[0], times.count))
    print("  SVG size: \(size) bytes")
    print(median < 50 ? "  OK: under 50 ms" : "  SLOW: over 50 ms")
    if sink == -1 { print(sink) }

    let values = (0..<2000).map { 0.7 * exp(-Double($0) / 300) + 0.02 * uniform() }
    let start = DispatchTime.now().uptimeNanoseconds
    var bytes = 0
    for _ in 0..<20 { bytes = LineChart(values, title: "Loss", logScaleY: true).svg.utf8.count }
    let lineMs = Double(DispatchTime.now().uptimeNanoseconds - start) / 20 / 1e6
    print(String(format: "charts: line chart of 2000 points: %.2f ms, %d bytes", lineMs, bytes))
  }
}
