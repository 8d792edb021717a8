import Foundation

/// Which table of members a value uses.
enum Kind: Hashable {
  case int, double, bool, string, character, array, dictionary, set, tuple, range, optional,
    function, void, type
  /// A value of a cell-declared struct or enum (its members live in its `UserType`).
  case record
  /// Members every iterable value shares (`map`, `filter`, `reduce`, ...).
  case sequence
}

/// The standard library cells see: global functions, types, members, subscripts.
final class Builtins {
  var functions: [String: NativeFunction] = [:]
  /// The global functions bound from DLCore and Charts (the rest is the standard library).
  var libraryFunctions: Set<String> = []
  var methods: [Kind: [String: Method]] = [:]
  var properties: [Kind: [String: (Value) throws -> Value]] = [:]
  var natives: [String: NativeType] = [:]
  /// Library types by Swift type, to turn returned objects into cell values.
  var nativesBySwiftType: [ObjectIdentifier: NativeType] = [:]
  var staticValues: [VType: [String: Value]] = [:]
  var staticFunctions: [VType: [String: NativeFunction]] = [:]
  var typeInitializers: [VType: [Overload]] = [:]
  /// Global constants and functions that are values (`print` passed as a closure).
  var values: [String: Value] = [:]
  /// Set by the session so `display(_:)` and `print` reach the running cell.
  weak var runtime: Runtime?

  init() {
    installCore()
    installSequences()
    installSets()
    installStrings()
    installMath()
    installExpectations()
    installEveryday()
  }

  var globalNames: [String] {
    Array(functions.keys) + Array(values.keys) + typeNames
  }

  var typeNames: [String] {
    ["Int", "Double", "Bool", "String", "Character", "Array", "Dictionary", "Set"]
      // not the keys of cell types no cell can name any more (`UserType.key`)
      + Array(natives.keys).filter {
        !$0.contains("@") && UserTypeScope.current?.typeNamed($0) != .some(nil)
      }
  }

  func globalValue(_ name: String) -> Value? {
    if let v = values[name] { return v }
    if let f = functions[name] { return .function(f) }
    if let t = typeNamed(name) { return .type(t) }
    return nil
  }

  func typeNamed(_ name: String) -> VType? {
    switch name {
    case "Int": return .int
    case "Double": return .double
    case "Bool": return .bool
    case "String": return .string
    case "Character": return .character
    case "Array": return .array(.any)
    case "Dictionary": return .dictionary(.any, .any)
    case "Set": return .set(.any)
    default:
      // a cell's struct or enum by the name cells use now (`natives` holds it by its key)
      if let user = UserTypeScope.current?.typeNamed(name) { return user }
      return natives[name].map { .native($0.name) }
    }
  }

  func initializers(for type: VType) -> [Overload] {
    if case .native(let name) = type { return natives[name]?.initializers ?? [] }
    if case .array(let element) = type { return arrayInitializers(element) }
    if case .set(let element) = type { return setInitializers(element) }
    if case .dictionary(let k, let v) = type { return dictionaryInitializers(k, v) }
    return typeInitializers[type] ?? []
  }

  func initializerThrows(_ type: VType) -> Bool {
    if case .native(let name) = type { return natives[name]?.initializerThrows ?? false }
    return false
  }

  func staticValue(_ type: VType, _ name: String) -> Value? {
    if case .native(let n) = type { return natives[n]?.staticValues[name]?() }
    return staticValues[type]?[name]
  }

  func staticFunction(_ type: VType, _ name: String) -> NativeFunction? {
    if case .native(let n) = type { return natives[n]?.staticFunctions[name] }
    return staticFunctions[type]?[name]
  }

  func staticNames(_ type: VType) -> [String] {
    if case .native(let n) = type, let t = natives[n] {
      return (Array(t.staticValues.keys) + Array(t.staticFunctions.keys)).sorted()
    }
    return
      (Array(staticValues[type]?.keys ?? [:].keys) + Array(staticFunctions[type]?.keys ?? [:].keys))
      .sorted()
  }

