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
