import Charts
import DLCharts
import DLCore
import Foundation

// The DLCore and Charts surface as cells see it: same names and labels as in Swift, one line per
// member where possible. `throws: false` marks the members that do not throw in Swift (cells may
// call those without `try`); everything else needs `try`, as in Swift.

extension ArgReader {
  func tensor(_ i: Int) throws -> Tensor {
    let p = try position(i)
    if case .native(let n) = args[p].value, let t = n.value(as: Tensor.self) { return t }
    throw mismatch(args[p].value, "Tensor")
  }

  func optionalTensor(_ i: Int) throws -> Tensor? {
    guard has(i) else { return nil }
    if case .optional(nil) = try value(i) { return nil }
    if case .optional(let w?) = try value(i), case .native(let n) = w, let t = n.object as? Tensor {
      return t
    }
    return try tensor(i)
  }

  func tensors(_ i: Int) throws -> [Tensor] {
    let v = try value(i)
    guard case .array(let a) = v else { throw mismatch(v, "[Tensor]") }
    return try a.items.map {
      guard case .native(let n) = $0, let t = n.value(as: Tensor.self) else {
        throw mismatch(v, "[Tensor]")
      }
      return t
    }
  }

  func layer(_ i: Int) throws -> any Layer {
    let v = try value(i)
    if case .native(let n) = v, let l = n.object as? any Layer { return l }
    throw mismatch(v, "Layer")
  }

  func optimizer(_ i: Int) throws -> any Optimizer {
    let v = try value(i)
    if case .native(let n) = v, let o = n.object as? any Optimizer { return o }
    throw mismatch(v, "Optimizer")
  }

  func dataset(_ i: Int) throws -> Dataset { try native(i, Dataset.self, "Dataset") }

  /// A loss given as a bound function (`crossEntropy`) or a cell closure.
  func lossFunction(_ i: Int) throws -> (Tensor, Tensor) throws -> Tensor {
    let f = try function(i)
    let rt = self.rt
    let wrap = rt.builtins.wrap
    return { prediction, target in
      let r = try rt.apply(f, [wrap(prediction), wrap(target)])
      guard case .native(let n) = r, let t = n.object as? Tensor else {
        throw EvalError("the loss function must return a Tensor, not '\(r.typeName)'")
      }
      return t
    }
  }

  func points(_ i: Int) throws -> [(Double, Double)] {
    let given = try arg(i)
    // integer literals (`[(1, 2)]`) arrive re-typed as Double; Int values are Swift's error
    let v = given.asDouble ?? given.value
    guard case .array(let a) = v else { throw mismatch(given.value, "[(Double, Double)]") }
    return try a.items.map {
      guard case .tuple(let t) = $0, t.items.count == 2, case .double(let x) = t.items[0],
        case .double(let y) = t.items[1]
      else { throw mismatch(given.value, "[(Double, Double)]") }
      return (x, y)
    }
  }

  func chart(_ i: Int) throws -> any Chart {
    let v = try value(i)
    if case .native(let n) = v, let c = n.object as? any Chart { return c }
    throw mismatch(v, "Chart")
  }

  func optionalInts(_ i: Int) throws -> [Int]? {
    guard has(i) else { return nil }
    if case .optional(nil) = try value(i) { return nil }
    return try ints(i)
  }

  func optionalStrings(_ i: Int) throws -> [String]? {
    guard has(i) else { return nil }
    if case .optional(nil) = try value(i) { return nil }
    return try strings(i)
  }

  func range(_ i: Int) throws -> Range<Int> {
    let v = try value(i)
    guard case .range(let r) = v, case .int(let lo) = r.lower, case .int(let hi) = r.upper else {
      throw mismatch(v, "Range<Int>")
    }
    return lo..<(r.closed ? hi + 1 : hi)
  }

  func averaging(_ i: Int) throws -> Averaging {
    guard has(i) else { return .binary }
    switch try member(i) {
    case "binary": return .binary
    case "macro": return .macro
    case "micro": return .micro
    case let other: throw EvalError("type 'Averaging' has no member '\(other)'")
    }
  }

  /// Swift requires `try` on this call (for overloads told apart only by argument types).
  func requireTry() throws {
    if !inTry { throw EvalError("call can throw but is not marked with 'try'") }
  }
}

/// Tensor entries as the page shows them: up to 6 significant digits (`%.6g`, C's format),
/// so values print the same on every machine.
func formatEntry(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x < 0 ? "-inf" : "inf" }
  let text = String(format: "%.6g", x)
  return text == "-0" ? "0" : text
}

func tensorText(_ t: Tensor) -> String {
  func nest(_ offset: Int, _ dims: ArraySlice<Int>) -> String {
    guard let first = dims.first else { return formatEntry(t.scalars[offset]) }
    let stride = dims.dropFirst().reduce(1, *)
    return "["
      + (0..<first).map { nest(offset + $0 * stride, dims.dropFirst()) }.joined(separator: ", ")
      + "]"
  }
  return "Tensor(shape: \(Tensor.format(shape: t.shape)), \(nest(0, t.shape[...])))"
}

/// A table a cell builds with `Table(header, rows)`.
struct CellTable {
  var header: [String]
  var rows: [[Value]]

