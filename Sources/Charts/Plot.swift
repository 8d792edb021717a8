import Foundation

/// How an axis maps values.
enum AxisKind: Sendable {
  case linear
  case log
  /// Named bands 0..<count; band i spans [i, i + 1].
  case categories([String])
}

/// What a chart asks of one axis.
struct AxisSpec: Sendable {
  var kind: AxisKind = .linear
  var lo: Double = 0
  var hi: Double = 1
  var label: String = ""
  var integerTicks = false

  var isLog: Bool {
    if case .log = kind { return true }
    return false
  }
}

/// Data value to pixel along one axis.
struct AxisMap: Sendable {
  let lo: Double
  let hi: Double
  let p0: Double
  let p1: Double
  let log: Bool

  init(_ spec: AxisSpec, from p0: Double, to p1: Double) {
    self.log = spec.isLog
    self.lo = log ? log10(spec.lo) : spec.lo
    self.hi = log ? log10(spec.hi) : spec.hi
    self.p0 = p0
    self.p1 = p1
  }

  @inline(__always)
  func callAsFunction(_ v: Double) -> Double {
    let u = log ? log10(v) : v
    return p0 + (u - lo) / (hi - lo) * (p1 - p0)
  }

  /// The data value at pixel `p` (inverse of the map).
  func value(at p: Double) -> Double {
    let u = lo + (p - p0) / (p1 - p0) * (hi - lo)
    return log ? pow(10, u) : u
  }
}

/// The plot area and the maps into it, handed to a chart's drawing code.
struct Frame: Sendable {
  let area: Rect
  let x: AxisMap
  let y: AxisMap
}

/// What a legend entry shows beside its label.
enum LegendSwatch: Sendable {
  case line(slot: Int, dash: String, marker: Marker?)
  case marker(slot: Int, marker: Marker)
  case box(slot: Int, pattern: String?, opacity: Double, marker: Marker?)
}

struct LegendEntry: Sendable {
  var label: String
  var swatch: LegendSwatch
}

/// Fonts and spacing shared by all charts.
enum Style {
  // Sized so that a 640-wide chart shrunk to a phone's column (about 480 px wide at least,
  // see the page's style sheet) still has 9 px text: no text is smaller than 12 units.
  static let tickFont = 12.0
  static let labelFont = 13.0
  static let titleFont = 15.0
  static let legendFont = 12.5
  static let noteFont = 12.0
  /// Values written over bars.
  static let valueFont = 12.0
  /// The left part of a chart that a 360 px phone shows before the reader scrolls the
  /// chart's box sideways (the page keeps a chart at least 30rem wide and lets it scroll, so
  /// that its text stays readable): the legend is kept in this part.
  static let phoneVisibleShare = 0.65
  /// Space between two entries in one row of a legend.
  static let legendGap = 18.0
  /// The height of a legend row of one-line labels; a label's second line adds
  /// `legendLineHeight`.
  static let legendRowHeight = 18.0
  static let legendLineHeight = 15.0
  /// The widest line of a label in a legend inside the plot (labels wrap onto a second line).
  static let legendLineWidth = 170.0
  static let text = "#222"
  static let axis = "#555"
  static let grid = "#e3e3e3"
  static let background = "#fff"
}

/// A chart with x and y axes: computes margins, ticks, the legend position, and writes
/// everything but the data, which `draw` adds.
struct CartesianPlot: Sendable {
  var width: Double
  var height: Double
  var title = ""
  var x = AxisSpec()
  var y = AxisSpec()
  var legend: [LegendEntry] = []
  var legendOutside = false
  var notes: [String] = []
  var emptyMessage: String?
  var equalAspect = false
  var verticalGrid = true
  var defs = ""
  /// Whether the data drawn in `frame` meets the rectangle (to keep the legend off it).
  var overlaps: @Sendable (Rect, Frame) -> Bool = { _, _ in false }
  var draw: @Sendable (inout SVGBuilder, Frame) -> Void = { _, _ in }

