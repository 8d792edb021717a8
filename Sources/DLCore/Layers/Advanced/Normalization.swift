import Foundation

extension Tensor {
  /// Normalizes `[N, C, S]`-laid-out values per channel C with the given statistics (or the
  /// batch's own, when `mean` is nil), then scales and shifts per channel.
  ///
  /// - Returns: the result and, when the batch statistics were used, the batch mean and biased
  ///   variance per channel.
  static func channelNormalization(
    _ input: Tensor, channels: Int, mean given: [Double]?, variance givenVariance: [Double]?,
    epsilon: Double, weight: Tensor?, bias: Tensor?, op: String
  ) throws -> (Tensor, mean: [Double], variance: [Double]) {
    let x = input.scalars
    let n = input.shape[0]
    let spatial = channels == 0 || n == 0 ? 0 : input.count / (n * channels)
    let perChannel = n * spatial
    var mean = [Double](repeating: 0, count: channels)
    var variance = [Double](repeating: 0, count: channels)
    if let given, let givenVariance {
      mean = given
      variance = givenVariance
    } else {
      for c in 0..<channels {
        var s = 0.0
        for b in 0..<n {
          let base = (b * channels + c) * spatial
          for i in 0..<spatial { s += x[base + i] }
        }
        let m = s / Double(perChannel)
        var v = 0.0
        for b in 0..<n {
          let base = (b * channels + c) * spatial
          for i in 0..<spatial {
            let d = x[base + i] - m
            v += d * d
          }
        }
        mean[c] = m
        variance[c] = v / Double(perChannel)
      }
    }
    let inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
    let gamma = weight?.scalars
    let beta = bias?.scalars
    var normalized = [Double](repeating: 0, count: x.count)
    var y = [Double](repeating: 0, count: x.count)
    for b in 0..<n {
      for c in 0..<channels {
        let base = (b * channels + c) * spatial
        let g = gamma?[c] ?? 1
        let s = beta?[c] ?? 0
        for i in 0..<spatial {
          let v = (x[base + i] - mean[c]) * inverseStd[c]
          normalized[base + i] = v
          y[base + i] = v * g + s
        }
      }
    }
    let out = try Tensor.advancedResult(shape: input.shape, scalars: y, op: op)
    var parents = [input]
    if let weight { parents.append(weight) }
    if let bias { parents.append(bias) }
    let batchStatistics = given == nil
    let result = out.recording(parents) { g in
      var dx = [Double](repeating: 0, count: x.count)
      var dGamma = [Double](repeating: 0, count: channels)
      var dBeta = [Double](repeating: 0, count: channels)
      for c in 0..<channels {
        var sumG = 0.0
        var sumGX = 0.0
        for b in 0..<n {
          let base = (b * channels + c) * spatial
          for i in 0..<spatial {
            sumG += g[base + i]
            sumGX += g[base + i] * normalized[base + i]
          }
        }
        dGamma[c] = sumGX
        dBeta[c] = sumG
        let scale = (gamma?[c] ?? 1) * inverseStd[c]
        // With batch statistics: dx = γ/σ (g - mean(g) - x̂ mean(g x̂)); otherwise γ/σ g.
        let meanG = batchStatistics ? sumG / Double(perChannel) : 0
        let meanGX = batchStatistics ? sumGX / Double(perChannel) : 0
        for b in 0..<n {
          let base = (b * channels + c) * spatial
          for i in 0..<spatial {
            dx[base + i] = scale * (g[base + i] - meanG - normalized[base + i] * meanGX)
          }
        }
      }
      var grads: [[Double]?] = [dx]
      if gamma != nil { grads.append(dGamma) }
      if beta != nil { grads.append(dBeta) }
      return grads
    }
    return (result, mean, variance)
  }

