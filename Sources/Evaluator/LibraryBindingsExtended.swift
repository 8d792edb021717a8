import Charts
import DLCore

// The rest of the DLCore and Charts surface that answer keys reach for: recurrent parameter
// conventions, normalization statistics, attention weights, upsampling layers, regression
// data and multi-series charts. Same one-line-per-member style as LibraryBindings.swift.

extension Builtins {
  /// Adds members to a type bound earlier under `name`.
  func extend<T>(_ name: String, _ type: T.Type, _ body: (TypeBinder<T>) -> Void) {
    guard let native = natives[name] else { return }
    body(TypeBinder(native: native, builtins: self))
  }
}

private func biasConvention(_ a: ArgReader, _ i: Int) throws -> BiasConvention {
  switch try a.member(i) {
  case "single": return .single
  case "double": return .double
  case let other: throw EvalError("type 'BiasConvention' has no member '\(other)'")
  }
}

private func recurrentMembers<T: RecurrentLayer>(_ t: TypeBinder<T>) {
  t.method("parameterCount", ["biasConvention"], throws: false) { l, a in
    l.parameterCount(biasConvention: try biasConvention(a, 0))
  }
  t.method("forward", [nil]) { l, a in try l.forward(a.tensor(0)) }
  t.method("forward", [nil, "initialState"]) { l, a in
    try l.forward(a.tensor(0), initialState: a.optionalRecurrentState(1))
  }
  t.method("weightIH", [nil, "reverse"], required: 0) { l, a in
    try l.weightIH(a.int(0, default: 0), reverse: a.bool(1, default: false))
  }
  t.method("weightHH", [nil, "reverse"], required: 0) { l, a in
    try l.weightHH(a.int(0, default: 0), reverse: a.bool(1, default: false))
  }
  t.method("biasIH", [nil, "reverse"], required: 0) { l, a in
    try l.biasIH(a.int(0, default: 0), reverse: a.bool(1, default: false))
  }
  t.method("biasHH", [nil, "reverse"], required: 0) { l, a in
    try l.biasHH(a.int(0, default: 0), reverse: a.bool(1, default: false))
  }
  t.property("bidirectional") { $0.bidirectional }
  t.property("directions") { $0.directions }
  t.property("dropout") { $0.dropout }
  t.property("inputSize") { $0.inputSize }
  t.property("hiddenSize") { $0.hiddenSize }
  t.property("layers") { $0.layers }
  t.property("batchFirst") { $0.batchFirst }
  t.property("hasBias") { $0.hasBias }
  t.property("namedParameters") { l in
    l.namedParameters.map {
      Value.tuple(
        TupleValue(
          labels: ["name", "tensor"], items: [.string($0.name), t.builtins.wrap($0.tensor)]))
    }
  }
}

/// The full initializer of RNN, LSTM and GRU (LibraryBindings.swift binds the common prefix),
/// with `bidirectional`, `dropout` and `dropoutSeed`.
private func recurrentInitializer<T: RecurrentLayer>(
  _ t: TypeBinder<T>, nonlinearity: Bool,
  _ make: @escaping (ArgReader, _ next: Int) throws -> T
) {
  var labels: [String?] = ["inputSize", "hiddenSize", "layers"]
  if nonlinearity { labels.append("nonlinearity") }
  labels += ["batchFirst", "bias", "bidirectional", "dropout", "dropoutSeed"]
  t.initializer(labels, required: 2) { a in try make(a, nonlinearity ? 4 : 3) }
}

private func normalizationMembers<T: BatchNormalization>(_ t: TypeBinder<T>) {
  t.property("weight") { $0.weight as Any }
  t.property("bias") { $0.bias as Any }
  t.property("gamma") { $0.gamma as Any }
  t.property("beta") { $0.beta as Any }
  t.property("runningMean") { $0.runningMean }
  t.property("runningVariance") { $0.runningVariance }
  t.property("features") { $0.features }
  // `Double?` wrapped by hand: `as Any` would unwrap it to a plain Double
  t.property("momentum") { l in Value.optional(l.momentum.map { .double($0) }) }
  t.property("epsilon") { $0.epsilon }
  t.property("affine") { $0.affine }
  t.property("trackRunningStatistics") { $0.trackRunningStatistics }
  t.property("batchesTracked") { $0.batchesTracked }
  t.method("forward", [nil]) { l, a in try l.forward(a.tensor(0)) }
}

