import Foundation

/// A `struct` or `enum` declared in a cell: its stored properties or cases, its members, and
/// how its values print.
final class UserType {
  enum Kind {
    case structure, enumeration
  }

  /// A stored property of a struct.
  struct Field {
    var name: String
    var type: VType
    var isLet: Bool
    /// The initial value written in the declaration (`var count = 0`).
    var initial: (() throws -> Value)?
  }

  /// A case of an enum.
  struct Case {
    var name: String
    /// The associated values' labels (nil where unlabeled) and types.
    var labels: [String?]
    var types: [VType]
    var rawValue: Value?
  }

  /// The name messages use: `Point`, or `Outer.Kind` for a type nested in `Outer`.
  let name: String
  /// The name `print` uses: the last part of `name` (`Kind`).
  let printName: String
  /// How static types (`VType.native`) name this declaration: `name` for a name's first
  /// declaration in a session, `name@2`, `name@3`, ... for later ones, so that values and
  /// variables of an earlier declaration keep a different type (`VType.name` drops `@N`).
  let key: String
  let kind: Kind
  /// The type this one is declared in (`Outer` for `Outer.Kind`).
  let parent: UserType?
  /// `module.Name`: how Swift names the type inside collections (`[main.Point(x: 1.0)]`).
  let qualifiedName: String
  /// The member tables the evaluator's lookups share with library types.
  let native: NativeType
  var fields: [Field] = [] {
    didSet { fieldIndices = Dictionary(fields.enumerated().map { ($1.name, $0) }) { a, _ in a } }
  }
  private var fieldIndices: [String: Int] = [:]
  var cases: [Case] = []
  var rawType: VType?
  var isEquatable = false
  var isHashable = false
  var isCaseIterable = false
  /// A `Comparable` enum: `<` by case order, then associated values.
  var isComparable = false
  /// Where the declaration names the type.
  var nameLoc = Loc.unknown
  /// `indirect enum`: its cases may hold values of the enum.
  var isIndirect = false
  /// Declared `CustomStringConvertible`: `print` and interpolation use its `description`.
  var isCustomStringConvertible = false
  /// Declared inside a function: Swift names it by an address inside collections.
  var isLocal = false
  /// The cell protocols the type conforms to (those they refine included), in order.
  var protocols: [String] = []
  /// Runs `description` (held weakly: the session's runtime holds the types).
  weak var runtime: Runtime?
  /// The initializers written in the declaration; none means Swift's memberwise one.
  var initializers: [FunctionCode] = []
  var memberwise: FunctionCode?
  /// Get-only computed properties, run with `self` as their first capture.
  var computed: [String: FunctionCode] = [:]
  /// The setters of computed properties (`set { ... }`), run with `self` mutable.
  var setters: [String: FunctionCode] = [:]
  /// A stored property's `willSet` and `didSet`.
  struct Observers {
    var willSet: FunctionCode?
    var didSet: FunctionCode?
  }
  /// Observers by stored property index.
  var observers: [Int: Observers] = [:]
  /// Stored properties whose observer is running: a store to one of them inside its own
  /// observer does not run the observers again, as in Swift.
  var observing: Set<Int> = []
  /// `static func +` and other operators, by operator (one per pair of operand types).
  var operators: [String: [FunctionCode]] = [:]
  /// A `subscript`: its getter and, when it has one, its setter (the new value last).
  struct Subscript {
    var getter: FunctionCode
    var setter: FunctionCode?
  }
  var subscripts: [Subscript] = []
  /// `static var zero: Point { ... }`, run without `self`.
  var staticComputed: [String: FunctionCode] = [:]
  var staticStorage: [String: Box] = [:]
  /// The `static var`s among `staticStorage` (the rest are `static let`).
  var staticVars: Set<String> = []
  /// Methods' code (one per overload), for their parameters' types.
  var methodCodes: [String: [[Param]]] = [:]
  /// Static functions' code, for their parameters' types.
  var staticCodes: [String: FunctionCode] = [:]
  /// The result types of static functions and of the cases with associated values.
  var staticResults: [String: VType] = [:]
  /// Names of `mutating` methods (they need a mutable receiver).
  var mutatingMethods: Set<String> = []

