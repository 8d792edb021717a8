import XCTest
@testable import Notebook

final class NbrunTestsPlaceholder: XCTestCase {
  func testModuleLoads() {}
}
