import Foundation

/// A bar chart of values per category, grouped when there are several series.
///
/// ```swift
/// try BarChart(categories: ["RNN", "LSTM"], values: [6272, 25088], title: "Parameters")
/// try BarChart(categories: ["accuracy", "recall"],
///              series: [Series(name: "model A", y: [0.91, 0.85]),
///                       Series(name: "model B", y: [0.88, 0.93])])
/// ```
///
/// Each series has its own colour and fill (solid, hatched, dotted, ...) so that groups stay
/// apart in grayscale print. Values are written above the bars when there is room.
public struct BarChart: Chart, TemplatedChart {
  let rendered: RenderedChart
  /// The complete `<svg>` element.
  public var svg: String { rendered.svg }
  /// The text of the chart's `<desc>`.
  public let summary: String
  /// Notes printed under the chart about values that could not be drawn.
  public let notes: [String]

  /// One bar per category.
  ///
  /// - Throws: `ChartError` (`.mismatchedLengths`) if `values` and `categories` differ in length.
  public init(
    categories: [String], values: [Double], title: String = "", xLabel: String = "",
    yLabel: String = "", width: Double = 560, height: Double = 380, id: String? = nil
  ) throws {
    try self.init(
      categories: categories, series: [Series(name: yLabel.isEmpty ? "value" : yLabel, y: values)],
      title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, id: id)
  }