  init(name: String, key: String, kind: Kind, module: String, parent: UserType? = nil) {
    self.name = name
    self.key = key
    self.kind = kind
    self.parent = parent
    printName = String(name.split(separator: ".").last ?? Substring(name))
    qualifiedName = module + "." + name
    native = NativeType(name: key) { _, _ in name }
  }

  /// The type as the compiler's static types name it.
  var vtype: VType { .native(key) }

  var hasPayloads: Bool { cases.contains { !$0.types.isEmpty } }

  func fieldIndex(_ name: String) -> Int? { fieldIndices[name] }

  func caseIndex(_ name: String) -> Int? { cases.firstIndex { $0.name == name } }

  /// Every instance member's name, for "did you mean" and the member list of errors.
  var memberNames: [String] {
    var names = Set(fields.map(\.name)).union(computed.keys).union(native.methods.keys)
    if rawType != nil { names.insert("rawValue") }
    return names.sorted()
  }

  var staticNames: [String] {
    Set(native.staticValues.keys).union(native.staticFunctions.keys).union(staticStorage.keys)
      .union(staticComputed.keys).sorted()
  }

  func hasInstanceMember(_ name: String) -> Bool {
    fieldIndex(name) != nil || computed[name] != nil || native.methods[name] != nil
      || (name == "rawValue" && rawType != nil)
  }

  /// A payload-free case or a `static let`, by name.
  func staticValue(_ name: String) -> Value? {
    if let box = staticStorage[name] {
      if case .void = box.value { return nil }
      return box.value
    }
    if kind == .enumeration, let index = caseIndex(name), cases[index].types.isEmpty {
      return .record(RecordValue(type: self, tag: index, fields: []))
    }
    if let code = staticComputed[name], let runtime {
      // `.zero` arriving where a cell type is wanted: an error in the getter leaves the
      // member unresolved (reported where it is used)
      return try? runtime.invoke(Closure(code: code, captured: []), [], at: .unknown).0
    }
    return native.staticValues[name]?()
  }

  // MARK: - Text

  func describe(_ r: RecordValue, debug: Bool) -> String {
    let rt = runtime
    if let rt {
      if rt.valueDepth >= Runtime.maxValueDepth {
        rt.valueTooDeep = true
        return "…"
      }
      rt.valueDepth += 1
    }
    defer { rt?.valueDepth -= 1 }
    if isCustomStringConvertible, let code = computed["description"], let runtime {
      do {
        let text = try runtime.invoke(
          Closure(code: code, captured: [Box(.record(r))]), [], at: .unknown
        ).0
        if case .string(let text) = text { return text }
      } catch {
        // describing cannot throw: the statement that asked fails with the error instead
        runtime.noteDescriptionFailure(error, of: name)
        return "…"
      }
    }
    if debug && isLocal, let runtime {
      // `[main.(unknown context at $7f67ad648178).P(x: 2)]`: an address that changes per run
      runtime.noteDescriptionFailure(
        EvalError(
          "not supported in cells: printing a value of '\(name)', a type declared inside a function, inside a collection or another value (Swift prints the type's address in memory, which changes from run to run)"
        ), of: name)
      return "…"
    }
    switch kind {
    case .structure:
      let parts = zip(fields, r.fields).map { $0.0.name + ": " + $0.1.describe(debug: true) }
      return (debug ? qualifiedName : printName) + "(" + parts.joined(separator: ", ") + ")"
    case .enumeration:
      guard r.tag >= 0 && r.tag < cases.count else { return printName }
      let c = cases[r.tag]
      var text = debug ? qualifiedName + "." + c.name : c.name
      if !c.types.isEmpty {
        let parts = zip(c.labels, r.fields).map {
          ($0.0.map { $0 + ": " } ?? "") + $0.1.describe(debug: true)
        }
        text += "(" + parts.joined(separator: ", ") + ")"
      }
      return text
    }
  }

  // MARK: - Members

