import XCTest

@testable import DLCore

/// Bidirectional recurrent layers and dropout between layers. Expected values come from
/// reference.py (PyTorch 2.13, float64) in this folder.
final class BidirectionalTests: XCTestCase {
  typealias R = AdvancedReference

  func testParameterCountsAndNamesMatchPyTorch() throws {
    let lstm = try LSTM(inputSize: 32, hiddenSize: 64, bidirectional: true)
    XCTAssertEqual(lstm.parameterCount, R.bilstm32x64Count)
    // Keras's Bidirectional(LSTM(64)) has one bias per direction: 2 · 4 · (64 · 96 + 64).
    XCTAssertEqual(lstm.parameterCount(biasConvention: .single), 2 * 4 * (64 * 96 + 64))
    XCTAssertEqual(
      try GRU(inputSize: 10, hiddenSize: 20, layers: 2, bidirectional: true).parameterCount,
      R.bigru10x20x2Count)
    XCTAssertEqual(
      try RNN(inputSize: 10, hiddenSize: 20, layers: 3, bidirectional: true).parameterCount,
      R.birnn10x20x3Count)
    let two = try LSTM(inputSize: 3, hiddenSize: 4, layers: 2, bidirectional: true)
    XCTAssertEqual(two.namedParameters.map(\.name), R.bilstmNames)
    XCTAssertEqual(try two.weightIH(1, reverse: true).shape, [16, 8])
    XCTAssertTrue(try two.weightHH(0, reverse: true) === two.parameters[5])
    XCTAssertThrowsError(try LSTM(inputSize: 3, hiddenSize: 4).weightIH(0, reverse: true))
    XCTAssertEqual(try two.outputShape(for: [5, 2, 3]), [5, 2, 8])
    XCTAssertEqual(two.description, "LSTM(3, 4, layers: 2, bidirectional: true)")
  }

  func testBidirectionalLSTMMatchesPyTorch() throws {
    let lstm = try LSTM(inputSize: 3, hiddenSize: 4, layers: 2, bidirectional: true)
    Pattern.fill(lstm.parameters)
    let x = try Pattern.input([5, 2, 3])
    let h0 = try Pattern.input([4, 2, 4], 1)
    let c0 = try Pattern.input([4, 2, 4], 2)
    let r = try lstm.forward(x, initialState: RecurrentState(hidden: h0, cell: c0))
    XCTAssertEqual(r.output.shape, [5, 2, 8])
    XCTAssertEqual(r.hidden.shape, [4, 2, 4])
    assertNear(r.output.scalars, R.bilstmOutput, "output")
    assertNear(r.hidden.scalars, R.bilstmFinalHidden, "h_n")
    assertNear(r.cell!.scalars, R.bilstmFinalCell, "c_n")
    try Pattern.weightedLoss([r.output, r.hidden, r.cell!]).backward()
    assertNear(x.grad!.scalars, R.bilstmInputGrad, "dx")
    assertNear(h0.grad!.scalars, R.bilstmInitialHiddenGrad, "dh0")
    assertNear(c0.grad!.scalars, R.bilstmInitialCellGrad, "dc0")
    let expected = [
      R.bilstmParameterGrad0, R.bilstmParameterGrad1, R.bilstmParameterGrad2,
      R.bilstmParameterGrad3, R.bilstmParameterGrad4, R.bilstmParameterGrad5,
      R.bilstmParameterGrad6, R.bilstmParameterGrad7, R.bilstmParameterGrad8,
      R.bilstmParameterGrad9, R.bilstmParameterGrad10, R.bilstmParameterGrad11,
      R.bilstmParameterGrad12, R.bilstmParameterGrad13, R.bilstmParameterGrad14,
      R.bilstmParameterGrad15,
    ]
    XCTAssertEqual(lstm.parameters.count, expected.count)
    for (i, (p, e)) in zip(lstm.parameters, expected).enumerated() {
      assertNear(p.grad!.scalars, e, "parameter \(i)")
    }
  }