  private struct Layout {
    var frame: Frame
    var xTicks: [Tick]
    var yTicks: [Tick]
    var rotateX: Bool
    var width: Double
    var height: Double
    /// The depth of the tick labels and the axis title under the plot area.
    var underAxis: Double
  }

  private func ticks(_ spec: AxisSpec, length: Double, spacing: Double) -> [Tick] {
    let target = max(2, Int(length / spacing))
    switch spec.kind {
    case .linear:
      return Ticks.linear(spec.lo, spec.hi, target: target, integerOnly: spec.integerTicks)
    case .log: return Ticks.logarithmic(spec.lo, spec.hi, target: target)
    case .categories(let names):
      return names.enumerated().map { Tick(value: Double($0.offset) + 0.5, label: $0.element) }
    }
  }

  /// The plot's layout with `legendBand` units kept free under the x axis's title.
  private func layout(legendBand: Double) -> Layout {
    let top = title.isEmpty ? 14.0 : 40.0
    var rotateX = false
    var xLabelBand = 22.0
    if case .categories(let names) = x.kind, !names.isEmpty {
      let band = (width - 80) / Double(names.count)
      let widest = names.map { SVG.textWidth($0, size: Style.tickFont) }.max() ?? 0
      if widest > band - 4 {
        rotateX = true
        xLabelBand = min(110, widest) * 0.66 + 18
      }
    }
    let bottom =
      8 + 6 + xLabelBand + (x.label.isEmpty ? 0 : 20) + legendBand + Double(notes.count) * 15 + 4
    let plotHeight = max(40, height - top - bottom)
    let firstY = ticks(y, length: plotHeight, spacing: 55)
    let labelWidth = firstY.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 10
    let left = 10 + (y.label.isEmpty ? 0 : 20) + labelWidth + 9
    let right = 18.0
    var area = Rect(x: left, y: top, width: max(40, width - left - right), height: plotHeight)
    var finalWidth = width
    // A plot at its smallest (40) with a tall legend under it makes the chart taller.
    var finalHeight = max(height, area.maxY + bottom)
    if equalAspect, !x.isLog, !y.isLog, case .linear = x.kind, case .linear = y.kind {
      // Same scale on both axes; the chart shrinks to fit rather than leave a gap.
      let sx = area.width / (x.hi - x.lo)
      let sy = area.height / (y.hi - y.lo)
      let ratio = sx / sy
      if ratio > 1 && ratio < 3 {
        area.width /= ratio
        finalWidth = area.maxX + right
      } else if ratio < 1 && ratio > 1.0 / 3 {
        area.height *= ratio
        finalHeight = area.maxY + bottom
      }
    }
    let yTicks = ticks(y, length: area.height, spacing: 55)
    var xTicks: [Tick] = []
    var spacing = 75.0
    for _ in 0..<6 {
      xTicks = ticks(x, length: area.width, spacing: spacing)
      if case .categories = x.kind { break }
      let widest = xTicks.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 0
      if xTicks.count < 2 || widest + 12 <= area.width / Double(xTicks.count) { break }
      spacing *= 1.5
    }
    let frame = Frame(
      area: area,
      x: AxisMap(x, from: area.x, to: area.maxX),
      y: AxisMap(y, from: area.maxY, to: area.y))
    return Layout(
      frame: frame, xTicks: xTicks, yTicks: yTicks, rotateX: rotateX, width: finalWidth,
      height: finalHeight, underAxis: 6 + xLabelBand + (x.label.isEmpty ? 0 : 20))
  }

  /// Where each legend entry's swatch starts, relative to the inside of the legend box (x
  /// from its left padding, y from its top padding), and its label's lines.
  private typealias LegendSlots = [(x: Double, y: Double, lines: [String])]

  /// The height of an entry whose label has `lines` lines.
  private static func entryHeight(_ lines: Int) -> Double {
    Style.legendRowHeight + Double(max(1, lines) - 1) * Style.legendLineHeight
  }

