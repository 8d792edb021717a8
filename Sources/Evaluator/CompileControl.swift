import Foundation
import SwiftSyntax

extension Compiler {
  // MARK: - Closures

  func compileClosure(_ c: ClosureExprSyntax, expected: VType?) throws -> CExpr {
    // errors about the closure's result point at its expression when it is one, as Swift's do
    var place = loc(c)
    if c.statements.count == 1, case .expr(let e) = c.statements.first?.item {
      place = loc(e.as(InfixOperatorExprSyntax.self)?.operator ?? e)
    }
    let code = FunctionCode(name: "closure", loc: place, in: rt)
    code.isClosure = true
    func known(_ t: VType??) -> VType? { t.flatMap { $0 == .any ? nil : $0 } }
    let inoutFirst = nextClosureHasInoutFirst
    nextClosureHasInoutFirst = false
    var paramTypes: [VType]?
    var returnType: VType?
    if case .function(let ps, let r)? = expected {
      paramTypes = Compiler.destructured(ps, by: c)
      returnType = r == .any ? nil : r
    }
    let ctx = FunctionContext(parent: function, code: code)
    ctx.firstParameterIsInout = inoutFirst
    var names: [(String, VType?)] = []
    // `[m, k = expr]`: constants made when the closure is, declared in a scope between the
    // outer code and the closure's own, so the closure captures them (a box each time)
    var captureScope: Scope?
    var captureStores: [(store: (Frame, Value) -> Void, value: Expr)] = []
    if let capture = c.signature?.capture {
      let between = Scope(parent: scope, function: function)
      var values: [(TokenSyntax, CExpr)] = []
      for item in capture.items {
        if let s = item.specifier { throw unsupported("'\(s.trimmedDescription)' captures", s) }
        if let initializer = item.initializer {
          values.append((item.name, try compileExpr(initializer.value)))
        } else {
          guard let v = resolve(item.name.text) else { throw unknownName(item.name.text, at: item) }
          values.append((item.name, CExpr(read(v, at: item))))
        }
      }
      let saved = scope
      scope = between
      defer { scope = saved }
      for (name, value) in values {
        let info = try declare(name.text, isLet: true, type: value.type, at: name)
        captureStores.append((initialize(info), value.eval))
      }
      captureScope = between
    }
    if let sig = c.signature {
      if let a = sig.attributes.first { throw unsupported("closure attributes", a) }
      if let e = sig.effectSpecifiers {
        if let a = e.asyncSpecifier { throw unsupported("async closures", a) }
        code.isThrowing = e.throwsClause != nil
      }
      if let r = sig.returnClause { returnType = try resolveType(r.type) }
      switch sig.parameterClause {
      case .simpleInput(let list):
        for (i, p) in list.enumerated() { names.append((p.name.text, known(paramTypes?[safe: i]))) }
      case .parameterClause(let clause):
        for (i, p) in clause.parameters.enumerated() {
          let type = try p.type.map { try resolveType($0) } ?? known(paramTypes?[safe: i])
          names.append(((p.secondName ?? p.firstName).text, type))
        }
      case nil: break
      }
    } else {
      ctx.allowsAnonymous = true
      ctx.anonymousTypes = (paramTypes ?? []).map { $0 == .any ? nil : $0 }
    }
    ctx.returnType = returnType
    code.returnType = returnType
    // Swift infers a closure to throw when its body has a `try` or `throw` nothing handles
    if !code.isThrowing && Compiler.bodyThrows(Syntax(c.statements)) { code.isThrowing = true }

    let savedScope = scope
    let savedFunction = function
    let savedTargets = breakTargets
    let savedTry = inTry
    let savedHandled = errorsHandled
    function = ctx
    scope = Scope(parent: captureScope ?? savedScope, function: ctx)
    breakTargets = []
    inTry = false
    // a closure that throws (its body has a `try`) is a throwing closure: its caller handles
    // the error; without one it is not, and a throwing call in it is not handled (swiftc:
    // "call can throw, but it is not marked with 'try' and the error is not handled")
    errorsHandled = code.isThrowing
    defer {
      scope = savedScope
      function = savedFunction
      breakTargets = savedTargets
      inTry = savedTry
      errorsHandled = savedHandled
    }
    for (i, (name, type)) in names.enumerated() {
      let info = try declareLocal(name, isLet: !(i == 0 && inoutFirst), type: type)
      guard case .local(let slot) = info.storage else { continue }
      code.params.append(Param(label: nil, name: name, type: type, slot: slot))
    }
    let items = c.statements
    // the expression a closure of one expression returns; an `if` or `switch` whose branches
    // are single expressions is one when the closure's result type is known (`-> Int`)
    var single: ExprSyntax?
    if items.count == 1, case .expr(let e) = items.first!.item, !isAssignment(e),
      !e.is(IfExprSyntax.self) && !e.is(SwitchExprSyntax.self)
    {
      single = e
    } else if let type = returnType, type != .any, type != .void,
      Compiler.isSingleExpression(items)
    {
      switch items.first!.item {
      case .expr(let e): single = e
      case .stmt(let s): single = s.as(ExpressionStmtSyntax.self)?.expression
      default: break
      }
    }
    if let e = single {
      let body = try compileExpr(e, expected: returnType)
      let eval = body.eval
      if returnType == nil, body.type != .any { code.inferredReturnType = body.type }
      if let type = returnType, type != .any, type != .void {
        let d = body.asDouble
        let l = loc(e)
        code.body = { f in
          f.returnValue = try coerce(
            try eval(f), asDouble: try d?(f), to: type, context: .returnValue
          )
          .get(at: l)
          return .returned
        }
      } else {
        code.body = { f in
          f.returnValue = try eval(f)
          return .returned
        }
      }
    } else {
      code.body = try compileItems(items)
    }
    if ctx.allowsAnonymous, let highest = ctx.anonymous.keys.max() {
      for i in 0...highest {
        let info =
          ctx.anonymous[i]
          ?? VarInfo(name: "$\(i)", isLet: true, type: nil, storage: .local(ctx.newSlot()))
        guard case .local(let slot) = info.storage else { continue }
        code.params.append(Param(label: nil, name: "$\(i)", type: paramTypes?[safe: i], slot: slot))
      }
    } else if ctx.allowsAnonymous, let paramTypes, !paramTypes.isEmpty {
      // `{ 42 }` where one argument is passed: Swift rejects unused implicit arguments
      throw EvalError(
        "contextual type for closure argument list expects \(paramTypes.count) argument\(paramTypes.count == 1 ? "" : "s"), which cannot be implicitly ignored",
        at: loc(c))
    }
    code.frameSize = ctx.slotCount
    code.captureSlots = ctx.captures.map {
      guard case .local(let slot) = $0.inner.storage else { return 0 }
      return slot
    }
    let make = makeClosure(ctx, code: code)
    var made = CExpr { f in .function(make(f)) }
    if !captureStores.isEmpty {
      made = CExpr { f in
        for c in captureStores { c.store(f, try c.value(f)) }
        return .function(make(f))
      }
    }
    made.closureResult = returnType ?? code.inferredReturnType
    // a closure is a value of function type: `f(x: 1)` on it is Swift's label error
    made.type = .function(code.params.map { $0.type ?? .any }, made.closureResult ?? .any)
    return made
  }

