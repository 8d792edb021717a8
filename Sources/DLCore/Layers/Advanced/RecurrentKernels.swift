import Foundation

/// The cell of a recurrent layer. Gate order and formulas follow PyTorch's `nn.RNN`, `nn.LSTM`
/// and `nn.GRU` documentation (https://pytorch.org/docs/stable/generated/torch.nn.LSTM.html,
/// .../torch.nn.GRU.html, .../torch.nn.RNN.html).
enum RecurrentCell: Sendable {
  /// `h' = tanh(W_ih x + b_ih + W_hh h + b_hh)`.
  case tanh
  /// `h' = relu(W_ih x + b_ih + W_hh h + b_hh)`.
  case relu
  /// Gates in the order input, forget, cell (g), output.
  case lstm
  /// Gates in the order reset, update, new; `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`.
  case gru

  /// The number of gate blocks stacked in `weight_ih` and `weight_hh`.
  var gateCount: Int {
    switch self {
    case .tanh, .relu: 1
    case .lstm: 4
    case .gru: 3
    }
  }
}

extension Tensor {
  /// Runs one recurrent layer over a whole sequence as a single autograd node, computing the
  /// backward pass through time in closed form.
  ///
  /// - Parameters: `input` is `[T, B, I]`, `h0` and `c0` (LSTM only) are `[B, H]`, the weights
  ///   are `[G·H, I]` and `[G·H, H]`, the biases `[G·H]` or absent.
  /// - Returns: `[T·B·H]` hidden states followed, for an LSTM, by the `[B·H]` final cell state.
  static func recurrentSequence(
    cell: RecurrentCell, input: Tensor, h0: Tensor, c0: Tensor?, weightIH: Tensor,
    weightHH: Tensor, biasIH: Tensor?, biasHH: Tensor?
  ) throws -> Tensor {
    let steps = input.shape[0]
    let batch = input.shape[1]
    let inputSize = input.shape[2]
    let hidden = weightHH.shape[1]
    let gates = cell.gateCount
    let width = gates * hidden
    let rows = steps * batch
    let x = input.scalars
    let wIH = weightIH.scalars
    let wHH = weightHH.scalars
    let bIH = biasIH?.scalars
    let bHH = biasHH?.scalars
    let initialHidden = h0.scalars
    let initialCell = c0?.scalars ?? []
    let stateCount = batch * hidden

    // Pre-activations of the input side for every step, then (in place) activations.
    var acts = AdvancedKernels.array(count: rows * width) { _ in }
    // GRU: W_hn h + b_hn per step, needed by the backward pass.
    var hiddenNew = [Double](repeating: 0, count: cell == .gru ? rows * hidden : 0)
    var cells = AdvancedKernels.array(count: cell == .lstm ? rows * hidden : 0) { _ in }
    var cellTanh = AdvancedKernels.array(count: cell == .lstm ? rows * hidden : 0) { _ in }
    var outputs = AdvancedKernels.array(count: rows * hidden) { _ in }
    var scratch = [Double](repeating: 0, count: cell == .gru ? batch * width : 0)

    acts.withUnsafeMutableBufferPointer { ap in
      let a = ap.baseAddress!
      var bias = bIH ?? [Double](repeating: 0, count: width)
      if cell != .gru, let bHH {
        for j in 0..<width { bias[j] += bHH[j] }
      }
      bias.withUnsafeBufferPointer { bp in
        for r in 0..<rows { (a + r * width).update(from: bp.baseAddress!, count: width) }
      }
      x.withUnsafeBufferPointer { xp in
        wIH.withUnsafeBufferPointer { wp in
          AdvancedKernels.gemm(
            transB: true, m: rows, n: width, k: inputSize, xp.baseAddress!, lda: inputSize,
            wp.baseAddress!, ldb: inputSize, beta: 1, a, ldc: width)
        }
      }
      wHH.withUnsafeBufferPointer { whp in
        let wh = whp.baseAddress!
        outputs.withUnsafeMutableBufferPointer { op in
          let out = op.baseAddress!
          cells.withUnsafeMutableBufferPointer { cp in
            cellTanh.withUnsafeMutableBufferPointer { tcp in
              hiddenNew.withUnsafeMutableBufferPointer { hnp in
                scratch.withUnsafeMutableBufferPointer { sp in
                  initialHidden.withUnsafeBufferPointer { h0p in
                    initialCell.withUnsafeBufferPointer { c0p in
                      for t in 0..<steps {
                        let gate = a + t * batch * width
                        let previous =
                          t == 0 ? h0p.baseAddress! : UnsafePointer(out + (t - 1) * stateCount)
                        let current = out + t * stateCount
                        switch cell {
                        case .tanh, .relu, .lstm:
                          AdvancedKernels.gemm(
                            transB: true, m: batch, n: width, k: hidden, previous, lda: hidden, wh,
                            ldb: hidden, beta: 1, gate, ldc: width)
                        case .gru:
                          let s = sp.baseAddress!
                          for b in 0..<batch {
                            for j in 0..<width { s[b * width + j] = bHH?[j] ?? 0 }
                          }
                          AdvancedKernels.gemm(
                            transB: true, m: batch, n: width, k: hidden, previous, lda: hidden, wh,
                            ldb: hidden, beta: 1, s, ldc: width)
                        }
                        switch cell {
                        case .tanh:
                          AdvancedKernels.tanhInPlace(gate, count: stateCount)
                          current.update(from: gate, count: stateCount)
                        case .relu:
                          for i in 0..<stateCount {
                            let v = Swift.max(gate[i], 0)
                            gate[i] = v
                            current[i] = v
                          }
                        case .lstm:
                          let cPrevious =
                            t == 0
                            ? (c0p.isEmpty ? nil : c0p.baseAddress!)
                            : UnsafePointer(cp.baseAddress! + (t - 1) * stateCount)
                          AdvancedKernels.lstmCell(
                            batch: batch, hidden: hidden, gates: gate, previousCell: cPrevious,
                            cell: cp.baseAddress! + t * stateCount,
                            cellTanh: tcp.baseAddress! + t * stateCount, hiddenState: current)
                        case .gru:
                          for b in 0..<batch {
                            let g = gate + b * width
                            let h = current + b * hidden
                            let hp = previous + b * hidden
                            let s = sp.baseAddress! + b * width
                            let hn = hnp.baseAddress! + t * stateCount + b * hidden
                            for j in 0..<(2 * hidden) { g[j] += s[j] }
                            AdvancedKernels.sigmoidInPlace(g, count: 2 * hidden)
                            for j in 0..<hidden {
                              hn[j] = s[2 * hidden + j]
                              g[2 * hidden + j] += g[j] * hn[j]
                            }
                            AdvancedKernels.tanhInPlace(g + 2 * hidden, count: hidden)
                            for j in 0..<hidden {
                              let z = g[hidden + j]
                              h[j] = (1 - z) * g[2 * hidden + j] + z * hp[j]
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
      }
    }

    var packed = outputs
    if cell == .lstm { packed.append(contentsOf: cells[((steps - 1) * stateCount)...]) }
    let result = try Tensor.advancedResult(
      shape: [packed.count], scalars: packed, op: "\(cell)Sequence")

    var parents = [input, h0]
    if let c0 { parents.append(c0) }
    parents += [weightIH, weightHH]
    if let biasIH { parents.append(biasIH) }
    if let biasHH { parents.append(biasHH) }
    let needInput = input.requiresGrad
    let hasCell = c0 != nil
    let hasBiasIH = biasIH != nil
    let hasBiasHH = biasHH != nil

    return result.recording(parents) { upstream in
      var dGates = [Double](repeating: 0, count: rows * width)
      // GRU: the hidden-side gradient differs from the input side in its new-gate block.
      var dHiddenGates = [Double](repeating: 0, count: cell == .gru ? rows * width : 0)
      var dh = [Double](repeating: 0, count: stateCount)
      var dc = [Double](repeating: 0, count: cell == .lstm ? stateCount : 0)
      if cell == .lstm {
        for i in 0..<stateCount { dc[i] = upstream[rows * hidden + i] }
      }
      var dhNext = [Double](repeating: 0, count: stateCount)
      upstream.withUnsafeBufferPointer { up in
        acts.withUnsafeBufferPointer { ap in
          outputs.withUnsafeBufferPointer { op in
            cellTanh.withUnsafeBufferPointer { tcp in
              hiddenNew.withUnsafeBufferPointer { hnp in
                initialHidden.withUnsafeBufferPointer { h0p in
                  initialCell.withUnsafeBufferPointer { c0p in
                    wHH.withUnsafeBufferPointer { whp in
                      dGates.withUnsafeMutableBufferPointer { dgp in
                        dHiddenGates.withUnsafeMutableBufferPointer { dhgp in
                          for t in stride(from: steps - 1, through: 0, by: -1) {
                            let base = t * stateCount
                            for i in 0..<stateCount { dh[i] += up[base + i] }
                            for b in 0..<batch {
                              let g = ap.baseAddress! + (t * batch + b) * width
                              let dg = dgp.baseAddress! + (t * batch + b) * width
                              let hOut = op.baseAddress! + base + b * hidden
                              let hPrevious =
                                t == 0
                                ? h0p.baseAddress! + b * hidden
                                : op.baseAddress! + base - stateCount + b * hidden
                              switch cell {
                              case .tanh:
                                for j in 0..<hidden {
                                  dg[j] = dh[b * hidden + j] * (1 - hOut[j] * hOut[j])
                                }
                              case .relu:
                                for j in 0..<hidden {
                                  dg[j] = hOut[j] > 0 ? dh[b * hidden + j] : 0
                                }
                              case .lstm:
                                let tcRow = tcp.baseAddress! + base + b * hidden
                                for j in 0..<hidden {
                                  let i = g[j]
                                  let f = g[hidden + j]
                                  let n = g[2 * hidden + j]
                                  let o = g[3 * hidden + j]
                                  let cPrevious =
                                    t == 0
                                    ? (c0p.isEmpty ? 0 : c0p[b * hidden + j])
                                    : cells[base - stateCount + b * hidden + j]
                                  let tc = tcRow[j]
                                  let dhv = dh[b * hidden + j]
                                  let dcv = dc[b * hidden + j] + dhv * o * (1 - tc * tc)
                                  dg[j] = dcv * n * i * (1 - i)
                                  dg[hidden + j] = dcv * cPrevious * f * (1 - f)
                                  dg[2 * hidden + j] = dcv * i * (1 - n * n)
                                  dg[3 * hidden + j] = dhv * tc * o * (1 - o)
                                  dc[b * hidden + j] = dcv * f
                                }
                              case .gru:
                                let dhg = dhgp.baseAddress! + (t * batch + b) * width
                                let hn = hnp.baseAddress! + base + b * hidden
                                for j in 0..<hidden {
                                  let r = g[j]
                                  let z = g[hidden + j]
                                  let n = g[2 * hidden + j]
                                  let dhv = dh[b * hidden + j]
                                  let dnPre = dhv * (1 - z) * (1 - n * n)
                                  let dzPre = dhv * (hPrevious[j] - n) * z * (1 - z)
                                  let drPre = dnPre * hn[j] * r * (1 - r)
                                  dg[j] = drPre
                                  dg[hidden + j] = dzPre
                                  dg[2 * hidden + j] = dnPre
                                  dhg[j] = drPre
                                  dhg[hidden + j] = dzPre
                                  dhg[2 * hidden + j] = dnPre * r
                                  dhNext[b * hidden + j] = dhv * z
                                }
                              }
                            }
                            // dh for step t-1: through W_hh (and, for a GRU, the z path).
                            let hiddenSide =
                              cell == .gru
                              ? UnsafePointer(dhgp.baseAddress! + t * batch * width)
                              : UnsafePointer(dgp.baseAddress! + t * batch * width)
                            dhNext.withUnsafeMutableBufferPointer { np in
                              AdvancedKernels.gemm(
                                m: batch, n: hidden, k: width, hiddenSide, lda: width,
                                whp.baseAddress!, ldb: hidden, beta: cell == .gru ? 1 : 0,
                                np.baseAddress!, ldc: hidden)
                            }
                            swap(&dh, &dhNext)
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
      // dh and dc now hold the gradients of the initial states.
      let dHidden = cell == .gru ? dHiddenGates : dGates
      var gradInput: [Double]? = nil
      if needInput {
        gradInput = AdvancedKernels.array(count: rows * inputSize) { out in
          dGates.withUnsafeBufferPointer { dgp in
            wIH.withUnsafeBufferPointer { wp in
              AdvancedKernels.gemm(
                m: rows, n: inputSize, k: width, dgp.baseAddress!, lda: width, wp.baseAddress!,
                ldb: inputSize, out.baseAddress!, ldc: inputSize)
            }
          }
        }
      }
      let gradWeightIH = AdvancedKernels.array(count: width * inputSize) { out in
        dGates.withUnsafeBufferPointer { dgp in
          x.withUnsafeBufferPointer { xp in
            AdvancedKernels.gemm(
              transA: true, m: width, n: inputSize, k: rows, dgp.baseAddress!, lda: width,
              xp.baseAddress!, ldb: inputSize, out.baseAddress!, ldc: inputSize)
          }
        }
      }
      let gradWeightHH = AdvancedKernels.array(count: width * hidden) { out in
        dHidden.withUnsafeBufferPointer { dgp in
          initialHidden.withUnsafeBufferPointer { h0p in
            AdvancedKernels.gemm(
              transA: true, m: width, n: hidden, k: batch, dgp.baseAddress!, lda: width,
              h0p.baseAddress!, ldb: hidden, out.baseAddress!, ldc: hidden)
          }
          if steps > 1 {
            outputs.withUnsafeBufferPointer { op in
              AdvancedKernels.gemm(
                transA: true, m: width, n: hidden, k: (steps - 1) * batch,
                dgp.baseAddress! + batch * width, lda: width, op.baseAddress!, ldb: hidden,
                beta: 1, out.baseAddress!, ldc: hidden)
            }
          }
        }
      }
      func columnSums(_ m: [Double]) -> [Double] {
        var sums = [Double](repeating: 0, count: width)
        m.withUnsafeBufferPointer { p in
          for r in 0..<rows {
            for j in 0..<width { sums[j] += p[r * width + j] }
          }
        }
        return sums
      }
      var grads: [[Double]?] = [gradInput, dh]
      if hasCell { grads.append(dc) }
      grads += [gradWeightIH, gradWeightHH]
      if hasBiasIH { grads.append(columnSums(dGates)) }
      if hasBiasHH { grads.append(columnSums(dHidden)) }
      return grads
    }
  }
}
