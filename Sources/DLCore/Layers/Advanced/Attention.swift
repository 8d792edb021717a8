import Foundation

/// What ``MultiHeadAttention`` returns: the attended values and the attention weights.
public struct AttentionOutput {
  /// `[batch, queries, embedDim]`.
  public var output: Tensor
  /// `[batch, heads, queries, keys]`; each row sums to 1 over the keys. Not differentiable.
  public var weights: Tensor
}

/// Multi-head scaled dot-product attention (`torch.nn.MultiheadAttention` with
/// `batch_first=True`), with PyTorch's parameter layout: `in_proj_weight` `[3E, E]` stacking
/// the query, key and value projections, `in_proj_bias` `[3E]`, and the output projection
/// `out_proj.weight` `[E, E]`, `out_proj.bias` `[E]`: 4E² + 4E parameters.
///
/// ```swift
/// let attention = MultiHeadAttention(embedDim: 64, heads: 8)
/// attention.parameterCount  // 16640
/// let (y, w) = try attention.attend(x)  // x: [batch, tokens, 64]; w: [batch, 8, tokens, tokens]
/// ```
public final class MultiHeadAttention: Layer {
  /// The model width E.
  public let embedDim: Int
  /// The number of heads; each works on E / heads features.
  public let heads: Int
  /// Whether ``callAsFunction(_:)`` hides later positions (a causal mask).
  public let causal: Bool
  /// `in_proj_weight`, `[3E, E]`: rows `0..<E` project queries, `E..<2E` keys, `2E..<3E`
  /// values.
  public let inProjectionWeight: Tensor
  /// `in_proj_bias`, `[3E]`.
  public let inProjectionBias: Tensor
  /// `out_proj.weight`, `[E, E]`.
  public let outProjectionWeight: Tensor
  /// `out_proj.bias`, `[E]`.
  public let outProjectionBias: Tensor
  public var isTraining = true

  /// Creates the layer with PyTorch's initialization: Xavier-uniform in-projection, zero
  /// biases, and U(-1/√E, 1/√E) out-projection, drawn from ``RandomGenerator/current``.
  /// - Parameter causal: whether calling the layer as a function applies a causal mask.
  public init(embedDim: Int, heads: Int, causal: Bool = false) throws {
    try AdvancedKernels.requireSizes(
      ["embedDim": embedDim, "heads": heads], op: "MultiHeadAttention")
    guard embedDim % heads == 0 else {
      throw TensorError.invalidArgument(
        op: "MultiHeadAttention",
        reason: "embedDim \(embedDim) must be divisible by the number of heads \(heads)")
    }
    self.embedDim = embedDim
    self.heads = heads
    self.causal = causal
    let e = self.embedDim
    inProjectionWeight = try Tensor.initialParameter(
      [3 * e, e], bound: (6 / Double(4 * e)).squareRoot())
    inProjectionBias = try Tensor.constantParameter([3 * e], 0)
    outProjectionWeight = try Tensor.initialParameter([e, e], bound: 1 / Double(e).squareRoot())
    outProjectionBias = try Tensor.constantParameter([e], 0)
  }

  /// In PyTorch's order: `in_proj_weight`, `in_proj_bias`, `out_proj.weight`, `out_proj.bias`.
  public var parameters: [Tensor] {
    [inProjectionWeight, inProjectionBias, outProjectionWeight, outProjectionBias]
  }

  public var description: String {
    "MultiHeadAttention(embedDim: \(embedDim), heads: \(heads)\(causal ? ", causal: true" : ""))"
  }

  public var inputShape: [Int]? { nil }

