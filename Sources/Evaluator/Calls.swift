import Foundation

/// One argument at a call site, evaluated.
struct Arg {
  var label: String?
  var value: Value
  /// For an integer-literal expression (`3`, `[1, 2]`), the same literal typed as Double, as
  /// Swift would type it where a Double is expected; for a one-character string literal, the
  /// Character (see `CExpr.asDouble`).
  var asDouble: Value?
  /// A trailing closure matches its parameter whatever that parameter's label.
  var trailing = false
  /// Where the argument stands in the cell, for conversion errors (Swift points at it).
  var loc = Loc.unknown
}

/// A parameter of a cell function or closure.
struct Param {
  var label: String?
  var name: String
  var type: VType?
  var defaultValue: CExpr?
  var isInout = false
  var slot = 0
  /// Declared with a default value (known before `defaultValue` is compiled).
  var hasDefault = false
}

/// The compiled body of a cell function or closure.
final class FunctionCode {
  let name: String
  var params: [Param] = []
  /// nil for a closure whose result type is inferred.
  var returnType: VType?
  /// A closure of one expression whose result type is inferred: that expression's static type
  /// when the compiler knows it (`{ Double($0) }`), the element type of `map`'s empty result.
  var inferredReturnType: VType?
  var body: Stmt = { _ in .next }
  var frameSize = 0
  /// Slots that receive the captured boxes, in the order of `Closure.captured`.
  var captureSlots: [Int] = []
  var isThrowing = false
  var isClosure = false
  /// A generic function's check of its arguments (`Generics.swift`), run at each call and
  /// reported at the call, as Swift reports an unmet constraint.
  var argumentCheck: ((Frame) throws -> Void)?
  var loc: Loc
  /// The cell the code was written in (`Runtime.cellNumber`) and where that cell starts: an
  /// error inside code of an earlier cell is placed at the running cell's call (see `invoke`).
  let cell: Int
  let origin: SourceOrigin

  init(name: String, loc: Loc, in rt: Runtime) {
    self.name = name
    self.loc = loc
    self.cell = rt.cellNumber
    self.origin = rt.cellOrigin
  }

  /// `f(x:_:)`, the form Swift uses to name a function in messages.
  var signature: String {
    name + "(" + params.map { ($0.label ?? "_") + ":" }.joined() + ")"
  }
}

/// A cell function or closure value: code plus the variables it captured.
final class Closure: Callable {
  let code: FunctionCode
  let captured: [Box]

  init(code: FunctionCode, captured: [Box]) {
    self.code = code
    self.captured = captured
  }

  override var type: VType {
    .function(code.params.map { $0.type ?? .any }, code.returnType ?? .any)
  }
  override var throwing: Bool { code.isThrowing }
  override var name: String { code.name }
}

/// A library function bound for cells, with overloads told apart by labels.
final class NativeFunction: Callable {
  let functionName: String
  let overloads: [Overload]
  let isThrowing: Bool

  init(_ name: String, throwing: Bool = false, _ overloads: [Overload]) {
    self.functionName = name
    self.overloads = overloads
    self.isThrowing = throwing
  }

  override var throwing: Bool { isThrowing || overloads.contains { $0.throwing } }
  override var name: String { functionName }
}

/// One accepted way to call a bound function: its labels and how to run it.
struct Overload {
  var labels: [String?]
  /// How many leading arguments are required (the rest have defaults).
  var required: Int
  var run: (inout ArgReader) throws -> Value
  /// Whether Swift requires `try` on a call of this overload.
  var throwing = false
  /// For variadic functions: the labels accepted after the unlabeled values.
  var variadicLabels: [String]? = nil
  /// For variadic functions whose first argument is labeled (`String(format:_:)`).
  var leadingLabel: String? = nil

  init(
    _ labels: [String?], required: Int? = nil, _ run: @escaping (inout ArgReader) throws -> Value
  ) {
    self.labels = labels
    self.required = required ?? labels.count
    self.run = run
  }

  func signature(_ name: String) -> String {
    if let variadicLabels {
      return name + "(" + (leadingLabel.map { "\($0):" } ?? "") + "_:..."
        + variadicLabels.filter { $0 != leadingLabel }.map { "\($0):" }.joined() + ")"
    }
    return name + "(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")"
  }

  /// Whether `args` fit these labels, and where each argument goes.
  func match(_ args: [Arg]) -> [Int?]? {
    if let variadicLabels {
      if let leadingLabel, args.first?.label != leadingLabel { return nil }
      for (i, a) in args.enumerated() where !(i == 0 && leadingLabel != nil) {
        if let label = a.label, !variadicLabels.contains(label) { return nil }
      }
      return []
    }
    return matchLabels(labels, required: required, args)
  }
}

