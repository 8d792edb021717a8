// Constructs that read more than plain arguments: text, \left...\right, lengths, colors.

extension Parser {
  /// The argument of `\text{...}`: text with its spaces kept, and `$...$` math inside.
  func parseTextArgument(of owner: String, at ownerToken: Token, css: String?) throws -> MathNode {
    try enter(at: ownerToken.start)
    defer { leave() }
    let attributes: [MathNode.Attribute] = css.map { [["style", $0]] } ?? []
    let open = peek()
    guard open.isCharacter("{") else {
      guard case .character(let character) = open.kind, !"}&^_$".contains(character) else {
        throw TeXError(message: "Missing argument for \(owner)", offset: ownerToken.start)
      }
      next()
      return .mtext(String(character), attributes)
    }
    position = open.end
    var pieces: [MathNode] = []
    var text = ""
    func flush() {
      guard !text.isEmpty else { return }
      // Spaces at the edges of a token element would be trimmed; no-break spaces are kept.
      pieces.append(.mtext(text.replacingSpaces(), attributes))
      text = ""
    }
    var level = 0
    while true {
      guard position < characters.count else {
        throw TeXError(message: "Unmatched '{': add the closing '}'", offset: open.start)
      }
      let character = characters[position]
      switch character {
      case "{":
        level += 1
        position += 1
      case "}":
        position += 1
        if level == 0 {
          flush()
          return .row(pieces)
        }
        level -= 1
      case "\\":
        let escape = token(at: position)
        position = escape.end
        guard case .command(let name) = escape.kind else { continue }
        if let replacement = Self.textEscapes[name] {
          text += replacement
        } else if let style = Commands.textStyles.first(where: { $0.0 == name }) {
          flush()
          let inner = [css, style.1].compactMap { $0 }.joined(separator: "; ")
          pieces.append(
            try parseTextArgument(of: "\\" + name, at: escape, css: inner.isEmpty ? nil : inner))
        } else {
          flush()
          pieces.append(recover("Unknown command in text", at: escape).node)
        }
      case "$":
        flush()
        let dollar = position
        position += 1
        let atoms = try parseExpression(stops: .dollar)
        guard next().isCharacter("$") else {
          throw TeXError(message: "Unmatched '$' in \(owner)", offset: dollar)
        }
        pieces.append(row(atoms))
      case "~":
        text += "\u{A0}"
        position += 1
      default:
        if character.isWhitespace {
          if !text.hasSuffix(" ") { text += " " }
        } else {
          text.append(character)
        }
        position += 1
      }
    }
  }

  private static let textEscapes: [String: String] = [
    "{": "{", "}": "}", "$": "$", "%": "%", "&": "&", "#": "#", "_": "_", " ": " ",
    "\n": " ", ",": "\u{2009}", ";": "\u{2005}", ":": "\u{2005}", "quad": "\u{2003}",
    "qquad": "\u{2003}\u{2003}", "textbackslash": "\\", "ldots": "…", "dots": "…",
    "textendash": "–", "textemdash": "—", "S": "§", "P": "¶", "textasciitilde": "~",
    "textasciicircum": "^", "textbar": "|",
  ]

  /// A delimiter after `\left`, `\right`, `\middle` or `\big`: the character it draws,
  /// or "" for the empty delimiter `.`.
  func parseDelimiter(after owner: String, at ownerToken: Token) throws -> String {
    let token = next()
    let spelling: String
    switch token.kind {
    case .character(let character): spelling = String(character)
    case .command(let name): spelling = "\\" + name
    case .end: spelling = ""
    }
    guard let delimiter = Symbols.delimiter(spelling) else {
      throw TeXError(
        message: "Missing delimiter after \(owner): write \(owner)( or \(owner). for none",
        offset: ownerToken.start)
    }
    return delimiter
  }

  /// `\left( ... \right)`: fences that stretch to the height of what they enclose.
  func parseLeftRight(at left: Token) throws -> Atom {
    // A \left group costs more stack than a brace group: it counts as two levels.
    try enter(at: left.start)
    defer { leave() }
    let open = try parseDelimiter(after: "\\left", at: left)
    openLeftGroups += 1
    defer { openLeftGroups -= 1 }
    let atoms = try parseExpression()
    let right = peek()
    guard right.isCommand("right") else {
      throw TeXError(message: "\\left without a matching \\right", offset: left.start)
    }
    next()
    let close = try parseDelimiter(after: "\\right", at: right)
    let content = row(atoms)
    // TeX sets \left( around a line of ordinary height at the normal size; a stretched
    // fence would come out a size larger, with gaps beside it.
    let stretches = Self.isTall(content)
    var children: [MathNode] = []
    if !open.isEmpty { children.append(Self.fence(open, form: "prefix", stretchy: stretches)) }
    children.append(stretches ? content : Self.unstretched(content))
    if !close.isEmpty { children.append(Self.fence(close, form: "postfix", stretchy: stretches)) }
    return Atom(MathNode("mrow", children: children))
  }

