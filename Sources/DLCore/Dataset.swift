import Foundation

/// Samples with their targets: `inputs` is `[count, features...]`, `targets` is `[count, ...]`
/// (class labels as a vector of `Double`s, or regression targets).
public struct Dataset: CustomStringConvertible {
  /// The input samples, one per row.
  public let inputs: Tensor
  /// The target of each sample.
  public let targets: Tensor

  /// Pairs inputs with targets; throws unless both have the same number of rows.
  public init(inputs: Tensor, targets: Tensor) throws {
    guard inputs.rank >= 1, targets.rank >= 1, inputs.shape[0] == targets.shape[0] else {
      throw TensorError.shapeMismatch(
        op: "Dataset", lhs: inputs.shape, rhs: targets.shape,
        reason: "inputs and targets must have the same number of rows")
    }
    self.inputs = inputs
    self.targets = targets
  }

  /// The number of samples.
  public var count: Int { inputs.shape[0] }

  /// The number of classes when the targets are class labels (largest label + 1).
  public var classCount: Int {
    guard targets.rank == 1 else { return 0 }
    return Int(targets.scalars.max() ?? -1) + 1
  }

  /// The samples at `indices`, in that order.
  public func subset(_ indices: [Int]) throws -> Dataset {
    try Dataset(
      inputs: inputs.detach().indexSelect(indices, axis: 0),
      targets: targets.detach().indexSelect(indices, axis: 0))
  }

  /// Splits into a training and a test set; `testFraction` of the samples (rounded) go to the
  /// test set. Samples are shuffled with `seed` first unless `shuffle` is false.
  public func split(testFraction: Double = 0.2, shuffle: Bool = true, seed: Int? = nil) throws
    -> (train: Dataset, test: Dataset)
  {
    guard testFraction >= 0, testFraction <= 1 else {
      throw TensorError.invalidArgument(op: "split", reason: "testFraction must be in 0...1")
    }
    let order = shuffle ? RandomGenerator.resolve(seed: seed).permutation(count) : Array(0..<count)
    let testCount = Int((Double(count) * testFraction).rounded())
    let trainCount = count - testCount
    return (try subset(Array(order[..<trainCount])), try subset(Array(order[trainCount...])))
  }

  /// The samples in consecutive batches of `size` (the last may be smaller), in a shuffled
  /// order when `shuffle` is true.
  public func batches(size: Int, shuffle: Bool = false, seed: Int? = nil) throws -> [Dataset] {
    try batches(size: size, shuffle: shuffle, generator: RandomGenerator.resolve(seed: seed))
  }

  func batches(size: Int, shuffle: Bool, generator: RandomGenerator) throws -> [Dataset] {
    guard size > 0 else {
      throw TensorError.invalidArgument(op: "batches", reason: "the batch size must be positive")
    }
    let order = shuffle ? generator.permutation(count) : Array(0..<count)
    return try stride(from: 0, to: count, by: size).map {
      try subset(Array(order[$0..<Swift.min($0 + size, count)]))
    }
  }

  public var description: String {
    "Dataset(\(count) samples, inputs \(Tensor.format(shape: inputs.shape)), targets \(Tensor.format(shape: targets.shape)))"
  }
}

/// Seeded generators of small synthetic data sets, as scikit-learn makes them.
///
/// Classification sets have `inputs` `[count, 2]` and integer class labels as `targets`
/// `[count]`; the same arguments give the same data on every machine.
public enum Datasets {
  private static func check(_ count: Int, _ noise: Double, _ op: String, features: Int = 2) throws {
    guard count >= 0 else {
      throw TensorError.invalidArgument(op: op, reason: "count must not be negative")
    }
    let (elements, overflow) = count.multipliedReportingOverflow(by: Swift.max(features, 1))
    try TensorBudget.checkInCurrent(overflow ? -1 : elements, op: op)
    guard noise >= 0, noise.isFinite else {
      throw TensorError.invalidArgument(op: op, reason: "noise must be a finite number ≥ 0")
    }
  }