  /// The columns shown as numbers (right-aligned, never broken across lines): those where
  /// more than half the cells that are not empty hold a number, an `Int` or `Double` or text
  /// that reads as one (`String(format: "%.4f", x)`, `"-1.5e-05"`, `"93.5%"`, `"1,024"`).
  /// A note among numbers (`"undefined (0/0)"`) keeps its column numeric.
  var numericColumns: Set<Int> {
    let width = max(header.count, rows.map(\.count).max() ?? 0)
    var numeric = Set<Int>()
    for column in 0..<width {
      var numbers = 0
      var others = 0
      for row in rows where column < row.count {
        switch row[column] {
        case .int, .double: numbers += 1
        case .string(let text) where text.allSatisfy(\.isWhitespace): break
        case .string(let text) where Self.readsAsNumber(text): numbers += 1
        default: others += 1
        }
      }
      if numbers > others { numeric.insert(column) }
    }
    return numeric
  }

  /// Whether `text` is a number as tables show them: a sign (`-`, `+` or `−`), digits with
  /// optional `,` or `_` groups, a fraction, an exponent, a `%`; or `nan`, `inf`, `∞`.
  static func readsAsNumber(_ text: String) -> Bool {
    var rest = Substring(text.trimmingCharacters(in: .whitespaces))
    if let first = rest.first, "+-−".contains(first) { rest = rest.dropFirst() }
    if ["nan", "inf", "infinity", "∞"].contains(rest.lowercased()) { return true }
    if rest.last == "%" { rest = rest.dropLast() }
    var digits = 0
    var seenPoint = false
    var index = rest.startIndex
    while index < rest.endIndex {
      let c = rest[index]
      if c.isASCII && c.isNumber {
        digits += 1
      } else if c == "," || c == "_" {
        // a group separator stands between digits
        let next = rest.index(after: index)
        guard digits > 0, !seenPoint, next < rest.endIndex, rest[next].isASCII,
          rest[next].isNumber
        else { return false }
      } else if c == "." && !seenPoint {
        seenPoint = true
      } else if (c == "e" || c == "E") && digits > 0 {
        var exponent = rest[rest.index(after: index)...]
        if let sign = exponent.first, sign == "+" || sign == "-" { exponent = exponent.dropFirst() }
        return !exponent.isEmpty && exponent.allSatisfy { $0.isASCII && $0.isNumber }
      } else {
        return false
      }
      index = rest.index(after: index)
    }
    return digits > 0
  }
}

/// TeX a cell shows with `Math("...")`, and where its text starts in the notebook.
struct CellMath {
  var tex: String
  var origin: SourceLocation?
}

/// The first leaf of nested arrays that is not a Double (an `Int` where Swift wants `Double`).
private func firstNonDouble(_ v: Value) -> Value? {
  guard case .array(let a) = v else { return nil }
  for item in a.items {
    switch item {
    case .double: continue
    case .array: if let bad = firstNonDouble(item) { return bad }
    default: return item
    }
  }
  return nil
}

func installLibraryBindings(_ b: Builtins) {
  installTensor(b)
  installLayers(b)
  installTraining(b)
  installCharts(b)
  installExtendedBindings(b)
  installLibraryValueTypes(b)
  installMoreBindings(b)
}

