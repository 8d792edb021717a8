import SwiftSyntax

/// A `protocol` declared in a cell: its requirements, and the extensions that give them
/// default implementations. Values of a protocol type (`let s: Shape`, `[Shape]`, `any Shape`)
/// are the conforming types' own values: members are found on the value's type when the code
/// runs, which is Swift's dynamic dispatch of requirements.
final class UserProtocol {
  /// One requirement, with what swiftc's note says about it.
  struct Requirement {
    enum Kind { case property, function, initializer }
    var kind: Kind
    var name: String
    var labels: [String?]
    var isStatic: Bool
    var isSettable: Bool
    /// The requirement's type as swiftc's note spells it, `Self` still unreplaced.
    var typeText: String
    /// `describe()`, `scale(by:_:)`, `init(n:)`: the name in swiftc's note.
    var displayName: String {
      kind == .property
        ? name : name + "(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")"
    }
  }

  let name: String
  let nameLoc: Loc
  var requirements: [Requirement] = []
  /// The protocols it refines and the standard conformances it implies (`: Equatable`).
  var inheritance: InheritanceClauseSyntax?
  /// The member blocks of `extension Shape { ... }`, applied to every conforming type.
  var extensions: [MemberBlockSyntax] = []

  init(name: String, nameLoc: Loc) {
    self.name = name
    self.nameLoc = nameLoc
  }
}

extension Compiler {
  /// The cell protocol a type name denotes, if any.
  func cellProtocol(named name: String) -> UserProtocol? { rt.userTypes.protocols[name] }

  /// The static type of a value of a protocol type: any conforming value, so the evaluator
  /// looks its members up when the code runs (`any Shape` and `some Shape` too).
  func protocolValueType(_ t: TypeSyntax) -> VType? {
    if let id = t.as(IdentifierTypeSyntax.self), id.genericArgumentClause == nil,
      cellProtocol(named: id.name.text) != nil || genericParameterNamed(id.name.text) != nil
    {
      return .any
    }
    if let s = t.as(SomeOrAnyTypeSyntax.self) {
      if opaqueConstraints(t) != nil { return .any }
      return protocolValueType(s.constraint)
    }
    return nil
  }

  /// The protocol a type annotation names (`Shape`, `any Shape`), if it names one.
  func protocolNamed(by t: TypeSyntax) -> UserProtocol? {
    if let id = t.as(IdentifierTypeSyntax.self), id.genericArgumentClause == nil {
      return cellProtocol(named: id.name.text)
    }
    if let s = t.as(SomeOrAnyTypeSyntax.self) { return protocolNamed(by: s.constraint) }
    return nil
  }

  /// First phase for protocols: their names, before the cell's types name them.
  func declareProtocols(_ items: [CodeBlockItemSyntax]) throws {
    for item in items {
      guard case .decl(let decl) = item.item, let p = decl.as(ProtocolDeclSyntax.self) else {
        continue
      }
      let name = p.name.text
      if declaredHere.contains(name) {
        throw EvalError("invalid redeclaration of '\(name)'", at: loc(p.name))
      }
      if let a = p.attributes.first { throw unsupported("attributes", a) }
      try checkModifiers(p.modifiers)
      if let primary = p.primaryAssociatedTypeClause {
        throw unsupported("primary associated types", primary)
      }
      if let w = p.genericWhereClause { throw unsupported("generic protocols", w) }
      declaredHere.insert(name)
      let proto = UserProtocol(name: name, nameLoc: loc(p.name))
      proto.inheritance = p.inheritanceClause
      replacedProtocols.append((name, rt.userTypes.protocols[name]))
      rt.userTypes.protocols[name] = proto
      // a later declaration replaces an earlier one of any kind
      if rt.userTypes.types[name] != nil { replaceType(name, with: nil) }
      if let global = rt.globals[name] {
        replacedGlobals.append((name, global))
        rt.globals[name] = nil
      }
    }
  }

  /// The requirements of the cell's protocols, once the cell's types are known.
  func defineProtocolRequirements(_ items: [CodeBlockItemSyntax]) throws {
    for item in items {
      guard case .decl(let decl) = item.item, let p = decl.as(ProtocolDeclSyntax.self),
        let proto = cellProtocol(named: p.name.text)
      else { continue }
      for member in p.memberBlock.members {
        proto.requirements += try requirements(member.decl)
      }
    }
  }