  // MARK: - if and switch as expressions

  func singleExpression(_ items: CodeBlockItemListSyntax, _ node: some SyntaxProtocol) throws
    -> ExprSyntax
  {
    guard items.count == 1, case .expr(let e) = items.first!.item else {
      throw EvalError(
        "each branch of an 'if' or 'switch' expression must be a single expression", at: loc(node))
    }
    return e
  }

  func compileIfExpression(_ s: IfExprSyntax, expected: VType?) throws -> CExpr {
    let (cond, then) = try withScope { () throws -> ((Frame) throws -> Bool, CExpr) in
      (
        try compileConditions(s.conditions),
        try compileExpr(singleExpression(s.body.statements, s.body), expected: expected)
      )
    }
    let other: CExpr
    switch s.elseBody {
    case .ifExpr(let nested): other = try compileIfExpression(nested, expected: expected)
    case .codeBlock(let block):
      other = try withScope {
        try compileExpr(singleExpression(block.statements, block), expected: expected)
      }
    case nil:
      throw EvalError("'if' must have an unconditional 'else' to be used as expression", at: loc(s))
    }
    return merge(then, other) { _, a, b in { f in try cond(f) ? try a(f) : try b(f) } }
  }

  func compileSwitchExpression(_ s: SwitchExprSyntax, expected: VType?) throws -> CExpr {
    let subject = try compileExpr(s.subject)
    var cases: [(match: (Frame, Value) throws -> Bool, body: Expr)] = []
    var exhaustive = false
    var bools = Set<Bool>()
    for element in s.cases {
      guard case .switchCase(let sc) = element else { throw unsupported("#if in switch", element) }
      try withScope {
        let match = try caseMatcher(sc, subject: subject, exhaustive: &exhaustive, bools: &bools)
        let body = try compileExpr(singleExpression(sc.statements, sc), expected: expected).eval
        cases.append((match, body))
      }
    }
    if !exhaustive { exhaustive = try enumSwitchIsExhaustive(s, subjectType: subject.type) }
    if !exhaustive {
      throw EvalError("switch must be exhaustive", at: loc(s), notes: ["add a default clause"])
    }
    let e = subject.eval
    let l = loc(s)
    return CExpr { f in
      let v = try e(f)
      for c in cases where try c.match(f, v) { return try c.body(f) }
      throw EvalError("no case matched", at: l)
    }
  }

  // MARK: - switch statement

