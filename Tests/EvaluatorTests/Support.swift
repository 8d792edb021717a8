import Foundation

@testable import Evaluator

/// Runs `cells` in one session; cell i starts at notebook line 10 * (i + 1).
func runCells(_ cells: [String], seed: UInt64 = 0) -> [CellOutcome] {
  let session = Session(seed: seed)
  return cells.enumerated().map { i, cell in
    session.run(cell, origin: SourceOrigin(file: "nb.md", line: 10 * (i + 1)))
  }
}

/// The print output of a cell.
func printed(_ outcome: CellOutcome) -> String {
  outcome.events.compactMap { if case .output(let text) = $0 { return text } else { return nil } }
    .joined()
}

/// What a single cell printed plus its displayed value, or its error, as one string.
func result(_ cell: String) -> String {
  let outcome = runCells([cell])[0]
  if let error = outcome.error { return "error: \(error.message)" }
  var text = printed(outcome)
  for case .display(.text(let t)) in outcome.events { text += "=> " + t }
  return text
}
