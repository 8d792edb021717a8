#if canImport(Glibc)
  import Glibc
#endif

/// An N-dimensional array of `Double` values that records the operations applied to it, so that
/// gradients can be computed by reverse-mode automatic differentiation.
///
/// Tensors are reference types: each one is a node of the autograd graph. Values are stored
/// contiguously in row-major order. Operations never mutate their operands; they return new
/// tensors. Every operation that can fail (a bad shape, axis or index, or an exceeded
/// ``TensorBudget``) throws a ``TensorError``.
///
/// ```swift
/// let x = try Tensor([[0.35, 0.9]])
/// let w = try Tensor.randn([2, 3], seed: 42, requiresGrad: true)
/// let y = try x.matmul(w).sigmoid().sum()
/// try y.backward()
/// w.grad  // dy/dw, shape [2, 3]
/// ```
public final class Tensor {
  /// The size of each dimension; `[]` for a scalar.
  public let shape: [Int]
  /// The values in row-major order.
  public internal(set) var scalars: [Double]

  /// Whether gradients flow to this tensor. Set it on leaf tensors (parameters, inputs) that
  /// you want `grad` for; results of operations on such tensors require gradients too.
  public var requiresGrad: Bool

  var gradStorage: [Double]?
  var pendingGrad: [Double]?
  var parents: [Tensor] = []
  /// Maps the gradient of this tensor to the gradients of `parents` (nil: no gradient).
  var backwardFunction: (([Double]) throws -> [[Double]?])?
  var retainsGrad = false
  /// The operation that created this tensor ("leaf" for tensors made directly).
  public let operation: String
  private let budget: TensorBudget?

  init(
    shape: [Int], scalars: [Double], budget: TensorBudget?, requiresGrad: Bool = false,
    operation: String = "leaf"
  ) {
    self.shape = shape
    self.scalars = scalars
    self.budget = budget
    self.requiresGrad = requiresGrad
    self.operation = operation
  }

  deinit {
    budget?.release(scalars.count)
    // Unlink long chains iteratively: a recursive release of a deep graph would overflow the
    // stack.
    guard !parents.isEmpty else { return }
    var stack = parents
    parents = []
    while var node = stack.popLast() {
      if isKnownUniquelyReferenced(&node) {
        stack.append(contentsOf: node.parents)
        node.parents = []
      }
    }
  }

  // MARK: Properties

  /// The number of dimensions.
  public var rank: Int { shape.count }
  /// The number of elements.
  public var count: Int { scalars.count }
  /// Whether this tensor was created directly rather than by an operation that records a graph.
  public var isLeaf: Bool { backwardFunction == nil }

  /// The accumulated gradient of the last `backward()` call(s) with respect to this tensor, or
  /// `nil` if none has reached it. Leaf tensors keep their gradients; intermediate results only
  /// after ``retainGrad()``.
  public var grad: Tensor? {
    get {
      gradStorage.map { Tensor(shape: shape, scalars: $0, budget: nil) }
    }
    set {
      if let newValue, newValue.shape == shape {
        gradStorage = newValue.scalars
      } else {
        gradStorage = nil
      }
    }
  }

  /// Clears the accumulated gradient (sets `grad` to `nil`, as PyTorch's `zero_grad` does).
  public func zeroGrad() {
    gradStorage = nil
  }

  /// Keeps the gradient of this intermediate result after `backward()`.
  public func retainGrad() {
    retainsGrad = true
  }

  /// The single value of a one-element tensor.
  public func item() throws -> Double {
    guard scalars.count == 1 else {
      throw TensorError.invalidShape(
        op: "item", shape: shape, reason: "only a tensor with exactly one element has an item")
    }
    return scalars[0]
  }

  /// The value at a full index (one index per dimension; negative indices count from the end).
  public func value(at indices: [Int]) throws -> Double {
    guard indices.count == rank else {
      throw TensorError.invalidArgument(
        op: "value(at:)",
        reason:
          "expected \(rank) indices for shape \(Tensor.format(shape: shape)), got \(indices.count)")
    }
    var offset = 0
    for (d, var i) in indices.enumerated() {
      if i < 0 { i += shape[d] }
      guard i >= 0, i < shape[d] else {
        throw TensorError.indexOutOfRange(op: "value(at:)", index: indices[d], size: shape[d])
      }
      offset = offset * shape[d] + i
    }
    return scalars[offset]
  }