  func compileSwitch(_ s: SwitchExprSyntax) throws -> Stmt {
    let subject = try compileExpr(s.subject)
    var cases: [(match: (Frame, Value) throws -> Bool, body: Stmt)] = []
    var fallsThrough: [Bool] = []
    var exhaustive = false
    var bools = Set<Bool>()
    breakTargets.append((nil, false))
    defer { breakTargets.removeLast() }
    let switchCases = s.cases.compactMap { $0.as(SwitchCaseSyntax.self) }
    for (index, element) in s.cases.enumerated() {
      guard case .switchCase(let sc) = element else { throw unsupported("#if in switch", element) }
      try withScope {
        let match = try caseMatcher(sc, subject: subject, exhaustive: &exhaustive, bools: &bools)
        if sc.statements.isEmpty {
          throw EvalError(
            "'\(sc.label.is(SwitchDefaultLabelSyntax.self) ? "default" : "case")' label in a 'switch' must have at least one executable statement",
            at: loc(sc))
        }
        var items = Array(sc.statements)
        let falls = items.last.map { isFallthrough($0) } ?? false
        if falls {
          let at = items.removeLast()
          guard index + 1 < switchCases.count else {
            throw EvalError(
              "'fallthrough' without a following 'case' or 'default' block", at: loc(at))
          }
          if case .case(let next) = switchCases[index + 1].label,
            let name = next.caseItems.lazy.compactMap({ self.firstBoundName($0.pattern) }).first
          {
            throw EvalError(
              "'fallthrough' from a case which doesn't bind variable '\(name)'", at: loc(at))
          }
        }
        cases.append((match, try compileItems(items)))
        fallsThrough.append(falls)
      }
    }
    if !exhaustive { exhaustive = try enumSwitchIsExhaustive(s, subjectType: subject.type) }
    if !exhaustive {
      throw EvalError("switch must be exhaustive", at: loc(s), notes: ["add a default clause"])
    }
    let e = subject.eval
    return { f in
      let v = try e(f)
      for (index, c) in cases.enumerated() where try c.match(f, v) {
        var k = index
        var r = try c.body(f)
        while case .next = r, fallsThrough[k] {
          k += 1
          r = try cases[k].body(f)
        }
        if case .breakLoop(nil) = r { return .next }
        return r
      }
      return .next
    }
  }

  /// The first name a case pattern binds (`x` of `let .some(x)` or `.pair(let x, _)`).
  func firstBoundName(_ p: PatternSyntax) -> String? {
    var afterBinding = false
    var previous: TokenKind?
    for token in p.tokens(viewMode: .sourceAccurate) {
      if token.tokenKind == .keyword(.let) || token.tokenKind == .keyword(.var) {
        afterBinding = true
      } else if afterBinding, case .identifier(let name) = token.tokenKind, previous != .period {
        return name
      }
      previous = token.tokenKind
    }
    return nil
  }

  func isFallthrough(_ item: CodeBlockItemSyntax) -> Bool {
    if case .stmt(let s) = item.item { return s.is(FallThroughStmtSyntax.self) }
    return false
  }

  /// How one `case` (or `default`) label matches a subject value, binding its names.
  func caseMatcher(
    _ sc: SwitchCaseSyntax, subject: CExpr, exhaustive: inout Bool, bools: inout Set<Bool>
  ) throws
    -> (Frame, Value) throws -> Bool
  {
    switch sc.label {
    case .default:
      exhaustive = true
      return { _, _ in true }
    case .case(let label):
      var items: [(Frame, Value) throws -> Bool] = []
      if label.caseItems.count > 1 && label.caseItems.contains(where: { bindsNames($0.pattern) }) {
        throw unsupported("several patterns that bind names in one case", label)
      }
      for item in label.caseItems {
        let match = try compilePattern(item.pattern, bindsByDefault: false)
        if item.whereClause == nil {
          if isCatchAll(item.pattern) { exhaustive = true }
          if let b = item.pattern.as(ExpressionPatternSyntax.self)?.expression.as(
            BooleanLiteralExprSyntax.self)
          {
            bools.insert(b.literal.tokenKind == .keyword(.true))
          }
        }
        if let w = item.whereClause {
          let cond = try condition(w.condition)
          items.append { f, v in try match(f, v) && cond(f) }
        } else {
          items.append(match)
        }
      }
      if bools.count == 2 { exhaustive = true }
      if items.count == 1 { return items[0] }
      return { f, v in
        for m in items where try m(f, v) { return true }
        return false
      }
    }
  }

  func bindsNames(_ p: PatternSyntax) -> Bool {
    p.description.contains("let ") || p.description.contains("var ")
  }

  func isCatchAll(_ p: PatternSyntax) -> Bool {
    if p.is(WildcardPatternSyntax.self) || p.is(IdentifierPatternSyntax.self) { return true }
    if let b = p.as(ValueBindingPatternSyntax.self) { return isCatchAll(b.pattern) }
    if let e = p.as(ExpressionPatternSyntax.self) {
      if e.expression.is(DiscardAssignmentExprSyntax.self) { return true }
      if let pe = e.expression.as(PatternExprSyntax.self) { return isCatchAll(pe.pattern) }
      if let t = e.expression.as(TupleExprSyntax.self) {
        return t.elements.allSatisfy {
          let inner = $0.expression
          if inner.is(DiscardAssignmentExprSyntax.self) { return true }
          if let pe = inner.as(PatternExprSyntax.self) { return isCatchAll(pe.pattern) }
          return false
        }
      }
    }
    if let t = p.as(TuplePatternSyntax.self) {
      return t.elements.allSatisfy { isCatchAll($0.pattern) }
    }
    return false
  }

