import Charts
import DLCore
import Foundation

// The rest of the DLCore and Charts surface, so that every public API is callable from cells
// with Swift's names and labels (Tests/EvaluatorTests/PublicAPITests.swift checks this against
// the libraries' sources): random tensors and initializers, loss objects, more optimizers, the
// random generator, settable properties, and the charts' read-only data.

extension TypeBinder {
  /// A stored `var` of a class that cells may assign (`opt.momentum = 0.5`); `read` converts the
  /// assigned value as Swift converts an argument of the property's type.
  func settable<R>(
    _ name: String, _ path: ReferenceWritableKeyPath<T, R>,
    _ read: @escaping (ArgReader) throws -> R
  ) {
    let builtins = self.builtins
    property(name, { $0[keyPath: path] }) { object, value in
      object[keyPath: path] = try read(builtins.assigned(value, to: name))
    }
  }

  /// A stored `var` of a struct that cells may assign on a `var` (`size.height = 3`): the
  /// assignment stores a changed copy, as Swift's value semantics do.
  func settable<R>(
    _ name: String, _ path: WritableKeyPath<T, R>, _ read: @escaping (ArgReader) throws -> R
  ) {
    let builtins = self.builtins
    let native = self.native
    property(name) { $0[keyPath: path] }
    native.valueSetters[name] = { object, value in
      guard var copy = object.value(as: T.self) else { return object }
      copy[keyPath: path] = try read(builtins.assigned(value, to: name))
      return NativeBox(type: native, value: copy)
    }
  }
}

extension ArgReader {
  /// The same arguments read by their positions in a longer parameter list: `positions[i]` is
  /// where parameter `i` of that list stands in this call's parameters (`nil`: left out).
  fileprivate func reading(_ positions: [Int?]) -> ArgReader {
    var reader = self
    reader.slots = ArgSlots(positions.map { $0.flatMap { slots[$0] } })
    return reader
  }
}

/// Swift lets a call leave out a defaulted parameter that stands before required ones
/// (`Tensor.uniform(shape, generator: g)`); cell overloads take a required prefix, so such a
/// parameter list is bound once per subset of those parameters (`optional`, indices into
/// `labels`) left out. `bind` gets each variant's labels and required count, and a way to read
/// arguments by their positions in the full `labels`.
private func bindLeavingOut(
  _ labels: [String?], required: Int, optional: [Int],
  _ bind: (_ labels: [String?], _ required: Int, _ full: @escaping (ArgReader) -> ArgReader) -> Void
) {
  for mask in 0..<(1 << optional.count) {
    let left = Set(optional.indices.filter { mask & (1 << $0) != 0 }.map { optional[$0] })
    var positions: [Int?] = []
    var next = 0
    for i in labels.indices {
      positions.append(left.contains(i) ? nil : next)
      if !left.contains(i) { next += 1 }
    }
    let kept = labels.indices.filter { !left.contains($0) }
    bind(
      kept.map { labels[$0] }, required - left.count { $0 < required },
      { $0.reading(positions) })
  }
}

extension Compiler {
  /// Whether a value of this static type is a library class (or class-bound protocol).
  func isLibraryClass(_ type: VType?) -> Bool {
    guard case .native(let name)? = type else { return false }
    return rt.builtins.natives[name]?.isReference ?? false
  }

  /// Whether a value whose type is not known before the cell runs may be a library class with
  /// a settable `name`, so assigning it through a `let` is decided by the value.
  func libraryClassMayHold(_ type: VType?, _ name: String) -> Bool {
    guard type == nil || type == .any else { return false }
    return rt.builtins.natives.values.contains { $0.isReference && $0.setters[name] != nil }
  }

  /// Refuses to assign through a `let` (`reason`) unless the value is a library class.
  static func requireReference(_ container: Value, _ reason: String?, at l: Loc) throws {
    guard let reason else { return }
    if case .native(let n) = container, n.type.isReference { return }
    throw EvalError("cannot assign to property: \(reason)", at: l)
  }
}

extension Builtins {
  /// A reader over one assigned value, so setters convert it with the arguments' rules.
  fileprivate func assigned(_ value: Value, to name: String) throws -> ArgReader {
    guard let runtime else { throw EvalError("the session has ended") }
    return ArgReader(name: name, args: [Arg(label: nil, value: value)], slots: .first, rt: runtime)
  }
}

extension ArgReader {
  fileprivate func generator(_ i: Int) throws -> RandomGenerator {
    try native(i, RandomGenerator.self, "RandomGenerator")
  }

