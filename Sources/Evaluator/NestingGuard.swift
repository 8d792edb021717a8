/// How deep brackets nest in Swift source, checked before swift-syntax sees it.
///
/// swift-syntax's type lookahead does not count nesting, so `[[[[…` a few thousand deep
/// overflows the stack before the parser's own nesting limit applies. And swift-syntax 603
/// looks ahead at each nested `[` twice (as an inline array type `[N of T]`, then as an array
/// type), so its parse time doubles with every level of `[`: 22 levels took 2.75 s in a
/// release build, 30 would take minutes. Cells (and the page's syntax highlighting) refuse
/// such source before parsing instead. Brackets inside string interpolations count.
public enum BracketNesting {
  /// How deep `(`, `[` and `{` may nest: swift-syntax's own limit in a release build.
  public static let limit = 256
  /// How deep `[` may nest: a rank-10 tensor literal, far more than a cell needs, and about
  /// 2 ms of parsing in a release build.
  public static let squareLimit = 10

  /// Where brackets first nest too deep.
  public struct TooDeep: Equatable, Sendable {
    /// 1-based line and UTF-8 column of the bracket that goes too deep.
    public var line: Int
    public var column: Int
    /// Whether `[` went past `squareLimit` (else all brackets went past `limit`).
    public var isSquare: Bool

    public init(line: Int, column: Int, isSquare: Bool) {
      self.line = line
      self.column = column
      self.isSquare = isSquare
    }

    /// What is wrong and what to do, for a located error.
    public var message: String {
      isSquare
        ? "square brackets nest more than \(BracketNesting.squareLimit) deep here (the Swift parser slows down exponentially with nested '['); build the value in steps with `let` names"
        : "brackets nest more than \(BracketNesting.limit) deep here; split the expression with `let` names"
    }
  }

  private enum Frame {
    /// `(`, `[`, `{`, or the `(` that opens a string interpolation.
    case bracket(UInt8, interpolation: Bool)
    /// A string literal: its `#` count and whether it is multi-line.
    case string(hashes: Int, multiline: Bool)
  }

  /// The first bracket nested deeper than `limit`, or a `[` deeper than `squareLimit`, outside
  /// strings and comments (inside interpolations too), or nil.
  public static func firstTooDeep(in lines: [String]) -> TooDeep? {
    var stack: [Frame] = []
    var depth = 0
    var squares = 0
    var blockComments = 0
    let quote = UInt8(ascii: "\"")
    let hash = UInt8(ascii: "#")
    let backslash = UInt8(ascii: "\\")
    for (lineIndex, line) in lines.enumerated() {
      let bytes = Array(line.utf8)
      func run(of byte: UInt8, from start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] == byte { end += 1 }
        return end - start
      }
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if case .string(let hashes, let multiline)? = stack.last {
          if byte == backslash, run(of: hash, from: index + 1) >= hashes {
            let after = index + 1 + hashes
            if after < bytes.count && bytes[after] == UInt8(ascii: "(") {
              stack.append(.bracket(UInt8(ascii: "("), interpolation: true))
              depth += 1
              if depth > limit {
                return TooDeep(line: lineIndex + 1, column: after + 1, isSquare: false)
              }
            }
            index = after + 1
            continue
          }
          let quotes = multiline ? 3 : 1
          if byte == quote, run(of: quote, from: index) >= quotes,
            run(of: hash, from: index + quotes) >= hashes
          {
            stack.removeLast()
            index += quotes + hashes
            continue
          }
          index += 1
          continue
        }
        if blockComments > 0 {
          if byte == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
            blockComments -= 1
            index += 1
          } else if byte == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
            blockComments += 1
            index += 1
          }
          index += 1
          continue
        }
        switch byte {
        case hash, quote:
          let hashes = run(of: hash, from: index)
          let quotes = run(of: quote, from: index + hashes)
          if quotes == 0 {
            index += hashes
            continue
          }
          if quotes >= 3 {
            stack.append(.string(hashes: hashes, multiline: true))
            index += hashes + 3
          } else if quotes == 2 && run(of: hash, from: index + hashes + 2) >= hashes {
            index += hashes + 2 + hashes  // an empty string
          } else {
            stack.append(.string(hashes: hashes, multiline: false))
            index += hashes + 1
          }
          continue
        case UInt8(ascii: "/") where next == UInt8(ascii: "/"): index = bytes.count
        case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
          blockComments += 1
          index += 1
        case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
          stack.append(.bracket(byte, interpolation: false))
          depth += 1
          if byte == UInt8(ascii: "[") { squares += 1 }
          if depth > limit || squares > squareLimit {
            return TooDeep(
              line: lineIndex + 1, column: index + 1, isSquare: depth <= limit)
          }
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
          if case .bracket(let opener, _)? = stack.last {
            stack.removeLast()
            depth -= 1
            if opener == UInt8(ascii: "[") { squares -= 1 }
          }
        default: break
        }
        index += 1
      }
      // A one-line string ends with its line (an unterminated one is the parser's error).
      if case .string(_, multiline: false)? = stack.last { stack.removeLast() }
    }
    return nil
  }
}

/// Control characters in a cell's source, found before swift-syntax sees it: a form feed
/// before `=` (found by fuzzing) traps swift-syntax 603.0.1 while it builds parse diagnostics,
/// as U+FFFD does.
enum ControlCharacters {
  /// The 1-based line, UTF-8 column and value of the first control character other than tab,
  /// or nil.
  static func first(in lines: [String]) -> (line: Int, column: Int, scalar: Unicode.Scalar)? {
    for (lineIndex, line) in lines.enumerated() {
      var column = 1
      for scalar in line.unicodeScalars {
        if scalar != "\t" && scalar != "\r" && (scalar.value < 0x20 || scalar.value == 0x7F) {
          return (lineIndex + 1, column, scalar)
        }
        column += String(scalar).utf8.count
      }
    }
    return nil
  }
}
