import SwiftSyntax

/// Static types through closures: a closure passed to a sequence's method takes its parameter
/// types from the receiver's element type (`xs.map { $0 * 2 }` with `xs: [Double]` has a
/// Double `$0`), and the method's result takes its type from the closure's result. Without
/// them, the result of a method on an empty sequence had no element type, and a literal
/// default beside it took the wrong one: `[Int]().map { Double($0) }.reduce(0, +)` printed `0`
/// where Swift prints `0.0` (found by scripts/difffuzz.py).
extension Compiler {
  /// Methods whose closure takes one element of the receiver.
  static let oneElementClosureMethods: Set<String> = [
    "map", "compactMap", "flatMap", "filter", "forEach", "allSatisfy", "contains", "first",
    "last", "firstIndex", "lastIndex", "prefix", "drop", "count", "removeAll",
  ]

  /// Methods whose closure compares two elements of the receiver.
  static let twoElementClosureMethods: Set<String> = ["sorted", "sort", "min", "max"]

  /// Dictionary methods whose closure takes one value.
  static let valueClosureMethods: Set<String> = ["mapValues", "compactMapValues"]

  /// Dictionary methods that merge another dictionary: its literal takes the receiver's type,
  /// and the closure two values (`d.merging(["a": 1]) { max($0, $1) }` on `[String: Double]`).
  static let mergingMethods: Set<String> = ["merging", "merge"]

  /// Whether `name` is a method whose closure's parameter types come from its receiver.
  static func takesElementClosure(_ name: String) -> Bool {
    oneElementClosureMethods.contains(name) || twoElementClosureMethods.contains(name)
      || valueClosureMethods.contains(name) || mergingMethods.contains(name) || name == "reduce"
  }

  /// Whether the call passes a closure literal or an operator as a function.
  static func passesFunction(_ call: FunctionCallExprSyntax) -> Bool {
    if call.trailingClosure != nil { return true }
    return call.arguments.contains {
      $0.expression.is(ClosureExprSyntax.self)
        || $0.expression.as(DeclReferenceExprSyntax.self).map {
          if case .binaryOperator = $0.baseName.tokenKind { return true } else { return false }
        } == true
    }
  }

  /// The element type of a sequence expression, when it is known before running.
  static func sequenceElement(_ c: CExpr) -> VType? {
    if let e = c.elementType { return e == .any ? nil : e }
    switch c.type {
    case .array(let e)?, .set(let e)?: return e == .any ? nil : e
    case .range(.int)?, .closedRange(.int)?: return .int
    case .string?: return .character
    case .dictionary(let k, let v)? where k != .any && v != .any:
      return .tuple(["key", "value"], [k, v])
    default: return nil
    }
  }

  /// The type a closure argument of `receiver.name(...)` is given, from the arguments before
  /// it (`reduce`'s initial value), or nil when the receiver does not say.
  static func closureExpectation(
    _ name: String, labels: [String?], receiver: CExpr, before: [CArg]
  ) -> VType? {
    if valueClosureMethods.contains(name) {
      guard case .dictionary(_, let v)? = receiver.type, v != .any else { return nil }
      return .function([v], .any)
    }
    if mergingMethods.contains(name) {
      guard case .dictionary(_, let v)? = receiver.type, v != .any else { return nil }
      return .function([v, v], .any)
    }
    if case .optional(let w)? = receiver.type, w != .any, name == "map" || name == "flatMap" {
      // `xs.first.map { $0 * 2 }`
      return .function([w], .any)
    }
    guard let element = sequenceElement(receiver) else { return nil }
    if oneElementClosureMethods.contains(name) { return .function([element], .any) }
    if twoElementClosureMethods.contains(name) { return .function([element, element], .any) }
    if name == "reduce" {
      // the accumulator's type is the initial value's, unless a literal leaves it open
      var accumulator = VType.any
      if let initial = before.first?.expr, initial.asDouble == nil, !initial.needsContext,
        let t = initial.type, isConcrete(t)
      {
        accumulator = t
      }
      return .function([accumulator, element], .any)
    }
    return nil
  }

  /// A closure of several parameters given one tuple (`zip(a, b).map { $0 + $1 }`,
  /// `d.map { k, v in ... }`) takes the tuple's parts, as Swift destructures it.
  static func destructured(_ types: [VType], by c: ClosureExprSyntax) -> [VType] {
    guard types.count == 1, case .tuple(_, let parts) = types[0], parts.count > 1 else {
      return types
    }
    let count: Int
    switch c.signature?.parameterClause {
    case .simpleInput(let list)?: count = list.count
    case .parameterClause(let clause)?: count = clause.parameters.count
    case nil: count = (highestAnonymous(in: Syntax(c.statements)) ?? 0) + 1
    }
    return count == parts.count ? parts : types
  }

