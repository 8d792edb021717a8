import DLCore
import Foundation

/// A library enum whose cases cells write as `.relu` or `TransformerActivation.relu`.
protocol LibraryEnumCase {
  /// The case's name, as Swift prints it (spelled out in a switch, as below: a first
  /// `String(describing:)` of each enum costs millions of instructions).
  var caseName: String { get }
}

// Spelled out rather than `String(describing: self)`: the first such description of a type
// searches the runtime's conformance tables, about 4 million instructions per enum, which every
// process paid when it made its first session. A case added to DLCore stops these switches
// compiling until it is named here.
extension TransformerActivation: LibraryEnumCase {
  var caseName: String {
    switch self {
    case .relu: "relu"
    case .gelu: "gelu"
    }
  }
}

extension BiasConvention: LibraryEnumCase {
  var caseName: String {
    switch self {
    case .double: "double"
    case .single: "single"
    }
  }
}

extension RNNNonlinearity: LibraryEnumCase {
  var caseName: String {
    switch self {
    case .tanh: "tanh"
    case .relu: "relu"
    }
  }
}

extension Averaging: LibraryEnumCase {
  var caseName: String {
    switch self {
    case .binary: "binary"
    case .macro: "macro"
    case .micro: "micro"
    }
  }
}

private let transformerActivations: [TransformerActivation] = [.relu, .gelu]
private let averagings: [Averaging] = [.binary, .macro, .micro]

/// The cases of the library enums cells can name, in declaration order (a `switch` over one
/// without `default` must cover them all).
let libraryEnumCaseNames: [String: [String]] = [
  "TransformerActivation": transformerActivations.map(\.caseName),
  "Averaging": averagings.map(\.caseName),
]

/// The library's enums and value types as cells see them: cases as static values, printed as
/// Swift prints them, compared with `==` (all are Equatable in DLCore).
func installLibraryValueTypes(_ b: Builtins) {
  bindEnum(b, "TransformerActivation", transformerActivations)
  bindEnum(b, "Averaging", averagings)
  if let size = b.natives["Size2D"] {
    size.binary["=="] = { a, b in
      guard case .native(let x) = a, case .native(let y) = b, let p = x.object as? Size2D,
        let q = y.object as? Size2D
      else { throw Operators.mismatch("==", a, b, at: .unknown) }
      return .bool(p == q)
    }
  }
}

func bindEnum<T: LibraryEnumCase & Equatable>(
  _ b: Builtins, _ name: String, _ cases: [T]
) {
  b.bind(name, T.self) { t in
    for c in cases { t.staticValue(c.caseName) { c } }
    t.native.describe = { object, debug in
      debug ? String(reflecting: object) : String(describing: object)
    }
    t.native.binary["=="] = { a, b in
      guard case .native(let x) = a, case .native(let y) = b, let p = x.object as? T,
        let q = y.object as? T
      else { throw Operators.mismatch("==", a, b, at: .unknown) }
      return .bool(p == q)
    }
  }
}

/// `.relu` compared with a library enum value whose type was known only when the code ran.
func libraryImplicitMember(_ member: Value, like object: NativeObject) -> Value? {
  guard let name = ImplicitMember.name(of: member), object.object is LibraryEnumCase else {
    return nil
  }
  return object.type.staticValues[name]?()
}
