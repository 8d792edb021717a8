// A recursive-descent parser from TeX math to MathML nodes.
//
// The parser reads the source as an array of Characters, so every offset it reports is a
// Character offset into the source. Commands live in `Commands.table`; this file knows only
// the grammar: groups, arguments, scripts, and where an expression stops.

/// A parse error that stops the formula: it renders as one `merror` holding the source.
struct TeXError: Error, Equatable {
  var message: String
  var offset: Int
}

/// One lexical token: a command (`\frac`, `\,`) or a single character.
struct Token: Equatable {
  enum Kind: Equatable {
    case command(String)
    case character(Character)
    case end
  }
  var kind: Kind
  var start: Int
  var end: Int

  func isCharacter(_ character: Character) -> Bool { kind == .character(character) }
  func isCommand(_ name: String) -> Bool { kind == .command(name) }
}

/// The style an atom is set in, as far as placement of limits is concerned.
enum LayoutStyle: Sendable, Equatable {
  case display
  /// Text, script and scriptscript style: limits go beside large operators.
  case text
}

/// A parsed atom: its MathML and its TeX class.
struct Atom {
  var node: MathNode
  var kind: AtomKind
  var limits: LimitPlacement = .sides

  init(_ node: MathNode, _ kind: AtomKind = .ordinary, limits: LimitPlacement = .sides) {
    self.node = node
    self.kind = kind
    self.limits = limits
  }
}

/// Tokens at which an expression ends; which of them are allowed is the caller's business.
struct Stops: OptionSet {
  let rawValue: Int
  /// `]` ends the optional argument of `\sqrt[n]`.
  static let bracket = Stops(rawValue: 1)
  /// `$` ends math nested in `\text{...}`.
  static let dollar = Stops(rawValue: 2)
}

final class Parser {
  /// Deeper nesting than this is reported, not followed, so the stack stays small.
  static let maximumDepth = 50

  let characters: [Character]
  var position = 0
  var diagnostics: [TeXDiagnostic] = []
  /// The style the current atom is set in: decides where limits of `\sum` and `\max` go.
  var style: LayoutStyle
  /// The alphabet letters and digits are drawn from, set by `\mathbf` and friends.
  var font: MathFont?
  /// Inside `\operatorname{...}` and `\mathrm{...}` a run of letters is one upright `mi`.
  var mergesLetters = false
  /// How many `\left` groups are open; `\middle` is valid only inside one.
  var openLeftGroups = 0
  /// The stops of the expression being parsed, for commands that take the rest of it.
  var currentStops: Stops = []
  private var depth = 0

  init(_ source: String, style: MathStyle) {
    self.characters = Array(source)
    self.style = style == .display ? .display : .text
  }

  // MARK: Tokens

  func skipSpaces() {
    while position < characters.count {
      let character = characters[position]
      if character.isWhitespace {
        position += 1
      } else if character == "%" {
        while position < characters.count && !characters[position].isNewline { position += 1 }
      } else {
        return
      }
    }
  }

  /// The next token after spaces and comments, without consuming it.
  func peek() -> Token {
    skipSpaces()
    return token(at: position)
  }

  /// The next token after spaces and comments.
  @discardableResult
  func next() -> Token {
    let token = peek()
    position = token.end
    return token
  }

  func token(at index: Int) -> Token {
    guard index < characters.count else { return Token(kind: .end, start: index, end: index) }
    let character = characters[index]
    guard character == "\\" else {
      return Token(kind: .character(character), start: index, end: index + 1)
    }
    guard index + 1 < characters.count else {
      return Token(kind: .command(""), start: index, end: index + 1)
    }
    let first = characters[index + 1]
    guard Self.isCommandLetter(first) else {
      return Token(kind: .command(String(first)), start: index, end: index + 2)
    }
    var end = index + 1
    while end < characters.count && Self.isCommandLetter(characters[end]) { end += 1 }
    return Token(kind: .command(String(characters[(index + 1)..<end])), start: index, end: end)
  }

  static func isCommandLetter(_ character: Character) -> Bool {
    character.isASCII && character.isLetter
  }

  func source(_ range: Range<Int>) -> String {
    String(characters[range.clamped(to: 0..<characters.count)])
  }

  // MARK: Diagnostics

  /// Records a problem that does not stop the formula and returns a visible error atom.
  func recover(_ message: String, at token: Token) -> Atom {
    diagnostics.append(TeXDiagnostic(message: message, offset: token.start))
    return Atom(.error(source(token.start..<token.end)))
  }

