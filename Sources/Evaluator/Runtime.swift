import DLCore
import Foundation

/// A position inside a cell: 1-based line and UTF-8 column, as swift-syntax reports them.
struct Loc: Equatable {
  var line: Int32
  var column: Int32
  static let unknown = Loc(line: 0, column: 0)
  var isUnknown: Bool { line == 0 }
}

/// An error raised while compiling or running a cell, located in the cell.
struct EvalError: Error {
  var message: String
  var loc: Loc
  var notes: [String] = []
  /// The function and notebook place where the error arose, once it has left a function: the
  /// session notes it when the error is shown elsewhere (at a call of an earlier cell's code).
  var arose: (function: String, location: SourceLocation, cell: Int)?
  /// The error a library function threw, when this is one: the only kind Swift's `catch` and
  /// `try?` see (an index out of range or an overflow is a trap in Swift, not a thrown error).
  var thrown: (any Error)?

  init(_ message: String, at loc: Loc = .unknown, notes: [String] = []) {
    self.message = message
    self.loc = loc
    self.notes = notes
  }

  /// The same error, placed at `loc` unless it already has a place.
  func located(_ loc: Loc) -> EvalError {
    var copy = self
    if copy.loc.isUnknown { copy.loc = loc }
    return copy
  }
}

/// Runs `body`, giving any error without a place the place `loc`; foreign errors (thrown by
/// DLCore or Charts) become cell errors with their own text.
@inline(__always)
func at<T>(_ loc: Loc, _ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as EvalError {
    throw error.located(loc)
  } catch let error as LimitError {
    if error.loc.isUnknown {
      var located = error
      located.loc = loc
      throw located
    }
    throw error
  } catch let error as ChainIsNil {
    throw error
  } catch TensorError.deadlinePassed {
    // the cell's time ran out inside a library call: a limit, which `catch` and `try?` in
    // the cell must not see
    throw LimitError.timeUp(at: loc)
  } catch {
    var wrapped = EvalError(describeForeignError(error), at: loc)
    wrapped.thrown = error
    throw wrapped
  }
}

func describeForeignError(_ error: Error) -> String {
  // DLCore's and Charts' errors describe themselves (CustomStringConvertible)
  String(describing: error)
}

/// A bound that stops a cell: time, steps, recursion, output, memory.
struct LimitError: Error {
  var message: String
  var loc: Loc
  /// Set when the cell ran out of time inside a library call; the session words the message.
  var isTimeUp = false

  /// The cell's time ran out inside the library call at `loc`.
  static func timeUp(at loc: Loc) -> LimitError {
    LimitError(message: "the cell ran out of time", loc: loc, isTimeUp: true)
  }
}

/// What a statement tells the code around it.
enum Flow {
  case next
  case breakLoop(String?)
  case continueLoop(String?)
  case returned
}

typealias Expr = (Frame) throws -> Value
typealias Stmt = (Frame) throws -> Flow

/// A statement held in an array. A closure stored directly as an array element is kept in the
/// array's generic form: putting it in wraps it in a conversion thunk (a new context) and taking
/// it out wraps it again, so every run of it passes through two more indirect calls. A struct
/// element keeps the closure as it is.
struct Statement {
  let run: Stmt
  init(_ run: @escaping Stmt) { self.run = run }
}

/// The variables of one running function (or of a cell's top level).
///
/// Slots live in raw memory rather than a Swift array: the interpreter's hottest path reads and
/// writes them, and raw memory skips bounds and exclusivity checks (slot indices come from the
/// compiler, which allocated exactly `size` of them).
final class Frame {
  let slots: UnsafeMutablePointer<Box>
  let size: Int
  var returnValue: Value = .void

  init(size: Int) {
    self.size = size
    slots = .allocate(capacity: Swift.max(1, size))
    for i in 0..<size { (slots + i).initialize(to: Box(.void)) }
  }

  /// A frame whose slot `captured` holds `box` (a method's `self`) rather than a new box.
  init(size: Int, slot captured: Int, holding box: Box) {
    self.size = size
    slots = .allocate(capacity: Swift.max(1, size))
    for i in 0..<size { (slots + i).initialize(to: i == captured ? box : Box(.void)) }
  }

  deinit {
    slots.deinitialize(count: size)
    slots.deallocate()
  }
}

/// Limits a session enforces on every cell.
public struct EvaluationLimits: Sendable {
  /// Wall time per cell, in seconds, when the cell gives no timeout.
  public var timeout: Double = 30
  /// Loop iterations plus calls per cell.
  public var maxSteps: Int = 2_000_000_000
  /// Nested calls of cell functions and closures.
  public var maxCallDepth: Int = 1_000
  /// Bytes of `print` output per cell.
  public var maxOutputBytes: Int = 1 << 20

  public init() {}
}