  func requirements(_ decl: DeclSyntax) throws -> [UserProtocol.Requirement] {
    if let v = decl.as(VariableDeclSyntax.self) {
      let isStatic = v.modifiers.contains { $0.name.tokenKind == .keyword(.static) }
      try checkModifiers(v.modifiers.filter { $0.name.tokenKind != .keyword(.static) })
      var found: [UserProtocol.Requirement] = []
      for binding in v.bindings {
        if v.bindingSpecifier.tokenKind == .keyword(.let) {
          throw EvalError(
            "protocols cannot require properties to be immutable; declare read-only properties by using 'var' with a '{ get }' specifier",
            at: loc(binding.pattern))
        }
        guard let id = binding.pattern.as(IdentifierPatternSyntax.self),
          let annotation = binding.typeAnnotation
        else { throw unsupported("this pattern in a protocol", binding.pattern) }
        guard let block = binding.accessorBlock, case .accessors(let list) = block.accessors,
          list.allSatisfy({ $0.body == nil })
        else {
          throw EvalError(
            "property in protocol must have explicit { get } or { get set } specifier",
            at: loc(binding.pattern))
        }
        _ = try resolveProtocolType(annotation.type)
        found.append(
          .init(
            kind: .property, name: id.identifier.text, labels: [], isStatic: isStatic,
            isSettable: list.contains { $0.accessorSpecifier.tokenKind == .keyword(.set) },
            typeText: annotation.type.trimmedDescription))
      }
      return found
    }
    if let fn = decl.as(FunctionDeclSyntax.self) {
      if let body = fn.body {
        throw EvalError("protocol methods must not have bodies", at: loc(body))
      }
      if case .binaryOperator = fn.name.tokenKind {
        throw unsupported("operator requirements", fn.name)
      }
      if let g = fn.genericParameterClause { throw unsupported("generic functions", g) }
      let isStatic = fn.modifiers.contains { $0.name.tokenKind == .keyword(.static) }
      try checkModifiers(
        fn.modifiers.filter {
          ![.keyword(.static), .keyword(.mutating)].contains($0.name.tokenKind)
        })
      let params = fn.signature.parameterClause.parameters
      for p in params { _ = try resolveProtocolType(p.type) }
      let result = fn.signature.returnClause?.type
      if let result { _ = try resolveProtocolType(result) }
      let typeText =
        "(" + params.map { $0.type.trimmedDescription }.joined(separator: ", ") + ") -> "
        + (result?.trimmedDescription ?? "()")
      return [
        .init(
          kind: .function, name: fn.name.text,
          labels: params.map { $0.firstName.text == "_" ? nil : $0.firstName.text },
          isStatic: isStatic, isSettable: false, typeText: typeText)
      ]
    }
    if let i = decl.as(InitializerDeclSyntax.self) {
      if let body = i.body {
        throw EvalError("protocol initializers must not have bodies", at: loc(body))
      }
      if let q = i.optionalMark { throw unsupported("failable initializer requirements", q) }
      let params = i.signature.parameterClause.parameters
      for p in params { _ = try resolveProtocolType(p.type) }
      let labels = params.map { $0.firstName.text == "_" ? nil : $0.firstName.text }
      let typeText =
        "("
        + zip(labels, params).map { ($0.map { "\($0): " } ?? "") + $1.type.trimmedDescription }
        .joined(separator: ", ") + ")"
      return [
        .init(
          kind: .initializer, name: "init", labels: labels, isStatic: true, isSettable: false,
          typeText: typeText)
      ]
    }
    let what: String
    switch decl.kind {
    case .associatedTypeDecl: what = "associated types"
    case .subscriptDecl: what = "subscript requirements"
    case .typeAliasDecl: what = "typealias declarations"
    default: what = "this protocol member"
    }
    throw unsupported(what, decl)
  }

  /// A type in a requirement, checked as a type (`Self` stands for the conforming type).
  func resolveProtocolType(_ t: TypeSyntax) throws -> VType {
    if let id = t.as(IdentifierTypeSyntax.self), id.name.text == "Self" { return .any }
    if let o = t.as(OptionalTypeSyntax.self) {
      return .optional(try resolveProtocolType(o.wrappedType))
    }
    if let a = t.as(ArrayTypeSyntax.self) { return .array(try resolveProtocolType(a.element)) }
    return try resolveType(t)
  }

