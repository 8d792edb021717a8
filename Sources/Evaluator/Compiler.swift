import Foundation
import SwiftSyntax

/// A compiled expression. `asDouble` exists when the expression is made only of literals that
/// Swift types from their context: integer literals (`3`, `-1`, `2 * 4`, `[1, 2]`) become
/// Double where a Double is expected, and a one-character string literal (`"a"`) becomes a
/// Character where a Character is (the name stays from the first, commoner case).
struct CExpr {
  var eval: Expr
  var asDouble: Expr? = nil
  /// The value when it is known before running (literals), for constant folding.
  var constant: Value? = nil
  /// A bare `nil`, `[]` or `[:]` whose type comes from context.
  var needsContext = false
  /// The static type when it is known at compile time.
  var type: VType? = nil
  /// The frame slot when the expression just reads a local variable (lets hot paths read it
  /// directly instead of through a closure).
  var localSlot: Int? = nil
  /// The element type of a sequence whose own type `VType` does not spell (`xs.enumerated()`,
  /// `zip(a, b)`, `xs.prefix(2)`), or of an array, for the closures its methods take.
  var elementType: VType? = nil
  /// For a closure literal: its result type, declared or inferred from its one expression.
  var closureResult: VType? = nil

  init(_ eval: @escaping Expr, asDouble: Expr? = nil, type: VType? = nil) {
    self.eval = eval
    self.asDouble = asDouble
    self.type = type
  }

  static func constant(_ value: Value, asDouble: Value? = nil) -> CExpr {
    var c = CExpr({ _ in value }, asDouble: asDouble.map { d in { _ in d } }, type: value.type)
    c.constant = value
    return c
  }
}

/// A variable known to the compiler.
final class VarInfo {
  enum Storage {
    case local(Int)
    case global(Box)
  }
  let name: String
  let isLet: Bool
  var type: VType?
  let storage: Storage
  /// Captured by a closure: its declaration must make a fresh box each time it runs.
  var captured = false
  /// Declared without a value (or a global not yet defined when a function reads it).
  var mayBeUninitialized = false
  /// `let x: Int` without a value: it may be assigned once later.
  var assignedLater = false
  /// A `func`: calls may check labels before running.
  var function: FunctionCode?
  /// A computed variable (`var area: Double { w * h }`): the storage holds its getter, which
  /// every read calls.
  var isComputed = false

  init(name: String, isLet: Bool, type: VType?, storage: Storage) {
    self.name = name
    self.isLet = isLet
    self.type = type
    self.storage = storage
  }
}

/// One function (or the cell's top level) being compiled: its slots and captures.
final class FunctionContext {
  var slotCount = 0
  let parent: FunctionContext?
  var captures: [(outer: VarInfo, inner: VarInfo)] = []
  var returnType: VType?
  let code: FunctionCode?
  /// `$0`, `$1`, ... of a closure without a parameter list.
  var anonymous: [Int: VarInfo] = [:]
  var allowsAnonymous = false
  /// The closure's first parameter is `inout` (the accumulator of `reduce(into:_:)`).
  var firstParameterIsInout = false
  /// The types of `$0`, `$1`, ... that the closure's receiver gives (`xs.map { $0 * 2 }`).
  var anonymousTypes: [VType?] = []

  init(parent: FunctionContext?, code: FunctionCode?) {
    self.parent = parent
    self.code = code
  }

  func newSlot() -> Int {
    slotCount += 1
    return slotCount - 1
  }
}

final class Scope {
  var vars: [String: VarInfo] = [:]
  let parent: Scope?
  let function: FunctionContext
  /// The top level of a cell: declarations here are session globals.
  let isTopLevel: Bool

  init(parent: Scope?, function: FunctionContext, isTopLevel: Bool = false) {
    self.parent = parent
    self.function = function
    self.isTopLevel = isTopLevel
  }
}

/// A cell compiled to closures, ready to run.
struct CompiledCell {
  var frameSize: () -> Int
  var prologue: [Stmt]
  var body: [Stmt]
  /// Where each statement of `body` ends up in a late-time error (`Compiler.timePlace`).
  var bodyLocs: [Loc]
  /// The cell's last expression, whose value is displayed.
  var result: CExpr?
  var resultLoc: Loc
}

/// A top-level name this cell declares.
struct PendingGlobal {
  var info: VarInfo
  var isNew: Bool
}

/// Turns a folded syntax tree into closures. Unsupported syntax is refused here, before
/// anything runs, with "not supported in cells: <construct>".
final class Compiler {
  let rt: Runtime
  let converter: SourceLocationConverter
  var scope: Scope
  var function: FunctionContext
  var pending: [String: PendingGlobal] = [:]
  var deferred: [() throws -> Void] = []
  var prologue: [Stmt] = []
  /// Whether the expression being compiled is covered by `try`.
  var inTry = false
  /// Where the `try` covering the expression being compiled stands.
  var tryLoc = Loc.unknown
  /// Whether an error thrown here is handled: true at a cell's top level (a script's errors
  /// stop it), in a `throws` function, a closure, a `do` with `catch`, under `try?` / `try!`;
  /// false in a function without `throws`, where Swift refuses a throwing call.
  var errorsHandled = true
  /// Set while compiling the arguments of `reduce(into:_:)`: the next closure's first
  /// parameter is `inout`, as Swift declares it there.
  var nextClosureHasInoutFirst = false
  /// Labels of the loops (and switches) around the code being compiled.
  var breakTargets: [(label: String?, isLoop: Bool)] = []
  /// The cell type whose member is being compiled (`self` and bare member names).
  var typeContext: TypeContext?
  /// Types this cell declared, with what each name meant before (restored if the cell fails).
  var replacedTypes: [(String, UserType?)] = []
  /// Functions and variables a type of this cell replaced (restored if the cell fails).
  var replacedGlobals: [(String, GlobalVar)] = []
  /// Each type's `static let` initializers, compiled where the declaration stands.
  /// (keyed by the cell's top-level declaration that holds them: a type or an extension)
  var staticInitializers: [SyntaxIdentifier: [() throws -> Stmt]] = [:]
  /// The top-level declaration whose members are being defined.
  var definingRoot: SyntaxIdentifier?
  /// Where the enum cases being defined stand, for raw-value errors.
  var caseLocations: [Loc] = []
  /// Whether the members being defined belong to an extension (no stored properties).
  var inExtension = false
  /// Types declared in the blocks being compiled, with what their names meant before.
  var localTypeNames: [(String, UserType?)] = []
  /// Where each open block's entries in `localTypeNames` start.
  var localBlockStarts: [Int] = []
  /// The generic parameters of the functions being compiled, innermost last.
  var genericScopes: [GenericSignature] = []
  /// Generic functions' signatures, for their bodies (compiled later).
  var genericSignatures: [SyntaxIdentifier: GenericSignature] = [:]
  /// Conformances to cell protocols declared by this cell, checked once its members are known.
  var newConformances: [(UserType, UserProtocol, Loc)] = []
  /// Protocols this cell declared (and what the names meant before), to undo on failure.
  var replacedProtocols: [(String, UserProtocol?)] = []
  /// Protocols this cell extended, to undo on failure.
  var replacedExtensions: [UserProtocol] = []

