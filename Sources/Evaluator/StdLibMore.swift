import DLCore
import Foundation

extension FloatingPointSign: LibraryEnumCase {
  var caseName: String { self == .plus ? "plus" : "minus" }
}

/// `Double.sign`'s type, as cells see it: `.plus` or `.minus`, printed as Swift prints it.
nonisolated(unsafe) private let floatingPointSignType: NativeType = {
  let t = NativeType(name: "FloatingPointSign") { object, debug in
    let name = (object as? FloatingPointSign)?.caseName ?? ""
    return debug ? "Swift.FloatingPointSign." + name : name
  }
  for sign in [FloatingPointSign.plus, .minus] {
    t.staticValues[sign.caseName] = { [unowned t] in
      .native(NativeObject.make(type: t, object: sign))
    }
  }
  t.binary["=="] = { a, b in
    guard case .native(let x) = a, case .native(let y) = b,
      let p = x.object as? FloatingPointSign, let q = y.object as? FloatingPointSign
    else { throw Operators.mismatch("==", a, b, at: .unknown) }
    return .bool(p == q)
  }
  return t
}()

extension Builtins {
  /// The everyday members the other tables miss (the survey in
  /// Tests/EvaluatorTests/EverydayLibraryTests.swift): `type(of:)`, `Double.sign`,
  /// `capitalized`, `utf8`, the String and Dictionary mutations, `Double(exactly:)`, ...
  func installEveryday() {
    natives["FloatingPointSign"] = floatingPointSignType
    installTypeOf()
    installEverydayNumbers()
    installEverydayStrings()
    installEverydayCollections()
    installStringIndices()
    // a String's own overloads (`prefix(upTo:)`) sit beside the sequence ones (`prefix(_:)`)
    for (name, own) in methods[.string] ?? [:] {
      guard let shared = methods[.sequence]?[name] else { continue }
      let labels = own.overloads.map(\.labels)
      methods[.string]?[name]?.overloads += shared.overloads.filter { !labels.contains($0.labels) }
    }
  }

  /// `type(of: x)`: the value's type, printed as Swift's runtime prints it (`Array<Double>`).
  /// A value whose full type only Swift's type checker knows (the wrapped type of a `nil`, the
  /// elements of an empty untyped array, a lazy wrapper) is refused rather than guessed.
  private func installTypeOf() {
    function("type", ["of"]) { a in
      let v = try a.value(0)
      // Swift's runtime names a String.Index type `Index`
      if Builtins.stringIndex(v) != nil { return .type(.native("Index")) }
      if case .native(let n) = v, n.type.box == nil, n.type !== floatingPointSignType,
        n.type !== uint8Type
      {
        throw EvalError("not supported in cells: type(of:) of a value of this kind")
      }
      if case .type = v { throw EvalError("not supported in cells: type(of:) of a type") }
      if case .array(let arr) = v, arr.sliceStart != nil, !Builtins.containsAny(arr.elementType) {
        return .type(.native("ArraySlice<\(arr.elementType.genericName)>"))
      }
      let t = v.type
      guard !Builtins.containsAny(t) else {
        throw EvalError(
          "not supported in cells: type(of:) of a value whose full type is '\(t.name)' here",
          notes: ["cells know the types of values, not of empty or nil ones"])
      }
      return .type(t)
    }
  }

  static func containsAny(_ t: VType) -> Bool {
    switch t {
    case .any: return true
    case .array(let e), .set(let e), .optional(let e), .range(let e), .closedRange(let e):
      return containsAny(e)
    case .dictionary(let k, let v): return containsAny(k) || containsAny(v)
    case .tuple(_, let items): return items.contains(where: containsAny)
    case .function(let p, let r): return p.contains(where: containsAny) || containsAny(r)
    default: return false
    }
  }

