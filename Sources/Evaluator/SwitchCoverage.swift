import SwiftSyntax

// Swift's exhaustiveness check for `switch`, as its type checker does it: the subject's type
// is a space of values, each `case` pattern (without `where`) covers a space, and what the
// patterns leave of the type's space is what is missing. Swift names each missing part in a
// note ("add missing case: '.some(false)'"), in an order that follows from how the spaces are
// subtracted and flattened, so both are done the way swiftc does them (Fengyun Liu's space
// algebra, as described in the Swift compiler's documentation of its switch checking).

/// A set of values: all of a type's, an enum case or tuple with its parts' spaces, one `Bool`
/// constant, a union, or nothing.
indirect enum CoverageSpace: Equatable {
  case empty
  /// Every value of a type; `name` prints as `let name` (an associated value's or tuple
  /// element's label).
  case type(VType, name: String?)
  /// An enum case (`head` its name) or a tuple (`head` nil). No parts means the whole case.
  case constructor(head: String?, labels: [String?], parts: [CoverageSpace])
  case union([CoverageSpace])
  case bool(Bool)

  var isEmpty: Bool { if case .empty = self { true } else { false } }

  /// A constructor space, empty when one of its parts is.
  static func make(_ head: String?, _ labels: [String?], _ parts: [CoverageSpace])
    -> CoverageSpace
  {
    parts.contains(where: \.isEmpty)
      ? .empty : .constructor(head: head, labels: labels, parts: parts)
  }

  /// A union without empty members; one member stands for itself.
  static func union(of spaces: [CoverageSpace]) -> CoverageSpace {
    let kept = spaces.filter { !$0.isEmpty }
    if kept.isEmpty { return .empty }
    if kept.count == 1 { return kept[0] }
    return .union(kept)
  }

  /// How swiftc writes the space in an "add missing case" note.
  var display: String {
    switch self {
    case .empty: return "_"
    case .bool(let b): return b ? "true" : "false"
    case .type(_, let name): return name.map { "let \($0)" } ?? "_"
    case .union(let spaces): return spaces.map(\.display).joined(separator: " | ")
    case .constructor(let head, let labels, let parts):
      var text = head.map { "." + $0 } ?? ""
      if parts.isEmpty { return text }
      let shown = parts.enumerated().map { i, part in
        (i < labels.count ? labels[i].map { "\($0): " } ?? "" : "") + part.display
      }
      text += "(" + shown.joined(separator: ", ") + ")"
      return text
    }
  }
}

/// The subtraction, containment and flattening of spaces over a session's types.
struct CoverageEngine {
  /// The cases of the enum a static type names (cell enums and the library's), in
  /// declaration order, with their associated values' labels and types.
  var enumCases: (VType) -> [(name: String, labels: [String?], types: [VType])]?
  /// Subtractions left before the check gives up, as swiftc does on huge spaces.
  var budget = 200_000

  struct TooLarge: Error {}

  func canDecompose(_ t: VType) -> Bool {
    switch t {
    case .bool, .tuple, .optional: return true
    default: return enumCases(t) != nil
    }
  }

  func decompose(_ t: VType) -> [CoverageSpace] {
    switch t {
    case .bool: return [.bool(true), .bool(false)]
    case .optional(let w):
      return [
        .constructor(head: "none", labels: [], parts: []),
        .constructor(head: "some", labels: [nil], parts: [Self.single(w, name: nil)]),
      ]
    case .tuple(let labels, let types):
      return [
        .make(
          nil, Array(repeating: nil, count: types.count),
          zip(labels, types).map { .type($1, name: $0) })
      ]
    default:
      return (enumCases(t) ?? []).map { c in
        .constructor(
          head: c.name, labels: c.labels,
          parts: c.types.count == 1
            ? [Self.single(c.types[0], name: c.labels[0])]
            : zip(c.labels, c.types).map { .type($1, name: $0) })
      }
    }
  }

  func decomposed(_ t: VType) -> CoverageSpace { .union(of: decompose(t)) }

