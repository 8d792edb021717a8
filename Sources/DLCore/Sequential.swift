/// Layers applied one after another (PyTorch's `nn.Sequential`).
///
/// ```swift
/// let net = try Sequential(Linear(2, 4), ReLU(), Linear(4, 3), ReLU(), Linear(3, 2))
/// net.parameterCount  // 35
/// net.summary().rows  // layer, output shape, parameters
/// ```
public final class Sequential: Layer {
  /// The layers in order.
  public let layers: [any Layer]

  /// Creates a network from layers in order.
  public init(_ layers: any Layer...) {
    self.layers = layers
  }

  /// Creates a network from an array of layers.
  public init(_ layers: [any Layer]) {
    self.layers = layers
  }

  /// Creates a network from a builder block.
  public init(@LayerBuilder _ build: () throws -> [any Layer]) rethrows {
    self.layers = try build()
  }

  public var isTraining: Bool {
    get { layers.allSatisfy { $0.isTraining } }
    set { for layer in layers { layer.isTraining = newValue } }
  }

  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    var x = input
    var i = 0
    while i < layers.count {
      // Linear followed by ReLU runs as one fused operation (same values, less memory traffic).
      do {
        if let linear = layers[i] as? Linear, i + 1 < layers.count, layers[i + 1] is ReLU {
          x = try Tensor.linear(x, weight: linear.weight, bias: linear.bias, relu: true)
          i += 2
          continue
        }
        x = try layers[i](x)
      } catch let error as TensorError {
        if case .deadlinePassed = error { throw error }
        throw TensorError.inLayer(index: i, layer: layers[i].summaryName, underlying: error)
      }
      i += 1
    }
    return x
  }

  public var parameters: [Tensor] { layers.flatMap { $0.parameters } }

  public var inputShape: [Int]? { layers.first?.inputShape }

  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    var shape = inputShape
    for layer in layers { shape = try layer.outputShape(for: shape) }
    return shape
  }

  /// The number of layers.
  public var count: Int { layers.count }

  /// The layer at `index`.
  public subscript(index: Int) -> any Layer {
    get throws {
      guard layers.indices.contains(index) else {
        throw TensorError.indexOutOfRange(
          op: "Sequential[\(index)]", index: index, size: layers.count)
      }
      return layers[index]
    }
  }

  /// A Keras-like summary: one row per layer with its output shape and parameter count.
  ///
  /// - Parameter inputShape: the shape of one input sample, without the batch dimension;
  ///   inferred from the first layer when it fixes one (such as `Linear`). When no shape is
  ///   known, output shapes are left empty.
  public func summary(inputShape: [Int]? = nil) -> ModelSummary {
    var shape: [Int]? = (inputShape ?? self.inputShape).map { [1] + $0 }
    var rows: [ModelSummary.Row] = []
    for layer in layers {
      if let current = shape {
        shape = try? layer.outputShape(for: current)
      }
      rows.append(
        ModelSummary.Row(
          layer: layer.summaryName, outputShape: shape.map { [nil] + $0.dropFirst().map { $0 } },
          parameters: layer.parameterCount))
    }
    return ModelSummary(rows: rows)
  }

  public var description: String {
    "Sequential(\n" + layers.enumerated().map { "  (\($0)): \($1)" }.joined(separator: "\n") + "\n)"
  }
}

/// A network summary as data: rows of layer name, output shape and parameter count.
public struct ModelSummary: CustomStringConvertible, Sendable, Equatable {
  /// One layer of the summary.
  public struct Row: Sendable, Equatable {
    /// The layer's short name, such as `Linear(2, 4)`.
    public let layer: String
    /// The output shape; the batch dimension is `nil`. `nil` when unknown.
    public let outputShape: [Int?]?
    /// The number of trainable scalars.
    public let parameters: Int

    /// The output shape written as Keras does: `(None, 4)`, or `?` when unknown.
    public var outputShapeText: String {
      guard let outputShape else { return "?" }
      return "(" + outputShape.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + ")"
    }
  }

  /// The rows, one per layer.
  public let rows: [Row]

  /// The column titles for ``table``.
  public static let header = ["Layer", "Output shape", "Parameters"]

  /// The total number of trainable scalars.
  public var totalParameters: Int { rows.reduce(0) { $0 + $1.parameters } }

  /// The rows as strings, in the order of ``header``.
  public var table: [[String]] {
    rows.map { [$0.layer, $0.outputShapeText, String($0.parameters)] }
  }

  /// A plain-text table with a total line.
  public var description: String {
    let all = [ModelSummary.header] + table
    var widths = [0, 0, 0]
    for row in all {
      for (i, cell) in row.enumerated() { widths[i] = Swift.max(widths[i], cell.count) }
    }
    func line(_ row: [String]) -> String {
      row.enumerated().map { i, cell in
        i == 2
          ? String(repeating: " ", count: widths[i] - cell.count) + cell
          : cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ")
    }
    let rule = String(repeating: "-", count: widths.reduce(4, +))
    return
      ([line(ModelSummary.header), rule] + table.map(line) + [
        rule, "Total parameters: \(totalParameters)",
      ])
      .joined(separator: "\n")
  }
}

/// Builds the layer list of a ``Sequential`` from a block.
@resultBuilder
public enum LayerBuilder {
  // The standard result-builder entry points: single layers, arrays, `if`, `if`/`else`, `for`.
  public static func buildExpression(_ layer: any Layer) -> [any Layer] { [layer] }
  public static func buildExpression(_ layers: [any Layer]) -> [any Layer] { layers }
  public static func buildBlock(_ parts: [any Layer]...) -> [any Layer] { parts.flatMap { $0 } }
  public static func buildOptional(_ part: [any Layer]?) -> [any Layer] { part ?? [] }
  public static func buildEither(first part: [any Layer]) -> [any Layer] { part }
  public static func buildEither(second part: [any Layer]) -> [any Layer] { part }
  public static func buildArray(_ parts: [[any Layer]]) -> [any Layer] { parts.flatMap { $0 } }
}
