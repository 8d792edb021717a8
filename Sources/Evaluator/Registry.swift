import Foundation

/// Declares how one library type appears in cells. Each member is one line: its name, its
/// argument labels (as Swift spells them; `nil` for an unlabeled argument), how many arguments
/// are required, whether it throws (so cells need `try`, as Swift does), and a closure that
/// reads the arguments and calls the library. Results are turned into cell values by
/// `Builtins.wrap`, which knows every bound type.
///
/// ```swift
/// builtins.bind("Linear", Linear.self, conformsTo: ["Layer"]) { t in
///   t.initializer([nil, nil, "bias", "seed"], required: 2) { a in
///     try Linear(a.int(0), a.int(1), bias: a.bool(2, default: true), seed: a.optionalInt(3))
///   }
///   t.property("weight") { $0.weight }
/// }
/// ```
final class TypeBinder<T> {
  let native: NativeType
  unowned let builtins: Builtins

  init(native: NativeType, builtins: Builtins) {
    self.native = native
    self.builtins = builtins
  }

  func initializer(
    _ labels: [String?], required: Int? = nil, throws: Bool = true,
    _ make: @escaping (ArgReader) throws -> T
  ) {
    var o = Overload(labels, required: required) { [unowned builtins] a in
      builtins.wrap(try make(a))
    }
    o.throwing = `throws`
    native.initializers.append(o)
  }

  func method(
    _ name: String, _ labels: [String?] = [], required: Int? = nil, throws: Bool = true,
    _ run: @escaping (T, ArgReader) throws -> Any
  ) {
    let builtins = self.builtins
    var m = native.methods[name] ?? Method(name: name, overloads: [])
    var o = MethodOverload(labels: labels, required: required ?? labels.count) { receiver, a in
      guard case .native(let n) = receiver, let object = n.object as? T else { return .void }
      return builtins.wrap(try run(object, a))
    }
    o.throwing = `throws`
    m.overloads.append(o)
    native.methods[name] = m
  }

  func property(_ name: String, _ get: @escaping (T) throws -> Any) {
    let builtins = self.builtins
    native.properties[name] = { object in
      guard let object = object as? T else { return .void }
      return builtins.wrap(try get(object))
    }
  }

  /// A property cells may assign (`opt.learningRate = 0.1`).
  func property(
    _ name: String, _ get: @escaping (T) throws -> Any, set: @escaping (T, Value) throws -> Void
  ) {
    property(name, get)
    native.setters[name] = { object, value in
      guard let object = object as? T else { return }
      try set(object, value)
    }
  }

  func staticMethod(
    _ name: String, _ labels: [String?], required: Int? = nil, throws: Bool = true,
    _ run: @escaping (ArgReader) throws -> Any
  ) {
    let builtins = self.builtins
    var o = Overload(labels, required: required) { a in builtins.wrap(try run(a)) }
    o.throwing = `throws`
    let existing = native.staticFunctions[name]?.overloads ?? []
    native.staticFunctions[name] = NativeFunction(native.name + "." + name, existing + [o])
  }

  func staticValue(_ name: String, _ get: @escaping () -> Any) {
    let builtins = self.builtins
    native.staticValues[name] = { builtins.wrap(get()) }
  }

  /// How a value of this type shows when it ends a cell or is passed to `display`.
  func display(_ show: @escaping (T) throws -> DisplayValue) {
    native.display = { object in
      guard let object = object as? T else { return .text("") }
      return try show(object)
    }
  }

  func describe(_ text: @escaping (T) -> String) {
    native.describe = { object, _ in (object as? T).map(text) ?? "" }
  }

  /// Arithmetic between this type and others; `nil` from `run` means "not for these operands".
  func binary(_ op: String, _ run: @escaping (Value, Value) throws -> Any?) {
    let builtins = self.builtins
    native.binary[op] = { a, b in
      guard let r = try run(a, b) else {
        throw Operators.mismatch(op, a, b, at: .unknown)
      }
      return builtins.wrap(r)
    }
  }
}

extension Builtins {
  /// Binds a library type under `name`; `conformsTo` names the protocols it can be passed as.
  func bind<T>(
    _ name: String, _ type: T.Type, conformsTo: [String] = [], _ body: (TypeBinder<T>) -> Void
  ) {
    let native = NativeType(name: name) { object, _ in String(describing: object) }
    native.conformances = Set(conformsTo)
    natives[name] = native
    nativesBySwiftType[ObjectIdentifier(type)] = native
    body(TypeBinder(native: native, builtins: self))
  }

  /// A protocol name cells may use in type annotations (`let l: Layer = ...`).
  func bindProtocol(_ name: String) {
    let native = NativeType(name: name) { object, _ in String(describing: object) }
    natives[name] = native
  }

  /// Binds a global library function (`mse(_:_:)`, `fit(...)`).
  func bindFunction(
    _ name: String, _ labels: [String?], required: Int? = nil, throws: Bool = true,
    _ run: @escaping (ArgReader) throws -> Any
  ) {
    var o = Overload(labels, required: required) { [unowned self] a in self.wrap(try run(a)) }
    o.throwing = `throws`
    let existing = functions[name]?.overloads ?? []
    functions[name] = NativeFunction(name, existing + [o])
  }
}
