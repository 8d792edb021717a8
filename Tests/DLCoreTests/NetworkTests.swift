import XCTest

@testable import DLCore

/// Layers, losses and optimizers against PyTorch 2.13 (values from `make_reference.py`).
final class NetworkTests: XCTestCase {
  typealias R = ReferenceValues

  private func referenceNet() throws -> (Sequential, Linear, Linear) {
    let first = try Linear(
      weight: Tensor(shape: [5, 3], values: R.mlpW1), bias: Tensor(R.mlpB1))
    let second = try Linear(
      weight: Tensor(shape: [2, 5], values: R.mlpW2), bias: Tensor(R.mlpB2))
    return (Sequential(first, Tanh(), second), first, second)
  }

  private var inputs: Tensor { get throws { try Tensor(shape: [4, 3], values: R.mlpInputs) } }
  private var labels: Tensor { Tensor(R.mlpLabels) }

  func testForwardLossAndGradientsMatchPyTorch() throws {
    let (net, first, second) = try referenceNet()
    let logits = try net(inputs)
    assertClose(logits.scalars, R.mlpLogits, accuracy: 1e-12)
    let loss = try crossEntropy(logits, labels)
    XCTAssertEqual(try loss.item(), R.mlpLoss[0], accuracy: 1e-12)
    try loss.backward()
    assertClose(first.weight.grad!.scalars, R.mlpGradW1, accuracy: 1e-12)
    assertClose(first.bias!.grad!.scalars, R.mlpGradB1, accuracy: 1e-12)
    assertClose(second.weight.grad!.scalars, R.mlpGradW2, accuracy: 1e-12)
    assertClose(second.bias!.grad!.scalars, R.mlpGradB2, accuracy: 1e-12)
  }

  private func threeSteps(_ make: ([Tensor]) throws -> any Optimizer) throws -> (Linear, Linear) {
    let (net, first, second) = try referenceNet()
    let optimizer = try make(net.parameters)
    for _ in 0..<3 {
      try trainStep(net, inputs, labels, loss: crossEntropy, optimizer: optimizer)
    }
    return (first, second)
  }

  func testSGDWithMomentumMatchesPyTorch() throws {
    let (first, second) = try threeSteps { try SGD($0, learningRate: 0.1, momentum: 0.9) }
    assertClose(first.weight.scalars, R.after3SgdW1, accuracy: 1e-12)
    assertClose(second.bias!.scalars, R.after3SgdB2, accuracy: 1e-12)
  }

  func testNesterovWithWeightDecayMatchesPyTorch() throws {
    let (first, second) = try threeSteps {
      try SGD($0, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)
    }
    assertClose(first.weight.scalars, R.after3SgdNesterovW1, accuracy: 1e-12)
    assertClose(second.bias!.scalars, R.after3SgdNesterovB2, accuracy: 1e-12)
  }

  func testAdamMatchesPyTorch() throws {
    let (first, second) = try threeSteps { try Adam($0, learningRate: 0.01) }
    assertClose(first.weight.scalars, R.after3AdamW1, accuracy: 1e-12)
    assertClose(second.bias!.scalars, R.after3AdamB2, accuracy: 1e-12)
    let (first2, second2) = try threeSteps {
      try Adam($0, learningRate: 0.05, betas: (0.8, 0.99), weightDecay: 0.1)
    }
    assertClose(first2.weight.scalars, R.after3AdamDecayW1, accuracy: 1e-12)
    assertClose(second2.bias!.scalars, R.after3AdamDecayB2, accuracy: 1e-12)
  }

  func testAdamWAndRMSpropMatchPyTorch() throws {
    let (a1, a2) = try threeSteps { try AdamW($0, learningRate: 0.05, weightDecay: 0.1) }
    assertClose(a1.weight.scalars, R.after3AdamWW1, accuracy: 1e-12)
    assertClose(a2.bias!.scalars, R.after3AdamWB2, accuracy: 1e-12)
    let (r1, r2) = try threeSteps { try RMSprop($0, learningRate: 0.01) }
    assertClose(r1.weight.scalars, R.after3RmspropW1, accuracy: 1e-12)
    assertClose(r2.bias!.scalars, R.after3RmspropB2, accuracy: 1e-12)
    let (m1, m2) = try threeSteps {
      try RMSprop($0, learningRate: 0.01, alpha: 0.9, momentum: 0.5, weightDecay: 0.05)
    }
    assertClose(m1.weight.scalars, R.after3RmspropMomentumW1, accuracy: 1e-12)
    assertClose(m2.bias!.scalars, R.after3RmspropMomentumB2, accuracy: 1e-12)
  }

