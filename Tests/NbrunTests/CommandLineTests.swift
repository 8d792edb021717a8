import Evaluator
import Foundation
import TestSupport
import XCTest

/// Runs the built `nbrun` binary and checks what a user sees: output, stderr, exit status.
final class CommandLineTests: XCTestCase {
  var folder: ScratchFolder!
  var scratch: URL { folder.url }

  override func setUpWithError() throws {
    folder = try ScratchFolder(prefix: "nbrun-cli")
  }

  override func tearDownWithError() throws {
    folder.remove()
  }

  /// Runs the built `nbrun` in the scratch folder.
  @discardableResult
  func run(_ arguments: [String], stdin: Data? = nil) throws -> ProcessResult {
    try NbrunProcess.run(arguments, in: scratch, stdin: stdin)
  }

  func write(_ text: String, to name: String) throws -> String {
    try folder.write(text, to: name)
  }

  let simple = "# Hello\n\n```swift\n//| evl: false\nlet a = 1\n```\n"

  func testVersionAndHelp() throws {
    let version = try run(["--version"])
    XCTAssertEqual(version.status, 0)
    XCTAssertEqual(version.text, "nbrun 0.1.0\n")
    let help = try run(["--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.text.contains("USAGE: nbrun"))
    XCTAssertTrue(help.text.contains("--output-dir"))
  }

  func testRendersToStandardOutputWithLocatedWarnings() throws {
    let name = try write(simple, to: "simple.md")
    let result = try run([name])
    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(result.text.hasPrefix("<!DOCTYPE html>"))
    XCTAssertTrue(result.text.contains("<title>Hello</title>"))
    XCTAssertTrue(
      result.stderr.contains(
        "simple.md:4:5: warning: unknown cell option 'evl'; did you mean 'eval'?"),
      result.stderr)
    // The same input gives the same bytes.
    XCTAssertEqual(try run([name]).stdout, result.stdout)
  }

  func testReadsStandardInput() throws {
    let result = try run(["-"], stdin: Data(simple.utf8))
    XCTAssertEqual(result.status, 0)
    XCTAssertTrue(result.text.contains("<title>Hello</title>"))
    XCTAssertTrue(result.stderr.contains("<stdin>:4:5: warning:"), result.stderr)
  }

  func testUsageErrorsExitWithTwo() throws {
    for arguments in [
      [], ["a.md", "b.md"], ["a.md", "-o", "x.html", "--output-dir", "d"],
      ["-", "--output-dir", "d"], ["x/a.md", "y/a.md", "--output-dir", "d"],
    ] {
      let result = try run(arguments)
      XCTAssertEqual(result.status, 2, "\(arguments)")
      XCTAssertTrue(result.stderr.hasPrefix("nbrun: error: "), result.stderr)
      XCTAssertTrue(result.stdout.isEmpty)
    }
  }

  func testUnreadableInputsExitWithTwoAndOneLine() throws {
    try FileManager.default.createDirectory(
      at: scratch.appendingPathComponent("folder"), withIntermediateDirectories: true)
    let cases = [
      ("missing.md", "nbrun: error: cannot read 'missing.md': no such file or directory\n"),
      ("folder", "nbrun: error: cannot read 'folder': is a directory\n"),
      // Reading this file fails even for root (unlike a chmod 000 file).
      ("/proc/self/mem", "nbrun: error: cannot read '/proc/self/mem': input/output error\n"),
    ]
    for (path, message) in cases {
      let result = try run([path, "-o", "out.html"])
      XCTAssertEqual(result.status, 2, path)
      XCTAssertEqual(result.stderr, message)
      XCTAssertFalse(
        FileManager.default.fileExists(atPath: scratch.appendingPathComponent("out.html").path))
    }
  }

  func testOutputFileIsWrittenWholeOrNotAtAll() throws {
    let name = try write(simple, to: "simple.md")
    let result = try run([name, "-o", "page.html"])
    XCTAssertEqual(result.status, 0)
    let page = try Data(contentsOf: scratch.appendingPathComponent("page.html"))
    XCTAssertEqual(page, try run([name]).stdout)
    XCTAssertTrue(result.stdout.isEmpty)

    // A failed read leaves the old page alone.
    let failed = try run(["missing.md", "-o", "page.html"])
    XCTAssertEqual(failed.status, 2)
    XCTAssertEqual(try Data(contentsOf: scratch.appendingPathComponent("page.html")), page)

    // An output that cannot be written: a missing folder, or a directory in the way.
    try FileManager.default.createDirectory(
      at: scratch.appendingPathComponent("taken.html"), withIntermediateDirectories: true)
    for target in ["no/such/dir/page.html", "taken.html"] {
      let blocked = try run([name, "-o", target])
      XCTAssertEqual(blocked.status, 2, target)
      XCTAssertTrue(
        blocked.stderr.contains("nbrun: error: cannot write '\(target)': "), blocked.stderr)
      XCTAssertEqual(
        blocked.stderr.split(separator: "\n").filter { $0.contains(" error: ") }.count, 1)
    }
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter {
      $0.hasPrefix(".")
    }
    XCTAssertEqual(leftovers, [], "no temporary files are left behind")
  }

  func testOutputDirectoryGetsOnePagePerNotebook() throws {
    let first = try write("# One\n", to: "one.md")
    let second = try write("# Two\n", to: "two.md")
    let result = try run([first, second, "missing.md", "--output-dir", "out/pages"])
    XCTAssertEqual(result.status, 2, "a missing notebook fails the run, the others still render")
    for (page, title) in [("one.html", "One"), ("two.html", "Two")] {
      let text = try String(
        contentsOf: scratch.appendingPathComponent("out/pages/\(page)"), encoding: .utf8)
      XCTAssertTrue(text.contains("<title>\(title)</title>"))
    }
  }

  func testInlineResultsRunInDocumentOrder() throws {
    let name = try write(
      "```swift\nvar n = 2\n```\n\nNow `{swift} n * 10`.\n\n```swift\nn = 5\n```\n\nThen `{swift} n * 10`.\n",
      to: "inline.md")
    let result = try run([name])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(result.text.contains("Now <span class=\"nb-inline\">20</span>."), result.text)
    XCTAssertTrue(result.text.contains("Then <span class=\"nb-inline\">50</span>."))
    let failing = try write("Bad `{swift} undefinedName`.\n", to: "bad-inline.md")
    let failed = try run([failing])
    XCTAssertEqual(failed.status, 1)
    XCTAssertTrue(failed.stderr.hasPrefix("bad-inline.md:1:14: error: "), failed.stderr)
  }

  func testStudentEditionLeavesSolutionsOut() throws {
    let name = try write(
      "## Q\n\n<div class=\"solution\">\n\nHIDDEN prose\n\n</div>\n\n```swift\n//| solution: true\nlet concealedValue = 1\n```\n",
      to: "exam.md")
    let student = try run([name, "--edition", "student"])
    XCTAssertEqual(student.status, 0)
    XCTAssertFalse(student.text.contains("HIDDEN"))
    XCTAssertFalse(student.text.contains("concealedValue"))
    let key = try run([name])
    XCTAssertTrue(key.text.contains("HIDDEN prose"))
    XCTAssertEqual(try run([name, "--edition", "teacher"]).status, 2)
  }

  func testInvalidUTF8IsAWarningNotAFailure() throws {
    try Data([0x23, 0x20, 0x41, 0xFF, 0x0A]).write(to: scratch.appendingPathComponent("bad.md"))
    let result = try run(["bad.md"])
    XCTAssertEqual(result.status, 0)
    XCTAssertEqual(
      result.stderr,
      "bad.md:1:4: warning: invalid UTF-8 at byte offset 3 (1 byte); replaced by U+FFFD\n")
    XCTAssertTrue(result.text.contains("<title>A\u{FFFD}</title>"))
  }

  func testFailingCellExitsWithOneAndExpectedFailureWithZero() throws {
    let failing = try write(
      "```swift\nundefinedName + 1\n```\n\n```swift\n1 + 1\n```\n", to: "fail.md")
    let result = try run([failing])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("fail.md:2:1: error: "), result.stderr)
    XCTAssertTrue(result.text.contains("nb-error"))
    let expected = try write(
      "```swift\n//| error: true\nundefinedName + 1\n```\n", to: "expected.md")
    XCTAssertEqual(try run([expected]).status, 0)
  }

  /// A notebook whose errors fill more than a pipe's buffer (64 KiB) on stderr while its page
  /// goes to stdout: every error is reported, in order, and the page holds every cell.
  func testManyFailingCellsReportEveryErrorInOrder() throws {
    let cells = (1...1_500).map { "```swift\nmissing\($0) + 1\n```\n" }
    let name = try write(cells.joined(separator: "\n"), to: "many.md")
    let result = try run([name])
    XCTAssertEqual(result.status, 1)
    XCTAssertGreaterThan(result.stderr.utf8.count, 65_536)
    let located = result.stderr.split(separator: "\n").filter { $0.contains(": error: ") }
    XCTAssertEqual(located.count, 1_500)
    XCTAssertTrue(
      located.first?.hasPrefix("many.md:2:1: error: ") ?? false, "\(located.first ?? "")")
    XCTAssertTrue(
      located.last?.hasPrefix("many.md:5998:1: error: ") ?? false, "\(located.last ?? "")")
    XCTAssertEqual(result.text.components(separatedBy: "class=\"nb-diagnostic nb-error\"").count - 1, 1_500)
  }
}
