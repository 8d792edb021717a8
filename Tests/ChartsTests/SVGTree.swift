import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// A parsed XML element: enough of a DOM to check chart structure.
final class Element {
  let name: String
  let attributes: [String: String]
  var children: [Element] = []
  var text = ""

  init(name: String, attributes: [String: String]) {
    self.name = name
    self.attributes = attributes
  }

  subscript(_ key: String) -> String? { attributes[key] }

  /// This element and all below it, in document order.
  var all: [Element] { [self] + children.flatMap(\.all) }

  func find(_ name: String) -> [Element] { all.filter { $0.name == name } }

  func withClass(_ cls: String) -> [Element] {
    all.filter { ($0["class"] ?? "").split(separator: " ").contains(Substring(cls)) }
  }

  var allText: String { text + children.map(\.allText).joined() }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
  var stack: [Element] = []
  var root: Element?

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    let e = Element(name: elementName, attributes: attributeDict)
    stack.last?.children.append(e)
    if root == nil { root = e }
    stack.append(e)
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?
  ) {
    stack.removeLast()
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    stack.last?.text += string
  }
}

struct ParseFailure: Error, CustomStringConvertible {
  var description: String
}

/// Parses `svg` with Foundation's XMLParser; fails on anything not well-formed.
func parseSVG(_ svg: String, file: StaticString = #filePath, line: UInt = #line) throws -> Element {
  let parser = XMLParser(data: Data(svg.utf8))
  let builder = TreeBuilder()
  parser.delegate = builder
  guard parser.parse(), let root = builder.root else {
    throw ParseFailure(
      description:
        "not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "?") in \(svg.prefix(300))")
  }
  XCTAssertEqual(root.name, "svg", file: file, line: line)
  return root
}

/// The points a path visits, in absolute pixels, for the commands the charts write
/// (M, l with implicit repeats, h, v, z, and relative arcs as their end points).
func pathPoints(_ d: String) -> [[(Double, Double)]] {
  var subpaths: [[(Double, Double)]] = []
  var numbers: [Double] = []
  var command: Character = " "
  var x = 0.0
  var y = 0.0
  var startX = 0.0
  var startY = 0.0
  func flush() {
    switch command {
    case "M":
      var k = 0
      while k + 1 < numbers.count {
        x = numbers[k]
        y = numbers[k + 1]
        if k == 0 {
          subpaths.append([(x, y)])
          startX = x
          startY = y
        } else {
          subpaths[subpaths.count - 1].append((x, y))
        }
        k += 2
      }
    case "l":
      var k = 0
      while k + 1 < numbers.count {
        x += numbers[k]
        y += numbers[k + 1]
        subpaths[subpaths.count - 1].append((x, y))
        k += 2
      }
    case "h":
      for v in numbers {
        x += v
        subpaths[subpaths.count - 1].append((x, y))
      }
    case "v":
      for v in numbers {
        y += v
        subpaths[subpaths.count - 1].append((x, y))
      }
    case "a":
      var k = 0
      while k + 6 < numbers.count {
        x += numbers[k + 5]
        y += numbers[k + 6]
        subpaths[subpaths.count - 1].append((x, y))
        k += 7
      }
    case "z":
      x = startX
      y = startY
    default: break
    }
    numbers = []
  }
  var token = ""
  func endToken() {
    if !token.isEmpty, let v = Double(token) { numbers.append(v) }
    token = ""
  }
  for c in d {
    if c.isLetter {
      endToken()
      flush()
      command = c
    } else if c == "-" {
      endToken()
      token = "-"
    } else if c == " " || c == "," {
      endToken()
    } else if c == "." && token.contains(".") {
      endToken()
      token = "."
    } else {
      token.append(c)
    }
  }
  endToken()
  flush()
  return subpaths
}

/// The plot area rectangle a chart declares.
func plotArea(_ root: Element) -> (x: Double, y: Double, width: Double, height: Double)? {
  guard let r = root.withClass("nbc-area").first,
    let x = Double(r["x"] ?? ""), let y = Double(r["y"] ?? ""),
    let w = Double(r["width"] ?? ""), let h = Double(r["height"] ?? "")
  else { return nil }
  return (x, y, w, h)
}