  /// The legend as a column, for inside the plot: each label on up to two lines of at most
  /// `Style.legendLineWidth`.
  private var legendColumn: (slots: LegendSlots, width: Double, height: Double) {
    var slots: LegendSlots = []
    var y = 0.0
    var widest = 0.0
    for entry in legend {
      let lines = SVG.wrap(entry.label, toWidth: Style.legendLineWidth, size: Style.legendFont)
      slots.append((0, y, lines))
      y += Self.entryHeight(lines.count)
      widest = max(widest, lines.map { SVG.textWidth($0, size: Style.legendFont) }.max() ?? 0)
    }
    return (slots, 8 + 30 + 6 + widest + 10, 6 + y + 3)
  }

  /// Legend entries flowed left to right into rows no wider than `maxWidth` (an entry wider
  /// than that gets a row of its own, its label on two lines, shortened only if it needs
  /// more), and the box that holds them.
  private func legendRows(maxWidth: Double) -> (slots: LegendSlots, width: Double, height: Double) {
    var slots: LegendSlots = []
    var rowTop = 0.0
    var rowHeight = 0.0
    var x = 0.0
    var widest = 0.0
    for entry in legend {
      let lines = SVG.wrap(entry.label, toWidth: max(24, maxWidth - 36), size: Style.legendFont)
      let w = 30 + 6 + (lines.map { SVG.textWidth($0, size: Style.legendFont) }.max() ?? 0)
      if x > 0 && x + Style.legendGap + w > maxWidth {
        rowTop += rowHeight
        rowHeight = 0
        x = 0
      }
      if x > 0 { x += Style.legendGap }
      slots.append((x, rowTop, lines))
      rowHeight = max(rowHeight, Self.entryHeight(lines.count))
      x += w
      widest = max(widest, x)
    }
    return (slots, 8 + widest + 10, 6 + rowTop + rowHeight + 3)
  }

