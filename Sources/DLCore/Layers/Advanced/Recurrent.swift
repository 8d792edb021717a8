import Foundation

/// How many bias vectors a recurrent layer has per layer, for counting parameters.
public enum BiasConvention: Sendable {
  /// Two bias vectors per layer, `bias_ih` and `bias_hh`, as in PyTorch and cuDNN.
  case double
  /// One bias vector per layer, as in Keras (`SimpleRNN`, `LSTM`, and `GRU` with
  /// `reset_after=False`).
  case single
}

/// The state of a recurrent layer: hidden state `[layers, batch, hidden]` and, for an LSTM,
/// the cell state of the same shape.
public struct RecurrentState {
  /// The hidden state `h`, `[layers, batch, hidden]` (`[layers, hidden]` for unbatched input).
  public var hidden: Tensor
  /// The LSTM cell state `c`, shaped like `hidden`; `nil` for RNN and GRU.
  public var cell: Tensor?

  /// Creates a state.
  public init(hidden: Tensor, cell: Tensor? = nil) {
    self.hidden = hidden
    self.cell = cell
  }
}

/// What a recurrent layer returns for a sequence: the last layer's hidden state at every step
/// and the final state of every layer (PyTorch's `output, h_n` or `output, (h_n, c_n)`).
public struct RecurrentOutput {
  /// `[sequence, batch, hidden]`, or `[batch, sequence, hidden]` with `batchFirst`.
  public var output: Tensor
  /// The final states, `[layers, batch, hidden]`.
  public var state: RecurrentState
  /// The final hidden state `h_n`.
  public var hidden: Tensor { state.hidden }
  /// The final LSTM cell state `c_n` (`nil` for RNN and GRU).
  public var cell: Tensor? { state.cell }
}

/// A multi-layer recurrent network with PyTorch's parameter layout: layer `l` has
/// `weight_ih_l{l}` `[G·hidden, input]`, `weight_hh_l{l}` `[G·hidden, hidden]`, `bias_ih_l{l}`
/// and `bias_hh_l{l}` `[G·hidden]`, where G is 1 (RNN), 4 (LSTM: gates i, f, g, o) or 3
/// (GRU: gates r, z, n), exactly as documented for `torch.nn.RNN`, `torch.nn.LSTM` and
/// `torch.nn.GRU`. Use ``RNN``, ``LSTM`` or ``GRU``.
public class RecurrentLayer: Layer {
  /// The number of features of each input step.
  public let inputSize: Int
  /// The number of features of the hidden state.
  public let hiddenSize: Int
  /// The number of stacked layers.
  public let layers: Int
  /// Whether inputs and outputs are `[batch, sequence, feature]` rather than
  /// `[sequence, batch, feature]`.
  public let batchFirst: Bool
  /// Whether the layers have bias vectors.
  public let hasBias: Bool
  public var isTraining = true
  let cell: RecurrentCell
  /// Per layer: weight_ih, weight_hh, then (with bias) bias_ih, bias_hh.
  private let weights: [[Tensor]]

  init(
    cell: RecurrentCell, inputSize: Int, hiddenSize: Int, layers: Int, batchFirst: Bool,
    bias: Bool
  ) throws {
    let name = cell == .lstm ? "LSTM" : (cell == .gru ? "GRU" : "RNN")
    try AdvancedKernels.requireSizes(
      ["inputSize": inputSize, "hiddenSize": hiddenSize, "layers": layers], op: name)
    self.cell = cell
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.layers = layers
    self.batchFirst = batchFirst
    self.hasBias = bias
    // PyTorch initializes every weight and bias from U(-1/sqrt(hidden), 1/sqrt(hidden)).
    let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
    let width = cell.gateCount * self.hiddenSize
    var all: [[Tensor]] = []
    for l in 0..<self.layers {
      let fanIn = l == 0 ? self.inputSize : self.hiddenSize
      var shapes = [[width, fanIn], [width, self.hiddenSize]]
      if bias { shapes += [[width], [width]] }
      all.append(try shapes.map { try Tensor.initialParameter($0, bound: bound) })
    }
    weights = all
  }

  /// The layer's name as PyTorch prints it, e.g. `LSTM(32, 64)`.
  var typeName: String {
    switch cell {
    case .tanh, .relu: "RNN"
    case .lstm: "LSTM"
    case .gru: "GRU"
    }
  }

  /// A description such as `LSTM(32, 64, layers: 2, batchFirst: true)`.
  public var description: String {
    var text = "\(typeName)(\(inputSize), \(hiddenSize)"
    if layers != 1 { text += ", layers: \(layers)" }
    if batchFirst { text += ", batchFirst: true" }
    if !hasBias { text += ", bias: false" }
    if cell == .relu { text += ", nonlinearity: relu" }
    return text + ")"
  }

  /// All parameters in PyTorch's order: per layer `weight_ih`, `weight_hh`, `bias_ih`, `bias_hh`.
  public var parameters: [Tensor] { weights.flatMap { $0 } }

