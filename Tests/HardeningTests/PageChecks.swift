import Evaluator
import Foundation
import Notebook

/// What is wrong with a page, or nil when it is well-formed XML (every `<svg>` and `<math>`
/// subtree included), carries nothing executable (no `<script>` element, no `on…` event
/// attribute, no `javascript:` URL) and nests no deeper than browsers show. These are the
/// checks a hostile string that escaped its escaping, or a hostile structure, would fail.
func pageProblem(_ html: String) -> String? {
  let xml = StrictXML(html)
  if let error = xml.error { return "the page is not well-formed: \(error)" }
  if let executable = xml.executable { return "the page has \(executable)" }
  if let id = xml.duplicateID { return "the page gives two elements the id '\(id)'" }
  if xml.maxDepth > browserNestingLimit {
    return
      "the page nests \(xml.maxDepth) elements deep; browsers flatten beyond \(browserNestingLimit)"
  }
  return nil
}

/// How deep browsers nest elements: Chromium's HTML parser (and the Nu HTML checker's) puts an
/// element deeper than 512 beside its parent instead of inside it.
let browserNestingLimit = 512

/// The page's text content, as a reader sees it (tags removed, entities decoded).
func pageText(_ html: String) -> String { StrictXML(html).text }

/// The first diagnostic that does not point inside the notebook, if any.
func unlocatedDiagnostic(in page: RenderedPage, lineCount: Int) -> Diagnostic? {
  page.diagnostics.first { diagnostic in
    diagnostic.location.line < 1 || diagnostic.location.line > max(lineCount, 1) + 1
      || diagnostic.location.column < 1
  }
}

/// The lines of a notebook's bytes as SourceText counts them: LF, CRLF and a lone CR each end
/// a line.
func lineCount(of bytes: [UInt8]) -> Int {
  var count = 1
  var index = 0
  while index < bytes.count {
    if bytes[index] == 10 {
      count += 1
    } else if bytes[index] == 13 {
      count += 1
      if index + 1 < bytes.count && bytes[index + 1] == 10 { index += 1 }
    }
    index += 1
  }
  return count
}