private func installTensor(_ b: Builtins) {
  b.bind("Tensor", Tensor.self) { t in
    t.describe(tensorText)
    t.display { x in
      .tensor(
        DisplayTensor(
          shape: x.shape, entries: x.scalars.map(formatEntry), requiresGrad: x.requiresGrad))
    }
    t.initializer([nil, "requiresGrad"], required: 1, throws: false) { a in
      let grad = try a.bool(1, default: false)
      let arg = try a.arg(0)
      let v = arg.asDouble ?? arg.value
      switch v {
      case .double(let d): return Tensor(d, requiresGrad: grad)
      case .int:
        throw a.mismatch(arg.value, "Double")
      case .array(let items):
        if let xs = doubleArray(v) { return Tensor(xs, requiresGrad: grad) }
        if let bad = firstNonDouble(v) {
          throw EvalError(CoercionContext.element.message(bad.type, .double))
        }
        try a.requireTry()
        if items.items.allSatisfy({ doubleArray($0) != nil }) {
          return try Tensor(try a.doubleMatrix(0), requiresGrad: grad)
        }
        let blocks = try items.items.map { block -> [[Double]] in
          guard case .array(let rows) = block else { throw a.mismatch(arg.value, "[[[Double]]]") }
          return try rows.items.map {
            guard let row = doubleArray($0) else { throw a.mismatch(arg.value, "[[[Double]]]") }
            return row
          }
        }
        return try Tensor(blocks, requiresGrad: grad)
      default:
        throw a.mismatch(arg.value, "Double, [Double], [[Double]] or [[[Double]]]")
      }
    }
    t.initializer(["shape", "values", "requiresGrad"], required: 2) { a in
      try Tensor(shape: a.ints(0), values: a.doubles(1), requiresGrad: a.bool(2, default: false))
    }
    t.initializer(["shape", "repeating", "requiresGrad"], required: 2) { a in
      try Tensor(shape: a.ints(0), repeating: a.double(1), requiresGrad: a.bool(2, default: false))
    }
    t.staticMethod("zeros", [nil, "requiresGrad"], required: 1) { a in
      try Tensor.zeros(a.ints(0), requiresGrad: a.bool(1, default: false))
    }
    t.staticMethod("ones", [nil, "requiresGrad"], required: 1) { a in
      try Tensor.ones(a.ints(0), requiresGrad: a.bool(1, default: false))
    }
    t.staticMethod("zeros", ["like"]) { a in try Tensor.zeros(like: a.tensor(0)) }
    t.staticMethod("ones", ["like"]) { a in try Tensor.ones(like: a.tensor(0)) }
    t.staticMethod("full", [nil, nil, "requiresGrad"], required: 2) { a in
      try Tensor.full(a.ints(0), a.double(1), requiresGrad: a.bool(2, default: false))
    }
    t.staticMethod("eye", [nil, nil], required: 1) { a in try Tensor.eye(a.int(0), a.optionalInt(1))
    }
    t.staticMethod("arange", [nil]) { a in try Tensor.arange(a.int(0)) }
    t.staticMethod("arange", [nil, nil, "step"], required: 2) { a in
      try Tensor.arange(a.double(0), a.double(1), step: a.double(2, default: 1))
    }
    t.staticMethod("linspace", [nil, nil, "count"]) { a in
      try Tensor.linspace(a.double(0), a.double(1), count: a.int(2))
    }
    t.staticMethod("rand", [nil, "seed", "requiresGrad"], required: 1) { a in
      try Tensor.rand(a.ints(0), seed: a.optionalInt(1), requiresGrad: a.bool(2, default: false))
    }
    t.staticMethod("randn", [nil, "seed", "requiresGrad"], required: 1) { a in
      try Tensor.randn(a.ints(0), seed: a.optionalInt(1), requiresGrad: a.bool(2, default: false))
    }
    t.staticMethod("concatenate", [nil, "axis"], required: 1) { a in
      try Tensor.concatenate(a.tensors(0), axis: a.int(1, default: 0))
    }
    t.staticMethod("stack", [nil, "axis"], required: 1) { a in
      try Tensor.stack(a.tensors(0), axis: a.int(1, default: 0))
    }
    t.staticMethod("maximum", [nil, nil]) { a in try Tensor.maximum(a.tensor(0), a.tensor(1)) }
    t.staticMethod("minimum", [nil, nil]) { a in try Tensor.minimum(a.tensor(0), a.tensor(1)) }
    t.staticMethod("linear", [nil, "weight", "bias"]) { a in
      try Tensor.linear(a.tensor(0), weight: a.tensor(1), bias: a.optionalTensor(2))
    }

    t.property("shape") { $0.shape }
    t.property("scalars") { $0.scalars }
    t.property("rank") { $0.rank }
    t.property("count") { $0.count }
    t.property("isLeaf") { $0.isLeaf }
    t.property("grad") { $0.grad as Any }
    t.property("rows") { $0.rows }
    t.property("operation") { $0.operation }
    t.property("requiresGrad", { $0.requiresGrad }) { x, v in
      guard case .bool(let flag) = v else { throw EvalError("requiresGrad is a Bool") }
      x.requiresGrad = flag
    }

    t.method("item") { x, _ in try x.item() }
    t.method("value", ["at"]) { x, a in try x.value(at: a.ints(0)) }
    t.method("zeroGrad", throws: false) { x, _ in x.zeroGrad() }
    t.method("retainGrad", throws: false) { x, _ in x.retainGrad() }
    t.method("backward", ["gradient"], required: 0) { x, a in
      try x.backward(gradient: a.optionalTensor(0))
    }
    t.method("detach", throws: false) { x, _ in x.detach() }
    for (name, op) in [
      ("exp", { (x: Tensor) in try x.exp() }), ("log", { try $0.log() }),
      ("sqrt", { try $0.sqrt() }),
      ("abs", { try $0.abs() }), ("sigmoid", { try $0.sigmoid() }), ("tanh", { try $0.tanh() }),
      ("relu", { try $0.relu() }), ("softplus", { try $0.softplus() }),
      ("square", { try $0.square() }),
      ("flatten", { try $0.flatten() }), ("negated", { try $0.negated() }),
      ("max", { try $0.max() }), ("min", { try $0.min() }), ("transpose", { try $0.transpose() }),
    ] as [(String, (Tensor) throws -> Tensor)] {
      t.method(name) { x, _ in try op(x) }
    }
    t.method("leakyRelu", ["negativeSlope"], required: 0) { x, a in
      try x.leakyRelu(negativeSlope: a.double(0, default: 0.01))
    }
    t.method("pow", [nil]) { x, a in try x.pow(a.double(0)) }
    t.method("clamp", ["min", "max"], required: 0) { x, a in
      try x.clamp(min: a.double(0, default: -.infinity), max: a.double(1, default: .infinity))
    }
    t.method("matmul", [nil]) { x, a in try x.matmul(a.tensor(0)) }
    t.method("adding", [nil]) { x, a in try x.adding(a.tensor(0)) }
    t.method("multiplied", ["by"]) { x, a in try x.multiplied(by: a.tensor(0)) }
    for name in ["sum", "mean"] {
      let reduce: (Tensor, [Int]?, Bool) throws -> Tensor =
        name == "sum"
        ? { try $0.sum(axes: $1, keepDims: $2) } : { try $0.mean(axes: $1, keepDims: $2) }
      let reduceAxis: (Tensor, Int, Bool) throws -> Tensor =
        name == "sum"
        ? { try $0.sum(axis: $1, keepDims: $2) } : { try $0.mean(axis: $1, keepDims: $2) }
      t.method(name, ["axes", "keepDims"], required: 0) { x, a in
        try reduce(x, a.optionalInts(0), a.bool(1, default: false))
      }
      t.method(name, ["axis", "keepDims"], required: 1) { x, a in
        try reduceAxis(x, a.int(0), a.bool(1, default: false))
      }
    }
    t.method("variance", ["axes", "unbiased", "keepDims"], required: 0) { x, a in
      try x.variance(
        axes: a.optionalInts(0), unbiased: a.bool(1, default: true),
        keepDims: a.bool(2, default: false))
    }
    t.method("variance", ["axis", "unbiased", "keepDims"], required: 1) { x, a in
      try x.variance(
        axis: a.int(0), unbiased: a.bool(1, default: true), keepDims: a.bool(2, default: false))
    }
    t.method("std", ["axes", "unbiased", "keepDims"], required: 0) { x, a in
      try x.std(
        axes: a.optionalInts(0), unbiased: a.bool(1, default: true),
        keepDims: a.bool(2, default: false))
    }
    t.method("max", ["axis", "keepDims"], required: 1) { x, a in
      try x.max(axis: a.int(0), keepDims: a.bool(1, default: false))
    }
    t.method("min", ["axis", "keepDims"], required: 1) { x, a in
      try x.min(axis: a.int(0), keepDims: a.bool(1, default: false))
    }
    t.method("argmax", ["axis", "keepDims"], required: 0) { x, a in
      try x.argmax(axis: a.optionalInt(0), keepDims: a.bool(1, default: false))
    }
    t.method("argmin", ["axis", "keepDims"], required: 0) { x, a in
      try x.argmin(axis: a.optionalInt(0), keepDims: a.bool(1, default: false))
    }
    t.method("softmax", ["axis"], required: 0) { x, a in try x.softmax(axis: a.int(0, default: -1))
    }
    t.method("logSoftmax", ["axis"], required: 0) { x, a in
      try x.logSoftmax(axis: a.int(0, default: -1))
    }
    t.method("reshape", [nil]) { x, a in try x.reshape(a.ints(0)) }
    t.method("squeeze", ["axis"], required: 0) { x, a in try x.squeeze(axis: a.optionalInt(0)) }
    t.method("unsqueeze", ["axis"]) { x, a in try x.unsqueeze(axis: a.int(0)) }
    t.method("permute", [nil]) { x, a in try x.permute(a.ints(0)) }
    t.method("transpose", [nil, nil]) { x, a in try x.transpose(a.int(0), a.int(1)) }
    t.method("slice", ["axis", nil]) { x, a in try x.slice(axis: a.int(0), a.range(1)) }
    t.method("indexSelect", [nil, "axis"], required: 1) { x, a in
      try x.indexSelect(a.ints(0), axis: a.int(1, default: 0))
    }
    t.method("select", [nil, "axis"], required: 1) { x, a in
      try x.select(a.int(0), axis: a.int(1, default: 0))
    }
    t.method("expand", ["to"]) { x, a in try x.expand(to: a.ints(0)) }

    // arithmetic with tensors and Doubles on either side (DLCore's operators take `Double`,
    // so an `Int` operand is Swift's type error; an integer literal arrives as a Double)
    func operand(_ v: Value) -> Any? {
      switch v {
      case .native(let n): return n.object as? Tensor
      case .double(let d): return d
      default: return nil
      }
    }
    t.native.binaryThrows = true
    t.native.binaryAccepts = { l, r in
      switch (operand(l), operand(r)) {
      case (is Tensor, is Tensor), (is Tensor, is Double), (is Double, is Tensor): return true
      default: return false
      }
    }
    for op in ["+", "-", "*", "/"] {
      t.binary(op) { l, r in
        switch (operand(l), operand(r)) {
        case (let x as Tensor, let y as Tensor):
          switch op {
          case "+": return try x + y
          case "-": return try x - y
          case "*": return try x * y
          default: return try x / y
          }
        case (let x as Tensor, let y as Double):
          switch op {
          case "+": return try x + y
          case "-": return try x - y
          case "*": return try x * y
          default: return try x / y
          }
        case (let x as Double, let y as Tensor):
          switch op {
          case "+": return try x + y
          case "-": return try x - y
          case "*": return try x * y
          default: return try x / y
          }
        default: return nil
        }
      }
    }
    t.native.prefixMinus = { object in
      guard let x = object as? Tensor else { return .void }
      return b.wrap(try -x)
    }
    t.native.subscriptGet = { object, args in
      guard let x = object as? Tensor else { return .void }
      let indices = try args.map { arg in
        if let label = arg.label {
          throw EvalError("extraneous argument label '\(label):' in subscript")
        }
        guard case .int(let i) = arg.value else {
          var notes: [String] = []
          if case .range = arg.value {
            notes.append(
              "a range of indices along an axis is 'slice(axis:_:)': t.slice(axis: 0, 0..<2)")
          }
          throw EvalError(
            "cannot convert value of type '\(arg.value.typeName)' to expected argument type 'Int'",
            at: arg.loc, notes: notes)
        }
        return i
      }
      return b.wrap(try x.subscriptValue(indices))
    }
  }
  b.bind("Dataset", Dataset.self) { t in
    t.initializer(["inputs", "targets"]) { a in
      try Dataset(inputs: a.tensor(0), targets: a.tensor(1))
    }
    t.property("inputs") { $0.inputs }
    t.property("targets") { $0.targets }
    t.property("count") { $0.count }
    t.property("classCount") { $0.classCount }
    t.method("subset", [nil]) { d, a in try d.subset(a.ints(0)) }
    t.method("split", ["testFraction", "shuffle", "seed"], required: 0) { d, a in
      let (train, test) = try d.split(
        testFraction: a.double(0, default: 0.2), shuffle: a.bool(1, default: true),
        seed: a.optionalInt(2))
      return Value.tuple(
        TupleValue(labels: ["train", "test"], items: [b.wrap(train), b.wrap(test)]))
    }
    t.method("batches", ["size", "shuffle", "seed"], required: 1) { d, a in
      try d.batches(size: a.int(0), shuffle: a.bool(1, default: false), seed: a.optionalInt(2))
    }
  }
  b.bind("Datasets", Datasets.self) { t in
    t.staticMethod("moons", ["count", "noise", "seed"], required: 0) { a in
      try Datasets.moons(
        count: a.int(0, default: 200), noise: a.double(1, default: 0.1), seed: a.int(2, default: 0))
    }
    t.staticMethod("circles", ["count", "noise", "factor", "seed"], required: 0) { a in
      try Datasets.circles(
        count: a.int(0, default: 200), noise: a.double(1, default: 0.05),
        factor: a.double(2, default: 0.5),
        seed: a.int(3, default: 0))
    }
    t.staticMethod("xor", ["count", "noise", "seed"], required: 0) { a in
      try Datasets.xor(
        count: a.int(0, default: 200), noise: a.double(1, default: 0), seed: a.int(2, default: 0))
    }
  }
}

