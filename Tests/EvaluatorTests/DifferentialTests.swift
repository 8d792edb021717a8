import Foundation
import Testing

@testable import Evaluator

/// Plain-Swift cells whose expected output was recorded from the real toolchain by
/// `Differential/record.sh` (`swift file.swift`): the evaluator must print the same bytes.
@Suite struct DifferentialTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Differential")

  static var cells: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".swift") }.sorted()
  }

  @Test func thereAreCells() {
    #expect(Self.cells.count >= 5)
  }

  @Test(arguments: cells) func matchesSwift(_ name: String) throws {
    let source = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
    let expected = try String(
      contentsOf: Self.folder.appendingPathComponent(
        String(name.dropLast(".swift".count)) + ".expected"), encoding: .utf8)
    let outcome = Session().run(source, origin: SourceOrigin(file: name, line: 1))
    #expect(outcome.error == nil, "\(outcome.error?.formatted ?? "")")
    #expect(printed(outcome) == expected)
  }
}
