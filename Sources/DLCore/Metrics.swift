/// Classification metrics on integer class labels (as `Double`s in tensors or arrays).
///
/// Predictions may be labels `[N]`, or scores `[N, C]` (the arg-max is taken), or for binary
/// metrics probabilities `[N]` or `[N, 1]` (thresholded at 0.5) — see ``predictedLabels(_:)``.

/// How per-class scores are combined.
public enum Averaging: Sendable {
  /// The score of the positive class (label 1) only.
  case binary
  /// The unweighted mean over classes.
  case macro
  /// The score from global counts (equal to accuracy for single-label problems).
  case micro
}

/// Labels from predictions: `[N, C]` scores give the arg-max per row; a vector of non-integer
/// values in 0...1 or an `[N, 1]` column is thresholded at 0.5; otherwise values are labels.
public func predictedLabels(_ predictions: Tensor) throws -> [Int] {
  if predictions.rank == 2 && predictions.shape[1] > 1 {
    return try predictions.argmax(axis: 1).scalars.map { Int($0) }
  }
  let values = predictions.scalars
  let isProbability =
    values.contains { $0.rounded() != $0 } && values.allSatisfy { $0 >= 0 && $0 <= 1 }
  if isProbability
    || (predictions.rank == 2 && predictions.shape[1] == 1
      && values.allSatisfy { $0 >= 0 && $0 <= 1 })
  {
    return values.map { $0 >= 0.5 ? 1 : 0 }
  }
  return try values.map { v in
    guard v.rounded() == v, v >= 0, v < Double(Int32.max) else {
      throw TensorError.invalidArgument(op: "metrics", reason: "\(v) is not a class label")
    }
    return Int(v)
  }
}

private func labelPairs(_ predictions: Tensor, _ targets: Tensor, op: String) throws -> (
  [Int], [Int]
) {
  let p = try predictedLabels(predictions)
  let t = try predictedLabels(targets)
  guard p.count == t.count else {
    throw TensorError.shapeMismatch(
      op: op, lhs: predictions.shape, rhs: targets.shape,
      reason: "predictions and targets count different samples")
  }
  return (p, t)
}

/// The confusion matrix `[classes, classes]`: entry (i, j) counts samples of true class i
/// predicted as class j (scikit-learn's layout). `classes` defaults to the largest label + 1.
public func confusionMatrix(_ predictions: Tensor, _ targets: Tensor, classes: Int? = nil) throws
  -> Tensor
{
  let (p, t) = try labelPairs(predictions, targets, op: "confusionMatrix")
  let n = classes ?? ((p + t).max() ?? -1) + 1
  guard n >= 0 else {
    throw TensorError.invalidArgument(op: "confusionMatrix", reason: "classes must not be negative")
  }
  let (cells, overflow) = n.multipliedReportingOverflow(by: n)
  try TensorBudget.checkInCurrent(overflow ? -1 : cells, op: "confusionMatrix")
  var counts = [Double](repeating: 0, count: n * n)
  for (pi, ti) in zip(p, t) {
    guard pi < n, ti < n else {
      throw TensorError.invalidArgument(
        op: "confusionMatrix", reason: "label \(Swift.max(pi, ti)) is not below classes = \(n)")
    }
    counts[ti * n + pi] += 1
  }
  return try Tensor(shape: [n, n], values: counts)
}

/// The fraction of samples predicted correctly.
public func accuracy(_ predictions: Tensor, _ targets: Tensor) throws -> Double {
  let (p, t) = try labelPairs(predictions, targets, op: "accuracy")
  guard !p.isEmpty else { return 0 }
  return Double(zip(p, t).filter { $0 == $1 }.count) / Double(p.count)
}

private func perClass(
  _ predictions: Tensor, _ targets: Tensor, op: String
) throws -> (tp: [Double], fp: [Double], fn: [Double]) {
  let (p, t) = try labelPairs(predictions, targets, op: op)
  let n = Swift.max(((p + t).max() ?? 0) + 1, 2)
  try TensorBudget.checkInCurrent(n, op: op)
  var tp = [Double](repeating: 0, count: n)
  var fp = tp
  var fn = tp
  for (pi, ti) in zip(p, t) {
    if pi == ti {
      tp[pi] += 1
    } else {
      fp[pi] += 1
      fn[ti] += 1
    }
  }
  return (tp, fp, fn)
}

private func ratio(_ a: Double, _ b: Double) -> Double { b == 0 ? 0 : a / b }

private func combine(
  _ counts: (tp: [Double], fp: [Double], fn: [Double]), _ average: Averaging,
  _ score: (Double, Double, Double) -> Double
) -> Double {
  switch average {
  case .binary:
    return score(counts.tp[1], counts.fp[1], counts.fn[1])
  case .macro:
    // Over the classes that occur in the targets or the predictions, as scikit-learn does.
    let present = counts.tp.indices.filter { counts.tp[$0] + counts.fp[$0] + counts.fn[$0] > 0 }
    let scores = present.map { score(counts.tp[$0], counts.fp[$0], counts.fn[$0]) }
    return scores.isEmpty ? 0 : scores.reduce(0, +) / Double(scores.count)
  case .micro:
    return score(counts.tp.reduce(0, +), counts.fp.reduce(0, +), counts.fn.reduce(0, +))
  }
}

/// Precision TP / (TP + FP) (0 when nothing is predicted positive), as scikit-learn's
/// `precision_score` with `zero_division=0`.
public func precision(_ predictions: Tensor, _ targets: Tensor, average: Averaging = .binary) throws
  -> Double
{
  combine(try perClass(predictions, targets, op: "precision"), average) { tp, fp, _ in
    ratio(tp, tp + fp)
  }
}

/// Recall TP / (TP + FN) (0 when there are no positives).
public func recall(_ predictions: Tensor, _ targets: Tensor, average: Averaging = .binary) throws
  -> Double
{
  combine(try perClass(predictions, targets, op: "recall"), average) { tp, _, fn in
    ratio(tp, tp + fn)
  }
}

/// F1 = 2TP / (2TP + FP + FN), the harmonic mean of precision and recall.
public func f1Score(_ predictions: Tensor, _ targets: Tensor, average: Averaging = .binary) throws
  -> Double
{
  combine(try perClass(predictions, targets, op: "f1Score"), average) { tp, fp, fn in
    ratio(2 * tp, 2 * tp + fp + fn)
  }
}
