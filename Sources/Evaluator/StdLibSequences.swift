import DLCore
import Foundation

extension Builtins {
  func items(_ v: Value, _ a: ArgReader) throws -> [Value] {
    guard let xs = try elements(v) else { throw a.mismatch(v, "a sequence") }
    return xs
  }

  func less(_ x: Value, _ y: Value) throws -> Bool { try Operators.less(x, y, "<", at: .unknown) }

  func predicate(_ a: ArgReader, _ i: Int) throws -> (Value) throws -> Bool {
    let f = try a.function(i)
    let rt = a.rt
    return { x in
      let r = try rt.apply(f, [x])
      guard case .bool(let b) = r else { throw Builtins.notBoolResult(r, of: f) }
      return b
    }
  }

  func ordering(_ a: ArgReader, _ i: Int) throws -> (Value, Value) throws -> Bool {
    let f = try a.function(i)
    let rt = a.rt
    return { x, y in
      let r = try rt.apply(f, [x, y])
      guard case .bool(let b) = r else { throw Builtins.notBoolResult(r, of: f) }
      return b
    }
  }

  /// Swift's error for a predicate closure whose result is not a Bool, at the closure.
  static func notBoolResult(_ r: Value, of f: Callable) -> EvalError {
    EvalError(
      "cannot convert value of type '\(r.typeName)' to closure result type 'Bool'",
      at: (f as? Closure)?.code.loc ?? .unknown)
  }

  /// Sorts with a throwing comparison (stable, like Swift's sort).
  func sort(_ xs: [Value], by less: (Value, Value) throws -> Bool) throws -> [Value] {
    var error: Error?
    let sorted = xs.enumerated().sorted { p, q in
      if error != nil { return false }
      do {
        if try less(p.element, q.element) { return true }
        if try less(q.element, p.element) { return false }
        return p.offset < q.offset
      } catch let e {
        error = e
        return false
      }
    }
    if let error { throw error }
    return sorted.map(\.element)
  }

