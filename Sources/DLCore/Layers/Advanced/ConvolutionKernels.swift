import Foundation

/// The geometry of a 2-D sliding window over one `[channels, height, width]` image.
struct WindowGeometry {
  let channels: Int
  let height: Int
  let width: Int
  let kernel: Size2D
  let stride: Size2D
  let padding: Size2D
  /// The spacing between kernel taps (1: adjacent pixels).
  var dilation: Size2D = 1
  /// The window positions, when set by the caller rather than by the sweep: a transposed
  /// convolution's input grid, which its `outputPadding` can leave smaller than the sweep.
  var positionGrid: (height: Int, width: Int)? = nil

  /// The image area one window covers.
  var span: Size2D {
    Size2D(
      dilation.height * (kernel.height - 1) + 1, dilation.width * (kernel.width - 1) + 1)
  }
  var outputHeight: Int {
    positionGrid?.height ?? (height + 2 * padding.height - span.height) / stride.height + 1
  }
  var outputWidth: Int {
    positionGrid?.width ?? (width + 2 * padding.width - span.width) / stride.width + 1
  }
  /// Rows of the unfolded matrix: channels · kernel area.
  var patchSize: Int { channels * kernel.height * kernel.width }
  /// Columns of the unfolded matrix: output positions.
  var positions: Int { outputHeight * outputWidth }

  /// Unfolds the image at `image` into `cols` (`patchSize × positions`, row-major); padding
  /// reads as zero.
  func unfold(_ image: UnsafePointer<Double>, into cols: UnsafeMutablePointer<Double>) {
    let oh = outputHeight
    let ow = outputWidth
    let (kh, kw) = (kernel.height, kernel.width)
    for c in 0..<channels {
      for ki in 0..<kh {
        for kj in 0..<kw {
          let row = cols + ((c * kh + ki) * kw + kj) * oh * ow
          for y in 0..<oh {
            let iy = y * stride.height - padding.height + ki * dilation.height
            let out = row + y * ow
            if iy < 0 || iy >= height {
              for x in 0..<ow { out[x] = 0 }
              continue
            }
            let line = image + (c * height + iy) * width
            for x in 0..<ow {
              let ix = x * stride.width - padding.width + kj * dilation.width
              out[x] = ix >= 0 && ix < width ? line[ix] : 0
            }
          }
        }
      }
    }
  }

  /// Adds the unfolded `cols` back into the image at `image` (the adjoint of `unfold`).
  func fold(_ cols: UnsafePointer<Double>, addingInto image: UnsafeMutablePointer<Double>) {
    let oh = outputHeight
    let ow = outputWidth
    let (kh, kw) = (kernel.height, kernel.width)
    for c in 0..<channels {
      for ki in 0..<kh {
        for kj in 0..<kw {
          let row = cols + ((c * kh + ki) * kw + kj) * oh * ow
          for y in 0..<oh {
            let iy = y * stride.height - padding.height + ki * dilation.height
            if iy < 0 || iy >= height { continue }
            let line = image + (c * height + iy) * width
            let values = row + y * ow
            for x in 0..<ow {
              let ix = x * stride.width - padding.width + kj * dilation.width
              if ix >= 0 && ix < width { line[ix] += values[x] }
            }
          }
        }
      }
    }
  }
}

