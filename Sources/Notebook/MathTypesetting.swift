import Evaluator

/// A piece of TeX math found in Markdown prose.
public struct FoundMath: Sendable, Equatable {
  /// Where the math sits in the Markdown text, delimiters included.
  public var range: Range<String.Index>
  /// The TeX between the delimiters.
  public var tex: String
  /// Display math (`$$…$$`, `\[…\]`) rather than inline math.
  public var isDisplay: Bool

  public init(range: Range<String.Index>, tex: String, isDisplay: Bool) {
    self.range = range
    self.tex = tex
    self.isDisplay = isDisplay
  }
}

/// Math as the page shows it: MathML markup, and any problems found in the TeX.
public struct TypesetMath: Sendable, Equatable {
  /// A complete `<math>` element (trusted markup, its text already escaped).
  public var markup: String
  /// What could not be typeset.
  public var problems: [MathProblem]

  public init(markup: String, problems: [MathProblem] = []) {
    self.markup = markup
    self.problems = problems
  }
}

/// A problem in a formula: what is wrong, and where in the TeX source.
public struct MathProblem: Sendable, Equatable {
  /// A sentence for a warning.
  public var message: String
  /// The character offset into the TeX source (without delimiters) where the problem starts.
  public var offset: Int
  /// Where the TeX's text starts in the notebook, when a cell's `Math("...")` gave it.
  public var origin: SourceLocation?

  public init(message: String, offset: Int, origin: SourceLocation? = nil) {
    self.message = message
    self.offset = offset
    self.origin = origin
  }
}

/// What the notebook needs from a TeX converter: finding math in prose and typesetting it.
public protocol MathTypesetter: Sendable {
  /// The math in `markdown`, outside code spans and code blocks, in order, not overlapping.
  func spans(in markdown: String) -> [FoundMath]
  /// MathML for `tex`.
  func typeset(_ tex: String, display: Bool) -> TypesetMath
  /// CSS the page needs to show this typesetter's markup (fonts, spacing); may be empty.
  var stylesheet: String { get }
}

/// Markdown with its math taken out, ready for cmark, and what is needed to put it back.
struct ExtractedMath {
  /// The text cmark parses: each math span replaced by a one-line placeholder token.
  var markdown: String
  /// The spans, by token number.
  var spans: [FoundMath]
  /// The original text of each span, delimiters included, to restore where math is not prose.
  var originals: [String]
  /// For each line of `markdown` (index 0 is line 1), the line of the original text.
  var originalLine: [Int]
  /// Where each span starts in the original text: line and byte column, from 1.
  var spanLines: [Int] = []
  var spanColumns: [Int] = []
  /// The character that opens a token; chosen so that it does not occur in the notebook.
  var marker: Character

  /// `markdown` unchanged, with no math and an identity line map.
  static func none(_ markdown: String) -> ExtractedMath {
    ExtractedMath(
      markdown: markdown, spans: [], originals: [], originalLine: [], marker: "\u{E000}")
  }

  /// Takes the spans the typesetter finds out of `text`.
  static func extract(from text: String, using typesetter: any MathTypesetter) -> ExtractedMath {
    let spans = typesetter.spans(in: text).sorted { $0.range.lowerBound < $1.range.lowerBound }
    guard !spans.isEmpty else { return .none(text) }
    // A private-use character absent from the notebook marks tokens, so no text can pose as one.
    var used: Set<Unicode.Scalar> = []
    for scalar in text.unicodeScalars where (0xE000...0xF8FF).contains(scalar.value) {
      used.insert(scalar)
    }
    let markerScalar =
      (0xE000...0xF8FF).lazy.compactMap(Unicode.Scalar.init).first { !used.contains($0) }
      ?? "\u{E000}"
    let marker = Character(markerScalar)
    var output = ""
    output.reserveCapacity(text.utf8.count)
    var originals: [String] = []
    var kept: [FoundMath] = []
    var originalLine: [Int] = [1]
    var line = 1
    var lineStart = text.startIndex
    var cursor = text.startIndex
    var spanLines: [Int] = []
    var spanColumns: [Int] = []
    func copy(_ slice: Substring) {
      var index = slice.utf8.startIndex
      while let newline = slice.utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
        line += 1
        originalLine.append(line)
        index = slice.utf8.index(after: newline)
        lineStart = index
      }
      output += slice
    }
    for span in spans
    where span.range.lowerBound >= cursor && span.range.upperBound <= text.endIndex {
      copy(text[cursor..<span.range.lowerBound])
      let original = text[span.range]
      spanLines.append(line)
      spanColumns.append(text.utf8.distance(from: lineStart, to: span.range.lowerBound) + 1)
      output.append(marker)
      output += "M\(kept.count)M"
      output.append(marker)
      for index in original.utf8.indices where original.utf8[index] == UInt8(ascii: "\n") {
        line += 1
        lineStart = original.utf8.index(after: index)
      }
      kept.append(span)
      originals.append(String(original))
      cursor = span.range.upperBound
    }
    copy(text[cursor...])
    return ExtractedMath(
      markdown: output, spans: kept, originals: originals, originalLine: originalLine,
      spanLines: spanLines, spanColumns: spanColumns, marker: marker)
  }

  /// Where character `offset` of span `number`'s TeX sits in the original text.
  func location(ofSpan number: Int, texOffset offset: Int) -> (line: Int, column: Int) {
    let original = originals[number]
    let tex = spans[number].tex
    // Delimiters are symmetric: `$`, `$$`, `\(`, `\[`.
    let opening = max(0, (original.count - tex.count) / 2)
    let target = original.index(
      original.startIndex, offsetBy: min(original.count, opening + max(0, offset)))
    var line = spanLines[number]
    var column = spanColumns[number]
    for byte in original[..<target].utf8 {
      if byte == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    return (line, column)
  }

  /// The original line of line `line` of `markdown`.
  func originalLine(of line: Int) -> Int {
    guard !originalLine.isEmpty else { return line }
    guard line >= 1 else { return 1 }
    return line <= originalLine.count
      ? originalLine[line - 1] : originalLine[originalLine.count - 1]
  }

  /// Splits `text` at tokens: plain runs and span numbers, in order.
  func pieces(of text: String) -> [MathPiece] {
    guard !spans.isEmpty, text.contains(marker) else { return [.text(text)] }
    var result: [MathPiece] = []
    var rest = text[...]
    while let open = rest.firstIndex(of: marker) {
      let afterOpen = rest.index(after: open)
      guard let close = rest[afterOpen...].firstIndex(of: marker) else { break }
      let body = rest[afterOpen..<close]
      if body.count >= 3, body.first == "M", body.last == "M",
        let number = Int(body.dropFirst().dropLast()), spans.indices.contains(number)
      {
        if open > rest.startIndex { result.append(.text(String(rest[..<open]))) }
        result.append(.math(number))
        rest = rest[rest.index(after: close)...]
      } else {
        result.append(.text(String(rest[...open])))
        rest = rest[afterOpen...]
      }
    }
    if !rest.isEmpty { result.append(.text(String(rest))) }
    return result
  }

  /// `text` with every token put back as the math's original source.
  func restoringSource(in text: String) -> String {
    pieces(of: text).map {
      switch $0 {
      case .text(let text): text
      case .math(let number): originals[number]
      }
    }.joined()
  }
}

enum MathPiece: Equatable {
  case text(String)
  case math(Int)
}
