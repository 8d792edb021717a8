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
    property(k, "asciiValue") { v in .optional(char(v).asciiValue.map { .int(Int($0)) }) }
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
    function("fmod", [nil, nil]) { a in .double(Foundation.fmod(try a.double(0), try a.double(1)))
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
      // As Swift's: max takes a value `>=` the best so far (the last of equal maxima, so
      // `max(0.0, -0.0)` is -0.0) and min one `<` it (the first of equal minima)
      var best = values[0]
      for v in values.dropFirst() {
        if wantMax {
          if case .double(let x) = best, case .double(let y) = v {
            if y >= x { best = v }
          } else if !(try Operators.less(v, best, "max", at: .unknown)) {
            best = v
          }
        } else if try Operators.less(v, best, "min", at: .unknown) {
          best = v
        }
      }
      return best
    }
    functions["max"] = NativeFunction(
      "max", [VariadicOverload.make([]) { a in try extreme(&a, true) }])
    functions["min"] = NativeFunction(
      "min", [VariadicOverload.make([]) { a in try extreme(&a, false) }])
  }
}

/// `String(format:)` for the conversions cells use (%d %i %u %x %o %c, %f %e %g %a, %@, %%, with
/// flags, width, precision and length modifiers). Each conversion is rendered by Foundation
/// itself, given the argument as Swift passes it (an `Int` is a 64-bit `Int` whatever the
/// format says, so `%d` of 5_000_000_000 keeps the low 32 bits there too). Arguments Swift
/// would pass but the conversion would misread (an `Int` to `%f`, a `String` to `%s`, fewer
/// arguments than conversions) print garbage or crash in Swift, so here they are errors.
func formatString(_ format: String, _ args: [Arg]) throws -> String {
  var out = ""
  let chars = Array(format.unicodeScalars)
  var i = 0
  var next = 0
  func nextArg(_ spec: String) throws -> Arg {
    guard next < args.count else {
      throw EvalError(
        "String(format:) has fewer arguments than the format's '\(spec)' needs",
        notes: ["Swift would print whatever lies in memory there"])
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
    while i < chars.count, "-+ #0123456789.'lhqLzjt*$".unicodeScalars.contains(chars[i]) {
      spec.unicodeScalars.append(chars[i])
      i += 1
    }
    guard i < chars.count else {
      throw EvalError("String(format:) format ends inside a conversion")
    }
    let conv = chars[i]
    let whole = spec + String(conv)
    // Foundation reads 'q' (a BSD spelling of 'll') only in some builds
    spec = spec.replacingOccurrences(of: "q", with: "ll")
    i += 1
    if spec.contains("$") {
      throw EvalError(
        "not supported in cells: positional arguments ('\(whole)') in String(format:)",
        notes: ["give the arguments in the order the format uses them"])
    }
    if spec.contains("*") {
      throw EvalError(
        "not supported in cells: a '*' width or precision ('\(whole)') in String(format:)",
        notes: ["write the width into the format, e.g. '%5d'"])
    }
    if spec.split(whereSeparator: { !$0.isNumber }).contains(where: { $0.count > 4 }) {
      throw EvalError("String(format:) width or precision in '\(whole)' is over 9999")
    }
    if spec.contains("L") {
      throw EvalError(
        "'\(whole)' reads a long double, which Swift cannot pass to String(format:)",
        notes: ["leave out the 'L': '%f' reads a Double"])
    }
    switch conv {
    case "%": out += "%"
    case "d", "i", "x", "X", "o", "u", "c":
      let a = try nextArg(whole)
      if case .bool(let b) = a.value {
        out += String(format: spec + String(conv), b)
        continue
      }
      guard case .int(let n) = a.value else {
        throw EvalError(
          "'\(whole)' needs an Int argument, got '\(a.value.typeName)'", at: a.loc,
          notes: ["Swift would print whatever lies in memory there; convert with Int(x)"])
      }
      out += String(format: spec + String(conv), n)
    case "f", "F", "e", "E", "g", "G", "a", "A":
      let a = try nextArg(whole)
      guard case .double(let d) = a.value else {
        let how =
          a.asDouble != nil
          ? "Swift passes an integer literal to String(format:) as an Int, which '\(whole)' misreads (it prints 0 or garbage); write it with a decimal point"
          : "Swift would print 0 or garbage; convert with Double(x)"
        throw EvalError(
          "'\(whole)' needs a Double argument, got '\(a.value.typeName)'", at: a.loc,
          notes: [how])
      }
      out += String(format: whole, d)
    case "@":
      let a = try nextArg(whole)
      guard case .string(let text) = a.value else {
        throw EvalError(
          "'\(whole)' needs a String argument, got '\(a.value.typeName)'", at: a.loc,
          notes: [
            "Swift passes other values as numbers, which '%@' misreads (it crashes or prints garbage); use '\\(x)' in a string"
          ])
      }
      out += String(format: whole, text)
    case "s", "S":
      throw EvalError(
        "'\(whole)' reads a C string, which a Swift String is not (Swift prints garbage)",
        notes: ["use '%@' for a String"])
    default:
      throw EvalError("String(format:) conversion '%\(conv)' is not supported in cells")
    }
  }
  return out
}
