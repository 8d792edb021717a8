// nbrun-bench: benchmarks, one per subcommand (release builds only: `swift run -c release nbrun-bench NAME`).
switch CommandLine.arguments.dropFirst().first {
case "charts":
  try ChartsBench.run()
case "evaluator-run":
  runEvaluatorFiles(Array(CommandLine.arguments.dropFirst(2)))
default:
  print("usage: nbrun-bench charts | evaluator-run FILE...")
}
