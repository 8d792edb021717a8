import Foundation
@_spi(Compiler) import SwiftParser
import SwiftSyntax

/// Thrown inside an optional chain when a link is nil; the chain's top turns it into nil.
struct ChainIsNil: Error {}

/// A place an expression can write to.
struct LValue {
  var get: Expr
  /// Runs `body` on the stored value in place (so arrays mutate without copying).
  var modify: (Frame, (inout Value) throws -> Value) throws -> Value
  /// Stores a new value; the second argument is the value re-typed as Double for literals.
  var set: (Frame, Value, Value?) throws -> Void
  /// Why the place cannot change (`'x' is a 'let' constant`), if it cannot.
  var immutable: String?
  var staticType: VType?
  /// The frame slot, for a plain local variable (lets compound assignment take a fast path).
  var localSlot: Int? = nil
  /// The box, for a plain global (a cell's top-level variable), for the same fast path.
  var globalBox: Box? = nil

  /// `place` when a mutating member of a value of type `typeName` may change it; Swift's error
  /// at `l` when there is no place (a temporary) or the place is a constant.
  @inline(__always)
  static func mutable(_ place: LValue?, typeName: String, at l: Loc) throws -> LValue {
    guard let place else {
      throw EvalError(
        "cannot use mutating member on immutable value of type '\(typeName)'", at: l)
    }
    if let reason = place.immutable {
      throw EvalError("cannot use mutating member on immutable value: \(reason)", at: l)
    }
    return place
  }
}

extension Compiler {
  func compileExpr(_ expr: ExprSyntax, expected: VType? = nil) throws -> CExpr {
    var chained = false
    var c = try compileExpr(expr, expected: expected, chain: &chained)
    // the context fixed the literal's type
    if let expected, expected != .any { c.asDouble = nil }
    guard chained else { return c }
    let e = c.eval
    // `xs?.first` is as optional as `xs.first`; `p?.w` of a Double `w` is a `Double?`
    var type: VType?
    if let t = c.type, t != .any { type = if case .optional = t { t } else { .optional(t) } }
    var made = CExpr { f in
      do {
        let v = try e(f)
        if case .optional = v { return v }
        return .optional(v)
      } catch is ChainIsNil {
        return .none
      }
    }
    made.type = type
    return made
  }

  /// Compiles `expr`; `chain` becomes true when an optional chain (`x?.y`) runs through it.
  func compileExpr(_ expr: ExprSyntax, expected: VType?, chain: inout Bool) throws -> CExpr {
    let l = loc(expr)
    switch expr.kind {
    case .integerLiteralExpr:
      let lit = expr.cast(IntegerLiteralExprSyntax.self)
      guard let n = lit.representedLiteralValue else {
        throw EvalError(
          "integer literal '\(lit.literal.text)' overflows when stored into 'Int'", at: l)
      }
      if expected == .double || expected == .optional(.double) {
        return .constant(.double(Double(n)))
      }
      return .constant(.int(n), asDouble: .double(Double(n)))
    case .floatLiteralExpr:
      let lit = expr.cast(FloatLiteralExprSyntax.self)
      guard let d = lit.representedLiteralValue else {
        throw EvalError("invalid floating-point literal '\(lit.literal.text)'", at: l)
      }
      return .constant(.double(d))
    case .booleanLiteralExpr:
      return .constant(
        .bool(expr.cast(BooleanLiteralExprSyntax.self).literal.tokenKind == .keyword(.true)))
    case .nilLiteralExpr:
      var c = CExpr.constant(.none)
      c.needsContext = true
      c.type = expected
      return c
    case .stringLiteralExpr:
      var c = try compileString(expr.cast(StringLiteralExprSyntax.self))
      if expected == .character || expected == .optional(.character),
        case .character(let ch)? = try c.asDouble?(Frame(size: 0))
      {
        c = .constant(.character(ch))
      }
      return c
    case .arrayExpr:
      return try compileArray(expr.cast(ArrayExprSyntax.self), expected: expected)
    case .dictionaryExpr:
      return try compileDictionary(expr.cast(DictionaryExprSyntax.self), expected: expected)
    case .tupleExpr:
      let t = expr.cast(TupleExprSyntax.self)
      if t.elements.count == 1, t.elements.first!.label == nil {
        return try compileExpr(t.elements.first!.expression, expected: expected, chain: &chain)
      }
      return try compileTuple(t, expected: expected)
    case .declReferenceExpr:
      return try compileName(expr.cast(DeclReferenceExprSyntax.self), expected: expected)
    case .memberAccessExpr:
      return try compileMember(
        expr.cast(MemberAccessExprSyntax.self), expected: expected, chain: &chain)
    case .functionCallExpr:
      let call = expr.cast(FunctionCallExprSyntax.self)
      if let wrapping = try compileOptionalInit(call) { return wrapping }
      try refuseSubstringFormatArguments(call)
      try refuseSubstringTypeOf(call)
      return try compileCall(call, expected: expected, chain: &chain)
    case .subscriptCallExpr:
      return try compileSubscript(expr.cast(SubscriptCallExprSyntax.self), chain: &chain)
    case .infixOperatorExpr:
      return try compileInfix(expr.cast(InfixOperatorExprSyntax.self), expected: expected)
    case .prefixOperatorExpr:
      return try compilePrefix(expr.cast(PrefixOperatorExprSyntax.self), expected: expected)
    case .postfixOperatorExpr:
      let p = expr.cast(PostfixOperatorExprSyntax.self)
      if p.operator.text == "..." {
        let compiled = try compileExpr(p.expression)
        let base = compiled.eval
        var c = CExpr { f in .range(RangeValue(lower: try base(f), upper: .void, closed: false)) }
        if let d = compiled.asDouble {
          // `case 90...:` over a Double
          c.asDouble = { f in .range(RangeValue(lower: try d(f), upper: .void, closed: false)) }
        }
        return c
      }
      throw unsupported("postfix operator '\(p.operator.text)'", p.operator)
    case .forceUnwrapExpr:
      let fu = expr.cast(ForceUnwrapExprSyntax.self)
      let base = try compileExpr(fu.expression, expected: nil, chain: &chain).eval
      return CExpr { f in
        let v = try base(f)
        guard case .optional(let w) = v else {
          throw EvalError(
            "cannot force unwrap value of non-optional type '\(v.typeName)'", at: l)
        }
        guard let w else {
          throw EvalError("unexpectedly found nil while unwrapping an Optional value", at: l)
        }
        return w
      }
    case .optionalChainingExpr:
      let oc = expr.cast(OptionalChainingExprSyntax.self)
      let compiledBase = try compileExpr(oc.expression, expected: nil, chain: &chain)
      let base = compiledBase.eval
      chain = true
      var wrapped: VType?
      if case .optional(let w)? = compiledBase.type, w != .any { wrapped = w }
      var unwrapped = CExpr { f in
        let v = try base(f)
        guard case .optional(let w) = v else {
          throw EvalError(
            "cannot use optional chaining on non-optional value of type '\(v.typeName)'", at: l)
        }
        guard let w else { throw ChainIsNil() }
        return w
      }
      unwrapped.type = wrapped
      return unwrapped
    case .ternaryExpr:
      let t = expr.cast(TernaryExprSyntax.self)
      let cond = try condition(t.condition)
      var a = try compileExpr(t.thenExpression, expected: expected)
      var b = try compileExpr(t.elseExpression, expected: expected)
      // an integer literal beside a Double branch is a Double, as Swift types it
      if let ad = a.asDouble, case .int? = a.constant, b.asDouble == nil, b.type == .double {
        a = CExpr(ad, type: .double)
      }
      if let bd = b.asDouble, case .int? = b.constant, a.asDouble == nil, a.type == .double {
        b = CExpr(bd, type: .double)
      }
      // a one-character string literal beside a Character branch is a Character
      if let ad = a.asDouble, case .string? = a.constant, b.type == .character {
        a = CExpr(ad, type: .character)
      }
      if let bd = b.asDouble, case .string? = b.constant, a.type == .character {
        b = CExpr(bd, type: .character)
      }
      // `flag ? nil : 5` is an `Int?`: the value beside a bare `nil` is wrapped, as Swift
      // types it (printed as `Optional(5)`; found by scripts/difffuzz.py)
      let thenIsNil = t.thenExpression.is(NilLiteralExprSyntax.self)
      if thenIsNil != t.elseExpression.is(NilLiteralExprSyntax.self) {
        let other = thenIsNil ? b : a
        let e = other.eval
        var type = other.type
        if let known = type, case .optional = known {} else { type = type.map { .optional($0) } }
        // `flag ? nil : xs.last as Any` is an `Any?` holding an optional: wrapped again
        let otherSyntax = thenIsNil ? t.elseExpression : t.thenExpression
        let toAny =
          otherSyntax.as(AsExprSyntax.self)?.type.trimmedDescription == "Any"
        let wrapped = CExpr(
          { f in
            let v = try e(f)
            if !toAny, case .optional = v { return v }
            return .optional(v)
          }, type: toAny ? .optional(.any) : type)
        if thenIsNil { b = wrapped } else { a = wrapped }
      }
      if let ta = a.type, let tb = b.type, ta != tb, Compiler.isConcrete(ta),
        Compiler.isConcrete(tb), !a.needsContext, !b.needsContext
      {
        throw EvalError(
          "result values in '? :' expression have mismatching types '\(ta.name)' and '\(tb.name)'",
          at: loc(t.thenExpression))
      }
      var merged = merge(a, b) { c, x, y in { f in try cond(f) ? try x(f) : try y(f) } }
      if a.type == b.type { merged.type = a.type }
      // `flag ? nil : x * 2`: the optional the value beside the nil was wrapped in
      if thenIsNil != t.elseExpression.is(NilLiteralExprSyntax.self) {
        let other = thenIsNil ? b : a
        if case .optional(let w)? = other.type, w != .any { merged.type = other.type }
      }
      return merged
    case .tryExpr:
      let t = expr.cast(TryExprSyntax.self)
      let saved = inTry
      let savedLoc = tryLoc
      let savedHandled = errorsHandled
      inTry = true
      tryLoc = loc(t)
      // `try?` and `try!` handle the error themselves
      if t.questionOrExclamationMark != nil { errorsHandled = true }
      defer {
        inTry = saved
        tryLoc = savedLoc
        errorsHandled = savedHandled
      }
      let inner = try compileExpr(t.expression, expected: expected)
      switch t.questionOrExclamationMark?.tokenKind {
      case .postfixQuestionMark?:
        let e = inner.eval
        return CExpr { f in
          do {
            let v = try e(f)
            if case .optional = v { return v }
            return .optional(v)
          } catch let error as EvalError where error.thrown != nil {
            return .none
          }
        }
      default:
        return inner
      }
    case .closureExpr:
      return try compileClosure(expr.cast(ClosureExprSyntax.self), expected: expected)
    case .ifExpr:
      return try compileIfExpression(expr.cast(IfExprSyntax.self), expected: expected)
    case .switchExpr:
      return try compileSwitchExpression(expr.cast(SwitchExprSyntax.self), expected: expected)
    case .asExpr:
      let a = expr.cast(AsExprSyntax.self)
      if let mark = a.questionOrExclamationMark {
        if let cast = try compileCellCast(a.expression, a.type, mark: mark.text, at: a) {
          return cast
        }
        throw unsupported("'as\(mark.text)' casts", a)
      }
      let type = try resolveType(a.type)
      let inner = try compileExpr(a.expression, expected: type)
      let e = inner.eval
      let d = inner.asDouble
      return CExpr(
        { f in
          try coerce(try e(f), asDouble: try d?(f), to: type, context: .annotation).get(at: l)
        }, type: type)
    case .isExpr:
      let check = expr.cast(IsExprSyntax.self)
      if let c = try compileCellCast(check.expression, check.type, mark: "is", at: check) {
        return c
      }
      throw unsupported("'is' type checks", expr)
    case .inOutExpr:
      throw EvalError("'&' may only be used to pass an argument to an inout parameter", at: l)
    case .discardAssignmentExpr:
      throw EvalError(
        "'_' can only appear in a pattern or on the left side of an assignment", at: l)
    case .awaitExpr: throw unsupported("'await'", expr)
    case .keyPathExpr: return try compileKeyPath(expr.cast(KeyPathExprSyntax.self))
    case .macroExpansionExpr: throw unsupported("macros", expr)
    case .regexLiteralExpr: throw unsupported("regex literals", expr)
    case .superExpr: throw unsupported("'super'", expr)
    case .typeExpr: throw unsupported("this type expression", expr)
    case .patternExpr:
      throw EvalError("'let'/'var' patterns are only allowed in a 'case' or 'for'", at: l)
    case .sequenceExpr:
      throw EvalError("internal: operators were not folded", at: l)
    case .genericSpecializationExpr:
      throw unsupported("explicit generic arguments", expr)
    case .editorPlaceholderExpr:
      throw EvalError("editor placeholder in source file", at: l)
    default:
      throw unsupported("this expression", expr)
    }
  }

  /// Joins two branches that yield the same value, keeping literal adaptivity when both have it.
  func merge(_ a: CExpr, _ b: CExpr, _ make: (Bool, @escaping Expr, @escaping Expr) -> Expr)
    -> CExpr
  {
    var c = CExpr(make(false, a.eval, b.eval))
    if let ad = a.asDouble, let bd = b.asDouble { c.asDouble = make(true, ad, bd) }
    return c
  }

  // MARK: - Literals

