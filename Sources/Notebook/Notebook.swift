import Evaluator
import Markdown

/// A `swift` cell: a fenced code block the notebook runs.
public struct Cell: Sendable, Equatable {
  /// The cell's number among the notebook's cells, from 1.
  public var number: Int
  /// The cell's whole text as written, option lines included (what the evaluator runs).
  public var source: String
  /// The code the page shows: the source without its option lines.
  public var code: String
  /// Where the cell's first line sits in the notebook.
  public var origin: SourceOrigin
  /// The cell's options, front matter defaults applied.
  public var options: CellOptions
  /// The fence's info string (`swift`, `swift title="x"`).
  public var info: String
  /// The code block's index among all code blocks of the document.
  let blockIndex: Int
}

/// An inline result in prose: a code span `` `{swift} expr` `` whose value replaces it.
public struct InlineExpression: Sendable, Equatable {
  /// The expression's number among the notebook's inline expressions, from 1.
  public var number: Int
  /// The Swift expression after `{swift}`.
  public var source: String
  /// Where the expression starts in the notebook (found by searching the block's lines;
  /// exact unless the same line also holds math).
  public var origin: SourceOrigin
}

/// A heading of the notebook, with its anchor in the page.
public struct Heading: Sendable, Equatable {
  /// 1 to 6.
  public var level: Int
  /// The heading's text without markup (math as its TeX source).
  public var text: String
  /// The heading's `id` in the page: a slug of its text, unique within the page.
  public var anchor: String
  /// The notebook line the heading starts on.
  public var line: Int
}

/// A parsed notebook: its front matter, cells, and headings, with every position true to the
/// file. Parsing never fails; what is wrong becomes a located warning in `diagnostics`.
public struct Notebook: Sendable {
  /// The notebook's name as diagnostics show it.
  public let name: String
  public let frontMatter: FrontMatter
  /// The `swift` cells, in order.
  public let cells: [Cell]
  /// The `` `{swift} expr` `` spans in prose, in order.
  public let inlineExpressions: [InlineExpression]
  public let headings: [Heading]
  /// Warnings found while reading: invalid UTF-8, front matter, cell options, fences.
  public let diagnostics: [Diagnostic]
  /// The converter for TeX math; without one, math stays as typed.
  public let typesetter: (any MathTypesetter)?
  /// The index in `headings` of the heading that gives the title, when front matter has none.
  public let titleHeadingIndex: Int?
  let extracted: ExtractedMath
  /// Each heading's text with math tokens still in place, for the table of contents.
  let headingTokenTexts: [String]

  /// Reads a notebook. Math in prose is found and typeset by `typesetter`; with nil, `$` is
  /// plain text.
  public init(source: SourceText, typesetter: (any MathTypesetter)? = TeXTypesetter()) {
    name = source.name
    self.typesetter = typesetter
    var diagnostics = source.diagnostics
    let (frontMatter, body, frontMatterDiagnostics) = FrontMatter.extract(
      from: source.text, file: source.name)
    self.frontMatter = frontMatter
    diagnostics += frontMatterDiagnostics
    let extracted =
      typesetter.map { ExtractedMath.extract(from: body, using: $0) } ?? .none(body)
    self.extracted = extracted

    let document = MarkdownDocument(parsing: extracted.markdown)
    let lines = splitLines(extracted.markdown[...])
    var cells: [Cell] = []
    var headingNodes: [MarkdownNode] = []
    var blockIndex = 0
    var labels: [String: SourceLocation] = [:]
    var inlineExpressions: [InlineExpression] = []
    var searchLine = 0
    var searchOffset = 0
    for node in document.allNodes() {
      switch node.kind {
      case .code:
        guard let source = Self.inlineSource(node.literal) else { continue }
        // cmark keeps no positions for inline nodes: find the span in its block's lines.
        var block = node.parent
        while let current = block, current.startLine == 0 { block = current.parent }
        let firstLine = max((block?.startLine ?? 1) - 1, 0)
        if firstLine > searchLine {
          searchLine = firstLine
          searchOffset = 0
        }
        var origin = SourceOrigin(
          file: name, line: extracted.originalLine(of: firstLine + 1), column: 1)
        var lineIndex = searchLine
        let lastLine = min(max((block?.endLine ?? 1) - 1, firstLine), lines.count - 1)
        while lineIndex <= lastLine {
          let utf8 = lines[lineIndex].utf8
          let start = lineIndex == searchLine ? min(searchOffset, utf8.count) : 0
          if let found = Self.find("{swift}", in: Array(utf8.dropFirst(start))) {
            let column = start + found + "{swift}".utf8.count
            let afterSpaces = utf8.dropFirst(column).prefix { $0 == UInt8(ascii: " ") }.count
            origin = SourceOrigin(
              file: name, line: extracted.originalLine(of: lineIndex + 1),
              column: column + afterSpaces + 1)
            searchLine = lineIndex
            searchOffset = column
            break
          }
          lineIndex += 1
        }
        inlineExpressions.append(
          InlineExpression(number: inlineExpressions.count + 1, source: source, origin: origin))
      case .heading:
        headingNodes.append(node)
      case .codeBlock:
        defer { blockIndex += 1 }
        let info = extracted.restoringSource(in: node.fenceInfo)
        let fenceLine = extracted.originalLine(of: node.startLine)
        if let warning = Self.unterminatedFenceWarning(
          node, lines: lines, file: name, line: fenceLine)
        {
          diagnostics.append(warning)
        }
        guard Self.isCell(info: info) else { continue }
        let source = extracted.restoringSource(in: node.literal)
        let origin = SourceOrigin(
          file: name, line: extracted.originalLine(of: node.startLine + 1), column: node.startColumn
        )
        let sourceLines = splitLines(source[...])
        var parsed = ParsedOptions(
          lines: sourceLines, defaults: frontMatter.execute, origin: origin)
        diagnostics += parsed.diagnostics
        if let label = parsed.options.label {
          let location = SourceLocation(file: name, line: origin.line, column: origin.column)
          if let first = labels[label] {
            diagnostics.append(
              Diagnostic(
                severity: .warning,
                message:
                  "label '\(label)' is already used by the cell at \(first); labels must be unique (this cell is shown without it)",
                location: location))
            // a page holds each id once: references keep pointing at the first cell
            parsed.options.label = nil
          } else {
            labels[label] = location
          }
        }
        var code = sourceLines[parsed.bodyStart...].joined(separator: "\n")
        while code.hasSuffix("\n") { code.removeLast() }
        cells.append(
          Cell(
            number: cells.count + 1, source: source, code: code, origin: origin,
            options: parsed.options, info: info, blockIndex: blockIndex))
      default:
        break
      }
    }
    self.cells = cells
    self.inlineExpressions = inlineExpressions
    self.diagnostics = diagnostics

    var slugs = SlugSet(reserved: Set(labels.keys))
    headingTokenTexts = headingNodes.map(\.plainText)
    headings = headingNodes.map { node in
      let text = extracted.restoringSource(in: node.plainText)
      return Heading(
        level: node.headingLevel, text: text, anchor: slugs.unique(for: text),
        line: extracted.originalLine(of: node.startLine))
    }
    titleHeadingIndex = frontMatter.title == nil && !headings.isEmpty ? 0 : nil
  }

