import DLCore
import Foundation

/// A sequence Swift returns lazily (`enumerated()`, `zip`, `reversed()`, `stride`): iterable,
/// and printed the way Swift prints the wrapper type.
struct LazySequence {
  var items: [Value]
  var description: String
  var elementType: VType
}

extension Builtins {
  nonisolated(unsafe) static let lazySequenceType: NativeType = {
    let t = NativeType(name: "LazySequence") { object, _ in
      (object as? LazySequence)?.description ?? ""
    }
    t.elements = { ($0 as? LazySequence)?.items ?? [] }
    return t
  }()

  func lazy(_ items: [Value], _ description: String, _ elementType: VType) -> Value {
    .native(
      NativeObject.make(
        type: Builtins.lazySequenceType,
        object: LazySequence(items: items, description: description, elementType: elementType)))
  }

  /// The elements of an iterable value, or nil.
  func elements(_ v: Value) throws -> [Value]? {
    switch v {
    case .array(let a): return a.items
    case .range(let r):
      guard case .int(let lo) = r.lower, case .int(let hi) = r.upper else { return nil }
      if r.closed ? lo > hi : lo >= hi { return [] }
      let end = r.closed ? hi : hi - 1
      let (span, overflow) = end.subtractingReportingOverflow(lo)
      if overflow || span >= 50_000_000 {
        throw EvalError(
          "the range has more than 50,000,000 elements, too many to hold in a collection")
      }
      return (lo...end).map { .int($0) }
    case .dictionary(let d):
      return zip(d.keys, d.values).map {
        .tuple(TupleValue(labels: ["key", "value"], items: [$0, $1]))
      }
    case .string(let s): return s.map { .character($0) }
    case .set(let s): return s.items
    case .native(let n): return try n.type.elements?(n.object)
    default: return nil
    }
  }

  func elementType(_ v: Value) -> VType {
    switch v {
    case .array(let a): return a.elementType
    case .range(let r): return r.lower.type
    case .dictionary(let d): return .tuple(["key", "value"], [d.keyType, d.valueType])
    case .string: return .character
    case .set(let s): return s.elementType
    case .native(let n): return (n.object as? LazySequence)?.elementType ?? .any
    default: return .any
    }
  }

  func array(_ items: [Value], _ type: VType? = nil) -> Value {
    .array(ArrayValue(elementType: type ?? items.first?.type ?? .any, items: items))
  }

  func arrayInitializers(_ element: VType) -> [Overload] {
    [
      Overload([]) { _ in .array(ArrayValue(elementType: element, items: [])) },
      Overload(["repeating", "count"]) { a in
        let arg = try a.arg(0)
        var v = arg.value
        if element != .any {
          v = try coerce(v, asDouble: arg.asDouble, to: element, context: .argument).get(
            at: arg.loc)
        }
        let n = try a.int(1)
        guard n >= 0 else { throw EvalError("Can't construct Array with count < 0") }
        try a.rt.budget(n)
        return .array(
          ArrayValue(
            elementType: element == .any ? v.type : element, items: Array(repeating: v, count: n)))
      },
      Overload([nil]) { [unowned self] a in
        let v = try a.value(0)
        guard let items = try self.elements(v) else { throw a.mismatch(v, "a sequence") }
        var out = ArrayValue(
          elementType: element == .any ? self.elementType(v) : element, items: items)
        if element != .any, case .array(let c)? = conform(.array(out), to: .array(element)) {
          out = c
        }
        return .array(out)
      },
    ]
  }

  // MARK: - Core

