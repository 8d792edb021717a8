/// HTML escaping for text the tool puts into a page.
public enum HTML {
  /// Escapes `&`, `<`, `>`, `"` and `'`, so that `text` is safe as element content and as a
  /// quoted attribute value.
  public static func escape<S: StringProtocol>(_ text: S) -> String {
    var result = ""
    escape(text, into: &result)
    return result
  }

  /// Appends `text`, escaped, to `output`.
  public static func escape<S: StringProtocol>(_ text: S, into output: inout String) {
    let utf8 = text.utf8
    var runStart = utf8.startIndex
    var index = runStart
    while index != utf8.endIndex {
      let replacement: String?
      switch utf8[index] {
      case UInt8(ascii: "&"): replacement = "&amp;"
      case UInt8(ascii: "<"): replacement = "&lt;"
      case UInt8(ascii: ">"): replacement = "&gt;"
      case UInt8(ascii: "\""): replacement = "&quot;"
      case UInt8(ascii: "'"): replacement = "&#39;"
      default: replacement = nil
      }
      if let replacement {
        output += text[runStart..<index]
        output += replacement
        runStart = utf8.index(after: index)
      }
      index = utf8.index(after: index)
    }
    output += text[runStart..<utf8.endIndex]
  }
}