  // MARK: - Registration helpers

  func function(
    _ name: String, _ labels: [String?], required: Int? = nil, throwing: Bool = false,
    _ run: @escaping (inout ArgReader) throws -> Value
  ) {
    let overload = Overload(labels, required: required, run)
    let existing = functions[name]?.overloads ?? []
    functions[name] = NativeFunction(name, throwing: throwing, existing + [overload])
  }

  func method(
    _ kind: Kind, _ name: String, _ labels: [String?] = [], required: Int? = nil,
    mutating: Bool = false, _ run: @escaping (inout Value, inout ArgReader) throws -> Value
  ) {
    var m =
      methods[kind, default: [:]][name] ?? Method(name: name, overloads: [], mutating: mutating)
    m.overloads.append(MethodOverload(labels: labels, required: required ?? labels.count, run: run))
    methods[kind, default: [:]][name] = m
  }

  func property(_ kind: Kind, _ name: String, _ get: @escaping (Value) throws -> Value) {
    properties[kind, default: [:]][name] = get
  }

  func kind(of v: Value) -> Kind {
    switch v {
    case .int: return .int
    case .double: return .double
    case .bool: return .bool
    case .string: return .string
    case .character: return .character
    case .array: return .array
    case .dictionary: return .dictionary
    case .set: return .set
    case .tuple: return .tuple
    case .range: return .range
    case .optional: return .optional
    case .function: return .function
    case .void: return .void
    case .type: return .type
    case .native: return .sequence
    case .record: return .record
    }
  }

  func isSequence(_ v: Value) -> Bool {
    switch v {
    case .array, .dictionary, .string, .set: return true
    case .range(let r): if case .int = r.lower { return true } else { return false }
    case .native(let n): return n.type.elements != nil
    default: return false
    }
  }

  // MARK: - Lookup

  func method(_ receiver: Value, _ name: String, at l: Loc) throws -> Method {
    if case .native(let n) = receiver {
      if let m = n.type.methods[name] { return m }
      if n.type.elements != nil, let m = methods[.sequence]?[name] { return m }
      // a property called as a method (`net.parameters()`): Swift's error, not "no member"
      if let get = n.type.properties[name], let value = try? get(n) {
        throw EvalError("cannot call value of non-function type '\(value.typeName)'", at: l)
      }
      throw unknownMember(receiver, name, at: l)
    }
    if case .record(let r) = receiver {
      if let m = r.type.native.methods[name] { return m }
      if let m = r.type.closureProperty(r, name) { return m }
      let type =
        r.type.fieldIndex(name).map { r.type.fields[$0].type } ?? r.type.computed[name]?.returnType
      if let type, type != .any {
        throw EvalError("cannot call value of non-function type '\(type.name)'", at: l)
      }
      throw unknownMember(receiver, name, at: l)
    }
    let k = kind(of: receiver)
    if let m = methods[k]?[name] { return m }
    if isSequence(receiver), let m = methods[.sequence]?[name] { return m }
    if case .type(let t) = receiver, let f = staticFunction(t, name) {
      return Method(
        name: name,
        overloads: f.overloads.map { o in
          MethodOverload(labels: o.labels, required: o.required, throwing: o.throwing) {
            _, reader in
            try o.run(&reader)
          }
        })
    }
    throw unknownMember(receiver, name, at: l)
  }

