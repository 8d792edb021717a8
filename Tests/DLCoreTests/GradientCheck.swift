import XCTest

@testable import DLCore

/// Compares the gradients `backward()` gives with central finite differences.
///
/// `f` maps the inputs to a tensor; the checked quantity is `sum(f(inputs) * weights)` with
/// fixed pseudo-random weights, so every output element contributes with a different factor.
func checkGradients(
  _ inputs: [Tensor], tolerance: Double = 1e-6, file: StaticString = #filePath,
  line: UInt = #line, _ f: ([Tensor]) throws -> Tensor
) throws {
  for x in inputs {
    x.requiresGrad = true
    x.zeroGrad()
  }
  let probe = try f(inputs)
  let weights = try Tensor.uniform(probe.shape, low: 0.5, high: 1.5, seed: 99)
  func objective(_ xs: [Tensor]) throws -> Double {
    try Tensor.noGrad { try (f(xs) * weights).sum().item() }
  }
  let y = try (f(inputs) * weights).sum()
  try y.backward()
  let h = 1e-6
  for (k, x) in inputs.enumerated() {
    let analytic = try XCTUnwrap(x.grad, "input \(k) got no gradient", file: file, line: line)
    for i in 0..<x.count {
      let saved = x.scalars[i]
      x.scalars[i] = saved + h
      let plus = try objective(inputs)
      x.scalars[i] = saved - h
      let minus = try objective(inputs)
      x.scalars[i] = saved
      let numeric = (plus - minus) / (2 * h)
      let a = analytic.scalars[i]
      XCTAssertEqual(
        a, numeric, accuracy: tolerance * Swift.max(1, Swift.abs(numeric)),
        "input \(k) element \(i)", file: file, line: line)
    }
  }
}

/// Asserts that two arrays agree elementwise within `accuracy`.
func assertClose(
  _ actual: [Double], _ expected: [Double], accuracy: Double = 1e-9,
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.count, expected.count, "element counts differ", file: file, line: line)
  for (i, (a, e)) in zip(actual, expected).enumerated() {
    XCTAssertEqual(a, e, accuracy: accuracy, "element \(i)", file: file, line: line)
  }
}
