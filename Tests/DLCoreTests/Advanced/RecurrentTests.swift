import XCTest

@testable import DLCore

/// Expected values come from reference.py (PyTorch 2.13, float64) in this folder.
final class RecurrentTests: XCTestCase {
  typealias R = AdvancedReference

  func testParameterCountsMatchPyTorchAndKeras() throws {
    XCTAssertEqual(try LSTM(inputSize: 32, hiddenSize: 64).parameterCount, R.lstm32x64Count)
    XCTAssertEqual(try RNN(inputSize: 32, hiddenSize: 64).parameterCount, R.rnn32x64Count)
    XCTAssertEqual(try GRU(inputSize: 32, hiddenSize: 64).parameterCount, R.gru32x64Count)
    XCTAssertEqual(
      try LSTM(inputSize: 10, hiddenSize: 20, layers: 2).parameterCount, R.lstm10x20x2Count)
    // Keras: LSTM 4*(64*(32+64)+64), SimpleRNN 64*(32+64)+64, try GRU(reset_after=False) 3*(...).
    XCTAssertEqual(
      try LSTM(inputSize: 32, hiddenSize: 64).parameterCount(biasConvention: .single), 24832)
    XCTAssertEqual(
      try RNN(inputSize: 32, hiddenSize: 64).parameterCount(biasConvention: .single), 6208)
    XCTAssertEqual(
      try GRU(inputSize: 32, hiddenSize: 64).parameterCount(biasConvention: .single), 18624)
    let lstm = try LSTM(inputSize: 32, hiddenSize: 64)
    XCTAssertEqual(lstm.parameters.map(\.count).reduce(0, +), lstm.parameterCount)
    XCTAssertEqual(try lstm.weightIH(0).shape, [256, 32])
    XCTAssertEqual(try lstm.weightHH(0).shape, [256, 64])
    XCTAssertEqual(try lstm.biasIH(0).shape, [256])
    XCTAssertEqual(
      lstm.namedParameters.map(\.name),
      ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
    XCTAssertThrowsError(try lstm.weightIH(1))
  }

  func testRNNMatchesPyTorch() throws {
    let rnn = try RNN(inputSize: 3, hiddenSize: 4, layers: 2)
    Pattern.fill(rnn.parameters)
    let x = try Pattern.input([5, 2, 3])
    let h0 = try Pattern.input([2, 2, 4], 1)
    let result = try rnn.forward(x, initialState: RecurrentState(hidden: h0))
    XCTAssertEqual(result.output.shape, [5, 2, 4])
    XCTAssertEqual(result.hidden.shape, [2, 2, 4])
    assertNear(result.output.scalars, R.rnnOutput, "output")
    assertNear(result.hidden.scalars, R.rnnFinalHidden, "h_n")
    try Pattern.weightedLoss([result.output, result.hidden]).backward()
    assertNear(x.grad!.scalars, R.rnnInputGrad, "dx")
    assertNear(h0.grad!.scalars, R.rnnInitialHiddenGrad, "dh0")
    let expected = [
      R.rnnParameterGrad0, R.rnnParameterGrad1, R.rnnParameterGrad2, R.rnnParameterGrad3,
      R.rnnParameterGrad4, R.rnnParameterGrad5, R.rnnParameterGrad6, R.rnnParameterGrad7,
    ]
    for (p, e) in zip(rnn.parameters, expected) { assertNear(p.grad!.scalars, e, "parameter") }
  }

  func testLSTMMatchesPyTorch() throws {
    let lstm = try LSTM(inputSize: 3, hiddenSize: 4, layers: 2, batchFirst: true)
    Pattern.fill(lstm.parameters)
    let x = try Pattern.input([2, 5, 3])
    let result = try lstm.forward(x, initialState: nil)
    XCTAssertEqual(result.output.shape, [2, 5, 4])
    assertNear(result.output.scalars, R.lstmOutput, "output")
    assertNear(result.hidden.scalars, R.lstmFinalHidden, "h_n")
    assertNear(result.cell!.scalars, R.lstmFinalCell, "c_n")
    try Pattern.weightedLoss([result.output, result.hidden, result.cell!]).backward()
    assertNear(x.grad!.scalars, R.lstmInputGrad, "dx")
    let expected = [
      R.lstmParameterGrad0, R.lstmParameterGrad1, R.lstmParameterGrad2, R.lstmParameterGrad3,
      R.lstmParameterGrad4, R.lstmParameterGrad5, R.lstmParameterGrad6, R.lstmParameterGrad7,
    ]
    for (p, e) in zip(lstm.parameters, expected) { assertNear(p.grad!.scalars, e, "parameter") }
  }

  func testGRUMatchesPyTorch() throws {
    let gru = try GRU(inputSize: 3, hiddenSize: 4)
    Pattern.fill(gru.parameters)
    let x = try Pattern.input([5, 2, 3])
    let h0 = try Pattern.input([1, 2, 4], 1)
    let result = try gru.forward(x, initialState: RecurrentState(hidden: h0))
    assertNear(result.output.scalars, R.gruOutput, "output")
    assertNear(result.hidden.scalars, R.gruFinalHidden, "h_n")
    try Pattern.weightedLoss([result.output, result.hidden]).backward()
    assertNear(x.grad!.scalars, R.gruInputGrad, "dx")
    assertNear(h0.grad!.scalars, R.gruInitialHiddenGrad, "dh0")
    let expected = [
      R.gruParameterGrad0, R.gruParameterGrad1, R.gruParameterGrad2, R.gruParameterGrad3,
    ]
    for (p, e) in zip(gru.parameters, expected) { assertNear(p.grad!.scalars, e, "parameter") }
  }

  func testGradientsThroughTimeMatchFiniteDifferences() throws {
    let cases: [RecurrentLayer] = [
      try RNN(inputSize: 2, hiddenSize: 3, layers: 2, nonlinearity: .relu),
      try LSTM(inputSize: 2, hiddenSize: 3, layers: 2),
      try GRU(inputSize: 2, hiddenSize: 3, batchFirst: true),
    ]
    for layer in cases {
      Pattern.fill(layer.parameters)
      for p in layer.parameters { p.scalars = p.scalars.map { $0 * 8 } }
      let x = try Pattern.input([4, 3, 2])
      let h0 = try Pattern.input([layer.layers, layer is GRU ? 4 : 3, 3], 2)
      let c0 = try Pattern.input([layer.layers, 3, 3], 3)
      try assertGradientsMatchFiniteDifferences([x, h0] + layer.parameters) {
        let r = try layer.forward(
          x, initialState: RecurrentState(hidden: h0, cell: layer is LSTM ? c0 : nil))
        return try Pattern.weightedLoss([r.output, r.hidden] + (r.cell.map { [$0] } ?? []))
      }
      if layer is LSTM {
        try assertGradientsMatchFiniteDifferences([c0]) {
          let r = try layer.forward(x, initialState: RecurrentState(hidden: h0, cell: c0))
          return try Pattern.weightedLoss([r.output, r.cell!])
        }
      }
    }
  }

  func testUnbatchedInputAndShapeErrors() throws {
    let lstm = try LSTM(inputSize: 3, hiddenSize: 4)
    Pattern.fill(lstm.parameters)
    let single = try lstm.forward(Pattern.input([5, 3]), initialState: nil)
    XCTAssertEqual(single.output.shape, [5, 4])
    XCTAssertEqual(single.hidden.shape, [1, 4])
    let batched = try lstm.forward(Pattern.input([5, 1, 3]), initialState: nil)
    assertNear(single.output.scalars, batched.output.scalars, tolerance: 0)
    XCTAssertThrowsError(try lstm.forward(Pattern.input([5, 2, 7]))) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("LSTM(3, 4)"), text)
      XCTAssertTrue(text.contains("[5, 2, 7]"), text)
      XCTAssertTrue(text.contains("[sequence, batch, 3]"), text)
    }
    XCTAssertThrowsError(
      try lstm.forward(
        Pattern.input([5, 2, 3]), initialState: RecurrentState(hidden: Tensor.zeros([1, 3, 4]))))
    XCTAssertThrowsError(try lstm.forward(Pattern.input([0, 2, 3])))
  }
}
