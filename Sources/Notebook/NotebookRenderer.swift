import Evaluator
import Markdown

/// How a notebook becomes a page.
public struct RenderOptions: Sendable {
  /// Let HTML typed by the author through as CommonMark says (true), or show it as escaped
  /// text (false, `--safe`, for notebooks you did not write).
  public var allowsRawHTML: Bool
  /// The answer key (everything) or the student edition (no solutions in the HTML at all).
  public var edition: Edition

  public init(allowsRawHTML: Bool = true, edition: Edition = .key) {
    self.allowsRawHTML = allowsRawHTML
    self.edition = edition
  }
}

/// What one cell did when the notebook ran.
public struct CellRun: Sendable {
  public var cell: Cell
  /// Nil when the cell was not run (`eval: false`).
  public var outcome: CellOutcome?

  public init(cell: Cell, outcome: CellOutcome?) {
    self.cell = cell
    self.outcome = outcome
  }

  /// The cell failed and was not meant to (`error: true` makes a failure expected).
  public var failedUnexpectedly: Bool {
    outcome?.error != nil && !cell.options.allowsError
  }
}

/// What one inline expression gave when the notebook ran.
public struct InlineRun: Sendable {
  public var expression: InlineExpression
  public var outcome: CellOutcome

  public init(expression: InlineExpression, outcome: CellOutcome) {
    self.expression = expression
    self.outcome = outcome
  }
}

/// A rendered notebook: the page and what happened on the way.
public struct RenderedPage: Sendable {
  /// The complete HTML document.
  public var html: String
  /// Every warning and error, in notebook order, for stderr.
  public var diagnostics: [Diagnostic]
  /// Each cell and its outcome.
  public var runs: [CellRun]
  /// Each inline expression and its outcome.
  public var inlineRuns: [InlineRun] = []
  /// The page's title (front matter's, else the first heading's, else the file's name).
  public var title = ""

  /// Whether any cell failed without `error: true`, or any inline expression failed; the
  /// command then exits with status 1.
  public var hasFailedCells: Bool {
    runs.contains { $0.failedUnexpectedly } || inlineRuns.contains { $0.outcome.error != nil }
  }
}

/// One unit of a notebook that runs: a cell or an inline expression.
public enum NotebookStep: Sendable {
  case cell(Cell)
  case inline(InlineExpression)
}

/// Runs a notebook's cells in one session and renders the page.
public struct NotebookRenderer: Sendable {
  public var options: RenderOptions

  public init(options: RenderOptions = RenderOptions()) {
    self.options = options
  }

  /// How deep block quotes and lists, and separately emphasis and links, may nest before the
  /// page flattens them: deeper than any real notebook goes, and shallow enough that the
  /// deepest text still starts within a page's width (browsers themselves stop at 512).
  static let maxNesting = 32

  /// Runs every cell of `notebook`, in order, in a new session seeded from its front matter,
  /// and renders the page.
  public func render(_ notebook: Notebook) -> RenderedPage {
    render(notebook, runningEachStep: { _, run in run() })
  }

  /// Renders `notebook` as `render(_:)` does, letting `runningEachStep` wrap each cell and
  /// inline expression as it runs (to time it, for instance).
  ///
  /// `runningEachStep` receives the step and a closure that runs it; it must call that closure
  /// exactly once and return its outcome. Cells marked `eval: false` are not steps.
  public func render(
    _ notebook: Notebook,
    runningEachStep: (NotebookStep, () -> CellOutcome) -> CellOutcome
  ) -> RenderedPage {
    let session = Session(seed: notebook.frontMatter.seed ?? 0)
    var runs: [CellRun] = []
    var inlineRuns: [InlineRun] = []
    // Cells and inline expressions run in the order they appear, so prose shows the values
    // as they are at that point of the notebook.
    var nextInline = 0
    let inline = notebook.inlineExpressions
    func runInline(before line: Int) {
      while nextInline < inline.count, inline[nextInline].origin.line < line {
        let expression = inline[nextInline]
        let outcome = runningEachStep(.inline(expression)) {
          session.run(expression.source, origin: expression.origin)
        }
        inlineRuns.append(InlineRun(expression: expression, outcome: outcome))
        nextInline += 1
      }
    }
    for cell in notebook.cells {
      runInline(before: cell.origin.line)
      let outcome =
        cell.options.evaluate
        ? runningEachStep(.cell(cell)) {
          session.run(cell.source, origin: cell.origin, timeout: cell.options.timeout)
        } : nil
      runs.append(CellRun(cell: cell, outcome: outcome))
    }
    runInline(before: Int.max)
    return render(notebook, runs: runs, inlineRuns: inlineRuns)
  }

