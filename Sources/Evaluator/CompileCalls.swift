import Foundation
import SwiftSyntax

/// A compiled call argument.
struct CArg {
  var label: String?
  var expr: CExpr
  var trailing = false
  /// `&x`: the place to copy an inout parameter back to.
  var inoutTarget: LValue?
  var loc = Loc.unknown
}

extension Compiler {
  // MARK: - Arguments

  func compileArgs(
    _ list: LabeledExprListSyntax, trailing: ClosureExprSyntax?,
    additional: MultipleTrailingClosureElementListSyntax, lenient: Bool = false,
    inoutFirstClosure: Bool = false, hints: [VType?]? = nil,
    closureHint: (([CArg]) -> VType?)? = nil
  ) throws -> [CArg] {
    var args: [CArg] = []
    for (index, a) in list.enumerated() {
      var hint = hints?[safe: index] ?? nil
      if hint == nil, a.expression.is(ClosureExprSyntax.self) { hint = closureHint?(args) }
      if let io = a.expression.as(InOutExprSyntax.self) {
        let target = try lvalue(io.expression)
        if let reason = target.immutable {
          throw EvalError("cannot pass immutable value as inout argument: \(reason)", at: loc(io))
        }
        args.append(CArg(label: a.label?.text, expr: CExpr(target.get), inoutTarget: target))
      } else {
        nextClosureHasInoutFirst = inoutFirstClosure && a.expression.is(ClosureExprSyntax.self)
        args.append(
          CArg(
            label: a.label?.text,
            expr: try compileExpr(a.expression, expected: hint ?? (lenient ? .any : nil)),
            loc: loc(a.expression)))
        nextClosureHasInoutFirst = false
      }
    }
    if let trailing {
      nextClosureHasInoutFirst = inoutFirstClosure
      defer { nextClosureHasInoutFirst = false }
      let hint = closureHint?(args)
      args.append(
        CArg(label: nil, expr: try compileClosure(trailing, expected: hint), trailing: true))
    }
    for extra in additional {
      let hint = closureHint?(args)
      args.append(
        CArg(label: extra.label.text, expr: try compileClosure(extra.closure, expected: hint)))
    }
    return args
  }

  func evaluator(_ args: [CArg]) -> (Frame) throws -> [Arg] {
    // the usual one- and two-argument calls without a loop over the parts (each step of which
    // would copy and count its closures)
    switch args.count {
    case 0:
      return { _ in [] }
    case 1:
      let a = args[0]
      let (label, e, d, trailing, l) = (a.label, a.expr.eval, a.expr.asDouble, a.trailing, a.loc)
      if let d {
        return { f in
          [Arg(label: label, value: try e(f), asDouble: try d(f), trailing: trailing, loc: l)]
        }
      }
      return { f in [Arg(label: label, value: try e(f), trailing: trailing, loc: l)] }
    case 2 where args.allSatisfy({ $0.expr.asDouble == nil }):
      let (a, b) = (args[0], args[1])
      let (la, ea, ta, loca) = (a.label, a.expr.eval, a.trailing, a.loc)
      let (lb, eb, tb, locb) = (b.label, b.expr.eval, b.trailing, b.loc)
      return { f in
        let first = Arg(label: la, value: try ea(f), trailing: ta, loc: loca)
        return [first, Arg(label: lb, value: try eb(f), trailing: tb, loc: locb)]
      }
    default:
      break
    }
    let parts = args.map { ($0.label, $0.expr.eval, $0.expr.asDouble, $0.trailing, $0.loc) }
    return { f in
      var out: [Arg] = []
      out.reserveCapacity(parts.count)
      for (label, e, d, trailing, l) in parts {
        out.append(
          Arg(label: label, value: try e(f), asDouble: try d?(f), trailing: trailing, loc: l))
      }
      return out
    }
  }

  // MARK: - Calls