extension Tensor {
  /// A 2-D convolution (cross-correlation) as in `torch.nn.functional.conv2d`: `input`
  /// `[N, C, H, W]`, `weight` `[O, C / groups, kh, kw]`, `bias` `[O]`. With `groups` g, output
  /// channels `i·O/g..<(i+1)·O/g` see only input channels `i·C/g..<(i+1)·C/g`.
  static func convolution2d(
    _ input: Tensor, weight: Tensor, bias: Tensor?, stride: Size2D, padding: Size2D,
    dilation: Size2D = 1, groups: Int = 1
  ) throws -> Tensor {
    let n = input.shape[0]
    let outChannels = weight.shape[0]
    let geometry = WindowGeometry(
      channels: input.shape[1], height: input.shape[2], width: input.shape[3],
      kernel: Size2D(weight.shape[2], weight.shape[3]), stride: stride, padding: padding,
      dilation: dilation)
    let k = geometry.patchSize
    let l = geometry.positions
    // Per group: the rows of the unfolded image and the output channels.
    let groupRows = k / groups
    let groupOutputs = outChannels / groups
    let imageSize = geometry.channels * geometry.height * geometry.width
    let x = input.scalars
    let w = weight.scalars
    let b = bias?.scalars
    var cols = [Double](repeating: 0, count: n * k * l)
    var y = [Double](repeating: 0, count: n * outChannels * l)
    cols.withUnsafeMutableBufferPointer { cp in
      x.withUnsafeBufferPointer { xp in
        w.withUnsafeBufferPointer { wp in
          y.withUnsafeMutableBufferPointer { yp in
            for s in 0..<n {
              let col = cp.baseAddress! + s * k * l
              geometry.unfold(xp.baseAddress! + s * imageSize, into: col)
              let out = yp.baseAddress! + s * outChannels * l
              if let b {
                for o in 0..<outChannels {
                  for i in 0..<l { out[o * l + i] = b[o] }
                }
              }
              for g in 0..<groups {
                AdvancedKernels.gemm(
                  m: groupOutputs, n: l, k: groupRows,
                  wp.baseAddress! + g * groupOutputs * groupRows,
                  lda: groupRows, col + g * groupRows * l, ldb: l, beta: b == nil ? 0 : 1,
                  out + g * groupOutputs * l, ldc: l)
              }
            }
          }
        }
      }
    }
    let out = try Tensor.advancedResult(
      shape: [n, outChannels, geometry.outputHeight, geometry.outputWidth], scalars: y,
      op: "conv2d")
    var parents = [input, weight]
    if let bias { parents.append(bias) }
    let needInput = input.requiresGrad
    return out.recording(parents) { g in
      var dx = [Double](repeating: 0, count: needInput ? x.count : 0)
      var dw = [Double](repeating: 0, count: w.count)
      var db = [Double](repeating: 0, count: outChannels)
      var dcols = [Double](repeating: 0, count: needInput ? k * l : 0)
      g.withUnsafeBufferPointer { gp in
        cols.withUnsafeBufferPointer { cp in
          w.withUnsafeBufferPointer { wp in
            dw.withUnsafeMutableBufferPointer { dwp in
              dx.withUnsafeMutableBufferPointer { dxp in
                dcols.withUnsafeMutableBufferPointer { dcp in
                  for s in 0..<n {
                    let gs = gp.baseAddress! + s * outChannels * l
                    for g in 0..<groups {
                      AdvancedKernels.gemm(
                        transB: true, m: groupOutputs, n: groupRows, k: l,
                        gs + g * groupOutputs * l, lda: l,
                        cp.baseAddress! + s * k * l + g * groupRows * l, ldb: l, beta: 1,
                        dwp.baseAddress! + g * groupOutputs * groupRows, ldc: groupRows)
                    }
                    for o in 0..<outChannels {
                      for i in 0..<l { db[o] += gs[o * l + i] }
                    }
                    if needInput {
                      for g in 0..<groups {
                        AdvancedKernels.gemm(
                          transA: true, m: groupRows, n: l, k: groupOutputs,
                          wp.baseAddress! + g * groupOutputs * groupRows, lda: groupRows,
                          gs + g * groupOutputs * l, ldb: l, dcp.baseAddress! + g * groupRows * l,
                          ldc: l)
                      }
                      geometry.fold(dcp.baseAddress!, addingInto: dxp.baseAddress! + s * imageSize)
                    }
                  }
                }
              }
            }
          }
        }
      }
      var grads: [[Double]?] = [needInput ? dx : nil, dw]
      if b != nil { grads.append(db) }
      return grads
    }
  }

