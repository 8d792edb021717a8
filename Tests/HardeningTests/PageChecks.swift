import Evaluator
import Foundation
import Notebook

/// What is wrong with a page, or nil when it is well-formed XML (every `<svg>` and `<math>`
/// subtree included) and carries nothing executable: no `<script>` element, no `on…` event
/// attribute, no `javascript:` URL. These are the checks a hostile string that escaped its
/// escaping would fail.
func pageProblem(_ html: String) -> String? {
  let xml = StrictXML(html)
  if let error = xml.error { return "the page is not well-formed: \(error)" }
  if let executable = xml.executable { return "the page has \(executable)" }
  return nil
}

/// The page's text content, as a reader sees it (tags removed, entities decoded).
func pageText(_ html: String) -> String { StrictXML(html).text }

/// The first diagnostic that does not point inside the notebook, if any.
func unlocatedDiagnostic(in page: RenderedPage, lineCount: Int) -> Diagnostic? {
  page.diagnostics.first { diagnostic in
    diagnostic.location.line < 1 || diagnostic.location.line > max(lineCount, 1) + 1
      || diagnostic.location.column < 1
  }
}