  static func fence(_ delimiter: String, form: String, stretchy: Bool = true) -> MathNode {
    .mo(
      delimiter,
      [
        ["fence", "true"], ["form", form], ["stretchy", stretchy ? "true" : "false"],
        ["symmetric", "true"],
      ])
  }

  /// Whether `node` is taller than a line of text: it holds a fraction, a table, a root,
  /// or something set over or under (other than an accent).
  static func isTall(_ node: MathNode) -> Bool {
    switch node.name {
    case "mfrac", "mtable", "msqrt", "mroot", "munderover": return true
    case "munder", "mover":
      if node.attribute("accent") == "true" || node.attribute("accentunder") == "true" {
        return node.children.contains(where: isTall)
      }
      return true
    default: return node.children.contains(where: isTall)
    }
  }

  /// `\middle` delimiters in `node` made non-stretchy, to match fences that do not stretch.
  static func unstretched(_ node: MathNode) -> MathNode {
    var copy = node
    if copy.name == "mo" && copy.attribute("fence") == "true"
      && copy.attribute("stretchy") == "true"
      && copy.attribute("minsize") == nil
    {
      copy = copy.with("stretchy", "false")
    }
    if copy.name == "mrow" && copy.attribute("style") == nil {
      copy.children = copy.children.map(unstretched)
    }
    return copy
  }

  /// A length such as `{1em}`, `3mu` or `-2pt`, in em.
  func parseLength(of owner: String, at ownerToken: Token) throws -> String {
    skipSpaces()
    var braced = false
    if position < characters.count && characters[position] == "{" {
      braced = true
      position += 1
    }
    var number = ""
    while position < characters.count {
      let character = characters[position]
      if character.isWhitespace && number.isEmpty {
        position += 1
      } else if character.isASCII
        && (character.isNumber || character == "." || character == "-"
          || character == "+" && number.isEmpty)
      {
        number.append(character)
        position += 1
      } else {
        break
      }
    }
    skipSpaces()
    var unit = ""
    while position < characters.count && unit.count < 2
      && Self.isCommandLetter(characters[position])
    {
      unit.append(characters[position])
      position += 1
    }
    skipSpaces()
    var closed = !braced
    if braced && position < characters.count && characters[position] == "}" {
      position += 1
      closed = true
    }
    let emPerUnit: [String: Double] = [
      "em": 1, "ex": 0.431, "mu": 1.0 / 18.0, "pt": 0.1, "pc": 1.2, "mm": 0.2845, "cm": 2.845,
      "in": 7.227, "bp": 0.1004, "px": 0.0625,
    ]
    guard closed, let value = Double(number), let scale = emPerUnit[unit], abs(value) < 1000
    else {
      throw TeXError(
        message: "Invalid length after \(owner): write a number and a unit, as in \(owner){1em}",
        offset: ownerToken.start)
    }
    return Self.ems(value * scale)
  }

  /// An em length with at most four decimals and no trailing zeros: stable text for output.
  static func ems(_ value: Double) -> String {
    let tenThousandths = Int((value * 10_000).rounded())
    let sign = tenThousandths < 0 ? "-" : ""
    let magnitude = abs(tenThousandths)
    var fraction = String(magnitude % 10_000)
    fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return sign + String(magnitude / 10_000) + (fraction.isEmpty ? "" : "." + fraction) + "em"
  }

  /// A color name or `#rgb`/`#rrggbb` in braces.
  func parseColor(of owner: String, at ownerToken: Token) throws -> String {
    let color = try parseNameArgument(of: owner, at: ownerToken)
    let isName = !color.isEmpty && color.allSatisfy { $0.isASCII && $0.isLetter }
    let hex = color.dropFirst()
    let isHex =
      color.first == "#" && (hex.count == 3 || hex.count == 6) && hex.allSatisfy(\.isHexDigit)
    guard isName || isHex else {
      throw TeXError(
        message: "Unsupported color '\(color)' after \(owner): use a name such as red, or #1f77b4",
        offset: ownerToken.start)
    }
    return color
  }
}

extension String {
  func replacingSpaces() -> String {
    String(map { $0 == " " ? "\u{A0}" : $0 })
  }
}