  func compileString(_ s: StringLiteralExprSyntax) throws -> CExpr {
    guard let kind = s.stringLiteralKind else { throw unsupported("this string literal", s) }
    if kind == .singleQuote { throw unsupported("single-quoted literals", s) }
    if let value = s.representedLiteralValue {
      // a one-character literal is a Character where a Character is wanted
      if value.count == 1, let c = value.first {
        return .constant(.string(value), asDouble: .character(c))
      }
      return .constant(.string(value))
    }
    var parts: [Expr] = []
    for segment in s.segments {
      switch segment {
      case .stringSegment(let seg):
        if seg.hasError { throw EvalError("invalid string literal", at: loc(seg)) }
        var text = ""
        seg.appendUnescapedLiteralValue(
          stringLiteralKind: kind, delimiterLength: s.delimiterLength, to: &text)
        let v = Value.string(text)
        parts.append { _ in v }
      case .expressionSegment(let seg):
        guard seg.expressions.count == 1, let e = seg.expressions.first, e.label == nil else {
          throw unsupported("string interpolation with labels or several values", seg)
        }
        if e.expression.is(NilLiteralExprSyntax.self) {
          // Swift finds no type for a bare `nil` among the interpolation's overloads
          throw EvalError(
            "'nil' is not compatible with expected argument type 'any Any.Type'",
            at: loc(e.expression), notes: ["interpolate an optional of a known type instead"])
        }
        let c = try compileExpr(e.expression).eval
        parts.append { f in .string(try c(f).description) }
      }
    }
    let l = loc(s)
    return CExpr(
      { f in
        var out = ""
        for p in parts {
          if case .string(let piece) = try p(f) {
            try Operators.checkSize(out.utf8.count + piece.utf8.count, at: l)
            out += piece
          }
        }
        return .string(out)
      }, type: .string)
  }

  func compileArray(_ a: ArrayExprSyntax, expected: VType?) throws -> CExpr {
    var setElement: VType?
    if case .set(let e)? = expected { setElement = e }
    if case .optional(.set(let e))? = expected { setElement = e }
    if let setElement {
      // `let s: Set<Int> = [1, 2]`: an array literal builds a set where a set is wanted
      let list = try compileArray(a, expected: .array(setElement)).eval
      let l = loc(a)
      return CExpr(
        { f in
          guard case .array(let items) = try list(f) else { return .void }
          return .set(try at(l) { try Builtins.makeSet(items.elementType, items.items) })
        }, type: .set(setElement))
    }
    var expected = expected
    if expected == nil { expected = appendedElementType(a) }
    var elementExpected: VType?
    if case .array(let e)? = expected { elementExpected = e }
    if expected == .any { elementExpected = .any }
    if case .optional(.array(let e))? = expected { elementExpected = e }
    var elements = try a.elements.map {
      try compileExpr($0.expression, expected: elementExpected)
    }
    if elementExpected == nil || elementExpected == .any,
      let sibling = elements.lazy.compactMap({ $0.asDouble == nil ? $0.type : .double }).first(
        where: { $0 == .double || self.userTypeForImplicit($0) != nil })
    {
      // `[1.0, .nan]`: an implicit member takes its type from the other elements
      for (i, e) in a.elements.enumerated() where Compiler.isImplicitMember(e.expression) {
        elements[i] = try compileExpr(e.expression, expected: sibling)
      }
    }
    if elements.isEmpty {
      let type = elementExpected ?? .any
      var c = CExpr.constant(.array(ArrayValue(elementType: type, items: [])))
      c.needsContext = elementExpected == nil
      return c
    }
    let evals = elements.map(\.eval)
    let l = loc(a)
    let allAdaptive = elements.allSatisfy { $0.asDouble != nil }
    let anyAdaptive = elements.contains { $0.asDouble != nil }
    let doubles = elements.map(\.asDouble)
    let build: ([Expr], [Expr?]) -> Expr = { evals, doubles in
      { f in
        var items: [Value] = []
        items.reserveCapacity(evals.count)
        for e in evals { items.append(try e(f)) }
        return .array(
          try Compiler.homogeneous(
            items, doubles: doubles, frame: f, expected: elementExpected, at: l))
      }
    }
    var c = CExpr(build(evals, anyAdaptive ? doubles : []))
    c.type = userArrayType(elements)
    // `[Double($0)]`: elements of one known type (not literals, which adapt) make the type
    if c.type == nil, !anyAdaptive, let first = elements.first?.type, Compiler.isConcrete(first),
      elements.allSatisfy({ $0.type == first })
    {
      c.type = .array(first)
    }
    if allAdaptive {
      c.asDouble = build(doubles.map { $0! }, [])
    }
    return c
  }

  /// The element type of the array variable a literal is appended to or inserted into
  /// (`rows.append(["a", k])` of a `[[Any]]`), when that type holds `Any`: the literal then
  /// takes it as its context, as in Swift.
  func appendedElementType(_ literal: ArrayExprSyntax) -> VType? {
    guard let argument = literal.parent?.as(LabeledExprSyntax.self),
      argument.label == nil || argument.label?.text == "contentsOf",
      let call = argument.parent?.parent?.as(FunctionCallExprSyntax.self),
      call.arguments.first?.id == argument.id,
      let member = call.calledExpression.as(MemberAccessExprSyntax.self),
      ["append", "insert"].contains(member.declName.baseName.text),
      let name = member.base?.as(DeclReferenceExprSyntax.self)?.baseName.text,
      case .array(let element)? = resolve(name)?.type, Builtins.containsAny(element)
    else { return nil }
    return argument.label == nil ? element : .array(element)
  }

  /// The type of the dictionary variable a literal is merged into (`d.merging(["q": 2]) {
  /// ... }` of a `[String: Double]` makes the `2` a Double, as in Swift).
  func mergedDictionaryType(_ literal: DictionaryExprSyntax) -> VType? {
    guard let argument = literal.parent?.as(LabeledExprSyntax.self), argument.label == nil,
      let call = argument.parent?.parent?.as(FunctionCallExprSyntax.self),
      call.arguments.first?.id == argument.id,
      let member = call.calledExpression.as(MemberAccessExprSyntax.self),
      ["merging", "merge"].contains(member.declName.baseName.text),
      let name = member.base?.as(DeclReferenceExprSyntax.self)?.baseName.text,
      let type = resolve(name)?.type, case .dictionary(let k, let v) = type,
      !Builtins.containsAny(k), !Builtins.containsAny(v)
    else { return nil }
    return type
  }

  /// The elements of a collection literal as one element type, as Swift infers it.
  static func homogeneous(
    _ items: [Value], doubles: [Expr?], frame: Frame, expected: VType?, at l: Loc
  ) throws -> ArrayValue {
    var items = items
    if expected == .any {
      // a library parameter takes any elements: Swift's inference where it succeeds, else [Any]
      if let inferred = try? homogeneous(
        items, doubles: doubles, frame: frame, expected: nil, at: l)
      {
        return inferred
      }
      return ArrayValue(elementType: .any, items: items)
    }
    if let expected, expected != .any {
      for i in items.indices {
        if let c = conform(items[i], to: expected) {
          items[i] = c
        } else if i < doubles.count, let d = doubles[i], let c = conform(try d(frame), to: expected)
        {
          items[i] = c
        } else {
          throw EvalError(CoercionContext.element.message(items[i].type, expected), at: l)
        }
      }
      return ArrayValue(elementType: expected, items: items)
    }
    for item in items {
      if let e = ImplicitMember.uninferred(item, at: l) { throw e }
    }
    var type = items[0].type
    if items.count > 1 {
      // one-character string literals become Characters beside a Character
      if items.contains(where: { if case .character = $0 { return true } else { return false } }) {
        for i in items.indices {
          if case .string = items[i], i < doubles.count, let d = doubles[i] {
            items[i] = try d(frame)
          }
        }
      }
      // integer literals become Double beside a Double
      if items.contains(where: { if case .double = $0 { return true } else { return false } }) {
        for i in items.indices {
          if case .int = items[i], i < doubles.count, let d = doubles[i] { items[i] = try d(frame) }
        }
        type = .double
      }
      for item in items where !sameType(item.type, type) {
        // arrays of literals: promote to the widest element type seen
        if let unified = unify(type, item.type) {
          type = unified
          continue
        }
        // nested literals beside Doubles (`[[1.0, 2.0], [3, 4]]`) are Doubles too
        if items.contains(where: { if case .array = $0 { return true } else { return false } }) {
          var retyped = items
          var changed = false
          for i in retyped.indices where i < doubles.count {
            if case .array = retyped[i], let d = doubles[i] {
              retyped[i] = try d(frame)
              changed = true
            }
          }
          if changed,
            let again = try? homogeneous(retyped, doubles: [], frame: frame, expected: nil, at: l)
          {
            return again
          }
        }
        throw EvalError(
          "heterogeneous collection literal could only be inferred to '[Any]'; add explicit type annotation if this is intentional",
          at: l)
      }
      if case .optional = type {
        items = items.map { conform($0, to: type) ?? $0 }
      }
    }
    return ArrayValue(elementType: type, items: items)
  }

