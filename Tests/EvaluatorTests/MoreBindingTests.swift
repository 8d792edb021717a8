import Foundation
import Testing

@testable import Evaluator

/// The members added by LibraryBindingsMore.swift, each called from a cell as Swift calls it.
@Suite struct MoreBindingTests {
  @Test func randomTensorsFromASeedOrAGeneratorAgree() {
    // a seed makes a fresh generator: the same numbers as RandomGenerator(seed:) drawn directly
    let cell = """
      let a = try Tensor.uniform([2, 3], low: -1, high: 1, seed: 5)
      let b = try Tensor.uniform([2, 3], low: -1, high: 1, generator: RandomGenerator(seed: 5))
      let g = RandomGenerator(seed: 9)
      let u = g.nextUniform()
      print(a.scalars == b.scalars, try Tensor.rand([1], seed: 9).item() == u)
      let n = try Tensor.normal([4], mean: 10, std: 0, seed: 1)
      print(n.scalars, g.permutation(5).sorted(), g.nextInt(below: 1))
      """
    #expect(result(cell) == "true true\n[10.0, 10.0, 10.0, 10.0] [0, 1, 2, 3, 4] 0\n")
  }

  @Test func theCurrentGeneratorIsTheSessions() {
    // a draw from RandomGenerator.current advances the session's generator, which rand uses
    let first = runCells(["print(try Tensor.rand([2]).scalars)"])
    let split = runCells([
      "print(RandomGenerator.current.nextUniform())", "print(try Tensor.rand([1]).item())",
    ])
    let both = printed(first[0])
    #expect(both == "[\(printed(split[0]).dropLast()), \(printed(split[1]).dropLast())]\n")
  }

  @Test func initializersStayWithinTheirBounds() {
    // fans of [4, 3, 2, 2]: receptive field 2·2 = 4, fanIn 3·4 = 12, fanOut 4·4 = 16 (PyTorch's
    // _calculate_fan_in_and_fan_out). Kaiming-uniform bound √(6 / 12) ≈ 0.7071, Xavier-uniform
    // bound √(6 / 28) ≈ 0.4629 (torch.nn.init formulas).
    let cell = """
      print(try Tensor.fans([4, 3, 2, 2]))
      let k = try Tensor.kaimingUniform([4, 3, 2, 2], seed: 1)
      let x = try Tensor.xavierUniform([4, 3, 2, 2], gain: 1, seed: 1)
      print(try k.abs().max().item() <= (6.0 / 12).squareRoot(), try x.abs().max().item() <= (6.0 / 28).squareRoot())
      print(try x.abs().max().item() > 0.4, try Tensor.kaimingNormal([50, 50], seed: 2).std().item() > 0.18)
      """
    #expect(result(cell) == "(fanIn: 12, fanOut: 16)\ntrue true\ntrue true\n")
  }

