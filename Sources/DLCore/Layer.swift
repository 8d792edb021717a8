/// A building block of a network: a function of one tensor with trainable parameters.
///
/// Layers are reference types, so a network and an optimizer share the same parameter tensors.
/// Conforming types implement ``callAsFunction(_:)`` and ``parameters``; the rest has defaults.
public protocol Layer: AnyObject, CustomStringConvertible {
  /// Applies the layer to a batch of inputs.
  func callAsFunction(_ input: Tensor) throws -> Tensor

  /// The trainable tensors, in a fixed order (the order PyTorch's `parameters()` uses).
  var parameters: [Tensor] { get }

  /// Whether the layer is in training mode (dropout and normalization layers behave
  /// differently in training and evaluation).
  var isTraining: Bool { get set }

  /// The shape of one input sample (without the batch dimension), when the layer fixes it;
  /// used by summaries to infer output shapes. `nil` when any shape is accepted.
  var inputShape: [Int]? { get }

  /// The output shape for an input of `inputShape` (batch dimension included).
  func outputShape(for inputShape: [Int]) throws -> [Int]

  /// The short name shown in summaries, such as `Linear(2, 4)`.
  var summaryName: String { get }
}

extension Layer {
  /// The number of trainable scalars.
  public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

  public var inputShape: [Int]? { nil }

  public var summaryName: String { description }

  /// By default, runs the layer on zeros without recording a graph and reports the shape.
  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    try Tensor.noGrad { try self(Tensor.zeros(inputShape)).shape }
  }

  /// Switches to training mode.
  public func train() { isTraining = true }

  /// Switches to evaluation mode.
  public func eval() { isTraining = false }

  /// Clears the gradients of all parameters.
  public func zeroGrad() {
    for p in parameters { p.zeroGrad() }
  }

  /// Applies the layer without recording the autograd graph.
  public func predict(_ input: Tensor) throws -> Tensor {
    try Tensor.noGrad { try self(input) }
  }
}

/// A fully connected layer `y = x · Wᵀ + b` (PyTorch's `nn.Linear`).
///
/// `weight` has shape `[out, in]` and `bias` shape `[out]`. Both start uniform in
/// `[-1/√in, 1/√in]`, which is PyTorch's default (Kaiming-uniform with a = √5).
public final class Linear: Layer {
  /// The weight matrix, `[outFeatures, inFeatures]`.
  public let weight: Tensor
  /// The bias vector, `[outFeatures]`, or `nil` without bias.
  public let bias: Tensor?
  /// The number of input features.
  public let inFeatures: Int
  /// The number of output features.
  public let outFeatures: Int
  public var isTraining = true

  /// Creates a layer with PyTorch's default initialization.
  /// - Parameters:
  ///   - inFeatures: the size of each input sample.
  ///   - outFeatures: the size of each output sample.
  ///   - bias: whether to add a learnable bias.
  ///   - seed: a seed for the initial values; without it ``RandomGenerator/current`` is used.
  public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, seed: Int? = nil) throws {
    guard inFeatures >= 0, outFeatures >= 0 else {
      throw TensorError.invalidArgument(
        op: "Linear",
        reason: "feature counts must not be negative (got \(inFeatures), \(outFeatures))")
    }
    let generator = RandomGenerator.resolve(seed: seed)
    let bound = inFeatures > 0 ? 1 / Double(inFeatures).squareRoot() : 0
    self.inFeatures = inFeatures
    self.outFeatures = outFeatures
    weight = try Tensor.uniform(
      [outFeatures, inFeatures], low: -bound, high: bound, generator: generator,
      requiresGrad: true)
    self.bias =
      bias
      ? try Tensor.uniform(
        [outFeatures], low: -bound, high: bound, generator: generator, requiresGrad: true)
      : nil
  }

  /// Creates a layer with the given weight `[out, in]` and optional bias `[out]`.
  public init(weight: Tensor, bias: Tensor? = nil) throws {
    guard weight.rank == 2 else {
      throw TensorError.invalidShape(
        op: "Linear", shape: weight.shape, reason: "the weight must be [out, in]")
    }
    if let bias, bias.shape != [weight.shape[0]] {
      throw TensorError.shapeMismatch(
        op: "Linear", lhs: weight.shape, rhs: bias.shape,
        reason: "the bias must be [\(weight.shape[0])]")
    }
    self.weight = weight
    self.bias = bias
    weight.requiresGrad = true
    bias?.requiresGrad = true
    outFeatures = weight.shape[0]
    inFeatures = weight.shape[1]
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    try Tensor.linear(input, weight: weight, bias: bias)
  }

  public var parameters: [Tensor] { bias.map { [weight, $0] } ?? [weight] }
  public var inputShape: [Int]? { [inFeatures] }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard inputShape.last == inFeatures else {
      throw TensorError.shapeMismatch(
        op: "Linear(\(inFeatures), \(outFeatures))", lhs: inputShape, rhs: weight.shape,
        reason: "the input's last dimension must be \(inFeatures)")
    }
    return inputShape.dropLast() + [outFeatures]
  }

  public var summaryName: String {
    bias == nil
      ? "Linear(\(inFeatures), \(outFeatures), bias: false)"
      : "Linear(\(inFeatures), \(outFeatures))"
  }
  public var description: String {
    "Linear(in: \(inFeatures), out: \(outFeatures), bias: \(bias != nil))"
  }
}