  func testLossesMatchPyTorch() throws {
    let target = Tensor(R.lossTarget)
    for (name, function, input, value, grad) in [
      ("mse", mse, R.lossPred, R.lossMse, R.lossMseGrad),
      ("l1", l1Loss, R.lossPred, R.lossL1, R.lossL1Grad),
      ("bce", binaryCrossEntropy, R.lossPred, R.lossBce, R.lossBceGrad),
      (
        "bceLogits", binaryCrossEntropyWithLogits, R.lossLogit, R.lossBceLogits, R.lossBceLogitsGrad
      ),
    ] as [(String, (Tensor, Tensor) throws -> Tensor, [Double], [Double], [Double])] {
      let x = Tensor(input, requiresGrad: true)
      let loss = try function(x, target)
      XCTAssertEqual(try loss.item(), value[0], accuracy: 1e-12, name)
      try loss.backward()
      assertClose(x.grad!.scalars, grad, accuracy: 1e-12)
    }
    let logits = try Tensor(shape: [2, 3], values: [1, 2, -1, 0.5, -0.5, 3], requiresGrad: true)
    let soft = try Tensor([[0.1, 0.7, 0.2], [0.5, 0.25, 0.25]])
    let loss = try crossEntropy(logits, soft)
    XCTAssertEqual(try loss.item(), R.softCrossEntropy[0], accuracy: 1e-12)
    try loss.backward()
    assertClose(logits.grad!.scalars, R.softCrossEntropyGrad, accuracy: 1e-12)
  }

  func testAssigningWeightsByHand() throws {
    let layer = try Linear(2, 2, bias: false, seed: 1)
    try layer.weight.assign(Tensor([[0.1, 0.8], [0.4, 0.6]]))
    try layer.weight.setValue(0.5, at: [1, -1])
    XCTAssertEqual(layer.weight.scalars, [0.1, 0.8, 0.4, 0.5])
    XCTAssertTrue(layer.weight.requiresGrad)
    XCTAssertThrowsError(try layer.weight.assign(Tensor([1, 2])))
    XCTAssertThrowsError(try layer.weight.setValue(1, at: [2, 0]))
  }

  func testDetachIsASnapshotOfAParameter() throws {
    let w = Tensor([1, 2], requiresGrad: true)
    let before = w.detach()
    let sgd = try SGD([w], learningRate: 0.5)
    try (w * w).sum().backward()
    try sgd.step()
    XCTAssertEqual(w.scalars, [0, 0])  // w - 0.5 * 2w
    XCTAssertEqual(before.scalars, [1, 2])
  }

  func testLossObjectsOneHotAndEvaluate() throws {
    let logits = try Tensor([[2, 1, 0.5], [0.1, 0.3, 3]])
    let labels = Tensor([0, 2])
    XCTAssertEqual(
      try CrossEntropyLoss()(logits, labels).item(), try crossEntropy(logits, labels).item())
    XCTAssertEqual(try MSELoss()(logits, logits).item(), 0)
    let hot = try Tensor.oneHot(labels, classes: 3)
    XCTAssertEqual(hot.scalars, [1, 0, 0, 0, 0, 1])
    // Cross-entropy against one-hot probabilities equals cross-entropy against the labels.
    XCTAssertEqual(
      try crossEntropy(logits, hot).item(), try crossEntropy(logits, labels).item(), accuracy: 1e-15
    )
    XCTAssertThrowsError(try Tensor.oneHot(Tensor([3]), classes: 3))
    let net = Sequential(Identity())
    let data = try Dataset(inputs: logits, targets: Tensor([0, 1]))
    let (loss, acc) = try evaluate(net, data, loss: crossEntropy)
    XCTAssertEqual(acc, 0.5)
    XCTAssertEqual(loss, try crossEntropy(logits, Tensor([0, 1])).item())
  }

  func testHalfSumSquaredErrorAndPenaltiesByHand() throws {
    // ½((1−0.5)² + (0−0.25)²) = ½(0.25 + 0.0625) = 0.15625
    XCTAssertEqual(try halfSumSquaredError(Tensor([0.5, 0.25]), Tensor([1, 0])).item(), 0.15625)
    let w = Tensor([1, -2], requiresGrad: true)
    let b = try Tensor([[0.5], [-0.5]], requiresGrad: true)
    XCTAssertEqual(try l1Penalty([w, b]).item(), 4)
    let l2 = try l2Penalty([w, b])
    XCTAssertEqual(try l2.item(), 5.5)
    try l2.backward()
    XCTAssertEqual(w.grad?.scalars, [2, -4])
  }