  func memberNames(_ v: Value) -> [String] {
    var names = Set<String>()
    if case .native(let n) = v { names.formUnion(n.type.memberNames) }
    if case .record(let r) = v { names.formUnion(r.type.memberNames) }
    let k = kind(of: v)
    // a library value's kind is `.sequence`; its sequence members exist only when it iterates
    if k != .sequence || isSequence(v) {
      names.formUnion(methods[k]?.keys ?? [:].keys)
      names.formUnion(properties[k]?.keys ?? [:].keys)
    }
    if isSequence(v) {
      names.formUnion(methods[.sequence]?.keys ?? [:].keys)
      names.formUnion(properties[.sequence]?.keys ?? [:].keys)
    }
    if case .tuple(let t) = v { names.formUnion(t.labels.compactMap { $0 }) }
    return names.sorted()
  }

  func unknownMember(_ v: Value, _ name: String, at l: Loc) -> EvalError {
    let members = memberNames(v)
    var notes: [String] = []
    let near = nearest(name, in: members)
    if !near.isEmpty {
      notes.append("did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?")
    }
    if case .native(let n) = v, n.type.name == "Tensor", let hint = tensorHints[name] {
      notes.append(hint)
    }
    if case .native(let n) = v, !isSequence(v) {
      // a library type's own API, properties apart from methods (`Tensor` has about 60)
      let properties = n.type.properties.keys.sorted()
      let methods = n.type.methods.keys.filter { n.type.properties[$0] == nil }.sorted()
      if !properties.isEmpty {
        notes.append("properties of '\(v.typeName)': " + properties.joined(separator: ", "))
      }
      if !methods.isEmpty {
        notes.append("methods of '\(v.typeName)': " + methods.joined(separator: ", "))
      }
    } else if !members.isEmpty {
      notes.append("members of '\(v.typeName)': " + members.joined(separator: ", "))
    }
    if case .optional(let w?) = v, !memberNames(w).filter({ $0 == name }).isEmpty {
      notes.insert(
        "chain the optional using '?' to access member '\(name)' only for non-'nil' base values",
        at: 0)
      return EvalError(
        "value of optional type '\(v.typeName)' must be unwrapped to refer to member '\(name)' of wrapped base type '\(w.typeName)'",
        at: l, notes: notes)
    }
    let kind = if case .tuple = v { "tuple type" } else { "type" }
    return EvalError(
      "value of \(kind) '\(v.typeName)' has no member '\(name)'", at: l, notes: notes)
  }

  func property(_ v: Value, _ name: String, at l: Loc) throws -> Value {
    switch v {
    case .tuple(let t):
      if let i = t.labels.firstIndex(of: name) { return t.items[i] }
    case .native(let n):
      if let get = n.type.properties[name] { return try at(l) { try get(n) } }
    case .type(let t):
      if let s = staticValue(t, name) { return s }
    case .record(let r):
      if let p = try r.type.property(r, name, rt: runtime, at: l) { return p }
    default: break
    }
    if let get = properties[kind(of: v)]?[name] { return try at(l) { try get(v) } }
    if isSequence(v), let get = properties[.sequence]?[name] { return try at(l) { try get(v) } }
    // a method used as a value: `xs.map` passed on, or called later
    if let m = try? method(v, name, at: l), !m.mutating {
      return .function(
        BoundMethod(receiver: v, name: name) { [unowned self] receiver, args in
          guard let rt = self.runtime else { return .void }
          return try rt.run(m, &receiver, args, at: l)
        })
    }
    throw unknownMember(v, name, at: l)
  }

  func propertyModify(
    _ container: inout Value, _ name: String, at l: Loc, _ body: (inout Value) throws -> Value
  ) throws -> Value {
    switch container {
    case .tuple(var t):
      let index = t.labels.firstIndex(of: name) ?? Int(name)
      guard let index, index < t.items.count else { break }
      container = .void
      defer { container = .tuple(t) }
      return try body(&t.items[index])
    case .native(let n):
      if let replace = n.type.valueSetters[name], let get = n.type.properties[name] {
        var v = try at(l) { try get(n) }
        let r = try body(&v)
        container = .native(try at(l) { try replace(n, v) })
        return r
      }
      guard let set = n.type.setters[name], let get = n.type.properties[name] else {
        throw EvalError("cannot assign to property: '\(name)' is a get-only property", at: l)
      }
      var v = try at(l) { try get(n) }
      let r = try body(&v)
      try at(l) { try set(n, v) }
      return r
    case .record(var r):
      return try r.type.modifyProperty(&container, &r, name, at: l, body)
    default: break
    }
    if properties[kind(of: container)]?[name] != nil
      || (isSequence(container) && properties[.sequence]?[name] != nil)
    {
      throw EvalError("cannot assign to property: '\(name)' is a get-only property", at: l)
    }
    throw unknownMember(container, name, at: l)
  }