  /// The markup between the background and `</svg>`, and the chart's final size (smaller
  /// than asked for when `equalAspect` shrinks the plot).
  func render() -> (body: String, width: Double, height: Double) {
    var lay = layout(legendBand: 0)
    var legendRect: Rect?
    let column = legendColumn
    var legendSlots = column.slots
    if !legend.isEmpty {
      let (w, h) = (column.width, column.height)
      let a = lay.frame.area
      if !legendOutside && w < a.width * 0.6 && h < a.height * 0.8 {
        // Inside the plot, top then bottom, from the left to where the phone-visible part
        // of the chart ends (see `legendRowLimit`).
        let inset = 8.0
        let lo = a.x + inset
        let hi = max(lo, min(a.maxX - inset, lay.width * Style.phoneVisibleShare) - w)
        let steps = 6
        var candidates: [Rect] = []
        for y in [a.y + inset, a.maxY - inset - h] {
          for k in 0...steps {
            let x = lo + (hi - lo) * Double(k) / Double(steps)
            candidates.append(Rect(x: x, y: y, width: w, height: h))
          }
        }
        legendRect = candidates.first {
          !overlaps(
            Rect(x: $0.x - 3, y: $0.y - 3, width: $0.width + 6, height: $0.height + 6), lay.frame)
        }
      }
      if legendRect == nil {
        // Under the plot, from its left edge, in rows that end within the phone-visible part.
        var rows = legendRows(maxWidth: legendRowLimit(lay))
        for _ in 0..<3 {
          lay = layout(legendBand: rows.height + 8)
          let again = legendRows(maxWidth: legendRowLimit(lay))
          if again.height == rows.height {
            rows = again
            break
          }
          rows = again
        }
        let a2 = lay.frame.area
        legendRect = Rect(
          x: a2.x, y: a2.maxY + lay.underAxis + 8, width: rows.width, height: rows.height)
        legendSlots = rows.slots
      }
    }
    let frame = lay.frame
    let a = frame.area
    let width = lay.width
    let height = lay.height
    var b = SVGBuilder()
    if !defs.isEmpty { b.raw("<defs>" + defs + "</defs>") }
    b.element(
      "rect",
      [
        "class": "nbc-area", "x": SVG.number(a.x), "y": SVG.number(a.y),
        "width": SVG.number(a.width), "height": SVG.number(a.height), "fill": "none",
      ])

    // Grid.
    var grid = PathData()
    for t in lay.yTicks {
      let py = frame.y(t.value)
      grid.move(a.x, py)
      grid.line(a.maxX, py)
    }
    if verticalGrid, !lay.rotateX {
      if case .categories = x.kind {
      } else {
        for t in lay.xTicks {
          let px = frame.x(t.value)
          grid.move(px, a.y)
          grid.line(px, a.maxY)
        }
      }
    }
    if !grid.isEmpty {
      b.element("path", ["class": "nbc-g", "stroke": Style.grid, "fill": "none", "d": grid.d])
    }

    // Data.
    b.open("g", ["class": "nbc-data"])
    if emptyMessage == nil { draw(&b, frame) }
    b.close("g")

    // Axes and ticks.
    var axes = PathData()
    axes.move(a.x, a.y)
    axes.line(a.x, a.maxY)
    axes.line(a.maxX, a.maxY)
    for t in lay.xTicks {
      let px = frame.x(t.value)
      axes.move(px, a.maxY)
      axes.line(px, a.maxY + 5)
    }
    for t in lay.yTicks {
      let py = frame.y(t.value)
      axes.move(a.x, py)
      axes.line(a.x - 5, py)
    }
    b.element("path", ["class": "nbc-ax", "stroke": Style.axis, "fill": "none", "d": axes.d])

    if lay.rotateX {
      b.open(
        "g",
        [
          "class": "nbc-t nbc-xticks", "fill": Style.text, "font-size": SVG.number(Style.tickFont),
          "text-anchor": "end",
        ])
      for t in lay.xTicks {
        let px = SVG.number(frame.x(t.value) + 3)
        let py = SVG.number(a.maxY + 14)
        b.text(
          SVG.truncate(t.label, toWidth: 110, size: Style.tickFont),
          ["x": px, "y": py, "transform": "rotate(-40 \(px) \(py))"])
      }
    } else {
      b.open(
        "g",
        [
          "class": "nbc-t nbc-xticks", "fill": Style.text, "font-size": SVG.number(Style.tickFont),
          "text-anchor": "middle",
        ])
      let band: Double
      if case .categories(let names) = x.kind {
        band = a.width / Double(max(1, names.count))
      } else {
        band = 1e9
      }
      for t in lay.xTicks {
        b.text(
          SVG.truncate(t.label, toWidth: band - 4, size: Style.tickFont),
          ["x": SVG.number(frame.x(t.value)), "y": SVG.number(a.maxY + 19)])
      }
    }
    b.close("g")
    b.open(
      "g",
      [
        "class": "nbc-t nbc-yticks", "fill": Style.text, "font-size": SVG.number(Style.tickFont),
        "text-anchor": "end",
      ])
    for t in lay.yTicks {
      b.text(
        t.label,
        ["x": SVG.number(a.x - 8), "y": SVG.number(frame.y(t.value) + Style.tickFont * 0.35)])
    }
    b.close("g")

    // Titles.
    let xTickBand = lay.rotateX ? 0.0 : 22.0
    var rotatedDepth = 0.0
    if lay.rotateX {
      let widest = lay.xTicks.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 0
      rotatedDepth = min(110, widest) * 0.66 + 18
    }
    var cursorY = a.maxY + 6 + max(xTickBand, rotatedDepth)
    if !x.label.isEmpty {
      cursorY += 17
      b.text(
        SVG.truncate(x.label, toWidth: a.width, size: Style.labelFont),
        [
          "class": "nbc-t nbc-xlabel", "x": SVG.number(a.x + a.width / 2), "y": SVG.number(cursorY),
          "fill": Style.text, "font-size": SVG.number(Style.labelFont), "text-anchor": "middle",
        ])
    }
    if !y.label.isEmpty {
      let widest = lay.yTicks.map { SVG.textWidth($0.label, size: Style.tickFont) }.max() ?? 10
      let px = SVG.number(max(14, a.x - widest - 22))
      let py = SVG.number(a.y + a.height / 2)
      b.text(
        SVG.truncate(y.label, toWidth: a.height, size: Style.labelFont),
        [
          "class": "nbc-t nbc-ylabel", "x": px, "y": py, "fill": Style.text,
          "font-size": SVG.number(Style.labelFont),
          "text-anchor": "middle", "transform": "rotate(-90 \(px) \(py))",
        ])
    }
    if !title.isEmpty {
      // From the plot's left edge rather than centred: a phone shows the chart's left part
      // first, and a centred title of 30 characters would run past it.
      b.text(
        SVG.truncate(title, toWidth: width - a.x - 10, size: Style.titleFont),
        [
          "class": "nbc-t nbc-title", "x": SVG.number(a.x), "y": "25", "fill": Style.text,
          "font-size": SVG.number(Style.titleFont), "font-weight": "600",
        ])
    }

    if let r = legendRect { writeLegend(&b, in: r, slots: legendSlots) }

    if !notes.isEmpty {
      b.open(
        "g",
        [
          "class": "nbc-t nbc-notes", "fill": Style.text, "font-size": SVG.number(Style.noteFont),
          "font-style": "italic",
        ])
      var ny = height - 8 - Double(notes.count - 1) * 15
      for note in notes {
        b.text(
          SVG.truncate(note, toWidth: width - 20, size: Style.noteFont),
          ["x": "10", "y": SVG.number(ny)])
        ny += 15
      }
      b.close("g")
    }
    if let message = emptyMessage {
      b.text(
        message,
        [
          "class": "nbc-t nbc-empty", "x": SVG.number(a.x + a.width / 2),
          "y": SVG.number(a.y + a.height / 2), "fill": Style.text, "font-size": "14",
          "text-anchor": "middle",
        ])
    }
    return (b.out, width, height)
  }

