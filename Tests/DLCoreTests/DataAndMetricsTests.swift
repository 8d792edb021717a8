import XCTest

@testable import DLCore

final class DataAndMetricsTests: XCTestCase {
  typealias R = ReferenceValues

  func testMetricsMatchScikitLearn() throws {
    let truth = Tensor(R.metricTrue)
    let predicted = Tensor(R.metricPred)
    XCTAssertEqual(try confusionMatrix(predicted, truth).scalars, R.confusion)
    XCTAssertEqual(try confusionMatrix(predicted, truth).shape, [3, 3])
    XCTAssertEqual(try accuracy(predicted, truth), R.metricsMacro[0], accuracy: 1e-12)
    XCTAssertEqual(
      try precision(predicted, truth, average: .macro), R.metricsMacro[1], accuracy: 1e-12)
    XCTAssertEqual(
      try recall(predicted, truth, average: .macro), R.metricsMacro[2], accuracy: 1e-12)
    XCTAssertEqual(
      try f1Score(predicted, truth, average: .macro), R.metricsMacro[3], accuracy: 1e-12)
    let bt = Tensor(R.binaryTrue)
    let bp = Tensor(R.binaryPred)
    XCTAssertEqual(try accuracy(bp, bt), R.metricsBinary[0], accuracy: 1e-12)
    XCTAssertEqual(try precision(bp, bt), R.metricsBinary[1], accuracy: 1e-12)
    XCTAssertEqual(try recall(bp, bt), R.metricsBinary[2], accuracy: 1e-12)
    XCTAssertEqual(try f1Score(bp, bt), R.metricsBinary[3], accuracy: 1e-12)
    // Scores [N, C] are turned into labels by arg-max; probabilities by the 0.5 threshold.
    let scores = try Tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    XCTAssertEqual(try accuracy(scores, Tensor([1, 0, 0])), 2.0 / 3.0, accuracy: 1e-12)
    XCTAssertEqual(
      try accuracy(Tensor([0.2, 0.6, 0.9]), Tensor([0, 1, 0])), 2.0 / 3.0, accuracy: 1e-12)
    XCTAssertThrowsError(try accuracy(Tensor([1, 0]), Tensor([1, 0, 1])))
    XCTAssertThrowsError(try confusionMatrix(Tensor([2e9]), Tensor([0])))
    XCTAssertThrowsError(try confusionMatrix(Tensor([1]), Tensor([0]), classes: 1 << 40))
    XCTAssertThrowsError(try precision(Tensor([2e9]), Tensor([0]), average: .macro))
    XCTAssertThrowsError(try Datasets.spirals(count: 10, classes: 1 << 60))
  }

  func testGeneratorsAreSeededAndShaped() throws {
    for make in [
      { try Datasets.moons(count: 101, noise: 0.1, seed: $0) },
      { try Datasets.circles(count: 101, noise: 0.1, seed: $0) },
      { try Datasets.blobs(count: 101, centers: 3, seed: $0) },
      { try Datasets.xor(count: 101, noise: 0.05, seed: $0) },
      { try Datasets.spirals(count: 101, classes: 3, seed: $0) },
    ] as [(Int) throws -> Dataset] {
      let a = try make(7)
      let b = try make(7)
      let c = try make(8)
      XCTAssertEqual(a.inputs.shape, [101, 2])
      XCTAssertEqual(a.targets.shape, [101])
      XCTAssertEqual(a.inputs.scalars, b.inputs.scalars)
      XCTAssertEqual(a.targets.scalars, b.targets.scalars)
      XCTAssertNotEqual(a.inputs.scalars, c.inputs.scalars)
    }
    let moons = try Datasets.moons(count: 100, noise: 0, seed: 1)
    XCTAssertEqual(moons.targets.scalars.filter { $0 == 1 }.count, 50)
    // Without noise every class-0 point lies on the unit circle.
    for i in 0..<100 where moons.targets.scalars[i] == 0 {
      let x = moons.inputs.scalars[2 * i]
      let y = moons.inputs.scalars[2 * i + 1]
      XCTAssertEqual(x * x + y * y, 1, accuracy: 1e-12)
      XCTAssertGreaterThanOrEqual(y, -1e-12)
    }
    let circles = try Datasets.circles(count: 40, noise: 0, factor: 0.3, seed: 2)
    for i in 0..<40 {
      let r = (pow(circles.inputs.scalars[2 * i], 2) + pow(circles.inputs.scalars[2 * i + 1], 2))
        .squareRoot()
      XCTAssertEqual(r, circles.targets.scalars[i] == 0 ? 1 : 0.3, accuracy: 1e-12)
    }
    XCTAssertEqual(try Datasets.spirals(count: 90, classes: 3).classCount, 3)
    XCTAssertThrowsError(try Datasets.moons(count: -1))
    XCTAssertThrowsError(try Datasets.moons(count: Int.max))
    XCTAssertThrowsError(try Datasets.blobs(count: 10, centers: 1 << 40))
    XCTAssertThrowsError(try Datasets.linearRegression(count: 1 << 20, features: 1 << 20))
    try TensorBudget.$current.withValue(TensorBudget(maxElementsPerTensor: 100)) {
      XCTAssertThrowsError(try Datasets.spirals(count: 51))
      XCTAssertNoThrow(try Datasets.spirals(count: 50))
    }
    XCTAssertThrowsError(try Datasets.circles(factor: 2))
  }

  func testLinearRegressionHasChosenInformativeFeatures() throws {
    let (data, coefficients) = try Datasets.linearRegression(
      count: 50, features: 4, informative: 2, noise: 0, bias: 3, seed: 5)
    XCTAssertEqual(data.inputs.shape, [50, 4])
    XCTAssertEqual(data.targets.shape, [50, 1])
    XCTAssertEqual(coefficients.scalars[2], 0)
    XCTAssertEqual(coefficients.scalars[3], 0)
    let predicted = try data.inputs.matmul(coefficients) + 3
    assertClose(predicted.scalars, data.targets.scalars, accuracy: 1e-9)
  }

  func testSplitAndBatches() throws {
    let data = try Datasets.blobs(count: 103, seed: 1)
    let (train, test) = try data.split(testFraction: 0.25, seed: 4)
    XCTAssertEqual(train.count, 77)
    XCTAssertEqual(test.count, 26)
    let all = (train.inputs.scalars + test.inputs.scalars).sorted()
    XCTAssertEqual(all, data.inputs.scalars.sorted())
    let batches = try data.batches(size: 25)
    XCTAssertEqual(batches.map(\.count), [25, 25, 25, 25, 3])
    XCTAssertEqual(batches[1].inputs.scalars, Array(data.inputs.scalars[50..<100]))
    XCTAssertThrowsError(try data.batches(size: 0))
    XCTAssertThrowsError(try Dataset(inputs: Tensor.zeros([3, 2]), targets: Tensor.zeros([4])))
  }
}
