import Foundation

/// How many bias vectors a recurrent layer has per layer, for counting parameters.
public enum BiasConvention: Sendable {
  /// Two bias vectors per layer, `bias_ih` and `bias_hh`, as in PyTorch and cuDNN.
  case double
  /// One bias vector per layer, as in Keras (`SimpleRNN`, `LSTM`, and `GRU` with
  /// `reset_after=False`).
  case single
}

/// The state of a recurrent layer: hidden state `[layers · directions, batch, hidden]` and, for
/// an LSTM, the cell state of the same shape.
public struct RecurrentState {
  /// The hidden state `h`, `[layers · directions, batch, hidden]` (`[layers · directions,
  /// hidden]` for unbatched input), ordered layer 0 forward, layer 0 reverse, layer 1 forward, ...
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
  /// `[sequence, batch, directions · hidden]`, or `[batch, sequence, directions · hidden]` with
  /// `batchFirst`; a bidirectional layer puts the forward direction's features first.
  public var output: Tensor
  /// The final states, `[layers · directions, batch, hidden]`.
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
/// `torch.nn.GRU`. A bidirectional layer adds the same four tensors with the suffix `_reverse`
/// for the direction that reads the sequence backwards, and layers after the first read
/// `2 · hidden` features. Use ``RNN``, ``LSTM`` or ``GRU``.
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
  /// Whether each layer also reads the sequence backwards and concatenates both directions.
  public let bidirectional: Bool
  /// The probability of zeroing each output of every layer but the last, in training mode
  /// (PyTorch's `dropout`); 0 by default.
  public let dropout: Double
  public var isTraining = true
  let cell: RecurrentCell
  /// Per layer and direction (index `layer · directions + direction`): weight_ih, weight_hh,
  /// then (with bias) bias_ih, bias_hh.
  private let weights: [[Tensor]]
  /// The dropout between layers, when `dropout > 0` and there are several layers.
  private let interLayerDropout: Dropout?

  init(
    cell: RecurrentCell, inputSize: Int, hiddenSize: Int, layers: Int, batchFirst: Bool,
    bias: Bool, bidirectional: Bool, dropout: Double, dropoutSeed: Int?
  ) throws {
    let name = cell == .lstm ? "LSTM" : (cell == .gru ? "GRU" : "RNN")
    try AdvancedKernels.requireSizes(
      ["inputSize": inputSize, "hiddenSize": hiddenSize, "layers": layers], op: name)
    guard dropout >= 0, dropout < 1 else {
      throw TensorError.invalidArgument(
        op: name, reason: "dropout must be in 0..<1 (got \(dropout))")
    }
    self.cell = cell
    self.inputSize = inputSize
    self.hiddenSize = hiddenSize
    self.layers = layers
    self.batchFirst = batchFirst
    self.hasBias = bias
    self.bidirectional = bidirectional
    self.dropout = dropout
    interLayerDropout =
      dropout > 0 && layers > 1 ? try Dropout(dropout, seed: dropoutSeed) : nil
    // PyTorch initializes every weight and bias from U(-1/sqrt(hidden), 1/sqrt(hidden)), in the
    // order of its parameter list.
    let bound = hiddenSize > 0 ? 1 / Double(hiddenSize).squareRoot() : 0
    let width = cell.gateCount * self.hiddenSize
    let directions = bidirectional ? 2 : 1
    var all: [[Tensor]] = []
    for l in 0..<self.layers {
      let fanIn = l == 0 ? self.inputSize : directions * self.hiddenSize
      for _ in 0..<directions {
        var shapes = [[width, fanIn], [width, self.hiddenSize]]
        if bias { shapes += [[width], [width]] }
        all.append(try shapes.map { try Tensor.initialParameter($0, bound: bound) })
      }
    }
    weights = all
  }

