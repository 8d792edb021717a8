/// An error thrown by a tensor operation: a bad shape, axis, index or argument, an exceeded
/// memory budget, or a passed deadline. Its description names the operation and the shapes
/// involved and says what to change.
public enum TensorError: Error, CustomStringConvertible, Equatable, Sendable {
  /// Two operands whose shapes do not fit the operation.
  case shapeMismatch(op: String, lhs: [Int], rhs: [Int], reason: String)
  /// A shape that is not valid for the operation (negative size, wrong element count, ...).
  case invalidShape(op: String, shape: [Int], reason: String)
  /// An axis outside `-rank..<rank`.
  case invalidAxis(op: String, axis: Int, rank: Int)
  /// An index outside the valid range.
  case indexOutOfRange(op: String, index: Int, size: Int)
  /// Any other invalid argument.
  case invalidArgument(op: String, reason: String)
  /// A tensor would exceed the element budget in force (see ``TensorBudget``).
  case budgetExceeded(op: String, requested: Int, limit: Int, reason: String)
  /// The deadline of the budget in force (see ``TensorBudget/deadline``) passed before the
  /// operation could create its result.
  case deadlinePassed(op: String)
  /// An error raised inside layer `index` of a ``Sequential`` network.
  indirect case inLayer(index: Int, layer: String, underlying: TensorError)

  public var description: String {
    switch self {
    case .shapeMismatch(let op, let lhs, let rhs, let reason):
      return "\(op): shapes \(Tensor.format(shape: lhs)) and \(Tensor.format(shape: rhs)) "
        + "do not fit: \(reason)"
    case .invalidShape(let op, let shape, let reason):
      return "\(op): invalid shape \(Tensor.format(shape: shape)): \(reason)"
    case .invalidAxis(let op, let axis, let rank):
      return "\(op): axis \(axis) is out of range for a tensor of rank \(rank) "
        + "(valid axes are \(-rank)...\(rank - 1))"
    case .indexOutOfRange(let op, let index, let size):
      return "\(op): index \(index) is out of range for a dimension of size \(size)"
    case .invalidArgument(let op, let reason):
      return "\(op): \(reason)"
    case .inLayer(let index, let layer, let underlying):
      return "layer \(index) (\(layer)): \(underlying.description)"
    case .budgetExceeded(let op, let requested, let limit, let reason):
      return "\(op): a tensor of \(requested) elements exceeds the limit of \(limit) elements "
        + "(\(reason)); use smaller tensors"
    case .deadlinePassed(let op):
      return "\(op): the time limit set for this computation has passed; allow more time "
        + "or do less work"
    }
  }
}

extension TensorError: CustomDebugStringConvertible {
  public var debugDescription: String { description }
}
