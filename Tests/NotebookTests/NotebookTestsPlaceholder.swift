import XCTest
@testable import Notebook

final class NotebookTestsPlaceholder: XCTestCase {
  func testModuleLoads() {}
}
