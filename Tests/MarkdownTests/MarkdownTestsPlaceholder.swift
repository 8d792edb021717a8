import XCTest
@testable import Markdown

final class MarkdownTestsPlaceholder: XCTestCase {
  func testModuleLoads() {}
}
