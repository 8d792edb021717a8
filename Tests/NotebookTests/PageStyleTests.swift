import Foundation
import XCTest

@testable import Notebook

/// Facts about the page's style sheet that a reader's view depends on, read from its rules
/// (selectors and declarations) rather than from its text.
final class PageStyleTests: XCTestCase {
  /// One CSS rule: the media condition it sits in ("" at the top level), its selector list,
  /// and its declarations.
  struct Rule {
    var media: String
    var selectors: [String]
    var declarations: [String: String]
  }

  /// Parses the subset of CSS the page uses: comments, rules, and `@media`/`@page` blocks
  /// one level deep.
  static func rules(_ css: String) throws -> [Rule] {
    var text = css
    while let open = text.range(of: "/*") {
      guard let close = text.range(of: "*/", range: open.upperBound..<text.endIndex) else {
        throw ParseError(message: "unclosed comment")
      }
      text.removeSubrange(open.lowerBound..<close.upperBound)
    }
    var rules: [Rule] = []
    var media: [String] = []
    var prelude = ""
    var i = text.startIndex
    while i < text.endIndex {
      let c = text[i]
      if c == "{" {
        let head = prelude.trimmingCharacters(in: .whitespacesAndNewlines)
        prelude = ""
        if head.hasPrefix("@media") {
          media.append(String(head.dropFirst(6)).trimmingCharacters(in: .whitespaces))
          i = text.index(after: i)
          continue
        }
        guard let close = text[i...].firstIndex(of: "}") else {
          throw ParseError(message: "unclosed rule \(head)")
        }
        var declarations: [String: String] = [:]
        for part in text[text.index(after: i)..<close].split(separator: ";") {
          let pair = part.split(separator: ":", maxSplits: 1)
          guard pair.count == 2 else { continue }
          declarations[pair[0].trimmingCharacters(in: .whitespacesAndNewlines)] =
            pair[1].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        rules.append(
          Rule(
            media: media.last ?? "",
            selectors: head.split(separator: ",").map {
              $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }, declarations: declarations))
        i = text.index(after: close)
        continue
      }
      if c == "}" {
        guard !media.isEmpty else { throw ParseError(message: "unbalanced }") }
        media.removeLast()
        prelude = ""
      } else {
        prelude.append(c)
      }
      i = text.index(after: i)
    }
    guard media.isEmpty else { throw ParseError(message: "unclosed @media") }
    return rules
  }

  struct ParseError: Error { var message: String }

  /// The value the last matching rule gives `property` for exactly `selector` in `media`.
  static func value(
    _ property: String, of selector: String, in rules: [Rule], media: String = ""
  ) -> String? {
    rules.last {
      $0.media == media && $0.selectors.contains(selector) && $0.declarations[property] != nil
    }?
    .declarations[property]
  }

  func testTheStyleSheetParsesIntoRules() throws {
    let rules = try Self.rules(PageTemplate.stylesheet)
    XCTAssertGreaterThan(rules.count, 80)
    XCTAssertEqual(Set(rules.map(\.media)).count, 5, Set(rules.map(\.media)).description)
  }

  func testCodeIsShadedOnScreenButNotInPrint() throws {
    // A box that breaks across pages fills the rest of the page, so shaded code that breaks
    // would leave an empty grey box down to the page's foot.
    let rules = try Self.rules(PageTemplate.stylesheet)
    XCTAssertEqual(
      Self.value("background-color", of: "pre", in: rules), "var(--nb-code-background)")
    XCTAssertEqual(
      Self.value("background-color", of: "pre", in: rules, media: "print"), "transparent")
    XCTAssertEqual(
      Self.value("background-image", of: "pre", in: rules, media: "print"), "none")
    // Printed results keep their frame; they never break (break-inside: avoid).
    XCTAssertEqual(
      Self.value("border", of: ".nb-output pre", in: rules), "1px solid var(--nb-border)")
    XCTAssertEqual(
      Self.value(
        "break-inside", of: ".nb-output > :not(.nb-table-wrap)", in: rules, media: "print"),
      "avoid")
  }

  func testInPrintResultsStayWholeExceptTablesWhichBreakBetweenRows() throws {
    let rules = try Self.rules(PageTemplate.stylesheet)
    let avoided = rules.filter { $0.media == "print" && $0.declarations["break-inside"] == "avoid" }
      .flatMap(\.selectors)
    XCTAssertTrue(avoided.contains(".nb-chart"), avoided.description)
    XCTAssertTrue(avoided.contains(".nb-output > :not(.nb-table-wrap)"), avoided.description)
    XCTAssertFalse(avoided.contains("table"), avoided.description)
    XCTAssertTrue(avoided.contains("tr"), avoided.description)
    // Two rows at least on either side of a break; the foot is not repeated on every page.
    XCTAssertEqual(
      Self.value("break-after", of: "tbody tr:nth-child(-n+2)", in: rules, media: "print"),
      "avoid")
    XCTAssertEqual(
      Self.value("break-before", of: "tbody tr:nth-last-child(-n+2)", in: rules, media: "print"),
      "avoid")
    XCTAssertEqual(
      Self.value("display", of: "tfoot", in: rules, media: "print"), "table-row-group")
    // The code's last lines stay with its result.
    XCTAssertEqual(Self.value("break-after", of: ".nb-code", in: rules, media: "print"), "avoid")
    XCTAssertEqual(Self.value("widows", of: "pre", in: rules, media: "print"), "3")
  }

  func testChartsScrollOnPhonesAtWidthsThatKeepTheirTextAtNinePixels() throws {
    let rules = try Self.rules(PageTemplate.stylesheet)
    func rem(_ selector: String) throws -> Double {
      let v = try XCTUnwrap(
        Self.value("min-width", of: selector, in: rules, media: "(max-width: 600px)"))
      return try XCTUnwrap(Double(v.replacingOccurrences(of: "rem", with: ""))) * 16
    }
    // Charts are up to 640 units wide, rows side by side up to 880 (SideBySide.rowWidth),
    // with 12-unit text.
    XCTAssertGreaterThanOrEqual(12 * (try rem(".nb-chart > svg")) / 640, 9)
    XCTAssertGreaterThanOrEqual(12 * (try rem(".nb-chart > svg.nbc-side-by-side")) / 880, 9)
    // Print lifts both minimums.
    XCTAssertEqual(
      Self.value("min-width", of: ".nb-chart > svg.nbc-side-by-side", in: rules, media: "print"),
      "0")
  }
}
