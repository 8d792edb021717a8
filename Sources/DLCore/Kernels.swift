import CBLAS

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Array-level kernels shared by the tensor operations: broadcasting, reduction to a shape,
/// matrix products. They do no shape checking; callers check first.
enum Kernels {
  /// The NumPy broadcast of two shapes.
  static func broadcastShape(_ a: [Int], _ b: [Int], op: String) throws -> [Int] {
    if a == b { return a }
    let rank = max(a.count, b.count)
    var out = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
      let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      if da == db || db == 1 {
        out[i] = da
      } else if da == 1 {
        out[i] = db
      } else {
        throw TensorError.shapeMismatch(
          op: op, lhs: a, rhs: b,
          reason: "dimension \(i - rank) has sizes \(da) and \(db); broadcasting needs equal "
            + "sizes or 1")
      }
    }
    return out
  }

  /// Strides of a tensor of `shape` seen in the index space of `outShape` (0 on broadcast axes).
  static func broadcastStrides(_ shape: [Int], in outShape: [Int]) -> [Int] {
    let rank = outShape.count
    var strides = [Int](repeating: 0, count: rank)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
      let o = i + rank - shape.count
      strides[o] = shape[i] == 1 ? 0 : s
      s *= shape[i]
    }
    return strides
  }

  /// `f(a, b)` elementwise with broadcasting into `out` (of `outShape`'s element count).
  @inline(__always)
  static func broadcast(
    _ a: UnsafeBufferPointer<Double>, _ aShape: [Int], _ b: UnsafeBufferPointer<Double>,
    _ bShape: [Int], _ outShape: [Int], _ out: UnsafeMutableBufferPointer<Double>,
    _ f: (Double, Double) -> Double
  ) {
    let n = out.count
    if n == 0 { return }
    if a.count == n && b.count == n {
      for i in 0..<n { out[i] = f(a[i], b[i]) }
      return
    }
    if b.count == 1 && a.count == n {
      let s = b[0]
      for i in 0..<n { out[i] = f(a[i], s) }
      return
    }
    if a.count == 1 && b.count == n {
      let s = a[0]
      for i in 0..<n { out[i] = f(s, b[i]) }
      return
    }
    // A full operand with the other repeated as a trailing block (e.g. [N, C] with [C]).
    if a.count == n && b.count > 0 && n % b.count == 0 && isTrailingBlock(bShape, of: outShape) {
      let m = b.count
      var o = 0
      while o < n {
        for j in 0..<m { out[o + j] = f(a[o + j], b[j]) }
        o += m
      }
      return
    }
    if b.count == n && a.count > 0 && n % a.count == 0 && isTrailingBlock(aShape, of: outShape) {
      let m = a.count
      var o = 0
      while o < n {
        for j in 0..<m { out[o + j] = f(a[j], b[o + j]) }
        o += m
      }
      return
    }
    let rank = outShape.count
    let sa = broadcastStrides(aShape, in: outShape)
    let sb = broadcastStrides(bShape, in: outShape)
    let inner = outShape[rank - 1]
    let ia = sa[rank - 1]
    let ib = sb[rank - 1]
    var index = [Int](repeating: 0, count: rank)
    var oa = 0
    var ob = 0
    var o = 0
    while o < n {
      for k in 0..<inner { out[o + k] = f(a[oa + k * ia], b[ob + k * ib]) }
      o += inner
      var d = rank - 2
      while d >= 0 {
        index[d] += 1
        oa += sa[d]
        ob += sb[d]
        if index[d] < outShape[d] { break }
        oa -= sa[d] * outShape[d]
        ob -= sb[d] * outShape[d]
        index[d] = 0
        d -= 1
      }
    }
  }

  /// Whether `shape`, without leading 1s, equals the same number of trailing sizes of `outShape`.
  static func isTrailingBlock(_ shape: [Int], of outShape: [Int]) -> Bool {
    var s = shape[...]
    while let first = s.first, first == 1 { s = s.dropFirst() }
    guard s.count <= outShape.count else { return false }
    return Array(s) == Array(outShape.suffix(s.count))
  }

  /// Broadcasts two arrays with `f` into a new array of `outShape`.
  static func broadcast(
    _ a: [Double], _ aShape: [Int], _ b: [Double], _ bShape: [Int], _ outShape: [Int],
    count n: Int, _ f: (Double, Double) -> Double
  ) -> [Double] {
    [Double](unsafeUninitializedCapacity: n) { out, initialized in
      a.withUnsafeBufferPointer { ap in
        b.withUnsafeBufferPointer { bp in
          broadcast(
            ap, aShape, bp, bShape, outShape, UnsafeMutableBufferPointer(rebasing: out[0..<n]), f)
        }
      }
      initialized = n
    }
  }

  /// Sums `g` (of `shape`) down to `target`, the adjoint of broadcasting `target` to `shape`.
  static func sumTo(_ g: [Double], from shape: [Int], to target: [Int]) -> [Double] {
    if shape == target { return g }
    var targetCount = 1
    for d in target { targetCount *= d }
    var out = [Double](repeating: 0, count: targetCount)
    let n = g.count
    if n == 0 || targetCount == 0 { return out }
    if targetCount == 1 {
      var s = 0.0
      for v in g { s += v }
      out[0] = s
      return out
    }
    out.withUnsafeMutableBufferPointer { op in
      g.withUnsafeBufferPointer { gp in
        if n % targetCount == 0 && isTrailingBlock(target, of: shape) {
          addColumnSums(
            gp.baseAddress!, rows: n / targetCount, cols: targetCount, into: op.baseAddress!)
          return
        }
        let rank = shape.count
        let st = broadcastStrides(target, in: shape)
        let inner = shape[rank - 1]
        let it = st[rank - 1]
        var index = [Int](repeating: 0, count: rank)
        var ot = 0
        var o = 0
        while o < n {
          if it == 0 {
            var s = 0.0
            for k in 0..<inner { s += gp[o + k] }
            op[ot] += s
          } else {
            for k in 0..<inner { op[ot + k * it] += gp[o + k] }
          }
          o += inner
          var d = rank - 2
          while d >= 0 {
            index[d] += 1
            ot += st[d]
            if index[d] < shape[d] { break }
            ot -= st[d] * shape[d]
            index[d] = 0
            d -= 1
          }
        }
      }
    }
    return out
  }

  /// Products at or above this many multiply-adds go to BLAS; smaller ones use plain loops,
  /// which avoid the call overhead (measured with `nbrun-bench matmul`).
  nonisolated(unsafe) static var blasThreshold = 4096

  /// C = op(A) * op(B) + beta * C, row-major. op(A) is m×k, op(B) is k×n, C is m×n.
  /// Without transposition A is m×k (lda = k) and B is k×n (ldb = n); transposed, A is k×m and
  /// B is n×k.
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
    beta: Double, _ c: UnsafeMutablePointer<Double>
  ) {
    if m == 0 || n == 0 { return }
    if k == 0 {
      if beta == 0 {
        c.update(repeating: 0, count: m * n)
      } else {
        for i in 0..<(m * n) { c[i] *= beta }
      }
      return
    }
    let fitsBLAS = Swift.max(m, n, k) <= Int(Int32.max)
    if fitsBLAS && Double(m) * Double(n) * Double(k) >= Double(blasThreshold) {
      cblas_dgemm(
        CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
        Int32(m), Int32(n), Int32(k), 1, a, Int32(transA ? m : k), b, Int32(transB ? k : n), beta,
        c, Int32(n))
      return
    }
    if beta == 0 {
      c.update(repeating: 0, count: m * n)
    } else if beta != 1 {
      for i in 0..<(m * n) { c[i] *= beta }
    }
    switch (transA, transB) {
    case (false, false):
      for i in 0..<m {
        let ci = c + i * n
        let ai = a + i * k
        for p in 0..<k {
          let v = ai[p]
          let bp = b + p * n
          for j in 0..<n { ci[j] += v * bp[j] }
        }
      }
    case (false, true):
      for i in 0..<m {
        let ci = c + i * n
        let ai = a + i * k
        for j in 0..<n {
          let bj = b + j * k
          var s = 0.0
          for p in 0..<k { s += ai[p] * bj[p] }
          ci[j] += s
        }
      }
    case (true, false):
      for p in 0..<k {
        let ap = a + p * m
        let bp = b + p * n
        for i in 0..<m {
          let v = ap[i]
          let ci = c + i * n
          for j in 0..<n { ci[j] += v * bp[j] }
        }
      }
    case (true, true):
      for i in 0..<m {
        let ci = c + i * n
        for j in 0..<n {
          let bj = b + j * k
          var s = 0.0
          for p in 0..<k { s += a[p * m + i] * bj[p] }
          ci[j] += s
        }
      }
    }
  }

  /// Sets the number of threads BLAS may use.
  ///
  /// OpenBLAS starts its helper threads when it loads, and they spin (`sched_yield`) for about
  /// 0.1 s of CPU before they sleep, even if no product ever runs on them: measured as a quarter
  /// of the CPU time of rendering the exam key. With one thread they are never used, so they
  /// are stopped; OpenBLAS starts them again if more threads are asked for later.
  static func setBLASThreads(_ n: Int) {
    openblas_set_num_threads(Int32(max(1, n)))
    if n <= 1, let shutdown = blasThreadShutdown { _ = shutdown() }
  }

  /// OpenBLAS's `blas_thread_shutdown_`, looked up at run time: it is exported by OpenBLAS's
  /// pthreads build but is not in its headers, and other builds may lack it.
  private static let blasThreadShutdown: (@convention(c) () -> Int32)? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_")
    else { return nil }
    return unsafeBitCast(symbol, to: (@convention(c) () -> Int32).self)
  }()
}