/// Where each parameter's argument stands among a call's arguments (`nil`: not given).
///
/// Up to eight parameters whose arguments are among the first 255 are packed in one word, so
/// making and copying a reader counts no array reference (a call pays that on every run);
/// longer lists are kept in an array.
struct ArgSlots {
  /// Byte `i` holds parameter `i`'s argument index plus one (0: not given).
  private var packed: UInt64 = 0
  private var spilled: [Int?]?
  let count: Int

  init(_ slots: [Int?]) {
    count = slots.count
    if slots.count <= 8, slots.allSatisfy({ ($0 ?? 0) >= 0 && ($0 ?? 0) < 255 }) {
      for (i, slot) in slots.enumerated() {
        if let slot { packed |= UInt64(slot + 1) << (8 * UInt64(i)) }
      }
    } else {
      spilled = slots
    }
  }

  /// Parameter `i`'s argument index, for `i` below `count`.
  @inline(__always)
  subscript(i: Int) -> Int? {
    if let spilled { return spilled[i] }
    let byte = Int(truncatingIfNeeded: packed >> (8 * UInt64(i))) & 0xFF
    return byte == 0 ? nil : byte - 1
  }

  /// One parameter, given by the first argument.
  static let first = ArgSlots([0])
}

/// Typed access to the arguments of a bound call, with Swift's conversion messages.
struct ArgReader {
  let name: String
  var args: [Arg]
  var slots: ArgSlots
  // a reader lives only during a call, while the session holds its runtime; not counting the
  // reference matters because the runtime is weakly referenced, which makes counting slow
  unowned(unsafe) let rt: Runtime
  /// Whether the call is marked with `try`.
  var inTry = true
  /// Where the call stands in its cell, for builtins that report on themselves (`expect`).
  var callLocation: Loc = .unknown

  func has(_ i: Int) -> Bool { i < slots.count && slots[i] != nil }

  /// Where argument `i` stands in `args`.
  @inline(__always)
  func position(_ i: Int) throws -> Int {
    guard i < slots.count, let index = slots[i] else {
      throw EvalError("missing argument \(i + 1) in call to '\(name)'")
    }
    return index
  }

  func arg(_ i: Int) throws -> Arg { args[try position(i)] }

  func value(_ i: Int) throws -> Value { args[try position(i)].value }

  func mismatch(_ value: Value, _ expected: String) -> EvalError {
    // errors are rare: find the argument by its value to point at it, as Swift does
    let place = args.first { $0.value == value }?.loc ?? .unknown
    return EvalError(
      "cannot convert value of type '\(value.typeName)' to expected argument type '\(expected)'",
      at: place)
  }

  /// The conversion error for argument `a`, placed at the argument.
  func mismatch(_ a: Arg, _ expected: String) -> EvalError {
    EvalError(
      "cannot convert value of type '\(a.value.typeName)' to expected argument type '\(expected)'",
      at: a.loc)
  }

  func double(_ i: Int) throws -> Double {
    let a = try arg(i)
    if case .double(let d) = a.value { return d }
    if case .double(let d)? = a.asDouble { return d }
    if let d = ImplicitMember.double(a.value) { return d }
    throw mismatch(a, "Double")
  }

  func double(_ i: Int, default value: Double) throws -> Double {
    has(i) ? try double(i) : value
  }

  func int(_ i: Int) throws -> Int {
    let a = try arg(i)
    if case .int(let n) = a.value { return n }
    throw mismatch(a, "Int")
  }

  func int(_ i: Int, default value: Int) throws -> Int { has(i) ? try int(i) : value }

  func optionalInt(_ i: Int) throws -> Int? {
    guard has(i) else { return nil }
    let v = try value(i)
    switch v {
    case .int(let n): return n
    case .optional(nil): return nil
    case .optional(.int(let n)?): return n
    default: throw mismatch(v, "Int?")
    }
  }

  func bool(_ i: Int) throws -> Bool {
    let v = try value(i)
    if case .bool(let b) = v { return b }
    throw mismatch(v, "Bool")
  }