  /// A case's one associated value: a tuple is split into its elements at once, as swiftc
  /// does (`.some((_, _))`).
  static func single(_ t: VType, name: String?) -> CoverageSpace {
    guard case .tuple(let labels, let types) = t else { return .type(t, name: name) }
    return .make(
      nil, Array(repeating: nil, count: types.count), zip(labels, types).map { .type($1, name: $0) }
    )
  }

  static func sameType(_ a: VType, _ b: VType) -> Bool { a == b || a == .any || b == .any }

  func isSubspace(_ a: CoverageSpace, _ b: CoverageSpace) -> Bool {
    if a.isEmpty { return true }
    if b.isEmpty { return false }
    switch (a, b) {
    case (.union(let xs), _): return xs.allSatisfy { isSubspace($0, b) }
    case (.type(let s, _), .type(let t, _)):
      if Self.sameType(s, t) { return true }
      if canDecompose(s), isSubspace(decomposed(s), b) { return true }
      if canDecompose(t) { return isSubspace(a, decomposed(t)) }
      return false
    case (.type(let s, _), .union(let ys)):
      if ys.contains(where: { isSubspace(a, $0) }) { return true }
      return canDecompose(s) && isSubspace(decomposed(s), b)
    case (.type(let s, _), .constructor):
      return canDecompose(s) && isSubspace(decomposed(s), b)
    case (.type, .bool): return false
    case (.constructor, .type): return true
    case (.bool, .type(let t, _)): return t == .bool || t == .any
    case (.constructor(let h1, _, let p1), .constructor(let h2, _, let p2)):
      if h1 != h2 { return false }
      if p2.isEmpty { return true }
      // a whole case (`.two`) is in `.two(x, y)` only when x and y take anything
      if p1.isEmpty { return p2.allSatisfy { isSubspace(.type(.any, name: nil), $0) } }
      return zip(p1, p2).allSatisfy { isSubspace($0, $1) }
    case (.constructor, .union(let ys)), (.bool, .union(let ys)):
      return ys.contains { isSubspace(a, $0) }
    case (.bool(let x), .bool(let y)): return x == y
    default: return false
    }
  }

  func minus(_ a: CoverageSpace, _ b: CoverageSpace, _ count: inout Int) throws -> CoverageSpace {
    count -= 1
    if count < 0 { throw TooLarge() }
    if a.isEmpty { return .empty }
    if b.isEmpty { return a }
    switch (a, b) {
    case (.type(let s, _), .type(let t, _)):
      return Self.sameType(s, t) ? .empty : a
    case (.type(let s, _), .constructor), (.type(let s, _), .bool):
      return canDecompose(s) ? try minus(decomposed(s), b, &count) : a
    case (_, .union(let ys)):
      var rest = a
      for y in ys { rest = try minus(rest, y, &count) }
      return rest
    case (.union(let xs), _):
      var pieces: [CoverageSpace] = []
      for x in xs {
        let d = try minus(x, b, &count)
        if case .union(let parts) = d { pieces += parts } else { pieces.append(d) }
      }
      // drop a later piece that an earlier one holds
      var kept: [CoverageSpace] = []
      for p in pieces where !kept.contains(where: { isSubspace(p, $0) }) { kept.append(p) }
      return .union(of: kept)
    case (.constructor, .type): return .empty
    case (.constructor(let h1, let labels, let p1), .constructor(let h2, _, let p2)):
      if h1 != h2 { return a }
      if p2.isEmpty { return .empty }
      var pieces: [CoverageSpace] = []
      var uncovered = false
      for (i, (s1, s2)) in zip(p1, p2).enumerated() {
        if !isSubspace(s1, s2) { uncovered = true }
        let reduced = try minus(s1, s2, &count)
        if reduced.isEmpty { continue }
        if reduced == s1 { return a }
        var parts = p1
        parts[i] = reduced
        pieces.append(.constructor(head: h1, labels: labels, parts: parts))
      }
      return uncovered ? .union(of: pieces) : .empty
    case (.bool(let x), .bool(let y)): return x == y ? .empty : a
    case (.bool, .type(let t, _)):
      if t == .bool || t == .any { return .empty }
      return canDecompose(t) ? try minus(a, decomposed(t), &count) : a
    default: return a
    }
  }

