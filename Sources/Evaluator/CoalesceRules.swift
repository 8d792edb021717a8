import SwiftSyntax

/// Swift's type checker has two `??` (`(T?, T) -> T` and `(T?, T?) -> T?`) and picks `T`
/// with the whole expression around it. Measured with swiftc (Differential/coalescing.swift):
/// - With an integer literal default and a Double left side, `x ?? 0` is a Double (`0.0`)
///   wherever the context does not want `Any`: bound by `let`, interpolated, an operand.
/// - Where the context wants `Any` (an argument of `print`, `display`, `expect`, a `let` typed
///   `Any`), `T` is `Double` only when the left side's type is settled before the `??` is
///   (`xs.first`, `d[k]`, `xs.sorted().first`, `f()`); when it comes out of a closure's inferred
///   result (`xs.map { $0 }.first`), an overloaded collection method (`xs.prefix(2).first`,
///   `xs.dropFirst().first`) or a member after `?.` (`xs.first?.magnitude`), `T` is `Any` and
///   a nil left side gives the Int `0`. `(xs.first) ?? 0` even picks the method `first(where:)`.
/// - On a collection literal (`[2.5].first ?? 1`) the literal's elements become `Any` and the
///   result an `Any?` (`Optional(2.5)`).
/// The evaluator has no `Any` of Swift's kind, so the last two are located refusals.
extension Compiler {
  /// The refusal for `left ?? right` where Swift's choice of `T` is one the evaluator does not
  /// model, or nil. `wrapped` is the left side's wrapped type when it is known.
  func coalescingRefusal(_ infix: InfixOperatorExprSyntax, wrapped: VType?, expected: VType?)
    -> EvalError?
  {
    let literal = infix.rightOperand.trimmedDescription
    let l = loc(infix.operator)
    let right = infix.rightOperand
    if expected != .double && expected != .int, let root = Compiler.receiverRoot(infix.leftOperand),
      !Compiler.constrainsElements(infix.leftOperand), let kinds = Compiler.literalKinds(root),
      Compiler.isIntegerLiteral(right) && kinds.contains(.double) && wrapped != .int
        || right.is(FloatLiteralExprSyntax.self) && kinds.contains(.int) && wrapped != .double
    {
      // `[2.5].first ?? 1`, `[2].first ?? 1.5`
      return EvalError(
        "not supported in cells: '?? \(literal)' beside an element of a collection literal of another kind of number: Swift may make the literal's elements 'Any' and the result an 'Any?' here",
        at: l,
        notes: ["give the default the elements' kind ('1.0' beside Doubles), or the literal a type"]
      )
    }
    return nil
  }

  /// Whether `left ?? right` is Swift's `Any` one: an integer literal default in an argument
  /// of type `Any` beside a left side whose type Swift settles late. Its default is then the
  /// Int, whatever the left side holds (`print(xs.map { $0 }.first ?? 0)` prints `0`).
  func coalescesToAny(_ infix: InfixOperatorExprSyntax) -> Bool {
    Compiler.isIntegerLiteral(infix.rightOperand) && takesAny(infix)
      && !Compiler.settlesEarly(infix.leftOperand)
  }

  /// Whether the `??` is the whole argument of a function taking `Any` (`print`, `display`,
  /// `expect`) or the value of a `let`/`var` declared `Any`.
  func takesAny(_ infix: InfixOperatorExprSyntax) -> Bool {
    let node = Compiler.outsideParentheses(infix)
    if isArgument(node, of: ["print", "debugPrint", "display", "expect"]) { return true }
    if let clause = node.parent?.as(InitializerClauseSyntax.self),
      let binding = clause.parent?.as(PatternBindingSyntax.self),
      let type = binding.typeAnnotation?.type.trimmedDescription
    {
      return type == "Any" || type == "Any?"
    }
    return false
  }

