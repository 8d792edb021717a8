import Foundation

/// The static type of a cell value, spelled as Swift spells it.
indirect enum VType: Hashable, Sendable {
  case int, double, bool, string, character, void
  case array(VType)
  case dictionary(VType, VType)
  case set(VType)
  case optional(VType)
  case tuple([String?], [VType])
  case range(VType)
  case closedRange(VType)
  case function([VType], VType)
  /// A bound library type (`Tensor`, `Linear`, ...).
  case native(String)
  /// Not known (yet): an empty result of `map`, a closure parameter without annotation.
  case any

  /// The sugared spelling used in compiler messages: `[Int]`, `Int?`, `(Int, Double)`.
  var name: String {
    switch self {
    case .int: return "Int"
    case .double: return "Double"
    case .bool: return "Bool"
    case .string: return "String"
    case .character: return "Character"
    case .void: return "()"
    case .array(let e): return "[\(e.name)]"
    case .dictionary(let k, let v): return "[\(k.name): \(v.name)]"
    case .set(let e): return "Set<\(e.name)>"
    case .optional(let w):
      if case .function = w { return "(\(w.name))?" }
      return "\(w.name)?"
    case .tuple(let labels, let types):
      return "("
        + zip(labels, types).map { ($0.0.map { "\($0): " } ?? "") + $0.1.name }.joined(
          separator: ", ") + ")"
    case .range(let b): return "Range<\(b.name)>"
    case .closedRange(let b): return "ClosedRange<\(b.name)>"
    case .function(let p, let r):
      return "(" + p.map(\.name).joined(separator: ", ") + ") -> " + r.name
    // a cell type declared again has the key `Name@N` (`UserType.key`)
    case .native(let n): return n.firstIndex(of: "@").map { String(n[..<$0]) } ?? n
    case .any: return "Any"
    }
  }

  /// The unsugared spelling Swift's runtime prints: `Array<Int>`, `Optional<Int>`.
  var genericName: String {
    switch self {
    case .array(let e): return "Array<\(e.genericName)>"
    case .dictionary(let k, let v): return "Dictionary<\(k.genericName), \(v.genericName)>"
    case .set(let e): return "Set<\(e.genericName)>"
    case .optional(let w): return "Optional<\(w.genericName)>"
    case .range(let b): return "Range<\(b.genericName)>"
    case .closedRange(let b): return "ClosedRange<\(b.genericName)>"
    case .tuple(let labels, let types):
      return "("
        + zip(labels, types).map { ($0.0.map { "\($0): " } ?? "") + $0.1.genericName }.joined(
          separator: ", ") + ")"
    default: return name
    }
  }

  var isNumeric: Bool { self == .int || self == .double }
}

/// A box holding one variable's value; closures share boxes, so captures are by reference.
final class Box {
  // raw memory: variable reads and writes skip the exclusivity checks of a stored property
  private let storage: UnsafeMutablePointer<Value>

  init(_ value: Value) {
    storage = .allocate(capacity: 1)
    storage.initialize(to: value)
  }

  deinit {
    storage.deinitialize(count: 1)
    storage.deallocate()
  }

  var value: Value {
    @inline(__always) get { storage.pointee }
    @inline(__always) set { storage.pointee = newValue }
  }
}

/// An array value: Swift's array semantics (copy on assignment) come from `[Value]`.
struct ArrayValue {
  var elementType: VType
  var items: [Value]
  /// For an `ArraySlice` (`xs[2...4]`, `xs.dropFirst()`), the index of its first element: a
  /// slice keeps its base's indices. Nil for an `Array`.
  var sliceStart: Int? = nil
}

/// A dictionary value; iteration and printing follow insertion order (Swift's own order is
/// randomized per process, so no fixed order could match it).
struct DictValue {
  var keyType: VType
  var valueType: VType
  var keys: [Value] = []
  var values: [Value] = []
  var index: [Value: Int] = [:]

  init(keyType: VType, valueType: VType) {
    self.keyType = keyType
    self.valueType = valueType
  }

