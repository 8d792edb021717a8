import XCTest

@testable import DLCore

/// Expected values come from reference.py (PyTorch 2.13, float64) in this folder.
final class BlockTests: XCTestCase {
  typealias R = AdvancedReference

  func testPReLUAndGELUMatchPyTorch() throws {
    let prelu = try PReLU(numParameters: 3)
    XCTAssertEqual(prelu.weight.scalars, [0.25, 0.25, 0.25])
    Pattern.fill(prelu.parameters)
    let x = try Pattern.input([2, 3, 2, 2])
    let y = try prelu(x)
    assertNear(y.scalars, R.preluOutput, "prelu")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.preluInputGrad, "prelu dx")
    assertNear(prelu.weight.grad!.scalars, R.preluWeightGrad, "prelu da")
    XCTAssertThrowsError(try prelu(Tensor.zeros([2, 4])))

    let g = try Pattern.input([2, 5])
    let gy = try GELU()(g)
    assertNear(gy.scalars, R.geluOutput, "gelu")
    try Pattern.weightedLoss([gy]).backward()
    assertNear(g.grad!.scalars, R.geluInputGrad, "gelu dx")
  }

  func testBlockGradientsMatchFiniteDifferences() throws {
    let prelu = try PReLU()
    // Shifted off the kink at 0, where the derivative is not defined.
    let x = try Tensor(
      shape: [3, 4], values: Pattern.input([3, 4]).scalars.map { $0 + 0.05 }, requiresGrad: true)
    try assertGradientsMatchFiniteDifferences([x] + prelu.parameters) {
      try Pattern.weightedLoss([prelu(x)])
    }
    let conv = try Conv2d(2, 2, kernelSize: 3, padding: 1)
    Pattern.fill(conv.parameters)
    let residual = Residual(conv, GELU())
    let image = try Pattern.input([1, 2, 3, 3])
    try assertGradientsMatchFiniteDifferences([image] + residual.parameters) {
      try Pattern.weightedLoss([residual(image)])
    }
    XCTAssertThrowsError(try Residual(try Conv2d(2, 3, kernelSize: 1))(image)) { error in
      XCTAssertTrue("\(error)".contains("keep the input's shape"), "\(error)")
    }
  }

  /// An SRResNet-style super-resolution generator (the exam's GAN question), counted against
  /// the same model in PyTorch.
  func testSRResNetGeneratorMatchesPyTorchCount() throws {
    func residualBlock() throws -> Residual {
      Residual(
        try Conv2d(64, 64, kernelSize: 3, padding: 1), try BatchNorm2d(64), try PReLU(),
        try Conv2d(64, 64, kernelSize: 3, padding: 1), try BatchNorm2d(64))
    }
    let trunk: [any Layer] =
      try (0..<4).map { _ in try residualBlock() } + [
        try Conv2d(64, 64, kernelSize: 3, padding: 1), try BatchNorm2d(64),
      ]
    let generator = Sequential(
      try Conv2d(3, 64, kernelSize: 9, padding: 4), try PReLU(), Residual(trunk),
      try Conv2d(64, 256, kernelSize: 3, padding: 1), try PixelShuffle(2), try PReLU(),
      try Conv2d(64, 256, kernelSize: 3, padding: 1), try PixelShuffle(2), try PReLU(),
      try Conv2d(64, 3, kernelSize: 9, padding: 4))
    XCTAssertEqual(generator.parameterCount, R.srresnetCount)
    let summary = generator.summary(inputShape: [3, 8, 8])
    XCTAssertEqual(summary.rows.last?.outputShapeText, "(None, 3, 32, 32)")
    XCTAssertEqual(R.srresnetOutputShape, [1, 3, 32, 32])
    XCTAssertEqual(summary.totalParameters, R.srresnetCount)
    // The summary names a residual block by its layer types; its description spells them out.
    XCTAssertEqual(
      summary.rows[2].layer,
      "Residual(Residual, Residual, Residual, Residual, Conv2d, BatchNorm2d)")
    XCTAssertEqual(
      try residualBlock().description,
      "Residual(Conv2d(64, 64, kernelSize: 3, padding: 1), BatchNorm2d(64), PReLU(), "
        + "Conv2d(64, 64, kernelSize: 3, padding: 1), BatchNorm2d(64))")
  }
}
