import Foundation
import Testing

@testable import Evaluator

/// The members added by LibraryBindingsExtended.swift, as the exam key uses them.
@Suite struct ExtendedBindingTests {
  @Test func recurrentBiasConventions() {
    // Keras (one bias per gate): RNN h(h+x)+h = 64·96+64 = 6208; LSTM 4× that = 24832.
    // PyTorch (b_ih and b_hh): 6272 and 25088, as torch.nn.RNN/LSTM(32, 64) report.
    let cell = """
      let lstm = try LSTM(inputSize: 32, hiddenSize: 64)
      let rnn = try RNN(inputSize: 32, hiddenSize: 64)
      print(rnn.parameterCount(biasConvention: .single), lstm.parameterCount(biasConvention: .single))
      print(rnn.parameterCount(biasConvention: .double), lstm.parameterCount)
      """
    #expect(result(cell) == "6208 24832\n6272 25088\n")
  }

  @Test func attentionWeightsHaveOneRowPerQueryAndSumToOne() {
    // 128×128 image, 16×16 patches → 64 patches + a class token = 65 tokens; 8 heads.
    let cell = """
      let image = try Tensor.rand([1, 3, 128, 128], seed: 1)
      let embed = try PatchEmbedding(imageSize: 128, patchSize: 16, channels: 3, embedDim: 16, classToken: true)
      let attention = try MultiHeadAttention(embedDim: 16, heads: 8)
      let weights = try attention.attend(embed(image)).weights
      print(weights.shape, weights.count)
      let rowSums = try weights.sum(axis: 3).scalars
      print(rowSums.allSatisfy { abs($0 - 1) < 1e-12 })
      """
    #expect(result(cell) == "[1, 8, 65, 65] 33800\ntrue\n")
  }

  @Test func batchNormStatisticsAndAffineParameters() {
    // Running statistics start at mean 0, variance 1; γ starts at 1 and β at 0 (PyTorch).
    let cell = """
      let norm = try BatchNorm1d(2)
      print(norm.weight!.scalars, norm.bias!.scalars, norm.runningMean.scalars, norm.runningVariance.scalars)
      """
    #expect(result(cell) == "[1.0, 1.0] [0.0, 0.0] [0.0, 0.0] [1.0, 1.0]\n")
  }

  @Test func summaryWithInputShapeGivesConvolutionOutputShapes() {
    // Conv2d(3, 8, k=4, s=2, p=1) on 64×64: floor((64 + 2 − 4) / 2) + 1 = 32;
    // parameters 8·3·4·4 + 8 = 392. PixelShuffle(2) turns [8, 32, 32] into [2, 64, 64].
    let outcome = runCells([
      """
      let net = try Sequential(Conv2d(3, 8, kernelSize: 4, stride: 2, padding: 1), PixelShuffle(2))
      net.summary(inputShape: [3, 64, 64])
      """
    ])[0]
    #expect(outcome.error == nil, "\(outcome.error?.formatted ?? "")")
    guard case .display(.table(let table))? = outcome.events.last else {
      Issue.record("no summary table: \(outcome.events)")
      return
    }
    #expect(table.rows.map { $0[1] } == ["(None, 8, 32, 32)", "(None, 2, 64, 64)"])
    #expect(table.rows.map { $0[2] } == ["392", "0"])
  }

  @Test func regressionDataAndMultiSeriesCharts() {
    let outcome = runCells([
      """
      let regression = try Datasets.linearRegression(count: 50, features: 4, informative: 2, seed: 3)
      print(regression.data.inputs.shape, regression.coefficients.scalars.filter { $0 == 0 }.count)
      try LineChart(series: [Series(name: "a", y: [3, 2, 1]), Series(name: "b", x: [1, 2, 3], y: [1, 2, 3])], title: "two")
      """
    ])[0]
    #expect(outcome.error == nil, "\(outcome.error?.formatted ?? "")")
    #expect(printed(outcome) == "[50, 4] 2\n")
    guard case .display(.svg(let svg))? = outcome.events.last else {
      Issue.record("no chart")
      return
    }
    #expect(svg.contains(">a<") && svg.contains(">b<"))
  }

