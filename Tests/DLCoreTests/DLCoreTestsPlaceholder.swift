import XCTest
@testable import DLCore

final class DLCoreTestsPlaceholder: XCTestCase {
  func testModuleLoads() {}
}