  func enter(at offset: Int) throws {
    depth += 1
    if depth > Self.maximumDepth {
      throw TeXError(
        message: "Formula nests deeper than \(Self.maximumDepth) levels; simplify it",
        offset: offset)
    }
  }

  func leave() { depth -= 1 }

  /// The error for a token that ends an expression where it may not.
  func misplaced(_ token: Token) -> TeXError {
    let message: String
    switch token.kind {
    case .character("}"): message = "Unmatched '}'"
    case .character("&"): message = "'&' outside a matrix or alignment environment"
    case .character("]"): message = "Unexpected ']'"
    case .character("$"): message = "Unexpected '$' in math"
    case .command("\\"): message = "'\\\\' outside a matrix or alignment environment"
    case .command("end"): message = "\\end without a matching \\begin"
    case .command("right"): message = "\\right without a matching \\left"
    case .end: message = "Unexpected end of formula"
    default: message = "Unexpected '\(source(token.start..<token.end))'"
    }
    return TeXError(message: message, offset: token.start)
  }

  // MARK: Grammar

  /// The whole formula.
  func parseFormula() throws -> MathNode {
    let atoms = try parseExpression()
    let stop = peek()
    if stop.kind == .end { return row(atoms) }
    guard stop.isCharacter("&") || stop.isCommand("\\") else { throw misplaced(stop) }
    // Lines outside an environment: parse again, as rows, from the start.
    position = 0
    diagnostics = []
    return try parseTopLevelRows()
  }

  /// A list of atoms up to a closing brace, `&`, `\\`, `\end`, `\right`, or the end.
  func parseExpression(stops: Stops = []) throws -> [Atom] {
    let outerStops = currentStops
    currentStops = stops
    defer { currentStops = outerStops }
    var atoms: [Atom] = []
    while true {
      let token = peek()
      if endsExpression(token, stops: stops) { break }
      if case .command(let name) = token.kind, let restCommand = Commands.restOfGroup[name] {
        next()
        atoms.append(try restCommand(self, token))
        continue
      }
      if token.isCommand("hline") || token.isCommand("nonumber") || token.isCommand("notag") {
        next()
        continue
      }
      atoms.append(try parseAtom())
    }
    return atoms
  }

  func endsExpression(_ token: Token, stops: Stops) -> Bool {
    switch token.kind {
    case .end, .character("}"), .character("&"), .command("\\"), .command("end"),
      .command("right"), .command("cr"):
      return true
    case .character("]"): return stops.contains(.bracket)
    case .character("$"): return stops.contains(.dollar)
    default: return false
    }
  }

  /// One atom with any sub- and superscripts and primes attached to it.
  func parseAtom() throws -> Atom {
    try enter(at: position)
    defer { leave() }
    var base = try parseBase()
    var lowerScript: MathNode?
    var upperScript: MathNode?
    while true {
      let token = peek()
      switch token.kind {
      case .character("^"):
        next()
        if upperScript != nil {
          throw TeXError(message: "Double superscript: use braces, x^{a^b}", offset: token.start)
        }
        upperScript = try parseArgument(of: "^", at: token, style: .text)
      case .character("_"):
        next()
        if lowerScript != nil {
          throw TeXError(message: "Double subscript: use braces, x_{a_b}", offset: token.start)
        }
        lowerScript = try parseArgument(of: "_", at: token, style: .text)
      case .character("'"):
        if upperScript != nil {
          throw TeXError(message: "Prime after a superscript: write x'^2", offset: token.start)
        }
        var count = 0
        while position < characters.count && characters[position] == "'" {
          count += 1
          position += 1
        }
        // Prime glyphs are drawn raised already: as a superscript they would shrink twice.
        base.node = MathNode("mrow", children: [base.node, Self.primes(count)])
      case .command("limits"):
        next()
        guard base.kind == .largeOperator || base.kind == .function else {
          diagnostics.append(
            TeXDiagnostic(message: "\\limits must follow an operator", offset: token.start))
          continue
        }
        base.limits = .always
      case .command("nolimits"):
        next()
        base.limits = .sides
      default:
        return attachScripts(to: base, lowerScript: lowerScript, upperScript: upperScript)
      }
    }
  }

  private static func primes(_ count: Int) -> MathNode {
    let glyphs = ["′", "″", "‴", "⁗"]
    let text =
      count <= glyphs.count
      ? glyphs[count - 1] : String(repeating: "′", count: count)
    return .mo(text, [["lspace", "0em"], ["rspace", "0em"]])
  }

