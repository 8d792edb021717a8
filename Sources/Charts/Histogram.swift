import Foundation

/// A histogram of values: counts in equal-width bins.
///
/// With `bins: nil` the bin width is numpy's "auto" choice, the smaller of the
/// Freedman–Diaconis width 2·IQR·n^(−1/3) and Sturges' range/(log₂ n + 1), rounded to a
/// 1-2-5 number so that bin edges fall on round values. With `bins: k` there are exactly k bins
/// from the smallest to the largest value, as `numpy.histogram(values, bins: k)` makes them.
/// Every bin is half-open, [a, b), except the last, which includes its right edge.
public struct Histogram: Chart, TemplatedChart {
  let rendered: RenderedChart
  /// The complete `<svg>` element.
  public var svg: String { rendered.svg }
  /// The text of the chart's `<desc>`.
  public let summary: String
  /// Notes printed under the chart about values that could not be drawn.
  public let notes: [String]
  /// The bin edges, one more than the counts.
  public let edges: [Double]
  /// The number of values in each bin.
  public let counts: [Int]

  /// A histogram of `values` (NaN and infinite values are left out and counted in a note).
  public init(
    _ values: [Double], bins: Int? = nil, title: String = "", xLabel: String = "",
    yLabel: String = "count", width: Double = 560, height: Double = 380, id: String? = nil
  ) {
    var omitted = Omissions()
    let data = values.filter { omitted.admit($0) }.sorted()
    var notes: [String] = []
    if let note = omitted.note() { notes.append(note) }
    var requested = bins
    if let b = bins, b < 1 {
      notes.append("bins: \(b) is not a bin count; the number of bins was chosen automatically.")
      requested = nil
    } else if let b = bins, b > 1000 {
      notes.append("bins: \(b) is more than 1000; drew 1000 bins.")
      requested = 1000
    }

    var edges: [Double] = []
    if let lo = data.first, let hi = data.last {
      if let k = requested {
        var a = lo
        var b = hi
        if !(b > a) {
          a -= 0.5
          b += 0.5
        }
        let step = (b - a) / Double(k)  // as numpy.linspace computes them
        edges = (0...k).map { i in i == k ? b : a + Double(i) * step }
      } else {
        edges = Histogram.autoEdges(data)
      }
    }
    var counts = Array(repeating: 0, count: max(0, edges.count - 1))
    if counts.count > 0 {
      let first = edges[0]
      let width = (edges[edges.count - 1] - first) / Double(counts.count)
      for v in data {
        var i = Int(min(max((v - first) / width, 0), Double(counts.count - 1)))
        while i > 0 && v < edges[i] { i -= 1 }
        while i < counts.count - 1 && v >= edges[i + 1] { i += 1 }
        counts[i] += 1
      }
    }
    self.edges = edges
    self.counts = counts
    self.notes = notes

    var plot = CartesianPlot(width: clampSize(width), height: clampSize(height), title: title)
    plot.x.label = xLabel
    plot.y.label = yLabel
    plot.verticalGrid = false
    if data.isEmpty {
      plot.emptyMessage = values.isEmpty ? "No data" : "No drawable data"
    } else {
      let span = edges.last! - edges.first!
      // A lone bin gets room on both sides, so that it reads as a bar, not a background.
      let pad = counts.count == 1 ? span : span * 0.02
      plot.x.lo = edges.first! - pad
      plot.x.hi = edges.last! + pad
      plot.y.lo = 0
      plot.y.hi = Double(max(1, counts.max()!)) * 1.08
      plot.y.integerTicks = true
    }
    plot.draw = { [counts, edges] b, frame in
      var bars = PathData()
      for (i, c) in counts.enumerated() where c > 0 {
        let x0 = frame.x(edges[i])
        let x1 = frame.x(edges[i + 1])
        let y0 = frame.y(0)
        let y1 = frame.y(Double(c))
        bars.move(x0, y0)
        bars.line(x0, y1)
        bars.line(x1, y1)
        bars.line(x1, y0)
        bars.closePath()
      }
      b.element(
        "path",
        [
          "class": "nbc-bars nbc-rim" + Palette.fillClass(0), "d": bars.d, "fill": Palette.color(0),
          "fill-opacity": "0.85", "stroke": Style.background, "stroke-width": "1",
        ])
    }
    plot.notes = notes

    var summary = "Histogram"
    if !title.isEmpty { summary += " “\(title)”" }
    if data.isEmpty {
      summary += " with no drawable values."
    } else {
      let n = data.count
      let mean = data.reduce(0, +) / Double(n)
      let median = n % 2 == 1 ? data[n / 2] : (data[n / 2 - 1] + data[n / 2]) / 2
      let fullest = counts.indices.max { counts[$0] < counts[$1] }!
      summary += " of \(Format.count(n)) value\(n == 1 ? "" : "s")"
      summary +=
        " in \(counts.count) bin\(counts.count == 1 ? "" : "s") of width \(Format.value(edges[1] - edges[0]))"
      summary +=
        " from \(Format.value(edges.first!, significant: 4)) to \(Format.value(edges.last!, significant: 4))."
      summary +=
        " The fullest bin, \(Format.value(edges[fullest], significant: 4)) to \(Format.value(edges[fullest + 1], significant: 4)), holds \(Format.count(counts[fullest]))."
      summary +=
        " Mean \(Format.value(mean)), median \(Format.value(median)); values range from \(Format.value(data.first!)) to \(Format.value(data.last!))."
    }
    for note in notes { summary += " " + note }
    rendered = plot.document(
      title: title.isEmpty ? "Histogram" : title, summary: summary, id: id)
    self.summary = summary
  }