  /// The parameters with PyTorch's names (`weight_ih_l0`, ...), in PyTorch's order.
  public var namedParameters: [(name: String, tensor: Tensor)] {
    var result: [(name: String, tensor: Tensor)] = []
    let names = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
    for (l, group) in weights.enumerated() {
      for (i, t) in group.enumerated() { result.append(("\(names[i])_l\(l)", t)) }
    }
    return result
  }

  /// The number of trainable values when each layer has two bias vectors (PyTorch) or one
  /// (Keras). For an LSTM with input 32 and hidden 64 these are 25,088 and 24,832.
  public func parameterCount(biasConvention: BiasConvention) -> Int {
    var total = 0
    let width = cell.gateCount * hiddenSize
    for l in 0..<layers {
      let fanIn = l == 0 ? inputSize : hiddenSize
      total += width * (fanIn + hiddenSize)
      if hasBias { total += biasConvention == .double ? 2 * width : width }
    }
    return total
  }

  private func parameter(_ index: Int, layer: Int, name: String) throws -> Tensor {
    guard layer >= 0, layer < layers else {
      throw TensorError.indexOutOfRange(op: "\(typeName).\(name)", index: layer, size: layers)
    }
    guard index < weights[layer].count else {
      throw TensorError.invalidArgument(
        op: "\(typeName).\(name)", reason: "this layer was created with bias: false")
    }
    return weights[layer][index]
  }

  /// `weight_ih_l{layer}`: `[G·hidden, input]` (layer 0) or `[G·hidden, hidden]`.
  public func weightIH(_ layer: Int = 0) throws -> Tensor {
    try parameter(0, layer: layer, name: "weightIH")
  }
  /// `weight_hh_l{layer}`: `[G·hidden, hidden]`.
  public func weightHH(_ layer: Int = 0) throws -> Tensor {
    try parameter(1, layer: layer, name: "weightHH")
  }
  /// `bias_ih_l{layer}`: `[G·hidden]`.
  public func biasIH(_ layer: Int = 0) throws -> Tensor {
    try parameter(2, layer: layer, name: "biasIH")
  }
  /// `bias_hh_l{layer}`: `[G·hidden]`.
  public func biasHH(_ layer: Int = 0) throws -> Tensor {
    try parameter(3, layer: layer, name: "biasHH")
  }

  /// The output sequence for `input` from a zero initial state (the `output` of
  /// ``forward(_:initialState:)``).
  public func forward(_ input: Tensor) throws -> Tensor {
    try forward(input, initialState: nil).output
  }

  /// Runs the layers over a sequence.
  ///
  /// - Parameters:
  ///   - input: `[sequence, batch, inputSize]` (`[batch, sequence, inputSize]` with
  ///     `batchFirst`), or unbatched `[sequence, inputSize]`.
  ///   - initialState: `h_0` (and `c_0` for an LSTM), `[layers, batch, hiddenSize]`; zeros when
  ///     `nil`.
  /// - Returns: the output sequence and the final states. Gradients flow through time to the
  ///   input, the initial state and every parameter.
  public func forward(_ input: Tensor, initialState: RecurrentState?) throws -> RecurrentOutput {
    let op = "\(description).forward"
    let layout = batchFirst ? "[batch, sequence, \(inputSize)]" : "[sequence, batch, \(inputSize)]"
    guard input.rank == 3 || input.rank == 2, input.shape.last == inputSize else {
      throw TensorError.invalidShape(
        op: op, shape: input.shape,
        reason: "expected an input of shape \(layout) or unbatched [sequence, \(inputSize)]")
    }
    let unbatched = input.rank == 2
    var x = input
    if unbatched {
      x = try input.viewed(as: [input.shape[0], 1, inputSize], op: "unsqueeze")
    } else if batchFirst {
      x = try input.swappingLeadingAxes()
    }
    let steps = x.shape[0]
    let batch = x.shape[1]
    guard steps > 0 else {
      throw TensorError.invalidShape(
        op: op, shape: input.shape, reason: "the sequence must have at least one step")
    }
    let stateShape = unbatched ? [layers, hiddenSize] : [layers, batch, hiddenSize]
    let stateCount = batch * hiddenSize
    func checkState(_ t: Tensor?, _ name: String) throws -> Tensor? {
      guard let t else { return nil }
      guard t.shape == stateShape else {
        throw TensorError.shapeMismatch(
          op: op, lhs: stateShape, rhs: t.shape,
          reason: "the initial \(name) state must have shape \(Tensor.format(shape: stateShape))")
      }
      return t
    }
    let h0 = try checkState(initialState?.hidden, "hidden")
    let c0 = cell == .lstm ? try checkState(initialState?.cell, "cell") : nil
    if initialState?.cell != nil, cell != .lstm {
      throw TensorError.invalidArgument(
        op: op, reason: "only an LSTM has a cell state; pass RecurrentState(hidden:) only")
    }

    var finalHidden: [Tensor] = []
    var finalCell: [Tensor] = []
    for l in 0..<layers {
      let w = weights[l]
      let hl =
        try h0?.flatSlice(offset: l * stateCount, shape: [batch, hiddenSize], op: "select")
        ?? Tensor.zeros([batch, hiddenSize])
      var cl: Tensor? = nil
      if cell == .lstm {
        cl =
          try c0?.flatSlice(offset: l * stateCount, shape: [batch, hiddenSize], op: "select")
          ?? Tensor.zeros([batch, hiddenSize])
      }
      let packed = try Tensor.recurrentSequence(
        cell: cell, input: x, h0: hl, c0: cl, weightIH: w[0], weightHH: w[1],
        biasIH: hasBias ? w[2] : nil, biasHH: hasBias ? w[3] : nil)
      x = try packed.flatSlice(offset: 0, shape: [steps, batch, hiddenSize], op: "output")
      finalHidden.append(
        try packed.flatSlice(
          offset: (steps - 1) * stateCount, shape: [batch, hiddenSize], op: "hidden"))
      if cell == .lstm {
        finalCell.append(
          try packed.flatSlice(
            offset: steps * stateCount, shape: [batch, hiddenSize], op: "cell"))
      }
    }
    var output = x
    if unbatched {
      output = try x.viewed(as: [steps, hiddenSize], op: "squeeze")
    } else if batchFirst {
      output = try x.swappingLeadingAxes()
    }
    let hidden = try Tensor.flatConcatenation(finalHidden, shape: stateShape, op: "stack")
    let cellState =
      cell == .lstm
      ? try Tensor.flatConcatenation(finalCell, shape: stateShape, op: "stack") : nil
    return RecurrentOutput(output: output, state: RecurrentState(hidden: hidden, cell: cellState))
  }