  func attachScripts(to base: Atom, lowerScript: MathNode?, upperScript upper: MathNode?) -> Atom {
    guard lowerScript != nil || upper != nil else { return base }
    let stacked =
      base.limits == .always || (base.limits == .movable && style == .display)
    let names = stacked ? ("munder", "mover", "munderover") : ("msub", "msup", "msubsup")
    var baseNode = base.node
    if stacked && base.kind == .largeOperator {
      // The browser would move these limits again in inline style; we already chose.
      baseNode = baseNode.with("movablelimits", "false")
    }
    let node: MathNode
    switch (lowerScript, upper) {
    case (let lower?, let upper?): node = MathNode(names.2, children: [baseNode, lower, upper])
    case (let lower?, nil): node = MathNode(names.0, children: [baseNode, lower])
    case (nil, let upper?): node = MathNode(names.1, children: [baseNode, upper])
    case (nil, nil): node = baseNode
    }
    return Atom(node, base.kind, limits: base.limits)
  }

  /// The nucleus of an atom: a group, a character, a number or a command.
  func parseBase() throws -> Atom {
    let token = peek()
    switch token.kind {
    case .character("{"):
      next()
      let atoms = try parseGroupBody(openedBy: token)
      // A braced group is an ordinary atom in TeX, so an operator alone in braces loses its
      // spacing: `1{,}000` is a digit-group comma, `{=}` a bare equals sign.
      if atoms.count == 1, atoms[0].node.name == "mo" {
        switch atoms[0].kind {
        case .binary, .relation, .punctuation:
          return Atom(atoms[0].node.with("lspace", "0em").with("rspace", "0em"))
        default: break
        }
      }
      return Atom(row(atoms))
    case .character("^"), .character("_"), .character("'"):
      return Atom(.row([]))
    case .character(let character):
      next()
      return try characterAtom(character, at: token, singleToken: false)
    case .command(let name):
      next()
      return try command(name, at: token)
    case .end:
      throw misplaced(token)
    }
  }

  /// The atoms of a `{...}` group whose `{` has been read.
  func parseGroupBody(openedBy open: Token) throws -> [Atom] {
    let atoms = try parseExpression()
    guard next().isCharacter("}") else {
      throw TeXError(message: "Unmatched '{': add the closing '}'", offset: open.start)
    }
    return atoms
  }

  /// A mandatory argument: a `{...}` group or a single token, parsed in `style` if given.
  func parseArgument(of owner: String, at ownerToken: Token, style newStyle: LayoutStyle? = nil)
    throws -> MathNode
  {
    try enter(at: ownerToken.start)
    defer { leave() }
    let savedStyle = style
    if let newStyle { style = newStyle }
    defer { style = savedStyle }
    let token = peek()
    switch token.kind {
    case .character("{"):
      next()
      return row(try parseGroupBody(openedBy: token))
    case .character(let character) where !"}&^_$]".contains(character):
      next()
      return try characterAtom(character, at: token, singleToken: true).node
    case .command(let name) where !endsExpression(token, stops: []):
      next()
      return try command(name, at: token).node
    default:
      throw TeXError(message: "Missing argument for \(owner)", offset: ownerToken.start)
    }
  }

  /// An optional `[...]` argument, or nil when the next token is not `[`.
  func parseOptionalArgument(style newStyle: LayoutStyle? = nil) throws -> MathNode? {
    let open = peek()
    guard open.isCharacter("[") else { return nil }
    next()
    try enter(at: open.start)
    defer { leave() }
    let savedStyle = style
    if let newStyle { style = newStyle }
    defer { style = savedStyle }
    let atoms = try parseExpression(stops: .bracket)
    guard next().isCharacter("]") else {
      throw TeXError(message: "Unmatched '[': add the closing ']'", offset: open.start)
    }
    return row(atoms)
  }

  /// The raw text of a `{...}` argument such as an environment or color name.
  func parseNameArgument(of owner: String, at ownerToken: Token) throws -> String {
    let open = peek()
    guard open.isCharacter("{") else {
      throw TeXError(message: "Missing {name} after \(owner)", offset: ownerToken.start)
    }
    var index = open.end
    while index < characters.count && characters[index] != "}" {
      if characters[index] == "{" {
        throw TeXError(message: "Unexpected '{' in the name after \(owner)", offset: index)
      }
      index += 1
    }
    guard index < characters.count else {
      throw TeXError(message: "Unmatched '{': add the closing '}'", offset: open.start)
    }
    position = index + 1
    return source((open.end)..<index).trimmingSpaces()
  }

  // MARK: Atoms from characters and commands

