// The command table: each TeX command is registered once with its arguments and a builder.

/// What a builder receives: the parser (for commands that read more than plain arguments),
/// the command's token, and its arguments already parsed.
struct Invocation {
  var parser: Parser
  var token: Token
  var name: String
  var optional: MathNode?
  var arguments: [MathNode]
}

/// A TeX command: how many arguments it takes, how they are parsed, and how its MathML is
/// built from them.
struct Command: Sendable {
  /// Mandatory arguments, parsed before `build` runs.
  var arity: Int
  /// Whether a `[...]` argument may come first (as in `\sqrt[3]{x}`).
  var hasOptionalArgument = false
  /// The style arguments are set in; nil keeps the surrounding style.
  var argumentStyle: LayoutStyle?
  var build: @Sendable (Invocation) throws -> Atom

  init(
    arity: Int, optional: Bool = false, argumentStyle: LayoutStyle? = nil,
    build: @escaping @Sendable (Invocation) throws -> Atom
  ) {
    self.arity = arity
    self.hasOptionalArgument = optional
    self.argumentStyle = argumentStyle
    self.build = build
  }

  /// Parses the arguments at the parser's position and builds the atom.
  func apply(in parser: Parser, at token: Token) throws -> Atom {
    let name: String
    if case .command(let commandName) = token.kind { name = "\\" + commandName } else { name = "" }
    let optional =
      hasOptionalArgument ? try parser.parseOptionalArgument(style: argumentStyle) : nil
    var arguments: [MathNode] = []
    for _ in 0..<arity {
      arguments.append(try parser.parseArgument(of: name, at: token, style: argumentStyle))
    }
    return try build(
      Invocation(
        parser: parser, token: token, name: name, optional: optional, arguments: arguments))
  }
}

