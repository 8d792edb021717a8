import Foundation

// Loss functions take (prediction, target) and return a scalar tensor, so any of them can be
// passed to `fit(_:_:loss:optimizer:epochs:batchSize:)`.

private func checkSameShape(_ op: String, _ a: Tensor, _ b: Tensor) throws {
  guard a.shape == b.shape else {
    throw TensorError.shapeMismatch(
      op: op, lhs: a.shape, rhs: b.shape, reason: "prediction and target must have the same shape")
  }
}

/// Mean squared error: mean((prediction − target)²) (PyTorch's `mse_loss`).
public func mse(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
  try checkSameShape("mse", prediction, target)
  return try (prediction - target).square().mean()
}

/// The classic half sum of squared errors E = ½ Σ (target − prediction)², whose gradient is
/// prediction − target.
public func halfSumSquaredError(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
  try checkSameShape("halfSumSquaredError", prediction, target)
  return try (target - prediction).square().sum() * 0.5
}

/// Mean absolute error: mean(|prediction − target|) (PyTorch's `l1_loss`).
public func l1Loss(_ prediction: Tensor, _ target: Tensor) throws -> Tensor {
  try checkSameShape("l1Loss", prediction, target)
  return try (prediction - target).abs().mean()
}

/// Binary cross-entropy on probabilities: −mean(t·log p + (1 − t)·log(1 − p)), with each
/// logarithm clamped at −100 as PyTorch's `binary_cross_entropy` does.
public func binaryCrossEntropy(_ probabilities: Tensor, _ target: Tensor) throws -> Tensor {
  try checkSameShape("binaryCrossEntropy", probabilities, target)
  for p in probabilities.scalars where !(p >= 0 && p <= 1) {
    throw TensorError.invalidArgument(
      op: "binaryCrossEntropy",
      reason:
        "probabilities must lie in 0...1 (found \(p)); for raw scores use binaryCrossEntropyWithLogits"
    )
  }
  let p = probabilities.scalars
  let t = target.scalars
  let n = Double(Swift.max(p.count, 1))
  var total = 0.0
  for i in p.indices {
    total -=
      t[i] * Swift.max(Foundation.log(p[i]), -100) + (1 - t[i])
      * Swift.max(Foundation.log(1 - p[i]), -100)
  }
  let out = try Tensor.result(shape: [], scalars: [total / n], op: "binaryCrossEntropy")
  let needP = probabilities.requiresGrad
  let needT = target.requiresGrad
  return out.recording([probabilities, target]) { g in
    let scale = g[0] / n
    var gp: [Double]? = nil
    var gt: [Double]? = nil
    if needP {
      // d/dp = (p − t) / (p (1 − p)), with PyTorch's floor of 1e-12 on the denominator.
      gp = p.indices.map { i in scale * (p[i] - t[i]) / Swift.max(p[i] * (1 - p[i]), 1e-12) }
    }
    if needT {
      gt = p.indices.map { i in
        scale * (Swift.max(Foundation.log(1 - p[i]), -100) - Swift.max(Foundation.log(p[i]), -100))
      }
    }
    return [gp, gt]
  }
}

/// Binary cross-entropy on logits, computed stably: mean(max(x, 0) − x·t + log(1 + e^−|x|))
/// (PyTorch's `binary_cross_entropy_with_logits`).
public func binaryCrossEntropyWithLogits(_ logits: Tensor, _ target: Tensor) throws -> Tensor {
  try checkSameShape("binaryCrossEntropyWithLogits", logits, target)
  let x = logits.scalars
  let t = target.scalars
  let n = Double(Swift.max(x.count, 1))
  var total = 0.0
  for i in x.indices {
    total += Swift.max(x[i], 0) - x[i] * t[i] + Foundation.log1p(Foundation.exp(-Swift.abs(x[i])))
  }
  let out = try Tensor.result(shape: [], scalars: [total / n], op: "binaryCrossEntropyWithLogits")
  let needX = logits.requiresGrad
  let needT = target.requiresGrad
  return out.recording([logits, target]) { g in
    let scale = g[0] / n
    let gx = needX ? x.indices.map { i in scale * (SigmoidFunction().value(x[i]) - t[i]) } : nil
    let gt = needT ? x.map { -scale * $0 } : nil
    return [gx, gt]
  }
}