  // MARK: - Subscripts

  func index(_ args: [Arg], _ container: Value, at l: Loc) throws -> Value {
    guard args.count == 1, args[0].label == nil else {
      throw EvalError("subscript of '\(container.typeName)' takes one index", at: l)
    }
    return args[0].value
  }

  func subscriptGet(_ container: Value, _ args: [Arg], at l: Loc) throws -> Value {
    switch container {
    case .array(let a):
      let i = try index(args, container, at: l)
      let start = a.sliceStart ?? 0
      if case .int(let n) = i {
        guard n >= start && n - start < a.items.count else {
          if a.sliceStart != nil {
            throw EvalError(
              "Index out of bounds: index \(n) in a slice of indices \(start)..<\(start + a.items.count)",
              at: l)
          }
          throw EvalError(
            "Index out of range: index \(n) in an array of \(a.items.count) elements", at: l)
        }
        return a.items[n - start]
      }
      if case .range(let r) = i {
        // a range of an array or slice is an ArraySlice keeping the base's indices
        let (lo, hi) = try bounds(r, count: a.items.count, start: start, at: l)
        return .array(
          ArrayValue(
            elementType: a.elementType, items: Array(a.items[(lo - start)..<(hi - start)]),
            sliceStart: lo))
      }
      throw EvalError(
        "cannot subscript a value of type '\(container.typeName)' with an argument of type '\(i.typeName)'",
        at: l)
    case .dictionary(let d):
      let key = Builtins.key(args, d.keyType)
      if args.count == 2, args[1].label == "default" {
        return d[key] ?? Builtins.defaultValue(args[1], d.valueType)
      }
      _ = try index(args, container, at: l)
      return .optional(d[key])
    case .string(let s):
      if args.count == 1, args[0].label == nil,
        let result = try stringSubscript(s, args[0].value, at: l)
      {
        return result
      }
      throw EvalError(
        "'subscript(_:)' is unavailable: cannot subscript String with an Int, use a String.Index instead.",
        at: l)
    case .native(let n):
      guard let get = n.type.subscriptGet else { break }
      return try at(l) { try get(n.object, args) }
    case .record(let r): return try r.type.subscriptGet(r, args, at: l)
    default: break
    }
    throw EvalError("value of type '\(container.typeName)' has no subscripts", at: l)
  }

  func bounds(_ r: RangeValue, count: Int, start: Int = 0, at l: Loc) throws -> (Int, Int) {
    var lo = start
    if case .int(let n) = r.lower {
      lo = n
    } else if case .void = r.lower {
    } else {
      throw EvalError("range bounds must be Int", at: l)
    }
    var hi: Int
    if case .void = r.upper {
      hi = start + count
    } else {
      guard case .int(let u) = r.upper else { throw EvalError("range bounds must be Int", at: l) }
      hi = r.closed ? u + 1 : u
    }
    guard lo >= start, hi <= start + count, lo <= hi else {
      if start != 0 {
        throw EvalError(
          "Range out of bounds: \(Value.range(r).description) in a slice of indices \(start)..<\(start + count)",
          at: l)
      }
      throw EvalError(
        "Range out of bounds: \(Value.range(r).description) in an array of \(count) elements", at: l
      )
    }
    return (lo, hi)
  }