  func compileCall(_ call: FunctionCallExprSyntax, expected: VType?, chain: inout Bool) throws
    -> CExpr
  {
    let l = loc(call)
    try checkLiteralConversion(call)
    // collection literals passed to library functions take their element types from the
    // library's parameters (`Table(header, [["LSTM", 25088]])` takes `[[Any]]`)
    var toLibrary = false
    if let ref = call.calledExpression.as(DeclReferenceExprSyntax.self),
      resolve(ref.baseName.text) == nil
    {
      toLibrary = true
    } else if let m = call.calledExpression.as(MemberAccessExprSyntax.self), let base = m.base,
      staticBaseName(base) != nil
    {
      toLibrary = true
    }
    var inoutFirst = false
    if let m = call.calledExpression.as(MemberAccessExprSyntax.self),
      m.declName.baseName.text == "reduce", call.arguments.first?.label?.text == "into"
    {
      inoutFirst = true
    }
    // arguments of a cell type's initializers, cases and functions take their parameters' types
    let hints = userArgumentHints(call, expected: expected)
    if hints != nil { toLibrary = false }
    // a closure passed to a sequence's method takes its parameter types from the receiver,
    // which is compiled first for that (it still runs first, as always)
    let receiver = try receiverBeforeArguments(call, chain: &chain)
    var closureHint: (([CArg]) -> VType?)?
    if let receiver, hints == nil,
      let name = call.calledExpression.as(MemberAccessExprSyntax.self)?.declName.baseName.text
    {
      let labels = call.arguments.map { $0.label?.text }
      closureHint = { before in
        Compiler.closureExpectation(name, labels: labels, receiver: receiver.base, before: before)
      }
    }
    var argumentHints = hints
    if hints == nil, let receiver,
      let name = call.calledExpression.as(MemberAccessExprSyntax.self)?.declName.baseName.text
    {
      argumentHints = Compiler.receiverArgumentHints(
        name, receiver: receiver.base, count: call.arguments.count)
    }
    var args = try compileArgs(
      call.arguments, trailing: call.trailingClosure, additional: call.additionalTrailingClosures,
      lenient: toLibrary, inoutFirstClosure: inoutFirst, hints: argumentHints,
      closureHint: closureHint)
    if let receiver,
      call.calledExpression.as(MemberAccessExprSyntax.self)?.declName.baseName.text
        == "reduce", args.count == 2, args[0].label == nil, let d = args[0].expr.asDouble,
      reduceResult(args, element: Compiler.sequenceElement(receiver.base)) == .double
    {
      // `[Int]().map { Double($0) }.reduce(0, +)`: the function makes the `0` a Double
      args[0].expr = CExpr(d, type: .double)
    }
    // `[1, 2].reduce(0) { $0 + $1 * 0.5 }`: the initial literal is a Double too
    if reduceInitialTakesDouble(call), let d = args.first?.expr.asDouble {
      args[0].expr = CExpr(d, type: .double)
    }
    try refuseAmbiguousPow(call, expected: expected)
    // `Double(7 / 2)` is 3.0: Swift reads only a lone literal as a Double there
    if let ref = call.calledExpression.as(DeclReferenceExprSyntax.self),
      ref.baseName.text == "Double", resolve("Double") == nil, args.count == 1,
      let only = call.arguments.first, !Self.isLoneLiteral(only.expression)
    {
      args[0].expr.asDouble = nil
    }
    let evalArgs = evaluator(args)
    let inTry = self.inTry
    let rt = self.rt
    let callee = call.calledExpression

    // `[Int]()`, `[Double](repeating: 0, count: 3)`, `[String: Int]()`
    if callee.is(ArrayExprSyntax.self) || callee.is(DictionaryExprSyntax.self)
      || callee.is(GenericSpecializationExprSyntax.self),
      let type = try? typeFromExpression(callee)
    {
      let initializers = rt.builtins.initializers(for: type)
      let name = type.name
      return CExpr(
        { f in try rt.callNative(name, initializers, try evalArgs(f), at: l) }, type: type)
    }

    if let ref = callee.as(DeclReferenceExprSyntax.self), ref.argumentNames == nil,
      !ref.baseName.text.hasPrefix("$")
    {
      let name = ref.baseName.text
      if let selfInfo = implicitSelf(name) {
        if typeContext?.type.native.methods[name] != nil {
          return try implicitSelfCall(selfInfo, name, evalArgs, at: l)
        }
        return try userCall(
          implicitSelfRead(selfInfo, name, at: ref).eval, args, evalArgs, at: l, name: name)
      }
      if let type = implicitStatic(name), let fn = type.native.staticFunctions[name] {
        return try nativeCall(name, fn.overloads, args, evalArgs, at: l, inTry: inTry)
      }
      if resolve(name) == nil, let type = userTypeNamed(name) {
        return try userTypeCall(type, args, evalArgs, at: l)
      }
      if let info = resolve(name) {
        if info.function == nil, callableUserType(info.type) != nil {
          // `f(3)`: `f.callAsFunction(3)` (a `mutating` one changes `f`)
          return try methodCall(
            ExprSyntax(ref), "callAsFunction", args, evalArgs, at: l, start: l, chain: &chain)
        }
        if let code = info.function {
          try checkLabels(code, call)
          try checkArgumentTypes(code, args)
          try checkInoutArguments(code, args)
        } else if case .function? = info.type {
          try checkNoLabels(call)
        }
        try checkHandled(throwing: info.function?.isThrowing ?? false, at: l)
        let get = read(info, at: ref)
        var made = try userCall(get, args, evalArgs, at: l, name: name)
        // a cell function's declared result, a closure's result (`f().first ?? 0`)
        if let r = info.function?.returnType, r != .any, r != .void {
          made.type = r
        } else if info.function == nil, case .function(_, let r)? = info.type, r != .any, r != .void
        {
          made.type = r
        }
        return made
      }
      if var fast = rt.builtins.fastPath(name, args, at: l) {
        if fast.type == nil { fast.type = Compiler.fastPathType(name, args[0].expr.type) }
        return fast
      }
      if let type = rt.builtins.typeNamed(name) {
        let initializers = rt.builtins.initializers(for: type)
        if initializers.isEmpty {
          throw EvalError("'\(name)' cannot be constructed in cells", at: l)
        }
        var made = try nativeCall(name, initializers, args, evalArgs, at: l, inTry: inTry)
        made.type = Compiler.initializerResultType(type, name, args)
        if args.count == 1, args[0].label == nil, let e = Compiler.sequenceElement(args[0].expr) {
          // `Array(xs.prefix(2))`, `Set(words)`: the elements of the sequence
          if name == "Array" { made.type = .array(e) }
          if name == "Set" { made.type = .set(e) }
        }
        return made
      }
      if let function = rt.builtins.functions[name] {
        let overloads = function.overloads
        var made = try nativeCall(name, overloads, args, evalArgs, at: l, inTry: inTry)
        if name == "zip", args.count == 2, let a = Compiler.sequenceElement(args[0].expr),
          let b = Compiler.sequenceElement(args[1].expr)
        {
          // `zip(xs, ys).map { $0 * $1 }`: the closure takes pairs of the two element types
          made.elementType = .tuple([nil, nil], [a, b])
        }
        return made
      }
      throw unknownName(name, at: ref)
    }

    if let member = callee.as(MemberAccessExprSyntax.self) {
      let name = member.declName.baseName.text
      guard let base = member.base else {
        if name == "init", let type = userTypeForImplicit(expected) {
          // `.init(w: 1, h: 1)` where a cell type is wanted
          return try userTypeCall(type, args, evalArgs, at: l)
        }
        if let type = userTypeForImplicit(expected) ?? userTypeOwning(name, expected: expected),
          let fn = type.native.staticFunctions[name]
        {
          var c = try nativeCall(
            type.name + "." + name, fn.overloads, args, evalArgs, at: l, inTry: inTry)
          c.type = type.staticResults[name]
          return c
        }
        throw unsupported("implicit member calls like '.\(name)(...)'", member)
      }
      if let nested = nestedTypeName(ExprSyntax(member)), let type = userTypeNamed(nested) {
        // `Outer.Inner(...)`: a nested cell type's initializer
        return try userTypeCall(type, args, evalArgs, at: l)
      }
      if name == "init", let c = try delegatingInit(base, args, evalArgs, at: l) { return c }
      // static methods: `Tensor.randn(...)`, `String(...)` spelled `String.init`
      if let typeName = staticBaseName(base) {
        guard let type = rt.builtins.typeNamed(typeName) else {
          throw unknownName(typeName, at: base)
        }
        if name == "init" {
          let initializers = rt.builtins.initializers(for: type)
          return try nativeCall(typeName, initializers, args, evalArgs, at: l, inTry: inTry)
        }
        guard let function = rt.builtins.staticFunction(type, name) else {
          throw unknownStatic(type, name, at: member.declName)
        }
        let overloads = function.overloads
        let full = typeName + "." + name
        var c = try nativeCall(full, overloads, args, evalArgs, at: l, inTry: inTry)
        c.type = rt.userTypes.types[typeName]?.staticResults[name]
        return c
      }
      let takesDouble = literalElementsTakeDouble(call, base: base, name: name)
      if !takesDouble { try refuseAmbiguousElements(call, base: base, name: name) }
      let made = try methodCall(
        base, name, args, evalArgs, at: loc(member.declName), start: l, chain: &chain,
        rethrowing: Compiler.passesThrowingClosure(call),
        baseExpected: takesDouble ? .array(.double) : nil, compiled: receiver)
      return takesDouble ? made : noteIntegerElements(made, call, base: base)
    }

    // any other callee: a closure value
    let calleeExpr = try compileExpr(callee, expected: nil, chain: &chain).eval
    return try userCall(calleeExpr, args, evalArgs, at: l, name: "closure")
  }

