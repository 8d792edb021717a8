import DLCore
import Foundation
import SwiftDiagnostics
import SwiftOperators
import SwiftParser
import SwiftParserDiagnostics
import SwiftSyntax

/// One notebook's run: cells execute in order and share their names.
///
/// A session parses each cell with SwiftParser, folds its operators, refuses syntax outside
/// the cell language before running anything, compiles the cell to closures and runs them on
/// the session's own thread (started by its first cell, with a large stack), within the session's limits. Random numbers come from one
/// generator seeded with `seed`, so the same notebook gives the same numbers on every run.
public final class Session {
  /// Limits applied to every cell.
  public var limits: EvaluationLimits {
    get { runtime.limits }
    set { runtime.limits = newValue }
  }

  let runtime: Runtime
  let builtins: Builtins
  let generator: RandomGenerator
  let budget: TensorBudget
  /// Set when a cell overran its time inside library code and had to be abandoned.
  private var abandoned = false
  /// How long past its time limit a cell stuck in a library call that cannot be interrupted
  /// (a huge matmul) is waited for before the session gives up on it (tests shorten it).
  var abandonGrace: Double = 2
  /// The thread the session's cells run on, one after another; started by the first cell.
  private(set) var worker: CellWorker?

  /// Creates a session whose random numbers start from `seed`.
  public init(seed: UInt64 = 0) {
    builtins = Builtins()
    runtime = Runtime(builtins: builtins)
    builtins.runtime = runtime
    generator = RandomGenerator(seed: seed)
    budget = TensorBudget(maxElementsPerTensor: 50_000_000, maxTotalElements: 200_000_000)
    installLibraryBindings(builtins)
  }

  deinit {
    // Compiled closures held by globals refer back to the runtime, so the globals are let go
    // of here. A global may hold a value nested 100,000 deep (a list built in a loop), whose
    // release recurses as deep: it happens on the cell thread, whose stack is large.
    let globals = HeldGlobals(runtime.globals)
    runtime.globals.removeAll()
    if let worker {
      worker.submit { globals.release() }
      worker.stop()
    } else {
      globals.release()
    }
  }

  /// Runs one cell. `origin` is where the cell's first line sits in the notebook;
  /// `timeout` bounds the cell's wall time in seconds (nil means the default, 30 s).
  public func run(_ source: String, origin: SourceOrigin, timeout: Double? = nil) -> CellOutcome {
    let seconds = timeout ?? runtime.limits.timeout
    if abandoned {
      return CellOutcome(events: [
        .error(
          CellDiagnostic(
            message:
              "not run: an earlier cell overran its time limit inside a library call and the session was stopped",
            location: SourceLocation(file: origin.file, line: origin.line, column: origin.column)))
      ])
    }
    let job = CellJob(session: self, source: source, origin: origin, timeout: seconds)
    let done = DispatchSemaphore(value: 0)
    let worker = self.worker ?? CellWorker()
    self.worker = worker
    worker.submit {
      job.run()
      done.signal()
    }
    // Library calls stop at their next tensor once the cell's deadline has passed, but one
    // kernel (a huge matmul) cannot be interrupted; give it a short grace period, then leave
    // it behind (the worker stays busy with the stuck call and is never handed another cell).
    if done.wait(timeout: .now() + seconds + abandonGrace) == .timedOut {
      abandoned = true
      // what the cell printed before it got stuck shows, then the error at the statement it
      // was running (at the cell when it had not reached one)
      let (printed, statement) = runtime.printedSoFar()
      let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let line = statement.isUnknown ? 1 : Int(statement.line)
      let column = statement.isUnknown ? 1 : Int(statement.column)
      return CellOutcome(
        events: printed + [
          .error(
            CellDiagnostic(
              message:
                "the cell ran out of time (its limit is \(formatSeconds(seconds)) s) inside a library call; raise it with `//| timeout: N`",
              location: SourceLocation(
                file: origin.file, line: origin.line + line - 1,
                column: origin.column + column - 1),
              excerpt: statement.isUnknown ? "" : excerpt(lines, line: line, column: column)))
        ])
    }
    return job.outcome
  }