  private func installEverydayNumbers() {
    property(.double, "sign") { v in
      guard case .double(let d) = v else { return .void }
      return .native(NativeObject.make(type: floatingPointSignType, object: d.sign))
    }
    let doubleProperties: [(String, (Double) -> Value)] = [
      ("exponent", { d in .int(d.exponent) }), ("significand", { .double($0.significand) }),
      ("nextUp", { .double($0.nextUp) }), ("nextDown", { .double($0.nextDown) }),
      ("isNormal", { .bool($0.isNormal) }), ("isSubnormal", { .bool($0.isSubnormal) }),
      ("isSignalingNaN", { .bool($0.isSignalingNaN) }),
    ]
    for (name, get) in doubleProperties {
      property(.double, name) { v in
        guard case .double(let d) = v else { return .void }
        // `Double.infinity.exponent` is Int.max in Swift, and so here
        return get(d)
      }
    }
    let intProperties: [(String, (Int) -> Int)] = [
      ("trailingZeroBitCount", \.trailingZeroBitCount), ("nonzeroBitCount", \.nonzeroBitCount),
      ("leadingZeroBitCount", \.leadingZeroBitCount), ("bitWidth", \.bitWidth),
    ]
    for (name, get) in intProperties {
      property(.int, name) { v in
        guard case .int(let n) = v else { return .void }
        return .int(get(n))
      }
    }
    staticValues[.int, default: [:]]["bitWidth"] = .int(Int.bitWidth)
    for (name, test) in [
      ("isLess", { (x: Double, y: Double) in x < y }), ("isEqual", { $0 == $1 }),
      ("isLessThanOrEqualTo", { $0 <= $1 }),
    ] {
      let label = name == "isLess" ? "than" : "to"
      method(.double, name, [label]) { v, a in
        guard case .double(let d) = v else { return .void }
        return .bool(test(d, try a.double(0)))
      }
    }
    method(.double, "addingProduct", [nil, nil]) { v, a in
      guard case .double(let d) = v else { return .void }
      return .double(d.addingProduct(try a.double(0), try a.double(1)))
    }
    staticFunctions[.double, default: [:]]["maximum"] = NativeFunction(
      "Double.maximum",
      [Overload([nil, nil]) { a in .double(Double.maximum(try a.double(0), try a.double(1))) }])
    staticFunctions[.double, default: [:]]["minimum"] = NativeFunction(
      "Double.minimum",
      [Overload([nil, nil]) { a in .double(Double.minimum(try a.double(0), try a.double(1))) }])
    typeInitializers[.double, default: []].append(
      Overload(["exactly"]) { a in
        let arg = try a.arg(0)
        switch arg.value {
        case .int(let n): return .optional(Double(exactly: n).map { .double($0) })
        case .double: return .optional(arg.value)
        default: throw a.mismatch(arg, "Double")
        }
      })
    // `Bool("true")`: nil for anything but "true" and "false"
    typeInitializers[.bool] = [
      Overload([nil]) { a in
        let v = try a.value(0)
        if case .string(let s) = v { return .optional(Bool(s).map { .bool($0) }) }
        return .bool(try a.bool(0))
      }
    ]
  }

