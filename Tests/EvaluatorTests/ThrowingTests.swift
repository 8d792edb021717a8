import Foundation
import Testing

@testable import Evaluator

/// Calls that can throw, refused before a cell runs with Swift's message and place. Each
/// case's cell is also in Tests/HardeningTests/Corpus/swiftc/throwing.swift (with stand-ins for
/// the library), where `check.sh` records what swiftc reports for it.
@Suite struct ThrowingTests {
  /// A cell, its error and where (line within the cell, from 1; column).
  typealias Case = ErrorCorpusTests.Case

  static let notMarked = "call can throw but is not marked with 'try'"
  static let notHandled = "errors thrown from here are not handled"
  static let notMarkedNorHandled =
    "call can throw, but it is not marked with 'try' and the error is not handled"

  /// Defines `t` (a tensor) and `thr()` (a throwing function) for the cells.
  static let prelude = """
    let t = try Tensor([[1.0, 2.0]], requiresGrad: true)
    func thr() throws -> Int { 1 }
    """

  static let cases: [Case] = [
    Case(source: "func f() {\n  thr()\n}", message: notMarkedNorHandled, line: 2, column: 3),
    Case(
      source: "func f() {\n  let m = mse(t, t)\n}", message: notMarkedNorHandled, line: 2,
      column: 11),
    Case(source: "func f() {\n  let l = try t.sum()\n}", message: notHandled, line: 2, column: 11),
    Case(
      source: "func f() {\n  let l = t.sum()\n}", message: notMarkedNorHandled, line: 2, column: 11),
    Case(
      source: "func f() -> Tensor {\n  return try t + t\n}", message: notHandled, line: 2,
      column: 10),
    Case(
      source: "func f() -> Tensor {\n  return t + t\n}", message: notMarkedNorHandled, line: 2,
      column: 10),
    Case(
      source: "func f(_ a: Tensor) -> Tensor {\n  return -a\n}", message: notMarkedNorHandled,
      line: 2, column: 10),
    Case(
      source: "func f(_ a: Tensor) -> Tensor {\n  return try -a\n}", message: notHandled, line: 2,
      column: 10),
    Case(
      source: "func f() -> [Int] {\n  return try [1].map { _ in try thr() }\n}",
      message: notHandled, line: 2, column: 10),
    // the element's type comes from the parameter; `backward` throws on every type that has it
    Case(
      source: "func f(_ xs: [Tensor]) {\n  xs[0].backward()\n}", message: notMarkedNorHandled,
      line: 2, column: 3),
    Case(
      source: "func f(_ u: Tensor) -> Tensor {\n  return u * 2\n}", message: notMarkedNorHandled,
      line: 2, column: 10),
    // at the top level: Swift points at the start of the call, or at the operator
    Case(source: "print(1)\nt.backward()", message: notMarked, line: 2, column: 1),
    Case(
      source: "print(1)\nlet z = t + t",
      message: "operator can throw but expression is not marked with 'try'", line: 2, column: 11),
    Case(
      source: "print(1)\nlet q = [1].map { _ in try thr() }", message: notMarked, line: 2, column: 9
    ),
    // a name the standard library shares, on a receiver whose type only Swift knows here: the
    // `axis:` label is no Array's; a closure without `try` is not a throwing closure
    Case(
      source: "func f(_ xs: [Tensor]) -> [Tensor] {\n  return xs.map { $0.max(axis: 1) }\n}",
      message: notMarkedNorHandled, line: 2, column: 19),
    Case(
      source: "func f(_ xs: [Tensor]) -> Tensor {\n  return xs.first!.min(axis: 0)\n}",
      message: notMarkedNorHandled, line: 2, column: 10),
    Case(
      source: "print(1)\nlet r = [t].map { $0.max(axis: 0) }", message: notMarkedNorHandled,
      line: 2, column: 19),
    Case(
      source: "print(1)\nlet c2 = { t.sum() }", message: notMarkedNorHandled, line: 2, column: 12
    ),
    // `max()` is also an Array's, but an element of a `[Tensor]` is a Tensor
    Case(
      source: "func f(_ ts: [Tensor]) {\n  let m = ts[0].max()\n}", message: notMarkedNorHandled,
      line: 2, column: 11),
  ]

  @Test(arguments: cases) func refusedBeforeTheCellRuns(_ c: Case) throws {
    let outcomes = runCells([Self.prelude, c.source])
    #expect(outcomes[0].error == nil, "\(outcomes[0].error?.formatted ?? "")")
    let error = try #require(outcomes[1].error)
    #expect(error.message == c.message)
    #expect(error.location.line == 19 + c.line)
    #expect(error.location.column == c.column)
    // nothing ran: the error is the cell's only event (no `print` output before it)
    #expect(outcomes[1].events.count == 1)
  }

  @Test func aClosureWithAnUnhandledTryThrows() throws {
    let outcomes = runCells([Self.prelude, "let c = { try thr() }\nc()"])
    let error = try #require(outcomes[1].error)
    #expect(error.message == Self.notMarked)
    #expect(error.location.line == 21)
    #expect(error.location.column == 1)
  }

  @Test func handledCallsRun() {
    let outcomes = runCells([
      Self.prelude,
      """
      func g1() throws { try t.sum().backward() }
      func g2() -> Tensor? { try? t + t }
      func g3() {
        do { try t.backward() } catch { print(error) }
      }
      try g1()
      g3()
      let s = try [1].map { _ in try thr() }
      print(s, g2() != nil)
      func g4(_ xs: [Int]) -> Int? { xs.max() }
      func g5(_ xs: [Tensor]) throws -> [Tensor] { try xs.map { try $0.max(axis: 0) } }
      print(g4([3, 5])!, try g5([t]).count)
      """,
    ])
    #expect(outcomes[1].error == nil, "\(outcomes[1].error?.formatted ?? "")")
    // g3's catch prints DLCore's error (backward() of a tensor of two elements)
    let lines = printed(outcomes[1]).split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines.first?.hasPrefix("backward: invalid shape [1, 2]") == true)
    #expect(lines.dropFirst().first == "[1] true")
    #expect(lines.last == "5 1")
  }
}