/// The state of one cell while it runs, shared by all compiled code of the session.
final class Runtime {
  var limits = EvaluationLimits()
  /// Loop iterations and calls so far (raw memory: counted on every iteration).
  let stepCounter = UnsafeMutablePointer<Int>.allocate(capacity: 1)
  var steps: Int {
    get { stepCounter.pointee }
    set { stepCounter.pointee = newValue }
  }
  var stepBudget = 0
  var deadline: UInt64 = 0
  var depth = 0
  var outputBytes = 0
  var events: [CellEvent] = []
  var pendingOutput = ""
  /// Guards `events`, `pendingOutput` and `statement`: a cell abandoned at its time limit
  /// inside a library call may still be writing them while the session takes what it
  /// printed so far (`printedSoFar`).
  let outputLock = NSLock()
  /// The top-level statement the running cell is at.
  var statement = Loc.unknown
  /// Set while a call is marked with `try`, so bound throwing calls know whether Swift would
  /// accept them.
  var globals: [String: GlobalVar] = [:]
  /// Structs and enums the session's cells declared, by name.
  var userTypes = UserTypeScope.Table()
  let builtins: Builtins

  init(builtins: Builtins) {
    self.builtins = builtins
    stepCounter.initialize(to: 0)
  }

  deinit { stepCounter.deallocate() }

  /// How deep cell-type values are being described or compared (each level recurses on the
  /// cell thread's stack): past `maxValueDepth` a description gives up and sets
  /// `valueTooDeep`, which fails the statement; a comparison throws.
  var valueDepth = 0
  var valueTooDeep = false
  static let maxValueDepth = 10_000
  /// The error a cell type's `description` threw while a value was described (describing
  /// cannot throw): the statement that asked fails with it, like `valueTooDeep`.
  var descriptionFailure: (any Error)?

  func startCell(timeout: Double) {
    steps = 0
    depth = 0
    valueDepth = 0
    valueTooDeep = false
    descriptionFailure = nil
    outputBytes = 0
    outputLock.withLock {
      events = []
      pendingOutput = ""
      statement = .unknown
    }
    stepBudget = limits.maxSteps
    let now = DispatchTime.now().uptimeNanoseconds
    deadline = now &+ UInt64(max(0.001, timeout) * 1e9)
  }

  /// Counts one loop iteration or call; every 4,096 steps checks the clock.
  @inline(__always)
  func tick(_ loc: Loc) throws {
    stepCounter.pointee &+= 1
    if stepCounter.pointee & 0xFFF == 0 { try checkLimits(loc) }
  }

  func checkLimits(_ loc: Loc) throws {
    if steps > stepBudget {
      throw LimitError(
        message: "the cell exceeded its step limit (\(limits.maxSteps) loop iterations and calls)",
        loc: loc)
    }
    if DispatchTime.now().uptimeNanoseconds > deadline {
      throw LimitError(message: timeUpMessage, loc: loc)
    }
  }

  /// What a cell that ran out of time is told.
  var timeUpMessage: String {
    "the cell ran out of time (its limit is \(formatSeconds(timeoutSeconds)) s; raise it with `//| timeout: N`)"
  }

  var timeoutSeconds: Double = 30
  /// Where the running cell starts in its notebook.
  var cellOrigin = SourceOrigin(file: "", line: 1)
  /// Counts the cells run, so that code knows whether it belongs to the running cell.
  var cellNumber = 0

  /// A place in the running cell, in notebook coordinates.
  func notebookLocation(_ l: Loc) -> SourceLocation? {
    guard !l.isUnknown else { return nil }
    return SourceLocation(
      file: cellOrigin.file, line: cellOrigin.line + Int(l.line) - 1,
      column: cellOrigin.column + Int(l.column) - 1)
  }

  func write(_ text: String, at loc: Loc) throws {
    if valueTooDeep || descriptionFailure != nil { try checkTime(loc) }
    outputBytes += text.utf8.count
    if outputBytes > limits.maxOutputBytes {
      throw LimitError(
        message: "the cell printed more than \(limits.maxOutputBytes) bytes of output", loc: loc)
    }
    outputLock.withLock { pendingOutput += text }
  }

  func flushOutput() {
    outputLock.withLock { flushLocked() }
  }

  private func flushLocked() {
    if !pendingOutput.isEmpty {
      events.append(.output(pendingOutput))
      pendingOutput = ""
    }
  }

  func display(_ value: DisplayValue) {
    record(.display(value))
  }

  /// Adds `event` after what the cell printed so far.
  func record(_ event: CellEvent) {
    outputLock.withLock {
      flushLocked()
      events.append(event)
    }
  }

  /// Notes that the running cell has reached its top-level statement at `loc`.
  func reach(_ loc: Loc) {
    outputLock.withLock { statement = loc }
  }

  /// The cell's events so far, its printed text included, and the statement it is at; safe to
  /// call from another thread while the cell runs.
  func printedSoFar() -> (events: [CellEvent], statement: Loc) {
    outputLock.withLock {
      (pendingOutput.isEmpty ? events : events + [.output(pendingOutput)], statement)
    }
  }

  /// The cell's events, printed text included, leaving none.
  func takeEvents() -> [CellEvent] {
    outputLock.withLock {
      flushLocked()
      defer { events = [] }
      return events
    }
  }
}

func formatSeconds(_ seconds: Double) -> String {
  seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
}

/// A name defined at the top level of a cell, visible to later cells.
struct GlobalVar {
  var box: Box
  var isLet: Bool
  var type: VType?
  /// A computed variable: the box holds its getter.
  var isComputed = false
}
