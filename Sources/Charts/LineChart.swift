import Foundation

/// A line chart of one or more series, such as training and validation loss per epoch.
///
/// ```swift
/// LineChart(losses, title: "Training loss", logScaleY: true)
/// try LineChart(series: [Series(name: "train", y: train), Series(name: "test", y: test)],
///               title: "Loss", xLabel: "epoch", yLabel: "cross-entropy")
/// ```
///
/// Points with a NaN or infinite coordinate (or a y ≤ 0 on a log scale) are left out, the line
/// breaks there, and a note under the chart says how many were left out.
public struct LineChart: Chart, TemplatedChart {
  let rendered: RenderedChart
  /// The complete `<svg>` element.
  public var svg: String { rendered.svg }
  /// The text of the chart's `<desc>`: what it shows, in a sentence or two.
  public let summary: String
  /// Notes printed under the chart about data that could not be drawn.
  public let notes: [String]

  /// A chart of `values` against their position 1, 2, 3, ... (epochs start at 1).
  public init(
    _ values: [Double], title: String = "", xLabel: String = "epoch", yLabel: String = "",
    logScaleY: Bool = false, width: Double = 640, height: Double = 400, id: String? = nil
  ) {
    let name = yLabel.isEmpty ? (title.isEmpty ? "values" : title) : yLabel
    let series = [Series(name: name, y: values)]
    (rendered, summary, notes) = LineChart.render(
      series: series, title: title, xLabel: xLabel, yLabel: yLabel, logScaleY: logScaleY,
      width: width, height: height, id: id, showLegend: false)
  }

  /// A chart of several series, each with its own colour, dash pattern and markers.
  ///
  /// - Throws: `ChartError` (`.mismatchedLengths`) if a series has `x` and `y` of
  ///   different lengths.
  public init(
    series: [Series], title: String = "", xLabel: String = "", yLabel: String = "",
    logScaleY: Bool = false, width: Double = 640, height: Double = 400, id: String? = nil
  ) throws {
    for (i, s) in series.enumerated() {
      if let x = s.x, x.count != s.y.count {
        throw ChartError(
          .mismatchedLengths,
          "LineChart: series \(i + 1) (“\(s.name)”) has \(x.count) x values but \(s.y.count) y values; give x and y the same length, or leave x out to use 1, 2, 3, …"
        )
      }
    }
    (rendered, summary, notes) = LineChart.render(
      series: series, title: title, xLabel: xLabel, yLabel: yLabel, logScaleY: logScaleY,
      width: width, height: height, id: id, showLegend: series.count > 1)
  }

  private struct Prepared {
    var name: String
    var points: [(Double, Double)?]  // nil breaks the line
    var drawn: [(Double, Double)]
  }

