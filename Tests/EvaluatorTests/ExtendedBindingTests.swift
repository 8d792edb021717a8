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

  @Test func residualAddsItsInputToItsBody() {
    // Hand computation: W x + b = [1·1 + 2·1 + 0.5, 3·1 + 4·1 − 0.5] = [3.5, 6.5]; ReLU keeps
    // both; adding x = [1, 1] gives [4.5, 7.5]. d(sum)/dx = 1 + Wᵀ·1 = [1 + 4, 1 + 6] = [5, 7].
    let cell = """
      let linear = try Linear(weight: Tensor([[1, 2], [3, 4]]), bias: Tensor([0.5, -0.5]))
      let block = Residual(linear, ReLU())
      let x = try Tensor([[1, 1]], requiresGrad: true)
      let y = try block(x)
      try y.sum().backward()
      print(y.scalars, x.grad!.scalars, block.parameterCount, block.body.count)
      let same = Residual([linear, ReLU()])
      print(same, same.summaryName, try same(Tensor([[1, 1]])).scalars)
      let net = try Sequential(Linear(2, 2, seed: 1), Residual(Linear(2, 2, seed: 2), Tanh()))
      print(net.summary().totalParameters)
      """
    #expect(
      result(cell)
        == "[4.5, 7.5] [5.0, 7.0] 6 2\nResidual(Linear(2, 2), ReLU()) Residual(Linear, ReLU) [4.5, 7.5]\n12\n"
    )
    let wrong = "let r = try Residual(Linear(2, 3))\ntry r(Tensor([[1, 2]]))"
    #expect(result(wrong).contains("the body must keep the input's shape"))
    #expect(result("Residual(1)").contains("Layer"))
  }

  @Test func dilatedGroupedTransposedConvolution() {
    // PyTorch: nn.ConvTranspose2d(4, 6, 3, dilation=2, groups=2) has weight [4, 3, 3, 3],
    // 4·3·9 + 6 = 114 parameters; a 5×5 input gives (5 − 1) + 2·(3 − 1) + 1 = 9.
    // output_padding may be 1 with stride 1 because dilation is 2.
    let cell = """
      let up = try ConvTranspose2d(4, 6, kernelSize: 3, dilation: 2, groups: 2)
      print(up.weight.shape, up.parameterCount, up.dilation, up.groups, try up(Tensor.zeros([1, 4, 5, 5])).shape)
      let padded = try ConvTranspose2d(1, 1, kernelSize: 2, outputPadding: 1, dilation: 2, bias: false)
      print(try padded.outputShape(for: [1, 1, 3, 3]), padded)
      """
    #expect(
      result(cell)
        == "[4, 3, 3, 3] 114 Size2D(2, 2) 2 [1, 6, 9, 9]\n[1, 1, 6, 6] ConvTranspose2d(1, 1, kernelSize: 2, "
        + "outputPadding: 1, dilation: 2, bias: false)\n")
    #expect(result("try ConvTranspose2d(3, 4, kernelSize: 3, groups: 2)").contains("groups (2)"))
  }

  @Test func rectangularWindowsTakeSize2D() {
    // PyTorch: nn.Conv2d(3, 8, (1, 7), padding=(0, 3)) keeps a 10×12 image's size and has
    // 8·3·7 + 8 = 176 parameters; nn.MaxPool2d((2, 1)) halves the height only.
    let cell = """
      let conv = try Conv2d(3, 8, kernelSize: Size2D(1, 7), padding: Size2D(0, 3))
      let pool = try MaxPool2d(kernelSize: Size2D(2, 1))
      let y = try pool(conv(Tensor.zeros([1, 3, 10, 12])))
      print(y.shape, conv.parameterCount, conv.kernelSize.width, conv.stride.isSquare, pool)
      let up = try ConvTranspose2d(2, 1, kernelSize: Size2D(2, 1), stride: Size2D(2, 1))
      let average = try AvgPool2d(kernelSize: Size2D(1, 2), stride: 1)
      print(try up(Tensor.zeros([1, 2, 3, 3])).shape, try average(Tensor.zeros([1, 1, 2, 3])).shape)
      """
    #expect(
      result(cell)
        == "[1, 8, 5, 12] 176 7 true MaxPool2d(kernelSize: Size2D(2, 1))\n[1, 1, 6, 3] [1, 1, 2, 2]\n"
    )
  }

  @Test func batchNormMomentumNilKeepsACumulativeAverage() {
    // momentum: nil (PyTorch's momentum=None) averages the batch means equally: batches with
    // means 1 and 3 (columns [0, 2] and [2, 4]) leave a running mean of 2, where the default
    // momentum 0.1 gives 0.9 · (0.9 · 0 + 0.1 · 1) + 0.1 · 3 = 0.39.
    let cell = """
      let cumulative = try BatchNorm1d(1, momentum: nil)
      let exponential = try BatchNorm1d(1)
      let batches = try [Tensor([[0], [2]]), Tensor([[2], [4]])]
      for batch in batches {
        _ = try cumulative(batch)
        _ = try exponential(batch)
      }
      print(cumulative.runningMean.scalars, cumulative.momentum == nil, exponential.momentum!)
      print(exponential.runningMean.scalars.map { ($0 * 1e12).rounded() / 1e12 }, cumulative)
      """
    #expect(result(cell) == "[2.0] true 0.1\n[0.39] BatchNorm1d(1, momentum: nil)\n")
  }

  @Test func advancedLayerPropertiesMatchTheirInitializers() {
    // Every public property of the layers in Sources/DLCore/Layers/Advanced, read from a cell.
    let cell = """
      let lstm = try LSTM(inputSize: 3, hiddenSize: 4, layers: 2, batchFirst: true, bias: false)
      print(lstm.inputSize, lstm.hiddenSize, lstm.layers, lstm.batchFirst, lstm.hasBias)
      print(lstm.namedParameters.map { $0.name }, lstm.namedParameters[1].tensor.shape)
      let conv = try Conv2d(3, 8, kernelSize: 5, stride: 2, padding: 1, bias: false)
      print(conv.inChannels, conv.outChannels, conv.kernelSize, conv.stride, conv.padding, conv.weight.shape, conv.bias == nil)
      let up = try ConvTranspose2d(4, 2, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1)
      print(up.inChannels, up.outChannels, up.kernelSize, up.stride, up.padding, up.outputPadding, up.weight.shape, up.bias!.shape)
      print(try up.forward(Tensor.zeros([1, 4, 5, 5])).shape, try conv.forward(Tensor.zeros([1, 3, 9, 9])).shape)
      let pool = try MaxPool2d(kernelSize: 3, stride: 2, padding: 1)
      let average = try AvgPool2d(kernelSize: 2)
      print(pool.kernelSize, pool.stride, pool.padding, average.stride, try average.forward(Tensor.ones([1, 1, 4, 4])).scalars)
      let shuffle = try PixelShuffle(2)
      let upsample = try Upsample(scaleFactor: 3)
      print(shuffle.upscaleFactor, upsample.scaleFactor, try shuffle.forward(Tensor.zeros([1, 8, 2, 2])).shape, try upsample.forward(Tensor.zeros([1, 1, 2, 2])).shape)
      let norm = try BatchNorm2d(3, momentum: 0.2, epsilon: 0.001, affine: false)
      _ = try norm.forward(Tensor.rand([2, 3, 2, 2], seed: 1))
      print(norm.features, norm.momentum!, norm.epsilon, norm.affine, norm.trackRunningStatistics, norm.batchesTracked)
      let layerNorm = try LayerNorm([2, 3], epsilon: 0.01)
      print(layerNorm.normalizedShape, layerNorm.epsilon, layerNorm.gamma!.shape, layerNorm.beta!.shape, try layerNorm.forward(Tensor.ones([1, 2, 3])).scalars.allSatisfy { $0 == 0 })
      let embed = try PatchEmbedding(imageSize: 8, patchSize: 4, channels: 1, embedDim: 6, classToken: false)
      print(embed.imageSize, embed.patchSize, embed.channels, embed.embedDim, embed.patchCount, embed.tokenCount, embed.classToken == nil, embed.positionEmbedding!.shape, embed.projection.stride)
      let vit = try ViT(imageSize: 8, patchSize: 4, embedDim: 6, depth: 2, heads: 2, mlpDim: 12, classes: 5)
      print(vit.patchEmbedding.channels, vit.blocks.count, vit.norm.normalizedShape, vit.headWeight.shape, vit.headBias.shape, try vit.encode(Tensor.zeros([1, 3, 8, 8])).shape)
      let block = vit.blocks[0]
      print(block.embedDim, block.mlpDim, block.normFirst, block.linear1Weight.shape, block.linear1Bias.shape, block.linear2Weight.shape, block.linear2Bias.shape, block.norm1.epsilon, block.norm2.normalizedShape)
      let prelu = try PReLU(numParameters: 3, initialSlope: 0.1)
      print(prelu.weight.scalars, try Tensor([0.0, 1.0]).gelu().scalars)
      """
    // ConvTranspose2d: (5 − 1)·2 − 2 + 3 + 1 = 10; Conv2d: ⌊(9 + 2 − 5) / 2⌋ + 1 = 4.
    // ViT on 8×8 with 4×4 patches: (8 / 4)² = 4 patches + a class token = 5 tokens.
    // GELU(1) = Φ(1) = 0.8413447460685429 (torch.nn.functional.gelu(torch.tensor(1.0, dtype=torch.float64))).
    let expected = """
      3 4 2 true false
      ["weight_ih_l0", "weight_hh_l0", "weight_ih_l1", "weight_hh_l1"] [16, 4]
      3 8 Size2D(5, 5) Size2D(2, 2) Size2D(1, 1) [8, 3, 5, 5] true
      4 2 Size2D(3, 3) Size2D(2, 2) Size2D(1, 1) Size2D(1, 1) [4, 2, 3, 3] [2]
      [1, 2, 10, 10] [1, 8, 4, 4]
      Size2D(3, 3) Size2D(2, 2) Size2D(1, 1) Size2D(2, 2) [1.0, 1.0, 1.0, 1.0]
      2 3 [1, 2, 4, 4] [1, 1, 6, 6]
      3 0.2 0.001 false true 1
      [2, 3] 0.01 [2, 3] [2, 3] true
      8 4 1 6 4 4 true [1, 4, 6] Size2D(4, 4)
      3 2 [6] [5, 6] [5] [1, 5, 6]
      6 12 true [12, 6] [12] [6, 12] [6] 1e-05 [6]
      [0.1, 0.1, 0.1] [0.0, 0.8413447460685429]

      """
    #expect(result(cell) == expected)
  }
}