  /// Self-attention: the attended output for `input` `[batch, tokens, embedDim]`.
  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    try attend(input, input, input, causal: causal).output
  }

  /// Self-attention of `input` `[batch, tokens, embedDim]`, returning output and weights.
  ///
  /// - Parameters:
  ///   - causal: hide keys after each query's position; the layer's `causal` when `nil`.
  ///   - keyPaddingMask: `[batch, tokens]`, nonzero for padding tokens that no query may attend
  ///     to (PyTorch's `key_padding_mask` with `True` as 1).
  public func attend(
    _ input: Tensor, causal: Bool? = nil, keyPaddingMask: Tensor? = nil
  ) throws -> AttentionOutput {
    try attend(input, input, input, causal: causal ?? self.causal, keyPaddingMask: keyPaddingMask)
  }

  /// Attention of `query` `[batch, queries, E]` over `key` and `value` `[batch, keys, E]`.
  ///
  /// - Parameters:
  ///   - causal: hide keys after each query's position (query i sees keys 0...i).
  ///   - keyPaddingMask: `[batch, keys]`, nonzero for keys that no query may attend to (PyTorch's
  ///     `key_padding_mask` with `True` as 1). Every query must keep at least one key.
  public func attend(
    _ query: Tensor, _ key: Tensor, _ value: Tensor, causal: Bool = false,
    keyPaddingMask: Tensor? = nil
  ) throws -> AttentionOutput {
    let op = "\(description).forward"
    guard heads >= 1, embedDim % heads == 0 else {
      throw TensorError.invalidArgument(
        op: description,
        reason: "embedDim \(embedDim) must be divisible by the number of heads \(heads)")
    }
    for (name, t) in [("query", query), ("key", key), ("value", value)] {
      guard t.rank == 3, t.shape[2] == embedDim else {
        throw TensorError.invalidShape(
          op: op, shape: t.shape,
          reason: "expected the \(name) to have shape [batch, tokens, \(embedDim)]")
      }
    }
    guard key.shape == value.shape, key.shape[0] == query.shape[0] else {
      throw TensorError.shapeMismatch(
        op: op, lhs: key.shape, rhs: value.shape,
        reason: "key and value must have the same shape, and the batch size of the query "
          + "(\(query.shape[0]))")
    }
    let hiddenKeys = try keyPaddingMask.map {
      try Self.hiddenKeys(
        $0, batch: key.shape[0], keys: key.shape[1], queries: query.shape[1],
        causal: causal, op: op)
    }
    let e = embedDim
    let wq = try inProjectionWeight.flatSlice(offset: 0, shape: [e, e], op: "select")
    let wk = try inProjectionWeight.flatSlice(offset: e * e, shape: [e, e], op: "select")
    let wv = try inProjectionWeight.flatSlice(offset: 2 * e * e, shape: [e, e], op: "select")
    let bq = try inProjectionBias.flatSlice(offset: 0, shape: [e], op: "select")
    let bk = try inProjectionBias.flatSlice(offset: e, shape: [e], op: "select")
    let bv = try inProjectionBias.flatSlice(offset: 2 * e, shape: [e], op: "select")
    let q = try Tensor.linear(query, weight: wq, bias: bq)
    let k = try Tensor.linear(key, weight: wk, bias: bk)
    let v = try Tensor.linear(value, weight: wv, bias: bv)
    let (attended, weights) = try Tensor.multiHeadAttention(
      query: q, key: k, value: v, heads: heads, causal: causal, hiddenKeys: hiddenKeys)
    let output = try Tensor.linear(attended, weight: outProjectionWeight, bias: outProjectionBias)
    let weightTensor = try Tensor.advancedResult(
      shape: [query.shape[0], heads, query.shape[1], key.shape[1]], scalars: weights,
      op: "attentionWeights")
    return AttentionOutput(output: output, weights: weightTensor)
  }

  /// The padding mask as one flag per key, checked so that every query keeps a key.
  private static func hiddenKeys(
    _ mask: Tensor, batch: Int, keys: Int, queries: Int, causal: Bool, op: String
  ) throws -> [Bool] {
    guard mask.shape == [batch, keys] else {
      throw TensorError.shapeMismatch(
        op: op, lhs: [batch, keys], rhs: mask.shape,
        reason: "the key padding mask must have shape [batch, keys] = "
          + Tensor.format(shape: [batch, keys]))
    }
    let hidden = mask.scalars.map { $0 != 0 }
    for b in 0..<batch where queries > 0 {
      let row = hidden[(b * keys)..<((b + 1) * keys)]
      // With a causal mask the first query sees key 0 only.
      if causal ? row.first == true : !row.contains(false) {
        throw TensorError.invalidArgument(
          op: op,
          reason: "the key padding mask hides every key "
            + (causal ? "visible to the first query " : "")
            + "of batch item \(b); leave at least one key unmasked")
      }
    }
    return hidden
  }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard inputShape.count == 3, inputShape[2] == embedDim else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape,
        reason: "expected [batch, tokens, \(embedDim)]")
    }
    return inputShape
  }
}