  /// `struct Circle: Shape` or `extension Circle: Shape`: the conformance, with those of the
  /// protocols `Shape` refines, to be completed and checked once the cell's members are known.
  func recordConformance(_ type: UserType, to proto: UserProtocol, at l: Loc) throws {
    if type.protocols.contains(proto.name) { return }
    type.protocols.append(proto.name)
    newConformances.append((type, proto, l))
    try conformances(proto.inheritance, type, inExtension: true, at: l)
  }

  /// Gives the types that conformed in this cell the default implementations of earlier
  /// cells' protocol extensions.
  func applyEarlierDefaults() throws {
    for (type, proto, _) in newConformances {
      for block in proto.extensions { try applyDefaults(block, of: proto, to: type) }
    }
  }

  /// `extension Shape { func describe() -> String { ... } }`: default implementations for every
  /// type that conforms now or later.
  func defineProtocolExtension(_ e: ExtensionDeclSyntax, _ proto: UserProtocol) throws {
    if let w = e.genericWhereClause { throw unsupported("constrained protocol extensions", w) }
    if let a = e.attributes.first { throw unsupported("attributes", a) }
    if let clause = e.inheritanceClause {
      throw unsupported("conformances added to a protocol", clause)
    }
    try checkModifiers(e.modifiers)
    for member in e.memberBlock.members {
      if let v = member.decl.as(VariableDeclSyntax.self),
        v.bindings.contains(where: { $0.accessorBlock == nil })
      {
        throw EvalError("extensions must not contain stored properties", at: loc(v))
      }
    }
    replacedExtensions.append(proto)
    proto.extensions.append(e.memberBlock)
    for type in rt.userTypes.types.values.sorted(by: { $0.name < $1.name })
    where type.protocols.contains(proto.name) {
      try applyDefaults(e.memberBlock, of: proto, to: type)
    }
  }

  /// Defines on `type` the members of a protocol extension it does not have itself.
  func applyDefaults(_ block: MemberBlockSyntax, of proto: UserProtocol, to type: UserType) throws {
    let savedContext = typeContext
    let savedExtension = inExtension
    typeContext = TypeContext(type: type, selfScope: nil, isStatic: false)
    inExtension = true
    defer {
      typeContext = savedContext
      inExtension = savedExtension
    }
    for member in block.members {
      let decl = member.decl
      let (name, labels, isStatic) = try memberKey(decl)
      if has(type, name, labels, isStatic: isStatic) {
        // Swift calls a method that is not a requirement by the static type (the
        // extension's through a protocol value, the type's own otherwise): cells would call
        // the type's own either way
        let isRequirement = proto.requirements.contains {
          $0.name == name && ($0.kind == .property || $0.labels == labels)
        }
        if !isRequirement {
          throw unsupported(
            "'\(type.name)' declaring '\(name)' that an extension of protocol '\(proto.name)' also declares without it being a requirement (Swift chooses between them by the static type)",
            decl)
        }
        continue
      }
      if try !defineMember(decl, type) {
        throw unsupported("this member in a protocol extension", decl)
      }
    }
  }

  /// A member's name, argument labels and whether it is static.
  func memberKey(_ decl: DeclSyntax) throws -> (String, [String?], Bool) {
    func labels(_ list: FunctionParameterListSyntax) -> [String?] {
      list.map { $0.firstName.text == "_" ? nil : $0.firstName.text }
    }
    if let v = decl.as(VariableDeclSyntax.self) {
      guard v.bindings.count == 1, let binding = v.bindings.first,
        let id = binding.pattern.as(IdentifierPatternSyntax.self)
      else { throw unsupported("this property in a protocol extension", v) }
      let isStatic = v.modifiers.contains { $0.name.tokenKind == .keyword(.static) }
      return (id.identifier.text, [], isStatic)
    }
    if let fn = decl.as(FunctionDeclSyntax.self) {
      let isStatic = fn.modifiers.contains { $0.name.tokenKind == .keyword(.static) }
      return (fn.name.text, labels(fn.signature.parameterClause.parameters), isStatic)
    }
    if let i = decl.as(InitializerDeclSyntax.self) {
      return ("init", labels(i.signature.parameterClause.parameters), true)
    }
    if decl.is(SubscriptDeclSyntax.self) { return ("subscript", [], false) }
    throw unsupported("this member in a protocol extension", decl)
  }

