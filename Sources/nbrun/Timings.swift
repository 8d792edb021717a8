import Evaluator
import Foundation
import Notebook

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// How long one cell or inline expression of a notebook took to run (`--timings`).
struct StepTiming {
  enum Kind {
    case cell(number: Int)
    case inline(number: Int)
  }

  var kind: Kind
  var origin: SourceOrigin
  /// Wall and CPU seconds (CPU of the whole process, all threads), nil when not run.
  var wall: Double?
  var cpu: Double?
}

/// A notebook rendered with the time of each of its steps.
struct TimedRender {
  var page: RenderedPage
  var steps: [StepTiming]
  /// Wall seconds of the render outside the steps: the session's start and turning the
  /// outcomes into the page (Markdown, math, HTML).
  var pageSeconds: Double

  /// The report for stderr: one line per cell and inline expression in notebook order, in the
  /// compiler's `file:line:col: note:` form, then the totals.
  var report: String {
    var text = ""
    var cellWall = 0.0
    var cellCPU = 0.0
    var inlineWall = 0.0
    var cellCount = 0
    var inlineCount = 0
    for step in steps {
      let name: String
      switch step.kind {
      case .cell(let number):
        name = "cell \(number)"
        cellCount += 1
        cellWall += step.wall ?? 0
        cellCPU += step.cpu ?? 0
      case .inline(let number):
        name = "inline expression \(number)"
        inlineCount += 1
        inlineWall += step.wall ?? 0
      }
      let origin = "\(step.origin.file):\(step.origin.line):\(step.origin.column)"
      if let wall = step.wall, let cpu = step.cpu {
        text += "\(origin): note: \(name): wall \(seconds(wall)) s, cpu \(seconds(cpu)) s\n"
      } else {
        text += "\(origin): note: \(name): not run (eval: false)\n"
      }
    }
    text += "nbrun: note: \(steps.first?.origin.file ?? "notebook"): "
    text +=
      "\(counted(cellCount, "cell")) wall \(seconds(cellWall)) s (cpu \(seconds(cellCPU)) s), "
    text += "\(counted(inlineCount, "inline expression")) wall \(seconds(inlineWall)) s, "
    text += "page wall \(seconds(pageSeconds)) s\n"
    return text
  }

  private func seconds(_ value: Double) -> String { String(format: "%.4f", value) }

  private func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
  }
}

extension NotebookRenderer {
  /// Renders `notebook` as `render(_:)` does, timing each cell and inline expression.
  func renderTimed(_ notebook: Notebook) -> TimedRender {
    func timed<T>(_ work: () -> T) -> (T, wall: Double, cpu: Double) {
      let wallStart = DispatchTime.now().uptimeNanoseconds
      let cpuStart = processCPUSeconds()
      let result = work()
      let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
      return (result, wall, processCPUSeconds() - cpuStart)
    }
    var steps: [StepTiming] = []
    var timedCells: Set<Int> = []
    let (page, totalWall, _) = timed {
      render(notebook) { step, run in
        let (outcome, wall, cpu) = timed(run)
        switch step {
        case .cell(let cell):
          timedCells.insert(cell.number)
          steps.append(
            StepTiming(
              kind: .cell(number: cell.number), origin: cell.origin, wall: wall, cpu: cpu))
        case .inline(let expression):
          steps.append(
            StepTiming(
              kind: .inline(number: expression.number), origin: expression.origin, wall: wall,
              cpu: cpu))
        }
        return outcome
      }
    }
    let stepsWall = steps.reduce(0) { $0 + ($1.wall ?? 0) }
    for cell in notebook.cells where !timedCells.contains(cell.number) {
      steps.append(StepTiming(kind: .cell(number: cell.number), origin: cell.origin))
    }
    // Steps run in the order they appear in the notebook.
    steps.sort { ($0.origin.line, $0.origin.column) < ($1.origin.line, $1.origin.column) }
    return TimedRender(page: page, steps: steps, pageSeconds: max(0, totalWall - stepsWall))
  }
}

#if canImport(Glibc)
  // Glibc imports RUSAGE_SELF as an enum case; getrusage takes its raw value.
  private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
  private let RUSAGE_SELF_WHO = RUSAGE_SELF
#endif

/// CPU time (user + system) of the whole process so far, in seconds.
func processCPUSeconds() -> Double {
  var usage = rusage()
  guard getrusage(RUSAGE_SELF_WHO, &usage) == 0 else { return 0 }
  func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
  return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
