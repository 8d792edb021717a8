import XCTest
@testable import Evaluator

final class EvaluatorTestsPlaceholder: XCTestCase {
  func testModuleLoads() {}
}
