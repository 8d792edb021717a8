import Foundation

/// A method of a cell-visible type, with overloads told apart by labels.
struct Method {
  var name: String
  var overloads: [MethodOverload]
  var mutating = false
  var throwing = false
}

struct MethodOverload {
  var labels: [String?]
  var required: Int
  var run: (inout Value, inout ArgReader) throws -> Value
  var throwing = false
  /// The same method for a library object passed as it is (bound library methods, which never
  /// change their receiver): a call site with the object in hand then makes no `Value` of it.
  var runOnObject: ((NativeObject, inout ArgReader) throws -> Value)?

  init(
    labels: [String?], required: Int, throwing: Bool = false,
    run: @escaping (inout Value, inout ArgReader) throws -> Value
  ) {
    self.labels = labels
    self.required = required
    self.throwing = throwing
    self.run = run
  }

  func signature(_ name: String) -> String {
    name + "(" + labels.map { ($0 ?? "_") + ":" }.joined() + ")"
  }
}

/// A library type bound for cells: how to build it, its members, and how it shows.
public final class NativeType {
  let name: String
  /// `String(describing:)` and, when `debug` is true, `String(reflecting:)`.
  var describe: (Any, Bool) -> String
  /// How the page shows a value that ends a cell (default: its description as text).
  var display: ((Any) throws -> DisplayValue)?
  var initializers: [Overload] = []
  var initializerThrows = false
  var methods: [String: Method] = [:]
  var properties: [String: (NativeObject) throws -> Value] = [:]
  var setters: [String: (NativeObject, Value) throws -> Void] = [:]
  /// Properties of a struct that cells may assign: each returns the changed copy to store.
  var valueSetters: [String: (NativeObject, Value) throws -> NativeObject] = [:]
  /// Holds a Swift value of this type (found by its dynamic type) for cells.
  var box: ((Any) -> NativeObject)?
  var staticValues: [String: () -> Value] = [:]
  /// Static values that can change while a cell runs, so they are read each time, not once.
  var liveStaticValues: Set<String> = []
  var staticFunctions: [String: NativeFunction] = [:]
  /// Operators with a value of this type on either side (`t + u`, `2 * t`).
  var binary: [String: (Value, Value) throws -> Value] = [:]
  /// Whether the library's operators throw (Swift then requires `try` on them).
  var binaryThrows = false
  /// Whether an operator of this type takes these operands (checked before a missing `try`).
  var binaryAccepts: ((Value, Value) -> Bool)?
  var prefixMinus: ((Any) throws -> Value)?
  var subscriptGet: ((Any, [Arg]) throws -> Value)?
  var subscriptSet: ((Any, [Arg], Value) throws -> Void)?
  /// Whether values are references (a Swift class or class-bound protocol): a `let` holding one
  /// still lets its properties be assigned.
  var isReference = false
  /// Protocols and supertypes a value of this type can be passed as (`Layer`).
  var conformances: Set<String> = []
  /// Elements, when a value of this type can be iterated with `for`-`in`.
  var elements: ((Any) throws -> [Value])?

  init(name: String, describe: @escaping (Any, Bool) -> String) {
    self.name = name
    self.describe = describe
  }

  func conforms(to other: String) -> Bool { conformances.contains(other) }

  var memberNames: [String] {
    (Array(methods.keys) + Array(properties.keys)).sorted()
  }
}

/// The overload a call site's labels select on one library type.
final class SiteOverload {
  let type: NativeType
  let run: (inout Value, inout ArgReader) throws -> Value
  let runOnObject: ((NativeObject, inout ArgReader) throws -> Value)?
  let throwing: Bool
  let slots: ArgSlots
  let name: String

  init(_ type: NativeType, _ overload: MethodOverload, slots: [Int?], name: String) {
    self.type = type
    self.run = overload.run
    self.runOnObject = overload.runOnObject
    self.throwing = overload.throwing
    self.slots = ArgSlots(slots)
    self.name = name
  }
}

/// The getter a property site found on one library type.
final class SiteGetter {
  let type: NativeType
  let get: (NativeObject) throws -> Value

  init(_ type: NativeType, _ get: @escaping (NativeObject) throws -> Value) {
    self.type = type
    self.get = get
  }
}

/// What a call or property site learned on its calls: for each library type its receivers had,
/// the overload (or getter) the site's labels select, so later calls skip both lookups.
///
/// The entry for the type seen last is held unretained: reading it on every call then counts no
/// references. `entries` keeps every entry alive for as long as the site (it holds at most one
/// entry per library type).
final class SiteCache<Entry: AnyObject> {
  @exclusivity(unchecked) private var last: Unmanaged<Entry>?
  @exclusivity(unchecked) private var lastType: ObjectIdentifier?
  @exclusivity(unchecked) private var entries: [(ObjectIdentifier, Entry)] = []

