import Foundation

/// Checks a sliding-window configuration and an `[N, C, H, W]` input against it.
private func checkWindow(
  _ input: Tensor, channels: Int?, kernel: Int, stride: Int, padding: Int, layer: String,
  allowsLargePadding: Bool = false, dilation: Int = 1
) throws {
  guard kernel >= 1, stride >= 1, padding >= 0 else {
    throw TensorError.invalidArgument(
      op: layer,
      reason: "kernelSize and stride must be at least 1 and padding at least 0 "
        + "(got kernelSize \(kernel), stride \(stride), padding \(padding))")
  }
  if !allowsLargePadding && padding > kernel / 2 {
    throw TensorError.invalidArgument(
      op: layer, reason: "padding \(padding) must be at most half the kernel size \(kernel)")
  }
  let channelText = channels.map(String.init) ?? "channels"
  guard input.rank == 4, channels == nil || input.shape[1] == channels else {
    throw TensorError.invalidShape(
      op: "\(layer).forward", shape: input.shape,
      reason: "expected an input of shape [batch, \(channelText), height, width]")
  }
  let h = input.shape[2] + 2 * padding
  let w = input.shape[3] + 2 * padding
  let span = dilation * (kernel - 1) + 1
  guard h >= span, w >= span else {
    let what = dilation == 1 ? "kernel" : "kernel with dilation \(dilation)"
    throw TensorError.invalidShape(
      op: "\(layer).forward", shape: input.shape,
      reason: "the padded image (\(h)×\(w)) is smaller than the \(span)×\(span) \(what)")
  }
}

/// The output height and width of a window sweep, for summaries.
private func windowOutput(
  _ size: Int, kernel: Int, stride: Int, padding: Int, dilation: Int = 1
) -> Int {
  (size + 2 * padding - dilation * (kernel - 1) - 1) / Swift.max(1, stride) + 1
}

/// A 2-D convolution over `[batch, channels, height, width]` images (`torch.nn.Conv2d`), with
/// PyTorch's weight layout `[outChannels, inChannels / groups, kernelSize, kernelSize]` and bias
/// `[outChannels]`. Weights and bias start from U(-1/√fanIn, 1/√fanIn), fanIn =
/// (inChannels / groups)·k².
public final class Conv2d: Layer {
  public var isTraining = true
  /// Input channels.
  public let inChannels: Int
  /// Output channels.
  public let outChannels: Int
  /// The side of the square kernel.
  public let kernelSize: Int
  /// The step between windows.
  public let stride: Int
  /// Zeros added on every side.
  public let padding: Int
  /// The spacing between kernel taps: a dilated k×k kernel covers dilation·(k-1)+1 pixels.
  public let dilation: Int
  /// The number of channel groups, each convolved with its own filters: output channels
  /// `i·outChannels/groups..<(i+1)·outChannels/groups` see only input channels
  /// `i·inChannels/groups..<(i+1)·inChannels/groups` (`groups == inChannels` is a depthwise
  /// convolution).
  public let groups: Int
  /// `[outChannels, inChannels / groups, kernelSize, kernelSize]`.
  public let weight: Tensor
  /// `[outChannels]`, or `nil` without bias.
  public let bias: Tensor?

