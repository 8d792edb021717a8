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

  /// `html` with every character a page may not hold made visible: C0 control characters
  /// (other than tab, line feed and carriage return) and DEL become their Control Pictures
  /// (U+2400 to U+2421: `␀`, `␛`), C1 controls and noncharacters become U+FFFD.
  ///
  /// HTML parsers report all of them as errors and XML forbids most; values can hold them
  /// (`print("\u{1B}[31m")`, a front matter title with a YAML `\0`), and a chart or formula
  /// may pass them through, so the page as a whole goes through this last.
  public static func showingControlCharacters(_ html: String) -> String {
    guard needsControlCharacterPass(html) else { return html }
    var result = String.UnicodeScalarView()
    for scalar in html.unicodeScalars {
      let value = scalar.value
      if value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D {
        result.append(Unicode.Scalar(0x2400 + value)!)
      } else if value == 0x7F {
        result.append("\u{2421}")
      } else if (0x80...0x9F).contains(value) || (0xFDD0...0xFDEF).contains(value)
        || value & 0xFFFE == 0xFFFE
      {
        result.append("\u{FFFD}")
      } else {
        result.append(scalar)
      }
    }
    return String(result)
  }

  /// Whether `html` may hold a character ``showingControlCharacters(_:)`` changes (a quick
  /// look at the UTF-8 bytes; most pages hold none).
  private static func needsControlCharacterPass(_ html: String) -> Bool {
    var utf8 = html.utf8.makeIterator()
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    while let byte = utf8.next() {
      switch byte {
      case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: return true
      // U+0080...U+009F: C2 80...C2 9F.
      case 0x80...0x9F where previous == 0xC2: return true
      // U+FDD0...U+FDEF: EF B7 90...EF B7 AF.
      case 0x90...0xAF where previous == 0xB7 && beforePrevious == 0xEF: return true
      // U+xFFFE and U+xFFFF in every plane: ... BF BE / BF BF.
      case 0xBE,
        0xBF where previous == 0xBF && beforePrevious >= 0x8F:
        return true
      default: break
      }
      beforePrevious = previous
      previous = byte
    }
    return false
  }
}