  private static func make(_ points: [Double], _ labels: [Double], features: Int, op: String) throws
    -> Dataset
  {
    try Dataset(
      inputs: Tensor(shape: [labels.count, features], values: points),
      targets: Tensor(shape: [labels.count], values: labels))
  }

  /// Two interleaving half circles (scikit-learn's `make_moons`): class 0 on the upper arc,
  /// class 1 on the lower arc shifted by (1, 0.5); Gaussian noise of standard deviation `noise`.
  public static func moons(count: Int = 200, noise: Double = 0.1, seed: Int = 0) throws -> Dataset {
    try check(count, noise, "moons")
    let g = RandomGenerator(seed: seed)
    let outer = count / 2
    let inner = count - outer
    var points: [Double] = []
    var labels: [Double] = []
    for i in 0..<outer {
      let t = outer > 1 ? Double.pi * Double(i) / Double(outer - 1) : 0
      points += [Foundation.cos(t), Foundation.sin(t)]
      labels.append(0)
    }
    for i in 0..<inner {
      let t = inner > 1 ? Double.pi * Double(i) / Double(inner - 1) : 0
      points += [1 - Foundation.cos(t), 0.5 - Foundation.sin(t)]
      labels.append(1)
    }
    for i in points.indices { points[i] += noise * g.nextNormal() }
    return try shuffled(points, labels, features: 2, generator: g, op: "moons")
  }

  /// Two concentric circles (scikit-learn's `make_circles`): class 0 on the unit circle, class 1
  /// on a circle of radius `factor`.
  public static func circles(
    count: Int = 200, noise: Double = 0.05, factor: Double = 0.5, seed: Int = 0
  ) throws
    -> Dataset
  {
    try check(count, noise, "circles")
    guard factor > 0, factor < 1 else {
      throw TensorError.invalidArgument(op: "circles", reason: "factor must be in (0, 1)")
    }
    let g = RandomGenerator(seed: seed)
    let outer = count / 2
    let inner = count - outer
    var points: [Double] = []
    var labels: [Double] = []
    for (n, radius, label) in [(outer, 1.0, 0.0), (inner, factor, 1.0)] {
      for i in 0..<n {
        let t = 2 * Double.pi * Double(i) / Double(Swift.max(n, 1))
        points += [radius * Foundation.cos(t), radius * Foundation.sin(t)]
        labels.append(label)
      }
    }
    for i in points.indices { points[i] += noise * g.nextNormal() }
    return try shuffled(points, labels, features: 2, generator: g, op: "circles")
  }

  /// Gaussian blobs (scikit-learn's `make_blobs`): `centers` clusters with centers uniform in
  /// `-10...10` and standard deviation `spread`; samples are split evenly among clusters.
  public static func blobs(
    count: Int = 200, centers: Int = 3, features: Int = 2, spread: Double = 1.0, seed: Int = 0
  ) throws -> Dataset {
    guard centers > 0, features > 0 else {
      throw TensorError.invalidArgument(
        op: "blobs", reason: "centers and features must be positive")
    }
    try check(count, spread, "blobs", features: features)
    let (centerElements, overflow) = centers.multipliedReportingOverflow(by: features)
    try TensorBudget.checkInCurrent(overflow ? -1 : centerElements, op: "blobs")
    let g = RandomGenerator(seed: seed)
    let middles = (0..<(centers * features)).map { _ in -10 + 20 * g.nextUniform() }
    var points: [Double] = []
    var labels: [Double] = []
    for c in 0..<centers {
      let n = count / centers + (c < count % centers ? 1 : 0)
      for _ in 0..<n {
        for f in 0..<features { points.append(middles[c * features + f] + spread * g.nextNormal()) }
        labels.append(Double(c))
      }
    }
    return try shuffled(points, labels, features: features, generator: g, op: "blobs")
  }

