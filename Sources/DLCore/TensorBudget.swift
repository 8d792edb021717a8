import Foundation
import Synchronization

/// Bounds the memory that tensors may take.
///
/// Every tensor an operation creates first reserves its element count from the budget in
/// force, and the operation throws ``TensorError/budgetExceeded(op:requested:limit:reason:)``
/// instead of allocating when the tensor is too large or the live total would pass the limit.
/// A tensor gives its elements back when it is freed.
///
/// The budget in force is task-local: a host (such as a notebook evaluator) scopes one around
/// untrusted code:
///
/// ```swift
/// let budget = TensorBudget(maxElementsPerTensor: 10_000_000, maxTotalElements: 50_000_000)
/// try TensorBudget.$current.withValue(budget) {
///   _ = try Tensor.zeros([100_000, 100_000])  // throws: exceeds the limit
/// }
/// ```
///
/// Outside any scope, only ``defaultMaxElementsPerTensor`` applies (no total is tracked).
///
/// A budget can also carry a ``deadline``: once it has passed, every tensor creation under the
/// budget throws ``TensorError/deadlinePassed(op:)``, so a long library call (a `fit` of many
/// epochs) stops at its next tensor instead of running on.
public final class TensorBudget: @unchecked Sendable {
  /// The per-tensor element limit used when no budget is in scope: 2^28 elements (2 GiB).
  public static let defaultMaxElementsPerTensor = 1 << 28

  /// The budget in force for the current task; `nil` means only the default per-tensor limit.
  @TaskLocal public static var current: TensorBudget?

  /// The largest number of elements a single tensor may have.
  public let maxElementsPerTensor: Int
  /// The largest number of elements all live tensors created under this budget may have.
  public let maxTotalElements: Int

  // Atomics rather than a lock: every tensor reserves and releases, a training step makes
  // dozens, and an uncontended lock and unlock cost two atomic operations each.
  private let live = Atomic<Int>(0)
  private let peak = Atomic<Int>(0)
  /// The deadline plus one; 0 when there is none.
  private let deadlineStorage = Atomic<UInt64>(0)

  /// The moment, in `DispatchTime` uptime nanoseconds, after which tensor creation under this
  /// budget throws ``TensorError/deadlinePassed(op:)``; `nil` (the default) means no deadline
  /// (as does `UInt64.max`, which reads back as `nil`). A host sets it before running code with a
  /// time limit.
  public var deadline: UInt64? {
    get {
      let stored = deadlineStorage.load(ordering: .acquiring)
      return stored == 0 ? nil : stored - 1
    }
    set {
      deadlineStorage.store(newValue.map { $0 &+ 1 } ?? 0, ordering: .releasing)
    }
  }

  /// Creates a budget.
  /// - Parameters:
  ///   - maxElementsPerTensor: the largest element count of one tensor.
  ///   - maxTotalElements: the largest element count of all live tensors together.
  public init(maxElementsPerTensor: Int, maxTotalElements: Int = .max) {
    self.maxElementsPerTensor = max(0, maxElementsPerTensor)
    self.maxTotalElements = max(0, maxTotalElements)
  }

  /// Elements held by live tensors created under this budget.
  public var liveElements: Int { live.load(ordering: .relaxed) }

  /// The largest value ``liveElements`` has reached.
  public var peakElements: Int { peak.load(ordering: .relaxed) }

  func reserve(_ count: Int, op: String) throws {
    let stored = deadlineStorage.load(ordering: .relaxed)
    if stored != 0, Self.hasPassed(stored - 1) {
      throw TensorError.deadlinePassed(op: op)
    }
    if count > maxElementsPerTensor {
      throw TensorError.budgetExceeded(
        op: op, requested: count, limit: maxElementsPerTensor, reason: "per-tensor limit")
    }
    var current = live.load(ordering: .relaxed)
    var total: Int
    while true {
      let (sum, overflow) = current.addingReportingOverflow(count)
      if overflow || sum > maxTotalElements {
        throw TensorError.budgetExceeded(
          op: op, requested: count, limit: maxTotalElements,
          reason: "\(current) elements are already live under the total limit")
      }
      let (exchanged, found) = live.compareExchange(
        expected: current, desired: sum, ordering: .relaxed)
      if exchanged {
        total = sum
        break
      }
      current = found
    }
    // the peak is the largest total any reservation reached
    var highest = peak.load(ordering: .relaxed)
    while total > highest {
      let (exchanged, found) = peak.compareExchange(
        expected: highest, desired: total, ordering: .relaxed)
      if exchanged { break }
      highest = found
    }
  }

  /// Whether the `DispatchTime` uptime `deadline` has passed.
  ///
  /// Reading the precise clock costs about 30 ns on this project's Linux VMs, more than the rest
  /// of a reservation, and a training step makes dozens of tensors. The coarse clock (the time of
  /// the last scheduler tick, about 4 ns to read) is never ahead of the precise one, so a coarse
  /// time past the deadline means it has passed, and a coarse time more than two ticks before it
  /// means it has not; only within those two ticks is the precise clock read, so the answer is
  /// always the precise clock's.
  @inline(__always)
  static func hasPassed(_ deadline: UInt64) -> Bool {
    #if os(Linux)
      var now = timespec()
      clock_gettime(CLOCK_MONOTONIC_COARSE, &now)
      let coarse = UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
      if coarse > deadline { return true }
      // here coarse <= deadline
      if deadline - coarse > coarseWindow { return false }
    #endif
    return DispatchTime.now().uptimeNanoseconds > deadline
  }

  #if os(Linux)
    /// Two ticks of the coarse clock, in nanoseconds: how far it may lag the precise clock
    /// (`DispatchTime` reads `CLOCK_MONOTONIC` on Linux), with a tick to spare.
    static let coarseWindow: UInt64 = {
      var resolution = timespec()
      guard clock_getres(CLOCK_MONOTONIC_COARSE, &resolution) == 0 else { return .max }
      let tick = UInt64(resolution.tv_sec) &* 1_000_000_000 &+ UInt64(resolution.tv_nsec)
      return tick < 1_000_000_000 ? 2 * tick : .max
    }()
  #endif

  func release(_ count: Int) {
    live.wrappingSubtract(count, ordering: .relaxed)
  }

  /// Throws if a tensor of `count` elements could not be created now under the budget in force
  /// (used before building large arrays that become tensors later).
  static func checkInCurrent(_ count: Int, op: String) throws {
    guard count >= 0 else {
      throw TensorError.budgetExceeded(
        op: op, requested: Int.max, limit: defaultMaxElementsPerTensor,
        reason: "the element count overflows")
    }
    if let budget = current {
      try budget.reserve(count, op: op)
      budget.release(count)
    } else if count > defaultMaxElementsPerTensor {
      throw TensorError.budgetExceeded(
        op: op, requested: count, limit: defaultMaxElementsPerTensor,
        reason: "default per-tensor limit")
    }
  }

  /// Reserves `count` elements in the budget in force, returning the budget to release to.
  static func reserveInCurrent(_ count: Int, op: String) throws -> TensorBudget? {
    if let budget = current {
      try budget.reserve(count, op: op)
      return budget
    }
    if count > defaultMaxElementsPerTensor {
      throw TensorError.budgetExceeded(
        op: op, requested: count, limit: defaultMaxElementsPerTensor,
        reason: "default per-tensor limit")
    }
    return nil
  }
}
