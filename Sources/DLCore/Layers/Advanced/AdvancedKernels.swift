import CBLAS
import CVectorMath
import Foundation

/// Matrix-product and memory helpers for the recurrent, attention, normalization and convolution
/// layers. Shapes are checked by the callers.
enum AdvancedKernels {
  /// Throws unless every named size is at least `minimum`.
  static func requireSizes(
    _ sizes: KeyValuePairs<String, Int>, atLeast minimum: Int = 1, op: String
  )
    throws
  {
    for (name, value) in sizes where value < minimum {
      throw TensorError.invalidArgument(
        op: op, reason: "\(name) must be at least \(minimum) (got \(value))")
    }
  }

  /// `C = alpha * op(A) * op(B) + beta * C` for row-major matrices with explicit leading
  /// dimensions, so that strided blocks (one attention head inside a `[tokens, embed]` matrix)
  /// can be used in place. op(A) is m×k, op(B) is k×n, C is m×n.
  @inline(__always)
  static func gemm(
    transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int, alpha: Double = 1,
    _ a: UnsafePointer<Double>, lda: Int, _ b: UnsafePointer<Double>, ldb: Int,
    beta: Double = 0, _ c: UnsafeMutablePointer<Double>, ldc: Int
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      for i in 0..<m {
        for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] }
      }
      return
    }
    cblas_dgemm(
      CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
      Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
  }

  /// A new array of `count` elements written by `fill` (which must set every element).
  @inline(__always)
  static func array(
    count: Int, _ fill: (UnsafeMutableBufferPointer<Double>) -> Void
  ) -> [Double] {
    [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
      fill(buffer)
      initialized = count
    }
  }

  // The elementwise functions below run in CVectorMath: four lanes at a time, with AVX2 and FMA
  // when the processor has them, giving the same bits on every machine; relative error below
  // 5e-16.

  /// e^x in place.
  static func expInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    vm_exp(p, count)
  }

  /// The logistic sigmoid 1 / (1 + e^-x) in place.
  static func sigmoidInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    vm_sigmoid(p, count)
  }

  /// The hyperbolic tangent in place.
  static func tanhInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    vm_tanh(p, count)
  }

  /// An elementwise function of CVectorMath.
  enum VectorFunction: CaseIterable {
    case exp, sigmoid, tanh
  }

  /// Applies `function` in place with CVectorMath's portable build (`portable`) or the build
  /// chosen for this processor; tests use it to check that both give the same bits.
  static func apply(
    _ function: VectorFunction, _ p: UnsafeMutablePointer<Double>, count: Int, portable: Bool
  ) {
    switch (function, portable) {
    case (.exp, false): vm_exp(p, count)
    case (.exp, true): vm_exp_portable(p, count)
    case (.sigmoid, false): vm_sigmoid(p, count)
    case (.sigmoid, true): vm_sigmoid_portable(p, count)
    case (.tanh, false): vm_tanh(p, count)
    case (.tanh, true): vm_tanh_portable(p, count)
    }
  }

  /// Whether CVectorMath runs its AVX2 + FMA build on this processor.
  static var usesAVX2: Bool { vm_uses_avx2() != 0 }

  /// One LSTM step for the whole batch (see `vm_lstm_cell`), optionally with the portable build.
  static func lstmCell(
    batch: Int, hidden: Int, gates: UnsafeMutablePointer<Double>,
    previousCell: UnsafePointer<Double>?, cell: UnsafeMutablePointer<Double>,
    cellTanh: UnsafeMutablePointer<Double>, hiddenState: UnsafeMutablePointer<Double>,
    portable: Bool = false
  ) {
    if portable {
      vm_lstm_cell_portable(batch, hidden, gates, previousCell, cell, cellTanh, hiddenState)
    } else {
      vm_lstm_cell(batch, hidden, gates, previousCell, cell, cellTanh, hiddenState)
    }
  }
}

extension Tensor {
  /// A trainable leaf tensor with values drawn from U(-bound, bound) by
  /// ``RandomGenerator/current`` (PyTorch's default initialization for these layers). Throws
  /// when the tensor would exceed the ``TensorBudget`` in force.
  static func initialParameter(_ shape: [Int], bound: Double) throws -> Tensor {
    try Tensor.uniform(shape, low: -bound, high: bound, requiresGrad: true)
  }

  /// A trainable leaf tensor filled with `value`.
  static func constantParameter(_ shape: [Int], _ value: Double) throws -> Tensor {
    try Tensor(shape: shape, repeating: value, requiresGrad: true)
  }