  func bool(_ i: Int, default value: Bool) throws -> Bool { has(i) ? try bool(i) : value }

  func string(_ i: Int) throws -> String {
    let v = try value(i)
    if case .string(let s) = v { return s }
    throw mismatch(v, "String")
  }

  func string(_ i: Int, default value: String) throws -> String {
    has(i) ? try string(i) : value
  }

  func optionalString(_ i: Int) throws -> String? {
    guard has(i) else { return nil }
    let v = try value(i)
    switch v {
    case .string(let s): return s
    case .optional(nil): return nil
    case .optional(.string(let s)?): return s
    default: throw mismatch(v, "String?")
    }
  }

  func function(_ i: Int) throws -> Callable {
    let v = try value(i)
    if case .function(let f) = v { return f }
    throw mismatch(v, "function")
  }

  func ints(_ i: Int) throws -> [Int] {
    let v = try value(i)
    if case .array(let a) = v {
      return try a.items.map {
        guard case .int(let n) = $0 else { throw mismatch(v, "[Int]") }
        return n
      }
    }
    throw mismatch(v, "[Int]")
  }

  func doubles(_ i: Int) throws -> [Double] {
    let a = try arg(i)
    if let d = a.asDouble, let xs = doubleArray(d) { return xs }
    if let xs = doubleArray(a.value) { return xs }
    throw mismatch(a.value, "[Double]")
  }

  func doubleMatrix(_ i: Int) throws -> [[Double]] {
    let a = try arg(i)
    let v = a.asDouble ?? a.value
    guard case .array(let rows) = v else { throw mismatch(a.value, "[[Double]]") }
    return try rows.items.map {
      guard let row = doubleArray($0) else { throw mismatch(a.value, "[[Double]]") }
      return row
    }
  }

  func strings(_ i: Int) throws -> [String] {
    let v = try value(i)
    if case .array(let a) = v {
      return try a.items.map {
        guard case .string(let s) = $0 else { throw mismatch(v, "[String]") }
        return s
      }
    }
    throw mismatch(v, "[String]")
  }

  func native<T>(_ i: Int, _ type: T.Type, _ expected: String) throws -> T {
    let v = try value(i)
    if case .native(let n) = v, let object = n.object as? T { return object }
    throw mismatch(v, expected)
  }

  /// The name of an implicit member argument such as `.relu`.
  func member(_ i: Int) throws -> String {
    let v = try value(i)
    if case .native(let n) = v, n.type === ImplicitMember.type, let name = n.object as? String {
      return name
    }
    // `TransformerActivation.relu` written in full, or held in a variable
    if case .native(let n) = v, let c = n.object as? LibraryEnumCase { return c.caseName }
    throw mismatch(v, "an implicit member such as .name")
  }
}

func doubleArray(_ v: Value) -> [Double]? {
  guard case .array(let a) = v else { return nil }
  var out: [Double] = []
  out.reserveCapacity(a.items.count)
  for item in a.items {
    guard case .double(let d) = item else { return nil }
    out.append(d)
  }
  return out
}

/// `.name` written where Swift infers the type from context; the receiving binding reads it.
/// `-.name` (a negated member whose type is not known yet) is held as "-name".
enum ImplicitMember {
  nonisolated(unsafe) static let type = NativeType(name: "ImplicitMember") { object, _ in
    "." + (object as? String ?? "")
  }

  static func make(_ name: String) -> Value {
    .native(NativeObject.make(type: type, object: name))
  }

  /// The member's name when `v` is an implicit member.
  static func name(of v: Value) -> String? {
    guard case .native(let n) = v, n.type === type else { return nil }
    return n.object as? String
  }

  /// `.pi`, `-.infinity`, `.nan` as a Double, once the context says a Double is wanted.
  static func double(_ v: Value) -> Double? {
    guard let name = name(of: v) else { return nil }
    let negated = name.hasPrefix("-")
    let member = negated ? String(name.dropFirst()) : name
    let value: Double
    switch member {
    case "pi": value = .pi
    case "infinity": value = .infinity
    case "nan": value = .nan
    case "greatestFiniteMagnitude": value = .greatestFiniteMagnitude
    case "leastNormalMagnitude": value = .leastNormalMagnitude
    case "leastNonzeroMagnitude": value = .leastNonzeroMagnitude
    case "ulpOfOne": value = .ulpOfOne
    case "zero": value = 0
    default: return nil
    }
    return negated ? -value : value
  }

