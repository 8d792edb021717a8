import Foundation
import TestSupport
import XCTest

@testable import TeXMath

/// Finding math in Markdown. Expected results follow Pandoc's `tex_math_dollars` rules and
/// CommonMark's code spans and code blocks (spec 0.30, sections 4.4, 4.5 and 6.1).
final class MathScannerTests: XCTestCase {
  /// Each span as `style:tex`, after checking that its range covers exactly the delimiters
  /// and the TeX.
  func found(_ markdown: String, file: StaticString = #filePath, line: UInt = #line) -> [String] {
    MathScanner.spans(in: markdown).map { span in
      let whole = String(markdown[span.range])
      let delimiters: (String, String) =
        whole.hasPrefix("$$")
        ? ("$$", "$$")
        : whole.hasPrefix("$")
          ? ("$", "$") : whole.hasPrefix("\\(") ? ("\\(", "\\)") : ("\\[", "\\]")
      XCTAssertEqual(whole, delimiters.0 + span.tex + delimiters.1, file: file, line: line)
      let isDisplay = delimiters.0 == "$$" || delimiters.0 == "\\["
      XCTAssertEqual(span.style, isDisplay ? .display : .inline, file: file, line: line)
      return "\(span.style == .display ? "display" : "inline"):\(span.tex)"
    }
  }