extension Tensor {
  /// `t[i, j]` with every index checked first, so a bad index is an error, never a trap.
  func subscriptValue(_ indices: [Int]) throws -> Tensor {
    guard indices.count <= rank else {
      throw EvalError(
        "\(indices.count) indices for a tensor of shape \(Tensor.format(shape: shape))")
    }
    for (axis, i) in indices.enumerated() where i < -shape[axis] || i >= shape[axis] {
      throw EvalError(
        "index \(i) is out of range for axis \(axis) of a tensor of shape \(Tensor.format(shape: shape))"
      )
    }
    var result = self
    for i in indices { result = try result.select(i, axis: 0) }
    return result
  }
}

/// The model summary as a page table: layer, output shape, parameters, with the total below.
func summaryTable(_ layer: any Layer) -> DisplayValue {
  let summary = (layer as? Sequential)?.summary() ?? Sequential([layer]).summary()
  return .table(
    DisplayTable(
      header: ModelSummary.header, rows: summary.table, numericColumns: [2],
      footer: "Total parameters: \(summary.totalParameters)"))
}

func layerMembers<T: Layer>(_ t: TypeBinder<T>) {
  t.describe { $0.description }
  t.display { summaryTable($0) }
  t.method("callAsFunction", [nil]) { l, a in try l(a.tensor(0)) }
  t.method("predict", [nil]) { l, a in try l.predict(a.tensor(0)) }
  t.method("outputShape", ["for"]) { l, a in try l.outputShape(for: a.ints(0)) }
  t.method("train", throws: false) { l, _ in l.train() }
  t.method("eval", throws: false) { l, _ in l.eval() }
  t.method("zeroGrad", throws: false) { l, _ in l.zeroGrad() }
  t.property("parameters") { $0.parameters }
  t.property("parameterCount") { $0.parameterCount }
  t.property("isTraining") { $0.isTraining }
  t.property("inputShape") { $0.inputShape as Any }
  t.property("summaryName") { $0.summaryName }
  t.property("description") { $0.description }
}