  /// The highest `$n` a closure's body uses (not counting closures nested in it).
  static func highestAnonymous(in node: Syntax) -> Int? {
    var highest: Int?
    func visit(_ n: Syntax) {
      if n.is(ClosureExprSyntax.self) { return }
      if let ref = n.as(DeclReferenceExprSyntax.self),
        case .dollarIdentifier = ref.baseName.tokenKind,
        let i = Int(ref.baseName.text.dropFirst())
      {
        highest = max(highest ?? i, i)
      }
      for child in n.children(viewMode: .sourceAccurate) { visit(child) }
    }
    visit(node)
    return highest
  }

  /// The static type (and element type, for a sequence `VType` does not spell) of
  /// `receiver.name(args)` for the standard library's sequence methods.
  func sequenceMethodResult(_ receiver: CExpr, _ name: String, _ args: [CArg]) -> (
    type: VType?, element: VType?
  ) {
    let labels = args.map(\.label)
    let element = Compiler.sequenceElement(receiver)
    let closure = args.last?.expr.closureResult.flatMap { $0 == .any ? nil : $0 }
    if case .optional(let w)? = receiver.type, w != .any {
      switch (name, closure) {
      case ("map", let r?): return (.optional(r), nil)
      case ("flatMap", .optional(let r)?): return (.optional(r), nil)
      default: return (nil, nil)
      }
    }
    // a dictionary's own methods first
    if case .dictionary(let k, let v)? = receiver.type, k != .any, v != .any {
      switch name {
      case "merging": return (receiver.type, nil)
      case "mapValues": return (closure.map { .dictionary(k, $0) }, nil)
      case "compactMapValues":
        guard let r = closure else { return (nil, nil) }
        if case .optional(let w) = r { return (.dictionary(k, w), nil) }
        return (.dictionary(k, r), nil)
      case "filter": return (receiver.type, nil)
      default: break
      }
    }
    switch (name, labels) {
    case ("map", [nil]): return (closure.map { .array($0) }, nil)
    case ("compactMap", [nil]):
      guard let r = closure else { return (nil, nil) }
      if case .optional(let w) = r { return (.array(w), nil) }
      return (.array(r), nil)
    case ("flatMap", [nil]):
      switch closure {
      case .array(let e)?, .set(let e)?: return (.array(e), nil)
      default: return (nil, nil)
      }
    case ("contains", _), ("allSatisfy", _): return (.bool, nil)
    case ("count", ["where"]): return (.int, nil)
    case ("firstIndex", _), ("lastIndex", _): return (.optional(.int), nil)
    case ("reduce", ["into", nil]):
      guard let t = args.first?.expr.type, Compiler.isConcrete(t) else { return (nil, nil) }
      return (t, nil)
    case ("reduce", [nil, nil]):
      return (reduceResult(args, element: element), nil)
    default: break
    }
    guard let element else { return (nil, nil) }
    switch (name, labels) {
    case ("filter", [nil]):
      switch receiver.type {
      case .set?: return (.set(element), nil)
      case .string?: return (.string, nil)
      default: return (.array(element), nil)
      }
    case ("sorted", []), ("sorted", ["by"]), ("shuffled", []): return (.array(element), nil)
    case ("first", ["where"]), ("last", ["where"]), ("min", ["by"]), ("max", ["by"]):
      return (.optional(element), nil)
    case ("enumerated", []):
      return (nil, .tuple(["offset", "element"], [.int, element]))
    case ("reversed", []), ("prefix", _), ("suffix", _), ("dropFirst", _), ("dropLast", _),
      ("drop", ["while"]):
      if case .string? = receiver.type { return (nil, nil) }
      return (nil, element)
    default: return (nil, nil)
    }
  }

  /// `reduce(initial, f)`'s result: the initial value's type, or for an integer literal the
  /// type the function makes of it (`[Double]().reduce(0, +)` is `0.0`).
  func reduceResult(_ args: [CArg], element: VType?) -> VType? {
    guard let initial = args.first?.expr else { return nil }
    if initial.asDouble == nil, let t = initial.type, Compiler.isConcrete(t) { return t }
    guard initial.asDouble != nil else { return nil }
    if let r = args.last?.expr.closureResult, r != .any { return r }
    if args.last?.expr.constant != nil, element == .double || element == .int {
      // an operator as the function: `+` of an accumulator and a Double is a Double
      return element
    }
    return nil
  }

