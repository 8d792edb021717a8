import Foundation

/// A height and a width: the size, step, padding or dilation of a 2-D window, one value per
/// image axis. An integer literal means the same value on both axes, as an `int` does for
/// PyTorch's `kernel_size`, `stride`, `padding` and `dilation`:
///
/// ```swift
/// try Conv2d(3, 8, kernelSize: Size2D(1, 7), padding: Size2D(0, 3))  // 1×7, width kept
/// try MaxPool2d(kernelSize: Size2D(2, 1))  // halves the height only
/// ```
public struct Size2D: Hashable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
  /// The value along the height (rows).
  public var height: Int
  /// The value along the width (columns).
  public var width: Int

  /// The size `height` × `width`.
  public init(_ height: Int, _ width: Int) {
    self.height = height
    self.width = width
  }

  /// The same value on both axes.
  public init(_ side: Int) { self.init(side, side) }

  public init(integerLiteral side: Int) { self.init(side) }

  /// Whether both axes have the same value.
  public var isSquare: Bool { height == width }

  /// `Size2D(3, 5)`.
  public var description: String { "Size2D(\(height), \(width))" }

  /// `3` when square, otherwise `Size2D(3, 5)`: how layer descriptions show an argument.
  var argumentText: String { isSquare ? "\(height)" : description }

  /// Throws unless both values are at least `minimum`.
  func require(_ name: String, atLeast minimum: Int = 1, op: String) throws {
    try AdvancedKernels.requireSizes([name: Swift.min(height, width)], atLeast: minimum, op: op)
  }
}

/// Checks a sliding-window configuration and an `[N, C, H, W]` input against it.
private func checkWindow(
  _ input: Tensor, channels: Int?, kernel: Size2D, stride: Size2D, padding: Size2D,
  layer: String, allowsLargePadding: Bool = false, dilation: Size2D = 1
) throws {
  guard Swift.min(kernel.height, kernel.width, stride.height, stride.width) >= 1,
    Swift.min(padding.height, padding.width) >= 0
  else {
    throw TensorError.invalidArgument(
      op: layer,
      reason: "kernelSize and stride must be at least 1 and padding at least 0 "
        + "(got kernelSize \(kernel.argumentText), stride \(stride.argumentText), "
        + "padding \(padding.argumentText))")
  }
  if !allowsLargePadding
    && (padding.height > kernel.height / 2 || padding.width > kernel.width / 2)
  {
    throw TensorError.invalidArgument(
      op: layer,
      reason: "padding \(padding.argumentText) must be at most half the kernel size "
        + kernel.argumentText)
  }
  let channelText = channels.map(String.init) ?? "channels"
  guard input.rank == 4, channels == nil || input.shape[1] == channels else {
    throw TensorError.invalidShape(
      op: "\(layer).forward", shape: input.shape,
      reason: "expected an input of shape [batch, \(channelText), height, width]")
  }
  let h = input.shape[2] + 2 * padding.height
  let w = input.shape[3] + 2 * padding.width
  let spanH = dilation.height * (kernel.height - 1) + 1
  let spanW = dilation.width * (kernel.width - 1) + 1
  guard h >= spanH, w >= spanW else {
    let what = dilation == 1 ? "kernel" : "kernel with dilation \(dilation.argumentText)"
    throw TensorError.invalidShape(
      op: "\(layer).forward", shape: input.shape,
      reason: "the padded image (\(h)×\(w)) is smaller than the \(spanH)×\(spanW) \(what)")
  }
}

/// The output height and width of a window sweep over `height` × `width`, for summaries.
private func windowOutput(
  _ height: Int, _ width: Int, kernel: Size2D, stride: Size2D, padding: Size2D,
  dilation: Size2D = 1
) -> [Int] {
  [
    (height + 2 * padding.height - dilation.height * (kernel.height - 1) - 1)
      / Swift.max(1, stride.height) + 1,
    (width + 2 * padding.width - dilation.width * (kernel.width - 1) - 1)
      / Swift.max(1, stride.width) + 1,
  ]
}

