extension Tensor {
  /// The same values with a new shape; one size may be -1 to be inferred.
  public func reshape(_ newShape: [Int]) throws -> Tensor {
    var target = newShape
    let inferred = newShape.indices.filter { newShape[$0] == -1 }
    guard inferred.count <= 1 else {
      throw TensorError.invalidShape(
        op: "reshape", shape: newShape, reason: "only one size may be -1")
    }
    if let i = inferred.first {
      var known = 1
      for (j, d) in newShape.enumerated() where j != i {
        guard d >= 0 else {
          throw TensorError.invalidShape(
            op: "reshape", shape: newShape, reason: "sizes must not be negative")
        }
        known = known.multipliedReportingOverflow(by: d).overflow ? -1 : known * d
      }
      guard known > 0, count % known == 0 else {
        throw TensorError.shapeMismatch(
          op: "reshape", lhs: shape, rhs: newShape,
          reason: "\(count) elements cannot be arranged with the given sizes")
      }
      target[i] = count / known
    }
    let n = try Tensor.elementCount(target, op: "reshape")
    guard n == count else {
      throw TensorError.shapeMismatch(
        op: "reshape", lhs: shape, rhs: newShape,
        reason: "\(count) elements cannot be reshaped into \(n)")
    }
    let oldShape = shape
    let out = try Tensor.result(shape: target, scalars: scalars, op: "reshape")
    _ = oldShape
    return out.recording([self]) { g in [g] }
  }

  /// The values as a vector.
  public func flatten() throws -> Tensor { try reshape([count]) }

  /// The tensor without size-1 dimensions (only `axis` when given).
  public func squeeze(axis: Int? = nil) throws -> Tensor {
    if let axis {
      let a = try normalizedAxis(axis, op: "squeeze")
      guard shape[a] == 1 else { return try reshape(shape) }
      var s = shape
      s.remove(at: a)
      return try reshape(s)
    }
    return try reshape(shape.filter { $0 != 1 })
  }

  /// The tensor with a new size-1 dimension at `axis` (`-1` appends).
  public func unsqueeze(axis: Int) throws -> Tensor {
    let a = axis < 0 ? axis + rank + 1 : axis
    guard a >= 0, a <= rank else {
      throw TensorError.invalidAxis(op: "unsqueeze", axis: axis, rank: rank + 1)
    }
    var s = shape
    s.insert(1, at: a)
    return try reshape(s)
  }

  /// The dimensions reordered: result dimension `i` is input dimension `axes[i]`.
  public func permute(_ axes: [Int]) throws -> Tensor {
    guard axes.count == rank else {
      throw TensorError.invalidArgument(
        op: "permute",
        reason: "expected \(rank) axes for shape \(Tensor.format(shape: shape)), got \(axes.count)")
    }
    var perm = [Int]()
    for axis in axes { perm.append(try normalizedAxis(axis, op: "permute")) }
    guard Set(perm).count == rank else {
      throw TensorError.invalidArgument(op: "permute", reason: "axes \(axes) repeat an axis")
    }
    let outShape = perm.map { shape[$0] }
    let values = Tensor.permuted(scalars, shape: shape, perm: perm)
    let out = try Tensor.result(shape: outShape, scalars: values, op: "permute")
    var inverse = [Int](repeating: 0, count: rank)
    for (i, p) in perm.enumerated() { inverse[p] = i }
    return out.recording([self]) { g in
      [Tensor.permuted(g, shape: outShape, perm: inverse)]
    }
  }

  static func permuted(_ x: [Double], shape: [Int], perm: [Int]) -> [Double] {
    let rank = shape.count
    let n = x.count
    if rank < 2 || n == 0 || perm == Array(0..<rank) { return x }
    var inStrides = [Int](repeating: 1, count: rank)
    for d in stride(from: rank - 2, through: 0, by: -1) {
      inStrides[d] = inStrides[d + 1] * shape[d + 1]
    }
    let outShape = perm.map { shape[$0] }
    let strides = perm.map { inStrides[$0] }
    return [Double](unsafeUninitializedCapacity: n) { out, initialized in
      x.withUnsafeBufferPointer { xp in
        var index = [Int](repeating: 0, count: rank)
        var offset = 0
        let inner = outShape[rank - 1]
        let innerStride = strides[rank - 1]
        var o = 0
        while o < n {
          for k in 0..<inner { out[o + k] = xp[offset + k * innerStride] }
          o += inner
          var d = rank - 2
          while d >= 0 {
            index[d] += 1
            offset += strides[d]
            if index[d] < outShape[d] { break }
            offset -= strides[d] * outShape[d]
            index[d] = 0
            d -= 1
          }
        }
      }
      initialized = n
    }
  }

  /// The tensor with two axes swapped.
  public func transpose(_ axis0: Int, _ axis1: Int) throws -> Tensor {
    let a = try normalizedAxis(axis0, op: "transpose")
    let b = try normalizedAxis(axis1, op: "transpose")
    var perm = Array(0..<rank)
    perm.swapAt(a, b)
    return try permute(perm)
  }

  /// The matrix transpose (the last two axes swapped; a vector or scalar is returned as is).
  public func transpose() throws -> Tensor {
    rank < 2 ? try reshape(shape) : try transpose(-2, -1)
  }