enum Commands {
  /// Every command that is not a plain symbol, by name without the backslash.
  static let table: [String: Command] = {
    var table: [String: Command] = [:]
    func register(_ names: [String], _ command: Command) {
      for name in names {
        precondition(table[name] == nil, "\\\(name) is registered twice")
        precondition(Symbols.commands[name] == nil, "\\\(name) is also a symbol")
        table[name] = command
      }
    }

    // Fractions and binomials. TeX sets the parts of every fraction in a smaller style;
    // \dfrac and \tfrac choose the style of the fraction itself.
    register(
      ["frac"],
      Command(arity: 2, argumentStyle: .text) { call in
        Atom(MathNode("mfrac", children: call.arguments))
      })
    register(
      ["dfrac", "cfrac"],
      Command(arity: 2, argumentStyle: .text) { call in
        Atom(displayStyle(true, MathNode("mfrac", children: call.arguments)))
      })
    register(
      ["tfrac"],
      Command(arity: 2, argumentStyle: .text) { call in
        Atom(displayStyle(false, MathNode("mfrac", children: call.arguments)))
      })
    register(
      ["binom", "dbinom", "tbinom"],
      Command(arity: 2, argumentStyle: .text) { call in
        let stack = MathNode("mfrac", [["linethickness", "0"]], children: call.arguments)
        let binomial = MathNode(
          "mrow",
          children: [
            .mo("(", [["fence", "true"], ["form", "prefix"], ["stretchy", "true"]]), stack,
            .mo(")", [["fence", "true"], ["form", "postfix"], ["stretchy", "true"]]),
          ])
        switch call.name {
        case "\\dbinom": return Atom(displayStyle(true, binomial))
        case "\\tbinom": return Atom(displayStyle(false, binomial))
        default: return Atom(binomial)
        }
      })

    // Roots.
    register(
      ["sqrt"],
      Command(arity: 1, optional: true) { call in
        guard let index = call.optional else {
          return Atom(MathNode("msqrt", children: [call.arguments[0]]))
        }
        return Atom(MathNode("mroot", children: [call.arguments[0], index]))
      })

    // Accents over and under a base. \widehat uses U+0302, the hat that stretches in DejaVu
    // Math, Latin Modern Math and TeX Gyre Termes Math in Chromium 156 (checked by screenshot).
    let accents: [(String, String, Bool)] = [
      ("hat", "^", false), ("widehat", "\u{302}", true), ("check", "ˇ", false),
      ("widecheck", "ˇ", true), ("tilde", "~", false), ("widetilde", "~", true),
      ("bar", "¯", false), ("vec", "→", false),
      ("overrightarrow", "→", true), ("overleftarrow", "←", true),
      ("overleftrightarrow", "↔", true), ("dot", "˙", false), ("ddot", "¨", false),
      ("dddot", "⋯", false), ("acute", "´", false), ("grave", "`", false),
      ("breve", "˘", false), ("mathring", "˚", false),
    ]
    for (name, mark, stretchy) in accents {
      register(
        [name],
        Command(arity: 1) { call in
          Atom(
            MathNode(
              "mover", [["accent", "true"]],
              children: [
                call.arguments[0], .mo(mark, [["stretchy", stretchy ? "true" : "false"]]),
              ]
            ))
        })
    }
    let underAccents: [(String, String)] = [
      ("underrightarrow", "→"), ("underleftarrow", "←"),
      ("underleftrightarrow", "↔"),
    ]
    for (name, mark) in underAccents {
      register(
        [name],
        Command(arity: 1) { call in
          Atom(
            MathNode(
              "munder", [["accentunder", "true"]],
              children: [call.arguments[0], .mo(mark, [["stretchy", "true"]])]))
        })
    }

    // Over- and underlines are CSS borders: no horizontal line character stretches across
    // the whole base in all of those fonts (U+203E, U+00AF, U+2015 and U+0332 were tried).
    register(
      ["overline"],
      Command(arity: 1) { call in
        Atom(
          MathNode(
            "mrow", [["style", "border-top: 0.065em solid; padding-top: 0.1em"]],
            children: [call.arguments[0]]))
      })
    register(
      ["underline"],
      Command(arity: 1) { call in
        Atom(
          MathNode(
            "mrow", [["style", "border-bottom: 0.065em solid; padding-bottom: 0.1em"]],
            children: [call.arguments[0]]))
      })

    // Braces whose label is a sub- or superscript: always set under or over.
    let braces: [(String, String, Bool)] = [
      ("underbrace", "⏟", true), ("overbrace", "⏞", false), ("underbracket", "⎵", true),
      ("overbracket", "⎴", false), ("underparen", "⏝", true), ("overparen", "⏜", false),
    ]
    for (name, mark, under) in braces {
      register(
        [name],
        Command(arity: 1) { call in
          let brace = MathNode.mo(mark, [["stretchy", "true"]])
          let node =
            under
            ? MathNode("munder", children: [call.arguments[0], brace])
            : MathNode("mover", children: [call.arguments[0], brace])
          return Atom(node, .ordinary, limits: .always)
        })
    }

    // Stacking.
    register(
      ["overset", "stackrel"],
      Command(arity: 2) { call in
        // Chromium sets an overscript right on the base's ink (`\overset{!}{=}` touches);
        // a zero-width space with depth keeps a gap, as TeX's \stackrel has.
        let gap = MathNode("mspace", [["depth", "0.15em"]])
        let over = MathNode("mrow", children: [call.arguments[0], gap])
        let node = MathNode("mover", children: [call.arguments[1], over])
        return Atom(
          node, call.name == "\\stackrel" || isRelation(call.arguments[1]) ? .relation : .ordinary)
      })
    register(
      ["underset"],
      Command(arity: 2) { call in
        let node = MathNode(
          "munder", children: [call.arguments[1], call.arguments[0]])
        return Atom(node, isRelation(call.arguments[1]) ? .relation : .ordinary)
      })
    let extensibleArrows: [(String, String)] = [
      ("xrightarrow", "→"), ("xleftarrow", "←"), ("xRightarrow", "⇒"), ("xLeftarrow", "⇐"),
      ("xleftrightarrow", "↔"), ("xLeftrightarrow", "⇔"), ("xmapsto", "↦"),
      ("xrightleftharpoons", "⇌"), ("xhookrightarrow", "↪"),
    ]
    for (name, arrow) in extensibleArrows {
      register(
        [name],
        Command(arity: 1, optional: true, argumentStyle: .text) { call in
          let mark = MathNode.mo(arrow, [["stretchy", "true"], ["minsize", "1.8em"]])
          let above = MathNode.row([.space("0.4em"), call.arguments[0], .space("0.4em")])
          let node: MathNode
          if let below = call.optional {
            let under = MathNode.row([.space("0.4em"), below, .space("0.4em")])
            node = MathNode("munderover", children: [mark, under, above])
          } else {
            node = MathNode("mover", children: [mark, above])
          }
          return Atom(node, .relation)
        })
    }

    // Fonts: the argument's letters and digits come from another alphabet.
    let fonts: [(String, MathFont)] = [
      ("mathrm", .roman), ("mathup", .roman), ("mathbf", .bold), ("mathit", .italic),
      ("mathnormal", .italic), ("boldsymbol", .boldSymbol), ("bm", .boldSymbol),
      ("mathcal", .script), ("mathscr", .script), ("mathfrak", .fraktur),
      ("mathbb", .doubleStruck), ("mathsf", .sansSerif), ("mathtt", .monospace),
    ]
    for (name, font) in fonts {
      register(
        [name],
        Command(arity: 0) { call in
          let parser = call.parser
          let saved = (parser.font, parser.mergesLetters)
          defer { (parser.font, parser.mergesLetters) = saved }
          parser.font = font
          parser.mergesLetters = font == .roman
          return Atom(try parser.parseArgument(of: call.name, at: call.token))
        })
    }

    // Text.
    for (name, css) in textStyles {
      register(
        [name],
        Command(arity: 0) { call in
          Atom(try call.parser.parseTextArgument(of: call.name, at: call.token, css: css))
        })
    }

    // Named functions: upright names followed by function application.
    let functions = [
      "arccos", "arcsin", "arctan", "arg", "cos", "cosh", "cot", "coth", "csc", "deg", "dim",
      "exp", "hom", "ker", "lg", "ln", "log", "sec", "sin", "sinh", "tan", "tanh", "sgn",
    ]
    for name in functions {
      register([name], Command(arity: 0) { _ in Atom(.mi(name), .function) })
    }
    let functionsWithLimits: [(String, String)] = [
      ("det", "det"), ("gcd", "gcd"), ("inf", "inf"), ("lim", "lim"),
      ("liminf", "lim inf"), ("limsup", "lim sup"), ("max", "max"), ("min", "min"),
      ("Pr", "Pr"), ("sup", "sup"), ("argmax", "arg max"), ("argmin", "arg min"),
    ]
    for (name, text) in functionsWithLimits {
      register(
        [name],
        Command(arity: 0) { _ in Atom(.mi(text), .function, limits: .movable) })
    }
    register(
      ["operatorname", "operatornamewithlimits"],
      Command(arity: 0) { call in
        let parser = call.parser
        var limits: LimitPlacement = call.name == "\\operatornamewithlimits" ? .movable : .sides
        if parser.position < parser.characters.count && parser.characters[parser.position] == "*" {
          parser.position += 1
          limits = .movable
        }
        let saved = (parser.font, parser.mergesLetters)
        defer { (parser.font, parser.mergesLetters) = saved }
        parser.font = .roman
        parser.mergesLetters = true
        var name = try parser.parseArgument(of: call.name, at: call.token)
        if name.name == "mi" && (name.text?.count ?? 0) == 1 {
          name = name.with("mathvariant", "normal")
        }
        return Atom(name, .function, limits: limits)
      })
    register(
      ["bmod"],
      Command(arity: 0) { _ in
        Atom(.mo("mod", [["lspace", "0.2222em"], ["rspace", "0.2222em"]]), .binary)
      })
    register(
      ["pmod", "pod", "mod"],
      Command(arity: 1) { call in
        var children: [MathNode] = [.space(call.name == "\\mod" ? "0.6667em" : "1em")]
        if call.name != "\\mod" { children.append(.mo("(", [["stretchy", "false"]])) }
        if call.name != "\\pod" { children += [.mi("mod"), .space("0.3333em")] }
        children.append(call.arguments[0])
        if call.name != "\\mod" { children.append(.mo(")", [["stretchy", "false"]])) }
        return Atom(MathNode("mrow", children: children))
      })

    // Spacing.
    let spaces: [(String, String)] = [
      (",", "0.1667em"), ("thinspace", "0.1667em"), (":", "0.2222em"), (">", "0.2222em"),
      ("medspace", "0.2222em"), (";", "0.2778em"), ("thickspace", "0.2778em"),
      (" ", "0.3333em"), ("\n", "0.3333em"), ("\t", "0.3333em"), ("enspace", "0.5em"),
      ("quad", "1em"), ("qquad", "2em"), ("!", "-0.1667em"), ("negthinspace", "-0.1667em"),
      ("negmedspace", "-0.2222em"), ("negthickspace", "-0.2778em"),
    ]
    for (name, width) in spaces {
      register([name], Command(arity: 0) { _ in Atom(.space(width), .spacing) })
    }
    register(
      ["hspace", "kern", "mkern", "hskip", "mskip"],
      Command(arity: 0) { call in
        Atom(.space(try call.parser.parseLength(of: call.name, at: call.token)), .spacing)
      })

    // Delimiters.
    register(["left"], Command(arity: 0) { call in try call.parser.parseLeftRight(at: call.token) })
    register(
      ["middle"],
      Command(arity: 0) { call in
        let parser = call.parser
        let delimiter = try parser.parseDelimiter(after: call.name, at: call.token)
        guard parser.openLeftGroups > 0 else {
          return parser.recover("\\middle outside \\left ... \\right", at: call.token)
        }
        return Atom(
          .mo(
            delimiter,
            [
              ["fence", "true"], ["stretchy", "true"], ["symmetric", "true"],
              ["lspace", "0.05em"], ["rspace", "0.05em"],
            ]), .open)
      })
    let sizes: [(String, String)] = [
      ("big", "1.2em"), ("Big", "1.623em"), ("bigg", "2.047em"), ("Bigg", "2.470em"),
    ]
    for (size, height) in sizes {
      for (suffix, kind) in [
        ("", AtomKind.ordinary), ("l", .open), ("r", .close), ("m", .relation),
      ] {
        register(
          [size + suffix],
          Command(arity: 0) { call in
            let delimiter = try call.parser.parseDelimiter(after: call.name, at: call.token)
            var attributes: [MathNode.Attribute] = [
              ["minsize", height], ["maxsize", height], ["stretchy", "true"],
              ["symmetric", "true"],
            ]
            if kind == .ordinary { attributes += [["lspace", "0em"], ["rspace", "0em"]] }
            return Atom(.mo(delimiter, attributes), kind)
          })
      }
    }

    // Environments.
    register(
      ["begin"], Command(arity: 0) { call in try call.parser.parseEnvironment(at: call.token) })

    // Classes: the argument keeps its look and takes another atom class's spacing rules.
    let classes: [(String, AtomKind, LimitPlacement)] = [
      ("mathord", .ordinary, .sides), ("mathop", .largeOperator, .movable),
      ("mathbin", .binary, .sides), ("mathrel", .relation, .sides), ("mathopen", .open, .sides),
      ("mathclose", .close, .sides), ("mathpunct", .punctuation, .sides),
      ("mathinner", .ordinary, .sides),
    ]
    for (name, kind, limits) in classes {
      register(
        [name],
        Command(arity: 1) { call in
          var node = call.arguments[0]
          if (kind == .binary || kind == .relation) && !isEmbellishedOperator(node) {
            // Only operators get spacing from the browser; anything else gets TeX's spaces.
            let width = kind == .binary ? "0.2222em" : "0.2778em"
            node = MathNode("mrow", children: [.space(width), node, .space(width)])
          }
          return Atom(node, kind, limits: limits)
        })
    }

    // Phantoms and smashing: mpadded with the ink hidden or the height taken away.
    let phantoms: [(String, [MathNode.Attribute])] = [
      ("phantom", [["style", "visibility: hidden"]]),
      ("hphantom", [["height", "0"], ["depth", "0"], ["style", "visibility: hidden"]]),
      ("vphantom", [["width", "0"], ["style", "visibility: hidden"]]),
      ("smash", [["height", "0"], ["depth", "0"]]),
    ]
    for (name, attributes) in phantoms {
      register(
        [name],
        Command(arity: 1) { call in
          Atom(MathNode("mpadded", attributes, children: [call.arguments[0]]))
        })
    }
    register(
      ["substack"],
      Command(arity: 0) { call in
        let parser = call.parser
        let open = parser.peek()
        guard open.isCharacter("{") else {
          throw TeXError(message: "Missing {...} after \\substack", offset: call.token.start)
        }
        parser.next()
        let rows = try parser.parseRows(of: nil, openedBy: nil, closingBrace: open)
        let table = MathNode(
          "mtable",
          children: rows.map { cells in
            MathNode(
              "mtr",
              children: [
                MathNode(
                  "mtd", [["style", "padding: 0"]], children: [parser.row(cells.flatMap { $0 })])
              ])
          })
        return Atom(table)
      })
    register(
      ["vspace", "vskip"],
      Command(arity: 0) { call in
        _ = try call.parser.parseLength(of: call.name, at: call.token)
        return Atom(MathNode("mrow"), .spacing)
      })

    // Equation tags and labels: MathML Core has no numbered rows, so a tag is set after
    // a quad, as TeX sets it at the right margin; a label has no output in TeX either.
    register(
      ["tag"],
      Command(arity: 0) { call in
        let parser = call.parser
        var starred = false
        if parser.position < parser.characters.count && parser.characters[parser.position] == "*" {
          parser.position += 1
          starred = true
        }
        let text = try parser.parseTextArgument(of: call.name, at: call.token, css: nil)
        let children: [MathNode] =
          starred
          ? [.space("2em"), text]
          : [
            .space("2em"), .mo("(", [["stretchy", "false"]]), text,
            .mo(")", [["stretchy", "false"]]),
          ]
        return Atom(MathNode("mrow", children: children), .spacing)
      })
    register(
      ["label"],
      Command(arity: 0) { call in
        _ = try call.parser.parseNameArgument(of: call.name, at: call.token)
        return Atom(MathNode("mrow"), .spacing)
      })
    register(
      ["boxed"],
      Command(arity: 1) { call in
        Atom(
          MathNode(
            "mrow", [["style", "border: 0.06em solid; padding: 0.2em 0.3em"]],
            children: [call.arguments[0]]))
      })

    // Negation and color.
    register(
      ["not"],
      Command(arity: 0) { call in
        var atom = try call.parser.parseBase()
        guard atom.node.name == "mo" || atom.node.name == "mi", let text = atom.node.text else {
          return call.parser.recover("\\not must be followed by a symbol", at: call.token)
        }
        atom.node.text = Symbols.negations[text] ?? text + "\u{338}"
        atom.kind = .relation
        return atom
      })
    register(
      ["textcolor"],
      Command(arity: 0) { call in
        let color = try call.parser.parseColor(of: call.name, at: call.token)
        let body = try call.parser.parseArgument(of: call.name, at: call.token)
        return Atom(MathNode("mstyle", [["mathcolor", color]], children: [body]))
      })
    return table
  }()