/// The members Conv2d, ConvTranspose2d and the pools share.
private func windowMembers<T: Layer>(
  _ t: TypeBinder<T>, kernelSize: @escaping (T) -> Size2D, stride: @escaping (T) -> Size2D,
  padding: @escaping (T) -> Size2D, forward: @escaping (T, Tensor) throws -> Tensor
) {
  t.property("kernelSize") { kernelSize($0) }
  t.property("stride") { stride($0) }
  t.property("padding") { padding($0) }
  t.method("forward", [nil]) { l, a in try forward(l, a.tensor(0)) }
}

/// `Residual(a, b, c)` and `Residual([a, b, c])`, as in Swift.
private func residualInitializers(_ t: TypeBinder<Residual>) {
  var variadic = Overload([], required: 0) { [unowned builtins = t.builtins] a in
    builtins.wrap(Residual(try a.layerList("Residual")))
  }
  variadic.variadicLabels = []
  t.native.initializers.append(variadic)
}

func installExtendedBindings(_ b: Builtins) {
  b.bind("ModelSummary", ModelSummary.self) { t in
    t.describe { $0.description }
    t.display { summary in
      .table(
        DisplayTable(
          header: ModelSummary.header, rows: summary.table, numericColumns: [2],
          footer: "Total parameters: \(summary.totalParameters)"))
    }
    t.property("totalParameters") { $0.totalParameters }
  }
  b.extend("RNN", RNN.self) { t in
    recurrentMembers(t)
    recurrentInitializer(t, nonlinearity: true) { a, i in
      let nonlinearity: RNNNonlinearity = try a.has(3) && a.member(3) == "relu" ? .relu : .tanh
      return try RNN(
        inputSize: a.int(0), hiddenSize: a.int(1), layers: a.int(2, default: 1),
        nonlinearity: nonlinearity, batchFirst: a.bool(i, default: false),
        bias: a.bool(i + 1, default: true), bidirectional: a.bool(i + 2, default: false),
        dropout: a.double(i + 3, default: 0), dropoutSeed: a.optionalInt(i + 4))
    }
  }
  b.extend("LSTM", LSTM.self) { t in
    recurrentMembers(t)
    recurrentInitializer(t, nonlinearity: false) { a, i in
      try LSTM(
        inputSize: a.int(0), hiddenSize: a.int(1), layers: a.int(2, default: 1),
        batchFirst: a.bool(i, default: false), bias: a.bool(i + 1, default: true),
        bidirectional: a.bool(i + 2, default: false), dropout: a.double(i + 3, default: 0),
        dropoutSeed: a.optionalInt(i + 4))
    }
  }
  b.extend("GRU", GRU.self) { t in
    recurrentMembers(t)
    recurrentInitializer(t, nonlinearity: false) { a, i in
      try GRU(
        inputSize: a.int(0), hiddenSize: a.int(1), layers: a.int(2, default: 1),
        batchFirst: a.bool(i, default: false), bias: a.bool(i + 1, default: true),
        bidirectional: a.bool(i + 2, default: false), dropout: a.double(i + 3, default: 0),
        dropoutSeed: a.optionalInt(i + 4))
    }
  }
  b.extend("Conv2d", Conv2d.self) { t in
    t.initializer(
      [nil, nil, "kernelSize", "stride", "padding", "dilation", "groups", "bias"], required: 3
    ) { a in
      try Conv2d(
        a.int(0), a.int(1), kernelSize: a.size2D(2), stride: a.size2D(3, default: 1),
        padding: a.size2D(4, default: 0), dilation: a.size2D(5, default: 1),
        groups: a.int(6, default: 1), bias: a.bool(7, default: true))
    }
    t.property("dilation") { $0.dilation }
    t.property("groups") { $0.groups }
  }
  b.bind("RecurrentState", RecurrentState.self) { t in
    t.initializer(["hidden", "cell"], required: 1, throws: false) { a in
      RecurrentState(hidden: try a.tensor(0), cell: try a.optionalTensor(1))
    }
    t.property("hidden") { $0.hidden }
    t.property("cell") { $0.cell as Any }
  }
  b.bind("RecurrentOutput", RecurrentOutput.self) { t in
    t.property("output") { $0.output }
    t.property("state") { $0.state }
    t.property("hidden") { $0.hidden }
    t.property("cell") { $0.cell as Any }
  }
  b.bind("Size2D", Size2D.self) { t in
    t.initializer([nil, nil], throws: false) { a in Size2D(try a.int(0), try a.int(1)) }
    t.initializer([nil], throws: false) { a in Size2D(try a.int(0)) }
    t.describe { $0.description }
    t.property("height") { $0.height }
    t.property("width") { $0.width }
    t.property("isSquare") { $0.isSquare }
  }
  layer(b, "Residual", Residual.self) { t in
    residualInitializers(t)
    t.property("body") { $0.body }
  }
  b.extend("Tensor", Tensor.self) { t in t.method("gelu") { x, _ in try x.gelu() } }
  b.extend("Conv2d", Conv2d.self) { t in
    windowMembers(
      t, kernelSize: \.kernelSize, stride: \.stride, padding: \.padding,
      forward: { try $0.forward($1) })
    t.property("inChannels") { $0.inChannels }
    t.property("outChannels") { $0.outChannels }
    t.property("weight") { $0.weight }
    t.property("bias") { $0.bias as Any }
  }
  b.extend("MaxPool2d", MaxPool2d.self) { t in
    windowMembers(
      t, kernelSize: \.kernelSize, stride: \.stride, padding: \.padding,
      forward: { try $0.forward($1) })
  }
  b.extend("AvgPool2d", AvgPool2d.self) { t in
    windowMembers(
      t, kernelSize: \.kernelSize, stride: \.stride, padding: \.padding,
      forward: { try $0.forward($1) })
  }
  b.extend("PatchEmbedding", PatchEmbedding.self) { t in
    t.property("imageSize") { $0.imageSize }
    t.property("patchSize") { $0.patchSize }
    t.property("channels") { $0.channels }
    t.property("embedDim") { $0.embedDim }
    t.property("projection") { $0.projection }
    t.property("classToken") { $0.classToken as Any }
    t.property("positionEmbedding") { $0.positionEmbedding as Any }
    t.property("patchCount") { $0.patchCount }
    t.property("tokenCount") { $0.tokenCount }
  }
  b.extend("ViT", ViT.self) { t in
    // Swift's `channels` defaults to 3
    t.initializer(
      ["imageSize", "patchSize", "embedDim", "depth", "heads", "mlpDim", "classes"]
    ) { a in
      try ViT(
        imageSize: a.int(0), patchSize: a.int(1), embedDim: a.int(2), depth: a.int(3),
        heads: a.int(4), mlpDim: a.int(5), classes: a.int(6))
    }
    t.property("patchEmbedding") { $0.patchEmbedding }
    t.property("blocks") { $0.blocks }
    t.property("norm") { $0.norm }
    t.property("headWeight") { $0.headWeight }
    t.property("headBias") { $0.headBias }
    t.method("encode", [nil]) { l, a in try l.encode(a.tensor(0)) }
  }
  b.extend("LayerNorm", LayerNorm.self) { t in
    t.property("normalizedShape") { $0.normalizedShape }
    t.property("epsilon") { $0.epsilon }
    t.property("gamma") { $0.gamma as Any }
    t.property("beta") { $0.beta as Any }
    t.method("forward", [nil]) { l, a in try l.forward(a.tensor(0)) }
  }
  b.extend("BatchNorm1d", BatchNorm1d.self) { normalizationMembers($0) }
  b.extend("BatchNorm2d", BatchNorm2d.self) { normalizationMembers($0) }
  b.extend("LayerNorm", LayerNorm.self) { t in
    t.property("weight") { $0.weight as Any }
    t.property("bias") { $0.bias as Any }
  }
  b.bind("AttentionOutput", AttentionOutput.self) { t in
    t.property("output") { $0.output }
    t.property("weights") { $0.weights }
  }
  b.extend("MultiHeadAttention", MultiHeadAttention.self) { t in
    t.property("embedDim") { $0.embedDim }
    t.property("heads") { $0.heads }
    t.property("causal") { $0.causal }
    t.property("inProjectionWeight") { $0.inProjectionWeight }
    t.property("inProjectionBias") { $0.inProjectionBias }
    t.property("outProjectionWeight") { $0.outProjectionWeight }
    t.property("outProjectionBias") { $0.outProjectionBias }
    t.method("attend", [nil, "causal", "keyPaddingMask"], required: 1) { l, a in
      try l.attend(
        a.tensor(0), causal: a.has(1) ? a.bool(1) : nil, keyPaddingMask: a.optionalTensor(2))
    }
    t.method("attend", [nil, nil, nil, "causal", "keyPaddingMask"], required: 3) { l, a in
      try l.attend(
        a.tensor(0), a.tensor(1), a.tensor(2), causal: a.bool(3, default: false),
        keyPaddingMask: a.optionalTensor(4))
    }
  }
  layer(b, "TransformerEncoderBlock", TransformerEncoderBlock.self) { t in
    t.initializer(
      ["embedDim", "heads", "mlpDim", "normFirst", "activation", "causal"], required: 3
    ) { a in
      let activation: TransformerActivation =
        try a.has(4) && a.member(4) == "relu" ? .relu : .gelu
      if a.has(4), try a.member(4) != "relu", try a.member(4) != "gelu" {
        throw EvalError("type 'TransformerActivation' has no member '\(try a.member(4))'")
      }
      return try TransformerEncoderBlock(
        embedDim: a.int(0), heads: a.int(1), mlpDim: a.int(2), normFirst: a.bool(3, default: true),
        activation: activation, causal: a.bool(5, default: false))
    }
    t.property("attention") { $0.attention }
    t.property("embedDim") { $0.embedDim }
    t.property("mlpDim") { $0.mlpDim }
    t.property("normFirst") { $0.normFirst }
    t.property("activation") { $0.activation }
    t.property("linear1Weight") { $0.linear1Weight }
    t.property("linear1Bias") { $0.linear1Bias }
    t.property("linear2Weight") { $0.linear2Weight }
    t.property("linear2Bias") { $0.linear2Bias }
    t.property("norm1") { $0.norm1 }
    t.property("norm2") { $0.norm2 }
    t.method("forward", [nil, "keyPaddingMask"]) { l, a in
      try l.forward(a.tensor(0), keyPaddingMask: a.optionalTensor(1))
    }
  }
  layer(b, "PixelShuffle", PixelShuffle.self) { t in
    t.initializer([nil]) { a in try PixelShuffle(a.int(0)) }
    t.property("upscaleFactor") { $0.upscaleFactor }
    t.method("forward", [nil]) { l, a in try l.forward(a.tensor(0)) }
  }
  layer(b, "Upsample", Upsample.self) { t in
    t.initializer(["scaleFactor"]) { a in try Upsample(scaleFactor: a.int(0)) }
    t.property("scaleFactor") { $0.scaleFactor }
    t.method("forward", [nil]) { l, a in try l.forward(a.tensor(0)) }
  }
  layer(b, "ConvTranspose2d", ConvTranspose2d.self) { t in
    t.initializer(
      [nil, nil, "kernelSize", "stride", "padding", "outputPadding", "dilation", "groups", "bias"],
      required: 3
    ) { a in
      try ConvTranspose2d(
        a.int(0), a.int(1), kernelSize: a.size2D(2), stride: a.size2D(3, default: 1),
        padding: a.size2D(4, default: 0), outputPadding: a.size2D(5, default: 0),
        dilation: a.size2D(6, default: 1), groups: a.int(7, default: 1),
        bias: a.bool(8, default: true))
    }
    t.property("dilation") { $0.dilation }
    t.property("groups") { $0.groups }
    windowMembers(
      t, kernelSize: \.kernelSize, stride: \.stride, padding: \.padding,
      forward: { try $0.forward($1) })
    t.property("inChannels") { $0.inChannels }
    t.property("outChannels") { $0.outChannels }
    t.property("outputPadding") { $0.outputPadding }
    t.property("weight") { $0.weight }
    t.property("bias") { $0.bias as Any }
  }
  layer(b, "GELU", GELU.self) { t in t.initializer([], throws: false) { _ in GELU() } }
  layer(b, "PReLU", PReLU.self) { t in
    t.initializer(["numParameters", "initialSlope"], required: 0) { a in
      try PReLU(numParameters: a.int(0, default: 1), initialSlope: a.double(1, default: 0.25))
    }
    t.property("weight") { $0.weight }
  }
  b.extend("Datasets", Datasets.self) { t in
    t.staticMethod(
      "linearRegression", ["count", "features", "informative", "noise", "bias", "seed"],
      required: 0
    ) { a in
      let (data, coefficients) = try Datasets.linearRegression(
        count: a.int(0, default: 100), features: a.int(1, default: 1),
        informative: a.optionalInt(2), noise: a.double(3, default: 0),
        bias: a.double(4, default: 0),
        seed: a.int(5, default: 0))
      return Value.tuple(
        TupleValue(labels: ["data", "coefficients"], items: [b.wrap(data), b.wrap(coefficients)]))
    }
  }
  b.bind("Series", Series.self) { t in
    t.initializer(["name", "y"], throws: false) { a in
      Series(name: try a.string(0), y: try a.doubles(1))
    }
    t.initializer(["name", "x", "y"], throws: false) { a in
      Series(name: try a.string(0), x: try a.doubles(1), y: try a.doubles(2))
    }
    t.property("name") { $0.name }
  }
  b.extend("LineChart", LineChart.self) { t in
    t.initializer(
      ["series", "title", "xLabel", "yLabel", "logScaleY", "width", "height", "id"], required: 1
    ) { a in
      try LineChart(
        series: a.seriesList(0), title: a.string(1, default: ""),
        xLabel: a.string(2, default: ""), yLabel: a.string(3, default: ""),
        logScaleY: a.bool(4, default: false), width: a.double(5, default: 640),
        height: a.double(6, default: 400), id: a.optionalString(7))
    }
  }
}

