import SwiftSyntax

/// The generic parameters of a function being compiled (`func largest<T: Comparable>`), with
/// the protocols each must conform to. Inside the function a generic parameter's values are
/// the arguments' own values (the evaluator looks their members and operators up when the
/// code runs); the constraints are checked on the arguments at each call, as Swift checks
/// them at compile time.
struct GenericSignature {
  /// Each generic parameter's name and the protocols it must conform to, in order.
  var parameters: [(name: String, constraints: [String])] = []

  func constraints(of name: String) -> [String]? {
    parameters.first { $0.name == name }?.constraints
  }
}

extension Compiler {
  /// The protocols a generic parameter may be constrained to (besides cell protocols).
  static let genericConstraints: Set<String> = [
    "Comparable", "Equatable", "Hashable", "Numeric", "AdditiveArithmetic", "SignedNumeric",
    "BinaryInteger", "SignedInteger", "FixedWidthInteger", "FloatingPoint", "BinaryFloatingPoint",
    "CustomStringConvertible", "StringProtocol",
  ]

  /// `<T: Comparable, U>` and `where T: Hashable`: refuses what cells cannot check
  /// (same-type requirements, constraints to other protocols).
  func genericSignature(
    _ clause: GenericParameterClauseSyntax?, _ whereClause: GenericWhereClauseSyntax?
  ) throws -> GenericSignature? {
    guard let clause else {
      if let whereClause {
        throw EvalError(
          "'where' clause on non-generic member that is not in an extension", at: loc(whereClause))
      }
      return nil
    }
    var signature = GenericSignature()
    for p in clause.parameters {
      if let each = p.specifier { throw unsupported("parameter packs", each) }
      var constraints: [String] = []
      if let inherited = p.inheritedType { constraints = try constraintNames(inherited) }
      signature.parameters.append((p.name.text, constraints))
    }
    for requirement in whereClause?.requirements ?? [] {
      guard case .conformanceRequirement(let c) = requirement.requirement,
        let id = c.leftType.as(IdentifierTypeSyntax.self),
        let index = signature.parameters.firstIndex(where: { $0.name == id.name.text })
      else { throw unsupported("this generic requirement", requirement) }
      signature.parameters[index].constraints += try constraintNames(c.rightType)
    }
    return signature
  }

  func constraintNames(_ t: TypeSyntax) throws -> [String] {
    if let composition = t.as(CompositionTypeSyntax.self) {
      return try composition.elements.flatMap { try constraintNames($0.type) }
    }
    let name = t.trimmedDescription
    guard Self.genericConstraints.contains(name) || cellProtocol(named: name) != nil else {
      throw unsupported("the generic constraint '\(name)'", t)
    }
    return [name]
  }

  /// The protocols of an opaque parameter type of standard protocols (`some Comparable`,
  /// `some Hashable & CustomStringConvertible`); nil for other types.
  func opaqueConstraints(_ t: TypeSyntax) -> [String]? {
    guard let s = t.as(SomeOrAnyTypeSyntax.self), s.someOrAnySpecifier.tokenKind == .keyword(.some),
      let names = try? constraintNames(s.constraint),
      names.allSatisfy(Self.genericConstraints.contains)
    else { return nil }
    return names
  }

  /// Runs `body` with the generic parameters' names meaning "the argument's own type".
  func withGenerics<T>(_ signature: GenericSignature?, _ body: () throws -> T) rethrows -> T {
    guard let signature else { return try body() }
    genericScopes.append(signature)
    defer { genericScopes.removeLast() }
    return try body()
  }

  /// The generic parameter a type names, inside a generic function.
  func genericParameterNamed(_ name: String) -> [String]? {
    for scope in genericScopes.reversed() {
      if let c = scope.constraints(of: name) { return c }
    }
    return nil
  }

