/// Weight initializers (PyTorch's `nn.init`), drawing from a seed or from
/// ``RandomGenerator/current``. `fanIn` and `fanOut` follow PyTorch: for a weight `[out, in,
/// ...]` they are `in · receptive` and `out · receptive`, where `receptive` is the product of
/// the remaining sizes.
extension Tensor {
  /// The fan-in and fan-out of a weight of `shape`; throws for fewer than two dimensions.
  public static func fans(_ shape: [Int]) throws -> (fanIn: Int, fanOut: Int) {
    guard shape.count >= 2 else {
      throw TensorError.invalidShape(
        op: "fans", shape: shape, reason: "fan-in and fan-out need at least two dimensions")
    }
    let receptive = shape.dropFirst(2).reduce(1, *)
    return (shape[1] * receptive, shape[0] * receptive)
  }

  /// Uniform in ±gain·√(6 / (fanIn + fanOut)) (Glorot & Bengio).
  public static func xavierUniform(_ shape: [Int], gain: Double = 1, seed: Int? = nil) throws
    -> Tensor
  {
    let (fanIn, fanOut) = try fans(shape)
    let bound = gain * (6 / Double(Swift.max(fanIn + fanOut, 1))).squareRoot()
    return try uniform(shape, low: -bound, high: bound, seed: seed)
  }

  /// Normal with standard deviation gain·√(2 / (fanIn + fanOut)).
  public static func xavierNormal(_ shape: [Int], gain: Double = 1, seed: Int? = nil) throws
    -> Tensor
  {
    let (fanIn, fanOut) = try fans(shape)
    return try normal(
      shape, mean: 0, std: gain * (2 / Double(Swift.max(fanIn + fanOut, 1))).squareRoot(),
      seed: seed)
  }

  /// Uniform in ±√(6 / ((1 + a²) fanIn)) (He et al., for leaky-ReLU slope `a`; a = 0 for ReLU).
  /// PyTorch's `Linear` uses a = √5, which gives ±1/√fanIn.
  public static func kaimingUniform(_ shape: [Int], a: Double = 0, seed: Int? = nil) throws
    -> Tensor
  {
    let (fanIn, _) = try fans(shape)
    let bound = (6 / ((1 + a * a) * Double(Swift.max(fanIn, 1)))).squareRoot()
    return try uniform(shape, low: -bound, high: bound, seed: seed)
  }

  /// Normal with standard deviation √(2 / ((1 + a²) fanIn)).
  public static func kaimingNormal(_ shape: [Int], a: Double = 0, seed: Int? = nil) throws -> Tensor
  {
    let (fanIn, _) = try fans(shape)
    return try normal(
      shape, mean: 0, std: (2 / ((1 + a * a) * Double(Swift.max(fanIn, 1)))).squareRoot(),
      seed: seed)
  }
}