  /// `.name` or `-.name`: a member whose type comes from the context.
  static func isImplicitMember(_ e: ExprSyntax) -> Bool {
    if let m = e.as(MemberAccessExprSyntax.self) { return m.base == nil }
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      return isImplicitMember(p.expression)
    }
    return false
  }

  /// Compiles the two operands of a binary operator; an implicit member on one side takes the
  /// other side's type (`x < .infinity`, `x * .pi`).
  func operands(_ infix: InfixOperatorExprSyntax, expected: VType?) throws -> (CExpr, CExpr) {
    func contextType(_ c: CExpr) -> VType? { c.asDouble != nil ? nil : c.type }
    // `.number(1)` on one side takes a cell type from the other side before it is compiled
    if Compiler.isImplicitMemberCall(infix.leftOperand) {
      let b = try compileExpr(infix.rightOperand, expected: expected)
      let t = contextType(b).flatMap { userTypeForImplicit($0) != nil ? $0 : nil }
      return (try compileExpr(infix.leftOperand, expected: t ?? expected), b)
    }
    var a = try compileExpr(infix.leftOperand, expected: expected)
    if Compiler.isImplicitMemberCall(infix.rightOperand) {
      let t = contextType(a).flatMap { userTypeForImplicit($0) != nil ? $0 : nil }
      return (a, try compileExpr(infix.rightOperand, expected: t ?? expected))
    }
    var b = try compileExpr(infix.rightOperand, expected: expected)
    if infix.rightOperand.is(ArrayExprSyntax.self), case .array(let element)? = contextType(a),
      userTypeForImplicit(element) != nil
    {
      // `program + [.reset]`: the literal's elements take the other side's element type
      b = try compileExpr(infix.rightOperand, expected: .array(element))
    } else if Compiler.isImplicitMember(infix.rightOperand), let t = contextType(a),
      t == .double || userTypeForImplicit(t) != nil
    {
      b = try compileExpr(infix.rightOperand, expected: t)
    } else if Compiler.isImplicitMember(infix.leftOperand), let t = contextType(b),
      t == .double || userTypeForImplicit(t) != nil
    {
      a = try compileExpr(infix.leftOperand, expected: t)
    }
    return (a, b)
  }

  /// Whether `t` is fully known (no `Any` inside), so a static type comparison is meaningful.
  static func isConcrete(_ t: VType) -> Bool {
    switch t {
    case .any: return false
    case .array(let e), .optional(let e), .range(let e), .closedRange(let e): return isConcrete(e)
    case .dictionary(let k, let v): return isConcrete(k) && isConcrete(v)
    case .tuple(_, let ts): return ts.allSatisfy(isConcrete)
    case .function: return false
    default: return true
    }
  }

  static func sameType(_ a: VType, _ b: VType) -> Bool { a == b || a == .any || b == .any }

  /// A type both can take: `Int?` and `nil`, `[Any]`-free cases only.
  static func unify(_ a: VType, _ b: VType) -> VType? {
    switch (a, b) {
    case (.optional(.any), .optional(let w)), (.optional(let w), .optional(.any)):
      return .optional(w)
    case (.optional(let w), let x) where w == x: return a
    case (let x, .optional(let w)) where w == x: return b
    case (.optional(.any), let x): return .optional(x)
    // `[L.r, .g, nil]`: a nil beside values makes the elements optional
    case (let x, .optional(.any)): return .optional(x)
    case (.array(let x), .array(let y)):
      if x == .any { return b }
      if y == .any { return a }
      return unify(x, y).map { .array($0) }
    default: return nil
    }
  }

  func compileDictionary(_ d: DictionaryExprSyntax, expected: VType?) throws -> CExpr {
    let expected = expected ?? mergedDictionaryType(d)
    var keyExpected: VType?
    var valueExpected: VType?
    if case .dictionary(let k, let v)? = expected {
      keyExpected = k
      valueExpected = v
    }
    switch d.content {
    case .colon:
      var c = CExpr.constant(
        .dictionary(DictValue(keyType: keyExpected ?? .any, valueType: valueExpected ?? .any)))
      c.needsContext = expected == nil
      return c
    case .elements(let list):
      let keys = try list.map { try compileExpr($0.key, expected: keyExpected) }
      let values = try list.map { try compileExpr($0.value, expected: valueExpected) }
      let keyEvals = keys.map(\.eval)
      let valueEvals = values.map(\.eval)
      let valueDoubles = values.map(\.asDouble)
      let keyDoubles = keys.map(\.asDouble)
      let l = loc(d)
      // the literal's type when every key and every value says it alike (`["a": 1.5]` is a
      // `[String: Double]`), so a method's literal argument can take it as its context
      var type: VType?
      if let k = keys.first?.type, let v = values.first?.type, Compiler.isConcrete(k),
        Compiler.isConcrete(v), keys.allSatisfy({ $0.type == k }),
        values.allSatisfy({ $0.type == v })
      {
        type = .dictionary(keyExpected ?? k, valueExpected ?? v)
      }
      return CExpr(
        { f in
          var ks: [Value] = []
          var vs: [Value] = []
          for (k, v) in zip(keyEvals, valueEvals) {
            ks.append(try k(f))
            vs.append(try v(f))
          }
          let keyArray = try Compiler.homogeneous(
            ks, doubles: keyDoubles, frame: f, expected: keyExpected, at: l)
          let valueArray = try Compiler.homogeneous(
            vs, doubles: valueDoubles, frame: f, expected: valueExpected, at: l)
          var dict = DictValue(keyType: keyArray.elementType, valueType: valueArray.elementType)
          for (k, v) in zip(keyArray.items, valueArray.items) {
            if dict[k] != nil {
              throw EvalError(
                "Dictionary literal contains duplicate keys (\(k.debugDescription))", at: l)
            }
            dict[k] = v
          }
          return .dictionary(dict)
        }, type: type)
    }
  }

  func compileTuple(_ t: TupleExprSyntax, expected: VType?) throws -> CExpr {
    var types: [VType]?
    if case .tuple(_, let ts)? = expected, ts.count == t.elements.count { types = ts }
    let labels = t.elements.map { $0.label?.text }
    let parts = try t.elements.enumerated().map {
      try compileExpr($0.element.expression, expected: types?[$0.offset])
    }
    let evals = parts.map(\.eval)
    var c = CExpr { f in
      var items: [Value] = []
      items.reserveCapacity(evals.count)
      for e in evals { items.append(try e(f)) }
      return .tuple(TupleValue(labels: labels, items: items))
    }
    if parts.contains(where: { $0.asDouble != nil }) {
      // a tuple of literals adapts element by element where Doubles are expected
      let doubles = parts.map { $0.asDouble ?? $0.eval }
      c.asDouble = { f in
        var items: [Value] = []
        for e in doubles { items.append(try e(f)) }
        return .tuple(TupleValue(labels: labels, items: items))
      }
    } else if parts.allSatisfy({ $0.type != nil && $0.type != .any && !$0.needsContext }) {
      // elements whose types are known and fixed (`switch (light, mode)` checks its cases)
      c.type = .tuple(labels, parts.map { $0.type! })
    }
    return c
  }

  // MARK: - Names

  func compileName(_ ref: DeclReferenceExprSyntax, expected: VType?) throws -> CExpr {
    if let names = ref.argumentNames { throw unsupported("function references with labels", names) }
    let name = ref.baseName.text
    if case .dollarIdentifier = ref.baseName.tokenKind {
      let info = try anonymousParameter(name, ref)
      return CExpr(read(info, at: ref), type: info.type)
    }
    if let selfInfo = implicitSelf(name) { return implicitSelfRead(selfInfo, name, at: ref) }
    if let type = implicitStatic(name), let c = userStaticMember(type, name, at: ref) { return c }
    if let info = resolve(name) {
      var c = CExpr(read(info, at: ref), type: info.type)
      if case .local(let slot) = info.storage, !info.mayBeUninitialized, !info.isComputed {
        c.localSlot = slot
      }
      return c
    }
    if case .binaryOperator = ref.baseName.tokenKind {
      // `reduce(0, +)`, `sorted(by: >)`
      let l = loc(ref)
      let op: (Value, Value) throws -> Value
      if ["==", "!=", "<", "<=", ">", ">="].contains(name) {
        op = Operators.comparison(name, at: l)
      } else if let arith = Operators.arithmetic(name, at: l) {
        op = arith
      } else {
        throw unsupported("operator '\(name)' as a function", ref)
      }
      let fn = NativeFunction(name, [Overload([nil, nil]) { a in try op(a.value(0), a.value(1)) }])
      return .constant(.function(fn))
    }
    if let value = rt.builtins.globalValue(name) { return .constant(value) }
    throw unknownName(name, at: ref)
  }

  func anonymousParameter(_ name: String, _ node: some SyntaxProtocol) throws -> VarInfo {
    guard let index = Int(name.dropFirst()) else {
      throw EvalError("invalid anonymous parameter '\(name)'", at: loc(node))
    }
    // find the innermost closure that allows $n
    var ctx: FunctionContext? = function
    while let c = ctx, !c.allowsAnonymous {
      if c.code != nil && !(c.code!.isClosure) { break }
      ctx = c.parent
    }
    guard let target = ctx, target.allowsAnonymous else {
      throw EvalError("anonymous closure argument not contained in a closure", at: loc(node))
    }
    if target !== function {
      throw unsupported("'\(name)' of an outer closure inside a nested closure", node)
    }
    if let existing = target.anonymous[index] { return existing }
    let info = VarInfo(
      name: name, isLet: !(index == 0 && target.firstParameterIsInout),
      type: target.anonymousTypes[safe: index] ?? nil, storage: .local(target.newSlot()))
    target.anonymous[index] = info
    return info
  }

  // MARK: - Operators

  func compilePrefix(_ p: PrefixOperatorExprSyntax, expected: VType?) throws -> CExpr {
    let op = p.operator.text
    let l = loc(p)
    switch op {
    case "-":
      if Compiler.negatesParenthesizedIntegerLiteral(p), leavesLiteralTypeOpen(p) {
        // with Foundation, Decimal's prefix '-' competes with Int's and nothing decides
        throw EvalError(
          "ambiguous use of operator '-'", at: l,
          notes: ["write the literal without parentheses (-3), or give it a type"])
      }
      // a negative literal is itself a literal
      if let lit = p.expression.as(IntegerLiteralExprSyntax.self) {
        guard
          let n = Int("-" + lit.literal.text.filter { $0 != "_" })
            ?? lit.representedLiteralValue.map({ -$0 })
        else {
          throw EvalError("integer literal overflows when stored into 'Int'", at: l)
        }
        if expected == .double { return .constant(.double(Double(n))) }
        return .constant(.int(n), asDouble: .double(Double(n)))
      }
      if let m = p.expression.as(MemberAccessExprSyntax.self), m.base == nil,
        expected == nil
          || expected == .any
      {
        // `-.infinity` before its type is known: resolved where a Double is wanted
        return .constant(ImplicitMember.make("-" + m.declName.baseName.text))
      }
      let inner = try compileExpr(p.expression, expected: expected)
      let refusal = throwingRefusal(start: l, operatorLoc: l)
      if let refusal, case .native(let name)? = inner.type,
        let type = rt.builtins.natives[name], type.binaryThrows, type.prefixMinus != nil
      {
        throw refusal
      }
      let neg: (Value) throws -> Value = { v in
        switch v {
        case .int(let n):
          let (r, o) = (0).subtractingReportingOverflow(n)
          if o { throw EvalError("arithmetic overflow: -(\(n)) does not fit in Int", at: l) }
          return .int(r)
        case .double(let d): return .double(-d)
        case .record(let r) where r.type.operators["prefix -"] != nil:
          return try UserType.userPrefix("-", r, at: l)
        case .native(let n):
          if let minus = n.type.prefixMinus {
            if n.type.binaryThrows, let refusal { throw refusal }
            return try at(l) { try minus(n.object) }
          }
          fallthrough
        default:
          if let e = ImplicitMember.uninferred(v, at: l) { throw e }
          throw EvalError(
            "unary operator '-' cannot be applied to an operand of type '\(v.typeName)'", at: l)
        }
      }
      let e = inner.eval
      var c = CExpr({ f in try neg(try e(f)) }, type: inner.type)
      if let d = inner.asDouble { c.asDouble = { f in try neg(try d(f)) } }
      return c
    case "+":
      return try compileExpr(p.expression, expected: expected)
    case "!":
      let e = try condition(p.expression, context: .negated)
      return CExpr({ f in .bool(!(try e(f))) }, type: .bool)
    case "...", "..<":
      // `...5`, `..<5`: ranges open below
      let inner = try compileExpr(p.expression)
      let closed = op == "..."
      var c = CExpr { f in
        .range(RangeValue(lower: .void, upper: try inner.eval(f), closed: closed))
      }
      if let d = inner.asDouble {
        c.asDouble = { f in .range(RangeValue(lower: .void, upper: try d(f), closed: closed)) }
      }
      return c
    case "~":
      let e = try compileExpr(p.expression).eval
      return CExpr { f in
        guard case .int(let n) = try e(f) else {
          throw EvalError("unary operator '~' needs an Int operand", at: l)
        }
        return .int(~n)
      }
    default:
      throw unsupported("prefix operator '\(op)'", p.operator)
    }
  }

  func compileInfix(_ infix: InfixOperatorExprSyntax, expected: VType?) throws -> CExpr {
    let l = loc(infix.operator)
    if infix.operator.is(AssignmentExprSyntax.self) {
      if let a = infix.leftOperand.as(DeclReferenceExprSyntax.self),
        let b = infix.rightOperand.as(DeclReferenceExprSyntax.self),
        a.baseName.text == b.baseName.text, resolve(a.baseName.text)?.isLet == false
      {
        // (a `let` gets the error for assigning to a constant, as in Swift)
        throw EvalError("assigning a variable to itself", at: l)
      }
      return try compileAssignment(infix.leftOperand, infix.rightOperand, at: l)
    }
    if infix.operator.is(ArrowExprSyntax.self) { throw unsupported("function types here", infix) }
    guard let opNode = infix.operator.as(BinaryOperatorExprSyntax.self) else {
      throw unsupported("this operator", infix.operator)
    }
    let op = opNode.operator.text
    if op == "<", Compiler.isBareNumberLiteral(infix.leftOperand),
      Compiler.isBareNumberLiteral(infix.rightOperand),
      Compiler.hasFloatLiteral(infix.leftOperand) || Compiler.hasFloatLiteral(infix.rightOperand)
    {
      // swiftc, with Foundation on Linux, finds no best `<` for two number literals of which
      // one is a floating-point literal (`1.5 < 2.5`; `<=`, `>` and `1.5 * 2 < 3` are fine)
      throw EvalError("ambiguous use of operator '<'", at: l)
    }
    switch op {
    case "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "<<=", ">>=", "&+=", "&-=", "&*=":
      return try compileCompound(
        String(op.dropLast()), infix.leftOperand, infix.rightOperand, at: l)
    case "&&", "||":
      let a = try condition(infix.leftOperand, context: .operand)
      let b = try condition(infix.rightOperand, context: .operand)
      if op == "&&" { return CExpr({ f in .bool(try a(f) && b(f)) }, type: .bool) }
      return CExpr({ f in .bool(try a(f) || b(f)) }, type: .bool)
    case "??":
      let left = try compileExpr(infix.leftOperand)
      let a = left.eval
      var wrapped: VType?
      if case .optional(let w)? = left.type, w != .any { wrapped = w }
      if wrapped == nil { wrapped = staticWrappedType(infix.leftOperand) }
      if wrapped == nil, expected == .double || expected == .int { wrapped = expected }
      if let refusal = coalescingRefusal(infix, wrapped: wrapped, expected: expected) {
        throw refusal
      }
      // Swift's `??` of `Any` (`print(xs.map { $0 }.first ?? 0)`): the literal stays an Int
      let toAny = (wrapped == nil || wrapped == .double) && coalescesToAny(infix)
      let b = try compileExpr(infix.rightOperand, expected: toAny ? nil : wrapped)
      let be = wrapped == .double || wrapped == .character ? (b.asDouble ?? b.eval) : b.eval
      let nilCheck: (Value) throws -> Value = { v in
        guard case .optional(let w) = v else {
          throw EvalError(
            "left side of nil coalescing operator '??' has non-optional type '\(v.typeName)'",
            at: l)
        }
        return .optional(w)
      }
      if toAny {
        let bi = b.eval
        return CExpr { f in
          guard case .optional(let w) = try nilCheck(try a(f)) else { return .void }
          return try w ?? bi(f)
        }
      }
      if wrapped == nil, b.asDouble != nil, Compiler.isIntegerLiteral(infix.rightOperand) {
        // `xs.first ?? 0`: whether the 0 is an Int or a Double is the type of `xs`'s elements,
        // which here is not known before running (a library value's, say): a nil left side
        // is refused rather than guessed
        let literal = infix.rightOperand.trimmedDescription
        let refusal = EvalError(
          "not supported in cells: '?? \(literal)' here, where the left side is nil and its type is known only to Swift's type checker",
          at: l,
          notes: [
            "write '\(literal).0' if it holds a Double, or give it a type: 'let x: Int = … ?? \(literal)'"
          ])
        return CExpr { f in
          guard case .optional(let w) = try nilCheck(try a(f)) else { return .void }
          if let w { return w }
          throw refusal
        }
      }
      return CExpr(
        { f in
          guard case .optional(let w) = try nilCheck(try a(f)) else { return .void }
          if let w { return w }
          return try be(f)
        }, type: wrapped)
    case "~=":
      // Swift's pattern match: a range contains the value, anything else is `==`
      let a = try compileExpr(infix.leftOperand)
      let b = try compileExpr(infix.rightOperand)
      let (pattern, value, valueAsDouble) = (a.eval, b.eval, b.asDouble)
      return CExpr(
        { f in
          let p = try pattern(f)
          var v = try value(f)
          if case .range(let r) = p {
            var doubles = false
            if case .double = r.lower { doubles = true }
            if case .double = r.upper { doubles = true }
            if doubles, case .int = v, let d = valueAsDouble { v = try d(f) }
            return .bool(try Builtins.rangeContains(r, v, at: l))
          }
          return .bool(try Operators.equal(p, v, at: l))
        }, type: .bool)
    case "..<", "...":
      let closed = op == "..."
      let a = try compileExpr(infix.leftOperand)
      let b = try compileExpr(infix.rightOperand)
      return binary(a, b) { x, y in
        try Operators.makeRange(x, y, closed: closed, at: l)
      }
    case "==", "!=", "<", "<=", ">", ">=":
      let (a, b) = try operands(infix, expected: nil)
      if a.needsContext || b.needsContext {
        // `x == nil`
        let other = a.needsContext ? b.eval : a.eval
        guard op == "==" || op == "!=" else {
          throw EvalError("binary operator '\(op)' cannot be applied to 'nil'", at: l)
        }
        let wantNil = op == "=="
        return CExpr(
          { f in
            let v = try other(f)
            if case .optional(let w) = v { return .bool((w == nil) == wantNil) }
            if case .array(let arr) = v, arr.items.isEmpty { return .bool(wantNil) }
            if case .dictionary(let d) = v, d.count == 0 { return .bool(wantNil) }
            return .bool(!wantNil)
          }, type: .bool)
      }
      if op != "==" && op != "!=", let e = unwrapNeeded(a, b, infix) { throw e }
      let compare = Operators.comparison(op, at: l, operands: operandPlaces(infix))
      try checkOperandTypes(a, b, infix, compare)
      var c = binary(a, b, compare)
      c.asDouble = nil
      c.type = .bool
      return c
    default:
      let refusal = throwingRefusal(start: loc(infix), operatorLoc: l)
      guard
        let arith = Operators.arithmetic(
          op, at: l, refusal: refusal, operands: operandPlaces(infix))
      else {
        throw unsupported("operator '\(op)'", opNode)
      }
      var passDown: VType? = expected == .double || expected == .int ? expected : nil
      if passDown == .double, isIntTyped(infix.leftOperand) || isIntTyped(infix.rightOperand) {
        // `let x: Double = n / 2` with an Int `n`: Swift types `n / 2` as Int, then refuses
        // to convert it; the literal does not become a Double
        passDown = nil
      }
      let (a, b) = try operands(infix, expected: passDown)
      if let e = unwrapNeeded(a, b, infix) { throw e }
      // (`%` is an Int's only, so `{ $0 % 0 }` is refused too)
      if op == "/" && a.type == .int || op == "%" && (a.type == .int || a.type == nil),
        Compiler.isZeroLiteral(infix.rightOperand)
      {
        // swiftc's error, also where the division never runs (found by scripts/difffuzz.py)
        throw EvalError("division by zero", at: l)
      }
      if let refusal, operatorThrows(op, a, b) { throw refusal }
      try checkOperandTypes(a, b, infix, arith)
      if op == "&*", Compiler.isIntegerLiteralsOnly(infix.leftOperand),
        Compiler.isIntegerLiteralsOnly(infix.rightOperand), case .int(let x)? = a.constant,
        case .int(let y)? = b.constant, x.multipliedReportingOverflow(by: y).overflow
      {
        // swiftc 6.3 types `3 &* (1 << 62)` as an Int128, which does not wrap (found by
        // scripts/difffuzz.py); cells have no Int128
        throw EvalError(
          "not supported in cells: '&*' of integer literals whose product overflows Int (Swift computes it as an Int128)",
          at: l, notes: ["give one side a type, as in 'Int(3) &* (1 << 62)'"])
      }
      // `8 * 4_611_686_018_427_387_904`, `Int.max + 1`: swiftc's constant folding refuses
      // them before the program runs, also where they never run (found by scripts/difffuzz.py)
      if let x = a.constant, let y = b.constant, case .int = x, case .int = y {
        do { _ = try arith(x, y) } catch let error as EvalError
          where error.message.hasPrefix("arithmetic overflow")
        { throw error }
      }
      var c = binary(a, b, fast: FastOp(op), arith)
      if let ta = a.type, ta == b.type, ta.isNumeric { c.type = ta }
      // `$0 * 2` of a Double `$0`: the literal takes the other side's type
      if c.type == nil, c.asDouble == nil,
        let t = (a.asDouble == nil ? a.type : nil) ?? (b.asDouble == nil ? b.type : nil),
        t.isNumeric, (a.asDouble == nil) != (b.asDouble == nil)
      {
        c.type = t
      }
      // `(flag ? 2 : 4) % 3` has no Double form: `%` and the bit operators are Int's only (an
      // argument computed its Double form too, and failed; found by scripts/difffuzz.py)
      if Compiler.integerOnlyOperators.contains(op) { c.asDouble = nil }
      return c
    }
  }

  /// Arithmetic on Double literals (`0.0 / 0.0`, `1.5 * 2`), computed now as swiftc folds it:
  /// a NaN it makes is positive and prints `nan`, where the same division at run time gives a
  /// NaN with its sign bit set, `-nan` (found by scripts/difffuzz.py).
  static func foldDoubleLiterals(
    _ a: CExpr, _ b: CExpr, _ op: (Value, Value) throws -> Value
  ) -> CExpr? {
    guard var x = a.constant, var y = b.constant else { return nil }
    switch (x, y) {
    case (.double, .double): break
    case (.double, .int): y = (try? b.asDouble?(Frame(size: 0))) ?? y
    case (.int, .double): x = (try? a.asDouble?(Frame(size: 0))) ?? x
    default: return nil
    }
    guard let result = try? op(x, y), case .double(let v) = result else { return nil }
    return .constant(.double(v.isNaN ? .nan : v))
  }

  static let integerOnlyOperators: Set<String> = [
    "%", "&", "|", "^", "<<", ">>", "&+", "&-", "&*", "&<<", "&>>",
  ]

  /// Whether `e` is the integer literal zero (`0`, `0x0`, `(0)`), a divisor swiftc refuses.
  static func isZeroLiteral(_ e: ExprSyntax) -> Bool {
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, t.elements.first?.label == nil {
      return isZeroLiteral(t.elements.first!.expression)
    }
    guard let lit = e.as(IntegerLiteralExprSyntax.self) else { return false }
    let digits = lit.literal.text.replacingOccurrences(of: "_", with: "")
    return digits.hasPrefix("0x") || digits.hasPrefix("0b") || digits.hasPrefix("0o")
      ? Int(
        digits.dropFirst(2), radix: digits.hasPrefix("0x") ? 16 : digits.hasPrefix("0b") ? 2 : 8)
        == 0
      : Int(digits) == 0
  }

  /// A binary operation where an integer-literal side takes the other side's type at run time.
  func binary(
    _ a: CExpr, _ b: CExpr, fast: FastOp? = nil, _ op: @escaping (Value, Value) throws -> Value
  ) -> CExpr {
    let ae = a.eval
    let be = b.eval
    if let folded = Compiler.foldDoubleLiterals(a, b, op) { return folded }
    switch (a.asDouble, b.asDouble) {
    case (let ad?, let bd?):
      if let x = a.constant, let y = b.constant, let v = try? op(x, y) {
        // fold literal arithmetic now; errors stay for run time, where they are located
        var c = CExpr.constant(v)
        if let dx = try? ad(Frame(size: 0)), let dy = try? bd(Frame(size: 0)),
          let dv = try? op(dx, dy)
        {
          c.asDouble = { _ in dv }
        }
        return c
      }
      return CExpr(
        { f in try op(try ae(f), try be(f)) }, asDouble: { f in try op(try ad(f), try bd(f)) })
    case (let ad?, nil):
      // a literal on the left: its Int and Double forms are known now
      if let ci = a.constant, let cd = try? ad(Frame(size: 0)) {
        if case .double(let p) = cd, let fast {
          return CExpr { f in
            let y = try be(f)
            if case .double(let q) = y { return .double(fast.apply(p, q)) }
            return try op(Compiler.takesDouble(y) ? cd : ci, y)
          }
        }
        return CExpr { f in
          let y = try be(f)
          return try op(Compiler.takesDouble(y) ? cd : ci, y)
        }
      }
      if b.type == .double { return CExpr({ f in try op(try ad(f), try be(f)) }, type: .double) }
      return CExpr { f in
        let y = try be(f)
        if Compiler.takesDouble(y) { return try op(try ad(f), y) }
        return try op(try ae(f), y)
      }
    case (nil, let bd?):
      if let ci = b.constant, let cd = try? bd(Frame(size: 0)) {
        if case .double(let q) = cd, let fast {
          return CExpr { f in
            let x = try ae(f)
            if case .double(let p) = x { return .double(fast.apply(p, q)) }
            return try op(x, Compiler.takesDouble(x) ? cd : ci)
          }
        }
        return CExpr { f in
          let x = try ae(f)
          return try op(x, Compiler.takesDouble(x) ? cd : ci)
        }
      }
      if a.type == .double { return CExpr({ f in try op(try ae(f), try bd(f)) }, type: .double) }
      return CExpr { f in
        let x = try ae(f)
        if Compiler.takesDouble(x) { return try op(x, try bd(f)) }
        return try op(x, try be(f))
      }
    case (nil, nil):
      if let fast {
        return CExpr { f in
          let x = try ae(f)
          let y = try be(f)
          if case .double(let p) = x, case .double(let q) = y { return .double(fast.apply(p, q)) }
          return try op(x, y)
        }
      }
      return CExpr { f in try op(try ae(f), try be(f)) }
    }
  }

  /// Whether a literal beside `other` takes its other typing (`asDouble`): an integer literal
  /// beside a Double or a library value (DLCore's operators take `Double` scalars, never
  /// `Int`), a one-character string beside a Character, array literals beside such arrays.
  @inline(__always)
  static func takesDouble(_ other: Value) -> Bool {
    switch other {
    case .native(let n): return n.type !== uint8Type  // a UInt8 takes the literal as a UInt8
    case .double, .character: return true
    case .array(let a): return a.elementType == .double || a.elementType == .character
    default: return false
    }
  }

  // MARK: - Assignment

  func compileAssignment(_ lhs: ExprSyntax, _ rhs: ExprSyntax, at l: Loc) throws -> CExpr {
    if lhs.is(DiscardAssignmentExprSyntax.self) {
      let e = try compileExpr(rhs).eval
      return CExpr { f in
        _ = try e(f)
        return .void
      }
    }
    if let tuple = lhs.as(TupleExprSyntax.self), tuple.elements.count > 1 {
      let targets = try tuple.elements.map { try lvalue($0.expression) }
      let value = try compileExpr(rhs).eval
      return CExpr { f in
        let v = try value(f)
        guard case .tuple(let t) = v, t.items.count == targets.count else {
          throw EvalError("cannot assign a value of type '\(v.typeName)' to a tuple", at: l)
        }
        for (target, item) in zip(targets, t.items) { try target.set(f, item, nil) }
        return .void
      }
    }
    if Compiler.hasOptionalChain(lhs) {
      // `x?[0] = 1` does nothing when `x` is nil
      let inner = try compileStore(lhs, rhs).eval
      return CExpr { f in
        do { return try inner(f) } catch is ChainIsNil { return .void }
      }
    }
    return try compileStore(lhs, rhs)
  }

  /// Whether an assignment's target goes through `?`.
  static func hasOptionalChain(_ e: ExprSyntax) -> Bool {
    e.tokens(viewMode: .sourceAccurate).contains { $0.tokenKind == .postfixQuestionMark }
  }

  /// `place = value` for one place.
  func compileStore(_ lhs: ExprSyntax, _ rhs: ExprSyntax) throws -> CExpr {
    let target = try lvalue(lhs)
    if let reason = target.immutable {
      throw EvalError(
        "cannot assign to \(assignsProperty(lhs) ? "property" : "value"): \(reason)",
        at: assignmentLoc(lhs))
    }
    let value = try compileExpr(rhs, expected: target.staticType)
    if let type = target.staticType {
      try checkConversion(value, to: type, context: .assignment, at: rhs)
    }
    let e = value.eval
    let targetSet = target.set
    let rl = loc(rhs)
    let set: (Frame, Value, Value?) throws -> Void = { f, v, d in
      try at(rl) { try targetSet(f, v, d) }
    }
    if let d = value.asDouble {
      return CExpr { f in
        try set(f, try e(f), try d(f))
        return .void
      }
    }
    return CExpr { f in
      try set(f, try e(f), nil)
      return .void
    }
  }

  func compileCompound(_ op: String, _ lhs: ExprSyntax, _ rhs: ExprSyntax, at l: Loc) throws
    -> CExpr
  {
    let target = try lvalue(lhs)
    if let reason = target.immutable {
      throw EvalError("left side of mutating operator isn't mutable: \(reason)", at: l)
    }
    guard let arith = Operators.arithmetic(op, at: l) else {
      throw unsupported("operator '\(op)='", lhs)
    }
    if op == "/" || op == "%", target.staticType == .int, Compiler.isZeroLiteral(rhs) {
      throw EvalError("division by zero", at: l)  // `x /= 0`: swiftc's error
    }
    // `xs += [2.5]`: Swift's error is about the literal's element
    let literalElements = rhs.as(ArrayExprSyntax.self).map(literalElementTypes) ?? []
    if case .array(let element)? = target.staticType {
      if let e = Compiler.elementMismatch(literalElements, element) { throw e }
    }
    let value = try compileExpr(rhs, expected: target.staticType == .double ? .double : nil)
    let e = value.eval
    let d = value.asDouble
    let opName = op + "="
    let rl = loc(rhs)
    let apply: (Value, Value, Value?) throws -> Value = { old, new, newDouble in
      switch (old, new) {
      case (.double, .int):
        // an integer literal becomes a Double; an Int value is Swift's conversion error
        if let newDouble { return try arith(old, newDouble) }
        throw EvalError(CoercionContext.argument.message(.int, .double), at: rl)
      case (.array, .array):
        do {
          return try Operators.appendArrays(old, new, newDouble)
        } catch let error as EvalError where error.message.hasPrefix("binary operator") {
          if case .array(let a) = old,
            let e = Compiler.elementMismatch(literalElements, a.elementType)
          {
            throw e
          }
          throw EvalError(CoercionContext.argument.message(new.type, old.type), at: rl)
        }
      case (.record(let r), _) where r.type.operators[opName] != nil:
        if let result = try UserType.userCompound(opName, r, new, newDouble, at: l) {
          return result
        }
        throw Operators.mismatch(opName, old, new, at: l)
      case (.native, _), (_, .native):
        // the library defines no compound assignments
        throw Operators.mismatch(opName, old, new, at: l)
      case (.int, _), (.double, _), (.string, _):
        if !Operators.sameKind(old, new) {
          throw EvalError(CoercionContext.argument.message(new.type, old.type), at: rl)
        }
      default: break
      }
      let result: Value
      do {
        result = try at(l) { try arith(old, new) }
      } catch let error as EvalError where error.message.hasPrefix("binary operator") {
        throw Operators.mismatch(opName, old, new, at: l)
      }
      if !Operators.sameKind(old, result) {
        throw EvalError(
          "binary operator '\(opName)' cannot be applied to operands of type '\(old.typeName)' and '\(new.typeName)'",
          at: l)
      }
      return result
    }
    // fast path: a global (top-level) variable holding a number
    if let box = target.globalBox, let fastOp = FastOp(op) {
      return CExpr { f in
        let rhs = try e(f)
        if case .double(let x) = box.value, case .double(let y) = rhs {
          box.value = .double(fastOp.apply(x, y))
        } else {
          box.value = try apply(box.value, rhs, try d?(f))
        }
        return .void
      }
    }
    // fast path: a local variable holding a number
    if let slot = target.localSlot {
      if let fastOp = FastOp(op) {
        return CExpr { f in
          let box = f.slots[slot]
          let rhs = try e(f)
          if case .double(let x) = box.value, case .double(let y) = rhs {
            box.value = .double(fastOp.apply(x, y))
          } else {
            box.value = try apply(box.value, rhs, try d?(f))
          }
          return .void
        }
      }
      return CExpr { f in
        let box = f.slots[slot]
        box.value = try apply(box.value, try e(f), try d?(f))
        return .void
      }
    }
    let modify = target.modify
    return CExpr { f in
      let rhs = try e(f)
      let rhsDouble = try d?(f)
      do {
        _ = try modify(f) { v in
          v = try apply(v, rhs, rhsDouble)
          return .void
        }
      } catch is ChainIsNil {
        // `x?[0] += 1` does nothing when `x` is nil
      }
      return .void
    }
  }
}