  /// A 2-D transposed convolution as in `torch.nn.functional.conv_transpose2d`: `input`
  /// `[N, Cin, H, W]`, `weight` `[Cin, Cout / groups, kh, kw]`, `bias` `[Cout]`; the output is
  /// `[N, Cout, (H-1)·stride - 2·padding + dilation·(kh-1) + 1 + outputPadding, ...]`. With
  /// `groups` g, input channels `i·Cin/g..<(i+1)·Cin/g` feed only output channels
  /// `i·Cout/g..<(i+1)·Cout/g`.
  static func transposedConvolution2d(
    _ input: Tensor, weight: Tensor, bias: Tensor?, stride: Size2D, padding: Size2D,
    outputPadding: Size2D, dilation: Size2D = 1, groups: Int = 1
  ) throws -> Tensor {
    let n = input.shape[0]
    let inChannels = input.shape[1]
    let height = input.shape[2]
    let width = input.shape[3]
    let outChannels = weight.shape[1] * groups
    let kernel = Size2D(weight.shape[2], weight.shape[3])
    let outHeight =
      (height - 1) * stride.height - 2 * padding.height + dilation.height * (kernel.height - 1)
      + 1 + outputPadding.height
    let outWidth =
      (width - 1) * stride.width - 2 * padding.width + dilation.width * (kernel.width - 1) + 1
      + outputPadding.width
    // The transposed convolution is the adjoint of a convolution from the output image back
    // to the input positions.
    let geometry = WindowGeometry(
      channels: outChannels, height: outHeight, width: outWidth, kernel: kernel, stride: stride,
      padding: padding, dilation: dilation, positionGrid: (height, width))
    let k = geometry.patchSize
    let l = height * width
    // Per group: input channels, and rows of the unfolded output (its channels · k²).
    let groupInputs = inChannels / groups
    let groupRows = k / groups
    let outSize = outChannels * outHeight * outWidth
    let x = input.scalars
    let w = weight.scalars
    let b = bias?.scalars
    var y = [Double](repeating: 0, count: n * outSize)
    var cols = [Double](repeating: 0, count: k * l)
    x.withUnsafeBufferPointer { xp in
      w.withUnsafeBufferPointer { wp in
        cols.withUnsafeMutableBufferPointer { cp in
          y.withUnsafeMutableBufferPointer { yp in
            for s in 0..<n {
              for g in 0..<groups {
                AdvancedKernels.gemm(
                  transA: true, m: groupRows, n: l, k: groupInputs,
                  wp.baseAddress! + g * groupInputs * groupRows, lda: groupRows,
                  xp.baseAddress! + (s * inChannels + g * groupInputs) * l, ldb: l,
                  cp.baseAddress! + g * groupRows * l, ldc: l)
              }
              let out = yp.baseAddress! + s * outSize
              geometry.fold(cp.baseAddress!, addingInto: out)
              if let b {
                let plane = outHeight * outWidth
                for o in 0..<outChannels {
                  for i in 0..<plane { out[o * plane + i] += b[o] }
                }
              }
            }
          }
        }
      }
    }
    let out = try Tensor.advancedResult(
      shape: [n, outChannels, outHeight, outWidth], scalars: y, op: "convTranspose2d")
    var parents = [input, weight]
    if let bias { parents.append(bias) }
    return out.recording(parents) { g in
      var dx = [Double](repeating: 0, count: x.count)
      var dw = [Double](repeating: 0, count: w.count)
      var db = [Double](repeating: 0, count: outChannels)
      var gcols = [Double](repeating: 0, count: k * l)
      let plane = outHeight * outWidth
      g.withUnsafeBufferPointer { gp in
        x.withUnsafeBufferPointer { xp in
          w.withUnsafeBufferPointer { wp in
            gcols.withUnsafeMutableBufferPointer { gcp in
              dx.withUnsafeMutableBufferPointer { dxp in
                dw.withUnsafeMutableBufferPointer { dwp in
                  for s in 0..<n {
                    let gs = gp.baseAddress! + s * outSize
                    for o in 0..<outChannels {
                      for i in 0..<plane { db[o] += gs[o * plane + i] }
                    }
                    geometry.unfold(gs, into: gcp.baseAddress!)
                    for g in 0..<groups {
                      let wg = g * groupInputs * groupRows
                      let xg = (s * inChannels + g * groupInputs) * l
                      let colsG = gcp.baseAddress! + g * groupRows * l
                      AdvancedKernels.gemm(
                        m: groupInputs, n: l, k: groupRows, wp.baseAddress! + wg, lda: groupRows,
                        colsG, ldb: l, dxp.baseAddress! + xg, ldc: l)
                      AdvancedKernels.gemm(
                        transB: true, m: groupInputs, n: groupRows, k: l, xp.baseAddress! + xg,
                        lda: l, colsG, ldb: l, beta: 1, dwp.baseAddress! + wg, ldc: groupRows)
                    }
                  }
                }
              }
            }
          }
        }
      }
      var grads: [[Double]?] = [dx, dw]
      if b != nil { grads.append(db) }
      return grads
    }
  }

