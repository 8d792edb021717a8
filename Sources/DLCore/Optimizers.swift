import Foundation

/// Updates parameters from their gradients.
public protocol Optimizer: AnyObject {
  /// The tensors the optimizer updates.
  var parameters: [Tensor] { get }
  /// The step size.
  var learningRate: Double { get set }
  /// Updates every parameter that has a gradient.
  func step() throws
}

extension Optimizer {
  /// Clears the gradients of all parameters.
  public func zeroGrad() {
    for p in parameters { p.zeroGrad() }
  }
}

private func checkParameters(_ parameters: [Tensor], _ op: String) throws {
  for (i, p) in parameters.enumerated() where !p.isLeaf {
    throw TensorError.invalidArgument(
      op: op,
      reason:
        "parameter \(i) is the result of an operation (\(p.operation)); optimizers update leaf tensors"
    )
  }
}

/// Stochastic gradient descent with momentum, in the classic form
/// Δw(t) = −η ∂E/∂w + α Δw(t−1), then w ← w + Δw.
///
/// With a constant learning rate this is exactly PyTorch's `SGD` (whose buffer v satisfies
/// Δw = −η v). The last update of each parameter stays readable as ``deltas`` (or
/// ``delta(for:)``), so an answer key can show Δw at each step.
public final class SGD: Optimizer {
  public let parameters: [Tensor]
  /// η, the learning rate.
  public var learningRate: Double
  /// α, the momentum factor.
  public var momentum: Double
  /// λ: adds λ·w to each gradient (L2 regularization, PyTorch's `weight_decay`).
  public var weightDecay: Double
  /// Use Nesterov momentum (PyTorch's `nesterov`).
  public var nesterov: Bool
  /// Δw of the last step, one tensor per parameter (zeros before the first step). Each read
  /// returns new tensors, so a value kept from one step does not change at the next.
  public var deltas: [Tensor] {
    zip(parameters, deltaValues).map { Tensor(shape: $0.shape, scalars: $1, budget: nil) }
  }
  private var deltaValues: [[Double]]
  /// The number of steps taken.
  public private(set) var stepCount = 0

  /// - Parameters:
  ///   - parameters: the tensors to update (for example `net.parameters`).
  ///   - learningRate: η.
  ///   - momentum: α (0 for plain gradient descent).
  public init(
    _ parameters: [Tensor], learningRate: Double, momentum: Double = 0, weightDecay: Double = 0,
    nesterov: Bool = false
  ) throws {
    try checkParameters(parameters, "SGD")
    guard learningRate >= 0, momentum >= 0, weightDecay >= 0 else {
      throw TensorError.invalidArgument(
        op: "SGD", reason: "learningRate, momentum and weightDecay must not be negative")
    }
    self.parameters = parameters
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.nesterov = nesterov
    deltaValues = parameters.map { Array(repeating: 0, count: $0.count) }
  }

  /// Δw of the last step for `parameter`, or `nil` if it is not one of this optimizer's.
  public func delta(for parameter: Tensor) -> Tensor? {
    parameters.firstIndex { $0 === parameter }.map {
      Tensor(shape: parameter.shape, scalars: deltaValues[$0], budget: nil)
    }
  }

  public func step() throws {
    stepCount += 1
    let eta = learningRate
    let alpha = momentum
    let decay = weightDecay
    for (index, p) in parameters.enumerated() {
      guard let g = p.gradStorage, g.count == p.count else { continue }
      if nesterov && buffers.count != parameters.count {
        buffers = parameters.map { Array(repeating: 0, count: $0.count) }
      }
      p.scalars.withUnsafeMutableBufferPointer { w in
        deltaValues[index].withUnsafeMutableBufferPointer { d in
          if nesterov {
            // PyTorch: b = α b + g (b starts at 0); w −= η (g + α b).
            buffers[index].withUnsafeMutableBufferPointer { b in
              for i in 0..<w.count {
                let grad = g[i] + decay * w[i]
                b[i] = alpha * b[i] + grad
                d[i] = -eta * (grad + alpha * b[i])
                w[i] += d[i]
              }
            }
          } else {
            for i in 0..<w.count {
              let grad = g[i] + decay * w[i]
              d[i] = -eta * grad + alpha * d[i]
              w[i] += d[i]
            }
          }
        }
      }
    }
  }
  private var buffers: [[Double]] = []
}