extension Kernels {
  /// `gemm` on buffers with offsets; safe for empty operands (touches nothing it need not).
  static func gemm(
    transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
    _ a: UnsafeBufferPointer<Double>, _ aOffset: Int,
    _ b: UnsafeBufferPointer<Double>, _ bOffset: Int,
    beta: Double, _ c: UnsafeMutableBufferPointer<Double>, _ cOffset: Int
  ) {
    guard m > 0, n > 0, let cBase = c.baseAddress else { return }
    guard k > 0, let aBase = a.baseAddress, let bBase = b.baseAddress else {
      let target = cBase + cOffset
      if beta == 0 {
        target.update(repeating: 0, count: m * n)
      } else {
        for i in 0..<(m * n) { target[i] *= beta }
      }
      return
    }
    gemm(
      transA: transA, transB: transB, m: m, n: n, k: k, aBase + aOffset, bBase + bOffset,
      beta: beta, cBase + cOffset)
  }
}

/// The number of threads the BLAS library (OpenBLAS) may use for large matrix products.
/// DLCore's own loops are single-threaded; this only affects products that go to BLAS. One
/// thread also stops the helper threads OpenBLAS started when it loaded (they would spin idle).
/// Call it before products run on other threads.
public func setBLASThreadCount(_ count: Int) {
  Kernels.setBLASThreads(count)
}

extension Kernels {
  /// Adds the column sums of a row-major `rows`×`cols` matrix to `out` (`cols` elements).
  /// Narrow matrices are summed several rows at a time so the inner loop stays long.
  static func addColumnSums(
    _ x: UnsafePointer<Double>, rows: Int, cols: Int, into out: UnsafeMutablePointer<Double>
  ) {
    guard rows > 0, cols > 0 else { return }
    let group = cols >= 32 ? 1 : (32 + cols - 1) / cols
    let width = group * cols
    let fullGroups = rows / group
    if group > 1 && fullGroups > 1 {
      let partial = UnsafeMutablePointer<Double>.allocate(capacity: width)
      defer { partial.deallocate() }
      partial.update(repeating: 0, count: width)
      for blockIndex in 0..<fullGroups {
        let block = x + blockIndex * width
        for j in 0..<width { partial[j] += block[j] }
      }
      for r in 0..<group {
        for j in 0..<cols { out[j] += partial[r * cols + j] }
      }
      for r in (fullGroups * group)..<rows {
        for j in 0..<cols { out[j] += x[r * cols + j] }
      }
      return
    }
    for r in 0..<rows {
      let row = x + r * cols
      for j in 0..<cols { out[j] += row[j] }
    }
  }
}