  /// Renders the page of `notebook` from runs already made (one per cell and one per inline
  /// expression, in order).
  public func render(_ notebook: Notebook, runs: [CellRun], inlineRuns: [InlineRun] = [])
    -> RenderedPage
  {
    let (runs, inlineRuns) = FailedDeclarations.annotating(runs, inlineRuns)
    let extracted = notebook.extracted
    let outcomes = OutcomeHTML(typesetter: notebook.typesetter)
    var diagnostics = notebook.diagnostics
    let document = MarkdownDocument(parsing: extracted.markdown)
    for cut in document.flattenNesting(deeperThan: Self.maxNesting) {
      diagnostics.append(
        Diagnostic(
          severity: .warning,
          message: cut.isInline
            ? "emphasis and links nest more than \(Self.maxNesting) deep in this paragraph; browsers cannot show deeper nesting, so the deeper ones are shown as their plain text"
            : "block quotes and lists nest more than \(Self.maxNesting) deep here (a list and its item count as two); browsers cannot show deeper nesting, so what lies deeper is shown at this depth",
          location: SourceLocation(
            file: notebook.name, line: extracted.originalLine(of: cut.line), column: cut.column)))
    }

    var codeBlocks: [MarkdownNode] = []
    var headingNodes: [MarkdownNode] = []
    var textNodes: [MarkdownNode] = []
    var literalNodes: [MarkdownNode] = []
    var rawHTML: [MarkdownNode] = []
    let hasMath = !extracted.spans.isEmpty
    for node in document.allNodes() {
      switch node.kind {
      case .codeBlock: codeBlocks.append(node)
      case .heading: headingNodes.append(node)
      case .text: textNodes.append(node)
      case .code: literalNodes.append(node)
      case .htmlBlock, .htmlInline:
        rawHTML.append(node)
      default: break
      }
    }

    // Solution prose: found now, while the tree is as parsed; dropped or marked at the end.
    let student = options.edition == .student
    let regions = SolutionRegion.find(in: rawHTML)
    var markers: Set<MarkdownNode> = []
    var removed: Set<MarkdownNode> = []
    for region in regions {
      if student {
        removed.insert(region.opener)
        removed.formUnion(region.members)
        if let closer = region.closer { removed.insert(closer) }
      }
      if student || region.isPlainMarker {
        markers.insert(region.opener)
        if let closer = region.closer { markers.insert(closer) }
      }
    }
    func isRemoved(_ node: MarkdownNode) -> Bool {
      guard !removed.isEmpty else { return false }
      var current: MarkdownNode? = node
      while let candidate = current {
        if removed.contains(candidate) { return true }
        current = candidate.parent
      }
      return false
    }
    let hiddenHeadings = Set(headingNodes.indices.filter { isRemoved(headingNodes[$0]) })
    for region in regions where region.closer == nil && !region.isSelfContained {
      diagnostics.append(
        Diagnostic(
          severity: .warning,
          message:
            "this <div class=\"solution\"> is never closed, so the solution runs to the end of its container; add a </div> line after a blank line",
          location: SourceLocation(
            file: notebook.name, line: extracted.originalLine(of: region.opener.startLine),
            column: region.opener.startColumn)))
    }

    // The student edition numbers only the figures and tables it shows.
    let numbers = CrossReferences(cells: notebook.cells) { cell in
      !student
        || !(cell.options.isSolution
          || (codeBlocks.indices.contains(cell.blockIndex)
            && isRemoved(codeBlocks[cell.blockIndex])))
    }

    // Question prose that shows a solution cell's value gives the answer away (read
    // while the code blocks are still in the tree).
    let leaks =
      student
      ? SolutionLeaks(cells: notebook.cells) { cell in
        cell.options.isSolution
          || (codeBlocks.indices.contains(cell.blockIndex)
            && isRemoved(codeBlocks[cell.blockIndex]))
      } : nil

    // Cells: the code block becomes the cell's own HTML.
    var runsByBlock: [Int: CellRun] = [:]
    for run in runs { runsByBlock[run.cell.blockIndex] = run }
    for (index, node) in codeBlocks.enumerated() {
      if let run = runsByBlock[index] {
        var mathProblems: [MathProblem] = []
        document.replace(
          node,
          withHTMLBlock: cellHTML(
            run, outcomes: outcomes, numbers: numbers, mathProblems: &mathProblems))
        for problem in mathProblems {
          diagnostics.append(
            Diagnostic(
              severity: .warning, message: "in a Math value: " + problem.message,
              location: problem.origin
                ?? SourceLocation(
                  file: notebook.name, line: run.cell.origin.line, column: run.cell.origin.column)))
        }
        if let outcome = run.outcome {
          for event in outcome.events {
            switch event {
            case .warning(let diagnostic): diagnostics.append(diagnostic)
            case .error(let diagnostic) where !run.cell.options.allowsError:
              diagnostics.append(diagnostic)
            default: break
            }
          }
        }
      } else if hasMath, node.literal.contains(extracted.marker) {
        document.setLiteral(extracted.restoringSource(in: node.literal), of: node)
      }
    }

    // Math: tokens in prose become MathML; anywhere else they become the TeX as typed.
    var mathHTML: [Int: String] = [:]
    func typeset(_ number: Int) -> String {
      if let done = mathHTML[number] { return done }
      let span = extracted.spans[number]
      let result = outcomes.mathHTML(span.tex, display: span.isDisplay)
      for problem in result.problems {
        let (line, column) = extracted.location(ofSpan: number, texOffset: problem.offset)
        diagnostics.append(
          Diagnostic(
            severity: .warning, message: problem.message,
            location: SourceLocation(file: notebook.name, line: line, column: column)))
      }
      mathHTML[number] = result.markup
      return result.markup
    }
    // Cross-references: `@fig-loss` becomes a link reading "Figure 2".
    var referenceLines = ReferenceLocator(text: extracted.markdown)
    for node in textNodes {
      let literal = node.literal
      let hasToken = hasMath && literal.contains(extracted.marker)
      let hasReference = literal.contains("@fig-") || literal.contains("@tbl-")
      guard hasToken || hasReference else { continue }
      // Solution prose the student edition leaves out may refer to solution cells.
      let leftOut = student && isRemoved(node)
      var pieces: [InlinePiece] = []
      for piece in extracted.pieces(of: literal) {
        switch piece {
        case .math(let number): pieces.append(.html(typeset(number)))
        case .text(let text):
          guard hasReference else {
            pieces.append(.text(text))
            continue
          }
          pieces += numbers.link(in: text) { label in
            guard !leftOut else { return }
            let (line, column) = referenceLines.locate("@" + label, near: node)
            let exists = notebook.cells.contains { $0.options.label == label }
            diagnostics.append(
              Diagnostic(
                severity: .warning,
                message: exists
                  ? "the cell labelled '\(label)' is a solution, absent from the student edition; this reference shows as text (put the sentence in a <div class=\"solution\"> block, or refer to a cell that is not a solution)"
                  : "no cell has the label '\(label)'; a reference needs a cell with '//| label: \(label)'",
                location: SourceLocation(
                  file: notebook.name, line: extracted.originalLine(of: line), column: column)))
          }
        }
      }
      document.replace(node, withInlinePieces: pieces)
    }
    var inlineIndex = 0
    for node in literalNodes {
      let literal = node.literal
      if Notebook.inlineSource(literal) != nil {
        defer { inlineIndex += 1 }
        guard inlineIndex < inlineRuns.count else {
          document.replace(node, withHTMLInline: "<code>" + HTML.escape(literal) + "</code>")
          continue
        }
        let run = inlineRuns[inlineIndex]
        if let leaks, !isRemoved(node) {
          let origin = run.expression.origin
          let names = leaks.solutionNames(usedBy: run.expression.source, atLine: origin.line)
          if !names.isEmpty {
            let list = names.map { "'\($0)'" }.joined(separator: ", ")
            diagnostics.append(
              Diagnostic(
                severity: .warning,
                message:
                  "this inline value uses \(list), declared in a solution cell, so the student edition shows the answer; put the sentence in a <div class=\"solution\"> block",
                location: SourceLocation(
                  file: notebook.name, line: origin.line, column: origin.column)))
          }
        }
        var mathProblems: [MathProblem] = []
        document.replace(
          node, withHTMLInline: outcomes.inlineHTML(run.outcome, mathProblems: &mathProblems))
        for event in run.outcome.events {
          switch event {
          case .warning(let diagnostic), .error(let diagnostic): diagnostics.append(diagnostic)
          default: break
          }
        }
        for problem in mathProblems {
          diagnostics.append(
            Diagnostic(
              severity: .warning, message: "in a Math value: " + problem.message,
              location: problem.origin
                ?? SourceLocation(
                  file: notebook.name, line: run.expression.origin.line,
                  column: run.expression.origin.column)))
        }
      } else if hasMath, literal.contains(extracted.marker) {
        document.setLiteral(extracted.restoringSource(in: literal), of: node)
      }
    }

    // Raw HTML: as CommonMark says, or escaped text in safe mode.
    for node in rawHTML where !markers.contains(node) {
      var literal = node.literal
      if hasMath && literal.contains(extracted.marker) {
        literal = extracted.restoringSource(in: literal)
      }
      if options.allowsRawHTML {
        if literal != node.literal { document.setLiteral(literal, of: node) }
      } else if node.kind == .htmlBlock {
        while literal.hasSuffix("\n") { literal.removeLast() }
        document.replace(
          node, withHTMLBlock: "<pre class=\"nb-raw-html\">" + HTML.escape(literal) + "</pre>\n")
      } else {
        document.replace(node, withInlinePieces: [.text(literal)])
      }
    }

    // Solution prose: marked in the key, gone from the student edition.
    for region in regions where student || region.isPlainMarker {
      if student {
        // Walk the siblings as they are now: blocks in between may have been replaced.
        var current = region.isSelfContained ? nil : region.opener.next
        while let node = current, node != region.closer {
          current = node.next
          document.remove(node)
        }
        if let closer = region.closer { document.remove(closer) }
        document.remove(region.opener)
      } else {
        let parent = region.opener.parent
        document.replace(region.opener, withHTMLBlock: "<div class=\"solution\">")
        if let closer = region.closer {
          document.replace(closer, withHTMLBlock: "</div>")
        } else if let parent {
          document.appendHTMLBlock("</div>", to: parent)
        }
      }
    }

    // Headings get their anchors, once their content is final.
    for (index, (node, heading)) in zip(headingNodes, notebook.headings).enumerated()
    where !hiddenHeadings.contains(index) {
      let rendered = document.renderHTML(of: node, allowRawHTML: options.allowsRawHTML)
      let plainOpening = "<h\(heading.level)>"
      guard rendered.hasPrefix(plainOpening) else { continue }
      let opening = "<h\(heading.level) id=\"\(HTML.escape(heading.anchor))\">"
      document.replace(node, withHTMLBlock: opening + rendered.dropFirst(plainOpening.utf8.count))
    }

    let body = document.renderHTML(allowRawHTML: options.allowsRawHTML)
    let toc = tableOfContents(notebook, hidden: hiddenHeadings, typeset: typeset)
    let page = PageTemplate.page(
      notebook: notebook, tableOfContents: toc, body: body, allowsRawHTML: options.allowsRawHTML)
    // Notebook order, so that stderr reads top to bottom; the sort is stable.
    let ordered = diagnostics.enumerated().sorted {
      ($0.element.location.line, $0.offset) < ($1.element.location.line, $1.offset)
    }.map(\.element)
    return RenderedPage(
      html: HTML.showingControlCharacters(page), diagnostics: ordered, runs: runs,
      inlineRuns: inlineRuns, title: notebook.title)
  }