  // MARK: - Patterns

  /// A pattern as a matcher that binds names when it matches. `bindsByDefault` is true under
  /// `let`/`var`, where a bare name binds instead of comparing.
  func compilePattern(_ p: PatternSyntax, bindsByDefault: Bool, isLet: Bool = true) throws
    -> (Frame, Value) throws -> Bool
  {
    if p.is(WildcardPatternSyntax.self) { return { _, _ in true } }
    if let id = p.as(IdentifierPatternSyntax.self) {
      let info = try declare(id.identifier.text, isLet: isLet, type: nil, at: id)
      let store = initialize(info)
      return { f, v in
        store(f, v)
        return true
      }
    }
    if let b = p.as(ValueBindingPatternSyntax.self) {
      return try compilePattern(
        b.pattern, bindsByDefault: true, isLet: b.bindingSpecifier.tokenKind == .keyword(.let))
    }
    if let t = p.as(TuplePatternSyntax.self) {
      let parts = try t.elements.map {
        try compilePattern($0.pattern, bindsByDefault: bindsByDefault, isLet: isLet)
      }
      return tupleMatcher(parts)
    }
    if let e = p.as(ExpressionPatternSyntax.self) {
      return try expressionPattern(e.expression, bindsByDefault: bindsByDefault, isLet: isLet)
    }
    if let typeTest = cellTypePattern(p) { return typeTest }
    throw unsupported("this pattern", p)
  }

  func tupleMatcher(_ parts: [(Frame, Value) throws -> Bool]) -> (Frame, Value) throws -> Bool {
    { f, v in
      guard case .tuple(let t) = v, t.items.count == parts.count else { return false }
      for (part, item) in zip(parts, t.items) where !(try part(f, item)) { return false }
      return true
    }
  }

  func expressionPattern(_ e: ExprSyntax, bindsByDefault: Bool, isLet: Bool) throws
    -> (Frame, Value) throws -> Bool
  {
    if let pe = e.as(PatternExprSyntax.self) {
      return try compilePattern(pe.pattern, bindsByDefault: bindsByDefault, isLet: isLet)
    }
    if e.is(DiscardAssignmentExprSyntax.self) { return { _, _ in true } }
    if let cast = try cellCastPattern(
      e, bindsByDefault: bindsByDefault, isLet: isLet,
      inner: { try self.expressionPattern($0, bindsByDefault: bindsByDefault, isLet: isLet) })
    {
      return cast
    }
    if let t = e.as(TupleExprSyntax.self), t.elements.count != 1 {
      let parts = try t.elements.map {
        try expressionPattern($0.expression, bindsByDefault: bindsByDefault, isLet: isLet)
      }
      return tupleMatcher(parts)
    }
    if let m = try enumCasePattern(e, bindsByDefault: bindsByDefault, isLet: isLet) { return m }
    if bindsByDefault, let ref = e.as(DeclReferenceExprSyntax.self) {
      let info = try declare(ref.baseName.text, isLet: isLet, type: nil, at: ref)
      let store = initialize(info)
      return { f, v in
        store(f, v)
        return true
      }
    }
    // `x?` and `.some(x)`
    if let oc = e.as(OptionalChainingExprSyntax.self) {
      let inner = try expressionPattern(oc.expression, bindsByDefault: bindsByDefault, isLet: isLet)
      return { f, v in
        guard case .optional(let w) = v, let w else { return false }
        return try inner(f, w)
      }
    }
    if let call = e.as(FunctionCallExprSyntax.self),
      let m = call.calledExpression.as(MemberAccessExprSyntax.self),
      m.base == nil, m.declName.baseName.text == "some", call.arguments.count == 1
    {
      let inner = try expressionPattern(
        call.arguments.first!.expression, bindsByDefault: bindsByDefault, isLet: isLet)
      return { f, v in
        guard case .optional(let w) = v, let w else { return false }
        return try inner(f, w)
      }
    }
    if let m = e.as(MemberAccessExprSyntax.self), m.base == nil, m.declName.baseName.text == "none"
    {
      return { _, v in
        if case .optional(nil) = v { return true }
        return false
      }
    }
    if e.is(NilLiteralExprSyntax.self) {
      return { _, v in
        if case .optional(nil) = v { return true }
        return false
      }
    }
    // an expression: `~=` (ranges contain, everything else compares equal)
    let c = try compileExpr(e)
    let value = c.eval
    let asDouble = c.asDouble
    let l = loc(e)
    let characterLiterals = isStringLiteralPattern(e)
    return { f, subject in
      var pattern = try value(f)
      if characterLiterals, case .character = subject { pattern = Self.characters(pattern) }
      if let asDouble {
        if case .double = subject { pattern = try asDouble(f) }
        if case .range(let r) = pattern, case .int = r.lower, case .double = subject {
          pattern = try asDouble(f)
        }
      }
      if case .range(let r) = pattern {
        if case .range = subject { return try Operators.equal(pattern, subject, at: l) }
        return try Builtins.rangeContains(r, subject, at: l)
      }
      return try Operators.equal(subject, pattern, at: l)
    }
  }
}

