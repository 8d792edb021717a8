import Foundation
import XCTest

@testable import DLCore

/// The vectorized exp, sigmoid and tanh used by the recurrent and attention kernels, checked
/// against the C library (Foundation) over a wide range, including the tail and special values.
final class VectorMathTests: XCTestCase {
  func testAgreesWithTheCLibrary() throws {
    let xs = (0..<4003).map { Double($0 - 2001) / 50 }  // -40.02 ... 40.02, odd count for a tail
    var e = xs
    var s = xs
    var t = xs
    e.withUnsafeMutableBufferPointer {
      AdvancedKernels.expInPlace($0.baseAddress!, count: $0.count)
    }
    s.withUnsafeMutableBufferPointer {
      AdvancedKernels.sigmoidInPlace($0.baseAddress!, count: $0.count)
    }
    t.withUnsafeMutableBufferPointer {
      AdvancedKernels.tanhInPlace($0.baseAddress!, count: $0.count)
    }
    for (i, x) in xs.enumerated() {
      XCTAssertEqual(e[i], Foundation.exp(x), accuracy: 4e-16 * Foundation.exp(x), "exp(\(x))")
      XCTAssertEqual(s[i], 1 / (1 + Foundation.exp(-x)), accuracy: 4e-16, "sigmoid(\(x))")
      XCTAssertEqual(t[i], Foundation.tanh(x), accuracy: 4e-16, "tanh(\(x))")
    }
  }

  func testSpecialValues() throws {
    var v: [Double] = [-1000, 1000, .nan, 0, -.infinity, .infinity, 1e-300]
    v.withUnsafeMutableBufferPointer {
      AdvancedKernels.sigmoidInPlace($0.baseAddress!, count: $0.count)
    }
    XCTAssertEqual(v[0], 0, accuracy: 1e-300)
    XCTAssertEqual(v[1], 1)
    XCTAssertTrue(v[2].isNaN)
    XCTAssertEqual(v[3], 0.5)
    XCTAssertEqual(v[4], 0, accuracy: 1e-300)
    XCTAssertEqual(v[5], 1)
    var t: [Double] = [-1000, 1000, .nan, 0]
    t.withUnsafeMutableBufferPointer {
      AdvancedKernels.tanhInPlace($0.baseAddress!, count: $0.count)
    }
    XCTAssertEqual([t[0], t[1], t[3]], [-1, 1, 0])
    XCTAssertTrue(t[2].isNaN)
  }
}