  /// A call of a bound library function or initializer. A call site's labels never change, so
  /// the overload they select is chosen here, once, rather than on every call.
  func nativeCall(
    _ name: String, _ overloads: [Overload], _ args: [CArg],
    _ evalArgs: @escaping (Frame) throws -> [Arg], at l: Loc, inTry: Bool
  ) throws -> CExpr {
    let rt = self.rt
    let shape = args.map { Arg(label: $0.label, value: .void, trailing: $0.trailing) }
    guard let overload = overloads.first(where: { $0.match(shape) != nil }),
      let matched = overload.match(shape)
    else {
      // no overload takes these labels: the located error with the accepted signatures
      return CExpr { f in try rt.callNative(name, overloads, try evalArgs(f), at: l, inTry: inTry) }
    }
    try checkHandled(throwing: overload.throwing, at: l)
    let run = overload.run
    let needsTry = overload.throwing && !inTry
    let slots = ArgSlots(matched)
    return CExpr { f in
      let argv = try evalArgs(f)
      if needsTry { throw EvalError("call can throw but is not marked with 'try'", at: l) }
      var reader = ArgReader(
        name: name, args: argv, slots: slots, rt: rt, inTry: inTry, callLocation: l)
      return try at(l) { try run(&reader) }
    }
  }

  /// swiftc's error for a plain argument to an `inout` parameter (`bump(x)` for `bump(&x)`).
  func checkInoutArguments(_ code: FunctionCode, _ args: [CArg]) throws {
    guard args.count == code.params.count else { return }
    for (a, p) in zip(args, code.params) where p.isInout && a.inoutTarget == nil {
      let type = (a.expr.type ?? p.type)?.name ?? "Any"
      throw EvalError(
        "passing value of type '\(type)' to an inout parameter requires explicit '&'", at: a.loc)
    }
  }

  /// Calls a function value (a cell function, closure, or bound function held in a variable).
  func userCall(
    _ get: @escaping Expr, _ args: [CArg], _ evalArgs: @escaping (Frame) throws -> [Arg], at l: Loc,
    name: String
  ) throws -> CExpr {
    let rt = self.rt
    let inTry = self.inTry
    let inouts = args.enumerated().compactMap { i, a in a.inoutTarget.map { (i, $0) } }
    if inouts.isEmpty {
      let cache = CallSiteCache()
      let refusal = throwingRefusal(start: l)
      return CExpr { f in
        // a `let`: the object below is then read in place, not copied (and counted)
        let fv = try get(f)
        if case .native(let n) = fv {
          // `net(x)`: a library object called as a function
          if let result = try cache.with(
            n,
            { site in
              if site.throwing, let refusal { throw refusal }
              return try rt.run(site, on: n, try evalArgs(f), at: l, inTry: inTry)
            })
          {
            return result
          }
          if let m = n.type.methods["callAsFunction"] {
            let argv = try evalArgs(f)
            cache.remember(n.type, m, argv)
            if let refusal, rt.throws(m, argv) { throw refusal }
            var receiver = fv
            return try rt.run(m, &receiver, argv, at: l, inTry: inTry)
          }
        }
        if case .record(let r) = fv, let m = r.type.native.methods["callAsFunction"] {
          // `f(3)` for a cell struct with `callAsFunction`
          if m.mutating {
            throw EvalError(
              "not supported in cells: a 'mutating' callAsFunction called on a value that is not a variable (call it on a 'var')",
              at: l)
          }
          let argv = try evalArgs(f)
          if let refusal, rt.throws(m, argv) { throw refusal }
          var receiver = fv
          return try rt.run(m, &receiver, argv, at: l, inTry: inTry)
        }
        guard case .function(let callee) = fv else {
          throw EvalError("cannot call value of non-function type '\(fv.typeName)'", at: l)
        }
        if let closure = callee as? Closure {
          if closure.code.isThrowing, let refusal { throw refusal }
          return try rt.invoke(closure, try evalArgs(f), at: l).0
        }
        if callee.throwing, let refusal, !(callee is NativeFunction) { throw refusal }
        return try rt.call(callee, try evalArgs(f), at: l, inTry: inTry)
      }
    }
    return CExpr { f in
      let fv = try get(f)
      guard case .function(let callee) = fv, let closure = callee as? Closure else {
        throw EvalError("'&' arguments need a cell function with inout parameters", at: l)
      }
      let argv = try evalArgs(f)
      let (result, frame) = try rt.invoke(closure, argv, at: l)
      // copy inout parameters back, in argument order
      let params = closure.code.params
      for (index, target) in inouts {
        guard index < params.count, params[index].isInout else {
          throw EvalError("'&' passed to a parameter that is not inout", at: l)
        }
        try target.set(f, frame.slots[params[index].slot].value, nil)
      }
      return result
    }
  }