extension Compiler {
  /// Whether a pattern is a string literal or a range of them: over a `Character` subject
  /// its literals are Characters (`case "a", "e":`, `case "0"..."9":`).
  func isStringLiteralPattern(_ e: ExprSyntax) -> Bool {
    if let s = e.as(StringLiteralExprSyntax.self) {
      return s.segments.allSatisfy { $0.is(StringSegmentSyntax.self) }
    }
    if let i = e.as(InfixOperatorExprSyntax.self),
      let op = i.operator.as(BinaryOperatorExprSyntax.self),
      ["...", "..<"].contains(op.operator.text)
    {
      return isStringLiteralPattern(i.leftOperand) && isStringLiteralPattern(i.rightOperand)
    }
    return false
  }

  /// A pattern value of one-character strings as Characters (others are left as they are,
  /// and fail to compare as Swift refuses them).
  static func characters(_ pattern: Value) -> Value {
    switch pattern {
    case .string(let s) where s.count == 1: return .character(s.first!)
    case .range(let r):
      return .range(
        RangeValue(lower: characters(r.lower), upper: characters(r.upper), closed: r.closed))
    default: return pattern
    }
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { index >= 0 && index < count ? self[index] : nil }
}

// MARK: - Calls that can throw

extension Compiler {
  /// The error Swift gives for a call that can throw at this place, or nil when Swift accepts
  /// it: a missing `try`, or a `try` in a function without `throws` and no `do`-`catch`.
  /// `start` is where the call (or operator expression) starts; `operatorLoc` marks an
  /// operator, whose missing `try` Swift reports at the operator.
  func throwingRefusal(start: Loc, operatorLoc: Loc? = nil) -> EvalError? {
    if !inTry {
      if !errorsHandled {
        return EvalError(
          "call can throw, but it is not marked with 'try' and the error is not handled",
          at: start)
      }
      if let operatorLoc {
        return EvalError(
          "operator can throw but expression is not marked with 'try'", at: operatorLoc)
      }
      return EvalError("call can throw but is not marked with 'try'", at: start)
    }
    if !errorsHandled {
      return EvalError(
        "errors thrown from here are not handled", at: tryLoc.isUnknown ? start : tryLoc)
    }
    return nil
  }

  /// The library type a receiver has before anything runs: its static type, or, for a global
  /// an earlier cell defined, the type of the value it holds (a Swift variable keeps its type).
  func staticNativeType(_ receiver: CExpr, _ syntax: ExprSyntax) -> NativeType?? {
    if let type = receiver.type {
      if case .native(let name) = type { return .some(rt.builtins.natives[name]) }
      return type == .any ? nil : .some(nil)
    }
    var e = syntax
    while let t = e.as(TryExprSyntax.self) { e = t.expression }
    if let ref = e.as(DeclReferenceExprSyntax.self), pending[ref.baseName.text] == nil,
      let info = resolve(ref.baseName.text),
      case .global(let box) = info.storage
    {
      switch box.value {
      case .void: return nil
      case .native(let n): return .some(n.type)
      default: return .some(nil)
      }
    }
    return nil
  }

  /// Whether Swift knows, before running, that calling method `name` with these labels on
  /// `receiver` can throw. With the receiver's type known, its method decides; otherwise the
  /// call throws when every bound method of that name taking these labels throws (`backward`,
  /// `matmul`, `max(axis:)`) and no standard-library method or cell type's method of that
  /// name takes them (`xs.max()` may be an Array's, `x.max(axis: 0)` can only be a Tensor's).
  func methodThrows(_ receiver: CExpr, _ syntax: ExprSyntax, _ name: String, _ shape: [Arg])
    -> Bool
  {
    func throwing(_ m: Method) -> Bool? {
      m.overloads.first { matchLabels($0.labels, required: $0.required, shape) != nil }?.throwing
    }
    if let known = staticNativeType(receiver, syntax) {
      guard let native = known, let m = native.methods[name] else { return false }
      return throwing(m) ?? false
    }
    if rt.builtins.methods.values.contains(where: { $0[name].flatMap(throwing) != nil }) {
      return false
    }
    var found = false
    for native in Array(rt.builtins.natives.values) + rt.userTypes.types.values.map(\.native) {
      guard let m = native.methods[name], let t = throwing(m) else { continue }
      if !t { return false }
      found = true
    }
    return found
  }

