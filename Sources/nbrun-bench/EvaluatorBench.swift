import DLCore
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
      case .check(let check): print("✓ \(check.actual)")
      }
    }
  }
}

/// `nbrun-bench evaluator`: the evaluator's speed beside compiled Swift (CPython is timed by
/// Benchmarks/run-evaluator.sh).
enum EvaluatorBench {
  static let scalarCell = """
    var s = 0.0
    for i in 0..<1_000_000 { s += Double(i) * 0.5 }
    s
    """

  static func seconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  static func median(_ runs: Int, _ body: () -> Void) -> Double {
    let times = (0..<runs).map { _ in seconds(body) }.sorted()
    return times[runs / 2]
  }

  /// CPU seconds (user + system, all threads) the process has used so far.
  static func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// Median wall and median CPU seconds of `runs` runs (CPU time is what a loaded, shared
  /// machine disturbs least).
  static func medians(_ runs: Int, _ body: () -> Void) -> (wall: Double, cpu: Double) {
    var walls: [Double] = []
    var cpus: [Double] = []
    for _ in 0..<runs {
      let c = cpuSeconds()
      walls.append(seconds(body))
      cpus.append(cpuSeconds() - c)
    }
    return (walls.sorted()[runs / 2], cpus.sorted()[runs / 2])
  }

  static func run() {
    let session = Session()
    var shown = ""
    let cell = medians(9) {
      let outcome = session.run(scalarCell, origin: SourceOrigin(file: "bench.md", line: 1))
      if case .display(.text(let t))? = outcome.events.last { shown = t }
      if let e = outcome.error { print(e.formatted) }
    }
    let compiled = medians(9) { compiledScalarLoop(opaque(1_000_000)) }
    print("scalar loop, 1,000,000 iterations of `s += Double(i) * 0.5` (median of 9):")
    print(
      String(
        format: "  cell      %8.2f ms wall  %8.2f ms CPU  (result %@)", cell.wall * 1000,
        cell.cpu * 1000, shown))
    print(
      String(
        format: "  compiled  %8.2f ms wall  %8.2f ms CPU  (result %@)", compiled.wall * 1000,
        compiled.cpu * 1000, String(scalarSink)))
    trainingBench()
    structMethodBench()
  }

  /// Calls of a method of a struct declared in a cell (each call makes the method's frame).
  static let structCell = """
    struct Point {
      var x: Double
      var y: Double
      func dot(_ other: Point) -> Double { x * other.x + y * other.y }
    }
    let p = Point(x: 1.5, y: 2.0)
    let q = Point(x: 0.5, y: -1.0)
    var s = 0.0
    for _ in 0..<100_000 { s += p.dot(q) }
    s
    """

  static func structMethodBench() {
    let session = Session()
    var shown = ""
    let cell = medians(9) {
      let outcome = session.run(structCell, origin: SourceOrigin(file: "bench.md", line: 1))
      if case .display(.text(let t))? = outcome.events.last { shown = t }
      if let e = outcome.error { print(e.formatted) }
    }
    print(
      String(
        format:
          "method of a cell struct, `p.dot(q)` 100,000 times (median of 9)  %6.2f µs wall  %6.2f µs CPU per call  (result %@)",
        cell.wall / 100_000 * 1e6, cell.cpu / 100_000 * 1e6, shown))
  }
}

@inline(never) func blackHole<T>(_ x: T) { _ = x }

/// Where the compiled scalar loop leaves its result. Writing it makes the loop a side effect
/// the optimizer must keep in place: a pure loop may be dropped, hoisted out of the timing
/// loop or moved past the clock reads.
nonisolated(unsafe) var scalarSink = 0.0

/// The scalar loop compiled.
@inline(never) func compiledScalarLoop(_ n: Int) {
  var s = 0.0
  for i in 0..<n { s += Double(i) * 0.5 }
  scalarSink = s
}
/// Hides a constant from the optimizer, so the compiled loop is not folded away.
@inline(never) func opaque(_ n: Int) -> Int { n }

