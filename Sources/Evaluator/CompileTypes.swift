import Foundation
import SwiftSyntax

/// The type whose members are being compiled, and the scope that holds `self`.
final class TypeContext {
  let type: UserType
  let selfScope: Scope?
  let isStatic: Bool
  /// An initializer: it may set the type's `let` properties.
  let isInitializer: Bool

  init(type: UserType, selfScope: Scope?, isStatic: Bool, isInitializer: Bool = false) {
    self.type = type
    self.selfScope = selfScope
    self.isStatic = isStatic
    self.isInitializer = isInitializer
  }
}

/// A type declaration of the cell being compiled, between its phases.
struct PendingType {
  var type: UserType
  var decl: DeclSyntax
  /// The cell's top-level declaration that holds it (itself, its outer type, an extension).
  var root: SyntaxIdentifier
}

/// What declaring a struct or enum needs from its syntax.
struct TypeHeader {
  var name: TokenSyntax
  var kind: UserType.Kind
  var members: MemberBlockItemListSyntax

  init?(_ decl: DeclSyntax) {
    if let s = decl.as(StructDeclSyntax.self) {
      name = s.name
      kind = .structure
      members = s.memberBlock.members
    } else if let e = decl.as(EnumDeclSyntax.self) {
      name = e.name
      kind = .enumeration
      members = e.memberBlock.members
    } else {
      return nil
    }
  }
}

extension Compiler {
  // MARK: - Declaring a cell's types

  /// The module name Swift gives a script: its file's name without the extension.
  var moduleName: String {
    var base = (rt.cellOrigin.file as NSString).lastPathComponent
    if let dot = base.lastIndex(of: "."), dot != base.startIndex {
      base = String(base[..<dot])
    }
    // a name that is not an identifier (`exam-key`, `2024`) makes Swift call the module `main`
    guard let first = base.first, first.isLetter || first == "_",
      base.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
    else { return "main" }
    return base
  }

  /// First phase: the names of the cell's structs and enums, nested ones included
  /// (`Outer.Kind`), so that any signature in the cell may mention them. A later cell's
  /// declaration of a name replaces the earlier one, whatever each declares (a type, a
  /// function, a variable); values made earlier keep the type they were made with, which is
  /// not the new type.
  func declareTypes(_ items: [CodeBlockItemSyntax]) throws -> [PendingType] {
    UserTypeScope.current = rt.userTypes
    var pendingTypes: [PendingType] = []
    for item in items {
      guard case .decl(let decl) = item.item, let header = TypeHeader(decl) else { continue }
      let name = header.name.text
      if declaredHere.contains(name) {
        throw EvalError("invalid redeclaration of '\(name)'", at: loc(header.name))
      }
      if rt.builtins.natives[name] != nil && rt.userTypes.byKey[name] == nil
        || ["Int", "Double", "Bool", "String", "Character", "Array", "Dictionary", "Set"].contains(
          name)
      {
        throw EvalError(
          "not supported in cells: declaring a type named '\(name)' (a library or standard type has that name)",
          at: loc(header.name))
      }
      declaredHere.insert(name)
      if let proto = rt.userTypes.protocols[name] {
        replacedProtocols.append((name, proto))
        rt.userTypes.protocols[name] = nil
      }
      if let global = rt.globals[name] {
        // a function or variable of that name: the type replaces it
        replacedGlobals.append((name, global))
        rt.globals[name] = nil
      }
      // the earlier type's nested types go with it
      for old in rt.userTypes.types.keys where old.hasPrefix(name + ".") {
        replaceType(old, with: nil)
      }
      try declareType(header, decl, parent: nil, root: decl.id, into: &pendingTypes)
    }
    // types nested in extensions (`extension Outer { enum Mode { ... } }`)
    for item in items {
      guard case .decl(let decl) = item.item, let e = decl.as(ExtensionDeclSyntax.self),
        let parent = extendedUserType(e.extendedType)
      else { continue }
      for member in e.memberBlock.members {
        guard let header = TypeHeader(member.decl) else { continue }
        try declareType(header, member.decl, parent: parent, root: decl.id, into: &pendingTypes)
      }
    }
    return pendingTypes
  }

  /// Registers one type and, depth first, the types nested in it (which come before it in
  /// `pendingTypes`).
  func declareType(
    _ header: TypeHeader, _ decl: DeclSyntax, parent: UserType?, root: SyntaxIdentifier,
    into pendingTypes: inout [PendingType]
  ) throws {
    let simple = header.name.text
    let name = parent.map { $0.name + "." + simple } ?? simple
    if parent != nil, pendingTypes.contains(where: { $0.type.name == name }) {
      throw EvalError("invalid redeclaration of '\(simple)'", at: loc(header.name))
    }
    let type = UserType(
      name: name, key: rt.userTypes.newKey(name), kind: header.kind, module: moduleName,
      parent: parent)
    type.nameLoc = loc(header.name)
    replaceType(name, with: type)
    rt.userTypes.byKey[type.key] = type
    rt.builtins.natives[type.key] = type.native
    for member in header.members {
      guard let nested = TypeHeader(member.decl) else { continue }
      try declareType(nested, member.decl, parent: type, root: root, into: &pendingTypes)
    }
    // after its nested types: their members are defined first, so the outer type's
    // properties may start as `Mode.fast` or `Inner()`
    pendingTypes.append(PendingType(type: type, decl: decl, root: root))
  }

  func replaceType(_ name: String, with type: UserType?) {
    replacedTypes.append((name, rt.userTypes.types[name]))
    rt.userTypes.types[name] = type
  }

  /// The cell type an extension extends (`Outer`, `Outer.Inner`), if a cell declared it.
  func extendedUserType(_ t: TypeSyntax) -> UserType? {
    if let id = t.as(IdentifierTypeSyntax.self), id.genericArgumentClause == nil {
      return rt.userTypes.types[id.name.text]
    }
    if let m = t.as(MemberTypeSyntax.self), m.genericArgumentClause == nil,
      let base = extendedUserType(m.baseType)
    {
      return rt.userTypes.types[base.name + "." + m.name.text]
    }
    return nil
  }

  /// Undoes the type declarations of a cell that failed to compile.
  func restoreTypes() {
    for (name, previous) in replacedTypes.reversed() {
      rt.userTypes.types[name] = previous
    }
    replacedTypes = []
    for (name, global) in replacedGlobals.reversed() {
      rt.globals[name] = global
    }
    replacedGlobals = []
  }

  /// Second phase: the header of a type. Generics and modifiers are refused, conformances
  /// recorded (before any member, so members may rely on each other's conformances).
  func declareHeader(_ pending: PendingType) throws {
    pending.type.runtime = rt
    if let s = pending.decl.as(StructDeclSyntax.self) {
      try checkTypeHeader(
        s.modifiers, s.attributes, s.genericParameterClause, s.genericWhereClause)
      try conformances(s.inheritanceClause, pending.type)
    } else if let e = pending.decl.as(EnumDeclSyntax.self) {
      try checkTypeHeader(
        e.modifiers, e.attributes, e.genericParameterClause, e.genericWhereClause,
        allowsIndirect: true)
      try conformances(e.inheritanceClause, pending.type)
      pending.type.isIndirect = e.modifiers.contains { $0.name.tokenKind == .keyword(.indirect) }
    }
  }

  /// Third phase: members, cases and signatures (bodies are compiled after the cell's
  /// statements, like top-level functions).
  func defineType(_ pending: PendingType) throws {
    if let s = pending.decl.as(StructDeclSyntax.self) {
      try defineMembers(s.memberBlock, pending.type)
      if pending.type.initializers.isEmpty { defineMemberwise(pending.type) }
      try checkComparable(pending.type)
    } else if let e = pending.decl.as(EnumDeclSyntax.self) {
      try defineMembers(e.memberBlock, pending.type)
      try finishEnum(e, pending.type)
    }
  }

  func checkTypeHeader(
    _ modifiers: DeclModifierListSyntax, _ attributes: AttributeListSyntax,
    _ generics: GenericParameterClauseSyntax?, _ whereClause: GenericWhereClauseSyntax?,
    allowsIndirect: Bool = false
  ) throws {
    if let g = generics { throw unsupported("generic types", g) }
    if let w = whereClause { throw unsupported("generic types", w) }
    if let a = attributes.first { throw unsupported("attributes", a) }
    // `indirect enum`: values are held by reference here anyway, so it changes nothing
    try checkModifiers(
      modifiers.filter { !(allowsIndirect && $0.name.tokenKind == .keyword(.indirect)) })
  }

  /// `: Equatable, Hashable`, `: String, CaseIterable`: the conformances Swift synthesizes.
  func conformances(
    _ clause: InheritanceClauseSyntax?, _ type: UserType, inExtension: Bool = false,
    at conformanceLoc: Loc? = nil
  ) throws {
    if type.kind == .enumeration && !inExtension {
      // Swift gives an enum without associated values `==` and hashing without a declaration
      type.isEquatable = true
      type.isHashable = true
    }
    guard let clause else { return }
    for (index, inherited) in clause.inheritedTypes.enumerated() {
      let name = inherited.type.trimmedDescription
      switch name {
      case "Equatable": type.isEquatable = true
      case "Hashable":
        type.isEquatable = true
        type.isHashable = true
      case "CaseIterable" where type.kind == .enumeration: type.isCaseIterable = true
      case "Comparable":
        // checked once the members are known (`checkComparable`)
        type.isEquatable = true
        type.isComparable = true
      case "CustomStringConvertible": type.isCustomStringConvertible = true
      case "Int", "String", "Double", "Character":
        guard type.kind == .enumeration && index == 0 else { fallthrough }
        type.rawType = try resolveType(inherited.type)
      case _ where cellProtocol(named: name) != nil:
        // swiftc reports a missing requirement at the type's name, or at the extension
        var at = conformanceLoc ?? type.nameLoc
        if conformanceLoc == nil, let e = clause.parent?.as(ExtensionDeclSyntax.self) {
          at = loc(e.extensionKeyword)
        }
        try recordConformance(type, to: cellProtocol(named: name)!, at: at)
      default:
        throw unsupported(
          "conformance to '\(name)' (cell types may declare Equatable, Hashable, Comparable (enums), CaseIterable, CustomStringConvertible and an enum's raw type)",
          inherited)
      }
    }
  }

