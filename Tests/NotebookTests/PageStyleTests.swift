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
    // Results keep their frame in print; they never break (break-inside: avoid).
    XCTAssertEqual(
      Self.value("border", of: ".nb-output pre", in: rules), "1px solid var(--nb-border)")
    XCTAssertEqual(
      Self.value("break-inside", of: ".nb-output > *", in: rules, media: "print"), "avoid")
  }
}