  /// The page title: front matter's `title`, else the first heading, else the file's name.
  public var title: String {
    if let title = frontMatter.title, !title.isEmpty { return title }
    if let index = titleHeadingIndex, !headings[index].text.isEmpty { return headings[index].text }
    var base = name.split(separator: "/").last.map(String.init) ?? name
    if base.hasSuffix(".md") { base.removeLast(3) }
    return base.isEmpty || base == "<stdin>" ? "Notebook" : base
  }

  /// The expression of a code span that reads `{swift} expr`, or nil for ordinary code.
  static func inlineSource(_ literal: String) -> String? {
    guard literal.hasPrefix("{swift}") else { return nil }
    let rest = literal.dropFirst("{swift}".count)
    guard rest.first == " " else { return nil }
    let source = String(rest.trimming(" "))
    return source.isEmpty ? nil : source
  }

  /// The byte offset of `needle` in `bytes`.
  private static func find(_ needle: String, in bytes: [UInt8]) -> Int? {
    let pattern = Array(needle.utf8)
    guard bytes.count >= pattern.count else { return nil }
    for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
      if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return start }
    }
    return nil
  }

  /// Whether a fenced block with this info string is a cell: its first word is `swift`.
  static func isCell(info: String) -> Bool {
    let first = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? ""
    return first == "swift" || first == "{swift}"
  }

  private static func unterminatedFenceWarning(
    _ node: MarkdownNode, lines: [Substring], file: String, line: Int
  ) -> Diagnostic? {
    let start = node.startLine - 1
    let end = node.endLine - 1
    guard lines.indices.contains(start), lines.indices.contains(end) else { return nil }
    let opening = lines[start].utf8.dropFirst(max(node.startColumn - 1, 0))
    guard let fence = opening.first, fence == UInt8(ascii: "`") || fence == UInt8(ascii: "~") else {
      return nil  // an indented code block has no fence
    }
    let openLength = opening.prefix { $0 == fence }.count
    if end > start {
      let closing = lines[end].trimmingTrailingSpaces().utf8
      let run = closing.reversed().prefix { $0 == fence }.count
      let before = closing.dropLast(run)
      let onlyPrefix = before.allSatisfy {
        $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ">")
      }
      if run >= openLength && onlyPrefix { return nil }
    }
    let fenceText = String(repeating: Character(Unicode.Scalar(fence)), count: openLength)
    return Diagnostic(
      severity: .warning,
      message:
        "this code fence is never closed, so the block runs to the end of its container; add a closing \(fenceText)",
      location: SourceLocation(file: file, line: line, column: node.startColumn))
  }
}

/// Makes heading anchors: lowercase words joined by `-`, made unique by a counter.
struct SlugSet {
  private var used: Set<String>
  /// The next counter to try for each base slug, so that many equal headings stay linear.
  private var nextCounter: [String: Int] = [:]

  init(reserved: Set<String> = []) { used = reserved }

  /// A slug of `text` that no earlier call returned.
  mutating func unique(for text: String) -> String {
    let base = Self.slug(text)
    var candidate = base
    var counter = nextCounter[base, default: 1]
    while used.contains(candidate) {
      candidate = "\(base)-\(counter)"
      counter += 1
    }
    nextCounter[base] = counter
    used.insert(candidate)
    return candidate
  }

  /// Letters and digits lowercased; spaces, `-` and `_` become single `-`; the rest is dropped.
  static func slug(_ text: String) -> String {
    var slug = ""
    var pendingDash = false
    for scalar in text.unicodeScalars {
      let properties = scalar.properties
      if properties.isAlphabetic || properties.numericType == .decimal {
        if pendingDash && !slug.isEmpty { slug += "-" }
        pendingDash = false
        slug += properties.lowercaseMapping
      } else if scalar == " " || scalar == "-" || scalar == "_" || scalar == "\t" {
        pendingDash = true
      }
      if slug.utf8.count > 80 { break }
    }
    if slug.isEmpty { return "section" }
    // An id must not start with a digit for CSS selectors to reach it easily.
    if let first = slug.unicodeScalars.first, first.properties.numericType == .decimal {
      slug = "s-" + slug
    }
    return slug
  }
}