  /// A member call on a value: `xs.append(1)`, `t.matmul(w)`, `s.uppercased()`.
  func methodCall(
    _ base: ExprSyntax, _ name: String, _ args: [CArg],
    _ evalArgs: @escaping (Frame) throws -> [Arg],
    at l: Loc, start: Loc, chain: inout Bool, rethrowing: Bool = false,
    baseExpected: VType? = nil, compiled: CompiledReceiver? = nil
  ) throws -> CExpr {
    let rt = self.rt
    let target = try compiled.map { $0.target } ?? lvalueIfPossible(base)
    let compiledBase =
      try compiled?.base ?? compileExpr(base, expected: baseExpected, chain: &chain)
    try checkMutatingUse(compiledBase.type, name, target, at: l)
    try checkMethodCall(compiledBase, name, args, target: target, at: l)
    let baseExpr = compiledBase.eval
    let inTry = self.inTry
    let cache = CallSiteCache()
    // Swift's error when this call throws here (a missing `try`, an error nothing handles):
    // given now when the receiver's type says the method throws, else once it runs
    let refusal = throwingRefusal(start: start)
    if let refusal {
      let shape = args.map { Arg(label: $0.label, value: .void, trailing: $0.trailing) }
      if methodThrows(compiledBase, base, name, shape)
        || (rethrowing && isRethrowingMethod(compiledBase, base, name))
      {
        throw refusal
      }
    }
    var call = CExpr { f in
      var receiver = try baseExpr(f)
      if case .native(let n) = receiver,
        let result = try cache.with(
          n,
          { site in
            if site.throwing, let refusal { throw refusal }
            return try rt.run(site, on: n, try evalArgs(f), at: l, inTry: inTry)
          })
      {
        return result
      }
      // a method of a cell type: its overload is found once per type at this site too
      if case .record(let r) = receiver,
        let result = try cache.with(
          type: r.type.native,
          { site in
            if site.throwing, let refusal { throw refusal }
            return try rt.run(site, &receiver, try evalArgs(f), at: l, inTry: inTry)
          })
      {
        return result
      }
      let method = try rt.builtins.method(receiver, name, at: l)
      let argv = try evalArgs(f)
      if let refusal, rt.throws(method, argv) { throw refusal }
      if case .native(let n) = receiver, !method.mutating { cache.remember(n.type, method, argv) }
      // only a method the type declares: a stored closure called as a method (`p.f()`) is the
      // receiver's own and may differ between values of the type
      if case .record(let r) = receiver, !method.mutating, r.type.native.methods[name] != nil {
        cache.remember(r.type.native, method, argv)
      }
      if method.mutating {
        let target = try LValue.mutable(target, typeName: receiver.typeName, at: l)
        receiver = .void
        return try target.modify(f) { v in try rt.run(method, &v, argv, at: l, inTry: inTry) }
      }
      return try rt.run(method, &receiver, argv, at: l, inTry: inTry)
    }
    if let type = Compiler.sequenceMemberType(of: compiledBase.type, name, isCall: true)
      ?? Compiler.sequenceMemberType(
        of: compiledBase.elementType.map { .array($0) }, name, isCall: true)
    {
      call.type = type
      return call
    }
    let result = sequenceMethodResult(compiledBase, name, args)
    call = Compiler.withElementType(call, result.type)
    call.elementType = result.element
    return call
  }

  /// The type name when `base` names a type rather than a value (`Double` in `Double.pi`).
  func staticBaseName(_ base: ExprSyntax) -> String? {
    if let nested = nestedTypeName(base) { return nested }
    guard let ref = base.as(DeclReferenceExprSyntax.self) else { return nil }
    let name = ref.baseName.text
    if name == "Self", let type = typeContext?.type { return type.name }
    if resolve(name) != nil { return nil }
    if let user = userTypeNamed(name) { return user.name }
    if rt.builtins.typeNamed(name) != nil { return name }
    if let first = name.first, first.isUppercase { return name }
    return nil
  }

  func unknownStatic(_ type: VType, _ name: String, at node: some SyntaxProtocol) -> EvalError {
    let members = rt.builtins.staticNames(type)
    var notes: [String] = []
    let near = nearest(name, in: members)
    if !near.isEmpty {
      notes.append("did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?")
    }
    if !members.isEmpty { notes.append("'\(type.name)' has: " + members.joined(separator: ", ")) }
    return EvalError("type '\(type.name)' has no member '\(name)'", at: loc(node), notes: notes)
  }

  // MARK: - Members