/// Splits `[batch, channels, imageSize, imageSize]` images into non-overlapping
/// `patchSize × patchSize` patches, projects each to `embedDim` features (a convolution with
/// kernel and stride `patchSize`), and optionally prepends a learnable class token and adds
/// learnable position embeddings, as in the Vision Transformer. The output is
/// `[batch, patches (+1), embedDim]`.
public final class PatchEmbedding: Layer {
  /// The side of the square input image.
  public let imageSize: Int
  /// The side of a square patch.
  public let patchSize: Int
  /// Image channels.
  public let channels: Int
  /// Features per token.
  public let embedDim: Int
  /// The projection, `Conv2d(channels, embedDim, kernelSize: patchSize, stride: patchSize)`.
  public let projection: Conv2d
  /// `[1, 1, embedDim]`, initially zeros; `nil` without a class token.
  public let classToken: Tensor?
  /// `[1, tokens, embedDim]`, initially N(0, 0.02²); `nil` without position embeddings.
  public let positionEmbedding: Tensor?
  public var isTraining = true

  /// Creates the layer.
  public init(
    imageSize: Int, patchSize: Int, channels: Int, embedDim: Int, classToken: Bool = true,
    positionEmbedding: Bool = true
  ) throws {
    try AdvancedKernels.requireSizes(
      ["imageSize": imageSize, "patchSize": patchSize, "channels": channels, "embedDim": embedDim],
      op: "PatchEmbedding")
    guard imageSize % patchSize == 0 else {
      throw TensorError.invalidArgument(
        op: "PatchEmbedding",
        reason: "imageSize \(imageSize) must be a multiple of patchSize \(patchSize)")
    }
    self.imageSize = imageSize
    self.patchSize = patchSize
    self.channels = channels
    self.embedDim = embedDim
    projection = try Conv2d(channels, embedDim, kernelSize: patchSize, stride: patchSize)
    self.classToken = classToken ? try Tensor.constantParameter([1, 1, embedDim], 0) : nil
    let side = imageSize / patchSize
    let tokens = side * side + (classToken ? 1 : 0)
    self.positionEmbedding =
      positionEmbedding
      ? try Tensor.normal([1, tokens, embedDim], mean: 0, std: 0.02, requiresGrad: true) : nil
  }

  /// The number of patches, (imageSize / patchSize)².
  public var patchCount: Int {
    let side = patchSize > 0 ? imageSize / patchSize : 0
    return side * side
  }

  /// The number of tokens per image: the patches plus the class token.
  public var tokenCount: Int { patchCount + (classToken == nil ? 0 : 1) }

  /// Projection weight and bias, class token, position embeddings.
  public var parameters: [Tensor] {
    projection.parameters + [classToken, positionEmbedding].compactMap { $0 }
  }

  public var description: String {
    "PatchEmbedding(imageSize: \(imageSize), patchSize: \(patchSize), channels: \(channels), "
      + "embedDim: \(embedDim))"
  }

  public var inputShape: [Int]? { [channels, imageSize, imageSize] }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    guard patchSize >= 1, imageSize % patchSize == 0 else {
      throw TensorError.invalidArgument(
        op: description,
        reason: "imageSize \(imageSize) must be a positive multiple of patchSize \(patchSize)")
    }
    let expected = [channels, imageSize, imageSize]
    guard input.rank == 4, Array(input.shape.dropFirst()) == expected else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "expected images of shape [batch, \(channels), \(imageSize), \(imageSize)]")
    }
    let features = try projection(input)
    let flat = try features.viewed(
      as: [input.shape[0], embedDim, patchCount], op: "flatten")
    return try Tensor.patchTokens(flat, classToken: classToken, positions: positionEmbedding)
  }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard inputShape.count == 4, Array(inputShape.dropFirst()) == [channels, imageSize, imageSize]
    else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape,
        reason: "expected [batch, \(channels), \(imageSize), \(imageSize)]")
    }
    return [inputShape[0], tokenCount, embedDim]
  }
}

