import XCTest
@testable import Charts

final class ChartsTestsPlaceholder: XCTestCase {
  func testModuleLoads() {}
}