  subscript(key: Value) -> Value? {
    get { index[key].map { values[$0] } }
    set {
      if let position = index[key] {
        if let newValue {
          values[position] = newValue
        } else {
          keys.remove(at: position)
          values.remove(at: position)
          index = [:]
          for (i, k) in keys.enumerated() { index[k] = i }
        }
      } else if let newValue {
        index[key] = keys.count
        keys.append(key)
        values.append(newValue)
      }
    }
  }

  var count: Int { keys.count }
}

/// A set value; iteration and printing follow insertion order (Swift's own order is
/// randomized per process, as for dictionaries).
struct SetValue {
  var elementType: VType
  var items: [Value] = []
  var index: [Value: Int] = [:]

  init(elementType: VType, items: [Value] = []) {
    self.elementType = elementType
    for item in items { insert(item) }
  }

  func contains(_ v: Value) -> Bool { index[v] != nil }

  @discardableResult
  mutating func insert(_ v: Value) -> Bool {
    if index[v] != nil { return false }
    index[v] = items.count
    items.append(v)
    return true
  }

  @discardableResult
  mutating func remove(_ v: Value) -> Value? {
    guard let position = index[v] else { return nil }
    let removed = items.remove(at: position)
    index = [:]
    for (i, item) in items.enumerated() { index[item] = i }
    return removed
  }
}

struct TupleValue {
  var labels: [String?]
  var items: [Value]
}

struct RangeValue {
  var lower: Value
  var upper: Value
  var closed: Bool
}

/// A library object seen from cells: its bound type and the Swift value. The value is held
/// with its Swift type (`NativeBox<T>`), so bindings get it back without a dynamic cast.
class NativeObject {
  let type: NativeType

  fileprivate init(type: NativeType) {
    self.type = type
  }

  /// An object whose Swift type is known only at run time.
  static func make(type: NativeType, object: Any) -> NativeObject {
    NativeBox<Any>(type: type, value: object)
  }

  /// The Swift value, boxed in `Any` (every object is a `NativeBox`, which overrides this).
  var object: Any { () }

  /// The Swift value as a `T`, or nil when it is not one.
  @inline(__always)
  func value<T>(as _: T.Type) -> T? {
    if let box = self as? NativeBox<T> { return box.value }
    return object as? T
  }
}

/// A library object held with its Swift type.
final class NativeBox<T>: NativeObject {
  let value: T

  init(type: NativeType, value: T) {
    self.value = value
    super.init(type: type)
  }

  override var object: Any { value }
}

/// A cell value.
enum Value {
  case void
  case int(Int)
  case double(Double)
  case bool(Bool)
  case string(String)
  case character(Character)
  indirect case array(ArrayValue)
  indirect case dictionary(DictValue)
  indirect case set(SetValue)
  indirect case tuple(TupleValue)
  indirect case range(RangeValue)
  indirect case optional(Value?)
  case function(Callable)
  case native(NativeObject)
  /// A value of a struct or enum declared in a cell.
  indirect case record(RecordValue)
  /// A type used as a value: the base of `Double.pi`, `Tensor.randn(...)`.
  case type(VType)

  static var none: Value { .optional(nil) }

  var type: VType {
    switch self {
    case .void: return .void
    case .int: return .int
    case .double: return .double
    case .bool: return .bool
    case .string: return .string
    case .character: return .character
    case .array(let a): return .array(a.elementType)
    case .dictionary(let d): return .dictionary(d.keyType, d.valueType)
    case .set(let s): return .set(s.elementType)
    case .tuple(let t): return .tuple(t.labels, t.items.map(\.type))
    case .range(let r): return r.closed ? .closedRange(r.lower.type) : .range(r.lower.type)
    case .optional(let w): return .optional(w?.type ?? .any)
    case .function(let f): return f.type
    case .native(let n): return .native(n.type.name)
    case .record(let r): return r.type.vtype
    case .type(let t): return .native(t.name + ".Type")
    }
  }

  var typeName: String { type.name }
}