  /// Whether `type` has a member of that name (and labels, for functions and initializers).
  func has(_ type: UserType, _ name: String, _ labels: [String?], isStatic: Bool) -> Bool {
    if name == "subscript" { return !type.subscripts.isEmpty }
    if name == "init" {
      let codes = type.initializers + (type.memberwise.map { [$0] } ?? [])
      return codes.contains { $0.params.map(\.label) == labels }
    }
    if isStatic {
      if type.staticStorage[name] != nil || type.staticComputed[name] != nil { return true }
      return type.native.staticFunctions[name]?.overloads.contains { $0.labels == labels } == true
    }
    if type.fieldIndex(name) != nil || type.computed[name] != nil { return true }
    return type.methodCodes[name]?.contains { $0.map(\.label) == labels } == true
  }

  /// Swift's error for a type that lacks some of a protocol's requirements, with a note per
  /// missing one, in the protocol's order.
  func checkNewConformances() throws {
    for (type, proto, l) in newConformances {
      var notes: [String] = []
      for r in proto.requirements {
        let typeText = Compiler.replacingSelf(r.typeText, with: type.name)
        var satisfied: Bool
        switch r.kind {
        case .initializer:
          satisfied = has(type, "init", r.labels, isStatic: true)
        case .function:
          satisfied = has(type, r.name, r.labels, isStatic: r.isStatic)
        case .property:
          satisfied = has(type, r.name, [], isStatic: r.isStatic)
          if satisfied && r.isSettable && !r.isStatic {
            let settable =
              type.fieldIndex(r.name).map { !type.fields[$0].isLet }
              ?? (type.setters[r.name] != nil)
            if !settable {
              notes.append("protocol requires property '\(r.name)' with type '\(typeText)'")
              notes.append("candidate is not settable, but protocol requires it")
              continue
            }
          }
        }
        if !satisfied {
          let what =
            r.kind == .property ? "property" : r.kind == .function ? "function" : "initializer"
          notes.append("protocol requires \(what) '\(r.displayName)' with type '\(typeText)'")
        }
      }
      if !notes.isEmpty {
        throw EvalError(
          "type '\(type.name)' does not conform to protocol '\(proto.name)'", at: l,
          notes: notes + ["add stubs for conformance"])
      }
    }
    newConformances = []
  }

  static func replacingSelf(_ text: String, with name: String) -> String {
    var out = ""
    var word = ""
    for ch in text + " " {
      if ch.isLetter || ch.isNumber || ch == "_" {
        word.append(ch)
      } else {
        out += word == "Self" ? name : word
        word = ""
        out.append(ch)
      }
    }
    return String(out.dropLast())
  }

  /// Whether a value of static type `have` can be a `proto`: nil when only the running code
  /// can tell.
  func conforms(_ have: VType?, to proto: UserProtocol) -> Bool? {
    guard let have, have != .any else { return nil }
    if case .native(let key) = have, let type = rt.userTypes.byKey[key] {
      return type.protocols.contains(proto.name)
    }
    return false
  }

  /// Undoes the protocol declarations and extensions of a cell that failed to compile.
  func restoreProtocols() {
    for (name, previous) in replacedProtocols.reversed() {
      rt.userTypes.protocols[name] = previous
    }
    replacedProtocols = []
    for proto in replacedExtensions.reversed() { proto.extensions.removeLast() }
    replacedExtensions = []
    for (type, proto, _) in newConformances { type.protocols.removeAll { $0 == proto.name } }
    newConformances = []
  }
}

extension Compiler {
  /// `struct P { ... }` inside a function or block: declared, defined and compiled where it
  /// stands, its name visible to the rest of the block (values keep the type afterwards).
  func declareLocalType(_ decl: DeclSyntax) throws {
    guard let header = TypeHeader(decl) else { return }
    let name = header.name.text
    let blockStart = localBlockStarts.last ?? 0
    if localTypeNames[min(blockStart, localTypeNames.count)...].contains(where: { $0.0 == name }) {
      throw EvalError("invalid redeclaration of '\(name)'", at: loc(header.name))
    }
    let previousEntries = rt.userTypes.types.filter {
      $0.key == name || $0.key.hasPrefix(name + ".")
    }
    localTypeNames.append((name, rt.userTypes.types[name]))
    for (key, _) in previousEntries where key != name { rt.userTypes.types[key] = nil }
    var pending: [PendingType] = []
    let deferredBefore = deferred.count
    let savedContext = typeContext
    typeContext = nil
    defer { typeContext = savedContext }
    try declareType(header, decl, parent: nil, root: decl.id, into: &pending)
    for p in pending { p.type.isLocal = true }
    for p in pending { try declareHeader(p) }
    let savedRoot = definingRoot
    for p in pending {
      definingRoot = p.root
      try defineType(p)
    }
    definingRoot = savedRoot
    for p in pending { try checkDescription(p.type) }
    try checkNewConformances()
    // the members' bodies now, while the type's name means this type
    let added = Array(deferred[deferredBefore...])
    deferred.removeSubrange(deferredBefore...)
    for d in added { try d() }
  }