  /// A dictionary subscript's key: a literal takes the key type (`counts["l"]` on
  /// `[Character: Int]`, `table[1]` on `[Double: String]`).
  static func key(_ args: [Arg], _ keyType: VType) -> Value {
    guard let first = args.first else { return .void }
    if keyType != .any, conform(first.value, to: keyType) == nil, let alt = first.asDouble,
      conform(alt, to: keyType) != nil
    {
      return alt
    }
    return first.value
  }

  func subscriptModify(
    _ container: inout Value, _ args: [Arg], at l: Loc, _ body: (inout Value) throws -> Value
  ) throws -> Value {
    switch container {
    case .array(var a):
      let i = try index(args, container, at: l)
      guard case .int(let index) = i else {
        throw EvalError("assigning through a range subscript is not supported in cells", at: l)
      }
      let start = a.sliceStart ?? 0
      guard index >= start && index - start < a.items.count else {
        if a.sliceStart != nil {
          throw EvalError(
            "Index out of bounds: index \(index) in a slice of indices \(start)..<\(start + a.items.count)",
            at: l)
        }
        throw EvalError(
          "Index out of range: index \(index) in an array of \(a.items.count) elements", at: l)
      }
      let n = index - start
      container = .void
      defer { container = .array(a) }
      let elementType = a.elementType
      var element = a.items[n]
      a.items[n] = .void
      let r = try body(&element)
      if elementType != .any, let c = conform(element, to: elementType) { element = c }
      a.items[n] = element
      return r
    case .dictionary(var d):
      container = .void
      defer { container = .dictionary(d) }
      if args.count == 2, args[1].label == "default" {
        let key = Builtins.key(args, d.keyType)
        var v = d[key] ?? Builtins.defaultValue(args[1], d.valueType)
        let r = try body(&v)
        d[key] = v
        // an untyped `[:]` takes its types from what is stored (`reduce(into: [:])`)
        if d.keyType == .any { d.keyType = key.type }
        if d.valueType == .any { d.valueType = v.type }
        return r
      }
      _ = try index(args, .dictionary(d), at: l)
      let key = Builtins.key(args, d.keyType)
      if d.keyType != .any, conform(key, to: d.keyType) == nil {
        throw EvalError(
          "cannot convert value of type '\(key.typeName)' to expected argument type '\(d.keyType.name)'",
          at: l)
      }
      var v = Value.optional(d[key])
      let r = try body(&v)
      switch v {
      case .optional(nil): d[key] = nil
      case .optional(let w?): d[key] = try storeElement(w, d.valueType, at: l)
      default: d[key] = try storeElement(v, d.valueType, at: l)
      }
      if d.keyType == .any { d.keyType = key.type }
      if d.valueType == .any, let first = d.values.first { d.valueType = first.type }
      return r
    case .native(let n):
      guard let get = n.type.subscriptGet, let set = n.type.subscriptSet else { break }
      var v = try at(l) { try get(n.object, args) }
      let r = try body(&v)
      try at(l) { try set(n.object, args, v) }
      return r
    case .record(let r): return try r.type.subscriptModify(&container, r, args, at: l, body)
    default: break
    }
    throw EvalError(
      "cannot assign through subscript of a value of type '\(container.typeName)'", at: l)
  }

  func storeElement(_ v: Value, _ type: VType, at l: Loc) throws -> Value {
    if type == .any { return v }
    guard let c = conform(v, to: type) else {
      throw EvalError(CoercionContext.assignment.message(v.type, type), at: l)
    }
    return c
  }

  static func rangeContains(_ r: RangeValue, _ v: Value, at l: Loc) throws -> Bool {
    // `lower <= v && v <= upper` as Swift's ranges test it, so a NaN is in none
    if case .double(let x) = v, x.isNaN { return false }
    var lowOK = true
    if case .void = r.lower {} else { lowOK = try !Operators.less(v, r.lower, "~=", at: l) }
    if case .void = r.upper { return lowOK }
    let highOK =
      r.closed
      ? try !Operators.less(r.upper, v, "~=", at: l) : try Operators.less(v, r.upper, "~=", at: l)
    return lowOK && highOK
  }

