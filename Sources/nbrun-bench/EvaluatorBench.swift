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

  static func run() {
    let session = Session()
    var shown = ""
    let cell = median(5) {
      let outcome = session.run(scalarCell, origin: SourceOrigin(file: "bench.md", line: 1))
      if case .display(.text(let t))? = outcome.events.last { shown = t }
      if let e = outcome.error { print(e.formatted) }
    }
    var s = 0.0
    let compiled = median(5) {
      s = 0.0
      for i in 0..<opaque(1_000_000) { s += Double(i) * 0.5 }
      blackHole(s)
    }
    print("scalar loop, 1,000,000 iterations of `s += Double(i) * 0.5`:")
    print(String(format: "  cell      %8.2f ms  (result %@)", cell * 1000, shown))
    print(String(format: "  compiled  %8.2f ms", compiled * 1000))
    trainingBench()
  }
}

@inline(never) func blackHole<T>(_ x: T) { _ = x }
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

  static func trainingBench() {
    var shown = ""
    let cell = median(3) {
      let outcome = Session(seed: 0).run(
        trainingCell, origin: SourceOrigin(file: "bench.md", line: 1))
      if case .display(.text(let t))? = outcome.events.last { shown = t }
      if let e = outcome.error { print(e.formatted) }
    }
    var compiledLoss = 0.0
    let compiled = median(3) { compiledLoss = (try? compiledTraining()) ?? .nan }
    print("training loop, 1,000 SGD steps of a 2-16-2 MLP on 200 points:")
    print(String(format: "  cell      %8.1f ms  (final loss %@)", cell * 1000, shown))
    print(
      String(format: "  compiled  %8.1f ms  (final loss %@)", compiled * 1000, String(compiledLoss))
    )
    print(String(format: "  ratio     %8.2fx", cell / compiled))
  }
}
