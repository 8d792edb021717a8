// Finding TeX math in Markdown prose before a Markdown parser sees it.

/// One piece of math found in Markdown.
public struct MathSpan: Sendable, Equatable {
  /// The whole span, delimiters included, in the scanned string.
  public var range: Range<String.Index>
  /// The TeX between the delimiters, exactly as written.
  public var tex: String
  /// `.inline` for `$...$` and `\(...\)`, `.display` for `$$...$$` and `\[...\]`.
  public var style: MathStyle

  public init(range: Range<String.Index>, tex: String, style: MathStyle) {
    self.range = range
    self.tex = tex
    self.style = style
  }
}

/// Finds `$...$`, `$$...$$`, `\(...\)` and `\[...\]` in Markdown, outside code.
///
/// The rules follow Pandoc's `tex_math_dollars`: an opening `$` has a non-space character
/// right after it, a closing `$` has a non-space character right before it and no digit right
/// after it (so `$5 and $6` is not math), and `\$` is a literal dollar. Math never starts
/// inside a code span (backtick runs of matching length), a fenced code block or an indented
/// code block, and never runs across a blank line. The scan takes time linear in the input.
///
/// Block quote markers are understood for finding code blocks, but math that runs across
/// lines inside a block quote keeps the `>` markers of its later lines in `tex`.
public enum MathScanner {
  /// The math spans in `markdown`, in order of position, not overlapping.
  public static func spans(in markdown: String) -> [MathSpan] {
    let bytes = Array(markdown.utf8)
    var scanner = ByteScanner(bytes: bytes)
    scanner.scanBlocks()
    var spans: [MathSpan] = []
    spans.reserveCapacity(scanner.found.count)
    var index = markdown.utf8.startIndex
    var offset = 0
    func stringIndex(_ target: Int) -> String.Index {
      index = markdown.utf8.index(index, offsetBy: target - offset)
      offset = target
      return index
    }
    for found in scanner.found {
      let start = stringIndex(found.start)
      let contentStart = stringIndex(found.contentStart)
      let contentEnd = stringIndex(found.contentEnd)
      let end = stringIndex(found.end)
      spans.append(
        MathSpan(
          range: start..<end, tex: String(markdown[contentStart..<contentEnd]),
          style: found.style))
    }
    return spans
  }
}

/// The scan over UTF-8 bytes. Every delimiter is ASCII, so byte offsets of delimiters are
/// always on character boundaries of the string.
private struct ByteScanner {
  struct Found {
    var start: Int
    var contentStart: Int
    var contentEnd: Int
    var end: Int
    var style: MathStyle
  }

  let bytes: [UInt8]
  var found: [Found] = []

  init(bytes: [UInt8]) { self.bytes = bytes }

  private static let backtick = UInt8(ascii: "`")
  private static let tilde = UInt8(ascii: "~")
  private static let dollar = UInt8(ascii: "$")
  private static let backslash = UInt8(ascii: "\\")
  private static let space = UInt8(ascii: " ")
  private static let tab = UInt8(ascii: "\t")
  private static let newline = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")
  private static let greaterThan = UInt8(ascii: ">")

  // MARK: Blocks