  /// Replaces the values with those of `other` (same shape), in place and without recording
  /// a graph, like PyTorch's `copy_` under `no_grad`; for setting weights by hand. Graphs
  /// built earlier keep the old values.
  public func assign(_ other: Tensor) throws {
    guard other.shape == shape else {
      throw TensorError.shapeMismatch(
        op: "assign", lhs: shape, rhs: other.shape,
        reason: "the new values must have the same shape")
    }
    scalars = other.scalars
  }

  /// Sets the value at a full index in place (negative indices count from the end).
  public func setValue(_ value: Double, at indices: [Int]) throws {
    guard indices.count == rank else {
      throw TensorError.invalidArgument(
        op: "setValue(_:at:)",
        reason:
          "expected \(rank) indices for shape \(Tensor.format(shape: shape)), got \(indices.count)")
    }
    var offset = 0
    for (d, var i) in indices.enumerated() {
      if i < 0 { i += shape[d] }
      guard i >= 0, i < shape[d] else {
        throw TensorError.indexOutOfRange(op: "setValue(_:at:)", index: indices[d], size: shape[d])
      }
      offset = offset * shape[d] + i
    }
    scalars[offset] = value
  }

  /// The values as rows of a matrix: a rank-2 tensor's rows, a rank-1 tensor as one row, a
  /// scalar as `[[value]]`; higher ranks are flattened to `[rows of the last dimension]`.
  public var rows: [[Double]] {
    if rank == 0 { return [scalars] }
    let width = shape[rank - 1]
    if width == 0 { return Array(repeating: [], count: count == 0 ? 0 : 1) }
    return stride(from: 0, to: scalars.count, by: width).map {
      Array(scalars[$0..<($0 + width)])
    }
  }

  // MARK: Creation

  /// A scalar (rank-0) tensor.
  public convenience init(_ value: Double, requiresGrad: Bool = false) {
    self.init(shape: [], scalars: [value], budget: nil, requiresGrad: requiresGrad)
  }

  /// A vector (rank-1 tensor).
  public convenience init(_ values: [Double], requiresGrad: Bool = false) {
    self.init(shape: [values.count], scalars: values, budget: nil, requiresGrad: requiresGrad)
  }

  /// A matrix from its rows. Throws when the rows differ in length.
  public convenience init(_ rows: [[Double]], requiresGrad: Bool = false) throws {
    let width = rows.first?.count ?? 0
    var flat: [Double] = []
    flat.reserveCapacity(rows.count * width)
    for (i, row) in rows.enumerated() {
      guard row.count == width else {
        throw TensorError.invalidArgument(
          op: "Tensor(_:)",
          reason:
            "row \(i) has \(row.count) elements but row 0 has \(width); rows must be equal in length"
        )
      }
      flat.append(contentsOf: row)
    }
    let budget = try TensorBudget.reserveInCurrent(flat.count, op: "Tensor(_:)")
    self.init(
      shape: [rows.count, width], scalars: flat, budget: budget, requiresGrad: requiresGrad)
  }

  /// A rank-3 tensor from nested arrays. Throws when the nesting is ragged.
  public convenience init(_ blocks: [[[Double]]], requiresGrad: Bool = false) throws {
    let height = blocks.first?.count ?? 0
    let width = blocks.first?.first?.count ?? 0
    var flat: [Double] = []
    flat.reserveCapacity(blocks.count * height * width)
    for (i, block) in blocks.enumerated() {
      guard block.count == height else {
        throw TensorError.invalidArgument(
          op: "Tensor(_:)", reason: "block \(i) has \(block.count) rows but block 0 has \(height)")
      }
      for (j, row) in block.enumerated() {
        guard row.count == width else {
          throw TensorError.invalidArgument(
            op: "Tensor(_:)",
            reason: "row [\(i)][\(j)] has \(row.count) elements but row [0][0] has \(width)")
        }
        flat.append(contentsOf: row)
      }
    }
    let budget = try TensorBudget.reserveInCurrent(flat.count, op: "Tensor(_:)")
    self.init(
      shape: [blocks.count, height, width], scalars: flat, budget: budget,
      requiresGrad: requiresGrad)
  }

