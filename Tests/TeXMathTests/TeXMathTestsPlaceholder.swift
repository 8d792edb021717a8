import XCTest
@testable import TeXMath

final class TeXMathTestsPlaceholder: XCTestCase {
  func testModuleLoads() {}
}
