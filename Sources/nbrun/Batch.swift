import Foundation
import Notebook

extension Nbrun {
  /// Renders several notebooks into `directory` in parallel, one line of progress per
  /// notebook on stderr, then writes `index.html`; returns the exit status.
  func renderBatch(into directory: String) -> Int32 {
    var status: Int32 = 0
    var sources: [SourceText] = []
    var readPaths: [String] = []
    for notebook in notebooks {
      do {
        sources.append(SourceText(data: try readFile(notebook), name: notebook))
        readPaths.append(notebook)
      } catch {
        reportError("cannot read '\(notebook)': \(describe(error))")
        FileHandle.standardError.write(Data("FAIL \(notebook)\n".utf8))
        status = 2
      }
    }
    let written = WriteLog(count: sources.count)
    let paths = readPaths
    let pages = BatchRenderer(
      renderer: NotebookRenderer(options: RenderOptions(allowsRawHTML: !safe, edition: edition))
    ).render(sources) {
      index, page, seconds in
      let notebook = paths[index]
      let target = (directory as NSString).appendingPathComponent(Self.pageName(for: notebook))
      var report = page.diagnostics.map { $0.formatted + "\n" }.joined()
      var ok = !page.hasFailedCells
      do {
        try writeAtomically(Data(page.html.utf8), to: target)
        written.succeeded(index)
      } catch {
        report += "nbrun: error: cannot write '\(target)': \(describe(error))\n"
        ok = false
      }
      report += (ok ? "ok   " : "FAIL ") + "\(notebook) \u{2192} \(target) ("
      report += String(format: "%.2f", seconds) + " s)\n"
      // One write per notebook, so that reports of notebooks finishing together do not mix.
      FileHandle.standardError.write(Data(report.utf8))
    }
    var entries: [BatchIndex.Entry] = []
    for (index, page) in pages.enumerated() {
      if !written.wasWritten(index) {
        status = 2
        continue
      }
      if page.hasFailedCells && status == 0 { status = 1 }
      entries.append(
        BatchIndex.Entry(
          page: Self.pageName(for: paths[index]), title: page.title, notebook: paths[index],
          failed: page.hasFailedCells))
    }
    if notebooks.contains(where: { Self.pageName(for: $0) == "index.html" }) {
      FileHandle.standardError.write(
        Data("nbrun: note: no index.html written: a notebook is named index.md\n".utf8))
      return status
    }
    let index = (directory as NSString).appendingPathComponent("index.html")
    do {
      try writeAtomically(
        Data(BatchIndex.html(entries, edition: edition).utf8), to: index)
    } catch {
      reportError("cannot write '\(index)': \(describe(error))")
      status = 2
    }
    return status
  }
}

/// Which pages were written, recorded from the rendering threads.
private final class WriteLog: @unchecked Sendable {
  private var written: [Bool]
  private let lock = NSLock()

  init(count: Int) { written = Array(repeating: false, count: count) }

  func succeeded(_ index: Int) {
    lock.lock()
    written[index] = true
    lock.unlock()
  }

  func wasWritten(_ index: Int) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return written[index]
  }
}
