import Foundation
import TestSupport
import Testing

@testable import Evaluator

@Suite struct SessionTests {
  @Test func inlineExpressionsGiveTheirText() {
    let session = Session()
    _ = session.run("let rate = 0.25", origin: SourceOrigin(file: "nb.md", line: 1))
    #expect(
      session.evaluateInline("rate * 4", origin: SourceOrigin(file: "nb.md", line: 5, column: 12))
        == .success("1.0"))
    guard
      case .failure(let error) = session.evaluateInline(
        "rat", origin: SourceOrigin(file: "nb.md", line: 5, column: 12))
    else {
      Issue.record("expected an error")
      return
    }
    #expect(error.message == "cannot find 'rat' in scope")
    #expect(error.location == SourceLocation(file: "nb.md", line: 5, column: 12))
  }

  @Test func expectChecksValues() throws {
    #expect(
      runCells(["expect(0.1 + 0.2, 0.3, tolerance: 1e-12)\nexpect(2 + 2, 4)"])[0].error == nil)
    let error = try #require(runCells(["expect(2 + 2, 5)"])[0].error)
    #expect(error.message == "expectation failed: got 4, expected 5")
    #expect(error.location.column == 1)
    // sets compare without order; characters against their literal text
    #expect(
      runCells([
        "expect(Set([3, 1]), Set([1, 3]))\nexpect(Array(\"ab\"), [\"a\", \"b\"])\nexpect(\"xy\".first!, \"x\")"
      ])[0].error == nil)
    let wrong = try #require(runCells(["expect(\"xy\".first!, \"y\")"])[0].error)
    #expect(wrong.message == "expectation failed: got \"x\", expected \"y\"")
  }

  /// Swift's random numbers cannot be seeded; a cell's come from the session's generator, so a
  /// notebook gives the same numbers on every run.
  @Test func randomNumbersFollowTheSessionSeed() {
    let cell = "[Double.random(in: 0..<1), Double(Int.random(in: 1...6))]"
    #expect(runCells([cell], seed: 3) == runCells([cell], seed: 3))
    #expect(runCells([cell], seed: 3) != runCells([cell], seed: 4))
    #expect(
      runCells(["let xs = [1, 2]\nlet y = xs.map { $0 += 1 }"])[0].error?.message
        == "left side of mutating operator isn't mutable: '$0' is immutable")
  }

  @Test func columnsFollowTheCellsIndentation() throws {
    let session = Session()
    let outcome = session.run(
      "let a = 1\n  a + nope", origin: SourceOrigin(file: "x.md", line: 3, column: 5))
    let error = try #require(outcome.error)
    #expect(error.location == SourceLocation(file: "x.md", line: 4, column: 5 + 6))
    #expect(error.excerpt == "  a + nope\n      ^")
  }

  @Test func deepRecursionWithinTheBoundRunsAndBeyondIsAnError() throws {
    let ok = runCells(["func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }\ndepth(990)"]
    )[0]
    #expect(ok.events == [.display(.text("990"))])
    let error = try #require(
      runCells(["func depth(_ n: Int) -> Int { n == 0 ? 0 : 1 + depth(n - 1) }\ndepth(5000)"])[0]
        .error)
    #expect(error.message.hasPrefix("calls nested more than 1000 deep"))
  }

  @Test func unknownMembersListTheTypesMembers() throws {
    let error = try #require(runCells(["let s = \"abc\"\ns.uppercase()"])[0].error)
    #expect(error.message == "value of type 'String' has no member 'uppercase'")
    #expect(error.notes.first == "did you mean 'uppercased'?")
    #expect(
      error.notes.contains { $0.hasPrefix("members of 'String': ") && $0.contains("hasPrefix") })
  }

  @Test func wrongLabelsOnLibraryCallsListTheSignatures() throws {
    let error = try #require(runCells(["let l = try Linear(inputs: 2, outputs: 3)"])[0].error)
    #expect(error.message == "no 'Linear' accepts these arguments: Linear(inputs:outputs:)")
    #expect(error.notes == ["accepted signatures: Linear(_:_:bias:seed:), Linear(weight:bias:)"])
  }

  @Test func throwingCellFunctionsNeedTry() throws {
    let error = try #require(runCells(["func f() throws -> Int { 1 }\nf()"])[0].error)
    #expect(error.message == "call can throw but is not marked with 'try'")
    #expect(runCells(["func f() throws -> Int { 1 }\ntry f()"])[0].events == [.display(.text("1"))])
  }

  @Test func tensorMemoryIsBounded() throws {
    let error = try #require(runCells(["let big = try Tensor.zeros([100_000, 100_000])"])[0].error)
    #expect(error.location.column == 15)
    #expect(error.message.contains("10000000000"), "\(error.message)")
  }

  @Test func unsupportedConstructsAreRefusedBeforeAnythingRuns() throws {
    for (cell, construct) in [
      ("print(1)\nclass C {}", "class declarations"),
      ("print(1)\nstruct S<T> { var x: T }", "generic types"),
      ("print(1)\nprotocol P { associatedtype E }", "associated types"),
      ("print(1)\nextension Int {}", "extensions of types not declared in a cell"),
      ("print(1)\nlet k = [[1]].map(\\.[0])", "key paths other than properties (\\.name, \\.0)"),
      (
        "print(1)\nlet k = \\String.count",
        "key paths other than a call's argument (xs.map(\\.name))"
      ),
      ("print(1)\nfunc f() async {}", "async functions"),
      ("print(1)\ndefer { print(2) }", "'defer'"),
      ("print(1)\nlet f: Float = 1", "'Float' (cells compute in Double)"),
    ] {
      let outcome = runCells([cell])[0]
      #expect(outcome.events.count == 1, "\(cell)")
      #expect(outcome.error?.message == "not supported in cells: \(construct)", "\(cell)")
      #expect(outcome.error?.location.line == 11)
    }
  }

  @Test func typeAnnotationsAreChecked() {
    #expect(
      result("let xs: [Int] = [1, 2.5]")
        == "error: cannot convert value of type 'Double' to expected element type 'Int'")
    #expect(result("let d: [String: Double] = [\"a\": 1]\nd") == "=> [\"a\": 1.0]")
    #expect(result("var o: Int? = nil\no = 3\no") == "=> Optional(3)")
    #expect(result("let t: (Int, String) = (1, \"a\")\nt") == "=> (1, \"a\")")
  }

  /// The number of threads of this process, from /proc/self/status.
  static func threadCount() throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("Threads:") })
    return try #require(Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)))
  }

  /// Waits up to five seconds (times `TestTime.scale`) for `condition`.
  static func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
    for _ in 0..<Int(500 * TestTime.scale) {
      if try condition() { return true }
      Thread.sleep(forTimeInterval: 0.01)
    }
    return try condition()
  }

  @Test func cellsShareOneThreadThatEndsWithTheSession() throws {
    var session: Session? = Session()
    #expect(session?.worker == nil)
    let origin = SourceOrigin(file: "nb.md", line: 1)
    _ = session?.run("var n = 1", origin: origin)
    let worker = try #require(session?.worker)
    // deep recursion still has the large stack; a cell that timed out leaves the worker usable
    let deep = session?.run(
      "func f(_ k: Int) -> Int { k == 0 ? 0 : 1 + f(k - 1) }\nf(900)", origin: origin)
    #expect(deep?.events.last == .display(.text("900")))
    let late = session?.run("while true { n += 1 }", origin: origin, timeout: 0.2)
    #expect(late?.error?.message.hasPrefix("the cell ran out of time") == true)
    #expect(session?.evaluateInline("n > 1", origin: origin) == .success("true"))
    #expect(session?.worker === worker)
    #expect(!worker.hasEnded)
    session = nil
    #expect(Self.eventually { worker.hasEnded })
  }

  /// A cell whose time runs out inside a long library call (`fit` of ten million epochs) stops
  /// within about the limit, with the time-limit error located at the call; `do`/`catch` and
  /// `try?` do not see it, and the session goes on with the next cell.
  @Test func aLongLibraryCallStopsAtTheTimeLimitAndTheSessionGoesOn() throws {
    let session = Session()
    let origin = SourceOrigin(file: "nb.md", line: 10)
    let setup = session.run(
      """
      let data = try Datasets.circles(count: 64, noise: 0.1, seed: 3)
      let net = try Sequential(Linear(2, 16), ReLU(), Linear(16, 2))
      let opt = try SGD(net.parameters, learningRate: 0.01)
      """, origin: origin)
    #expect(setup.error == nil)
    for cell in [
      "let h = try fit(net, data, loss: crossEntropy, optimizer: opt, epochs: 10_000_000)",
      """
      do {
        let h = try fit(net, data, loss: crossEntropy, optimizer: opt, epochs: 10_000_000)
      } catch {
        print("caught", error)
      }
      """,
      "let h = try? fit(net, data, loss: crossEntropy, optimizer: opt, epochs: 10_000_000)",
    ] {
      let start = DispatchTime.now().uptimeNanoseconds
      let outcome = session.run(cell, origin: origin, timeout: 0.5)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      #expect(seconds < TestTime.bound(2), "\(cell)")
      #expect(outcome.events.count == 1, "\(cell): \(outcome.events)")
      let error = try #require(outcome.error, "\(cell)")
      #expect(
        error.message
          == "the cell ran out of time (its limit is 0.5 s; raise it with `//| timeout: N`)")
      // located at the `fit` call (line and UTF-8 column in the notebook)
      let lines = cell.split(separator: "\n", omittingEmptySubsequences: false)
      let index = try #require(lines.firstIndex { $0.contains("fit(") })
      let prefix = try #require(lines[index].range(of: "fit("))
      #expect(error.location.line == 10 + index, "\(cell)")
      #expect(error.location.column == lines[index][..<prefix.lowerBound].utf8.count + 1, "\(cell)")
    }
    let after = session.run("print(net.parameters.count, 1 + 2)", origin: origin)
    #expect(after.events == [.output("4 3\n")])
  }

  @Test func releasedSessionsLeaveNoThreads() throws {
    let before = try Self.threadCount()
    for k in 0..<100 {
      let session = Session()
      #expect(
        session.evaluateInline("\(k) * 2", origin: SourceOrigin(file: "nb.md", line: 1))
          == .success("\(k * 2)"))
    }
    // other tests run in parallel and start threads of their own: a leak would add 100
    #expect(try Self.eventually { try Self.threadCount() < before + 40 })
  }

  /// A session with `stall(seconds)`, a library call for tests that blocks without making a
  /// tensor, as a long uninterruptible kernel does (a 4000 x 4000 matmul).
  static func stallingSession() -> Session {
    let session = Session()
    session.builtins.function("stall", [nil]) { a in
      Thread.sleep(forTimeInterval: try a.double(0))
      return .void
    }
    return session
  }

  @Test func aLibraryCallThatEndsLateIsATimeLimitError() throws {
    let session = Self.stallingSession()
    let origin = SourceOrigin(file: "nb.md", line: 10)
    for (cell, line, column) in [
      ("print(1)\nstall(0.3)\nprint(2)", 11, 1),
      ("print(1)\nlet s = try stall(0.3)", 11, 13),
      ("print(1)\nstall(0.3)", 11, 1),
    ] {
      let outcome = session.run(cell, origin: origin, timeout: 0.1)
      let error = try #require(outcome.error, "\(cell)")
      #expect(
        error.message
          == "the cell ran out of time (its limit is 0.1 s; raise it with `//| timeout: N`)")
      #expect(error.location.line == line, "\(cell)")
      #expect(error.location.column == column, "\(cell)")
      // what ran before the late call shows; nothing after it runs
      #expect(outcome.events.first == .output("1\n"), "\(cell)")
      #expect(outcome.events.count == 2, "\(cell): \(outcome.events)")
    }
    // the session goes on
    #expect(session.run("print(3)", origin: origin, timeout: 0.1).events == [.output("3\n")])
  }

  @Test func aCellStuckPastTheGraceIsAbandonedAndLaterCellsAreNotRun() throws {
    let session = Self.stallingSession()
    session.abandonGrace = 0.2
    let origin = SourceOrigin(file: "nb.md", line: 10)
    let start = DispatchTime.now().uptimeNanoseconds
    let stuck = session.run(
      "print(1)\ndisplay(2)\nprint(3, terminator: \"\")\nfor _ in 0..<1 { stall(2) }",
      origin: origin,
      timeout: 0.1)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    // the session stopped waiting after the limit and the grace, not when the call ended
    #expect(seconds >= 0.3 && seconds < 1.5, "\(seconds) s")
    // what the stuck cell printed and displayed before shows, then the error at the
    // statement it was stuck in
    #expect(
      Array(stuck.events.dropLast()) == [.output("1\n"), .display(.text("2")), .output("3")],
      "\(stuck.events)")
    let error = try #require(stuck.error)
    #expect(
      error.message
        == "the cell ran out of time (its limit is 0.1 s) inside a library call; raise it with `//| timeout: N`"
    )
    #expect(error.location.line == 13)
    #expect(error.location.column == 1)
    #expect(error.excerpt == "for _ in 0..<1 { stall(2) }\n^")
    let later = session.run("print(2)", origin: SourceOrigin(file: "nb.md", line: 20))
    #expect(
      later.error?.message
        == "not run: an earlier cell overran its time limit inside a library call and the session was stopped"
    )
    #expect(later.error?.location.line == 20)
    #expect(later.events.count == 1)
  }
}