  /// `value.name` for a stored, raw or computed property, or nil when there is none.
  func property(_ r: RecordValue, _ name: String, rt: Runtime?, at l: Loc) throws -> Value? {
    if let index = fieldIndex(name), kind == .structure {
      let v = r.fields[index]
      if case .void = v {
        throw EvalError("'self' used before all stored properties are initialized", at: l)
      }
      return v
    }
    if name == "rawValue", rawType != nil, r.tag >= 0, r.tag < cases.count {
      return cases[r.tag].rawValue
    }
    if let code = computed[name], let rt {
      let box = Box(.record(r))
      return try rt.invoke(Closure(code: code, captured: [box]), [], at: l).0
    }
    return nil
  }

  /// A stored property holding a function, called like a method (`model.activation(x)`).
  func closureProperty(_ r: RecordValue, _ name: String) -> Method? {
    if kind == .structure, let index = fieldIndex(name), case .record(let inner) = r.fields[index],
      let call = inner.type.native.methods["callAsFunction"]
    {
      // `model.first(x)`: a stored property whose struct has `callAsFunction`
      let overloads = call.overloads.map { overload in
        MethodOverload(
          labels: overload.labels, required: overload.required, throwing: overload.throwing
        ) { receiver, reader in
          guard case .record(var outer) = receiver, index < outer.fields.count else { return .void }
          var field = outer.fields[index]
          let result = try overload.run(&field, &reader)
          if call.mutating {
            outer.fields[index] = field
            receiver = .record(outer)
          }
          return result
        }
      }
      return Method(
        name: name, overloads: overloads, mutating: call.mutating, throwing: call.throwing)
    }
    guard kind == .structure, let index = fieldIndex(name), case .function(let f) = r.fields[index],
      let rt = runtime
    else { return nil }
    // the property's declared type types the arguments (`transform(10)` passes 10.0 to a
    // `(Double) -> Double`)
    var params: [VType] = []
    if case .function(let declared, _) = fields[index].type {
      params = declared
    } else if case .function(let inferred, _) = f.type {
      params = inferred
    }
    let overload = MethodOverload(
      labels: Array(repeating: nil, count: params.count), required: params.count,
      throwing: f.throwing
    ) { _, reader in
      var args = reader.args
      for i in args.indices where i < params.count && params[i] != .any {
        args[i].value = try coerce(
          args[i].value, asDouble: args[i].asDouble, to: params[i], context: .argument
        ).get(at: args[i].loc)
        args[i].asDouble = nil
      }
      return try rt.call(f, args, at: reader.callLocation)
    }
    return Method(name: name, overloads: [overload], throwing: f.throwing)
  }

  /// Runs `body` on a stored property in place; Swift's errors for the places it refuses.
  func modifyProperty(
    _ container: inout Value, _ r: inout RecordValue, _ name: String, at l: Loc,
    _ body: (inout Value) throws -> Value
  ) throws -> Value {
    if let setter = setters[name], let rt = runtime {
      // a computed property with a setter: get, change, set (on `self`, in place)
      guard var v = try property(r, name, rt: rt, at: l) else { return .void }
      let result = try body(&v)
      let box = Box(.record(r))
      _ = try rt.invoke(
        Closure(code: setter, captured: [box]), [Arg(label: nil, value: v)], at: l)
      if case .record(let changed) = box.value { r = changed }
      container = .record(r)
      return result
    }
    guard kind == .structure, let index = fieldIndex(name) else {
      if computed[name] != nil || (name == "rawValue" && rawType != nil) {
        throw EvalError("cannot assign to property: '\(name)' is a get-only property", at: l)
      }
      throw EvalError("value of type '\(self.name)' has no member '\(name)'", at: l)
    }
    // an initializer (tag -1) may set its `let` properties once
    if fields[index].isLet && r.tag >= 0 {
      throw EvalError("cannot assign to property: '\(name)' is a 'let' constant", at: l)
    }
    container = .void
    defer { container = .record(r) }
    if let observed = observers[index], r.tag >= 0, !observing.contains(index), let rt = runtime {
      let old = r.fields[index]
      var v = old
      let result = try body(&v)
      observing.insert(index)
      defer { observing.remove(index) }
      let box = Box(.record(r))
      if let willSet = observed.willSet {
        _ = try rt.invoke(
          Closure(code: willSet, captured: [box]), [Arg(label: nil, value: v)], at: l)
      }
      if case .record(var changed) = box.value {
        changed.fields[index] = v
        box.value = .record(changed)
      }
      if let didSet = observed.didSet {
        _ = try rt.invoke(
          Closure(code: didSet, captured: [box]), [Arg(label: nil, value: old)], at: l)
      }
      if case .record(let changed) = box.value { r = changed }
      return result
    }
    var v = r.fields[index]
    let result = try body(&v)
    if r.tag < 0 {
      // the first store skips the usual check (the old value is not there yet)
      guard let converted = conform(v, to: fields[index].type) else {
        throw EvalError(CoercionContext.assignment.message(v.type, fields[index].type), at: l)
      }
      v = converted
    }
    r.fields[index] = v
    return result
  }

