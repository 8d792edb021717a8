import Evaluator
import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Answer-key features, run through real sessions: checked answers, the student edition of
/// checks, code folding, front matter defaults, batch rendering.
final class KeyFeatureTests: XCTestCase {
  /// Runs `text` in a session and parses the page.
  func rendered(_ text: String, edition: Edition = .key, name: String = "key.md") throws -> (
    RenderedPage, XMLDocument
  ) {
    let parsed = Notebook(source: SourceText(text: text, name: name), typesetter: nil)
    let page = NotebookRenderer(options: RenderOptions(edition: edition)).render(parsed)
    return (page, try XMLDocument(data: Data(page.html.utf8)))
  }

  // MARK: Checked answers

  func testPassedChecksAreListedUnderTheCell() throws {
    let text = """
      ```swift
      let params = 4 * (32 + 64 + 1) * 64
      expect(params, 24832)
      expect(0.1 + 0.2, 0.3)
      expect(0.69031, 0.6903, tolerance: 1e-4)
      expect([1.0, 2.5], [1, 2.5])
      ```
      """
    let (page, xml) = try rendered(text)
    XCTAssertFalse(page.hasFailedCells, page.diagnostics.map(\.formatted).joined())
    XCTAssertEqual(
      xml.strings("//ul[@class='nb-checks']/li/code"),
      [
        "expect(params, 24832)", "expect(0.1 + 0.2, 0.3)",
        "expect(0.69031, 0.6903, tolerance: 1e-4)", "expect([1.0, 2.5], [1, 2.5])",
      ])
    // The computed value follows each call.
    let items = xml.strings("//ul[@class='nb-checks']/li")
    XCTAssertTrue(items[0].hasSuffix("expect(params, 24832) \u{2192} 24832"), items[0])
    XCTAssertTrue(items[1].hasSuffix("\u{2192} 0.30000000000000004"), items[1])
  }

  func testFailedCheckIsALocatedErrorAndFailsTheRun() throws {
    let text = """
      ```swift
      let params = 4 * (32 + 64 + 1) * 64
        expect(params, 25088)
      ```

      ```swift
      expect(0.6921, 0.6903, tolerance: 1e-4)
      ```

      ```swift
      expect([[1, 2], [3, 4]], [[1, 2], [3, 5]])
      ```
      """
    let (page, xml) = try rendered(text)
    XCTAssertTrue(page.hasFailedCells)
    let errors = page.diagnostics.filter { $0.severity == .error }
    XCTAssertEqual(errors.map(\.location.description), ["key.md:3:3", "key.md:7:1", "key.md:11:1"])
    XCTAssertEqual(errors[0].message, "expectation failed: got 24832, expected 25088")
    XCTAssertTrue(
      errors[1].message
        == "expectation failed: got 0.6921, expected 0.6903 ± 0.0001, off by 0.0018",
      errors[1].message)
    XCTAssertEqual(errors[2].message, "expectation failed: element [1][1]: got 4, expected 5")
    XCTAssertEqual(xml.all("//section[contains(@class, 'nb-failed')]").count, 3)
    XCTAssertEqual(xml.all("//ul[@class='nb-checks']").count, 0)
  }

  func testTensorsCompareEntryByEntry() throws {
    // loss = sum(w * w), so dloss/dw = 2w = [[1, -2]] (hand derivation).
    let text = """
      ```swift
      let w = try Tensor([[0.5, -1.0]], requiresGrad: true)
      let loss = try (w * w).sum()
      try loss.backward()
      expect(try loss.item(), 1.25)
      expect(w.grad!, [[1.0, -2.0]], tolerance: 1e-12)
      expect(w, try Tensor([[0.5, -1.0]]))
      expect(w.grad!, [[1.0, -2.5]], tolerance: 1e-6)
      ```
      """
    let (page, xml) = try rendered(text)
    XCTAssertEqual(xml.all("//ul[@class='nb-checks']/li").count, 3)
    let error = try XCTUnwrap(page.runs.first?.outcome?.error)
    XCTAssertEqual(error.location.description, "key.md:8:1")
    XCTAssertEqual(
      error.message, "expectation failed: entry [0, 1]: got -2.0, expected -2.5 ± 1e-06, off by 0.5"
    )
    let (shape, _) = try rendered("```swift\nexpect(try Tensor([[1.0, 2.0]]), [1.0, 2.0])\n```\n")
    XCTAssertEqual(
      shape.runs.first?.outcome?.error?.message,
      "expectation failed: got a tensor of shape [1, 2], expected shape [2]")
  }