  /// A result tensor built from computed values, counted against the budget in force.
  static func advancedResult(shape: [Int], scalars: [Double], op: String) throws -> Tensor {
    _ = Tensor.allocatorTuned
    return try Tensor.result(shape: shape, scalars: scalars, op: op)
  }

  /// The elements `offset..<(offset + count)` in row-major order, viewed as `shape`; the
  /// gradient flows back into that range.
  func flatSlice(offset: Int, shape newShape: [Int], op: String) throws -> Tensor {
    let n = newShape.reduce(1, *)
    let total = count
    let values = Array(scalars[offset..<(offset + n)])
    let out = try Tensor.advancedResult(shape: newShape, scalars: values, op: op)
    return out.recording([self]) { g in
      var grad = [Double](repeating: 0, count: total)
      grad.replaceSubrange(offset..<(offset + n), with: g)
      return [grad]
    }
  }

  /// The tensors' elements one after another, viewed as `shape`.
  static func flatConcatenation(_ parts: [Tensor], shape: [Int], op: String) throws -> Tensor {
    var values: [Double] = []
    values.reserveCapacity(shape.reduce(1, *))
    for p in parts { values.append(contentsOf: p.scalars) }
    let counts = parts.map(\.count)
    let out = try Tensor.advancedResult(shape: shape, scalars: values, op: op)
    return out.recording(parts) { g in
      var grads: [[Double]?] = []
      var start = 0
      for c in counts {
        grads.append(Array(g[start..<(start + c)]))
        start += c
      }
      return grads
    }
  }

  /// The same elements viewed with another shape of equal element count.
  func viewed(as newShape: [Int], op: String) throws -> Tensor {
    let out = try Tensor.advancedResult(shape: newShape, scalars: scalars, op: op)
    return out.recording([self]) { g in [g] }
  }

  /// A rank-3 tensor with its first two axes swapped (`[a, b, c]` to `[b, a, c]`).
  func swappingLeadingAxes() throws -> Tensor {
    let (a, b, c) = (shape[0], shape[1], shape[2])
    func swap(_ x: [Double], _ a: Int, _ b: Int) -> [Double] {
      AdvancedKernels.array(count: a * b * c) { out in
        x.withUnsafeBufferPointer { xp in
          for i in 0..<a {
            for j in 0..<b {
              let src = (i * b + j) * c
              let dst = (j * a + i) * c
              for k in 0..<c { out[dst + k] = xp[src + k] }
            }
          }
        }
      }
    }
    let out = try Tensor.advancedResult(
      shape: [b, a, c], scalars: swap(scalars, a, b), op: "swapAxes")
    return out.recording([self]) { g in [swap(g, b, a)] }
  }

  /// The same tensor with its first axis in reverse order (a sequence read backwards).
  func reversingLeadingAxis() throws -> Tensor {
    let steps = shape[0]
    let block = steps > 0 ? count / steps : 0
    func reverse(_ x: [Double]) -> [Double] {
      if x.isEmpty { return x }
      return AdvancedKernels.array(count: x.count) { out in
        x.withUnsafeBufferPointer { xp in
          for t in 0..<steps {
            (out.baseAddress! + t * block).update(
              from: xp.baseAddress! + (steps - 1 - t) * block, count: block)
          }
        }
      }
    }
    let out = try Tensor.advancedResult(shape: shape, scalars: reverse(scalars), op: "flip")
    return out.recording([self]) { g in [reverse(g)] }
  }

  /// The Gaussian error linear unit, `x * Φ(x)` with the exact normal distribution function
  /// (PyTorch's `gelu` with `approximate='none'`).
  public func gelu() throws -> Tensor {
    let x = scalars
    let out = try Tensor.advancedResult(
      shape: shape,
      scalars: x.map { $0 * 0.5 * (1 + Foundation.erf($0 / 2.0.squareRoot())) }, op: "gelu")
    return out.recording([self]) { g in
      let inverseRootTwoPi = 1 / (2 * Double.pi).squareRoot()
      var grad = [Double](repeating: 0, count: x.count)
      for i in 0..<x.count {
        let v = x[i]
        let cdf = 0.5 * (1 + Foundation.erf(v / 2.0.squareRoot()))
        let pdf = inverseRootTwoPi * Foundation.exp(-0.5 * v * v)
        grad[i] = g[i] * (cdf + v * pdf)
      }
      return [grad]
    }
  }
}
