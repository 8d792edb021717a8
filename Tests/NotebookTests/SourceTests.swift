import Evaluator
import Foundation
import XCTest

@testable import Notebook

final class SourceTests: XCTestCase {
  func testInvalidUTF8IsReportedWithByteOffsetAndReplaced() {
    // "ab\n" then 0xFF at byte 3 (line 2, column 1), "c", then a truncated 2-byte sequence at 5.
    let bytes: [UInt8] = [0x61, 0x62, 0x0A, 0xFF, 0x63, 0xC3]
    let source = SourceText(data: Data(bytes), name: "bad.md")
    XCTAssertEqual(source.text, "ab\n\u{FFFD}c\u{FFFD}")
    XCTAssertEqual(source.diagnostics.count, 2)
    XCTAssertEqual(
      source.diagnostics[0].location, SourceLocation(file: "bad.md", line: 2, column: 1))
    XCTAssertTrue(
      source.diagnostics[0].message.contains("byte offset 3"), source.diagnostics[0].message)
    XCTAssertEqual(
      source.diagnostics[1].location, SourceLocation(file: "bad.md", line: 2, column: 3))
    XCTAssertTrue(source.diagnostics[1].message.contains("byte offset 5"))
    XCTAssertEqual(source.diagnostics[0].severity, .warning)
  }

  func testManyInvalidSequencesAreSummarized() {
    let source = SourceText(data: Data(repeating: 0xFF, count: 100), name: "x.md")
    XCTAssertEqual(source.text.unicodeScalars.count, 100)
    XCTAssertEqual(source.diagnostics.count, SourceText.reportedInvalidSequences + 1)
    XCTAssertTrue(source.diagnostics.last!.message.hasPrefix("95 more"))
  }

  func testLineEndingsAndByteOrderMarkAreNormalized() {
    let source = SourceText(data: Data("\u{FEFF}a\r\nb\rc\n".utf8), name: "x.md")
    XCTAssertEqual(source.text, "a\nb\nc\n")
    XCTAssertTrue(source.diagnostics.isEmpty)
  }

  func testCellPositionsSurviveCRLF() {
    let parsed = notebook("# T\r\n\r\n```swift\r\n//| bogus: 1\r\nlet a = 1\r\n```\r\n")
    XCTAssertEqual(parsed.cells.first?.origin.line, 4)
    XCTAssertEqual(parsed.cells.first?.source, "//| bogus: 1\nlet a = 1\n")
    XCTAssertEqual(parsed.diagnostics.map(\.location.line), [4])
  }
}