  /// numpy's "auto" width, rounded to 1, 2 or 5 times a power of ten, with edges on
  /// multiples of it. `sorted` is non-empty and finite.
  static func autoEdges(_ sorted: [Double]) -> [Double] {
    let lo = sorted.first!
    let hi = sorted.last!
    let n = Double(sorted.count)
    let range = hi - lo
    var h: Double
    if !(range > max(abs(lo), abs(hi)) * 1e-12) {
      // All (nearly) equal: one bin around the value.
      let half = lo == 0 ? 0.5 : abs(lo) * 0.05
      return [lo - half, hi + half]
    }
    let sturges = range / (log2(n) + 1)
    let iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25)
    let fd = 2 * iqr / pow(n, 1.0 / 3)
    h = fd > 0 ? min(fd, sturges) : sturges
    h = max(h, range / 200)
    // Round to the nearest 1-2-5 step in log space, then extend to whole multiples.
    var e = Int(floor(log10(h)))
    let f = h / Format.pow10(e)
    var m: Int
    if f < 1.41 {
      m = 1
    } else if f < 3.16 {
      m = 2
    } else if f < 7.07 {
      m = 5
    } else {
      m = 1
      e += 1
    }
    while true {
      let step = Double(m) * Format.pow10(e)
      let i0 = Int(floor(lo / step))
      var i1 = Int(ceil(hi / step))
      if i1 == i0 { i1 += 1 }
      if i1 - i0 <= 200 {
        return (i0...i1).map { Format.scaled($0 * m, e) }
      }
      if m == 1 {
        m = 2
      } else if m == 2 {
        m = 5
      } else {
        m = 1
        e += 1
      }
    }
  }

  /// numpy's default (linear) quantile of sorted data.
  static func quantile(_ sorted: [Double], _ q: Double) -> Double {
    let pos = q * Double(sorted.count - 1)
    let i = Int(pos)
    let frac = pos - Double(i)
    if i + 1 >= sorted.count { return sorted[sorted.count - 1] }
    return sorted[i] + (sorted[i + 1] - sorted[i]) * frac
  }
}