/// Double arithmetic done inline on the hot path, before the general operator.
enum FastOp {
  case add, subtract, multiply, divide

  init?(_ op: String) {
    switch op {
    case "+": self = .add
    case "-": self = .subtract
    case "*": self = .multiply
    case "/": self = .divide
    default: return nil
    }
  }

  @inline(__always) func apply(_ a: Double, _ b: Double) -> Double {
    switch self {
    case .add: return a + b
    case .subtract: return a - b
    case .multiply: return a * b
    case .divide: return a / b
    }
  }
}

// MARK: - Literal elements that closures make Double

/// Swift infers the element type of an array literal of integers from the closure passed to
/// its method too: in `[1, 2].map { pow($0, 2.0) }` the elements are Doubles, because `$0`
/// must be one. These functions find the usual ways a closure's body says so, from the syntax
/// (Swift's type checker sees the whole body of a one-expression or multi-statement closure).
extension Compiler {
  /// Methods whose closure parameters are all the receiver's elements.
  static let elementClosureMethods: Set<String> = [
    "map", "compactMap", "flatMap", "filter", "forEach", "contains", "allSatisfy", "first",
    "last", "sorted", "min", "max", "drop", "prefix", "firstIndex", "lastIndex",
  ]

  /// Swift's floating-point-only functions of one argument (generic over `FloatingPoint`,
  /// so an integer literal passed to them is a Double). Others, such as `cos` or `log2`, are
  /// overloaded in Glibc and ambiguous for a literal in Swift.
  static let floatingPointFunctions: Set<String> = ["sqrt", "floor", "ceil", "round", "trunc"]