  // MARK: - Equality

  /// `.name` (an implicit member) as a value of `r`'s type, if the type has such a member.
  static func implicitMember(_ v: Value, like r: RecordValue) -> RecordValue? {
    guard let name = ImplicitMember.name(of: v), case .record(let value)? = r.type.staticValue(name)
    else { return nil }
    return value
  }

  /// `==` on two values of this type, with Swift's errors when the type is not Equatable.
  static func equal(_ a: RecordValue, _ b: RecordValue, at l: Loc) throws -> Bool {
    if case .bool(let result)? = try userOperator("==", .record(a), .record(b), at: l) {
      return result
    }
    guard a.type === b.type else {
      throw Operators.mismatch("==", a.type.vtype, b.type.vtype, at: l)
    }
    let type = a.type
    guard type.isEquatable else {
      if type.kind == .enumeration {
        throw EvalError(
          "binary operator '==' cannot be applied to two '\(type.name)' operands", at: l,
          notes: ["binary operator '==' cannot be synthesized for enums with associated values"])
      }
      throw EvalError(
        "referencing operator function '==' on 'Equatable' requires that '\(type.name)' conform to 'Equatable'",
        at: l)
    }
    if a.tag != b.tag { return false }
    let rt = type.runtime
    if let rt {
      if rt.valueDepth >= Runtime.maxValueDepth {
        throw LimitError(
          message:
            "values nest more than \(Runtime.maxValueDepth) deep here (a recursive type built up in a loop?), too deep to compare",
          loc: l)
      }
      rt.valueDepth += 1
    }
    defer { rt?.valueDepth -= 1 }
    for (x, y) in zip(a.fields, b.fields) where !(try Operators.equal(x, y, at: l)) {
      return false
    }
    return true
  }
}

extension UserType {
  /// swiftc's error for arguments that differ from the one subscript's parameters only in
  /// their labels: missing, extraneous or incorrect labels (checked with swiftc 6.3; a lone
  /// argument missing its label is pointed at, otherwise the `[`).
  static func labelError(_ params: [Param], _ args: [Arg], at l: Loc) -> EvalError? {
    guard params.count == args.count else { return nil }
    let differing = zip(params, args).enumerated().filter {
      $0.element.0.label != $0.element.1.label
    }
    if differing.isEmpty { return nil }
    let plural = differing.count > 1 ? "s" : ""
    if differing.allSatisfy({ $0.element.1.label == nil }) {
      let names = differing.map { ($0.element.0.label ?? "_") + ":" }.joined()
      let at = args.count == 1 && !args[0].loc.isUnknown ? args[0].loc : l
      return EvalError("missing argument label\(plural) '\(names)' in subscript", at: at)
    }
    if differing.allSatisfy({ $0.element.0.label == nil }) {
      let names = differing.map { ($0.element.1.label ?? "_") + ":" }.joined()
      return EvalError("extraneous argument label\(plural) '\(names)' in subscript", at: l)
    }
    let have = args.map { ($0.label ?? "_") + ":" }.joined()
    let expected = params.map { ($0.label ?? "_") + ":" }.joined()
    return EvalError(
      "incorrect argument label\(plural) in subscript (have '\(have)', expected '\(expected)')",
      at: l)
  }