  func defineMembers(_ block: MemberBlockSyntax, _ type: UserType) throws {
    // signatures may say `Self`
    let savedContext = typeContext
    typeContext = TypeContext(type: type, selfScope: nil, isStatic: false)
    defer { typeContext = savedContext }
    for member in block.members {
      let decl = member.decl
      if try defineMember(decl, type) {
        continue
      } else if let c = decl.as(EnumCaseDeclSyntax.self) {
        try defineCases(c, type)
      } else {
        let what: String
        switch decl.kind {
        case .structDecl, .enumDecl: continue  // declared on their own (`declareTypes`)
        case .classDecl: what = "class declarations"
        case .protocolDecl: what = "protocol declarations"
        case .actorDecl: what = "actors"
        case .typeAliasDecl: what = "typealias declarations"
        case .deinitializerDecl: what = "deinitializers"
        default: what = "this member"
        }
        throw unsupported(what, decl)
      }
    }
  }

  /// Defines a property, method, initializer or subscript of `type`; false for other members.
  func defineMember(_ decl: DeclSyntax, _ type: UserType) throws -> Bool {
    if let v = decl.as(VariableDeclSyntax.self) {
      try defineProperty(v, type)
    } else if let fn = decl.as(FunctionDeclSyntax.self) {
      try defineMethod(fn, type)
    } else if let i = decl.as(InitializerDeclSyntax.self) {
      try defineInitializer(i, type)
    } else if let s = decl.as(SubscriptDeclSyntax.self) {
      try defineSubscript(s, type)
    } else {
      return false
    }
    return true
  }

  /// Splits `static` and `mutating` off a member's modifiers, refusing the rest.
  func memberModifiers(_ modifiers: DeclModifierListSyntax, allowsFixity: Bool = false) throws
    -> (
      isStatic: Bool, isMutating: Bool
    )
  {
    let fixity: [TokenKind] = allowsFixity ? [.keyword(.prefix), .keyword(.postfix)] : []
    var isStatic = false
    var isMutating = false
    for m in modifiers {
      switch m.name.tokenKind {
      case .keyword(.static): isStatic = true
      case .keyword(.mutating): isMutating = true
      default: continue
      }
    }
    try checkModifiers(
      modifiers.filter {
        !([.keyword(.static), .keyword(.mutating)] + fixity).contains($0.name.tokenKind)
      })
    return (isStatic, isMutating)
  }

  // MARK: - Properties

  func defineProperty(_ v: VariableDeclSyntax, _ type: UserType) throws {
    let (isStatic, isMutating) = try memberModifiers(v.modifiers)
    if isMutating { throw unsupported("'mutating' on a property", v) }
    if let a = v.attributes.first { throw unsupported("attributes", a) }
    let isLet = v.bindingSpecifier.tokenKind == .keyword(.let)
    for binding in v.bindings {
      guard let id = binding.pattern.as(IdentifierPatternSyntax.self) else {
        throw unsupported("this pattern in a property", binding.pattern)
      }
      let name = id.identifier.text
      if type.hasInstanceMember(name) || type.staticStorage[name] != nil
        || type.staticComputed[name] != nil
      {
        throw EvalError("invalid redeclaration of '\(name)'", at: loc(id))
      }
      let declared = try binding.typeAnnotation.map { try resolveType($0.type) }
      var observers: [AccessorDeclSyntax] = []
      if let accessors = binding.accessorBlock {
        guard case .accessors(let list) = accessors.accessors,
          list.contains(where: {
            [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind)
          })
        else {
          try defineComputed(name, declared, accessors, isStatic: isStatic, type, at: id)
          continue
        }
        // a stored property with `willSet`/`didSet`
        if isLet {
          throw EvalError("'let' declarations cannot be observing properties", at: loc(accessors))
        }
        let kinds = list.map(\.accessorSpecifier.tokenKind)
        if kinds.contains(.keyword(.get)) || kinds.contains(.keyword(.set)),
          let observer = list.first(where: {
            [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind)
          })
        {
          let other = kinds.contains(.keyword(.get)) ? "getter" : "setter"
          throw EvalError(
            "'\(observer.accessorSpecifier.text)' cannot be provided together with a \(other)",
            at: loc(observer))
        }
        if isStatic { throw unsupported("observers of static properties", accessors) }
        observers = Array(list)
      }
      if isStatic {
        if !isLet { type.staticVars.insert(name) }
        guard let initializer = binding.initializer else {
          throw EvalError(
            "'static let' declaration requires an initializer expression", at: loc(id))
        }
        let box = Box(.void)
        type.staticStorage[name] = box
        let value = initializer.value
        let context = TypeContext(type: type, selfScope: nil, isStatic: true)
        guard let root = definingRoot else {
          throw EvalError("internal: a static property outside a declaration", at: loc(id))
        }
        staticInitializers[root, default: []].append { [unowned self] in
          let get = try self.standalone(value, expected: declared, context: context)
          let typeName = type.name
          let l = self.loc(id)
          return { _ in
            let v = try get()
            if case .void = v {
              throw EvalError("'\(typeName).\(name)' is used before it is defined", at: l)
            }
            box.value = v
            return .next
          }
        }
        continue
      }
      if type.kind == .enumeration {
        throw EvalError("enums must not contain stored properties", at: loc(id))
      }
      if inExtension {
        throw EvalError("extensions must not contain stored properties", at: loc(id))
      }
      var fieldType = declared
      var initial: (() throws -> Value)?
      if let initializer = binding.initializer {
        let value = initializer.value
        let context = TypeContext(type: type, selfScope: nil, isStatic: true)
        if fieldType == nil, let literal = Compiler.literalType(value) {
          // `var xs = [1, 2]`: the type Swift gives the literal
          fieldType = literal
        }
        if fieldType == nil, let made = madeUserType(value) {
          // `var kind = Kind()`: the type is known without compiling the value, which may
          // call a type whose members are defined later in the cell
          fieldType = made
        }
        if fieldType == nil {
          // the type of `var count = 0`: compiled now, evaluated on each initialization
          let c = try standaloneExpr(value, expected: nil, context: context)
          guard let t = c.type, t != .any else {
            throw EvalError(
              "cannot infer the type of stored property '\(name)'; write its type ('var \(name): Double = ...')",
              at: loc(id))
          }
          fieldType = t
          initial = c.run
        } else {
          let holder = InitialHolder()
          initial = { try holder.run() }
          let expected = fieldType
          deferred.append { [unowned self] in
            holder.run = try self.standalone(value, expected: expected, context: context)
          }
        }
      }
      guard let fieldType else {
        throw EvalError("type annotation missing in pattern", at: loc(id))
      }
      if fieldType == type.vtype || fieldType == .optional(type.vtype) {
        throw EvalError(
          "value type '\(type.name)' cannot have a stored property that recursively contains it",
          at: loc(id))
      }
      type.fields.append(
        UserType.Field(name: name, type: fieldType, isLet: isLet, initial: initial))
      if !observers.isEmpty {
        try defineObservers(observers, field: type.fields.count - 1, fieldType, type)
      }
    }
  }

  /// `willSet { ... }` (with `newValue`) and `didSet { ... }` (with `oldValue`) of a stored
  /// property: run as mutating members around each store outside the type's initializers.
  func defineObservers(
    _ accessors: [AccessorDeclSyntax], field: Int, _ fieldType: VType, _ type: UserType
  ) throws {
    var observers = UserType.Observers()
    for accessor in accessors {
      guard let body = accessor.body else {
        throw EvalError("expected '{' in body of observer", at: loc(accessor))
      }
      let isWillSet = accessor.accessorSpecifier.tokenKind == .keyword(.willSet)
      let parameter = accessor.parameters?.name.text ?? (isWillSet ? "newValue" : "oldValue")
      let code = FunctionCode(name: accessor.accessorSpecifier.text, loc: loc(accessor), in: rt)
      code.returnType = .void
      code.params = [Param(label: nil, name: parameter, type: fieldType)]
      if isWillSet { observers.willSet = code } else { observers.didSet = code }
      let context = TypeContext(type: type, selfScope: nil, isStatic: false)
      deferred.append { [unowned self] in
        try self.compileMember(
          code, context: context, isMutating: true, params: nil, body: body.statements)
      }
    }
    type.observers[field] = observers
  }

  /// The getter's statements and the setter, if any, of a computed property or subscript
  /// (`what` names it in the error when the getter is missing); other accessors are refused.
  func getterAndSetter(
    _ block: AccessorBlockSyntax, of what: String
  ) throws -> (CodeBlockItemListSyntax, AccessorDeclSyntax?) {
    switch block.accessors {
    case .getter(let items): return (items, nil)
    case .accessors(let list):
      for accessor in list {
        switch accessor.accessorSpecifier.tokenKind {
        case .keyword(.get), .keyword(.set): continue
        default: throw unsupported("'\(accessor.accessorSpecifier.text)' accessors", accessor)
        }
      }
      guard let getter = list.first(where: { $0.accessorSpecifier.tokenKind == .keyword(.get) }),
        let body = getter.body
      else {
        throw EvalError("\(what) must have a getter", at: loc(block))
      }
      if let a = getter.effectSpecifiers { throw unsupported("effectful getters", a) }
      return (body.statements, list.first { $0.accessorSpecifier.tokenKind == .keyword(.set) })
    }
  }

