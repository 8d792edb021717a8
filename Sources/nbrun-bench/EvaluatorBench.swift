import Evaluator
import Foundation

/// `nbrun-bench evaluator-run FILE...`: runs each file as one cell of a session and prints what
/// it produced (print output verbatim, displayed values as text, errors as the compiler would).
func runEvaluatorFiles(_ paths: [String]) {
  let session = Session(seed: 0)
  for path in paths {
    guard let source = try? String(contentsOfFile: path, encoding: .utf8) else {
      FileHandle.standardError.write("cannot read \(path)\n".data(using: .utf8)!)
      continue
    }
    let outcome = session.run(source, origin: SourceOrigin(file: path, line: 1))
    for event in outcome.events {
      switch event {
      case .output(let text): print(text, terminator: "")
      case .display(.text(let text)): print("=> " + text)
      case .display(let other): print("=> \(other)")
      case .warning(let d), .error(let d): print(d.formatted)
      }
    }
  }
}
