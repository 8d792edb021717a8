import Evaluator
import Foundation
import XCTest

@testable import Notebook

#if canImport(FoundationXML)
  import FoundationXML
#endif

final class CrossReferenceTests: XCTestCase {
  func testFiguresAndTablesAreNumberedAndReferenced() throws {
    let text = """
      # Refs

      See @fig-loss, @tbl-params and @fig-acc. Unknown: @fig-nothing; mail a@fig-loss.com.

      ```swift
      //| label: fig-loss
      //| fig-cap: Training <loss>
      1
      ```

      ```swift
      //| label: tbl-params
      2
      ```

      ```swift
      //| label: fig-acc
      3
      ```

      *As @fig-acc shows.*
      """
    let (rendered, xml) = try page(text)
    XCTAssertEqual(
      xml.strings("//a[@class='nb-ref']"), ["Figure 1", "Table 1", "Figure 2", "Figure 2"])
    XCTAssertEqual(
      xml.strings("//a[@class='nb-ref']/@href"),
      ["#fig-loss", "#tbl-params", "#fig-acc", "#fig-acc"])
    XCTAssertEqual(
      xml.strings("//figure/figcaption"), ["Figure 1: Training <loss>", "Table 1", "Figure 2"])
    XCTAssertEqual(xml.strings("//figure/@id"), ["fig-loss", "tbl-params", "fig-acc"])
    XCTAssertTrue(
      xml.strings("//p").first?.contains("Unknown: @fig-nothing; mail a@fig-loss.com.") == true)
    XCTAssertEqual(
      rendered.diagnostics.map { "\($0.location): \($0.message)" },
      [
        "test.md:3:51: no cell has the label 'fig-nothing'; a reference needs a cell with '//| label: fig-nothing'"
      ])
  }
}
