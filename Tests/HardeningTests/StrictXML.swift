/// A strict XML well-formedness check, written for these tests because Foundation's XML
/// parsers on Linux recover from errors (`<a><b></a>` parses) instead of reporting them.
///
/// It reads the whole page as XML 1.0: balanced and properly nested tags, quoted attributes
/// without `<`, only defined entity references, no control characters, comments without `--`,
/// and any nesting depth. While reading it collects the text and the problems a hostile string
/// would cause: a `script` element, an `on…` attribute, a `javascript:` URL.
struct StrictXML {
  /// The text content, entities decoded, as a reader of the page would see it.
  var text = ""
  /// The first well-formedness error, with its byte offset.
  var error: String?
  /// Executable content found.
  var executable: String?
  /// The most elements open at once (the root counts one).
  var maxDepth = 0
  /// The first `id` value given to two elements (HTML requires ids to be unique).
  var duplicateID: String?
  private var ids = Set<String>()

  init(_ source: String) {
    let bytes = Array(source.utf8)
    var index = 0
    var stack: [ArraySlice<UInt8>] = []
    var rootSeen = false
    func fail(_ message: String) {
      if error == nil { error = "\(message) at byte \(index)" }
    }
    func starts(_ literal: String, at position: Int) -> Bool {
      let pattern = Array(literal.utf8)
      return position + pattern.count <= bytes.count
        && Array(bytes[position..<position + pattern.count]) == pattern
    }
    func find(_ literal: String, from position: Int) -> Int? {
      let pattern = Array(literal.utf8)
      var at = position
      while at + pattern.count <= bytes.count {
        if bytes[at] == pattern[0] && Array(bytes[at..<at + pattern.count]) == pattern { return at }
        at += 1
      }
      return nil
    }
    func isNameByte(_ byte: UInt8) -> Bool {
      byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x5F || byte == 0x3A
        || byte == 0x2E
    }
    func isSpace(_ byte: UInt8) -> Bool {
      byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
    /// Decodes character data from `start` to `end`, checking references and characters.
    func decode(_ start: Int, _ end: Int, inAttribute: Bool) -> String? {
      var output: [UInt8] = []
      var at = start
      while at < end {
        let byte = bytes[at]
        if byte < 0x20 && !isSpace(byte) {
          fail("control character \(byte)")
          return nil
        }
        if byte == UInt8(ascii: "<") {
          fail("'<' in \(inAttribute ? "an attribute" : "text")")
          return nil
        }
        if byte == UInt8(ascii: "&") {
          guard let semicolon = bytes[at..<min(end, at + 12)].firstIndex(of: UInt8(ascii: ";"))
          else {
            fail("'&' that does not start a reference")
            return nil
          }
          let name = String(decoding: bytes[(at + 1)..<semicolon], as: UTF8.self)
          let named = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]
          if let value = named[name] {
            output += Array(value.utf8)
          } else if name.hasPrefix("#x"), let code = UInt32(name.dropFirst(2), radix: 16),
            let scalar = Unicode.Scalar(code)
          {
            output += Array(String(Character(scalar)).utf8)
          } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst(1)),
            let scalar = Unicode.Scalar(code)
          {
            output += Array(String(Character(scalar)).utf8)
          } else {
            fail("undefined entity &\(name);")
            return nil
          }
          at = semicolon + 1
          continue
        }
        output.append(byte)
        at += 1
      }
      return String(decoding: output, as: UTF8.self)
    }