  /// Evaluates `expression` (the `{swift} expr` of prose) and returns its text as a cell
  /// would display it, or the located error.
  public func evaluateInline(_ expression: String, origin: SourceOrigin) -> Result<
    String, CellDiagnostic
  > {
    let outcome = run(expression, origin: origin)
    if let error = outcome.error { return .failure(error) }
    var text = ""
    for event in outcome.events {
      switch event {
      case .display(.text(let t)): text = t
      case .display(.math(let t, _)): text = t
      case .display:
        return .failure(
          CellDiagnostic(
            message: "an inline expression must give a plain value (a number, text, or Bool)",
            location: SourceLocation(file: origin.file, line: origin.line, column: origin.column)))
      case .output(let o): text += o
      default: break
      }
    }
    return .success(text)
  }

  // MARK: - One cell

  func execute(_ source: String, origin: SourceOrigin, timeout: Double) -> CellOutcome {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func diagnostic(_ message: String, _ loc: Loc, notes: [String] = []) -> CellDiagnostic {
      let line = max(1, Int(loc.line))
      let column = max(1, Int(loc.column))
      return CellDiagnostic(
        message: message,
        location: SourceLocation(
          file: origin.file, line: origin.line + line - 1, column: origin.column + column - 1),
        excerpt: excerpt(lines, line: line, column: column), notes: notes)
    }
    func failed(_ message: String, _ loc: Loc, notes: [String] = []) -> CellOutcome {
      CellOutcome(events: [.error(diagnostic(message, loc, notes: notes))])
    }

    // swift-syntax 603.0.1 traps while diagnosing some cells holding U+FFFD (the replacement for
    // invalid UTF-8), so such cells are refused before parsing.
    if let position = replacementCharacter(in: lines) {
      return failed(
        "the cell contains U+FFFD (a replacement character, often from invalid UTF-8); remove it or write it as \"\\u{FFFD}\"",
        position)
    }
    if let (line, column, scalar) = ControlCharacters.first(in: lines) {
      let code = String(scalar.value, radix: 16, uppercase: true)
      return failed(
        "the cell contains the control character U+\(String(repeating: "0", count: 4 - code.count))\(code); remove it",
        Loc(line: Int32(line), column: Int32(column)))
    }
    if let tooDeep = BracketNesting.firstTooDeep(in: lines) {
      return failed(
        tooDeep.message, Loc(line: Int32(tooDeep.line), column: Int32(tooDeep.column)))
    }
    let tree = Parser.parse(source: source)
    let converter = SourceLocationConverter(fileName: origin.file, tree: tree)
    let parseErrors = ParseDiagnosticsGenerator.diagnostics(for: tree).filter {
      $0.diagMessage.severity == .error
    }
    if let first = parseErrors.first {
      let l = first.location(converter: converter)
      let more = parseErrors.dropFirst().prefix(4).map {
        let ml = $0.location(converter: converter)
        return
          "\(origin.file):\(origin.line + ml.line - 1):\(origin.column + ml.column - 1): \($0.message)"
      }
      return failed(first.message, Loc(line: Int32(l.line), column: Int32(l.column)), notes: more)
    }
    var foldError: (String, Loc)?
    let folded = OperatorTable.standardOperators.foldAll(tree) { error in
      if foldError == nil {
        let l = error.asDiagnostic.location(converter: converter)
        foldError = ("\(error.message)", Loc(line: Int32(l.line), column: Int32(l.column)))
      }
    }
    if let (message, l) = foldError { return failed(message, l) }
    guard let file = folded.as(SourceFileSyntax.self) else {
      return failed("internal: folding did not give a source file", Loc(line: 1, column: 1))
    }

    let rt = runtime
    rt.timeoutSeconds = timeout
    rt.cellOrigin = origin
    rt.cellNumber += 1
    rt.startCell(timeout: timeout)
    // DLCore checks the same deadline whenever it creates a tensor, so a long library call
    // stops soon after the limit too
    budget.deadline = rt.deadline
    let compiled: CompiledCell
    do {
      let compiler = Compiler(rt: rt, converter: converter)
      compiled = try compiler.compileCell(file)
    } catch let e as EvalError {
      return failed(e.message, e.loc.isUnknown ? Loc(line: 1, column: 1) : e.loc, notes: e.notes)
    } catch {
      return failed(String(describing: error), Loc(line: 1, column: 1))
    }

    var failure: CellDiagnostic?
    RandomGenerator.$current.withValue(generator) {
      TensorBudget.$current.withValue(budget) {
        do {
          let frame = Frame(size: compiled.frameSize())
          for s in compiled.prologue { _ = try s(frame) }
          for (s, place) in zip(compiled.body, compiled.bodyLocs) {
            rt.reach(place)
            let flow = try s(frame)
            // a library call that ended after the limit without making a tensor (which would
            // have stopped it) is late all the same
            try rt.checkTime(place)
            if case .next = flow { continue }
          }
          if let result = compiled.result {
            rt.reach(compiled.resultLoc)
            let value = try result.eval(frame)
            try rt.checkTime(compiled.resultLoc)
            if case .void = value {
            } else {
              let shown = try at(compiled.resultLoc) { try rt.displayValue(value) }
              try rt.checkTime(compiled.resultLoc)
              rt.display(shown)
            }
          }
        } catch let e as EvalError {
          failure = diagnostic(
            e.message, e.loc.isUnknown ? Loc(line: 1, column: 1) : e.loc, notes: e.notes)
          if let (function, place, _) = e.arose, place != failure?.location {
            failure?.notes.insert("in '\(function)', at \(place)", at: 0)
          }
        } catch let e as LimitError {
          failure = diagnostic(
            e.isTimeUp ? rt.timeUpMessage : e.message,
            e.loc.isUnknown ? Loc(line: 1, column: 1) : e.loc)
        } catch is ChainIsNil {
          failure = diagnostic("internal: optional chain escaped", Loc(line: 1, column: 1))
        } catch TensorError.deadlinePassed {
          failure = diagnostic(rt.timeUpMessage, Loc(line: 1, column: 1))
        } catch {
          failure = diagnostic(describeForeignError(error), Loc(line: 1, column: 1))
        }
      }
    }
    var events = rt.takeEvents()
    if let failure { events.append(.error(failure)) }
    return CellOutcome(events: events)
  }