extension EvaluatorBench {
  static let trainingCell = """
    let data = try Datasets.circles(count: 200, noise: 0.1, seed: 1)
    let net = try Sequential(Linear(2, 16), ReLU(), Linear(16, 2))
    let opt = try SGD(net.parameters, learningRate: 0.1)
    var last = 0.0
    for _ in 0..<1000 {
      let out = try net(data.inputs)
      let loss = try crossEntropy(out, data.targets)
      opt.zeroGrad()
      try loss.backward()
      try opt.step()
      last = try loss.item()
    }
    last
    """

  /// The same loop as `trainingCell`, compiled; the same seed gives the same final loss.
  static func compiledTraining() throws -> Double {
    try RandomGenerator.$current.withValue(RandomGenerator(seed: 0)) {
      let data = try Datasets.circles(count: 200, noise: 0.1, seed: 1)
      let net = try Sequential(Linear(2, 16), ReLU(), Linear(16, 2))
      let opt = try SGD(net.parameters, learningRate: 0.1)
      var last = 0.0
      for _ in 0..<1000 {
        let out = try net(data.inputs)
        let loss = try crossEntropy(out, data.targets)
        opt.zeroGrad()
        try loss.backward()
        try opt.step()
        last = try loss.item()
      }
      return last
    }
  }

  /// `nbrun-bench evaluator-loop cell|compiled|compiled-thread|sessions K`: K x 1,000 steps of
  /// the training loop, in a cell (the benchmark's cell with K x 1,000 iterations, in a fresh
  /// session), compiled (the compiled loop K times), or compiled on a thread made as a session
  /// makes its cell thread (512 MB stack; what running off the main thread costs); or K new
  /// sessions, each running one empty cell; or `struct K`: the struct-method cell of
  /// `structMethodBench` with K x 10,000 calls. Benchmarks/evaluator-instructions.sh counts
  /// their instructions.
  static func runLoop(_ arguments: [String]) throws {
    guard arguments.count == 2, let k = Int(arguments[1]), k >= 0,
      ["cell", "compiled", "compiled-thread", "sessions", "struct"].contains(arguments[0])
    else {
      throw BenchUsage(
        text: "usage: nbrun-bench evaluator-loop cell|compiled|compiled-thread|sessions|struct K")
    }
    if arguments[0] == "struct" {
      let cell = structCell.replacingOccurrences(of: "0..<100_000", with: "0..<\(k * 10_000)")
      let outcome = Session(seed: 0).run(
        cell, origin: SourceOrigin(file: "bench.md", line: 1), timeout: 3600)
      if let e = outcome.error { throw BenchUsage(text: e.formatted) }
      if case .display(.text(let t))? = outcome.events.last { print("struct: \(t)") }
      return
    }
    if arguments[0] == "sessions" {
      for _ in 0..<k {
        let session = Session(seed: 0)
        _ = session.run("()", origin: SourceOrigin(file: "bench.md", line: 1))
      }
      print("sessions: \(k)")
      return
    }
    if arguments[0] == "compiled-thread" {
      final class Holder: @unchecked Sendable { var loss = Double.nan }
      let holder = Holder()
      let done = DispatchSemaphore(value: 0)
      let thread = Thread {
        for _ in 0..<k { holder.loss = (try? compiledTraining()) ?? .nan }
        done.signal()
      }
      thread.stackSize = 512 << 20
      thread.start()
      done.wait()
      print("compiled-thread: final loss \(holder.loss)")
      return
    }
    if arguments[0] == "compiled" {
      var loss = Double.nan
      for _ in 0..<k { loss = try compiledTraining() }
      print("compiled: final loss \(loss)")
      return
    }
    let cell = trainingCell.replacingOccurrences(of: "0..<1000", with: "0..<\(k * 1000)")
    // valgrind runs the loop some 50 times slower: a generous limit
    let outcome = Session(seed: 0).run(
      cell, origin: SourceOrigin(file: "bench.md", line: 1), timeout: 3600)
    if let e = outcome.error { throw BenchUsage(text: e.formatted) }
    if case .display(.text(let t))? = outcome.events.last { print("cell: final loss \(t)") }
  }

