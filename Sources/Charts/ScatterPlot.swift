import Foundation

/// Integer class labels mapped to palette slots: the distinct labels in ascending order.
struct ClassTable {
  let labels: [Int]
  private let slot: [Int: Int]

  init<S: Sequence>(_ values: S) where S.Element == Int {
    labels = Array(Set(values)).sorted()
    slot = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
  }

  func index(of label: Int) -> Int { slot[label] ?? 0 }

  func name(_ label: Int, names: [String]?) -> String {
    if let names, label >= 0, label < names.count { return names[label] }
    return "class \(label)"
  }
}

/// Writes one path per class with that class's colour and marker.
func drawPoints(
  _ b: inout SVGBuilder, frame: Frame, points: [(Double, Double)], labels: [Int]?,
  classes: ClassTable
) {
  let slots = max(1, classes.labels.count)
  var paths = Array(repeating: PathData(), count: slots)
  for (i, (x, y)) in points.enumerated() {
    let slot = labels.map { classes.index(of: $0[i]) } ?? 0
    Palette.marker(slot).append(to: &paths[slot], x: frame.x(x), y: frame.y(y))
  }
  for (slot, path) in paths.enumerated() where !path.isEmpty {
    b.element(
      "path",
      [
        "class": "nbc-points nbc-rim" + Palette.fillClass(slot), "d": path.d,
        "fill": Palette.color(slot),
        "fill-opacity": "0.9", "stroke": Style.background, "stroke-width": "0.8",
      ])
  }
}

/// A scatter plot of points, optionally coloured and shaped by an integer class label.
///
/// ```swift
/// try ScatterPlot(points, labels: labels, title: "Two circles", xLabel: "x₁", yLabel: "x₂")
/// ```
public struct ScatterPlot: Chart, TemplatedChart {
  let rendered: RenderedChart
  /// The complete `<svg>` element.
  public var svg: String { rendered.svg }
  /// The text of the chart's `<desc>`.
  public let summary: String
  /// Notes printed under the chart about data that could not be drawn.
  public let notes: [String]

  /// A scatter plot of `(x, y)` pairs.
  ///
  /// - Parameters:
  ///   - labels: one class per point (any integers), or `nil` for a single class.
  ///   - classNames: legend names; label `k` is called `classNames[k]` when that exists,
  ///     otherwise "class k".
  /// - Throws: `ChartError` (`.mismatchedLengths`) if `labels` and `points` differ in length.
  public init(
    _ points: [(Double, Double)], labels: [Int]? = nil, classNames: [String]? = nil,
    title: String = "", xLabel: String = "", yLabel: String = "",
    width: Double = 560, height: Double = 420, id: String? = nil
  ) throws {
    try self.init(
      x: points.map(\.0), y: points.map(\.1), labels: labels, classNames: classNames,
      title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, id: id)
  }

  /// A scatter plot of the points `(x[i], y[i])`.
  ///
  /// - Throws: `ChartError` (`.mismatchedLengths`) if `x`, `y` and `labels` differ in length.
  public init(
    x: [Double], y: [Double], labels: [Int]? = nil, classNames: [String]? = nil,
    title: String = "", xLabel: String = "", yLabel: String = "",
    width: Double = 560, height: Double = 420, id: String? = nil
  ) throws {
    if x.count != y.count {
      throw ChartError(
        .mismatchedLengths,
        "ScatterPlot: \(x.count) x values but \(y.count) y values; give one x and one y per point.")
    }
    if let labels, labels.count != x.count {
      throw ChartError(
        .mismatchedLengths,
        "ScatterPlot: \(labels.count) labels for \(x.count) points; give one label per point, or none."
      )
    }
    var omitted = Omissions()
    var points: [(Double, Double)] = []
    var kept: [Int] = []
    for i in 0..<x.count {
      let okX = omitted.admit(x[i])
      if okX && omitted.admit(y[i]) {
        points.append((x[i], y[i]))
        kept.append(i)
      }
    }
    let keptLabels = labels.map { l in kept.map { l[$0] } }
    let classes = ClassTable(keptLabels ?? [0])
    var notes: [String] = []
    if let note = omitted.note(noun: "point") { notes.append(note) }

    var plot = CartesianPlot(width: clampSize(width), height: clampSize(height), title: title)
    plot.x.label = xLabel
    plot.y.label = yLabel
    if points.isEmpty {
      plot.emptyMessage = x.isEmpty ? "No data" : "No drawable data"
    } else {
      let xs = points.map(\.0)
      let ys = points.map(\.1)
      (plot.x.lo, plot.x.hi) = paddedDomain(xs.min()!, xs.max()!, pad: 0.05)
      (plot.y.lo, plot.y.hi) = paddedDomain(ys.min()!, ys.max()!, pad: 0.05)
    }
    plot.draw = { [points] b, frame in
      drawPoints(&b, frame: frame, points: points, labels: keptLabels, classes: classes)
    }
    plot.overlaps = { [points] rect, frame in
      points.contains { rect.contains(frame.x($0.0), frame.y($0.1), margin: Marker.radius) }
    }
    if keptLabels != nil && !points.isEmpty {
      plot.legend = classes.labels.enumerated().map { slot, label in
        LegendEntry(
          label: classes.name(label, names: classNames),
          swatch: .marker(slot: slot, marker: Palette.marker(slot)))
      }
    }
    plot.notes = notes

    var summary = "Scatter plot"
    if !title.isEmpty { summary += " “\(title)”" }
    if points.isEmpty {
      summary += " with no drawable points."
    } else {
      let xs = points.map(\.0)
      let ys = points.map(\.1)
      summary += " of \(Format.count(points.count)) point\(points.count == 1 ? "" : "s")"
      summary +=
        ", \(xLabel.isEmpty ? "x" : xLabel) from \(Format.value(xs.min()!)) to \(Format.value(xs.max()!))"
      summary +=
        ", \(yLabel.isEmpty ? "y" : yLabel) from \(Format.value(ys.min()!)) to \(Format.value(ys.max()!))."
      if let keptLabels {
        let counts = classes.labels.map { label in
          "\(Format.count(keptLabels.filter { $0 == label }.count)) \(classes.name(label, names: classNames))"
        }
        summary += " Classes: " + counts.joined(separator: ", ") + "."
      }
    }
    for note in notes { summary += " " + note }
    rendered = plot.document(
      title: title.isEmpty ? "Scatter plot" : title, summary: summary, id: id)
    self.summary = summary
    self.notes = notes
  }
}