  func compileMember(_ m: MemberAccessExprSyntax, expected: VType?, chain: inout Bool) throws
    -> CExpr
  {
    let name = m.declName.baseName.text
    let l = loc(m.declName)
    guard let base = m.base else {
      // `.relu`, `.pi` where the context says which type
      if let type = userTypeForImplicit(expected),
        let c = userStaticMember(type, name, at: m.declName)
      {
        return c
      }
      if let expected, let type = staticTypeForImplicit(expected),
        let v = rt.builtins.staticValue(type, name)
      {
        return .constant(v)
      }
      return .constant(ImplicitMember.make(name))
    }
    if let typeName = staticBaseName(base) {
      guard let type = rt.builtins.typeNamed(typeName) else {
        throw unknownName(typeName, at: base)
      }
      if let user = rt.userTypes.types[typeName] {
        if let c = userStaticMember(user, name, at: m.declName) { return c }
        if let fn = user.native.staticFunctions[name] { return .constant(.function(fn)) }
        throw unknownStatic(type, name, at: m.declName)
      }
      if case .native(let n) = type, rt.builtins.natives[n]?.liveStaticValues.contains(name) == true
      {
        // read when the code runs (`GradMode.isEnabled` inside `Tensor.noGrad { ... }`)
        let builtins = rt.builtins
        return CExpr { _ in builtins.staticValue(type, name) ?? .void }
      }
      if let v = rt.builtins.staticValue(type, name) { return .constant(v) }
      if let fn = rt.builtins.staticFunction(type, name) { return .constant(.function(fn)) }
      if name == "init", m.parent?.is(LabeledExprSyntax.self) == true,
        case let initializers = rt.builtins.initializers(for: type), !initializers.isEmpty
      {
        // `xs.map(String.init)`: the initializers as a function argument
        return .constant(.function(NativeFunction(typeName, initializers)))
      }
      throw unknownStatic(type, name, at: m.declName)
    }
    let compiledBase = try compileExpr(base, expected: nil, chain: &chain)
    let b = compiledBase.eval
    let rt = self.rt
    if case .integerLiteral = m.declName.baseName.tokenKind, let index = Int(name) {
      var element = CExpr { f in
        let v = try b(f)
        guard case .tuple(let t) = v, index < t.items.count else {
          let kind = if case .tuple = v { "tuple type" } else { "type" }
          throw EvalError("value of \(kind) '\(v.typeName)' has no member '\(index)'", at: l)
        }
        return t.items[index]
      }
      element.type = Compiler.tupleMemberType(of: compiledBase.type, name)
      return element
    }
    try checkPropertyExists(compiledBase, name, at: l)
    let cache = PropertySiteCache()
    let fieldCache = FieldSiteCache()
    var result = CExpr { f in
      let v = try b(f)
      if case .record(let r) = v {
        // a stored property of a cell struct: its index is found once per type at this site
        // (a type's fields are fixed once it is declared; a redeclared type is another type)
        if let index = fieldCache.index(in: r.type), index < r.fields.count {
          let value = r.fields[index]
          if case .void = value {} else { return value }
        } else if r.type.kind == .structure, let index = r.type.fieldIndex(name) {
          fieldCache.remember(r.type, index)
        }
      }
      if case .native(let n) = v {
        // a library object's property: its getter is found once per type at this site
        if let value = try cache.with(n, { site in try at(l) { try site.get(n) } }) {
          return value
        }
        if let get = n.type.properties[name] {
          cache.remember(n.type) { SiteGetter(n.type, get) }
          return try at(l) { try get(n) }
        }
      }
      return try rt.builtins.property(v, name, at: l)
    }
    result.type =
      memberType(of: compiledBase.type, name)
      ?? Compiler.sequenceMemberType(of: compiledBase.type, name, isCall: false)
      ?? Compiler.sequenceMemberType(
        of: compiledBase.elementType.map { .array($0) }, name, isCall: false)
      ?? Compiler.tupleMemberType(of: compiledBase.type, name)
    if case .dictionary(let k, let v)? = compiledBase.type, name == "keys" || name == "values" {
      // `d.values.first ?? 0`, `for v in d.values`: the collection of a dictionary's values
      let element = name == "keys" ? k : v
      if element != .any { result.elementType = element }
    }
    return result
  }

  func staticTypeForImplicit(_ t: VType) -> VType? {
    switch t {
    case .optional(let w): return staticTypeForImplicit(w)
    case .int, .double, .native: return t
    default: return nil
    }
  }

  // MARK: - Subscripts

  func compileSubscript(_ s: SubscriptCallExprSyntax, chain: inout Bool) throws -> CExpr {
    if s.trailingClosure != nil { throw unsupported("subscripts with closures", s) }
    let compiledBase = try compileExpr(s.calledExpression, expected: nil, chain: &chain)
    let base = compiledBase.eval
    let args = try compileArgs(
      s.arguments, trailing: nil, additional: s.additionalTrailingClosures,
      hints: userKeyHints(compiledBase.type))
    let evalArgs = evaluator(args)
    let l = loc(s.leftSquare)
    let rt = self.rt
    var c = CExpr { f in
      let container = try base(f)
      return try rt.builtins.subscriptGet(container, try evalArgs(f), at: l)
    }
    c.type = userElementType(compiledBase.type, args) ?? Self.elementType(compiledBase.type, args)
    return c
  }

