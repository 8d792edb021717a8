import Foundation

/// The most elements (or string bytes) one cell value may hold.
let maxElements = 50_000_000

/// Swift's binary operators over cell values, with Swift's type rules and traps as errors.
enum Operators {
  static func mismatch(_ op: String, _ a: Value, _ b: Value, at l: Loc) -> EvalError {
    mismatch(op, a.type, b.type, at: l)
  }

  /// Swift's message for an operator no overload of which takes these operand types.
  static func mismatch(_ op: String, _ a: VType, _ b: VType, at l: Loc) -> EvalError {
    if a == b {
      return EvalError(
        "binary operator '\(op)' cannot be applied to two '\(a.name)' operands", at: l)
    }
    return EvalError(
      "binary operator '\(op)' cannot be applied to operands of type '\(a.name)' and '\(b.name)'",
      at: l)
  }

  static func overflow(_ op: String, _ a: Int, _ b: Int, at l: Loc) -> EvalError {
    EvalError(
      "arithmetic overflow: '\(a) \(op) \(b)' (on type 'Int') results in an overflow", at: l)
  }

  /// Refuses a concatenation whose result would pass the collection limit, so that `a += a`
  /// in a loop stops with an error instead of exhausting memory.
  static func checkSize(_ count: Int, at l: Loc) throws {
    if count > 50_000_000 {
      throw EvalError(
        "the result would hold \(count) elements; cells are limited to 50,000,000", at: l)
    }
  }

