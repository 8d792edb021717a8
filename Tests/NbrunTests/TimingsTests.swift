import Foundation
import XCTest

/// `--timings`: one stderr line per cell and inline expression, the page unchanged.
extension CommandLineTests {
  /// One parsed line of the report.
  struct TimingLine: Equatable {
    var file: String
    var line: Int
    var column: Int
    var step: String
    /// Wall and CPU seconds; nil for a cell that was not run.
    var wall: Double?
    var cpu: Double?
  }

  func parseTimings(_ stderr: String) throws -> (steps: [TimingLine], total: String) {
    let pattern = try NSRegularExpression(
      pattern:
        #"^(.+):(\d+):(\d+): note: ((?:cell|inline expression) \d+): (?:wall (\d+\.\d{4}) s, cpu (\d+\.\d{4}) s|not run \(eval: false\))$"#
    )
    var steps: [TimingLine] = []
    var totals: [String] = []
    for line in stderr.split(separator: "\n").map(String.init) {
      if line.hasPrefix("nbrun: note: ") {
        totals.append(line)
        continue
      }
      let range = NSRange(line.startIndex..., in: line)
      guard let match = pattern.firstMatch(in: line, range: range) else {
        XCTFail("not a timing line: \(line)")
        continue
      }
      func group(_ index: Int) -> String? {
        Range(match.range(at: index), in: line).map { String(line[$0]) }
      }
      steps.append(
        TimingLine(
          file: group(1)!, line: Int(group(2)!)!, column: Int(group(3)!)!, step: group(4)!,
          wall: group(5).flatMap(Double.init), cpu: group(6).flatMap(Double.init)))
    }
    XCTAssertEqual(totals.count, 1, stderr)
    return (steps, totals.first ?? "")
  }

  func testTimingsListEveryCellAndLeaveThePageAlone() throws {
    let notebook = """
      ---
      seed: 1
      ---
      # Timed

      Value `{swift} 1 + 1` here.

      ```swift
      var total = 0
      for i in 0..<200000 { total += i }
      total
      ```

      ```swift
      //| eval: false
      let never = 1
      ```

      ```swift
      let quick = 1
      ```

      Then `{swift} quick + total`.

      """
    let name = try write(notebook, to: "timed.md")
    let plain = try run([name])
    XCTAssertEqual(plain.status, 0, plain.stderr)
    XCTAssertEqual(plain.stderr, "")
    let timed = try run(["--timings", name])
    XCTAssertEqual(timed.status, 0, timed.stderr)
    XCTAssertEqual(timed.stdout, plain.stdout, "--timings must not change the page")

    let (steps, total) = try parseTimings(timed.stderr)
    // Notebook order; cells at their first code line, inline expressions at their text.
    XCTAssertEqual(
      steps.map { "\($0.file):\($0.line) \($0.step)" },
      [
        "timed.md:6 inline expression 1", "timed.md:9 cell 1", "timed.md:15 cell 2",
        "timed.md:20 cell 3", "timed.md:23 inline expression 2",
      ])
    XCTAssertEqual(steps[0].column, 16, "the column where `1 + 1` starts")
    XCTAssertEqual(steps[1].column, 1)
    XCTAssertNil(steps[2].wall, "the eval: false cell is listed but not timed")
    for step in steps where step.step != "cell 2" {
      XCTAssertNotNil(step.wall, step.step)
      XCTAssertNotNil(step.cpu, step.step)
    }
    // The loop of 200,000 iterations takes longer than `let quick = 1`.
    let loop = try XCTUnwrap(steps[1].wall)
    let quick = try XCTUnwrap(steps[3].wall)
    XCTAssertGreaterThan(loop, quick, timed.stderr)
    XCTAssertGreaterThan(try XCTUnwrap(steps[1].cpu), 0)
    XCTAssertTrue(
      total.hasPrefix("nbrun: note: timed.md: 3 cells wall "), total)
    XCTAssertTrue(total.contains(", 2 inline expressions wall "), total)
    // The cells' wall total is the sum of the listed cells, to the printed precision.
    let listed = steps.filter { $0.step.hasPrefix("cell") }.compactMap(\.wall).reduce(0, +)
    let printed = try XCTUnwrap(
      total.split(separator: " ").dropFirst(6).first.flatMap { Double($0) })
    XCTAssertEqual(printed, listed, accuracy: 0.0003, total)

    // With -o the report is the same kind, and the file is the same page.
    let written = try run(["--timings", name, "-o", "timed.html"])
    XCTAssertEqual(written.status, 0, written.stderr)
    XCTAssertEqual(try parseTimings(written.stderr).steps.count, 5)
    XCTAssertEqual(
      try Data(contentsOf: scratch.appendingPathComponent("timed.html")), plain.stdout)
  }

  func testTimingsReportAFailingCellAndKeepItsError() throws {
    let name = try write("```swift\nlet x = undefinedName\n```\n", to: "bad.md")
    let result = try run(["--timings", name])
    XCTAssertEqual(result.status, 1)
    let lines = result.stderr.split(separator: "\n").map(String.init)
    XCTAssertTrue(lines.first?.hasPrefix("bad.md:2:9: error: ") ?? false, result.stderr)
    let report = lines.drop { !$0.hasPrefix("bad.md:2:1: note: cell 1: wall ") }
    XCTAssertEqual(report.count, 2, result.stderr)
  }

  func testTimingsTakeOneNotebook() throws {
    let first = try write("# A\n", to: "a.md")
    let second = try write("# B\n", to: "b.md")
    let result = try run(["--timings", first, second, "--output-dir", "out"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.hasPrefix("nbrun: error: --timings times one notebook"))
  }
}
