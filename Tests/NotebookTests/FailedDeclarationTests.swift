import Evaluator
import Foundation
import XCTest

@testable import Notebook

/// An error caused by an earlier cell's failure names that cell.
final class FailedDeclarationTests: XCTestCase {
  private func errors(_ text: String) -> [Diagnostic] {
    let notebook = Notebook(source: SourceText(text: text, name: "hw.md"), typesetter: nil)
    return NotebookRenderer(options: RenderOptions()).render(notebook).diagnostics
      .filter { $0.severity == .error }
  }

  func testAMissingNameDeclaredByAFailedCellNamesThatCell() throws {
    let text = """
      ```swift
      let net = Sequential(Linear(2, 3))
      ```

      ```swift
      net.parameterCount
      ```

      Inline: `{swift} net.parameterCount`.

      ```swift
      let net = 5
      ```

      ```swift
      net + nett
      ```
      """
    let found = errors(text)
    XCTAssertEqual(found.map(\.location.line), [2, 6, 9, 16], "\(found)")
    // The missing `try` is the one to fix.
    XCTAssertEqual(found[0].message, "call can throw but is not marked with 'try'")
    let note = "'net' is declared by the cell at line 2, which failed; fix that cell first"
    for later in found[1...2] {
      XCTAssertEqual(later.message, "cannot find 'net' in scope")
      XCTAssertEqual(later.notes, [note])
    }
    // `nett` was never declared: its spelling suggestions stay, and no cell is blamed.
    XCTAssertEqual(found[3].message, "cannot find 'nett' in scope")
    XCTAssertFalse(found[3].notes.contains { $0.contains("which failed") }, "\(found[3].notes)")
    XCTAssertTrue(found[3].notes.contains { $0.hasPrefix("did you mean") }, "\(found[3].notes)")
  }

  func testTheNoteIsInThePageToo() throws {
    let text = "```swift\nlet x = [1][3]\n```\n\n```swift\nx\n```\n"
    let notebook = Notebook(source: SourceText(text: text, name: "hw.md"), typesetter: nil)
    let page = NotebookRenderer(options: RenderOptions()).render(notebook)
    // The subscript traps at run time; `x` was never bound.
    XCTAssertTrue(
      page.html.contains("&#39;x&#39; is declared by the cell at line 2, which failed")
        || page.html.contains("'x' is declared by the cell at line 2, which failed"),
      page.html)
  }

  func testMissingName() {
    XCTAssertEqual(FailedDeclarations.missingName(in: "cannot find 'net' in scope"), "net")
    XCTAssertNil(FailedDeclarations.missingName(in: "cannot find type 'Net' in scope"))
    XCTAssertNil(FailedDeclarations.missingName(in: "cannot find '' in scope"))
  }
}

extension FailedDeclarationTests {
  /// Source the cells refuse before parsing is not parsed here either (2,000 nested brackets
  /// overflowed the stack in swift-syntax's lookahead).
  func testDeeplyNestedSourceIsNotParsed() {
    let deep =
      "let a = " + String(repeating: "[", count: 2000) + String(repeating: "]", count: 2000)
    XCTAssertEqual(SolutionLeaks.declaredNames(in: deep), [])
    XCTAssertEqual(SolutionLeaks.referencedNames(in: String(repeating: "(", count: 2000)), [])
    let text = "```swift\n\(deep)\n```\n\n```swift\na\n```\n"
    let found = errors(text)
    XCTAssertEqual(found.map(\.location.line), [2, 6])
    XCTAssertFalse(found[1].notes.contains { $0.contains("which failed") })
  }
}