  /// Whether Swift settles the type of `e` (an optional) before the `??` around it: a variable
  /// or stored property, a function call, an element of a sequence whose type is settled.
  static func settlesEarly(_ e: ExprSyntax) -> Bool {
    if e.is(DeclReferenceExprSyntax.self) { return true }
    if let chained = e.as(OptionalChainingExprSyntax.self) {
      return isNameChain(chained.expression)
    }
    if let m = e.as(MemberAccessExprSyntax.self), let base = m.base {
      let name = m.declName.baseName.text
      if ["first", "last"].contains(name) { return settledSequence(base, last: name == "last") }
      // a stored property (`p.w`, `p.q?.w`): settled when its base is a chain of names
      return isNameChain(base)
    }
    if let s = e.as(SubscriptCallExprSyntax.self) { return settledSequence(s.calledExpression) }
    if let call = e.as(FunctionCallExprSyntax.self) {
      guard let m = call.calledExpression.as(MemberAccessExprSyntax.self), let base = m.base
      else {
        // `f()`, `Double(text)`
        return call.calledExpression.is(DeclReferenceExprSyntax.self)
      }
      switch m.declName.baseName.text {
      // Comparable elements settle the type whatever the receiver
      case "min", "max": return true
      // `Optional.map` with a closure: its result is inferred
      case "map", "flatMap": return false
      default: return settledSequence(base)
      }
    }
    return false
  }

  /// A receiver whose element type Swift knows before the `??`: a chain of names, or a
  /// method of one that returns the same elements in an array (not `prefix(_:)` or
  /// `dropFirst(_:)`, overloaded for `Sequence`, nor `map` with a closure).
  static func settledSequence(_ e: ExprSyntax, last: Bool = false) -> Bool {
    if isNameChain(e) || e.is(ArrayExprSyntax.self) || e.is(DictionaryExprSyntax.self) {
      return true
    }
    if let s = e.as(SubscriptCallExprSyntax.self) { return settledSequence(s.calledExpression) }
    // `scores["c"]?.first`, `nested["z"]?["y"]`
    if let c = e.as(OptionalChainingExprSyntax.self) { return settledSequence(c.expression) }
    if let m = e.as(MemberAccessExprSyntax.self), let base = m.base,
      ["values", "keys", "indices"].contains(m.declName.baseName.text)
    {
      return settledSequence(base)
    }
    guard let call = e.as(FunctionCallExprSyntax.self) else { return false }
    // `Array(xs)`, `[Double]()`, a cell function's result
    if call.calledExpression.is(DeclReferenceExprSyntax.self) { return true }
    if call.calledExpression.is(ArrayExprSyntax.self) { return true }
    guard let m = call.calledExpression.as(MemberAccessExprSyntax.self), let base = m.base else {
      return false
    }
    switch m.declName.baseName.text {
    case "sorted", "filter", "reversed", "suffix", "dropLast", "shuffled", "enumerated":
      return settledSequence(base)
    case "prefix":
      // `prefix(while:)` has one form; `prefix(2).last` needs a bidirectional collection
      return (call.arguments.first?.label?.text == "while" || last) && settledSequence(base)
    case "map", "compactMap", "flatMap":
      // a function or key path passed by name has a declared result; a closure literal
      // without `-> T` does not
      guard let arg = call.arguments.first?.expression ?? call.trailingClosure.map(ExprSyntax.init)
      else { return false }
      if let closure = arg.as(ClosureExprSyntax.self) {
        return closure.signature?.returnClause != nil && settledSequence(base)
      }
      return settledSequence(base)
    default: return false
    }
  }

  /// `xs`, `p.w`, `p.q?.w`, `ys?`: names and stored properties only.
  static func isNameChain(_ e: ExprSyntax) -> Bool {
    if e.is(DeclReferenceExprSyntax.self) { return true }
    if let chained = e.as(OptionalChainingExprSyntax.self) {
      return isNameChain(chained.expression)
    }
    if let m = e.as(MemberAccessExprSyntax.self), let base = m.base,
      !["first", "last"].contains(m.declName.baseName.text)
    {
      return isNameChain(base)
    }
    return false
  }

