import XCTest

@testable import DLCore

/// The deterministic values shared with reference.py (see its docstring for the formulas).
enum Pattern {
  /// Parameter number `k`: element i is 0.1 * (((7 i + 3 k) mod 13) - 6) / 6.
  static func parameter(_ n: Int, _ k: Int) -> [Double] {
    (0..<n).map { (i: Int) -> Double in
      let r: Int = (i * 7 + 3 * k) % 13 - 6
      return 0.1 * Double(r) / 6
    }
  }

  /// Input values ((5 i + 2 + k) mod 11 - 5) / 5.
  static func input(_ shape: [Int], _ k: Int = 0, requiresGrad: Bool = true) throws -> Tensor {
    let n = shape.reduce(1, *)
    return try Tensor(
      shape: shape,
      values: (0..<n).map { (i: Int) -> Double in
        let r: Int = (i * 5 + 2 + k) % 11 - 5
        return Double(r) / 5
      },
      requiresGrad: requiresGrad)
  }

  /// Loss weights ((3 i + 1 + k) mod 7 - 3) / 3.
  static func coefficients(_ shape: [Int], _ k: Int) throws -> Tensor {
    let n = shape.reduce(1, *)
    let values = (0..<n).map { (i: Int) -> Double in
      let r: Int = (i * 3 + 1 + k) % 7 - 3
      return Double(r) / 3
    }
    return try Tensor(shape: shape, values: values)
  }

  /// Sets parameter k of `parameters` to `parameter(count, k)`.
  static func fill(_ parameters: [Tensor]) {
    for (k, p) in parameters.enumerated() { p.scalars = parameter(p.count, k) }
  }

  /// sum_k sum(outputs[k] * coefficients(k)), the loss whose gradients reference.py prints.
  static func weightedLoss(_ outputs: [Tensor]) throws -> Tensor {
    var total: Tensor? = nil
    for (k, o) in outputs.enumerated() {
      let term = try (o * coefficients(o.shape, k)).sum()
      total = try total.map { try $0 + term } ?? term
    }
    return total!
  }
}

/// Asserts that two arrays agree elementwise within `tolerance`.
func assertNear(
  _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-9, _ message: String = "",
  file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(actual.count, expected.count, "count \(message)", file: file, line: line)
  guard actual.count == expected.count else { return }
  var worst = 0.0
  var worstIndex = 0
  for i in 0..<actual.count {
    let d = abs(actual[i] - expected[i])
    if !(d <= worst) {
      worst = d
      worstIndex = i
    }
  }
  XCTAssertLessThanOrEqual(
    worst, tolerance,
    "\(message): element \(worstIndex) is \(actual[worstIndex]), expected \(expected[worstIndex])",
    file: file, line: line)
}

/// Compares the analytic gradient of `loss` with central finite differences for every element
/// of each tensor in `wrt` (at most `limit` elements each, spread evenly).
func assertGradientsMatchFiniteDifferences(
  _ wrt: [Tensor], limit: Int = 40, tolerance: Double = 1e-6, file: StaticString = #filePath,
  line: UInt = #line, _ loss: () throws -> Tensor
) throws {
  for t in wrt { t.zeroGrad() }
  try loss().backward()
  let analytic = wrt.map { $0.grad?.scalars ?? [Double](repeating: 0, count: $0.count) }
  let h = 1e-6
  for (n, t) in wrt.enumerated() {
    let step = Swift.max(1, t.count / limit)
    for i in stride(from: 0, to: t.count, by: step) {
      let saved = t.scalars[i]
      t.scalars[i] = saved + h
      let up = try Tensor.noGrad { try loss().item() }
      t.scalars[i] = saved - h
      let down = try Tensor.noGrad { try loss().item() }
      t.scalars[i] = saved
      let numeric = (up - down) / (2 * h)
      let scale = Swift.max(1, abs(numeric))
      XCTAssertLessThanOrEqual(
        abs(numeric - analytic[n][i]), tolerance * scale,
        "tensor \(n) element \(i): analytic \(analytic[n][i]), finite difference \(numeric)",
        file: file, line: line)
    }
  }
}
