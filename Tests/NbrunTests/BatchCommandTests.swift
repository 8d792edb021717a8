import Foundation
import TestSupport
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// `nbrun a.md b.md --output-dir DIR`: parallel pages, progress lines, index, exit status.
final class BatchCommandTests: XCTestCase {
  var folder: ScratchFolder!
  var scratch: URL { folder.url }

  override func setUpWithError() throws {
    folder = try ScratchFolder(prefix: "nbrun-batch")
  }

  override func tearDownWithError() throws {
    folder.remove()
  }

  /// Runs the built `nbrun` in the scratch folder.
  func nbrun(_ arguments: [String]) throws -> ProcessResult {
    try NbrunProcess.run(arguments, in: scratch)
  }

  func write(_ text: String, to name: String) throws {
    try folder.write(text, to: name)
  }

  func read(_ path: String) throws -> Data {
    try folder.read(path)
  }

  func testBatchWritesPagesProgressAndASortedIndex() throws {
    try write("---\ntitle: Zebra exam\n---\n```swift\nexpect(6 * 7, 42)\n```\n", to: "z.md")
    try write("# Alpha quiz\n\n```swift\nexpect(1 + 1, 3)\n```\n", to: "a.md")
    try write("No heading here.\n", to: "m.md")
    let result = try nbrun(["z.md", "a.md", "m.md", "--output-dir", "out"])
    XCTAssertEqual(result.status, 1, "a failing notebook makes the exit status 1")
    let lines = result.stderr.split(separator: "\n").map(String.init)
    let progress = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("FAIL ") }
    XCTAssertEqual(progress.count, 3, result.stderr)
    XCTAssertTrue(
      progress.contains { $0.hasPrefix("ok   z.md \u{2192} out/z.html (") }, result.stderr)
    XCTAssertTrue(
      progress.contains { $0.hasPrefix("FAIL a.md \u{2192} out/a.html (") }, result.stderr)
    XCTAssertTrue(
      result.stderr.contains("a.md:4:1: error: expectation failed: got 2, expected 3"),
      result.stderr)
    // The failing notebook's page is still written, and so are the others.
    for page in ["a.html", "m.html", "z.html"] {
      XCTAssertTrue(try read("out/" + page).starts(with: Data("<!DOCTYPE html>".utf8)))
    }
    let index = try XMLDocument(data: try read("out/index.html"))
    let links = try index.nodes(forXPath: "//ul[@class='nb-index']/li/a")
    XCTAssertEqual(links.map { $0.stringValue ?? "" }, ["Alpha quiz", "m", "Zebra exam"])
    XCTAssertEqual(
      links.compactMap { ($0 as? XMLElement)?.attribute(forName: "href")?.stringValue },
      ["a.html", "m.html", "z.html"])
    XCTAssertEqual(try index.nodes(forXPath: "//strong[@class='nb-index-failed']").count, 1)

    // The same notebooks in another order give the same bytes, pages and index alike.
    let again = try nbrun(["m.md", "a.md", "z.md", "--output-dir", "again"])
    XCTAssertEqual(again.status, 1)
    for page in ["a.html", "m.html", "z.html", "index.html"] {
      XCTAssertEqual(try read("out/" + page), try read("again/" + page), page)
    }
    // And a single notebook renders to the same page as in the batch.
    XCTAssertEqual(try nbrun(["z.md", "-o", "single.html"]).status, 0)
    XCTAssertEqual(try read("single.html"), try read("out/z.html"))
  }

  func testUnreadableNotebookIsExitStatusTwoAndTheOthersStillRender() throws {
    try write("# Fine\n", to: "fine.md")
    let result = try nbrun(["fine.md", "missing.md", "--output-dir", "out"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.contains("cannot read 'missing.md'"), result.stderr)
    XCTAssertTrue(result.stderr.contains("ok   fine.md"), result.stderr)
    let index = try XMLDocument(data: try read("out/index.html"))
    XCTAssertEqual(try index.nodes(forXPath: "//li/a").map { $0.stringValue ?? "" }, ["Fine"])
  }
}