  func defineComputed(
    _ name: String, _ declared: VType?, _ accessors: AccessorBlockSyntax, isStatic: Bool,
    _ type: UserType, at node: some SyntaxProtocol
  ) throws {
    // (observers go to `defineObservers`)
    guard let declared else {
      throw EvalError("computed property must have an explicit type", at: loc(node))
    }
    let (body, setter) = try getterAndSetter(accessors, of: "computed property")
    let code = FunctionCode(name: name, loc: loc(node), in: rt)
    code.returnType = declared
    if isStatic {
      if setter != nil { throw unsupported("setters of static computed properties", setter!) }
      type.staticComputed[name] = code
    } else {
      type.computed[name] = code
    }
    let context = TypeContext(type: type, selfScope: nil, isStatic: isStatic)
    let closing = accessors.rightBrace
    deferred.append { [unowned self] in
      try self.compileMember(code, context: context, isMutating: false, params: nil, body: body)
      if !Compiler.isSingleExpression(body) && !Compiler.alwaysExits(body) {
        throw EvalError(
          "missing return in getter expected to return '\(declared.name)'", at: self.loc(closing))
      }
    }
    if let setter { try defineSetter(name, declared, setter, type) }
  }

  /// `set { ... }` or `set(v) { ... }` of a computed property: a mutating method of one
  /// parameter (`newValue` unless named).
  func defineSetter(
    _ name: String, _ declared: VType, _ setter: AccessorDeclSyntax, _ type: UserType
  ) throws {
    guard let body = setter.body else {
      throw EvalError("expected '{' in body of setter", at: loc(setter))
    }
    if let m = setter.modifier { throw unsupported("'\(m.name.text)' setters", m) }
    let parameter = setter.parameters?.name.text ?? "newValue"
    let code = FunctionCode(name: name, loc: loc(setter), in: rt)
    code.returnType = .void
    code.params = [Param(label: nil, name: parameter, type: declared)]
    type.setters[name] = code
    let context = TypeContext(type: type, selfScope: nil, isStatic: false)
    deferred.append { [unowned self] in
      try self.compileMember(
        code, context: context, isMutating: true, params: nil, body: body.statements)
    }
  }

  // MARK: - Methods

  func defineMethod(_ fn: FunctionDeclSyntax, _ type: UserType) throws {
    let (isStatic, isMutating) = try memberModifiers(fn.modifiers, allowsFixity: true)
    if isStatic && isMutating { throw unsupported("'mutating' on a static method", fn) }
    if case .binaryOperator = fn.name.tokenKind {
      try defineOperator(fn, type, isStatic: isStatic)
      return
    }
    if let m = fn.modifiers.first(where: {
      [.keyword(.prefix), .keyword(.postfix)].contains($0.name.tokenKind)
    }) {
      throw unsupported("'\(m.name.text)' modifiers", m)
    }
    let code = try functionSignature(fn)
    let name = code.name
    guard let body = fn.body else {
      throw EvalError("expected '{' in body of function declaration", at: loc(fn))
    }
    if type.fieldIndex(name) != nil || type.computed[name] != nil {
      throw EvalError("invalid redeclaration of '\(name)'", at: loc(fn.name))
    }
    let labels = code.params.map(\.label)
    let existing = isStatic ? nil : type.native.methods[name]
    if existing?.overloads.contains(where: { $0.labels == labels }) == true
      || (isStatic && type.native.staticFunctions[name] != nil)
    {
      throw EvalError("invalid redeclaration of '\(code.signature)'", at: loc(fn.name))
    }
    let required = (code.params.lastIndex { $0.defaultValue == nil && !$0.hasDefault } ?? -1) + 1
    let context = TypeContext(type: type, selfScope: nil, isStatic: isStatic)
    let params = fn.signature.parameterClause.parameters
    let generics = genericSignatures[fn.id]
    deferred.append { [unowned self] in
      try self.withGenerics(generics) {
        if generics != nil {
          try self.refuseLiteralsOfGenericType(body, returnType: fn.signature.returnClause?.type)
        }
        try self.compileMember(
          code, context: context, isMutating: isMutating, params: params, body: body.statements)
        try self.checkMissingReturn(
          body, code, kind: isStatic ? "static method" : "instance method")
        self.addArgumentChecks(
          generics, code, params, kind: isStatic ? "static method" : "instance method")
      }
    }
    if isStatic {
      let overload = staticOverload(code, labels: labels, required: required)
      let existing = type.native.staticFunctions[name]?.overloads ?? []
      type.native.staticFunctions[name] = NativeFunction(
        name, throwing: code.isThrowing, existing + [overload])
      type.staticResults[name] = code.returnType
      type.staticCodes[name] = code
      return
    }
    let overload = MethodOverload(labels: labels, required: required, throwing: code.isThrowing) {
      receiver, reader in
      // the reader's runtime is the one running the call (reading the weak reference these
      // tables would need costs more than the rest of the call's bookkeeping)
      let box = Box(receiver)
      let result = try reader.rt.invoke(code, capturingSelf: box, reader.args, at: .unknown).0
      if isMutating { receiver = box.value }
      return result
    }
    type.methodCodes[name, default: []].append(code.params)
    var method =
      type.native.methods[name]
      ?? Method(name: name, overloads: [], mutating: isMutating, throwing: code.isThrowing)
    method.overloads.append(overload)
    method.mutating = method.mutating || isMutating
    type.native.methods[name] = method
    if isMutating { type.mutatingMethods.insert(name) }
  }

  func staticOverload(_ code: FunctionCode, labels: [String?], required: Int) -> Overload {
    let weakRuntime = WeakRuntime(rt)
    var overload = Overload(labels, required: required) { reader in
      guard let rt = weakRuntime.runtime else { return .void }
      return try rt.invoke(Closure(code: code, captured: []), reader.args, at: .unknown).0
    }
    overload.throwing = code.isThrowing
    return overload
  }

  /// Compiles a method, computed property or initializer body, with `self` as its first
  /// capture (a `let` unless the member is `mutating` or an initializer).
  func compileMember(
    _ code: FunctionCode, context: TypeContext, isMutating: Bool,
    params: FunctionParameterListSyntax?, body: CodeBlockItemListSyntax
  ) throws {
    let ctx = FunctionContext(parent: function, code: code)
    ctx.returnType = code.returnType
    var top = scope
    while let parent = top.parent { top = parent }
    let selfScope = Scope(parent: top, function: ctx)
    var selfSlot: Int?
    if !context.isStatic {
      let slot = ctx.newSlot()
      selfSlot = slot
      selfScope.vars["self"] = VarInfo(
        name: "self", isLet: !isMutating, type: context.type.vtype, storage: .local(slot))
    }
    let savedContext = typeContext
    typeContext = TypeContext(
      type: context.type, selfScope: selfScope, isStatic: context.isStatic,
      isInitializer: context.isInitializer)
    defer { typeContext = savedContext }
    try compileFunctionBody(ctx, outer: selfScope, code: code, params: params) {
      try self.compileItems(body)
    } implicitReturn: {
      // one expression, or one if/switch of single expressions, is the result
      code.returnType != .void ? Compiler.implicitResult(body) : nil
    }
    if !ctx.captures.isEmpty {
      throw EvalError("internal: a member of '\(context.type.name)' captured a local", at: code.loc)
    }
    if let selfSlot { code.captureSlots = [selfSlot] }
  }

  // MARK: - Initializers

  func defineInitializer(_ i: InitializerDeclSyntax, _ type: UserType) throws {
    _ = try memberModifiers(i.modifiers)
    if let q = i.optionalMark, q.tokenKind != .postfixQuestionMark {
      throw unsupported("implicitly unwrapped failable initializers (use 'init?')", q)
    }
    if let g = i.genericParameterClause { throw unsupported("generic initializers", g) }
    guard let body = i.body else {
      throw EvalError("initializer requires a body", at: loc(i))
    }
    let code = FunctionCode(name: "init", loc: loc(i.initKeyword), in: rt)
    code.isThrowing = i.signature.effectSpecifiers?.throwsClause != nil
    // `init?`: its `return nil` is the call's result
    code.returnType = i.optionalMark != nil ? .optional(type.vtype) : .void
    code.params = try parameters(i.signature.parameterClause.parameters)
    type.initializers.append(code)
    let context = TypeContext(type: type, selfScope: nil, isStatic: false, isInitializer: true)
    let params = i.signature.parameterClause.parameters
    deferred.append { [unowned self] in
      try self.compileMember(
        code, context: context, isMutating: true, params: params, body: body.statements)
    }
  }

  /// Swift's memberwise initializer: every stored property in order, except a `let` with an
  /// initial value; a `var` with one may be left out.
  func defineMemberwise(_ type: UserType) {
    let code = FunctionCode(name: "init", loc: .unknown, in: rt)
    var slots: [Int?] = []
    for field in type.fields {
      if field.isLet && field.initial != nil {
        slots.append(nil)
        continue
      }
      var p = Param(label: field.name, name: field.name, type: field.type)
      p.slot = code.params.count
      if let initial = field.initial {
        p.defaultValue = CExpr({ _ in try initial() }, type: field.type)
      }
      slots.append(p.slot)
      code.params.append(p)
    }
    code.frameSize = code.params.count
    code.returnType = type.vtype
    let fields = type.fields
    code.body = { f in
      var values: [Value] = []
      values.reserveCapacity(fields.count)
      for (field, slot) in zip(fields, slots) {
        if let slot {
          values.append(f.slots[slot].value)
        } else {
          values.append(try field.initial!())
        }
      }
      f.returnValue = .record(RecordValue(type: type, tag: 0, fields: values))
      return .returned
    }
    type.memberwise = code
  }

