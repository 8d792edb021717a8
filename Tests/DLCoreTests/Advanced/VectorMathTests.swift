import Foundation
import XCTest

@testable import DLCore

/// The vectorized exp, sigmoid and tanh (CVectorMath) used by the recurrent and attention
/// kernels: checked against the C library over a wide range, including tails and special values,
/// and the AVX2 build checked to give the same bits as the portable one.
final class VectorMathTests: XCTestCase {
  /// -40.02 ... 40.02 in steps of 0.02 (an odd count, so the last group of four is partial),
  /// then tiny and huge magnitudes of both signs.
  let arguments: [Double] = {
    var xs: [Double] = (0..<4003).map { Double($0 - 2001) / 50 }
    for e in 1...300 {
      let x: Double = 1.37 * Foundation.pow(10.0, -Double(e))
      xs += [x, -x]
    }
    return xs + [700, 709.5, -700, -740, -745]
  }()

  func values(_ f: AdvancedKernels.VectorFunction, portable: Bool = false) -> [Double] {
    var v = arguments
    v.withUnsafeMutableBufferPointer {
      AdvancedKernels.apply(f, $0.baseAddress!, count: $0.count, portable: portable)
    }
    return v
  }

  /// `actual` within `ulps` units in the last place of `expected`, a correctly rounded result
  /// being within 0.5; the C library is itself within about 1.
  func assertClose(
    _ actual: Double, _ expected: Double, ulps: Double, _ what: String,
    file: StaticString = #filePath, line: UInt = #line
  ) {
    if expected == 0 || !expected.isFinite {
      XCTAssertEqual(actual, expected, what, file: file, line: line)
    } else {
      XCTAssertEqual(
        actual, expected, accuracy: ulps * expected.magnitude.ulp, what, file: file, line: line)
    }
  }

  func testAgreesWithTheCLibrary() throws {
    let e = values(.exp)
    let s = values(.sigmoid)
    let t = values(.tanh)
    for (i, x) in arguments.enumerated() {
      assertClose(e[i], Foundation.exp(x), ulps: 3, "exp(\(x))")
      // 1 / (1 + e^-x) computed by libm adds up to two roundings of its own.
      assertClose(s[i], 1 / (1 + Foundation.exp(-x)), ulps: 4, "sigmoid(\(x))")
      assertClose(t[i], Foundation.tanh(x), ulps: 3, "tanh(\(x))")
    }
    // Relative accuracy near zero, where 2 / (1 + e^-2x) - 1 would lose every digit.
    var tiny: [Double] = [1e-10, -3e-200]
    AdvancedKernels.tanhInPlace(&tiny, count: 2)
    XCTAssertEqual(tiny, [1e-10, -3e-200])
  }

  func testPortableBuildGivesTheSameBits() throws {
    for f in AdvancedKernels.VectorFunction.allCases {
      let fast = values(f).map(\.bitPattern)
      let portable = values(f, portable: true).map(\.bitPattern)
      XCTAssertEqual(fast, portable, "\(f) (AVX2 in use: \(AdvancedKernels.usesAVX2))")
    }
    let batch = 3
    let hidden = 5
    let gateValues = (0..<(batch * 4 * hidden)).map { Foundation.sin(Double($0)) * 3 }
    let previous = (0..<(batch * hidden)).map { Foundation.cos(Double($0)) }
    var results: [[UInt64]] = []
    for portable in [false, true] {
      var gates = gateValues
      var cell = [Double](repeating: 0, count: batch * hidden)
      var cellTanh = cell
      var h = cell
      AdvancedKernels.lstmCell(
        batch: batch, hidden: hidden, gates: &gates, previousCell: previous, cell: &cell,
        cellTanh: &cellTanh, hiddenState: &h, portable: portable)
      results.append((gates + cell + cellTanh + h).map(\.bitPattern))
      // The LSTM update by hand, for the first row's first unit.
      let i = 1 / (1 + Foundation.exp(-gateValues[0]))
      let f = 1 / (1 + Foundation.exp(-gateValues[hidden]))
      let g = Foundation.tanh(gateValues[2 * hidden])
      let o = 1 / (1 + Foundation.exp(-gateValues[3 * hidden]))
      let c = f * previous[0] + i * g
      XCTAssertEqual(cell[0], c, accuracy: 1e-15)
      XCTAssertEqual(h[0], o * Foundation.tanh(c), accuracy: 1e-15)
    }
    XCTAssertEqual(results[0], results[1])
  }

  func testSpecialValues() throws {
    var v: [Double] = [-1000, 1000, .nan, 0, -.infinity, .infinity, 1e-300]
    AdvancedKernels.sigmoidInPlace(&v, count: v.count)
    XCTAssertEqual(v[0], 0, accuracy: 1e-300)
    XCTAssertEqual(v[1], 1)
    XCTAssertTrue(v[2].isNaN)
    XCTAssertEqual(v[3], 0.5)
    XCTAssertEqual(v[4], 0, accuracy: 1e-300)
    XCTAssertEqual(v[5], 1)
    var t: [Double] = [-1000, 1000, .nan, 0, -0.0, .infinity]
    AdvancedKernels.tanhInPlace(&t, count: t.count)
    XCTAssertEqual([t[0], t[1], t[3], t[5]], [-1, 1, 0, 1])
    XCTAssertTrue(t[2].isNaN)
    XCTAssertEqual(t[4].sign, .minus)
    var e: [Double] = [-746, -740, 709.9, .nan, -.infinity, .infinity]
    AdvancedKernels.expInPlace(&e, count: e.count)
    XCTAssertEqual(e[0], 0)
    XCTAssertEqual(e[1], Foundation.exp(-740))  // subnormal, rounded once
    XCTAssertEqual(e[2], .infinity)
    XCTAssertTrue(e[3].isNaN)
    XCTAssertEqual(e[4], 0)
    XCTAssertEqual(e[5], .infinity)
  }
}