  init(rt: Runtime, converter: SourceLocationConverter) {
    self.rt = rt
    self.converter = converter
    function = FunctionContext(parent: nil, code: nil)
    scope = Scope(parent: nil, function: function, isTopLevel: true)
  }

  func loc(_ node: some SyntaxProtocol) -> Loc {
    let l = converter.location(for: node.positionAfterSkippingLeadingTrivia)
    return Loc(line: Int32(l.line), column: Int32(l.column))
  }

  func unsupported(_ what: String, _ node: some SyntaxProtocol) -> EvalError {
    EvalError("not supported in cells: \(what)", at: loc(node))
  }

  // MARK: - Cell

  func compileCell(_ file: SourceFileSyntax) throws -> CompiledCell {
    do {
      return try compileCellItems(file)
    } catch {
      restoreProtocols()
      restoreTypes()
      throw error
    }
  }

  func compileCellItems(_ file: SourceFileSyntax) throws -> CompiledCell {
    let items = Array(file.statements)
    // Types and top-level functions are visible from the whole cell, as in a Swift script.
    try declareProtocols(items)
    let types = try declareTypes(items)
    for pending in types { try declareHeader(pending) }
    try defineProtocolRequirements(items)
    for item in items {
      if case .decl(let decl) = item.item, let fn = decl.as(FunctionDeclSyntax.self) {
        try hoist(fn)
      }
    }
    for pending in types {
      definingRoot = pending.root
      try defineType(pending)
    }
    var protocolExtensions: [(ExtensionDeclSyntax, UserProtocol)] = []
    for item in items {
      if case .decl(let decl) = item.item, let e = decl.as(ExtensionDeclSyntax.self) {
        definingRoot = decl.id
        if let id = e.extendedType.as(IdentifierTypeSyntax.self),
          let proto = cellProtocol(named: id.name.text)
        {
          protocolExtensions.append((e, proto))
          continue
        }
        try defineExtension(e)
      }
    }
    // defaults from earlier cells' protocol extensions, then this cell's
    try applyEarlierDefaults()
    for (e, proto) in protocolExtensions {
      definingRoot = e.id
      try defineProtocolExtension(e, proto)
    }
    try checkNewConformances()
    for pending in types { try checkDescription(pending.type) }
    var body: [Stmt] = []
    var bodyLocs: [Loc] = []
    var result: CExpr?
    var resultLoc = Loc.unknown
    for (index, item) in items.enumerated() {
      if index == items.count - 1, case .expr(let expr) = item.item, !isAssignment(expr) {
        result = try compileExpr(expr)
        resultLoc = loc(expr)
      } else {
        if let s = try compileItem(item) {
          body.append(s)
          bodyLocs.append(loc(Compiler.timePlace(item)))
        }
      }
    }
    for d in deferred { try d() }
    let fn = function
    return CompiledCell(
      frameSize: { fn.slotCount }, prologue: prologue, body: body, bodyLocs: bodyLocs,
      result: result,
      resultLoc: resultLoc)
  }

  func isAssignment(_ expr: ExprSyntax) -> Bool {
    if let infix = expr.as(InfixOperatorExprSyntax.self) {
      if infix.operator.is(AssignmentExprSyntax.self) { return true }
      if let op = infix.operator.as(BinaryOperatorExprSyntax.self) {
        let t = op.operator.text
        return t.hasSuffix("=") && !["==", "!=", "<=", ">=", "===", "!=="].contains(t)
      }
    }
    return false
  }

  // MARK: - Names

  /// Declares a variable in the current scope; at a cell's top level it becomes a global.
  func declare(_ name: String, isLet: Bool, type: VType?, at node: some SyntaxProtocol) throws
    -> VarInfo
  {
    if scope.isTopLevel {
      if declaredHere.contains(name) {
        throw EvalError("invalid redeclaration of '\(name)'", at: loc(node))
      }
      declaredHere.insert(name)
      // a new binding even when an earlier cell declared the name: code declared earlier
      // keeps the binding it saw, as in Swift's REPL
      let box = Box(.void)
      let info = VarInfo(name: name, isLet: isLet, type: type, storage: .global(box))
      info.mayBeUninitialized = true
      pending[name] = PendingGlobal(info: info, isNew: true)
      return info
    }
    if scope.vars[name] != nil && !name.hasPrefix("$") {
      throw EvalError("invalid redeclaration of '\(name)'", at: loc(node))
    }
    let info = VarInfo(name: name, isLet: isLet, type: type, storage: .local(function.newSlot()))
    scope.vars[name] = info
    return info
  }

  var declaredHere: Set<String> = []

  /// Declares a parameter: always a local of the function being compiled.
  func declareLocal(_ name: String, isLet: Bool, type: VType?) throws -> VarInfo {
    let info = VarInfo(name: name, isLet: isLet, type: type, storage: .local(function.newSlot()))
    scope.vars[name] = info
    return info
  }

  func resolve(_ name: String) -> VarInfo? {
    resolve(name, from: scope, in: function)
  }

  private func resolve(_ name: String, from start: Scope?, in fn: FunctionContext) -> VarInfo? {
    var s = start
    while let current = s, current.function === fn {
      if let v = current.vars[name] { return v }
      s = current.parent
    }
    if let outerScope = s {
      guard let outer = resolve(name, from: outerScope, in: outerScope.function) else { return nil }
      guard case .local = outer.storage else { return outer }
      if let existing = fn.captures.first(where: { $0.outer === outer }) { return existing.inner }
      outer.captured = true
      let inner = VarInfo(
        name: name, isLet: outer.isLet, type: outer.type, storage: .local(fn.newSlot()))
      inner.function = outer.function
      inner.isComputed = outer.isComputed
      inner.mayBeUninitialized = outer.mayBeUninitialized
      fn.captures.append((outer, inner))
      return inner
    }
    if let p = pending[name] { return p.info }
    if let g = rt.globals[name] {
      let info = VarInfo(name: name, isLet: g.isLet, type: g.type, storage: .global(g.box))
      info.isComputed = g.isComputed
      if !g.isComputed, case .function(let c as Closure) = g.box.value { info.function = c.code }
      return info
    }
    return nil
  }

  /// Every name a cell can see here, for "did you mean".
  func visibleNames() -> [String] {
    var names = Set<String>()
    var s: Scope? = scope
    while let current = s {
      names.formUnion(current.vars.keys)
      s = current.parent
    }
    names.formUnion(pending.keys)
    names.formUnion(rt.globals.keys)
    names.formUnion(rt.builtins.globalNames)
    return names.filter { !$0.hasPrefix("$") }.sorted()
  }