/// Cross-entropy of logits `[N, C]` against integer class labels `[N]` (stored as `Double`s),
/// averaged over the batch: PyTorch's `cross_entropy`. A target of the same shape as `logits`
/// is taken as class probabilities instead.
public func crossEntropy(_ logits: Tensor, _ target: Tensor) throws -> Tensor {
  if target.shape == logits.shape && logits.rank == 2 {
    return try (logits.logSoftmax(axis: 1) * target).sum().negated()
      / Double(Swift.max(logits.shape[0], 1))
  }
  guard logits.rank == 2 else {
    throw TensorError.invalidShape(
      op: "crossEntropy", shape: logits.shape, reason: "logits must be [batch, classes]")
  }
  let rows = logits.shape[0]
  let classes = logits.shape[1]
  guard target.shape == [rows] else {
    throw TensorError.shapeMismatch(
      op: "crossEntropy", lhs: logits.shape, rhs: target.shape,
      reason:
        "labels must be a vector of \(rows) class indices (or probabilities shaped like the logits)"
    )
  }
  let labels = try classIndices(target, classes: classes, op: "crossEntropy")
  let x = logits.scalars
  // One pass per row: the probabilities are kept for the backward pass.
  var probabilities = [Double](repeating: 0, count: x.count)
  var total = 0.0
  // Row sums lie in 1...classes, so up to 32 of them multiply without overflow when
  // classes ≤ 2^20; one logarithm per group instead of per row.
  let group = classes <= 1 << 20 ? 32 : 1
  var product = 1.0
  var inGroup = 0
  x.withUnsafeBufferPointer { xp in
    probabilities.withUnsafeMutableBufferPointer { pp in
      for r in 0..<rows {
        let base = r * classes
        var m = -Double.infinity
        for j in 0..<classes { m = Swift.max(m, xp[base + j]) }
        if !m.isFinite { m = 0 }
        var sum = 0.0
        for j in 0..<classes {
          let e = Foundation.exp(xp[base + j] - m)
          pp[base + j] = e
          sum += e
        }
        let inverse = 1 / sum
        for j in 0..<classes { pp[base + j] *= inverse }
        total -= xp[base + labels[r]] - m
        product *= sum
        inGroup += 1
        if inGroup == group {
          total += Foundation.log(product)
          product = 1
          inGroup = 0
        }
      }
    }
  }
  total += Foundation.log(product)
  let n = Double(Swift.max(rows, 1))
  let out = try Tensor.result(shape: [], scalars: [total / n], op: "crossEntropy")
  return out.recording([logits]) { g in
    // d/dlogits = (softmax − onehot) / N
    let scale = g[0] / n
    var gx = [Double](unsafeUninitializedCapacity: x.count) { buffer, initialized in
      probabilities.withUnsafeBufferPointer { pp in
        for i in 0..<pp.count { buffer[i] = scale * pp[i] }
      }
      initialized = x.count
    }
    for r in 0..<rows { gx[r * classes + labels[r]] -= scale }
    return [gx]
  }
}

/// Negative log-likelihood of log-probabilities `[N, C]` at integer labels `[N]`, averaged
/// (PyTorch's `nll_loss`).
public func nllLoss(_ logProbabilities: Tensor, _ target: Tensor) throws -> Tensor {
  guard logProbabilities.rank == 2, target.shape == [logProbabilities.shape[0]] else {
    throw TensorError.shapeMismatch(
      op: "nllLoss", lhs: logProbabilities.shape, rhs: target.shape,
      reason: "expected log-probabilities [batch, classes] and labels [batch]")
  }
  let rows = logProbabilities.shape[0]
  let classes = logProbabilities.shape[1]
  let labels = try classIndices(target, classes: classes, op: "nllLoss")
  let flat = labels.enumerated().map { $0 * classes + $1 }
  return try logProbabilities.reshape([rows * classes]).indexSelect(flat).mean().negated()
}

/// The class labels in `target` as integers; throws unless each is a whole number in range.
func classIndices(_ target: Tensor, classes: Int, op: String) throws -> [Int] {
  let limit = Double(classes)
  var labels = [Int](repeating: 0, count: target.count)
  for (i, v) in target.scalars.enumerated() {
    guard v >= 0, v < limit, Double(Int(v)) == v else {
      throw TensorError.invalidArgument(
        op: op, reason: "label \(v) is not a class index in 0..<\(classes)")
    }
    labels[i] = Int(v)
  }
  return labels
}

/// The sum of absolute values of `parameters`: Σ|w| (multiply by λ for an L1 penalty).
public func l1Penalty(_ parameters: [Tensor]) throws -> Tensor {
  var total = Tensor(0)
  for p in parameters { total = try total + p.abs().sum() }
  return total
}

/// The sum of squares of `parameters`: Σw² (multiply by λ for an L2 penalty).
public func l2Penalty(_ parameters: [Tensor]) throws -> Tensor {
  var total = Tensor(0)
  for p in parameters { total = try total + p.square().sum() }
  return total
}

extension Tensor {
  /// Elementwise negation (`-self`).
  public func negated() throws -> Tensor { try -self }
}
