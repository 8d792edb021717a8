import XCTest

@testable import DLCore

/// Expected values come from reference.py (PyTorch 2.13, float64) in this folder.
final class AttentionTests: XCTestCase {
  typealias R = AdvancedReference

  func testParameterLayoutAndCount() throws {
    let attention = try MultiHeadAttention(embedDim: 64, heads: 8)
    XCTAssertEqual(attention.parameterCount, R.attention64x8Count)
    XCTAssertEqual(attention.parameterCount, 4 * 64 * 64 + 4 * 64)
    XCTAssertEqual(attention.inProjectionWeight.shape, [192, 64])
    XCTAssertEqual(attention.inProjectionBias.shape, [192])
    XCTAssertEqual(attention.outProjectionWeight.shape, [64, 64])
  }

  func testSelfAttentionMatchesPyTorch() throws {
    let attention = try MultiHeadAttention(embedDim: 8, heads: 2)
    Pattern.fill(attention.parameters)
    let x = try Pattern.input([2, 5, 8])
    let result = try attention.attend(x)
    XCTAssertEqual(result.weights.shape, [2, 2, 5, 5])
    assertNear(result.output.scalars, R.attentionOutput, "output")
    assertNear(result.weights.scalars, R.attentionWeights, "weights")
    try Pattern.weightedLoss([result.output]).backward()
    assertNear(x.grad!.scalars, R.attentionInputGrad, "dx")
    let expected = [
      R.attentionParameterGrad0, R.attentionParameterGrad1, R.attentionParameterGrad2,
      R.attentionParameterGrad3,
    ]
    for (p, e) in zip(attention.parameters, expected) {
      assertNear(p.grad!.scalars, e, "parameter")
    }
  }

  func testCausalAndCrossAttentionMatchPyTorch() throws {
    let attention = try MultiHeadAttention(embedDim: 8, heads: 2)
    Pattern.fill(attention.parameters)
    let x = try Pattern.input([2, 5, 8])
    let causal = try attention.attend(x, causal: true)
    assertNear(causal.output.scalars, R.attentionCausalOutput, "causal output")
    assertNear(causal.weights.scalars, R.attentionCausalWeights, "causal weights")
    // Query i never attends to a later key.
    for plane in 0..<4 {
      for i in 0..<5 {
        for j in (i + 1)..<5 where j < 5 {
          XCTAssertEqual(causal.weights.scalars[plane * 25 + i * 5 + j], 0)
        }
      }
    }
    let q = try Pattern.input([2, 3, 8], 4, requiresGrad: false)
    let kv = try Pattern.input([2, 5, 8], 5, requiresGrad: false)
    let cross = try attention.attend(q, kv, kv)
    XCTAssertEqual(cross.weights.shape, [2, 2, 3, 5])
    assertNear(cross.output.scalars, R.crossAttentionOutput, "cross output")
    assertNear(cross.weights.scalars, R.crossAttentionWeights, "cross weights")
  }

  func testKeyPaddingMaskMatchesPyTorch() throws {
    let attention = try MultiHeadAttention(embedDim: 8, heads: 2)
    Pattern.fill(attention.parameters)
    let x = try Pattern.input([2, 5, 8])
    // 1 marks a padding key: item 0 ignores keys 3 and 4, item 1 ignores key 1.
    let padding = try Tensor([[0, 0, 0, 1, 1], [0, 1, 0, 0, 0]])
    let result = try attention.attend(x, keyPaddingMask: padding)
    assertNear(result.output.scalars, R.attentionPaddedOutput, "output")
    assertNear(result.weights.scalars, R.attentionPaddedWeights, "weights")
    try Pattern.weightedLoss([result.output]).backward()
    assertNear(x.grad!.scalars, R.attentionPaddedInputGrad, "dx")
    let expected = [
      R.attentionPaddedParameterGrad0, R.attentionPaddedParameterGrad1,
      R.attentionPaddedParameterGrad2, R.attentionPaddedParameterGrad3,
    ]
    for (p, e) in zip(attention.parameters, expected) {
      assertNear(p.grad!.scalars, e, "parameter")
    }
    let both = try attention.attend(x, causal: true, keyPaddingMask: padding)
    assertNear(both.output.scalars, R.attentionPaddedCausalOutput, "causal output")
    assertNear(both.weights.scalars, R.attentionPaddedCausalWeights, "causal weights")

    // Every query must keep a key.
    let allHidden = try Tensor([[0, 0, 0, 0, 0], [1, 1, 1, 1, 1]])
    XCTAssertThrowsError(try attention.attend(x, keyPaddingMask: allHidden)) { error in
      XCTAssertTrue("\(error)".contains("batch item 1"), "\(error)")
    }
    XCTAssertThrowsError(
      try attention.attend(
        x, causal: true, keyPaddingMask: Tensor([[1, 0, 0, 0, 0], [0, 0, 0, 0, 0]])))
    XCTAssertThrowsError(try attention.attend(x, keyPaddingMask: Tensor([[0, 0, 0, 0]])))
  }

