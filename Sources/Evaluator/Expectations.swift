import DLCore
import Foundation

/// An `expect(actual, expected)` that held, for the page's list of verified answers.
public struct CheckedAnswer: Sendable, Equatable {
  /// The value the cell computed, as a cell would display it.
  public var actual: String
  /// The value the author stated.
  public var expected: String
  /// The allowed absolute difference, as written (`0.0001`); nil for an exact check.
  public var tolerance: String?
  /// The 1-based line of the `expect` call within the source the session ran.
  public var line: Int
  /// The 1-based UTF-8 column of the `expect` call on that line.
  public var column: Int

  public init(actual: String, expected: String, tolerance: String?, line: Int, column: Int) {
    self.actual = actual
    self.expected = expected
    self.tolerance = tolerance
    self.line = line
    self.column = column
  }
}

extension Builtins {
  /// `expect(actual, expected)` and `expect(actual, expected, tolerance:)`: a stated answer.
  /// Numbers, arrays (element by element), tuples, strings, Booleans and tensors compare;
  /// Doubles within `tolerance` (absolute; 1e-9 when none is given). A mismatch stops the
  /// cell with an error at the call; a match is recorded as a check.
  func installExpectations() {
    function("expect", [nil, nil, "tolerance"], required: 2) { a in
      let actual = try a.value(0)
      let expected = try a.value(1)
      var tolerance: Double?
      if a.has(2) {
        let value = try a.double(2)
        guard value.isFinite, value >= 0 else {
          throw EvalError(
            "expect's tolerance must be a finite number of at least 0, not \(Value.double(value))")
        }
        tolerance = value
      }
      if let mismatch = try Expectation(tolerance: tolerance).mismatch(actual, expected, at: "") {
        throw EvalError("expectation failed: " + mismatch)
      }
      a.rt.record(
        .check(
          CheckedAnswer(
            actual: actual.description, expected: expected.description,
            tolerance: tolerance.map { Value.double($0).description },
            line: Int(a.callLocation.line), column: Int(a.callLocation.column))))
      return .void
    }
  }
}

/// Compares a computed value with a stated one.
private struct Expectation {
  /// The difference allowed between Doubles when the call gives no tolerance: rounding in
  /// the last digits, nothing an answer could hide in.
  static let defaultTolerance = 1e-9

  var tolerance: Double?

  /// Nil when `actual` matches `expected`; otherwise what differs. `path` names the element
  /// being compared inside nested values (`[1][0]`).
  func mismatch(_ actual: Value, _ expected: Value, at path: String, depth: Int = 0) throws
    -> String?
  {
    // the path grows with the depth, and each level recurses on the cell thread's stack
    if depth > Runtime.maxValueDepth {
      throw EvalError(
        "values nest more than \(Runtime.maxValueDepth) deep here (a recursive type built up in a loop?), too deep to compare"
      )
    }
    let place = path.isEmpty ? "" : "element \(path): "
    switch (actual, expected) {
    case (.optional(let wrapped), _):
      if case .optional = expected { break }
      guard let wrapped else { return place + "got nil, expected \(expected.description)" }
      return try mismatch(wrapped, expected, at: path)
    case (.native(let object), _):
      if let tensor = object.object as? Tensor { return try mismatch(tensor, expected, at: path) }
    default:
      break
    }
    if let a = Self.number(actual), let e = Self.number(expected) {
      if case .int(let x) = actual, case .int(let y) = expected, tolerance == nil {
        return x == y ? nil : place + "got \(x), expected \(y)"
      }
      return numberMismatch(a, e, place: place)
    }
    switch (actual, expected) {
    case (.array(let a), .array(let e)):
      guard a.items.count == e.items.count else {
        return place + "got \(a.items.count) elements, expected \(e.items.count)"
      }
      for (index, (x, y)) in zip(a.items, e.items).enumerated() {
        if let problem = try mismatch(x, y, at: path + "[\(index)]", depth: depth + 1) {
          return problem
        }
      }
      return nil
    case (.tuple(let a), .tuple(let e)):
      guard a.items.count == e.items.count else {
        return place + "got a tuple of \(a.items.count), expected \(e.items.count) elements"
      }
      for (index, (x, y)) in zip(a.items, e.items).enumerated() {
        if let problem = try mismatch(x, y, at: path + ".\(index)", depth: depth + 1) {
          return problem
        }
      }
      return nil
    case (.record(let a), .record(let e)) where a.type === e.type:
      // a cell struct or enum: field by field, so Doubles inside meet the tolerance
      if a.tag != e.tag {
        return place + "got \(actual.debugDescription), expected \(expected.debugDescription)"
      }
      let names =
        a.type.kind == .structure
        ? a.type.fields.map(\.name)
        : a.type.cases[a.tag].labels.enumerated().map { $0.1 ?? "\($0.0)" }
      for (name, (x, y)) in zip(names, zip(a.fields, e.fields)) {
        if let problem = try mismatch(x, y, at: path + "." + name, depth: depth + 1) {
          return problem
        }
      }
      return nil
    case (.record(let a), .native) where UserType.implicitMember(expected, like: a) != nil:
      // `expect(direction, .north)`
      return try mismatch(
        actual, .record(UserType.implicitMember(expected, like: a)!), at: path)
    case (.character(let c), .string(let text)):
      // `expect(word.first!, "a")`: the stated text is the Character's literal
      return String(c) == text
        ? nil : place + "got \(actual.debugDescription), expected \(expected.debugDescription)"
    case (.string, .string), (.bool, .bool), (.optional, .optional), (.dictionary, .dictionary),
      (.range, .range), (.set, .set), (.character, .character):
      return actual == expected
        ? nil : place + "got \(actual.debugDescription), expected \(expected.debugDescription)"
    default:
      throw EvalError(
        "expect cannot compare a value of type '\(actual.typeName)' with one of type '\(expected.typeName)'"
      )
    }
  }