  /// Swift's error for a member whose type no context gives.
  static func uninferred(_ v: Value, at l: Loc) -> EvalError? {
    guard var name = name(of: v) else { return nil }
    if name.hasPrefix("-") { name.removeFirst() }
    return EvalError(
      "reference to member '\(name)' cannot be resolved without a contextual type", at: l)
  }
}

extension Runtime {
  /// Calls `callee` with `args`. `inTry` says whether the call is covered by `try`.
  func call(_ callee: Callable, _ args: [Arg], at loc: Loc, inTry: Bool = true) throws -> Value {
    if let closure = callee as? Closure, closure.throwing && !inTry {
      throw EvalError("call can throw but is not marked with 'try'", at: loc)
    }
    if let closure = callee as? Closure {
      return try invoke(closure, args, at: loc).0
    }
    if let native = callee as? NativeFunction {
      return try callNative(native.functionName, native.overloads, args, at: loc, inTry: inTry)
    }
    if let method = callee as? BoundMethod {
      var receiver = method.receiver
      return try at(loc) { try method.run(&receiver, args) }
    }
    throw EvalError("value of type '\(callee.type.name)' cannot be called", at: loc)
  }

  func callNative(
    _ name: String, _ overloads: [Overload], _ args: [Arg], at loc: Loc, inTry: Bool = true
  ) throws -> Value {
    for overload in overloads {
      if let slots = overload.match(args) {
        if overload.throwing && !inTry {
          throw EvalError("call can throw but is not marked with 'try'", at: loc)
        }
        var reader = ArgReader(
          name: name, args: args, slots: ArgSlots(slots), rt: self, inTry: inTry,
          callLocation: loc)
        return try at(loc) { try overload.run(&reader) }
      }
    }
    throw labelMismatch(name, overloads.map { $0.signature(name) }, args, at: loc)
  }

  func labelMismatch(_ name: String, _ signatures: [String], _ args: [Arg], at loc: Loc)
    -> EvalError
  {
    let have = name + "(" + args.map { ($0.label ?? "_") + ":" }.joined() + ")"
    let accepted = signatures.count == 1 ? "accepted: " : "accepted signatures: "
    return EvalError(
      "no '\(name)' accepts these arguments: \(have)", at: loc,
      notes: labelNotes(args.compactMap(\.label), signatures: signatures)
        + [accepted + signatures.joined(separator: ", ")])
  }

  /// Runs a cell function; also returns its frame so `inout` arguments can be copied back.
  func invoke(_ closure: Closure, _ args: [Arg], at loc: Loc) throws -> (Value, Frame) {
    let code = closure.code
    return try invoke(code, args, at: loc) {
      let frame = Frame(size: code.frameSize)
      for (slot, box) in zip(code.captureSlots, closure.captured) { frame.slots[slot] = box }
      return frame
    }
  }

  /// Runs a method of a cell type, whose one capture is `self` (in `box`), without making a
  /// `Closure` (and its array of captures) for the call.
  func invoke(_ code: FunctionCode, capturingSelf box: Box, _ args: [Arg], at loc: Loc) throws
    -> (Value, Frame)
  {
    try invoke(code, args, at: loc) {
      guard let slot = code.captureSlots.first else { return Frame(size: code.frameSize) }
      return Frame(size: code.frameSize, slot: slot, holding: box)
    }
  }