  /// The innermost receiver of a member chain: `[2.5]` in `[2.5].map { $0 }.first`.
  static func receiverRoot(_ e: ExprSyntax) -> ExprSyntax? {
    var node = e
    while true {
      if let m = node.as(MemberAccessExprSyntax.self), let base = m.base {
        node = base
      } else if let call = node.as(FunctionCallExprSyntax.self),
        call.calledExpression.is(MemberAccessExprSyntax.self)
      {
        node = call.calledExpression
      } else if let s = node.as(SubscriptCallExprSyntax.self) {
        node = s.calledExpression
      } else if let c = node.as(OptionalChainingExprSyntax.self) {
        node = c.expression
      } else if let f = node.as(ForceUnwrapExprSyntax.self) {
        node = f.expression
      } else {
        return node == e ? nil : node
      }
    }
  }

  /// Whether a member chain passes its literal receiver's elements through a closure or an
  /// ordering (`[1.5].filter { $0 > 2 }`, `[2.5].sorted()`), which settles them as numbers.
  static func constrainsElements(_ e: ExprSyntax) -> Bool {
    var node: ExprSyntax? = e
    while let current = node {
      if let call = current.as(FunctionCallExprSyntax.self) {
        let closures =
          call.arguments.compactMap { $0.expression.as(ClosureExprSyntax.self) }
          + (call.trailingClosure.map { [$0] } ?? [])
        // `{ $0 }` passes an element on unchanged; other bodies use it as a number
        if closures.contains(where: { !isIdentity($0) }) { return true }
        if let m = call.calledExpression.as(MemberAccessExprSyntax.self),
          ["sorted", "min", "max", "sort"].contains(m.declName.baseName.text)
        {
          return true
        }
        node = call.calledExpression
      } else if let m = current.as(MemberAccessExprSyntax.self) {
        node = m.base
      } else if let s = current.as(SubscriptCallExprSyntax.self) {
        node = s.calledExpression
      } else if let c = current.as(OptionalChainingExprSyntax.self) {
        node = c.expression
      } else {
        node = nil
      }
    }
    return false
  }

  /// Whether a closure returns its one parameter unchanged: `{ $0 }`, `{ x in x }`.
  static func isIdentity(_ c: ClosureExprSyntax) -> Bool {
    guard c.statements.count == 1, case .expr(let e) = c.statements.first!.item,
      let ref = e.as(DeclReferenceExprSyntax.self)
    else { return false }
    switch c.signature?.parameterClause {
    case nil: return ref.baseName.text == "$0"
    case .simpleInput(let list)?:
      return list.count == 1 && list.first?.name.text == ref.baseName.text
    case .parameterClause: return false
    }
  }

  /// The kinds of number literal (`.int`, `.double`) a collection literal holds, nested
  /// literals included; nil when `e` is not a collection literal.
  static func literalKinds(_ e: ExprSyntax) -> Set<VType>? {
    var values: [ExprSyntax] = []
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, let only = t.elements.first {
      return literalKinds(only.expression)
    }
    if let infix = e.as(InfixOperatorExprSyntax.self),
      let a = literalKinds(infix.leftOperand), let b = literalKinds(infix.rightOperand)
    {
      // `[2.5] + [1.0]`
      return a.union(b)
    }
    if let a = e.as(ArrayExprSyntax.self) {
      values = a.elements.map(\.expression)
    } else if let d = e.as(DictionaryExprSyntax.self) {
      guard case .elements(let list) = d.content else { return [] }
      values = list.map(\.value)
    } else {
      return nil
    }
    var kinds: Set<VType> = []
    for v in values {
      if isIntegerLiteral(v) { kinds.insert(.int) }
      if v.is(FloatLiteralExprSyntax.self) { kinds.insert(.double) }
      if let inner = literalKinds(v) { kinds.formUnion(inner) }
    }
    return kinds
  }
}