  func testKeyPaddingGradientsMatchFiniteDifferences() throws {
    let attention = try MultiHeadAttention(embedDim: 4, heads: 2)
    Pattern.fill(attention.parameters)
    for p in attention.parameters { p.scalars = p.scalars.map { $0 * 10 } }
    let q = try Pattern.input([2, 3, 4])
    let kv = try Pattern.input([2, 4, 4], 1)
    let padding = try Tensor([[0, 1, 0, 1], [1, 0, 0, 0]])
    try assertGradientsMatchFiniteDifferences([q, kv] + attention.parameters) {
      try Pattern.weightedLoss([attention.attend(q, kv, kv, keyPaddingMask: padding).output])
    }
  }

  func testAttentionWeightsSumToOneOverKeys() throws {
    // The exam's ViT: 128×128 images, 16×16 patches, 8 heads: 64 patches + class token = 65.
    let attention = try MultiHeadAttention(embedDim: 16, heads: 8)
    let tokens = try Tensor.randn([2, 65, 16], seed: 3)
    for causal in [false, true] {
      let weights = try attention.attend(tokens, causal: causal).weights
      XCTAssertEqual(weights.shape, [2, 8, 65, 65])
      XCTAssertEqual(weights.count, 2 * 8 * 65 * 65)
      for row in weights.rows {
        XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertTrue(row.allSatisfy { $0 >= 0 })
      }
    }
  }

  func testAttentionGradientsMatchFiniteDifferences() throws {
    let attention = try MultiHeadAttention(embedDim: 4, heads: 2)
    Pattern.fill(attention.parameters)
    for p in attention.parameters { p.scalars = p.scalars.map { $0 * 10 } }
    let q = try Pattern.input([2, 3, 4])
    let kv = try Pattern.input([2, 4, 4], 1)
    try assertGradientsMatchFiniteDifferences([q, kv] + attention.parameters) {
      try Pattern.weightedLoss([attention.attend(q, kv, kv).output])
    }
    try assertGradientsMatchFiniteDifferences([kv]) {
      try Pattern.weightedLoss([attention.attend(kv, causal: true).output])
    }
  }

