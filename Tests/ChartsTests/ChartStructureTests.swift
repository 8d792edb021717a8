import Foundation
import XCTest

@testable import Charts

// MARK: Helpers shared by the chart tests

// MARK: Helpers

/// Root checks every chart must pass; returns the parsed tree.
@discardableResult
func checkCommon(_ chart: any Chart, file: StaticString = #filePath, line: UInt = #line) throws
  -> Element
{
  let root = try parseSVG(chart.svg, file: file, line: line)
  XCTAssertEqual(root["xmlns"], "http://www.w3.org/2000/svg", file: file, line: line)
  XCTAssertEqual(root["role"], "img", file: file, line: line)
  XCTAssertFalse(chart.svg.hasPrefix("<?xml"), file: file, line: line)
  let ids = root.all.compactMap { $0["id"] }
  XCTAssertEqual(Set(ids).count, ids.count, "duplicate ids", file: file, line: line)
  let labelled = (root["aria-labelledby"] ?? "").split(separator: " ").map(String.init)
  XCTAssertEqual(labelled.count, 2, file: file, line: line)
  let title = root.children.first { $0.name == "title" }
  let desc = root.children.first { $0.name == "desc" }
  XCTAssertEqual(title?["id"], labelled.first, file: file, line: line)
  XCTAssertEqual(desc?["id"], labelled.last, file: file, line: line)
  XCTAssertFalse((title?.text ?? "").isEmpty, file: file, line: line)
  XCTAssertGreaterThan((desc?.text ?? "").count, 20, file: file, line: line)
  XCTAssertTrue(
    root.find("style").first?.text.contains("--nb-chart-text") ?? false, file: file, line: line)
  // Every url(#...) reference resolves inside the chart.
  for e in root.all {
    for (_, value) in e.attributes where value.hasPrefix("url(#") {
      let target = String(value.dropFirst(5).dropLast())
      XCTAssertTrue(ids.contains(target), "unresolved \(value)", file: file, line: line)
    }
  }
  // Every number in geometry is finite.
  for e in root.all {
    for key in ["x", "y", "width", "height", "cx", "cy", "r"] {
      if let v = e[key] {
        XCTAssertNotNil(
          Double(v).flatMap { $0.isFinite ? $0 : nil }, "\(e.name) \(key)=\(v)", file: file,
          line: line)
      }
    }
    if let d = e["d"] {
      XCTAssertFalse(
        d.lowercased().contains("nan") || d.lowercased().contains("inf"), file: file, line: line)
      for sub in pathPoints(d) {
        for (x, y) in sub { XCTAssertTrue(x.isFinite && y.isFinite, file: file, line: line) }
      }
    }
  }
  return root
}

func texts(_ root: Element, _ cls: String) -> [String] {
  root.withClass(cls).first?.children.filter { $0.name == "text" }.map(\.text) ?? []
}

/// Asserts every vertex of the paths with class `cls` lies in the plot area (± slack px).
func assertInsideArea(
  _ root: Element, _ cls: String, slack: Double = 0.06,
  file: StaticString = #filePath, line: UInt = #line
) {
  guard let area = plotArea(root) else { return XCTFail("no plot area", file: file, line: line) }
  let paths = root.withClass(cls)
  XCTAssertFalse(paths.isEmpty, "no \(cls) paths", file: file, line: line)
  for p in paths {
    for sub in pathPoints(p["d"] ?? "") {
      for (x, y) in sub {
        XCTAssertTrue(
          x >= area.x - slack && x <= area.x + area.width + slack
            && y >= area.y - slack && y <= area.y + area.height + slack,
          "\(cls) point (\(x), \(y)) outside \(area)", file: file, line: line)
      }
    }
  }
}

/// Checks every chart's markup by parsing it: accessible names, axes, ticks, series, legend,
/// geometry inside the plot area, and that every number is finite.
final class ChartStructureTests: XCTestCase {
  static let losses: [Double] = (0..<200).map { 0.69 * exp(-Double($0) / 40) + 0.05 }

  // MARK: Line charts

  func testLineChartHasAxesTicksOneSeriesAndASummary() throws {
    let chart = LineChart(Self.losses, title: "Training loss", yLabel: "loss")
    let root = try checkCommon(chart)
    XCTAssertEqual(root.withClass("nbc-title").first?.text, "Training loss")
    XCTAssertEqual(root.withClass("nbc-xlabel").first?.text, "epoch")
    XCTAssertEqual(root.withClass("nbc-ylabel").first?.text, "loss")
    let xTicks = texts(root, "nbc-xticks")
    XCTAssertEqual(xTicks, ["0", "50", "100", "150", "200"])
    XCTAssertGreaterThanOrEqual(texts(root, "nbc-yticks").count, 4)
    XCTAssertEqual(root.withClass("nbc-series").count, 1)
    XCTAssertTrue(root.withClass("nbc-legend").isEmpty)
    assertInsideArea(root, "nbc-series")
    // The line visits all 200 points.
    XCTAssertEqual(pathPoints(root.withClass("nbc-series")[0]["d"]!).first?.count, 200)
    XCTAssertTrue(chart.summary.contains("200 points"), chart.summary)
    XCTAssertTrue(chart.summary.contains("from 0.74 at 1 to 0.0548 at 200"), chart.summary)
    XCTAssertTrue(chart.notes.isEmpty)
  }

  func testSeriesGetDistinctColoursDashesMarkersAndALegendOffTheData() throws {
    let train = (0..<50).map { 1.2 * exp(-Double($0) / 10) + 0.05 }
    let test = (0..<50).map { 1.2 * exp(-Double($0) / 12) + 0.2 }
    let flat = Array(repeating: 0.6, count: 50)
    let chart = try LineChart(
      series: [
        Series(name: "train", y: train), Series(name: "test", y: test),
        Series(name: "flat", y: flat),
      ], title: "Loss")
    let root = try checkCommon(chart)
    let series = root.withClass("nbc-series")
    XCTAssertEqual(series.count, 3)
    XCTAssertEqual(Set(series.compactMap { $0["stroke"] }).count, 3)
    // Each colour can be restyled by the page: the series carry classes with CSS rules.
    XCTAssertEqual(
      series.map { $0["class"] ?? "" },
      ["nbc-series nbc-s0", "nbc-series nbc-s1", "nbc-series nbc-s2"])
    let style = root.find("style").first?.text ?? ""
    XCTAssertTrue(style.contains(".nbc .nbc-s1{stroke:var(--nb-chart-series-2,#D55E00)}"), style)
    XCTAssertFalse(style.contains("nbc-s3"))
    XCTAssertEqual(Set(series.map { $0["stroke-dasharray"] ?? "solid" }).count, 3)
    XCTAssertEqual(
      Set(
        root.withClass("nbc-markers").map { String(($0["d"] ?? "").prefix(40).filter(\.isLetter)) }
      ).count, 3)
    let legend = try XCTUnwrap(root.withClass("nbc-legend").first)
    XCTAssertEqual(legend.find("text").map(\.text), ["train", "test", "flat"])
    assertInsideArea(root, "nbc-series")
    // The legend box does not meet any line segment.
    let box = try XCTUnwrap(legend.find("rect").first)
    let r = Rect(
      x: Double(box["x"]!)!, y: Double(box["y"]!)!, width: Double(box["width"]!)!,
      height: Double(box["height"]!)!)
    for path in series {
      for sub in pathPoints(path["d"]!) {
        for k in 1..<sub.count {
          XCTAssertFalse(
            r.meetsSegment(sub[k - 1].0, sub[k - 1].1, sub[k].0, sub[k].1), "legend covers data")
        }
      }
    }
  }

  func testLongSeriesKeepEachColumnsExtremesAndStayCompact() throws {
    // 100,000 noisy values: at most four points per pixel column survive, including the
    // extremes, so the lowest and highest values still touch the same pixels.
    var values: [Double] = []
    for k in 0..<100_000 {
      let bump: Double = (k % 7 == 0 ? 0.3 : 0) + (k == 77_777 ? 2 : 0)
      values.append(sin(Double(k) / 5000) + bump)
    }
    let chart = LineChart(values, title: "Per-batch loss")
    XCTAssertLessThan(chart.svg.utf8.count, 60_000)
    let root = try checkCommon(chart)
    let area = try XCTUnwrap(plotArea(root))
    let line = pathPoints(root.withClass("nbc-series")[0]["d"]!)[0]
    XCTAssertLessThanOrEqual(Double(line.count), 4 * (area.width + 1))
    // The spike at k = 77,777 (value sin(15.56) + 2 = 2.12, the maximum) is drawn.
    XCTAssertEqual(line.map { $0.1 }.min()!, area.y + area.height * 0.05 / 1.1, accuracy: 0.2)
    assertInsideArea(root, "nbc-series")
  }

  func testLogScaleLeavesOutNonPositiveValuesAndSaysSo() throws {
    let chart = LineChart([1, 0.1, 0, -1, 0.01, 0.001], title: "Loss", logScaleY: true)
    let root = try checkCommon(chart)
    XCTAssertEqual(chart.notes, ["2 points not drawn: 2 not positive (log scale)."])
    XCTAssertEqual(texts(root, "nbc-yticks"), ["0.001", "0.01", "0.1", "1"])
    XCTAssertTrue(root.withClass("nbc-notes").first?.allText.contains("not positive") ?? false)
    assertInsideArea(root, "nbc-series")
    // The line breaks at the gap: two pieces.
    XCTAssertEqual(pathPoints(root.withClass("nbc-series")[0]["d"]!).count, 2)
  }

  func testLineChartBadInputs() throws {
    let empty = LineChart([])
    XCTAssertEqual(try checkCommon(empty).withClass("nbc-empty").first?.text, "No data")

    let nonFinite = LineChart([.nan, .infinity, -.infinity])
    XCTAssertEqual(
      try checkCommon(nonFinite).withClass("nbc-empty").first?.text, "No drawable data")
    XCTAssertEqual(nonFinite.notes, ["3 points not drawn: 1 NaN, 2 infinite."])

    let mixed = LineChart([0.5, .nan, 0.4, 0.3, .infinity, 0.2])
    let root = try checkCommon(mixed)
    XCTAssertEqual(mixed.notes, ["2 points not drawn: 1 NaN, 1 infinite."])
    assertInsideArea(root, "nbc-series")

    let single = LineChart([0.5])
    let singleRoot = try checkCommon(single)
    assertInsideArea(singleRoot, "nbc-markers", slack: Marker.radius + 0.1)
    XCTAssertEqual(texts(singleRoot, "nbc-xticks"), ["0", "1", "2"])

    let equal = LineChart([2, 2, 2, 2])
    let equalRoot = try checkCommon(equal)
    assertInsideArea(equalRoot, "nbc-series")
    XCTAssertGreaterThanOrEqual(texts(equalRoot, "nbc-yticks").count, 2)

    let huge = LineChart([1e308, -1e308, 1e-308])
    XCTAssertEqual(huge.notes, ["2 points not drawn: 2 beyond ±10³⁰⁰."])
    try checkCommon(huge)

    XCTAssertThrowsError(try LineChart(series: [Series(name: "a", x: [1, 2], y: [1, 2, 3])])) {
      error in
      XCTAssertEqual((error as? ChartError)?.kind, .mismatchedLengths)
      XCTAssertTrue("\(error)".contains("2 x values but 3 y values"))
    }
    let none = try LineChart(series: [])
    XCTAssertEqual(try checkCommon(none).withClass("nbc-empty").first?.text, "No data")
  }

  // MARK: Scatter plots

  func testScatterPlotDrawsOnePathPerClassWithItsOwnMarker() throws {
    let points = (0..<60).map { k in (Double(k % 10), Double(k / 10) * 0.5) }
    let labels = (0..<60).map { $0 % 3 }
    let chart = try ScatterPlot(points, labels: labels, classNames: ["a", "b"], title: "Points")
    let root = try checkCommon(chart)
    let classes = root.withClass("nbc-points")
    XCTAssertEqual(classes.count, 3)
    XCTAssertEqual(classes.map { pathPoints($0["d"]!).count }, [20, 20, 20])
    XCTAssertEqual(
      root.withClass("nbc-legend").first?.find("text").map(\.text), ["a", "b", "class 2"])
    assertInsideArea(root, "nbc-points", slack: Marker.radius + 0.1)
    XCTAssertTrue(chart.summary.contains("20 a, 20 b, 20 class 2"), chart.summary)
  }

  func testScatterPlotBadInputs() throws {
    XCTAssertThrowsError(try ScatterPlot(x: [1, 2], y: [1])) {
      XCTAssertEqual(($0 as? ChartError)?.kind, .mismatchedLengths)
    }
    XCTAssertThrowsError(try ScatterPlot([(1, 2)], labels: [0, 1])) {
      XCTAssertEqual(($0 as? ChartError)?.kind, .mismatchedLengths)
    }
    try checkCommon(try ScatterPlot([]))
    let bad = try ScatterPlot([(1, .nan), (.infinity, 2), (3, 3)], labels: [0, 1, 1])
    XCTAssertEqual(bad.notes, ["2 points not drawn: 1 NaN, 1 infinite."])
    try checkCommon(bad)
    try checkCommon(try ScatterPlot([(5, 5), (5, 5)]))
  }

  // MARK: Histograms

  static let sample = [
    0.5, 1.25, -0.75, 2.0, 2.0, 3.5, -1.0, 0.0, 0.1, 0.2, 1.9, 2.7, -0.3, 0.45, 1.1,
  ]

  func testHistogramWithGivenBinsMatchesNumpy() throws {
    // histogram_reference.py: numpy.histogram(sample, bins=4) and bins=7.
    let four = Histogram(Self.sample, bins: 4)
    XCTAssertEqual(four.counts, [5, 4, 4, 2])
    XCTAssertEqual(four.edges, [-1.0, 0.125, 1.25, 2.375, 3.5])
    let seven = Histogram(Self.sample, bins: 7)
    XCTAssertEqual(seven.counts, [2, 4, 2, 2, 3, 1, 1])
    let numpyEdges = [
      -1.0, -0.3571428571428571, 0.2857142857142858, 0.9285714285714288, 1.5714285714285716,
      2.2142857142857144, 2.8571428571428577, 3.5,
    ]
    for (a, b) in zip(seven.edges, numpyEdges) { XCTAssertEqual(a, b, accuracy: 1e-15) }
    let root = try checkCommon(seven)
    XCTAssertEqual(pathPoints(root.withClass("nbc-bars")[0]["d"]!).count, 7)
    assertInsideArea(root, "nbc-bars")
  }

  func testHistogramChoosesRoundBinsAutomatically() throws {
    // Sturges' width 4.5 / (log2 15 + 1) = 0.917 is below Freedman–Diaconis 2 · 1.9 / 15^(1/3)
    // = 1.54 (IQR 1.9 from numpy.percentile); rounded to 1, the edges are −1 ... 4.
    XCTAssertEqual(Histogram.quantile(Self.sample.sorted(), 0.25), 0.05, accuracy: 1e-12)
    XCTAssertEqual(Histogram.quantile(Self.sample.sorted(), 0.75), 1.95, accuracy: 1e-12)
    let auto = Histogram(Self.sample)
    XCTAssertEqual(auto.edges, [-1, 0, 1, 2, 3, 4])
    XCTAssertEqual(auto.counts, [3, 5, 3, 3, 1])  // numpy.histogram(sample, bins=[-1, 0, 1, 2, 3, 4])
    let root = try checkCommon(auto)
    XCTAssertEqual(texts(root, "nbc-yticks").last, "5")
    XCTAssertTrue(auto.summary.contains("15 values in 5 bins of width 1"), auto.summary)
  }

  func testHistogramBadInputs() throws {
    let equal = Histogram([5, 5, 5], bins: 3)
    XCTAssertEqual(equal.counts, [0, 3, 0])  // numpy: edges 4.5 ... 5.5
    try checkCommon(equal)
    let equalAuto = Histogram([5, 5, 5])
    XCTAssertEqual(equalAuto.counts, [3])
    try checkCommon(equalAuto)
    let empty = Histogram([])
    XCTAssertEqual(try checkCommon(empty).withClass("nbc-empty").first?.text, "No data")
    let bad = Histogram([.nan, 1, 2, .infinity], bins: 0)
    XCTAssertEqual(bad.counts.reduce(0, +), 2)
    XCTAssertEqual(bad.notes.count, 2)
    try checkCommon(bad)
    XCTAssertEqual(Histogram([1, 2], bins: 5000).counts.count, 1000)
    XCTAssertEqual(Histogram([0.25]).counts, [1])
  }

  // MARK: Bar charts

  func testGroupedBarsWithPatternsValuesAndLegend() throws {
    let chart = try BarChart(
      categories: ["acc", "prec", "rec"],
      series: [Series(name: "A", y: [0.9, 0.8, 0.7]), Series(name: "B", y: [0.6, 0.5, 0.95])],
      title: "Metrics")
    let root = try checkCommon(chart)
    let bars = root.withClass("nbc-bars")
    XCTAssertEqual(bars.count, 2)
    XCTAssertEqual(bars.map { pathPoints($0["d"]!).count }, [3, 3])
    XCTAssertTrue(bars[1]["fill"]!.hasPrefix("url(#"))
    XCTAssertEqual(texts(root, "nbc-xticks"), ["acc", "prec", "rec"])
    XCTAssertEqual(texts(root, "nbc-values"), ["0.9", "0.8", "0.7", "0.6", "0.5", "0.95"])
    XCTAssertEqual(root.withClass("nbc-legend").first?.find("text").map(\.text), ["A", "B"])
    assertInsideArea(root, "nbc-bars")
  }

  func testBarChartBadInputs() throws {
    XCTAssertThrowsError(try BarChart(categories: ["a", "b"], values: [1])) {
      XCTAssertEqual(($0 as? ChartError)?.kind, .mismatchedLengths)
    }
    XCTAssertThrowsError(
      try BarChart(categories: ["a"], series: [Series(name: "s", x: [1], y: [1])])
    ) {
      XCTAssertEqual(($0 as? ChartError)?.kind, .invalidArgument)
    }
    try checkCommon(try BarChart(categories: [], values: []))
    let bad = try BarChart(categories: ["a", "b", "c"], values: [.nan, -2, 3])
    XCTAssertEqual(bad.notes, ["1 value not drawn: 1 NaN."])
    let root = try checkCommon(bad)
    assertInsideArea(root, "nbc-bars")
    try checkCommon(try BarChart(categories: ["zero"], values: [0]))
  }

  // MARK: Text and ids

  func testTextIsEscapedAndRoundTrips() throws {
    let title = "<b>\"Loss\" & 'acc'</b>\u{0}\u{1}"
    let chart = try LineChart(
      series: [Series(name: "a<&>b", y: [1, 2]), Series(name: "c", y: [2, 1])], title: title)
    let root = try checkCommon(chart)
    XCTAssertEqual(
      root.children.first { $0.name == "title" }?.text, "<b>\"Loss\" & 'acc'</b>\u{FFFD}\u{FFFD}")
    XCTAssertEqual(root.withClass("nbc-legend").first?.find("text").first?.text, "a<&>b")
  }

  func testSameInputSameBytesAndDistinctIdsOtherwise() throws {
    let a = LineChart(Self.losses, title: "Loss")
    let b = LineChart(Self.losses, title: "Loss")
    XCTAssertEqual(a.svg, b.svg)
    let c = LineChart(Self.losses, title: "Loss 2")
    XCTAssertNotEqual(try parseSVG(a.svg)["id"], try parseSVG(c.svg)["id"])
    let named = LineChart(Self.losses, title: "Loss", id: "fig loss/1")
    XCTAssertEqual(try parseSVG(named.svg)["id"], "fig_loss_1")
    XCTAssertEqual(try parseSVG(LineChart([1], id: "9").svg)["id"], "c9")
    let points = (0..<50).map { (Double($0 % 7), Double($0 % 5)) }
    let map1 = try DecisionBoundary(
      classifier: { x, _ in x < 3 ? 0 : 1 }, points: points,
      labels: points.map { $0.0 < 3 ? 0 : 1 }, resolution: 40)
    let map2 = try DecisionBoundary(
      classifier: { x, _ in x < 3 ? 0 : 1 }, points: points,
      labels: points.map { $0.0 < 3 ? 0 : 1 }, resolution: 40)
    XCTAssertEqual(map1.svg, map2.svg)
  }

  func testSideBySideKeepsEveryIdUnique() throws {
    let bars = try BarChart(
      categories: ["a", "b"],
      series: [Series(name: "x", y: [1, 2]), Series(name: "y", y: [2, 1])])
    let pair = SideBySide([bars, bars, LineChart([1, 2, 3])], title: "Three")
    let root = try checkCommon(pair)
    XCTAssertEqual(root.withClass("nbc-panel").count, 3)
    XCTAssertEqual(root.find("svg").count, 4)
    XCTAssertEqual(root["class"], "nbc nbc-side-by-side", "a page can tell it apart")
    XCTAssertEqual(
      root.find("svg").dropFirst().map { $0["class"] }, ["nbc", "nbc", "nbc"],
      "its panels are plain charts")
    // 560 + 560 + 640 is wider than a row (840): each is drawn again at its narrowest, 320.
    XCTAssertEqual(Double(root["width"]!)!, 3 * 320, accuracy: 0.01)
    XCTAssertTrue(pair.summary.contains("(3) Line chart"), pair.summary)
    let grid = SideBySide([bars, bars, bars], columns: 2)
    // The first row (2 × 560) is drawn at 840 / 1120 of its size; the second fits as it is.
    XCTAssertEqual(
      Double(try parseSVG(grid.svg)["height"]!)!, 380 * 840 / 1120 + 380, accuracy: 0.06)
    try checkCommon(SideBySide([]))
  }
}