  @Test func lossObjectsAndOneHot() {
    // cross entropy of logits [1, 2] for class 1: log(1 + e^-1) = 0.31326168751822286;
    // MSE of [1, 2] against 0: (1 + 4) / 2 = 2.5; one_hot([0, 2, 1], 3) as torch.nn.functional.
    let cell = """
      let criterion = CrossEntropyLoss()
      print(try criterion(Tensor([[1.0, 2.0]]), Tensor([1.0])).item())
      print(try MSELoss()(Tensor([1.0, 2.0]), Tensor([0.0, 0.0])).item())
      print(try Tensor.oneHot(Tensor([0.0, 2.0, 1.0]), classes: 3).rows)
      """
    #expect(
      result(cell)
        == "0.31326168751822286\n2.5\n[[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]]\n")
  }

  @Test func evaluateGivesMeanLossAndAccuracy() {
    // logits = inputs: rows [2, 1] (class 0 right) and [0, 3] (class 1 right): accuracy 1;
    // loss (log(1 + e^-1) + log(1 + e^-3)) / 2 = (0.313262 + 0.048587) / 2 = 0.180925
    let cell = """
      let data = try Dataset(inputs: Tensor([[2.0, 1.0], [0.0, 3.0]]), targets: Tensor([0.0, 1.0]))
      let result = try evaluate(Sequential(Identity()), data, loss: crossEntropy)
      print(String(format: "%.6f", result.loss), result.accuracy)
      """
    #expect(result(cell) == "0.180925 1.0\n")
  }

  @Test func adamWAndRMSpropTakePyTorchsFirstStep() {
    // w = 1, loss w² so the gradient is 2. AdamW(lr 0.1, weight decay 0.01): w ← w(1 − 0.001)
    // = 0.999, then the bias-corrected step is lr · 2 / (2 + 1e-8) ≈ 0.1: w ≈ 0.899.
    // RMSprop(lr 0.01, alpha 0.99): v = 0.01 · 4 = 0.04, w −= 0.01 · 2 / 0.2 = 0.1: w ≈ 0.9.
    let cell = """
      let w = try Tensor([1.0], requiresGrad: true)
      let adamW = try AdamW([w], learningRate: 0.1)
      try (w * w).sum().backward()
      try adamW.step()
      let v = try Tensor([1.0], requiresGrad: true)
      let rms = try RMSprop([v], learningRate: 0.01)
      try (v * v).sum().backward()
      try rms.step()
      print(String(format: "%.6f %.6f", w.scalars[0], v.scalars[0]), adamW.weightDecay, rms.alpha, adamW.stepCount)
      """
    #expect(result(cell) == "0.899000 0.900000 0.01 0.99 1\n")
  }

  @Test func settablePropertiesOnLetsOfClassesAndVarsOfStructs() {
    // Swift: a `let` holding a class instance still lets its `var`s change; a struct needs a `var`
    let cell = """
      let opt = try SGD([Tensor([1.0], requiresGrad: true)], learningRate: 0.1)
      opt.momentum = 0.9
      opt.nesterov = true
      let net = try Sequential(Linear(2, 2), Dropout(0.25))
      net.isTraining = false
      var size = Size2D(3)
      size.width = 5
      var series = Series(name: "loss", y: [3, 2])
      series.x = [10.0, 20.0]
      let t = try Tensor([1.0, 2.0])
      t.grad = try Tensor([0.5, 0.5])
      print(opt.momentum, opt.nesterov, net.isTraining, size, series.x!, t.grad!.scalars)
      """
    #expect(result(cell) == "0.9 true false Size2D(3, 5) [10.0, 20.0] [0.5, 0.5]\n")
    let letStruct = result("let s = Size2D(3)\ns.width = 5")
    #expect(letStruct == "error: cannot assign to property: 's' is a 'let' constant")
    // the type known only when the cell runs: a layer taken out of a network
    let taken = """
      let net = try Sequential(Linear(2, 2), Dropout(0.5))
      let dropout = net.layers.last!
      dropout.isTraining = false
      print(net.layers.map { $0.isTraining })
      """
    #expect(result(taken) == "[true, false]\n")
  }

  @Test func noGradTurnsRecordingOffInsideTheClosureOnly() {
    let cell = """
      let x = try Tensor([1.0, 2.0], requiresGrad: true)
      let y = try Tensor.noGrad { () throws -> Tensor in
        print(GradMode.isEnabled)
        return try x * 2
      }
      print(y.requiresGrad, GradMode.isEnabled)
      """
    #expect(result(cell) == "false\nfalse true\n")
  }

  @Test func sequentialFromAnArrayAndTheBuilderFormIsALocatedError() {
    #expect(result("Sequential([ReLU(), Tanh()]).layers.count") == "=> 2")
    let outcome = runCells(["let n = 1\nlet net = Sequential { ReLU() }"])[0]
    #expect(
      outcome.error?.message.hasPrefix("not supported in cells: a result-builder block") == true)
    #expect(outcome.error?.formatted.contains("nb.md:11:") == true)
  }

  @Test func datasetsBlobsAndSpirals() {
    // blobs: 3 clusters of 7, 7, 6 samples; spirals: 2 arms of 5
    let cell = """
      let blobs = try Datasets.blobs(count: 20, centers: 3, features: 4, seed: 1)
      let spirals = try Datasets.spirals(count: 10, seed: 1)
      print(blobs.inputs.shape, blobs.classCount, spirals.inputs.shape, try spirals.targets.sum().item())
      """
    #expect(result(cell) == "[20, 4] 3 [10, 2] 5.0\n")
  }

  @Test func modelSummaryRowsAndTensorUpdatesInPlace() {
    // Linear(2, 3): 2·3 + 3 = 9 parameters
    let cell = """
      let summary = try Sequential(Linear(2, 3)).summary(inputShape: [2])
      print(summary.rows[0].parameters, summary.rows[0].outputShapeText, ModelSummary.header[2])
      let t = try Tensor([[1.0, 2.0], [3.0, 4.0]])
      try t.setValue(9, at: [1, 0])
      print(t.scalars)
      try t.assign(Tensor.zeros([2, 2]))
      print(t.scalars, Tensor.format(shape: t.shape))
      """
    #expect(
      result(cell) == "9 (None, 3) Parameters\n[1.0, 2.0, 9.0, 4.0]\n[0.0, 0.0, 0.0, 0.0] [2, 2]\n")
  }

  @Test func chartDataAndClosureClassifiers() {
    // four values in two bins of [1, 3]: edges 1, 2, 3; counts 1 and 3 (the last bin is closed)
    let cell = """
      let h = Histogram([1, 2, 2, 3], bins: 2, id: "h")
      print(h.edges, h.counts, h.notes, h.svg.contains("id=\\"h-"))
      let map = try DecisionBoundary(
        classifier: { x, y in x > 0 ? 1 : 0 }, points: [(-1, 0), (1, 0)], labels: [0, 1],
        resolution: 10)
      print(map.summary.isEmpty, map.notes)
      """
    #expect(result(cell) == "[1.0, 2.0, 3.0] [1, 3] [] true\nfalse []\n")
  }
}