  private func invoke(
    _ code: FunctionCode, _ args: [Arg], at loc: Loc, makeFrame: () -> Frame
  ) throws -> (Value, Frame) {
    let frame = makeFrame()
    // match arguments to parameters by label; a parameter's fields are read in place (copying
    // a whole `Param` counts the references of its strings, type and default)
    let params = code.params
    var next = 0
    for index in params.indices {
      var value: Value
      if next < args.count && (args[next].label == params[index].label || args[next].trailing) {
        let arg = args[next]
        next += 1
        if let type = params[index].type {
          value = try coerce(arg.value, asDouble: arg.asDouble, to: type, context: .argument).get(
            at: arg.loc.isUnknown ? loc : arg.loc)
        } else {
          value = arg.value
        }
      } else if let defaultValue = params[index].defaultValue {
        value = try defaultValue.eval(frame)
      } else {
        throw callMismatch(code, args, at: loc)
      }
      frame.slots[params[index].slot].value = value
    }
    if next < args.count { throw callMismatch(code, args, at: loc) }
    if let check = code.argumentCheck {
      do { try check(frame) } catch let error as EvalError { throw error.located(loc) }
    }
    depth += 1
    defer { depth -= 1 }
    if depth > limits.maxCallDepth {
      throw LimitError(
        message:
          "calls nested more than \(limits.maxCallDepth) deep (unbounded recursion?) in '\(code.name)'",
        loc: loc)
    }
    try tick(loc)
    do {
      _ = try code.body(frame)
    } catch let error as EvalError where error.thrown != nil && !code.isThrowing && !code.isClosure
    {
      // Swift refuses a function without `throws` whose calls can throw; a call only the
      // running cell shows to throw (a method, an operator) is refused when it does
      throw EvalError("errors thrown from here are not handled", at: error.loc)
    } catch var error as EvalError
      where !error.loc.isUnknown && (error.arose == nil || code.cell != cellNumber)
    {
      // An error's place is in the cell whose code raised it. Once out of code of an earlier
      // cell it is shown at the call, and the session notes where it arose.
      if error.arose == nil {
        error.arose = (code.name, code.origin.location(of: error.loc), code.cell)
      }
      if code.cell != cellNumber && error.arose?.cell != cellNumber { error.loc = loc }
      throw error
    } catch var error as LimitError where code.cell != cellNumber && !error.loc.isUnknown {
      error.loc = loc
      throw error
    }
    return (frame.returnValue, frame)
  }

  func callMismatch(_ code: FunctionCode, _ args: [Arg], at loc: Loc) -> EvalError {
    let have = "(" + args.map { ($0.label ?? "_") + ":" }.joined() + ")"
    let expected = "(" + code.params.map { ($0.label ?? "_") + ":" }.joined() + ")"
    let message: String
    if args.count > code.params.count {
      message = "extra argument in call"
    } else if args.count == code.params.count {
      message = "incorrect argument labels in call (have '\(have)', expected '\(expected)')"
    } else if let missing = code.params.first(where: { p in
      p.defaultValue == nil && !args.contains { $0.label == p.label }
    }) {
      message = "missing argument for parameter \(missing.label.map { "'\($0)'" } ?? "#1") in call"
    } else {
      message = "incorrect argument labels in call (have '\(have)', expected '\(expected)')"
    }
    return EvalError(message, at: loc, notes: ["accepted: \(code.signature)"])
  }

  /// Calls a closure value from a bound function (`map`, `filter`, `sorted(by:)`).
  @inline(__always)
  func apply(_ f: Callable, _ values: [Value]) throws -> Value {
    if let closure = f as? Closure {
      // a closure of n parameters given one n-tuple takes its elements (`zip(a, b).map { $0 * $1 }`)
      if values.count == 1, closure.code.params.count > 1, case .tuple(let t) = values[0],
        t.items.count == closure.code.params.count
      {
        return try invoke(closure, t.items.map { Arg(label: nil, value: $0) }, at: .unknown).0
      }
      return try invoke(closure, values.map { Arg(label: nil, value: $0) }, at: .unknown).0
    }
    // `zip(a, b).map(*)`: an operator given one pair takes its two elements
    if values.count == 1, case .tuple(let t) = values[0], t.items.count == 2,
      let native = f as? NativeFunction, native.overloads.allSatisfy({ $0.labels.count == 2 })
    {
      return try call(f, t.items.map { Arg(label: nil, value: $0) }, at: .unknown)
    }
    return try call(f, values.map { Arg(label: nil, value: $0) }, at: .unknown)
  }
}

/// A method with its receiver, used as a value (`xs.append` without a call).
final class BoundMethod: Callable {
  let receiver: Value
  let methodName: String
  let run: (inout Value, [Arg]) throws -> Value
  init(receiver: Value, name: String, run: @escaping (inout Value, [Arg]) throws -> Value) {
    self.receiver = receiver
    self.methodName = name
    self.run = run
  }
  override var name: String { methodName }
}

enum CoercionContext {
  case annotation, argument, returnValue, assignment, element

  func message(_ from: VType, _ to: VType) -> String {
    let text = plainMessage(from, to)
    // two declarations of one cell type name (a later cell declared it again)
    if from != to && from.name == to.name {
      return text + " (a later cell declared '\(to.name)' again: they are different types)"
    }
    return text
  }