/// The feed-forward activation of a ``TransformerEncoderBlock``.
public enum TransformerActivation: Sendable {
  /// max(0, x), PyTorch's default for `TransformerEncoderLayer`.
  case relu
  /// The exact GELU, as in the Vision Transformer.
  case gelu
}

/// A transformer encoder layer (`torch.nn.TransformerEncoderLayer` with `batch_first=True` and
/// no dropout): self-attention and a two-layer feed-forward network, each with a residual
/// connection and layer normalization. With `normFirst` (the default, as in ViT) the block is
/// `x + attn(norm1(x))` then `x + ff(norm2(x))`; otherwise `norm1(x + attn(x))` then
/// `norm2(x + ff(x))`. Parameters (PyTorch's order): the attention's four tensors,
/// `linear1` `[mlpDim, E]` and bias, `linear2` `[E, mlpDim]` and bias, `norm1` and `norm2`.
public final class TransformerEncoderBlock: Layer {
  /// The model width E.
  public let embedDim: Int
  /// The hidden width of the feed-forward network.
  public let mlpDim: Int
  /// Whether normalization comes before each sub-layer (pre-norm).
  public let normFirst: Bool
  /// The feed-forward activation.
  public let activation: TransformerActivation
  /// The self-attention.
  public let attention: MultiHeadAttention
  /// `linear1.weight`, `[mlpDim, E]`.
  public let linear1Weight: Tensor
  /// `linear1.bias`, `[mlpDim]`.
  public let linear1Bias: Tensor
  /// `linear2.weight`, `[E, mlpDim]`.
  public let linear2Weight: Tensor
  /// `linear2.bias`, `[E]`.
  public let linear2Bias: Tensor
  /// The normalization before (or after) the attention.
  public let norm1: LayerNorm
  /// The normalization before (or after) the feed-forward network.
  public let norm2: LayerNorm
  public var isTraining = true

  /// Creates the block; weights from ``RandomGenerator/current`` as PyTorch initializes them.
  public init(
    embedDim: Int, heads: Int, mlpDim: Int, normFirst: Bool = true,
    activation: TransformerActivation = .gelu, causal: Bool = false
  ) throws {
    try AdvancedKernels.requireSizes(["mlpDim": mlpDim], op: "TransformerEncoderBlock")
    attention = try MultiHeadAttention(embedDim: embedDim, heads: heads, causal: causal)
    self.embedDim = embedDim
    self.mlpDim = mlpDim
    self.normFirst = normFirst
    self.activation = activation
    let bound1 = 1 / Double(embedDim).squareRoot()
    let bound2 = 1 / Double(mlpDim).squareRoot()
    linear1Weight = try Tensor.initialParameter([mlpDim, embedDim], bound: bound1)
    linear1Bias = try Tensor.initialParameter([mlpDim], bound: bound1)
    linear2Weight = try Tensor.initialParameter([embedDim, mlpDim], bound: bound2)
    linear2Bias = try Tensor.initialParameter([embedDim], bound: bound2)
    norm1 = try LayerNorm(embedDim)
    norm2 = try LayerNorm(embedDim)
  }

  public var parameters: [Tensor] {
    attention.parameters + [linear1Weight, linear1Bias, linear2Weight, linear2Bias]
      + norm1.parameters + norm2.parameters
  }

  public var description: String {
    "TransformerEncoderBlock(embedDim: \(embedDim), heads: \(attention.heads), mlpDim: \(mlpDim))"
  }