  /// The widest a row of a legend under the plot may be.
  private func legendRowLimit(_ lay: Layout) -> Double {
    let a = lay.frame.area
    return max(0, min(a.width, lay.width * Style.phoneVisibleShare - a.x) - 18)
  }

  private func writeLegend(_ b: inout SVGBuilder, in r: Rect, slots: LegendSlots) {
    b.open("g", ["class": "nbc-legend"])
    b.element(
      "rect",
      [
        "class": "nbc-lg", "x": SVG.number(r.x), "y": SVG.number(r.y),
        "width": SVG.number(r.width), "height": SVG.number(r.height), "rx": "3",
        "fill": Style.background, "fill-opacity": "0.85", "stroke": Style.grid,
      ])
    for (i, entry) in legend.enumerated() {
      let cy = r.y + 6 + Style.legendRowHeight / 2 + slots[i].y
      let x0 = r.x + 8 + slots[i].x
      func marker(_ marker: Marker?, slot: Int) {
        guard let marker else { return }
        var m = PathData()
        marker.append(to: &m, x: x0 + 15, y: cy)
        b.element(
          "path",
          [
            "class": "nbc-rim" + Palette.fillClass(slot), "d": m.d, "fill": Palette.color(slot),
            "stroke": Style.background, "stroke-width": "0.8",
          ])
      }
      switch entry.swatch {
      case .line(let slot, let dash, let m):
        var p = PathData()
        p.move(x0, cy)
        p.line(x0 + 30, cy)
        b.element(
          "path",
          [
            "class": String(Palette.strokeClass(slot).dropFirst()), "d": p.d,
            "stroke": Palette.color(slot), "stroke-width": "2", "stroke-dasharray": dash,
            "fill": "none",
          ])
        marker(m, slot: slot)
      case .marker(let slot, let m):
        marker(m, slot: slot)
      case .box(let slot, let pattern, let opacity, let m):
        b.element(
          "rect",
          [
            "class": String(
              ((pattern == nil ? Palette.fillClass(slot) : "") + Palette.strokeClass(slot))
                .dropFirst()),
            "x": SVG.number(x0 + 4), "y": SVG.number(cy - 6.5), "width": "22", "height": "13",
            "fill": pattern ?? Palette.color(slot),
            "fill-opacity": opacity < 1 ? SVG.opacity(opacity) : "",
            "stroke": Palette.color(slot),
          ])
        marker(m, slot: slot)
      }
      let attributes: KeyValuePairs<String, String> = [
        "class": "nbc-t", "x": SVG.number(x0 + 36), "y": SVG.number(cy + 4),
        "fill": Style.text, "font-size": SVG.number(Style.legendFont),
      ]
      let lines = slots[i].lines
      if lines.count == 1 {
        b.text(lines[0], attributes)
      } else {
        // A label on two lines is one text element, each line a tspan at its own baseline.
        b.open("text", attributes)
        for (k, line) in lines.enumerated() {
          b.span(
            line,
            [
              "x": SVG.number(x0 + 36),
              "y": SVG.number(cy + 4 + Double(k) * Style.legendLineHeight),
            ])
        }
        b.close("text")
      }
    }
    b.close("g")
  }
}