  /// Swift gives a literal the generic parameter's type (`return 0` in a function returning
  /// `T`, `var total: T = 0`); the evaluator cannot know that type before the call, so such a
  /// literal is refused rather than given `Int`'s type.
  func refuseLiteralsOfGenericType(_ body: CodeBlockSyntax?, returnType: TypeSyntax?) throws {
    guard let body else { return }
    let returnsGeneric =
      returnType.flatMap { $0.as(IdentifierTypeSyntax.self) }.map {
        genericParameterNamed($0.name.text) != nil
      } ?? false
    final class Finder: SyntaxVisitor {
      let compiler: Compiler
      let returnsGeneric: Bool
      var found: Syntax?
      init(_ compiler: Compiler, _ returnsGeneric: Bool) {
        self.compiler = compiler
        self.returnsGeneric = returnsGeneric
        super.init(viewMode: .sourceAccurate)
      }
      func isLiteral(_ e: ExprSyntax) -> Bool {
        var e = e
        if let p = e.as(PrefixOperatorExprSyntax.self) { e = p.expression }
        return e.is(IntegerLiteralExprSyntax.self) || e.is(FloatLiteralExprSyntax.self)
      }
      override func visit(_ node: ReturnStmtSyntax) -> SyntaxVisitorContinueKind {
        if returnsGeneric, let e = node.expression, isLiteral(e), found == nil {
          found = Syntax(e)
        }
        return .visitChildren
      }
      override func visit(_ node: PatternBindingSyntax) -> SyntaxVisitorContinueKind {
        if let t = node.typeAnnotation?.type.as(IdentifierTypeSyntax.self),
          compiler.genericParameterNamed(t.name.text) != nil,
          let e = node.initializer?.value, isLiteral(e), found == nil
        {
          found = Syntax(e)
        }
        return .visitChildren
      }
      override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind {
        .skipChildren
      }
    }
    let finder = Finder(self, returnsGeneric)
    finder.walk(body)
    // a body of one literal expression returns it
    if returnsGeneric, body.statements.count == 1, case .expr(let e) = body.statements.first!.item,
      finder.isLiteral(e), finder.found == nil
    {
      finder.found = Syntax(e)
    }
    if let found = finder.found {
      throw unsupported(
        "a literal as a value of a generic parameter's type (Swift gives it the caller's type; pass the value in)",
        found)
    }
  }

  /// At each call: every argument of a generic parameter's type conforms to its constraints,
  /// and Int and Double arguments are not mixed for one parameter (Swift would have made the
  /// literal among them a Double).
  func genericArgumentCheck(
    _ signature: GenericSignature?, _ code: FunctionCode, _ syntax: FunctionParameterListSyntax,
    kind: String
  ) -> ((Frame) throws -> Void)? {
    var checks: [(slot: Int, isArray: Bool, name: String, constraints: [String])] = []
    for (index, (param, p)) in zip(code.params, syntax).enumerated() {
      let slot = param.slot
      var t = p.type
      var isArray = false
      if let a = t.as(ArrayTypeSyntax.self) {
        t = a.element
        isArray = true
      }
      if let id = t.as(IdentifierTypeSyntax.self),
        let constraints = signature?.constraints(of: id.name.text)
      {
        checks.append((slot, isArray, id.name.text, constraints))
      } else if let constraints = opaqueConstraints(t) {
        // each `some Comparable` is its own generic parameter (named apart for the Int and
        // Double check; the note names it as swiftc does)
        checks.append((slot, isArray, t.trimmedDescription + "#\(index)", constraints))
      }
    }
    if checks.isEmpty { return nil }
    let functionName = code.name
    return { f in
      var seen: [String: VType] = [:]
      for check in checks {
        let v = f.slots[check.slot].value
        let values: [Value]
        if check.isArray, case .array(let a) = v { values = a.items } else { values = [v] }
        for value in values {
          let type = value.type
          if let earlier = seen[check.name], earlier != type,
            Set([earlier, type]) == Set([VType.int, .double])
          {
            throw EvalError(
              "not supported in cells: Int and Double arguments for one generic parameter '\(check.name.split(separator: "#").first.map(String.init) ?? check.name)' (Swift would make a literal among them a Double; write it as 1.0)"
            )
          }
          seen[check.name] = seen[check.name] ?? type
          for c in check.constraints where !Self.value(value, conformsTo: c) {
            let shown = check.name.split(separator: "#").first.map(String.init) ?? check.name
            throw EvalError(
              "\(kind) '\(functionName)' requires that '\(type.name)' conform to '\(c)'",
              notes: ["where '\(shown)' = '\(type.name)'"])
          }
        }
      }
    }
  }