  fileprivate func optionalString(_ i: Int, default value: String?) throws -> String? {
    has(i) ? try optionalString(i) : value
  }

  fileprivate func optionalDoubles(_ i: Int) throws -> [Double]? {
    guard has(i) else { return nil }
    let v = try value(i)
    if case .optional(nil) = v { return nil }
    if case .optional(let w?) = v, let xs = doubleArray(w) { return xs }
    return try doubles(i)
  }

  fileprivate func betas(_ i: Int) throws -> (Double, Double) {
    guard has(i) else { return (0.9, 0.999) }
    let v = try arg(i)
    guard case .tuple(let pair) = v.asDouble ?? v.value, pair.items.count == 2,
      case .double(let b1) = pair.items[0], case .double(let b2) = pair.items[1]
    else { throw mismatch(v.value, "(Double, Double)") }
    return (b1, b2)
  }

  /// The layers of `Sequential(a, b, c)` or `Sequential([a, b, c])` (and of `Residual`, which
  /// takes the same); a result-builder block `Sequential { ... }` is a located error.
  func layerList(_ type: String) throws -> [any Layer] {
    func layer(_ arg: Arg, _ expected: String) throws -> any Layer {
      if case .native(let n) = arg.value, let l = n.object as? any Layer { return l }
      throw mismatch(arg, expected)
    }
    if args.count == 1, args[0].label == nil {
      if case .array(let list) = args[0].value {
        return try list.items.map {
          try layer(Arg(label: nil, value: $0, loc: args[0].loc), "[Layer]")
        }
      }
      if case .function = args[0].value {
        throw EvalError(
          "not supported in cells: a result-builder block ('\(type) { ... }'); write '\(type)(a, b, c)' or '\(type)([a, b, c])'",
          at: args[0].loc)
      }
    }
    return try args.map { arg in
      guard arg.label == nil else { throw EvalError("\(type) takes unlabeled layers", at: arg.loc) }
      return try layer(arg, "Layer")
    }
  }

  /// A `(Double, Double) -> R` closure argument called back through the session.
  fileprivate func planeFunction<R>(
    _ i: Int, _ convert: @escaping (Value) -> R?, _ expected: String
  ) throws -> (Double, Double) throws -> R {
    let f = try function(i)
    let rt = self.rt
    return { x, y in
      let r = try rt.apply(f, [.double(x), .double(y)])
      guard let value = convert(r) else {
        throw EvalError("the closure must return \(expected), not '\(r.typeName)'")
      }
      return value
    }
  }

  /// A `([(Double, Double)]) -> [R]` closure argument called back through the session.
  fileprivate func batchFunction<R>(
    _ i: Int, _ convert: @escaping (Value) -> R?, _ expected: String
  ) throws -> ([(Double, Double)]) throws -> [R] {
    let f = try function(i)
    let rt = self.rt
    return { grid in
      let points = grid.map {
        Value.tuple(TupleValue(labels: [nil, nil], items: [.double($0.0), .double($0.1)]))
      }
      let r = try rt.apply(
        f,
        [.array(ArrayValue(elementType: .tuple([nil, nil], [.double, .double]), items: points))])
      guard case .array(let list) = r else {
        throw EvalError("the closure must return [\(expected)], not '\(r.typeName)'")
      }
      return try list.items.map {
        guard let value = convert($0) else {
          throw EvalError("the closure must return [\(expected)], not '\(r.typeName)'")
        }
        return value
      }
    }
  }
}

private func tuple(_ labels: [String?], _ items: [Value]) -> Value {
  .tuple(TupleValue(labels: labels, items: items))
}

func installMoreBindings(_ b: Builtins) {
  installRandomTensors(b)
  installLossObjects(b)
  installOptimizers(b)
  installLayerProperties(b)
  installChartData(b)
}