  /// Normalizes over the trailing `size` elements of each row, then scales and shifts them
  /// elementwise (PyTorch's `layer_norm`).
  static func rowNormalization(
    _ input: Tensor, size: Int, epsilon: Double, weight: Tensor?, bias: Tensor?
  ) throws -> Tensor {
    let x = input.scalars
    let rows = size == 0 ? 0 : x.count / size
    let gamma = weight?.scalars
    let beta = bias?.scalars
    var normalized = [Double](repeating: 0, count: x.count)
    var inverseStd = [Double](repeating: 0, count: rows)
    var y = [Double](repeating: 0, count: x.count)
    for r in 0..<rows {
      let base = r * size
      var s = 0.0
      for i in 0..<size { s += x[base + i] }
      let m = s / Double(size)
      var v = 0.0
      for i in 0..<size {
        let d = x[base + i] - m
        v += d * d
      }
      let inv = 1 / (v / Double(size) + epsilon).squareRoot()
      inverseStd[r] = inv
      for i in 0..<size {
        let xn = (x[base + i] - m) * inv
        normalized[base + i] = xn
        y[base + i] = xn * (gamma?[i] ?? 1) + (beta?[i] ?? 0)
      }
    }
    let out = try Tensor.advancedResult(shape: input.shape, scalars: y, op: "layerNorm")
    var parents = [input]
    if let weight { parents.append(weight) }
    if let bias { parents.append(bias) }
    return out.recording(parents) { g in
      var dx = [Double](repeating: 0, count: x.count)
      var dGamma = [Double](repeating: 0, count: size)
      var dBeta = [Double](repeating: 0, count: size)
      var scaled = [Double](repeating: 0, count: size)
      for r in 0..<rows {
        let base = r * size
        var meanG = 0.0
        var meanGX = 0.0
        for i in 0..<size {
          dGamma[i] += g[base + i] * normalized[base + i]
          dBeta[i] += g[base + i]
          let gi = g[base + i] * (gamma?[i] ?? 1)
          scaled[i] = gi
          meanG += gi
          meanGX += gi * normalized[base + i]
        }
        meanG /= Double(size)
        meanGX /= Double(size)
        for i in 0..<size {
          dx[base + i] = inverseStd[r] * (scaled[i] - meanG - normalized[base + i] * meanGX)
        }
      }
      var grads: [[Double]?] = [dx]
      if gamma != nil { grads.append(dGamma) }
      if beta != nil { grads.append(dBeta) }
      return grads
    }
  }
}

/// Batch normalization over the channel axis 1, shared by ``BatchNorm1d`` and ``BatchNorm2d``.
///
/// In training mode it normalizes with the batch mean and biased variance and updates the
/// running statistics as PyTorch does: `running = (1 - momentum) * running + momentum * batch`,
/// with the unbiased batch variance for `runningVariance`; with `momentum: nil` the factor is
/// `1 / batchesTracked`, so the running statistics are the plain average of all batches seen
/// (a cumulative moving average). In evaluation mode it normalizes with the running statistics. See https://pytorch.org/docs/stable/generated/torch.nn.BatchNorm1d.html.
public class BatchNormalization: Layer {
  /// The number of channels (features) C.
  public let features: Int
  /// The weight of the newest batch in the running statistics; `nil` for a cumulative moving
  /// average, which weighs every batch seen equally.
  public let momentum: Double?
  /// Added to the variance for numerical stability.
  public let epsilon: Double
  /// Whether the layer has the learnable scale γ and shift β.
  public let affine: Bool
  /// Whether the layer keeps running statistics (otherwise it always uses batch statistics).
  public let trackRunningStatistics: Bool
  /// γ, `[features]`, initially ones (`nil` without `affine`).
  public let weight: Tensor?
  /// β, `[features]`, initially zeros (`nil` without `affine`).
  public let bias: Tensor?
  /// The running mean, `[features]`, initially zeros.
  public private(set) var runningMean: Tensor
  /// The running (unbiased) variance, `[features]`, initially ones.
  public private(set) var runningVariance: Tensor
  /// The number of training batches seen.
  public private(set) var batchesTracked = 0
  /// Training mode (batch statistics, running statistics updated) or evaluation mode.
  public var isTraining = true
  let ranks: [Int]
  let typeName: String