  @Test func bidirectionalRecurrentLayersWithDropout() {
    // PyTorch: nn.LSTM(32, 64, bidirectional=True) has 2 · 25088 = 50176 parameters;
    // nn.GRU(3, 4, num_layers=2, bidirectional=True): layer 0 2·(12·3 + 12·4 + 24) = 216,
    // layer 1 2·(12·8 + 12·4 + 24) = 336, total 552.
    let cell = """
      let lstm = try LSTM(inputSize: 32, hiddenSize: 64, bidirectional: true)
      let gru = try GRU(inputSize: 3, hiddenSize: 4, layers: 2, bidirectional: true, dropout: 0.3, dropoutSeed: 1)
      let rnn = try RNN(inputSize: 3, hiddenSize: 4, nonlinearity: .relu, bidirectional: true)
      let r = try gru.forward(try Tensor.rand([5, 2, 3], seed: 2), initialState: nil)
      print(lstm.parameterCount, gru.parameterCount, rnn.directions, gru.dropout)
      print(r.output.shape, r.hidden.shape, try gru.weightIH(1, reverse: true).shape)
      let state = try RecurrentState(hidden: Tensor.zeros([2, 1, 4]), cell: Tensor.zeros([2, 1, 4]))
      let s = try LSTM(inputSize: 3, hiddenSize: 4, bidirectional: true).forward(Tensor.zeros([5, 1, 3]), initialState: state)
      print(s.output.shape, s.state.cell!.shape)
      """
    #expect(result(cell) == "50176 552 2 0.3\n[5, 2, 8] [4, 2, 4] [12, 8]\n[5, 1, 8] [2, 1, 4]\n")
  }

  @Test func dilatedGroupedConvolutionAndKeyPaddingMask() {
    // Conv2d(4, 6, k=3, padding=2, dilation=2, groups=2): weight [6, 2, 3, 3], 108 + 6 = 114
    // parameters; a 6×6 image keeps its size, (6 + 4 − 4 − 1) / 1 + 1 = 6.
    // Masked keys (1) get weight 0 and the other weights of each row still sum to 1.
    let cell = """
      let conv = try Conv2d(4, 6, kernelSize: 3, padding: 2, dilation: 2, groups: 2)
      print(conv.parameterCount, try conv(Tensor.zeros([1, 4, 6, 6])).shape, conv.groups)
      let attention = try MultiHeadAttention(embedDim: 4, heads: 2)
      let x = try Tensor.rand([1, 3, 4], seed: 5)
      let w = try attention.attend(x, keyPaddingMask: Tensor([[0, 1, 0]])).weights
      print(w.shape, w.scalars.enumerated().filter { $0.offset % 3 == 1 }.allSatisfy { $0.element == 0 })
      print(try w.sum(axis: 3).scalars.allSatisfy { abs($0 - 1) < 1e-12 })
      let y = try attention.attend(x, x, x, causal: true, keyPaddingMask: Tensor([[0, 0, 1]])).weights
      print(y.scalars.enumerated().filter { $0.offset % 3 == 2 }.allSatisfy { $0.element == 0 })
      """
    #expect(result(cell) == "114 [1, 6, 6, 6] 2\n[1, 2, 3, 3] true\ntrue\ntrue\n")
  }

  @Test func encoderBlockWithPaddingMask() {
    // PyTorch's TransformerEncoderLayer(8, 2, 16): attention 4·64 + 4·8 = 288, linear1
    // 16·8 + 16, linear2 8·16 + 8, two LayerNorms 2·16: 288 + 144 + 136 + 32 = 600.
    // A padded token changes nothing in the other tokens' attention when it is masked.
    let cell = """
      let block = try TransformerEncoderBlock(embedDim: 8, heads: 2, mlpDim: 16, normFirst: false, activation: .relu)
      let x = try Tensor.rand([1, 3, 8], seed: 4)
      let y = try Tensor.concatenate([x, Tensor.rand([1, 1, 8], seed: 5)], axis: 1)
      let plain = try block(x).scalars
      let masked = try block.forward(y, keyPaddingMask: Tensor([[0, 0, 0, 1]])).scalars
      print(block.parameterCount, block.attention.heads)
      print(zip(plain, masked.prefix(24)).allSatisfy { abs($0 - $1) < 1e-12 })
      """
    #expect(result(cell) == "600 2\ntrue\n")
    let wrong = "try TransformerEncoderBlock(embedDim: 4, heads: 2, mlpDim: 8, activation: .swish)"
    #expect(result(wrong).contains("no member 'swish'"))
  }

  @Test func unknownBiasConventionIsAnError() {
    let cell = """
      let rnn = try RNN(inputSize: 2, hiddenSize: 3)
      rnn.parameterCount(biasConvention: .triple)
      """
    #expect(result(cell).contains("no member 'triple'"))
  }
}