  func installCore() {
    let printImpl: (inout ArgReader, Bool) throws -> Value = { a, debug in
      let items = a.args.filter { $0.label == nil }.map { $0.value }
      let separator =
        try a.args.first { $0.label == "separator" }.map {
          guard case .string(let s) = $0.value else { throw a.mismatch($0.value, "String") }
          return s
        } ?? " "
      let terminator =
        try a.args.first { $0.label == "terminator" }.map {
          guard case .string(let s) = $0.value else { throw a.mismatch($0.value, "String") }
          return s
        } ?? "\n"
      let text = items.map { $0.describe(debug: debug) }.joined(separator: separator) + terminator
      try a.rt.write(text, at: .unknown)
      return .void
    }
    functions["print"] = NativeFunction(
      "print",
      [VariadicOverload.make(["separator", "terminator"]) { a in try printImpl(&a, false) }])
    functions["debugPrint"] = NativeFunction(
      "debugPrint",
      [VariadicOverload.make(["separator", "terminator"]) { a in try printImpl(&a, true) }])
    function("display", [nil]) { a in
      let v = try a.value(0)
      a.rt.display(try a.rt.displayValue(v))
      return .void
    }
    function("Optional", [nil]) { a in .optional(try a.value(0)) }
    function("fatalError", [nil], required: 0) { a in
      throw EvalError("Fatal error" + (try a.has(0) ? ": " + a.string(0) : ""))
    }
    function("precondition", [nil, nil], required: 1) { a in
      if !(try a.bool(0)) {
        throw EvalError("Precondition failed" + (a.has(1) ? ": " + (try a.string(1)) : ""))
      }
      return .void
    }
    function("assert", [nil, nil], required: 1) { a in
      if !(try a.bool(0)) {
        throw EvalError("Assertion failed" + (a.has(1) ? ": " + (try a.string(1)) : ""))
      }
      return .void
    }
    function("zip", [nil, nil]) { [unowned self] a in
      let x = try a.value(0)
      let y = try a.value(1)
      guard let xs = try self.elements(x) else { throw a.mismatch(x, "a sequence") }
      guard let ys = try self.elements(y) else { throw a.mismatch(y, "a sequence") }
      let items = zip(xs, ys).map { Value.tuple(TupleValue(labels: [nil, nil], items: [$0, $1])) }
      return self.lazy(
        items,
        "Zip2Sequence<\(x.type.genericName), \(y.type.genericName)>(_sequence1: \(x.debugDescription), _sequence2: \(y.debugDescription))",
        .tuple([nil, nil], [self.elementType(x), self.elementType(y)]))
    }
    let strideImpl: (inout ArgReader, Bool) throws -> Value = { [unowned self] a, through in
      let name = through ? "StrideThrough" : "StrideTo"
      let useDouble: Bool = {
        for i in 0..<3 { if case .double? = try? a.value(i) { return true } }
        return false
      }()
      if useDouble {
        let from = try a.double(0)
        let to = try a.double(1)
        let by = try a.double(2)
        guard by != 0 else { throw EvalError("Stride size must not be zero") }
        var items: [Value] = []
        let seq: [Double] =
          through
          ? Array(Swift.stride(from: from, through: to, by: by))
          : Array(Swift.stride(from: from, to: to, by: by))
        try a.rt.budget(seq.count)
        items = seq.map { .double($0) }
        return self.lazy(items, "Swift.\(name)<Swift.Double>", .double)
      }
      let from = try a.int(0)
      let to = try a.int(1)
      let by = try a.int(2)
      guard by != 0 else { throw EvalError("Stride size must not be zero") }
      let count = Swift.max(0, (to - from) / by + 1)
      try a.rt.budget(count)
      let seq: [Int] =
        through
        ? Array(Swift.stride(from: from, through: to, by: by))
        : Array(Swift.stride(from: from, to: to, by: by))
      return self.lazy(seq.map { .int($0) }, "Swift.\(name)<Swift.Int>", .int)
    }
    function("stride", ["from", "to", "by"]) { a in try strideImpl(&a, false) }
    function("stride", ["from", "through", "by"]) { a in try strideImpl(&a, true) }

    // random numbers come from the session's seeded generator: the same on every run
    func randomRange(_ a: ArgReader, doubles: Bool = false) throws -> RangeValue {
      let arg = try a.arg(0)
      // `Double.random(in: 0..<1)`: a range of integer literals is a range of Doubles there
      let v = doubles ? (arg.asDouble ?? arg.value) : arg.value
      guard case .range(let r) = v, !(r.lower == .void), !(r.upper == .void) else {
        throw a.mismatch(arg.value, "Range")
      }
      return r
    }
    staticFunctions[.double, default: [:]]["random"] = NativeFunction(
      "Double.random",
      [
        Overload(["in"]) { a in
          let r = try randomRange(a, doubles: true)
          guard case .double(let lo) = r.lower, case .double(let hi) = r.upper else {
            throw a.mismatch(try a.value(0), "Range<Double>")
          }
          if !r.closed && lo == hi { throw EvalError("Can't get random value with an empty range") }
          return .double(lo + (hi - lo) * RandomGenerator.current.nextUniform())
        }
      ])
    staticFunctions[.int, default: [:]]["random"] = NativeFunction(
      "Int.random",
      [
        Overload(["in"]) { a in
          let r = try randomRange(a)
          guard case .int(let lo) = r.lower, case .int(let hi) = r.upper else {
            throw a.mismatch(try a.value(0), "Range<Int>")
          }
          let (span, overflow) = hi.subtractingReportingOverflow(lo)
          let count = r.closed ? span &+ 1 : span
          if overflow || count <= 0 {
            if !overflow && count == 0 {
              throw EvalError("Can't get random value with an empty range")
            }
            throw EvalError("the range is too wide for a random Int in cells")
          }
          return .int(lo + RandomGenerator.current.nextInt(below: count))
        }
      ])
    staticFunctions[.bool, default: [:]]["random"] = NativeFunction(
      "Bool.random", [Overload([]) { _ in .bool(RandomGenerator.current.nextInt(below: 2) == 1) }])

    // Int
    staticValues[.int] = ["max": .int(Int.max), "min": .int(Int.min), "zero": .int(0)]
    typeInitializers[.int] = [
      Overload([nil]) { a in
        let v = try a.value(0)
        switch v {
        case .int: return v
        case .double(let d):
          return .int(try Int(converting: d))
        case .string(let s): return .optional(Int(s).map { .int($0) })
        case .native(let n) where n.object is UInt8: return .int(Int(n.object as! UInt8))
        case .bool:
          // Swift has no Int(Bool); swiftc's message ends with a space (the initializer's
          // empty name)
          throw EvalError("no exact matches in call to initializer ")
        default: throw a.mismatch(v, "Int")
        }
      },
      Overload(["exactly"]) { a in
        let d = try a.double(0)
        return .optional(Int(exactly: d).map { .int($0) })
      },
      Overload([nil, "radix"]) { a in
        let radix = try a.int(1)
        guard (2...36).contains(radix) else { throw EvalError("Radix not in range 2...36") }
        return .optional(Int(try a.string(0), radix: radix).map { .int($0) })
      },
    ]
    typeInitializers[.double] = [
      Overload([nil]) { a in
        let arg = try a.arg(0)
        switch arg.value {
        case .int(let n): return .double(Double(n))
        case .double: return arg.value
        case .string(let s): return .optional(Double(s).map { .double($0) })
        case .native(let n) where n.object is UInt8: return .double(Double(n.object as! UInt8))
        default: throw a.mismatch(arg.value, "Double")
        }
      }
    ]
    staticValues[.double] = [
      "pi": .double(Double.pi), "infinity": .double(Double.infinity), "nan": .double(Double.nan),
      "greatestFiniteMagnitude": .double(Double.greatestFiniteMagnitude),
      "leastNormalMagnitude": .double(Double.leastNormalMagnitude),
      "leastNonzeroMagnitude": .double(Double.leastNonzeroMagnitude),
      "ulpOfOne": .double(Double.ulpOfOne), "zero": .double(0),
    ]
    typeInitializers[.bool] = [Overload([nil]) { a in .bool(try a.bool(0)) }]
    typeInitializers[.string] = [
      Overload([nil]) { [unowned self] a in
        let v = try a.value(0)
        switch v {
        case .string, .character: return .string(v.description)
        case .array, .native, .set:
          // `String(chars)`, `String(word.reversed())`: a sequence of characters
          if let items = try self.elements(v), !items.isEmpty,
            items.allSatisfy({ if case .character = $0 { true } else { false } })
          {
            return .string(items.map(\.description).joined())
          }
          if case .character = self.elementType(v) { return .string("") }
        case .double(let d): return .string(d.description)  // `nan`, not `-nan`
        default: break
        }
        return .string(v.description)
      },
      Overload([nil, "radix", "uppercase"], required: 2) { a in
        let radix = try a.int(1)
        guard (2...36).contains(radix) else { throw EvalError("Radix must be between 2 and 36") }
        let upper = a.has(2) ? try a.bool(2) : false
        return .string(String(try a.int(0), radix: radix, uppercase: upper))
      },
      Overload(["describing"]) { a in
        let v = try a.value(0)
        if case .double(let d) = v { return .string(d.description) }  // `nan`, not `-nan`
        return .string(v.description)
      },
      Overload(["reflecting"]) { a in .string(try a.value(0).debugDescription) },
      Overload(["repeating", "count"]) { a in
        let n = try a.int(1)
        guard n >= 0 else { throw EvalError("Negative count not allowed") }
        let s: String
        if case .character(let c) = try a.value(0) { s = String(c) } else { s = try a.string(0) }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: Swift.max(1, s.utf8.count))
        try a.rt.budget(overflow ? Int.max : bytes)
        return .string(String(repeating: s, count: n))
      },
      VariadicOverload.make(["format"], leadingLabel: "format") { a in
        let format =
          try a.args.first { $0.label == "format" }.map {
            guard case .string(let s) = $0.value else { throw a.mismatch($0.value, "String") }
            return s
          } ?? ""
        return .string(try formatString(format, a.args.filter { $0.label == nil }))
      },
    ]

