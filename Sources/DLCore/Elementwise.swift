import Foundation

/// An elementwise function with its derivative, written as a type so loops specialize.
protocol ElementwiseFunction {
  static var name: String { get }
  func value(_ x: Double) -> Double
  /// The derivative at `x`, where `y` is `value(x)`.
  func derivative(_ x: Double, _ y: Double) -> Double
}

struct ExpFunction: ElementwiseFunction {
  static let name = "exp"
  func value(_ x: Double) -> Double { Foundation.exp(x) }
  func derivative(_ x: Double, _ y: Double) -> Double { y }
}

struct LogFunction: ElementwiseFunction {
  static let name = "log"
  func value(_ x: Double) -> Double { Foundation.log(x) }
  func derivative(_ x: Double, _ y: Double) -> Double { 1 / x }
}

struct SqrtFunction: ElementwiseFunction {
  static let name = "sqrt"
  func value(_ x: Double) -> Double { x.squareRoot() }
  func derivative(_ x: Double, _ y: Double) -> Double { 0.5 / y }
}

struct AbsFunction: ElementwiseFunction {
  static let name = "abs"
  func value(_ x: Double) -> Double { Swift.abs(x) }
  func derivative(_ x: Double, _ y: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

struct NegateFunction: ElementwiseFunction {
  static let name = "neg"
  func value(_ x: Double) -> Double { -x }
  func derivative(_ x: Double, _ y: Double) -> Double { -1 }
}

struct SigmoidFunction: ElementwiseFunction {
  static let name = "sigmoid"
  func value(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + Foundation.exp(-x)) }
    let e = Foundation.exp(x)
    return e / (1 + e)
  }
  func derivative(_ x: Double, _ y: Double) -> Double { y * (1 - y) }
}

struct TanhFunction: ElementwiseFunction {
  static let name = "tanh"
  func value(_ x: Double) -> Double { Foundation.tanh(x) }
  func derivative(_ x: Double, _ y: Double) -> Double { 1 - y * y }
}

struct ReLUFunction: ElementwiseFunction {
  static let name = "relu"
  func value(_ x: Double) -> Double { x > 0 ? x : 0 }
  func derivative(_ x: Double, _ y: Double) -> Double { x > 0 ? 1 : 0 }
}

struct LeakyReLUFunction: ElementwiseFunction {
  static let name = "leakyRelu"
  let slope: Double
  func value(_ x: Double) -> Double { x > 0 ? x : slope * x }
  func derivative(_ x: Double, _ y: Double) -> Double { x > 0 ? 1 : slope }
}

struct PowerFunction: ElementwiseFunction {
  static let name = "pow"
  let exponent: Double
  func value(_ x: Double) -> Double {
    if exponent == 2 { return x * x }
    return Foundation.pow(x, exponent)
  }
  func derivative(_ x: Double, _ y: Double) -> Double {
    if exponent == 2 { return 2 * x }
    if exponent == 0 { return 0 }
    return exponent * Foundation.pow(x, exponent - 1)
  }
}

struct SoftplusFunction: ElementwiseFunction {
  static let name = "softplus"
  func value(_ x: Double) -> Double {
    Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x)))
  }
  func derivative(_ x: Double, _ y: Double) -> Double { SigmoidFunction().value(x) }
}

struct ClampFunction: ElementwiseFunction {
  static let name = "clamp"
  let low: Double
  let high: Double
  func value(_ x: Double) -> Double { Swift.min(Swift.max(x, low), high) }
  func derivative(_ x: Double, _ y: Double) -> Double { x >= low && x <= high ? 1 : 0 }
}