  /// Whether Swift knows, before running, that `a op b` calls a library operator that throws:
  /// one side is a library value whose operators throw and takes the other side.
  func operatorThrows(_ op: String, _ a: CExpr, _ b: CExpr) -> Bool {
    func native(_ c: CExpr) -> NativeType? {
      if case .native(let name)? = c.type { return rt.builtins.natives[name] }
      return nil
    }
    func isNumber(_ c: CExpr) -> Bool {
      c.type == .double || (c.constant != nil && c.asDouble != nil)
    }
    for (x, y) in [(a, b), (b, a)] {
      guard let t = native(x), t.binaryThrows, t.binary[op] != nil else { continue }
      if let u = native(y), u === t { return true }
      if isNumber(y) { return true }
    }
    return false
  }
}

extension Runtime {
  /// Whether the overload of `method` these arguments select throws.
  func `throws`(_ method: Method, _ args: [Arg]) -> Bool {
    // most methods (all of the standard library's) have no throwing overload: no label matching
    guard method.overloads.contains(where: \.throwing) else { return false }
    return method.overloads.first { matchLabels($0.labels, required: $0.required, args) != nil }?
      .throwing ?? false
  }
}

extension Compiler {
  /// Whether `node` has a `try` (not `try?` or `try!`) or a `throw` whose error leaves it:
  /// outside nested closures and functions, and outside the body of a `do` with a `catch`.
  static func bodyThrows(_ node: Syntax) -> Bool {
    if node.is(ClosureExprSyntax.self) || node.is(FunctionDeclSyntax.self) { return false }
    if let t = node.as(TryExprSyntax.self), t.questionOrExclamationMark == nil { return true }
    if node.is(ThrowStmtSyntax.self) { return true }
    if let d = node.as(DoStmtSyntax.self), !d.catchClauses.isEmpty {
      return bodyThrows(Syntax(d.catchClauses))
    }
    return node.children(viewMode: .sourceAccurate).contains { bodyThrows($0) }
  }

  /// Whether a closure written as an argument of `call` throws, which makes a call of a
  /// standard-library method (`map`, `filter`, `sorted(by:)`: they rethrow) throw too.
  static func passesThrowingClosure(_ call: FunctionCallExprSyntax) -> Bool {
    var closures = call.arguments.compactMap { $0.expression.as(ClosureExprSyntax.self) }
    if let t = call.trailingClosure { closures.append(t) }
    closures += call.additionalTrailingClosures.map(\.closure)
    return closures.contains { c in
      c.signature?.effectSpecifiers?.throwsClause != nil
        || bodyThrows(Syntax(c.statements))
    }
  }