extension Value: Hashable {
  static func == (lhs: Value, rhs: Value) -> Bool {
    switch (lhs, rhs) {
    case (.void, .void): return true
    case (.int(let a), .int(let b)): return a == b
    case (.double(let a), .double(let b)): return a == b
    case (.bool(let a), .bool(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.character(let a), .character(let b)): return a == b
    case (.array(let a), .array(let b)): return a.items == b.items
    case (.dictionary(let a), .dictionary(let b)):
      guard a.count == b.count else { return false }
      for (k, v) in zip(a.keys, a.values) where b[k] != v { return false }
      return true
    case (.tuple(let a), .tuple(let b)): return a.items == b.items
    case (.set(let a), .set(let b)):
      return a.items.count == b.items.count && a.items.allSatisfy { b.contains($0) }
    case (.range(let a), .range(let b)):
      return a.closed == b.closed && a.lower == b.lower && a.upper == b.upper
    case (.optional(let a), .optional(let b)): return a == b
    case (.native(let a), .native(let b)): return a === b
    case (.function(let a), .function(let b)): return a === b
    case (.record(let a), .record(let b)):
      return a.type === b.type && a.tag == b.tag && a.fields == b.fields
    default: return false
    }
  }

  func hash(into hasher: inout Hasher) {
    switch self {
    case .int(let v): hasher.combine(v)
    case .double(let v): hasher.combine(v)
    case .bool(let v): hasher.combine(v)
    case .string(let v): hasher.combine(v)
    case .character(let v): hasher.combine(v)
    case .tuple(let t): for item in t.items { hasher.combine(item) }
    case .optional(let w): hasher.combine(w)
    case .array(let a): hasher.combine(a.items)
    case .set(let s): hasher.combine(s.items.count)
    case .record(let r):
      hasher.combine(r.tag)
      hasher.combine(r.fields)
    default: hasher.combine(0)
    }
  }
}

// MARK: - Swift's textual forms

extension Value {
  /// `String(describing:)`: what `print` writes.
  var description: String { describe(debug: false) }
  /// `String(reflecting:)`: how a value appears inside a collection.
  var debugDescription: String { describe(debug: true) }

  func describe(debug: Bool) -> String {
    switch self {
    case .void: return "()"
    case .int(let v): return String(v)
    // `print` and interpolation write a NaN with its sign bit set as `-nan` (0.0 / 0.0 at run
    // time, `sqrt(-1.0)`, `log(-1.0)`), while `description` and `String(x)` say `nan`
    // (found by scripts/difffuzz.py)
    case .double(let v): return v.isNaN && v.sign == .minus ? "-" + v.description : v.description
    case .bool(let v): return v ? "true" : "false"
    case .string(let s): return debug ? s.debugDescription : s
    case .character(let c): return debug ? c.debugDescription : String(c)
    case .array(let a):
      let list = "[" + a.items.map { $0.describe(debug: true) }.joined(separator: ", ") + "]"
      return debug && a.sliceStart != nil ? "ArraySlice(" + list + ")" : list
    case .dictionary(let d):
      if d.count == 0 { return "[:]" }
      return "["
        + zip(d.keys, d.values).map {
          $0.0.describe(debug: true) + ": " + $0.1.describe(debug: true)
        }.joined(separator: ", ") + "]"
    case .set(let s):
      let list = "[" + s.items.map { $0.describe(debug: true) }.joined(separator: ", ") + "]"
      return debug ? "Set(" + list + ")" : list
    case .tuple(let t):
      return "("
        + zip(t.labels, t.items).map { ($0.0.map { "\($0): " } ?? "") + $0.1.describe(debug: true) }
        .joined(separator: ", ") + ")"
    case .range(let r):
      let text =
        r.lower.describe(debug: true) + (r.closed ? "..." : "..<") + r.upper.describe(debug: true)
      return debug ? (r.closed ? "ClosedRange(\(text))" : "Range(\(text))") : text
    case .optional(let w):
      guard let w else { return "nil" }
      return "Optional(" + w.describe(debug: true) + ")"
    case .function: return "(Function)"
    case .native(let n): return n.type.describe(n.object, debug)
    case .record(let r): return r.type.describe(r, debug: debug)
    // `print(type(of: xs))` writes `Array<Double>`, as Swift's runtime names types
    case .type(let t): return t.genericName
    }
  }
}

/// Something a cell can call: a cell function or closure, or a bound library function.
class Callable {
  var type: VType { .function([], .any) }
  /// Whether a call must be marked with `try`.
  var throwing: Bool { false }
  var name: String { "closure" }
}
