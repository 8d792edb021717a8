import Dispatch
import Foundation

/// Renders many notebooks at once, each in its own session, on all cores.
public struct BatchRenderer: Sendable {
  public var renderer: NotebookRenderer

  public init(renderer: NotebookRenderer = NotebookRenderer()) {
    self.renderer = renderer
  }

  /// Renders every source in parallel and returns the pages in the order of `sources`.
  ///
  /// `finished` is called once per notebook, from the thread that rendered it, as soon as its
  /// page is ready, with the notebook's index and the seconds it took; calls may overlap.
  public func render(
    _ sources: [SourceText],
    finished: @escaping @Sendable (_ index: Int, _ page: RenderedPage, _ seconds: Double) -> Void =
      {
        _, _, _ in
      }
  ) -> [RenderedPage] {
    let results = ResultSlots<RenderedPage>(count: sources.count)
    let renderer = self.renderer
    let workers = max(1, min(sources.count, ProcessInfo.processInfo.activeProcessorCount))
    let done = DispatchGroup()
    for _ in 0..<workers {
      done.enter()
      // Each worker has the main thread's stack size, so that a page renders in a batch
      // exactly as it does alone; cells still run on the session's own large-stack threads.
      let thread = Thread {
        while let index = results.claim() {
          let start = DispatchTime.now().uptimeNanoseconds
          let page = renderer.render(Notebook(source: sources[index]))
          let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
          results.set(index, page)
          finished(index, page, seconds)
        }
        done.leave()
      }
      thread.stackSize = Self.workerStackSize
      thread.start()
    }
    done.wait()
    return results.values
  }

  /// The stack of each rendering thread: 8 MiB, the usual main-thread stack on Linux.
  static let workerStackSize = 8 << 20
}

/// Slots filled from several threads, read once all are filled; `claim` hands out the next
/// index to render.
private final class ResultSlots<Value>: @unchecked Sendable {
  private var slots: [Value?]
  private var next = 0
  private let lock = NSLock()

  func claim() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < slots.count else { return nil }
    next += 1
    return next - 1
  }

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}

/// The `index.html` of a batch: a list of the pages with their titles.
public enum BatchIndex {
  /// One rendered page for the index.
  public struct Entry: Sendable, Equatable {
    /// The page's file name in the output directory (`exam.html`).
    public var page: String
    /// The notebook's title.
    public var title: String
    /// The notebook as named on the command line.
    public var notebook: String
    /// Whether a cell or inline expression failed.
    public var failed: Bool

    public init(page: String, title: String, notebook: String, failed: Bool) {
      self.page = page
      self.title = title
      self.notebook = notebook
      self.failed = failed
    }
  }

  /// The index page, entries sorted by page name so that the file does not depend on the
  /// order of the arguments or of completion.
  public static func html(_ entries: [Entry], edition: Edition = .key) -> String {
    let sorted = entries.sorted { ($0.page, $0.notebook) < ($1.page, $1.notebook) }
    let heading = edition == .student ? "Notebooks (student edition)" : "Notebooks"
    var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
    html += "<meta name=\"color-scheme\" content=\"light dark\" />\n"
    html += "<title>\(heading)</title>\n"
    html += "<style>\n\(PageTemplate.stylesheet)\(keyFeaturesStylesheet)</style>\n"
    html += "</head>\n<body>\n<main class=\"nb-page\">\n"
    html += "<header class=\"nb-header\">\n<h1 class=\"nb-title\">\(heading)</h1>\n</header>\n"
    html += "<article class=\"nb-body\">\n<ul class=\"nb-index\">\n"
    for entry in sorted {
      html += "<li><a href=\"\(HTML.escape(percentEncoded(entry.page)))\">"
      html += HTML.escape(entry.title) + "</a> <span class=\"nb-where\">"
      html += HTML.escape(entry.notebook) + "</span>"
      if entry.failed { html += " <strong class=\"nb-index-failed\">(a cell failed)</strong>" }
      html += "</li>\n"
    }
    html += "</ul>\n</article>\n</main>\n</body>\n</html>\n"
    return HTML.showingControlCharacters(html)
  }

  /// A file name as a relative URL: characters outside the unreserved set are escaped.
  static func percentEncoded(_ name: String) -> String {
    var result = ""
    for byte in name.utf8 {
      let scalar = Unicode.Scalar(byte)
      if scalar.isASCIILetter || ("0"..."9").contains(scalar)
        || "-._~".unicodeScalars.contains(scalar)
      {
        result.unicodeScalars.append(scalar)
      } else {
        result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
      }
    }
    return result
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
