import XCTest

@testable import DLCore

/// Expected values come from reference.py (PyTorch 2.13, float64) in this folder.
final class ConvolutionTests: XCTestCase {
  typealias R = AdvancedReference

  /// The input with distinct values that reference.py uses for pooling (no ties).
  func distinctInput() throws -> Tensor {
    try Tensor(
      shape: [1, 2, 5, 5], values: (0..<50).map { Double(($0 * 7) % 50) / 10 - 2.5 },
      requiresGrad: true)
  }

  func testConv2dMatchesPyTorch() throws {
    let conv = try Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1)
    XCTAssertEqual(conv.weight.shape, [3, 2, 3, 3])
    XCTAssertEqual(conv.parameterCount, 57)
    Pattern.fill(conv.parameters)
    let x = try Pattern.input([2, 2, 5, 5])
    let y = try conv(x)
    XCTAssertEqual(y.shape, [2, 3, 3, 3])
    assertNear(y.scalars, R.convOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.convInputGrad, "dx")
    assertNear(conv.weight.grad!.scalars, R.convWeightGrad, "dw")
    assertNear(conv.bias!.grad!.scalars, R.convBiasGrad, "db")
  }

  func testDilatedAndGroupedConv2dMatchPyTorch() throws {
    let conv = try Conv2d(4, 6, kernelSize: 3, padding: 2, dilation: 2, groups: 2)
    XCTAssertEqual(conv.weight.shape, [6, 2, 3, 3])
    XCTAssertEqual(
      conv.description, "Conv2d(4, 6, kernelSize: 3, padding: 2, dilation: 2, groups: 2)")
    Pattern.fill(conv.parameters)
    let x = try Pattern.input([2, 4, 6, 6])
    let y = try conv(x)
    // (6 + 2·2 − 2·(3 − 1) − 1) / 1 + 1 = 6
    XCTAssertEqual(y.shape, [2, 6, 6, 6])
    XCTAssertEqual(try conv.outputShape(for: [2, 4, 6, 6]), [2, 6, 6, 6])
    assertNear(y.scalars, R.dilatedConvOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.dilatedConvInputGrad, "dx")
    assertNear(conv.weight.grad!.scalars, R.dilatedConvWeightGrad, "dw")
    assertNear(conv.bias!.grad!.scalars, R.dilatedConvBiasGrad, "db")

    let depthwise = try Conv2d(3, 3, kernelSize: 3, stride: 2, dilation: 3, groups: 3, bias: false)
    Pattern.fill(depthwise.parameters)
    let d = try depthwise(Pattern.input([1, 3, 9, 8], requiresGrad: false))
    XCTAssertEqual(d.shape, [1, 3, 2, 1])
    assertNear(d.scalars, R.depthwiseConvOutput, "depthwise output")
    XCTAssertEqual(
      try Conv2d(32, 32, kernelSize: 3, groups: 32).parameterCount, R.depthwiseConvCount)

    XCTAssertThrowsError(try Conv2d(4, 6, kernelSize: 3, groups: 4)) { error in
      XCTAssertTrue("\(error)".contains("groups (4) must divide"), "\(error)")
    }
    XCTAssertThrowsError(try Conv2d(4, 6, kernelSize: 3, dilation: 0))
    // A 3×3 kernel with dilation 3 spans 7 pixels: a 6×6 image is too small.
    XCTAssertThrowsError(try Conv2d(1, 1, kernelSize: 3, dilation: 3)(Tensor.zeros([1, 1, 6, 6]))) {
      error in
      XCTAssertTrue("\(error)".contains("7×7 kernel with dilation 3"), "\(error)")
    }
  }

  func testConvTranspose2dMatchesPyTorch() throws {
    let convT = try ConvTranspose2d(3, 2, kernelSize: 4, stride: 2, padding: 1)
    XCTAssertEqual(convT.weight.shape, [3, 2, 4, 4])
    Pattern.fill(convT.parameters)
    let x = try Pattern.input([1, 3, 3, 3])
    let y = try convT(x)
    XCTAssertEqual(y.shape, [1, 2, 6, 6])
    assertNear(y.scalars, R.convTransposeOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.convTransposeInputGrad, "dx")
    assertNear(convT.weight.grad!.scalars, R.convTransposeWeightGrad, "dw")
    assertNear(convT.bias!.grad!.scalars, R.convTransposeBiasGrad, "db")
  }

  func testPoolingMatchesPyTorch() throws {
    var x = try distinctInput()
    var y = try MaxPool2d(kernelSize: 2)(x)
    XCTAssertEqual(y.shape, [1, 2, 2, 2])
    assertNear(y.scalars, R.maxPoolOutput, "max")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.maxPoolInputGrad, "max dx")

    x = try distinctInput()
    y = try MaxPool2d(kernelSize: 3, stride: 2, padding: 1)(x)
    assertNear(y.scalars, R.maxPoolPaddedOutput, "max padded")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.maxPoolPaddedInputGrad, "max padded dx")

    x = try distinctInput()
    y = try AvgPool2d(kernelSize: 2)(x)
    assertNear(y.scalars, R.avgPoolOutput, "avg")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.avgPoolInputGrad, "avg dx")
    assertNear(
      try AvgPool2d(kernelSize: 3, stride: 2, padding: 1)(distinctInput()).scalars,
      R.avgPoolPaddedOutput,
      "avg padded")
  }

  func testPixelShuffleAndUpsampleMatchPyTorch() throws {
    let shuffled = try PixelShuffle(2)(Pattern.input([1, 8, 2, 3], requiresGrad: false))
    XCTAssertEqual(shuffled.shape, [1, 2, 4, 6])
    assertNear(shuffled.scalars, R.pixelShuffleOutput, tolerance: 0, "pixel shuffle")
    let upsampled = try Upsample(scaleFactor: 2)(Pattern.input([1, 2, 2, 3], requiresGrad: false))
    XCTAssertEqual(upsampled.shape, [1, 2, 4, 6])
    assertNear(upsampled.scalars, R.upsampleOutput, tolerance: 0, "upsample")
  }

  func testGradientsMatchFiniteDifferences() throws {
    let conv = try Conv2d(2, 2, kernelSize: 3, stride: 2, padding: 1)
    Pattern.fill(conv.parameters)
    let x = try Pattern.input([2, 2, 4, 5])
    try assertGradientsMatchFiniteDifferences([x] + conv.parameters) {
      try Pattern.weightedLoss([conv(x)])
    }
    let grouped = try Conv2d(2, 4, kernelSize: 2, stride: 2, padding: 1, dilation: 2, groups: 2)
    Pattern.fill(grouped.parameters)
    try assertGradientsMatchFiniteDifferences([x] + grouped.parameters) {
      try Pattern.weightedLoss([grouped(x)])
    }
    let convT = try ConvTranspose2d(2, 3, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1)
    Pattern.fill(convT.parameters)
    try assertGradientsMatchFiniteDifferences([x] + convT.parameters) {
      try Pattern.weightedLoss([convT(x)])
    }
    let dilatedT = try ConvTranspose2d(
      2, 4, kernelSize: 2, stride: 2, padding: 1, outputPadding: 2, dilation: 3, groups: 2)
    Pattern.fill(dilatedT.parameters)
    try assertGradientsMatchFiniteDifferences([x] + dilatedT.parameters) {
      try Pattern.weightedLoss([dilatedT(x)])
    }
    let distinct = try distinctInput()
    for layer: any Layer in [
      try MaxPool2d(kernelSize: 3, stride: 2, padding: 1), try AvgPool2d(kernelSize: 2, stride: 1),
      try PixelShuffle(1),
      try Upsample(scaleFactor: 2),
    ] {
      try assertGradientsMatchFiniteDifferences([distinct]) {
        try Pattern.weightedLoss([layer(distinct)])
      }
    }
    let shuffleInput = try Pattern.input([1, 8, 2, 3])
    try assertGradientsMatchFiniteDifferences([shuffleInput]) {
      try Pattern.weightedLoss([PixelShuffle(2)(shuffleInput)])
    }
  }

  func testDilatedGroupedConvTranspose2dMatchesPyTorch() throws {
    let convT = try ConvTranspose2d(
      4, 6, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, dilation: 3, groups: 2)
    XCTAssertEqual(convT.weight.shape, [4, 3, 3, 3])
    XCTAssertEqual(
      convT.description,
      "ConvTranspose2d(4, 6, kernelSize: 3, stride: 2, padding: 1, outputPadding: 1, "
        + "dilation: 3, groups: 2)")
    Pattern.fill(convT.parameters)
    let x = try Pattern.input([1, 4, 3, 2])
    let y = try convT(x)
    XCTAssertEqual(y.shape, R.dilatedConvTransposeShape.map { Int($0) })
    XCTAssertEqual(try convT.outputShape(for: [1, 4, 3, 2]), y.shape)
    assertNear(y.scalars, R.dilatedConvTransposeOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.dilatedConvTransposeInputGrad, "dx")
    assertNear(convT.weight.grad!.scalars, R.dilatedConvTransposeWeightGrad, "dw")
    assertNear(convT.bias!.grad!.scalars, R.dilatedConvTransposeBiasGrad, "db")
    XCTAssertEqual(
      try ConvTranspose2d(8, 12, kernelSize: 3, dilation: 2, groups: 4).parameterCount,
      R.dilatedConvTransposeCount)
    // outputPadding may reach max(stride, dilation) − 1, here 2 with stride 1.
    let wide = try ConvTranspose2d(
      1, 1, kernelSize: 2, outputPadding: 2, dilation: 3, bias: false)
    Pattern.fill(wide.parameters)
    let widened = try wide(Pattern.input([1, 1, 2, 2], requiresGrad: false))
    XCTAssertEqual(widened.shape, [1, 1, 7, 7])
    assertNear(widened.scalars, R.outputPaddedConvTranspose, "output padded by 2")
    XCTAssertThrowsError(try ConvTranspose2d(4, 6, kernelSize: 3, groups: 4))
    XCTAssertThrowsError(try ConvTranspose2d(1, 1, kernelSize: 3, stride: 2, outputPadding: 2))
  }

  func testRectangularWindowsMatchPyTorch() throws {
    let conv = try Conv2d(
      2, 3, kernelSize: Size2D(2, 3), stride: Size2D(2, 1), padding: Size2D(1, 0),
      dilation: Size2D(1, 2))
    XCTAssertEqual(conv.weight.shape, [3, 2, 2, 3])
    XCTAssertEqual(
      conv.description,
      "Conv2d(2, 3, kernelSize: Size2D(2, 3), stride: Size2D(2, 1), padding: Size2D(1, 0), "
        + "dilation: Size2D(1, 2))")
    Pattern.fill(conv.parameters)
    let x = try Pattern.input([2, 2, 5, 6])
    let y = try conv(x)
    XCTAssertEqual(y.shape, R.rectConvShape.map { Int($0) })
    XCTAssertEqual(try conv.outputShape(for: x.shape), y.shape)
    assertNear(y.scalars, R.rectConvOutput, "conv output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.rectConvInputGrad, "conv dx")
    assertNear(conv.weight.grad!.scalars, R.rectConvWeightGrad, "conv dw")

    let convT = try ConvTranspose2d(
      2, 2, kernelSize: Size2D(3, 2), stride: Size2D(2, 1), padding: Size2D(1, 0),
      outputPadding: Size2D(1, 0), dilation: Size2D(1, 2))
    XCTAssertEqual(convT.weight.shape, [2, 2, 3, 2])
    Pattern.fill(convT.parameters)
    let small = try Pattern.input([1, 2, 3, 2])
    let up = try convT(small)
    XCTAssertEqual(up.shape, R.rectConvTransposeShape.map { Int($0) })
    XCTAssertEqual(try convT.outputShape(for: small.shape), up.shape)
    assertNear(up.scalars, R.rectConvTransposeOutput, "transposed output")
    try Pattern.weightedLoss([up]).backward()
    assertNear(small.grad!.scalars, R.rectConvTransposeInputGrad, "transposed dx")
    assertNear(convT.weight.grad!.scalars, R.rectConvTransposeWeightGrad, "transposed dw")

    let image = try Tensor(
      shape: [1, 2, 5, 6], values: (0..<60).map { Double(($0 * 7) % 60) / 10 - 3 },
      requiresGrad: true)
    let maxPool = try MaxPool2d(
      kernelSize: Size2D(3, 2), stride: Size2D(2, 1), padding: Size2D(1, 0))
    let avgPool = try AvgPool2d(
      kernelSize: Size2D(2, 3), stride: Size2D(1, 2), padding: Size2D(0, 1))
    XCTAssertEqual(
      maxPool.description,
      "MaxPool2d(kernelSize: Size2D(3, 2), stride: Size2D(2, 1), padding: Size2D(1, 0))")
    assertNear(try maxPool(image).scalars, R.rectMaxPoolOutput, "max pool")
    assertNear(try avgPool(image).scalars, R.rectAvgPoolOutput, "average pool")
    XCTAssertEqual(try maxPool.outputShape(for: image.shape), try maxPool(image).shape)
    XCTAssertEqual(try avgPool.outputShape(for: image.shape), try avgPool(image).shape)

    // Finite differences through every rectangular layer.
    try assertGradientsMatchFiniteDifferences([x] + conv.parameters) {
      try Pattern.weightedLoss([conv(x)])
    }
    try assertGradientsMatchFiniteDifferences([small] + convT.parameters) {
      try Pattern.weightedLoss([convT(small)])
    }
    for pool in [maxPool, avgPool] as [Pool2d] {
      try assertGradientsMatchFiniteDifferences([image]) {
        try Pattern.weightedLoss([pool(image)])
      }
    }
    // A square Size2D is the Int initializer; padding is checked per axis.
    XCTAssertEqual(
      try Conv2d(1, 1, kernelSize: Size2D(3)).description, "Conv2d(1, 1, kernelSize: 3)")
    XCTAssertThrowsError(try MaxPool2d(kernelSize: Size2D(2, 4), padding: Size2D(0, 3)))
    XCTAssertThrowsError(try Conv2d(1, 1, kernelSize: Size2D(0, 3)))
  }

  func testShapeErrorsNameTheLayer() throws {
    let conv = try Conv2d(3, 8, kernelSize: 3)
    XCTAssertThrowsError(try conv(Tensor.zeros([1, 4, 8, 8]))) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("Conv2d(3, 8, kernelSize: 3)"), text)
      XCTAssertTrue(text.contains("[1, 4, 8, 8]"), text)
      XCTAssertTrue(text.contains("[batch, 3, height, width]"), text)
    }
    XCTAssertThrowsError(try conv(Tensor.zeros([1, 3, 2, 2])))
    XCTAssertThrowsError(try Conv2d(3, 8, kernelSize: 0)(Tensor.zeros([1, 3, 4, 4])))
    XCTAssertThrowsError(try MaxPool2d(kernelSize: 2, padding: 2)(Tensor.zeros([1, 1, 4, 4])))
    XCTAssertThrowsError(try PixelShuffle(2)(Tensor.zeros([1, 3, 2, 2])))
  }

  /// The exam's GAN question: a super-resolution generator and a 70×70 PatchGAN discriminator,
  /// counted against the same models built in PyTorch (reference.py).
  func testGeneratorAndPatchDiscriminatorMatchPyTorchCounts() throws {
    let generator = Sequential(
      try Conv2d(3, 64, kernelSize: 9, padding: 4), LeakyReLU(negativeSlope: 0.2),
      try Conv2d(64, 64, kernelSize: 3, padding: 1), try BatchNorm2d(64),
      LeakyReLU(negativeSlope: 0.2),
      try Conv2d(64, 256, kernelSize: 3, padding: 1), try PixelShuffle(2),
      LeakyReLU(negativeSlope: 0.2),
      try Conv2d(64, 3, kernelSize: 9, padding: 4), Tanh())
    XCTAssertEqual(generator.parameterCount, R.generatorCount)
    let upscaled = try generator.predict(Tensor.zeros([1, 3, 8, 8]))
    XCTAssertEqual(upscaled.shape, [1, 3, 16, 16])

    let discriminator = Sequential(
      try Conv2d(3, 64, kernelSize: 4, stride: 2, padding: 1), LeakyReLU(negativeSlope: 0.2),
      try Conv2d(64, 128, kernelSize: 4, stride: 2, padding: 1), try BatchNorm2d(128),
      LeakyReLU(negativeSlope: 0.2),
      try Conv2d(128, 256, kernelSize: 4, stride: 2, padding: 1), try BatchNorm2d(256),
      LeakyReLU(negativeSlope: 0.2),
      try Conv2d(256, 512, kernelSize: 4, padding: 1), try BatchNorm2d(512),
      LeakyReLU(negativeSlope: 0.2),
      try Conv2d(512, 1, kernelSize: 4, padding: 1))
    XCTAssertEqual(discriminator.parameterCount, R.discriminatorCount)
    let summary = discriminator.summary(inputShape: [3, 64, 64])
    XCTAssertEqual(summary.rows.last?.outputShapeText, "(None, 1, 6, 6)")
    XCTAssertEqual(
      R.discriminatorOutputShape.map { Int($0) },
      [1] + summary.rows.last!.outputShape!.dropFirst().map { $0! })
    XCTAssertEqual(summary.rows[0].layer, "Conv2d(3, 64, kernelSize: 4, stride: 2, padding: 1)")
    XCTAssertEqual(summary.rows[0].parameters, 3 * 64 * 16 + 64)
  }
}
