import Evaluator
import XCTest

@testable import Notebook

final class OptionsTests: XCTestCase {
  func testEveryOptionIsRead() throws {
    let parsed = notebook(
      """
      ```swift
      //| echo: false
      //| output: false
      //| eval: false
      //| error: true
      //| include: false
      //| label: fig-loss
      //| fig-cap: "Loss: per epoch"
      //| solution: true
      //| timeout: 2.5
      //| code-fold: show
      let a = 1
      ```
      """)
    XCTAssertEqual(parsed.diagnostics, [])
    let options = try XCTUnwrap(parsed.cells.first).options
    XCTAssertFalse(options.echo)
    XCTAssertFalse(options.output)
    XCTAssertFalse(options.evaluate)
    XCTAssertTrue(options.allowsError)
    XCTAssertFalse(options.include)
    XCTAssertEqual(options.label, "fig-loss")
    XCTAssertEqual(options.figureCaption, "Loss: per epoch")
    XCTAssertTrue(options.isSolution)
    XCTAssertEqual(options.timeout, 2.5)
    XCTAssertEqual(options.codeFolding, .shown)
    XCTAssertEqual(parsed.cells[0].code, "let a = 1")
    XCTAssertTrue(
      parsed.cells[0].source.hasPrefix("//| echo: false\n"), "the evaluator sees every line")
  }

  func testBadOptionsWarnAtTheirLocation() {
    let parsed = notebook(
      """
      Some prose.

        ```swift
        //| evl: false
        //|   echo: maybe
        //| timeout: 0
        //| label: 9lives
        //| code-fold: sometimes
        //| nonsense
        //| mystery: 3
        let a = 1
        //| echo: false
        ```
      """, name: "exam.md")
    let messages = parsed.diagnostics.map { "\($0.location): \($0.message)" }
    XCTAssertEqual(
      messages,
      [
        "exam.md:4:7: unknown cell option 'evl'; did you mean 'eval'?",
        "exam.md:5:9: cell option 'echo' takes true or false, not 'maybe'",
        "exam.md:6:7: cell option 'timeout' takes a number of seconds from 0 to 3600, not '0'",
        "exam.md:7:7: cell option 'label' must start with a letter and use only letters, digits, '-' and '_', not '9lives'",
        "exam.md:8:7: cell option 'code-fold' takes true, false or show, not 'sometimes'",
        "exam.md:9:7: a cell option line must read '//| key: value', not '//| nonsense'",
        "exam.md:10:7: unknown cell option 'mystery'; the options are echo, output, eval, error, include, label, fig-cap, tbl-cap, solution, timeout, code-fold",
        "exam.md:12:3: cell options must come before the code; this line is an ordinary comment",
      ])
    XCTAssertTrue(parsed.diagnostics.allSatisfy { $0.severity == .warning })
    // Bad values leave the defaults in place.
    XCTAssertTrue(parsed.cells[0].options.echo)
    XCTAssertTrue(parsed.cells[0].options.evaluate)
    XCTAssertEqual(parsed.cells[0].origin, SourceOrigin(file: "exam.md", line: 4, column: 3))
  }

  func testDuplicateOptionsAndLabels() {
    let parsed = notebook(
      """
      ```swift
      //| label: a
      //| label: a
      1
      ```

      ```swift
      //| label: a
      2
      ```
      """)
    XCTAssertEqual(
      parsed.diagnostics.map(\.message),
      [
        "cell option 'label' is given twice; the last one counts",
        "label 'a' is already used by the cell at test.md:2:1; labels must be unique (this cell is shown without it)",
      ])
  }

  func testFrontMatterDefaultsApplyAndCellsOverride() {
    let parsed = notebook(
      """
      ---
      title: T
      execute:
        echo: false
        eval: false
        label: nope
        colour: red
      ---
      ```swift
      1
      ```
      ```swift
      //| echo: true
      2
      ```
      """)
    XCTAssertFalse(parsed.cells[0].options.echo)
    XCTAssertFalse(parsed.cells[0].options.evaluate)
    XCTAssertTrue(parsed.cells[1].options.echo)
    XCTAssertEqual(parsed.cells[1].options.evaluate, false)
    XCTAssertEqual(
      parsed.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" },
      [
        "6:3: 'label' belongs to a single cell, not to 'execute'",
        "7:3: unknown cell option 'colour'; the options are echo, output, eval, error, include, label, fig-cap, tbl-cap, solution, timeout, code-fold",
      ])
  }
}