    method(.int, "isMultiple", ["of"]) { v, a in
      guard case .int(let n) = v else { return .void }
      return .bool(n.isMultiple(of: try a.int(0)))
    }
    method(.int, "quotientAndRemainder", ["dividingBy"]) { v, a in
      guard case .int(let n) = v else { return .void }
      let d = try a.int(0)
      guard d != 0 else { throw EvalError("division by zero") }
      guard !(n == Int.min && d == -1) else {
        throw EvalError("arithmetic overflow: \(n).quotientAndRemainder(dividingBy: -1)")
      }
      let (q, r) = n.quotientAndRemainder(dividingBy: d)
      return .tuple(TupleValue(labels: ["quotient", "remainder"], items: [.int(q), .int(r)]))
    }
    method(.int, "signum") { v, _ in
      guard case .int(let n) = v else { return .void }
      return .int(n.signum())
    }
    property(.int, "magnitude") { v in
      guard case .int(let n) = v else { return .void }
      return .int(Int(n.magnitude == UInt(Int.max) + 1 ? UInt(Int.max) : n.magnitude))
    }
    property(.int, "description") { v in .string(v.description) }
    property(.double, "description") { v in
      if case .double(let d) = v { return .string(d.description) }  // `nan`, not `-nan`
      return .string(v.description)
    }
    property(.bool, "description") { v in .string(v.description) }
    for kind in [Kind.array, .dictionary, .set, .range] {
      // what `print` shows (a range as `1...3`)
      property(kind, "description") { v in .string(v.description) }
    }
    method(.bool, "toggle", mutating: true) { v, _ in
      if case .bool(let b) = v { v = .bool(!b) }
      return .void
    }