  func testExpectRefusesValuesItCannotCompare() throws {
    let (page, _) = try rendered("```swift\nexpect(\"3\", 3)\n```\n")
    let message = try XCTUnwrap(page.runs.first?.outcome?.error?.message)
    XCTAssertEqual(message, "expect cannot compare a value of type 'String' with one of type 'Int'")
    let (negative, _) = try rendered("```swift\nexpect(1.0, 1.0, tolerance: -1)\n```\n")
    XCTAssertNotNil(negative.runs.first?.outcome?.error)
  }

  // MARK: Editions

  func testStudentEditionNumbersOnlyTheFiguresItShows() throws {
    let text = """
      ```swift
      //| label: fig-answer
      //| fig-cap: "The solution's plot"
      //| solution: true
      1
      ```

      ```swift
      //| label: fig-data
      //| fig-cap: "The data"
      2
      ```

      The data is in @fig-data; the answer in @fig-answer.
      """
    let (key, keyXML) = try rendered(text)
    XCTAssertEqual(
      keyXML.strings("//figcaption"), ["Figure 1: The solution's plot", "Figure 2: The data"])
    XCTAssertEqual(keyXML.strings("//a[@class='nb-ref']"), ["Figure 2", "Figure 1"])
    XCTAssertTrue(key.diagnostics.isEmpty)
    let (student, xml) = try rendered(text, edition: .student)
    XCTAssertEqual(xml.strings("//figcaption"), ["Figure 1: The data"])
    XCTAssertFalse(student.html.contains("solution's plot"))
    // No link to an anchor the page does not have.
    XCTAssertEqual(xml.strings("//a[@class='nb-ref']"), ["Figure 1"])
    XCTAssertEqual(student.diagnostics.count, 1)
    XCTAssertTrue(
      student.diagnostics[0].message.contains("is a solution, absent from the student edition"),
      student.diagnostics[0].message)
  }

  func testStudentEditionHasNoSolutionTextAtAll() throws {
    let text = """
      # Exam

      Question: what is 6 × 7?

      ```swift
      //| solution: true
      let answer = 6 * 7  // DISTINCTIVE-SOLUTION-CODE
      expect(answer, 42)
      ```

      Result: `{swift} answer`.

      <div class="solution">

      ## Worked answer

      DISTINCTIVE-SOLUTION-PROSE: multiply, giving `{swift} answer * 1`.

      </div>

      ```swift
      answer + 1
      ```
      """
    let (student, xml) = try rendered(text, edition: .student)
    XCTAssertFalse(student.hasFailedCells)
    for secret in ["DISTINCTIVE-SOLUTION", "Worked answer", "expect(", "Checked answers"] {
      XCTAssertFalse(student.html.contains(secret), secret)
    }
    // The solution cell ran: the given cell after it still sees `answer`.
    XCTAssertEqual(xml.strings("//pre[@class='nb-value']"), ["43"])
    let (key, keyXML) = try rendered(text)
    XCTAssertTrue(key.html.contains("DISTINCTIVE-SOLUTION-CODE"))
    XCTAssertTrue(key.html.contains("DISTINCTIVE-SOLUTION-PROSE"))
    XCTAssertEqual(keyXML.strings("//span[@class='nb-inline']"), ["42", "42"])
  }

  // MARK: Folding and front matter