  /// Members only floating-point values have (`$0.squareRoot()` makes `$0` a Double).
  static let floatingPointMembers: Set<String> = [
    "squareRoot", "rounded", "truncatingRemainder", "remainder", "isNaN", "isInfinite",
    "isFinite", "ulp",
  ]

  /// The closure a call passes as its last argument (trailing or not), if it is the only one.
  static func lastClosure(_ call: FunctionCallExprSyntax) -> ClosureExprSyntax? {
    if let trailing = call.trailingClosure {
      return call.additionalTrailingClosures.isEmpty ? trailing : nil
    }
    return call.arguments.last?.expression.as(ClosureExprSyntax.self)
  }

  /// The names of a closure's parameters in order, with their written types; nil when it
  /// names none (then `$0`, `$1`, ...).
  func closureParameters(_ closure: ClosureExprSyntax) -> [(String, VType?)]? {
    switch closure.signature?.parameterClause {
    case nil: return nil
    case .simpleInput(let list)?: return list.map { ($0.name.text, nil) }
    case .parameterClause(let clause)?:
      return clause.parameters.map { p in
        ((p.secondName ?? p.firstName).text, p.type.flatMap { try? resolveType($0) })
      }
    }
  }

  /// Whether `[1, 2].name { ... }` makes the literal's integers Doubles.
  func literalElementsTakeDouble(_ call: FunctionCallExprSyntax, base: ExprSyntax, name: String)
    -> Bool
  {
    guard Compiler.isIntegerArrayLiteral(base) else { return false }
    let args = call.arguments.map(\.expression)
    if call.trailingClosure == nil, args.count == 1,
      ["contains", "firstIndex", "lastIndex"].contains(name), isDoubleTyped(args[0], [])
    {
      // `[1, 2].contains(1.5)`
      return true
    }
    if name == "reduce", call.trailingClosure == nil, args.count == 2, isDoubleTyped(args[0], []),
      let op = args[1].as(DeclReferenceExprSyntax.self),
      ["+", "-", "*", "/"].contains(op.baseName.text)
    {
      // `[1, 2].reduce(0.0, +)`
      return true
    }
    guard let closure = Compiler.lastClosure(call) else { return false }
    if closure.signature?.returnClause != nil { return false }
    if name == "reduce" { return reduceRoles(call, closure)?.elements ?? false }
    guard Compiler.elementClosureMethods.contains(name), call.arguments.count <= 1 else {
      return false
    }
    var names: Set<String>
    if let params = closureParameters(closure) {
      if let typed = params.first(where: { $0.1 != nil }) { return typed.1 == .double }
      names = Set(params.map(\.0))
    } else {
      names = Set((0..<10).map { "$\($0)" })
    }
    return forcesDouble(Syntax(closure.statements), names, doubles: [])
  }

  /// Whether `[1, 2].reduce(0) { ... }` makes its initial integer literal a Double as well.
  func reduceInitialTakesDouble(_ call: FunctionCallExprSyntax) -> Bool {
    guard let m = call.calledExpression.as(MemberAccessExprSyntax.self),
      m.declName.baseName.text == "reduce", let base = m.base,
      Compiler.isIntegerArrayLiteral(base), let closure = Compiler.lastClosure(call),
      call.arguments.first?.label == nil,
      let initial = call.arguments.first?.expression, Compiler.isIntegerLiteral(initial)
    else { return false }
    return reduceRoles(call, closure)?.accumulator ?? false
  }

  /// For `reduce(initial) { acc, element in ... }` and `reduce(into:)`: whether the body makes
  /// the elements Doubles, and whether it makes the accumulator one.
  func reduceRoles(_ call: FunctionCallExprSyntax, _ closure: ClosureExprSyntax) -> (
    elements: Bool, accumulator: Bool
  )? {
    guard let initial = call.arguments.first, closure.signature?.returnClause == nil else {
      return nil
    }
    let acc: String
    let element: String
    if let params = closureParameters(closure) {
      guard params.count == 2 else { return nil }
      if let type = params[1].1 { return (type == .double, false) }
      (acc, element) = (params[0].0, params[1].0)
    } else {
      (acc, element) = ("$0", "$1")
    }
    let body = Syntax(closure.statements)
    let accIsDouble = isDoubleTyped(initial.expression, [])
    let elements = forcesDouble(body, [element], doubles: accIsDouble ? [acc] : [])
    let accumulator =
      elements && initial.label == nil && forcesDouble(body, [acc], doubles: [element])
    return (elements, accumulator)
  }

  static func isIntegerArrayLiteral(_ e: ExprSyntax) -> Bool {
    guard let array = e.as(ArrayExprSyntax.self), !array.elements.isEmpty else { return false }
    return array.elements.allSatisfy { isIntegerLiteral($0.expression) }
  }

  /// Swift's error for operands whose static types an operator does not take (`i + x` of an
  /// Int and a Double, `s * n` of a String and an Int), before anything runs, so also in code
  /// that never runs (found by scripts/difffuzz.py): the operator is tried on sample values of
  /// those types. Operands with number literals (which adapt to the other side) or closure
  /// arguments (`$0`, typed from a literal's elements) are left to run time.
  func checkOperandTypes(
    _ a: CExpr, _ b: CExpr, _ infix: InfixOperatorExprSyntax,
    _ op: (Value, Value) throws -> Value
  ) throws {
    // a float literal is a Double beside anything but a closure argument (`n * 2.5`)
    func sample(_ c: CExpr, _ e: ExprSyntax) -> Value? {
      if Compiler.isFloatLiteral(e) { return .double(1) }
      if e.is(StringLiteralExprSyntax.self) { return .string("a") }
      if e.is(BooleanLiteralExprSyntax.self) { return .bool(true) }
      guard c.asDouble == nil, !Compiler.hasLiteralOrClosureArgument(e) else { return nil }
      return Compiler.sample(of: c.type)
    }
    var x = sample(a, infix.leftOperand)
    var y = sample(b, infix.rightOperand)
    // an integer literal is a number of some kind: never a String's or a Bool's partner
    func textOrTruth(_ v: Value?) -> Bool {
      switch v {
      case .string?, .bool?: return true
      default: return false
      }
    }
    if x == nil, textOrTruth(y), Compiler.isIntegerLiteral(infix.leftOperand) { x = .int(1) }
    if y == nil, textOrTruth(x), Compiler.isIntegerLiteral(infix.rightOperand) { y = .int(1) }
    guard let x, let y,
      !(Compiler.isFloatLiteral(infix.leftOperand) && Compiler.isFloatLiteral(infix.rightOperand))
    else { return }
    do {
      _ = try op(x, y)
    } catch let error as EvalError
      where !error.message.contains("overflow") && !error.message.contains("division")
    {
      throw error
    }
  }

  /// Whether `e` is made of integer literals, operators and parentheses only.
  static func isIntegerLiteralsOnly(_ e: ExprSyntax) -> Bool {
    e.tokens(viewMode: .sourceAccurate).allSatisfy {
      switch $0.tokenKind {
      case .integerLiteral, .leftParen, .rightParen, .binaryOperator, .prefixOperator: return true
      default: return false
      }
    }
  }