private func installRandomTensors(_ b: Builtins) {
  b.bind("RandomGenerator", RandomGenerator.self) { t in
    t.initializer(["seed"], throws: false) { a in RandomGenerator(seed: try a.int(0)) }
    // the session's generator: read when the code runs, inside the session's scope
    t.staticValue("current") { RandomGenerator.current }
    t.native.liveStaticValues = ["current"]
    t.method("manualSeed", [nil], throws: false) { g, a in g.manualSeed(try a.int(0)) }
    t.method("nextUniform", throws: false) { g, _ in g.nextUniform() }
    t.method("nextNormal", throws: false) { g, _ in g.nextNormal() }
    t.method("nextInt", ["below"], throws: false) { g, a in g.nextInt(below: try a.int(0)) }
    t.method("permutation", [nil], throws: false) { g, a in g.permutation(try a.int(0)) }
  }
  b.bind("GradMode", GradMode.self) { t in
    t.staticValue("isEnabled") { GradMode.isEnabled }
    t.native.liveStaticValues = ["isEnabled"]
  }
  b.extend("Tensor", Tensor.self) { t in
    for (name, defaults) in [("uniform", (0.0, 1.0)), ("normal", (0.0, 1.0))] {
      let labels: [String?] = name == "uniform" ? ["low", "high"] : ["mean", "std"]
      let draw =
        name == "uniform"
        ? { try Tensor.uniform($0, low: $1, high: $2, generator: $3, requiresGrad: $4) }
        : { try Tensor.normal($0, mean: $1, std: $2, generator: $3, requiresGrad: $4) }
      t.staticMethod(name, [nil] + labels + ["seed", "requiresGrad"], required: 1) { a in
        try draw(
          a.ints(0), a.double(1, default: defaults.0), a.double(2, default: defaults.1),
          a.optionalInt(3).map { RandomGenerator(seed: $0) } ?? RandomGenerator.current,
          a.bool(4, default: false))
      }
      bindLeavingOut(
        [nil] + labels + ["generator", "requiresGrad"], required: 4, optional: [1, 2]
      ) { variant, required, full in
        t.staticMethod(name, variant, required: required) { reader in
          let a = full(reader)
          return try draw(
            a.ints(0), a.double(1, default: defaults.0), a.double(2, default: defaults.1),
            a.generator(3), a.bool(4, default: false))
        }
      }
    }
    t.staticMethod("fans", [nil]) { a in
      let (fanIn, fanOut) = try Tensor.fans(a.ints(0))
      return tuple(["fanIn", "fanOut"], [.int(fanIn), .int(fanOut)])
    }
    t.staticMethod("xavierUniform", [nil, "gain", "seed"], required: 1) { a in
      try Tensor.xavierUniform(a.ints(0), gain: a.double(1, default: 1), seed: a.optionalInt(2))
    }
    t.staticMethod("xavierNormal", [nil, "gain", "seed"], required: 1) { a in
      try Tensor.xavierNormal(a.ints(0), gain: a.double(1, default: 1), seed: a.optionalInt(2))
    }
    t.staticMethod("kaimingUniform", [nil, "a", "seed"], required: 1) { a in
      try Tensor.kaimingUniform(a.ints(0), a: a.double(1, default: 0), seed: a.optionalInt(2))
    }
    t.staticMethod("kaimingNormal", [nil, "a", "seed"], required: 1) { a in
      try Tensor.kaimingNormal(a.ints(0), a: a.double(1, default: 0), seed: a.optionalInt(2))
    }
    t.staticMethod("oneHot", [nil, "classes"]) { a in
      try Tensor.oneHot(a.tensor(0), classes: a.int(1))
    }
    t.staticMethod("format", ["shape"], throws: false) { a in Tensor.format(shape: try a.ints(0)) }
    // `rethrows`: `try` is needed when the closure throws, as in Swift
    t.staticMethod("noGrad", [nil], throws: false) { a in
      let body = try a.function(0)
      if body.throwing { try a.requireTry() }
      let rt = a.rt
      return try GradMode.$isEnabled.withValue(false) { try rt.apply(body, []) }
    }
    t.method("assign", [nil]) { x, a in try x.assign(a.tensor(0)) }
    t.method("setValue", [nil, "at"]) { x, a in try x.setValue(a.double(0), at: a.ints(1)) }
    t.property("description") { $0.description }
    t.property("debugDescription") { $0.debugDescription }
    t.settable("grad", \.grad) { a in try a.optionalTensor(0) }
  }
  b.extend("Datasets", Datasets.self) { t in
    t.staticMethod("blobs", ["count", "centers", "features", "spread", "seed"], required: 0) { a in
      try Datasets.blobs(
        count: a.int(0, default: 200), centers: a.int(1, default: 3),
        features: a.int(2, default: 2), spread: a.double(3, default: 1), seed: a.int(4, default: 0))
    }
    t.staticMethod("spirals", ["count", "classes", "noise", "turns", "seed"], required: 0) { a in
      try Datasets.spirals(
        count: a.int(0, default: 300), classes: a.int(1, default: 2),
        noise: a.double(2, default: 0.05), turns: a.double(3, default: 1),
        seed: a.int(4, default: 0))
    }
  }
  b.extend("Dataset", Dataset.self) { t in t.property("description") { $0.description } }
}