  private func plainMessage(_ from: VType, _ to: VType) -> String {
    switch self {
    case .annotation:
      return "cannot convert value of type '\(from.name)' to specified type '\(to.name)'"
    case .argument:
      return "cannot convert value of type '\(from.name)' to expected argument type '\(to.name)'"
    case .returnValue:
      return "cannot convert return expression of type '\(from.name)' to return type '\(to.name)'"
    case .assignment: return "cannot assign value of type '\(from.name)' to type '\(to.name)'"
    case .element:
      return "cannot convert value of type '\(from.name)' to expected element type '\(to.name)'"
    }
  }
}

extension Result where Failure == EvalError {
  func get(at loc: Loc) throws -> Success {
    switch self {
    case .success(let v): return v
    case .failure(let e): throw e.located(loc)
    }
  }
}

/// Converts `value` to `type` as Swift's type checker would accept it, or explains why not.
/// `asDouble` is the value re-typed as Double when the expression was an integer literal.
func coerce(_ value: Value, asDouble: Value?, to type: VType, context: CoercionContext) -> Result<
  Value, EvalError
> {
  if let converted = conform(value, to: type) { return .success(converted) }
  if let asDouble, let converted = conform(asDouble, to: type) { return .success(converted) }
  if let d = ImplicitMember.double(value), let converted = conform(.double(d), to: type) {
    // `.pi` passed where a Double is wanted
    return .success(converted)
  }
  return .failure(EvalError(context.message(value.type, type)))
}

/// `value` as a value of `type`, or nil when Swift would reject it. Empty or untyped
/// collections take the element type; optionals wrap.
func conform(_ value: Value, to type: VType) -> Value? {
  switch (type, value) {
  case (.any, _): return value
  case (.int, .int), (.double, .double), (.bool, .bool), (.string, .string), (.void, .void),
    (.character, .character):
    return value
  case (.optional, .optional(nil)): return value
  case (.optional(let wrapped), .optional(let inner?)):
    return conform(inner, to: wrapped).map { .optional($0) }
  case (.optional(let wrapped), _):
    return conform(value, to: wrapped).map { .optional($0) }
  case (.array(let element), .array(var a)):
    if a.elementType == element { return value }
    var items = a.items
    for i in items.indices {
      guard let item = conform(items[i], to: element) else { return nil }
      items[i] = item
    }
    a.items = items
    a.elementType = element
    return .array(a)
  case (.dictionary(let k, let v), .dictionary(var d)):
    if d.keyType == k && d.valueType == v { return value }
    for i in d.values.indices {
      guard let item = conform(d.values[i], to: v) else { return nil }
      d.values[i] = item
    }
    for key in d.keys where conform(key, to: k) == nil { return nil }
    d.keyType = k
    d.valueType = v
    return .dictionary(d)
  case (.set(let element), .set(let s)):
    // a bare `Set` annotation (no `Set<Any>` exists: Any is not Hashable) keeps the elements' type
    if s.elementType == element || element == .any { return value }
    var items: [Value] = []
    for item in s.items {
      guard let c = conform(item, to: element) else { return nil }
      items.append(c)
    }
    return .set(SetValue(elementType: element, items: items))
  case (.tuple(let labels, let types), .tuple(var t)):
    guard types.count == t.items.count else { return nil }
    // a label may be added or dropped, not changed: `(x: 1, y: 2)` is no `(a: Int, b: Int)`
    let named = zip(labels, t.labels).filter { $0 != nil && $1 != nil }
    if named.contains(where: { $0 != $1 }),
      Set(labels.compactMap { $0 }) != Set(t.labels.compactMap { $0 })
    {
      return nil
    }
    for i in types.indices {
      guard let item = conform(t.items[i], to: types[i]) else { return nil }
      t.items[i] = item
    }
    t.labels = labels
    return .tuple(t)
  case (.range(let b), .range(let r)) where !r.closed && conform(r.lower, to: b) != nil:
    return value
  case (.closedRange(let b), .range(let r)) where r.closed && conform(r.lower, to: b) != nil:
    return value
  case (.function, .function): return value
  case (.native(let name), .native(let n)):
    if n.type === ImplicitMember.type, let member = n.object as? String {
      // `.red` passed where a cell-declared `Color` is wanted
      return UserTypeScope.implicitMember(member, of: name)
    }
    return n.type.name == name || n.type.conforms(to: name) ? value : nil
  case (.native(let name), .record(let r)):
    return r.type.key == name ? value : nil
  default: return nil
  }
}