  private func installEverydayStrings() {
    let k = Kind.string
    func str(_ v: Value) -> String {
      if case .string(let s) = v { return s }
      return ""
    }
    // Foundation's own, so the same words come out as in Swift
    property(k, "capitalized") { v in .string(str(v).capitalized) }
    property(k, "debugDescription") { v in .string(str(v).debugDescription) }
    method(k, "append", ["contentsOf"], mutating: true) { [unowned self] v, a in
      let other = try a.value(0)
      if case .string(let s) = other {
        v = .string(str(v) + s)
        return .void
      }
      let items = try self.items(other, a)
      guard items.allSatisfy({ if case .character = $0 { true } else { false } }) else {
        throw a.mismatch(other, "String")
      }
      v = .string(str(v) + items.map(\.description).joined())
      return .void
    }
    for (name, first) in [("removeFirst", true), ("removeLast", false)] {
      method(k, name, mutating: true) { v, _ in
        var s = str(v)
        guard !s.isEmpty else {
          throw EvalError(
            "Can't remove \(first ? "first" : "last") element from an empty collection")
        }
        let c = first ? s.removeFirst() : s.removeLast()
        v = .string(s)
        return .character(c)
      }
      method(k, name, [nil], mutating: true) { v, a in
        var s = str(v)
        let n = try a.int(0)
        guard n >= 0 else {
          throw EvalError("Number of elements to remove should be non-negative")
        }
        guard s.count >= n else {
          throw EvalError("Can't remove more items from a collection than it contains")
        }
        if first { s.removeFirst(n) } else { s.removeLast(n) }
        v = .string(s)
        return .void
      }
    }
    method(k, "removeAll", ["where"], mutating: true) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      var kept = ""
      for c in str(v) where !(try p(.character(c))) { kept.append(c) }
      v = .string(kept)
      return .void
    }
    method(k, "removeAll", mutating: true) { v, _ in
      v = .string("")
      return .void
    }
    method(k, "starts", ["with"]) { [unowned self] v, a in
      let other = try a.value(0)
      if case .string(let s) = other { return .bool(str(v).starts(with: s)) }
      let items = try self.items(other, a)
      return .bool(Array(str(v)).map(Value.character).starts(with: items))
    }
    // `split(separator:maxSplits:omittingEmptySubsequences:)` with the labels a cell gives
    method(k, "split", ["separator", "maxSplits", "omittingEmptySubsequences"], required: 1) {
      v, a in
      let c: Character
      switch try a.value(0) {
      case .character(let ch): c = ch
      case .string(let s) where s.count == 1: c = s.first!
      default: throw EvalError("split(separator:) takes a single character")
      }
      let maxSplits = try a.int(1, default: Int.max)
      guard maxSplits >= 0 else { throw EvalError("Must take zero or more splits") }
      let parts = str(v).split(
        separator: c, maxSplits: maxSplits,
        omittingEmptySubsequences: try a.bool(2, default: true))
      return .array(ArrayValue(elementType: .string, items: parts.map { .string(String($0)) }))
    }
    property(k, "utf8") { v in
      .native(NativeObject.make(type: Builtins.utf8ViewType, object: str(v)))
    }
  }

  /// `text.utf8`: a String's UTF-8 bytes, as `UInt8` values (`uint8Type`).
  nonisolated(unsafe) static let utf8ViewType: NativeType = {
    let t = NativeType(name: "String.UTF8View") { object, _ in object as? String ?? "" }
    t.elements = { object in
      ((object as? String) ?? "").utf8.map {
        .native(NativeObject.make(type: uint8Type, object: $0))
      }
    }
    t.properties["count"] = { n in .int((n.object as? String ?? "").utf8.count) }
    t.properties["isEmpty"] = { n in .bool((n.object as? String ?? "").utf8.isEmpty) }
    return t
  }()

  private func installEverydayCollections() {
    // `String(reflecting:)`: how the value shows inside a collection
    for kind in [Kind.double, .character, .array, .dictionary, .set, .range, .optional] {
      property(kind, "debugDescription") { v in
        if case .double(let d) = v { return .string(d.debugDescription) }
        return .string(v.debugDescription)
      }
    }
    method(.optional, "flatMap", [nil]) { v, a in
      guard case .optional(let w) = v else { return .void }
      guard let w else { return .none }
      let r = try a.rt.apply(try a.function(0), [w])
      if case .optional = r { return r }
      return .optional(r)
    }
    method(.dictionary, "compactMapValues", [nil]) { v, a in
      guard case .dictionary(let d) = v else { return .void }
      let f = try a.function(0)
      var out = DictValue(keyType: d.keyType, valueType: .any)
      for (key, value) in zip(d.keys, d.values) {
        var r = try a.rt.apply(f, [value])
        if case .optional(let w) = r {
          guard let w else { continue }
          r = w
        }
        if out.valueType == .any { out.valueType = r.type }
        out[key] = r
      }
      return .dictionary(out)
    }
    method(.dictionary, "removeAll", mutating: true) { v, _ in
      guard case .dictionary(let d) = v else { return .void }
      v = .dictionary(DictValue(keyType: d.keyType, valueType: d.valueType))
      return .void
    }
    method(.array, "insert", ["contentsOf", "at"], mutating: true) { [unowned self] v, a in
      guard case .array(var arr) = v else { return .void }
      var xs = try self.items(try a.value(0), a)
      let i = try a.int(1)
      guard i >= 0 && i <= arr.items.count else { throw EvalError("Array index is out of range") }
      try a.rt.budget(arr.items.count + xs.count)
      if arr.elementType != .any {
        xs = try xs.map {
          try coerce($0, asDouble: nil, to: arr.elementType, context: .argument).get()
        }
      }
      v = .void
      arr.items.insert(contentsOf: xs, at: i)
      v = .array(arr)
      return .void
    }
    // random numbers come from the session's seeded generator, as `shuffled()` does
    method(.array, "shuffle", mutating: true) { v, _ in
      guard case .array(var arr) = v else { return .void }
      let order = RandomGenerator.current.permutation(arr.items.count)
      arr.items = order.map { arr.items[$0] }
      v = .array(arr)
      return .void
    }
    method(.sequence, "elementsEqual", [nil]) { [unowned self] v, a in
      let xs = try self.items(v, a)
      let ys = try self.items(try a.value(0), a)
      guard xs.count == ys.count else { return .bool(false) }
      for (x, y) in zip(xs, ys) where !(try Operators.equal(x, y, at: .unknown)) {
        return .bool(false)
      }
      return .bool(true)
    }
    property(.array, "startIndex") { v in
      guard case .array(let arr) = v else { return .void }
      return .int(arr.sliceStart ?? 0)
    }
    property(.array, "endIndex") { v in
      guard case .array(let arr) = v else { return .void }
      return .int((arr.sliceStart ?? 0) + arr.items.count)
    }
    property(.array, "indices") { v in
      guard case .array(let arr) = v else { return .void }
      let start = arr.sliceStart ?? 0
      return .range(
        RangeValue(lower: .int(start), upper: .int(start + arr.items.count), closed: false))
    }
    installArraySlices()
    method(.array, "index", ["after"]) { _, a in
      let (n, overflow) = try a.int(0).addingReportingOverflow(1)
      guard !overflow else { throw EvalError("arithmetic overflow: index(after:)") }
      return .int(n)
    }
    method(.array, "index", ["before"]) { _, a in
      let (n, overflow) = try a.int(0).subtractingReportingOverflow(1)
      guard !overflow else { throw EvalError("arithmetic overflow: index(before:)") }
      return .int(n)
    }
  }
}

