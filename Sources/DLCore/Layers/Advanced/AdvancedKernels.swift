import CBLAS
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

  @inline(__always)
  static func sigmoid(_ x: Double) -> Double {
    x >= 0 ? 1 / (1 + Foundation.exp(-x)) : Foundation.exp(x) / (1 + Foundation.exp(x))
  }

  /// e^x for four lanes: Cody-Waite reduction x = k·ln2 + r, |r| ≤ ln2/2, a degree-13 Taylor
  /// polynomial for e^r (truncation error below 1e-17), and 2^k built in the exponent bits.
  /// Relative error about 2e-16; arguments are clamped to [-708, 709]; NaN stays NaN.
  @inline(__always)
  static func exp(_ x0: SIMD4<Double>) -> SIMD4<Double> {
    var x = x0
    x.replace(with: 709, where: x .> 709)
    x.replace(with: -708, where: x .< -708)
    // Adding 1.5·2^52 rounds to an integer held in the low mantissa bits.
    let shifter = SIMD4<Double>(repeating: 6_755_399_441_055_744.0)
    let kd = x * 1.442_695_040_888_963_4 + shifter
    let k = kd - shifter
    let r = x - k * 6.931_471_803_691_238_164_90e-01 - k * 1.908_214_929_270_587_700_02e-10
    var p = SIMD4<Double>(repeating: 1.0 / 6_227_020_800.0)
    p = p * r + SIMD4(repeating: 1.0 / 479_001_600.0)
    p = p * r + SIMD4(repeating: 1.0 / 39_916_800.0)
    p = p * r + SIMD4(repeating: 1.0 / 3_628_800.0)
    p = p * r + SIMD4(repeating: 1.0 / 362_880.0)
    p = p * r + SIMD4(repeating: 1.0 / 40_320.0)
    p = p * r + SIMD4(repeating: 1.0 / 5_040.0)
    p = p * r + SIMD4(repeating: 1.0 / 720.0)
    p = p * r + SIMD4(repeating: 1.0 / 120.0)
    p = p * r + SIMD4(repeating: 1.0 / 24.0)
    p = p * r + SIMD4(repeating: 1.0 / 6.0)
    p = p * r + SIMD4(repeating: 0.5)
    p = p * r + SIMD4(repeating: 1.0)
    p = p * r + SIMD4(repeating: 1.0)
    let n =
      unsafeBitCast(kd, to: SIMD4<Int64>.self) &- unsafeBitCast(shifter, to: SIMD4<Int64>.self)
    let scale = unsafeBitCast((n &+ 1023) &<< 52, to: SIMD4<Double>.self)
    return (p * scale).replacing(with: x0, where: x0 .!= x0)
  }

  /// Applies `f` to `count` values at `p` in place, four at a time (the tail padded with 0).
  @inline(__always)
  static func transform(
    _ p: UnsafeMutablePointer<Double>, count: Int, _ f: (SIMD4<Double>) -> SIMD4<Double>
  ) {
    var i = 0
    while i + 4 <= count {
      let raw = UnsafeMutableRawPointer(p + i)
      raw.storeBytes(of: f(raw.loadUnaligned(as: SIMD4<Double>.self)), as: SIMD4<Double>.self)
      i += 4
    }
    if i < count {
      var v = SIMD4<Double>(repeating: 0)
      for j in 0..<(count - i) { v[j] = p[i + j] }
      let y = f(v)
      for j in 0..<(count - i) { p[i + j] = y[j] }
    }
  }

  /// e^x in place.
  static func expInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    transform(p, count: count) { exp($0) }
  }

  /// The logistic sigmoid 1 / (1 + e^-x) in place.
  static func sigmoidInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    transform(p, count: count) { 1 / (1 + exp(-$0)) }
  }

  /// tanh x = 2 / (1 + e^-2x) - 1 in place (absolute error about 2e-16).
  static func tanhInPlace(_ p: UnsafeMutablePointer<Double>, count: Int) {
    transform(p, count: count) { 2 / (1 + exp(-2 * $0)) - 1 }
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