  /// Splits the document into runs of prose lines, skipping code blocks, and scans each run.
  mutating func scanBlocks() {
    var lineStart = 0
    var fence: (character: UInt8, count: Int)?
    var paragraphOpen = false
    var listIndent = 0
    var chunkStart: Int?
    var chunkEnd = 0

    func flush(_ scanner: inout ByteScanner) {
      if let start = chunkStart { scanner.scanInline(start..<chunkEnd) }
      chunkStart = nil
    }

    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count && bytes[lineEnd] != Self.newline { lineEnd += 1 }
      defer { lineStart = lineEnd + 1 }

      var indent = 0
      var first = lineStart
      while true {
        while first < lineEnd && (bytes[first] == Self.space || bytes[first] == Self.tab) {
          indent = bytes[first] == Self.tab ? (indent / 4 + 1) * 4 : indent + 1
          first += 1
        }
        // Block quote markers: what follows `>` (and one space) is the line's content.
        guard indent < 4, first < lineEnd, bytes[first] == Self.greaterThan else { break }
        first += 1
        if first < lineEnd && bytes[first] == Self.space { first += 1 }
        indent = 0
      }
      let blank = first == lineEnd || (first + 1 == lineEnd && bytes[first] == Self.carriageReturn)
      if !blank && fence == nil && indent < listIndent && !paragraphOpen { listIndent = 0 }
      let relativeIndent = indent >= listIndent ? indent - listIndent : indent

      if let open = fence {
        if relativeIndent < 4, closesFence(first..<lineEnd, open.character, open.count) {
          fence = nil
        }
        continue
      }
      if blank {
        flush(&self)
        paragraphOpen = false
        continue
      }
      if relativeIndent < 4, let opened = opensFence(first..<lineEnd) {
        flush(&self)
        fence = opened
        paragraphOpen = false
        continue
      }
      if relativeIndent >= 4 && !paragraphOpen {
        continue  // an indented code block
      }
      if let contentColumn = listItemContent(first..<lineEnd, indent: indent) {
        listIndent = contentColumn
      }
      if isHeading(first..<lineEnd) {
        flush(&self)
        scanInline(lineStart..<lineEnd)
        paragraphOpen = false
        continue
      }
      if chunkStart == nil { chunkStart = lineStart }
      chunkEnd = lineEnd
      paragraphOpen = true
    }
    flush(&self)
  }

  /// A fence opening at the start of `line`: three or more backticks (with no backtick in
  /// the info string) or tildes.
  private func opensFence(_ line: Range<Int>) -> (character: UInt8, count: Int)? {
    guard let character = line.first.map({ bytes[$0] }),
      character == Self.backtick || character == Self.tilde
    else { return nil }
    var end = line.lowerBound
    while end < line.upperBound && bytes[end] == character { end += 1 }
    let count = end - line.lowerBound
    guard count >= 3 else { return nil }
    if character == Self.backtick && bytes[end..<line.upperBound].contains(Self.backtick) {
      return nil
    }
    return (character, count)
  }

  private func closesFence(_ line: Range<Int>, _ character: UInt8, _ count: Int) -> Bool {
    var end = line.lowerBound
    while end < line.upperBound && bytes[end] == character { end += 1 }
    guard end - line.lowerBound >= count else { return false }
    return bytes[end..<line.upperBound].allSatisfy(Self.isSpace)
  }

  /// The column where a list item's content starts, if `line` starts a list item.
  private func listItemContent(_ line: Range<Int>, indent: Int) -> Int? {
    var marker = line.lowerBound
    guard marker < line.upperBound else { return nil }
    let first = bytes[marker]
    if first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: "*") {
      marker += 1
    } else {
      while marker < line.upperBound && marker - line.lowerBound < 9 && Self.isDigit(bytes[marker])
      {
        marker += 1
      }
      guard marker > line.lowerBound, marker < line.upperBound,
        bytes[marker] == UInt8(ascii: ".") || bytes[marker] == UInt8(ascii: ")")
      else { return nil }
      marker += 1
    }
    guard marker == line.upperBound || bytes[marker] == Self.space || bytes[marker] == Self.tab
    else { return nil }
    var content = marker
    while content < line.upperBound && content - marker < 4 && Self.isSpace(bytes[content]) {
      content += 1
    }
    return indent + (content - line.lowerBound)
  }

  private func isHeading(_ line: Range<Int>) -> Bool {
    var end = line.lowerBound
    while end < line.upperBound && bytes[end] == UInt8(ascii: "#") { end += 1 }
    let level = end - line.lowerBound
    return (1...6).contains(level) && (end == line.upperBound || Self.isSpace(bytes[end]))
  }

  // MARK: Inline

  /// Finds math in one run of prose lines.
  private mutating func scanInline(_ chunk: Range<Int>) {
    // Once a search for a closing delimiter fails, every later search in the chunk fails
    // too (closers do not depend on their opener), so it is not repeated: linear time.
    var exhausted = Exhausted()
    var backtickRuns: BacktickRuns?
    var index = chunk.lowerBound
    let end = chunk.upperBound
    while index < end {
      let byte = bytes[index]
      if byte == Self.backslash {
        guard index + 1 < end else { break }
        let next = bytes[index + 1]
        if next == UInt8(ascii: "(") || next == UInt8(ascii: "[") {
          let closer = next == UInt8(ascii: "(") ? UInt8(ascii: ")") : UInt8(ascii: "]")
          let isParenthesis = next == UInt8(ascii: "(")
          if !(isParenthesis ? exhausted.parenthesis : exhausted.bracket),
            let close = find(
              from: index + 2, before: end,
              where: { scanner, at in
                scanner.bytes[at] == Self.backslash && at + 1 < end
                  && scanner.bytes[at + 1] == closer
              })
          {
            record(index, index + 2, close, close + 2, isParenthesis ? .inline : .display)
            index = close + 2
            continue
          }
          if isParenthesis { exhausted.parenthesis = true } else { exhausted.bracket = true }
        }
        index += Self.isPunctuation(next) ? 2 : 1
        continue
      }
      if byte == Self.backtick {
        var runEnd = index
        while runEnd < end && bytes[runEnd] == Self.backtick { runEnd += 1 }
        if backtickRuns == nil { backtickRuns = BacktickRuns(bytes, chunk) }
        if let closer = backtickRuns?.closer(length: runEnd - index, from: runEnd) {
          index = closer + (runEnd - index)
        } else {
          index = runEnd
        }
        continue
      }
      if byte == Self.dollar {
        if index + 1 < end && bytes[index + 1] == Self.dollar {
          if !exhausted.display,
            let close = find(
              from: index + 2, before: end,
              where: { scanner, at in
                scanner.bytes[at] == Self.dollar && at + 1 < end
                  && scanner.bytes[at + 1] == Self.dollar
              })
          {
            record(index, index + 2, close, close + 2, .display)
            index = close + 2
            continue
          }
          exhausted.display = true
          index += 2
          continue
        }
        if index + 1 < end && !Self.isSpace(bytes[index + 1]) && !exhausted.inline {
          if let close = find(
            from: index + 1, before: end,
            where: { scanner, at in
              scanner.bytes[at] == Self.dollar && !Self.isSpace(scanner.bytes[at - 1])
                && !(at + 1 < end && Self.isDigit(scanner.bytes[at + 1]))
            })
          {
            record(index, index + 1, close, close + 1, .inline)
            index = close + 1
            continue
          }
          exhausted.inline = true
        }
        index += 1
        continue
      }
      index += 1
    }
  }

  /// The first position from `start` where `matches` holds, stepping over backslash escapes.
  private func find(from start: Int, before end: Int, where matches: (ByteScanner, Int) -> Bool)
    -> Int?
  {
    var index = start
    while index < end {
      if matches(self, index) { return index }
      index += bytes[index] == Self.backslash ? 2 : 1
    }
    return nil
  }

  /// Which closing delimiters are known to be absent from the rest of the chunk.
  private struct Exhausted {
    var inline = false
    var display = false
    var parenthesis = false
    var bracket = false
  }

  private mutating func record(
    _ start: Int, _ contentStart: Int, _ contentEnd: Int, _ end: Int, _ style: MathStyle
  ) {
    found.append(
      Found(
        start: start, contentStart: contentStart, contentEnd: contentEnd, end: end, style: style))
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == newline || byte == carriageReturn
  }

  static func isDigit(_ byte: UInt8) -> Bool {
    byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
  }

  static func isPunctuation(_ byte: UInt8) -> Bool {
    (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
      || (0x7B...0x7E).contains(byte)
  }
}

/// The maximal backtick runs of a chunk, by length, for finding the closer of a code span
/// without rescanning: queries move forward only, so each list is walked once.
private struct BacktickRuns {
  private var starts: [Int: [Int]] = [:]
  private var cursors: [Int: Int] = [:]

  init(_ bytes: [UInt8], _ chunk: Range<Int>) {
    var index = chunk.lowerBound
    while index < chunk.upperBound {
      guard bytes[index] == UInt8(ascii: "`") else {
        index += 1
        continue
      }
      var end = index
      while end < chunk.upperBound && bytes[end] == UInt8(ascii: "`") { end += 1 }
      starts[end - index, default: []].append(index)
      index = end
    }
  }

  /// The start of the first run of exactly `length` backticks at or after `position`.
  mutating func closer(length: Int, from position: Int) -> Int? {
    guard let list = starts[length] else { return nil }
    var cursor = cursors[length] ?? 0
    while cursor < list.count && list[cursor] < position { cursor += 1 }
    cursors[length] = cursor
    return cursor < list.count ? list[cursor] : nil
  }
}
