/// One notebook's run: cells execute in order and share their names.
///
/// Placeholder until the evaluator lands: it runs nothing and reports that it ran nothing.
public final class Session {
  /// Creates a session whose random numbers start from `seed`.
  public init(seed: UInt64 = 0) {}

  /// Runs one cell. `origin` is where the cell's first line sits in the notebook;
  /// `timeout` bounds the cell's wall time in seconds (nil means the default, 30 s).
  public func run(_ source: String, origin: SourceOrigin, timeout: Double? = nil) -> CellOutcome {
    CellOutcome(events: [
      .warning(
        CellDiagnostic(
          severity: .warning, message: "cells are not evaluated yet",
          location: SourceLocation(file: origin.file, line: origin.line, column: origin.column)))
    ])
  }
}