  /// `Point(x: 1, y: 2)`, `Grade(rawValue: "P")`: a call of a cell type's initializer.
  func userTypeCall(
    _ type: UserType, _ args: [CArg], _ evalArgs: @escaping (Frame) throws -> [Arg], at l: Loc
  ) throws -> CExpr {
    let shape = args.map { Arg(label: $0.label, value: .void, trailing: $0.trailing) }
    let rt = self.rt
    if type.kind == .enumeration {
      if type.rawType != nil, shape.count == 1, shape[0].label == "rawValue",
        type.initializers.isEmpty
      {
        var made = CExpr { f in
          let a = try evalArgs(f)[0]
          let raw = try coerce(
            a.value, asDouble: a.asDouble, to: type.rawType!, context: .argument
          ).get(at: a.loc)
          guard let index = type.cases.firstIndex(where: { $0.rawValue == raw }) else {
            return .none
          }
          return .optional(.record(RecordValue(type: type, tag: index, fields: [])))
        }
        // (typed, so that `E(rawValue: 9) ?? .low` finds `.low` in `E`)
        made.type = .optional(type.vtype)
        return made
      }
      if type.initializers.isEmpty {
        throw EvalError(
          "'\(type.name)' cannot be constructed because it has no accessible initializers", at: l)
      }
    }
    // initializers in an extension keep the memberwise one, as in Swift
    let candidates = (type.memberwise.map { [$0] } ?? []) + type.initializers
    if candidates.isEmpty {
      throw EvalError(
        "'\(type.name)' cannot be constructed because it has no accessible initializers", at: l)
    }
    guard let code = candidates.first(where: { Compiler.accepts($0.params, shape) }) else {
      if candidates.count == 1 {
        let params = candidates[0].params
        if shape.count > params.count, let label = shape[params.count].label {
          throw EvalError(
            "extra argument '\(label)' in call", at: args[params.count].loc,
            notes: ["accepted: \(candidates[0].signature)"])
        }
        let have = shape.map { ($0.label ?? "_") + ":" }.joined()
        let expected = params.map { ($0.label ?? "_") + ":" }.joined()
        if shape.count == params.count {
          throw EvalError(
            "incorrect argument labels in call (have '\(have)', expected '\(expected)')", at: l,
            notes: ["accepted: \(candidates[0].signature)"])
        }
        throw rt.callMismatch(candidates[0], shape, at: l)
      }
      throw rt.labelMismatch(type.name, candidates.map { $0.signature }, shape, at: l)
    }
    try checkHandled(throwing: code.isThrowing, at: l)
    if code === type.memberwise {
      return CExpr(
        { f in try rt.invoke(Closure(code: code, captured: []), try evalArgs(f), at: l).0 },
        type: type.vtype)
    }
    let fields = type.fields
    let failable = code.returnType != .void
    let made = { (f: Frame) throws -> Value in
      let argv = try evalArgs(f)
      var initial: [Value] = []
      for field in fields { initial.append(try field.initial?() ?? .void) }
      let box = Box(
        type.kind == .structure
          ? .record(RecordValue(type: type, tag: -1, fields: initial)) : .void
      )
      let result = try rt.invoke(Closure(code: code, captured: [box]), argv, at: l).0
      if failable, case .optional(nil) = result { return .none }
      switch box.value {
      case .record(var r) where type.kind == .structure:
        if r.fields.contains(where: { if case .void = $0 { return true } else { return false } }) {
          throw EvalError(
            "return from initializer without initializing all stored properties", at: code.loc)
        }
        r.tag = 0
        return failable ? .optional(.record(r)) : .record(r)
      case .record:
        return failable ? .optional(box.value) : box.value
      default:
        throw EvalError(
          "'self' used before 'self.init' call or assignment to 'self'", at: code.loc)
      }
    }
    return CExpr(made, type: failable ? .optional(type.vtype) : type.vtype)
  }

  /// Whether arguments with these labels fit the parameters (a defaulted one may be left out).
  static func accepts(_ params: [Param], _ args: [Arg]) -> Bool {
    var next = 0
    for p in params {
      if next < args.count && (args[next].label == p.label || args[next].trailing) {
        next += 1
      } else if p.defaultValue == nil && !p.hasDefault {
        return false
      }
    }
    return next == args.count
  }

  // MARK: - Enums

