extension Compiler {
  /// The static type of a standard-library member of a sequence whose element type is known:
  /// on a `[Double]`, `xs.first` and `xs.max()` are `Double?`, so that the literal in
  /// `xs.max() ?? 0` is a `Double`, as in Swift, even when `xs` is empty (found by
  /// scripts/difffuzz.py: the evaluator printed `0` where Swift prints `0.0`).
  static func sequenceMemberType(of base: VType?, _ name: String, isCall: Bool) -> VType? {
    let element: VType
    switch base {
    case .array(let e)?, .set(let e)?: element = e
    case .range(.int)?, .closedRange(.int)?: element = .int
    case .string?: element = .character
    case .dictionary(let k, let v)? where k != .any && v != .any:
      // a dictionary's elements are not Comparable: no `min()` or `max()`
      if ["min", "max"].contains(name) { return nil }
      element = .tuple(["key", "value"], [k, v])
    default: return nil
    }
    if element == .any { return nil }
    switch name {
    case "count": return isCall ? nil : .int
    case "isEmpty": return isCall ? nil : .bool
    case "first", "last": return isCall ? nil : .optional(element)
    case "indices":
      if case .array = base, !isCall { return .range(.int) }
      return nil
    case "min", "max", "randomElement", "popLast": return isCall ? .optional(element) : nil
    default: return nil
    }
  }
}