  init(
    typeName: String, ranks: [Int], features: Int, momentum: Double?, epsilon: Double,
    affine: Bool, trackRunningStatistics: Bool
  ) throws {
    try AdvancedKernels.requireSizes(["features": features], op: typeName)
    let factor: Double = momentum ?? 0
    guard factor >= 0, factor <= 1, epsilon >= 0 else {
      let given = momentum.map { "\($0)" } ?? "nil"
      throw TensorError.invalidArgument(
        op: typeName,
        reason: "momentum must be in 0...1 (or nil) and epsilon at least 0 "
          + "(got \(given), \(epsilon))")
    }
    self.typeName = typeName
    self.ranks = ranks
    self.features = features
    self.momentum = momentum
    self.epsilon = epsilon
    self.affine = affine
    self.trackRunningStatistics = trackRunningStatistics
    let c = self.features
    weight = affine ? try Tensor.constantParameter([c], 1) : nil
    bias = affine ? try Tensor.constantParameter([c], 0) : nil
    runningMean = try Tensor(shape: [c], repeating: 0)
    runningVariance = try Tensor(shape: [c], repeating: 1)
  }

  /// γ, the learnable scale (same tensor as ``weight``).
  public var gamma: Tensor? { weight }
  /// β, the learnable shift (same tensor as ``bias``).
  public var beta: Tensor? { bias }

  /// The learnable parameters: γ then β (none without `affine`).
  public var parameters: [Tensor] { [weight, bias].compactMap { $0 } }

  /// A description such as `BatchNorm1d(64)`.
  public var description: String {
    var text = "\(typeName)(\(features)"
    if epsilon != 1e-5 { text += ", epsilon: \(epsilon)" }
    if let momentum, momentum != 0.1 { text += ", momentum: \(momentum)" }
    if momentum == nil { text += ", momentum: nil" }
    if !affine { text += ", affine: false" }
    return text + ")"
  }

  /// Normalizes `input` (`[N, C, ...]`) per channel.
  public func forward(_ input: Tensor) throws -> Tensor {
    let expected = ranks.map { $0 == 2 ? "[batch, \(features)]" : "[batch, \(features), ...]" }
      .joined(separator: " or ")
    guard ranks.contains(input.rank), input.shape[1] == features else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason:
          "expected an input of shape \(expected) (rank \(ranks.map(String.init).joined(separator: " or ")))"
      )
    }
    let useBatch = isTraining || !trackRunningStatistics
    let perChannel = input.count / Swift.max(1, features)
    if useBatch && perChannel <= 1 && isTraining {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "training needs more than one value per channel to compute a batch variance; "
          + "use a larger batch or switch to evaluation mode")
    }
    let (out, mean, variance) = try Tensor.channelNormalization(
      input, channels: features, mean: useBatch ? nil : runningMean.scalars,
      variance: useBatch ? nil : runningVariance.scalars, epsilon: epsilon, weight: weight,
      bias: bias, op: typeName)
    if isTraining && trackRunningStatistics {
      batchesTracked += 1
      let factor = momentum ?? 1 / Double(batchesTracked)
      let correction = Double(perChannel) / Double(perChannel - 1)
      runningMean.scalars = zip(runningMean.scalars, mean).map {
        (1 - factor) * $0 + factor * $1
      }
      runningVariance.scalars = zip(runningVariance.scalars, variance).map {
        (1 - factor) * $0 + factor * $1 * correction
      }
    }
    return out
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard ranks.contains(inputShape.count), inputShape[1] == features else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape, reason: "expected [batch, \(features), ...]")
    }
    return inputShape
  }
}

