import Evaluator
import Foundation

/// `nbrun-bench evaluator-programs FILE`: runs each program of FILE, a plain-Swift file cut
/// into programs by lines `//#program NAME`, in a fresh session of its own (as the one cell of
/// a notebook named `prog.swift`), and writes one JSON object a line: the program's name, what
/// it printed, and its error (`null` when it ran to the end). Used by `scripts/difffuzz.py`,
/// which compares these with what the same programs print compiled by swiftc.
func runEvaluatorPrograms(_ arguments: [String]) throws {
  guard let path = arguments.first else {
    throw ProgramsRunError(message: "usage: nbrun-bench evaluator-programs FILE")
  }
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var programs: [(name: String, line: Int, source: String)] = []
  var lineNumber = 0
  for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
    lineNumber += 1
    if line.hasPrefix("//#program ") {
      programs.append((String(line.dropFirst("//#program ".count)), lineNumber + 1, ""))
    } else if !programs.isEmpty {
      programs[programs.count - 1].source += line + "\n"
    }
  }
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
  for program in programs {
    let outcome = Session(seed: 0).run(
      program.source, origin: SourceOrigin(file: "prog.swift", line: 1), timeout: 10)
    var printed = ""
    for case .output(let text) in outcome.events { printed += text }
    let record = ProgramRecord(
      name: program.name, output: printed, error: outcome.error?.formatted)
    let data = try encoder.encode(record)
    FileHandle.standardOutput.write(data + Data("\n".utf8))
  }
}

struct ProgramRecord: Encodable {
  var name: String
  var output: String
  var error: String?
}

struct ProgramsRunError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