  /// Creates the layer. Throws when a size is out of range or `groups` does not divide both
  /// channel counts.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    dilation: Int = 1, groups: Int = 1, bias: Bool = true
  ) throws {
    try AdvancedKernels.requireSizes(
      [
        "inChannels": inChannels, "outChannels": outChannels, "kernelSize": kernelSize,
        "stride": stride, "dilation": dilation, "groups": groups,
      ], op: "Conv2d")
    try AdvancedKernels.requireSizes(["padding": padding], atLeast: 0, op: "Conv2d")
    guard inChannels % groups == 0, outChannels % groups == 0 else {
      throw TensorError.invalidArgument(
        op: "Conv2d",
        reason: "groups (\(groups)) must divide inChannels (\(inChannels)) and outChannels "
          + "(\(outChannels))")
    }
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernelSize = kernelSize
    self.stride = stride
    self.padding = padding
    self.dilation = dilation
    self.groups = groups
    let fanIn = self.inChannels / groups * self.kernelSize * self.kernelSize
    let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    weight = try Tensor.initialParameter(
      [outChannels, inChannels / groups, kernelSize, kernelSize], bound: bound)
    self.bias = bias ? try Tensor.initialParameter([outChannels], bound: bound) : nil
  }

  /// The weight then the bias.
  public var parameters: [Tensor] { [weight] + (bias.map { [$0] } ?? []) }
  /// A description such as `Conv2d(3, 64, kernelSize: 3, padding: 1)`.
  public var description: String {
    var text = "Conv2d(\(inChannels), \(outChannels), kernelSize: \(kernelSize)"
    if stride != 1 { text += ", stride: \(stride)" }
    if padding != 0 { text += ", padding: \(padding)" }
    if dilation != 1 { text += ", dilation: \(dilation)" }
    if groups != 1 { text += ", groups: \(groups)" }
    if bias == nil { text += ", bias: false" }
    return text + ")"
  }

  /// Convolves `[batch, inChannels, height, width]` into `[batch, outChannels, h', w']`, where
  /// h' = ⌊(height + 2·padding − dilation·(kernelSize − 1) − 1) / stride⌋ + 1.
  public func forward(_ input: Tensor) throws -> Tensor {
    try checkWindow(
      input, channels: inChannels, kernel: kernelSize, stride: stride, padding: padding,
      layer: description, allowsLargePadding: true, dilation: dilation)
    return try Tensor.convolution2d(
      input, weight: weight, bias: bias, stride: stride, padding: padding, dilation: dilation,
      groups: groups)
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard let shape = expectedOutputShape(inputShape) else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape, reason: "the input does not fit this layer")
    }
    return shape
  }

  func expectedOutputShape(_ s: [Int]) -> [Int]? {
    guard s.count == 4, s[1] == inChannels else { return nil }
    return [
      s[0], outChannels,
      windowOutput(s[2], kernel: kernelSize, stride: stride, padding: padding, dilation: dilation),
      windowOutput(s[3], kernel: kernelSize, stride: stride, padding: padding, dilation: dilation),
    ]
  }
}

/// A 2-D transposed convolution (`torch.nn.ConvTranspose2d`), weight layout
/// `[inChannels, outChannels / groups, kernelSize, kernelSize]`; the output side is
/// `(side - 1)·stride - 2·padding + dilation·(kernelSize - 1) + 1 + outputPadding`.
public final class ConvTranspose2d: Layer {
  public var isTraining = true
  /// Input channels.
  public let inChannels: Int
  /// Output channels.
  public let outChannels: Int
  /// The side of the square kernel.
  public let kernelSize: Int
  /// The upsampling step.
  public let stride: Int
  /// Rows and columns removed from every side of the full output.
  public let padding: Int
  /// Extra rows and columns added on one side of the output.
  public let outputPadding: Int
  /// The spacing between kernel taps: each input pixel spreads over a dilated k×k pattern
  /// covering dilation·(k-1)+1 pixels.
  public let dilation: Int
  /// The number of channel groups: input channels `i·inChannels/groups..<(i+1)·inChannels/groups`
  /// feed only output channels `i·outChannels/groups..<(i+1)·outChannels/groups`.
  public let groups: Int
  /// `[inChannels, outChannels / groups, kernelSize, kernelSize]`.
  public let weight: Tensor
  /// `[outChannels]`, or `nil` without bias.
  public let bias: Tensor?

