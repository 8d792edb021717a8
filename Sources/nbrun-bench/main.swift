// nbrun-bench: release-build benchmarks. `swift run -c release nbrun-bench NAME [options]`.
// Each benchmark lives in its own file (`XBench.swift`) and adds one line to `benchmarks`.
import Foundation

let benchmarks: [(name: String, summary: String, run: ([String]) throws -> Void)] = [
  (
    "dlcore", "DLCore training steps/s and matmul GFLOP/s [--threads N --seconds S --only CASE]",
    DLCoreBench.run
  ),
  ("matmul", "DLCore matmul calls/s for network-sized shapes", DLCoreBench.runMatmul),
  ("charts", "Charts SVG rendering", { _ in try ChartsBench.run() }),
  ("layers", "LSTM and attention layers [--seconds S --only lstm|attention]", LayersBench.run),
  (
    "evaluator", "cell scalar loop and training loop beside compiled Swift",
    { _ in EvaluatorBench.run() }
  ),
  (
    "evaluator-loop",
    "K x 1,000 training steps: cell|compiled|compiled-thread K, or K sessions (instruction counts)",
    EvaluatorBench.runLoop
  ),
  ("evaluator-run", "run notebook cells from FILE...", { runEvaluatorFiles($0) }),
  ("evaluator-programs", "run each `//#program` of FILE in its own session (JSON lines)", runEvaluatorPrograms),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let bench = benchmarks.first(where: { $0.name == name }) else {
  print("usage: nbrun-bench NAME [options]\n\nbenchmarks:")
  for b in benchmarks {
    print("  \(b.name.padding(toLength: 14, withPad: " ", startingAt: 0))\(b.summary)")
  }
  exit(arguments.isEmpty ? 0 : 2)
}
do {
  try bench.run(Array(arguments.dropFirst()))
} catch {
  FileHandle.standardError.write("nbrun-bench \(name): \(error)\n".data(using: .utf8)!)
  exit(1)
}