/// `UInt8`, the elements of `text.utf8`: arithmetic and comparisons with another UInt8 or an
/// integer literal, checked for overflow as Swift checks it (`"é".utf8.map { $0 + 100 }` stops
/// with an overflow, as the Swift program traps); `Int(b)` and `Double(b)` convert.
nonisolated(unsafe) let uint8Type: NativeType = {
  let t = NativeType(name: "UInt8") { object, _ in String(object as? UInt8 ?? 0) }
  func operands(_ op: String, _ a: Value, _ b: Value) throws -> (UInt8, UInt8) {
    func byte(_ v: Value) throws -> UInt8 {
      switch v {
      case .native(let n):
        if let x = n.object as? UInt8 { return x }
      case .int(let n):
        guard let x = UInt8(exactly: n) else {
          throw EvalError("integer literal '\(n)' overflows when stored into 'UInt8'")
        }
        return x
      default: break
      }
      throw Operators.mismatch(op, a, b, at: .unknown)
    }
    return (try byte(a), try byte(b))
  }
  func make(_ x: UInt8) -> Value { .native(NativeObject.make(type: uint8Type, object: x)) }
  let arithmetic: [(String, (UInt8, UInt8) -> (UInt8, Bool))] = [
    ("+", { $0.addingReportingOverflow($1) }), ("-", { $0.subtractingReportingOverflow($1) }),
    ("*", { $0.multipliedReportingOverflow(by: $1) }),
  ]
  for (op, f) in arithmetic {
    t.binary[op] = { a, b in
      let (x, y) = try operands(op, a, b)
      let (r, overflow) = f(x, y)
      if overflow {
        throw EvalError(
          "arithmetic overflow: '\(x) \(op) \(y)' (on type 'UInt8') results in an overflow")
      }
      return make(r)
    }
  }
  t.binary["/"] = { a, b in
    let (x, y) = try operands("/", a, b)
    guard y != 0 else { throw EvalError("division by zero") }
    return make(x / y)
  }
  t.binary["%"] = { a, b in
    let (x, y) = try operands("%", a, b)
    guard y != 0 else { throw EvalError("division by zero in remainder operation") }
    return make(x % y)
  }
  t.binary["=="] = { a, b in
    let (x, y) = try operands("==", a, b)
    return .bool(x == y)
  }
  t.binary["<"] = { a, b in
    let (x, y) = try operands("<", a, b)
    return .bool(x < y)
  }
  return t
}()

