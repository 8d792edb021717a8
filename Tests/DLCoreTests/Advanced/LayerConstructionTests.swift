import XCTest

@testable import DLCore

/// Bad layer arguments are thrown as clear errors at construction, never trapped.
final class LayerConstructionTests: XCTestCase {
  func assertThrows(
    _ expected: String, file: StaticString = #filePath, line: UInt = #line,
    _ body: () throws -> Any
  ) {
    XCTAssertThrowsError(try body(), file: file, line: line) { error in
      XCTAssertTrue("\(error)".contains(expected), "\(error)", file: file, line: line)
    }
  }

  func testInvalidArgumentsThrow() {
    assertThrows("hiddenSize must be at least 1") { try LSTM(inputSize: 3, hiddenSize: 0) }
    assertThrows("layers must be at least 1") { try GRU(inputSize: 3, hiddenSize: 2, layers: 0) }
    assertThrows("divisible") { try MultiHeadAttention(embedDim: 10, heads: 3) }
    assertThrows("heads must be at least 1") { try MultiHeadAttention(embedDim: 8, heads: 0) }
    assertThrows("kernelSize must be at least 1") { try Conv2d(3, 8, kernelSize: 0) }
    assertThrows("padding must be at least 0") { try Conv2d(3, 8, kernelSize: 3, padding: -1) }
    assertThrows("outputPadding") {
      try ConvTranspose2d(3, 8, kernelSize: 3, stride: 2, outputPadding: 2)
    }
    assertThrows("padding must be between") { try MaxPool2d(kernelSize: 2, padding: 2) }
    assertThrows("upscaleFactor must be at least 1") { try PixelShuffle(0) }
    assertThrows("multiple of patchSize") {
      try PatchEmbedding(imageSize: 30, patchSize: 16, channels: 3, embedDim: 8)
    }
    assertThrows("momentum") { try BatchNorm1d(4, momentum: 2) }
    assertThrows("normalized shape") { try LayerNorm([]) }
    assertThrows("classes must be at least 1") {
      try ViT(imageSize: 8, patchSize: 4, embedDim: 8, depth: 1, heads: 2, mlpDim: 8, classes: 0)
    }
  }

  func testHugeLayersExceedTheBudgetInsteadOfAllocating() {
    let budget = TensorBudget(maxElementsPerTensor: 1_000_000)
    TensorBudget.$current.withValue(budget) {
      assertThrows("exceeds the limit") { try LSTM(inputSize: 100_000, hiddenSize: 100_000) }
      assertThrows("exceeds the limit") { try Conv2d(1000, 1000, kernelSize: 100) }
      assertThrows("exceeds the limit") { try MultiHeadAttention(embedDim: 4096, heads: 8) }
    }
  }
}