  static func isFloatLiteral(_ e: ExprSyntax) -> Bool {
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      return p.expression.is(FloatLiteralExprSyntax.self)
    }
    return e.is(FloatLiteralExprSyntax.self)
  }

  static func hasLiteralOrClosureArgument(_ e: ExprSyntax) -> Bool {
    e.tokens(viewMode: .sourceAccurate).contains {
      switch $0.tokenKind {
      case .integerLiteral, .floatLiteral, .dollarIdentifier: return true
      default: return false
      }
    }
  }

  static func sample(of type: VType?) -> Value? {
    switch type {
    case .int?: return .int(1)
    case .double?: return .double(1)
    case .string?: return .string("a")
    case .bool?: return .bool(true)
    default: return nil
    }
  }

  /// Whether `e` is a number literal with nothing to give it a type: in parentheses, negated,
  /// or `max`/`min` of such literals.
  static func isBareNumberLiteral(_ e: ExprSyntax) -> Bool {
    if e.is(IntegerLiteralExprSyntax.self) || e.is(FloatLiteralExprSyntax.self) { return true }
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      return isBareNumberLiteral(p.expression)
    }
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, t.elements.first?.label == nil {
      return isBareNumberLiteral(t.elements.first!.expression)
    }
    if let call = e.as(FunctionCallExprSyntax.self),
      let name = call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text,
      name == "max" || name == "min", call.arguments.count >= 2, call.trailingClosure == nil
    {
      return call.arguments.allSatisfy { $0.label == nil && isBareNumberLiteral($0.expression) }
    }
    return false
  }

  static func hasFloatLiteral(_ e: ExprSyntax) -> Bool {
    e.tokens(viewMode: .sourceAccurate).contains {
      if case .floatLiteral = $0.tokenKind { return true }
      return false
    }
  }

  static func isIntegerLiteral(_ e: ExprSyntax) -> Bool {
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      return p.expression.is(IntegerLiteralExprSyntax.self)
    }
    return e.is(IntegerLiteralExprSyntax.self)
  }

  /// Whether `e` is a Double before anything runs: a floating-point literal, a name of
  /// `doubles` or a variable declared as Double, `Double(...)`, `Double.pi`, a
  /// floating-point-only function, or arithmetic of these and integer literals.
  func isDoubleTyped(_ e: ExprSyntax, _ doubles: Set<String>) -> Bool {
    if e.is(FloatLiteralExprSyntax.self) { return true }
    if let ref = e.as(DeclReferenceExprSyntax.self) {
      let name = ref.baseName.text
      if doubles.contains(name) { return true }
      return !name.hasPrefix("$") && resolve(name)?.type == .double
    }
    if let inner = Compiler.parenthesizedOrNegated(e) { return isDoubleTyped(inner, doubles) }
    if let m = e.as(MemberAccessExprSyntax.self),
      let base = m.base?.as(DeclReferenceExprSyntax.self),
      base.baseName.text == "Double", resolve("Double") == nil
    {
      return ["pi", "infinity", "nan", "greatestFiniteMagnitude", "ulpOfOne"].contains(
        m.declName.baseName.text)
    }
    if let call = e.as(FunctionCallExprSyntax.self),
      let callee = call.calledExpression.as(DeclReferenceExprSyntax.self)
    {
      let name = callee.baseName.text
      if resolve(name) != nil { return false }
      return name == "Double" || Compiler.floatingPointFunctions.contains(name) || name == "pow"
    }
    if let infix = e.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      ["+", "-", "*", "/"].contains(op)
    {
      let (a, b) = (infix.leftOperand, infix.rightOperand)
      return
        (isDoubleTyped(a, doubles)
        && (isDoubleTyped(b, doubles) || Compiler.isIntegerLiteral(b)))
        || (Compiler.isIntegerLiteral(a) && isDoubleTyped(b, doubles))
    }
    return false
  }

  /// The expression inside `(e)` or `-e`, which has the type of `e`; nil for anything else.
  static func parenthesizedOrNegated(_ e: ExprSyntax) -> ExprSyntax? {
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, let only = t.elements.first,
      only.label == nil
    {
      return only.expression
    }
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" { return p.expression }
    return nil
  }

  /// Whether `e` has the type of the closure's parameters `names`: a parameter, or arithmetic
  /// of parameters and integer literals (`$0 + 1`).
  static func hasParameterType(_ e: ExprSyntax, _ names: Set<String>) -> Bool {
    if let ref = e.as(DeclReferenceExprSyntax.self) {
      return ref.argumentNames == nil && names.contains(ref.baseName.text)
    }
    if let inner = parenthesizedOrNegated(e) { return hasParameterType(inner, names) }
    if let infix = e.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      ["+", "-", "*", "/"].contains(op)
    {
      let (a, b) = (infix.leftOperand, infix.rightOperand)
      return (hasParameterType(a, names) && (hasParameterType(b, names) || isIntegerLiteral(b)))
        || (isIntegerLiteral(a) && hasParameterType(b, names))
    }
    return false
  }

  /// Whether something in `node` (outside nested closures) makes an expression of the
  /// parameters' type (`names`) a Double: an operator joining it with a Double, an argument
  /// of a floating-point-only function, of `pow`, `max` or `min` beside a Double, or of a cell
  /// function whose parameter is a Double, an array literal beside a Double.
  func forcesDouble(_ node: Syntax, _ names: Set<String>, doubles: Set<String>) -> Bool {
    if node.is(ClosureExprSyntax.self) { return false }
    let param = { (e: ExprSyntax) in Compiler.hasParameterType(e, names) }
    let double = { (e: ExprSyntax) in self.isDoubleTyped(e, doubles) }
    if let infix = node.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      [
        "+", "-", "*", "/", "<", ">", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=",
      ].contains(op)
    {
      let (a, b) = (infix.leftOperand, infix.rightOperand)
      if (param(a) && double(b)) || (double(a) && param(b)) { return true }
    }
    if let call = node.as(FunctionCallExprSyntax.self),
      let callee = call.calledExpression.as(DeclReferenceExprSyntax.self)
    {
      let args = call.arguments.map(\.expression)
      let name = callee.baseName.text
      if let info = resolve(name) {
        var types: [VType?] = []
        if let code = info.function {
          types = code.params.map(\.type)
        } else if case .function(let ps, _)? = info.type {
          types = ps
        }
        for (arg, type) in zip(args, types) where type == .double && param(arg) { return true }
      } else if Compiler.floatingPointFunctions.contains(name), args.count == 1, param(args[0]) {
        return true
      } else if Compiler.ambiguousForLiterals.contains(name), args.count == 1, param(args[0]),
        resultMeetsDouble(call)
      {
        // `log($0) * 0.5`: the Double beside the result picks the Double overload
        return true
      } else if ["pow", "max", "min", "atan2", "hypot", "fmod"].contains(name),
        args.contains(where: param),
        args.contains(where: double)
      {
        return true
      }
    }
    if let m = node.as(MemberAccessExprSyntax.self), let base = m.base, param(base),
      Compiler.floatingPointMembers.contains(m.declName.baseName.text)
    {
      // `$0.squareRoot()`
      return true
    }
    if let cast = node.as(AsExprSyntax.self), cast.questionOrExclamationMark == nil,
      param(cast.expression), cast.type.trimmedDescription == "Double"
    {
      return true
    }
    if let array = node.as(ArrayExprSyntax.self) {
      let items = array.elements.map(\.expression)
      if items.contains(where: param) && items.contains(where: double) { return true }
    }
    return node.children(viewMode: .sourceAccurate).contains {
      forcesDouble($0, names, doubles: doubles)
    }
  }
}

extension Compiler {
  /// `\.name`, `\.0`, `\Student.score`, `\.a.b`: a key path of properties, used as the function
  /// from a value to that property (`people.map(\.name)`, `sorted(by:)` needs a closure).
  func compileKeyPath(_ k: KeyPathExprSyntax) throws -> CExpr {
    guard k.parent?.is(LabeledExprSyntax.self) == true else {
      // a key path stored or printed is a KeyPath value in Swift, not a function
      throw unsupported("key paths other than a call's argument (xs.map(\\.name))", k)
    }
    var names: [String] = []
    for component in k.components {
      guard case .property(let p) = component.component, p.genericArgumentClause == nil else {
        throw unsupported("key paths other than properties (\\.name, \\.0)", component)
      }
      names.append(p.declName.baseName.text)
    }
    guard !names.isEmpty else { throw unsupported("key paths without a property", k) }
    let l = loc(k)
    let path = NativeFunction(
      "key path",
      [
        Overload([nil]) { a in
          var v = try a.value(0)
          for name in names {
            if let index = Int(name) {
              guard case .tuple(let t) = v, index < t.items.count else {
                throw EvalError("value of type '\(v.typeName)' has no member '\(name)'", at: l)
              }
              v = t.items[index]
            } else {
              v = try a.rt.builtins.property(v, name, at: l)
            }
          }
          return v
        }
      ])
    return .constant(.function(path))
  }
}

extension Compiler {
  /// Swift's "ambiguous use of 'pow'" for `pow(2.0, 3)` where nothing says which `pow`:
  /// Glibc's `pow(Double, Double)` or Foundation's `pow(Decimal, Int)` (a float literal can be
  /// a Decimal). Checked with swiftc (Corpus/swiftc/literals.swift): refused as `print`'s
  /// argument, as an untyped `let`'s value and beside an integer literal (`pow(2.0, 2) + 1`); a
  /// Double beside it, a typed `let`, a Double parameter or an interpolation make it Glibc's.
  func refuseAmbiguousPow(_ call: FunctionCallExprSyntax, expected: VType?) throws {
    guard let ref = call.calledExpression.as(DeclReferenceExprSyntax.self),
      ref.baseName.text == "pow", resolve("pow") == nil, expected == nil || expected == .any,
      call.arguments.count == 2, call.arguments.allSatisfy({ $0.label == nil })
    else { return }
    try refuseDecimalPow(call, ref)
    // `pow(-(2.5), 2)` is Glibc's (a negated expression, not a negative literal), while
    // `pow((-2.5), 2)` is as ambiguous as `pow(2.5, 2)`
    var first = call.arguments.first!.expression
    while let t = first.as(TupleExprSyntax.self), t.elements.count == 1,
      t.elements.first!.label == nil
    {
      first = t.elements.first!.expression
    }
    if let p = first.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      first = p.expression
    }
    guard first.is(FloatLiteralExprSyntax.self),
      Compiler.isIntegerLiteral(call.arguments.last!.expression)
    else { return }
    let node = Compiler.outsideParentheses(call)
    guard let parent = node.parent else { return }
    var neutral = false
    if let binding = parent.as(InitializerClauseSyntax.self)?.parent?.as(
      PatternBindingSyntax.self)
    {
      neutral = binding.typeAnnotation == nil
    } else if isArgument(node, of: ["print"]) {
      neutral = true
    } else if let infix = parent.as(InfixOperatorExprSyntax.self) {
      let other = infix.leftOperand.id == node.id ? infix.rightOperand : infix.leftOperand
      var o = other
      while let inner = Compiler.parenthesizedOrNegated(o) { o = inner }
      neutral = o.is(IntegerLiteralExprSyntax.self)
    }
    if neutral { throw EvalError("ambiguous use of 'pow'", at: loc(ref.baseName)) }
  }

  /// Glibc's functions that Swift finds ambiguous for an integer literal's type (they have
  /// Double, Float and Float80 overloads and no generic one), unlike `sqrt` or `floor`.
  static let ambiguousForLiterals: Set<String> = [
    "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh",
    "atanh", "exp", "exp2", "expm1", "log", "log2", "log10", "log1p", "cbrt", "erf", "erfc",
    "tgamma", "lgamma",
  ]

  /// Swift's type-check error for `[1, 2].map { cos($0) }` (the literal's elements could be
  /// Double, Float or Float80: "ambiguous use of 'cos'", at `cos`; `exp(-$0)` and
  /// `cos(2 * $0)` at the operator; `$0 * .pi` at `pi`) and for a closure over a range of
  /// literals that needs Doubles (`(1...3).map { sqrt($0) }`: a range of Doubles is not a
  /// sequence, so "no exact matches in call to instance method 'map'"). Checked with swiftc
  /// (Corpus/swiftc/literals.swift). Called when the closure did not make the elements Doubles.
  func refuseAmbiguousElements(_ call: FunctionCallExprSyntax, base: ExprSyntax, name: String)
    throws
  {
    guard let closure = Compiler.lastClosure(call), closure.signature?.returnClause == nil,
      Compiler.elementClosureMethods.contains(name) || name == "reduce"
    else { return }
    if name == "map", let split = ambiguousSplit(base, closure) { throw split }
    var names: Set<String>
    if let params = closureParameters(closure) {
      if params.contains(where: { $0.1 != nil }) { return }
      names = Set(params.map(\.0))
    } else {
      names = Set((0..<10).map { "$\($0)" })
    }
    if name == "reduce" {
      guard let roles = reduceRoles(call, closure), !roles.elements else { return }
      names = Set([closureParameters(closure)?.last?.0 ?? "$1"])
    }
    let body = Syntax(closure.statements)
    if Compiler.isIntegerArrayLiteral(base), let ambiguous = ambiguity(in: body, names) {
      throw ambiguous
    }
    var range = base
    while let inner = Compiler.parenthesizedOrNegated(range) { range = inner }
    if let infix = range.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      op == "..." || op == "..<", Compiler.isIntegerLiteral(infix.leftOperand),
      Compiler.isIntegerLiteral(infix.rightOperand),
      forcesDouble(body, names, doubles: []) || ambiguity(in: body, names) != nil,
      let member = call.calledExpression.as(MemberAccessExprSyntax.self)
    {
      throw EvalError(
        "no exact matches in call to instance method '\(name)'", at: loc(member.declName))
    }
  }

  /// `text.split(separator: " ").map { $0.count }`: a String's `split` is both Sequence's
  /// (giving `[ArraySlice<Character>]`) and Collection's (giving `[Substring]`), and a closure
  /// that only counts fits both, so Swift finds the call ambiguous (checked with swiftc,
  /// Corpus/swiftc/literals.swift). Other closures (`String($0)`, `$0.count * 2`) decide.
  func ambiguousSplit(_ base: ExprSyntax, _ closure: ClosureExprSyntax) -> EvalError? {
    guard let call = base.as(FunctionCallExprSyntax.self),
      let member = call.calledExpression.as(MemberAccessExprSyntax.self),
      member.declName.baseName.text == "split", call.arguments.first?.label?.text == "separator",
      let receiver = member.base, isStringTyped(receiver),
      closure.statements.count == 1,
      let body = closure.statements.first?.item.as(ExprSyntax.self),
      let counted = body.as(MemberAccessExprSyntax.self), counted.declName.baseName.text == "count",
      let param = counted.base?.as(DeclReferenceExprSyntax.self)
    else { return nil }
    let names = closureParameters(closure)?.map(\.0) ?? ["$0"]
    guard names.count == 1, names[0] == param.baseName.text else { return nil }
    return EvalError(
      "ambiguous use of 'split(separator:maxSplits:omittingEmptySubsequences:)'",
      at: loc(member.declName))
  }

  /// Whether `e` is an Int before anything runs: a variable declared or inferred as one, or
  /// arithmetic of such variables and integer literals.
  func isIntTyped(_ e: ExprSyntax) -> Bool {
    if let inner = Compiler.parenthesizedOrNegated(e) { return isIntTyped(inner) }
    if let ref = e.as(DeclReferenceExprSyntax.self) {
      return !ref.baseName.text.hasPrefix("$") && resolve(ref.baseName.text)?.type == .int
    }
    if let infix = e.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      ["+", "-", "*", "/", "%"].contains(op)
    {
      let (a, b) = (infix.leftOperand, infix.rightOperand)
      return (isIntTyped(a) && (isIntTyped(b) || Compiler.isIntegerLiteral(b)))
        || (Compiler.isIntegerLiteral(a) && isIntTyped(b))
    }
    return false
  }

  /// Whether `e` is a String before anything runs: a string literal, a variable declared or
  /// inferred as one, or a String method that gives a String.
  func isStringTyped(_ e: ExprSyntax) -> Bool {
    if e.is(StringLiteralExprSyntax.self) { return true }
    if let ref = e.as(DeclReferenceExprSyntax.self) {
      return resolve(ref.baseName.text)?.type == .string
    }
    if let call = e.as(FunctionCallExprSyntax.self),
      let m = call.calledExpression.as(MemberAccessExprSyntax.self), let base = m.base,
      ["lowercased", "uppercased", "trimmingCharacters", "replacingOccurrences"].contains(
        m.declName.baseName.text)
    {
      return isStringTyped(base)
    }
    return false
  }

  /// The first place in `node` (outside nested closures) where an expression of the
  /// parameters' type meets a floating-point-only overload set Swift cannot choose from.
  func ambiguity(in node: Syntax, _ names: Set<String>) -> EvalError? {
    if node.is(ClosureExprSyntax.self) { return nil }
    if let call = node.as(FunctionCallExprSyntax.self),
      let callee = call.calledExpression.as(DeclReferenceExprSyntax.self),
      Compiler.ambiguousForLiterals.contains(callee.baseName.text),
      resolve(callee.baseName.text) == nil, call.arguments.count == 1,
      let arg = call.arguments.first?.expression, Compiler.hasParameterType(arg, names),
      !resultMeetsDouble(call)
    {
      var inner = arg
      while let t = inner.as(TupleExprSyntax.self), t.elements.count == 1,
        let only = t.elements.first?.expression
      {
        inner = only
      }
      if let p = inner.as(PrefixOperatorExprSyntax.self) {
        return EvalError("ambiguous use of operator '\(p.operator.text)'", at: loc(p.operator))
      }
      if let infix = inner.as(InfixOperatorExprSyntax.self),
        let op = infix.operator.as(BinaryOperatorExprSyntax.self)
      {
        return EvalError(
          "ambiguous use of operator '\(op.operator.text)'", at: loc(op.operator))
      }
      return EvalError(
        "ambiguous use of '\(callee.baseName.text)'", at: loc(callee.baseName))
    }
    if let infix = node.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      ["+", "-", "*", "/", "<", ">", "<=", ">=", "==", "!="].contains(op)
    {
      for (x, y) in [
        (infix.leftOperand, infix.rightOperand), (infix.rightOperand, infix.leftOperand),
      ]
      where Compiler.hasParameterType(x, names) {
        if let m = y.as(MemberAccessExprSyntax.self), m.base == nil,
          ["pi", "infinity", "nan", "ulpOfOne", "greatestFiniteMagnitude"].contains(
            m.declName.baseName.text)
        {
          return EvalError(
            "ambiguous use of '\(m.declName.baseName.text)'", at: loc(m.declName.baseName))
        }
      }
    }
    for child in node.children(viewMode: .sourceAccurate) {
      if let found = ambiguity(in: child, names) { return found }
    }
    return nil
  }

  /// Whether the value of `call` is an operand beside a Double (`log($0) * 0.5`), which
  /// settles the overload in Swift.
  func resultMeetsDouble(_ call: FunctionCallExprSyntax) -> Bool {
    let node = Compiler.outsideParentheses(call)
    guard let infix = node.parent?.as(InfixOperatorExprSyntax.self) else { return false }
    let other = infix.leftOperand.id == node.id ? infix.rightOperand : infix.leftOperand
    return isDoubleTyped(other, [])
  }
}

