import Foundation

extension Builtins {
  func installStrings() {
    let k = Kind.string
    func str(_ v: Value) -> String {
      if case .string(let s) = v { return s }
      return ""
    }
    method(k, "uppercased") { v, _ in .string(str(v).uppercased()) }
    method(k, "lowercased") { v, _ in .string(str(v).lowercased()) }
    method(k, "hasPrefix", [nil]) { v, a in .bool(str(v).hasPrefix(try a.string(0))) }
    method(k, "hasSuffix", [nil]) { v, a in .bool(str(v).hasSuffix(try a.string(0))) }
    method(k, "split", ["separator"]) { v, a in
      let sep: String
      if case .character(let c) = try a.value(0) { sep = String(c) } else { sep = try a.string(0) }
      guard sep.count == 1, let c = sep.first else {
        throw EvalError("split(separator:) takes a single character")
      }
      return .array(
        ArrayValue(
          elementType: .string, items: str(v).split(separator: c).map { .string(String($0)) }))
    }
    method(k, "components", ["separatedBy"]) { v, a in
      .array(
        ArrayValue(
          elementType: .string,
          items: str(v).components(separatedBy: try a.string(0)).map { .string($0) }))
    }
    method(k, "replacingOccurrences", ["of", "with"]) { v, a in
      .string(str(v).replacingOccurrences(of: try a.string(0), with: try a.string(1)))
    }
    method(k, "trimmingCharacters", ["in"]) { v, a in
      let set: CharacterSet
      switch try a.member(0) {
      case "whitespaces": set = .whitespaces
      case "whitespacesAndNewlines": set = .whitespacesAndNewlines
      case "newlines": set = .newlines
      case "punctuationCharacters": set = .punctuationCharacters
      case let other: throw EvalError("type 'CharacterSet' has no member '\(other)' in cells")
      }
      return .string(str(v).trimmingCharacters(in: set))
    }
    method(k, "padding", ["toLength", "withPad", "startingAt"]) { v, a in
      let n = try a.int(0)
      try a.rt.budget(n)
      return .string(
        str(v).padding(toLength: n, withPad: try a.string(1), startingAt: try a.int(2)))
    }
    property(k, "description") { v in v }
    property(k, "utf8Count") { v in .int(str(v).utf8.count) }
    method(k, "append", [nil], mutating: true) { v, a in
      if case .character(let c) = try a.value(0) {
        v = .string(str(v) + String(c))
      } else {
        v = .string(str(v) + (try a.string(0)))
      }
      return .void
    }
    installCharacters()
  }

  /// `Character`: what iterating a String gives, with its everyday properties.
  func installCharacters() {
    let k = Kind.character
    func char(_ v: Value) -> Character {
      if case .character(let c) = v { return c }
      return " "
    }
    let flags: [(String, (Character) -> Bool)] = [
      ("isLetter", \.isLetter), ("isNumber", \.isNumber), ("isWhitespace", \.isWhitespace),
      ("isUppercase", \.isUppercase), ("isLowercase", \.isLowercase),
      ("isPunctuation", \.isPunctuation), ("isASCII", \.isASCII), ("isHexDigit", \.isHexDigit),
      ("isWholeNumber", \.isWholeNumber), ("isNewline", \.isNewline), ("isSymbol", \.isSymbol),
      ("isCased", \.isCased),
    ]
    for (name, test) in flags {
      property(k, name) { v in .bool(test(char(v))) }
    }
    property(k, "wholeNumberValue") { v in .optional(char(v).wholeNumberValue.map { .int($0) }) }
    property(k, "hexDigitValue") { v in .optional(char(v).hexDigitValue.map { .int($0) }) }
    property(k, "description") { v in .string(String(char(v))) }
    method(k, "uppercased") { v, _ in .string(char(v).uppercased()) }
    method(k, "lowercased") { v, _ in .string(char(v).lowercased()) }
    typeInitializers[.character] = [
      Overload([nil]) { a in
        let arg = try a.arg(0)
        if case .character = arg.value { return arg.value }
        if case .character? = arg.asDouble { return arg.asDouble! }
        if case .string(let s) = arg.value {
          guard s.count == 1, let c = s.first else {
            throw EvalError(
              "Can't form a Character from a String containing more than one extended grapheme cluster"
            )
          }
          return .character(c)
        }
        throw a.mismatch(arg, "String")
      }
    ]
  }