  func installSequences() {
    let s = Kind.sequence
    property(s, "count") { [unowned self] v in
      switch v {
      case .array(let a): return .int(a.items.count)
      case .string(let str): return .int(str.count)
      case .dictionary(let d): return .int(d.count)
      default: return .int(try self.elements(v)?.count ?? 0)
      }
    }
    property(s, "isEmpty") { [unowned self] v in
      switch v {
      case .array(let a): return .bool(a.items.isEmpty)
      case .string(let str): return .bool(str.isEmpty)
      case .dictionary(let d): return .bool(d.count == 0)
      default: return .bool(try self.elements(v)?.isEmpty ?? true)
      }
    }
    property(s, "first") { [unowned self] v in
      if case .array(let a) = v { return .optional(a.items.first) }
      return .optional(try self.elements(v)?.first)
    }
    property(s, "last") { [unowned self] v in
      if case .array(let a) = v { return .optional(a.items.last) }
      return .optional(try self.elements(v)?.last)
    }
    method(s, "map", [nil]) { [unowned self] v, a in
      let f = try a.function(0)
      var out: [Value] = []
      for x in try self.items(v, a) { out.append(try a.rt.apply(f, [x])) }
      // `[Int]().map { Double($0) }` is a `[Double]`: its `reduce(0, +)` is 0.0
      let code = (f as? Closure)?.code
      return self.array(out, out.isEmpty ? code?.returnType ?? code?.inferredReturnType : nil)
    }
    method(s, "compactMap", [nil]) { [unowned self] v, a in
      let f = try a.function(0)
      var out: [Value] = []
      for x in try self.items(v, a) {
        let r = try a.rt.apply(f, [x])
        if case .optional(let w) = r {
          if let w { out.append(w) }
        } else {
          out.append(r)
        }
      }
      return self.array(out)
    }
    method(s, "flatMap", [nil]) { [unowned self] v, a in
      let f = try a.function(0)
      var out: [Value] = []
      for x in try self.items(v, a) {
        let r = try a.rt.apply(f, [x])
        guard let inner = try self.elements(r) else { throw a.mismatch(r, "a sequence") }
        out += inner
      }
      return self.array(out)
    }
    method(s, "filter", [nil]) { [unowned self] v, a in
      let keep = try self.predicate(a, 0)
      if case .dictionary(let d) = v {
        var out = DictValue(keyType: d.keyType, valueType: d.valueType)
        for (k, x) in zip(d.keys, d.values)
        where try keep(.tuple(TupleValue(labels: ["key", "value"], items: [k, x]))) {
          out[k] = x
        }
        return .dictionary(out)
      }
      let xs = try self.items(v, a).filter(keep)
      if case .string = v { return .string(xs.map(\.description).joined()) }
      return self.array(xs, self.elementType(v))
    }
    method(s, "forEach", [nil]) { [unowned self] v, a in
      let f = try a.function(0)
      for x in try self.items(v, a) { _ = try a.rt.apply(f, [x]) }
      return .void
    }
    method(s, "reduce", [nil, nil]) { [unowned self] v, a in
      let f = try a.function(1)
      let first = try a.arg(0)
      var acc = first.value
      let xs = try self.items(v, a)
      // `reduce(0, +)` over Doubles: the literal takes the element type
      if case .int = acc, let d = first.asDouble, self.elementType(v) == .double { acc = d }
      if case .int = acc, first.asDouble != nil, xs.isEmpty, self.elementType(v) == .any {
        // no element says whether Swift made the literal an Int or a Double
        throw EvalError(
          "not supported in cells: 'reduce' from an integer literal over an empty sequence whose element type is known only to Swift's type checker",
          at: a.callLocation,
          notes: ["write the initial value as a Double ('0.0') if the elements are Doubles"])
      }
      for x in xs { acc = try a.rt.apply(f, [acc, x]) }
      return acc
    }
    method(s, "reduce", ["into", nil]) { [unowned self] v, a in
      // the closure's first parameter is inout: it is read back after each call
      guard case .function(let f as Closure) = try a.value(1), let first = f.code.params.first
      else { throw a.mismatch(try a.value(1), "(inout Result, Element) -> ()") }
      var acc = try a.value(0)
      for x in try self.items(v, a) {
        let (_, frame) = try a.rt.invoke(
          f, [Arg(label: nil, value: acc), Arg(label: nil, value: x)], at: .unknown)
        acc = frame.slots[first.slot].value
      }
      return acc
    }
    method(s, "shuffled") { [unowned self] v, a in
      let xs = try self.items(v, a)
      let order = RandomGenerator.current.permutation(xs.count)
      return self.array(order.map { xs[$0] }, self.elementType(v))
    }
    method(s, "randomElement") { [unowned self] v, a in
      let xs = try self.items(v, a)
      if xs.isEmpty { return .none }
      return .optional(xs[RandomGenerator.current.nextInt(below: xs.count)])
    }
    method(s, "contains", [nil]) { [unowned self] v, a in
      let arg = try a.arg(0)
      // `xs.contains { … }`: a trailing closure is `contains(where:)`'s predicate
      if arg.trailing, case .function = arg.value {
        let p = try self.predicate(a, 0)
        for x in try self.items(v, a) where try p(x) { return .bool(true) }
        return .bool(false)
      }
      if case .string(let str) = v {
        if case .character(let c) = arg.value { return .bool(str.contains(c)) }
        return .bool(str.contains(try a.string(0)))
      }
      var target = arg.value
      let element = self.elementType(v)
      if let d = arg.asDouble, conform(target, to: element) == nil, conform(d, to: element) != nil {
        target = d
      }
      for x in try self.items(v, a) where try Operators.equal(x, target, at: .unknown) {
        return .bool(true)
      }
      return .bool(false)
    }
    method(s, "contains", ["where"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      for x in try self.items(v, a) where try p(x) { return .bool(true) }
      return .bool(false)
    }
    method(s, "allSatisfy", [nil]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      for x in try self.items(v, a) where !(try p(x)) { return .bool(false) }
      return .bool(true)
    }
    method(s, "first", ["where"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      for x in try self.items(v, a) where try p(x) { return .optional(x) }
      return .none
    }
    method(s, "last", ["where"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      for x in try self.items(v, a).reversed() where try p(x) { return .optional(x) }
      return .none
    }
    method(s, "firstIndex", ["of"]) { [unowned self] v, a in
      let arg = try a.arg(0)
      // `xs.firstIndex { … }`: a trailing closure is `firstIndex(where:)`'s predicate
      if arg.trailing, case .function = arg.value {
        let p = try self.predicate(a, 0)
        for (i, x) in try self.items(v, a).enumerated() where try p(x) { return .optional(.int(i)) }
        return .none
      }
      var target = arg.value
      let element = self.elementType(v)
      if let d = arg.asDouble, conform(target, to: element) == nil, conform(d, to: element) != nil {
        target = d
      }
      for (i, x) in try self.items(v, a).enumerated()
      where try Operators.equal(x, target, at: .unknown) {
        return .optional(.int(i))
      }
      return .none
    }
    method(s, "firstIndex", ["where"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      for (i, x) in try self.items(v, a).enumerated() where try p(x) { return .optional(.int(i)) }
      return .none
    }
    method(s, "lastIndex", ["where"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      for (i, x) in try self.items(v, a).enumerated().reversed() where try p(x) {
        return .optional(.int(i))
      }
      return .none
    }
    method(s, "prefix", ["while"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      var kept: [Value] = []
      for x in try self.items(v, a) {
        guard try p(x) else { break }
        kept.append(x)
      }
      if case .string = v { return .string(kept.map(\.description).joined()) }
      return self.array(kept, self.elementType(v))
    }
    method(s, "drop", ["while"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      var xs = try self.items(v, a)[...]
      while let x = xs.first, try p(x) { xs = xs.dropFirst() }
      if case .string = v { return .string(xs.map(\.description).joined()) }
      return self.array(Array(xs), self.elementType(v))
    }
    method(s, "lastIndex", ["of"]) { [unowned self] v, a in
      let arg = try a.arg(0)
      if arg.trailing, case .function = arg.value {
        let p = try self.predicate(a, 0)
        for (i, x) in try self.items(v, a).enumerated().reversed() where try p(x) {
          return .optional(.int(i))
        }
        return .none
      }
      var target = arg.value
      let element = self.elementType(v)
      if let d = arg.asDouble, conform(target, to: element) == nil, conform(d, to: element) != nil {
        target = d
      }
      for (i, x) in try self.items(v, a).enumerated().reversed()
      where try Operators.equal(x, target, at: .unknown) {
        return .optional(.int(i))
      }
      return .none
    }
    method(s, "count", ["where"]) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      return .int(try self.items(v, a).filter(p).count)
    }
    method(s, "min") { [unowned self] v, a in
      var best: Value?
      for x in try self.items(v, a) where try best == nil || self.less(x, best!) { best = x }
      return .optional(best)
    }
    method(s, "max") { [unowned self] v, a in
      var best: Value?
      for x in try self.items(v, a) where try best == nil || self.less(best!, x) { best = x }
      return .optional(best)
    }
    method(s, "min", ["by"]) { [unowned self] v, a in
      let less = try self.ordering(a, 0)
      var best: Value?
      for x in try self.items(v, a) where try best == nil || less(x, best!) { best = x }
      return .optional(best)
    }
    method(s, "max", ["by"]) { [unowned self] v, a in
      let less = try self.ordering(a, 0)
      var best: Value?
      for x in try self.items(v, a) where try best == nil || less(best!, x) { best = x }
      return .optional(best)
    }
    method(s, "sorted") { [unowned self] v, a in
      self.array(try self.sort(try self.items(v, a), by: self.less), self.elementType(v))
    }
    method(s, "sorted", ["by"]) { [unowned self] v, a in
      self.array(
        try self.sort(try self.items(v, a), by: try self.ordering(a, 0)), self.elementType(v))
    }
    method(s, "reversed") { [unowned self] v, a in
      let xs = try self.items(v, a)
      if case .native = v { return self.array(xs.reversed(), self.elementType(v)) }
      return self.lazy(
        xs.reversed(), "ReversedCollection<\(v.type.genericName)>(_base: \(v.debugDescription))",
        self.elementType(v))
    }
    method(s, "enumerated") { [unowned self] v, a in
      let xs = try self.items(v, a)
      let items = xs.enumerated().map {
        Value.tuple(
          TupleValue(labels: ["offset", "element"], items: [.int($0.offset), $0.element]))
      }
      return self.lazy(
        items, "EnumeratedSequence<\(v.type.genericName)>(_base: \(v.debugDescription))",
        .tuple(["offset", "element"], [.int, self.elementType(v)]))
    }
    method(s, "joined", ["separator"], required: 0) { [unowned self] v, a in
      let sep = try a.string(0, default: "")
      let xs = try self.items(v, a)
      if !a.has(0), case .array(let inner)? = xs.first {
        var flat: [Value] = []
        for x in xs { flat += try self.items(x, a) }
        return self.lazy(
          flat, "FlattenSequence<\(v.type.genericName)>(_base: \(v.debugDescription))",
          inner.elementType)
      }
      var parts: [String] = []
      for x in xs {
        guard case .string(let str) = x else {
          throw EvalError(
            "referencing instance method 'joined(separator:)' requires the elements to be String, not '\(x.typeName)'"
          )
        }
        parts.append(str)
      }
      return .string(parts.joined(separator: sep))
    }
    for (name, take) in [
      ("prefix", { (xs: [Value], n: Int) in Array(xs.prefix(n)) }),
      ("suffix", { (xs: [Value], n: Int) in Array(xs.suffix(n)) }),
      ("dropFirst", { (xs: [Value], n: Int) in Array(xs.dropFirst(n)) }),
      ("dropLast", { (xs: [Value], n: Int) in Array(xs.dropLast(n)) }),
    ] {
      let defaultCount: Int? = name.hasPrefix("drop") ? 1 : nil
      method(s, name, [nil], required: defaultCount == nil ? 1 : 0) { [unowned self] v, a in
        let n = try defaultCount.map { try a.int(0, default: $0) } ?? a.int(0)
        guard n >= 0 else { throw EvalError("Can't \(name) a negative number of elements") }
        let xs = take(try self.items(v, a), n)
        if case .string = v { return .string(xs.map(\.description).joined()) }
        return self.array(xs, self.elementType(v))
      }
    }
    property(s, "indices") { [unowned self] v in
      .range(
        RangeValue(lower: .int(0), upper: .int(try self.elements(v)?.count ?? 0), closed: false))
    }

    // Array mutation
    let arr = Kind.array
    func element(_ a: ArgReader, _ i: Int, _ type: VType) throws -> Value {
      let arg = try a.arg(i)
      if type == .any { return arg.value }
      return try coerce(arg.value, asDouble: arg.asDouble, to: type, context: .argument).get(
        at: arg.loc)
    }
    func withArray(_ v: inout Value, _ body: (inout ArrayValue) throws -> Value) rethrows -> Value {
      guard case .array(var a) = v else { return .void }
      v = .void
      defer { v = .array(a) }
      return try body(&a)
    }
    method(arr, "append", [nil], mutating: true) { v, a in
      try withArray(&v) { arr in
        let x = try element(a, 0, arr.elementType)
        if arr.elementType == .any { arr.elementType = x.type }
        arr.items.append(x)
        return .void
      }
    }
    method(arr, "append", ["contentsOf"], mutating: true) { [unowned self] v, a in
      try withArray(&v) { arr in
        let other = try a.value(0)
        var xs = try self.items(other, a)
        try a.rt.budget(arr.items.count + xs.count)
        if arr.elementType != .any {
          xs = try xs.map {
            try coerce($0, asDouble: nil, to: arr.elementType, context: .argument).get()
          }
        }
        arr.items += xs
        return .void
      }
    }
    method(arr, "insert", [nil, "at"], mutating: true) { v, a in
      try withArray(&v) { arr in
        let x = try element(a, 0, arr.elementType)
        let i = try a.int(1)
        guard i >= 0 && i <= arr.items.count else { throw EvalError("Array index is out of range") }
        arr.items.insert(x, at: i)
        return .void
      }
    }
    method(arr, "remove", ["at"], mutating: true) { v, a in
      try withArray(&v) { arr in
        let i = try a.int(0)
        guard i >= 0 && i < arr.items.count else { throw EvalError("Index out of range") }
        return arr.items.remove(at: i)
      }
    }
    method(arr, "removeLast", mutating: true) { v, a in
      try withArray(&v) { arr in
        guard !arr.items.isEmpty else {
          throw EvalError("Can't remove last element from an empty collection")
        }
        return arr.items.removeLast()
      }
    }
    method(arr, "removeFirst", mutating: true) { v, a in
      try withArray(&v) { arr in
        guard !arr.items.isEmpty else {
          throw EvalError("Can't remove first element from an empty collection")
        }
        return arr.items.removeFirst()
      }
    }
    method(arr, "popLast", mutating: true) { v, a in
      withArray(&v) { arr in .optional(arr.items.popLast()) }
    }
    method(arr, "removeAll", mutating: true) { v, a in
      withArray(&v) { arr in
        arr.items.removeAll()
        return .void
      }
    }
    method(arr, "removeAll", ["where"], mutating: true) { [unowned self] v, a in
      let p = try self.predicate(a, 0)
      return try withArray(&v) { arr in
        var kept: [Value] = []
        for x in arr.items where !(try p(x)) { kept.append(x) }
        arr.items = kept
        return .void
      }
    }
    method(arr, "sort", mutating: true) { [unowned self] v, a in
      try withArray(&v) { arr in
        arr.items = try self.sort(arr.items, by: self.less)
        return .void
      }
    }
    method(arr, "sort", ["by"], mutating: true) { [unowned self] v, a in
      let less = try self.ordering(a, 0)
      return try withArray(&v) { arr in
        arr.items = try self.sort(arr.items, by: less)
        return .void
      }
    }
    method(arr, "reverse", mutating: true) { v, a in
      withArray(&v) { arr in
        arr.items.reverse()
        return .void
      }
    }
    method(arr, "swapAt", [nil, nil], mutating: true) { v, a in
      try withArray(&v) { arr in
        let i = try a.int(0)
        let j = try a.int(1)
        guard arr.items.indices.contains(i), arr.items.indices.contains(j) else {
          throw EvalError("Index out of range")
        }
        arr.items.swapAt(i, j)
        return .void
      }
    }

    // Dictionary
    let dict = Kind.dictionary
    property(dict, "keys") { [unowned self] v in
      guard case .dictionary(let d) = v else { return .void }
      return self.array(d.keys, d.keyType)
    }
    property(dict, "values") { [unowned self] v in
      guard case .dictionary(let d) = v else { return .void }
      return self.array(d.values, d.valueType)
    }
    // `merging(_:uniquingKeysWith:)` and `merge`: the other dictionary's entries in its order
    let merged: (DictValue, ArgReader) throws -> DictValue = { d, a in
      guard case .dictionary(let other) = try a.value(0) else {
        throw a.mismatch(try a.value(0), "[\(d.keyType.name): \(d.valueType.name)]")
      }
      let combine = try a.function(1)
      var out = d
      if out.keyType == .any { out.keyType = other.keyType }
      if out.valueType == .any { out.valueType = other.valueType }
      for (k, x) in zip(other.keys, other.values) {
        out[k] = try out[k].map { try a.rt.apply(combine, [$0, x]) } ?? x
      }
      return out
    }
    method(dict, "merging", [nil, "uniquingKeysWith"]) { v, a in
      guard case .dictionary(let d) = v else { return .void }
      return .dictionary(try merged(d, a))
    }
    method(dict, "merge", [nil, "uniquingKeysWith"], mutating: true) { v, a in
      guard case .dictionary(let d) = v else { return .void }
      v = .dictionary(try merged(d, a))
      return .void
    }
    method(dict, "mapValues", [nil]) { v, a in
      guard case .dictionary(let d) = v else { return .void }
      let f = try a.function(0)
      let values = try d.values.map { try a.rt.apply(f, [$0]) }
      var out = DictValue(keyType: d.keyType, valueType: values.first?.type ?? .any)
      for (k, x) in zip(d.keys, values) { out[k] = x }
      return .dictionary(out)
    }
    method(dict, "updateValue", [nil, "forKey"], mutating: true) { v, a in
      guard case .dictionary(var d) = v else { return .void }
      v = .void
      defer { v = .dictionary(d) }
      let key = try a.value(1)
      let arg = try a.arg(0)
      let x =
        d.valueType == .any
        ? arg.value
        : try coerce(arg.value, asDouble: arg.asDouble, to: d.valueType, context: .argument).get(
          at: arg.loc)
      let old = d[key]
      d[key] = x
      return .optional(old)
    }
    method(dict, "removeValue", ["forKey"], mutating: true) { v, a in
      guard case .dictionary(var d) = v else { return .void }
      v = .void
      defer { v = .dictionary(d) }
      let key = try a.value(0)
      let old = d[key]
      d[key] = nil
      return .optional(old)
    }
  }
}

extension Builtins {
  /// `[String: Int]()`, `Dictionary(uniqueKeysWithValues:)`, `Dictionary(_:uniquingKeysWith:)`
  /// and `Dictionary(grouping:by:)`; `key` and `value` are `.any` for a bare `Dictionary`.
  func dictionaryInitializers(_ key: VType, _ value: VType) -> [Overload] {
    // the pairs of a sequence of (key, value) tuples, and the dictionary they go into
    let pairs: (Value, ArgReader) throws -> (DictValue, [(Value, Value)]) = { [unowned self] v, a in
      let list = try self.items(v, a).map { item -> (Value, Value) in
        guard case .tuple(let t) = item, t.items.count == 2 else {
          throw EvalError(
            "Dictionary needs a sequence of (key, value) pairs, got '\(item.typeName)'")
        }
        return (t.items[0], t.items[1])
      }
      let k = key == .any ? list.first?.0.type ?? .any : key
      if let bad = Builtins.unhashable(k) {
        throw EvalError("type '\(bad.name)' cannot conform to 'Hashable'")
      }
      return (
        DictValue(keyType: k, valueType: value == .any ? list.first?.1.type ?? .any : value), list
      )
    }
    return [
      Overload([]) { _ in .dictionary(DictValue(keyType: key, valueType: value)) },
      Overload(["uniqueKeysWithValues"]) { a in
        var (d, list) = try pairs(try a.value(0), a)
        for (k, x) in list {
          if d[k] != nil {
            throw EvalError("Fatal error: Duplicate values for key: '\(k.debugDescription)'")
          }
          d[k] = x
        }
        return .dictionary(d)
      },
      Overload([nil, "uniquingKeysWith"]) { a in
        var (d, list) = try pairs(try a.value(0), a)
        let combine = try a.function(1)
        for (k, x) in list {
          d[k] = try d[k].map { try a.rt.apply(combine, [$0, x]) } ?? x
        }
        return .dictionary(d)
      },
      Overload(["grouping", "by"]) { [unowned self] a in
        let items = try self.items(try a.value(0), a)
        let keyOf = try a.function(1)
        var keys: [Value] = []
        var groups: [Value: [Value]] = [:]
        for item in items {
          let k = try a.rt.apply(keyOf, [item])
          if groups[k] == nil { keys.append(k) }
          groups[k, default: []].append(item)
        }
        let k = key == .any ? keys.first?.type ?? .any : key
        if let bad = Builtins.unhashable(k) {
          throw EvalError("type '\(bad.name)' cannot conform to 'Hashable'")
        }
        let element = self.elementType(try a.value(0))
        var d = DictValue(keyType: k, valueType: .array(element))
        for k in keys {
          d[k] = .array(ArrayValue(elementType: element, items: groups[k]!))
        }
        return .dictionary(d)
      },
    ]
  }
}