  /// Whether method `name` of the receiver is a standard-library method, which rethrows the
  /// errors of the closures it is given.
  func isRethrowingMethod(_ receiver: CExpr, _ syntax: ExprSyntax, _ name: String) -> Bool {
    if case .some(.some) = staticNativeType(receiver, syntax) { return false }
    return rt.builtins.methods.values.contains { $0[name] != nil }
  }
}

/// Where a value must be a Bool, for Swift's wording when it is not.
enum BoolContext {
  /// `if`, `while`, `guard`, `? :`.
  case condition
  /// An operand of `&&` or `||`.
  case operand
  /// The operand of `!`.
  case negated
}

extension Compiler {
  /// Swift's error for a value of type `type` where a Bool is needed; `literal` is the text of
  /// an integer literal standing there.
  static func notBool(_ type: VType, literal: String?, context: BoolContext, at l: Loc)
    -> EvalError
  {
    let negated = context == .negated
    if let literal, type == .int {
      return EvalError(
        "integer literal value '\(literal)' cannot be used as a boolean; did you mean '\(literal == "0" ? "false" : "true")'?",
        at: l)
    }
    if type == .int {
      return EvalError(
        "type 'Int' cannot be used as a boolean; test for '\(negated ? "==" : "!=") 0' instead",
        at: l)
    }
    if case .optional = type {
      return EvalError(
        "optional type '\(type.name)' cannot be used as a boolean; test for '\(negated ? "==" : "!=") nil' instead",
        at: l)
    }
    let expected = context == .condition ? "condition" : "argument"
    return EvalError(
      "cannot convert value of type '\(type.name)' to expected \(expected) type 'Bool'", at: l)
  }
}

// MARK: - Argument labels of cell functions

extension Compiler {
  /// Refuses, before the cell runs, a call of a cell function whose arguments do not fit its
  /// parameters, with swiftc's message and place: missing or extraneous labels, wrong labels,
  /// arguments out of order, missing or extra arguments. Calls with trailing closures are left
  /// to run time.
  func checkLabels(_ code: FunctionCode, _ call: FunctionCallExprSyntax) throws {
    guard call.trailingClosure == nil, call.additionalTrailingClosures.isEmpty else { return }
    let args = Array(call.arguments)
    let params = code.params
    let argLabels = args.map { $0.label?.text }
    let paramLabels = params.map(\.label)
    func hasDefault(_ p: Param) -> Bool { p.hasDefault || p.defaultValue != nil }
    let notes = ["accepted: \(code.signature)"]
    let open = call.leftParen.map { loc($0) } ?? loc(call)
    let close = call.rightParen.map { loc($0) } ?? loc(call)
    func label(_ text: String?) -> String { (text ?? "_") + ":" }

    // the same labels in another order
    if args.count == params.count, Set(argLabels).count == argLabels.count,
      Set(argLabels) == Set(paramLabels)
    {
      let order = Dictionary(
        paramLabels.enumerated().map { ($0.element ?? "_", $0.offset) },
        uniquingKeysWith: { a, _ in a })
      for i in args.indices.dropFirst() {
        for j in 0..<i where order[argLabels[i] ?? "_"]! < order[argLabels[j] ?? "_"]! {
          throw EvalError(
            "argument '\(argLabels[i] ?? "_")' must precede argument '\(argLabels[j] ?? "_")'",
            at: loc(args[i]), notes: notes)
        }
      }
    }

    // pair arguments with parameters in order, as Swift does: a parameter whose label the next
    // argument lacks is missing (or skipped, with a default) when a later parameter has that
    // label, and is the argument's parameter, with a wrong label, when none does
    var next = 0
    var paired: [(arg: Int, param: Int)] = []
    var wrong: [(arg: Int, param: Int)] = []
    var missing: [(param: Int, at: Loc)] = []
    for (i, p) in params.enumerated() {
      if next < args.count && argLabels[next] == p.label {
        paired.append((next, i))
        next += 1
        continue
      }
      let laterHasIt =
        next < args.count && params[(i + 1)...].contains { $0.label == argLabels[next] }
      if next < args.count && !laterHasIt {
        paired.append((next, i))
        wrong.append((next, i))
        next += 1
      } else if !hasDefault(p) {
        missing.append((i, next < args.count ? loc(args[next]) : close))
      }
    }
    if next < args.count {
      if next == args.count - 1 {
        let a = args[next]
        let name = a.label.map { " '\($0.text)'" } ?? ""
        throw EvalError("extra argument\(name) in call", at: loc(a.expression), notes: notes)
      }
      let positions = (next..<args.count).map { "#\($0 + 1)" }.joined(separator: ", ")
      throw EvalError("extra arguments at positions \(positions) in call", at: open, notes: notes)
    }
    if !wrong.isEmpty {
      let plural = wrong.count == 1 ? "" : "s"
      if wrong.allSatisfy({ argLabels[$0.arg] == nil }) {
        let labels = wrong.map { label(paramLabels[$0.param]) }.joined()
        throw EvalError(
          "missing argument label\(plural) '\(labels)' in call",
          at: args.count == 1 ? loc(args[0].expression) : open, notes: notes)
      }
      if wrong.allSatisfy({ paramLabels[$0.param] == nil }) {
        let labels = wrong.map { label(argLabels[$0.arg]) }.joined()
        throw EvalError(
          "extraneous argument label\(plural) '\(labels)' in call", at: open, notes: notes)
      }
      let have = paired.map { label(argLabels[$0.arg]) }.joined()
      let expected = paired.map { label(paramLabels[$0.param]) }.joined()
      throw EvalError(
        "incorrect argument label\(plural) in call (have '\(have)', expected '\(expected)')",
        at: open, notes: notes)
    }
    if !missing.isEmpty {
      let names = missing.map { m in paramLabels[m.param].map { "'\($0)'" } ?? "#\(m.param + 1)" }
      if names.count == 1 {
        throw EvalError(
          "missing argument for parameter \(names[0]) in call", at: missing[0].at, notes: notes)
      }
      throw EvalError(
        "missing arguments for parameters \(names.joined(separator: ", ")) in call", at: open,
        notes: notes)
    }
  }
}

// MARK: - Missing return

extension Compiler {
  /// Swift's "missing return" error, at the body's closing brace, for a function with a result
  /// whose body can reach its end (given before the cell runs, as swiftc does).
  func checkMissingReturn(_ body: CodeBlockSyntax, _ code: FunctionCode, kind: String) throws {
    guard let type = code.returnType, type != .void else { return }
    // a body of one expression returns it (an `if` or `switch` whose branches are single
    // expressions is one)
    if Compiler.isSingleExpression(body.statements) { return }
    if Compiler.alwaysExits(body.statements) { return }
    throw EvalError(
      "missing return in \(kind) expected to return '\(type.name)'", at: loc(body.rightBrace))
  }

  /// Whether running `items` never reaches their end: a `return` or `throw` on every path,
  /// `fatalError`, an `if` whose branches all exit, a `switch` whose cases all do, a
  /// `while true` that nothing breaks out of.
  static func alwaysExits(_ items: CodeBlockItemListSyntax) -> Bool {
    items.contains { item in
      switch item.item {
      case .stmt(let s): return exits(s, label: nil)
      case .expr(let e): return exits(e)
      default: return false
      }
    }
  }

  static func exits(_ s: StmtSyntax, label: String?) -> Bool {
    if s.is(ReturnStmtSyntax.self) || s.is(ThrowStmtSyntax.self) { return true }
    if let e = s.as(ExpressionStmtSyntax.self) { return exits(e.expression) }
    if let l = s.as(LabeledStmtSyntax.self) { return exits(l.statement, label: l.label.text) }
    if let d = s.as(DoStmtSyntax.self) {
      return alwaysExits(d.body.statements)
        && d.catchClauses.allSatisfy { alwaysExits($0.body.statements) }
    }
    if let w = s.as(WhileStmtSyntax.self), w.conditions.count == 1,
      case .expression(let c) = w.conditions.first?.condition, isTrue(c)
    {
      return !breaks(Syntax(w.body), label: label, nested: false)
    }
    if let r = s.as(RepeatStmtSyntax.self) {
      if breaks(Syntax(r.body), label: label, nested: false) { return false }
      return alwaysExits(r.body.statements) || isTrue(r.condition)
    }
    return false
  }