  func testDelimiters() {
    XCTAssertEqual(found("a $x$ b"), ["inline:x"])
    XCTAssertEqual(found("a $$x^2$$ b"), ["display:x^2"])
    XCTAssertEqual(found(#"a \(x\) b \[y\] c"#), ["inline:x", "display:y"])
    XCTAssertEqual(found("$a$ and $b$, $$c$$"), ["inline:a", "inline:b", "display:c"])
    XCTAssertEqual(found(#"$\alpha$ = 0.5"#), [#"inline:\alpha"#])
  }

  func testPandocDollarRules() {
    XCTAssertEqual(found("It costs $5 and $6 today."), [], "a closing $ is not followed by a digit")
    XCTAssertEqual(found("between $ x$ and"), [], "an opening $ has no space after it")
    XCTAssertEqual(found("between $x $ and"), [], "a closing $ has no space before it")
    XCTAssertEqual(found("only $5 here"), [], "unterminated")
    XCTAssertEqual(found("$x$5 then $y$"), ["inline:x$5 then $y"], "the first valid closer ends it")
    XCTAssertEqual(found("pay $20, get $x$"), ["inline:20, get $x"])
  }

  func testEscapedDollarIsLiteral() {
    XCTAssertEqual(found(#"costs \$5, and $x$"#), ["inline:x"])
    XCTAssertEqual(found(#"\$x\$"#), [])
    XCTAssertEqual(found(#"$a \$ b$"#), [#"inline:a \$ b"#], "an escaped dollar inside math")
    XCTAssertEqual(found(#"\\$x$"#), ["inline:x"], "an escaped backslash, then math")
    XCTAssertEqual(found(#"\\(x\\)"#), [], "an escaped backslash before ( is not \\(")
  }

  func testCodeSpans() {
    XCTAssertEqual(found("`$x$` and $y$"), ["inline:y"])
    XCTAssertEqual(
      found("`` `$x$` `` and $y$"), ["inline:y"], "a double-backtick span holds single backticks")
    XCTAssertEqual(
      found("``$x$` and $y$"), ["inline:x", "inline:y"],
      "runs without a closer of their length are literal")
    XCTAssertEqual(found("```$x$``` $y$"), ["inline:y"])
    XCTAssertEqual(found(#"\`$x$`"#), ["inline:x"], "an escaped backtick opens nothing")
    XCTAssertEqual(found("`a\\`$x$"), ["inline:x"], "backslashes do not escape inside a code span")
    XCTAssertEqual(found("`code\nspanning` $y$"), ["inline:y"], "code spans run across lines")
    XCTAssertEqual(found("`open\n\n$y$`"), ["inline:y"], "but not across a blank line")
  }

  func testFencedCodeBlocks() {
    XCTAssertEqual(found("```\n$x$\n```\n$y$"), ["inline:y"])
    XCTAssertEqual(found("~~~ swift\nlet s = \"$x$\"\n~~~\n$y$"), ["inline:y"])
    XCTAssertEqual(
      found("````\n```\n$x$\n````\n$y$"), ["inline:y"], "a shorter fence does not close")
    XCTAssertEqual(found("text\n```\n$x$\n```"), [], "a fence interrupts a paragraph")
    XCTAssertEqual(found("```\n$x$\n"), [], "an unclosed fence runs to the end")
    XCTAssertEqual(
      found("1. item\n   ```\n   $x$\n   ```\n   $y$"), ["inline:y"], "a fence in a list item")
  }

  func testBlockQuotes() {
    XCTAssertEqual(found("> ```\n> $x$\n> ```\n> $y$"), ["inline:y"], "a fence inside a quote")
    XCTAssertEqual(
      found("> quoted\n>\n>     $x$ is code"), [], "an indented code block inside a quote")
    XCTAssertEqual(found("> a $x$\n> b $y$"), ["inline:x", "inline:y"])
  }

  func testIndentedCodeBlocks() {
    XCTAssertEqual(found("para\n\n    $x$\n\n$y$"), ["inline:y"])
    XCTAssertEqual(found("para\n    $x$"), ["inline:x"], "an indented line continues a paragraph")
    XCTAssertEqual(found("- item\n\n  $x$ continues the item"), ["inline:x"])
    XCTAssertEqual(found("- item\n\n      $x$ is code in the item"), [])
    XCTAssertEqual(found("\t$x$"), [], "a tab indents four columns")
  }

  func testDisplayMathSpansLines() {
    let markdown =
      "Update:\n$$\n\\begin{aligned}\nv &= \\alpha v - \\eta g \\\\\nw &= w + v\n\\end{aligned}\n$$\nDone."
    XCTAssertEqual(
      found(markdown),
      ["display:\n\\begin{aligned}\nv &= \\alpha v - \\eta g \\\\\nw &= w + v\n\\end{aligned}\n"])
    XCTAssertEqual(found("\\[\na + b\n\\]"), ["display:\na + b\n"])
    XCTAssertEqual(found("$$a\n\nb$$"), [], "math does not cross a blank line")
    XCTAssertEqual(found("$a\nb$"), ["inline:a\nb"])
  }

  func testHeadingsAreSeparateBlocks() {
    XCTAssertEqual(found("# Cost $x\nof $y$"), ["inline:y"])
    XCTAssertEqual(found("## The $\\eta$ rate"), ["inline:\\eta"])
  }

  func testRangesIndexTheScannedString() throws {
    let markdown = "Größe: $\\alpha$ — und $$β^2$$ ✓"
    let spans = MathScanner.spans(in: markdown)
    XCTAssertEqual(spans.map { String(markdown[$0.range]) }, ["$\\alpha$", "$$β^2$$"])
    XCTAssertEqual(spans.map(\.tex), ["\\alpha", "β^2"])
    let first = try XCTUnwrap(spans.first)
    XCTAssertEqual(markdown.distance(from: markdown.startIndex, to: first.range.lowerBound), 7)
  }

  func testExamParagraph() {
    let markdown = """
      1. Consider the following Neural Network with momentum ( $\\alpha$ ) = 0.5, learning rate ( $\\eta$ ) = 0.24.
      - Calculate the updated weights for  $w_5$  and  $w_6$  using backpropagation.

      ```swift
      let cost = "$5"  // not math: $x$
      ```
      Patches of  $16 \\times 16$  pixels cost $3 each.
      """
    XCTAssertEqual(
      found(markdown),
      ["inline:\\alpha", "inline:\\eta", "inline:w_5", "inline:w_6", "inline:16 \\times 16"])
  }

  /// Inputs that make a naive scanner quadratic: many openers with no closer, backtick runs
  /// of many lengths, unmatched `\(`. A quadratic scan of ten megabytes takes hours; a linear
  /// one takes a few seconds even in a debug build (measured: 1-4 s each on 2 cores).
  func testLinearTimeOnTenMegabytes() {
    let size = 10_000_000
    let patterns = [
      "$a ",  // openers without closers
      "x $",  // dollars that fail the closing rule
      "` `` ``` ",  // code spans of several lengths
      "\\( ",  // \( without \)
    ]
    for pattern in patterns {
      let markdown = String(repeating: pattern, count: size / pattern.utf8.count)
      XCTAssertLessThan(
        seconds { _ = MathScanner.spans(in: markdown) }, TestTime.bound(60),
        pattern.debugDescription)
    }
    var growing = ""
    var length = 1
    while growing.utf8.count < size {
      growing += String(repeating: "`", count: length) + " "
      length += 1
    }
    XCTAssertLessThan(
      seconds { _ = MathScanner.spans(in: growing) }, TestTime.bound(60),
      "backtick runs of growing length")
  }

  private func seconds(_ work: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }
}