    // Double
    let rounding: [String: FloatingPointRoundingRule] = [
      "toNearestOrAwayFromZero": .toNearestOrAwayFromZero, "toNearestOrEven": .toNearestOrEven,
      "up": .up, "down": .down, "towardZero": .towardZero, "awayFromZero": .awayFromZero,
    ]
    method(.double, "rounded", [nil], required: 0) { v, a in
      guard case .double(let d) = v else { return .void }
      if a.has(0) {
        let name = try a.member(0)
        guard let rule = rounding[name] else {
          throw EvalError("type 'FloatingPointRoundingRule' has no member '\(name)'")
        }
        return .double(d.rounded(rule))
      }
      return .double(d.rounded())
    }
    method(.double, "round", [nil], required: 0, mutating: true) { v, a in
      guard case .double(let d) = v else { return .void }
      if a.has(0) {
        guard let rule = rounding[try a.member(0)] else { throw EvalError("unknown rounding rule") }
        v = .double(d.rounded(rule))
      } else {
        v = .double(d.rounded())
      }
      return .void
    }
    method(.double, "squareRoot") { v, _ in
      guard case .double(let d) = v else { return .void }
      return .double(d.squareRoot())
    }
    method(.double, "truncatingRemainder", ["dividingBy"]) { v, a in
      guard case .double(let d) = v else { return .void }
      return .double(d.truncatingRemainder(dividingBy: try a.double(0)))
    }
    method(.double, "remainder", ["dividingBy"]) { v, a in
      guard case .double(let d) = v else { return .void }
      return .double(d.remainder(dividingBy: try a.double(0)))
    }
    for (name, f) in [
      ("isNaN", { (d: Double) in d.isNaN }), ("isInfinite", { $0.isInfinite }),
      ("isFinite", { $0.isFinite }), ("isZero", { $0 == 0 }),
    ] {
      property(.double, name) { v in
        guard case .double(let d) = v else { return .void }
        return .bool(f(d))
      }
    }
    property(.double, "magnitude") { v in
      guard case .double(let d) = v else { return .void }
      return .double(d.magnitude)
    }
    property(.double, "ulp") { v in
      guard case .double(let d) = v else { return .void }
      return .double(d.ulp)
    }

