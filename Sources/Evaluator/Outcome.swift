// The contract between the evaluator and the notebook: what running a cell produces.
// The Notebook module turns these values into HTML; the evaluator knows nothing of HTML.

/// Where a cell's source text begins in its notebook, so that every diagnostic can point at
/// `notebook.md:LINE:COL` rather than at a line inside the cell.
public struct SourceOrigin: Sendable, Hashable {
  /// The notebook's name as the user gave it (`exam.md`, or `<stdin>`).
  public var file: String
  /// The 1-based notebook line of the cell's first source line.
  public var line: Int
  /// The 1-based notebook column at which the cell's lines begin (the fence's indentation + 1).
  public var column: Int

  /// The notebook place of `loc`, a place in the cell that starts here.
  func location(of loc: Loc) -> SourceLocation {
    SourceLocation(
      file: file, line: line + max(Int(loc.line), 1) - 1,
      column: column + max(Int(loc.column), 1) - 1)
  }

  public init(file: String, line: Int, column: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
  }
}

/// A position in a notebook.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line:column`, the compiler's form.
  public var description: String { "\(file):\(line):\(column)" }
}

/// A located message about a cell: an error that stopped it, or a warning.
public struct CellDiagnostic: Error, Sendable, Equatable {
  public enum Severity: String, Sendable { case error, warning, note }

  public var severity: Severity
  /// What is wrong and, where possible, what to do (no location prefix).
  public var message: String
  public var location: SourceLocation
  /// The offending source line with a caret under the column, as a compiler prints it.
  public var excerpt: String
  /// Further lines: "did you mean", accepted signatures, members of a type.
  public var notes: [String]

  public init(
    severity: Severity = .error, message: String, location: SourceLocation, excerpt: String = "",
    notes: [String] = []
  ) {
    self.severity = severity
    self.message = message
    self.location = location
    self.excerpt = excerpt
    self.notes = notes
  }

  /// `file:line:col: error: message`, then the excerpt and notes, as printed on stderr.
  public var formatted: String {
    var text = "\(location): \(severity.rawValue): \(message)"
    if !excerpt.isEmpty { text += "\n" + excerpt }
    for note in notes { text += "\nnote: " + note }
    return text
  }
}

/// A table to display: a header row and body rows of already formatted cells.
public struct DisplayTable: Sendable, Equatable {
  public var header: [String]
  public var rows: [[String]]
  /// Columns whose cells are numbers (right-aligned in the page).
  public var numericColumns: Set<Int>
  /// A line under the table (for a model summary: the total parameter count).
  public var footer: String?

  public init(
    header: [String], rows: [[String]], numericColumns: Set<Int> = [], footer: String? = nil
  ) {
    self.header = header
    self.rows = rows
    self.numericColumns = numericColumns
    self.footer = footer
  }
}

/// A tensor to display: its shape and its entries, formatted, in row-major order.
public struct DisplayTensor: Sendable, Equatable {
  public var shape: [Int]
  public var entries: [String]
  public var requiresGrad: Bool

  public init(shape: [Int], entries: [String], requiresGrad: Bool = false) {
    self.shape = shape
    self.entries = entries
    self.requiresGrad = requiresGrad
  }
}

/// Charts shown side by side (`SideBySide`): row by row, each chart a complete `<svg>`
/// element built by the Charts module (trusted markup) with its width in SVG units.
public struct DisplayCharts: Sendable, Equatable {
  /// One chart of a row.
  public struct Chart: Sendable, Equatable {
    /// A complete `<svg>` element with its own `viewBox`.
    public var svg: String
    /// The chart's width in SVG units (pixels at full size).
    public var width: Double

    public init(svg: String, width: Double) {
      self.svg = svg
      self.width = width
    }
  }

  /// The title over the charts ("" if none).
  public var title: String
  /// The charts, row by row, as `SideBySide` lays them out in one picture.
  public var rows: [[Chart]]

  public init(title: String, rows: [[Chart]]) {
    self.title = title
    self.rows = rows
  }
}

/// A value as the page shows it.
public enum DisplayValue: Sendable, Equatable {
  /// A plain value in Swift's own textual form (`0.5`, `"a"`, `[1, 2]`).
  case text(String)
  case tensor(DisplayTensor)
  case table(DisplayTable)
  /// A complete `<svg>` element built by the Charts module (trusted markup).
  case svg(String)
  /// Charts side by side, one `<svg>` each, for a page to lay out so that they wrap on a
  /// narrow screen.
  case charts(DisplayCharts)
  /// TeX source, converted to MathML by the notebook; `origin` is where the `Math("...")`
  /// text starts in the notebook, for warnings about the TeX.
  case math(String, origin: SourceLocation? = nil)
}

/// One thing that happened while a cell ran, in order.
public enum CellEvent: Sendable, Equatable {
  /// Text written by `print`.
  case output(String)
  /// A value shown by `display(_:)` or as the cell's last expression.
  case display(DisplayValue)
  case warning(CellDiagnostic)
  /// An `expect(actual, expected)` that held.
  case check(CheckedAnswer)
  /// The error that stopped the cell.
  case error(CellDiagnostic)
}

/// Everything a cell produced.
public struct CellOutcome: Sendable, Equatable {
  public var events: [CellEvent]

  public init(events: [CellEvent] = []) { self.events = events }

  /// The error that stopped the cell, if it failed.
  public var error: CellDiagnostic? {
    for case .error(let diagnostic) in events { return diagnostic }
    return nil
  }
}