  /// `3`, `-3`, `(3)`: an integer literal standing alone.
  static func isLoneLiteral(_ e: ExprSyntax) -> Bool {
    if let t = e.as(TupleExprSyntax.self), t.elements.count == 1, t.elements.first!.label == nil {
      return isLoneLiteral(t.elements.first!.expression)
    }
    if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-" {
      return isLoneLiteral(p.expression)
    }
    return e.is(IntegerLiteralExprSyntax.self)
  }

  /// What `d[key]` gives for a dictionary whose value type is known (`Double?` for a
  /// `[String: Double]`), so that `d[key] ?? -1` reads the `-1` as Swift does; and what
  /// `ts[i]` gives for an array of library values (`Tensor` for a `[Tensor]`), so that a
  /// throwing method called on it is known to throw before the cell runs.
  static func elementType(_ container: VType?, _ args: [CArg]) -> VType? {
    guard args.count == 1, args[0].label == nil else { return nil }
    switch container {
    case .dictionary(_, let value)? where value != .any: return .optional(value)
    case .array(let element)?:
      guard Compiler.isConcrete(element),
        args[0].expr.type == .int || args[0].expr.constant.map({ $0.type == .int }) == true
      else { return nil }
      return element
    default: return nil
    }
  }

  // MARK: - Places

  func lvalueIfPossible(_ e: ExprSyntax) throws -> LValue? {
    switch e.kind {
    case .declReferenceExpr:
      let ref = e.cast(DeclReferenceExprSyntax.self)
      // `$0` of `reduce(into:)`'s closure is inout: `{ $0.append($1) }` mutates it
      if ref.baseName.text.hasPrefix("$") { return try lvalue(e) }
      if implicitSelf(ref.baseName.text) != nil { return try lvalue(e) }
      if let type = implicitStatic(ref.baseName.text), type.staticStorage[ref.baseName.text] != nil
      {
        return try lvalue(e)
      }
      if resolve(ref.baseName.text) == nil { return nil }
      return try lvalue(e)
    case .subscriptCallExpr:
      // `["a": 1]["x"].map { ... }`: a subscript of a value that is no place is no place
      let base = e.cast(SubscriptCallExprSyntax.self).calledExpression
      guard try lvalueIfPossible(base) != nil else { return nil }
      return try lvalue(e)
    case .forceUnwrapExpr:
      guard try lvalueIfPossible(e.cast(ForceUnwrapExprSyntax.self).expression) != nil else {
        return nil
      }
      return try lvalue(e)
    case .optionalChainingExpr:
      let oc = e.cast(OptionalChainingExprSyntax.self)
      guard try lvalueIfPossible(oc.expression) != nil else { return nil }
      return try lvalue(e)
    case .memberAccessExpr:
      let m = e.cast(MemberAccessExprSyntax.self)
      if let base = m.base, let typeName = staticBaseName(base),
        let type = userTypeNamed(typeName),
        let box = type.staticStorage[m.declName.baseName.text]
      {
        return staticPlace(type, m.declName.baseName.text, box, at: m.declName)
      }
      guard let base = m.base, staticBaseName(base) == nil, try lvalueIfPossible(base) != nil else {
        return nil
      }
      return try lvalue(e)
    case .tupleExpr:
      let t = e.cast(TupleExprSyntax.self)
      if t.elements.count == 1 { return try lvalueIfPossible(t.elements.first!.expression) }
      return nil
    default:
      return nil
    }
  }

  func lvalue(_ e: ExprSyntax) throws -> LValue {
    let l = loc(e)
    switch e.kind {
    case .declReferenceExpr:
      let ref = e.cast(DeclReferenceExprSyntax.self)
      let name = ref.baseName.text
      let anonymous: VarInfo? =
        if case .dollarIdentifier = ref.baseName.tokenKind {
          try anonymousParameter(name, ref)
        } else { nil }
      if anonymous == nil, let selfInfo = implicitSelf(name) {
        return implicitSelfPlace(selfInfo, name, at: ref)
      }
      if anonymous == nil, let type = implicitStatic(name), let box = type.staticStorage[name] {
        return staticPlace(type, name, box, at: ref)
      }
      guard let info = anonymous ?? resolve(name) else { throw unknownName(name, at: ref) }
      let immutable: String? =
        info.isComputed
        ? "'\(name)' is a get-only property"
        : info.isLet && !info.assignedLater
          ? (info.function != nil
            ? "'\(name)' is a function"
            : anonymous != nil ? "'\(name)' is immutable" : "'\(name)' is a 'let' constant") : nil
      let get = read(info, at: ref)
      let declared = info.type
      let store: (Box, Value, Value?) throws -> Void = { box, new, newDouble in
        box.value = try Compiler.checkedStore(
          box.value, new, newDouble, declared: declared, at: .unknown)
      }
      switch info.storage {
      case .global(let box):
        return LValue(
          get: get,
          modify: { _, body in
            var v = box.value
            box.value = .void
            defer { box.value = v }
            return try body(&v)
          }, set: { _, v, d in try store(box, v, d) }, immutable: immutable, staticType: declared,
          globalBox: box)
      case .local(let slot):
        return LValue(
          get: get,
          modify: { f, body in
            let box = f.slots[slot]
            var v = box.value
            box.value = .void
            defer { box.value = v }
            return try body(&v)
          }, set: { f, v, d in try store(f.slots[slot], v, d) }, immutable: immutable,
          staticType: declared, localSlot: slot)
      }
    case .tupleExpr:
      let t = e.cast(TupleExprSyntax.self)
      if t.elements.count == 1 { return try lvalue(t.elements.first!.expression) }
    case .subscriptCallExpr:
      let s = e.cast(SubscriptCallExprSyntax.self)
      let base = try lvalue(s.calledExpression)
      let args = try compileArgs(
        s.arguments, trailing: nil, additional: s.additionalTrailingClosures,
        hints: userKeyHints(base.staticType))
      let evalArgs = evaluator(args)
      let rt = self.rt
      let sl = loc(s.leftSquare)
      let baseModify = base.modify
      var elementType: VType?
      if case .array(let el)? = base.staticType { elementType = el }
      // `scores["a"] = 1` into a `[String: Double]` stores 1.0, also when the key is new
      var declared: VType?
      if case .dictionary(_, let v)? = base.staticType, Compiler.isConcrete(v), args.count <= 2 {
        declared = args.count == 1 && args[0].label == nil ? .optional(v) : v
      }
      return LValue(
        get: { f in try rt.builtins.subscriptGet(try base.get(f), try evalArgs(f), at: sl) },
        modify: { f, body in
          let argv = try evalArgs(f)
          return try baseModify(f) { container in
            try rt.builtins.subscriptModify(&container, argv, at: sl, body)
          }
        },
        set: { f, v, d in
          let argv = try evalArgs(f)
          _ = try baseModify(f) { container in
            try rt.builtins.subscriptModify(&container, argv, at: sl) { element in
              element = try Compiler.checkedStore(element, v, d, declared: declared, at: sl)
              return .void
            }
          }
        }, immutable: base.immutable, staticType: elementType)
    case .memberAccessExpr:
      let m = e.cast(MemberAccessExprSyntax.self)
      guard let baseSyntax = m.base else { break }
      if let place = try staticPlace(baseSyntax, m.declName) { return place }
      let name = m.declName.baseName.text
      let base = try lvalue(baseSyntax)
      let rt = self.rt
      let ml = loc(m.declName)
      let baseModify = base.modify
      // a `let` holding a library class still lets its `var`s change, as in Swift; when only
      // the value tells whether it is one (`let l = net.layers[0]`), the check waits for it
      let letReason = libraryClassMayHold(base.staticType, name) ? base.immutable : nil
      return LValue(
        get: { f in try rt.builtins.property(try base.get(f), name, at: ml) },
        modify: { f, body in
          try baseModify(f) { container in
            try Compiler.requireReference(container, letReason, at: ml)
            return try rt.builtins.propertyModify(&container, name, at: ml, body)
          }
        },
        set: { f, v, d in
          _ = try baseModify(f) { container in
            try Compiler.requireReference(container, letReason, at: ml)
            return try rt.builtins.propertyModify(&container, name, at: ml) { element in
              element = try Compiler.checkedStore(element, v, d, declared: nil, at: ml)
              return .void
            }
          }
        },
        immutable: (isLibraryClass(base.staticType) || letReason != nil ? nil : base.immutable)
          ?? fixedMember(of: base.staticType, name, base: baseSyntax),
        staticType: memberType(of: base.staticType, name))
    case .forceUnwrapExpr, .optionalChainingExpr:
      let chained = e.is(OptionalChainingExprSyntax.self)
      let inner =
        e.as(ForceUnwrapExprSyntax.self)?.expression
        ?? e.cast(OptionalChainingExprSyntax.self).expression
      let base = try lvalue(inner)
      let baseModify = base.modify
      let unwrap: (inout Value, (inout Value) throws -> Value) throws -> Value = { v, body in
        guard case .optional(let w) = v, var inner = w else {
          if chained { throw ChainIsNil() }
          throw EvalError("unexpectedly found nil while unwrapping an Optional value", at: l)
        }
        v = .void
        defer { v = .optional(inner) }
        return try body(&inner)
      }
      return LValue(
        get: { f in
          guard case .optional(let w) = try base.get(f), let inner = w else {
            if chained { throw ChainIsNil() }
            throw EvalError("unexpectedly found nil while unwrapping an Optional value", at: l)
          }
          return inner
        },
        modify: { f, body in try baseModify(f) { v in try unwrap(&v, body) } },
        set: { f, v, d in
          _ = try baseModify(f) { outer in
            try unwrap(&outer) { inner in
              inner = try Compiler.checkedStore(inner, v, d, declared: nil, at: l)
              return .void
            }
          }
        }, immutable: base.immutable)
    default:
      break
    }
    throw EvalError("cannot assign to this expression", at: l)
  }

  /// The value to store where `old` was, converted as Swift's assignment would, or an error.
  static func checkedStore(
    _ old: Value, _ new: Value, _ newDouble: Value?, declared: VType?, at l: Loc
  )
    throws -> Value
  {
    switch (old, new) {
    case (.int, .int), (.double, .double), (.bool, .bool), (.string, .string): return new
    case (.double, .int) where newDouble != nil: return newDouble!
    default: break
    }
    if case .void = old, declared == nil { return new }
    let target = declared ?? old.type
    if let c = conform(new, to: target) { return c }
    if let newDouble, let c = conform(newDouble, to: target) { return c }
    // a variable whose type the compiler did not know, holding a value of a cell protocol
    // (`var best = shapes[0]`): Swift's type is the protocol's, so another conforming value fits
    if declared == nil, case .record(let a) = old, case .record(let b) = new,
      a.type.protocols.contains(where: b.type.protocols.contains)
    {
      return new
    }
    throw EvalError(CoercionContext.assignment.message(new.type, target), at: l)
  }

  // MARK: - Types

  /// `[Int]` or `[String: Double]` written as an expression (before `()`).
  func typeFromExpression(_ e: ExprSyntax) throws -> VType {
    if let a = e.as(ArrayExprSyntax.self), a.elements.count == 1 {
      return .array(try typeFromExpression(a.elements.first!.expression))
    }
    if let d = e.as(DictionaryExprSyntax.self), case .elements(let list) = d.content,
      list.count == 1
    {
      return .dictionary(
        try typeFromExpression(list.first!.key), try typeFromExpression(list.first!.value))
    }
    if let ref = e.as(DeclReferenceExprSyntax.self), resolve(ref.baseName.text) == nil,
      let t = rt.builtins.typeNamed(ref.baseName.text)
    {
      return t
    }
    if let t = e.as(TypeExprSyntax.self) { return try resolveType(t.type) }
    if let g = e.as(GenericSpecializationExprSyntax.self),
      let ref = g.expression.as(DeclReferenceExprSyntax.self)
    {
      // `Set<Int>`, `Array<Double>`, `Dictionary<String, Int>` before `()`
      let args = try g.genericArgumentClause.arguments.map { arg -> VType in
        guard case .type(let t) = arg.argument else {
          throw unsupported("value generic arguments", arg)
        }
        return try resolveType(t)
      }
      switch (ref.baseName.text, args.count) {
      case ("Set", 1): return .set(args[0])
      case ("Array", 1): return .array(args[0])
      case ("Dictionary", 2): return .dictionary(args[0], args[1])
      default: break
      }
    }
    throw EvalError("expected a type", at: loc(e))
  }

  func resolveType(_ t: TypeSyntax) throws -> VType {
    switch t.kind {
    case .identifierType:
      let id = t.cast(IdentifierTypeSyntax.self)
      let name = id.name.text
      if let generic = id.genericArgumentClause {
        let args = try generic.arguments.map { arg -> VType in
          guard case .type(let ty) = arg.argument else {
            throw unsupported("value generic arguments", arg)
          }
          return try resolveType(ty)
        }
        switch (name, args.count) {
        case ("Array", 1): return .array(args[0])
        case ("Optional", 1): return .optional(args[0])
        case ("Dictionary", 2):
          try requireHashable(args[0], at: t)
          return .dictionary(args[0], args[1])
        case ("Set", 1):
          try requireHashable(args[0], at: t)
          return .set(args[0])
        case ("Range", 1): return .range(args[0])
        case ("ClosedRange", 1): return .closedRange(args[0])
        default: throw unsupported("the generic type '\(name)'", id)
        }
      }
      if let user = userTypeNamed(name) { return user.vtype }
      if let proto = protocolValueType(t) { return proto }
      switch name {
      case "Int": return .int
      case "Double": return .double
      case "Bool": return .bool
      case "String": return .string
      case "Void": return .void
      case "Float", "Float32", "Float64", "CGFloat", "Float16", "Float80":
        throw EvalError(
          "not supported in cells: '\(name)' (cells compute in Double)", at: loc(id))
      case "Int8", "Int16", "Int32", "Int64", "UInt", "UInt8", "UInt16", "UInt32", "UInt64":
        throw EvalError("not supported in cells: '\(name)' (cells compute in Int)", at: loc(id))
      case "Character": return .character
      case "Any": return .any
      case "Self" where typeContext != nil: return typeContext!.type.vtype
      case "AnyObject":
        throw unsupported("'\(name)'", id)
      default:
        if let type = rt.builtins.typeNamed(name) { return type }
        let near = nearest(name, in: rt.builtins.typeNames)
        throw EvalError(
          "cannot find type '\(name)' in scope", at: loc(id),
          notes: near.isEmpty
            ? [] : ["did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?"])
      }
    case .arrayType:
      return .array(try resolveType(t.cast(ArrayTypeSyntax.self).element))
    case .dictionaryType:
      let d = t.cast(DictionaryTypeSyntax.self)
      let key = try resolveType(d.key)
      try requireHashable(key, at: t)
      return .dictionary(key, try resolveType(d.value))
    case .optionalType:
      return .optional(try resolveType(t.cast(OptionalTypeSyntax.self).wrappedType))
    case .tupleType:
      let tuple = t.cast(TupleTypeSyntax.self)
      if tuple.elements.isEmpty { return .void }
      if tuple.elements.count == 1, tuple.elements.first!.firstName == nil {
        return try resolveType(tuple.elements.first!.type)
      }
      return .tuple(
        tuple.elements.map { $0.firstName?.text },
        try tuple.elements.map { try resolveType($0.type) })
    case .functionType:
      let fn = t.cast(FunctionTypeSyntax.self)
      if let e = fn.effectSpecifiers?.asyncSpecifier {
        throw unsupported("async function types", e)
      }
      return .function(
        try fn.parameters.map { try resolveType($0.type) }, try resolveType(fn.returnClause.type))
    case .attributedType:
      let a = t.cast(AttributedTypeSyntax.self)
      return try resolveType(a.baseType)
    case .memberType:
      return try resolveMemberType(t.cast(MemberTypeSyntax.self))
    case .implicitlyUnwrappedOptionalType:
      throw unsupported("implicitly unwrapped optionals (use '?')", t)
    case .someOrAnyType:
      if let proto = protocolValueType(t) { return proto }
      throw unsupported("'some'/'any' types", t)
    default:
      throw unsupported("this type", t)
    }
  }
}

