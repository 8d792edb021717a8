import Evaluator

/// Turns what a cell produced into HTML. Every piece of text is escaped where it lands;
/// only SVG from the Charts module and MathML from the typesetter go in as markup.
struct OutcomeHTML {
  /// The most rows and columns of a tensor shown before the middle is elided.
  static let tensorEdge = 12
  /// Rows and columns kept at each end of an elided tensor dimension.
  static let tensorKeep = 5
  /// The most leading-index slices of a tensor of rank 3 or more that are shown.
  static let sliceLimit = 4

  var typesetter: (any MathTypesetter)?

  /// The HTML of `events`, in order; consecutive print output shares one block.
  /// Problems in `Math` values' TeX land in `mathProblems`.
  func html(for events: [CellEvent], showOutput: Bool, mathProblems: inout [MathProblem]) -> String
  {
    var html = ""
    var printed = ""
    func flushPrinted() {
      guard !printed.isEmpty else { return }
      html += "<pre class=\"nb-stdout\">"
      HTML.escape(printed, into: &html)
      html += "</pre>\n"
      printed = ""
    }
    for event in events {
      switch event {
      case .output(let text):
        if showOutput { printed += text }
      case .display(let value):
        guard showOutput else { continue }
        flushPrinted()
        html += self.html(for: value, mathProblems: &mathProblems)
      case .warning(let diagnostic):
        flushPrinted()
        html += diagnosticHTML(diagnostic)
      case .error(let diagnostic):
        flushPrinted()
        html += diagnosticHTML(diagnostic)
      case .check:
        break  // listed under the cell by `checksHTML`
      }
    }
    flushPrinted()
    return html
  }

  func html(for value: DisplayValue, mathProblems: inout [MathProblem]) -> String {
    switch value {
    case .text(let text):
      return "<pre class=\"nb-value\">" + HTML.escape(text) + "</pre>\n"
    case .tensor(let tensor):
      return tensorHTML(tensor)
    case .table(let table):
      return tableHTML(table)
    case .svg(let markup):
      return "<div class=\"nb-chart\"\(Self.printHeightStyle(markup))>" + markup + "</div>\n"
    case .charts(let charts):
      return chartsHTML(charts)
    case .math(let tex, let origin):
      let math = mathHTML(tex, display: true)
      mathProblems += math.problems.map {
        MathProblem(message: $0.message, offset: $0.offset, origin: origin)
      }
      return "<div class=\"nb-math\">" + math.markup + "</div>\n"
    }
  }

  /// MathML for `tex`, or the escaped TeX in a code span when no typesetter is set.
  func mathHTML(_ tex: String, display: Bool) -> TypesetMath {
    if let typesetter { return typesetter.typeset(tex, display: display) }
    return TypesetMath(markup: "<code class=\"nb-tex\">" + HTML.escape(tex) + "</code>")
  }

  func diagnosticHTML(_ diagnostic: Diagnostic) -> String {
    let kind = diagnostic.severity == .error ? "nb-error" : "nb-warning"
    var html = "<div class=\"nb-diagnostic \(kind)\" role=\"note\">"
    html += "<p><span class=\"nb-where\">"
    HTML.escape(diagnostic.location.description, into: &html)
    html += "</span> <strong>\(diagnostic.severity.rawValue):</strong> "
    HTML.escape(diagnostic.message, into: &html)
    html += "</p>"
    if !diagnostic.excerpt.isEmpty {
      html += "<pre>"
      HTML.escape(diagnostic.excerpt, into: &html)
      html += "</pre>"
    }
    for note in diagnostic.notes {
      html += "<p class=\"nb-note\"><strong>note:</strong> "
      HTML.escape(note, into: &html)
      html += "</p>"
    }
    return html + "</div>\n"
  }

