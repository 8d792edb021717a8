// \begin{...} ... \end{...}: matrices, cases and alignments as `mtable`.

/// CSS for right-aligned cells. Chromium (156) lays out `text-align: right` in an `mtd` as
/// left; its `-webkit-right` works, and browsers without it keep the standard value.
let rightAligned = "text-align: right; text-align: -webkit-right"

/// How the cells of one column are aligned.
enum ColumnAlignment: Sendable, Equatable {
  case left, center, right
}

/// An environment: how its cells are parsed and how the table is drawn.
struct Environment: Sendable {
  /// The style cells are set in (aligned equations are display style, matrices text style).
  var style: LayoutStyle
  /// Delimiters drawn around the table, stretched to its height.
  var open: String?
  var close: String?
  /// CSS for the cells of a column, from its index; nil leaves the browser's default.
  var columnStyle: @Sendable (Int) -> String?
  /// Whether cells in odd columns start after an `&` that sits before a relation (`&=`).
  var alignsAtRelations = false
  /// Whether `\begin{name}` takes a `{...}` argument: a column specification (`array`)
  /// or a column count (`alignedat`).
  var argument: Argument = .none
  /// A script level for the whole table (`smallmatrix`).
  var scriptLevel: String?

  enum Argument: Sendable { case none, columns, count }
}

enum Environments {
  static let table: [String: Environment] = {
    var table: [String: Environment] = [:]
    let matrices: [(String, String?, String?)] = [
      ("matrix", nil, nil), ("pmatrix", "(", ")"), ("bmatrix", "[", "]"), ("Bmatrix", "{", "}"),
      ("vmatrix", "|", "|"), ("Vmatrix", "‖", "‖"),
    ]
    for (name, open, close) in matrices {
      table[name] = Environment(style: .text, open: open, close: close, columnStyle: { _ in nil })
    }
    table["smallmatrix"] = Environment(
      style: .text, open: nil, close: nil, columnStyle: { _ in "padding: 0.1em 0.2em" },
      scriptLevel: "1")
    let casesColumns: @Sendable (Int) -> String? = { column in
      column == 0
        ? "text-align: left; padding-left: 0.1em" : "text-align: left; padding-left: 1em"
    }
    table["cases"] = Environment(style: .text, open: "{", close: nil, columnStyle: casesColumns)
    table["dcases"] = Environment(style: .display, open: "{", close: nil, columnStyle: casesColumns)
    table["rcases"] = Environment(style: .text, open: nil, close: "}", columnStyle: casesColumns)
    // Alignment: right-aligned and left-aligned columns in pairs, no gap inside a pair.
    let alignedColumns: @Sendable (Int) -> String? = { column in
      column % 2 == 0
        ? "\(rightAligned); padding-left: \(column == 0 ? "0" : "2em"); padding-right: 0"
        : "text-align: left; padding-left: 0; padding-right: 0"
    }
    for name in ["aligned", "align", "align*", "split", "flalign", "flalign*", "eqnarray*"] {
      table[name] = Environment(
        style: .display, open: nil, close: nil, columnStyle: alignedColumns,
        alignsAtRelations: true)
    }
    for name in ["alignedat", "alignat", "alignat*"] {
      table[name] = Environment(
        style: .display, open: nil, close: nil, columnStyle: alignedColumns,
        alignsAtRelations: true, argument: .count)
    }
    for name in ["gathered", "gather", "gather*", "equation", "equation*", "multline", "multline*"]
    {
      table[name] = Environment(style: .display, open: nil, close: nil, columnStyle: { _ in nil })
    }
    table["array"] = Environment(
      style: .text, open: nil, close: nil, columnStyle: { _ in nil }, argument: .columns)
    table["darray"] = Environment(
      style: .display, open: nil, close: nil, columnStyle: { _ in nil }, argument: .columns)
    return table
  }()
}

extension Parser {
  /// `\begin{name} ... \end{name}` whose `\begin` has been read.
  func parseEnvironment(at begin: Token) throws -> Atom {
    // An environment costs more stack than a brace group: it counts as two levels.
    try enter(at: begin.start)
    defer { leave() }
    let name = try parseNameArgument(of: "\\begin", at: begin)
    guard let environment = Environments.table[name] else {
      throw TeXError(message: "Unknown environment '\(name)'", offset: begin.start)
    }
    var alignments: [ColumnAlignment] = []
    switch environment.argument {
    case .none: break
    case .count: _ = try parseNameArgument(of: "\\begin{\(name)}", at: begin)
    case .columns:
      let specification = try parseNameArgument(of: "\\begin{\(name)}", at: begin)
      for character in specification {
        switch character {
        case "l": alignments.append(.left)
        case "c": alignments.append(.center)
        case "r": alignments.append(.right)
        case "|", " ": continue
        default:
          throw TeXError(
            message: "Unsupported column '\(character)' in \\begin{\(name)}: use l, c, r or |",
            offset: begin.start)
        }
      }
    }
    let savedStyle = style
    style = environment.style
    defer { style = savedStyle }

    let rows = try parseRows(of: name, openedBy: begin)
    return Atom(table(rows, environment, alignments: alignments))
  }