  static func sameKind(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int, .int), (.double, .double), (.bool, .bool), (.string, .string),
      (.character, .character), (.array, .array),
      (.dictionary, .dictionary), (.set, .set), (.tuple, .tuple), (.range, .range),
      (.optional, .optional),
      (.function, .function), (.void, .void):
      return true
    case (.native(let x), .native(let y)): return x.type === y.type
    default: return false
    }
  }

  // swift-format-ignore
  static func arithmetic(
    _ op: String, at l: Loc, refusal: EvalError? = nil, operands: OperandPlaces? = nil
  ) -> (
    (Value, Value) throws -> Value
  )? {
    switch op {
    case "+":
      return { a, b in
        switch (a, b) {
        case (.double(let x), .double(let y)): return .double(x + y)
        case (.int(let x), .int(let y)):
          let (r, o) = x.addingReportingOverflow(y)
          if o { throw overflow("+", x, y, at: l) }
          return .int(r)
        case (.string(let x), .string(let y)):
          try checkSize(x.utf8.count + y.utf8.count, at: l)
          return .string(x + y)
        case (.array, .array): return try appendArrays(a, b, nil, at: l)
        default: return try native("+", a, b, at: l, refusal: refusal, operands: operands)
        }
      }
    case "-":
      return { a, b in
        switch (a, b) {
        case (.double(let x), .double(let y)): return .double(x - y)
        case (.int(let x), .int(let y)):
          let (r, o) = x.subtractingReportingOverflow(y)
          if o { throw overflow("-", x, y, at: l) }
          return .int(r)
        default: return try native("-", a, b, at: l, refusal: refusal, operands: operands)
        }
      }
    case "*":
      return { a, b in
        switch (a, b) {
        case (.double(let x), .double(let y)): return .double(x * y)
        case (.int(let x), .int(let y)):
          let (r, o) = x.multipliedReportingOverflow(by: y)
          if o { throw overflow("*", x, y, at: l) }
          return .int(r)
        default: return try native("*", a, b, at: l, refusal: refusal, operands: operands)
        }
      }
    case "/":
      return { a, b in
        switch (a, b) {
        case (.double(let x), .double(let y)): return .double(x / y)
        case (.int(let x), .int(let y)):
          if y == 0 { throw EvalError("division by zero", at: l) }
          let (r, o) = x.dividedReportingOverflow(by: y)
          if o { throw overflow("/", x, y, at: l) }
          return .int(r)
        default: return try native("/", a, b, at: l, refusal: refusal, operands: operands)
        }
      }
    case "%":
      return { a, b in
        switch (a, b) {
        case (.int(let x), .int(let y)):
          if y == 0 { throw EvalError("division by zero in remainder operation", at: l) }
          let (r, o) = x.remainderReportingOverflow(dividingBy: y)
          if o { throw overflow("%", x, y, at: l) }
          return .int(r)
        case (.double, .double):
          throw EvalError(
            "'%' is unavailable: For floating point numbers use truncatingRemainder instead", at: l)
        default:
          if isByte(a) || isByte(b) { return try native("%", a, b, at: l) }
          throw mismatch("%", a, b, at: l)
        }
      }
    case "&+", "&-", "&*", "&", "|", "^", "<<", ">>":
      return { a, b in
        guard case .int(let x) = a, case .int(let y) = b else { throw mismatch(op, a, b, at: l) }
        switch op {
        case "&+": return .int(x &+ y)
        case "&-": return .int(x &- y)
        case "&*": return .int(x &* y)
        case "&": return .int(x & y)
        case "|": return .int(x | y)
        case "^": return .int(x ^ y)
        case "<<": return .int(x << y)
        default: return .int(x >> y)
        }
      }
    default:
      return nil
    }
  }

  /// Library types (tensors) may define arithmetic; otherwise Swift's mismatch error. The
  /// library's operators throw; `refusal` is the error Swift gives for a throwing operator at
  /// this place (a missing `try`, an error nothing handles), nil where Swift accepts one.
  static func native(
    _ op: String, _ a: Value, _ b: Value, at l: Loc, refusal: EvalError? = nil,
    operands: OperandPlaces? = nil
  ) throws -> Value {
    // a cell type's operator function (`static func + (a: Vec, b: Vec) -> Vec`)
    if a.isRecord || b.isRecord, let result = try UserType.userOperator(op, a, b, at: l) {
      return result
    }
    var type: NativeType?
    if case .native(let n) = a, n.type.binary[op] != nil { type = n.type }
    if type == nil, case .native(let n) = b, n.type.binary[op] != nil { type = n.type }
    guard let type, let f = type.binary[op] else {
      throw mismatch(op, a, b, at: l, operands: operands)
    }
    if type.binaryThrows, let refusal {
      // Swift checks the operand types first, then the `try`
      if let accepts = type.binaryAccepts, !accepts(a, b) { throw mismatch(op, a, b, at: l) }
      throw refusal
    }
    return try at(l) { try f(a, b) }
  }

  static func appendArrays(_ a: Value, _ b: Value, _ bDouble: Value?, at l: Loc = .unknown) throws
    -> Value
  {
    guard case .array(var x) = a, case .array(let y) = b else { throw mismatch("+", a, b, at: l) }
    try checkSize(x.items.count + y.items.count, at: l)
    if x.elementType == y.elementType || y.items.isEmpty {
      x.items += y.items
      return .array(x)
    }
    if x.elementType == .any && x.items.isEmpty { return b }
    if let bDouble, case .array(let yd) = bDouble, yd.elementType == x.elementType {
      x.items += yd.items
      return .array(x)
    }
    if let converted = conform(b, to: .array(x.elementType)), case .array(let yc) = converted {
      x.items += yc.items
      return .array(x)
    }
    throw mismatch("+", a, b, at: l)
  }

  static func makeRange(_ a: Value, _ b: Value, closed: Bool, at l: Loc) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      if closed ? x > y : x > y {
        throw EvalError(
          "Range requires lowerBound <= upperBound (\(x)\(closed ? "..." : "..<")\(y))", at: l)
      }
      return .range(RangeValue(lower: a, upper: b, closed: closed))
    case (.double(let x), .double(let y)):
      if !(x <= y) { throw EvalError("Range requires lowerBound <= upperBound", at: l) }
      return .range(RangeValue(lower: a, upper: b, closed: closed))
    case (.string, .string):
      return .range(RangeValue(lower: a, upper: b, closed: closed))
    case (.native, .native):
      // `s.startIndex..<i`: String.Index bounds
      guard let x = Builtins.stringIndex(a), let y = Builtins.stringIndex(b) else {
        throw mismatch(closed ? "..." : "..<", a, b, at: l)
      }
      if x.offset > y.offset {
        throw EvalError("Range requires lowerBound <= upperBound", at: l)
      }
      return .range(RangeValue(lower: a, upper: b, closed: closed))
    default:
      throw mismatch(closed ? "..." : "..<", a, b, at: l)
    }
  }

  static func comparison(_ op: String, at l: Loc, operands: OperandPlaces? = nil) -> (
    Value, Value
  ) throws -> Value {
    let swapped = operands?.swapped
    switch op {
    case "==": return { a, b in .bool(try equal(a, b, at: l)) }
    case "!=": return { a, b in .bool(!(try equal(a, b, at: l))) }
    // Doubles compare as IEEE 754 says: a NaN is neither <= nor >= anything (`!(b < a)` said
    // true; found by scripts/difffuzz.py), and `.infinity` beside one is a Double
    case "<":
      return { a, b in
        if let (x, y) = doubles(a, b) { return .bool(x < y) }
        if case .tuple(let x) = a, case .tuple(let y) = b {
          return .bool(try tuples(op, x, y, at: l))
        }
        return .bool(try less(a, b, op, at: l, operands: operands))
      }
    case ">":
      return { a, b in
        if let (x, y) = doubles(a, b) { return .bool(x > y) }
        if case .tuple(let x) = a, case .tuple(let y) = b {
          return .bool(try tuples(op, x, y, at: l))
        }
        return .bool(try less(b, a, op, at: l, operands: swapped))
      }
    case "<=":
      return { a, b in
        if let (x, y) = doubles(a, b) { return .bool(x <= y) }
        if case .tuple(let x) = a, case .tuple(let y) = b {
          return .bool(try tuples(op, x, y, at: l))
        }
        return .bool(!(try less(b, a, op, at: l, operands: swapped)))
      }
    default:
      return { a, b in
        if let (x, y) = doubles(a, b) { return .bool(x >= y) }
        if case .tuple(let x) = a, case .tuple(let y) = b {
          return .bool(try tuples(op, x, y, at: l))
        }
        return .bool(!(try less(a, b, op, at: l, operands: operands)))
      }
    }
  }

  /// Swift's lexicographic tuple comparison, as its standard library writes it: the first
  /// elements that differ (`!=`) decide with the strict operator (`<` for `<` and `<=`, `>`
  /// for `>` and `>=`), and the last elements with `op` itself. So a NaN decides `false`
  /// wherever it stands: `(Double.nan, 1) < (0.0, 2)` is false, as is `(1.0, .nan) <= (1.0, 2.0)`.
  static func tuples(_ op: String, _ x: TupleValue, _ y: TupleValue, at l: Loc) throws -> Bool {
    guard x.items.count == y.items.count, !x.items.isEmpty else {
      throw mismatch(op, .tuple(x), .tuple(y), at: l)
    }
    let strict = op.hasPrefix("<") ? "<" : ">"
    for (p, q) in zip(x.items, y.items).dropLast() where !(try equal(p, q, at: l)) {
      guard case .bool(let r) = try comparison(strict, at: l)(p, q) else { return false }
      return r
    }
    guard case .bool(let r) = try comparison(op, at: l)(x.items.last!, y.items.last!) else {
      return false
    }
    return r
  }

  /// Both operands as Doubles, when both are (an implicit member such as `.infinity` beside a
  /// Double is one).
  @inline(__always) static func doubles(_ a: Value, _ b: Value) -> (Double, Double)? {
    switch (a, b) {
    case (.double(let x), .double(let y)): return (x, y)
    case (.double(let x), .native): return ImplicitMember.double(b).map { (x, $0) }
    case (.native, .double(let y)): return ImplicitMember.double(a).map { ($0, y) }
    default: return nil
    }
  }

  static func equal(_ a: Value, _ b: Value, at l: Loc) throws -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x == y
    case (.string(let x), .string(let y)): return x == y
    case (.character(let x), .character(let y)): return x == y
    case (.bool(let x), .bool(let y)): return x == y
    case (.array(let x), .array(let y)):
      guard x.items.count == y.items.count else { return false }
      // Swift's Array `==` answers true at once for two arrays sharing one buffer (a copy not
      // yet changed), even when they hold a NaN: `let a = [Double.nan]; a == a` is true
      if sameBuffer(x.items, y.items) { return true }
      for (p, q) in zip(x.items, y.items) where !(try equal(p, q, at: l)) { return false }
      return true
    case (.tuple(let x), .tuple(let y)) where x.items.count == y.items.count:
      for (p, q) in zip(x.items, y.items) where !(try equal(p, q, at: l)) { return false }
      return true
    case (.optional(let x), .optional(let y)):
      switch (x, y) {
      case (nil, nil): return true
      case (let p?, let q?): return try equal(p, q, at: l)
      default: return false
      }
    case (.optional(let x), _):
      guard let x else { return false }
      return try equal(x, b, at: l)
    case (_, .optional(let y)):
      guard let y else { return false }
      return try equal(a, y, at: l)
    case (.dictionary, .dictionary), (.range, .range), (.set, .set): return a == b
    // `xs.contains(.nan)`, `firstIndex(of: .infinity)`: an implicit member beside a Double
    case (.double(let x), .native):
      guard let y = ImplicitMember.double(b) else { throw mismatch("==", a, b, at: l) }
      return x == y
    case (.native, .double(let y)):
      guard let x = ImplicitMember.double(a) else { throw mismatch("==", a, b, at: l) }
      return x == y
    case (.record(let x), .record(let y)): return try UserType.equal(x, y, at: l)
    case (.record(let x), .native):
      // `shape == .point` where the left side's type was known only when the code ran
      guard let y = UserType.implicitMember(b, like: x) else { throw mismatch("==", a, b, at: l) }
      return try UserType.equal(x, y, at: l)
    case (.native, .record(let y)):
      guard let x = UserType.implicitMember(a, like: y) else { throw mismatch("==", a, b, at: l) }
      return try UserType.equal(x, y, at: l)
    case (.native(let x), .native(let y)) where x.type === y.type && x.type.binary["=="] != nil:
      guard case .bool(let result) = try at(l, { try x.type.binary["=="]!(a, b) }) else {
        return false
      }
      return result
    // a UInt8 (`text.utf8`'s elements) beside an integer literal
    case (.native(let x), .int) where x.type === uint8Type:
      guard case .bool(let result) = try at(l, { try x.type.binary["=="]!(a, b) }) else {
        return false
      }
      return result
    case (.int, .native(let y)) where y.type === uint8Type:
      guard case .bool(let result) = try at(l, { try y.type.binary["=="]!(a, b) }) else {
        return false
      }
      return result
    case (.native(let x), .native) where libraryImplicitMember(b, like: x) != nil:
      return try equal(a, libraryImplicitMember(b, like: x)!, at: l)
    case (.native, .native(let y)) where libraryImplicitMember(a, like: y) != nil:
      return try equal(libraryImplicitMember(a, like: y)!, b, at: l)
    default:
      throw mismatch("==", a, b, at: l)
    }
  }

  /// Whether `v` is a `UInt8` (an element of `text.utf8`).
  static func isByte(_ v: Value) -> Bool {
    if case .native(let n) = v { return n.type === uint8Type }
    return false
  }

  /// Whether two arrays of values share one buffer.
  static func sameBuffer(_ x: [Value], _ y: [Value]) -> Bool {
    x.withUnsafeBufferPointer { p in
      y.withUnsafeBufferPointer { q in p.baseAddress == q.baseAddress }
    }
  }

  static func less(
    _ a: Value, _ b: Value, _ op: String, at l: Loc, operands: OperandPlaces? = nil
  ) throws -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y
    case (.double(let x), .double(let y)): return x < y
    case (.string(let x), .string(let y)): return x < y
    case (.character(let x), .character(let y)): return x < y
    case (.tuple(let x), .tuple(let y)) where x.items.count == y.items.count:
      for (p, q) in zip(x.items, y.items) {
        if try less(p, q, op, at: l) { return true }
        if try less(q, p, op, at: l) { return false }
      }
      return false
    case (.record(let x), .record(let y)): return try UserType.less(x, y, op, at: l)
    case (.native, .native) where Builtins.stringIndex(a) != nil && Builtins.stringIndex(b) != nil:
      return Builtins.stringIndex(a)!.offset < Builtins.stringIndex(b)!.offset
    // a UInt8 beside another or an integer literal
    case (.native, _) where isByte(a) && (isByte(b) || b.type == .int),
      (.int, .native) where isByte(b):
      guard case .bool(let result) = try at(l, { try uint8Type.binary["<"]!(a, b) }) else {
        return false
      }
      return result
    default:
      throw mismatch(op, a, b, at: l, operands: operands)
    }
  }

  /// Swift's error for operands no overload takes; an optional beside a value of its wrapped
  /// type is Swift's "must be unwrapped" error at the optional operand (`operands`).
  static func mismatch(
    _ op: String, _ a: Value, _ b: Value, at l: Loc, operands: OperandPlaces?
  ) -> EvalError {
    if let operands {
      for (x, y, place) in [(a, b, operands.left), (b, a, operands.right)] {
        // `s.uppercased + "x"`: a method named without its call
        if case .function(let f) = x, f is BoundMethod,
          [.int, .double, .string, .bool].contains(y.type)
        {
          return EvalError(
            "function produces expected type '\(y.typeName)'; did you mean to call it with '()'?",
            at: place)
        }
        guard case .optional(let wrapped) = x, [.int, .double, .string].contains(y.type),
          wrapped == nil || wrapped?.type == y.type
        else { continue }
        return unwrapNeeded(y.type, at: place)
      }
    }
    return mismatch(op, a, b, at: l)
  }

  /// Swift's error for an optional of `wrapped` used where a `wrapped` value is needed.
  static func unwrapNeeded(_ wrapped: VType, at l: Loc) -> EvalError {
    EvalError(
      "value of optional type '\(wrapped.name)?' must be unwrapped to a value of type '\(wrapped.name)'",
      at: l,
      notes: [
        "coalesce using '??' to provide a default when the optional value contains 'nil'",
        "force-unwrap using '!' to abort execution if the optional value contains 'nil'",
      ])
  }
}

/// Where the two operands of a binary operator start, for errors about one of them.
struct OperandPlaces {
  var left: Loc
  var right: Loc
  var swapped: OperandPlaces { OperandPlaces(left: right, right: left) }
}
