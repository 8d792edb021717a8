// nbrun-bench: benchmarks, one per subcommand (release builds only: `swift run -c release nbrun-bench NAME`).
switch CommandLine.arguments.dropFirst().first {
case "charts":
  try ChartsBench.run()
default:
  print("usage: nbrun-bench charts")
}