extension Tensor {
  func applying<F: ElementwiseFunction>(_ f: F) throws -> Tensor {
    let x = scalars
    let out = try Tensor.make(shape: shape, op: F.name) { out in
      x.withUnsafeBufferPointer { xp in
        for i in 0..<xp.count { out[i] = f.value(xp[i]) }
      }
    }
    let y = out.scalars
    return out.recording([self]) { g in
      let n = g.count
      let gx = [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
        g.withUnsafeBufferPointer { gp in
          x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
              for i in 0..<n { buffer[i] = gp[i] * f.derivative(xp[i], yp[i]) }
            }
          }
        }
        initialized = n
      }
      return [gx]
    }
  }

  /// e raised to each element.
  public func exp() throws -> Tensor { try applying(ExpFunction()) }
  /// The natural logarithm of each element.
  public func log() throws -> Tensor { try applying(LogFunction()) }
  /// The square root of each element.
  public func sqrt() throws -> Tensor { try applying(SqrtFunction()) }
  /// The absolute value of each element.
  public func abs() throws -> Tensor { try applying(AbsFunction()) }
  /// The logistic sigmoid 1 / (1 + e^-x) of each element (computed stably).
  public func sigmoid() throws -> Tensor { try applying(SigmoidFunction()) }
  /// The hyperbolic tangent of each element.
  public func tanh() throws -> Tensor { try applying(TanhFunction()) }
  /// max(0, x) of each element.
  public func relu() throws -> Tensor { try applying(ReLUFunction()) }
  /// x for x > 0, else `negativeSlope` * x.
  public func leakyRelu(negativeSlope: Double = 0.01) throws -> Tensor {
    try applying(LeakyReLUFunction(slope: negativeSlope))
  }
  /// log(1 + e^x) of each element (computed stably).
  public func softplus() throws -> Tensor { try applying(SoftplusFunction()) }
  /// Each element raised to `exponent`.
  public func pow(_ exponent: Double) throws -> Tensor {
    try applying(PowerFunction(exponent: exponent))
  }
  /// Each element squared.
  public func square() throws -> Tensor { try applying(PowerFunction(exponent: 2)) }
  /// Each element limited to `low...high`.
  public func clamp(min low: Double = -.infinity, max high: Double = .infinity) throws -> Tensor {
    guard low <= high else {
      throw TensorError.invalidArgument(
        op: "clamp", reason: "min \(low) is greater than max \(high)")
    }
    return try applying(ClampFunction(low: low, high: high))
  }

  /// Elementwise negation.
  public static prefix func - (x: Tensor) throws -> Tensor { try x.applying(NegateFunction()) }
}

// MARK: Binary operations with broadcasting

extension Tensor {
  private enum BinaryKind {
    case add, subtract, multiply, divide, maximum, minimum
    var name: String {
      switch self {
      case .add: return "+"
      case .subtract: return "-"
      case .multiply: return "*"
      case .divide: return "/"
      case .maximum: return "maximum"
      case .minimum: return "minimum"
      }
    }
  }

  private static func binary(_ a: Tensor, _ b: Tensor, _ kind: BinaryKind) throws -> Tensor {
    let op = kind.name
    let outShape = try Kernels.broadcastShape(a.shape, b.shape, op: op)
    let av = a.scalars
    let bv = b.scalars
    let aShape = a.shape
    let bShape = b.shape
    let out = try Tensor.make(shape: outShape, op: op) { out in
      av.withUnsafeBufferPointer { ap in
        bv.withUnsafeBufferPointer { bp in
          switch kind {
          case .add: Kernels.broadcast(ap, aShape, bp, bShape, outShape, out, +)
          case .subtract: Kernels.broadcast(ap, aShape, bp, bShape, outShape, out, -)
          case .multiply: Kernels.broadcast(ap, aShape, bp, bShape, outShape, out, *)
          case .divide: Kernels.broadcast(ap, aShape, bp, bShape, outShape, out, /)
          case .maximum:
            Kernels.broadcast(ap, aShape, bp, bShape, outShape, out) { Swift.max($0, $1) }
          case .minimum:
            Kernels.broadcast(ap, aShape, bp, bShape, outShape, out) { Swift.min($0, $1) }
          }
        }
      }
    }
    let needA = a.requiresGrad
    let needB = b.requiresGrad
    let n = out.count
    return out.recording([a, b]) { g in
      switch kind {
      case .add:
        return [
          needA ? Kernels.sumTo(g, from: outShape, to: aShape) : nil,
          needB ? Kernels.sumTo(g, from: outShape, to: bShape) : nil,
        ]
      case .subtract:
        var gb: [Double]? = nil
        if needB {
          var s = Kernels.sumTo(g, from: outShape, to: bShape)
          for i in s.indices { s[i] = -s[i] }
          gb = s
        }
        return [needA ? Kernels.sumTo(g, from: outShape, to: aShape) : nil, gb]
      case .multiply:
        let ga =
          needA
          ? Kernels.sumTo(
            Kernels.broadcast(g, outShape, bv, bShape, outShape, count: n, *), from: outShape,
            to: aShape)
          : nil
        let gb =
          needB
          ? Kernels.sumTo(
            Kernels.broadcast(g, outShape, av, aShape, outShape, count: n, *), from: outShape,
            to: bShape)
          : nil
        return [ga, gb]
      case .divide:
        let ga =
          needA
          ? Kernels.sumTo(
            Kernels.broadcast(g, outShape, bv, bShape, outShape, count: n, /), from: outShape,
            to: aShape)
          : nil
        var gb: [Double]? = nil
        if needB {
          // d(a/b)/db = -a / b^2 = -(a/b) / b
          let y = Kernels.broadcast(av, aShape, bv, bShape, outShape, count: n, /)
          let gy = Kernels.broadcast(g, outShape, y, outShape, outShape, count: n) { -$0 * $1 }
          gb = Kernels.sumTo(
            Kernels.broadcast(gy, outShape, bv, bShape, outShape, count: n, /), from: outShape,
            to: bShape)
        }
        return [ga, gb]
      case .maximum, .minimum:
        // The gradient goes to the operand that was chosen (to `a` on ties).
        let pickA = Kernels.broadcast(av, aShape, bv, bShape, outShape, count: n) {
          kind == .maximum ? ($0 >= $1 ? 1 : 0) : ($0 <= $1 ? 1 : 0)
        }
        let ga =
          needA
          ? Kernels.sumTo(
            Kernels.broadcast(g, outShape, pickA, outShape, outShape, count: n, *), from: outShape,
            to: aShape)
          : nil
        let gb =
          needB
          ? Kernels.sumTo(
            Kernels.broadcast(g, outShape, pickA, outShape, outShape, count: n) { $0 * (1 - $1) },
            from: outShape, to: bShape)
          : nil
        return [ga, gb]
      }
    }
  }

