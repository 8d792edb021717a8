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

  @Test func unknownBiasConventionIsAnError() {
    let cell = """
      let rnn = try RNN(inputSize: 2, hiddenSize: 3)
      rnn.parameterCount(biasConvention: .triple)
      """
    #expect(result(cell).contains("no member 'triple'"))
  }
}
