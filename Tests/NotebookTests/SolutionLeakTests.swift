import Evaluator
import Foundation
import XCTest

@testable import Notebook

/// The student edition warns where question prose would print a solution's value.
final class SolutionLeakTests: XCTestCase {
  private func studentDiagnostics(_ text: String) -> [Diagnostic] {
    let notebook = Notebook(source: SourceText(text: text, name: "lab.md"), typesetter: nil)
    return NotebookRenderer(options: RenderOptions(edition: .student)).render(notebook)
      .diagnostics
  }

  private let notebook = """
    ```swift
    let given = 10
    ```

    ```swift
    //| solution: true
    let (low, high) = (given - 1, given + 1)
    func answer() -> Int { high * 2 }
    ```

    Question prose: given is `{swift} given`, the answer is `{swift} answer() + low`.

    <div class="solution">

    Solution prose may show it: `{swift} high`.

    </div>

    ```swift
    let high = 0
    ```

    After a given cell declares `high` again: `{swift} high`; members are not names: `{swift} given.description`.
    """

  func testInlineValueOfASolutionNameInQuestionProseIsWarned() throws {
    let warnings = studentDiagnostics(notebook).filter { $0.message.contains("inline value") }
    // Only the second span of line 11: the solution prose (line 15) and the spans after
    // the redeclaration (line 23) show no answer.
    XCTAssertEqual(warnings.count, 1, "\(warnings)")
    let warning = try XCTUnwrap(warnings.first)
    XCTAssertEqual(warning.severity, .warning)
    XCTAssertEqual(warning.location.line, 11)
    // "Question prose: given is `{swift} given`, the answer is `{swift} " is 65 bytes.
    XCTAssertEqual(warning.location.column, 66)
    XCTAssertTrue(warning.message.contains("'answer', 'low'"), warning.message)
    XCTAssertTrue(warning.message.contains("<div class=\"solution\">"), warning.message)
  }

  func testTheKeyDoesNotWarn() {
    let notebook = Notebook(
      source: SourceText(text: self.notebook, name: "lab.md"), typesetter: nil)
    let page = NotebookRenderer(options: RenderOptions(edition: .key)).render(notebook)
    XCTAssertTrue(page.diagnostics.isEmpty, "\(page.diagnostics)")
  }

  func testCellsInsideSolutionProseCountAsSolutions() {
    let text = """
      <div class="solution">

      ```swift
      let secret = 42
      ```

      </div>

      The answer is `{swift} secret`.
      """
    let warnings = studentDiagnostics(text).filter { $0.message.contains("inline value") }
    XCTAssertEqual(warnings.map(\.location.line), [9])
    XCTAssertTrue(warnings.first?.message.contains("'secret'") ?? false)
  }

  func testDeclaredAndReferencedNames() {
    XCTAssertEqual(
      SolutionLeaks.declaredNames(
        in:
          "let a = 1, (b, c) = (2, 3)\nvar d: Int = 4\nfunc f() {}\nstruct S {}\nenum E {}\nprint(a)"
      ),
      ["a", "b", "c", "d", "f", "S", "E"])
    XCTAssertEqual(
      SolutionLeaks.referencedNames(in: "String(format: \"%.2f\", x.y + f(z).w)"),
      ["String", "x", "f", "z"])
  }
}

extension SolutionLeakTests {
  /// A reference to a solution cell from solution prose is left out with the prose: no warning.
  func testReferencesInsideSolutionProseAreNotWarned() {
    let text = """
      ```swift
      //| label: fig-answer
      //| solution: true
      LineChart([1.0, 2.0])
      ```

      <div class="solution">

      As @fig-answer shows.

      </div>

      Outside, @fig-answer is text.
      """
    let references = studentDiagnostics(text).filter { $0.message.contains("fig-answer") }
    XCTAssertEqual(references.map(\.location.line), [13], "\(references)")
  }
}