  /// The number of values a space stands for, counting a type that cannot be split as one
  /// (swiftc orders its notes by it).
  func size(_ s: CoverageSpace, _ open: inout Set<VType>) -> Int {
    switch s {
    case .empty: return 0
    case .bool: return 1
    case .type(let t, _):
      guard canDecompose(t) else { return 1 }
      open.insert(t)
      defer { open.remove(t) }
      return decompose(t).reduce(0) { $0 + size($1, &open) }
    case .constructor(_, _, let parts):
      var total = 1
      for p in parts {
        if case .type(let t, _) = p, open.contains(t) { continue }
        total *= size(p, &open)
      }
      return total
    case .union(let xs): return xs.reduce(0) { $0 + size($1, &open) }
    }
  }

  /// The space as a list of spaces without unions: a constructor's parts are multiplied
  /// out, the first part varying fastest.
  func flatten(_ s: CoverageSpace) -> [CoverageSpace] {
    switch s {
    case .union(let xs): return xs.flatMap { flatten($0) }
    case .constructor(let head, let labels, let parts) where !parts.isEmpty:
      var rows: [[CoverageSpace]] = [[]]
      for part in parts {
        let column = flatten(part)
        rows = column.flatMap { c in rows.map { $0 + [c] } }
      }
      return rows.map { .constructor(head: head, labels: labels, parts: $0) }
    default: return [s]
    }
  }

  /// The notes swiftc adds to "switch must be exhaustive" for what `covered` leaves of
  /// `type`: none when nothing is missing.
  func missingNotes(of type: VType, covered: [CoverageSpace]) -> [String]? {
    var count = budget
    guard let uncovered = try? minus(.type(type, name: nil), .union(of: covered), &count) else {
      return nil
    }
    if uncovered.isEmpty { return [] }
    var spaces = uncovered
    if case .type(let t, _) = uncovered {
      guard canDecompose(t) else { return ["add a default clause"] }
      spaces = decomposed(t)
    }
    let flats = flatten(spaces)
    var open = Set<VType>()
    let bySize = flats.indices.map { ($0, size(flats[$0], &open)) }
      .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    var emitted: [Int] = []
    for (i, _) in bySize where !emitted.contains(where: { isSubspace(flats[i], flats[$0]) }) {
      emitted.append(i)
    }
    var notes = flats.indices.filter { emitted.contains($0) }.map {
      "add missing case: '\(flats[$0].display)'"
    }
    if notes.count > 1 { notes.append("add missing cases") }
    return notes
  }
}

/// What the patterns of a `switch` say about its subject's type when the evaluator does not
/// know it before running: `true`/`false`, `nil`, `x?`, tuples, and enum case names.
indirect enum PatternTypeGuess {
  case unknown
  case bool
  case optional(PatternTypeGuess)
  case tuple([PatternTypeGuess])
  case cases(Set<String>)

  func merged(_ other: PatternTypeGuess) -> PatternTypeGuess {
    switch (self, other) {
    case (.unknown, _): return other
    case (_, .unknown): return self
    case (.optional(let a), .optional(let b)): return .optional(a.merged(b))
    case (.tuple(let a), .tuple(let b)) where a.count == b.count:
      return .tuple(zip(a, b).map { $0.merged($1) })
    case (.cases(let a), .cases(let b)): return .cases(a.union(b))
    default: return self
    }
  }
}