  private func feedForward(_ x: Tensor) throws -> Tensor {
    let hidden = try Tensor.linear(x, weight: linear1Weight, bias: linear1Bias)
    let activated = activation == .gelu ? try hidden.gelu() : try hidden.relu()
    return try Tensor.linear(activated, weight: linear2Weight, bias: linear2Bias)
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    try forward(input, keyPaddingMask: nil)
  }

  /// The block on `input` `[batch, tokens, embedDim]`, its self-attention ignoring the tokens
  /// that `keyPaddingMask` (`[batch, tokens]`, nonzero for padding) marks, as PyTorch's
  /// `src_key_padding_mask` does.
  public func forward(_ input: Tensor, keyPaddingMask: Tensor?) throws -> Tensor {
    _ = try outputShape(for: input.shape)
    func attend(_ x: Tensor) throws -> Tensor {
      try attention.attend(x, keyPaddingMask: keyPaddingMask).output
    }
    if normFirst {
      let x = try input + attend(norm1(input))
      return try x + feedForward(norm2(x))
    }
    let x = try norm1(input + attend(input))
    return try norm2(x + feedForward(x))
  }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard inputShape.count == 3, inputShape[2] == embedDim else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: inputShape,
        reason: "expected [batch, tokens, \(embedDim)]")
    }
    return inputShape
  }
}

/// A small Vision Transformer: ``PatchEmbedding`` (with class token and position embeddings),
/// `depth` pre-norm ``TransformerEncoderBlock``s, a final ``LayerNorm``, and a linear head on
/// the class token. Maps `[batch, channels, imageSize, imageSize]` to `[batch, classes]` logits.
public final class ViT: Layer {
  /// The patch embedding.
  public let patchEmbedding: PatchEmbedding
  /// The encoder blocks.
  public let blocks: [TransformerEncoderBlock]
  /// The normalization of the class token.
  public let norm: LayerNorm
  /// The classifier weight, `[classes, embedDim]`.
  public let headWeight: Tensor
  /// The classifier bias, `[classes]`.
  public let headBias: Tensor
  public var isTraining = true

  /// Creates the model.
  public init(
    imageSize: Int, patchSize: Int, channels: Int = 3, embedDim: Int, depth: Int, heads: Int,
    mlpDim: Int, classes: Int
  ) throws {
    try AdvancedKernels.requireSizes(["classes": classes], op: "ViT")
    try AdvancedKernels.requireSizes(["depth": depth], atLeast: 0, op: "ViT")
    patchEmbedding = try PatchEmbedding(
      imageSize: imageSize, patchSize: patchSize, channels: channels, embedDim: embedDim)
    blocks = try (0..<depth).map { _ in
      try TransformerEncoderBlock(embedDim: embedDim, heads: heads, mlpDim: mlpDim)
    }
    norm = try LayerNorm(embedDim)
    let bound = 1 / Double(embedDim).squareRoot()
    headWeight = try Tensor.initialParameter([classes, embedDim], bound: bound)
    headBias = try Tensor.initialParameter([classes], bound: bound)
  }

  public var parameters: [Tensor] {
    patchEmbedding.parameters + blocks.flatMap(\.parameters) + norm.parameters + [
      headWeight, headBias,
    ]
  }

  public var description: String {
    "ViT(imageSize: \(patchEmbedding.imageSize), patchSize: \(patchEmbedding.patchSize), "
      + "embedDim: \(patchEmbedding.embedDim), depth: \(blocks.count), "
      + "heads: \(blocks.first?.attention.heads ?? 0), classes: \(headBias.count))"
  }

  public var inputShape: [Int]? { patchEmbedding.inputShape }

  /// The tokens after the last encoder block, `[batch, tokens, embedDim]`.
  public func encode(_ input: Tensor) throws -> Tensor {
    var x = try patchEmbedding(input)
    for block in blocks { x = try block(x) }
    return x
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    let tokens = try encode(input)
    let classToken = try tokens.select(0, axis: 1)
    return try Tensor.linear(norm(classToken), weight: headWeight, bias: headBias)
  }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    let tokens = try patchEmbedding.outputShape(for: inputShape)
    return [tokens[0], headBias.count]
  }
}