  func testCodeFoldPutsTheCodeInDetails() throws {
    let (_, xml) = try rendered("```swift\n//| code-fold: true\nlet x = 1\nx\n```\n")
    XCTAssertEqual(xml.strings("//details[@class='nb-fold']/summary"), ["Code"])
    XCTAssertEqual(xml.strings("//details/pre[@class='nb-code']"), ["let x = 1\nx"])
    XCTAssertNil((xml.all("//details").first as? XMLElement)?.attribute(forName: "open"))
    XCTAssertEqual(xml.strings("//section/div[@class='nb-output']/pre"), ["1"])
  }

  func testFrontMatterExecuteDefaultsAndSeed() throws {
    let text = """
      ---
      seed: 7
      execute:
        echo: false
        code-fold: true
      ---
      ```swift
      try Tensor.randn([3]).sum().item()
      ```

      ```swift
      //| echo: true
      2
      ```
      """
    let (_, xml) = try rendered(text)
    XCTAssertEqual(xml.strings("//details/pre[@class='nb-code']"), ["2"])
    let values = xml.strings("//pre[@class='nb-value']")
    XCTAssertEqual(values.count, 2)
    XCTAssertEqual(values[1], "2")
    // The session's generator starts from the front matter's seed: same seed, same numbers.
    XCTAssertEqual(try rendered(text).1.strings("//pre[@class='nb-value']"), values)
    let other = try rendered(text.replacingOccurrences(of: "seed: 7", with: "seed: 8")).1
    XCTAssertNotEqual(other.strings("//pre[@class='nb-value']")[0], values[0])
  }

  func testTableCaptionNumbersATable() throws {
    let (_, xml) = try rendered(
      "```swift\n//| label: tbl-sizes\n//| tbl-cap: \"Sizes\"\n1\n```\n\nSee @tbl-sizes.\n")
    XCTAssertEqual(xml.strings("//figure/figcaption"), ["Table 1: Sizes"])
    XCTAssertEqual(xml.strings("//p/a"), ["Table 1"])
  }

  // MARK: Batch

  func testParallelBatchGivesTheSameBytesAsSerialRendering() throws {
    let sources = (0..<6).map { index in
      SourceText(
        text: """
          ---
          title: Notebook \(index)
          seed: \(index)
          ---
          ```swift
          var total = 0
          for i in 0..<20_000 { total += (i * \(index + 1)) % 7 }
          expect(total, total)
          total
          ```

          Total `{swift} total`, see @fig-x\(index).
          """, name: "n\(index).md")
    }
    let finished = Counter()
    let parallel = BatchRenderer().render(sources) { _, _, _ in finished.increment() }
    XCTAssertEqual(finished.value, sources.count)
    for (source, page) in zip(sources, parallel) {
      let serial = NotebookRenderer().render(Notebook(source: source))
      XCTAssertEqual(page.html, serial.html, source.name)
      XCTAssertEqual(page.diagnostics, serial.diagnostics, source.name)
      XCTAssertEqual(page.title, serial.title)
    }
    XCTAssertEqual(parallel.map(\.title), (0..<6).map { "Notebook \($0)" })
  }

  func testIndexListsPagesSortedWithTitles() throws {
    let entries = [
      BatchIndex.Entry(page: "b.html", title: "Second <B>", notebook: "x/b.md", failed: true),
      BatchIndex.Entry(page: "a b.html", title: "First", notebook: "a b.md", failed: false),
    ]
    let html = BatchIndex.html(entries)
    XCTAssertEqual(html, BatchIndex.html(entries.reversed()), "order of arguments does not matter")
    let xml = try XMLDocument(data: Data(html.utf8))
    XCTAssertEqual(xml.strings("//li/a"), ["First", "Second <B>"])
    XCTAssertEqual(
      xml.all("//li/a").compactMap { ($0 as? XMLElement)?.attribute(forName: "href")?.stringValue },
      ["a%20b.html", "b.html"])
    XCTAssertEqual(xml.strings("//strong[@class='nb-index-failed']").count, 1)
  }
}

/// A thread-safe count for callbacks from several threads.
private final class Counter: @unchecked Sendable {
  private var count = 0
  private let lock = NSLock()
  func increment() {
    lock.lock()
    count += 1
    lock.unlock()
  }
  var value: Int {
    lock.lock()
    defer { lock.unlock() }
    return count
  }
}