/// Binds a layer type: its initializers, the members every layer shares, and `extra` members.
func layer<T: Layer>(
  _ b: Builtins, _ name: String, _ type: T.Type, _ body: (TypeBinder<T>) -> Void
) {
  b.bind(name, type, conformsTo: ["Layer"]) { t in
    layerMembers(t)
    body(t)
  }
}

private func installLayers(_ b: Builtins) {
  b.bindProtocol("Layer")
  b.bindProtocol("Optimizer")
  layer(b, "Linear", Linear.self) { t in
    t.initializer([nil, nil, "bias", "seed"], required: 2) { a in
      try Linear(a.int(0), a.int(1), bias: a.bool(2, default: true), seed: a.optionalInt(3))
    }
    t.initializer(["weight", "bias"], required: 1) { a in
      try Linear(weight: a.tensor(0), bias: a.optionalTensor(1))
    }
    t.property("weight") { $0.weight }
    t.property("bias") { $0.bias as Any }
    t.property("inFeatures") { $0.inFeatures }
    t.property("outFeatures") { $0.outFeatures }
  }
  layer(b, "ReLU", ReLU.self) { t in t.initializer([], throws: false) { _ in ReLU() } }
  layer(b, "Sigmoid", Sigmoid.self) { t in t.initializer([], throws: false) { _ in Sigmoid() } }
  layer(b, "Tanh", Tanh.self) { t in t.initializer([], throws: false) { _ in Tanh() } }
  layer(b, "Softplus", Softplus.self) { t in t.initializer([], throws: false) { _ in Softplus() } }
  layer(b, "Identity", Identity.self) { t in t.initializer([], throws: false) { _ in Identity() } }
  layer(b, "Flatten", Flatten.self) { t in t.initializer([], throws: false) { _ in Flatten() } }
  layer(b, "LeakyReLU", LeakyReLU.self) { t in
    t.initializer(["negativeSlope"], required: 0, throws: false) { a in
      LeakyReLU(negativeSlope: try a.double(0, default: 0.01))
    }
  }
  layer(b, "Softmax", Softmax.self) { t in
    t.initializer(["axis"], required: 0, throws: false) { a in
      Softmax(axis: try a.int(0, default: -1))
    }
  }
  layer(b, "LogSoftmax", LogSoftmax.self) { t in
    t.initializer(["axis"], required: 0, throws: false) { a in
      LogSoftmax(axis: try a.int(0, default: -1))
    }
  }
  layer(b, "Dropout", Dropout.self) { t in
    t.initializer([nil, "seed"], required: 0) { a in
      try Dropout(a.double(0, default: 0.5), seed: a.optionalInt(1))
    }
  }
  layer(b, "Sequential", Sequential.self) { t in
    // `Sequential(a, b, c)` and `Sequential([a, b, c])`, as in Swift
    var variadic = Overload([], required: 0) { a in
      b.wrap(Sequential(try a.layerList("Sequential")))
    }
    variadic.variadicLabels = []
    t.native.initializers.append(variadic)
    t.property("layers") { $0.layers }
    t.property("count") { $0.count }
    t.method("summary", ["inputShape"], required: 0, throws: false) { s, a in
      s.summary(inputShape: try a.optionalInts(0))
    }
    t.native.subscriptGet = { object, args in
      guard let s = object as? Sequential, args.count == 1, case .int(let i) = args[0].value else {
        throw EvalError("a Sequential subscript takes one Int index")
      }
      guard i >= 0 && i < s.count else {
        throw EvalError("Index out of range: layer \(i) of a Sequential of \(s.count) layers")
      }
      return b.wrap(try s[i])
    }
  }
  layer(b, "RNN", RNN.self) { t in
    t.initializer(
      ["inputSize", "hiddenSize", "layers", "nonlinearity", "batchFirst", "bias"], required: 2,
      throws: false
    ) { a in
      let nonlinearity: RNNNonlinearity = try a.has(3) && a.member(3) == "relu" ? .relu : .tanh
      return try RNN(
        inputSize: try a.int(0), hiddenSize: try a.int(1), layers: try a.int(2, default: 1),
        nonlinearity: nonlinearity, batchFirst: try a.bool(4, default: false),
        bias: try a.bool(5, default: true))
    }
  }
  layer(b, "LSTM", LSTM.self) { t in
    t.initializer(
      ["inputSize", "hiddenSize", "layers", "batchFirst", "bias"], required: 2
    ) { a in
      try LSTM(
        inputSize: try a.int(0), hiddenSize: try a.int(1), layers: try a.int(2, default: 1),
        batchFirst: try a.bool(3, default: false), bias: try a.bool(4, default: true))
    }
  }
  layer(b, "GRU", GRU.self) { t in
    t.initializer(
      ["inputSize", "hiddenSize", "layers", "batchFirst", "bias"], required: 2
    ) { a in
      try GRU(
        inputSize: try a.int(0), hiddenSize: try a.int(1), layers: try a.int(2, default: 1),
        batchFirst: try a.bool(3, default: false), bias: try a.bool(4, default: true))
    }
  }
  layer(b, "BatchNorm1d", BatchNorm1d.self) { t in
    t.initializer(
      [nil, "momentum", "epsilon", "affine", "trackRunningStatistics"], required: 1
    ) { a in
      try BatchNorm1d(
        try a.int(0), momentum: try a.optionalDouble(1, default: 0.1),
        epsilon: try a.double(2, default: 1e-5),
        affine: try a.bool(3, default: true), trackRunningStatistics: try a.bool(4, default: true))
    }
  }
  layer(b, "BatchNorm2d", BatchNorm2d.self) { t in
    t.initializer(
      [nil, "momentum", "epsilon", "affine", "trackRunningStatistics"], required: 1
    ) { a in
      try BatchNorm2d(
        try a.int(0), momentum: try a.optionalDouble(1, default: 0.1),
        epsilon: try a.double(2, default: 1e-5),
        affine: try a.bool(3, default: true), trackRunningStatistics: try a.bool(4, default: true))
    }
  }
  layer(b, "LayerNorm", LayerNorm.self) { t in
    t.initializer([nil, "epsilon", "elementwiseAffine"], required: 1) { a in
      let eps = try a.double(1, default: 1e-5)
      let affine = try a.bool(2, default: true)
      if case .array = try a.value(0) {
        return try LayerNorm(try a.ints(0), epsilon: eps, elementwiseAffine: affine)
      }
      return try LayerNorm(try a.int(0), epsilon: eps, elementwiseAffine: affine)
    }
  }
  layer(b, "MultiHeadAttention", MultiHeadAttention.self) { t in
    t.initializer(["embedDim", "heads", "causal"], required: 2) { a in
      try MultiHeadAttention(
        embedDim: try a.int(0), heads: try a.int(1), causal: try a.bool(2, default: false))
    }
  }
  layer(b, "Conv2d", Conv2d.self) { t in
    t.initializer(
      [nil, nil, "kernelSize", "stride", "padding", "bias"], required: 3
    ) { a in
      try Conv2d(
        try a.int(0), try a.int(1), kernelSize: try a.size2D(2),
        stride: try a.size2D(3, default: 1),
        padding: try a.size2D(4, default: 0), bias: try a.bool(5, default: true))
    }
  }
  layer(b, "MaxPool2d", MaxPool2d.self) { t in
    t.initializer(["kernelSize", "stride", "padding"], required: 1) { a in
      try MaxPool2d(
        kernelSize: try a.size2D(0), stride: try a.optionalSize2D(1),
        padding: try a.size2D(2, default: 0))
    }
  }
  layer(b, "AvgPool2d", AvgPool2d.self) { t in
    t.initializer(["kernelSize", "stride", "padding"], required: 1) { a in
      try AvgPool2d(
        kernelSize: try a.size2D(0), stride: try a.optionalSize2D(1),
        padding: try a.size2D(2, default: 0))
    }
  }
  layer(b, "PatchEmbedding", PatchEmbedding.self) { t in
    t.initializer(
      ["imageSize", "patchSize", "channels", "embedDim", "classToken", "positionEmbedding"],
      required: 4
    ) { a in
      try PatchEmbedding(
        imageSize: try a.int(0), patchSize: try a.int(1), channels: try a.int(2),
        embedDim: try a.int(3),
        classToken: try a.bool(4, default: true), positionEmbedding: try a.bool(5, default: true))
    }
  }
  layer(b, "ViT", ViT.self) { t in
    t.initializer(
      ["imageSize", "patchSize", "channels", "embedDim", "depth", "heads", "mlpDim", "classes"],
      required: 8
    ) { a in
      try ViT(
        imageSize: try a.int(0), patchSize: try a.int(1), channels: try a.int(2),
        embedDim: try a.int(3),
        depth: try a.int(4), heads: try a.int(5), mlpDim: try a.int(6), classes: try a.int(7))
    }
  }
}

