import Foundation

extension Builtins {
  /// `Set()`, `Set(sequence)`; `Set<Int>()` and `[1, 2] as Set` come here with the element type.
  func setInitializers(_ element: VType) -> [Overload] {
    [
      Overload([]) { _ in .set(SetValue(elementType: element)) },
      Overload([nil]) { [unowned self] a in
        let v = try a.value(0)
        guard let items = try self.elements(v) else { throw a.mismatch(v, "a sequence") }
        let type = element == .any ? self.elementType(v) : element
        return .set(try Builtins.makeSet(type, items))
      },
    ]
  }

  /// A set of `items`, refusing element types Swift cannot hash.
  static func makeSet(_ type: VType, _ items: [Value]) throws -> SetValue {
    if let bad = unhashable(type) {
      throw EvalError("type '\(bad.name)' cannot conform to 'Hashable'")
    }
    var converted: [Value] = []
    converted.reserveCapacity(items.count)
    for item in items {
      guard let c = type == .any ? item : conform(item, to: type) else {
        throw EvalError(CoercionContext.element.message(item.type, type))
      }
      converted.append(c)
    }
    return SetValue(elementType: type, items: converted)
  }

  /// The part of `type` that is not Hashable in Swift (tuples, functions, library objects).
  static func unhashable(_ type: VType) -> VType? {
    switch type {
    case .int, .double, .bool, .string, .character, .any: return nil
    case .array(let e), .optional(let e), .set(let e): return unhashable(e)
    case .dictionary(let k, let v): return unhashable(k) ?? unhashable(v)
    case .native(let name) where UserTypeScope.current?.types[name]?.isHashable == true: return nil
    default: return type
    }
  }

  func installSets() {
    let k = Kind.set
    func withSet(_ v: inout Value, _ body: (inout SetValue) throws -> Value) rethrows -> Value {
      guard case .set(var s) = v else { return .void }
      v = .void
      defer { v = .set(s) }
      return try body(&s)
    }
    func member(_ s: SetValue, _ a: ArgReader) throws -> Value {
      let arg = try a.arg(0)
      if s.elementType == .any { return arg.value }
      return try coerce(arg.value, asDouble: arg.asDouble, to: s.elementType, context: .argument)
        .get(at: arg.loc)
    }
    /// The other operand of `union`, `isSubset(of:)`, ...: any sequence of the same elements.
    let other: (SetValue, ArgReader) throws -> SetValue = { [unowned self] s, a in
      let arg = try a.arg(0)
      let v = arg.asDouble.map { s.elementType == .double ? $0 : arg.value } ?? arg.value
      guard let items = try self.elements(v) else { throw a.mismatch(v, "a sequence") }
      return try Builtins.makeSet(
        s.elementType == .any ? self.elementType(v) : s.elementType, items)
    }

    method(k, "insert", [nil], mutating: true) { v, a in
      try withSet(&v) { s in
        let x = try member(s, a)
        if s.elementType == .any {
          if let bad = Builtins.unhashable(x.type) {
            throw EvalError("type '\(bad.name)' cannot conform to 'Hashable'")
          }
          s.elementType = x.type
        }
        let inserted = s.insert(x)
        return .tuple(
          TupleValue(labels: ["inserted", "memberAfterInsert"], items: [.bool(inserted), x]))
      }
    }
    method(k, "remove", [nil], mutating: true) { v, a in
      try withSet(&v) { s in .optional(s.remove(try member(s, a))) }
    }
    method(k, "removeAll", mutating: true) { v, _ in
      withSet(&v) { s in
        s = SetValue(elementType: s.elementType)
        return .void
      }
    }
    method(k, "contains", [nil]) { [unowned self] v, a in
      guard case .set(let s) = v else { return .void }
      if try a.arg(0).trailing, case .function = try a.value(0) {
        let p = try self.predicate(a, 0)
        for x in s.items where try p(x) { return .bool(true) }
        return .bool(false)
      }
      return .bool(s.contains(try member(s, a)))
    }
    method(k, "filter", [nil]) { [unowned self] v, a in
      guard case .set(let s) = v else { return .void }
      let keep = try self.predicate(a, 0)
      return .set(SetValue(elementType: s.elementType, items: try s.items.filter(keep)))
    }
    let combinations: [(String, String?, (SetValue, SetValue) -> SetValue)] = [
      (
        "union", "formUnion",
        { x, y in SetValue(elementType: x.elementType, items: x.items + y.items) }
      ),
      (
        "intersection", "formIntersection",
        { x, y in
          SetValue(elementType: x.elementType, items: x.items.filter { y.contains($0) })
        }
      ),
      (
        "subtracting", "subtract",
        { x, y in
          SetValue(elementType: x.elementType, items: x.items.filter { !y.contains($0) })
        }
      ),
      (
        "symmetricDifference", "formSymmetricDifference",
        { x, y in
          SetValue(
            elementType: x.elementType,
            items: x.items.filter { !y.contains($0) } + y.items.filter { !x.contains($0) })
        }
      ),
    ]
    for (name, mutatingName, combine) in combinations {
      method(k, name, [nil]) { v, a in
        guard case .set(let s) = v else { return .void }
        return .set(combine(s, try other(s, a)))
      }
      if let mutatingName {
        method(k, mutatingName, [nil], mutating: true) { v, a in
          try withSet(&v) { s in
            s = combine(s, try other(s, a))
            return .void
          }
        }
      }
    }
    let relations: [(String, String, (SetValue, SetValue) -> Bool)] = [
      ("isSubset", "of", { x, y in x.items.allSatisfy { y.contains($0) } }),
      ("isSuperset", "of", { x, y in y.items.allSatisfy { x.contains($0) } }),
      ("isDisjoint", "with", { x, y in !x.items.contains { y.contains($0) } }),
      (
        "isStrictSubset", "of",
        { x, y in x.items.count < y.items.count && x.items.allSatisfy { y.contains($0) } }
      ),
      (
        "isStrictSuperset", "of",
        { x, y in x.items.count > y.items.count && y.items.allSatisfy { x.contains($0) } }
      ),
    ]
    for (name, label, relation) in relations {
      method(k, name, [label]) { v, a in
        guard case .set(let s) = v else { return .void }
        return .bool(relation(s, try other(s, a)))
      }
    }
  }
}