  static func exits(_ e: ExprSyntax) -> Bool {
    if let t = e.as(TryExprSyntax.self) { return exits(t.expression) }
    if let i = e.as(IfExprSyntax.self) {
      guard let elseBody = i.elseBody, alwaysExits(i.body.statements) else { return false }
      switch elseBody {
      case .codeBlock(let b): return alwaysExits(b.statements)
      case .ifExpr(let nested): return exits(ExprSyntax(nested))
      }
    }
    if let s = e.as(SwitchExprSyntax.self) {
      return s.cases.allSatisfy { c in
        if case .switchCase(let sc) = c { return alwaysExits(sc.statements) }
        return false
      }
    }
    if let call = e.as(FunctionCallExprSyntax.self),
      let name = call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text
    {
      return name == "fatalError" || name == "preconditionFailure"
    }
    return false
  }

  /// The expression a body of one expression returns (`isSingleExpression`), if it is one.
  static func implicitResult(_ items: CodeBlockItemListSyntax) -> ExprSyntax? {
    guard isSingleExpression(items), let item = items.first else { return nil }
    switch item.item {
    case .expr(let e): return e
    case .stmt(let s): return s.as(ExpressionStmtSyntax.self)?.expression
    default: return nil
    }
  }

  /// Whether `items` are one expression, which a body returns: an expression, or an `if`
  /// (with `else`) or `switch` whose every branch is one expression.
  static func isSingleExpression(_ items: CodeBlockItemListSyntax) -> Bool {
    guard items.count == 1, let item = items.first else { return false }
    var e: ExprSyntax
    switch item.item {
    case .expr(let x): e = x
    case .stmt(let s):
      guard let x = s.as(ExpressionStmtSyntax.self)?.expression else { return false }
      e = x
    default: return false
    }
    if let t = e.as(TryExprSyntax.self) { e = t.expression }
    if let i = e.as(IfExprSyntax.self) {
      guard let elseBody = i.elseBody, isSingleExpression(i.body.statements) else { return false }
      switch elseBody {
      case .codeBlock(let b): return isSingleExpression(b.statements)
      case .ifExpr(let nested):
        return isSingleExpression(
          CodeBlockItemListSyntax([CodeBlockItemSyntax(item: .expr(ExprSyntax(nested)))]))
      }
    }
    if let sw = e.as(SwitchExprSyntax.self) {
      return sw.cases.allSatisfy { c in
        if case .switchCase(let sc) = c { return isSingleExpression(sc.statements) }
        return false
      }
    }
    return item.item.is(ExprSyntax.self)
  }

  static func isTrue(_ e: ExprSyntax) -> Bool {
    e.as(BooleanLiteralExprSyntax.self)?.literal.tokenKind == .keyword(.true)
  }

  /// Whether a `break` in `node` leaves the loop labeled `label` whose body `node` is.
  static func breaks(_ node: Syntax, label: String?, nested: Bool) -> Bool {
    if let b = node.as(BreakStmtSyntax.self) {
      if let target = b.label?.text { return target == label }
      return !nested
    }
    if node.is(ClosureExprSyntax.self) || node.is(FunctionDeclSyntax.self) { return false }
    let inner =
      nested || node.is(WhileStmtSyntax.self) || node.is(ForStmtSyntax.self)
      || node.is(RepeatStmtSyntax.self) || node.is(SwitchExprSyntax.self)
    return node.children(viewMode: .sourceAccurate).contains {
      breaks($0, label: label, nested: inner)
    }
  }
}

extension Compiler {
  /// Swift's conversion error for an argument of a cell function whose type is known and
  /// cannot be its parameter's (`half(i)` for `func half(_ d: Double)`), before the cell runs.
  /// Arguments meet parameters as `invoke` matches them: in order, by label.
  func checkArgumentTypes(_ code: FunctionCode, _ args: [CArg]) throws {
    var next = 0
    for p in code.params {
      guard next < args.count else { return }
      let arg = args[next]
      guard arg.label == p.label || arg.trailing else {
        if p.hasDefault || p.defaultValue != nil { continue }
        return
      }
      next += 1
      guard let type = p.type, !p.isInout, arg.inoutTarget == nil else { continue }
      let have = arg.expr.type
      let scalars: Set<VType> = [.int, .double, .bool, .string]
      guard let have, scalars.contains(type), scalars.contains(have), have != type else {
        continue
      }
      if type == .double && arg.expr.asDouble != nil { continue }
      throw EvalError(CoercionContext.argument.message(have, type), at: arg.loc)
    }
  }
}