  /// The subscript whose parameters take these arguments, or Swift's error.
  func subscriptFor(_ args: [Arg], at l: Loc) throws -> Subscript {
    guard !subscripts.isEmpty else {
      throw EvalError("value of type '\(name)' has no subscripts", at: l)
    }
    if let s = subscripts.first(where: { Compiler.accepts($0.getter.params, args) }) { return s }
    if subscripts.count == 1, let error = Self.labelError(subscripts[0].getter.params, args, at: l)
    {
      throw error
    }
    let have = args.map { ($0.label ?? "_") + ":" }.joined()
    throw EvalError(
      "no subscript of '\(name)' takes the arguments (\(have))", at: l,
      notes: [
        "accepted: "
          + subscripts.map {
            "subscript(" + $0.getter.params.map { ($0.label ?? "_") + ":" }.joined() + ")"
          }.joined(separator: ", ")
      ])
  }

  /// `value[args]` for a value of this type.
  func subscriptGet(_ r: RecordValue, _ args: [Arg], at l: Loc) throws -> Value {
    let s = try subscriptFor(args, at: l)
    guard let rt = runtime else { return .void }
    return try rt.invoke(Closure(code: s.getter, captured: [Box(.record(r))]), args, at: l).0
  }

  /// `value[args] = v` (and `+=`, mutation through it): get, change, set.
  func subscriptModify(
    _ container: inout Value, _ r: RecordValue, _ args: [Arg], at l: Loc,
    _ body: (inout Value) throws -> Value
  ) throws -> Value {
    let s = try subscriptFor(args, at: l)
    guard let setter = s.setter else {
      throw EvalError("cannot assign through subscript: subscript is get-only", at: l)
    }
    guard let rt = runtime else { return .void }
    var v = try rt.invoke(Closure(code: s.getter, captured: [Box(.record(r))]), args, at: l).0
    let result = try body(&v)
    let box = Box(.record(r))
    _ = try rt.invoke(
      Closure(code: setter, captured: [box]), args + [Arg(label: nil, value: v)], at: l)
    container = box.value
    return result
  }

  /// `a op b` through an operator function of a cell type of either operand, or nil when
  /// neither type has one that takes these operands.
  static func userOperator(_ op: String, _ a: Value, _ b: Value, at l: Loc) throws -> Value? {
    for case .record(let r) in [a, b] {
      guard let codes = r.type.operators[op], let rt = r.type.runtime else { continue }
      for code in codes {
        guard let x = conform(a, to: code.params[0].type ?? .any),
          let y = conform(b, to: code.params[1].type ?? .any)
        else { continue }
        return try rt.invoke(
          Closure(code: code, captured: []),
          [Arg(label: code.params[0].label, value: x), Arg(label: code.params[1].label, value: y)],
          at: l
        ).0
      }
    }
    return nil
  }

  /// `a += b` through a cell type's `static func += (lhs: inout T, rhs: U)`: the new value of
  /// `a`, or nil when no such function takes `b`.
  static func userCompound(
    _ op: String, _ r: RecordValue, _ rhs: Value, _ rhsDouble: Value?, at l: Loc
  ) throws -> Value? {
    guard let codes = r.type.operators[op], let rt = r.type.runtime else { return nil }
    for code in codes {
      let wanted = code.params[1].type ?? .any
      guard let y = conform(rhs, to: wanted) ?? rhsDouble.flatMap({ conform($0, to: wanted) })
      else { continue }
      let frame = try rt.invoke(
        Closure(code: code, captured: []),
        [
          Arg(label: code.params[0].label, value: .record(r)),
          Arg(label: code.params[1].label, value: y),
        ],
        at: l
      ).1
      return frame.slots[code.params[0].slot].value
    }
    return nil
  }