    while index < bytes.count && error == nil {
      if bytes[index] != UInt8(ascii: "<") {
        let end = bytes[index...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.count
        guard let decoded = decode(index, end, inAttribute: false) else { break }
        if stack.isEmpty && !decoded.allSatisfy(\.isWhitespace) { fail("text outside the root") }
        text += decoded
        index = end
        continue
      }
      if starts("<!--", at: index) {
        guard let end = find("-->", from: index + 4) else {
          fail("unterminated comment")
          break
        }
        if find("--", from: index + 4).map({ $0 < end }) == true { fail("'--' inside a comment") }
        index = end + 3
      } else if starts("<![CDATA[", at: index) {
        guard let end = find("]]>", from: index + 9) else {
          fail("unterminated CDATA")
          break
        }
        text += String(decoding: bytes[(index + 9)..<end], as: UTF8.self)
        index = end + 3
      } else if starts("<!DOCTYPE", at: index) {
        guard rootSeen == false, let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else {
          fail("misplaced DOCTYPE")
          break
        }
        index = end + 1
      } else if starts("<?", at: index) {
        guard let end = find("?>", from: index + 2) else {
          fail("unterminated instruction")
          break
        }
        index = end + 2
      } else if starts("</", at: index) {
        var at = index + 2
        while at < bytes.count && isNameByte(bytes[at]) { at += 1 }
        let name = bytes[(index + 2)..<at]
        while at < bytes.count && isSpace(bytes[at]) { at += 1 }
        guard at < bytes.count, bytes[at] == UInt8(ascii: ">") else {
          fail("bad end tag")
          break
        }
        guard let open = stack.popLast(), open.elementsEqual(name) else {
          fail("end tag </\(String(decoding: name, as: UTF8.self))> does not match")
          break
        }
        index = at + 1
      } else {
        var at = index + 1
        while at < bytes.count && isNameByte(bytes[at]) { at += 1 }
        let name = bytes[(index + 1)..<at]
        if name.isEmpty {
          fail("'<' without a name")
          break
        }
        if stack.isEmpty && rootSeen {
          fail("a second root element")
          break
        }
        let lowerName = String(decoding: name, as: UTF8.self).lowercased()
        if lowerName.hasSuffix("script") { executable = "a <\(lowerName)> element" }
        var selfClosing = false
        var attributes = Set<String>()
        while error == nil {
          let before = at
          while at < bytes.count && isSpace(bytes[at]) { at += 1 }
          guard at < bytes.count else {
            fail("unterminated tag")
            break
          }
          if bytes[at] == UInt8(ascii: ">") {
            at += 1
            break
          }
          if starts("/>", at: at) {
            selfClosing = true
            at += 2
            break
          }
          if at == before {
            fail("attributes must be separated by space")
            break
          }
          let nameStart = at
          while at < bytes.count && isNameByte(bytes[at]) { at += 1 }
          let attribute = String(decoding: bytes[nameStart..<at], as: UTF8.self).lowercased()
          guard !attribute.isEmpty, at < bytes.count, bytes[at] == UInt8(ascii: "=") else {
            fail("attribute without a value")
            break
          }
          if !attributes.insert(attribute).inserted { fail("repeated attribute \(attribute)") }
          at += 1
          guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") || bytes[at] == UInt8(ascii: "'")
          else {
            fail("unquoted attribute")
            break
          }
          let quote = bytes[at]
          guard let close = bytes[(at + 1)...].firstIndex(of: quote) else {
            fail("unterminated attribute")
            break
          }
          guard let value = decode(at + 1, close, inAttribute: true) else { break }
          if attribute.hasPrefix("on") { executable = "an event attribute \(attribute)" }
          if attribute == "id", !ids.insert(value).inserted, duplicateID == nil {
            duplicateID = value
          }
          let compact = value.lowercased().filter { $0.isLetter || $0 == ":" }
          if ["href", "src", "action", "xlink:href", "formaction"].contains(attribute),
            compact.hasPrefix("javascript:")
          {
            executable = "a javascript: URL"
          }
          at = close + 1
        }
        if error != nil { break }
        rootSeen = true
        if !selfClosing {
          if lowerName == "style" || lowerName == "script" {
            let closing = "</\(lowerName)>"
            guard let end = find(closing, from: at) else {
              fail("unterminated \(lowerName)")
              break
            }
            at = end + closing.utf8.count
          } else {
            stack.append(name)
            maxDepth = max(maxDepth, stack.count)
          }
        }
        index = at
      }
    }
    if error == nil && !stack.isEmpty {
      error = "unclosed <\(String(decoding: stack.last!, as: UTF8.self))>"
    }
    if error == nil && !rootSeen { error = "no root element" }
  }
}