  /// Sets the checks a call makes of its arguments: generic constraints, and conformance of
  /// an argument passed for a parameter of a cell protocol's type.
  func addArgumentChecks(
    _ signature: GenericSignature?, _ code: FunctionCode, _ syntax: FunctionParameterListSyntax,
    kind: String
  ) {
    let generic = genericArgumentCheck(signature, code, syntax, kind: kind)
    let protocols = protocolArgumentCheck(code, syntax)
    switch (generic, protocols) {
    case (nil, nil): code.argumentCheck = nil
    case (let g?, nil): code.argumentCheck = g
    case (nil, let p?): code.argumentCheck = p
    case (let g?, let p?):
      code.argumentCheck = { f in
        try p(f)
        try g(f)
      }
    }
  }

  /// Swift's errors for an argument that does not conform to its parameter's protocol type
  /// (`Shape`, `any Shape`, `some Shape`, `[Shape]`), reported at the call.
  func protocolArgumentCheck(_ code: FunctionCode, _ syntax: FunctionParameterListSyntax)
    -> ((Frame) throws -> Void)?
  {
    var checks: [(slot: Int, isArray: Bool, proto: String, spelled: String)] = []
    for (param, p) in zip(code.params, syntax) {
      var t = p.type
      if let attributed = t.as(AttributedTypeSyntax.self) { t = attributed.baseType }
      var isArray = false
      if let a = t.as(ArrayTypeSyntax.self) {
        t = a.element
        isArray = true
      }
      guard let proto = protocolNamed(by: t) else { continue }
      checks.append((param.slot, isArray, proto.name, t.trimmedDescription))
    }
    if checks.isEmpty { return nil }
    return { f in
      for check in checks {
        let v = f.slots[check.slot].value
        if check.isArray {
          guard case .array(let a) = v else { continue }
          for item in a.items where !Self.value(item, conformsTo: check.proto) {
            let spelled = check.spelled.hasPrefix("any ") ? check.spelled : "any " + check.spelled
            throw EvalError(
              "cannot convert value of type '\(item.typeName)' to expected element type '\(spelled)'"
            )
          }
        } else if !Self.value(v, conformsTo: check.proto) {
          throw EvalError(
            "argument type '\(v.typeName)' does not conform to expected type '\(check.proto)'")
        }
      }
    }
  }

  /// Whether a value's type conforms to a standard protocol or a cell protocol.
  static func value(_ v: Value, conformsTo proto: String) -> Bool {
    if case .record(let r) = v, r.type.protocols.contains(proto) { return true }
    // the standard types conform to none of the cells' protocols
    guard genericConstraints.contains(proto) else { return false }
    switch v {
    case .int:
      return !["FloatingPoint", "BinaryFloatingPoint", "StringProtocol"].contains(proto)
    case .double:
      return ![
        "BinaryInteger", "SignedInteger", "FixedWidthInteger", "StringProtocol",
      ].contains(proto)
    case .string:
      return ["Comparable", "Equatable", "Hashable", "CustomStringConvertible", "StringProtocol"]
        .contains(proto)
    case .character:
      return ["Comparable", "Equatable", "Hashable", "CustomStringConvertible"].contains(proto)
    case .bool:
      return ["Equatable", "Hashable", "CustomStringConvertible"].contains(proto)
    case .record(let r):
      switch proto {
      case "Equatable": return r.type.isEquatable
      case "Hashable": return r.type.isHashable
      case "Comparable": return r.type.isComparable
      case "CustomStringConvertible": return r.type.isCustomStringConvertible
      default: return r.type.protocols.contains(proto)
      }
    case .array(let a):
      guard ["Equatable", "Hashable"].contains(proto) else {
        return proto == "CustomStringConvertible"
      }
      return a.items.allSatisfy { value($0, conformsTo: proto) }
    case .optional(let w):
      guard ["Equatable", "Hashable"].contains(proto) else { return false }
      return w.map { value($0, conformsTo: proto) } ?? true
    default:
      return false
    }
  }
}