  /// Elementwise sum with NumPy broadcasting.
  public static func + (lhs: Tensor, rhs: Tensor) throws -> Tensor { try binary(lhs, rhs, .add) }
  /// Elementwise difference with NumPy broadcasting.
  public static func - (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try binary(lhs, rhs, .subtract)
  }
  /// Elementwise product with NumPy broadcasting.
  public static func * (lhs: Tensor, rhs: Tensor) throws -> Tensor {
    try binary(lhs, rhs, .multiply)
  }
  /// Elementwise quotient with NumPy broadcasting.
  public static func / (lhs: Tensor, rhs: Tensor) throws -> Tensor { try binary(lhs, rhs, .divide) }

  /// The tensor plus a number.
  public static func + (lhs: Tensor, rhs: Double) throws -> Tensor {
    try binary(lhs, Tensor(rhs), .add)
  }
  /// The tensor minus a number.
  public static func - (lhs: Tensor, rhs: Double) throws -> Tensor {
    try binary(lhs, Tensor(rhs), .subtract)
  }
  /// The tensor times a number.
  public static func * (lhs: Tensor, rhs: Double) throws -> Tensor {
    try binary(lhs, Tensor(rhs), .multiply)
  }
  /// The tensor divided by a number.
  public static func / (lhs: Tensor, rhs: Double) throws -> Tensor {
    try binary(lhs, Tensor(rhs), .divide)
  }
  /// A number plus the tensor.
  public static func + (lhs: Double, rhs: Tensor) throws -> Tensor {
    try binary(Tensor(lhs), rhs, .add)
  }
  /// A number minus the tensor.
  public static func - (lhs: Double, rhs: Tensor) throws -> Tensor {
    try binary(Tensor(lhs), rhs, .subtract)
  }
  /// A number times the tensor.
  public static func * (lhs: Double, rhs: Tensor) throws -> Tensor {
    try binary(Tensor(lhs), rhs, .multiply)
  }
  /// A number divided by the tensor, elementwise.
  public static func / (lhs: Double, rhs: Tensor) throws -> Tensor {
    try binary(Tensor(lhs), rhs, .divide)
  }

  /// The elementwise larger of two tensors, with broadcasting.
  public static func maximum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try binary(a, b, .maximum)
  }
  /// The elementwise smaller of two tensors, with broadcasting.
  public static func minimum(_ a: Tensor, _ b: Tensor) throws -> Tensor {
    try binary(a, b, .minimum)
  }

  /// Elementwise sum (`self + other`).
  public func adding(_ other: Tensor) throws -> Tensor { try self + other }
  /// Elementwise product (`self * other`).
  public func multiplied(by other: Tensor) throws -> Tensor { try self * other }
}