  /// The XOR problem: points uniform in `-1...1`², class 1 when x·y < 0, plus Gaussian noise on
  /// the coordinates after labelling.
  public static func xor(count: Int = 200, noise: Double = 0.0, seed: Int = 0) throws -> Dataset {
    try check(count, noise, "xor")
    let g = RandomGenerator(seed: seed)
    var points: [Double] = []
    var labels: [Double] = []
    for _ in 0..<count {
      let x = -1 + 2 * g.nextUniform()
      let y = -1 + 2 * g.nextUniform()
      labels.append(x * y < 0 ? 1 : 0)
      points += [x + noise * g.nextNormal(), y + noise * g.nextNormal()]
    }
    return try make(points, labels, features: 2, op: "xor")
  }

  /// Interleaved spirals, one arm per class (`classes` arms), radius growing from 0 to 1 over
  /// `turns` turns, with Gaussian noise on the coordinates.
  public static func spirals(
    count: Int = 300, classes: Int = 2, noise: Double = 0.05, turns: Double = 1, seed: Int = 0
  )
    throws -> Dataset
  {
    try check(count, noise, "spirals")
    guard classes > 0, classes <= Swift.max(count, 1) else {
      throw TensorError.invalidArgument(
        op: "spirals", reason: "classes must be positive and at most count")
    }
    let g = RandomGenerator(seed: seed)
    var points: [Double] = []
    var labels: [Double] = []
    for c in 0..<classes {
      let n = count / classes + (c < count % classes ? 1 : 0)
      for i in 0..<n {
        let r = n > 1 ? Double(i) / Double(n - 1) : 0
        let t = 2 * Double.pi * (turns * r + Double(c) / Double(classes))
        points += [
          r * Foundation.cos(t) + noise * g.nextNormal(),
          r * Foundation.sin(t) + noise * g.nextNormal(),
        ]
        labels.append(Double(c))
      }
    }
    return try shuffled(points, labels, features: 2, generator: g, op: "spirals")
  }

  /// Linear-regression data (like scikit-learn's `make_regression`): inputs standard normal
  /// `[count, features]`, targets `[count, 1]` = inputs · w + bias + noise, where only the first
  /// `informative` features have non-zero weights (uniform in `0...100`; see ``coefficients``
  /// in the returned tuple).
  public static func linearRegression(
    count: Int = 100, features: Int = 1, informative: Int? = nil, noise: Double = 0.0,
    bias: Double = 0,
    seed: Int = 0
  ) throws -> (data: Dataset, coefficients: Tensor) {
    let used = informative ?? features
    guard features > 0, used >= 0, used <= features else {
      throw TensorError.invalidArgument(
        op: "linearRegression", reason: "features must be positive and informative in 0...features")
    }
    try check(count, noise, "linearRegression", features: features)
    let g = RandomGenerator(seed: seed)
    let weights = (0..<features).map { $0 < used ? 100 * g.nextUniform() : 0 }
    var points: [Double] = []
    var targets: [Double] = []
    for _ in 0..<count {
      var y = bias
      for f in 0..<features {
        let x = g.nextNormal()
        points.append(x)
        y += x * weights[f]
      }
      targets.append(y + noise * g.nextNormal())
    }
    let data = try Dataset(
      inputs: Tensor(shape: [count, features], values: points),
      targets: Tensor(shape: [count, 1], values: targets))
    return (data, Tensor(weights))
  }

  private static func shuffled(
    _ points: [Double], _ labels: [Double], features: Int, generator: RandomGenerator, op: String
  ) throws -> Dataset {
    let order = generator.permutation(labels.count)
    var p: [Double] = []
    p.reserveCapacity(points.count)
    for i in order { p += points[(i * features)..<((i + 1) * features)] }
    return try make(p, order.map { labels[$0] }, features: features, op: op)
  }
}