  // MARK: Pieces of the page

  /// A cell's HTML: its code (unless hidden), then its outputs.
  func cellHTML(
    _ run: CellRun, outcomes: OutcomeHTML, numbers: CrossReferences,
    mathProblems: inout [MathProblem]
  ) -> String {
    let cell = run.cell
    let options = cell.options
    let failed = run.outcome?.error != nil
    // The student edition holds no trace of a solution cell, not even its errors.
    if self.options.edition == .student && options.isSolution { return "" }
    // A failure is never hidden: the reader must see that the answer is not there.
    guard options.include || failed else { return "" }
    var classes = ["nb-cell"]
    if options.isSolution { classes.append("nb-solution") }
    if failed { classes.append(options.allowsError ? "nb-expected-error" : "nb-failed") }
    if run.outcome == nil { classes.append("nb-not-run") }
    let element = numbers.caption(for: cell) == nil ? "section" : "figure"
    var html = "<\(element) class=\"\(classes.joined(separator: " "))\""
    if let label = options.label { html += " id=\"\(HTML.escape(label))\"" }
    html += " aria-label=\"Cell \(cell.number)\">\n"
    if options.isSolution { html += "<p class=\"nb-badge\">Solution</p>\n" }
    if options.echo && options.include && !cell.code.isEmpty {
      var code = "<pre class=\"nb-code\"><code class=\"language-swift\">"
      code += SwiftHighlighter.html(for: cell.code)
      code += "</code></pre>\n"
      switch options.codeFolding {
      case .none: html += code
      case .folded:
        html += "<details class=\"nb-fold\"><summary>Code</summary>\n\(code)</details>\n"
      case .shown:
        html += "<details class=\"nb-fold\" open=\"\"><summary>Code</summary>\n\(code)</details>\n"
      }
    }
    if let outcome = run.outcome {
      let output = outcomes.html(
        for: outcome.events, showOutput: options.output && options.include,
        mathProblems: &mathProblems)
      if !output.isEmpty { html += "<div class=\"nb-output\">\n\(output)</div>\n" }
    }
    html += checksHTML(run)
    if let caption = numbers.caption(for: cell) {
      html += "<figcaption>" + HTML.escape(caption) + "</figcaption>\n"
    }
    return html + "</\(element)>\n"
  }