  /// A group of bars per category, one bar per series (series `y[i]` belongs to `categories[i]`).
  ///
  /// - Throws: `ChartError` (`.mismatchedLengths`) if a series does not have one value per
  ///   category; (`.invalidArgument`) if a series has x positions, which bar charts do not use.
  public init(
    categories: [String], series: [Series], title: String = "", xLabel: String = "",
    yLabel: String = "", width: Double = 560, height: Double = 380, id: String? = nil
  ) throws {
    for (i, s) in series.enumerated() {
      if s.y.count != categories.count {
        throw ChartError(
          .mismatchedLengths,
          "BarChart: series \(i + 1) (“\(s.name)”) has \(s.y.count) values for \(categories.count) categories; give one value per category."
        )
      }
      if s.x != nil {
        throw ChartError(
          .invalidArgument,
          "BarChart: series \(i + 1) (“\(s.name)”) has x values; bars are placed by category, so leave x out."
        )
      }
    }
    var omitted = Omissions()
    var drawable: [[Double?]] = []
    for s in series {
      drawable.append(s.y.map { omitted.admit($0) ? $0 : nil })
    }
    let values = drawable.flatMap { $0.compactMap { $0 } }
    var notes: [String] = []
    if let note = omitted.note() { notes.append(note) }
    let seriesCount = series.count
    let barCount = categories.count * seriesCount

    var plot = CartesianPlot(width: clampSize(width), height: clampSize(height), title: title)
    plot.x.kind = .categories(categories)
    plot.x.lo = 0
    plot.x.hi = Double(max(1, categories.count))
    plot.x.label = xLabel
    plot.y.label = yLabel
    if values.isEmpty {
      plot.emptyMessage = barCount == 0 ? "No data" : "No drawable data"
      plot.y.lo = 0
      plot.y.hi = 1
    } else {
      var lo = min(0, values.min()!)
      var hi = max(0, values.max()!)
      if !(hi > lo) { hi = 1 }
      let pad = (hi / 2 - lo / 2) * 2 * 0.1
      if hi > 0 { hi += pad }
      if lo < 0 { lo -= pad }
      plot.y.lo = lo
      plot.y.hi = hi
    }

    var defs = ""
    for si in 0..<seriesCount where si % 5 != 0 {
      defs += BarChart.pattern(
        kind: si % 5, id: "\(SVG.placeholder)-p\(si)", slot: si)
    }
    plot.defs = defs
    @Sendable func fill(_ si: Int) -> String {
      si % 5 == 0 ? Palette.color(si) : "url(#\(SVG.placeholder)-p\(si))"
    }
    @Sendable func barRect(_ frame: Frame, category c: Int, series si: Int, value v: Double) -> Rect
    {
      let band = frame.area.width / Double(max(1, categories.count))
      let group = band * 0.8
      let w = group / Double(seriesCount)
      let x = frame.area.x + band * Double(c) + band * 0.1 + w * Double(si)
      let y0 = frame.y(0)
      let y1 = frame.y(v)
      return Rect(x: x, y: min(y0, y1), width: w, height: abs(y1 - y0))
    }
    let labelled = barCount <= 24
    plot.draw = { [drawable] b, frame in
      for si in 0..<seriesCount {
        var path = PathData()
        for (c, value) in drawable[si].enumerated() {
          guard let v = value else { continue }
          let r = barRect(frame, category: c, series: si, value: v)
          path.move(r.x, r.y)
          path.line(r.maxX, r.y)
          path.line(r.maxX, r.maxY)
          path.line(r.x, r.maxY)
          path.closePath()
        }
        if !path.isEmpty {
          b.element(
            "path",
            [
              "class": "nbc-bars" + (si % 5 == 0 ? Palette.fillClass(si) : "")
                + Palette.strokeClass(si),
              "d": path.d, "fill": fill(si),
              "stroke": Palette.color(si), "stroke-width": "1",
            ])
        }
      }
      if values.contains(where: { $0 < 0 }) {
        var zero = PathData()
        zero.move(frame.area.x, frame.y(0))
        zero.line(frame.area.maxX, frame.y(0))
        b.element("path", ["class": "nbc-ax", "d": zero.d, "stroke": Style.axis])
      }
      if labelled {
        b.open(
          "g",
          [
            "class": "nbc-t nbc-values", "fill": Style.text,
            "font-size": SVG.number(Style.valueFont),
            "text-anchor": "middle",
          ])
        for si in 0..<seriesCount {
          for (c, value) in drawable[si].enumerated() {
            guard let v = value else { continue }
            let r = barRect(frame, category: c, series: si, value: v)
            let text = Format.value(v, significant: 4)
            // Within its bar's width (plus a little), so that neighbours' values never meet.
            if SVG.textWidth(text, size: Style.valueFont) > r.width + 4 { continue }
            let y = v < 0 ? r.maxY + Style.valueFont : r.y - 3
            b.text(text, ["x": SVG.number(r.x + r.width / 2), "y": SVG.number(y)])
          }
        }
        b.close("g")
      }
    }
    plot.overlaps = { [drawable] rect, frame in
      for si in 0..<seriesCount {
        for (c, value) in drawable[si].enumerated() {
          guard let v = value else { continue }
          var r = barRect(frame, category: c, series: si, value: v)
          r.y -= Style.valueFont + 4
          r.height += 2 * (Style.valueFont + 4)
          if r.intersects(rect) { return true }
        }
      }
      return false
    }
    if seriesCount > 1 {
      plot.legend = series.enumerated().map { si, s in
        LegendEntry(
          label: s.name,
          swatch: .box(
            slot: si, pattern: si % 5 == 0 ? nil : fill(si),
            opacity: 1, marker: nil))
      }
    }
    plot.notes = notes

    var summary = "Bar chart"
    if !title.isEmpty { summary += " “\(title)”" }
    if values.isEmpty {
      summary += " with no drawable values."
    } else {
      summary += " of \(categories.count) categor\(categories.count == 1 ? "y" : "ies")"
      if seriesCount > 1 { summary += " and \(seriesCount) series" }
      summary += "."
      for (si, s) in series.enumerated() {
        let parts = categories.enumerated().map { c, name in
          "\(name) \(drawable[si][c].map { Format.value($0, significant: 4) } ?? "not drawn")"
        }
        summary += seriesCount > 1 ? " “\(s.name)”: " : " "
        summary += parts.prefix(40).joined(separator: ", ")
        summary += parts.count > 40 ? ", …" : "."
      }
    }
    for note in notes { summary += " " + note }
    rendered = plot.document(
      title: title.isEmpty ? "Bar chart" : title, summary: summary, id: id)
    self.summary = summary
    self.notes = notes
  }

  /// A fill pattern of the series colour with background-coloured hatching or dots.
  static func pattern(kind: Int, id: String, slot: Int) -> String {
    let tile =
      "<rect"
      + (Palette.fillClass(slot).isEmpty ? "" : " class=\"\(Palette.fillClass(slot).dropFirst())\"")
      + " width=\"6\" height=\"6\" fill=\"\(Palette.color(slot))\"/>"
    let rim = "class=\"nbc-rim\" stroke=\"\(Style.background)\""
    var s = "<pattern id=\"\(id)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
    switch kind {
    case 1:
      s +=
        " patternTransform=\"rotate(45)\">\(tile)<path d=\"M3 0v6\" \(rim) stroke-width=\"2\"/>"
    case 2:
      s +=
        ">\(tile)<circle cx=\"3\" cy=\"3\" r=\"1.3\" class=\"nbc-bg\" fill=\"\(Style.background)\"/>"
    case 3:
      s +=
        " patternTransform=\"rotate(-45)\">\(tile)<path d=\"M3 0v6\" \(rim) stroke-width=\"1.2\"/>"
    default:
      s +=
        " patternTransform=\"rotate(45)\">\(tile)<path d=\"M3 0v6M0 3h6\" \(rim) stroke-width=\"1\"/>"
    }
    return s + "</pattern>"
  }
}