  func unknownName(_ name: String, at node: some SyntaxProtocol) -> EvalError {
    EvalError(
      "cannot find '\(name)' in scope", at: loc(node),
      notes: unknownNameNotes(name, among: visibleNames()))
  }

  /// Reads a variable.
  func read(_ info: VarInfo, at node: some SyntaxProtocol) -> Expr {
    let name = info.name
    let l = loc(node)
    if info.isComputed {
      let getter = readStorage(info, name: name, at: l)
      let rt = self.rt
      return { f in
        guard case .function(let code) = try getter(f) else {
          throw EvalError("'\(name)' is used before it is defined", at: l)
        }
        return try rt.call(code, [], at: l)
      }
    }
    return readStorage(info, name: name, at: l)
  }

  private func readStorage(_ info: VarInfo, name: String, at l: Loc) -> Expr {
    switch info.storage {
    case .global(let box):
      if info.mayBeUninitialized {
        return { _ in
          let v = box.value
          if case .void = v {
            throw EvalError("'\(name)' is used before it is defined", at: l)
          }
          return v
        }
      }
      return { _ in box.value }
    case .local(let slot):
      if info.mayBeUninitialized {
        return { f in
          let v = f.slots[slot].value
          if case .void = v {
            throw EvalError("variable '\(name)' used before being initialized", at: l)
          }
          return v
        }
      }
      return { f in f.slots[slot].value }
    }
  }

  /// Stores the first value of a declared variable. Globals become visible to later cells.
  func initialize(_ info: VarInfo) -> (Frame, Value) -> Void {
    switch info.storage {
    case .global(let box):
      let name = info.name
      var global = GlobalVar(box: box, isLet: info.isLet, type: info.type)
      global.isComputed = info.isComputed
      let rt = self.rt
      let replacesType = rt.userTypes.types[name] != nil
      return { _, v in
        box.value = v
        rt.globals[name] = global
        // a later declaration replaces an earlier one of any kind: here a cell type's
        if replacesType { rt.userTypes.removeType(name) }
      }
    case .local(let slot):
      return { f, v in
        if info.captured {
          f.slots[slot] = Box(v)
        } else {
          f.slots[slot].value = v
        }
      }
    }
  }

  // MARK: - Statements

  func withScope<T>(_ body: () throws -> T) rethrows -> T {
    let saved = scope
    scope = Scope(parent: saved, function: function)
    defer { scope = saved }
    return try body()
  }

  func compileBlock(_ items: CodeBlockItemListSyntax) throws -> Stmt {
    try withScope { try compileItems(items) }
  }

  func compileItems(_ items: CodeBlockItemListSyntax) throws -> Stmt {
    try compileItems(Array(items))
  }

  func compileItems(_ items: [CodeBlockItemSyntax]) throws -> Stmt {
    // local functions may call each other regardless of order
    var functionSlots: [Int] = []
    for item in items {
      if case .decl(let decl) = item.item, let fn = decl.as(FunctionDeclSyntax.self) {
        try hoist(fn)
        if case .local(let slot)? = hoisted[fn.id]?.info.storage { functionSlots.append(slot) }
      }
    }
    let localTypesBefore = localTypeNames.count
    localBlockStarts.append(localTypesBefore)
    defer { localBlockStarts.removeLast() }
    let body = try compileSequence(items[...])
    endLocalTypes(from: localTypesBefore)
    if functionSlots.isEmpty { return body }
    return { f in
      // fresh boxes for the block's local functions, made before any of them is, so that
      // each captures the others' (and its own) for calls
      for slot in functionSlots { f.slots[slot] = Box(.void) }
      return try body(f)
    }
  }

  /// The statements of a block in order; a `defer` takes the rest of the block with it.
  func compileSequence(_ items: ArraySlice<CodeBlockItemSyntax>) throws -> Stmt {
    var stmts: [Statement] = []
    for (index, item) in zip(items.indices, items) {
      if case .stmt(let stmt) = item.item, let d = stmt.as(DeferStmtSyntax.self) {
        let deferred = try compileBlock(d.body.statements)
        let rest = try compileSequence(items[(index + 1)...])
        stmts.append(Statement(Compiler.deferring(deferred, around: rest)))
        break
      }
      if let s = try compileItem(item) { stmts.append(Statement(s)) }
    }
    return sequence(stmts)
  }

  /// `rest` of a block, then the body of the `defer` before it, however `rest` ends: normally,
  /// by `return`, `break` or `continue`, or by a thrown error (which then goes on). A trap ends
  /// the program in Swift before any deferred code runs, so here too.
  static func deferring(_ deferred: @escaping Stmt, around rest: @escaping Stmt) -> Stmt {
    { f in
      let flow: Flow
      do {
        flow = try rest(f)
      } catch let error as EvalError where error.thrown != nil {
        _ = try deferred(f)
        throw error
      }
      _ = try deferred(f)
      return flow
    }
  }

  func sequence(_ stmts: [Statement]) -> Stmt {
    switch stmts.count {
    case 0: return { _ in .next }
    case 1: return stmts[0].run
    case 2:
      let a = stmts[0].run
      let b = stmts[1].run
      return { f in
        let r = try a(f)
        guard case .next = r else { return r }
        return try b(f)
      }
    case 3...8:
      // a chain rather than a loop: each step of a loop over the array copies (and counts) a
      // closure, which a block run on every iteration of a loop pays again and again
      let first = stmts[0].run
      let rest = sequence(Array(stmts.dropFirst()))
      return { f in
        let r = try first(f)
        guard case .next = r else { return r }
        return try rest(f)
      }
    default:
      return { f in
        for s in stmts {
          let r = try s.run(f)
          guard case .next = r else { return r }
        }
        return .next
      }
    }
  }

  func compileItem(_ item: CodeBlockItemSyntax) throws -> Stmt? {
    switch item.item {
    case .decl(let decl): return try compileDecl(decl)
    case .stmt(let stmt): return try compileStmt(stmt)
    case .expr(let expr): return try exprStmt(expr)
    }
  }

  func exprStmt(_ expr: ExprSyntax) throws -> Stmt {
    if let ifExpr = expr.as(IfExprSyntax.self) { return try compileIf(ifExpr) }
    if let sw = expr.as(SwitchExprSyntax.self) { return try compileSwitch(sw) }
    let e = try compileExpr(expr).eval
    return { f in
      _ = try e(f)
      return .next
    }
  }