extension Compiler {
  /// For `[1, 2].map { ... }` whose elements stayed Int: an Int-versus-Double error inside
  /// the closure gets a note saying how to write Double elements, because the closure may
  /// make them Doubles in a way these rules do not see (Swift's type checker would).
  func noteIntegerElements(_ c: CExpr, _ call: FunctionCallExprSyntax, base: ExprSyntax) -> CExpr {
    guard Compiler.isIntegerArrayLiteral(base), Compiler.lastClosure(call) != nil,
      let array = base.as(ArrayExprSyntax.self)
    else { return c }
    let written = array.elements.map { $0.expression.trimmedDescription + ".0" }
    let doubles = "[" + written.joined(separator: ", ") + "]"
    let note =
      doubles.utf8.count <= 60
      ? "the literal's elements are Int here; write \(doubles) to make them Double"
      : "the literal's elements are Int here; write them with a decimal point (1.0) to make them Double"
    let e = c.eval
    var noted = c
    noted.eval = { f in
      do {
        return try e(f)
      } catch var error as EvalError
        where error.message.contains("'Int'") && error.message.contains("'Double'")
      {
        error.notes.append(note)
        throw error
      }
    }
    return noted
  }
}

extension Compiler {
  /// Swift's error for an optional operand beside a value of its wrapped type (`o + 1` with
  /// `o: Int?`), at the optional operand, with Swift's two notes; nil otherwise.
  func unwrapNeeded(_ a: CExpr, _ b: CExpr, _ infix: InfixOperatorExprSyntax) -> EvalError? {
    let scalars: Set<VType> = [.int, .double, .string]
    for (x, y, node) in [(a, b, infix.leftOperand), (b, a, infix.rightOperand)] {
      guard case .optional(let wrapped)? = x.type, scalars.contains(wrapped) else { continue }
      let fits = y.type == wrapped || (wrapped == .double && y.asDouble != nil && y.constant != nil)
      if fits && !y.needsContext {
        let places = operandPlaces(infix)
        return Operators.unwrapNeeded(
          wrapped, at: node == infix.leftOperand ? places.left : places.right)
      }
    }
    return nil
  }

  /// Where Swift points at an operand it finds fault with: a subscript at its `[`, a member
  /// at its name, anything else at its start.
  func operandPlaces(_ infix: InfixOperatorExprSyntax) -> OperandPlaces {
    func anchor(_ e: ExprSyntax) -> Loc {
      if let s = e.as(SubscriptCallExprSyntax.self) { return loc(s.leftSquare) }
      if let m = e.as(MemberAccessExprSyntax.self), m.base != nil { return loc(m.declName) }
      return loc(e)
    }
    return OperandPlaces(left: anchor(infix.leftOperand), right: anchor(infix.rightOperand))
  }

  /// Swift's error for a returned value whose type is known and cannot be the function's
  /// return type (`return "a"` in a function returning Int), given before the cell runs.
  func checkReturnType(_ c: CExpr, _ type: VType?, at node: some SyntaxProtocol) throws {
    guard let type else { return }
    try checkConversion(c, to: type, context: .returnValue, at: node)
  }

  /// Swift's conversion error, before the cell runs, for a value whose type is known and that
  /// cannot become `type` (both plain scalars: Int, Double, Bool, String; an integer literal
  /// may become a Double).
  func checkConversion(
    _ c: CExpr, to type: VType, context: CoercionContext, at node: some SyntaxProtocol
  ) throws {
    let scalars: Set<VType> = [.int, .double, .bool, .string]
    guard let have = c.type, scalars.contains(type), scalars.contains(have), have != type
    else { return }
    if type == .double && c.asDouble != nil { return }
    let at = ExprSyntax(node).map(swiftAnchor) ?? loc(node)
    throw EvalError(context.message(have, type), at: at)
  }

  /// Where swiftc points at an expression whose value does not fit: an operation at its
  /// operator (inside parentheses too), a subscript at its `[`, a member at its name, anything
  /// else at its start (checked with swiftc: `let a: Double = n / 2` is at the `/`).
  func swiftAnchor(_ e: ExprSyntax) -> Loc {
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, let only = t.elements.first,
      only.label == nil
    {
      return swiftAnchor(only.expression)
    }
    if let infix = e.as(InfixOperatorExprSyntax.self) { return loc(infix.operator) }
    if let s = e.as(SubscriptCallExprSyntax.self) { return loc(s.leftSquare) }
    if let m = e.as(MemberAccessExprSyntax.self), m.base != nil { return loc(m.declName) }
    return loc(e)
  }
}

extension Compiler {
  /// The types and places of an array literal's literal elements (others are left out).
  func literalElementTypes(_ literal: ArrayExprSyntax) -> [(VType, Loc)] {
    literal.elements.compactMap { item in
      var e = item.expression
      if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" { e = p.expression }
      let type: VType
      if e.is(IntegerLiteralExprSyntax.self) {
        type = .int
      } else if e.is(FloatLiteralExprSyntax.self) {
        type = .double
      } else if e.is(StringLiteralExprSyntax.self) {
        type = .string
      } else if e.is(BooleanLiteralExprSyntax.self) {
        type = .bool
      } else {
        return nil
      }
      return (type, loc(item.expression))
    }
  }

  /// Swift's error for the first literal element that cannot be `element` (`xs += [2.5]` for
  /// `xs: [Int]`), at that element; an integer literal may be a Double.
  static func elementMismatch(_ elements: [(VType, Loc)], _ element: VType) -> EvalError? {
    guard [.int, .double, .bool, .string].contains(element) else { return nil }
    for (have, place) in elements where have != element && !(have == .int && element == .double) {
      return EvalError(CoercionContext.element.message(have, element), at: place)
    }
    return nil
  }
}

extension Compiler {
  /// The type a `??`'s optional left side wraps, when its form says it: `Double(text)`,
  /// `xs.firstIndex(of: x)`, a cell function declared to return `Double?`.
  func staticWrappedType(_ left: ExprSyntax) -> VType? {
    if let m = left.as(MemberAccessExprSyntax.self), m.base != nil,
      ["count", "startIndex", "endIndex", "offset"].contains(m.declName.baseName.text)
    {
      // `words?.count ?? 0`
      return .int
    }
    guard let call = left.as(FunctionCallExprSyntax.self) else { return nil }
    if let ref = call.calledExpression.as(DeclReferenceExprSyntax.self) {
      let name = ref.baseName.text
      if let info = resolve(name) {
        if case .optional(let w)? = info.function?.returnType, w != .any { return w }
        // a closure variable of a declared function type
        if case .function(_, .optional(let w))? = info.type, w != .any { return w }
        return nil
      }
      if name == "Double" { return .double }
      if name == "Int" { return .int }
    }
    if let m = call.calledExpression.as(MemberAccessExprSyntax.self), m.base != nil,
      ["firstIndex", "lastIndex"].contains(m.declName.baseName.text)
    {
      return .int
    }
    return nil
  }
}

extension Compiler {
  /// `String?("t")`, `Double?(3)`: Optional's initializer from a value of the wrapped type
  /// (`Optional("t")` with the type written out), so the argument converts as to that type.
  func compileOptionalInit(_ call: FunctionCallExprSyntax) throws -> CExpr? {
    guard let chain = call.calledExpression.as(OptionalChainingExprSyntax.self),
      let ref = chain.expression.as(DeclReferenceExprSyntax.self), ref.argumentNames == nil,
      resolve(ref.baseName.text) == nil,
      let wrapped = rt.builtins.typeNamed(ref.baseName.text),
      call.trailingClosure == nil, call.additionalTrailingClosures.isEmpty
    else { return nil }
    guard call.arguments.count == 1, let only = call.arguments.first, only.label == nil else {
      throw EvalError(
        "not supported in cells: '\(wrapped.name)?(...)' with other than one unlabeled value",
        at: loc(call), notes: ["write Optional(x) or 'let v: \(wrapped.name)? = x'"])
    }
    let inner = try compileExpr(only.expression, expected: wrapped)
    let e = inner.eval
    let d = inner.asDouble
    let l = loc(only.expression)
    return CExpr(
      { f in
        .optional(
          try coerce(try e(f), asDouble: try d?(f), to: wrapped, context: .argument).get(at: l))
      }, type: .optional(wrapped))
  }
}

extension Compiler {
  /// Refuses `pow(B, n)` with an integer-literal exponent where Swift picks Foundation's
  /// `pow(Decimal, Int)`, which prints other digits than a Double would
  /// (`pow((0.0 + 92.9).magnitude, 3)` is 801765.089, `pow(.pi, 2)` has 38 digits, `pow(abs(-2.0),
  /// 2)` prints 4). Measured with swift 6 (Corpus/swiftc and Differential/everyday): Swift takes
  /// the Decimal overload when the base is made only of literals and has an implicit member
  /// (`.pi`), a call of a generic function (`abs`, `min`, `max`), an array literal, or a
  /// member such as `.magnitude` of a literal expression that is not itself a literal. A member
  /// of a literal (`2.5.magnitude`), a method only Double has (`squareRoot()`), or arithmetic
  /// of literals alone make it Glibc's `pow(Double, Double)`. Where the context asks for a
  /// Double (a typed `let`, a Double beside it) Swift takes Glibc's too.
  func refuseDecimalPow(_ call: FunctionCallExprSyntax, _ ref: DeclReferenceExprSyntax) throws {
    guard let exponent = call.arguments.last?.expression, Compiler.isIntegerLiteral(exponent),
      let base = call.arguments.first?.expression, let decimal = decimalBase(base)
    else { return }
    // `pow(7.25 * 5, 10)`: one operator between a float and an integer literal is Swift's
    // "ambiguous use of operator '*'" (Double's or Decimal's); `2.5 + 0.5` or more operators
    // make it a Double
    var stripped = base
    while let t = stripped.as(TupleExprSyntax.self), t.elements.count == 1,
      t.elements.first!.label == nil
    {
      stripped = t.elements.first!.expression
    }
    var mixedOperator: TokenSyntax?
    if let infix = stripped.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator,
      ["+", "-", "*", "/"].contains(op.text)
    {
      func literal(_ e: ExprSyntax) -> String? {
        var e = e
        if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" { e = p.expression }
        if e.is(FloatLiteralExprSyntax.self) { return "float" }
        return e.is(IntegerLiteralExprSyntax.self) ? "integer" : nil
      }
      if let a = literal(infix.leftOperand), let b = literal(infix.rightOperand), a != b {
        mixedOperator = op
      }
    }
    guard decimal || mixedOperator != nil else { return }
    // a Double beside the call decides for Glibc's pow
    let node = Compiler.outsideParentheses(call)
    if let infix = node.parent?.as(InfixOperatorExprSyntax.self) {
      let other = infix.leftOperand.id == node.id ? infix.rightOperand : infix.leftOperand
      if decimalBase(other) == nil { return }
    }
    if let mixedOperator {
      throw EvalError("ambiguous use of operator '\(mixedOperator.text)'", at: loc(mixedOperator))
    }
    throw EvalError(
      "not supported in cells: this 'pow' is Foundation's pow(Decimal, Int) in Swift, which prints other digits than a Double",
      at: loc(ref.baseName),
      notes: [
        "its base is made only of literals, so Swift makes it a Decimal; write pow(Double(\(base.trimmedDescription)), \(exponent.trimmedDescription).0) or bind the base to a Double first"
      ])
  }