  /// Rows of cells up to `\end{name}`; or, when `name` is nil, up to the `}` matching
  /// `closingBrace` if given (`\substack{...}`), else up to the end of the formula.
  func parseRows(of name: String?, openedBy begin: Token?, closingBrace: Token? = nil) throws
    -> [[[Atom]]]
  {
    var rows: [[[Atom]]] = []
    var cells: [[Atom]] = []
    rowLoop: while true {
      cells.append(try parseExpression())
      let separator = next()
      switch separator.kind {
      case .character("&"):
        continue
      case .command("\\"), .command("cr"):
        skipRowSpacing()
        rows.append(cells)
        cells = []
      case .command("end") where name != nil:
        let endName = try parseNameArgument(of: "\\end", at: separator)
        guard endName == name else {
          throw TeXError(
            message: "\\begin{\(name ?? "")} ended by \\end{\(endName)}", offset: separator.start)
        }
        rows.append(cells)
        break rowLoop
      case .character("}") where name == nil && closingBrace != nil:
        rows.append(cells)
        break rowLoop
      case .end where name == nil && closingBrace == nil:
        rows.append(cells)
        break rowLoop
      default:
        if let closingBrace {
          throw TeXError(message: "Unmatched '{': add the closing '}'", offset: closingBrace.start)
        }
        guard let name, let begin else { throw misplaced(separator) }
        throw TeXError(
          message: "\\begin{\(name)} without a matching \\end{\(name)}", offset: begin.start)
      }
    }
    // A final `\\` before `\end` does not start a row.
    if rows.count > 1, let last = rows.last, last.count == 1, last[0].isEmpty {
      rows.removeLast()
    }
    return rows
  }

  /// A formula with `\\` or `&` outside any environment, as KaTeX and MathJax accept it:
  /// its lines are set as `aligned` when they have `&`, or centred as `gathered`.
  func parseTopLevelRows() throws -> MathNode {
    let rows = try parseRows(of: nil, openedBy: nil)
    let aligned = rows.contains { $0.count > 1 }
    guard var environment = Environments.table[aligned ? "aligned" : "gathered"] else {
      throw TeXError(message: "Internal error: no aligned environment", offset: 0)
    }
    environment.style = style
    return table(rows, environment, alignments: [])
  }

  /// Skips the `[2pt]` that may follow `\\`.
  private func skipRowSpacing() {
    let open = peek()
    guard open.isCharacter("[") else { return }
    var index = open.end
    while index < characters.count && index - open.end < 16 {
      let character = characters[index]
      if character == "]" {
        position = index + 1
        return
      }
      guard
        character.isASCII && (character.isLetter || character.isNumber || ".- ".contains(character))
      else { return }
      index += 1
    }
  }

  private func table(_ rows: [[[Atom]]], _ environment: Environment, alignments: [ColumnAlignment])
    -> MathNode
  {
    let columns = rows.map(\.count).max() ?? 0
    var tableRows: [MathNode] = []
    for cells in rows {
      var tableCells: [MathNode] = []
      for column in 0..<columns {
        var atoms = column < cells.count ? cells[column] : []
        if environment.alignsAtRelations && column % 2 == 1,
          let first = atoms.first, first.kind == .relation || first.kind == .binary
        {
          // TeX's `&={}` idiom: an empty atom before keeps `=` and `+` infix, with their space.
          atoms.insert(Atom(MathNode("mrow")), at: 0)
        }
        var attributes: [MathNode.Attribute] = []
        if column < alignments.count {
          switch alignments[column] {
          case .left: attributes.append(["style", "text-align: left"])
          case .right: attributes.append(["style", rightAligned])
          case .center: break
          }
        } else if let css = environment.columnStyle(column) {
          attributes.append(["style", css])
        }
        let content = row(atoms)
        let isEmpty = content.name == "mrow" && content.children.isEmpty
        tableCells.append(MathNode("mtd", attributes, children: isEmpty ? [] : [content]))
      }
      tableRows.append(MathNode("mtr", children: tableCells))
    }
    var tableAttributes: [MathNode.Attribute] = []
    if environment.style == .display {
      tableAttributes.append(["displaystyle", "true"])
    }
    if let level = environment.scriptLevel {
      tableAttributes.append(["scriptlevel", level])
    }
    let mtable = MathNode("mtable", tableAttributes, children: tableRows)
    guard environment.open != nil || environment.close != nil else { return mtable }
    var children: [MathNode] = []
    if let open = environment.open { children.append(Self.fence(open, form: "prefix")) }
    children.append(mtable)
    if let close = environment.close { children.append(Self.fence(close, form: "postfix")) }
    return MathNode("mrow", children: children)
  }
}