  func installMath() {
    let unary: [(String, (Double) -> Double)] = [
      ("sqrt", { $0.squareRoot() }), ("exp", Foundation.exp), ("log", Foundation.log),
      ("log2", Foundation.log2), ("log10", Foundation.log10), ("sin", Foundation.sin),
      ("cos", Foundation.cos), ("tan", Foundation.tan), ("asin", Foundation.asin),
      ("acos", Foundation.acos), ("atan", Foundation.atan), ("sinh", Foundation.sinh),
      ("cosh", Foundation.cosh), ("tanh", Foundation.tanh), ("floor", Foundation.floor),
      ("ceil", Foundation.ceil), ("round", Foundation.round), ("trunc", Foundation.trunc),
      ("exp2", Foundation.exp2), ("log1p", Foundation.log1p), ("expm1", Foundation.expm1),
    ]
    for (name, f) in unary {
      function(name, [nil]) { a in .double(f(try a.double(0))) }
    }
    function("abs", [nil]) { a in
      let arg = try a.arg(0)
      switch arg.value {
      case .int(let n):
        guard n != Int.min else {
          throw EvalError("arithmetic overflow: abs(Int.min) does not fit in Int")
        }
        return .int(Swift.abs(n))
      case .double(let d): return .double(Swift.abs(d))
      default: throw a.mismatch(arg.value, "a number")
      }
    }
    function("pow", [nil, nil]) { a in
      if case .int = try a.value(0), case .int = try a.value(1), try a.arg(0).asDouble != nil,
        try a.arg(1).asDouble != nil
      {
        throw EvalError(
          "pow(_:_:) with two integer literals is Foundation's Decimal power in Swift; write pow(2.0, 3.0) for Double"
        )
      }
      return .double(Foundation.pow(try a.double(0), try a.double(1)))
    }
    function("atan2", [nil, nil]) { a in .double(Foundation.atan2(try a.double(0), try a.double(1)))
    }
    function("hypot", [nil, nil]) { a in .double(Foundation.hypot(try a.double(0), try a.double(1)))
    }
    let extreme: (inout ArgReader, Bool) throws -> Value = { a, wantMax in
      let args = a.args
      guard args.count >= 2, args.allSatisfy({ $0.label == nil }) else {
        throw EvalError("\(wantMax ? "max" : "min") takes two or more unlabeled values")
      }
      let anyDouble = args.contains {
        if case .double = $0.value { return true } else { return false }
      }
      var values: [Value] = []
      for arg in args {
        if anyDouble, let d = ImplicitMember.double(arg.value) {
          values.append(.double(d))
          continue
        }
        if let e = ImplicitMember.uninferred(arg.value, at: arg.loc) { throw e }
        if anyDouble, case .int = arg.value {
          guard let d = arg.asDouble else {
            let intFirst = args.first { $0.asDouble == nil }.map { $0.value.type == .int } ?? true
            throw EvalError(
              "conflicting arguments to generic parameter 'T' ("
                + (intFirst ? "'Int' vs. 'Double'" : "'Double' vs. 'Int'") + ")")
          }
          values.append(d)
        } else {
          values.append(arg.value)
        }
      }
      var best = values[0]
      for v in values.dropFirst() {
        if wantMax
          ? try Operators.less(best, v, "max", at: .unknown)
          : try Operators.less(v, best, "min", at: .unknown)
        {
          best = v
        }
      }
      // Swift's max returns the last of equal maxima and min the first; values are equal anyway
      return best
    }
    functions["max"] = NativeFunction(
      "max", [VariadicOverload.make([]) { a in try extreme(&a, true) }])
    functions["min"] = NativeFunction(
      "min", [VariadicOverload.make([]) { a in try extreme(&a, false) }])
  }
}

/// `String(format:)` for the conversions cells use (%d %i %f %e %g %s %@ %x %o %c %%, with flags,
/// width and precision). Each conversion is rendered by Foundation itself.
func formatString(_ format: String, _ args: [Arg]) throws -> String {
  var out = ""
  let chars = Array(format.unicodeScalars)
  var i = 0
  var next = 0
  func nextArg(_ spec: String) throws -> Arg {
    guard next < args.count else {
      throw EvalError("String(format:) has fewer arguments than the format's '\(spec)' needs")
    }
    next += 1
    return args[next - 1]
  }
  while i < chars.count {
    let c = chars[i]
    guard c == "%" else {
      out.unicodeScalars.append(c)
      i += 1
      continue
    }
    var spec = "%"
    i += 1
    while i < chars.count, "-+ #0123456789.'lhqLzjt".unicodeScalars.contains(chars[i]) {
      if chars[i] != "l" && chars[i] != "h" && chars[i] != "q" && chars[i] != "L" && chars[i] != "z"
        && chars[i] != "j" && chars[i] != "t"
      {
        spec.unicodeScalars.append(chars[i])
      }
      i += 1
    }
    guard i < chars.count else {
      throw EvalError("String(format:) format ends inside a conversion")
    }
    let conv = chars[i]
    i += 1
    switch conv {
    case "%": out += "%"
    case "d", "i", "x", "X", "o", "u", "c":
      let a = try nextArg(spec + String(conv))
      guard case .int(let n) = a.value else {
        throw EvalError("'\(spec)\(conv)' needs an Int argument, got '\(a.value.typeName)'")
      }
      out += String(format: spec + "l" + String(conv), n)
    case "f", "F", "e", "E", "g", "G", "a", "A":
      let a = try nextArg(spec + String(conv))
      let d: Double
      switch (a.value, a.asDouble) {
      case (.double(let x), _): d = x
      case (_, .double(let x)?): d = x
      default:
        throw EvalError("'\(spec)\(conv)' needs a Double argument, got '\(a.value.typeName)'")
      }
      out += String(format: spec + String(conv), d)
    case "s", "@":
      let a = try nextArg(spec + String(conv))
      let text = a.value.description
      // width and '-' apply as printf would
      let widthText = spec.dropFirst().filter { $0.isNumber || $0 == "." }
      let parts = widthText.split(separator: ".", omittingEmptySubsequences: false)
      var body = text
      if parts.count > 1, let precision = Int(parts[1]) { body = String(body.prefix(precision)) }
      if let width = parts.first.flatMap({ Int($0) }), body.count < width {
        let pad = String(repeating: " ", count: width - body.count)
        body = spec.contains("-") ? body + pad : pad + body
      }
      out += body
    default:
      throw EvalError("String(format:) conversion '%\(conv)' is not supported in cells")
    }
  }
  return out
}