  /// A nested list of the headings, linking to their anchors; empty without headings.
  /// Levels deeper than two below the top level are left out; a skipped level nests once.
  func tableOfContents(_ notebook: Notebook, hidden: Set<Int>, typeset: (Int) -> String) -> String {
    let entries = notebook.headings.indices.filter {
      $0 != notebook.titleHeadingIndex && !hidden.contains($0)
    }
    guard !entries.isEmpty else { return "" }
    let top = entries.map { notebook.headings[$0].level }.min() ?? 1
    var html = "<nav class=\"nb-toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n"
    var depth = 0
    for index in entries where notebook.headings[index].level <= top + 2 {
      let heading = notebook.headings[index]
      let level = min(heading.level - top + 1, depth + 1)
      if level > depth {
        html += "<ul>\n"
        depth = level
      } else {
        html += "</li>\n"
        while depth > level {
          html += "</ul></li>\n"
          depth -= 1
        }
      }
      html += "<li><a href=\"#\(HTML.escape(heading.anchor))\">"
      html += headingHTML(
        notebook.headingTokenTexts[index], extracted: notebook.extracted, typeset: typeset)
      html += "</a>"
    }
    html += "</li>\n"
    while depth > 1 {
      html += "</ul></li>\n"
      depth -= 1
    }
    return html + "</ul>\n</nav>\n"
  }

  /// A heading's text, escaped, with its math typeset.
  private func headingHTML(_ text: String, extracted: ExtractedMath, typeset: (Int) -> String)
    -> String
  {
    extracted.pieces(of: text).map {
      switch $0 {
      case .text(let text): HTML.escape(text)
      case .math(let number): typeset(number)
      }
    }.joined()
  }
}