  /// A tensor of the given shape holding `values` in row-major order.
  /// Throws when the number of values does not match the shape.
  public convenience init(shape: [Int], values: [Double], requiresGrad: Bool = false) throws {
    let n = try Tensor.elementCount(shape, op: "Tensor(shape:values:)")
    guard n == values.count else {
      throw TensorError.invalidShape(
        op: "Tensor(shape:values:)", shape: shape,
        reason: "it holds \(n) elements but \(values.count) values were given")
    }
    let budget = try TensorBudget.reserveInCurrent(n, op: "Tensor(shape:values:)")
    self.init(shape: shape, scalars: values, budget: budget, requiresGrad: requiresGrad)
  }

  /// A tensor of the given shape with every element equal to `value`.
  public convenience init(shape: [Int], repeating value: Double, requiresGrad: Bool = false)
    throws
  {
    let n = try Tensor.elementCount(shape, op: "Tensor(shape:repeating:)")
    let budget = try TensorBudget.reserveInCurrent(n, op: "Tensor(shape:repeating:)")
    self.init(
      shape: shape, scalars: Array(repeating: value, count: n), budget: budget,
      requiresGrad: requiresGrad)
  }

  /// Zeros of the given shape.
  public static func zeros(_ shape: [Int], requiresGrad: Bool = false) throws -> Tensor {
    try Tensor(shape: shape, repeating: 0, requiresGrad: requiresGrad)
  }

  /// Ones of the given shape.
  public static func ones(_ shape: [Int], requiresGrad: Bool = false) throws -> Tensor {
    try Tensor(shape: shape, repeating: 1, requiresGrad: requiresGrad)
  }

  /// A tensor of the given shape filled with `value`.
  public static func full(_ shape: [Int], _ value: Double, requiresGrad: Bool = false) throws
    -> Tensor
  {
    try Tensor(shape: shape, repeating: value, requiresGrad: requiresGrad)
  }

  /// Zeros with the shape of `other`.
  public static func zeros(like other: Tensor) throws -> Tensor { try zeros(other.shape) }
  /// Ones with the shape of `other`.
  public static func ones(like other: Tensor) throws -> Tensor { try ones(other.shape) }

  /// The `n`×`m` identity matrix (`m` defaults to `n`).
  public static func eye(_ n: Int, _ m: Int? = nil) throws -> Tensor {
    let cols = m ?? n
    return try make(shape: [n, cols], op: "eye") { out in
      out.initialize(repeating: 0)
      for i in 0..<Swift.min(n, cols) { out[i * cols + i] = 1 }
    }
  }

  /// Values from `start` up to (not including) `end` in steps of `step`, as a vector.
  public static func arange(_ start: Double, _ end: Double, step: Double = 1) throws -> Tensor {
    guard step != 0, step.isFinite, start.isFinite, end.isFinite else {
      throw TensorError.invalidArgument(
        op: "arange", reason: "start, end and step must be finite and step must not be 0")
    }
    let span = ((end - start) / step).rounded(.up)
    guard span < Double(Int.max / 2) else {
      throw TensorError.budgetExceeded(
        op: "arange", requested: Int.max, limit: TensorBudget.defaultMaxElementsPerTensor,
        reason: "too many steps")
    }
    let n = Swift.max(0, Int(span))
    return try make(shape: [n], op: "arange") { out in
      for i in 0..<n { out[i] = start + Double(i) * step }
    }
  }

  /// The integers `0..<end` as a vector.
  public static func arange(_ end: Int) throws -> Tensor {
    try arange(0, Double(end))
  }

  /// `count` evenly spaced values from `start` to `end` inclusive.
  public static func linspace(_ start: Double, _ end: Double, count: Int) throws -> Tensor {
    guard count >= 0 else {
      throw TensorError.invalidArgument(op: "linspace", reason: "count must not be negative")
    }
    return try make(shape: [count], op: "linspace") { out in
      if count == 1 { out[0] = start }
      guard count > 1 else { return }
      let step = (end - start) / Double(count - 1)
      for i in 0..<count { out[i] = start + Double(i) * step }
      out[count - 1] = end
    }
  }

  /// Uniform random values in `[low, high)`.
  /// - Parameter seed: a seed for a fresh generator; without it ``RandomGenerator/current``.
  public static func uniform(
    _ shape: [Int], low: Double = 0, high: Double = 1, seed: Int? = nil,
    requiresGrad: Bool = false
  ) throws -> Tensor {
    try uniform(
      shape, low: low, high: high, generator: RandomGenerator.resolve(seed: seed),
      requiresGrad: requiresGrad)
  }