/// A `String.Index`: a UTF-8 offset, printed as Swift 6 prints one (`3[utf8]`; `startIndex`
/// and the indices equal to it that no step made print `0[any]`). Equality and order ignore
/// how it was made.
struct StringIndex {
  var offset: Int
  var any = false

  var description: String { "\(offset)[\(any ? "any" : "utf8")]" }
}

nonisolated(unsafe) let stringIndexType: NativeType = {
  let t = NativeType(name: "String.Index") { object, _ in
    (object as? StringIndex)?.description ?? ""
  }
  t.binary["=="] = { a, b in
    guard let x = Builtins.stringIndex(a), let y = Builtins.stringIndex(b) else {
      throw Operators.mismatch("==", a, b, at: .unknown)
    }
    return .bool(x.offset == y.offset)
  }
  t.binary["<"] = { a, b in
    guard let x = Builtins.stringIndex(a), let y = Builtins.stringIndex(b) else {
      throw Operators.mismatch("<", a, b, at: .unknown)
    }
    return .bool(x.offset < y.offset)
  }
  return t
}()

extension Builtins {
  static func stringIndex(_ v: Value) -> StringIndex? {
    guard case .native(let n) = v, n.type === stringIndexType else { return nil }
    return n.value(as: StringIndex.self)
  }

  static func makeIndex(_ i: StringIndex) -> Value {
    .native(NativeObject.make(type: stringIndexType, object: i))
  }

  /// The character positions of `s`, as String.Index values (the first is `startIndex`).
  static func characterIndices(_ s: String) -> [StringIndex] {
    var out: [StringIndex] = []
    var i = s.startIndex
    while i < s.endIndex {
      out.append(StringIndex(offset: s.utf8.distance(from: s.startIndex, to: i), any: out.isEmpty))
      i = s.index(after: i)
    }
    return out
  }

  /// `s[i]`, `s[i..<j]`, `s[..<i]`, `s[i...]` with String.Index values.
  func stringSubscript(_ s: String, _ arg: Value, at l: Loc) throws -> Value? {
    let positions = Builtins.characterIndices(s).map(\.offset)
    let endOffset = s.utf8.count
    func character(at offset: Int) throws -> Int {
      guard let k = positions.firstIndex(of: offset) else {
        throw EvalError("String index is out of bounds", at: l)
      }
      return k
    }
    if let i = Builtins.stringIndex(arg) {
      return .character(Array(s)[try character(at: i.offset)])
    }
    guard case .range(let r) = arg else { return nil }
    let lower = Builtins.stringIndex(r.lower)
    let upper = Builtins.stringIndex(r.upper)
    guard lower != nil || upper != nil,
      lower != nil || r.lower == .void, upper != nil || r.upper == .void
    else { return nil }
    let chars = Array(s)
    func position(_ offset: Int) throws -> Int {
      offset == endOffset ? chars.count : try character(at: offset)
    }
    let lo = try lower.map { try position($0.offset) } ?? 0
    var hi = try upper.map { try position($0.offset) } ?? chars.count
    if r.closed, upper != nil {
      guard hi < chars.count else { throw EvalError("String index is out of bounds", at: l) }
      hi += 1
    }
    guard lo <= hi else { throw EvalError("Range requires lowerBound <= upperBound", at: l) }
    return .string(String(chars[lo..<hi]))
  }

