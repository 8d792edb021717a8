import DLCore
import XCTest

@testable import Evaluator

/// The case names cells use for library enums are spelled out in the evaluator (a description
/// through the runtime is slow the first time); they must be the names Swift itself prints.
final class LibraryEnumNameTests: XCTestCase {
  func testCaseNamesAreTheNamesSwiftPrints() {
    for c in [TransformerActivation.relu, .gelu] {
      XCTAssertEqual(c.caseName, String(describing: c))
    }
    for c in [Averaging.binary, .macro, .micro] {
      XCTAssertEqual(c.caseName, String(describing: c))
    }
    for c in [BiasConvention.double, .single] {
      XCTAssertEqual(c.caseName, String(describing: c))
    }
    for c in [RNNNonlinearity.tanh, .relu] {
      XCTAssertEqual(c.caseName, String(describing: c))
    }
  }
}
