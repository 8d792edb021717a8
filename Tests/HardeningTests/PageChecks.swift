import Evaluator
import Foundation
import Notebook
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// What is wrong with a page, or nil when it is well-formed and carries nothing executable.
///
/// The page must parse as XML (every `<svg>` and `<math>` subtree included), hold no
/// `<script>` element, no `on…` event attribute and no `javascript:` link. These are the checks
/// a hostile string that escaped its escaping would fail.
func pageProblem(_ html: String) -> String? {
  let document: XMLDocument
  do {
    document = try XMLDocument(data: Data(html.utf8))
  } catch {
    return "the page is not well-formed XML: \(error)"
  }
  if let scripts = try? document.nodes(forXPath: "//*[local-name()='script']"), !scripts.isEmpty {
    return "the page has a <script> element"
  }
  if let handlers = try? document.nodes(forXPath: "//@*[starts-with(local-name(), 'on')]"),
    !handlers.isEmpty
  {
    return "the page has an event attribute: \(handlers[0].xmlString)"
  }
  if let links = try? document.nodes(
    forXPath:
      "//@*[starts-with(normalize-space(translate(., 'JAVSCRIPT', 'javscript')), 'javascript:')]"),
    !links.isEmpty
  {
    return "the page has a javascript: link: \(links[0].xmlString)"
  }
  for element in ["svg", "math"] {
    for node in (try? document.nodes(forXPath: "//*[local-name()='\(element)']")) ?? [] {
      guard let subtree = node as? XMLElement else { continue }
      if (try? XMLDocument(xmlString: subtree.xmlString, options: [])) == nil {
        return "an <\(element)> subtree does not parse on its own"
      }
    }
  }
  return nil
}

/// The page's text content, as a reader sees it (tags removed, entities decoded).
func pageText(_ html: String) -> String {
  (try? XMLDocument(data: Data(html.utf8)))?.rootElement()?.stringValue ?? ""
}

/// Every error a rendered page reports has a file, a line and a column inside the notebook.
func unlocatedDiagnostic(in page: RenderedPage, lineCount: Int) -> Diagnostic? {
  page.diagnostics.first { diagnostic in
    diagnostic.location.line < 1 || diagnostic.location.line > max(lineCount, 1) + 1
      || diagnostic.location.column < 1
  }
}