extension ArgReader {
  fileprivate func optionalRecurrentState(_ i: Int) throws -> RecurrentState? {
    var v = try value(i)
    if case .optional(let wrapped) = v {
      guard let wrapped else { return nil }
      v = wrapped
    }
    if case .native(let n) = v, let state = n.object as? RecurrentState { return state }
    throw mismatch(v, "RecurrentState?")
  }

  /// A `Size2D` argument: `Size2D(h, w)`, or an `Int` for the same value on both axes (Swift
  /// picks the layers' `Int` initializers then, which mean the same).
  func size2D(_ i: Int) throws -> Size2D {
    let v = try value(i)
    if case .int(let n) = v { return Size2D(n) }
    if case .native(let n) = v, let size = n.object as? Size2D { return size }
    throw mismatch(v, "Size2D")
  }

  func size2D(_ i: Int, default value: Size2D) throws -> Size2D {
    has(i) ? try size2D(i) : value
  }

  /// A `Size2D?` argument, `nil` when absent.
  func optionalSize2D(_ i: Int) throws -> Size2D? {
    guard has(i) else { return nil }
    if case .optional(let wrapped) = try value(i) {
      guard let wrapped else { return nil }
      if case .int(let n) = wrapped { return Size2D(n) }
      if case .native(let n) = wrapped, let size = n.object as? Size2D { return size }
      throw mismatch(wrapped, "Size2D?")
    }
    return try size2D(i)
  }

  /// A `Double?` argument: `nil` when the cell passes `nil`, `value` when it passes nothing.
  func optionalDouble(_ i: Int, default value: Double?) throws -> Double? {
    guard has(i) else { return value }
    switch try self.value(i) {
    case .optional(nil): return nil
    case .optional(.double(let d)?): return d
    default: return try double(i)
    }
  }

  func seriesList(_ i: Int) throws -> [Series] {
    let v = try value(i)
    guard case .array(let a) = v else { throw mismatch(v, "[Series]") }
    return try a.items.map {
      guard case .native(let n) = $0, let s = n.object as? Series else {
        throw mismatch(v, "[Series]")
      }
      return s
    }
  }
}