  func defineCases(_ c: EnumCaseDeclSyntax, _ type: UserType) throws {
    if type.kind != .enumeration || inExtension {
      throw EvalError("enum 'case' is not allowed outside of an enum", at: loc(c))
    }
    var isIndirect = false
    for m in c.modifiers {
      guard m.name.tokenKind == .keyword(.indirect) else {
        throw unsupported("'\(m.name.text)' modifiers", m)
      }
      isIndirect = true
      if let plain = c.elements.first(where: { $0.parameterClause == nil }) {
        throw EvalError(
          "enum case '\(plain.name.text)' without associated value cannot be 'indirect'", at: loc(m)
        )
      }
    }
    if let a = c.attributes.first { throw unsupported("attributes", a) }
    for element in c.elements {
      let name = element.name.text
      if type.caseIndex(name) != nil {
        throw EvalError("invalid redeclaration of '\(name)'", at: loc(element.name))
      }
      var labels: [String?] = []
      var types: [VType] = []
      if let clause = element.parameterClause {
        for p in clause.parameters {
          if let d = p.defaultValue { throw unsupported("default values of associated values", d) }
          labels.append(p.firstName.map { $0.text == "_" ? nil : $0.text } ?? nil)
          types.append(try resolveType(p.type))
        }
      }
      var raw: Value?
      if let r = element.rawValue {
        guard let rawType = type.rawType else {
          throw EvalError(
            "enum case cannot have a raw value if the enum does not have a raw type",
            at: loc(r.value))
        }
        var literal = r.value
        if let p = literal.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
          literal = p.expression
        }
        guard
          literal.is(StringLiteralExprSyntax.self) || literal.is(IntegerLiteralExprSyntax.self)
            || literal.is(FloatLiteralExprSyntax.self)
        else {
          throw EvalError("raw value for enum case must be a literal", at: loc(r.value))
        }
        // a literal: its value is known without running anything
        let c = try compileExpr(r.value, expected: rawType)
        guard let constant = c.constant ?? (try? c.eval(Frame(size: 1))),
          let converted = conform(constant, to: rawType)
            ?? c.asDouble.flatMap({ try? $0(Frame(size: 1)) }).flatMap({ conform($0, to: rawType) })
        else {
          let from =
            literal.is(StringLiteralExprSyntax.self)
            ? "String" : literal.is(FloatLiteralExprSyntax.self) ? "Double" : "Int"
          throw EvalError(
            "cannot convert value of type '\(from)' to raw type '\(rawType.name)'", at: loc(r.value)
          )
        }
        raw = converted
      }
      if !isIndirect && !type.isIndirect
        && types.contains(where: { Compiler.mentions($0, type.key) })
      {
        throw EvalError("recursive enum '\(type.name)' is not marked 'indirect'", at: type.nameLoc)
      }
      if !types.isEmpty && type.rawType != nil {
        throw EvalError("enum with raw type cannot have cases with arguments", at: loc(element))
      }
      type.cases.append(UserType.Case(name: name, labels: labels, types: types, rawValue: raw))
      caseLocations.append(loc(element))
    }
  }

  /// Raw values by Swift's rules, `allCases`, the constructors of cases with payloads.
  func finishEnum(_ e: EnumDeclSyntax, _ type: UserType) throws {
    let declared = e.inheritanceClause?.inheritedTypes.map { $0.type.trimmedDescription } ?? []
    if type.hasPayloads {
      // synthesized only when declared, for enums with associated values
      type.isEquatable =
        declared.contains("Equatable") || declared.contains("Hashable")
        || declared.contains("Comparable")
      type.isHashable = declared.contains("Hashable")
      if type.isCaseIterable {
        throw EvalError(
          "type '\(type.name)' does not conform to protocol 'CaseIterable'", at: loc(e.name))
      }
    }
    if let rawType = type.rawType {
      var previous: Value?
      var seen: [Value: String] = [:]
      for i in type.cases.indices {
        if type.cases[i].rawValue == nil {
          switch rawType {
          case .int:
            if case .int(let p)? = previous {
              type.cases[i].rawValue = .int(p + 1)
            } else if previous == nil {
              type.cases[i].rawValue = .int(0)
            }
          case .string: type.cases[i].rawValue = .string(type.cases[i].name)
          case .double:
            if case .double(let p)? = previous, p == p.rounded() {
              type.cases[i].rawValue = .double(p + 1)
            } else if previous == nil {
              type.cases[i].rawValue = .double(0)
            }
          default: break
          }
          guard type.cases[i].rawValue != nil else {
            throw EvalError(
              "enum case must declare a raw value when the preceding raw value is not an integer",
              at: i < caseLocations.count ? caseLocations[i] : loc(e.name))
          }
        }
        let raw = type.cases[i].rawValue!
        if seen[raw] != nil {
          throw EvalError(
            "raw value for enum case is not unique",
            at: i < caseLocations.count ? caseLocations[i] : loc(e.name))
        }
        seen[raw] = type.cases[i].name
        previous = raw
      }
    }
    caseLocations = []
    try checkComparable(type)
    for (index, c) in type.cases.enumerated() where !c.types.isEmpty {
      let types = c.types
      let name = c.name
      var overload = Overload(c.labels) { reader in
        var values: [Value] = []
        for (i, t) in types.enumerated() {
          let a = try reader.arg(i)
          values.append(
            try coerce(a.value, asDouble: a.asDouble, to: t, context: .argument).get(
              at: a.loc.isUnknown ? reader.callLocation : a.loc))
        }
        return .record(RecordValue(type: type, tag: index, fields: values))
      }
      overload.throwing = false
      type.native.staticFunctions[name] = NativeFunction(name, [overload])
      type.staticResults[name] = type.vtype
    }
    if type.isCaseIterable {
      let all = Value.array(
        ArrayValue(
          elementType: type.vtype,
          items: type.cases.indices.map { .record(RecordValue(type: type, tag: $0, fields: [])) }))
      type.native.staticValues["allCases"] = { all }
    }
    for (index, c) in type.cases.enumerated() where c.types.isEmpty {
      let value = Value.record(RecordValue(type: type, tag: index, fields: []))
      type.native.staticValues[c.name] = { value }
    }
  }

  // MARK: - Expressions outside any function

  /// Compiles an expression evaluated on its own (a property's initial value, a `static let`).
  func standaloneExpr(_ e: ExprSyntax, expected: VType?, context: TypeContext) throws
    -> StandaloneExpr
  {
    let code = FunctionCode(name: "initial value", loc: loc(e), in: rt)
    let ctx = FunctionContext(parent: function, code: code)
    let savedScope = scope
    let savedFunction = function
    let savedContext = typeContext
    var top = scope
    while let parent = top.parent { top = parent }
    function = ctx
    scope = Scope(parent: top, function: ctx)
    typeContext = context
    defer {
      scope = savedScope
      function = savedFunction
      typeContext = savedContext
    }
    var c = try compileExpr(e, expected: expected)
    if let expected, expected != .any {
      let inner = c.eval
      let d = c.asDouble
      let l = loc(e)
      c = CExpr(
        { f in
          try coerce(try inner(f), asDouble: try d?(f), to: expected, context: .annotation).get(
            at: l)
        }, type: expected)
    }
    let eval = c.eval
    let size = { ctx.slotCount }
    return StandaloneExpr(run: { try eval(Frame(size: size())) }, type: c.type)
  }

  func standalone(_ e: ExprSyntax, expected: VType?, context: TypeContext) throws
    -> () throws -> Value
  {
    try standaloneExpr(e, expected: expected, context: context).run
  }

  // MARK: - Names inside a type's members

  /// In a member of a type, a bare name no local declares that names a member of the type:
  /// `x` for `self.x`. Returns the `self` variable to read it through.
  func implicitSelf(_ name: String) -> VarInfo? {
    guard let context = typeContext, !context.isStatic, let selfScope = context.selfScope else {
      return nil
    }
    var s: Scope? = scope
    while let current = s {
      if current.vars[name] != nil { return nil }
      if current === selfScope { break }
      s = current.parent
    }
    guard s != nil, context.type.hasInstanceMember(name) else { return nil }
    return resolve("self")
  }

  /// In a static member, a bare name of another static member of the type.
  func implicitStatic(_ name: String) -> UserType? {
    guard let context = typeContext, context.isStatic else { return nil }
    var s: Scope? = scope
    while let current = s {
      if current.vars[name] != nil { return nil }
      s = current.parent
    }
    let type = context.type
    if type.staticStorage[name] != nil || type.native.staticFunctions[name] != nil
      || type.native.staticValues[name] != nil || type.staticComputed[name] != nil
    {
      return type
    }
    return nil
  }

  /// `x` read inside a method: `self.x`.
  func implicitSelfRead(_ selfInfo: VarInfo, _ name: String, at node: some SyntaxProtocol) -> CExpr
  {
    let get = read(selfInfo, at: node)
    let rt = self.rt
    let l = loc(node)
    if let type = typeContext?.type, type.kind == .structure, let index = type.fieldIndex(name),
      !(typeContext?.isInitializer ?? false)
    {
      // a stored property of `self`: its slot is known here (`self` always has this type)
      var c = CExpr { f in
        guard case .record(let r) = try get(f), index < r.fields.count else {
          throw EvalError("internal: 'self' is not a '\(type.name)'", at: l)
        }
        return r.fields[index]
      }
      c.type = type.fields[index].type
      return c
    }
    var c = CExpr { f in try rt.builtins.property(try get(f), name, at: l) }
    c.type = memberType(typeContext?.type, name)
    return c
  }

  /// `x` as a place inside a method (`x = 1`, `x += 1`, `items.append(v)`).
  func implicitSelfPlace(_ selfInfo: VarInfo, _ name: String, at node: some SyntaxProtocol)
    -> LValue
  {
    let rt = self.rt
    let l = loc(node)
    let get = read(selfInfo, at: node)
    guard case .local(let slot) = selfInfo.storage else {
      return LValue(
        get: get, modify: { _, _ in .void }, set: { _, _, _ in }, immutable: "'self' is immutable")
    }
    var modify: (Frame, (inout Value) throws -> Value) throws -> Value = { f, body in
      let box = f.slots[slot]
      var v = box.value
      box.value = .void
      defer { box.value = v }
      return try rt.builtins.propertyModify(&v, name, at: l, body)
    }
    if let type = typeContext?.type, type.kind == .structure, let index = type.fieldIndex(name),
      !type.fields[index].isLet, !(typeContext?.isInitializer ?? false),
      type.observers[index] == nil
    {
      // a `var` of `self` in a method: changed in place at its known index
      let general = modify
      modify = { f, body in
        let box = f.slots[slot]
        guard case .record(var r) = box.value, r.type === type, index < r.fields.count else {
          return try general(f, body)
        }
        box.value = .void
        defer { box.value = .record(r) }
        return try body(&r.fields[index])
      }
    }
    return LValue(
      get: { f in try rt.builtins.property(try get(f), name, at: l) },
      modify: modify,
      set: { f, v, d in
        _ = try modify(f) { element in
          element = try Compiler.checkedStore(element, v, d, declared: nil, at: l)
          return .void
        }
      }, immutable: selfInfo.isLet ? "'self' is immutable" : fixedMember(typeContext?.type, name),
      staticType: memberType(typeContext?.type, name))
  }

  /// `area()` or `move(by: 1)` called bare inside a method.
  func implicitSelfCall(
    _ selfInfo: VarInfo, _ name: String, _ evalArgs: @escaping (Frame) throws -> [Arg], at l: Loc
  ) throws -> CExpr {
    let rt = self.rt
    let inTry = self.inTry
    guard case .local(let slot) = selfInfo.storage else {
      throw EvalError("internal: 'self' is not a local", at: l)
    }
    if let type = typeContext?.type, type.mutatingMethods.contains(name), selfInfo.isLet {
      throw EvalError("cannot use mutating member on immutable value: 'self' is immutable", at: l)
    }
    let refusal = throwingRefusal(start: l)
    if let refusal, let method = typeContext?.type.native.methods[name], method.throwing {
      throw refusal
    }
    return CExpr { f in
      let box = f.slots[slot]
      let method = try rt.builtins.method(box.value, name, at: l)
      let argv = try evalArgs(f)
      if let refusal, rt.throws(method, argv) { throw refusal }
      if method.mutating {
        var v = box.value
        box.value = .void
        defer { box.value = v }
        return try rt.run(method, &v, argv, at: l, inTry: inTry)
      }
      var v = box.value
      return try rt.run(method, &v, argv, at: l, inTry: inTry)
    }
  }

  /// Why a property of a cell type cannot be assigned (a `let`, outside an initializer of
  /// its type; a computed property), or nil.
  func fixedMember(_ type: UserType?, _ name: String, inInitializer: Bool? = nil) -> String? {
    guard let type else { return nil }
    if let i = type.fieldIndex(name), type.fields[i].isLet {
      let initializing =
        inInitializer ?? (typeContext?.isInitializer == true && typeContext?.type === type)
      return initializing ? nil : "'\(name)' is a 'let' constant"
    }
    if type.computed[name] != nil && type.setters[name] == nil
      || (name == "rawValue" && type.rawType != nil)
    {
      return "'\(name)' is a get-only property"
    }
    return nil
  }

  func fixedMember(of baseType: VType?, _ name: String, base: ExprSyntax) -> String? {
    guard case .native(let typeName)? = baseType, let type = rt.userTypes.byKey[typeName] else {
      return nil
    }
    // `self.x = ...` in an initializer sets a `let` once
    let isSelf = base.as(DeclReferenceExprSyntax.self)?.baseName.tokenKind == .keyword(.self)
    let initializing = isSelf && typeContext?.isInitializer == true && typeContext?.type === type
    return fixedMember(type, name, inInitializer: initializing)
  }

  /// The declared type of a stored or computed property, when known.
  func memberType(_ type: UserType?, _ name: String) -> VType? {
    guard let type else { return nil }
    if let i = type.fieldIndex(name) { return type.fields[i].type }
    if let code = type.computed[name] { return code.returnType }
    if name == "rawValue" { return type.rawType }
    return nil
  }

  /// The static type of `base.name` when `base` has a cell type.
  func memberType(of baseType: VType?, _ name: String) -> VType? {
    guard case .native(let typeName)? = baseType, let type = rt.userTypes.byKey[typeName] else {
      return nil
    }
    return memberType(type, name)
  }

  /// `Point.origin`, `Color.red`, `.red` where a `Color` is wanted: a static member of a cell
  /// type, read when the code runs (a `static let` gets its value when its declaration runs).
  func userStaticMember(_ type: UserType, _ name: String, at node: some SyntaxProtocol) -> CExpr? {
    if let code = type.staticComputed[name] {
      let rt = self.rt
      let l = loc(node)
      return CExpr(
        { _ in try rt.invoke(Closure(code: code, captured: []), [], at: l).0 },
        type: code.returnType)
    }
    if let box = type.staticStorage[name] {
      let l = loc(node)
      let typeName = type.name
      return CExpr(
        { _ in
          if case .void = box.value {
            throw EvalError("'\(typeName).\(name)' is used before it is defined", at: l)
          }
          return box.value
        }, type: nil)
    }
    if let v = type.staticValue(name) {
      var c = CExpr.constant(v)
      c.type = type.vtype
      return c
    }
    if name == "init", let c = try? initializerValue(type, at: node) { return c }
    return nil
  }

  /// `Point.init` as a function value (`xs.map(Point.init)`): each initializer, called with
  /// its arguments in order and without labels, as Swift passes them to a function value; a
  /// tuple argument is spread over an initializer of several parameters
  /// (`zip(a, b).map(Pair.init)`).
  func initializerValue(_ type: UserType, at node: some SyntaxProtocol) throws -> CExpr? {
    let candidates = (type.memberwise.map { [$0] } ?? []) + type.initializers
    let counts = candidates.map(\.params.count)
    if candidates.isEmpty || Set(counts).count != counts.count { return nil }
    let l = loc(node)
    var overloads: [Overload] = []
    for code in candidates {
      let pending = PendingArguments()
      let shape = code.params.map { CArg(label: $0.label, expr: .constant(.void), loc: l) }
      let made = try userTypeCall(type, shape, { _ in pending.args }, at: l).eval
      let params = code.params
      let call: ([Value]) throws -> Value = { values in
        pending.args = zip(params, values).map { Arg(label: $0.label, value: $1) }
        return try made(Frame(size: 0))
      }
      overloads.append(
        Overload(Array(repeating: nil, count: params.count)) { reader in
          try call((0..<params.count).map { try reader.value($0) })
        })
      if params.count > 1 {
        overloads.append(
          Overload([nil]) { reader in
            let value = try reader.value(0)
            guard case .tuple(let t) = value, t.items.count == params.count else {
              throw EvalError(
                "cannot convert value of type '\(value.typeName)' to expected argument type '\(type.name)'",
                at: l)
            }
            return try call(t.items)
          })
      }
    }
    var c = CExpr.constant(.function(NativeFunction("init", overloads)))
    if candidates.count == 1 {
      c.type = .function(candidates[0].params.map { $0.type ?? .any }, type.vtype)
    }
    return c
  }

  /// The cell type an implicit member (`.red`) takes from its context, if any.
  func userTypeForImplicit(_ expected: VType?) -> UserType? {
    switch expected {
    case .optional(let w)?: return userTypeForImplicit(w)
    case .native(let name)?: return rt.userTypes.byKey[name]
    default: return nil
    }
  }

  // MARK: - Patterns and switch

  /// `.circle(let r)`, `Shape.dot`, `let .rect(w, h)`: an enum case pattern, or nil when `e`
  /// is not one.
  func enumCasePattern(_ e: ExprSyntax, bindsByDefault: Bool, isLet: Bool) throws -> (
    (Frame, Value) throws -> Bool
  )? {
    var callee = e
    var arguments: LabeledExprListSyntax?
    if let call = e.as(FunctionCallExprSyntax.self) {
      callee = call.calledExpression
      arguments = call.arguments
    }
    guard let m = callee.as(MemberAccessExprSyntax.self) else { return nil }
    let name = m.declName.baseName.text
    var explicitType: UserType?
    if let base = m.base {
      // `Shape.dot`, `Self.dot`, `Outer.Kind.a`
      var named: UserType?
      if let ref = base.as(DeclReferenceExprSyntax.self) {
        if resolve(ref.baseName.text) == nil { named = userTypeNamed(ref.baseName.text) }
      } else if let nested = nestedTypeName(base) {
        named = rt.userTypes.types[nested]
      }
      guard let t = named, t.kind == .enumeration else { return nil }
      explicitType = t
      guard t.caseIndex(name) != nil else {
        throw EvalError("type '\(t.name)' has no member '\(name)'", at: loc(m.declName))
      }
    } else if ["some", "none"].contains(name) {
      return nil
    } else if !rt.userTypes.types.values.contains(where: { $0.caseIndex(name) != nil }) {
      return nil
    }
    var parts: [(Frame, Value) throws -> Bool] = []
    if let arguments {
      for a in arguments {
        parts.append(
          try expressionPattern(a.expression, bindsByDefault: bindsByDefault, isLet: isLet))
      }
    }
    let l = loc(m.declName)
    let argumentsLoc = e.as(FunctionCallExprSyntax.self)?.leftParen.map { loc($0) } ?? l
    let hasArguments = arguments != nil
    return { f, value in
      var v = value
      // `.green` against an optional subject means `.some(.green)`, as in Swift
      while case .optional(let wrapped) = v {
        guard let wrapped else { return false }
        v = wrapped
      }
      guard case .record(let r) = v, r.type.kind == .enumeration else { return false }
      if let explicitType, explicitType !== r.type { return false }
      guard r.tag >= 0, r.tag < r.type.cases.count, r.type.cases[r.tag].name == name else {
        if r.type.caseIndex(name) == nil {
          throw EvalError("type '\(r.type.name)' has no member '\(name)'", at: l)
        }
        return false
      }
      if !hasArguments { return true }
      var payload = r.fields
      if parts.count == 1 && payload.count > 1 {
        // `.rect(let size)` binds all associated values as one tuple
        payload = [.tuple(TupleValue(labels: r.type.cases[r.tag].labels, items: payload))]
      }
      guard payload.count == parts.count else {
        if payload.count == 1 {
          throw EvalError(
            "tuple pattern cannot match values of the non-tuple type '\(payload[0].typeName)'",
            at: argumentsLoc)
        }
        throw EvalError(
          "tuple pattern has the wrong length for tuple type with \(payload.count) elements",
          at: argumentsLoc)
      }
      for (part, item) in zip(parts, payload) where !(try part(f, item)) { return false }
      return true
    }
  }

  /// Where Swift reports a refused assignment: at the property's name for `p.x = 1`.
  func assignmentLoc(_ lhs: ExprSyntax) -> Loc {
    if let m = lhs.as(MemberAccessExprSyntax.self) { return loc(m.declName) }
    return loc(lhs)
  }

  /// Whether an assignment to `lhs` is an assignment to a property (Swift's messages say so).
  func assignsProperty(_ lhs: ExprSyntax) -> Bool {
    if lhs.is(MemberAccessExprSyntax.self) { return true }
    if let ref = lhs.as(DeclReferenceExprSyntax.self) {
      return implicitSelf(ref.baseName.text) != nil
    }
    return false
  }
}

