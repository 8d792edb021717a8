import Foundation

extension Tensor {
  /// Scaled dot-product attention of several heads at once, as one autograd node.
  ///
  /// `query` is `[B, Lq, E]`, `key` and `value` are `[B, Lk, E]`; head h uses the columns
  /// `h·d..<(h+1)·d` with d = E / heads. Each head computes
  /// `softmax(Q Kᵀ / √d + mask) V`, where the causal mask hides keys after the query's
  /// position and `hiddenKeys` (`[B·Lk]`, true for a padding key) hides keys of each batch
  /// item; every query must see at least one key. Returns the heads' outputs side by side,
  /// `[B, Lq, E]`, and the attention weights `[B, heads, Lq, Lk]` (a plain array: gradients flow
  /// through the output only).
  static func multiHeadAttention(
    query: Tensor, key: Tensor, value: Tensor, heads: Int, causal: Bool,
    hiddenKeys: [Bool]? = nil
  ) throws -> (Tensor, weights: [Double]) {
    let batch = query.shape[0]
    let lq = query.shape[1]
    let lk = key.shape[1]
    let e = query.shape[2]
    let d = e / heads
    let scale = 1 / Double(d).squareRoot()
    let q = query.scalars
    let k = key.scalars
    let v = value.scalars
    let planeQ = lq * e
    let planeK = lk * e
    let weightPlane = lq * lk
    var weights = [Double](repeating: 0, count: batch * heads * weightPlane)
    var output = [Double](repeating: 0, count: batch * planeQ)
    q.withUnsafeBufferPointer { qp in
      k.withUnsafeBufferPointer { kp in
        v.withUnsafeBufferPointer { vp in
          weights.withUnsafeMutableBufferPointer { wp in
            output.withUnsafeMutableBufferPointer { op in
              for b in 0..<batch {
                for h in 0..<heads {
                  let p = wp.baseAddress! + (b * heads + h) * weightPlane
                  let qh = qp.baseAddress! + b * planeQ + h * d
                  let kh = kp.baseAddress! + b * planeK + h * d
                  let vh = vp.baseAddress! + b * planeK + h * d
                  AdvancedKernels.gemm(
                    transB: true, m: lq, n: lk, k: d, alpha: scale, qh, lda: e, kh, ldb: e, p,
                    ldc: lk)
                  for i in 0..<lq {
                    let row = p + i * lk
                    let visible = causal ? Swift.min(lk, i + 1) : lk
                    if let hiddenKeys {
                      // exp(-∞) is exactly 0, so hidden keys get zero weight and gradient.
                      for j in 0..<visible where hiddenKeys[b * lk + j] { row[j] = -.infinity }
                    }
                    var largest = -Double.infinity
                    for j in 0..<visible { largest = Swift.max(largest, row[j]) }
                    for j in 0..<visible { row[j] -= largest }
                    AdvancedKernels.expInPlace(row, count: visible)
                    var total = 0.0
                    for j in 0..<visible { total += row[j] }
                    for j in 0..<visible { row[j] /= total }
                    for j in visible..<lk { row[j] = 0 }
                  }
                  AdvancedKernels.gemm(
                    m: lq, n: d, k: lk, p, lda: lk, vh, ldb: e,
                    op.baseAddress! + b * planeQ + h * d, ldc: e)
                }
              }
            }
          }
        }
      }
    }
    let out = try Tensor.advancedResult(shape: [batch, lq, e], scalars: output, op: "attention")
    let probabilities = weights
    let recorded = out.recording([query, key, value]) { g in
      var dq = [Double](repeating: 0, count: q.count)
      var dk = [Double](repeating: 0, count: k.count)
      var dv = [Double](repeating: 0, count: v.count)
      var dp = [Double](repeating: 0, count: weightPlane)
      g.withUnsafeBufferPointer { gp in
        q.withUnsafeBufferPointer { qp in
          k.withUnsafeBufferPointer { kp in
            v.withUnsafeBufferPointer { vp in
              probabilities.withUnsafeBufferPointer { pp in
                dq.withUnsafeMutableBufferPointer { dqp in
                  dk.withUnsafeMutableBufferPointer { dkp in
                    dv.withUnsafeMutableBufferPointer { dvp in
                      dp.withUnsafeMutableBufferPointer { dpp in
                        let ds = dpp.baseAddress!
                        for b in 0..<batch {
                          for h in 0..<heads {
                            let p = pp.baseAddress! + (b * heads + h) * weightPlane
                            let gh = gp.baseAddress! + b * planeQ + h * d
                            let qOffset = b * planeQ + h * d
                            let kOffset = b * planeK + h * d
                            // dV = Pᵀ dO
                            AdvancedKernels.gemm(
                              transA: true, m: lk, n: d, k: lq, p, lda: lk, gh, ldb: e,
                              dvp.baseAddress! + kOffset, ldc: e)
                            // dP = dO Vᵀ
                            AdvancedKernels.gemm(
                              transB: true, m: lq, n: lk, k: d, gh, lda: e,
                              vp.baseAddress! + kOffset, ldb: e, ds, ldc: lk)
                            // dS = P ⊙ (dP - rowsum(dP ⊙ P)), scaled
                            for i in 0..<lq {
                              var dot = 0.0
                              for j in 0..<lk { dot += ds[i * lk + j] * p[i * lk + j] }
                              for j in 0..<lk {
                                ds[i * lk + j] = p[i * lk + j] * (ds[i * lk + j] - dot) * scale
                              }
                            }
                            // dQ = dS K, dK = dSᵀ Q
                            AdvancedKernels.gemm(
                              m: lq, n: d, k: lk, ds, lda: lk, kp.baseAddress! + kOffset, ldb: e,
                              dqp.baseAddress! + qOffset, ldc: e)
                            AdvancedKernels.gemm(
                              transA: true, m: lk, n: d, k: lq, ds, lda: lk,
                              qp.baseAddress! + qOffset, ldb: e, dkp.baseAddress! + kOffset,
                              ldc: e)
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      return [dq, dk, dv]
    }
    return (recorded, weights)
  }

  /// Turns a patch feature map `[B, E, N]` (N patches) into tokens `[B, N (+1), E]`,
  /// optionally prepending a class token `[1, 1, E]` and adding position embeddings
  /// `[1, tokens, E]`.
  static func patchTokens(
    _ features: Tensor, classToken: Tensor?, positions: Tensor?
  ) throws -> Tensor {
    let batch = features.shape[0]
    let e = features.shape[1]
    let n = features.shape[2]
    let offset = classToken == nil ? 0 : 1
    let tokens = n + offset
    let f = features.scalars
    let c = classToken?.scalars
    let pos = positions?.scalars
    var out = [Double](repeating: 0, count: batch * tokens * e)
    for b in 0..<batch {
      if let c {
        for j in 0..<e { out[b * tokens * e + j] = c[j] }
      }
      for t in 0..<n {
        for j in 0..<e { out[(b * tokens + t + offset) * e + j] = f[(b * e + j) * n + t] }
      }
      if let pos {
        for i in 0..<(tokens * e) { out[b * tokens * e + i] += pos[i] }
      }
    }
    let result = try Tensor.advancedResult(
      shape: [batch, tokens, e], scalars: out, op: "patchTokens")
    var parents = [features]
    if let classToken { parents.append(classToken) }
    if let positions { parents.append(positions) }
    return result.recording(parents) { g in
      var df = [Double](repeating: 0, count: f.count)
      var dc = [Double](repeating: 0, count: e)
      var dpos = [Double](repeating: 0, count: tokens * e)
      for b in 0..<batch {
        for j in 0..<e { dc[j] += g[b * tokens * e + j] }
        for t in 0..<n {
          for j in 0..<e { df[(b * e + j) * n + t] = g[(b * tokens + t + offset) * e + j] }
        }
        for i in 0..<(tokens * e) { dpos[i] += g[b * tokens * e + i] }
      }
      var grads: [[Double]?] = [df]
      if c != nil { grads.append(dc) }
      if pos != nil { grads.append(dpos) }
      return grads
    }
  }
}