  /// `d[key, default: 0]` of a `[String: Double]`: the literal is a Double, as in Swift.
  static func defaultValue(_ arg: Arg, _ valueType: VType) -> Value {
    if valueType == .double, case .int = arg.value, let d = arg.asDouble { return d }
    return arg.value
  }

  // MARK: - Fast paths

  /// Calls that cells make in hot loops, compiled without argument arrays.
  func fastPath(_ name: String, _ args: [CArg], at l: Loc) -> CExpr? {
    guard args.count == 1, args[0].label == nil, args[0].inoutTarget == nil else { return nil }
    let e = args[0].expr.eval
    switch name {
    case "Double":
      if let d = args[0].expr.asDouble { return CExpr(d, type: .double) }
      if let slot = args[0].expr.localSlot {
        // `Double(i)` of a local: read the slot directly
        return CExpr { f in
          switch f.slots[slot].value {
          case .int(let n): return .double(Double(n))
          case .double(let d): return .double(d)
          case .string(let s): return .optional(Double(s).map { .double($0) })
          case .native(let n) where n.type === uint8Type:
            return .double(Double(n.value(as: UInt8.self) ?? 0))
          case let v:
            throw EvalError(
              "no exact matches in call to initializer 'Double' with an argument of type '\(v.typeName)'",
              at: l)
          }
        }
      }
      return CExpr(
        { f in
          switch try e(f) {
          case .int(let n): return .double(Double(n))
          case .double(let d): return .double(d)
          case .string(let s): return .optional(Double(s).map { .double($0) })
          case .native(let n) where n.type === uint8Type:
            return .double(Double(n.value(as: UInt8.self) ?? 0))
          case let v:
            throw EvalError(
              "no exact matches in call to initializer 'Double' with an argument of type '\(v.typeName)'",
              at: l)
          }
        }, type: nil)
    case "Int":
      return CExpr { f in
        switch try e(f) {
        case .int(let n): return .int(n)
        case .double(let d):
          return .int(try Int(converting: d, at: l))
        case .string(let s): return .optional(Int(s).map { .int($0) })
        case .native(let n) where n.type === uint8Type:
          return .int(Int(n.value(as: UInt8.self) ?? 0))
        case .bool:
          // Swift has no Int(Bool) (swiftc's wording, trailing space included)
          throw EvalError("no exact matches in call to initializer ", at: l)
        case let v:
          throw EvalError(
            "no exact matches in call to initializer 'Int' with an argument of type '\(v.typeName)'",
            at: l)
        }
      }
    case "sqrt", "exp", "log", "sin", "cos", "tan", "tanh", "floor", "ceil", "log2", "log10", "abs":
      guard let fn = functions[name], fn.overloads.count == 1 else { return nil }
      let run = fn.overloads[0].run
      let d = args[0].expr.asDouble
      let rt = runtime!
      return CExpr { f in
        var reader = ArgReader(
          name: name, args: [Arg(label: nil, value: try e(f), asDouble: try d?(f))],
          slots: .first, rt: rt)
        return try at(l) { try run(&reader) }
      }
    default:
      return nil
    }
  }

  // MARK: - Conversions of library results

  private static let voidType = ObjectIdentifier(Void.self)
  private static let doubleType = ObjectIdentifier(Double.self)
  private static let intType = ObjectIdentifier(Int.self)
  private static let boolType = ObjectIdentifier(Bool.self)

