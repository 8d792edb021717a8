import Evaluator
import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Reads a notebook from a string.
func notebook(_ text: String, name: String = "test.md", typesetter: (any MathTypesetter)? = nil)
  -> Notebook
{
  Notebook(source: SourceText(text: text, name: name), typesetter: typesetter)
}

/// Renders `text` with every cell given `events` (or not run), and parses the page as XML.
func page(
  _ text: String, safe: Bool = false, typesetter: (any MathTypesetter)? = nil,
  events: (Cell) -> [CellEvent]? = { _ in [] },
  file: StaticString = #filePath, line: UInt = #line
) throws -> (RenderedPage, XMLDocument) {
  let parsed = notebook(text, typesetter: typesetter)
  let runs = parsed.cells.map { cell in
    CellRun(cell: cell, outcome: events(cell).map(CellOutcome.init))
  }
  let rendered = NotebookRenderer(options: RenderOptions(allowsRawHTML: !safe)).render(
    parsed, runs: runs)
  do {
    return (rendered, try XMLDocument(data: Data(rendered.html.utf8)))
  } catch {
    XCTFail("page is not well-formed: \(error)\n\(rendered.html)", file: file, line: line)
    throw error
  }
}

extension XMLNode {
  /// The nodes an XPath finds (empty when none).
  func all(_ path: String) -> [XMLNode] { (try? nodes(forXPath: path)) ?? [] }
  /// The string values an XPath finds.
  func strings(_ path: String) -> [String] { all(path).map { $0.stringValue ?? "" } }
}

/// A stand-in typesetter for tests: `$…$` and `$$…$$` outside backticks; MathML with the
/// TeX in an `<mi>`, so that tests can see which TeX reached the page.
struct DollarTypesetter: MathTypesetter {
  func spans(in markdown: String) -> [FoundMath] {
    var spans: [FoundMath] = []
    var index = markdown.startIndex
    var inCode = false
    while index < markdown.endIndex {
      let character = markdown[index]
      if character == "`" {
        inCode.toggle()
        index = markdown.index(after: index)
        continue
      }
      if character == "$" && !inCode {
        let display = markdown[index...].hasPrefix("$$")
        let delimiter = display ? "$$" : "$"
        let start = markdown.index(index, offsetBy: delimiter.count)
        if let close = markdown[start...].range(of: delimiter) {
          spans.append(
            FoundMath(
              range: index..<close.upperBound, tex: String(markdown[start..<close.lowerBound]),
              isDisplay: display))
          index = close.upperBound
          continue
        }
      }
      index = markdown.index(after: index)
    }
    return spans
  }

  var stylesheet: String { "" }

  func typeset(_ tex: String, display: Bool) -> TypesetMath {
    let problems =
      tex.contains("\\bad")
      ? [
        MathProblem(
          message: "unknown command \\bad",
          offset: tex.distance(from: tex.startIndex, to: tex.range(of: "\\bad")!.lowerBound))
      ]
      : []
    return TypesetMath(
      markup:
        "<math display=\"\(display ? "block" : "inline")\"><mi>\(HTML.escape(tex))</mi></math>",
      problems: problems)
  }
}