  func installStringIndices() {
    let k = Kind.string
    func str(_ v: Value) -> String {
      if case .string(let s) = v { return s }
      return ""
    }
    property(k, "startIndex") { _ in Builtins.makeIndex(StringIndex(offset: 0, any: true)) }
    property(k, "endIndex") { v in Builtins.makeIndex(StringIndex(offset: str(v).utf8.count)) }
    property(k, "indices") { [unowned self] v in
      let s = str(v)
      let items = Builtins.characterIndices(s).map(Builtins.makeIndex)
      return self.lazy(
        items,
        "DefaultIndices<String>(_elements: \(s.debugDescription), _startIndex: 0[any], _endIndex: \(s.utf8.count)[utf8])",
        .native(stringIndexType.name))
    }
    // steps between character positions; an index that is no position is Swift's trap
    func step(_ s: String, _ from: StringIndex, by n: Int) throws -> Value {
      if n == 0 { return Builtins.makeIndex(from) }
      var positions = Builtins.characterIndices(s).map(\.offset)
      positions.append(s.utf8.count)
      guard let k = positions.firstIndex(of: from.offset) else {
        throw EvalError("String index is out of bounds")
      }
      let target = k + n
      guard target >= 0, target < positions.count else {
        throw EvalError("String index is out of bounds")
      }
      return Builtins.makeIndex(StringIndex(offset: positions[target]))
    }
    func index(_ a: ArgReader, _ i: Int) throws -> StringIndex {
      let v = try a.value(i)
      guard let index = Builtins.stringIndex(v) else { throw a.mismatch(v, "String.Index") }
      return index
    }
    method(k, "index", ["after"]) { v, a in try step(str(v), try index(a, 0), by: 1) }
    method(k, "index", ["before"]) { v, a in try step(str(v), try index(a, 0), by: -1) }
    method(k, "index", [nil, "offsetBy"]) { v, a in
      try step(str(v), try index(a, 0), by: try a.int(1))
    }
    method(k, "distance", ["from", "to"]) { v, a in
      let s = str(v)
      var positions = Builtins.characterIndices(s).map(\.offset)
      positions.append(s.utf8.count)
      guard let x = positions.firstIndex(of: try index(a, 0).offset),
        let y = positions.firstIndex(of: try index(a, 1).offset)
      else { throw EvalError("String index is out of bounds") }
      return .int(y - x)
    }
    // the positions Swift's searches give: from the front, a match at the start is
    // `startIndex` itself; from the back every position is a step
    func search(_ v: Value, _ a: ArgReader, last: Bool, _ matches: (Character) throws -> Bool)
      throws -> Value
    {
      let s = str(v)
      let pairs = Array(zip(Builtins.characterIndices(s), s))
      for (i, c) in last ? pairs.reversed() : pairs where try matches(c) {
        return .optional(Builtins.makeIndex(last ? StringIndex(offset: i.offset) : i))
      }
      return .none
    }
    for (name, last) in [("firstIndex", false), ("lastIndex", true)] {
      method(k, name, ["of"]) { v, a in
        let target: Character
        switch try a.value(0) {
        case .character(let c): target = c
        case .string(let t) where t.count == 1: target = t.first!
        case let other: throw a.mismatch(other, "Character")
        }
        return try search(v, a, last: last) { $0 == target }
      }
      method(k, name, ["where"]) { [unowned self] v, a in
        let p = try self.predicate(a, 0)
        return try search(v, a, last: last) { try p(.character($0)) }
      }
    }
    method(k, "insert", [nil, "at"], mutating: true) { v, a in
      let s = str(v)
      let c: Character
      switch try a.value(0) {
      case .character(let ch): c = ch
      case .string(let t) where t.count == 1: c = t.first!
      case let other: throw a.mismatch(other, "Character")
      }
      var chars = Array(s)
      let offset = try index(a, 1).offset
      var positions = Builtins.characterIndices(s).map(\.offset)
      positions.append(s.utf8.count)
      guard let k = positions.firstIndex(of: offset) else {
        throw EvalError("String index is out of bounds")
      }
      chars.insert(c, at: k)
      v = .string(String(chars))
      return .void
    }
    method(k, "prefix", ["upTo"]) { [unowned self] v, a in
      let r = RangeValue(lower: .void, upper: try a.value(0), closed: false)
      return try self.stringSubscript(str(v), .range(r), at: .unknown) ?? .void
    }
    method(k, "prefix", ["through"]) { [unowned self] v, a in
      let r = RangeValue(lower: .void, upper: try a.value(0), closed: true)
      return try self.stringSubscript(str(v), .range(r), at: .unknown) ?? .void
    }
    method(k, "suffix", ["from"]) { [unowned self] v, a in
      let r = RangeValue(lower: try a.value(0), upper: .void, closed: false)
      return try self.stringSubscript(str(v), .range(r), at: .unknown) ?? .void
    }
  }
}