  /// The HTML of an inline expression's result: its value as text in the sentence, or its
  /// error in brief (the full error goes to stderr).
  func inlineHTML(_ outcome: CellOutcome, mathProblems: inout [MathProblem]) -> String {
    if let error = outcome.error {
      return "<span class=\"nb-inline-error\" role=\"note\">"
        + HTML.escape(error.location.description)
        + ": error: " + HTML.escape(error.message) + "</span>"
    }
    var value: DisplayValue?
    for case .display(let shown) in outcome.events { value = shown }
    guard let value else {
      return "<span class=\"nb-inline-error\" role=\"note\">no value</span>"
    }
    switch value {
    case .text(let text):
      return "<span class=\"nb-inline\">" + HTML.escape(text) + "</span>"
    case .tensor(let tensor) where tensor.entries.count == 1:
      return "<span class=\"nb-inline\">" + HTML.escape(tensor.entries[0]) + "</span>"
    case .tensor(let tensor):
      return "<span class=\"nb-inline\">tensor of shape ["
        + tensor.shape.map(String.init).joined(separator: ", ") + "]</span>"
    case .math(let tex, let origin):
      let math = mathHTML(tex, display: false)
      mathProblems += math.problems.map {
        MathProblem(message: $0.message, offset: $0.offset, origin: origin)
      }
      return math.markup
    case .table, .svg, .charts:
      return
        "<span class=\"nb-inline-error\" role=\"note\">a table or chart cannot be shown inline; display it from a cell</span>"
    }
  }

  // MARK: Charts

  /// The most a chart is drawn tall on paper, in CSS pixels (80 mm): a 640 × 400 chart then
  /// fits under its code more often instead of leaving the rest of a page empty.
  static let printChartHeight = 80 / 25.4 * 96

  /// The `style` attribute that limits the chart's height in print (`--nbc-print-height`, read
  /// by the print style sheet): `printChartHeight`, but never less than 3/4 of the chart's
  /// own height, so that its 12-unit text stays at 9 px or more. Empty if the root has no
  /// height.
  static func printHeightStyle(_ svg: String) -> String {
    guard let height = rootAttribute("height", of: svg), height > 0 else { return "" }
    return " style=\"--nbc-print-height:\(cssNumber(max(printChartHeight, 0.75 * height)))px\""
  }

  /// The numeric value of attribute `name` on the root element of `markup`.
  static func rootAttribute(_ name: String, of markup: String) -> Double? {
    guard let end = markup.firstIndex(of: ">") else { return nil }
    let head = markup[..<end]
    guard let start = head.range(of: " \(name)=\"") else { return nil }
    let rest = head[start.upperBound...]
    guard let close = rest.firstIndex(of: "\"") else { return nil }
    return Double(rest[..<close]).flatMap { $0.isFinite ? $0 : nil }
  }

  // MARK: Charts side by side

  /// A flex row of the charts, one `<svg>` each, in a box the page's style sheet wraps: side
  /// by side where all fit at three quarters of their size or more (their 12-unit text at
  /// 9 px), one under another on a narrower screen, side by side in print. Each chart's
  /// width goes in `--nbc-w` and its `flex-grow`, so the row shares its width in proportion.
  func chartsHTML(_ charts: DisplayCharts) -> String {
    let rowWidth = charts.rows.map { $0.reduce(0) { $0 + $1.width } }.max() ?? 0
    var html = "<div class=\"nb-chart nb-charts\"><div class=\"nbc-row\" role=\"group\""
    html += " aria-label=\""
    HTML.escape(charts.title.isEmpty ? "Charts side by side" : charts.title, into: &html)
    html += "\" style=\"--nbc-w:\(Self.cssNumber(rowWidth))px\">"
    if !charts.title.isEmpty {
      html += "<p class=\"nbc-row-title\">"
      HTML.escape(charts.title, into: &html)
      html += "</p>"
    }
    for (k, row) in charts.rows.enumerated() {
      if k > 0 { html += "<div class=\"nbc-break\"></div>" }
      for chart in row {
        let width = Self.cssNumber(chart.width)
        html += "<div class=\"nbc-cell\" style=\"--nbc-w:\(width)px;flex-grow:\(width)\">"
        html += chart.svg + "</div>"
      }
    }
    return html + "</div></div>\n"
  }

  /// A width as a CSS number: whole or to one decimal, never an exponent.
  static func cssNumber(_ value: Double) -> String {
    let tenths = (min(max(value.isFinite ? value : 0, 0), 100_000) * 10).rounded()
    let whole = Int(tenths) / 10
    let fraction = Int(tenths) % 10
    return fraction == 0 ? String(whole) : "\(whole).\(fraction)"
  }

  // MARK: Tensors

  /// Which indices of a dimension of `count` to show; nil marks the elided middle.
  static func shownIndices(_ count: Int) -> [Int?] {
    if count <= tensorEdge { return Array(0..<count) }
    return Array(0..<tensorKeep) + [nil] + Array((count - tensorKeep)..<count)
  }