  func compileStmt(_ stmt: StmtSyntax) throws -> Stmt {
    if let s = stmt.as(ExpressionStmtSyntax.self) { return try exprStmt(s.expression) }
    if let s = stmt.as(ForStmtSyntax.self) { return try compileFor(s, label: nil) }
    if let s = stmt.as(WhileStmtSyntax.self) { return try compileWhile(s, label: nil) }
    if let s = stmt.as(RepeatStmtSyntax.self) { return try compileRepeat(s, label: nil) }
    if let s = stmt.as(GuardStmtSyntax.self) { return try compileGuard(s) }
    if let s = stmt.as(ReturnStmtSyntax.self) { return try compileReturn(s) }
    if let s = stmt.as(BreakStmtSyntax.self) {
      let label = s.label?.text
      try checkJump(label, isBreak: true, s)
      return { _ in .breakLoop(label) }
    }
    if let s = stmt.as(ContinueStmtSyntax.self) {
      let label = s.label?.text
      try checkJump(label, isBreak: false, s)
      return { _ in .continueLoop(label) }
    }
    if let s = stmt.as(LabeledStmtSyntax.self) {
      let label = s.label.text
      if let f = s.statement.as(ForStmtSyntax.self) { return try compileFor(f, label: label) }
      if let w = s.statement.as(WhileStmtSyntax.self) { return try compileWhile(w, label: label) }
      if let r = s.statement.as(RepeatStmtSyntax.self) { return try compileRepeat(r, label: label) }
      throw unsupported("labels on this statement", s)
    }
    if let s = stmt.as(DoStmtSyntax.self) { return try compileDo(s) }
    if stmt.is(ThrowStmtSyntax.self) { throw unsupported("'throw'", stmt) }
    if stmt.is(DeferStmtSyntax.self) { throw unsupported("'defer'", stmt) }
    if stmt.is(FallThroughStmtSyntax.self) {
      throw unsupported("'fallthrough' other than as the last statement of a case", stmt)
    }
    if stmt.is(YieldStmtSyntax.self) { throw unsupported("'yield'", stmt) }
    if stmt.is(DiscardStmtSyntax.self) { throw unsupported("'discard'", stmt) }
    throw unsupported("this statement", stmt)
  }

  /// `do { try ... } catch { ... }`: the catch clause sees the error a library call threw
  /// (as `error`, or the name of `catch let e`); traps such as an index out of range are not
  /// thrown errors in Swift and pass through.
  func compileDo(_ s: DoStmtSyntax) throws -> Stmt {
    if let t = s.throwsClause { throw unsupported("typed throws", t) }
    guard let clause = s.catchClauses.first else { return try compileBlock(s.body.statements) }
    if s.catchClauses.count > 1 {
      throw unsupported("several catch clauses (cells have one error type)", s.catchClauses)
    }
    var name = "error"
    if let item = clause.catchItems.first {
      guard clause.catchItems.count == 1, item.whereClause == nil,
        let binding = item.pattern?.as(ValueBindingPatternSyntax.self),
        let id = binding.pattern.as(IdentifierPatternSyntax.self)
      else {
        throw unsupported("catch patterns other than 'catch' and 'catch let name'", item)
      }
      name = id.identifier.text
    }
    let savedHandled = errorsHandled
    errorsHandled = true
    let body = try compileBlock(s.body.statements)
    errorsHandled = savedHandled
    let (store, handler) = try withScope { () throws -> ((Frame, Value) -> Void, Stmt) in
      let info = try declare(name, isLet: true, type: .native("Error"), at: clause)
      return (initialize(info), try compileItems(clause.body.statements))
    }
    return { f in
      do {
        return try body(f)
      } catch let error as EvalError where error.thrown != nil {
        store(f, .native(NativeObject.make(type: CaughtError.type, object: error.thrown!)))
        return try handler(f)
      }
    }
  }

  /// Swift's error for a call known to throw here (`throwingRefusal`), if any.
  func checkHandled(throwing: Bool, at l: Loc) throws {
    if throwing, let refusal = throwingRefusal(start: l) { throw refusal }
  }

  func checkJump(_ label: String?, isBreak: Bool, _ node: some SyntaxProtocol) throws {
    if let label {
      if !breakTargets.contains(where: { $0.label == label }) {
        throw EvalError("cannot find label '\(label)' in scope", at: loc(node))
      }
    } else if isBreak {
      // an unlabeled break leaves a loop or a switch, not an `if`
      if !breakTargets.contains(where: { $0.isLoop || $0.label == nil }) {
        throw EvalError(
          breakTargets.isEmpty
            ? "'break' is only allowed inside a loop, if, do, or switch"
            : "unlabeled 'break' is only allowed inside a loop or switch, a labeled break is required to exit an if or do",
          at: loc(node))
      }
    } else if !breakTargets.contains(where: { $0.isLoop }) {
      throw EvalError("'continue' is only allowed inside a loop", at: loc(node))
    }
  }

  /// The break target an `if` pushes: a `break` may stand in it, but an unlabeled one leaves
  /// only a loop or a switch around it.
  static let ifBreakTarget = "\u{0}if"

  func loopBody(_ body: CodeBlockSyntax, label: String?) throws -> Stmt {
    breakTargets.append((label, true))
    defer { breakTargets.removeLast() }
    return try compileBlock(body.statements)
  }

  /// What a loop does after its body ran: nil to go on, or the flow to leave with.
  @inline(__always)
  static func afterBody(_ r: Flow, _ label: String?) -> Flow? {
    switch r {
    case .next: return nil
    case .breakLoop(let l): return l == nil || l == label ? .next : r
    case .continueLoop(let l): return l == nil || l == label ? nil : r
    case .returned: return r
    }
  }

  func compileWhile(_ s: WhileStmtSyntax, label: String?) throws -> Stmt {
    return try withScope {
      let cond = try compileConditions(s.conditions)
      let body = try loopBody(s.body, label: label)
      let rt = self.rt
      let l = loc(s)
      return { f in
        while try cond(f) {
          try rt.tick(l)
          if let out = Compiler.afterBody(try body(f), label) { return out }
        }
        return .next
      }
    }
  }

  func compileRepeat(_ s: RepeatStmtSyntax, label: String?) throws -> Stmt {
    let body = try loopBody(s.body, label: label)
    let cond = try condition(s.condition)
    let rt = self.rt
    let l = loc(s)
    return { f in
      repeat {
        try rt.tick(l)
        if let out = Compiler.afterBody(try body(f), label) { return out }
      } while try cond(f)
      return .next
    }
  }

  func condition(_ expr: ExprSyntax, context: BoolContext = .condition) throws -> (Frame) throws
    -> Bool
  {
    if let assignment = expr.as(InfixOperatorExprSyntax.self)?.operator,
      assignment.is(AssignmentExprSyntax.self)
    {
      throw EvalError("use of '=' in a boolean context, did you mean '=='?", at: loc(assignment))
    }
    let c = try compileExpr(expr, expected: .bool)
    let e = c.eval
    let l = loc(expr)
    let literal = expr.as(IntegerLiteralExprSyntax.self)?.literal.text
    if let t = c.type, t != .bool, Compiler.isConcrete(t) {
      throw Compiler.notBool(t, literal: literal, context: context, at: l)
    }
    return { f in
      let v = try e(f)
      guard case .bool(let b) = v else {
        throw Compiler.notBool(v.type, literal: literal, context: context, at: l)
      }
      return b
    }
  }