  /// 2 for a bidirectional layer, otherwise 1.
  public var directions: Int { bidirectional ? 2 : 1 }

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
    if bidirectional { text += ", bidirectional: true" }
    if dropout != 0 { text += ", dropout: \(dropout)" }
    if cell == .relu { text += ", nonlinearity: relu" }
    return text + ")"
  }

  /// All parameters in PyTorch's order: per layer `weight_ih`, `weight_hh`, `bias_ih`,
  /// `bias_hh`, then (bidirectional) the same four for the reverse direction.
  public var parameters: [Tensor] { weights.flatMap { $0 } }

  /// The parameters with PyTorch's names (`weight_ih_l0`, ..., `weight_ih_l0_reverse`, ...), in
  /// PyTorch's order.
  public var namedParameters: [(name: String, tensor: Tensor)] {
    var result: [(name: String, tensor: Tensor)] = []
    let names = ["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
    for (index, group) in weights.enumerated() {
      let suffix = index % directions == 1 ? "_reverse" : ""
      for (i, t) in group.enumerated() {
        result.append(("\(names[i])_l\(index / directions)\(suffix)", t))
      }
    }
    return result
  }

  /// The number of trainable values when each layer has two bias vectors (PyTorch) or one
  /// (Keras). For an LSTM with input 32 and hidden 64 these are 25,088 and 24,832.
  public func parameterCount(biasConvention: BiasConvention) -> Int {
    var total = 0
    let width = cell.gateCount * hiddenSize
    for l in 0..<layers {
      let fanIn = l == 0 ? inputSize : directions * hiddenSize
      total += width * (fanIn + hiddenSize)
      if hasBias { total += biasConvention == .double ? 2 * width : width }
    }
    return total * directions
  }

  private func parameter(_ index: Int, layer: Int, reverse: Bool, name: String) throws -> Tensor {
    guard layer >= 0, layer < layers else {
      throw TensorError.indexOutOfRange(op: "\(typeName).\(name)", index: layer, size: layers)
    }
    guard !reverse || bidirectional else {
      throw TensorError.invalidArgument(
        op: "\(typeName).\(name)",
        reason: "only a layer created with bidirectional: true has reverse weights")
    }
    let group = weights[layer * directions + (reverse ? 1 : 0)]
    guard index < group.count else {
      throw TensorError.invalidArgument(
        op: "\(typeName).\(name)", reason: "this layer was created with bias: false")
    }
    return group[index]
  }

  /// `weight_ih_l{layer}` (`..._reverse` with `reverse`): `[G·hidden, input]` for layer 0,
  /// `[G·hidden, directions·hidden]` after it.
  public func weightIH(_ layer: Int = 0, reverse: Bool = false) throws -> Tensor {
    try parameter(0, layer: layer, reverse: reverse, name: "weightIH")
  }
  /// `weight_hh_l{layer}` (`..._reverse` with `reverse`): `[G·hidden, hidden]`.
  public func weightHH(_ layer: Int = 0, reverse: Bool = false) throws -> Tensor {
    try parameter(1, layer: layer, reverse: reverse, name: "weightHH")
  }
  /// `bias_ih_l{layer}` (`..._reverse` with `reverse`): `[G·hidden]`.
  public func biasIH(_ layer: Int = 0, reverse: Bool = false) throws -> Tensor {
    try parameter(2, layer: layer, reverse: reverse, name: "biasIH")
  }
  /// `bias_hh_l{layer}` (`..._reverse` with `reverse`): `[G·hidden]`.
  public func biasHH(_ layer: Int = 0, reverse: Bool = false) throws -> Tensor {
    try parameter(3, layer: layer, reverse: reverse, name: "biasHH")
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
  ///   - initialState: `h_0` (and `c_0` for an LSTM), `[layers · directions, batch,
  ///     hiddenSize]`; zeros when `nil`.
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
    let stateCount = batch * hiddenSize
    let slots = layers * directions
    let stateShape = unbatched ? [slots, hiddenSize] : [slots, batch, hiddenSize]
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
      if l > 0, let interLayerDropout {
        interLayerDropout.isTraining = isTraining
        x = try interLayerDropout(x)
      }
      var directionOutputs: [Tensor] = []
      for direction in 0..<directions {
        let slot = l * directions + direction
        let w = weights[slot]
        let hl =
          try h0?.flatSlice(offset: slot * stateCount, shape: [batch, hiddenSize], op: "select")
          ?? Tensor.zeros([batch, hiddenSize])
        var cl: Tensor? = nil
        if cell == .lstm {
          cl =
            try c0?.flatSlice(offset: slot * stateCount, shape: [batch, hiddenSize], op: "select")
            ?? Tensor.zeros([batch, hiddenSize])
        }
        // The reverse direction reads the steps last to first; its outputs are put back in
        // time order, and its final state is the one after reading step 0.
        let source = direction == 0 ? x : try x.reversingLeadingAxis()
        let packed = try Tensor.recurrentSequence(
          cell: cell, input: source, h0: hl, c0: cl, weightIH: w[0], weightHH: w[1],
          biasIH: hasBias ? w[2] : nil, biasHH: hasBias ? w[3] : nil)
        let states = try packed.flatSlice(
          offset: 0, shape: [steps, batch, hiddenSize], op: "output")
        directionOutputs.append(direction == 0 ? states : try states.reversingLeadingAxis())
        finalHidden.append(
          try packed.flatSlice(
            offset: (steps - 1) * stateCount, shape: [batch, hiddenSize], op: "hidden"))
        if cell == .lstm {
          finalCell.append(
            try packed.flatSlice(
              offset: steps * stateCount, shape: [batch, hiddenSize], op: "cell"))
        }
      }
      x =
        directions == 1
        ? directionOutputs[0] : try Tensor.concatenate(directionOutputs, axis: 2)
    }
    var output = x
    if unbatched {
      output = try x.viewed(as: [steps, directions * hiddenSize], op: "squeeze")
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
    return Array(inputShape.dropLast()) + [directions * hiddenSize]
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
  /// ``RandomGenerator/current``. `dropout` zeroes outputs of every layer but the last in
  /// training mode, with masks from `dropoutSeed` (or ``RandomGenerator/current``). Throws when
  /// a size is below 1, `dropout` is outside 0..<1, or the weights exceed the ``TensorBudget``
  /// in force.
  public init(
    inputSize: Int, hiddenSize: Int, layers: Int = 1, nonlinearity: RNNNonlinearity = .tanh,
    batchFirst: Bool = false, bias: Bool = true, bidirectional: Bool = false,
    dropout: Double = 0, dropoutSeed: Int? = nil
  ) throws {
    try super.init(
      cell: nonlinearity == .tanh ? .tanh : .relu, inputSize: inputSize, hiddenSize: hiddenSize,
      layers: layers, batchFirst: batchFirst, bias: bias, bidirectional: bidirectional,
      dropout: dropout, dropoutSeed: dropoutSeed)
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
  /// ``RandomGenerator/current``. `dropout` zeroes outputs of every layer but the last in
  /// training mode, with masks from `dropoutSeed` (or ``RandomGenerator/current``). Throws when
  /// a size is below 1, `dropout` is outside 0..<1, or the weights exceed the ``TensorBudget``
  /// in force.
  public init(
    inputSize: Int, hiddenSize: Int, layers: Int = 1, batchFirst: Bool = false, bias: Bool = true,
    bidirectional: Bool = false, dropout: Double = 0, dropoutSeed: Int? = nil
  ) throws {
    try super.init(
      cell: .lstm, inputSize: inputSize, hiddenSize: hiddenSize, layers: layers,
      batchFirst: batchFirst, bias: bias, bidirectional: bidirectional, dropout: dropout,
      dropoutSeed: dropoutSeed)
  }
}

/// A gated recurrent unit network with PyTorch's parameter layout and formulas
/// (`torch.nn.GRU`): gate blocks reset, update, new, and
/// `n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))`, `h' = (1 - z) ⊙ n + z ⊙ h`.
public final class GRU: RecurrentLayer {
  /// Creates the layers with weights drawn from U(-1/√hidden, 1/√hidden) using
  /// ``RandomGenerator/current``. `dropout` zeroes outputs of every layer but the last in
  /// training mode, with masks from `dropoutSeed` (or ``RandomGenerator/current``). Throws when
  /// a size is below 1, `dropout` is outside 0..<1, or the weights exceed the ``TensorBudget``
  /// in force.
  public init(
    inputSize: Int, hiddenSize: Int, layers: Int = 1, batchFirst: Bool = false, bias: Bool = true,
    bidirectional: Bool = false, dropout: Double = 0, dropoutSeed: Int? = nil
  ) throws {
    try super.init(
      cell: .gru, inputSize: inputSize, hiddenSize: hiddenSize, layers: layers,
      batchFirst: batchFirst, bias: bias, bidirectional: bidirectional, dropout: dropout,
      dropoutSeed: dropoutSeed)
  }
}