  /// The entry for `type`, made by `make` the first time.
  func remember(_ type: NativeType, _ make: () -> Entry?) {
    let id = ObjectIdentifier(type)
    if let known = entries.first(where: { $0.0 == id }) {
      last = .passUnretained(known.1)
      lastType = id
      return
    }
    guard let entry = make() else { return }
    entries.append((id, entry))
    last = .passUnretained(entry)
    lastType = id
  }

  /// Runs `body` with the entry for `n`'s type when it is the type this site saw last.
  @inline(__always)
  func with<R>(_ n: NativeObject, _ body: (Entry) throws -> R) rethrows -> R? {
    try with(type: n.type, body)
  }

  /// Runs `body` with the entry for `type` when it is the type this site saw last.
  @inline(__always)
  func with<R>(type: NativeType, _ body: (Entry) throws -> R) rethrows -> R? {
    guard let last, lastType == ObjectIdentifier(type) else { return nil }
    return try last._withUnsafeGuaranteedRef(body)
  }
}

/// The field index a property site found on the cell struct type it saw last.
final class FieldSiteCache {
  // holding the type keeps its identity from being reused by another type
  @exclusivity(unchecked) private var held: UserType?
  @exclusivity(unchecked) private var typeID: ObjectIdentifier?
  @exclusivity(unchecked) private var fieldIndex = 0

  @inline(__always)
  func index(in type: UserType) -> Int? {
    typeID == ObjectIdentifier(type) ? fieldIndex : nil
  }

  func remember(_ type: UserType, _ index: Int) {
    held = type
    typeID = ObjectIdentifier(type)
    fieldIndex = index
  }
}

typealias CallSiteCache = SiteCache<SiteOverload>
typealias PropertySiteCache = SiteCache<SiteGetter>

extension SiteCache where Entry == SiteOverload {
  func remember(_ type: NativeType, _ method: Method, _ args: [Arg]) {
    remember(type) {
      for overload in method.overloads {
        if let slots = matchLabels(overload.labels, required: overload.required, args) {
          return SiteOverload(type, overload, slots: slots, name: method.name)
        }
      }
      return nil
    }
  }
}

extension Runtime {
  /// Runs an overload already matched to the call site's labels on `receiver` (a value of a
  /// cell type; sites remember only non-mutating methods).
  @inline(__always)
  func run(
    _ site: SiteOverload, _ receiver: inout Value, _ args: [Arg], at l: Loc, inTry: Bool
  ) throws -> Value {
    if site.throwing, !inTry {
      throw EvalError("call can throw but is not marked with 'try'", at: l)
    }
    var reader = ArgReader(name: site.name, args: args, slots: site.slots, rt: self, inTry: inTry)
    return try at(l) { try site.run(&receiver, &reader) }
  }

  /// Runs an overload already matched to the call site's labels on library object `object`
  /// (a non-mutating method: sites remember only those).
  @inline(__always)
  func run(
    _ site: SiteOverload, on object: NativeObject, _ args: [Arg], at l: Loc, inTry: Bool
  ) throws -> Value {
    if site.throwing, !inTry {
      throw EvalError("call can throw but is not marked with 'try'", at: l)
    }
    var reader = ArgReader(name: site.name, args: args, slots: site.slots, rt: self, inTry: inTry)
    if let runOnObject = site.runOnObject {
      return try at(l) { try runOnObject(object, &reader) }
    }
    var receiver = Value.native(object)
    return try at(l) { try site.run(&receiver, &reader) }
  }

  func run(
    _ method: Method, _ receiver: inout Value, _ args: [Arg], at l: Loc, inTry: Bool = true,
    unhandled: Loc? = nil
  ) throws -> Value {
    for overload in method.overloads {
      if let slots = matchLabels(overload.labels, required: overload.required, args) {
        if overload.throwing && !inTry {
          throw EvalError("call can throw but is not marked with 'try'", at: l)
        }
        if overload.throwing, let unhandled {
          throw EvalError("errors thrown from here are not handled", at: unhandled)
        }
        var reader = ArgReader(
          name: method.name, args: args, slots: ArgSlots(slots), rt: self, inTry: inTry)
        return try at(l) { try overload.run(&receiver, &reader) }
      }
    }
    throw labelMismatch(
      method.name, method.overloads.map { $0.signature(method.name) }, args, at: l)
  }
}

/// Where each argument goes among `labels`, or nil when they do not fit.
func matchLabels(_ labels: [String?], required: Int, _ args: [Arg]) -> [Int?]? {
  var slots = [Int?](repeating: nil, count: labels.count)
  var position = 0
  for (index, arg) in args.enumerated() {
    var placed = false
    while position < labels.count {
      if arg.trailing || arg.label == labels[position] {
        slots[position] = index
        position += 1
        placed = true
        break
      }
      // a parameter with a default may be skipped
      if position >= required { position += 1 } else { return nil }
    }
    if !placed { return nil }
  }
  for p in 0..<required where slots[p] == nil { return nil }
  return slots
}
