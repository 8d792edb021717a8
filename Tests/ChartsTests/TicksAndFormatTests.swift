import XCTest

@testable import Charts

final class TicksAndFormatTests: XCTestCase {
  func testLinearTicksAreOneTwoFiveStepsWithoutDrift() {
    let ticks = Ticks.linear(0, 1, target: 5)
    XCTAssertEqual(ticks.map(\.label), ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    // Each value is the double nearest the decimal, not an accumulated sum (0.6000000000000001).
    XCTAssertEqual(ticks.map(\.value), [0, 0.2, 0.4, 0.6, 0.8, 1.0])

    let fine = Ticks.linear(0, 0.35, target: 7)
    XCTAssertEqual(
      fine.map(\.label), ["0.00", "0.05", "0.10", "0.15", "0.20", "0.25", "0.30", "0.35"])
    XCTAssertEqual(fine[6].value, 0.3)
    XCTAssertFalse(fine.map(\.label).joined().contains("0000"))
  }

  func testNegativeLabelsUseTheMinusSign() {
    let ticks = Ticks.linear(-2.5, 2.5, target: 5)
    XCTAssertEqual(ticks.map(\.label), ["\u{2212}2", "\u{2212}1", "0", "1", "2"])
  }

  func testLargeAndSmallStepsUsePowersOfTen() {
    XCTAssertEqual(
      Ticks.linear(0, 5e6, target: 5).map(\.label),
      ["0", "10⁶", "2×10⁶", "3×10⁶", "4×10⁶", "5×10⁶"])
    XCTAssertEqual(
      Ticks.linear(0, 4e-6, target: 4).map(\.label), ["0", "10⁻⁶", "2×10⁻⁶", "3×10⁻⁶", "4×10⁻⁶"])
    XCTAssertEqual(
      Ticks.linear(1000, 3000, target: 4).map(\.label), ["1000", "1500", "2000", "2500", "3000"])
  }

  func testIntegerTicksNeverFallBetweenIntegers() {
    XCTAssertEqual(Ticks.linear(0.5, 3.5, target: 10, integerOnly: true).map(\.value), [1, 2, 3])
  }

  func testLogTicksArePowersOfTenOrOneTwoFive() {
    XCTAssertEqual(
      Ticks.logarithmic(0.001, 10, target: 5).map(\.label), ["0.001", "0.01", "0.1", "1", "10"])
    XCTAssertEqual(
      Ticks.logarithmic(0.04, 0.8, target: 5).map(\.label), ["0.05", "0.1", "0.2", "0.5"])
    XCTAssertEqual(
      Ticks.logarithmic(1e-12, 1, target: 4).map(\.label), ["10⁻¹²", "10⁻⁸", "0.0001", "1"])
  }

  func testDegenerateRangesGiveNoTicksRatherThanTrapping() {
    XCTAssertEqual(Ticks.linear(1, 1, target: 5), [])
    XCTAssertEqual(Ticks.linear(.nan, 1, target: 5), [])
    XCTAssertEqual(Ticks.linear(-1e300, 1e300, target: 5).count, 5)
    XCTAssertEqual(Ticks.logarithmic(0, 1, target: 5), [])
  }

  func testValueFormatting() {
    XCTAssertEqual(Format.value(0.1 + 0.2), "0.3")
    XCTAssertEqual(Format.value(-0.5), "\u{2212}0.5")
    XCTAssertEqual(Format.value(0.69314718), "0.693")
    XCTAssertEqual(Format.value(25088), "25088")
    XCTAssertEqual(Format.value(2.5e-7), "2.5×10⁻⁷")
    XCTAssertEqual(Format.value(-1e20), "\u{2212}10²⁰")
    XCTAssertEqual(Format.value(.nan), "NaN")
    XCTAssertEqual(Format.count(1_234_567), "1\u{2009}234\u{2009}567")
  }

  func testCoordinatesRoundToTenthsAndStayFinite() {
    XCTAssertEqual(SVG.number(12.345), "12.3")
    XCTAssertEqual(SVG.number(-0.04), "0")
    XCTAssertEqual(SVG.number(-0.05), "-0.1")
    XCTAssertEqual(SVG.number(.infinity), "0")
    XCTAssertEqual(SVG.number(1e300), "10000000")
  }

  func testEscapingCoversMarkupQuotesAndForbiddenCharacters() {
    XCTAssertEqual(SVG.escape("a<b & \"c\" 'd'>"), "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;")
    XCTAssertEqual(SVG.escape("x\u{0}y\u{1}z\u{FFFF}"), "x\u{FFFD}y\u{FFFD}z\u{FFFD}")
    XCTAssertEqual(SVG.escape("line\nbreak"), "line break")
    XCTAssertEqual(SVG.escape("plain"), "plain")
  }
}