extension Compiler {
  /// `Int(1e300)` and `Int(exactly: -1e19)`: swiftc converts a float literal given to `Int`
  /// when it compiles, and a value outside Int's range is its error at the call (even in code
  /// that never runs). A literal inside arithmetic (`Int(1e300 * 1)`) is left to run time.
  func checkLiteralConversion(_ call: FunctionCallExprSyntax) throws {
    guard let ref = call.calledExpression.as(DeclReferenceExprSyntax.self),
      ref.baseName.text == "Int", resolve("Int") == nil, call.arguments.count == 1,
      let argument = call.arguments.first,
      argument.label == nil || argument.label?.text == "exactly"
    else { return }
    var e = argument.expression
    while let t = e.as(TupleExprSyntax.self), t.elements.count == 1, t.elements.first?.label == nil
    {
      e = t.elements.first!.expression
    }
    var text: String
    if let f = e.as(FloatLiteralExprSyntax.self) {
      text = f.literal.text
    } else if let p = e.as(PrefixOperatorExprSyntax.self), p.operator.text == "-",
      let f = p.expression.as(FloatLiteralExprSyntax.self)
    {
      text = "-" + f.literal.text
    } else {
      return
    }
    guard let value = Double(text.replacingOccurrences(of: "_", with: "")) else { return }
    // Int's range is [-2^63, 2^63): the doubles that truncate into it
    if value >= -9_223_372_036_854_775_808.0 && value < 9_223_372_036_854_775_808.0 { return }
    let type = argument.label == nil ? "Int" : "Int?"
    throw EvalError(
      "invalid conversion: '\(text)' overflows '\(type)'", at: loc(call),
      notes: ["Int holds -9223372036854775808...9223372036854775807"])
  }
}

extension Compiler {
  /// The static type of `name(args)`, an initializer of the standard-library type `type`:
  /// Swift's failable ones (`Int(exactly:)`, `Int("3")`, `Int(s, radix: 16)`, `Bool("true")`)
  /// give an optional; nil when the argument's type, which decides, is not known.
  static func initializerResultType(_ type: VType, _ name: String, _ args: [CArg]) -> VType? {
    guard ["Int", "Double", "Bool"].contains(name), let first = args.first else { return type }
    if args.contains(where: { $0.label == "exactly" })
      || name == "Int" && args.count == 2
        && args[1].label == "radix"
    {
      return .optional(type)
    }
    guard args.count == 1, first.label == nil else { return type }
    switch first.expr.type {
    case .string?, .native("Substring")?: return .optional(type)
    case .int?, .double?, .bool?, .native("UInt8")?: return type
    default: return nil
    }
  }
}