  /// Creates the layer; weights start from U(-1/√fanIn, 1/√fanIn) with PyTorch's
  /// fanIn = (outChannels / groups)·k². Throws when a size is out of range, `groups` does not
  /// divide both channel counts, or `outputPadding` is not smaller than stride or dilation.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    outputPadding: Int = 0, dilation: Int = 1, groups: Int = 1, bias: Bool = true
  ) throws {
    try AdvancedKernels.requireSizes(
      [
        "inChannels": inChannels, "outChannels": outChannels, "kernelSize": kernelSize,
        "stride": stride, "dilation": dilation, "groups": groups,
      ], op: "ConvTranspose2d")
    try AdvancedKernels.requireSizes(
      ["padding": padding, "outputPadding": outputPadding], atLeast: 0, op: "ConvTranspose2d")
    guard outputPadding < Swift.max(stride, dilation) else {
      throw TensorError.invalidArgument(
        op: "ConvTranspose2d",
        reason: "outputPadding (\(outputPadding)) must be smaller than stride (\(stride)) "
          + "or dilation (\(dilation))")
    }
    guard inChannels % groups == 0, outChannels % groups == 0 else {
      throw TensorError.invalidArgument(
        op: "ConvTranspose2d",
        reason: "groups (\(groups)) must divide inChannels (\(inChannels)) and outChannels "
          + "(\(outChannels))")
    }
    self.inChannels = inChannels
    self.outChannels = outChannels
    self.kernelSize = kernelSize
    self.stride = stride
    self.padding = padding
    self.outputPadding = outputPadding
    self.dilation = dilation
    self.groups = groups
    let fanIn = self.outChannels / groups * self.kernelSize * self.kernelSize
    let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    weight = try Tensor.initialParameter(
      [inChannels, outChannels / groups, kernelSize, kernelSize], bound: bound)
    self.bias = bias ? try Tensor.initialParameter([outChannels], bound: bound) : nil
  }

  /// The weight then the bias.
  public var parameters: [Tensor] { [weight] + (bias.map { [$0] } ?? []) }
  /// A description such as `ConvTranspose2d(64, 32, kernelSize: 4, stride: 2, padding: 1)`.
  public var description: String {
    var text = "ConvTranspose2d(\(inChannels), \(outChannels), kernelSize: \(kernelSize)"
    if stride != 1 { text += ", stride: \(stride)" }
    if padding != 0 { text += ", padding: \(padding)" }
    if outputPadding != 0 { text += ", outputPadding: \(outputPadding)" }
    if dilation != 1 { text += ", dilation: \(dilation)" }
    if groups != 1 { text += ", groups: \(groups)" }
    if bias == nil { text += ", bias: false" }
    return text + ")"
  }

  private func outputSide(_ side: Int) -> Int {
    (side - 1) * stride - 2 * padding + dilation * (kernelSize - 1) + 1 + outputPadding
  }

  /// Upsamples `[batch, inChannels, height, width]` into `[batch, outChannels, h', w']`.
  public func forward(_ input: Tensor) throws -> Tensor {
    guard kernelSize >= 1, stride >= 1, dilation >= 1, padding >= 0, outputPadding >= 0,
      outputPadding < Swift.max(stride, dilation)
    else {
      throw TensorError.invalidArgument(
        op: description,
        reason: "kernelSize, stride and dilation must be at least 1, padding at least 0, and "
          + "outputPadding smaller than stride or dilation")
    }
    guard input.rank == 4, input.shape[1] == inChannels else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "expected an input of shape [batch, \(inChannels), height, width]")
    }
    guard outputSide(input.shape[2]) >= 1, outputSide(input.shape[3]) >= 1 else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "the padding removes the whole output")
    }
    return try Tensor.transposedConvolution2d(
      input, weight: weight, bias: bias, stride: stride, padding: padding,
      outputPadding: outputPadding, dilation: dilation, groups: groups)
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard let shape = expectedOutputShape(inputShape) else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape, reason: "the input does not fit this layer")
    }
    return shape
  }

  func expectedOutputShape(_ s: [Int]) -> [Int]? {
    guard s.count == 4, s[1] == inChannels else { return nil }
    return [s[0], outChannels, outputSide(s[2]), outputSide(s[3])]
  }
}