  func tensorHTML(_ tensor: DisplayTensor) -> String {
    let shape = tensor.shape
    var expected: Int? = 1
    for size in shape {
      guard let product = expected, size >= 0 else {
        expected = nil
        break
      }
      let (result, overflow) = product.multipliedReportingOverflow(by: size)
      expected = overflow ? nil : result
    }
    var caption = "Tensor, shape [" + shape.map(String.init).joined(separator: ", ") + "]"
    if tensor.requiresGrad { caption += ", requires grad" }
    var html = "<figure class=\"nb-tensor\">"
    if expected != tensor.entries.count {
      // A malformed value still shows what it holds rather than stopping the page.
      html += "<pre class=\"nb-value\">"
      HTML.escape(tensor.entries.joined(separator: ", "), into: &html)
      html += "</pre>"
    } else if shape.count <= 2 {
      let rows = shape.count == 2 ? shape[0] : 1
      let columns = shape.count == 0 ? 1 : shape[shape.count - 1]
      html += matrixHTML(tensor.entries, offset: 0, rows: rows, columns: columns)
    } else {
      let rows = shape[shape.count - 2]
      let columns = shape[shape.count - 1]
      let leading = Array(shape.dropLast(2))
      let sliceCount = leading.reduce(1, *)
      let matrixSize = rows * columns
      let shown: [Int?] =
        sliceCount <= Self.sliceLimit
        ? Array(0..<sliceCount)
        : Array(0..<(Self.sliceLimit / 2)) + [nil]
          + Array((sliceCount - Self.sliceLimit / 2)..<sliceCount)
      for slice in shown {
        guard let slice else {
          html += "<p class=\"nb-elided\">\u{22EE} \(sliceCount - Self.sliceLimit) more</p>"
          continue
        }
        var index: [Int] = []
        var remainder = slice
        for size in leading.reversed() {
          index.insert(remainder % max(size, 1), at: 0)
          remainder /= max(size, 1)
        }
        html +=
          "<p class=\"nb-slice\">[" + index.map(String.init).joined(separator: ", ") + ", :, :]</p>"
        html += matrixHTML(tensor.entries, offset: slice * matrixSize, rows: rows, columns: columns)
      }
    }
    html += "<figcaption>"
    HTML.escape(caption, into: &html)
    html += "</figcaption></figure>\n"
    return html
  }

  private func matrixHTML(_ entries: [String], offset: Int, rows: Int, columns: Int) -> String {
    var html = "<table class=\"nb-matrix\"><tbody>"
    let shownColumns = Self.shownIndices(columns)
    for row in Self.shownIndices(rows) {
      html += "<tr>"
      for column in shownColumns {
        if let row, let column {
          html += "<td>"
          HTML.escape(entries[offset + row * columns + column], into: &html)
          html += "</td>"
        } else if row == nil && column == nil {
          html += "<td class=\"nb-elided\">\u{22F1}</td>"
        } else if row == nil {
          html += "<td class=\"nb-elided\">\u{22EE}</td>"
        } else {
          html += "<td class=\"nb-elided\">\u{22EF}</td>"
        }
      }
      html += "</tr>"
    }
    return html + "</tbody></table>"
  }

  // MARK: Tables

  func tableHTML(_ table: DisplayTable) -> String {
    let width = max(table.header.count, table.rows.map(\.count).max() ?? 0)
    func cellClass(_ column: Int) -> String {
      table.numericColumns.contains(column) ? " class=\"num\"" : ""
    }
    var html = "<div class=\"nb-table-wrap\"><table class=\"nb-table\">"
    if !table.header.isEmpty {
      html += "<thead><tr>"
      for column in 0..<width {
        html += "<th scope=\"col\"\(cellClass(column))>"
        if column < table.header.count { HTML.escape(table.header[column], into: &html) }
        html += "</th>"
      }
      html += "</tr></thead>"
    }
    html += "<tbody>"
    for row in table.rows {
      html += "<tr>"
      for column in 0..<width {
        html += "<td\(cellClass(column))>"
        if column < row.count { HTML.escape(row[column], into: &html) }
        html += "</td>"
      }
      html += "</tr>"
    }
    html += "</tbody>"
    if let footer = table.footer {
      html += "<tfoot><tr><td colspan=\"\(max(width, 1))\">"
      HTML.escape(footer, into: &html)
      html += "</td></tr></tfoot>"
    }
    return html + "</table></div>\n"
  }
}
