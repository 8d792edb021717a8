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
    let result = builtins.converter(T.self)
    var o = Overload(labels, required: required) { a in result(try make(a)) }
    o.throwing = `throws`
    native.initializers.append(o)
  }

  func method<R>(
    _ name: String, _ labels: [String?] = [], required: Int? = nil, throws: Bool = true,
    _ run: @escaping (T, ArgReader) throws -> R
  ) {
    let result = builtins.converter(R.self)
    var m = native.methods[name] ?? Method(name: name, overloads: [])
    let onObject = { (n: NativeObject, a: inout ArgReader) throws -> Value in
      // the object straight from its box, not copied out (a struct's copy counts its references)
      if let box = n as? NativeBox<T> { return result(try run(box.value, a)) }
      guard let object = n.object as? T else { return .void }
      return result(try run(object, a))
    }
    var o = MethodOverload(labels: labels, required: required ?? labels.count) { receiver, a in
      guard case .native(let n) = receiver else { return .void }
      return try onObject(n, &a)
    }
    o.runOnObject = onObject
    o.throwing = `throws`
    m.overloads.append(o)
    native.methods[name] = m
  }

  func property<R>(_ name: String, _ get: @escaping (T) throws -> R) {
    let result = builtins.converter(R.self)
    native.properties[name] = { n in
      if let box = n as? NativeBox<T> { return result(try get(box.value)) }
      guard let object = n.object as? T else { return .void }
      return result(try get(object))
    }
  }

  /// A property cells may assign (`opt.learningRate = 0.1`).
  func property<R>(
    _ name: String, _ get: @escaping (T) throws -> R, set: @escaping (T, Value) throws -> Void
  ) {
    property(name, get)
    native.setters[name] = { n, value in
      guard let object = n.value(as: T.self) else { return }
      try set(object, value)
    }
  }

  func staticMethod<R>(
    _ name: String, _ labels: [String?], required: Int? = nil, throws: Bool = true,
    _ run: @escaping (ArgReader) throws -> R
  ) {
    let result = builtins.converter(R.self)
    var o = Overload(labels, required: required) { a in result(try run(a)) }
    o.throwing = `throws`
    let existing = native.staticFunctions[name]?.overloads ?? []
    native.staticFunctions[name] = NativeFunction(native.name + "." + name, existing + [o])
  }

  func staticValue<R>(_ name: String, _ get: @escaping () -> R) {
    let result = builtins.converter(R.self)
    native.staticValues[name] = { result(get()) }
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

/// The library type a converter makes objects of, found on the converter's first use (a
/// binding may return a type bound after it).
private final class ResultType {
  // not counted: the type belongs to the builtins, which also hold the converter that reads it
  @exclusivity(unchecked) var native: Unmanaged<NativeType>?
  @exclusivity(unchecked) var looked = false
}

extension Builtins {
  /// Binds a library type under `name`; `conformsTo` names the protocols it can be passed as.
  func bind<T>(
    _ name: String, _ type: T.Type, conformsTo: [String] = [], _ body: (TypeBinder<T>) -> Void
  ) {
    let native = NativeType(name: name) { object, _ in String(describing: object) }
    native.conformances = Set(conformsTo)
    native.isReference = T.self is AnyClass
    native.box = { [unowned native] object in
      guard let value = object as? T else { return NativeObject.make(type: native, object: object) }
      return NativeBox(type: native, value: value)
    }
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
  func bindFunction<R>(
    _ name: String, _ labels: [String?], required: Int? = nil, throws: Bool = true,
    _ run: @escaping (ArgReader) throws -> R
  ) {
    let result = converter(R.self)
    var o = Overload(labels, required: required) { a in result(try run(a)) }
    o.throwing = `throws`
    let existing = functions[name]?.overloads ?? []
    functions[name] = NativeFunction(name, existing + [o])
    libraryFunctions.insert(name)
  }
}

extension Builtins {
  /// Turns a library result of static type `R` into a cell value. The common results (`Void`,
  /// numbers, a bound library type) skip `wrap`'s search by dynamic type; anything else, and an
  /// object whose dynamic type is a subclass of `R`, goes through `wrap`.
  func converter<R>(_: R.Type) -> (consuming R) -> Value {
    if R.self == Void.self { return { _ in .void } }
    if R.self == Double.self { return { .double(unsafeBitCast($0, to: Double.self)) } }
    if R.self == Int.self { return { .int(unsafeBitCast($0, to: Int.self)) } }
    if R.self == Bool.self { return { .bool(unsafeBitCast($0, to: Bool.self)) } }
    if R.self == Value.self { return { unsafeBitCast($0, to: Value.self) } }
    if R.self == Any.self { return { [unowned self] in self.wrap($0) } }
    let found = ResultType()
    return { [unowned self] x in
      if !found.looked {
        found.native = self.nativesBySwiftType[ObjectIdentifier(R.self)].map {
          .passUnretained($0)
        }
        found.looked = true
      }
      if let native = found.native, type(of: x) == R.self {
        // the box counts its reference to the type; reading it here need not
        return .native(NativeBox(type: native.takeUnretainedValue(), value: x))
      }
      return self.wrap(x)
    }
  }
}
