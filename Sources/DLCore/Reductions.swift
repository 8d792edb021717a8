import Foundation

extension Tensor {
  /// `axis` made non-negative; throws when out of range.
  func normalizedAxis(_ axis: Int, op: String) throws -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < rank else { throw TensorError.invalidAxis(op: op, axis: axis, rank: rank) }
    return a
  }

  /// The sizes before, along and after `axis`.
  func split(at axis: Int) -> (outer: Int, size: Int, inner: Int) {
    var outer = 1
    var inner = 1
    for d in 0..<axis { outer *= shape[d] }
    for d in (axis + 1)..<rank { inner *= shape[d] }
    return (outer, shape[axis], inner)
  }

  /// The shape with the given axes set to 1 (kept) or removed.
  private func reducedShape(_ axes: Set<Int>, keepDims: Bool) -> (kept: [Int], result: [Int]) {
    var kept = shape
    var result: [Int] = []
    for d in 0..<rank {
      if axes.contains(d) {
        kept[d] = 1
        if keepDims { result.append(1) }
      } else {
        result.append(shape[d])
      }
    }
    return (kept, result)
  }

  private func axisSet(_ axes: [Int]?, op: String) throws -> Set<Int> {
    guard let axes else { return Set(0..<rank) }
    var set = Set<Int>()
    for axis in axes {
      let a = try normalizedAxis(axis, op: op)
      guard set.insert(a).inserted else {
        throw TensorError.invalidArgument(op: op, reason: "axis \(axis) is given twice")
      }
    }
    return set
  }

  /// The sum over `axes` (all elements when `nil`).
  /// - Parameter keepDims: keep reduced axes with size 1.
  public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    let set = try axisSet(axes, op: "sum")
    let (kept, resultShape) = reducedShape(set, keepDims: keepDims)
    let inputShape = shape
    let values = Kernels.sumTo(scalars, from: shape, to: kept)
    let out = try Tensor.result(shape: resultShape, scalars: values, op: "sum")
    let n = count
    return out.recording([self]) { g in
      [Kernels.broadcast(g, kept, [0], [], inputShape, count: n) { a, _ in a }]
    }
  }

  /// The sum over one axis.
  public func sum(axis: Int, keepDims: Bool = false) throws -> Tensor {
    try sum(axes: [axis], keepDims: keepDims)
  }

  /// The mean over `axes` (all elements when `nil`).
  public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
    let set = try axisSet(axes, op: "mean")
    var n = 1
    for d in set { n *= shape[d] }
    let total = try sum(axes: axes, keepDims: keepDims)
    return try total / Double(Swift.max(n, 1))
  }

  /// The mean over one axis.
  public func mean(axis: Int, keepDims: Bool = false) throws -> Tensor {
    try mean(axes: [axis], keepDims: keepDims)
  }

  /// The variance over `axes` (all elements when `nil`).
  /// - Parameter unbiased: divide by n − 1 (PyTorch's default) instead of n.
  public func variance(axes: [Int]? = nil, unbiased: Bool = true, keepDims: Bool = false) throws
    -> Tensor
  {
    let set = try axisSet(axes, op: "variance")
    var n = 1
    for d in set { n *= shape[d] }
    let divisor = unbiased ? n - 1 : n
    guard divisor > 0 else {
      throw TensorError.invalidArgument(
        op: "variance", reason: "needs at least \(unbiased ? 2 : 1) elements per reduction")
    }
    let centered = try self - mean(axes: axes, keepDims: true)
    return try centered.square().sum(axes: axes, keepDims: keepDims) / Double(divisor)
  }

  /// The variance over one axis.
  public func variance(axis: Int, unbiased: Bool = true, keepDims: Bool = false) throws -> Tensor {
    try variance(axes: [axis], unbiased: unbiased, keepDims: keepDims)
  }

  /// The standard deviation over `axes` (all elements when `nil`).
  public func std(axes: [Int]? = nil, unbiased: Bool = true, keepDims: Bool = false) throws
    -> Tensor
  {
    try variance(axes: axes, unbiased: unbiased, keepDims: keepDims).sqrt()
  }

  /// The largest element.
  public func max() throws -> Tensor {
    try reshape([count]).max(axis: 0)
  }

  /// The smallest element.
  public func min() throws -> Tensor {
    try reshape([count]).min(axis: 0)
  }

  /// The largest values along `axis`; the gradient flows to the first maximal element.
  public func max(axis: Int, keepDims: Bool = false) throws -> Tensor {
    try extreme(axis: axis, keepDims: keepDims, largest: true)
  }

  /// The smallest values along `axis`; the gradient flows to the first minimal element.
  public func min(axis: Int, keepDims: Bool = false) throws -> Tensor {
    try extreme(axis: axis, keepDims: keepDims, largest: false)
  }

  /// The indices of the largest values along `axis` (as `Double`s), or of the largest element
  /// of the flattened tensor when `axis` is `nil`.
  public func argmax(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
    guard let axis else {
      return try reshape([count]).argmax(axis: 0)
    }
    let (_, indices, kept, result) = try extremeValues(
      axis: axis, keepDims: keepDims, largest: true, op: "argmax")
    _ = kept
    return try Tensor.result(shape: result, scalars: indices.map(Double.init), op: "argmax")
  }

  /// The indices of the smallest values along `axis` (as `Double`s).
  public func argmin(axis: Int? = nil, keepDims: Bool = false) throws -> Tensor {
    guard let axis else {
      return try reshape([count]).argmin(axis: 0)
    }
    let (_, indices, _, result) = try extremeValues(
      axis: axis, keepDims: keepDims, largest: false, op: "argmin")
    return try Tensor.result(shape: result, scalars: indices.map(Double.init), op: "argmin")
  }

  private func extremeValues(axis: Int, keepDims: Bool, largest: Bool, op: String) throws
    -> (values: [Double], indices: [Int], kept: [Int], result: [Int])
  {
    let a = try normalizedAxis(axis, op: op)
    let (outer, size, inner) = split(at: a)
    guard size > 0 else {
      throw TensorError.invalidShape(op: op, shape: shape, reason: "axis \(axis) is empty")
    }
    var values = [Double](repeating: 0, count: outer * inner)
    var indices = [Int](repeating: 0, count: outer * inner)
    scalars.withUnsafeBufferPointer { x in
      for o in 0..<outer {
        for i in 0..<inner {
          let base = o * size * inner + i
          var best = x[base]
          var bestIndex = 0
          for j in 1..<Swift.max(size, 1) {
            let v = x[base + j * inner]
            if largest
              ? (v > best || (v.isNaN && !best.isNaN)) : (v < best || (v.isNaN && !best.isNaN))
            {
              best = v
              bestIndex = j
            }
          }
          values[o * inner + i] = best
          indices[o * inner + i] = bestIndex
        }
      }
    }
    var kept = shape
    kept[a] = 1
    var result = shape
    if keepDims { result[a] = 1 } else { result.remove(at: a) }
    return (values, indices, kept, result)
  }

  private func extreme(axis: Int, keepDims: Bool, largest: Bool) throws -> Tensor {
    let op = largest ? "max" : "min"
    let (values, indices, _, result) = try extremeValues(
      axis: axis, keepDims: keepDims, largest: largest, op: op)
    let a = try normalizedAxis(axis, op: op)
    let (outer, size, inner) = split(at: a)
    let n = count
    let out = try Tensor.result(shape: result, scalars: values, op: op)
    return out.recording([self]) { g in
      var gx = [Double](repeating: 0, count: n)
      for o in 0..<outer {
        for i in 0..<inner {
          gx[o * size * inner + indices[o * inner + i] * inner + i] += g[o * inner + i]
        }
      }
      return [gx]
    }
  }

  /// The softmax along `axis` (computed stably, shifting by the maximum).
  public func softmax(axis: Int = -1) throws -> Tensor {
    let a = try normalizedAxis(axis, op: "softmax")
    let (outer, size, inner) = split(at: a)
    let x = scalars
    let out = try Tensor.make(shape: shape, op: "softmax") { y in
      x.withUnsafeBufferPointer { xp in
        Tensor.softmaxRows(xp, y, outer: outer, size: size, inner: inner, log: false)
      }
    }
    let y = out.scalars
    return out.recording([self]) { g in
      // dx = y * (g - sum(g * y))
      var gx = [Double](repeating: 0, count: g.count)
      for o in 0..<outer {
        for i in 0..<inner {
          let base = o * size * inner + i
          var dot = 0.0
          for j in 0..<size { dot += g[base + j * inner] * y[base + j * inner] }
          for j in 0..<size {
            let k = base + j * inner
            gx[k] = y[k] * (g[k] - dot)
          }
        }
      }
      return [gx]
    }
  }

  /// The logarithm of the softmax along `axis` (computed stably).
  public func logSoftmax(axis: Int = -1) throws -> Tensor {
    let a = try normalizedAxis(axis, op: "logSoftmax")
    let (outer, size, inner) = split(at: a)
    let x = scalars
    let out = try Tensor.make(shape: shape, op: "logSoftmax") { y in
      x.withUnsafeBufferPointer { xp in
        Tensor.softmaxRows(xp, y, outer: outer, size: size, inner: inner, log: true)
      }
    }
    let y = out.scalars
    return out.recording([self]) { g in
      // dx = g - softmax * sum(g)
      var gx = [Double](repeating: 0, count: g.count)
      for o in 0..<outer {
        for i in 0..<inner {
          let base = o * size * inner + i
          var total = 0.0
          for j in 0..<size { total += g[base + j * inner] }
          for j in 0..<size {
            let k = base + j * inner
            gx[k] = g[k] - Foundation.exp(y[k]) * total
          }
        }
      }
      return [gx]
    }
  }

  /// Writes softmax (or log-softmax) of each slice along the middle dimension.
  static func softmaxRows(
    _ x: UnsafeBufferPointer<Double>, _ y: UnsafeMutableBufferPointer<Double>, outer: Int,
    size: Int, inner: Int, log: Bool
  ) {
    for o in 0..<outer {
      for i in 0..<inner {
        let base = o * size * inner + i
        var m = -Double.infinity
        for j in 0..<size { m = Swift.max(m, x[base + j * inner]) }
        if !m.isFinite { m = 0 }
        var total = 0.0
        for j in 0..<size { total += Foundation.exp(x[base + j * inner] - m) }
        if log {
          let logTotal = Foundation.log(total) + m
          for j in 0..<size { y[base + j * inner] = x[base + j * inner] - logTotal }
        } else {
          for j in 0..<size {
            y[base + j * inner] = Foundation.exp(x[base + j * inner] - m) / total
          }
        }
      }
    }
  }
}