/// Adam (Kingma & Ba), exactly as PyTorch's `Adam` computes it, with bias correction.
public final class Adam: Optimizer {
  public let parameters: [Tensor]
  public var learningRate: Double
  /// β₁ and β₂, the decay rates of the moment estimates.
  public var betas: (Double, Double)
  /// ε, added to the denominator.
  public var epsilon: Double
  /// λ: adds λ·w to each gradient (PyTorch's `weight_decay`).
  public var weightDecay: Double
  /// The number of steps taken.
  public private(set) var stepCount = 0
  private var firstMoments: [[Double]]
  private var secondMoments: [[Double]]
  /// Weight decay applied to the weights directly (AdamW) instead of added to the gradient.
  var decoupledWeightDecay = false

  /// Creates the optimizer with PyTorch's defaults.
  public init(
    _ parameters: [Tensor], learningRate: Double = 0.001, betas: (Double, Double) = (0.9, 0.999),
    epsilon: Double = 1e-8, weightDecay: Double = 0
  ) throws {
    try checkParameters(parameters, "Adam")
    guard learningRate >= 0, epsilon >= 0, weightDecay >= 0, (0..<1).contains(betas.0),
      (0..<1).contains(betas.1)
    else {
      throw TensorError.invalidArgument(
        op: "Adam",
        reason:
          "learningRate, epsilon and weightDecay must not be negative and betas must be in 0..<1")
    }
    self.parameters = parameters
    self.learningRate = learningRate
    self.betas = betas
    self.epsilon = epsilon
    self.weightDecay = weightDecay
    firstMoments = parameters.map { Array(repeating: 0, count: $0.count) }
    secondMoments = firstMoments
  }

  /// The first-moment estimate m of `parameter` (zeros before the first step).
  public func firstMoment(for parameter: Tensor) -> Tensor? {
    parameters.firstIndex { $0 === parameter }.map {
      Tensor(shape: parameter.shape, scalars: firstMoments[$0], budget: nil)
    }
  }

  /// The second-moment estimate v of `parameter` (zeros before the first step).
  public func secondMoment(for parameter: Tensor) -> Tensor? {
    parameters.firstIndex { $0 === parameter }.map {
      Tensor(shape: parameter.shape, scalars: secondMoments[$0], budget: nil)
    }
  }

  public func step() throws {
    stepCount += 1
    let (beta1, beta2) = betas
    let t = Double(stepCount)
    let correction1 = 1 - Foundation.pow(beta1, t)
    let correction2Root = (1 - Foundation.pow(beta2, t)).squareRoot()
    let stepSize = learningRate / correction1
    let decay = decoupledWeightDecay ? 0 : weightDecay
    let shrink = decoupledWeightDecay ? 1 - learningRate * weightDecay : 1
    for (index, p) in parameters.enumerated() {
      guard let g = p.gradStorage, g.count == p.count else { continue }
      firstMoments[index].withUnsafeMutableBufferPointer { m in
        secondMoments[index].withUnsafeMutableBufferPointer { v in
          p.scalars.withUnsafeMutableBufferPointer { w in
            for i in 0..<w.count {
              let grad = g[i] + decay * w[i]
              if shrink != 1 { w[i] *= shrink }
              m[i] = beta1 * m[i] + (1 - beta1) * grad
              v[i] = beta2 * v[i] + (1 - beta2) * grad * grad
              let denominator = v[i].squareRoot() / correction2Root + epsilon
              w[i] -= stepSize * m[i] / denominator
            }
          }
        }
      }
    }
  }
}

/// Adam with decoupled weight decay (Loshchilov & Hutter), as PyTorch's `AdamW`: each step
/// first scales the weights by 1 − η·λ, then takes an Adam step on the plain gradient.
public final class AdamW: Optimizer {
  private let adam: Adam

  /// Creates the optimizer with PyTorch's defaults (weight decay 0.01).
  public init(
    _ parameters: [Tensor], learningRate: Double = 0.001, betas: (Double, Double) = (0.9, 0.999),
    epsilon: Double = 1e-8, weightDecay: Double = 0.01
  ) throws {
    adam = try Adam(
      parameters, learningRate: learningRate, betas: betas, epsilon: epsilon,
      weightDecay: weightDecay)
    adam.decoupledWeightDecay = true
  }

  public var parameters: [Tensor] { adam.parameters }
  public var learningRate: Double {
    get { adam.learningRate }
    set { adam.learningRate = newValue }
  }
  /// λ, the decoupled weight decay.
  public var weightDecay: Double {
    get { adam.weightDecay }
    set { adam.weightDecay = newValue }
  }
  /// The number of steps taken.
  public var stepCount: Int { adam.stepCount }
  public func step() throws { try adam.step() }
}

