import Foundation

/// Several charts in one picture, side by side (or in rows of `columns`), such as the same
/// data under two models.
///
/// ```swift
/// SideBySide([try DecisionBoundary(...), try DecisionBoundary(...)], title: "Linear vs MLP")
/// ```
///
/// A row wider than 840 units is drawn again, narrower and proportionally lower (each chart
/// no narrower than 320): the charts' text keeps its size, so the row stays readable on a
/// printed page or a tablet. Charts that are not this module's keep their size.
///
/// `svg` is the whole picture, one `<svg>` element whose root classes are
/// `nbc nbc-side-by-side`. A page can instead lay out `rows`, one `<svg>` per chart, so that
/// the charts stack on a narrow screen and sit side by side on a wide one.
public struct SideBySide: Chart, TemplatedChart {
  /// One chart of a row, as the row draws it.
  public struct Panel: Sendable, Equatable {
    /// A complete `<svg>` element, with its own `viewBox` if the chart is this module's. Its
    /// ids are the ones the chart has inside `svg`: a page shows the whole picture or its
    /// panels, not both.
    public let svg: String
    /// The chart's width in SVG units (pixels at full size).
    public let width: Double
    /// The chart's height in SVG units.
    public let height: Double
  }

  let rendered: RenderedChart
  /// The complete `<svg>` element.
  public var svg: String { rendered.svg }
  /// The text of the chart's `<desc>`.
  public let summary: String
  /// The title over the charts ("" if none).
  public let title: String
  /// The charts row by row (rows of `columns`), each drawn as it is in `svg`: rows wider
  /// than 840 units have their charts redrawn narrower.
  public var rows: [[Panel]] {
    rowTemplates.map { row in
      row.map {
        Panel(
          svg: SVG.fill($0.markup, prefix: rendered.prefix), width: $0.width, height: $0.height)
      }
    }
  }
  private let rowTemplates: [[(markup: String, width: Double, height: Double)]]

  /// Lays out `charts` left to right, wrapping after `columns` charts (all in one row if nil).
  public init(_ charts: [any Chart], title: String = "", columns: Int? = nil, id: String? = nil) {
    let perRow = max(1, min(columns ?? charts.count, max(1, charts.count)))
    let top = title.isEmpty ? 0.0 : 34.0
    var cells: [Cell] = []
    for chart in charts {
      if let own = chart as? any TemplatedChart {
        let r = own.rendered
        cells.append(
          Cell(
            markup: r.template, width: r.width, height: r.height, summary: own.summary,
            relayout: r.relayout))
      } else {
        let markup = chart.svg
        let size = SideBySide.size(of: markup)
        cells.append(
          Cell(
            markup: SVG.fill(markup, prefix: "\u{FFFD}"), width: size.0, height: size.1,
            summary: "", relayout: nil))
      }
    }
    var body = ""
    var rowTemplates: [[(markup: String, width: Double, height: Double)]] = []
    var y = top
    var totalWidth = 0.0
    var rowStart = 0
    while rowStart < cells.count {
      let rowEnd = min(cells.count, rowStart + perRow)
      SideBySide.fit(&cells[rowStart..<rowEnd])
      let row = cells[rowStart..<rowEnd]
      var x = 0.0
      var templates: [(markup: String, width: Double, height: Double)] = []
      for (k, cell) in zip(row.indices, row) {
        // Each chart keeps its own ids under this chart's prefix plus its position.
        let markup = SVG.fill(cell.markup, prefix: "\(SVG.placeholder)-\(k + 1)")
        templates.append((markup, cell.width, cell.height))
        body +=
          "<g class=\"nbc-panel\" transform=\"translate(\(SVG.number(x)) \(SVG.number(y)))\">"
          + markup + "</g>"
        x += cell.width
      }
      rowTemplates.append(templates)
      totalWidth = max(totalWidth, x)
      y += row.map(\.height).max() ?? 0
      rowStart += perRow
    }
    let width = max(totalWidth, charts.isEmpty ? 200 : 0)
    let height = max(y, charts.isEmpty ? 100 : 0)
    if !title.isEmpty {
      var b = SVGBuilder()
      // At the left, like each chart's own title (see CartesianPlot).
      b.text(
        SVG.truncate(title, toWidth: width - 20, size: 16),
        [
          "class": "nbc-t nbc-title", "x": "10", "y": "24", "fill": Style.text,
          "font-size": "16", "font-weight": "600",
        ])
      body = b.out + body
    }
    if charts.isEmpty {
      var b = SVGBuilder()
      b.text(
        "No charts",
        [
          "class": "nbc-t nbc-empty", "x": SVG.number(width / 2), "y": SVG.number(height / 2 + 5),
          "fill": Style.text, "font-size": "14", "text-anchor": "middle",
        ])
      body += b.out
    }
    var summary = "\(charts.count) chart\(charts.count == 1 ? "" : "s") side by side"
    if !title.isEmpty { summary += ", “\(title)”" }
    summary += "."
    for (k, cell) in cells.enumerated() where !cell.summary.isEmpty {
      summary += " (\(k + 1)) " + cell.summary
    }
    self.summary = summary
    self.title = title
    self.rowTemplates = rowTemplates
    rendered = SVG.document(
      width: width, height: height, title: title.isEmpty ? "Charts side by side" : title,
      summary: summary, body: body, id: id, kind: "nbc-side-by-side")
  }