  /// `if`/`while`/`guard` conditions: expressions, `let x = optional`, `case pattern = value`.
  /// Bindings are declared in the current scope.
  func compileConditions(_ list: ConditionElementListSyntax) throws -> (Frame) throws -> Bool {
    var parts: [(Frame) throws -> Bool] = []
    for element in list {
      switch element.condition {
      case .expression(let e):
        parts.append(try condition(e))
      case .optionalBinding(let b):
        guard let pattern = b.pattern.as(IdentifierPatternSyntax.self) else {
          throw unsupported("this pattern in an optional binding", b.pattern)
        }
        let name = pattern.identifier.text
        let sourceExpr: CExpr
        if let initializer = b.initializer {
          sourceExpr = try compileExpr(initializer.value)
        } else {
          guard let v = resolve(name) else { throw unknownName(name, at: pattern) }
          sourceExpr = CExpr(read(v, at: pattern))
        }
        let declaredType = try b.typeAnnotation.map { try resolveType($0.type) }
        let info = try declare(
          name, isLet: b.bindingSpecifier.tokenKind == .keyword(.let), type: declaredType,
          at: pattern)
        let store = initialize(info)
        let source = sourceExpr.eval
        let l = loc(b)
        parts.append { f in
          let v = try source(f)
          guard case .optional(let wrapped) = v else {
            throw EvalError(
              "initializer for conditional binding must have Optional type, not '\(v.typeName)'",
              at: l)
          }
          guard let wrapped else { return false }
          store(f, wrapped)
          return true
        }
      case .matchingPattern(let m):
        let value = try compileExpr(m.initializer.value)
        let match = try compilePattern(m.pattern, bindsByDefault: false)
        let e = value.eval
        parts.append { f in try match(f, try e(f)) }
      case .availability(let a):
        throw unsupported("availability conditions", a)
      }
    }
    if parts.count == 1 { return parts[0] }
    return { f in
      for p in parts where !(try p(f)) { return false }
      return true
    }
  }

  func compileIf(_ s: IfExprSyntax) throws -> Stmt {
    let (cond, body) = try withScope { () throws -> ((Frame) throws -> Bool, Stmt) in
      let c = try compileConditions(s.conditions)
      breakTargets.append((Compiler.ifBreakTarget, false))
      defer { breakTargets.removeLast() }
      return (c, try compileBlock(s.body.statements))
    }
    var elseStmt: Stmt?
    switch s.elseBody {
    case .ifExpr(let nested): elseStmt = try compileIf(nested)
    case .codeBlock(let block):
      breakTargets.append((Compiler.ifBreakTarget, false))
      defer { breakTargets.removeLast() }
      elseStmt = try compileBlock(block.statements)
    case nil: break
    }
    if let elseStmt {
      return { f in try cond(f) ? try body(f) : try elseStmt(f) }
    }
    return { f in try cond(f) ? try body(f) : .next }
  }

  func compileGuard(_ s: GuardStmtSyntax) throws -> Stmt {
    // the bindings stay visible after the guard, so they go into the enclosing scope
    let cond = try compileConditions(s.conditions)
    let body = try compileBlock(s.body.statements)
    if !Compiler.leavesScope(s.body.statements) {
      throw EvalError(
        "'guard' body must not fall through, consider using a 'return' or 'throw' to exit the scope",
        at: loc(s.body))
    }
    return { f in try cond(f) ? .next : try body(f) }
  }

  static func leavesScope(_ items: CodeBlockItemListSyntax) -> Bool {
    guard let last = items.last else { return false }
    if case .stmt(let s) = last.item {
      if s.is(ReturnStmtSyntax.self) || s.is(BreakStmtSyntax.self) || s.is(ContinueStmtSyntax.self)
        || s.is(ThrowStmtSyntax.self)
      {
        return true
      }
    }
    if case .expr(let e) = last.item, let call = e.as(FunctionCallExprSyntax.self),
      let name = call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text,
      name == "fatalError"
    {
      return true
    }
    return false
  }

  func compileReturn(_ s: ReturnStmtSyntax) throws -> Stmt {
    guard function.parent != nil else {
      throw EvalError("'return' is only allowed inside a function or closure", at: loc(s))
    }
    guard let e = s.expression else {
      return { f in
        f.returnValue = .void
        return .returned
      }
    }
    let c = try compileExpr(e, expected: function.returnType)
    try checkReturnType(c, function.returnType, at: e)
    let eval = c.eval
    if let type = function.returnType, type != .any {
      let asDouble = c.asDouble
      let l = loc(e)
      return { f in
        let v = try eval(f)
        f.returnValue = try coerce(
          v, asDouble: try asDouble?(f), to: type, context: .returnValue
        ).get(at: l)
        return .returned
      }
    }
    return { f in
      f.returnValue = try eval(f)
      return .returned
    }
  }

  // MARK: - For-in

  func compileFor(_ s: ForStmtSyntax, label: String?) throws -> Stmt {
    if let t = s.tryKeyword { throw unsupported("'for try'", t) }
    if let a = s.awaitKeyword { throw unsupported("'for await'", a) }
    if s.caseKeyword != nil { throw unsupported("'for case'", s) }
    let sequenceExpr = try compileExpr(s.sequence)
    let rt = self.rt
    let l = loc(s)
    return try withScope {
      // fast path: `for i in a..<b` / `a...b` with a simple name
      let bind = try compileBinding(s.pattern, type: Compiler.sequenceElement(sequenceExpr))
      let whereCond = try s.whereClause.map { try condition($0.condition) }
      let body = try loopBody(s.body, label: label)
      let seq = sequenceExpr.eval
      let seqLoc = loc(s.sequence)
      // a plain loop variable no closure captures is stored straight into its slot
      var directSlot: Int?
      if let id = s.pattern.as(IdentifierPatternSyntax.self),
        let info = scope.vars[id.identifier.text],
        !info.captured, case .local(let slot) = info.storage, whereCond == nil
      {
        directSlot = slot
      }
      if let slot = directSlot {
        let generic = { (f: Frame, sequence: Value) throws -> Flow in
          var result = Flow.next
          try rt.iterate(sequence, at: seqLoc) { item in
            try rt.tick(l)
            f.slots[slot].value = item
            let out = Compiler.afterBody(try body(f), label)
            if let out { result = out }
            return out
          }
          return result
        }
        return { f in
          let sequence = try seq(f)
          guard case .range(let r) = sequence, case .int(let lo) = r.lower,
            case .int(let hi) = r.upper
          else { return try generic(f, sequence) }
          if r.closed ? lo > hi : lo >= hi { return .next }
          let end = r.closed ? hi : hi - 1
          if lo > end { return .next }
          let box = f.slots[slot]
          var i = lo
          while true {
            try rt.tick(l)
            box.value = .int(i)
            if let out = Compiler.afterBody(try body(f), label) { return out }
            if i == end { break }
            i += 1
          }
          return .next
        }
      }
      return { f in
        let sequence = try seq(f)
        if case .range(let r) = sequence, case .int(let lo) = r.lower, case .int(let hi) = r.upper {
          if r.closed ? lo > hi : lo >= hi { return .next }
          let end = r.closed ? hi : hi - 1
          if lo > end { return .next }
          var i = lo
          while true {
            try rt.tick(l)
            try bind(f, .int(i))
            if let whereCond, !(try whereCond(f)) {
            } else if let out = Compiler.afterBody(try body(f), label) {
              return out
            }
            if i == end { break }
            i += 1
          }
          return .next
        }
        var result = Flow.next
        try rt.iterate(sequence, at: seqLoc) { item in
          try rt.tick(l)
          try bind(f, item)
          if let whereCond, !(try whereCond(f)) { return nil }
          let out = Compiler.afterBody(try body(f), label)
          if let out { result = out }
          return out
        }
        return result
      }
    }
  }

