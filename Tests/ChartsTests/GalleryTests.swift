import Foundation
import XCTest

@testable import Charts

/// Writes every kind of chart into one HTML page when CHARTS_GALLERY names a directory, for
/// looking at in a browser (light and dark). Without it, this test only builds the charts.
///
///     CHARTS_GALLERY=/tmp/g swift test --filter GalleryTests
///     chromium --headless --no-sandbox --disable-gpu --hide-scrollbars [--force-dark-mode] \
///       --window-size=1320,900 --screenshot=/tmp/g/1.png file:///tmp/g/gallery-1.html
final class GalleryTests: XCTestCase {
  func testGallery() throws {
    let charts = try Gallery.charts()
    for (_, chart) in charts { _ = try parseSVG(chart.svg) }
    guard let dir = ProcessInfo.processInfo.environment["CHARTS_GALLERY"] else { return }
    func page(_ items: ArraySlice<(String, any Chart)>) -> String {
      var html = head
      for (name, chart) in items {
        html += "<figure>\(chart.svg)<figcaption>\(name)</figcaption></figure>\n"
      }
      return html + "</body></html>\n"
    }
    try page(charts[...]).write(toFile: dir + "/gallery.html", atomically: true, encoding: .utf8)
    for start in stride(from: 0, to: charts.count, by: 4) {
      try page(charts[start..<min(charts.count, start + 4)])
        .write(toFile: dir + "/gallery-\(start / 4 + 1).html", atomically: true, encoding: .utf8)
    }
  }

  private let head = """
    <!doctype html><html><head><meta charset="utf-8"><title>Charts gallery</title><style>
    :root { --nb-chart-text: #222; }
    body { font-family: sans-serif; margin: 16px; background: #fff; color: #222; }
    @media (prefers-color-scheme: dark) {
      body { background: #161616; color: #ddd; }
      :root { --nb-chart-text: #e6e6e6; --nb-chart-axis: #a8a8a8; --nb-chart-grid: #3a3a3a; --nb-chart-background: #161616;
          --nb-chart-series-1: #3a9ad9; --nb-chart-series-3: #19b38a; }
    }
    figure { display: inline-block; margin: 6px; vertical-align: top; }
    figcaption { font-size: 12px; }
    svg { max-width: 100%; height: auto; }
    </style></head><body>

    """
}

enum Gallery {
  /// A fixed pseudo-random sequence (SplitMix64), so the gallery is the same every run.
  struct Random {
    var state: UInt64
    mutating func next() -> Double {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    mutating func normal() -> Double {
      let u = max(next(), 1e-12)
      return (-2 * log(u)).squareRoot() * cos(2 * .pi * next())
    }
  }

  static func circles(count: Int, seed: UInt64) -> ([(Double, Double)], [Int]) {
    var r = Random(state: seed)
    var points: [(Double, Double)] = []
    var labels: [Int] = []
    for k in 0..<count {
      let a = 2 * Double.pi * r.next()
      let radius = (k % 2 == 0 ? 0.5 : 1.0) + 0.08 * r.normal()
      points.append((radius * cos(a), radius * sin(a)))
      labels.append(k % 2)
    }
    return (points, labels)
  }