  /// The value of a standard-library method with the element type its static type says, when
  /// the run-time result could not know it (an empty result of an empty receiver).
  static func withElementType(_ c: CExpr, _ type: VType?) -> CExpr {
    var out = c
    out.type = type
    let e = c.eval
    switch type {
    case .array(let t)? where isConcrete(t):
      out.eval = { f in
        let v = try e(f)
        if case .array(var a) = v, a.elementType == .any {
          a.elementType = t
          return .array(a)
        }
        return v
      }
    case .dictionary(let k, let t)? where isConcrete(k) && isConcrete(t):
      out.eval = { f in
        let v = try e(f)
        if case .dictionary(var d) = v, d.valueType == .any || d.keyType == .any {
          d.keyType = k
          d.valueType = t
          return .dictionary(d)
        }
        return v
      }
    default: break
    }
    return out
  }
}

/// A method call's receiver compiled before its arguments.
struct CompiledReceiver {
  var target: LValue?
  var base: CExpr
}

extension Compiler {
  /// Compiles the receiver of `xs.map { ... }` (any sequence method taking a closure) before
  /// the call's arguments, so that the closure knows its parameter types; nil for other calls.
  func receiverBeforeArguments(_ call: FunctionCallExprSyntax, chain: inout Bool) throws
    -> CompiledReceiver?
  {
    guard let m = call.calledExpression.as(MemberAccessExprSyntax.self), let base = m.base,
      Compiler.takesElementClosure(m.declName.baseName.text), Compiler.passesFunction(call),
      staticBaseName(base) == nil, nestedTypeName(ExprSyntax(m)) == nil
    else { return nil }
    let name = m.declName.baseName.text
    // an integer array literal's element type is what the closure makes of it (Swift types
    // `[1, 2].map { $0 * 2.0 }` as Doubles): its elements give the closure no type
    let takesDouble = literalElementsTakeDouble(call, base: base, name: name)
    if Compiler.isIntegerArrayLiteral(base) && !takesDouble { return nil }
    // a collection literal with integer literals may still become Doubles; others are typed
    if !takesDouble, Compiler.literalKinds(base)?.contains(.int) == true { return nil }
    // so may a range of integer literals (`(0..<3).map { $0 * 0.5 }` is Swift's "no exact
    // matches in call to instance method 'map'", refused where it is compiled)
    if Compiler.isLiteralRange(base) { return nil }
    let target = try lvalueIfPossible(base)
    let compiled = try compileExpr(
      base, expected: takesDouble ? .array(.double) : nil, chain: &chain)
    return CompiledReceiver(target: target, base: compiled)
  }
}

extension Compiler {
  /// The static type of `Double(x)`, `Int(x)`, `sqrt(x)`, ... (the calls `Builtins.fastPath`
  /// compiles) from its argument's: a closure `{ Double($0) }` then has a known result.
  static func fastPathType(_ name: String, _ argument: VType?) -> VType? {
    switch (name, argument) {
    case ("Double", .int?), ("Double", .double?): return .double
    case ("Double", .string?): return .optional(.double)
    case ("Int", .int?), ("Int", .double?): return .int
    case ("Int", .string?): return .optional(.int)
    case ("abs", .int?): return .int
    case (_, .double?) where name != "Double" && name != "Int": return .double
    default: return nil
    }
  }
}

extension Compiler {
  /// The static type of a tuple's member: `pair.element`, `pair.1`.
  static func tupleMemberType(of base: VType?, _ name: String) -> VType? {
    guard case .tuple(let labels, let types)? = base else { return nil }
    if let i = labels.firstIndex(of: name) ?? Int(name), i < types.count, types[i] != .any {
      return types[i]
    }
    return nil
  }
}

extension Compiler {
  /// The types the receiver gives a method's non-closure arguments: the dictionary merged
  /// into a dictionary has its type (`[String: Double]().merging(["a": -1])` stores -1.0).
  static func receiverArgumentHints(_ name: String, receiver: CExpr, count: Int) -> [VType?]? {
    guard mergingMethods.contains(name), case .dictionary(let k, let v)? = receiver.type,
      isConcrete(k), isConcrete(v), count >= 1
    else { return nil }
    return [.dictionary(k, v)] + Array(repeating: nil, count: count - 1)
  }
}

extension Compiler {
  /// `0..<3`, `(1...n)` with integer literal bounds: a range whose element type its use decides.
  static func isLiteralRange(_ e: ExprSyntax) -> Bool {
    var node = e
    while let t = node.as(TupleExprSyntax.self), t.elements.count == 1 {
      node = t.elements.first!.expression
    }
    guard let infix = node.as(InfixOperatorExprSyntax.self),
      let op = infix.operator.as(BinaryOperatorExprSyntax.self)?.operator.text,
      op == "..<" || op == "..."
    else { return false }
    return isIntegerLiteral(infix.leftOperand) || isIntegerLiteral(infix.rightOperand)
  }
}
