import Foundation

/// A skip connection around a stack of layers: `x + body(x)`, as in residual networks and the
/// SRGAN generator. The body must keep the input's shape.
public final class Residual: Layer {
  /// The layers whose output is added to the input.
  public let body: Sequential

  /// Wraps `layers`, applied in order.
  public init(_ layers: any Layer...) {
    body = Sequential(layers)
  }

  /// Wraps `layers`, applied in order.
  public init(_ layers: [any Layer]) {
    body = Sequential(layers)
  }

  /// Training mode of every layer in the body.
  public var isTraining: Bool {
    get { body.isTraining }
    set { body.isTraining = newValue }
  }

  /// The body's parameters.
  public var parameters: [Tensor] { body.parameters }

  public var inputShape: [Int]? { body.inputShape }

  /// The body's layers in full, such as `Residual(Linear(2, 2), ReLU())`.
  public var description: String {
    "Residual(" + body.layers.map(\.summaryName).joined(separator: ", ") + ")"
  }

  /// The body's layer types, such as `Residual(Conv2d, PReLU, Conv2d)`: one short row in a
  /// summary table, whose parameter column carries the sizes.
  public var summaryName: String {
    "Residual(" + body.layers.map { "\(type(of: $0))" }.joined(separator: ", ") + ")"
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    let output = try body(input)
    guard output.shape == input.shape else {
      throw TensorError.shapeMismatch(
        op: "Residual", lhs: input.shape, rhs: output.shape,
        reason: "the body must keep the input's shape to be added to it")
    }
    return try input + output
  }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    let shape = try body.outputShape(for: inputShape)
    guard shape == inputShape else {
      throw TensorError.shapeMismatch(
        op: "Residual", lhs: inputShape, rhs: shape,
        reason: "the body must keep the input's shape to be added to it")
    }
    return shape
  }
}

/// The parametric ReLU `max(0, x) + a · min(0, x)` with a learnable slope `a`
/// (`torch.nn.PReLU`): one slope shared by all channels, or one per channel (axis 1).
public final class PReLU: Layer {
  /// The slopes, `[numParameters]`, initially `initialSlope`.
  public let weight: Tensor
  public var isTraining = true

  /// Creates the layer with `numParameters` slopes (1, or the number of channels).
  public init(numParameters: Int = 1, initialSlope: Double = 0.25) throws {
    try AdvancedKernels.requireSizes(["numParameters": numParameters], op: "PReLU")
    weight = try Tensor.constantParameter([numParameters], initialSlope)
  }

  public var parameters: [Tensor] { [weight] }

  public var description: String {
    weight.count == 1 ? "PReLU()" : "PReLU(numParameters: \(weight.count))"
  }

  public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    let channels = weight.count
    guard channels == 1 || (input.rank >= 2 && input.shape[1] == channels) else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "expected [batch, \(channels), ...] for \(channels) slopes")
    }
    let x = input.scalars
    let a = weight.scalars
    let inner = channels == 1 ? Swift.max(1, x.count) : input.shape[2...].reduce(1, *)
    func channel(_ i: Int) -> Int { channels == 1 ? 0 : (i / inner) % channels }
    var y = [Double](repeating: 0, count: x.count)
    for i in 0..<x.count { y[i] = x[i] > 0 ? x[i] : a[channel(i)] * x[i] }
    let out = try Tensor.advancedResult(shape: input.shape, scalars: y, op: "prelu")
    return out.recording([input, weight]) { g in
      var dx = [Double](repeating: 0, count: x.count)
      var da = [Double](repeating: 0, count: channels)
      for i in 0..<x.count {
        if x[i] > 0 {
          dx[i] = g[i]
        } else {
          dx[i] = a[channel(i)] * g[i]
          da[channel(i)] += x[i] * g[i]
        }
      }
      return [dx, da]
    }
  }
}

/// The exact Gaussian error linear unit `x · Φ(x)` (`torch.nn.GELU`).
public final class GELU: Layer {
  public var isTraining = true
  /// Creates the layer.
  public init() {}
  public var parameters: [Tensor] { [] }
  public var description: String { "GELU()" }
  public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }
  public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.gelu() }
}