private func installLossObjects(_ b: Builtins) {
  func loss<T>(
    _ name: String, _ type: T.Type, _ make: @escaping () -> T,
    _ run: @escaping (T, Tensor, Tensor) throws -> Tensor
  ) {
    b.bind(name, type) { t in
      t.initializer([], throws: false) { _ in make() }
      t.method("callAsFunction", [nil, nil]) { l, a in try run(l, a.tensor(0), a.tensor(1)) }
      t.describe { _ in name + "()" }
    }
  }
  loss("MSELoss", MSELoss.self, MSELoss.init) { try $0($1, $2) }
  loss("L1Loss", L1Loss.self, L1Loss.init) { try $0($1, $2) }
  loss("BCELoss", BCELoss.self, BCELoss.init) { try $0($1, $2) }
  loss("BCEWithLogitsLoss", BCEWithLogitsLoss.self, BCEWithLogitsLoss.init) { try $0($1, $2) }
  loss("CrossEntropyLoss", CrossEntropyLoss.self, CrossEntropyLoss.init) { try $0($1, $2) }
  loss("NLLLoss", NLLLoss.self, NLLLoss.init) { try $0($1, $2) }
  b.bindFunction("evaluate", [nil, nil, "loss"]) { a in
    let (loss, accuracy) = try evaluate(a.layer(0), a.dataset(1), loss: a.lossFunction(2))
    return tuple(["loss", "accuracy"], [.double(loss), .double(accuracy)])
  }
}

private func installOptimizers(_ b: Builtins) {
  b.extend("SGD", SGD.self) { t in
    t.settable("momentum", \.momentum) { try $0.double(0) }
    t.settable("weightDecay", \.weightDecay) { try $0.double(0) }
    t.settable("nesterov", \.nesterov) { try $0.bool(0) }
    t.property("deltas") { $0.deltas }
  }
  b.extend("Adam", Adam.self) { t in
    t.property("betas", { tuple([nil, nil], [.double($0.betas.0), .double($0.betas.1)]) }) {
      adam, value in
      guard case .tuple(let pair) = value, pair.items.count == 2,
        case .double(let b1) = pair.items[0], case .double(let b2) = pair.items[1]
      else { throw EvalError("betas is a (Double, Double)") }
      adam.betas = (b1, b2)
    }
    t.settable("epsilon", \.epsilon) { try $0.double(0) }
    t.settable("weightDecay", \.weightDecay) { try $0.double(0) }
    t.method("firstMoment", ["for"], throws: false) { o, a in
      o.firstMoment(for: try a.tensor(0)) as Any
    }
    t.method("secondMoment", ["for"], throws: false) { o, a in
      o.secondMoment(for: try a.tensor(0)) as Any
    }
  }
  b.bind("AdamW", AdamW.self, conformsTo: ["Optimizer"]) { t in
    t.initializer([nil, "learningRate", "betas", "epsilon", "weightDecay"], required: 1) { a in
      try AdamW(
        a.tensors(0), learningRate: a.double(1, default: 0.001), betas: a.betas(2),
        epsilon: a.double(3, default: 1e-8), weightDecay: a.double(4, default: 0.01))
    }
    t.property("parameters") { $0.parameters }
    t.property("stepCount") { $0.stepCount }
    t.settable("learningRate", \.learningRate) { try $0.double(0) }
    t.settable("weightDecay", \.weightDecay) { try $0.double(0) }
    t.method("step") { o, _ in try o.step() }
    t.method("zeroGrad", throws: false) { o, _ in o.zeroGrad() }
  }
  b.bind("RMSprop", RMSprop.self, conformsTo: ["Optimizer"]) { t in
    t.initializer(
      [nil, "learningRate", "alpha", "epsilon", "momentum", "weightDecay"], required: 1
    ) { a in
      try RMSprop(
        a.tensors(0), learningRate: a.double(1, default: 0.01), alpha: a.double(2, default: 0.99),
        epsilon: a.double(3, default: 1e-8), momentum: a.double(4, default: 0),
        weightDecay: a.double(5, default: 0))
    }
    t.property("parameters") { $0.parameters }
    t.settable("learningRate", \.learningRate) { try $0.double(0) }
    t.settable("alpha", \.alpha) { try $0.double(0) }
    t.settable("epsilon", \.epsilon) { try $0.double(0) }
    t.settable("momentum", \.momentum) { try $0.double(0) }
    t.settable("weightDecay", \.weightDecay) { try $0.double(0) }
    t.method("step") { o, _ in try o.step() }
    t.method("zeroGrad", throws: false) { o, _ in o.zeroGrad() }
  }
}