  func replacementCharacter(in lines: [String]) -> Loc? {
    for (i, line) in lines.enumerated() {
      if let index = line.unicodeScalars.firstIndex(of: "\u{FFFD}") {
        let column = line.unicodeScalars[..<index].reduce(0) { $0 + String($1).utf8.count } + 1
        return Loc(line: Int32(i + 1), column: Int32(column))
      }
    }
    return nil
  }

  /// The cell line and a caret under `column` (a UTF-8 column, as swift-syntax counts).
  func excerpt(_ lines: [String], line: Int, column: Int) -> String {
    guard line >= 1, line <= lines.count else { return "" }
    let text = lines[line - 1]
    let utf8 = Array(text.utf8)
    let prefixBytes = Array(utf8.prefix(max(0, column - 1)))
    let prefix = String(decoding: prefixBytes, as: UTF8.self)
    let padding = String(prefix.map { $0 == "\t" ? "\t" : " " })
    return text + "\n" + padding + "^"
  }
}

/// A thread with a 512 MB stack (deep recursion in cells) that runs the work handed to it one
/// piece at a time, until `stop()`: starting a thread for every cell cost 0.3-1.5 ms each.
final class CellWorker: @unchecked Sendable {
  private let condition = NSCondition()
  private var pending: (@Sendable () -> Void)?
  private var stopping = false
  private var ended = false