private func installTraining(_ b: Builtins) {
  for (name, loss) in [
    ("mse", mse), ("l1Loss", l1Loss), ("binaryCrossEntropy", binaryCrossEntropy),
    ("binaryCrossEntropyWithLogits", binaryCrossEntropyWithLogits), ("crossEntropy", crossEntropy),
    ("nllLoss", nllLoss), ("halfSumSquaredError", halfSumSquaredError),
  ] as [(String, (Tensor, Tensor) throws -> Tensor)] {
    b.bindFunction(name, [nil, nil]) { a in try loss(a.tensor(0), a.tensor(1)) }
  }
  b.bindFunction("l1Penalty", [nil]) { a in try l1Penalty(a.tensors(0)) }
  b.bindFunction("l2Penalty", [nil]) { a in try l2Penalty(a.tensors(0)) }
  b.bind("SGD", SGD.self, conformsTo: ["Optimizer"]) { t in
    t.initializer([nil, "learningRate", "momentum", "weightDecay", "nesterov"], required: 2) { a in
      try SGD(
        a.tensors(0), learningRate: a.double(1), momentum: a.double(2, default: 0),
        weightDecay: a.double(3, default: 0), nesterov: a.bool(4, default: false))
    }
    t.method("step") { o, _ in try o.step() }
    t.method("zeroGrad", throws: false) { o, _ in o.zeroGrad() }
    t.method("delta", ["for"], throws: false) { o, a in o.delta(for: try a.tensor(0)) as Any }
    t.property("parameters") { $0.parameters }
    t.property("stepCount") { $0.stepCount }
    t.property("momentum") { $0.momentum }
    t.property("learningRate", { $0.learningRate }) { o, v in
      guard case .double(let d) = v else { throw EvalError("learningRate is a Double") }
      o.learningRate = d
    }
  }
  b.bind("Adam", Adam.self, conformsTo: ["Optimizer"]) { t in
    t.initializer([nil, "learningRate", "betas", "epsilon", "weightDecay"], required: 1) { a in
      var betas = (0.9, 0.999)
      if a.has(2) {
        let v = try a.arg(2)
        guard case .tuple(let pair) = v.asDouble ?? v.value, pair.items.count == 2,
          case .double(let b1) = pair.items[0], case .double(let b2) = pair.items[1]
        else { throw a.mismatch(v.value, "(Double, Double)") }
        betas = (b1, b2)
      }
      return try Adam(
        a.tensors(0), learningRate: a.double(1, default: 0.001), betas: betas,
        epsilon: a.double(3, default: 1e-8), weightDecay: a.double(4, default: 0))
    }
    t.method("step") { o, _ in try o.step() }
    t.method("zeroGrad", throws: false) { o, _ in o.zeroGrad() }
    t.property("parameters") { $0.parameters }
    t.property("stepCount") { $0.stepCount }
    t.property("learningRate", { $0.learningRate }) { o, v in
      guard case .double(let d) = v else { throw EvalError("learningRate is a Double") }
      o.learningRate = d
    }
  }
  b.bindFunction(
    "fit", [nil, nil, "loss", "optimizer", "epochs", "batchSize", "shuffle", "seed"], required: 5
  ) { a in
    try fit(
      a.layer(0), a.dataset(1), loss: a.lossFunction(2), optimizer: a.optimizer(3),
      epochs: a.int(4),
      batchSize: a.optionalInt(5), shuffle: a.bool(6, default: true), seed: a.optionalInt(7))
  }
  b.bindFunction("trainStep", [nil, nil, nil, "loss", "optimizer"]) { a in
    try trainStep(
      a.layer(0), a.tensor(1), a.tensor(2), loss: a.lossFunction(3), optimizer: a.optimizer(4))
  }
  b.bindFunction("predictedLabels", [nil]) { a in try predictedLabels(a.tensor(0)) }
  b.bindFunction("accuracy", [nil, nil]) { a in try accuracy(a.tensor(0), a.tensor(1)) }
  b.bindFunction("confusionMatrix", [nil, nil, "classes"], required: 2) { a in
    try confusionMatrix(a.tensor(0), a.tensor(1), classes: a.optionalInt(2))
  }
  for (name, metric) in [("precision", precision), ("recall", recall), ("f1Score", f1Score)]
    as [(String, (Tensor, Tensor, Averaging) throws -> Double)]
  {
    b.bindFunction(name, [nil, nil, "average"], required: 2) { a in
      try metric(a.tensor(0), a.tensor(1), a.averaging(2))
    }
  }
}

