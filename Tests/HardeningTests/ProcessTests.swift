import Foundation
import Notebook
import TestSupport
import XCTest

/// `nbrun` as a process and the batch renderer as threads: whatever the cells do, the process
/// ends, with the status the cells call for, and parallel pages equal serial ones.
final class ProcessTests: XCTestCase {
  var folder: ScratchFolder!

  override func setUpWithError() throws {
    folder = try ScratchFolder(prefix: "nbrun-hardening")
  }

  override func tearDownWithError() throws {
    folder.remove()
  }

  /// A cell that overruns its time inside a library call (a long `fit` through OpenBLAS) was
  /// abandoned on its thread while the page was written, and the process once ran the
  /// libraries' teardown at exit under that thread: OpenBLAS then hung forever joining its
  /// workers, or the thread crashed in `cblas_dgemm` (exit 139; found under ThreadSanitizer).
  /// Now the `fit` stops at its next tensor once the deadline has passed: both a single page
  /// and a batch end promptly with status 1 and the time-limit error at the call.
  func testAnAbandonedLibraryCallNeitherHangsNorCrashesTheExit() throws {
    let notebook = """
      # Abandoned

      ```swift
      //| timeout: 1
      let data = try Datasets.circles(count: 400, noise: 0.1, seed: 7)
      let net = try Sequential(Linear(2, 512), ReLU(), Linear(512, 512), ReLU(), Linear(512, 2))
      let opt = try SGD(net.parameters, learningRate: 0.01)
      let history = try fit(net, data, loss: crossEntropy, optimizer: opt, epochs: 1_000_000, batchSize: 400)
      ```

      After.

      """
    for name in ["a.md", "b.md", "c.md"] {
      try folder.write(notebook, to: name)
    }
    let single = try NbrunProcess(["a.md", "-o", "a.html"], in: folder.url)
    let batch = try NbrunProcess(["b.md", "c.md", "--output-dir", "out"], in: folder.url)
    for (label, process) in [("single", single), ("batch", batch)] {
      guard let result = process.finish(within: TestTime.bound(120)) else {
        XCTFail("\(label): nbrun did not end within \(TestTime.bound(120)) s")
        continue
      }
      let stderr = result.stderr
      XCTAssertEqual(result.status, 1, "\(label): \(stderr)")
      XCTAssertTrue(
        stderr.contains(":8:19: error: the cell ran out of time"), "\(label): \(stderr)")
      XCTAssertFalse(stderr.contains("crash"), "\(label): \(stderr)")
      XCTAssertFalse(stderr.contains("BLAS"), "\(label): \(stderr)")
    }
    for page in ["a.html", "out/b.html", "out/c.html"] {
      let html = String(decoding: try folder.read(page), as: UTF8.self)
      XCTAssertNil(pageProblem(html), page)
      XCTAssertTrue(pageText(html).contains("After."), page)
    }
  }

  /// The batch renderer's threads share nothing but what they lock: a batch of corpus cases
  /// (failing cells, tensors, charts, math, hostile text) gives, in parallel, the same bytes and
  /// diagnostics as one by one. Under ThreadSanitizer this is the test that drives every layer
  /// from several threads at once.
  func testABatchOfCorpusCasesMatchesSerialRendering() throws {
    let cases = try Corpus.load().enumerated().filter { index, item in
      // Cases that wait for a time limit would only slow the batch down.
      index % 3 == 0 && !item.file.hasPrefix("limits") && !item.allowsRawHTML
        && item.edition == .key
    }.map(\.element)
    XCTAssertGreaterThan(cases.count, 100)
    let sources = cases.map { SourceText(data: $0.renderedBytes, name: "case.md") }
    let renderer = NotebookRenderer(options: RenderOptions(allowsRawHTML: false))
    let parallel = BatchRenderer(renderer: renderer).render(sources)
    for (item, (source, page)) in zip(cases, zip(sources, parallel)) {
      let serial = renderer.render(Notebook(source: source))
      XCTAssertEqual(page.html, serial.html, "\(item.file):\(item.line) \(item.name)")
      XCTAssertEqual(page.diagnostics, serial.diagnostics, "\(item.file):\(item.line) \(item.name)")
    }
  }
}

final class BatchIndexTests: XCTestCase {
  /// A front matter title may hold any character YAML can escape (`"\0"`, `"\e"`); the index
  /// page shows them as Control Pictures and stays well-formed.
  func testControlCharactersInTitlesAreShown() {
    let html = BatchIndex.html([
      BatchIndex.Entry(
        page: "a.html", title: "A\u{0}B\u{1B}C\u{85}", notebook: "a.md", failed: false)
    ])
    XCTAssertNil(pageProblem(html))
    XCTAssertTrue(pageText(html).contains("A\u{2400}B\u{241B}C\u{FFFD}"), html)
  }
}