  /// Commands that apply to the rest of the current group: `{a \displaystyle b}`.
  static let restOfGroup: [String: @Sendable (Parser, Token) throws -> Atom] = {
    var table: [String: @Sendable (Parser, Token) throws -> Atom] = [:]
    let styles: [(String, LayoutStyle, String, String)] = [
      ("displaystyle", .display, "true", "0"), ("textstyle", .text, "false", "0"),
      ("scriptstyle", .text, "false", "1"), ("scriptscriptstyle", .text, "false", "2"),
    ]
    for (name, style, display, level) in styles {
      table[name] = { parser, _ in
        let saved = parser.style
        defer { parser.style = saved }
        parser.style = style
        let rest = parser.row(try parser.parseExpression(stops: parser.currentStops))
        return Atom(
          MathNode(
            "mstyle", [["displaystyle", display], ["scriptlevel", level]], children: [rest])
        )
      }
    }
    let fonts: [(String, MathFont)] = [
      ("rm", .roman), ("bf", .bold), ("it", .italic), ("cal", .script), ("sf", .sansSerif),
      ("tt", .monospace),
    ]
    for (name, font) in fonts {
      table[name] = { parser, _ in
        let saved = (parser.font, parser.mergesLetters)
        defer { (parser.font, parser.mergesLetters) = saved }
        parser.font = font
        parser.mergesLetters = font == .roman
        return Atom(parser.row(try parser.parseExpression(stops: parser.currentStops)))
      }
    }
    table["color"] = { parser, token in
      let color = try parser.parseColor(of: "\\color", at: token)
      let rest = parser.row(try parser.parseExpression(stops: parser.currentStops))
      return Atom(MathNode("mstyle", [["mathcolor", color]], children: [rest]))
    }
    return table
  }()