  /// Max or average pooling over `[N, C, H, W]`. Average pooling divides by the full window
  /// size, counting padding (PyTorch's default `count_include_pad=True`).
  static func pooling2d(
    _ input: Tensor, kernel: Size2D, stride: Size2D, padding: Size2D, maximum: Bool
  ) throws -> Tensor {
    let n = input.shape[0]
    let channels = input.shape[1]
    let geometry = WindowGeometry(
      channels: 1, height: input.shape[2], width: input.shape[3], kernel: kernel, stride: stride,
      padding: padding)
    let oh = geometry.outputHeight
    let ow = geometry.outputWidth
    let planes = n * channels
    let inPlane = geometry.height * geometry.width
    let x = input.scalars
    var y = [Double](repeating: 0, count: planes * oh * ow)
    var argmax = [Int](repeating: -1, count: maximum ? y.count : 0)
    let divisor = Double(kernel.height * kernel.width)
    for p in 0..<planes {
      for r in 0..<oh {
        for c in 0..<ow {
          var best = -Double.infinity
          var bestIndex = -1
          var sum = 0.0
          for i in 0..<kernel.height {
            let iy = r * stride.height - padding.height + i
            if iy < 0 || iy >= geometry.height { continue }
            for j in 0..<kernel.width {
              let ix = c * stride.width - padding.width + j
              if ix < 0 || ix >= geometry.width { continue }
              let index = p * inPlane + iy * geometry.width + ix
              let v = x[index]
              sum += v
              if v > best || bestIndex < 0 || v.isNaN {
                best = v
                bestIndex = index
              }
            }
          }
          let o = (p * oh + r) * ow + c
          if maximum {
            y[o] = best
            argmax[o] = bestIndex
          } else {
            y[o] = sum / divisor
          }
        }
      }
    }
    let out = try Tensor.advancedResult(
      shape: [n, channels, oh, ow], scalars: y, op: maximum ? "maxPool2d" : "avgPool2d")
    let count = x.count
    return out.recording([input]) { g in
      var dx = [Double](repeating: 0, count: count)
      if maximum {
        for o in 0..<g.count where argmax[o] >= 0 { dx[argmax[o]] += g[o] }
        return [dx]
      }
      for p in 0..<planes {
        for r in 0..<oh {
          for c in 0..<ow {
            let share = g[(p * oh + r) * ow + c] / divisor
            for i in 0..<kernel.height {
              let iy = r * stride.height - padding.height + i
              if iy < 0 || iy >= geometry.height { continue }
              for j in 0..<kernel.width {
                let ix = c * stride.width - padding.width + j
                if ix < 0 || ix >= geometry.width { continue }
                dx[p * inPlane + iy * geometry.width + ix] += share
              }
            }
          }
        }
      }
      return [dx]
    }
  }

  /// Moves values by an index map: `out[i] = self[source[i]]`; gradients flow back through
  /// the same map (used by pixel shuffle and nearest-neighbour upsampling).
  func gathering(_ source: [Int], shape newShape: [Int], op: String) throws -> Tensor {
    let x = scalars
    let out = try Tensor.advancedResult(shape: newShape, scalars: source.map { x[$0] }, op: op)
    let count = x.count
    return out.recording([self]) { g in
      var dx = [Double](repeating: 0, count: count)
      for (i, s) in source.enumerated() { dx[s] += g[i] }
      return [dx]
    }
  }
}