/// Pooling over square windows of `[batch, channels, height, width]`: the shared part of
/// ``MaxPool2d`` and ``AvgPool2d``.
public class Pool2d: Layer {
  public var isTraining = true
  /// The window side.
  public let kernelSize: Int
  /// The step between windows.
  public let stride: Int
  /// Implicit padding on every side (at most half the window): -∞ for max pooling, zeros for
  /// average pooling.
  public let padding: Int
  /// Whether each window gives its largest value (max pooling) or its mean.
  let takesMaximum: Bool

  init(_ kernelSize: Int, stride: Int?, padding: Int, takesMaximum: Bool) throws {
    let name = takesMaximum ? "MaxPool2d" : "AvgPool2d"
    try AdvancedKernels.requireSizes(
      ["kernelSize": kernelSize, "stride": stride ?? kernelSize], op: name)
    guard padding >= 0, padding <= kernelSize / 2 else {
      throw TensorError.invalidArgument(
        op: name, reason: "padding must be between 0 and half the kernel size (got \(padding))")
    }
    self.kernelSize = kernelSize
    self.stride = stride ?? kernelSize
    self.padding = padding
    self.takesMaximum = takesMaximum
  }

  /// No parameters.
  public var parameters: [Tensor] { [] }

  /// A description such as `MaxPool2d(2)` or `AvgPool2d(3, stride: 2, padding: 1)`.
  public var description: String {
    var text = "\(takesMaximum ? "MaxPool2d" : "AvgPool2d")(\(kernelSize)"
    if stride != kernelSize { text += ", stride: \(stride)" }
    if padding != 0 { text += ", padding: \(padding)" }
    return text + ")"
  }

  /// The largest value or the mean of each window.
  public func forward(_ input: Tensor) throws -> Tensor {
    try checkWindow(
      input, channels: nil, kernel: kernelSize, stride: stride, padding: padding,
      layer: description)
    return try Tensor.pooling2d(
      input, kernel: kernelSize, stride: stride, padding: padding, maximum: takesMaximum)
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard let shape = expectedOutputShape(inputShape) else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape, reason: "the input does not fit this layer")
    }
    return shape
  }

  func expectedOutputShape(_ s: [Int]) -> [Int]? {
    guard s.count == 4 else { return nil }
    return [
      s[0], s[1], windowOutput(s[2], kernel: kernelSize, stride: stride, padding: padding),
      windowOutput(s[3], kernel: kernelSize, stride: stride, padding: padding),
    ]
  }
}

/// Max pooling over square windows of `[batch, channels, height, width]` (`torch.nn.MaxPool2d`);
/// padding reads as -∞. The stride defaults to the kernel size.
public final class MaxPool2d: Pool2d {
  /// Creates the layer.
  public init(_ kernelSize: Int, stride: Int? = nil, padding: Int = 0) throws {
    try super.init(kernelSize, stride: stride, padding: padding, takesMaximum: true)
  }
}

/// Average pooling over square windows (`torch.nn.AvgPool2d`, `count_include_pad=True`): each
/// output is the window's sum divided by kernelSize². The stride defaults to the kernel size.
public final class AvgPool2d: Pool2d {
  /// Creates the layer.
  public init(_ kernelSize: Int, stride: Int? = nil, padding: Int = 0) throws {
    try super.init(kernelSize, stride: stride, padding: padding, takesMaximum: false)
  }
}

/// Rearranges `[batch, C·r², H, W]` into `[batch, C, H·r, W·r]` (`torch.nn.PixelShuffle`), the
/// sub-pixel upsampling step of super-resolution networks.
public final class PixelShuffle: Layer {
  public var isTraining = true
  /// The upscale factor r.
  public let upscaleFactor: Int