  func testPatchEmbeddingMatchesPyTorch() throws {
    let embedding = try PatchEmbedding(imageSize: 8, patchSize: 4, channels: 2, embedDim: 6)
    XCTAssertEqual(embedding.patchCount, 4)
    XCTAssertEqual(embedding.parameterCount, 6 * 2 * 16 + 6 + 6 + 5 * 6)
    Pattern.fill(embedding.parameters)
    let x = try Pattern.input([2, 2, 8, 8])
    let y = try embedding(x)
    XCTAssertEqual(y.shape, [2, 5, 6])
    assertNear(y.scalars, R.patchEmbeddingOutput, "tokens")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.patchEmbeddingInputGrad, "dx")
    let expected = [
      R.patchEmbeddingParameterGrad0, R.patchEmbeddingParameterGrad1,
      R.patchEmbeddingParameterGrad2, R.patchEmbeddingParameterGrad3,
    ]
    for (p, e) in zip(embedding.parameters, expected) {
      assertNear(p.grad!.scalars, e, "parameter")
    }
    let plain = try PatchEmbedding(
      imageSize: 8, patchSize: 4, channels: 2, embedDim: 6, classToken: false,
      positionEmbedding: false)
    XCTAssertEqual(try plain(Tensor.zeros([1, 2, 8, 8])).shape, [1, 4, 6])
    XCTAssertThrowsError(try embedding(Tensor.zeros([1, 2, 8, 9])))
  }

  func testEncoderBlockMatchesPyTorch() throws {
    let block = try TransformerEncoderBlock(embedDim: 8, heads: 2, mlpDim: 16)
    XCTAssertEqual(block.parameterCount, R.encoderBlockCount)
    Pattern.fill(block.parameters)
    let x = try Pattern.input([2, 5, 8])
    let y = try block(x)
    assertNear(y.scalars, R.encoderBlockOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.encoderBlockInputGrad, "dx")
  }

  func testPostNormEncoderBlockWithPaddingMatchesPyTorch() throws {
    let block = try TransformerEncoderBlock(
      embedDim: 8, heads: 2, mlpDim: 16, normFirst: false, activation: .relu)
    Pattern.fill(block.parameters)
    let x = try Pattern.input([2, 5, 8])
    let padding = try Tensor([[0, 0, 0, 1, 1], [0, 1, 0, 0, 0]])
    let y = try block.forward(x, keyPaddingMask: padding)
    assertNear(y.scalars, R.encoderBlockPaddedOutput, "output")
    try Pattern.weightedLoss([y]).backward()
    assertNear(x.grad!.scalars, R.encoderBlockPaddedInputGrad, "dx")
  }

  func testEncoderBlockGradientsMatchFiniteDifferences() throws {
    for normFirst in [true, false] {
      let block = try TransformerEncoderBlock(
        embedDim: 4, heads: 2, mlpDim: 6, normFirst: normFirst,
        activation: normFirst ? .gelu : .relu)
      Pattern.fill(block.parameters)
      for p in block.parameters { p.scalars = p.scalars.map { $0 * 10 } }
      let x = try Pattern.input([1, 3, 4])
      try assertGradientsMatchFiniteDifferences([x] + block.parameters, limit: 12) {
        try Pattern.weightedLoss([block(x)])
      }
    }
  }

  func testViTMatchesPyTorch() throws {
    let vit = try ViT(
      imageSize: 8, patchSize: 4, channels: 1, embedDim: 8, depth: 2, heads: 2, mlpDim: 16,
      classes: 3)
    XCTAssertEqual(vit.parameterCount, R.vitCount)
    Pattern.fill(vit.parameters)
    let logits = try vit(Pattern.input([2, 1, 8, 8], requiresGrad: false))
    XCTAssertEqual(logits.shape, [2, 3])
    assertNear(logits.scalars, R.vitLogits, "logits")
    let summary = Sequential(vit).summary()
    XCTAssertEqual(summary.rows[0].outputShapeText, "(None, 3)")

    // With the attention projections scaled up, attention is far from uniform (weights from
    // 0.06 to 0.61 over 5 tokens), so the tokens and logits depend on the 1/√d scale.
    for block in vit.blocks {
      block.attention.inProjectionWeight.scalars = block.attention.inProjectionWeight.scalars
        .map { $0 * 40 }
    }
    let image = try Pattern.input([2, 1, 8, 8], requiresGrad: false)
    let first = vit.blocks[0]
    let weights = try first.attention.attend(first.norm1(vit.patchEmbedding(image))).weights
    assertNear(weights.scalars, R.vitScaledFirstWeights, "first block's attention weights")
    assertNear(try vit.encode(image).scalars, R.vitScaledTokens, "tokens")
    assertNear(try vit(image).scalars, R.vitScaledLogits, "logits")

    // The exam's ViT shape: 128×128 RGB, 16×16 patches, width 64, 8 heads, PyTorch's
    // TransformerEncoderLayer(64, 8, 128) blocks (same parameter count as ours).
    let exam = try ViT(
      imageSize: 128, patchSize: 16, channels: 3, embedDim: 64, depth: 2, heads: 8, mlpDim: 128,
      classes: 10)
    XCTAssertEqual(exam.parameterCount, R.vitExamCount)
    XCTAssertEqual(exam.patchEmbedding.tokenCount, 65)
  }
}