  private struct Cell {
    var markup: String
    var width: Double
    var height: Double
    var summary: String
    var relayout: (@Sendable (Double, Double) -> RenderedChart)?
  }

  /// The widest a row of charts is drawn, when its charts can be drawn narrower: at most
  /// this wide, the row keeps its text at 9 px or more on a printed page (a text column about
  /// 680 px wide) and at 12 px on a screen 56rem wide or more, where such a row may use
  /// the width beyond the text column (see the page's style sheet). Two charts of a full
  /// row, 420 units each, stack on a 360 px phone at 3/4 of their size or more (9 px text).
  static let rowWidth = 840.0
  /// The narrowest a chart is drawn to fit a row.
  static let narrowestChart = 320.0

  /// Draws the charts of a row that is wider than `rowWidth` again, narrower and
  /// proportionally lower, so that the row fits; text keeps its size, so it gets larger
  /// compared with the picture. Charts made elsewhere keep their size.
  private static func fit(_ row: inout ArraySlice<Cell>) {
    let fixed = row.filter { $0.relayout == nil }.map(\.width).reduce(0, +)
    let flexible = row.filter { $0.relayout != nil }.map(\.width).reduce(0, +)
    guard flexible > 0, fixed + flexible > rowWidth else { return }
    let scale = max(0, rowWidth - fixed) / flexible
    for k in row.indices {
      guard let relayout = row[k].relayout, scale < 1 else { continue }
      let s = max(scale, min(1, narrowestChart / row[k].width))
      let r = relayout(row[k].width * s, row[k].height * s)
      row[k].markup = r.template
      row[k].width = r.width
      row[k].height = r.height
    }
  }

  /// The width and height attributes of a foreign chart's root element (640 × 400 if absent).
  private static func size(of markup: String) -> (Double, Double) {
    guard let end = markup.firstIndex(of: ">") else { return (640, 400) }
    let head = markup[..<end]
    func attribute(_ name: String) -> Double? {
      guard let r = head.range(of: " \(name)=\"") else { return nil }
      let rest = head[r.upperBound...]
      guard let close = rest.firstIndex(of: "\"") else { return nil }
      return Double(rest[..<close]).flatMap { $0.isFinite && $0 > 0 ? min($0, 4000) : nil }
    }
    return (attribute("width") ?? 640, attribute("height") ?? 400)
  }
}