/// Batch normalization of `[batch, features]` or `[batch, features, length]` inputs
/// (`torch.nn.BatchNorm1d`).
public final class BatchNorm1d: BatchNormalization {
  /// Creates the layer with γ = 1, β = 0, running mean 0 and running variance 1.
  public init(
    _ features: Int, momentum: Double? = 0.1, epsilon: Double = 1e-5, affine: Bool = true,
    trackRunningStatistics: Bool = true
  ) throws {
    try super.init(
      typeName: "BatchNorm1d", ranks: [2, 3], features: features, momentum: momentum,
      epsilon: epsilon, affine: affine, trackRunningStatistics: trackRunningStatistics)
  }
}

/// Batch normalization of `[batch, channels, height, width]` inputs (`torch.nn.BatchNorm2d`).
public final class BatchNorm2d: BatchNormalization {
  /// Creates the layer with γ = 1, β = 0, running mean 0 and running variance 1.
  public init(
    _ channels: Int, momentum: Double? = 0.1, epsilon: Double = 1e-5, affine: Bool = true,
    trackRunningStatistics: Bool = true
  ) throws {
    try super.init(
      typeName: "BatchNorm2d", ranks: [4], features: channels, momentum: momentum,
      epsilon: epsilon, affine: affine, trackRunningStatistics: trackRunningStatistics)
  }
}

/// Layer normalization over the trailing dimensions given by `shape`
/// (`torch.nn.LayerNorm`): each sample is normalized with its own mean and biased variance,
/// then scaled by `weight` and shifted by `bias` elementwise.
public final class LayerNorm: Layer {
  /// The trailing shape normalized over.
  public let normalizedShape: [Int]
  /// Added to the variance for numerical stability.
  public let epsilon: Double
  /// γ, shaped `normalizedShape`, initially ones (`nil` without affine parameters).
  public let weight: Tensor?
  /// β, shaped `normalizedShape`, initially zeros.
  public let bias: Tensor?

  /// Creates the layer for the trailing shape `shape`.
  public init(_ shape: [Int], epsilon: Double = 1e-5, elementwiseAffine: Bool = true) throws {
    guard !shape.isEmpty, shape.allSatisfy({ $0 >= 1 }), epsilon >= 0 else {
      throw TensorError.invalidArgument(
        op: "LayerNorm",
        reason: "the normalized shape must be non-empty with sizes of at least 1, and epsilon "
          + "at least 0 (got \(Tensor.format(shape: shape)), \(epsilon))")
    }
    normalizedShape = shape
    self.epsilon = epsilon
    weight = elementwiseAffine ? try Tensor.constantParameter(normalizedShape, 1) : nil
    bias = elementwiseAffine ? try Tensor.constantParameter(normalizedShape, 0) : nil
  }

  /// Creates the layer normalizing over a last dimension of `features` values.
  public convenience init(_ features: Int, epsilon: Double = 1e-5, elementwiseAffine: Bool = true)
    throws
  {
    try self.init([features], epsilon: epsilon, elementwiseAffine: elementwiseAffine)
  }

  /// γ, the learnable scale (same tensor as ``weight``).
  public var gamma: Tensor? { weight }
  /// β, the learnable shift (same tensor as ``bias``).
  public var beta: Tensor? { bias }
  /// γ then β.
  public var parameters: [Tensor] { [weight, bias].compactMap { $0 } }
  public var isTraining = true

  /// A description such as `LayerNorm([64])`.
  public var description: String { "LayerNorm(\(Tensor.format(shape: normalizedShape)))" }

  /// Normalizes the trailing `normalizedShape` dimensions of `input`.
  public func forward(_ input: Tensor) throws -> Tensor {
    guard input.rank >= normalizedShape.count,
      Array(input.shape.suffix(normalizedShape.count)) == normalizedShape
    else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "expected an input ending in \(Tensor.format(shape: normalizedShape))")
    }
    return try Tensor.rowNormalization(
      input, size: normalizedShape.reduce(1, *), epsilon: epsilon, weight: weight, bias: bias)
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard Array(inputShape.suffix(normalizedShape.count)) == normalizedShape else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape,
        reason: "expected a shape ending in \(Tensor.format(shape: normalizedShape))")
    }
    return inputShape
  }
}