/// An expression compiled to run on its own, with its static type.
struct StandaloneExpr {
  var run: () throws -> Value
  var type: VType?
}

/// The arguments of a call of `Point.init` used as a function value, handed to the compiled
/// initializer call.
final class PendingArguments {
  var args: [Arg] = []
}

/// Holds a property's initial value, compiled after the cell's statements.
final class InitialHolder {
  var run: () throws -> Value = { .void }
}

/// The runtime, held weakly by member tables (the runtime's builtins hold the tables).
final class WeakRuntime {
  weak var runtime: Runtime?
  init(_ runtime: Runtime) { self.runtime = runtime }
}

extension Compiler {
  /// `.word("hi")` where the context's type is known only when the code runs (an element of
  /// an array literal, an argument): the one cell type with a case or static function of that
  /// name. Nil when none or several have one.
  func userTypeOwning(_ name: String, expected: VType?) -> UserType? {
    let owners = rt.userTypes.types.values.filter { $0.native.staticFunctions[name] != nil }
    return owners.count == 1 ? owners.first : nil
  }
}

extension Compiler {
  /// `extension Point { ... }` for a type declared in a cell (this one or an earlier one):
  /// methods, computed properties, static members, initializers (which keep the memberwise
  /// one) and the conformances a type may declare.
  func defineExtension(_ e: ExtensionDeclSyntax) throws {
    guard let type = extendedUserType(e.extendedType) else {
      throw unsupported("extensions of types not declared in a cell", e.extendedType)
    }
    if let w = e.genericWhereClause { throw unsupported("generic extensions", w) }
    if let a = e.attributes.first { throw unsupported("attributes", a) }
    try checkModifiers(e.modifiers)
    if let clause = e.inheritanceClause {
      // an enum's raw type belongs in its declaration
      for inherited in clause.inheritedTypes
      where ["Int", "String", "Double", "Character"].contains(inherited.type.trimmedDescription) {
        throw unsupported("raw types in an extension", inherited)
      }
      try conformances(clause, type, inExtension: true)
      if type.isCaseIterable && type.kind == .enumeration {
        if type.hasPayloads {
          throw EvalError(
            "type '\(type.name)' does not conform to protocol 'CaseIterable'", at: loc(clause))
        }
        let all = Value.array(
          ArrayValue(
            elementType: type.vtype,
            items: type.cases.indices.map { .record(RecordValue(type: type, tag: $0, fields: [])) }
          ))
        type.native.staticValues["allCases"] = { all }
      }
    }
    inExtension = true
    defer { inExtension = false }
    try defineMembers(e.memberBlock, type)
    try checkComparable(type)
  }
}

extension Compiler {
  /// Swift's error for a cell type used as a dictionary key or set element without declaring
  /// `Hashable`.
  func requireHashable(_ key: VType, at node: some SyntaxProtocol) throws {
    if case .native(let name) = key, let type = rt.userTypes.byKey[name], !type.isHashable {
      throw EvalError("type '\(name)' does not conform to protocol 'Hashable'", at: loc(node))
    }
  }
}

extension Compiler {
  /// Whether `type` holds a value of the type named `name` directly (not inside a collection,
  /// which holds its elements out of line).
  static func mentions(_ type: VType, _ name: String) -> Bool {
    switch type {
    case .native(let n): return n == name
    case .optional(let w): return mentions(w, name)
    case .tuple(_, let items): return items.contains { mentions($0, name) }
    default: return false
    }
  }
}

extension Compiler {
  /// `[Token.number(1), .word("a")]` has the type `[Token]` before it runs, so `.number(1)`
  /// compared with one of its elements finds its type (kept to cell types: other element
  /// types are settled when the array is built).
  func userArrayType(_ elements: [CExpr]) -> VType? {
    guard let first = elements.first?.type, userTypeForImplicit(first) != nil,
      elements.allSatisfy({ $0.type == first || $0.type == nil })
    else { return nil }
    // `[Light.red, .green, nil]` is a `[Light?]`
    if elements.contains(where: \.needsContext) { return .array(.optional(first)) }
    return .array(first)
  }

  /// `tokens[0]`: an element of an array of a cell type, when the index is one value.
  func userElementType(_ container: VType?, _ args: [CArg]) -> VType? {
    guard args.count == 1, args[0].label == nil else { return nil }
    switch container {
    case .array(let element)? where userTypeForImplicit(element) != nil:
      if args[0].expr.type == .int || args[0].expr.asDouble != nil { return element }
      return nil
    case .dictionary(_, let value)? where userTypeForImplicit(value) != nil:
      return .optional(value)
    default: return nil
    }
  }
}

