/// How deep brackets nest in Swift source, checked before swift-syntax sees it.
///
/// swift-syntax's type lookahead does not count nesting, so `[[[[…` a few thousand deep
/// overflows the stack before the parser's own nesting limit applies. Cells (and the page's
/// syntax highlighting) refuse such source before parsing instead.
public enum BracketNesting {
  /// How deep `(`, `[` and `{` may nest: swift-syntax's own limit in a release build.
  public static let limit = 256

  /// The 1-based line and UTF-8 column of the first bracket nested deeper than `limit`,
  /// outside strings and comments, or nil.
  public static func firstTooDeep(in lines: [String]) -> (line: Int, column: Int)? {
    var depth = 0
    var inString = false
    var blockComments = 0
    for (lineIndex, line) in lines.enumerated() {
      let bytes = Array(line.utf8)
      var index = 0
      while index < bytes.count {
        let byte = bytes[index]
        let next = index + 1 < bytes.count ? bytes[index + 1] : 0
        if blockComments > 0 {
          if byte == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
            blockComments -= 1
            index += 1
          } else if byte == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
            blockComments += 1
            index += 1
          }
        } else if inString {
          if byte == UInt8(ascii: "\\") {
            index += 1
          } else if byte == UInt8(ascii: "\"") {
            inString = false
          }
        } else {
          switch byte {
          case UInt8(ascii: "\""): inString = true
          case UInt8(ascii: "/") where next == UInt8(ascii: "/"): index = bytes.count
          case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
            blockComments += 1
            index += 1
          case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
            depth += 1
            if depth > limit {
              return (lineIndex + 1, index + 1)
            }
          case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            depth = max(0, depth - 1)
          default: break
          }
        }
        index += 1
      }
      // A one-line string ends with its line; a multi-line string's lines hold no brackets
      // that matter here.
      if inString && !line.contains("\"\"\"") { inString = false }
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