  /// For an expression made only of literals: whether Swift may make it a Decimal (true) or
  /// makes it a Double (false). Nil when something else (a variable, `Double.pi`, a method
  /// only Double has) gives it its type.
  func decimalBase(_ e: ExprSyntax) -> Bool? {
    if e.is(FloatLiteralExprSyntax.self) || e.is(IntegerLiteralExprSyntax.self) { return false }
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, t.elements.first!.label == nil {
      return decimalBase(t.elements.first!.expression)
    }
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      return decimalBase(p.expression)
    }
    if let infix = e.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      ["+", "-", "*", "/"].contains(op)
    {
      guard let a = decimalBase(infix.leftOperand), let b = decimalBase(infix.rightOperand) else {
        return nil
      }
      return a || b
    }
    if let m = e.as(MemberAccessExprSyntax.self) {
      guard let base = m.base else { return true }  // `.pi`
      // members Decimal has too; a method or property only Double has makes it a Double
      guard
        ["magnitude", "ulp", "nextUp", "nextDown", "significand"].contains(
          m.declName.baseName.text),
        let inner = decimalBase(base)
      else { return nil }
      var stripped = base
      while let t = stripped.as(TupleExprSyntax.self), t.elements.count == 1 {
        stripped = t.elements.first!.expression
      }
      if let p = stripped.as(PrefixOperatorExprSyntax.self), p.operator.text == "-",
        p.expression.is(FloatLiteralExprSyntax.self)
          || p.expression.is(IntegerLiteralExprSyntax.self)
      {
        return false  // `(-2.5).magnitude`: a member of a negative literal
      }
      if stripped.is(FloatLiteralExprSyntax.self) || stripped.is(IntegerLiteralExprSyntax.self) {
        return false  // `2.5.magnitude`: a member of a literal makes the literal a Double
      }
      return inner || true
    }
    if let call = e.as(FunctionCallExprSyntax.self),
      let name = call.calledExpression.as(DeclReferenceExprSyntax.self)?.baseName.text,
      ["abs", "min", "max"].contains(name), resolve(name) == nil, call.trailingClosure == nil,
      !call.arguments.isEmpty, call.arguments.allSatisfy({ $0.label == nil })
    {
      for argument in call.arguments where decimalBase(argument.expression) == nil { return nil }
      return true
    }
    if let array = e.as(ArrayExprSyntax.self) {
      for element in array.elements where decimalBase(element.expression) == nil { return nil }
      return true
    }
    if let sub = e.as(SubscriptCallExprSyntax.self), sub.calledExpression.is(ArrayExprSyntax.self) {
      return decimalBase(sub.calledExpression)
    }
    if let unwrap = e.as(ForceUnwrapExprSyntax.self),
      let m = unwrap.expression.as(MemberAccessExprSyntax.self),
      let base = m.base, base.is(ArrayExprSyntax.self),
      ["first", "last"].contains(m.declName.baseName.text)
    {
      return decimalBase(base)
    }
    return nil
  }
}

extension Compiler {
  /// Swift's error for a Substring passed to `String(format:)` (a Substring is no `CVarArg`):
  /// cells hold substrings as strings, so the type is read from the syntax: `s.prefix(2)`,
  /// `s.dropFirst()`, `s.split(separator: " ")[0]`, `s[i...]`, or a name declared in this cell
  /// from one of them (`let w = ...`, `for w in s.split(...)`).
  func refuseSubstringFormatArguments(_ call: FunctionCallExprSyntax) throws {
    guard let ref = call.calledExpression.as(DeclReferenceExprSyntax.self),
      ref.baseName.text == "String", resolve("String") == nil,
      call.arguments.first?.label?.text == "format"
    else { return }
    for argument in call.arguments.dropFirst() where argument.label == nil {
      guard let type = substringType(argument.expression, depth: 0) else { continue }
      var anchor = swiftAnchor(argument.expression)
      if let inner = argument.expression.as(FunctionCallExprSyntax.self),
        let m = inner.calledExpression.as(MemberAccessExprSyntax.self), m.base != nil
      {
        anchor = loc(m.declName)
      }
      throw EvalError(
        "argument type '\(type).SubSequence' (aka 'Substring') does not conform to expected type 'CVarArg'",
        at: anchor,
        notes: ["make it a String first: String(\(argument.expression.trimmedDescription))"])
    }
  }

  /// `type(of: s.prefix(2))` is `Substring` in Swift, a type cells hold as a String: refused.
  func refuseSubstringTypeOf(_ call: FunctionCallExprSyntax) throws {
    guard let ref = call.calledExpression.as(DeclReferenceExprSyntax.self),
      ref.baseName.text == "type", resolve("type") == nil, call.arguments.count == 1,
      let only = call.arguments.first, only.label?.text == "of"
    else { return }
    var e = only.expression
    while let t = e.as(TupleExprSyntax.self), t.elements.count == 1 {
      e = t.elements.first!.expression
    }
    let substring = substringType(e, depth: 0) != nil
    let split =
      e.as(FunctionCallExprSyntax.self).flatMap {
        $0.calledExpression.as(MemberAccessExprSyntax.self)
      }.map { $0.declName.baseName.text == "split" && $0.base.map(isStringTyped) == true } ?? false
    if substring || split {
      throw EvalError(
        "not supported in cells: type(of:) of a Substring (cells hold substrings as Strings)",
        at: loc(only.expression))
    }
  }

  /// The type a Substring-valued expression is spelled with in Swift's errors (`String` for
  /// `String.SubSequence`, `Substring` for a part of a part), by its syntax (see
  /// `refuseSubstringFormatArguments`); nil when it is not known to be a Substring.
  func substringType(_ e: ExprSyntax, depth: Int) -> String? {
    guard depth < 16 else { return nil }
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, t.elements.first!.label == nil {
      return substringType(t.elements.first!.expression, depth: depth + 1)
    }
    func owner(_ base: ExprSyntax) -> String? {
      if isStringTyped(base) { return "String" }
      return substringType(base, depth: depth + 1) == nil ? nil : "Substring"
    }
    if let call = e.as(FunctionCallExprSyntax.self),
      let m = call.calledExpression.as(MemberAccessExprSyntax.self), let base = m.base,
      ["prefix", "suffix", "dropFirst", "dropLast", "drop", "trimmingPrefix"].contains(
        m.declName.baseName.text)
    {
      return owner(base)
    }
    if let sub = e.as(SubscriptCallExprSyntax.self) {
      if let split = splitOwner(sub.calledExpression, depth) { return split }
      // `s[i...]`, `s[..<i]`: String is subscripted only with indices and their ranges
      let range = sub.arguments.contains { arg in
        arg.expression.is(InfixOperatorExprSyntax.self)
          || arg.expression.is(PostfixOperatorExprSyntax.self)
          || arg.expression.is(PrefixOperatorExprSyntax.self)
      }
      return range ? owner(sub.calledExpression) : nil
    }
    if let unwrap = e.as(ForceUnwrapExprSyntax.self),
      let m = unwrap.expression.as(MemberAccessExprSyntax.self), let base = m.base,
      ["first", "last"].contains(m.declName.baseName.text)
    {
      return splitOwner(base, depth)
    }
    if let name = e.as(DeclReferenceExprSyntax.self)?.baseName.text,
      let source = declarationSource(of: name, from: Syntax(e))
    {
      switch source {
      case .value(let value): return substringType(value, depth: depth + 1)
      case .element(let sequence): return splitOwner(sequence, depth)
      }
    }
    return nil
  }

  /// For `s.split(separator: ...)` of a String or Substring (a `[Substring]`), the type
  /// spelling of its elements.
  private func splitOwner(_ e: ExprSyntax, _ depth: Int) -> String? {
    guard let call = e.as(FunctionCallExprSyntax.self),
      let m = call.calledExpression.as(MemberAccessExprSyntax.self), let base = m.base,
      m.declName.baseName.text == "split"
    else { return nil }
    if isStringTyped(base) { return "String" }
    return substringType(base, depth: depth + 1) == nil ? nil : "Substring"
  }

  private enum DeclarationSource {
    case value(ExprSyntax)
    case element(of: ExprSyntax)
  }

  /// Where the nearest declaration of `name` before `node` in this cell takes its value from:
  /// an untyped `let`/`var`'s initial value, or the sequence a `for`-`in` loop walks.
  private func declarationSource(of name: String, from node: Syntax) -> DeclarationSource? {
    var current = node
    while let parent = current.parent {
      if let loop = parent.as(ForStmtSyntax.self), current.id == loop.body.id,
        loop.pattern.as(IdentifierPatternSyntax.self)?.identifier.text == name
      {
        return .element(of: loop.sequence)
      }
      if parent.is(ClosureExprSyntax.self) || parent.is(FunctionDeclSyntax.self) {
        return nil  // parameters are not followed
      }
      if let items = parent.as(CodeBlockItemListSyntax.self) {
        for item in items {
          if item.position >= current.position { break }
          guard let decl = item.item.as(VariableDeclSyntax.self) else { continue }
          for binding in decl.bindings {
            guard binding.pattern.as(IdentifierPatternSyntax.self)?.identifier.text == name
            else { continue }
            guard binding.typeAnnotation == nil, let value = binding.initializer?.value else {
              return nil
            }
            return .value(value)
          }
        }
      }
      current = parent
    }
    return nil
  }
}

extension Compiler {
  /// `-(3)`, `-((0x10))`, `-(-7)`: a prefix '-' over a parenthesized integer literal.
  static func negatesParenthesizedIntegerLiteral(_ p: PrefixOperatorExprSyntax) -> Bool {
    guard let t = p.expression.as(TupleExprSyntax.self), t.elements.count == 1 else {
      return false
    }
    var inner = p.expression
    while let t = inner.as(TupleExprSyntax.self), t.elements.count == 1,
      let only = t.elements.first, only.label == nil
    {
      inner = only.expression
    }
    if let q = inner.as(PrefixOperatorExprSyntax.self), q.operator.text == "-" {
      inner = q.expression
    }
    return inner.is(IntegerLiteralExprSyntax.self)
  }

  /// Whether `e` stands where nothing gives an integer literal its type, so swiftc weighs
  /// Decimal against Int: an argument of `print`, an untyped `let`/`var`'s value, an
  /// interpolation, or an element of an array literal standing in one of these. (An operand,
  /// a typed binding or parameter, an assignment decide the type.)
  func leavesLiteralTypeOpen(_ e: some SyntaxProtocol) -> Bool {
    var node = Syntax(e)
    while let parent = node.parent {
      if parent.is(ExpressionSegmentSyntax.self) { return true }
      if let binding = parent.as(PatternBindingSyntax.self) { return binding.typeAnnotation == nil }
      if parent.is(InitializerClauseSyntax.self) || parent.is(ArrayElementSyntax.self)
        || parent.is(ArrayElementListSyntax.self) || parent.is(ArrayExprSyntax.self)
        || parent.is(LabeledExprListSyntax.self)
      {
        node = parent
        continue
      }
      if let labeled = parent.as(LabeledExprSyntax.self) {
        // one argument of a call: only print's leaves its type open
        if labeled.parent?.parent?.is(FunctionCallExprSyntax.self) == true {
          return isArgument(node, of: ["print"])
        }
        // a parenthesized or tuple element: go on out
        node = parent
        continue
      }
      if parent.is(TupleExprSyntax.self) {
        node = parent
        continue
      }
      return false
    }
    return false
  }
}

extension Compiler {
  /// `e` with the parentheses written around it (`((e))`): the node whose parent is `e`'s
  /// context. (An expression in parentheses is the element of a one-element tuple.)
  static func outsideParentheses(_ e: some SyntaxProtocol) -> Syntax {
    var node = Syntax(e)
    while let element = node.parent?.as(LabeledExprSyntax.self), element.label == nil,
      let list = element.parent?.as(LabeledExprListSyntax.self), list.count == 1,
      let tuple = list.parent?.as(TupleExprSyntax.self)
    {
      node = Syntax(tuple)
    }
    return node
  }
}

extension Compiler {
  /// Whether `node` is an unlabeled argument of a call to one of the standard functions
  /// `names` (`print`, `display`, ...), not to a cell's own function of that name.
  func isArgument(_ node: Syntax, of names: Set<String>) -> Bool {
    guard let argument = node.parent?.as(LabeledExprSyntax.self), argument.label == nil,
      let call = argument.parent?.parent?.as(FunctionCallExprSyntax.self),
      let callee = call.calledExpression.as(DeclReferenceExprSyntax.self)
    else { return false }
    return names.contains(callee.baseName.text) && resolve(callee.baseName.text) == nil
  }
}
