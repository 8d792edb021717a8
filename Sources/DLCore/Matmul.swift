extension Tensor {
  /// The matrix product with PyTorch's `matmul` rules: vector·vector is a dot product, a vector
  /// operand is treated as a row (left) or column (right) and its dimension is removed again,
  /// and leading (batch) dimensions broadcast.
  public func matmul(_ other: Tensor) throws -> Tensor {
    let a = self
    let b = other
    guard a.rank >= 1, b.rank >= 1 else {
      throw TensorError.shapeMismatch(
        op: "matmul", lhs: a.shape, rhs: b.shape,
        reason: "both operands need at least one dimension (use * for scalars)")
    }
    var aShape = a.shape
    var bShape = b.shape
    if a.rank == 1 { aShape = [1] + aShape }
    if b.rank == 1 { bShape = bShape + [1] }
    let m = aShape[aShape.count - 2]
    let k = aShape[aShape.count - 1]
    let k2 = bShape[bShape.count - 2]
    let n = bShape[bShape.count - 1]
    guard k == k2 else {
      throw TensorError.shapeMismatch(
        op: "matmul", lhs: a.shape, rhs: b.shape,
        reason: "the inner dimensions differ (\(k) columns on the left, \(k2) rows on the right)")
    }
    for d in [m, n, k] where d > Int(Int32.max) {
      throw TensorError.invalidArgument(op: "matmul", reason: "dimension \(d) is too large")
    }
    let aBatch = Array(aShape.dropLast(2))
    let bBatch = Array(bShape.dropLast(2))
    let batch = try Kernels.broadcastShape(aBatch, bBatch, op: "matmul")
    var outShape = batch + [m, n]
    if a.rank == 1 { outShape.remove(at: outShape.count - 2) }
    if b.rank == 1 { outShape.removeLast() }
    let batchCount = try Tensor.elementCount(batch, op: "matmul")
    let aOffsets = Tensor.matrixOffsets(aBatch, in: batch, matrixSize: m * k)
    let bOffsets = Tensor.matrixOffsets(bBatch, in: batch, matrixSize: k * n)
    let av = a.scalars
    let bv = b.scalars
    let out = try Tensor.make(shape: outShape, op: "matmul") { out in
      av.withUnsafeBufferPointer { ap in
        bv.withUnsafeBufferPointer { bp in
          for i in 0..<batchCount {
            Kernels.gemm(
              transA: false, transB: false, m: m, n: n, k: k, ap, aOffsets[i], bp, bOffsets[i],
              beta: 0, out, i * m * n)
          }
        }
      }
    }
    let needA = a.requiresGrad
    let needB = b.requiresGrad
    let fullA = aBatch + [m, k]
    let fullB = bBatch + [k, n]
    return out.recording([a, b]) { g in
      var ga: [Double]? = nil
      var gb: [Double]? = nil
      g.withUnsafeBufferPointer { gp in
        if needA {
          // dA = dC · Bᵀ per batch, summed over broadcast batch dimensions.
          var grad = [Double](repeating: 0, count: batchCount * m * k)
          grad.withUnsafeMutableBufferPointer { gap in
            bv.withUnsafeBufferPointer { bp in
              for i in 0..<batchCount {
                Kernels.gemm(
                  transA: false, transB: true, m: m, n: k, k: n, gp, i * m * n, bp, bOffsets[i],
                  beta: 0, gap, i * m * k)
              }
            }
          }
          ga = Kernels.sumTo(grad, from: batch + [m, k], to: fullA)
        }
        if needB {
          // dB = Aᵀ · dC per batch.
          var grad = [Double](repeating: 0, count: batchCount * k * n)
          grad.withUnsafeMutableBufferPointer { gbp in
            av.withUnsafeBufferPointer { ap in
              for i in 0..<batchCount {
                Kernels.gemm(
                  transA: true, transB: false, m: k, n: n, k: m, ap, aOffsets[i], gp, i * m * n,
                  beta: 0, gbp, i * k * n)
              }
            }
          }
          gb = Kernels.sumTo(grad, from: batch + [k, n], to: fullB)
        }
      }
      return [ga, gb]
    }
  }

  /// The offset of each batch element's matrix when `shape` is broadcast to `batch`.
  static func matrixOffsets(_ shape: [Int], in batch: [Int], matrixSize: Int) -> [Int] {
    var count = 1
    for d in batch { count *= d }
    if batch.isEmpty { return [0] }
    let strides = Kernels.broadcastStrides(shape, in: batch)
    var offsets = [Int](repeating: 0, count: count)
    var index = [Int](repeating: 0, count: batch.count)
    var offset = 0
    for i in 0..<count {
      offsets[i] = offset * matrixSize
      var d = batch.count - 1
      while d >= 0 {
        index[d] += 1
        offset += strides[d]
        if index[d] < batch[d] { break }
        offset -= strides[d] * batch[d]
        index[d] = 0
        d -= 1
      }
    }
    return offsets
  }

  /// `input · weightᵀ + bias` in one step, PyTorch's `nn.functional.linear`: `input` is
  /// `[..., in]`, `weight` is `[out, in]`, `bias` (optional) is `[out]`; the result is
  /// `[..., out]`.
  public static func linear(_ input: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
    try linear(input, weight: weight, bias: bias, relu: false)
  }

  /// `relu(input · weightᵀ + bias)` as one operation (what `Linear` then `ReLU` computes, with
  /// one pass less over the activations in each direction).
  static func linear(_ input: Tensor, weight: Tensor, bias: Tensor?, relu: Bool) throws -> Tensor {
    guard weight.rank == 2 else {
      throw TensorError.invalidShape(
        op: "linear", shape: weight.shape, reason: "the weight must be a matrix [out, in]")
    }
    let outFeatures = weight.shape[0]
    let inFeatures = weight.shape[1]
    guard input.rank >= 1, input.shape[input.rank - 1] == inFeatures else {
      throw TensorError.shapeMismatch(
        op: "linear", lhs: input.shape, rhs: weight.shape,
        reason: "the input's last dimension must equal the weight's \(inFeatures) input features")
    }
    if let bias, bias.shape != [outFeatures] {
      throw TensorError.shapeMismatch(
        op: "linear", lhs: weight.shape, rhs: bias.shape,
        reason: "the bias must have shape [\(outFeatures)]")
    }
    let rows = inFeatures == 0 ? 0 : input.count / inFeatures
    let outShape = Array(input.shape.dropLast()) + [outFeatures]
    let xv = input.scalars
    let wv = weight.scalars
    let bv = bias?.scalars
    let out = try Tensor.make(shape: outShape, op: "linear") { out in
      xv.withUnsafeBufferPointer { xp in
        wv.withUnsafeBufferPointer { wp in
          Kernels.gemm(
            transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures, xp, 0, wp, 0,
            beta: 0, out, 0)
        }
      }
      // Bias and activation in one pass over the product.
      if let bv {
        bv.withUnsafeBufferPointer { b in
          guard let o = out.baseAddress else { return }
          for r in 0..<rows {
            let row = o + r * outFeatures
            if relu {
              for j in 0..<outFeatures {
                let v = row[j] + b[j]
                row[j] = v > 0 ? v : 0
              }
            } else {
              for j in 0..<outFeatures { row[j] += b[j] }
            }
          }
        }
      } else if relu {
        for i in 0..<out.count {
          let v = out[i]
          out[i] = v > 0 ? v : 0
        }
      }
    }
    let y = relu ? out.scalars : []
    let needX = input.requiresGrad
    let needW = weight.requiresGrad
    let needB = bias?.requiresGrad ?? false
    var parents = [input, weight]
    if let bias { parents.append(bias) }
    return out.recording(parents) { incoming in
      let g: [Double]
      if relu {
        g = [Double](unsafeUninitializedCapacity: incoming.count) { masked, initialized in
          incoming.withUnsafeBufferPointer { gp in
            y.withUnsafeBufferPointer { yp in
              for i in 0..<gp.count {
                let (g, y) = (gp[i], yp[i])
                masked[i] = y > 0 ? g : 0
              }
            }
          }
          initialized = incoming.count
        }
      } else {
        g = incoming
      }
      var gx: [Double]? = nil
      var gw: [Double]? = nil
      var gb: [Double]? = nil
      g.withUnsafeBufferPointer { gp in
        if needX {
          gx = [Double](unsafeUninitializedCapacity: rows * inFeatures) { p, initialized in
            wv.withUnsafeBufferPointer { wp in
              Kernels.gemm(
                transA: false, transB: false, m: rows, n: inFeatures, k: outFeatures, gp, 0, wp,
                0, beta: 0, p, 0)
            }
            initialized = rows * inFeatures
          }
        }
        if needW {
          gw = [Double](unsafeUninitializedCapacity: outFeatures * inFeatures) { p, initialized in
            xv.withUnsafeBufferPointer { xp in
              Kernels.gemm(
                transA: true, transB: false, m: outFeatures, n: inFeatures, k: rows, gp, 0, xp,
                0, beta: 0, p, 0)
            }
            initialized = outFeatures * inFeatures
          }
        }
        if needB {
          var grad = [Double](repeating: 0, count: outFeatures)
          grad.withUnsafeMutableBufferPointer { p in
            guard let b = p.baseAddress, let gBase = gp.baseAddress else { return }
            Kernels.addColumnSums(gBase, rows: rows, cols: outFeatures, into: b)
          }
          gb = grad
        }
      }
      return [gx, gw, gb]
    }
  }
}
