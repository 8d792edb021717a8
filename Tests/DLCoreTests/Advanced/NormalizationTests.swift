import XCTest

@testable import DLCore

/// Expected values come from reference.py (PyTorch 2.13, float64) in this folder.
final class NormalizationTests: XCTestCase {
  typealias R = AdvancedReference

  func testBatchNorm1dTrainingEvaluationAndRunningStatisticsMatchPyTorch() throws {
    let bn = try BatchNorm1d(4)
    XCTAssertEqual(bn.parameterCount, 8)
    XCTAssertTrue(bn.gamma === bn.weight)
    XCTAssertEqual(bn.runningVariance.scalars, [1, 1, 1, 1])
    Pattern.fill(bn.parameters)
    let x = try Pattern.input([6, 4])
    let y = try bn(x)
    assertNear(y.scalars, R.batchNormTrainOutput, "train output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.batchNormInputGrad, "dx")
    assertNear(bn.weight!.grad!.scalars, R.batchNormWeightGrad, "dgamma")
    assertNear(bn.bias!.grad!.scalars, R.batchNormBiasGrad, "dbeta")
    assertNear(bn.runningMean.scalars, R.batchNormRunningMean1, "running mean")
    assertNear(bn.runningVariance.scalars, R.batchNormRunningVar1, "running variance (unbiased)")

    let y3 = try bn(Pattern.input([3, 4, 2], 3))
    assertNear(y3.scalars, R.batchNormTrainOutput3d, "train output [N, C, L]")
    assertNear(bn.runningMean.scalars, R.batchNormRunningMean2, "running mean after 2")
    assertNear(bn.runningVariance.scalars, R.batchNormRunningVar2, "running variance after 2")
    XCTAssertEqual(bn.batchesTracked, 2)

    bn.eval()
    let evaluation = try bn(Pattern.input([6, 4], requiresGrad: false))
    assertNear(evaluation.scalars, R.batchNormEvalOutput, "eval output")
    // Training and evaluation differ on the same input, and evaluation leaves the statistics.
    XCTAssertGreaterThan(abs(evaluation.scalars[0] - y.scalars[0]), 1e-3)
    assertNear(bn.runningMean.scalars, R.batchNormRunningMean2, "eval keeps running mean")
  }

  func testBatchNormWithoutMomentumKeepsTheCumulativeAverageLikePyTorch() throws {
    // nn.BatchNorm1d(4, momentum=None): after batch t the running statistics are the plain
    // average of the t batch statistics (factor 1/t), not an exponential average.
    let bn = try BatchNorm1d(4, momentum: nil)
    XCTAssertNil(bn.momentum)
    XCTAssertEqual(bn.description, "BatchNorm1d(4, momentum: nil)")
    let expected = [
      (R.batchNormCumulativeMean1, R.batchNormCumulativeVar1),
      (R.batchNormCumulativeMean2, R.batchNormCumulativeVar2),
      (R.batchNormCumulativeMean3, R.batchNormCumulativeVar3),
    ]
    var batchMeans: [[Double]] = []
    for (k, (mean, variance)) in expected.enumerated() {
      let x = try Pattern.input([5, 4], k, requiresGrad: false)
      _ = try bn(x)
      batchMeans.append(try x.mean(axis: 0).scalars)
      assertNear(bn.runningMean.scalars, mean, "running mean after \(k + 1)")
      assertNear(bn.runningVariance.scalars, variance, "running variance after \(k + 1)")
    }
    // The same, derived by hand: the running mean is the mean of the three batch means.
    let average = (0..<4).map { c in batchMeans.map { $0[c] }.reduce(0, +) / 3 }
    assertNear(bn.runningMean.scalars, average, "mean of the batch means")
    bn.eval()
    let evaluation = try bn(Pattern.input([2, 4], 7, requiresGrad: false))
    assertNear(evaluation.scalars, R.batchNormCumulativeEvalOutput, "eval output")
    XCTAssertThrowsError(try BatchNorm2d(3, momentum: 1.5))
    XCTAssertThrowsError(try BatchNorm2d(3, momentum: .nan))
  }

  func testBatchNorm2dMatchesPyTorch() throws {
    let bn = try BatchNorm2d(3)
    Pattern.fill(bn.parameters)
    let x = try Pattern.input([2, 3, 2, 2])
    let y = try bn(x)
    assertNear(y.scalars, R.batchNorm2dOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.batchNorm2dInputGrad, "dx")
    assertNear(bn.runningVariance.scalars, R.batchNorm2dRunningVar, "running variance")
  }

  func testBatchNormGradientsMatchFiniteDifferences() throws {
    let bn = try BatchNorm1d(3)
    Pattern.fill(bn.parameters)
    let x = try Pattern.input([4, 3, 2])
    try assertGradientsMatchFiniteDifferences([x] + bn.parameters) {
      try Pattern.weightedLoss([bn(x)])
    }
    bn.eval()
    try assertGradientsMatchFiniteDifferences([x] + bn.parameters) {
      try Pattern.weightedLoss([bn(x)])
    }
  }

  func testBatchNormShapeErrors() throws {
    let bn = try BatchNorm1d(4)
    XCTAssertThrowsError(try bn(Tensor.zeros([6, 5]))) { error in
      XCTAssertTrue("\(error)".contains("BatchNorm1d(4)"), "\(error)")
      XCTAssertTrue("\(error)".contains("[6, 5]"), "\(error)")
    }
    XCTAssertThrowsError(try bn(Tensor.zeros([1, 4])))  // one value per channel in training
    bn.eval()
    XCTAssertEqual(try bn(Tensor.zeros([1, 4])).shape, [1, 4])
    XCTAssertThrowsError(try BatchNorm2d(3)(Tensor.zeros([2, 3, 4])))
  }

  func testLayerNormMatchesPyTorch() throws {
    let ln = try LayerNorm(4)
    Pattern.fill(ln.parameters)
    let x = try Pattern.input([2, 3, 4])
    let y = try ln(x)
    assertNear(y.scalars, R.layerNormOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.layerNormInputGrad, "dx")
    assertNear(ln.weight!.grad!.scalars, R.layerNormWeightGrad, "dgamma")
    assertNear(ln.bias!.grad!.scalars, R.layerNormBiasGrad, "dbeta")

    let ln2 = try LayerNorm([3, 4])
    XCTAssertEqual(ln2.parameterCount, 24)
    Pattern.fill(ln2.parameters)
    assertNear(try ln2(Pattern.input([2, 3, 4], requiresGrad: false)).scalars, R.layerNorm2Output)
    XCTAssertThrowsError(try ln2(Tensor.zeros([2, 4, 3])))
  }

  func testLayerNormGradientsMatchFiniteDifferences() throws {
    let ln = try LayerNorm([2, 3])
    Pattern.fill(ln.parameters)
    let x = try Pattern.input([3, 2, 3])
    try assertGradientsMatchFiniteDifferences([x] + ln.parameters) {
      try Pattern.weightedLoss([ln(x)])
    }
  }

  func testNormalizationLayersInSequentialSummary() throws {
    let net = Sequential(try Linear(3, 4), try BatchNorm1d(4), ReLU(), try LayerNorm(4))
    let summary = net.summary()
    XCTAssertEqual(
      summary.rows.map(\.layer), ["Linear(3, 4)", "BatchNorm1d(4)", "ReLU()", "LayerNorm([4])"])
    XCTAssertEqual(summary.rows.map(\.parameters), [16, 8, 0, 8])
    XCTAssertEqual(
      summary.rows.map(\.outputShapeText), ["(None, 4)", "(None, 4)", "(None, 4)", "(None, 4)"])
    net.eval()
    XCTAssertFalse(try XCTUnwrap(net[1] as? BatchNorm1d).isTraining)
  }
}