extension CartesianPlot {
  /// The finished chart, which can be laid out again at another size.
  func document(title: String, summary: String, id: String?) -> RenderedChart {
    let (body, finalWidth, finalHeight) = render()
    var doc = SVG.document(
      width: finalWidth, height: finalHeight, title: title, summary: summary, body: body, id: id)
    doc.relayout = { width, height in
      var resized = self
      resized.width = width
      resized.height = height
      return resized.document(title: title, summary: summary, id: id)
    }
    return doc
  }
}

/// Values left out of a chart, counted by reason, and the note that reports them.
struct Omissions {
  var nan = 0
  var infinite = 0
  var nonPositive = 0
  var outOfRange = 0

  var total: Int { nan + infinite + nonPositive + outOfRange }

  /// Counts `v` if it cannot be drawn; returns whether it can.
  mutating func admit(_ v: Double, positiveOnly: Bool = false) -> Bool {
    if v.isNaN {
      nan += 1
      return false
    }
    if v.isInfinite {
      infinite += 1
      return false
    }
    if abs(v) > 1e300 {
      outOfRange += 1
      return false
    }
    if positiveOnly && v <= 0 {
      nonPositive += 1
      return false
    }
    return true
  }

  /// "3 values not drawn: 2 NaN, 1 infinite." or nil.
  func note(noun: String = "value") -> String? {
    guard total > 0 else { return nil }
    var parts: [String] = []
    if nan > 0 { parts.append("\(nan) NaN") }
    if infinite > 0 { parts.append("\(infinite) infinite") }
    if outOfRange > 0 { parts.append("\(outOfRange) beyond ±10³⁰⁰") }
    if nonPositive > 0 { parts.append("\(nonPositive) not positive (log scale)") }
    return "\(Format.count(total)) \(noun)\(total == 1 ? "" : "s") not drawn: "
      + parts.joined(separator: ", ") + "."
  }
}

/// A data range made drawable: widened when empty or a single value, padded a little.
func paddedDomain(_ lo: Double, _ hi: Double, pad: Double, log: Bool = false) -> (Double, Double) {
  if log {
    var a = log10(lo)
    var b = log10(hi)
    if !(b - a > 1e-9) {
      a -= 0.5
      b += 0.5
    }
    let p = (b - a) * pad
    return (pow(10, a - p), pow(10, b + p))
  }
  var a = lo
  var b = hi
  let magnitude = max(abs(a), abs(b))
  if !(b - a > magnitude * 1e-9) || !(b - a).isFinite {
    let half = magnitude == 0 ? 1 : magnitude * 0.1
    a -= half
    b += half
  }
  let p = (b / 2 - a / 2) * 2 * pad
  a -= p
  b += p
  // Keep everything comfortably inside the finite doubles.
  return (max(a, -1e300), min(b, 1e300))
}