private func installLayerProperties(_ b: Builtins) {
  bindEnum(b, "BiasConvention", [BiasConvention.double, .single])
  bindEnum(b, "RNNNonlinearity", [RNNNonlinearity.tanh, .relu])
  // both protocols are class-bound
  b.natives["Layer"]?.isReference = true
  b.natives["Optimizer"]?.isReference = true
  // every layer's training mode can be set, as Swift's `var isTraining` can
  for native in b.natives.values where native.conforms(to: "Layer") {
    native.setters["isTraining"] = { object, value in
      guard let layer = object.object as? any Layer else { return }
      guard case .bool(let flag) = value else { throw EvalError("isTraining is a Bool") }
      layer.isTraining = flag
    }
  }
  b.extend("LeakyReLU", LeakyReLU.self) { t in t.property("negativeSlope") { $0.negativeSlope } }
  b.extend("Softmax", Softmax.self) { t in t.property("axis") { $0.axis } }
  b.extend("LogSoftmax", LogSoftmax.self) { t in t.property("axis") { $0.axis } }
  b.extend("Dropout", Dropout.self) { t in t.property("p") { $0.p } }
  b.extend("Size2D", Size2D.self) { t in
    t.initializer(["integerLiteral"], throws: false) { a in Size2D(integerLiteral: try a.int(0)) }
    t.settable("height", \.height) { try $0.int(0) }
    t.settable("width", \.width) { try $0.int(0) }
    t.property("description") { $0.description }
  }
  b.extend("RecurrentState", RecurrentState.self) { t in
    t.settable("hidden", \.hidden) { try $0.tensor(0) }
    t.settable("cell", \.cell) { try $0.optionalTensor(0) }
  }
  b.extend("RecurrentOutput", RecurrentOutput.self) { t in
    t.settable("output", \.output) { try $0.tensor(0) }
    t.settable("state", \.state) { try $0.native(0, RecurrentState.self, "RecurrentState") }
  }
  b.extend("AttentionOutput", AttentionOutput.self) { t in
    t.settable("output", \.output) { try $0.tensor(0) }
    t.settable("weights", \.weights) { try $0.tensor(0) }
  }
  b.bind("ModelSummary.Row", ModelSummary.Row.self) { t in
    t.property("layer") { $0.layer }
    t.property("outputShape") { row in
      Value.optional(
        row.outputShape.map { shape in
          .array(
            ArrayValue(
              elementType: .optional(.int),
              items: shape.map { .optional($0.map { .int($0) }) }))
        })
    }
    t.property("parameters") { $0.parameters }
    t.property("outputShapeText") { $0.outputShapeText }
  }
  b.extend("ModelSummary", ModelSummary.self) { t in
    t.staticValue("header") { ModelSummary.header }
    t.property("rows") { $0.rows }
    t.property("table") { $0.table }
    t.property("description") { $0.description }
  }
}