/// A 2-D convolution over `[batch, channels, height, width]` images (`torch.nn.Conv2d`), with
/// PyTorch's weight layout `[outChannels, inChannels / groups, kernelHeight, kernelWidth]` and
/// bias `[outChannels]`. Weights and bias start from U(-1/√fanIn, 1/√fanIn), fanIn =
/// (inChannels / groups)·kernelHeight·kernelWidth.
public final class Conv2d: Layer {
  public var isTraining = true
  /// Input channels.
  public let inChannels: Int
  /// Output channels.
  public let outChannels: Int
  /// The kernel's height and width.
  public let kernelSize: Size2D
  /// The step between windows, down and across.
  public let stride: Size2D
  /// Zeros added above and below (`height`), left and right (`width`).
  public let padding: Size2D
  /// The spacing between kernel taps: a dilated k×k kernel covers dilation·(k-1)+1 pixels.
  public let dilation: Size2D
  /// The number of channel groups, each convolved with its own filters: output channels
  /// `i·outChannels/groups..<(i+1)·outChannels/groups` see only input channels
  /// `i·inChannels/groups..<(i+1)·inChannels/groups` (`groups == inChannels` is a depthwise
  /// convolution).
  public let groups: Int
  /// `[outChannels, inChannels / groups, kernelSize.height, kernelSize.width]`.
  public let weight: Tensor
  /// `[outChannels]`, or `nil` without bias.
  public let bias: Tensor?

  /// Creates the layer with a square kernel (and the same stride, padding and dilation on
  /// both axes). Throws when a size is out of range or `groups` does not divide both channel
  /// counts.
  public convenience init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    dilation: Int = 1, groups: Int = 1, bias: Bool = true
  ) throws {
    try self.init(
      inChannels, outChannels, kernelSize: Size2D(kernelSize), stride: Size2D(stride),
      padding: Size2D(padding), dilation: Size2D(dilation), groups: groups, bias: bias)
  }

  /// Creates the layer with a `kernelSize.height` × `kernelSize.width` kernel. Throws when a
  /// size is out of range or `groups` does not divide both channel counts.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: Size2D, stride: Size2D = 1,
    padding: Size2D = 0, dilation: Size2D = 1, groups: Int = 1, bias: Bool = true
  ) throws {
    try AdvancedKernels.requireSizes(
      ["inChannels": inChannels, "outChannels": outChannels, "groups": groups], op: "Conv2d")
    try kernelSize.require("kernelSize", op: "Conv2d")
    try stride.require("stride", op: "Conv2d")
    try dilation.require("dilation", op: "Conv2d")
    try padding.require("padding", atLeast: 0, op: "Conv2d")
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
    let fanIn = self.inChannels / groups * kernelSize.height * kernelSize.width
    let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    weight = try Tensor.initialParameter(
      [outChannels, inChannels / groups, kernelSize.height, kernelSize.width], bound: bound)
    self.bias = bias ? try Tensor.initialParameter([outChannels], bound: bound) : nil
  }

  /// The weight then the bias.
  public var parameters: [Tensor] { [weight] + (bias.map { [$0] } ?? []) }
  /// A description such as `Conv2d(3, 64, kernelSize: 3, padding: 1)`.
  public var description: String {
    var text = "Conv2d(\(inChannels), \(outChannels), kernelSize: \(kernelSize.argumentText)"
    if stride != 1 { text += ", stride: \(stride.argumentText)" }
    if padding != 0 { text += ", padding: \(padding.argumentText)" }
    if dilation != 1 { text += ", dilation: \(dilation.argumentText)" }
    if groups != 1 { text += ", groups: \(groups)" }
    if bias == nil { text += ", bias: false" }
    return text + ")"
  }

  /// Convolves `[batch, inChannels, height, width]` into `[batch, outChannels, h', w']`, where
  /// h' = ⌊(height + 2·padding − dilation·(kernelSize − 1) − 1) / stride⌋ + 1 with each
  /// value's height component (and w' likewise with the width components).
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
    return [s[0], outChannels]
      + windowOutput(
        s[2], s[3], kernel: kernelSize, stride: stride, padding: padding, dilation: dilation)
  }
}