  /// At the end of a block: its local types' names mean again what they meant before.
  func endLocalTypes(from count: Int) {
    while localTypeNames.count > count {
      let (name, previous) = localTypeNames.removeLast()
      rt.userTypes.removeType(name)
      rt.userTypes.types[name] = previous
    }
  }
}

extension Compiler {
  /// The value as the cell type or cell protocol `t` names when it is one (optionals looked
  /// through), else nil; nil for a type that is neither.
  func cellTypeTest(_ t: TypeSyntax) -> ((Value) -> Value?)? {
    var type: UserType?
    var proto: String?
    if let p = protocolNamed(by: t) {
      proto = p.name
    } else if case .native(let key) = try? resolveType(t), let user = rt.userTypes.byKey[key] {
      type = user
    } else {
      return nil
    }
    return { value in
      var v = value
      while case .optional(let wrapped) = v {
        guard let wrapped else { return nil }
        v = wrapped
      }
      guard case .record(let r) = v else { return nil }
      if let type { return r.type === type ? v : nil }
      return r.type.protocols.contains(proto!) ? v : nil
    }
  }

  /// `case is Circle` and `case let c as Circle` in a `switch` or `if case`.
  func cellTypePattern(_ p: PatternSyntax) -> ((Frame, Value) throws -> Bool)? {
    guard let i = p.as(IsTypePatternSyntax.self), let test = cellTypeTest(i.type) else {
      return nil
    }
    return { _, v in test(v) != nil }
  }

  func cellCastPattern(
    _ e: ExprSyntax, bindsByDefault: Bool, isLet: Bool,
    inner: (ExprSyntax) throws -> (Frame, Value) throws -> Bool
  ) throws -> ((Frame, Value) throws -> Bool)? {
    guard let a = e.as(AsExprSyntax.self), a.questionOrExclamationMark == nil,
      let test = cellTypeTest(a.type)
    else { return nil }
    let bind = try inner(a.expression)
    return { f, v in
      guard let m = test(v) else { return false }
      return try bind(f, m)
    }
  }

  /// `s as? Circle`, `s as! Circle`, `s is Circle` where the type is a cell type or a cell
  /// protocol (`s as? Shape`): tested on the value's own type when the code runs. Nil for
  /// other types (refused by the caller).
  func compileCellCast(
    _ expression: ExprSyntax, _ typeSyntax: TypeSyntax, mark: String, at node: some SyntaxProtocol
  ) throws -> CExpr? {
    let target: (UserType?, UserProtocol?)
    if let proto = protocolNamed(by: typeSyntax) {
      target = (nil, proto)
    } else if case .native(let key) = try? resolveType(typeSyntax),
      let type = rt.userTypes.byKey[key]
    {
      target = (type, nil)
    } else {
      return nil
    }
    let name = target.0?.name ?? target.1!.name
    let resultType: VType = target.0?.vtype ?? .any
    let inner = try compileExpr(expression).eval
    let l = loc(node)
    guard let matches = cellTypeTest(typeSyntax) else { return nil }
    switch mark {
    case "is":
      return CExpr({ f in .bool(matches(try inner(f)) != nil) }, type: .bool)
    case "!":
      return CExpr(
        { f in
          let v = try inner(f)
          guard let m = matches(v) else {
            throw EvalError("could not cast value of type '\(v.typeName)' to '\(name)'", at: l)
          }
          return m
        }, type: resultType)
    default:
      return CExpr(
        { f in matches(try inner(f)).map { .optional($0) } ?? .none },
        type: .optional(resultType))
    }
  }
}