  init() {
    let thread = Thread { [self] in
      loop()
      condition.lock()
      ended = true
      condition.unlock()
    }
    thread.name = "nbrun cell"
    thread.stackSize = 512 << 20
    thread.start()
  }

  /// Runs `work` on the worker's thread after the work handed over before it.
  func submit(_ work: @escaping @Sendable () -> Void) {
    condition.lock()
    precondition(pending == nil, "a cell worker runs one cell at a time")
    pending = work
    condition.signal()
    condition.unlock()
  }

  /// Whether the worker's thread has left its loop (tests check that it ends with its session).
  var hasEnded: Bool {
    condition.lock()
    defer { condition.unlock() }
    return ended
  }

  /// Lets the thread end once its current work (if any) is done.
  func stop() {
    condition.lock()
    stopping = true
    condition.signal()
    condition.unlock()
  }

  private func loop() {
    while true {
      condition.lock()
      while pending == nil && !stopping { condition.wait() }
      var work = pending
      pending = nil
      condition.unlock()
      guard work != nil else { return }
      work?()
      // The work may hold the last reference to its session, whose deinit calls stop():
      // release it here, outside the lock.
      work = nil
    }
  }
}

/// A session's globals on their way to the cell thread, to be released there.
private final class HeldGlobals: @unchecked Sendable {
  private var globals: [String: GlobalVar]

  init(_ globals: [String: GlobalVar]) { self.globals = globals }

  func release() { globals = [:] }
}

/// A cell handed to the evaluation thread.
private final class CellJob: @unchecked Sendable {
  let session: Session
  let source: String
  let origin: SourceOrigin
  let timeout: Double
  var outcome = CellOutcome()

  init(session: Session, source: String, origin: SourceOrigin, timeout: Double) {
    self.session = session
    self.source = source
    self.origin = origin
    self.timeout = timeout
  }

  func run() {
    outcome = session.execute(source, origin: origin, timeout: timeout)
  }
}

extension Runtime {
  /// How the page shows `value` at the end of a cell or through `display(_:)`.
  func displayValue(_ value: Value) throws -> DisplayValue {
    if case .native(let n) = value, let display = n.type.display {
      return try display(n.object)
    }
    return .text(value.description)
  }
}

extension Runtime {
  /// The time-limit error at `loc` when the cell's deadline has passed.
  func checkTime(_ loc: Loc) throws {
    if let failure = descriptionFailure {
      descriptionFailure = nil
      if var limit = failure as? LimitError, limit.loc.isUnknown {
        limit.loc = loc
        throw limit
      }
      if let e = failure as? EvalError { throw e.located(loc) }
      throw failure
    }
    if valueTooDeep {
      valueTooDeep = false
      throw LimitError(
        message:
          "a value nests more than \(Runtime.maxValueDepth) deep here (a recursive type built up in a loop?), too deep to print or describe",
        loc: loc)
    }
    if DispatchTime.now().uptimeNanoseconds > deadline {
      throw LimitError(message: timeUpMessage, loc: loc)
    }
  }
}

extension Compiler {
  /// Where a statement's time-limit error points when the statement ended late: the value of
  /// `let x = try f(...)` or the expression of an expression statement (past `try`), else the
  /// statement's start.
  static func timePlace(_ item: CodeBlockItemSyntax) -> Syntax {
    func pastTry(_ e: ExprSyntax) -> Syntax {
      if let t = e.as(TryExprSyntax.self) { return pastTry(t.expression) }
      return Syntax(e)
    }
    switch item.item {
    case .decl(let d):
      if let v = d.as(VariableDeclSyntax.self), v.bindings.count == 1,
        let value = v.bindings.first?.initializer?.value
      {
        return pastTry(value)
      }
      return Syntax(item)
    case .expr(let e): return pastTry(e)
    default: return Syntax(item)
    }
  }
}