private func installCharts(_ b: Builtins) {
  func chart<T: Chart>(_ name: String, _ type: T.Type, _ body: (TypeBinder<T>) -> Void) {
    b.bind(name, type, conformsTo: ["Chart"]) { t in
      t.display { .svg($0.svg) }
      t.describe { _ in name }
      t.property("svg") { $0.svg }
      body(t)
    }
  }
  chart("LineChart", LineChart.self) { t in
    t.initializer(
      [nil, "title", "xLabel", "yLabel", "logScaleY", "width", "height", "id"], required: 1,
      throws: false
    ) { a in
      LineChart(
        try a.doubles(0), title: try a.string(1, default: ""),
        xLabel: try a.string(2, default: "epoch"),
        yLabel: try a.string(3, default: ""), logScaleY: try a.bool(4, default: false),
        width: try a.double(5, default: 640), height: try a.double(6, default: 400),
        id: try a.optionalString(7))
    }
  }
  chart("Histogram", Histogram.self) { t in
    t.initializer(
      [nil, "bins", "title", "xLabel", "yLabel", "width", "height", "id"], required: 1,
      throws: false
    ) { a in
      Histogram(
        try a.doubles(0), bins: try a.optionalInt(1), title: try a.string(2, default: ""),
        xLabel: try a.string(3, default: ""), yLabel: try a.string(4, default: "count"),
        width: try a.double(5, default: 560), height: try a.double(6, default: 380),
        id: try a.optionalString(7))
    }
  }
  chart("BarChart", BarChart.self) { t in
    t.initializer(
      ["categories", "values", "title", "xLabel", "yLabel", "width", "height", "id"], required: 2
    ) { a in
      try BarChart(
        categories: a.strings(0), values: a.doubles(1), title: a.string(2, default: ""),
        xLabel: a.string(3, default: ""), yLabel: a.string(4, default: ""),
        width: a.double(5, default: 560), height: a.double(6, default: 380),
        id: a.optionalString(7))
    }
  }
  chart("ScatterPlot", ScatterPlot.self) { t in
    // `ScatterPlot(data)` (DLCharts) and `ScatterPlot(points)` differ by the first argument's
    // type; overloads are told apart by labels, and every call the data set's labels allow
    // also fits the points' overload, which comes first: it hands a data set on
    func fromData(_ a: ArgReader, after i: Int) throws -> ScatterPlot {
      try ScatterPlot(
        a.dataset(0), classNames: a.optionalStrings(i), title: a.string(i + 1, default: ""),
        xLabel: a.optionalString(i + 2), yLabel: a.optionalString(i + 3),
        width: a.double(i + 4, default: 560), height: a.double(i + 5, default: 420),
        id: a.optionalString(i + 6))
    }
    t.initializer(
      [nil, "labels", "classNames", "title", "xLabel", "yLabel", "width", "height", "id"],
      required: 1
    ) { a in
      if case .native(let n) = try a.value(0), n.object is Dataset, !a.has(1) {
        return try fromData(a, after: 2)
      }
      return try ScatterPlot(
        a.points(0), labels: a.optionalInts(1), classNames: a.optionalStrings(2),
        title: a.string(3, default: ""),
        xLabel: a.string(4, default: ""), yLabel: a.string(5, default: ""),
        width: a.double(6, default: 560), height: a.double(7, default: 420),
        id: a.optionalString(8))
    }
    t.initializer(
      [nil, "classNames", "title", "xLabel", "yLabel", "width", "height", "id"], required: 1
    ) { a in try fromData(a, after: 1) }
    t.initializer(
      ["x", "y", "labels", "classNames", "title", "xLabel", "yLabel", "width", "height", "id"],
      required: 2
    ) { a in
      try ScatterPlot(
        x: a.doubles(0), y: a.doubles(1), labels: a.optionalInts(2),
        classNames: a.optionalStrings(3),
        title: a.string(4, default: ""), xLabel: a.string(5, default: ""),
        yLabel: a.string(6, default: ""),
        width: a.double(7, default: 560), height: a.double(8, default: 420),
        id: a.optionalString(9))
    }
  }
  chart("DecisionBoundary", DecisionBoundary.self) { t in
    // `DecisionBoundary(net, data)`: DLCharts' map of a model over a data set
    t.initializer(
      [nil, nil, "resolution", "classNames", "title", "xLabel", "yLabel", "width", "height", "id"],
      required: 2
    ) { a in
      try DecisionBoundary(
        a.layer(0), a.dataset(1), resolution: a.int(2, default: 200),
        classNames: a.optionalStrings(3), title: a.string(4, default: ""),
        xLabel: a.string(5, default: "x₁"), yLabel: a.string(6, default: "x₂"),
        width: a.double(7, default: 580), height: a.double(8, default: 495),
        id: a.optionalString(9))
    }
  }
  chart("SideBySide", SideBySide.self) { t in
    t.display { row in
      .charts(
        DisplayCharts(
          title: row.title,
          rows: row.rows.map { $0.map { DisplayCharts.Chart(svg: $0.svg, width: $0.width) } }))
    }
    t.initializer([nil, "title", "columns", "id"], required: 1, throws: false) { a in
      let v = try a.value(0)
      guard case .array(let list) = v else { throw a.mismatch(v, "[Chart]") }
      let charts = try list.items.map { item -> any Chart in
        guard case .native(let n) = item, let c = n.object as? any Chart else {
          throw a.mismatch(item, "Chart")
        }
        return c
      }
      return SideBySide(
        charts, title: try a.string(1, default: ""), columns: try a.optionalInt(2),
        id: try a.optionalString(3))
    }
  }
  b.bind("Math", CellMath.self) { t in
    t.initializer([nil], throws: false) { a in
      CellMath(tex: try a.string(0), origin: a.rt.notebookLocation(try a.arg(0).loc))
    }
    t.display { .math($0.tex, origin: $0.origin) }
    t.describe { $0.tex }
  }
  b.bind("Table", CellTable.self) { t in
    t.initializer([nil, nil], throws: false) { a in
      let rowsValue = try a.value(1)
      guard case .array(let rows) = rowsValue else { throw a.mismatch(rowsValue, "[[Any]]") }
      return CellTable(
        header: try a.strings(0),
        rows: try rows.items.map {
          guard case .array(let cells) = $0 else { throw a.mismatch($0, "[Any]") }
          return cells.items
        })
    }
    t.display { table in
      let text = table.rows.map { $0.map(\.description) }
      return .table(
        DisplayTable(
          header: table.header, rows: text, numericColumns: table.numericColumns))
    }
    t.describe { table in
      ([table.header.joined(separator: " | ")]
        + table.rows.map { $0.map(\.description).joined(separator: " | ") }).joined(separator: "\n")
    }
  }
}