  /// The output sequence for `input` from a zero initial state.
  public func callAsFunction(_ input: Tensor) throws -> Tensor {
    try forward(input)
  }

  /// Summaries show the shape of the output sequence.
  public func outputShape(for inputShape: [Int]) throws -> [Int] {
    guard inputShape.count == 2 || inputShape.count == 3, inputShape.last == inputSize else {
      throw TensorError.invalidShape(
        op: description, shape: inputShape, reason: "expected a last dimension of \(inputSize)")
    }
    return Array(inputShape.dropLast()) + [hiddenSize]
  }
}

/// The nonlinearity of an Elman ``RNN``.
public enum RNNNonlinearity: Sendable {
  /// `tanh`, PyTorch's default.
  case tanh
  /// `relu`.
  case relu
}

/// An Elman recurrent network, `h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh)`, with
/// PyTorch's parameter layout (`torch.nn.RNN`).
///
/// ```swift
/// RNN(inputSize: 32, hiddenSize: 64).parameterCount  // 6272
/// ```
public final class RNN: RecurrentLayer {
  /// Creates the layers with weights drawn from U(-1/√hidden, 1/√hidden) using
  /// ``RandomGenerator/current``. Throws when a size is below 1 or the weights exceed the
  /// ``TensorBudget`` in force.
  public init(
    inputSize: Int, hiddenSize: Int, layers: Int = 1, nonlinearity: RNNNonlinearity = .tanh,
    batchFirst: Bool = false, bias: Bool = true
  ) throws {
    try super.init(
      cell: nonlinearity == .tanh ? .tanh : .relu, inputSize: inputSize, hiddenSize: hiddenSize,
      layers: layers, batchFirst: batchFirst, bias: bias)
  }
}

/// A long short-term memory network with PyTorch's parameter layout (`torch.nn.LSTM`): the
/// four gate blocks of `weight_ih`/`weight_hh` are stacked in the order input, forget, cell,
/// output.
///
/// ```swift
/// LSTM(inputSize: 32, hiddenSize: 64).parameterCount  // 25088
/// ```
public final class LSTM: RecurrentLayer {
  /// Creates the layers with weights drawn from U(-1/√hidden, 1/√hidden) using
  /// ``RandomGenerator/current``. Throws when a size is below 1 or the weights exceed the
  /// ``TensorBudget`` in force.
  public init(
    inputSize: Int, hiddenSize: Int, layers: Int = 1, batchFirst: Bool = false, bias: Bool = true
  ) throws {
    try super.init(
      cell: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, layers: layers,
      batchFirst: batchFirst, bias: bias)
  }
}

/// A gated recurrent unit network with PyTorch's parameter layout and formulas
/// (`torch.nn.GRU`): gate blocks reset, update, new, and
/// `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`, `h' = (1 - z) ⊙ n + z ⊙ h`.
public final class GRU: RecurrentLayer {
  /// Creates the layers with weights drawn from U(-1/√hidden, 1/√hidden) using
  /// ``RandomGenerator/current``. Throws when a size is below 1 or the weights exceed the
  /// ``TensorBudget`` in force.
  public init(
    inputSize: Int, hiddenSize: Int, layers: Int = 1, batchFirst: Bool = false, bias: Bool = true
  ) throws {
    try super.init(
      cell: .gru, inputSize: inputSize, hiddenSize: hiddenSize, layers: layers,
      batchFirst: batchFirst, bias: bias)
  }
}