  // MARK: - Declarations

  func compileDecl(_ decl: DeclSyntax) throws -> Stmt? {
    if let v = decl.as(VariableDeclSyntax.self) { return try compileVariable(v) }
    if decl.is(ProtocolDeclSyntax.self) {
      // declared with the cell's types
      guard scope.isTopLevel else {
        throw unsupported("protocols declared inside a function or block", decl)
      }
      return nil
    }
    if decl.is(ExtensionDeclSyntax.self) || decl.is(StructDeclSyntax.self)
      || decl.is(EnumDeclSyntax.self)
    {
      // defined with the cell's types, before its statements
      guard scope.isTopLevel else {
        if decl.is(ExtensionDeclSyntax.self) {
          throw unsupported("extensions inside a function or block", decl)
        }
        try declareLocalType(decl)
        let stmts = try (staticInitializers[decl.id] ?? []).map { Statement(try $0()) }
        return stmts.isEmpty ? nil : sequence(stmts)
      }
      // `static let`s (nested types' too) get their values where the declaration stands
      let stmts = try (staticInitializers[decl.id] ?? []).map { Statement(try $0()) }
      return stmts.isEmpty ? nil : sequence(stmts)
    }
    if let fn = decl.as(FunctionDeclSyntax.self) { return try compileFunctionDecl(fn) }
    if let imp = decl.as(ImportDeclSyntax.self) {
      let module = imp.path.map(\.name.text).joined(separator: ".")
      if module == "Swift" || Self.cellModules.contains(module) { return nil }
      throw EvalError(
        "no module '\(module)' in cells (available: \(Self.cellModules.joined(separator: ", ")))",
        at: loc(imp))
    }
    let what: String
    switch decl.kind {
    case .classDecl: what = "class declarations"
    case .protocolDecl: what = "protocol declarations"
    case .extensionDecl: what = "extensions"
    case .actorDecl: what = "actors"
    case .typeAliasDecl: what = "typealias declarations"
    case .operatorDecl, .precedenceGroupDecl: what = "operator declarations"
    case .initializerDecl: what = "initializers outside a type"
    case .subscriptDecl: what = "subscript declarations"
    case .macroDecl, .macroExpansionDecl: what = "macros"
    case .associatedTypeDecl: what = "associated types"
    case .ifConfigDecl: what = "#if"
    default: what = "this declaration"
    }
    throw unsupported(what, decl)
  }

  /// The modules a cell may import (besides `Swift`): what it sees without importing anything.
  static let cellModules = ["Foundation", "DLCore", "Charts", "DLCharts"]

  /// Refuses modifiers, except `internal`, which is what a declaration without a modifier
  /// is. The other access modifiers come with rules Swift checks (a variable of a
  /// `fileprivate` type must itself be `fileprivate`, a `public` function cannot take an
  /// `internal` type, a `private` member is hidden outside its type) that cells do not check,
  /// so they are refused rather than ignored.
  func checkModifiers(_ modifiers: DeclModifierListSyntax) throws {
    for m in modifiers {
      let name = m.name.text
      let access = ["public", "package", "internal", "fileprivate", "private"]
      if access.contains(name) && (!scope.isTopLevel || function.parent != nil) {
        throw EvalError("attribute '\(name)' can only be used in a non-local scope", at: loc(m))
      }
      switch name {
      case "internal": continue
      case "open":
        throw EvalError(
          "only classes and overridable class members can be declared 'open'; use 'public'",
          at: loc(m))
      case _ where access.contains(name):
        throw unsupported(
          "'\(m.trimmedDescription)' (cells do not check Swift's access rules; leave the modifier out)",
          m)
      default: throw unsupported("'\(name)' modifiers", m)
      }
    }
  }

  func compileVariable(_ v: VariableDeclSyntax) throws -> Stmt {
    try checkModifiers(v.modifiers)
    if let attribute = v.attributes.first { throw unsupported("attributes", attribute) }
    let isLet = v.bindingSpecifier.tokenKind == .keyword(.let)
    var stmts: [Statement] = []
    for binding in v.bindings {
      if let accessors = binding.accessorBlock {
        stmts += try compileComputedVariable(binding, accessors, isLet: isLet)
        continue
      }
      let type = try binding.typeAnnotation.map { try resolveType($0.type) }
      guard let initializer = binding.initializer else {
        // `var x: Int` then assigned later
        guard let id = binding.pattern.as(IdentifierPatternSyntax.self), let type else {
          throw EvalError(
            "type annotation missing in pattern", at: loc(binding.pattern))
        }
        let info = try declare(id.identifier.text, isLet: isLet, type: type, at: id)
        info.mayBeUninitialized = true
        info.assignedLater = true
        continue
      }
      var implicitCall = false
      if let call = initializer.value.as(FunctionCallExprSyntax.self),
        Compiler.isImplicitMember(call.calledExpression)
      {
        implicitCall = true
      }
      if type == nil, Compiler.isImplicitMember(initializer.value) || implicitCall {
        var member = initializer.value
        if implicitCall {
          member = initializer.value.cast(FunctionCallExprSyntax.self).calledExpression
        }
        if let p = member.as(PrefixOperatorExprSyntax.self) { member = p.expression }
        let name = member.cast(MemberAccessExprSyntax.self).declName
        throw EvalError(
          "reference to member '\(name.baseName.text)' cannot be resolved without a contextual type",
          at: loc(name))
      }
      var value = try compileExpr(initializer.value, expected: type)
      if let annotation = binding.typeAnnotation, let proto = protocolNamed(by: annotation.type),
        conforms(value.type, to: proto) == false, let have = value.type
      {
        throw EvalError(
          "value of type '\(have.name)' does not conform to specified type '\(proto.name)'",
          at: loc(initializer.value))
      }
      if type == nil, value.needsContext {
        throw EvalError(
          initializer.value.is(NilLiteralExprSyntax.self)
            ? "'nil' requires a contextual type"
            : "empty collection literal requires an explicit type",
          at: loc(initializer.value))
      }
      if let type, type != .any {
        try checkConversion(value, to: type, context: .annotation, at: initializer.value)
        let e = value.eval
        let d = value.asDouble
        let l = swiftAnchor(initializer.value)
        value = CExpr(
          { f in
            try coerce(try e(f), asDouble: try d?(f), to: type, context: .annotation).get(at: l)
          }, type: type)
      }
      let bind = try compileBinding(
        binding.pattern, type: type ?? value.type ?? Compiler.literalDefaultType(initializer.value),
        isLet: isLet, function: functionValueCode(value))
      let e = value.eval
      stmts.append(
        Statement { f in
          try bind(f, try e(f))
          return .next
        })
    }
    return sequence(stmts)
  }