extension Compiler {
  /// Swift's exhaustiveness rule for a `switch` without `default`: true when its patterns
  /// cover every value of the subject's type, else Swift's error with its notes (the missing
  /// cases, or "add a default clause" for a type that cannot be split into cases).
  func enumSwitchIsExhaustive(_ s: SwitchExprSyntax, subjectType: VType?) throws -> Bool {
    let items: [SwitchCaseItemSyntax] = s.cases.flatMap { element -> [SwitchCaseItemSyntax] in
      guard case .switchCase(let sc) = element, case .case(let label) = sc.label else { return [] }
      return Array(label.caseItems)
    }
    var guess = PatternTypeGuess.unknown
    if subjectType == nil || subjectType == .any, let t = s.subject.as(TupleExprSyntax.self),
      t.elements.count > 1
    {
      guess = .tuple(Array(repeating: .unknown, count: t.elements.count))
    }
    for item in items { guess = guess.merged(patternGuess(item.pattern)) }
    let type = refined(subjectType ?? .any, by: guess)
    let engine = coverageEngine()
    var covered: [CoverageSpace] = []
    for item in items where item.whereClause == nil {
      let space = coverageSpace(item.pattern, type, binds: false)
      if space.isEmpty || covered.contains(where: { engine.isSubspace(space, $0) }) { continue }
      covered.append(space)
    }
    guard let notes = engine.missingNotes(of: type, covered: covered) else {
      throw EvalError(
        "the compiler is unable to check that this switch is exhaustive in reasonable time",
        at: loc(s), notes: ["add a default clause"])
    }
    if notes.isEmpty { return true }
    throw EvalError("switch must be exhaustive", at: loc(s), notes: notes)
  }

  func coverageEngine() -> CoverageEngine {
    CoverageEngine { [self] t in
      if case .native(let key) = t, let libraryCases = libraryEnumCaseNames[key] {
        return libraryCases.map { ($0, [], []) }
      }
      guard let user = userTypeForImplicit(t), user.vtype == t, user.kind == .enumeration else {
        return nil
      }
      return user.cases.map { ($0.name, $0.labels, $0.types) }
    }
  }

  /// The subject's static type with the parts it does not know taken from the patterns.
  func refined(_ type: VType, by guess: PatternTypeGuess) -> VType {
    switch (type, guess) {
    case (.tuple(let labels, let types), .tuple(let guesses)) where types.count == guesses.count:
      return .tuple(labels, zip(types, guesses).map { refined($0, by: $1) })
    case (.optional(let w), .optional(let g)): return .optional(refined(w, by: g))
    case (.any, .bool): return .bool
    case (.any, .optional(let g)): return .optional(refined(.any, by: g))
    case (.any, .tuple(let guesses)):
      return .tuple(
        Array(repeating: nil, count: guesses.count), guesses.map { refined(.any, by: $0) })
    case (.any, .cases(let names)):
      let owners = rt.userTypes.types.values.filter { t in
        t.kind == .enumeration && names.allSatisfy { t.caseIndex($0) != nil }
      }
      return owners.count == 1 ? owners[0].vtype : .any
    default: return type
    }
  }

  func patternGuess(_ p: PatternSyntax) -> PatternTypeGuess {
    if let b = p.as(ValueBindingPatternSyntax.self) { return patternGuess(b.pattern) }
    if let t = p.as(TuplePatternSyntax.self) {
      if t.elements.count == 1, let only = t.elements.first { return patternGuess(only.pattern) }
      return .tuple(t.elements.map { patternGuess($0.pattern) })
    }
    if let e = p.as(ExpressionPatternSyntax.self) { return expressionGuess(e.expression) }
    return .unknown
  }

  func expressionGuess(_ e: ExprSyntax) -> PatternTypeGuess {
    if let pe = e.as(PatternExprSyntax.self) { return patternGuess(pe.pattern) }
    if e.is(BooleanLiteralExprSyntax.self) { return .bool }
    if e.is(NilLiteralExprSyntax.self) { return .optional(.unknown) }
    if let o = e.as(OptionalChainingExprSyntax.self) {
      return .optional(expressionGuess(o.expression))
    }
    if let t = e.as(TupleExprSyntax.self) {
      if t.elements.count == 1, let only = t.elements.first, only.label == nil {
        return expressionGuess(only.expression)
      }
      return .tuple(t.elements.map { expressionGuess($0.expression) })
    }
    let callee = e.as(FunctionCallExprSyntax.self)?.calledExpression ?? e
    if let m = callee.as(MemberAccessExprSyntax.self) {
      let name = m.declName.baseName.text
      if name == "none" { return .optional(.unknown) }
      if name == "some", let call = e.as(FunctionCallExprSyntax.self), call.arguments.count == 1,
        let arg = call.arguments.first
      {
        return .optional(expressionGuess(arg.expression))
      }
      return .cases([name])
    }
    return .unknown
  }

