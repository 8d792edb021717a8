import Markdown

/// Numbered figures and tables: cells labelled `fig-…` or `tbl-…` are numbered in order, and
/// `@fig-…` / `@tbl-…` in prose become links that read "Figure 2" / "Table 1".
struct CrossReferences {
  private var numbers: [String: (kind: String, number: Int)] = [:]

  /// Numbers the cells for which `isShown` holds (all of them by default), in order.
  init(cells: [Cell], isShown: (Cell) -> Bool = { _ in true }) {
    var figures = 0
    var tables = 0
    for cell in cells where isShown(cell) {
      guard let label = cell.options.label else { continue }
      if label.hasPrefix("fig-") {
        figures += 1
        numbers[label] = ("Figure", figures)
      } else if label.hasPrefix("tbl-") {
        tables += 1
        numbers[label] = ("Table", tables)
      }
    }
  }

  /// "Figure 2" for `fig-loss`, nil for a label that is not numbered.
  func name(of label: String) -> String? {
    numbers[label].map { "\($0.kind) \($0.number)" }
  }

  /// A cell's caption: its number (for `fig-`/`tbl-` labels) and its `fig-cap`.
  func caption(for cell: Cell) -> String? {
    let name = cell.options.label.flatMap { self.name(of: $0) }
    switch (name, cell.options.figureCaption ?? cell.options.tableCaption) {
    case (let name?, let caption?): return "\(name): \(caption)"
    case (let name?, nil): return name
    case (nil, let caption?): return caption
    case (nil, nil): return nil
    }
  }

  /// `text` with each `@fig-…`/`@tbl-…` reference to a known label made a link; unknown
  /// labels stay as text and are passed to `unknown`.
  func link(in text: String, unknown: (String) -> Void) -> [InlinePiece] {
    var pieces: [InlinePiece] = []
    var plain = ""
    var index = text.startIndex
    while index < text.endIndex {
      let rest = text[index...]
      let startsReference =
        text[index] == "@"
        && (rest.dropFirst().hasPrefix("fig-") || rest.dropFirst().hasPrefix("tbl-"))
        && (index == text.startIndex || !text[text.index(before: index)].isLetter)
      guard startsReference else {
        plain.append(text[index])
        index = text.index(after: index)
        continue
      }
      var end = text.index(after: index)
      while end < text.endIndex, text[end].isASCII,
        text[end].isLetter || text[end].isNumber || text[end] == "-" || text[end] == "_"
      {
        end = text.index(after: end)
      }
      // A sentence's full stop or a trailing hyphen is not part of the label.
      while text[text.index(before: end)] == "-" || text[text.index(before: end)] == "_" {
        end = text.index(before: end)
      }
      let label = String(text[text.index(after: index)..<end])
      if let name = name(of: label) {
        if !plain.isEmpty { pieces.append(.text(plain)) }
        plain = ""
        pieces.append(
          .html("<a class=\"nb-ref\" href=\"#\(HTML.escape(label))\">\(HTML.escape(name))</a>"))
      } else {
        unknown(label)
        plain += text[index..<end]
      }
      index = end
    }
    if !plain.isEmpty { pieces.append(.text(plain)) }
    return pieces
  }
}

/// Finds where a reference sits in the text cmark parsed (cmark keeps no inline positions),
/// searching forward from the last one found so that the whole pass stays linear.
struct ReferenceLocator {
  private let lines: [Substring]
  private var line = 0
  private var offset = 0

  init(text: String) { lines = splitLines(text[...]) }

  /// The 1-based line and byte column of `needle` in or after `node`'s block.
  mutating func locate(_ needle: String, near node: MarkdownNode) -> (Int, Int) {
    var block: MarkdownNode? = node.parent
    while let current = block, current.startLine == 0 { block = current.parent }
    let first = max((block?.startLine ?? 1) - 1, 0)
    if first > line {
      line = first
      offset = 0
    }
    let pattern = Array(needle.utf8)
    var index = line
    while index < lines.count {
      let bytes = Array(lines[index].utf8)
      let start = index == line ? offset : 0
      if bytes.count >= pattern.count && start <= bytes.count - pattern.count {
        for position in start...(bytes.count - pattern.count)
        where bytes[position..<(position + pattern.count)].elementsEqual(pattern) {
          line = index
          offset = position + pattern.count
          return (index + 1, position + 1)
        }
      }
      if let block, index >= block.endLine - 1 { break }
      index += 1
    }
    return (first + 1, 1)
  }
}