  func testLossGradientsByFiniteDifferences() throws {
    let logits = try Tensor.uniform([4, 3], low: -2, high: 2, seed: 3)
    let labels = Tensor([2, 0, 1, 1])
    try checkGradients([logits]) { try crossEntropy($0[0], labels) }
    try checkGradients([logits]) { try nllLoss($0[0].logSoftmax(axis: 1), labels) }
    let p = try Tensor.uniform([6], low: 0.1, high: 0.9, seed: 4)
    let t = Tensor([1, 0, 1, 1, 0, 0])
    try checkGradients([p]) { try binaryCrossEntropy($0[0], t) }
    try checkGradients([p]) { try binaryCrossEntropyWithLogits($0[0], t) }
    try checkGradients([p, t]) { try mse($0[0], $0[1]) }
  }

  func testLossArgumentErrors() {
    XCTAssertThrowsError(try crossEntropy(Tensor.zeros([2, 3]), Tensor([0, 3])))
    XCTAssertThrowsError(try crossEntropy(Tensor.zeros([2, 3]), Tensor([0, 1, 2])))
    XCTAssertThrowsError(try binaryCrossEntropy(Tensor([1.5]), Tensor([1])))
    XCTAssertThrowsError(try mse(Tensor([1, 2]), Tensor([1])))
  }

  func testLinearDefaultInitAndParameterCounts() throws {
    let layer = try Linear(16, 8, seed: 3)
    XCTAssertEqual(layer.weight.shape, [8, 16])
    XCTAssertEqual(layer.parameterCount, 8 * 16 + 8)
    let bound = 1 / 4.0  // 1/sqrt(16)
    XCTAssertTrue(layer.weight.scalars.allSatisfy { Swift.abs($0) <= bound })
    XCTAssertTrue(layer.bias!.scalars.allSatisfy { Swift.abs($0) <= bound })
    XCTAssertEqual(try Linear(16, 8, seed: 3).weight.scalars, layer.weight.scalars)
    XCTAssertEqual(try Linear(3, 2, bias: false).parameterCount, 6)
  }

  func testSequentialSummary() throws {
    let net = try Sequential(Linear(2, 4), ReLU(), Linear(4, 3), ReLU(), Linear(3, 2))
    XCTAssertEqual(net.parameterCount, 35)
    let summary = net.summary()
    XCTAssertEqual(
      summary.table,
      [
        ["Linear(2, 4)", "(None, 4)", "12"],
        ["ReLU()", "(None, 4)", "0"],
        ["Linear(4, 3)", "(None, 3)", "15"],
        ["ReLU()", "(None, 3)", "0"],
        ["Linear(3, 2)", "(None, 2)", "8"],
      ])
    XCTAssertEqual(summary.totalParameters, 35)
    XCTAssertTrue(summary.description.hasSuffix("Total parameters: 35"))
    let built = try Sequential {
      try Linear(2, 3)
      Tanh()
      for _ in 0..<2 { try Linear(3, 3) }
    }
    XCTAssertEqual(built.count, 4)
    XCTAssertEqual(built.summary().rows.last?.outputShape, [nil, 3])
    XCTAssertThrowsError(try net(Tensor.zeros([5, 3]))) { error in
      XCTAssertEqual(
        "\(error)",
        "layer 0 (Linear(2, 4)): linear: shapes [5, 3] and [4, 2] do not fit: the input's last "
          + "dimension must equal the weight's 2 input features")
    }
    let wrongWidth = try Sequential(Linear(2, 4), ReLU(), Linear(3, 2))
    XCTAssertThrowsError(try wrongWidth(Tensor.zeros([1, 2]))) { error in
      XCTAssertTrue(
        "\(error)".hasPrefix("layer 2 (Linear(3, 2)): linear: shapes [1, 4]"), "\(error)")
    }
  }

  func testTrainingModeAndDropout() throws {
    let drop = try Dropout(0.5, seed: 1)
    let net = Sequential(drop, Identity())
    let x = try Tensor.ones([1000])
    let y = try net(x)
    XCTAssertTrue(y.scalars.allSatisfy { $0 == 0 || $0 == 2 })
    XCTAssertEqual(try y.mean().item(), 1, accuracy: 0.1)
    net.eval()
    XCTAssertFalse(drop.isTraining)
    XCTAssertEqual(try net(x).scalars, x.scalars)
  }

  func testFitLearnsXORAndReturnsHistory() throws {
    let data = try Datasets.xor(count: 200, seed: 1)
    let net = try RandomGenerator.$current.withValue(RandomGenerator(seed: 3)) {
      try Sequential(Linear(2, 16), Tanh(), Linear(16, 2))
    }
    let adam = try Adam(net.parameters, learningRate: 0.05)
    let history = try fit(
      net, data, loss: crossEntropy, optimizer: adam, epochs: 150, batchSize: 50, seed: 2)
    XCTAssertEqual(history.count, 150)
    XCTAssertLessThan(history.last!, history.first! / 3)
    XCTAssertGreaterThan(try accuracy(net.predict(data.inputs), data.targets), 0.9)
    XCTAssertFalse(net.isTraining)
  }
}