/// A 2-D transposed convolution (`torch.nn.ConvTranspose2d`), weight layout
/// `[inChannels, outChannels / groups, kernelHeight, kernelWidth]`; the output height is
/// `(height - 1)·stride - 2·padding + dilation·(kernelSize - 1) + 1 + outputPadding` with each
/// value's height component, and the width likewise.
public final class ConvTranspose2d: Layer {
  public var isTraining = true
  /// Input channels.
  public let inChannels: Int
  /// Output channels.
  public let outChannels: Int
  /// The kernel's height and width.
  public let kernelSize: Size2D
  /// The upsampling step, down and across.
  public let stride: Size2D
  /// Rows (`height`) and columns (`width`) removed from both sides of the full output.
  public let padding: Size2D
  /// Extra rows and columns added on one side of the output.
  public let outputPadding: Size2D
  /// The spacing between kernel taps: each input pixel spreads over a dilated k×k pattern
  /// covering dilation·(k-1)+1 pixels.
  public let dilation: Size2D
  /// The number of channel groups: input channels `i·inChannels/groups..<(i+1)·inChannels/groups`
  /// feed only output channels `i·outChannels/groups..<(i+1)·outChannels/groups`.
  public let groups: Int
  /// `[inChannels, outChannels / groups, kernelSize.height, kernelSize.width]`.
  public let weight: Tensor
  /// `[outChannels]`, or `nil` without bias.
  public let bias: Tensor?