extension Compiler {
  /// `.circle(radius: 1)`: a call of a member whose type comes from the context.
  static func isImplicitMemberCall(_ e: ExprSyntax) -> Bool {
    guard let call = e.as(FunctionCallExprSyntax.self) else { return false }
    return call.calledExpression.as(MemberAccessExprSyntax.self)?.base == nil
      && call.calledExpression.is(MemberAccessExprSyntax.self)
  }
}

extension Compiler {
  /// The parameter types the arguments of `call` take when it calls a cell type's initializer,
  /// case or static function, or a cell function: `Expr.add(.number(1), .number(2))`,
  /// `Point(x: 1, y: 2)` (the literals are Doubles). Nil for other calls.
  func userArgumentHints(_ call: FunctionCallExprSyntax, expected: VType?) -> [VType?]? {
    var candidates: [[Param]] = []
    let callee = call.calledExpression
    if let ref = callee.as(DeclReferenceExprSyntax.self) {
      let name = ref.baseName.text
      if implicitSelf(name) != nil, let type = typeContext?.type {
        candidates = type.methodCodes[name] ?? []
      } else if let type = implicitStatic(name) {
        candidates = staticParameters(type, name)
      } else if let info = resolve(name) {
        guard let code = info.function else { return nil }
        candidates = [code.params]
      } else if let type = userTypeNamed(name) {
        candidates = ((type.memberwise.map { [$0] } ?? []) + type.initializers).map(\.params)
        if let raw = type.rawType {
          candidates.append([Param(label: "rawValue", name: "rawValue", type: raw)])
        }
      }
    } else if let m = callee.as(MemberAccessExprSyntax.self) {
      let name = m.declName.baseName.text
      var type: UserType?
      if let base = m.base {
        if let ref = base.as(DeclReferenceExprSyntax.self) {
          let baseName = ref.baseName.text
          if let info = resolve(baseName) {
            // `shape.scaled(by: .half)`: a method of a variable whose type is a cell type
            if let receiver = userTypeForImplicit(info.type) {
              candidates = receiver.methodCodes[name] ?? []
            }
          } else {
            type = userTypeNamed(baseName)
          }
        }
      } else {
        type = userTypeForImplicit(expected) ?? userTypeOwning(name, expected: expected)
      }
      if let type { candidates = staticParameters(type, name) }
    }
    guard !candidates.isEmpty else { return nil }
    let shape = call.arguments.map { Arg(label: $0.label?.text, value: .void) }
    guard let params = candidates.first(where: { Compiler.accepts($0, shape) }) else {
      return nil
    }
    var hints: [VType?] = []
    var next = 0
    for p in params where next < shape.count {
      if shape[next].label == p.label {
        hints.append(p.type)
        next += 1
      }
    }
    return hints.count == shape.count ? hints : nil
  }

  func staticParameters(_ type: UserType, _ name: String) -> [[Param]] {
    if let i = type.caseIndex(name), !type.cases[i].types.isEmpty {
      let c = type.cases[i]
      return [
        zip(c.labels, c.types).map { Param(label: $0.0, name: $0.0 ?? "_", type: $0.1) }
      ]
    }
    if let code = type.staticCodes[name] { return [code.params] }
    return []
  }
}

extension Compiler {
  /// A cell type by name; `Self` inside a type's members is that type, and a bare name there
  /// may be a type nested in it or in a type around it (`Kind` for `Outer.Kind`).
  func userTypeNamed(_ name: String) -> UserType? {
    if name == "Self" { return typeContext?.type }
    var around = typeContext?.type
    while let outer = around {
      if let nested = rt.userTypes.types[outer.name + "." + name] { return nested }
      around = outer.parent
    }
    return rt.userTypes.types[name]
  }

  /// `Outer.Kind` written as an expression (the base of `Outer.Kind.a`): the nested cell
  /// type's name, or nil when `e` does not name one.
  func nestedTypeName(_ e: ExprSyntax) -> String? {
    guard let m = e.as(MemberAccessExprSyntax.self), let base = m.base,
      m.declName.argumentNames == nil
    else { return nil }
    let outer: UserType?
    if let ref = base.as(DeclReferenceExprSyntax.self) {
      let name = ref.baseName.text
      outer = name == "Self" || resolve(name) == nil ? userTypeNamed(name) : nil
    } else {
      outer = nestedTypeName(base).flatMap { rt.userTypes.types[$0] }
    }
    guard let outer else { return nil }
    let full = outer.name + "." + m.declName.baseName.text
    return rt.userTypes.types[full] != nil ? full : nil
  }

  /// `Outer.Kind` written as a type, or nil when it names no nested cell type.
  func resolveMemberType(_ t: MemberTypeSyntax) throws -> VType {
    if let g = t.genericArgumentClause { throw unsupported("generic types", g) }
    let outer: UserType?
    if let id = t.baseType.as(IdentifierTypeSyntax.self), id.genericArgumentClause == nil {
      outer = userTypeNamed(id.name.text)
    } else if let m = t.baseType.as(MemberTypeSyntax.self) {
      guard case .native(let key) = try resolveMemberType(m) else { return .any }
      outer = rt.userTypes.byKey[key]
    } else {
      outer = nil
    }
    guard let outer else {
      if case .native(let key) = try resolveType(t.baseType), rt.userTypes.byKey[key] == nil {
        throw unsupported("member types of library types", t)
      }
      throw unsupported("this type", t)
    }
    guard let nested = rt.userTypes.types[outer.name + "." + t.name.text] else {
      throw EvalError(
        "'\(t.name.text)' is not a member type of '\(outer.name)'", at: loc(t.name))
    }
    return nested.vtype
  }
}

extension Compiler {
  /// Swift's error for a `mutating` method of a cell type called on a constant, before the
  /// cell runs when the receiver's type is known.
  func checkMutatingUse(_ baseType: VType?, _ name: String, _ target: LValue?, at l: Loc) throws {
    guard case .native(let typeName)? = baseType, let type = rt.userTypes.byKey[typeName],
      type.mutatingMethods.contains(name), let reason = target?.immutable
    else { return }
    throw EvalError("cannot use mutating member on immutable value: \(reason)", at: l)
  }
}

extension Compiler {
  /// A type declared `CustomStringConvertible` must have `var description: String`.
  func checkDescription(_ type: UserType) throws {
    guard type.isCustomStringConvertible else { return }
    if type.computed["description"]?.returnType != .string {
      throw EvalError(
        "type '\(type.name)' does not conform to protocol 'CustomStringConvertible'",
        at: type.nameLoc)
    }
  }
}

extension Compiler {
  /// `self.init(x: 0)` in an initializer of a cell type: another initializer makes `self`.
  func delegatingInit(
    _ base: ExprSyntax, _ args: [CArg], _ evalArgs: @escaping (Frame) throws -> [Arg], at l: Loc
  ) throws -> CExpr? {
    guard base.as(DeclReferenceExprSyntax.self)?.baseName.tokenKind == .keyword(.self),
      let context = typeContext, context.isInitializer, let selfInfo = resolve("self"),
      case .local(let slot) = selfInfo.storage
    else { return nil }
    let make = try userTypeCall(context.type, args, evalArgs, at: l).eval
    return CExpr { f in
      f.slots[slot].value = try make(f)
      return .void
    }
  }
}

extension Compiler {
  /// `counts[.north]`: a dictionary keyed by a cell type gives `.north` its type.
  func userKeyHints(_ container: VType?) -> [VType?]? {
    guard case .dictionary(let key, _)? = container, userTypeForImplicit(key) != nil else {
      return nil
    }
    return [key]
  }
}

extension Compiler {
  /// `Counter.total` (or `Self.total`) as a place: a `static var` of a cell type, or a
  /// `static let` (which refuses to change). Nil when `base` names no cell type.
  func staticPlace(_ base: ExprSyntax, _ member: DeclReferenceExprSyntax) throws -> LValue? {
    guard let typeName = staticBaseName(base), let type = userTypeNamed(typeName) else {
      return nil
    }
    let name = member.baseName.text
    guard let box = type.staticStorage[name] else {
      if type.staticComputed[name] != nil {
        throw EvalError(
          "cannot assign to property: '\(name)' is a get-only property", at: loc(member))
      }
      if type.staticValue(name) != nil || type.native.staticFunctions[name] != nil {
        throw EvalError("cannot assign to property: '\(name)' is a 'let' constant", at: loc(member))
      }
      throw unknownStatic(type.vtype, name, at: member)
    }
    return staticPlace(type, name, box, at: member)
  }

  func staticPlace(_ type: UserType, _ name: String, _ box: Box, at node: some SyntaxProtocol)
    -> LValue
  {
    let l = loc(node)
    let typeName = type.name
    let read: (Box) throws -> Value = { box in
      if case .void = box.value {
        throw EvalError("'\(typeName).\(name)' is used before it is defined", at: l)
      }
      return box.value
    }
    return LValue(
      get: { _ in try read(box) },
      modify: { _, body in
        var v = try read(box)
        box.value = .void
        defer { box.value = v }
        return try body(&v)
      },
      set: { _, v, d in
        box.value = try Compiler.checkedStore(try read(box), v, d, declared: nil, at: l)
      },
      immutable: type.staticVars.contains(name) ? nil : "'\(name)' is a 'let' constant",
      staticType: nil)
  }
}

extension Compiler {
  /// The cell type of a value of static type `type` when it can be called (`f(3)` calls its
  /// `callAsFunction`).
  func callableUserType(_ type: VType?) -> UserType? {
    guard let user = userTypeForImplicit(type), type == user.vtype,
      user.native.methods["callAsFunction"] != nil
    else { return nil }
    return user
  }
}

