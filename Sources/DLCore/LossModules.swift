/// Loss objects in PyTorch's style (`criterion = nn.CrossEntropyLoss()`): each is callable as
/// `try criterion(prediction, target)` and computes the function of the same name.

/// `mse` as an object (PyTorch's `nn.MSELoss`).
public struct MSELoss: Sendable {
  public init() {}
  public func callAsFunction(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
    try mse(prediction, target)
  }
}

/// `l1Loss` as an object (PyTorch's `nn.L1Loss`).
public struct L1Loss: Sendable {
  public init() {}
  public func callAsFunction(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
    try l1Loss(prediction, target)
  }
}

/// `binaryCrossEntropy` as an object (PyTorch's `nn.BCELoss`).
public struct BCELoss: Sendable {
  public init() {}
  public func callAsFunction(_ probabilities: Tensor, _ target: Tensor) throws -> Tensor {
    try binaryCrossEntropy(probabilities, target)
  }
}

/// `binaryCrossEntropyWithLogits` as an object (PyTorch's `nn.BCEWithLogitsLoss`).
public struct BCEWithLogitsLoss: Sendable {
  public init() {}
  public func callAsFunction(_ logits: Tensor, _ target: Tensor) throws -> Tensor {
    try binaryCrossEntropyWithLogits(logits, target)
  }
}

/// `crossEntropy` as an object (PyTorch's `nn.CrossEntropyLoss`).
public struct CrossEntropyLoss: Sendable {
  public init() {}
  public func callAsFunction(_ logits: Tensor, _ target: Tensor) throws -> Tensor {
    try crossEntropy(logits, target)
  }
}

/// `nllLoss` as an object (PyTorch's `nn.NLLLoss`).
public struct NLLLoss: Sendable {
  public init() {}
  public func callAsFunction(_ logProbabilities: Tensor, _ target: Tensor) throws -> Tensor {
    try nllLoss(logProbabilities, target)
  }
}

extension Tensor {
  /// One-hot rows `[N, classes]` for integer class labels `[N]` (PyTorch's `one_hot`).
  public static func oneHot(_ labels: Tensor, classes: Int) throws -> Tensor {
    guard labels.rank == 1 else {
      throw TensorError.invalidShape(
        op: "oneHot", shape: labels.shape, reason: "labels must be a vector")
    }
    guard classes > 0 else {
      throw TensorError.invalidArgument(op: "oneHot", reason: "classes must be positive")
    }
    let indices = try classIndices(labels, classes: classes, op: "oneHot")
    return try make(shape: [indices.count, classes], op: "oneHot") { out in
      out.initialize(repeating: 0)
      for (r, c) in indices.enumerated() { out[r * classes + c] = 1 }
    }
  }
}

/// The mean loss and the accuracy of `model` on `data`, without recording a graph.
public func evaluate(
  _ model: any Layer, _ data: Dataset, loss: (Tensor, Tensor) throws -> Tensor
) throws -> (loss: Double, accuracy: Double) {
  let wasTraining = model.isTraining
  model.eval()
  defer { model.isTraining = wasTraining }
  return try Tensor.noGrad {
    let output = try model(data.inputs)
    return (try loss(output, data.targets).item(), try accuracy(output, data.targets))
  }
}
