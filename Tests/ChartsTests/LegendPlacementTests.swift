import Foundation
import XCTest

@testable import Charts

/// Where legends go. On a 360 px phone the page keeps a chart at least 30rem (480 px) wide and
/// lets it scroll sideways in a box about 318 px wide, so the reader first sees the left
/// 318 / 480 = 66% of the chart: every legend must lie in its left `phoneVisibleShare` (65%),
/// inside the plot where it covers no data, otherwise under the plot, in rows.
final class LegendPlacementTests: XCTestCase {
  /// The legend's box and entries, parsed: a label on two lines gives two `labels`, one per
  /// tspan; `entries` has each label's lines.
  private struct Legend {
    var box: Rect
    var labels: [(text: String, x: Double, y: Double, fontSize: Double)]
    var swatchStarts: [Double]
    var entries: [[String]]
  }

  private func legend(_ root: Element, file: StaticString = #filePath, line: UInt = #line) throws
    -> Legend
  {
    let g = try XCTUnwrap(root.withClass("nbc-legend").first, "no legend", file: file, line: line)
    let box = try XCTUnwrap(g.withClass("nbc-lg").first, file: file, line: line)
    let rect = Rect(
      x: Double(box["x"]!)!, y: Double(box["y"]!)!, width: Double(box["width"]!)!,
      height: Double(box["height"]!)!)
    var labels: [(text: String, x: Double, y: Double, fontSize: Double)] = []
    var entries: [[String]] = []
    for text in g.find("text") {
      let size = Double(text["font-size"]!)!
      let spans = text.find("tspan")
      if spans.isEmpty {
        labels.append((text.text, Double(text["x"]!)!, Double(text["y"]!)!, size))
        entries.append([text.text])
      } else {
        XCTAssertEqual(text.text, "", "a wrapped label is all in its lines", file: file, line: line)
        labels += spans.map { ($0.text, Double($0["x"]!)!, Double($0["y"]!)!, size) }
        entries.append(spans.map(\.text))
      }
    }
    // A swatch's first point: the line's start, or the box's left edge minus its 4 px inset.
    let swatches = g.children.filter { $0.name == "path" || $0.name == "rect" }
      .filter {
        !($0["class"] ?? "").contains("nbc-lg") && !($0["class"] ?? "").contains("nbc-rim")
      }
      .map { e -> Double in
        if e.name == "rect" { return Double(e["x"]!)! - 4 }
        return pathPoints(e["d"]!).first!.first!.0
      }
    return Legend(box: rect, labels: labels, swatchStarts: swatches, entries: entries)
  }

  private func viewBox(_ root: Element) -> (width: Double, height: Double) {
    let parts = (root["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
    return (parts[2], parts[3])
  }

  /// Checks what every legend must satisfy: inside the chart, within the phone-visible part,
  /// text at the legend size, and each label inside the box and clear of the next entry.
  private func assertReadableOnAPhone(
    _ root: Element, _ l: Legend, file: StaticString = #filePath, line: UInt = #line
  ) {
    let (width, height) = viewBox(root)
    XCTAssertGreaterThanOrEqual(l.box.x, 0, file: file, line: line)
    XCTAssertLessThanOrEqual(l.box.maxY, height, file: file, line: line)
    XCTAssertLessThanOrEqual(
      l.box.maxX, width * 0.65 + 0.1, "legend beyond the phone-visible part", file: file,
      line: line)
    for (text, x, y, size) in l.labels {
      // 12.5 units: 9.4 px at a phone's 480/640 scale.
      XCTAssertEqual(size, 12.5, file: file, line: line)
      let right = x + SVG.textWidth(text, size: size)
      XCTAssertLessThanOrEqual(
        right, l.box.maxX, "“\(text)” leaves the box", file: file, line: line)
      XCTAssertTrue(y > l.box.y && y < l.box.maxY, file: file, line: line)
      // Lines of text never overlap: any other label at the same x is a line height away.
      for other in l.labels where other.x == x && other.y != y {
        XCTAssertGreaterThanOrEqual(abs(other.y - y), size, "“\(text)”", file: file, line: line)
      }
      // The next swatch in the same row starts after this label ends.
      let sameRow = l.labels.filter { abs($0.y - y) < 0.01 && $0.x > x }.map(\.x).min()
      if let next = sameRow {
        let nextSwatch = l.swatchStarts.filter { $0 < next && $0 > x }.max() ?? next
        XCTAssertGreaterThan(
          nextSwatch, right + 8, "“\(text)” runs into the next entry", file: file, line: line)
      }
    }
  }

  /// Series that zigzag over the whole plot leave no room inside it for a legend.
  private static func crowded(_ names: [String]) -> [Series] {
    names.enumerated().map { k, name in
      Series(name: name, y: (0..<120).map { i in sin(Double(i) * 1.7 + Double(k)) })
    }
  }

  func testLegendThatWouldCoverDataGoesUnderTheAxisTitleInRows() throws {
    let names = [
      "linear, 20 samples", "linear, 10,000 samples", "2-16-2 ReLU, 10,000",
      "a fourth, longer series", "fifth",
    ]
    let chart = try LineChart(
      series: Self.crowded(names), title: "Loss", xLabel: "epoch", yLabel: "loss")
    let root = try checkCommon(chart)
    let area = try XCTUnwrap(plotArea(root))
    let l = try legend(root)
    XCTAssertEqual(l.labels.map(\.text), names)
    assertReadableOnAPhone(root, l)
    // Under the plot, its tick labels and the axis title, starting at the plot's left edge.
    let xLabel = try XCTUnwrap(root.withClass("nbc-xlabel").first)
    XCTAssertGreaterThan(l.box.y, Double(xLabel["y"]!)! + 3)
    XCTAssertGreaterThan(l.box.y, area.y + area.height + 20)
    XCTAssertEqual(l.box.x, area.x, accuracy: 0.06)
    // The plot keeps the chart's width (nothing reserved on the right for the legend).
    XCTAssertGreaterThan(area.x + area.width, viewBox(root).width - 20)
    // Five entries that do not fit in one phone-wide row: at least two rows, none empty.
    let rows = Set(l.labels.map(\.y))
    XCTAssertGreaterThanOrEqual(rows.count, 2)
    XCTAssertLessThan(rows.count, names.count)
    assertInsideArea(root, "nbc-series")
  }

  func testEveryChartKindKeepsItsLegendInThePhoneVisiblePart() throws {
    let twoMoons = (0..<200).map { k -> (Double, Double) in
      let t = Double(k % 100) / 100 * Double.pi
      return k < 100 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
    }
    let labels = (0..<200).map { $0 < 100 ? 0 : 1 }
    let charts: [(String, any Chart)] = [
      ("crowded lines", try LineChart(series: Self.crowded(["one", "two", "three"]))),
      (
        "lines with room",
        try LineChart(series: [
          Series(name: "train", y: (0..<50).map { exp(-Double($0) / 10) }),
          Series(name: "test", y: (0..<50).map { exp(-Double($0) / 12) + 0.1 }),
        ])
      ),
      ("scatter", try ScatterPlot(twoMoons, labels: labels)),
      (
        "bars",
        try BarChart(
          categories: ["precision", "recall", "F1 score"],
          series: [
            Series(name: "model A", y: [0.9, 0.95, 0.92]),
            Series(name: "model B", y: [0.97, 0.91, 0.94]),
          ])
      ),
      (
        "decision boundary",
        try DecisionBoundary(
          classifier: { x, y in y > 0.25 - 0.3 * x ? 0 : 1 }, points: twoMoons, labels: labels,
          resolution: 40)
      ),
    ]
    for (name, chart) in charts {
      let root = try checkCommon(chart)
      let l = try legend(root)
      XCTAssertFalse(l.labels.isEmpty, name)
      assertReadableOnAPhone(root, l)
    }
  }

  func testDecisionBoundaryLegendSitsUnderItsSquarePlot() throws {
    let points = [(0.0, 0.0), (1.0, 1.0), (0.0, 1.0), (1.0, 0.0)]
    let chart = try DecisionBoundary(
      classifier: { x, _ in x < 0.5 ? 0 : 1 }, points: points, labels: [0, 1, 0, 1],
      resolution: 20, classNames: ["left", "right"], title: "Halves")
    let root = try checkCommon(chart)
    let area = try XCTUnwrap(plotArea(root))
    let l = try legend(root)
    XCTAssertEqual(l.labels.map(\.text), ["left", "right"])
    XCTAssertGreaterThan(l.box.y, area.y + area.height + 20)
    // Both classes in one row.
    XCTAssertEqual(Set(l.labels.map(\.y)).count, 1)
    assertReadableOnAPhone(root, l)
    // Equal scales on both axes survive the band taken by the legend.
    let xTicks = root.withClass("nbc-xticks").first!.find("text").map { Double($0["x"]!)! }
    let yTicks = root.withClass("nbc-yticks").first!.find("text").map { Double($0["y"]!)! }
    XCTAssertFalse(xTicks.isEmpty || yTicks.isEmpty)
    XCTAssertEqual(area.width, area.height, accuracy: area.width * 0.02)
  }

  func testLongCategoryNamesTurnedAsideStayClearOfALegendUnderThem() throws {
    let categories = (1...6).map { "a rather long category name \($0)" }
    let chart = try BarChart(
      categories: categories,
      series: (0..<4).map { k in
        Series(name: "series \(k)", y: categories.map { _ in 1 - 0.01 * Double(k) })
      })
    let root = try checkCommon(chart)
    let turned = try XCTUnwrap(root.withClass("nbc-xticks").first?.find("text").first)
    XCTAssertTrue(turned["transform"]?.hasPrefix("rotate(-40") ?? false)
    let l = try legend(root)
    assertReadableOnAPhone(root, l)
    // The rotated tick labels reach down to about 0.66 of their width (≤ 110) plus 18 px.
    let area = try XCTUnwrap(plotArea(root))
    XCTAssertGreaterThan(l.box.y, area.y + area.height + 0.66 * 110 + 18 - 1)
  }

  func testALegendThatFitsStaysInsideThePlot() throws {
    let chart = try LineChart(series: [
      Series(name: "train", y: (0..<50).map { exp(-Double($0) / 10) }),
      Series(name: "test", y: (0..<50).map { exp(-Double($0) / 12) + 0.1 }),
    ])
    let root = try checkCommon(chart)
    let area = try XCTUnwrap(plotArea(root))
    let l = try legend(root)
    XCTAssertGreaterThanOrEqual(l.box.x, area.x)
    XCTAssertLessThanOrEqual(l.box.maxY, area.y + area.height)
    XCTAssertGreaterThanOrEqual(l.box.y, area.y)
    assertReadableOnAPhone(root, l)
  }

  func testTitlesStartAtThePlotsLeftEdgeWhereAPhoneShowsThem() throws {
    let title = "Training loss (cross-entropy) on 10,000 samples"
    let chart = LineChart([3, 2, 1], title: title)
    let root = try checkCommon(chart)
    let area = try XCTUnwrap(plotArea(root))
    let t = try XCTUnwrap(root.withClass("nbc-title").first)
    XCTAssertEqual(t.text, title)
    XCTAssertEqual(Double(t["x"]!)!, area.x, accuracy: 0.06)
    XCTAssertNil(t["text-anchor"], "start-anchored")
    // Its first 30 characters lie in the phone-visible part.
    let thirty = SVG.textWidth(String(title.prefix(30)), size: Style.titleFont)
    XCTAssertLessThan(area.x + thirty, 640 * Style.phoneVisibleShare)
    let pair = SideBySide([chart, chart], title: "Two")
    let top = try XCTUnwrap(try parseSVG(pair.svg).children.first { $0.name == "text" })
    XCTAssertEqual(top.text, "Two")
    XCTAssertEqual(top["x"], "10")
  }

  func testALegendTallerThanTheChartAllowsMakesTheChartTaller() throws {
    let names = (1...40).map { "series number \($0)" }
    let chart = try LineChart(series: Self.crowded(names), title: "Many", width: 640, height: 300)
    let root = try checkCommon(chart)
    let l = try legend(root)
    XCTAssertEqual(l.labels.count, 40)
    assertReadableOnAPhone(root, l)
    let area = try XCTUnwrap(plotArea(root))
    XCTAssertGreaterThanOrEqual(area.height, 40)
    XCTAssertGreaterThan(viewBox(root).height, 300)
    assertInsideArea(root, "nbc-series")
  }

  func testANarrowChartWrapsLongLegendLabelsOntoTwoLinesAndShortensOnlyLongerOnes() throws {
    let names = ["a very long series name that cannot fit", "another long series name"]
    let chart = try LineChart(series: Self.crowded(names), width: 300, height: 260)
    let root = try checkCommon(chart)
    let l = try legend(root)
    assertReadableOnAPhone(root, l)
    XCTAssertEqual(l.entries.count, 2)
    // The second fits on two lines: whole, broken at a space, no ellipsis.
    XCTAssertEqual(l.entries[1].count, 2, "\(l.entries)")
    XCTAssertEqual(l.entries[1].joined(separator: " "), names[1])
    XCTAssertFalse(l.entries[1].joined().contains("…"))
    // The first needs three: its second line ends with an ellipsis.
    XCTAssertEqual(l.entries[0].count, 2, "\(l.entries)")
    XCTAssertTrue(l.entries[0][0].hasPrefix("a very"))
    XCTAssertTrue(l.entries[0][1].hasSuffix("…"))
    XCTAssertTrue(names[0].hasPrefix(l.entries[0].joined(separator: " ").dropLast()))
    // The box holds both lines of each entry: one 18-unit row plus a 15-unit line each.
    XCTAssertEqual(l.box.height, 6 + 2 * (18 + 15) + 3, accuracy: 0.05)
  }

  func testALegendInsideThePlotWrapsALabelWiderThanItsLineRatherThanCuttingIt() throws {
    // Two falling lines leave the plot's top right empty, where the legend goes.
    let long = "validation loss after the learning rate is halved"
    let chart = try LineChart(
      series: [
        Series(name: "training loss", y: (0..<30).map { 1 / Double($0 + 1) }),
        Series(name: long, y: (0..<30).map { 1.2 / Double($0 + 1) }),
      ], width: 640, height: 400)
    let root = try checkCommon(chart)
    let l = try legend(root)
    assertReadableOnAPhone(root, l)
    let area = try XCTUnwrap(plotArea(root))
    XCTAssertLessThan(l.box.maxY, area.y + area.height, "inside the plot")
    XCTAssertEqual(l.entries[0], ["training loss"])
    XCTAssertEqual(l.entries[1].count, 2)
    XCTAssertEqual(l.entries[1].joined(separator: " "), long)
    for line in l.entries[1] {
      XCTAssertLessThanOrEqual(SVG.textWidth(line, size: 12.5), Style.legendLineWidth)
    }
  }

  func testWrappingBreaksAtSpacesInsideOverlongWordsAndShortensTheLastLine() {
    func width(_ s: String) -> Double { SVG.textWidth(s, size: 12.5) }
    // Fits: unchanged.
    XCTAssertEqual(SVG.wrap("loss", toWidth: 100, size: 12.5), ["loss"])
    XCTAssertEqual(SVG.wrap("", toWidth: 100, size: 12.5), [""])
    // Broken after the last word that fits.
    let w = width("alpha beta")
    XCTAssertEqual(SVG.wrap("alpha beta gamma", toWidth: w, size: 12.5), ["alpha beta", "gamma"])
    XCTAssertEqual(
      SVG.wrap("  alpha beta gamma", toWidth: w + 1, size: 12.5), ["alpha beta", "gamma"])
    // A word wider than a line is broken inside it, as late as fits.
    let hard = SVG.wrap("abcdefghijklmnop", toWidth: width("abcdefgh"), size: 12.5)
    XCTAssertEqual(hard, ["abcdefgh", "ijklmnop"])
    // More than two lines' worth: the second line is cut with an ellipsis within the width.
    let cut = SVG.wrap("alpha beta gamma delta", toWidth: w, size: 12.5)
    XCTAssertEqual(cut.count, 2)
    XCTAssertEqual(cut[0], "alpha beta")
    XCTAssertTrue(cut[1].hasSuffix("…") && cut[1].hasPrefix("gamma"), "\(cut)")
    XCTAssertLessThanOrEqual(width(cut[1]), w)
    // Three lines allowed: no ellipsis ("gamma delta" is wider than "alpha beta").
    XCTAssertGreaterThan(width("gamma delta"), w)
    XCTAssertEqual(
      SVG.wrap("alpha beta gamma delta", toWidth: w, size: 12.5, lines: 3),
      ["alpha beta", "gamma", "delta"])
  }
}