  /// A Swift value returned by a library function, as a cell value.
  func wrap(_ x: Any) -> Value {
    // the common results by the identity of their dynamic type: a failed `as?` cast costs more
    // than a library call's own work, and `switch x` below tries casts one after another
    let id = ObjectIdentifier(type(of: x) as Any.Type)
    if id == Builtins.voidType { return .void }
    if id == Builtins.doubleType { return .double(x as! Double) }
    if let t = nativesBySwiftType[id] {
      return .native(t.box?(x) ?? NativeObject.make(type: t, object: x))
    }
    if id == Builtins.intType { return .int(x as! Int) }
    if id == Builtins.boolType { return .bool(x as! Bool) }
    switch x {
    case let v as Value: return v
    case let v as Int: return .int(v)
    case let v as Double: return .double(v)
    case let v as Bool: return .bool(v)
    case let v as String: return .string(v)
    case let v as [Double]:
      return .array(ArrayValue(elementType: .double, items: v.map { .double($0) }))
    case let v as [Int]: return .array(ArrayValue(elementType: .int, items: v.map { .int($0) }))
    case let v as [String]:
      return .array(ArrayValue(elementType: .string, items: v.map { .string($0) }))
    case let v as [[Double]]:
      return .array(ArrayValue(elementType: .array(.double), items: v.map { wrap($0) }))
    case let v as [[Int]]:
      return .array(ArrayValue(elementType: .array(.int), items: v.map { wrap($0) }))
    case is Void: return .void
    default:
      let mirror = Mirror(reflecting: x)
      if mirror.displayStyle == .optional {
        guard let inner = mirror.children.first?.value else { return .none }
        return .optional(wrap(inner))
      }
      if let t = nativesBySwiftType[ObjectIdentifier(type(of: x) as Any.Type)] {
        return .native(t.box?(x) ?? NativeObject.make(type: t, object: x))
      }
      if let array = x as? [Any] {
        let items = array.map { wrap($0) }
        return .array(ArrayValue(elementType: items.first?.type ?? .any, items: items))
      }
      return .string(String(describing: x))
    }
  }
}

extension Runtime {
  /// Runs `body` for each element of a sequence value; `body` returns a flow to stop with.
  func iterate(_ sequence: Value, at l: Loc, _ body: (Value) throws -> Flow?) throws {
    switch sequence {
    case .array(let a):
      for item in a.items { if try body(item) != nil { return } }
    case .range(let r):
      guard case .int(let lo) = r.lower, case .int(let hi) = r.upper else {
        throw EvalError(
          "for-in loop requires '\(sequence.typeName)' to conform to 'Sequence'", at: l)
      }
      if r.closed ? lo > hi : lo >= hi { return }
      let end = r.closed ? hi : hi - 1
      for i in lo...end { if try body(.int(i)) != nil { return } }
    case .dictionary(let d):
      for (k, v) in zip(d.keys, d.values) {
        if try body(.tuple(TupleValue(labels: ["key", "value"], items: [k, v]))) != nil { return }
      }
    case .string(let s):
      for c in s { if try body(.character(c)) != nil { return } }
    case .set(let s):
      for item in s.items { if try body(item) != nil { return } }
    case .native(let n):
      guard let elements = n.type.elements else { fallthrough }
      for item in try at(l, { try elements(n.object) }) { if try body(item) != nil { return } }
    default:
      throw EvalError("for-in loop requires '\(sequence.typeName)' to conform to 'Sequence'", at: l)
    }
  }
}

extension Int {
  /// `Int(d)` as Swift converts a Double: toward zero, an error (Swift's trap message, at `l`)
  /// for a value outside Int's range, an infinity or a NaN. -2^63 itself converts to Int.min.
  init(converting d: Double, at l: Loc = .unknown) throws {
    guard d.isFinite, d >= -9.223372036854775808e18, d < 9.223372036854775808e18 else {
      throw EvalError(
        "Double value \(d) cannot be converted to Int because it is \(d.isFinite ? "outside the representable range" : "either infinite or NaN")",
        at: l)
    }
    self.init(d)
  }
}