extension Compiler {
  /// The cell type `e` makes, when its syntax says so: a call of a struct's initializer
  /// (`Kind()`, `Outer.Inner(x: 1)`).
  func madeUserType(_ e: ExprSyntax) -> VType? {
    if let call = e.as(FunctionCallExprSyntax.self), call.trailingClosure == nil {
      let callee = call.calledExpression
      var type: UserType?
      if let ref = callee.as(DeclReferenceExprSyntax.self), resolve(ref.baseName.text) == nil {
        type = userTypeNamed(ref.baseName.text)
      } else if let nested = nestedTypeName(callee) {
        type = rt.userTypes.types[nested]
      }
      // an `init?` would make an optional: left to the compiled value
      guard let type, type.kind == .structure else { return nil }
      return type.vtype
    }
    return nil
  }
}

extension Compiler {
  /// Swift synthesizes `Comparable` for an enum without a raw type whose associated values
  /// are all Comparable: cases compare in declaration order, then by associated values.
  func checkComparable(_ type: UserType) throws {
    // a `static func <` of the type's own is its order
    guard type.isComparable, type.operators["<"] == nil else { return }
    let refusal = "type '\(type.name)' does not conform to protocol 'Comparable'"
    if type.kind == .structure {
      throw EvalError(
        refusal, at: type.nameLoc,
        notes: ["automatic synthesis of 'Comparable' is not supported for struct declarations"])
    }
    if let raw = type.rawType {
      throw EvalError(
        refusal, at: type.nameLoc,
        notes: [
          "enum declares raw type '\(raw.name)', preventing synthesized conformance of '\(type.name)' to 'Comparable'"
        ])
    }
    for c in type.cases {
      for t in c.types where !isComparable(t) {
        throw EvalError(
          refusal, at: type.nameLoc,
          notes: [
            "associated value type '\(t.name)' does not conform to protocol 'Comparable', preventing synthesized conformance of '\(type.name)' to 'Comparable'"
          ])
      }
    }
  }

  func isComparable(_ t: VType) -> Bool {
    switch t {
    case .int, .double, .string, .character: return true
    case .native(let key): return rt.userTypes.byKey[key]?.isComparable ?? false
    default: return false
    }
  }
}

extension Compiler {
  /// `subscript(i: Int) -> Double { get { ... } set { ... } }`: `m[i]` and `m[i] = v`. A
  /// subscript's parameters have no argument label unless written (`subscript(row r: Int)`).
  func defineSubscript(_ sub: SubscriptDeclSyntax, _ type: UserType) throws {
    let (isStatic, isMutating) = try memberModifiers(sub.modifiers)
    if isStatic { throw unsupported("static subscripts", sub) }
    if isMutating { throw unsupported("'mutating' on a subscript", sub) }
    if let g = sub.genericParameterClause { throw unsupported("generic subscripts", g) }
    if let a = sub.attributes.first { throw unsupported("attributes", a) }
    let resultType = try resolveType(sub.returnClause.type)
    var params = try parameters(sub.parameterClause.parameters)
    for (i, p) in sub.parameterClause.parameters.enumerated() {
      params[i].label = p.secondName != nil && p.firstName.text != "_" ? p.firstName.text : nil
      if params[i].isInout { throw unsupported("inout subscript parameters", p) }
    }
    let labels = params.map(\.label)
    if type.subscripts.contains(where: { $0.getter.params.map(\.label) == labels }) {
      throw EvalError(
        "invalid redeclaration of 'subscript(\(labels.map { ($0 ?? "_") + ":" }.joined()))'",
        at: loc(sub.subscriptKeyword))
    }
    guard let accessorBlock = sub.accessorBlock else {
      throw EvalError(
        "expected '{' in subscript to specify getter and setter implementation", at: loc(sub))
    }
    let (getterBody, setter) = try getterAndSetter(accessorBlock, of: "subscript")
    let getter = FunctionCode(name: "subscript", loc: loc(sub.subscriptKeyword), in: rt)
    getter.returnType = resultType
    getter.params = params
    let context = TypeContext(type: type, selfScope: nil, isStatic: false)
    let parameterList = sub.parameterClause.parameters
    let closing = accessorBlock.rightBrace
    let body = getterBody
    deferred.append { [unowned self] in
      try self.compileMember(
        getter, context: context, isMutating: false, params: parameterList, body: body)
      if !Compiler.isSingleExpression(body) && !Compiler.alwaysExits(body) {
        throw EvalError(
          "missing return in subscript expected to return '\(resultType.name)'",
          at: self.loc(closing))
      }
    }
    var setterCode: FunctionCode?
    if let setter {
      guard let setterBody = setter.body else {
        throw EvalError("expected '{' in body of setter", at: loc(setter))
      }
      let code = FunctionCode(name: "subscript", loc: loc(setter), in: rt)
      code.returnType = .void
      code.params =
        params + [
          Param(label: nil, name: setter.parameters?.name.text ?? "newValue", type: resultType)
        ]
      setterCode = code
      deferred.append { [unowned self] in
        try self.compileMember(
          code, context: context, isMutating: true, params: parameterList,
          body: setterBody.statements)
      }
    }
    type.subscripts.append(UserType.Subscript(getter: getter, setter: setterCode))
  }
}

extension Compiler {
  /// The type Swift gives a literal standing alone: `1` Int, `1.5` Double, `"a"` String,
  /// `true` Bool, `[1, 2.5]` [Double], `["a": 1]` [String: Int]; nil for anything else (an
  /// empty collection literal needs a type).
  static func literalType(_ e: ExprSyntax) -> VType? {
    if e.is(IntegerLiteralExprSyntax.self) { return .int }
    if e.is(FloatLiteralExprSyntax.self) { return .double }
    if e.is(BooleanLiteralExprSyntax.self) { return .bool }
    if let s = e.as(StringLiteralExprSyntax.self) {
      // interpolations may hold anything, but the literal is still a String
      _ = s
      return .string
    }
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      let inner = literalType(p.expression)
      return inner == .int || inner == .double ? inner : nil
    }
    if let a = e.as(ArrayExprSyntax.self) {
      guard let element = commonLiteralType(a.elements.map(\.expression)) else { return nil }
      return .array(element)
    }
    if let d = e.as(DictionaryExprSyntax.self), case .elements(let list) = d.content {
      guard let key = commonLiteralType(list.map(\.key)),
        let value = commonLiteralType(list.map(\.value))
      else { return nil }
      return .dictionary(key, value)
    }
    return nil
  }

  /// The one type of literals (Int and Double together make Double), or nil.
  static func commonLiteralType(_ items: [ExprSyntax]) -> VType? {
    var common: VType?
    for item in items {
      guard let t = literalType(item) else { return nil }
      switch (common, t) {
      case (nil, _): common = t
      case (let c?, _) where c == t: break
      case (.int?, .double), (.double?, .int): common = .double
      default: return nil
      }
    }
    return common
  }
}

extension Compiler {
  /// `static func + (a: Vec, b: Vec) -> Vec` in a cell type: `a + b` (also `==` and `<`,
  /// which then decide equality and order) when an operand has the type.
  func defineOperator(_ fn: FunctionDeclSyntax, _ type: UserType, isStatic: Bool) throws {
    let op = fn.name.text
    guard isStatic else {
      throw EvalError(
        "operator '\(op)' declared in type '\(type.name)' must be 'static'", at: loc(fn.name))
    }
    if let g = fn.genericParameterClause { throw unsupported("generic functions", g) }
    if let e = fn.signature.effectSpecifiers?.asyncSpecifier {
      throw unsupported("async functions", e)
    }
    if let a = fn.attributes.first { throw unsupported("attributes", a) }
    guard let body = fn.body else {
      throw EvalError("expected '{' in body of function declaration", at: loc(fn))
    }
    let code = FunctionCode(name: op, loc: loc(fn), in: rt)
    code.isThrowing = fn.signature.effectSpecifiers?.throwsClause != nil
    code.returnType = try fn.signature.returnClause.map { try resolveType($0.type) } ?? .void
    code.params = try parameters(fn.signature.parameterClause.parameters)
    let isPrefix = fn.modifiers.contains { $0.name.tokenKind == .keyword(.prefix) }
    if fn.modifiers.contains(where: { $0.name.tokenKind == .keyword(.postfix) }) {
      throw unsupported("postfix operator functions", fn.name)
    }
    if isPrefix {
      guard op == "-", code.params.count == 1 else {
        throw unsupported("prefix operator functions other than '-'", fn.name)
      }
      guard code.params[0].type == type.vtype else {
        throw unsupported("a prefix '-' whose operand is not the type's own", fn.signature)
      }
      if code.params[0].isInout { throw unsupported("'inout' prefix operators", fn.name) }
      type.operators["prefix -", default: []] = [code]
      compileOperatorLater(code, fn, body, type)
      return
    }
    guard code.params.count == 2 else {
      throw unsupported("unary operator functions", fn.signature.parameterClause)
    }
    let isCompound =
      op.hasSuffix("=") && !["==", "!=", "<=", ">=", "===", "!=="].contains(op)
      && code.params[0].isInout && !code.params[1].isInout && code.params[0].type == type.vtype
      && code.returnType == .void
    if !isCompound, code.params.contains(where: \.isInout) {
      throw unsupported(
        "'inout' parameters of operator functions other than a compound assignment's first ('static func += (lhs: inout T, rhs: U)')",
        fn.name)
    }
    if code.isThrowing { throw unsupported("throwing operator functions", fn.name) }
    if ["==", "<"].contains(op) && code.returnType != .bool {
      throw unsupported("'\(op)' that does not return Bool", fn.name)
    }
    type.operators[op, default: []].append(code)
    compileOperatorLater(code, fn, body, type)
  }

  /// Compiles an operator function's body once every member of its type is declared.
  private func compileOperatorLater(
    _ code: FunctionCode, _ fn: FunctionDeclSyntax, _ body: CodeBlockSyntax, _ type: UserType
  ) {
    let context = TypeContext(type: type, selfScope: nil, isStatic: true)
    let params = fn.signature.parameterClause.parameters
    deferred.append { [unowned self] in
      try self.compileMember(
        code, context: context, isMutating: false, params: params, body: body.statements)
      try self.checkMissingReturn(body, code, kind: "operator function")
    }
  }
}
