import Foundation
import XCTest

@testable import DLCore

/// `TensorBudget` checks its deadline against the coarse clock and reads the precise clock only
/// near the deadline; the answer must be the precise clock's on both sides of it.
final class BudgetClockTests: XCTestCase {
  func testADeadlineThatHasPassedIsSeenAtOnce() {
    for ago: UInt64 in [1, 1_000, 1_000_000, 3_000_000, 7_000_000, 20_000_000, 5_000_000_000] {
      let deadline = DispatchTime.now().uptimeNanoseconds - ago
      XCTAssertTrue(TensorBudget.hasPassed(deadline), "\(ago) ns ago")
    }
    XCTAssertTrue(TensorBudget.hasPassed(0))
  }

  func testADeadlineAheadHasNotPassedWhileThePreciseClockIsBeforeIt() {
    for ahead: UInt64 in [
      500_000, 1_000_000, 3_000_000, 5_000_000, 7_000_000, 9_000_000, 20_000_000,
      60_000_000_000,
    ] {
      let deadline = DispatchTime.now().uptimeNanoseconds + ahead
      let passed = TensorBudget.hasPassed(deadline)
      // on a loaded machine the thread may sleep past a near deadline between the two reads
      if DispatchTime.now().uptimeNanoseconds < deadline {
        XCTAssertFalse(passed, "\(ahead) ns ahead")
      }
    }
  }

  /// A tensor made just after a deadline a few milliseconds ahead (inside the coarse clock's
  /// window) is refused, not only one made a tick later.
  func testATensorMadeJustAfterANearDeadlineIsRefused() throws {
    let budget = TensorBudget(maxElementsPerTensor: 1_000)
    let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000
    budget.deadline = deadline
    while DispatchTime.now().uptimeNanoseconds <= deadline {}
    try TensorBudget.$current.withValue(budget) {
      XCTAssertThrowsError(try Tensor.zeros([2])) { error in
        XCTAssertEqual(error as? TensorError, .deadlinePassed(op: "Tensor(shape:repeating:)"))
      }
    }
    XCTAssertEqual(budget.liveElements, 0)
  }
}