  /// Creates the layer.
  public init(_ upscaleFactor: Int) throws {
    try AdvancedKernels.requireSizes(["upscaleFactor": upscaleFactor], op: "PixelShuffle")
    self.upscaleFactor = upscaleFactor
  }

  /// No parameters.
  public var parameters: [Tensor] { [] }
  /// `PixelShuffle(2)`.
  public var description: String { "PixelShuffle(\(upscaleFactor))" }

  /// `out[b, c, h·r + i, w·r + j] = in[b, c·r² + i·r + j, h, w]`.
  public func forward(_ input: Tensor) throws -> Tensor {
    let r = upscaleFactor
    guard r >= 1 else {
      throw TensorError.invalidArgument(op: description, reason: "the factor must be at least 1")
    }
    guard input.rank == 4, input.shape[1] % (r * r) == 0 else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "expected [batch, channels, height, width] with channels divisible by \(r * r)")
    }
    let (n, c, h, w) = (input.shape[0], input.shape[1] / (r * r), input.shape[2], input.shape[3])
    var source = [Int](repeating: 0, count: input.count)
    var o = 0
    for b in 0..<n {
      for ch in 0..<c {
        for y in 0..<(h * r) {
          for x in 0..<(w * r) {
            let inChannel = ch * r * r + (y % r) * r + (x % r)
            source[o] = ((b * c * r * r + inChannel) * h + y / r) * w + x / r
            o += 1
          }
        }
      }
    }
    return try input.gathering(source, shape: [n, c, h * r, w * r], op: "pixelShuffle")
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard let shape = expectedOutputShape(inputShape) else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape, reason: "the input does not fit this layer")
    }
    return shape
  }

  func expectedOutputShape(_ s: [Int]) -> [Int]? {
    let r = upscaleFactor
    guard s.count == 4, r >= 1, s[1] % (r * r) == 0 else { return nil }
    return [s[0], s[1] / (r * r), s[2] * r, s[3] * r]
  }
}

/// Nearest-neighbour upsampling of `[batch, channels, height, width]` by an integer factor
/// (`torch.nn.Upsample(scale_factor:, mode="nearest")`).
public final class Upsample: Layer {
  public var isTraining = true
  /// The integer scale factor.
  public let scaleFactor: Int

  /// Creates the layer.
  public init(scaleFactor: Int) throws {
    try AdvancedKernels.requireSizes(["scaleFactor": scaleFactor], op: "Upsample")
    self.scaleFactor = scaleFactor
  }

  /// No parameters.
  public var parameters: [Tensor] { [] }
  /// `Upsample(scaleFactor: 2)`.
  public var description: String { "Upsample(scaleFactor: \(scaleFactor))" }

  /// Repeats each pixel scaleFactor × scaleFactor times.
  public func forward(_ input: Tensor) throws -> Tensor {
    let s = scaleFactor
    guard s >= 1 else {
      throw TensorError.invalidArgument(op: description, reason: "the factor must be at least 1")
    }
    guard input.rank == 4 else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "expected [batch, channels, height, width]")
    }
    let (planes, h, w) = (input.shape[0] * input.shape[1], input.shape[2], input.shape[3])
    var source = [Int](repeating: 0, count: input.count * s * s)
    var o = 0
    for p in 0..<planes {
      for y in 0..<(h * s) {
        for x in 0..<(w * s) {
          source[o] = (p * h + y / s) * w + x / s
          o += 1
        }
      }
    }
    return try input.gathering(
      source, shape: [input.shape[0], input.shape[1], h * s, w * s], op: "upsample")
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor { try forward(input) }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard let shape = expectedOutputShape(inputShape) else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape, reason: "the input does not fit this layer")
    }
    return shape
  }

  func expectedOutputShape(_ s: [Int]) -> [Int]? {
    guard s.count == 4 else { return nil }
    return [s[0], s[1], s[2] * scaleFactor, s[3] * scaleFactor]
  }
}