  func testBidirectionalGRUAndRNNMatchPyTorch() throws {
    let gru = try GRU(inputSize: 3, hiddenSize: 4, batchFirst: true, bidirectional: true)
    Pattern.fill(gru.parameters)
    let x = try Pattern.input([2, 5, 3])
    let r = try gru.forward(x, initialState: nil)
    XCTAssertEqual(r.output.shape, [2, 5, 8])
    assertNear(r.output.scalars, R.bigruOutput, "GRU output")
    assertNear(r.hidden.scalars, R.bigruFinalHidden, "GRU h_n")
    try Pattern.weightedLoss([r.output, r.hidden]).backward()
    assertNear(x.grad!.scalars, R.bigruInputGrad, "GRU dx")
    let expected = [
      R.bigruParameterGrad0, R.bigruParameterGrad1, R.bigruParameterGrad2,
      R.bigruParameterGrad3, R.bigruParameterGrad4, R.bigruParameterGrad5,
      R.bigruParameterGrad6, R.bigruParameterGrad7,
    ]
    for (p, e) in zip(gru.parameters, expected) { assertNear(p.grad!.scalars, e, "GRU parameter") }

    let rnn = try RNN(
      inputSize: 3, hiddenSize: 4, layers: 2, nonlinearity: .relu, bidirectional: true)
    Pattern.fill(rnn.parameters)
    let out = try rnn.forward(Pattern.input([5, 2, 3], requiresGrad: false), initialState: nil)
    assertNear(out.output.scalars, R.birnnOutput, "RNN output")
    assertNear(out.hidden.scalars, R.birnnFinalHidden, "RNN h_n")
    // Unbatched input gives the batch-of-one result without the batch axis.
    let single = try rnn.forward(Pattern.input([5, 3], requiresGrad: false), initialState: nil)
    let one = try rnn.forward(Pattern.input([5, 1, 3], requiresGrad: false), initialState: nil)
    XCTAssertEqual(single.output.shape, [5, 8])
    XCTAssertEqual(single.hidden.shape, [4, 4])
    assertNear(single.output.scalars, one.output.scalars, tolerance: 0)
  }

  func testBidirectionalGradientsMatchFiniteDifferences() throws {
    let cases: [RecurrentLayer] = [
      try LSTM(inputSize: 2, hiddenSize: 3, layers: 2, bidirectional: true),
      try GRU(inputSize: 2, hiddenSize: 3, bidirectional: true),
      try RNN(inputSize: 2, hiddenSize: 3, batchFirst: true, bidirectional: true),
    ]
    for layer in cases {
      Pattern.fill(layer.parameters)
      for p in layer.parameters { p.scalars = p.scalars.map { $0 * 8 } }
      let x = try Pattern.input([4, 3, 2])
      let h0 = try Pattern.input([2 * layer.layers, layer.batchFirst ? 4 : 3, 3], 2)
      let c0 = try Pattern.input([2 * layer.layers, 3, 3], 3)
      try assertGradientsMatchFiniteDifferences([x, h0] + layer.parameters, limit: 12) {
        let r = try layer.forward(
          x, initialState: RecurrentState(hidden: h0, cell: layer is LSTM ? c0 : nil))
        return try Pattern.weightedLoss([r.output, r.hidden] + (r.cell.map { [$0] } ?? []))
      }
    }
  }

  /// Dropout between layers, checked against the same computation by hand: the lower layer,
  /// the mask PyTorch's rule gives for the seeded generator, then the upper layer.
  func testDropoutBetweenLayers() throws {
    let p = 0.4
    let stacked = try GRU(inputSize: 3, hiddenSize: 5, layers: 2, dropout: p, dropoutSeed: 11)
    XCTAssertEqual(stacked.description, "GRU(3, 5, layers: 2, dropout: 0.4)")
    Pattern.fill(stacked.parameters)
    let lower = try GRU(inputSize: 3, hiddenSize: 5)
    let upper = try GRU(inputSize: 5, hiddenSize: 5)
    for (i, t) in (lower.parameters + upper.parameters).enumerated() {
      t.scalars = stacked.parameters[i].scalars
    }
    let x = try Pattern.input([4, 2, 3], requiresGrad: false)
    let uniform = try Tensor.uniform([4, 2, 5], generator: RandomGenerator(seed: 11))
    let mask = try Tensor(
      shape: [4, 2, 5], values: uniform.scalars.map { $0 < p ? 0 : 1 / (1 - p) })
    XCTAssertTrue(mask.scalars.contains(0) && mask.scalars.contains(1 / (1 - p)))
    let expected = try upper(mask * lower(x))
    assertNear(try stacked(x).scalars, expected.scalars, tolerance: 1e-15, "training")
    // The next call draws a new mask; evaluation mode draws none.
    XCTAssertNotEqual(try stacked(x).scalars, expected.scalars)
    stacked.isTraining = false
    assertNear(try stacked(x).scalars, try upper(lower(x)).scalars, tolerance: 0, "evaluation")

    // Gradients through the mask: a fresh layer with the same seed repeats the same mask.
    let input = try Pattern.input([4, 2, 3])
    try assertGradientsMatchFiniteDifferences([input]) {
      let layer = try LSTM(
        inputSize: 3, hiddenSize: 2, layers: 3, bidirectional: true, dropout: 0.5,
        dropoutSeed: 4)
      Pattern.fill(layer.parameters)
      return try Pattern.weightedLoss([layer(input)])
    }
    XCTAssertThrowsError(try LSTM(inputSize: 3, hiddenSize: 4, dropout: 1))
    XCTAssertThrowsError(try RNN(inputSize: 3, hiddenSize: 4, dropout: -0.1))
  }
}