/// RMSprop as PyTorch computes it: v = α v + (1 − α) g², then w −= η g / (√v + ε), or with
/// momentum μ: b = μ b + g / (√v + ε), w −= η b.
public final class RMSprop: Optimizer {
  public let parameters: [Tensor]
  public var learningRate: Double
  /// α, the decay rate of the squared-gradient average.
  public var alpha: Double
  /// ε, added to the denominator.
  public var epsilon: Double
  /// μ, the momentum factor.
  public var momentum: Double
  /// λ: adds λ·w to each gradient (PyTorch's `weight_decay`).
  public var weightDecay: Double
  private var squareAverages: [[Double]]
  private var buffers: [[Double]]

  /// Creates the optimizer with PyTorch's defaults.
  public init(
    _ parameters: [Tensor], learningRate: Double = 0.01, alpha: Double = 0.99,
    epsilon: Double = 1e-8, momentum: Double = 0, weightDecay: Double = 0
  ) throws {
    try checkParameters(parameters, "RMSprop")
    guard learningRate >= 0, epsilon >= 0, momentum >= 0, weightDecay >= 0, (0...1).contains(alpha)
    else {
      throw TensorError.invalidArgument(
        op: "RMSprop",
        reason:
          "learningRate, epsilon, momentum and weightDecay must not be negative and alpha must be in 0...1"
      )
    }
    self.parameters = parameters
    self.learningRate = learningRate
    self.alpha = alpha
    self.epsilon = epsilon
    self.momentum = momentum
    self.weightDecay = weightDecay
    squareAverages = parameters.map { Array(repeating: 0, count: $0.count) }
    buffers = squareAverages
  }

  public func step() throws {
    for (index, p) in parameters.enumerated() {
      guard let g = p.gradStorage, g.count == p.count else { continue }
      squareAverages[index].withUnsafeMutableBufferPointer { v in
        buffers[index].withUnsafeMutableBufferPointer { b in
          p.scalars.withUnsafeMutableBufferPointer { w in
            for i in 0..<w.count {
              let grad = g[i] + weightDecay * w[i]
              v[i] = alpha * v[i] + (1 - alpha) * grad * grad
              let scaled = grad / (v[i].squareRoot() + epsilon)
              if momentum > 0 {
                b[i] = momentum * b[i] + scaled
                w[i] -= learningRate * b[i]
              } else {
                w[i] -= learningRate * scaled
              }
            }
          }
        }
      }
    }
  }
}

/// Trains `model` on `data` and returns the mean loss of each epoch.
///
/// Each epoch visits the samples in mini-batches (shuffled with `seed` when `shuffle` is true;
/// the whole set as one batch when `batchSize` is `nil`), and for each batch computes the loss,
/// clears the gradients, back-propagates and takes an optimizer step. The model is put in
/// training mode during the loop and in evaluation mode afterwards.
@discardableResult
public func fit(
  _ model: any Layer, _ data: Dataset, loss: (Tensor, Tensor) throws -> Tensor,
  optimizer: any Optimizer, epochs: Int, batchSize: Int? = nil, shuffle: Bool = true,
  seed: Int? = nil
) throws -> [Double] {
  guard epochs >= 0 else {
    throw TensorError.invalidArgument(op: "fit", reason: "epochs must not be negative")
  }
  if let batchSize, batchSize <= 0 {
    throw TensorError.invalidArgument(op: "fit", reason: "batchSize must be positive")
  }
  model.train()
  defer { model.eval() }
  var history: [Double] = []
  history.reserveCapacity(epochs)
  let generator = RandomGenerator.resolve(seed: seed)
  let fullBatch = batchSize == nil || batchSize! >= data.count
  for _ in 0..<epochs {
    if fullBatch {
      let value = try trainStep(model, data.inputs, data.targets, loss: loss, optimizer: optimizer)
      history.append(value)
      continue
    }
    var total = 0.0
    for batch in try data.batches(size: batchSize!, shuffle: shuffle, generator: generator) {
      let value = try trainStep(
        model, batch.inputs, batch.targets, loss: loss, optimizer: optimizer)
      total += value * Double(batch.count)
    }
    history.append(data.count > 0 ? total / Double(data.count) : 0)
  }
  return history
}

/// One optimization step on one batch; returns the loss before the step.
@discardableResult
public func trainStep(
  _ model: any Layer, _ inputs: Tensor, _ targets: Tensor,
  loss: (Tensor, Tensor) throws -> Tensor, optimizer: any Optimizer
) throws -> Double {
  let output = try model(inputs)
  let value = try loss(output, targets)
  optimizer.zeroGrad()
  try value.backward()
  try optimizer.step()
  return try value.item()
}
