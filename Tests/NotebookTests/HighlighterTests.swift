import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class HighlighterTests: XCTestCase {
  /// The (class, text) pairs of the highlighted spans.
  func spans(_ source: String) throws -> [(String, String)] {
    let xml = try XMLDocument(
      xmlString: "<pre>" + SwiftHighlighter.html(for: source) + "</pre>",
      options: [.nodePreserveWhitespace])
    return xml.all("//span").map { node in
      (
        (node as? XMLElement)?.attribute(forName: "class")?.stringValue ?? "",
        node.stringValue ?? ""
      )
    }
  }

  func testTokensAreClassifiedBySyntax() throws {
    let source = """
      // loss of one step
      struct Step { var rate: Double }
      func train(_ net: Sequential, epochs: Int = 3) -> [Double] {
        let history = fit(net, data, epochs: epochs)
        if history.isEmpty { return [] }
        return history.map { $0 * 0.5 } + [Tensor.randn([2], seed: 42).item, nil ?? 1e-3]
      }
      print("rate \\(1) is #1", true)
      """
    let found = try spans(source)
    func classes(of text: String) -> [String] { found.filter { $0.1 == text }.map(\.0) }
    XCTAssertEqual(classes(of: "// loss of one step"), ["hl-com"])
    XCTAssertEqual(classes(of: "struct"), ["hl-kw"])
    XCTAssertEqual(classes(of: "Step"), ["hl-type"])
    XCTAssertEqual(classes(of: "Double"), ["hl-type", "hl-type"])
    XCTAssertEqual(classes(of: "func"), ["hl-kw"])
    XCTAssertEqual(classes(of: "train"), ["hl-decl"])
    XCTAssertEqual(classes(of: "Sequential"), ["hl-type"])
    XCTAssertEqual(classes(of: "Int"), ["hl-type"])
    XCTAssertEqual(classes(of: "3"), ["hl-num"])
    XCTAssertEqual(classes(of: "fit"), ["hl-call"])
    XCTAssertEqual(classes(of: "map"), ["hl-call"])
    XCTAssertEqual(classes(of: "randn"), ["hl-call"])
    XCTAssertEqual(classes(of: "Tensor"), ["hl-type"])
    XCTAssertEqual(classes(of: "print"), ["hl-call"])
    XCTAssertEqual(classes(of: "0.5"), ["hl-num"])
    XCTAssertEqual(classes(of: "1e-3"), ["hl-num"])
    XCTAssertEqual(classes(of: "true"), ["hl-lit"])
    XCTAssertEqual(classes(of: "nil"), ["hl-lit"])
    XCTAssertEqual(classes(of: "rate "), ["hl-str"])
    XCTAssertEqual(classes(of: " is #1"), ["hl-str"], "a # inside a string is not a comment")
    // Plain names, properties and operators are not wrapped.
    XCTAssertEqual(classes(of: "history"), [])
    XCTAssertEqual(classes(of: "isEmpty"), [])
    XCTAssertEqual(classes(of: "item"), [])
  }

  func testHighlightingKeepsTheSourceExactly() throws {
    let sources = [
      "let s = \"<script>alert('x')</script>\" // </pre>\n/* & */ let t = #\"raw \\(x)\"#\n",
      "  indented\n\n\ttabs & spaces ",
      "let broken = (((( \"unterminated",
      "l \u{FFFD}= ",  // crashed swift-syntax's diagnostics in 603.0.1; highlighting must not
      "",
    ]
    for source in sources {
      let html = SwiftHighlighter.html(for: source)
      let xml = try XMLDocument(
        xmlString: "<pre>" + html + "</pre>", options: [.nodePreserveWhitespace])
      XCTAssertEqual(xml.rootElement()?.stringValue, source)
      XCTAssertFalse(html.contains("<script"))
    }
  }
}