  /// Creates the layer with a square kernel (and the same stride, padding, output padding and
  /// dilation on both axes), as the initializer taking ``Size2D`` values does.
  public convenience init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
    outputPadding: Int = 0, dilation: Int = 1, groups: Int = 1, bias: Bool = true
  ) throws {
    try self.init(
      inChannels, outChannels, kernelSize: Size2D(kernelSize), stride: Size2D(stride),
      padding: Size2D(padding), outputPadding: Size2D(outputPadding), dilation: Size2D(dilation),
      groups: groups, bias: bias)
  }

  /// Creates the layer; weights start from U(-1/√fanIn, 1/√fanIn) with PyTorch's
  /// fanIn = (outChannels / groups)·kernelHeight·kernelWidth. Throws when a size is out of
  /// range, `groups` does not divide both channel counts, or `outputPadding` is not smaller
  /// than stride or dilation on its axis.
  public init(
    _ inChannels: Int, _ outChannels: Int, kernelSize: Size2D, stride: Size2D = 1,
    padding: Size2D = 0, outputPadding: Size2D = 0, dilation: Size2D = 1, groups: Int = 1,
    bias: Bool = true
  ) throws {
    let op = "ConvTranspose2d"
    try AdvancedKernels.requireSizes(
      ["inChannels": inChannels, "outChannels": outChannels, "groups": groups], op: op)
    try kernelSize.require("kernelSize", op: op)
    try stride.require("stride", op: op)
    try dilation.require("dilation", op: op)
    try padding.require("padding", atLeast: 0, op: op)
    try outputPadding.require("outputPadding", atLeast: 0, op: op)
    guard outputPadding.height < Swift.max(stride.height, dilation.height),
      outputPadding.width < Swift.max(stride.width, dilation.width)
    else {
      throw TensorError.invalidArgument(
        op: op,
        reason: "outputPadding (\(outputPadding.argumentText)) must be smaller than stride "
          + "(\(stride.argumentText)) or dilation (\(dilation.argumentText))")
    }
    guard inChannels % groups == 0, outChannels % groups == 0 else {
      throw TensorError.invalidArgument(
        op: op,
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
    let fanIn = self.outChannels / groups * kernelSize.height * kernelSize.width
    let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    weight = try Tensor.initialParameter(
      [inChannels, outChannels / groups, kernelSize.height, kernelSize.width], bound: bound)
    self.bias = bias ? try Tensor.initialParameter([outChannels], bound: bound) : nil
  }

  /// The weight then the bias.
  public var parameters: [Tensor] { [weight] + (bias.map { [$0] } ?? []) }
  /// A description such as `ConvTranspose2d(64, 32, kernelSize: 4, stride: 2, padding: 1)`.
  public var description: String {
    var text =
      "ConvTranspose2d(\(inChannels), \(outChannels), kernelSize: \(kernelSize.argumentText)"
    if stride != 1 { text += ", stride: \(stride.argumentText)" }
    if padding != 0 { text += ", padding: \(padding.argumentText)" }
    if outputPadding != 0 { text += ", outputPadding: \(outputPadding.argumentText)" }
    if dilation != 1 { text += ", dilation: \(dilation.argumentText)" }
    if groups != 1 { text += ", groups: \(groups)" }
    if bias == nil { text += ", bias: false" }
    return text + ")"
  }

  private func outputSides(_ height: Int, _ width: Int) -> [Int] {
    [
      (height - 1) * stride.height - 2 * padding.height
        + dilation.height * (kernelSize.height - 1) + 1 + outputPadding.height,
      (width - 1) * stride.width - 2 * padding.width + dilation.width * (kernelSize.width - 1)
        + 1 + outputPadding.width,
    ]
  }

  /// Upsamples `[batch, inChannels, height, width]` into `[batch, outChannels, h', w']`.
  public func forward(_ input: Tensor) throws -> Tensor {
    guard input.rank == 4, input.shape[1] == inChannels else {
      throw TensorError.invalidShape(
        op: "\(description).forward", shape: input.shape,
        reason: "expected an input of shape [batch, \(inChannels), height, width]")
    }
    guard outputSides(input.shape[2], input.shape[3]).allSatisfy({ $0 >= 1 }) else {
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
    return [s[0], outChannels] + outputSides(s[2], s[3])
  }
}

/// Pooling over windows of `[batch, channels, height, width]`: the shared part of
/// ``MaxPool2d`` and ``AvgPool2d``.
public class Pool2d: Layer {
  public var isTraining = true
  /// The window's height and width.
  public let kernelSize: Size2D
  /// The step between windows, down and across.
  public let stride: Size2D
  /// Implicit padding on both sides of each axis (at most half the window): -∞ for max
  /// pooling, zeros for average pooling.
  public let padding: Size2D
  /// Whether each window gives its largest value (max pooling) or its mean.
  let takesMaximum: Bool

  init(_ kernelSize: Size2D, stride: Size2D?, padding: Size2D, takesMaximum: Bool) throws {
    let name = takesMaximum ? "MaxPool2d" : "AvgPool2d"
    try kernelSize.require("kernelSize", op: name)
    try (stride ?? kernelSize).require("stride", op: name)
    guard Swift.min(padding.height, padding.width) >= 0,
      padding.height <= kernelSize.height / 2, padding.width <= kernelSize.width / 2
    else {
      throw TensorError.invalidArgument(
        op: name,
        reason: "padding must be between 0 and half the kernel size (got \(padding.argumentText))")
    }
    self.kernelSize = kernelSize
    self.stride = stride ?? kernelSize
    self.padding = padding
    self.takesMaximum = takesMaximum
  }

  /// No parameters.
  public var parameters: [Tensor] { [] }

  /// A description such as `MaxPool2d(kernelSize: 2)` or
  /// `AvgPool2d(kernelSize: 3, stride: 2, padding: 1)`.
  public var description: String {
    var text = "\(takesMaximum ? "MaxPool2d" : "AvgPool2d")(kernelSize: \(kernelSize.argumentText)"
    if stride != kernelSize { text += ", stride: \(stride.argumentText)" }
    if padding != 0 { text += ", padding: \(padding.argumentText)" }
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
    return [s[0], s[1]]
      + windowOutput(s[2], s[3], kernel: kernelSize, stride: stride, padding: padding)
  }
}

/// Max pooling over windows of `[batch, channels, height, width]` (`torch.nn.MaxPool2d`);
/// padding reads as -∞. The stride defaults to the kernel size.
public final class MaxPool2d: Pool2d {
  /// Creates the layer with a square window: `MaxPool2d(kernelSize: 2)` (PyTorch's
  /// `kernel_size`, labelled as in ``Conv2d``).
  public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) throws {
    try self.init(
      kernelSize: Size2D(kernelSize), stride: stride.map { Size2D($0) }, padding: Size2D(padding))
  }

  /// Creates the layer with a `kernelSize.height` × `kernelSize.width` window.
  public init(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0) throws {
    try super.init(kernelSize, stride: stride, padding: padding, takesMaximum: true)
  }
}

/// Average pooling (`torch.nn.AvgPool2d`, `count_include_pad=True`): each output is the
/// window's sum divided by its area. The stride defaults to the kernel size.
public final class AvgPool2d: Pool2d {
  /// Creates the layer with a square window: `AvgPool2d(kernelSize: 2)` (PyTorch's
  /// `kernel_size`, labelled as in ``Conv2d``).
  public convenience init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) throws {
    try self.init(
      kernelSize: Size2D(kernelSize), stride: stride.map { Size2D($0) }, padding: Size2D(padding))
  }

  /// Creates the layer with a `kernelSize.height` × `kernelSize.width` window.
  public init(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0) throws {
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