  func functionValueCode(_ value: CExpr) -> FunctionCode? { nil }

  /// `var area: Double { w * h }` outside a type: a getter run at every read, declared like a
  /// function (a top-level one sees the cell's later declarations).
  func compileComputedVariable(
    _ binding: PatternBindingSyntax, _ accessors: AccessorBlockSyntax, isLet: Bool
  ) throws -> [Statement] {
    if case .accessors(let list) = accessors.accessors,
      list.contains(where: {
        [.keyword(.willSet), .keyword(.didSet)].contains($0.accessorSpecifier.tokenKind)
      })
    {
      throw unsupported("observers of variables outside a type", accessors)
    }
    if isLet {
      throw EvalError("'let' declarations cannot be computed properties", at: loc(accessors))
    }
    guard let id = binding.pattern.as(IdentifierPatternSyntax.self) else {
      throw unsupported("this pattern in a computed variable", binding.pattern)
    }
    guard let annotation = binding.typeAnnotation else {
      throw EvalError("computed property must have an explicit type", at: loc(binding.pattern))
    }
    if let initializer = binding.initializer {
      throw EvalError(
        "variable with getter/setter cannot have an initial value", at: loc(initializer.value))
    }
    let (body, setter) = try getterAndSetter(accessors, of: "computed variable")
    if let setter {
      throw unsupported("setters of computed variables outside a type", setter)
    }
    let type = try resolveType(annotation.type)
    let name = id.identifier.text
    let code = FunctionCode(name: name, loc: loc(id), in: rt)
    code.returnType = type
    let info = try declare(name, isLet: true, type: type, at: id)
    info.isComputed = true
    let ctx = FunctionContext(parent: function, code: code)
    ctx.returnType = type
    let outer = scope
    let closing = accessors.rightBrace
    let bodyCompile = { [unowned self] in
      if !Compiler.isSingleExpression(body) && !Compiler.alwaysExits(body) {
        throw EvalError(
          "missing return in getter expected to return '\(type.name)'", at: self.loc(closing))
      }
      try self.compileFunctionBody(ctx, outer: outer, code: code, params: nil) {
        try self.compileItems(body)
      } implicitReturn: {
        if body.count == 1, case .expr(let e) = body.first!.item { return e }
        if Compiler.isSingleExpression(body), case .stmt(let s) = body.first!.item,
          let e = s.as(ExpressionStmtSyntax.self)?.expression
        {
          return e
        }
        return nil
      }
    }
    let make = makeClosure(ctx, code: code)
    let store = initialize(info)
    let stmt = Statement { f in
      store(f, .function(make(f)))
      return .next
    }
    if scope.isTopLevel {
      deferred.append(bodyCompile)
      prologue.append(stmt.run)
      return []
    }
    try bodyCompile()
    return [stmt]
  }

  /// Declares the names of a `let`/`var`/`for` pattern and returns how to bind a value to them.
  func compileBinding(
    _ pattern: PatternSyntax, type: VType?, isLet: Bool = true, function code: FunctionCode? = nil
  ) throws -> (Frame, Value) throws -> Void {
    if let id = pattern.as(IdentifierPatternSyntax.self) {
      let info = try declare(id.identifier.text, isLet: isLet, type: type, at: id)
      info.function = code
      let store = initialize(info)
      return { f, v in store(f, v) }
    }
    if pattern.is(WildcardPatternSyntax.self) { return { _, _ in } }
    if let tuple = pattern.as(TuplePatternSyntax.self) {
      var parts: [(Frame, Value) throws -> Void] = []
      for (i, element) in tuple.elements.enumerated() {
        var elementType: VType?
        if case .tuple(_, let types)? = type, i < types.count { elementType = types[i] }
        parts.append(try compileBinding(element.pattern, type: elementType, isLet: isLet))
      }
      let count = parts.count
      let l = loc(pattern)
      return { f, v in
        guard case .tuple(let t) = v, t.items.count == count else {
          throw EvalError(
            "cannot destructure a value of type '\(v.typeName)' into a tuple of \(count) names",
            at: l)
        }
        for (part, item) in zip(parts, t.items) { try part(f, item) }
      }
    }
    if let binding = pattern.as(ValueBindingPatternSyntax.self) {
      return try compileBinding(
        binding.pattern, type: type, isLet: binding.bindingSpecifier.tokenKind == .keyword(.let))
    }
    throw unsupported("this pattern", pattern)
  }

  // MARK: - Functions

  /// Registers a function's name before its body is compiled, so calls may precede it.
  func hoist(_ fn: FunctionDeclSyntax) throws {
    try checkModifiers(fn.modifiers)
    let code = try functionSignature(fn)
    let info = try declare(code.name, isLet: true, type: nil, at: fn.name)
    info.function = code
    info.mayBeUninitialized = false
    hoisted[fn.id] = HoistedFunction(code: code, info: info)
  }

  /// A function's name, parameters, result type and effects (its body comes later).
  func functionSignature(_ fn: FunctionDeclSyntax) throws -> FunctionCode {
    let generics = try genericSignature(fn.genericParameterClause, fn.genericWhereClause)
    if let generics { genericSignatures[fn.id] = generics }
    if let e = fn.signature.effectSpecifiers?.asyncSpecifier {
      throw unsupported("async functions", e)
    }
    if let attribute = fn.attributes.first { throw unsupported("attributes", attribute) }
    let name = fn.name.text
    if case .binaryOperator = fn.name.tokenKind { throw unsupported("operator functions", fn.name) }
    let code = FunctionCode(name: name, loc: loc(fn), in: rt)
    code.isThrowing = fn.signature.effectSpecifiers?.throwsClause != nil
    try withGenerics(generics) {
      code.returnType = try fn.signature.returnClause.map { try resolveType($0.type) } ?? .void
      code.params = try parameters(fn.signature.parameterClause.parameters)
    }
    return code
  }