  /// The values a `case` pattern covers for certain (a value compared with `~=` covers none).
  func coverageSpace(_ p: PatternSyntax, _ type: VType, binds: Bool) -> CoverageSpace {
    if p.is(WildcardPatternSyntax.self) || p.is(IdentifierPatternSyntax.self) {
      return .type(type, name: nil)
    }
    if let b = p.as(ValueBindingPatternSyntax.self) {
      return coverageSpace(b.pattern, type, binds: true)
    }
    if let t = p.as(TuplePatternSyntax.self) {
      if t.elements.count == 1, let only = t.elements.first {
        return coverageSpace(only.pattern, type, binds: binds)
      }
      guard case .tuple(_, let types) = type, types.count == t.elements.count else {
        return .empty
      }
      return .make(
        nil, Array(repeating: nil, count: types.count),
        zip(t.elements, types).map { coverageSpace($0.pattern, $1, binds: binds) })
    }
    if let e = p.as(ExpressionPatternSyntax.self) {
      return coverageSpace(e.expression, type, binds: binds)
    }
    return .empty
  }

  func coverageSpace(_ e: ExprSyntax, _ type: VType, binds: Bool) -> CoverageSpace {
    if e.is(DiscardAssignmentExprSyntax.self) { return .type(type, name: nil) }
    if binds && e.is(DeclReferenceExprSyntax.self) { return .type(type, name: nil) }
    if let pe = e.as(PatternExprSyntax.self) {
      return coverageSpace(pe.pattern, type, binds: binds)
    }
    if let b = e.as(BooleanLiteralExprSyntax.self) {
      guard type == .bool || type == .any else { return .empty }
      return .bool(b.literal.tokenKind == .keyword(.true))
    }
    if e.is(NilLiteralExprSyntax.self) {
      guard case .optional = type else { return .empty }
      return .constructor(head: "none", labels: [], parts: [])
    }
    if let o = e.as(OptionalChainingExprSyntax.self) {
      guard case .optional(let w) = type else { return .empty }
      return .make("some", [nil], [coverageSpace(o.expression, w, binds: binds)])
    }
    if let t = e.as(TupleExprSyntax.self) {
      if t.elements.count == 1, let only = t.elements.first, only.label == nil {
        return coverageSpace(only.expression, type, binds: binds)
      }
      guard case .tuple(_, let types) = type, types.count == t.elements.count else {
        return .empty
      }
      return .make(
        nil, Array(repeating: nil, count: types.count),
        zip(t.elements, types).map { coverageSpace($0.expression, $1, binds: binds) })
    }
    let call = e.as(FunctionCallExprSyntax.self)
    guard let m = (call?.calledExpression ?? e).as(MemberAccessExprSyntax.self) else {
      return .empty
    }
    let name = m.declName.baseName.text
    let arguments = call.map { Array($0.arguments.map(\.expression)) }
    if case .optional(let w) = type {
      switch name {
      case "none" where arguments == nil: return .constructor(head: "none", labels: [], parts: [])
      case "some":
        guard let arguments else { return .constructor(head: "some", labels: [nil], parts: []) }
        guard arguments.count == 1 else { return .empty }
        return .make("some", [nil], [coverageSpace(arguments[0], w, binds: binds)])
      default:
        // `.b` against an optional enum means `.some(.b)`, as in Swift
        return .make("some", [nil], [coverageSpace(e, w, binds: binds)])
      }
    }
    guard let cases = coverageEngine().enumCases(type),
      let c = cases.first(where: { $0.name == name })
    else { return .empty }
    guard let arguments else { return .constructor(head: name, labels: c.labels, parts: []) }
    if arguments.count == c.types.count {
      return .make(
        name, c.labels, zip(arguments, c.types).map { coverageSpace($0, $1, binds: binds) })
    }
    // `.rect(let size)` binds all associated values as one tuple
    if arguments.count == 1,
      case .type = coverageSpace(arguments[0], .any, binds: binds)
    {
      return .make(name, c.labels, c.types.map { .type($0, name: nil) })
    }
    // a count that fits neither way is Swift's type error, reported when the pattern runs:
    // it must not be hidden behind a coverage error
    return .constructor(head: name, labels: c.labels, parts: [])
  }
}