  func characterAtom(_ character: Character, at token: Token, singleToken: Bool) throws -> Atom {
    if character.isASCII && character.isNumber
      || character == "." && !singleToken && nextIsDigit(position)
    {
      var end = position
      if !singleToken {
        while end < characters.count && characters[end].isASCII && characters[end].isNumber {
          end += 1
        }
        if character != "." && end < characters.count && characters[end] == "."
          && nextIsDigit(end + 1)
        {
          end += 1
          while end < characters.count && characters[end].isASCII && characters[end].isNumber {
            end += 1
          }
        }
      }
      position = end
      let digits = source(token.start..<end)
      return Atom(.mn(restyled(digits)))
    }
    if character.isLetter {
      if mergesLetters {
        var end = position
        while end < characters.count && characters[end].isLetter && !singleToken { end += 1 }
        position = end
        let word = restyled(source(token.start..<end))
        return Atom(word.count == 1 ? .mi(word, [["mathvariant", "normal"]]) : .mi(word))
      }
      return Atom(letter(character, upright: false))
    }
    if let symbol = Symbols.character(character) {
      return symbolAtom(symbol)
    }
    switch character {
    case "~":
      return Atom(.space("0.3333em"))
    case "&", "#", "$", "}", "]", "\\", "^", "_":
      return recover("Unexpected '\(character)'", at: token)
    default:
      return Atom(.mo(String(character)))
    }
  }

  private func nextIsDigit(_ index: Int) -> Bool {
    index < characters.count && characters[index].isASCII && characters[index].isNumber
  }

  /// `text` in the current font, character by character.
  func restyled(_ text: String) -> String {
    guard let font, font != .roman else { return text }
    return String(text.map { font.styled($0) ?? $0 })
  }

  /// A letter as an `mi`, in the current font.
  func letter(_ character: Character, upright: Bool) -> MathNode {
    if let font, font != .roman, let styled = font.styled(character) {
      return .mi(String(styled))
    }
    if upright || font == .roman {
      return .mi(String(character), [["mathvariant", "normal"]])
    }
    return .mi(String(character))
  }

  func symbolAtom(_ symbol: Symbol) -> Atom {
    let text = symbol.text
    switch symbol.kind {
    case .letter, .uprightLetter:
      guard text.count == 1, let character = text.first else { return Atom(.mi(text)) }
      return Atom(letter(character, upright: symbol.kind == .uprightLetter))
    case .ordinary: return Atom(.mi(text))
    case .ordinaryOperator:
      return Atom(.mo(text, [["lspace", "0em"], ["rspace", "0em"], ["stretchy", "false"]]))
    case .binary: return Atom(.mo(text), .binary)
    case .relation: return Atom(.mo(text), .relation)
    case .open: return Atom(.mo(text, [["stretchy", "false"]]), .open)
    case .close: return Atom(.mo(text, [["stretchy", "false"]]), .close)
    case .punctuation: return Atom(.mo(text), .punctuation)
    case .largeOperator: return Atom(.mo(text), .largeOperator, limits: .movable)
    case .integral: return Atom(.mo(text), .largeOperator, limits: .sides)
    }
  }

  func command(_ name: String, at token: Token) throws -> Atom {
    if let symbol = Symbols.commands[name] {
      return symbolAtom(symbol)
    }
    if let command = Commands.table[name] {
      return try command.apply(in: self, at: token)
    }
    if name.isEmpty {
      return recover("A lone '\\' at the end of the formula", at: token)
    }
    return recover("Unknown command \\\(name)", at: token)
  }

  // MARK: Rows

  /// Joins atoms into one node, adding what TeX's spacing rules imply and MathML cannot infer:
  /// function application after named functions, and unary (prefix) signs.
  func row(_ atoms: [Atom]) -> MathNode {
    var nodes: [MathNode] = []
    nodes.reserveCapacity(atoms.count)
    var previous: AtomKind?
    for (index, atom) in atoms.enumerated() {
      var node = atom.node
      if atom.kind == .binary && node.name == "mo" {
        switch previous {
        case nil, .binary, .relation, .open, .punctuation, .largeOperator, .function:
          node = node.with("form", "prefix")
        default: break
        }
      }
      nodes.append(node)
      if atom.kind == .function {
        nodes.append(.mo("\u{2061}"))
        if index + 1 < atoms.count {
          switch atoms[index + 1].kind {
          case .ordinary, .function, .largeOperator:
            nodes.append(.space("0.1667em"))
          default: break
          }
        }
      }
      if atom.kind != .spacing { previous = atom.kind }
    }
    return .row(nodes)
  }
}

extension String {
  func trimmingSpaces() -> String {
    var characters = Substring(self)
    while characters.first?.isWhitespace == true { characters.removeFirst() }
    while characters.last?.isWhitespace == true { characters.removeLast() }
    return String(characters)
  }
}