  /// Uniform random values in `[low, high)` drawn from `generator`.
  public static func uniform(
    _ shape: [Int], low: Double = 0, high: Double = 1, generator: RandomGenerator,
    requiresGrad: Bool = false
  ) throws -> Tensor {
    let t = try make(shape: shape, op: "uniform") { out in
      generator.fillUniform(out, low: low, high: high)
    }
    t.requiresGrad = requiresGrad
    return t
  }

  /// Uniform random values in `[0, 1)` (PyTorch's `rand`).
  public static func rand(_ shape: [Int], seed: Int? = nil, requiresGrad: Bool = false) throws
    -> Tensor
  {
    try uniform(shape, low: 0, high: 1, seed: seed, requiresGrad: requiresGrad)
  }

  /// Normal random values with the given mean and standard deviation.
  public static func normal(
    _ shape: [Int], mean: Double = 0, std: Double = 1, seed: Int? = nil,
    requiresGrad: Bool = false
  ) throws -> Tensor {
    try normal(
      shape, mean: mean, std: std, generator: RandomGenerator.resolve(seed: seed),
      requiresGrad: requiresGrad)
  }

  /// Normal random values drawn from `generator`.
  public static func normal(
    _ shape: [Int], mean: Double = 0, std: Double = 1, generator: RandomGenerator,
    requiresGrad: Bool = false
  ) throws -> Tensor {
    let t = try make(shape: shape, op: "normal") { out in
      generator.fillNormal(out, mean: mean, std: std)
    }
    t.requiresGrad = requiresGrad
    return t
  }

  /// Standard normal random values (PyTorch's `randn`).
  public static func randn(_ shape: [Int], seed: Int? = nil, requiresGrad: Bool = false) throws
    -> Tensor
  {
    try normal(shape, mean: 0, std: 1, seed: seed, requiresGrad: requiresGrad)
  }

  // MARK: Internal helpers

  /// The number of elements of `shape`; throws on negative sizes or overflow.
  static func elementCount(_ shape: [Int], op: String) throws -> Int {
    var n = 1
    for d in shape {
      guard d >= 0 else {
        throw TensorError.invalidShape(op: op, shape: shape, reason: "sizes must not be negative")
      }
      let (p, overflow) = n.multipliedReportingOverflow(by: d)
      guard !overflow else {
        throw TensorError.budgetExceeded(
          op: op, requested: Int.max, limit: TensorBudget.defaultMaxElementsPerTensor,
          reason: "the element count overflows")
      }
      n = p
    }
    return n
  }

  /// Reserves budget for a tensor of `shape`, allocates it, and lets `fill` write every element.
  static func make(
    shape: [Int], op: String, _ fill: (UnsafeMutableBufferPointer<Double>) throws -> Void
  ) throws -> Tensor {
    _ = allocatorTuned
    let n = try elementCount(shape, op: op)
    let budget = try TensorBudget.reserveInCurrent(n, op: op)
    do {
      let values = try [Double](unsafeUninitializedCapacity: n) { buffer, initialized in
        try fill(buffer)
        initialized = n
      }
      return Tensor(shape: shape, scalars: values, budget: budget, operation: op)
    } catch {
      budget?.release(n)
      throw error
    }
  }

  /// A tensor from already computed values (budget reserved here).
  static func result(shape: [Int], scalars: [Double], op: String) throws -> Tensor {
    let budget = try TensorBudget.reserveInCurrent(scalars.count, op: op)
    return Tensor(shape: shape, scalars: scalars, budget: budget, operation: op)
  }

  /// Keeps freed tensor buffers in the process instead of returning them to the system at
  /// once: glibc otherwise maps every buffer of 128 KiB or more afresh, and a training step
  /// then spends much of its time in page faults. Done once, on the first tensor operation.
  static let allocatorTuned: Bool = {
    #if canImport(Glibc)
      // mallopt is declared in <malloc.h>, which the Glibc module does not export.
      typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
      if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") {
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        // M_MMAP_THRESHOLD is -3 and M_TRIM_THRESHOLD is -1 in <malloc.h>.
        _ = mallopt(-3, 32 << 20)
        _ = mallopt(-1, 256 << 20)
      }
    #endif
    return true
  }()

  /// Formats a shape as `[2, 3]`.
  public static func format(shape: [Int]) -> String {
    "[" + shape.map(String.init).joined(separator: ", ") + "]"
  }
}