  /// Tensors joined along an existing `axis`; all other sizes must agree.
  public static func concatenate(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
      throw TensorError.invalidArgument(op: "concatenate", reason: "needs at least one tensor")
    }
    let a = try first.normalizedAxis(axis, op: "concatenate")
    for t in tensors.dropFirst() {
      var s1 = first.shape
      var s2 = t.shape
      guard s1.count == s2.count else {
        throw TensorError.shapeMismatch(
          op: "concatenate", lhs: first.shape, rhs: t.shape, reason: "ranks differ")
      }
      s1[a] = 0
      s2[a] = 0
      guard s1 == s2 else {
        throw TensorError.shapeMismatch(
          op: "concatenate", lhs: first.shape, rhs: t.shape,
          reason: "sizes must agree except along axis \(axis)")
      }
    }
    var outShape = first.shape
    outShape[a] = tensors.reduce(0) { $0 + $1.shape[a] }
    let (outer, _, inner) = first.split(at: a)
    let sizes = tensors.map { $0.shape[a] }
    let total = outShape[a]
    let out = try Tensor.make(shape: outShape, op: "concatenate") { out in
      var start = 0
      for (t, size) in zip(tensors, sizes) {
        let block = size * inner
        t.scalars.withUnsafeBufferPointer { x in
          for o in 0..<outer {
            let dst = o * total * inner + start * inner
            for j in 0..<block { out[dst + j] = x[o * block + j] }
          }
        }
        start += size
      }
    }
    return out.recording(tensors) { g in
      var grads: [[Double]?] = []
      var start = 0
      for size in sizes {
        let block = size * inner
        var gt = [Double](repeating: 0, count: outer * block)
        for o in 0..<outer {
          let src = o * total * inner + start * inner
          for j in 0..<block { gt[o * block + j] = g[src + j] }
        }
        grads.append(gt)
        start += size
      }
      return grads
    }
  }

  /// Tensors of equal shape stacked along a new `axis`.
  public static func stack(_ tensors: [Tensor], axis: Int = 0) throws -> Tensor {
    guard let first = tensors.first else {
      throw TensorError.invalidArgument(op: "stack", reason: "needs at least one tensor")
    }
    for t in tensors where t.shape != first.shape {
      throw TensorError.shapeMismatch(
        op: "stack", lhs: first.shape, rhs: t.shape,
        reason: "stacked tensors must have equal shapes")
    }
    let expanded = try tensors.map { try $0.unsqueeze(axis: axis) }
    return try concatenate(expanded, axis: axis < 0 ? axis : axis)
  }

  /// The elements `range` along `axis` (PyTorch's `narrow` / a slice `t[..., a..<b, ...]`).
  public func slice(axis: Int, _ range: Range<Int>) throws -> Tensor {
    let a = try normalizedAxis(axis, op: "slice")
    guard range.lowerBound >= 0, range.upperBound <= shape[a] else {
      throw TensorError.invalidArgument(
        op: "slice", reason: "range \(range) is outside 0..<\(shape[a]) on axis \(axis)")
    }
    return try indexSelect(Array(range), axis: a)
  }

  /// The elements at `indices` along `axis`, in that order (PyTorch's `index_select`);
  /// negative indices count from the end.
  public func indexSelect(_ indices: [Int], axis: Int = 0) throws -> Tensor {
    let a = try normalizedAxis(axis, op: "indexSelect")
    let (outer, size, inner) = split(at: a)
    var idx = indices
    for (k, i) in indices.enumerated() {
      let j = i < 0 ? i + size : i
      guard j >= 0, j < size else {
        throw TensorError.indexOutOfRange(op: "indexSelect", index: i, size: size)
      }
      idx[k] = j
    }
    var outShape = shape
    outShape[a] = idx.count
    let x = scalars
    let m = idx.count
    let out = try Tensor.make(shape: outShape, op: "indexSelect") { out in
      x.withUnsafeBufferPointer { xp in
        for o in 0..<outer {
          for (k, j) in idx.enumerated() {
            let src = (o * size + j) * inner
            let dst = (o * m + k) * inner
            for i in 0..<inner { out[dst + i] = xp[src + i] }
          }
        }
      }
    }
    let n = count
    return out.recording([self]) { g in
      var gx = [Double](repeating: 0, count: n)
      for o in 0..<outer {
        for (k, j) in idx.enumerated() {
          let src = (o * m + k) * inner
          let dst = (o * size + j) * inner
          for i in 0..<inner { gx[dst + i] += g[src + i] }
        }
      }
      return [gx]
    }
  }

  /// The sub-tensor at `index` along `axis`, with that axis removed.
  public func select(_ index: Int, axis: Int = 0) throws -> Tensor {
    let a = try normalizedAxis(axis, op: "select")
    return try indexSelect([index], axis: a).squeeze(axis: a)
  }

  /// The sub-tensor at leading indices: `t[i]` is row `i`, `t[i, j]` the element (as a
  /// rank-0 tensor) of a matrix. Negative indices count from the end.
  public subscript(_ indices: Int...) -> Tensor {
    get throws {
      var result = self
      for i in indices {
        guard result.rank > 0 else {
          throw TensorError.invalidArgument(
            op: "subscript", reason: "\(indices.count) indices for a tensor of rank \(rank)")
        }
        result = try result.select(i, axis: 0)
      }
      return result
    }
  }

  /// The tensor broadcast to `newShape` (gradients are summed back).
  public func expand(to newShape: [Int]) throws -> Tensor {
    let target = try Kernels.broadcastShape(shape, newShape, op: "expand")
    guard target == newShape else {
      throw TensorError.shapeMismatch(
        op: "expand", lhs: shape, rhs: newShape, reason: "cannot broadcast to the target shape")
    }
    let n = try Tensor.elementCount(newShape, op: "expand")
    let x = scalars
    let inShape = shape
    let out = try Tensor.make(shape: newShape, op: "expand") { out in
      x.withUnsafeBufferPointer { xp in
        [0.0].withUnsafeBufferPointer { zp in
          Kernels.broadcast(xp, inShape, zp, [], newShape, out) { a, _ in a }
        }
      }
    }
    _ = n
    return out.recording([self]) { g in [Kernels.sumTo(g, from: newShape, to: inShape)] }
  }
}