extension Builtins {
  /// `xs.dropFirst()`, `xs.prefix(2)`, ... of an array or slice are ArraySlices keeping their
  /// base's indices (`xs.dropFirst().firstIndex(of: x)` counts from 1, `xs.dropFirst()[0]` is
  /// out of bounds), as in Swift: the sequence methods, with the slice's first index set and
  /// the indices they return moved by it.
  func installArraySlices() {
    guard let shared = methods[.sequence] else { return }
    // where the slice starts: at the base's start, or after what was dropped from the front
    let fromFront: Set<String> = ["prefix", "dropLast"]
    for name in ["prefix", "suffix", "dropFirst", "dropLast", "drop"] {
      guard let m = shared[name] else { continue }
      var own = m
      own.overloads = m.overloads.map { o in
        var wrapped = o
        wrapped.run = { v, a in
          guard case .array(let base) = v else { return try o.run(&v, &a) }
          let result = try o.run(&v, &a)
          guard case .array(var slice) = result else { return result }
          let start = base.sliceStart ?? 0
          slice.sliceStart =
            fromFront.contains(name) ? start : start + base.items.count - slice.items.count
          return .array(slice)
        }
        return wrapped
      }
      methods[.array, default: [:]][name] = own
    }
    // a var slice's mutations take its own indices (`t.remove(at: 1)` of `xs.dropFirst()`
    // removes its first element)
    let indexSlots: [String: [[String?]: [Int]]] = [
      "insert": [[nil, "at"]: [1], ["contentsOf", "at"]: [1]], "remove": [["at"]: [0]],
      "swapAt": [[nil, nil]: [0, 1]],
    ]
    for (name, slotsByLabels) in indexSlots {
      guard let m = methods[.array]?[name] else { continue }
      var own = m
      own.overloads = m.overloads.map { o in
        guard let slots = slotsByLabels[o.labels] else { return o }
        var wrapped = o
        wrapped.run = { v, a in
          guard case .array(let base) = v, let start = base.sliceStart, start != 0 else {
            return try o.run(&v, &a)
          }
          for slot in slots {
            let p = try a.position(slot)
            guard case .int(let n) = a.args[p].value else { continue }
            let (moved, overflow) = n.subtractingReportingOverflow(start)
            a.args[p].value = .int(overflow ? Int.min : moved)
          }
          return try o.run(&v, &a)
        }
        return wrapped
      }
      methods[.array]?[name] = own
    }
    for name in ["firstIndex", "lastIndex"] {
      guard let m = shared[name] else { continue }
      var own = m
      own.overloads = m.overloads.map { o in
        var wrapped = o
        wrapped.run = { v, a in
          guard case .array(let base) = v, let start = base.sliceStart, start != 0 else {
            return try o.run(&v, &a)
          }
          let result = try o.run(&v, &a)
          guard case .optional(.int(let k)?) = result else { return result }
          return .optional(.int(start + k))
        }
        return wrapped
      }
      methods[.array, default: [:]][name] = own
    }
  }
}