  struct BenchUsage: Error, CustomStringConvertible {
    var text: String
    var description: String { text }
  }

  static func trainingBench() {
    var shown = ""
    // each run in a new session (same seed, same numbers as the compiled loop) that has run
    // one cell before, as a notebook's sessions have: making the session and starting its
    // thread with the first cell is a notebook's one-time cost, timed apart
    func startedSession() -> Session {
      let session = Session(seed: 0)
      _ = session.run("()", origin: SourceOrigin(file: "bench.md", line: 1))
      return session
    }
    var sessions = (0..<9).map { _ in startedSession() }
    // ... and ending a session (releasing its values, stopping its thread) is another one-time
    // cost, paid after the timing
    var ended: [Session] = []
    let cell = medians(9) {
      let session = sessions.removeLast()
      ended.append(session)
      let outcome = session.run(trainingCell, origin: SourceOrigin(file: "bench.md", line: 1))
      if case .display(.text(let t))? = outcome.events.last { shown = t }
      if let e = outcome.error { print(e.formatted) }
    }
    let making = medians(9) { blackHole(startedSession()) }
    // the part of the cell's time that is not the loop: parsing, compiling, the handoff
    let emptyCell = trainingCell.replacingOccurrences(of: "0..<1000", with: "0..<0")
    sessions = (0..<9).map { _ in startedSession() }
    let fixed = medians(9) {
      let session = sessions.removeLast()
      ended.append(session)
      _ = session.run(emptyCell, origin: SourceOrigin(file: "bench.md", line: 1))
    }
    ended.removeAll()
    // their threads end in the background: let them finish before the next timing
    Thread.sleep(forTimeInterval: 0.5)
    var compiledLoss = 0.0
    let compiled = medians(9) { compiledLoss = (try? compiledTraining()) ?? .nan }
    // the same compiled loop under the tensor budget a session imposes (every tensor then
    // reserves and returns its elements under a lock): the sandbox's own share of the cost
    let budgeted = medians(9) {
      let budget = TensorBudget(maxElementsPerTensor: 50_000_000, maxTotalElements: 200_000_000)
      _ = try? TensorBudget.$current.withValue(budget) { try compiledTraining() }
    }
    print(
      "training loop, 1,000 SGD steps of a 2-16-2 MLP on 200 points (median of 9; cell in a fresh session):"
    )
    print(
      String(
        format: "  cell      %8.1f ms wall  %8.1f ms CPU  (final loss %@)", cell.wall * 1000,
        cell.cpu * 1000, shown))
    print(
      String(
        format: "    of which %6.1f ms wall  %8.1f ms CPU  parsing, compiling, starting the cell",
        fixed.wall * 1000, fixed.cpu * 1000))
    print(
      String(
        format: "  a new session and its thread (once per notebook)  %6.1f ms wall  %6.1f ms CPU",
        making.wall * 1000, making.cpu * 1000))
    print(
      String(
        format: "  compiled  %8.1f ms wall  %8.1f ms CPU  (final loss %@)", compiled.wall * 1000,
        compiled.cpu * 1000, String(compiledLoss)))
    print(
      String(
        format: "  compiled under a session's tensor budget  %6.1f ms wall  %6.1f ms CPU",
        budgeted.wall * 1000, budgeted.cpu * 1000))
    // a notebook's dozens of cells and inline expressions each pay the handoff to the cell thread
    let inline = startedSession()
    let origin = SourceOrigin(file: "bench.md", line: 1)
    let smallest = medians(9) {
      for _ in 0..<200 { _ = inline.evaluateInline("1 + 1", origin: origin) }
    }
    print(
      String(
        format: "  an inline expression `1 + 1` (median of 9 x 200)  %6.1f µs wall  %6.1f µs CPU",
        smallest.wall / 200 * 1e6, smallest.cpu / 200 * 1e6))
    print(
      String(
        format: "  ratio     %8.2fx wall %8.2fx CPU", cell.wall / compiled.wall,
        cell.cpu / compiled.cpu))
  }
}