/// A layer with no parameters that keeps the input's shape.
public protocol ActivationLayer: Layer {}

extension ActivationLayer {
  public var parameters: [Tensor] { [] }
  public func outputShape(for inputShape: [Int]) throws -> [Int] { inputShape }
}

/// max(0, x) (PyTorch's `nn.ReLU`).
public final class ReLU: ActivationLayer {
  public var isTraining = true
  public init() {}
  public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.relu() }
  public var description: String { "ReLU()" }
}

/// The logistic sigmoid 1 / (1 + e^-x) (PyTorch's `nn.Sigmoid`).
public final class Sigmoid: ActivationLayer {
  public var isTraining = true
  public init() {}
  public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.sigmoid() }
  public var description: String { "Sigmoid()" }
}

/// The hyperbolic tangent (PyTorch's `nn.Tanh`).
public final class Tanh: ActivationLayer {
  public var isTraining = true
  public init() {}
  public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.tanh() }
  public var description: String { "Tanh()" }
}

/// x for x > 0, else `negativeSlope` · x (PyTorch's `nn.LeakyReLU`).
public final class LeakyReLU: ActivationLayer {
  public var isTraining = true
  /// The slope for negative inputs.
  public let negativeSlope: Double
  /// Creates the layer with the slope for negative inputs (PyTorch's default 0.01).
  public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }
  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    try input.leakyRelu(negativeSlope: negativeSlope)
  }
  public var description: String { "LeakyReLU(negativeSlope: \(negativeSlope))" }
}

/// log(1 + e^x) (PyTorch's `nn.Softplus` with beta 1).
public final class Softplus: ActivationLayer {
  public var isTraining = true
  public init() {}
  public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.softplus() }
  public var description: String { "Softplus()" }
}

/// The softmax along `axis` (PyTorch's `nn.Softmax(dim:)`).
public final class Softmax: ActivationLayer {
  public var isTraining = true
  /// The axis the probabilities sum to 1 along.
  public let axis: Int
  /// Creates the layer for the given axis (the last by default).
  public init(axis: Int = -1) { self.axis = axis }
  public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.softmax(axis: axis) }
  public var description: String { "Softmax(axis: \(axis))" }
}

/// The log-softmax along `axis` (PyTorch's `nn.LogSoftmax(dim:)`).
public final class LogSoftmax: ActivationLayer {
  public var isTraining = true
  /// The axis of the classes.
  public let axis: Int
  /// Creates the layer for the given axis (the last by default).
  public init(axis: Int = -1) { self.axis = axis }
  public func callAsFunction(_ input: Tensor) throws -> Tensor { try input.logSoftmax(axis: axis) }
  public var description: String { "LogSoftmax(axis: \(axis))" }
}

/// Passes its input through unchanged.
public final class Identity: ActivationLayer {
  public var isTraining = true
  public init() {}
  public func callAsFunction(_ input: Tensor) throws -> Tensor { input }
  public var description: String { "Identity()" }
}

/// Flattens all dimensions after the first (the batch) into one.
public final class Flatten: Layer {
  public var isTraining = true
  public init() {}
  public var parameters: [Tensor] { [] }
  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    guard input.rank >= 1 else { return try input.reshape([1, 1]) }
    return try input.reshape([input.shape[0], -1])
  }
  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard let first = inputShape.first else { return [1, 1] }
    return [first, inputShape.dropFirst().reduce(1, *)]
  }
  public var description: String { "Flatten()" }
}

/// Zeroes each element with probability `p` in training mode and scales the rest by
/// 1 / (1 − p); the identity in evaluation mode (PyTorch's `nn.Dropout`).
public final class Dropout: ActivationLayer {
  public var isTraining = true
  /// The probability of zeroing an element.
  public let p: Double
  private let generator: RandomGenerator?

  /// - Parameter seed: a seed for the masks; without it ``RandomGenerator/current`` is used
  ///   at each call.
  public init(_ p: Double = 0.5, seed: Int? = nil) throws {
    guard p >= 0, p < 1 else {
      throw TensorError.invalidArgument(op: "Dropout", reason: "p must be in 0..<1 (got \(p))")
    }
    self.p = p
    generator = seed.map { RandomGenerator(seed: $0) }
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    guard isTraining, p > 0 else { return input }
    let g = generator ?? RandomGenerator.current
    let mask = try Tensor.uniform(input.shape, generator: g)
    let scale = 1 / (1 - p)
    for i in 0..<mask.count { mask.scalars[i] = mask.scalars[i] < p ? 0 : scale }
    return try input * mask
  }
  public var description: String { "Dropout(p: \(p))" }
}