private func installChartData(_ b: Builtins) {
  func readable<T>(_ name: String, _ type: T.Type, _ summary: KeyPath<T, String>) {
    b.extend(name, type) { t in t.property("summary") { $0[keyPath: summary] } }
  }
  func noted<T>(_ name: String, _ type: T.Type, _ notes: KeyPath<T, [String]>) {
    b.extend(name, type) { t in t.property("notes") { $0[keyPath: notes] } }
  }
  readable("LineChart", LineChart.self, \.summary)
  readable("Histogram", Histogram.self, \.summary)
  readable("BarChart", BarChart.self, \.summary)
  readable("ScatterPlot", ScatterPlot.self, \.summary)
  readable("DecisionBoundary", DecisionBoundary.self, \.summary)
  readable("SideBySide", SideBySide.self, \.summary)
  noted("LineChart", LineChart.self, \.notes)
  noted("Histogram", Histogram.self, \.notes)
  noted("BarChart", BarChart.self, \.notes)
  noted("ScatterPlot", ScatterPlot.self, \.notes)
  noted("DecisionBoundary", DecisionBoundary.self, \.notes)
  b.extend("Histogram", Histogram.self) { t in
    t.property("edges") { $0.edges }
    t.property("counts") { $0.counts }
  }
  b.extend("Series", Series.self) { t in
    t.initializer(["name", "x", "y"], throws: false) { a in
      Series(name: try a.string(0), x: try a.optionalDoubles(1), y: try a.doubles(2))
    }
    t.settable("name", \.name) { try $0.string(0) }
    t.settable("x", \.x) { try $0.optionalDoubles(0) }
    // `[Double]?` wrapped by hand: a dynamic cast would unwrap it to a plain array
    t.property("x") { s in Value.optional(s.x.map { b.wrap($0) }) }
    t.settable("y", \.y) { try $0.doubles(0) }
  }
  b.extend("SideBySide", SideBySide.self) { t in
    t.property("title") { $0.title }
    t.property("rows") { $0.rows }
  }
  b.bind("SideBySide.Panel", SideBySide.Panel.self) { t in
    t.property("svg") { $0.svg }
    t.property("width") { $0.width }
    t.property("height") { $0.height }
  }
  b.extend("BarChart", BarChart.self) { t in
    t.initializer(
      ["categories", "series", "title", "xLabel", "yLabel", "width", "height", "id"], required: 2
    ) { a in
      try BarChart(
        categories: a.strings(0), series: a.seriesList(1), title: a.string(2, default: ""),
        xLabel: a.string(3, default: ""), yLabel: a.string(4, default: ""),
        width: a.double(5, default: 560), height: a.double(6, default: 380),
        id: a.optionalString(7))
    }
  }
  b.extend("DecisionBoundary", DecisionBoundary.self) { t in
    let tail = ["resolution", "classNames", "title", "xLabel", "yLabel", "width", "height", "id"]
    func rest(_ a: ArgReader, _ i: Int) throws -> (
      Int, [String]?, String, String, String, Double, Double, String?
    ) {
      (
        try a.int(i, default: 200), try a.optionalStrings(i + 1), try a.string(i + 2, default: ""),
        try a.string(i + 3, default: "x₁"), try a.string(i + 4, default: "x₂"),
        try a.double(i + 5, default: 580), try a.double(i + 6, default: 495),
        try a.optionalString(i + 7)
      )
    }
    let int: (Value) -> Int? = { if case .int(let n) = $0 { n } else { nil } }
    let double: (Value) -> Double? = { if case .double(let d) = $0 { d } else { nil } }
    t.initializer(["classifier", "points", "labels"] + tail, required: 3) { a in
      let (r, names, title, x, y, w, h, id) = try rest(a, 3)
      return try DecisionBoundary(
        classifier: a.planeFunction(0, int, "Int"), points: a.points(1), labels: a.ints(2),
        resolution: r, classNames: names, title: title, xLabel: x, yLabel: y, width: w,
        height: h, id: id)
    }
    t.initializer(["batchClassifier", "points", "labels"] + tail, required: 3) { a in
      let (r, names, title, x, y, w, h, id) = try rest(a, 3)
      return try DecisionBoundary(
        batchClassifier: a.batchFunction(0, int, "Int"), points: a.points(1), labels: a.ints(2),
        resolution: r, classNames: names, title: title, xLabel: x, yLabel: y, width: w,
        height: h, id: id)
    }
    bindLeavingOut(
      ["probability", "threshold", "points", "labels"] + tail, required: 4, optional: [1]
    ) { variant, required, full in
      t.initializer(variant, required: required) { reader in
        let a = full(reader)
        let (r, names, title, x, y, w, h, id) = try rest(a, 4)
        return try DecisionBoundary(
          probability: a.planeFunction(0, double, "Double"), threshold: a.double(1, default: 0.5),
          points: a.points(2), labels: a.ints(3), resolution: r, classNames: names, title: title,
          xLabel: x, yLabel: y, width: w, height: h, id: id)
      }
    }
    bindLeavingOut(
      ["batchProbability", "threshold", "points", "labels"] + tail, required: 4, optional: [1]
    ) { variant, required, full in
      t.initializer(variant, required: required) { reader in
        let a = full(reader)
        let (r, names, title, x, y, w, h, id) = try rest(a, 4)
        return try DecisionBoundary(
          batchProbability: a.batchFunction(0, double, "Double"),
          threshold: a.double(1, default: 0.5), points: a.points(2), labels: a.ints(3),
          resolution: r, classNames: names, title: title, xLabel: x, yLabel: y, width: w,
          height: h, id: id)
      }
    }
  }
}
