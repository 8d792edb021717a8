import SwiftSyntax

/// Members of standard-library values checked before the cell runs, where the receiver's
/// static type is known, so that code which never runs (an uncalled function, an untaken
/// branch) is refused as swiftc refuses it: `func g() { let x = 3; print(x.foo) }`. The error
/// is the one the same member gives when it runs (same words, same place).
extension Compiler {
  /// An empty value of a standard-library or library type, for asking which members it has;
  /// nil for a type whose members are not all known here (cell types, optionals, tuples).
  func prototype(of type: VType?) -> Value? {
    if case .native(let name)? = type {
      // a library type (not a cell type): its members are its binding's
      guard rt.userTypes.byKey[name] == nil, let native = rt.builtins.natives[name] else {
        return nil
      }
      return .native(NativeObject.make(type: native, object: ()))
    }
    switch type {
    case .int?: return .int(0)
    case .double?: return .double(0)
    case .bool?: return .bool(false)
    case .string?: return .string("")
    case .character?: return .character("a")
    case .array(let e)? where Compiler.isConcrete(e):
      return .array(ArrayValue(elementType: e, items: []))
    case .dictionary(let k, let v)? where Compiler.isConcrete(k) && Compiler.isConcrete(v):
      return .dictionary(DictValue(keyType: k, valueType: v))
    case .set(let e)? where Compiler.isConcrete(e):
      return .set(SetValue(elementType: e))
    default: return nil
    }
  }

  /// Refuses `base.name` (a property read) when the base's static type has no such member.
  func checkPropertyExists(_ base: CExpr, _ name: String, at l: Loc) throws {
    guard base.asDouble == nil, let v = prototype(of: base.type) else { return }
    let b = rt.builtins
    if case .native(let n) = v, n.type.properties[name] != nil { return }
    if b.properties[b.kind(of: v)]?[name] != nil { return }
    if b.isSequence(v), b.properties[.sequence]?[name] != nil { return }
    if (try? b.method(v, name, at: l)) != nil { return }
    throw b.unknownMember(v, name, at: l)
  }

  /// Refuses `base.name(args)` when the base's static type has no such method, no overload
  /// takes these labels, or the method is `mutating` and the base cannot change.
  func checkMethodCall(
    _ base: CExpr, _ name: String, _ args: [CArg], target: LValue?, at l: Loc
  ) throws {
    guard base.asDouble == nil, let v = prototype(of: base.type) else { return }
    // a library property called as a method is refused when it runs, with its value's type
    // (the prototype has no value to read)
    if case .native(let n) = v, n.type.methods[name] == nil, n.type.properties[name] != nil {
      return
    }
    let method = try rt.builtins.method(v, name, at: l)
    let shape = args.map { Arg(label: $0.label, value: .void, trailing: $0.trailing) }
    if !method.overloads.contains(where: {
      matchLabels($0.labels, required: $0.required, shape) != nil
    }) {
      throw rt.labelMismatch(
        method.name, method.overloads.map { $0.signature(method.name) }, shape, at: l)
    }
    if method.mutating { _ = try LValue.mutable(target, typeName: v.typeName, at: l) }
  }
}

extension Compiler {
  /// The type Swift gives a collection literal of literals where no context types it
  /// (`let a = [1, 2]` is an `[Int]`, `[1, 2.5]` a `[Double]`, `["a": 1]` a `[String: Int]`),
  /// or nil for any other expression.
  static func literalDefaultType(_ e: ExprSyntax) -> VType? {
    func join(_ types: [VType?]) -> VType? {
      guard let first = types.first, var joined = first else { return nil }
      for t in types.dropFirst() {
        guard let t else { return nil }
        if t == joined { continue }
        if Set([t, joined]) == [.int, .double] {
          joined = .double
          continue
        }
        return nil
      }
      return joined
    }
    func leaf(_ e: ExprSyntax) -> VType? {
      if e.is(IntegerLiteralExprSyntax.self) { return .int }
      if e.is(FloatLiteralExprSyntax.self) { return .double }
      if e.is(BooleanLiteralExprSyntax.self) { return .bool }
      if let s = e.as(StringLiteralExprSyntax.self),
        s.segments.allSatisfy({ $0.is(StringSegmentSyntax.self) })
      {
        return .string
      }
      if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
        let inner = leaf(p.expression)
        return inner == .int || inner == .double ? inner : nil
      }
      return literalDefaultType(e)
    }
    if let a = e.as(ArrayExprSyntax.self), !a.elements.isEmpty {
      return join(a.elements.map { leaf($0.expression) }).map { .array($0) }
    }
    if let d = e.as(DictionaryExprSyntax.self), case .elements(let list) = d.content,
      !list.isEmpty, let k = join(list.map { leaf($0.key) }),
      let v = join(list.map { leaf($0.value) })
    {
      return .dictionary(k, v)
    }
    return nil
  }
}

extension Compiler {
  /// A value of function type (a closure, a function-typed parameter) takes no argument
  /// labels: swiftc's "extraneous argument label 'x:' in call" at the call's `(`.
  func checkNoLabels(_ call: FunctionCallExprSyntax) throws {
    let labels = call.arguments.compactMap { $0.label?.text }
    guard !labels.isEmpty, let paren = call.leftParen else { return }
    let plural = labels.count == 1 ? "" : "s"
    throw EvalError(
      "extraneous argument label\(plural) '\(labels.map { $0 + ":" }.joined())' in call",
      at: loc(paren))
  }
}