  private static func render(
    series: [Series], title: String, xLabel: String, yLabel: String, logScaleY: Bool,
    width: Double, height: Double, id: String?, showLegend: Bool
  ) -> (RenderedChart, String, [String]) {
    let width = clampSize(width)
    let height = clampSize(height)
    var omitted = Omissions()
    var prepared: [Prepared] = []
    for s in series {
      var points: [(Double, Double)?] = []
      var drawn: [(Double, Double)] = []
      for i in 0..<s.y.count {
        let x = s.x?[i] ?? Double(i + 1)
        let y = s.y[i]
        var yOK = omitted.admit(y, positiveOnly: logScaleY)
        if yOK && !omitted.admit(x) { yOK = false }
        if yOK {
          points.append((x, y))
          drawn.append((x, y))
        } else {
          points.append(nil)
        }
      }
      prepared.append(Prepared(name: s.name, points: points, drawn: drawn))
    }
    let all = prepared.flatMap(\.drawn)
    var plot = CartesianPlot(width: width, height: height, title: title)
    plot.x.label = xLabel
    plot.y.label = yLabel
    if logScaleY { plot.y.kind = .log }
    var notes: [String] = []
    if let note = omitted.note(noun: "point") { notes.append(note) }
    for p in prepared where p.points.isEmpty && series.count > 1 {
      notes.append("Series “\(p.name)” has no values.")
    }
    let markersEverywhere = all.count <= 60 || prepared.count > 1

    if all.isEmpty {
      plot.emptyMessage = series.allSatisfy({ $0.y.isEmpty }) ? "No data" : "No drawable data"
      plot.x.lo = 0
      plot.x.hi = 1
      plot.y.lo = logScaleY ? 1 : 0
      plot.y.hi = logScaleY ? 10 : 1
    } else {
      let xs = all.map(\.0)
      let ys = all.map(\.1)
      (plot.x.lo, plot.x.hi) = paddedDomain(xs.min()!, xs.max()!, pad: 0.02)
      (plot.y.lo, plot.y.hi) = paddedDomain(ys.min()!, ys.max()!, pad: 0.05, log: logScaleY)
      plot.x.integerTicks = series.allSatisfy { $0.x == nil }
      if plot.x.integerTicks && plot.x.hi - plot.x.lo < 2 {
        let centre = (xs.min()! + xs.max()!) / 2
        (plot.x.lo, plot.x.hi) = (centre - 1.1, centre + 1.1)
      }
    }

    let drawn = prepared
    @Sendable func markerIndices(_ count: Int, seriesIndex: Int) -> StrideTo<Int> {
      if count <= 25 { return stride(from: 0, to: count, by: 1) }
      let step = Int((Double(count) / 12).rounded(.up))
      let offset = (step * seriesIndex) / max(1, drawn.count)
      return stride(from: offset % step, to: count, by: step)
    }

    plot.draw = { b, frame in
      for (si, p) in drawn.enumerated() {
        let color = Palette.color(si)
        var line = PathData()
        var lonely: [(Double, Double)] = []  // points with no neighbour, drawn as markers
        for run in runs(p.points) {
          if run.count == 1 { lonely.append(run[0]) }
          let pixels = decimate(
            run.map { (frame.x($0.0), frame.y($0.1)) }, columns: frame.area.width)
          line.move(pixels[0].0, pixels[0].1)
          for (px, py) in pixels.dropFirst() { line.line(px, py) }
        }
        b.element(
          "path",
          [
            "class": "nbc-series" + Palette.strokeClass(si), "d": line.d, "stroke": color,
            "stroke-width": "2",
            "stroke-dasharray": Palette.dash(si), "stroke-linejoin": "round", "fill": "none",
          ])
        var marks = PathData()
        let marker = Palette.marker(si)
        if markersEverywhere {
          for i in markerIndices(p.points.count, seriesIndex: si) {
            if let (x, y) = p.points[i] { marker.append(to: &marks, x: frame.x(x), y: frame.y(y)) }
          }
        }
        if !markersEverywhere {
          for (x, y) in lonely { marker.append(to: &marks, x: frame.x(x), y: frame.y(y)) }
        }
        if !marks.isEmpty {
          b.element(
            "path",
            [
              "class": "nbc-markers nbc-rim" + Palette.fillClass(si), "d": marks.d, "fill": color,
              "stroke": Style.background, "stroke-width": "0.8",
            ])
        }
      }
    }
    plot.overlaps = { rect, frame in
      for p in drawn {
        var previous: (Double, Double)?
        for point in p.points {
          guard let (x, y) = point else {
            previous = nil
            continue
          }
          let px = frame.x(x)
          let py = frame.y(y)
          if rect.contains(px, py, margin: Marker.radius) { return true }
          if let (qx, qy) = previous, rect.meetsSegment(qx, qy, px, py) { return true }
          previous = (px, py)
        }
      }
      return false
    }
    if showLegend {
      plot.legend = prepared.enumerated().map { si, p in
        LegendEntry(
          label: p.name,
          swatch: .line(
            slot: si, dash: Palette.dash(si),
            marker: markersEverywhere ? Palette.marker(si) : nil))
      }
    }
    plot.notes = notes

    // Description.
    var summary = "Line chart"
    if !title.isEmpty { summary += " “\(title)”" }
    if all.isEmpty {
      summary += " with no drawable data."
    } else {
      let xs = all.map(\.0)
      summary += " of \(prepared.count == 1 ? "one series" : "\(prepared.count) series")"
      summary +=
        " over \(xLabel.isEmpty ? "x" : xLabel) from \(Format.value(xs.min()!)) to \(Format.value(xs.max()!))"
      summary += logScaleY ? ", log-scale y." : "."
      for p in prepared {
        guard let first = p.drawn.first, let last = p.drawn.last else {
          summary += " “\(p.name)”: no values."
          continue
        }
        let best = p.drawn.min { $0.1 < $1.1 }!
        let worst = p.drawn.max { $0.1 < $1.1 }!
        summary += prepared.count == 1 && !showLegend ? " " : " “\(p.name)”: "
        summary += "\(Format.count(p.drawn.count)) point\(p.drawn.count == 1 ? "" : "s"), "
        summary +=
          "from \(Format.value(first.1)) at \(Format.value(first.0)) to \(Format.value(last.1)) at \(Format.value(last.0)); "
        summary +=
          "minimum \(Format.value(best.1)) at \(Format.value(best.0)), maximum \(Format.value(worst.1)) at \(Format.value(worst.0))."
      }
    }
    for note in notes { summary += " " + note }
    let doc = plot.document(
      title: title.isEmpty ? "Line chart" : title, summary: summary, id: id)
    return (doc, summary, notes)
  }
}

/// The unbroken stretches of a series (nil breaks it).
private func runs(_ points: [(Double, Double)?]) -> [[(Double, Double)]] {
  var out: [[(Double, Double)]] = []
  var current: [(Double, Double)] = []
  for point in points {
    if let point {
      current.append(point)
    } else if !current.isEmpty {
      out.append(current)
      current = []
    }
  }
  if !current.isEmpty { out.append(current) }
  return out
}

/// For polylines much denser than the pixels they cover, keeps per pixel column the first,
/// lowest, highest and last point (the M4 rule), which draws the same picture with at most
/// four points per column.
func decimate(_ pixels: [(Double, Double)], columns: Double) -> [(Double, Double)] {
  guard Double(pixels.count) > 4 * max(columns, 1) else { return pixels }
  var out: [(Double, Double)] = []
  var start = 0
  while start < pixels.count {
    let column = pixels[start].0.rounded(.down)
    var end = start
    var low = start
    var high = start
    while end + 1 < pixels.count && pixels[end + 1].0.rounded(.down) == column {
      end += 1
      if pixels[end].1 < pixels[low].1 { low = end }
      if pixels[end].1 > pixels[high].1 { high = end }
    }
    for k in Set([start, low, high, end]).sorted() { out.append(pixels[k]) }
    start = end + 1
  }
  return out
}

/// Keeps a requested size drawable.
func clampSize(_ v: Double) -> Double {
  guard v.isFinite else { return 640 }
  return min(max(v, 200), 4000)
}