  /// Text commands and the CSS their text gets; they also nest inside one another.
  static let textStyles: [(String, String?)] = [
    ("text", nil), ("textrm", nil), ("textnormal", nil), ("textup", nil), ("mbox", nil),
    ("hbox", nil), ("textbf", "font-weight: bold"), ("textit", "font-style: italic"),
    ("emph", "font-style: italic"), ("textsf", "font-family: sans-serif"),
    ("texttt", "font-family: monospace"),
  ]

  static func displayStyle(_ display: Bool, _ node: MathNode) -> MathNode {
    display
      ? MathNode("mstyle", [["displaystyle", "true"], ["scriptlevel", "0"]], children: [node])
      : MathNode("mstyle", [["displaystyle", "false"]], children: [node])
  }

  /// Whether MathML spaces `node` as an operator: an `mo`, or a script, fraction or row
  /// whose first child is one (MathML Core's "embellished operator").
  static func isEmbellishedOperator(_ node: MathNode) -> Bool {
    switch node.name {
    case "mo": return true
    case "msub", "msup", "msubsup", "munder", "mover", "munderover", "mfrac", "mstyle", "mpadded":
      return node.children.first.map(isEmbellishedOperator) ?? false
    case "mrow": return node.children.count == 1 && isEmbellishedOperator(node.children[0])
    default: return false
    }
  }

  static func isRelation(_ node: MathNode) -> Bool {
    guard node.name == "mo", let text = node.text else { return false }
    return "=<>≤≥≠≈∼≃≅≡→←⇒⇔↔:".contains(text)
  }
}
