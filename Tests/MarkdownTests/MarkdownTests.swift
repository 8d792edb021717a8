import XCTest

@testable import Markdown

final class MarkdownTests: XCTestCase {
  func testParsesNodesWithPositions() {
    let document = MarkdownDocument(parsing: "# Title\n\nText *em*.\n\n```swift\nlet a = 1\n```\n")
    let kinds = document.allNodes().map(\.kind)
    XCTAssertEqual(
      kinds, [.document, .heading, .text, .paragraph, .text, .emphasis, .text, .text, .codeBlock])
    let code = document.nodes(of: [.codeBlock])[0]
    XCTAssertEqual(code.fenceInfo, "swift")
    XCTAssertEqual(code.literal, "let a = 1\n")
    XCTAssertEqual(code.startLine, 5)
    XCTAssertEqual(code.endLine, 7)
    XCTAssertEqual(code.startColumn, 1)
    let heading = document.nodes(of: [.heading])[0]
    XCTAssertEqual(heading.headingLevel, 1)
    XCTAssertEqual(heading.plainText, "Title")
  }

  func testPlainTextJoinsCodeSpansAndBreaks() {
    let document = MarkdownDocument(parsing: "## A `b` *c*\n")
    XCTAssertEqual(document.nodes(of: [.heading])[0].plainText, "A b c")
  }

  func testHTMLBlockIsVerbatimEvenInSafeMode() {
    let document = MarkdownDocument(parsing: "before\n\n```swift\nx\n```\n\nafter <i>raw</i>\n")
    let code = document.nodes(of: [.codeBlock])[0]
    document.replace(code, withHTMLBlock: "<div class=\"mine\">ok</div>")
    let safe = document.renderHTML(allowRawHTML: false)
    XCTAssertTrue(safe.contains("<div class=\"mine\">ok</div>"))
    XCTAssertFalse(safe.contains("<i>raw</i>"), "cmark's safe mode drops the author's raw HTML")
    XCTAssertTrue(document.renderHTML(allowRawHTML: true).contains("<i>raw</i>"))
  }

  func testInlinePiecesEscapeTextAndKeepHTML() {
    let document = MarkdownDocument(parsing: "a TOKEN b\n")
    let text = document.nodes(of: [.text])[0]
    document.replace(
      text, withInlinePieces: [.text("<x> & "), .html("<math></math>"), .text(" end")])
    XCTAssertEqual(
      document.renderHTML(allowRawHTML: false), "<p>&lt;x&gt; &amp; <math></math> end</p>\n")
  }

  func testRenderSingleNode() {
    let document = MarkdownDocument(parsing: "## Hello *there*\n\nbody\n")
    let heading = document.nodes(of: [.heading])[0]
    XCTAssertEqual(
      document.renderHTML(of: heading, allowRawHTML: false), "<h2>Hello <em>there</em></h2>\n")
  }

  func testEmptyAndNULInput() {
    XCTAssertEqual(MarkdownDocument(parsing: "").renderHTML(allowRawHTML: false), "")
    // cmark replaces NUL with U+FFFD, as CommonMark requires.
    XCTAssertEqual(
      MarkdownDocument(parsing: "a\u{0}b").renderHTML(allowRawHTML: false), "<p>a\u{FFFD}b</p>\n")
  }

  func testParagraphReplacementAndLiteral() {
    let document = MarkdownDocument(parsing: "<div>\nhi\n</div>\n\n`code`\n")
    let block = document.nodes(of: [.htmlBlock])[0]
    document.replace(block, withParagraphText: "<div>")
    let code = document.nodes(of: [.code])[0]
    document.setLiteral("changed", of: code)
    XCTAssertEqual(
      document.renderHTML(allowRawHTML: true), "<p>&lt;div&gt;</p>\n<p><code>changed</code></p>\n")
  }
}
