import Evaluator

/// Points a "cannot find 'net' in scope" error at its cause when `net` is declared by an
/// earlier cell that failed: the first error is the one to fix, and the later ones follow
/// from it.
enum FailedDeclarations {
  /// `runs` and `inlineRuns` with a note added to each such error.
  static func annotating(_ runs: [CellRun], _ inlineRuns: [InlineRun]) -> (
    [CellRun], [InlineRun]
  ) {
    guard runs.contains(where: { $0.outcome?.error != nil }) else { return (runs, inlineRuns) }
    // Per name, the cells that declare it, in order, and whether each failed.
    var declarations: [String: [(line: Int, failed: Bool)]] = [:]
    for run in runs where run.outcome != nil {
      for name in SolutionLeaks.declaredNames(in: run.cell.source) {
        declarations[name, default: []].append(
          (run.cell.origin.line, run.outcome?.error != nil))
      }
    }
    func annotated(_ outcome: CellOutcome, at line: Int) -> CellOutcome {
      guard let error = outcome.error, error.severity == .error,
        let name = missingName(in: error.message),
        let cause = declarations[name]?.last(where: { $0.line < line }), cause.failed
      else { return outcome }
      var outcome = outcome
      outcome.events = outcome.events.map { event in
        guard case .error(var diagnostic) = event else { return event }
        // Spelling suggestions would mislead: the name is right, its cell failed.
        diagnostic.notes =
          [
            "'\(name)' is declared by the cell at line \(cause.line), which failed; fix that cell first"
          ]
          + diagnostic.notes.filter { !$0.hasPrefix("did you mean") }
        return .error(diagnostic)
      }
      return outcome
    }
    let cells = runs.map { run in
      var run = run
      if let outcome = run.outcome { run.outcome = annotated(outcome, at: run.cell.origin.line) }
      return run
    }
    let inline = inlineRuns.map { run in
      var run = run
      run.outcome = annotated(run.outcome, at: run.expression.origin.line)
      return run
    }
    return (cells, inline)
  }

  /// `net` from "cannot find 'net' in scope".
  static func missingName(in message: String) -> String? {
    let prefix = "cannot find '"
    let suffix = "' in scope"
    guard message.hasPrefix(prefix), message.hasSuffix(suffix),
      message.count > prefix.count + suffix.count
    else { return nil }
    return String(message.dropFirst(prefix.count).dropLast(suffix.count))
  }
}