    // Optional
    property(.optional, "unsafelyUnwrapped") { v in
      guard case .optional(let w) = v, let w else { throw EvalError("unexpectedly found nil") }
      return w
    }
    method(.optional, "map", [nil]) { v, a in
      guard case .optional(let w) = v else { return .void }
      guard let w else { return .none }
      return .optional(try a.rt.apply(try a.function(0), [w]))
    }

    // Range
    property(.range, "lowerBound") { v in
      guard case .range(let r) = v else { return .void }
      return r.lower
    }
    property(.range, "upperBound") { v in
      guard case .range(let r) = v else { return .void }
      return r.upper
    }
    method(.range, "contains", [nil]) { [unowned self] v, a in
      guard case .range(let r) = v else { return .void }
      let arg = try a.arg(0)
      if arg.trailing, case .function = arg.value {
        // `(2..<n).contains { n % $0 == 0 }`: `contains(where:)` with a trailing closure
        let p = try self.predicate(a, 0)
        for x in try self.items(v, a) where try p(x) { return .bool(true) }
        return .bool(false)
      }
      var x = arg.value
      if case .double = r.lower, let d = arg.asDouble { x = d }
      return .bool(try Builtins.rangeContains(r, x, at: .unknown))
    }
    property(.range, "isEmpty") { v in
      guard case .range(let r) = v else { return .void }
      return .bool(!r.closed && r.lower == r.upper)
    }
    property(.range, "count") { v in
      guard case .range(let r) = v, case .int(let lo) = r.lower, case .int(let hi) = r.upper else {
        throw EvalError("'count' needs an Int range")
      }
      let (span, o1) = hi.subtractingReportingOverflow(lo)
      let (count, o2) = span.addingReportingOverflow(r.closed ? 1 : 0)
      if o1 || o2 { throw EvalError("the range's count does not fit in Int") }
      return .int(count)
    }
    method(.range, "clamped", ["to"]) { v, a in
      // Swift's clamped(to:): each bound moved into the other range
      guard case .range(let r) = v, case .range(let limits) = try a.value(0),
        r.closed == limits.closed
      else { throw a.mismatch(try a.value(0), v.typeName) }
      func clamp(_ x: Value) throws -> Value {
        if try Operators.less(x, limits.lower, "clamped", at: .unknown) { return limits.lower }
        if try Operators.less(limits.upper, x, "clamped", at: .unknown) { return limits.upper }
        return x
      }
      return .range(
        RangeValue(lower: try clamp(r.lower), upper: try clamp(r.upper), closed: r.closed))
    }
  }
}

/// An overload whose leading unlabeled arguments are variadic (`print(a, b, c, separator:)`).
enum VariadicOverload {
  static func make(
    _ labels: [String], leadingLabel: String? = nil,
    _ run: @escaping (inout ArgReader) throws -> Value
  ) -> Overload {
    var o = Overload([], required: 0, run)
    o.variadicLabels = labels
    o.leadingLabel = leadingLabel
    return o
  }
}

extension Runtime {
  /// Refuses to build collections beyond what a cell may hold.
  func budget(_ elements: Int) throws {
    if elements > maxElements {
      throw EvalError(
        "the collection would hold \(elements) elements; cells are limited to \(maxElements)")
    }
  }
}
