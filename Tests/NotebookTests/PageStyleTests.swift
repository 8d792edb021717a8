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

  func testNumbersInTablesAreKeptWholeAndTablesScrollInstead() throws {
    // on a 360 px phone, -0.123456 or 1.5e-05 in a wide table broke after its minus sign
    let rules = try Self.rules(PageTemplate.stylesheet)
    XCTAssertEqual(Self.value("white-space", of: ".nb-table td.num", in: rules), "nowrap")
    XCTAssertEqual(Self.value("text-align", of: ".nb-table .num", in: rules), "right")
    XCTAssertEqual(Self.value("overflow-x", of: ".nb-table-wrap", in: rules), "auto")
    // paper does not scroll: there a number may break rather than be cut at the page's edge
    XCTAssertEqual(
      Self.value("white-space", of: ".nb-table td.num", in: rules, media: "print"), "normal")
    XCTAssertEqual(
      Self.value("overflow-wrap", of: ".nb-table td.num", in: rules, media: "print"), "anywhere")
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
    // Three rows at least on either side of a break; the foot is not repeated on every page.
    // Neither the first row's break-before nor the last row's break-after is avoided: that
    // would pass up to the cell and hold the paragraph after a short table to it.
    for rule in rules where rule.media == "print" {
      for selector in rule.selectors where selector.hasPrefix("tbody tr") {
        if rule.declarations["break-after"] == "avoid" {
          XCTAssertTrue(selector.hasSuffix(":not(:last-child)"), selector)
        }
        if rule.declarations["break-before"] == "avoid" {
          XCTAssertTrue(selector.hasSuffix(":not(:first-child)"), selector)
        }
      }
    }
    XCTAssertEqual(
      Self.value(
        "break-after", of: "tbody tr:nth-child(-n+2):not(:last-child)", in: rules,
        media: "print"),
      "avoid")
    XCTAssertEqual(
      Self.value(
        "break-before", of: "tbody tr:nth-last-child(-n+2):not(:first-child)", in: rules,
        media: "print"),
      "avoid")
    XCTAssertEqual(
      Self.value("display", of: "tfoot", in: rules, media: "print"), "table-row-group")
    // The code's last lines stay with its result; two lines at least on either side of a
    // break inside code (four and three left up to 85 mm empty at a page's foot).
    XCTAssertEqual(Self.value("break-after", of: ".nb-code", in: rules, media: "print"), "avoid")
    XCTAssertEqual(Self.value("widows", of: "pre", in: rules, media: "print"), "2")
    XCTAssertEqual(Self.value("orphans", of: "pre", in: rules, media: "print"), "2")
    // A solution's badge stays with its cell.
    XCTAssertEqual(
      Self.value("break-after", of: ".nb-badge", in: rules, media: "print"), "avoid")
  }

  func testChartsScrollOnPhonesAtWidthsThatKeepTheirTextAtNinePixels() throws {
    let rules = try Self.rules(PageTemplate.stylesheet)
    let v = try XCTUnwrap(
      Self.value("min-width", of: ".nb-chart > svg", in: rules, media: "(max-width: 600px)"))
    let width = try XCTUnwrap(Double(v.replacingOccurrences(of: "rem", with: ""))) * 16
    // Charts are up to 640 units wide, with 12-unit text.
    XCTAssertGreaterThanOrEqual(12 * width / 640, 9)
    // Print lifts the minimum.
    XCTAssertEqual(Self.value("min-width", of: ".nb-chart > svg", in: rules, media: "print"), "0")
    // Charts side by side do not scroll: they wrap instead (below).
    XCTAssertNil(Self.value("min-width", of: ".nbc-cell > svg", in: rules))
  }

  /// Whether a row of charts `widths` wide (SVG units) wraps in a box `available` px wide,
  /// by the flexbox line-breaking rule: items share a line while their flex bases fit.
  private static func wraps(_ widths: [Double], fit: Double, in available: Double) -> Bool {
    widths.map { $0 * fit }.reduce(0, +) > available
  }

  /// The factor n of a `calc(n * var(--nbc-w))` flex basis.
  private static func basisFactor(_ value: String?) throws -> Double {
    let v = try XCTUnwrap(value)
    XCTAssertTrue(v.hasPrefix("calc(") && v.hasSuffix(" * var(--nbc-w))"), v)
    return try XCTUnwrap(Double(v.dropFirst(5).prefix { $0 != " " }))
  }

  func testChartsSideBySideStackOnAPhoneAndShareARowOnATabletAndOnPaper() throws {
    let rules = try Self.rules(PageTemplate.stylesheet)
    XCTAssertEqual(Self.value("display", of: ".nbc-row", in: rules), "flex")
    XCTAssertEqual(Self.value("flex-wrap", of: ".nbc-row", in: rules), "wrap")
    // Each chart grows in proportion to its width (its flex-grow is the width, set with
    // --nbc-w in the page; ChartRowTests) and never beyond it.
    XCTAssertEqual(Self.value("max-width", of: ".nbc-cell", in: rules), "var(--nbc-w)")
    XCTAssertEqual(Self.value("flex-shrink", of: ".nbc-cell", in: rules), "1")
    // Never below three quarters of its size on screen (a narrower box scrolls); any width
    // on paper.
    XCTAssertEqual(
      Self.value("min-width", of: ".nbc-cell", in: rules), "calc(0.75 * var(--nbc-w))")
    XCTAssertEqual(Self.value("min-width", of: ".nbc-cell", in: rules, media: "print"), "0")
    XCTAssertNil(Self.value("flex-grow", of: ".nbc-cell", in: rules), "the page's own")
    XCTAssertNil(Self.value("flex", of: ".nbc-cell", in: rules), "the page's flex-grow")
    XCTAssertEqual(Self.value("width", of: ".nbc-cell > svg", in: rules), "100%")
    XCTAssertEqual(Self.value("flex-basis", of: ".nbc-break", in: rules), "100%")
    let screenFit = try Self.basisFactor(Self.value("flex-basis", of: ".nbc-cell", in: rules))
    let printFit = try Self.basisFactor(
      Self.value("flex-basis", of: ".nbc-cell", in: rules, media: "print"))
    // Side by side on screen only while each chart keeps its 12-unit text at 9 px or more.
    XCTAssertEqual(12 * screenFit, 9, accuracy: 1e-9)
    // A full row of two, like the exam key's maps: 420 units each. Text columns (px): a
    // 360 px phone (page padding 0.9rem, cell rule 3 px and padding 0.6em of 16 px) 318.6;
    // a 768 px tablet (padding 1.5rem, rule 3 px, padding 0.9em of 17 px) 701.7; Letter
    // paper (216 mm less 2 × 16 mm margins, rule and padding of 11 pt type) about 677.
    let pair = [420.0, 420.0]
    let phone = 360 - 2 * 14.4 - 3 - 9.6
    XCTAssertTrue(Self.wraps(pair, fit: screenFit, in: phone))
    XCTAssertLessThanOrEqual(420 * screenFit, phone, "stacked, each fits without scrolling")
    XCTAssertFalse(Self.wraps(pair, fit: screenFit, in: 768 - 2 * 24 - 3 - 15.3))
    XCTAssertFalse(Self.wraps(pair, fit: printFit, in: (216 - 32) / 25.4 * 96 - 3 - 13.2))
    // On paper any row SideBySide draws (840 units at most) fits a column of 420 px.
    XCTAssertFalse(Self.wraps([840], fit: printFit, in: 420))
    // Wide screens give a row room beyond the text column, up to its own width.
    XCTAssertEqual(
      Self.value("width", of: ".nbc-row", in: rules, media: "screen and (min-width: 56rem)"),
      "var(--nbc-w)")
    // The Nu checker fails on calc() with var() first ("this.val1 is null"), and CI runs it.
    for rule in rules {
      for (_, value) in rule.declarations {
        XCTAssertNil(value.range(of: "calc(var("), "\(rule.selectors): \(value)")
      }
    }
  }

  func testOnPaperChartsAreAtMost80MillimetresTallAndTheContentsTakeTwoColumns() throws {
    let rules = try Self.rules(PageTemplate.stylesheet)
    // The limit comes with each chart (OutcomeHTML.printHeightStyle); none on screen.
    XCTAssertEqual(
      Self.value("max-height", of: ".nb-chart > svg", in: rules, media: "print"),
      "var(--nbc-print-height, none)")
    XCTAssertNil(Self.value("max-height", of: ".nb-chart > svg", in: rules))
    // Width from the height, so the chart keeps its shape rather than being letterboxed.
    XCTAssertEqual(Self.value("width", of: ".nb-chart > svg", in: rules, media: "print"), "auto")
    XCTAssertEqual(Self.value("columns", of: ".nb-toc > ul", in: rules, media: "print"), "2")
    XCTAssertEqual(
      Self.value("break-inside", of: ".nb-toc li", in: rules, media: "print"), "avoid")
    XCTAssertNil(Self.value("columns", of: ".nb-toc > ul", in: rules))
  }
}
