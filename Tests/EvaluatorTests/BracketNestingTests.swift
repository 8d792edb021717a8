import Evaluator
import Foundation
import TestSupport
import XCTest

/// The bracket guard that runs before swift-syntax: too deep a nesting overflows the parser's
/// stack, and every nested `[` doubles its parse time (swift-syntax 603's inline-array
/// lookahead), so both are refused with a place before parsing.
final class BracketNestingTests: XCTestCase {
  func tooDeep(_ source: String) -> BracketNesting.TooDeep? {
    BracketNesting.firstTooDeep(
      in: source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
  }

  func squares(_ n: Int, around inner: String = "1") -> String {
    String(repeating: "[", count: n) + inner + String(repeating: "]", count: n)
  }

  func testTenSquareBracketsPassAndTheEleventhIsRefusedWhereItOpens() {
    XCTAssertNil(tooDeep("let a = " + squares(10)))
    XCTAssertEqual(
      tooDeep("let a = " + squares(11)), .init(line: 1, column: 19, isSquare: true))
    // closed levels do not count: ten deep twice in a row is fine
    XCTAssertNil(tooDeep("let a = [" + squares(9) + ", " + squares(9) + "]"))
    // other brackets between the `[`s do not reset the count
    let mixed = (0..<11).map { _ in "([" }.joined()
    XCTAssertEqual(tooDeep("f" + mixed)?.column, 23)
    XCTAssertEqual(tooDeep("f" + mixed)?.isSquare, true)
  }

  func testBracketsInStringsAndCommentsDoNotCountButInterpolationsDo() {
    let deep = squares(12)
    XCTAssertNil(tooDeep("let s = \"\(deep)\""))
    XCTAssertNil(tooDeep("// \(deep)"))
    XCTAssertNil(tooDeep("/* \(deep) */ let a = 1"))
    XCTAssertNil(tooDeep("let s = #\"\\(\(deep))\"#"), "not an interpolation in a raw string")
    XCTAssertEqual(tooDeep("let s = \"x \\(\(deep))\"")?.column, 24)
    XCTAssertEqual(tooDeep("let s = #\"x \\#(\(deep))\"#")?.column, 26)
    XCTAssertEqual(tooDeep("let s = \"\"\"\n  a \\(\(deep))\n  \"\"\"")?.line, 2)
    // an escaped quote does not end the string; an empty string is no string
    XCTAssertNil(tooDeep("let s = \"\\\"\(deep)\""))
    XCTAssertEqual(tooDeep("let s = \"\" + \(deep)")?.column, 24)
  }

  func testAllBracketsStillStopAtTheParsersLimit() {
    let parens = String(repeating: "(", count: 300)
    XCTAssertEqual(tooDeep("let a = " + parens), .init(line: 1, column: 265, isSquare: false))
    let braces = String(repeating: "{", count: 300)
    XCTAssertEqual(tooDeep(braces)?.column, 257)
  }

  /// Before the guard, 22 nested `[` took 2.75 s to parse in a release build (about 28 s in a
  /// debug build), 30 would take minutes: the cell is now refused at once, with its place.
  func testADeeplyNestedArrayIsRefusedQuickly() {
    let start = Date()
    let outcome = Session().run(
      "let a = " + squares(30), origin: SourceOrigin(file: "deep.md", line: 4))
    XCTAssertLessThan(Date().timeIntervalSince(start), TestTime.bound(5))
    XCTAssertEqual(outcome.error?.location.line, 4)
    XCTAssertEqual(outcome.error?.location.column, 19)
    XCTAssertTrue(
      outcome.error?.message.hasPrefix("square brackets nest more than 10 deep here") ?? false,
      outcome.error?.message ?? "no error")
  }

  func testARankTenTensorLiteralStillRuns() {
    let outcome = Session().run(
      "let a = " + squares(10, around: "1.5") + "\nprint(a)",
      origin: SourceOrigin(file: "deep.md", line: 1))
    XCTAssertNil(outcome.error)
    XCTAssertEqual(outcome.events, [.output(squares(10, around: "1.5") + "\n")])
  }
}