  private func numberMismatch(_ actual: Double, _ expected: Double, place: String) -> String? {
    let difference = abs(actual - expected)
    let shown =
      "got \(Value.double(actual).description), expected \(Value.double(expected).description)"
    if let tolerance {
      if difference <= tolerance { return nil }
      let off = difference.isNaN ? "" : ", off by " + Self.short(difference)
      return place + shown + " ± \(Value.double(tolerance).description)" + off
    }
    if actual == expected || difference <= Self.defaultTolerance { return nil }
    // the tolerance hint only where rounding can explain the gap (within 1%), not for 19 vs 1
    let roundingGap = difference <= 0.01 * max(abs(actual), abs(expected))
    let hint =
      !difference.isFinite
      ? ""
      : ", off by \(Self.short(difference))"
        + (roundingGap ? "; pass tolerance: to allow for rounding" : "")
    return place + shown + hint
  }

  private func mismatch(_ tensor: Tensor, _ expected: Value, at path: String) throws -> String? {
    let place = path.isEmpty ? "" : "element \(path): "
    let expectedShape: [Int]
    let expectedScalars: [Double]
    if case .native(let object) = expected, let other = object.object as? Tensor {
      expectedShape = other.shape
      expectedScalars = other.scalars
    } else if let (shape, scalars) = Self.flatten(expected) {
      expectedShape = tensor.shape.isEmpty && shape.isEmpty ? [] : shape
      expectedScalars = scalars
    } else {
      throw EvalError(
        "expect compares a Tensor with a Tensor, a number, or nested arrays of numbers, not a value of type '\(expected.typeName)'"
      )
    }
    // A one-element tensor compares with a number, as `item()` would read it.
    let comparable =
      tensor.shape == expectedShape || (expectedShape.isEmpty && tensor.count == 1)
    guard comparable else {
      return place
        + "got a tensor of shape \(tensor.shape), expected shape \(expectedShape)"
    }
    for (index, (x, y)) in zip(tensor.scalars, expectedScalars).enumerated() {
      if let problem = numberMismatch(x, y, place: "") {
        return place + "entry \(Self.index(index, in: tensor.shape)): " + problem
      }
    }
    return nil
  }

  /// The shape and row-major entries of a number or a rectangular nested array of numbers.
  private static func flatten(_ value: Value) -> ([Int], [Double])? {
    if let number = number(value) { return ([], [number]) }
    guard case .array(let array) = value else { return nil }
    var shape: [Int]?
    var scalars: [Double] = []
    for item in array.items {
      guard let (itemShape, itemScalars) = flatten(item) else { return nil }
      if let shape, shape != itemShape { return nil }
      shape = itemShape
      scalars += itemScalars
    }
    return ([array.items.count] + (shape ?? []), scalars)
  }

  /// A difference to three significant digits (`0.0018`, `2.5e-07`).
  private static func short(_ value: Double) -> String {
    String(format: "%.3g", value)
  }

  private static func number(_ value: Value) -> Double? {
    switch value {
    case .int(let n): Double(n)
    case .double(let d): d
    default: nil
    }
  }

  /// `[i, j, ...]` of row-major position `flat` in `shape`.
  private static func index(_ flat: Int, in shape: [Int]) -> String {
    var remainder = flat
    var index: [Int] = []
    for size in shape.reversed() {
      index.insert(remainder % max(size, 1), at: 0)
      remainder /= max(size, 1)
    }
    return "[" + index.map(String.init).joined(separator: ", ") + "]"
  }
}