  func parameters(_ list: FunctionParameterListSyntax) throws -> [Param] {
    var params: [Param] = []
    for p in list {
      if let e = p.ellipsis { throw unsupported("variadic parameters", e) }
      var isInout = false
      var typeSyntax = p.type
      if let attributed = p.type.as(AttributedTypeSyntax.self) {
        for attribute in attributed.attributes {
          guard case .attribute(let a) = attribute, a.attributeName.trimmedDescription == "escaping"
          else { throw unsupported("this parameter attribute", attribute) }
        }
        for specifier in attributed.specifiers {
          guard
            specifier.as(SimpleTypeSpecifierSyntax.self)?.specifier.tokenKind == .keyword(.inout)
          else { throw unsupported("this parameter specifier", specifier) }
          isInout = true
        }
        typeSyntax = attributed.baseType
      }
      let label = p.firstName.text == "_" ? nil : p.firstName.text
      let internalName = p.secondName?.text ?? p.firstName.text
      params.append(
        Param(
          label: label, name: internalName, type: try resolveType(typeSyntax), isInout: isInout,
          hasDefault: p.defaultValue != nil))
    }
    return params
  }

  struct HoistedFunction {
    var code: FunctionCode
    var info: VarInfo
  }
  var hoisted: [SyntaxIdentifier: HoistedFunction] = [:]

  func compileFunctionDecl(_ fn: FunctionDeclSyntax) throws -> Stmt? {
    guard let h = hoisted[fn.id] else {
      throw EvalError("internal: function '\(fn.name.text)' was not registered", at: loc(fn))
    }
    guard let body = fn.body else {
      throw EvalError("expected '{' in body of function declaration", at: loc(fn))
    }
    let code = h.code
    let kind = scope.isTopLevel ? "global function" : "local function"
    let ctx = FunctionContext(parent: function, code: code)
    ctx.returnType = code.returnType
    let outer = scope
    let plainCompile: () throws -> Void = { [unowned self] in
      try self.checkMissingReturn(body, code, kind: kind)
      try self.compileFunctionBody(
        ctx, outer: outer, code: code, params: fn.signature.parameterClause.parameters
      ) {
        try self.compileItems(body.statements)
      } implicitReturn: {
        // a body that is one expression returns it
        if body.statements.count == 1, case .expr(let e) = body.statements.first!.item,
          code.returnType != .void
        {
          return e
        }
        // so does one `if` or `switch` whose branches are single expressions
        if code.returnType != .void, Compiler.isSingleExpression(body.statements),
          case .stmt(let s) = body.statements.first!.item,
          let e = s.as(ExpressionStmtSyntax.self)?.expression
        {
          return e
        }
        return nil
      }
    }
    let generics = genericSignatures[fn.id]
    let bodyCompile = { [unowned self] in
      try self.withGenerics(generics) {
        if generics != nil {
          try self.refuseLiteralsOfGenericType(body, returnType: fn.signature.returnClause?.type)
        }
        try plainCompile()
        self.addArgumentChecks(generics, code, fn.signature.parameterClause.parameters, kind: kind)
      }
    }
    let make = makeClosure(ctx, code: code)
    let store = initialize(h.info)
    var ownSlot: Int?
    if case .local(let slot) = h.info.storage { ownSlot = slot }
    let stmt: Stmt = { f in
      if let ownSlot {
        // into the box the block made on entry, which the block's local functions (this one
        // too, when it recurses) have captured
        f.slots[ownSlot].value = .function(make(f))
      } else {
        store(f, .function(make(f)))
      }
      return .next
    }
    if scope.isTopLevel {
      deferred.append(bodyCompile)
      prologue.append(stmt)
      return nil
    }
    try bodyCompile()
    return stmt
  }

  /// Compiles a function body in its own context, with its parameters declared.
  func compileFunctionBody(
    _ ctx: FunctionContext, outer: Scope, code: FunctionCode, params: FunctionParameterListSyntax?,
    body: () throws -> Stmt, implicitReturn: () -> ExprSyntax?
  ) throws {
    let savedScope = scope
    let savedFunction = function
    let savedTargets = breakTargets
    let savedTry = inTry
    let savedHandled = errorsHandled
    function = ctx
    scope = Scope(parent: outer, function: ctx)
    breakTargets = []
    inTry = false
    errorsHandled = code.isThrowing
    defer {
      scope = savedScope
      function = savedFunction
      breakTargets = savedTargets
      inTry = savedTry
      errorsHandled = savedHandled
    }
    // defaults are compiled where the parameters are not yet visible
    if let params {
      for (i, p) in params.enumerated() {
        if let d = p.defaultValue {
          let c = try compileExpr(d.value, expected: code.params[i].type)
          let type = code.params[i].type
          let l = loc(d.value)
          if let type {
            let e = c.eval
            let asDouble = c.asDouble
            var coerced = CExpr(
              { f in
                try coerce(try e(f), asDouble: try asDouble?(f), to: type, context: .argument).get(
                  at: l)
              })
            coerced.type = type
            code.params[i].defaultValue = coerced
          } else {
            code.params[i].defaultValue = c
          }
        }
      }
    }
    for i in code.params.indices {
      let p = code.params[i]
      let info = try declareLocal(p.name, isLet: !p.isInout, type: p.type)
      guard case .local(let slot) = info.storage else { continue }
      code.params[i].slot = slot
    }
    let stmt: Stmt
    if let e = implicitReturn() {
      let c = try compileExpr(e, expected: code.returnType)
      try checkReturnType(c, code.returnType, at: e)
      let eval = c.eval
      let asDouble = c.asDouble
      let l = loc(e)
      if let type = code.returnType, type != .any {
        stmt = { f in
          f.returnValue = try coerce(
            try eval(f), asDouble: try asDouble?(f), to: type, context: .returnValue
          )
          .get(at: l)
          return .returned
        }
      } else {
        stmt = { f in
          f.returnValue = try eval(f)
          return .returned
        }
      }
    } else {
      stmt = try body()
    }
    code.body = stmt
    code.frameSize = ctx.slotCount
    code.captureSlots = ctx.captures.map {
      guard case .local(let slot) = $0.inner.storage else { return 0 }
      return slot
    }
  }

  /// Builds the closure value at run time, capturing the boxes of the enclosing frame.
  func makeClosure(_ ctx: FunctionContext, code: FunctionCode) -> (Frame) -> Closure {
    { f in
      var boxes: [Box] = []
      boxes.reserveCapacity(ctx.captures.count)
      for c in ctx.captures {
        switch c.outer.storage {
        case .local(let slot): boxes.append(f.slots[slot])
        case .global(let box): boxes.append(box)
        }
      }
      return Closure(code: code, captured: boxes)
    }
  }
}

/// The value `catch` binds: the library's error, printed as Swift prints it.
enum CaughtError {
  nonisolated(unsafe) static let type = NativeType(name: "Error") { object, _ in
    String(describing: object)
  }
}
