import Foundation
import XCTest

@testable import TeXMath

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element, read back from markup with Foundation's XMLParser.
struct XMLNode: Equatable {
  var name: String
  var attributes: [String: String]
  var children: [XMLNode]
  var text: String

  /// A compact structural rendering: `mfrac(mi:a mi:b)`. Token elements print their text,
  /// `mspace` prints its width; attributes are left out (tests check them separately).
  var shape: String {
    switch name {
    case "mi", "mn", "mo", "mtext": return "\(name):\(text)"
    case "mspace": return "mspace:\(attributes["width"] ?? attributes["style"] ?? "")"
    default:
      return children.isEmpty
        ? name : "\(name)(\(children.map(\.shape).joined(separator: " ")))"
    }
  }

  /// Every element in document order, this one first.
  var all: [XMLNode] { [self] + children.flatMap(\.all) }

  func first(_ name: String) -> XMLNode? { all.first { $0.name == name } }
}

final class TreeBuilder: NSObject, XMLParserDelegate {
  var stack: [XMLNode] = []
  var root: XMLNode?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    stack.append(XMLNode(name: elementName, attributes: attributeDict, children: [], text: ""))
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    guard !stack.isEmpty else { return }
    stack[stack.count - 1].text += string
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    let node = stack.removeLast()
    if stack.isEmpty {
      root = node
    } else {
      stack[stack.count - 1].children.append(node)
    }
  }
}

/// Parses `markup` as XML; nil when it is not well-formed.
func parseXML(_ markup: String) -> XMLNode? {
  let parser = XMLParser(data: Data(markup.utf8))
  let builder = TreeBuilder()
  parser.delegate = builder
  guard parser.parse() else { return nil }
  return builder.root
}

/// The elements MathML Core output may use.
let allowedElements: Set<String> = [
  "math", "mi", "mn", "mo", "mtext", "mspace", "mrow", "mfrac", "msqrt", "mroot", "msub", "msup",
  "msubsup", "munder", "mover", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded",
  "merror", "semantics", "annotation",
]

/// Checks the envelope every rendering shares and returns the formula inside it:
/// `<math xmlns display><semantics>FORMULA<annotation encoding>source</annotation></semantics>`.
func formula(
  _ rendering: MathRendering, source: String, style: MathStyle,
  file: StaticString = #filePath, line: UInt = #line
) -> XMLNode? {
  guard let math = parseXML(rendering.markup) else {
    XCTFail("not well-formed XML: \(rendering.markup)", file: file, line: line)
    return nil
  }
  XCTAssertEqual(math.name, "math", file: file, line: line)
  XCTAssertEqual(
    math.attributes["xmlns"], "http://www.w3.org/1998/Math/MathML", file: file, line: line)
  XCTAssertEqual(
    math.attributes["display"], style == .display ? "block" : "inline", file: file, line: line)
  for element in math.all where !allowedElements.contains(element.name) {
    XCTFail("element <\(element.name)> is not MathML Core output", file: file, line: line)
  }
  guard math.children.count == 1, let semantics = math.children.first,
    semantics.name == "semantics",
    semantics.children.count == 2
  else {
    XCTFail(
      "expected <math><semantics>formula annotation</semantics></math>", file: file, line: line)
    return nil
  }
  let annotation = semantics.children[1]
  XCTAssertEqual(annotation.name, "annotation", file: file, line: line)
  XCTAssertEqual(annotation.attributes["encoding"], "application/x-tex", file: file, line: line)
  XCTAssertEqual(annotation.text, cleanedForXML(source), file: file, line: line)
  return semantics.children[0]
}

/// What XML can carry of `text`: control characters other than tab and newlines become U+FFFD.
/// XMLParser reports a carriage return as a newline, as XML requires.
func cleanedForXML(_ text: String) -> String {
  String(
    String.UnicodeScalarView(
      text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars.map { scalar in
        if scalar == "\r" { return "\n" }
        if scalar == "\t" || scalar == "\n" { return scalar }
        return scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF
          ? "\u{FFFD}" : scalar
      }))
}