  /// `-v` through a cell type's `static prefix func -`.
  static func userPrefix(_ op: String, _ r: RecordValue, at l: Loc) throws -> Value {
    guard let code = r.type.operators["prefix " + op]?.first, let rt = r.type.runtime else {
      throw EvalError(
        "unary operator '\(op)' cannot be applied to an operand of type '\(r.type.name)'", at: l)
    }
    return try rt.invoke(
      Closure(code: code, captured: []), [Arg(label: code.params[0].label, value: .record(r))],
      at: l
    ).0
  }

  /// `<` on two values of a `Comparable` enum (Swift's synthesized order), or Swift's error.
  static func less(_ a: RecordValue, _ b: RecordValue, _ op: String, at l: Loc) throws -> Bool {
    if case .bool(let result)? = try userOperator("<", .record(a), .record(b), at: l) {
      return result
    }
    guard a.type === b.type, a.type.isComparable else {
      throw Operators.mismatch(op, a.type.vtype, b.type.vtype, at: l)
    }
    if a.tag != b.tag { return a.tag < b.tag }
    for (x, y) in zip(a.fields, b.fields) {
      if try Operators.less(x, y, op, at: l) { return true }
      if try Operators.less(y, x, op, at: l) { return false }
    }
    return false
  }
}

/// A value of a cell-declared type: a struct's stored properties (`tag` 0, or -1 while its
/// initializer runs), or an enum's case (`tag`) with its associated values.
struct RecordValue {
  let type: UserType
  var tag: Int
  var fields: [Value]
}

/// The cell-declared types of the session whose cells run on this thread, so a member written
/// `.red` where a `Color` is wanted can be found when the value arrives (each session runs its
/// cells on its own thread).
enum UserTypeScope {
  static let key = "nbrun.userTypes"

  final class Table {
    /// The types cells can name now, by name (`Point`, `Outer.Kind`).
    var types: [String: UserType] = [:]
    /// Every type declared in the session, by `key`, for static types made earlier.
    var byKey: [String: UserType] = [:]
    /// The protocols cells can name now, by name.
    var protocols: [String: UserProtocol] = [:]
    private var declarations: [String: Int] = [:]

    /// The key for a new declaration of `name` (see `UserType.key`).
    func newKey(_ name: String) -> String {
      let count = (declarations[name] ?? 0) + 1
      declarations[name] = count
      return count == 1 ? name : name + "@\(count)"
    }

    /// Forgets the type cells call `name` and the types nested in it (their values keep them).
    func removeType(_ name: String) {
      for key in types.keys where key == name || key.hasPrefix(name + ".") {
        types[key] = nil
      }
    }

    /// The static type a name denotes: a cell type's, nil when the name is a key of a type
    /// no cell can name any more, or `.none` when the name is not a cell type's.
    func typeNamed(_ name: String) -> VType?? {
      if let type = types[name] { return .some(type.vtype) }
      if byKey[name] != nil { return .some(nil) }
      return .none
    }
  }

  static var current: Table? {
    get { Thread.current.threadDictionary[key] as? Table }
    set { Thread.current.threadDictionary[key] = newValue }
  }

  /// `.name` as a value of the cell type `typeName` (a case without payload, a `static let`).
  static func implicitMember(_ name: String, of typeName: String) -> Value? {
    current?.byKey[typeName]?.staticValue(name)
  }
}

extension Runtime {
  /// Keeps the first error a `description` threw, worded for the statement that described
  /// the value: Swift would overflow its stack on a `description` that describes `self`.
  func noteDescriptionFailure(_ error: any Error, of typeName: String) {
    guard descriptionFailure == nil else { return }
    switch error {
    case let limit as LimitError where limit.message.hasPrefix("calls nested more than"):
      descriptionFailure = LimitError(
        message:
          "the 'description' of '\(typeName)' calls itself more than \(limits.maxCallDepth) deep: describing 'self' inside 'description' (\"\\(self)\") never ends (Swift overflows its stack)",
        loc: .unknown)
    default:
      descriptionFailure = error
    }
  }
}

extension Value {
  /// Whether this is a value of a cell-declared type.
  var isRecord: Bool {
    if case .record = self { return true }
    return false
  }
}