  static func charts() throws -> [(String, any Chart)] {
    var r = Random(state: 7)
    var loss: [Double] = []
    for k in 0..<200 { loss.append(0.69 * exp(-Double(k) / 45) + 0.04 + 0.01 * r.next()) }
    let train: [Double] = (0..<60).map { k in 1.2 * exp(-Double(k) / 12) + 0.05 }
    let test: [Double] = (0..<60).map { k in
      let e: Double = 1.2 * exp(-Double(k) / 14)
      return e + 0.18 + 0.002 * Double(k)
    }
    let third: [Double] = (0..<60).map { k in 0.9 * exp(-Double(k) / 25) + 0.3 }
    var withNaN = loss
    withNaN[50] = .nan
    withNaN[51] = .infinity
    let (points, labels) = circles(count: 400, seed: 3)
    let normal = (0..<1000).map { _ in r.normal() }
    let three = (0..<300).map { k -> (Double, Double) in
      let c = [(0.0, 0.0), (2.0, 1.0), (0.5, 2.5)][k % 3]
      return (c.0 + 0.5 * r.normal(), c.1 + 0.5 * r.normal())
    }
    let threeLabels = (0..<300).map { $0 % 3 }
    let nearest: (Double, Double) -> Int = { x, y in
      let centres: [(Double, Double)] = [(0.0, 0.0), (2.0, 1.0), (0.5, 2.5)]
      var best = 0
      var bestDistance = Double.infinity
      for (k, c) in centres.enumerated() {
        let d = (c.0 - x) * (c.0 - x) + (c.1 - y) * (c.1 - y)
        if d < bestDistance {
          bestDistance = d
          best = k
        }
      }
      return best
    }
    let mlp: (Double, Double) -> Int = { x, y in x * x + 1.3 * y * y + 0.3 * x < 0.6 ? 0 : 1 }
    let linear: (Double, Double) -> Double = { x, y in 1 / (1 + exp(-(2.5 * x - 1.5 * y + 0.2))) }
    var out: [(String, any Chart)] = []
    out += [
      ("Line, one series", LineChart(loss, title: "Training loss", yLabel: "cross-entropy")),
      (
        "Line, log y",
        LineChart(loss, title: "Training loss (log scale)", yLabel: "loss", logScaleY: true)
      ),
      (
        "Line, three series",
        try LineChart(
          series: [
            Series(name: "train", y: train), Series(name: "test", y: test),
            Series(name: "baseline", y: third),
          ],
          title: "Loss per epoch", xLabel: "epoch", yLabel: "loss")
      ),
      ("Line, NaN and ∞", LineChart(withNaN, title: "Loss with a NaN and an ∞")),
      ("Line, empty", LineChart([], title: "Nothing yet")),
      ("Line, one point", LineChart([0.5], title: "One point")),
    ]
    out += [
      (
        "Scatter",
        try ScatterPlot(
          points, labels: labels, classNames: ["inner", "outer"], title: "Two circles",
          xLabel: "x₁", yLabel: "x₂")
      ),
      ("Scatter, 3 classes", try ScatterPlot(three, labels: threeLabels, title: "Three blobs")),
      ("Histogram", Histogram(normal, title: "1000 draws of N(0, 1)", xLabel: "value")),
      ("Histogram, 10 bins", Histogram(normal, bins: 10, title: "10 bins")),
      ("Histogram, all equal", Histogram([3, 3, 3], title: "All equal")),
    ]
    out += [
      (
        "Bar",
        try BarChart(
          categories: ["RNN", "LSTM", "GRU"], values: [6272, 25088, 18816],
          title: "Parameters, 32 inputs, 64 units", yLabel: "parameters")
      ),
      (
        "Bar, grouped",
        try BarChart(
          categories: ["accuracy", "precision", "recall", "F1"],
          series: [
            Series(name: "model A", y: [0.91, 0.88, 0.79, 0.83]),
            Series(name: "model B", y: [0.89, 0.81, 0.93, 0.865]),
            Series(name: "model C", y: [0.85, 0.84, 0.86, 0.85]),
          ],
          title: "Metrics", yLabel: "score")
      ),
      (
        "Bar, negative, long names",
        try BarChart(
          categories: ["weight one", "weight two", "bias of the output layer", "w₅", "w₆"],
          values: [0.12, -0.34, 0.05, -0.0072, 0.4], title: "Updates")
      ),
    ]
    out += [
      (
        "Decision boundary",
        try DecisionBoundary(
          classifier: mlp, points: points, labels: labels,
          classNames: ["inner", "outer"], title: "MLP on two circles")
      ),
      (
        "Decision boundary, probability",
        try DecisionBoundary(
          probability: linear, points: points, labels: labels,
          title: "Logistic regression")
      ),
      (
        "Decision boundary, 3 classes",
        try DecisionBoundary(
          classifier: nearest, points: three, labels: threeLabels, title: "Nearest centre")
      ),
      (
        "Side by side",
        SideBySide(
          [
            try DecisionBoundary(
              probability: linear, points: points, labels: labels, title: "Linear", width: 420,
              height: 380),
            try DecisionBoundary(
              classifier: mlp, points: points, labels: labels, title: "MLP", width: 420, height: 380
            ),
          ], title: "Same data, two models")
      ),
    ]
    return out
  }
}
