// Symbol commands and single characters: what each one is in MathML and how it spaces.

/// TeX's atom classes, as far as the MathML output needs them: they decide unary minus,
/// function-application spacing and where sub/superscripts go.
enum AtomKind: Sendable, Equatable {
  case ordinary
  /// A large operator such as `\sum`; where its limits go is the atom's `LimitPlacement`.
  case largeOperator
  /// A named function such as `\log`: followed by U+2061 and a thin space before an operand.
  case function
  case binary
  case relation
  case open
  case close
  case punctuation
  /// Explicit space (`\,`, `\quad`): invisible to the rules that look at neighbours.
  case spacing
}

/// Where sub- and superscripts attached to an atom are drawn.
enum LimitPlacement: Sendable, Equatable {
  /// Beside the base (`msub`/`msup`), as for `\int` and ordinary atoms.
  case sides
  /// Under and over the base in display style, beside it inline (`\sum`, `\max`).
  case movable
  /// Always under and over (`\underbrace`, `\sum\limits`).
  case always
}

/// How a symbol becomes MathML.
enum SymbolKind: Sendable, Equatable {
  /// An italic letter (`mi`); font commands restyle it.
  case letter
  /// An upright letter such as capital Greek (`mi mathvariant="normal"`).
  case uprightLetter
  /// A symbol that behaves as a variable (`\infty`, `\partial`).
  case ordinary
  /// An operator character with no space around it (`|`, `/`).
  case ordinaryOperator
  case binary
  case relation
  case open
  case close
  case punctuation
  /// `\sum`-like: limits under and over in display style.
  case largeOperator
  /// `\int`-like: limits beside even in display style.
  case integral
}

struct Symbol: Sendable, Equatable {
  var text: String
  var kind: SymbolKind

  init(_ text: String, _ kind: SymbolKind) {
    self.text = text
    self.kind = kind
  }
}

enum Symbols {
  /// Symbol commands by name (without the backslash).
  static let commands: [String: Symbol] = {
    var table: [String: Symbol] = [:]
    func add(_ kind: SymbolKind, _ entries: KeyValuePairs<String, String>) {
      for (name, text) in entries { table[name] = Symbol(text, kind) }
    }
    add(
      .letter,
      [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ",
        "varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι",
        "kappa": "κ", "varkappa": "ϰ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
        "omicron": "ο", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ",
        "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ",
        "psi": "ψ", "omega": "ω", "ell": "ℓ", "imath": "ı", "jmath": "ȷ", "hbar": "ℏ",
        "wp": "℘",
      ])
    add(
      .uprightLetter,
      [
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "nabla": "∇",
        "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ",
      ])
    add(
      .ordinary,
      [
        "infty": "∞", "partial": "∂", "emptyset": "∅", "varnothing": "∅", "top": "⊤",
        "bot": "⊥", "angle": "∠", "triangle": "△", "square": "□", "Box": "□", "checkmark": "✓",
        "prime": "′", "degree": "°", "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬",
        "lnot": "¬", "surd": "√", "flat": "♭", "sharp": "♯", "natural": "♮", "clubsuit": "♣",
        "diamondsuit": "♢", "heartsuit": "♡", "spadesuit": "♠", "intercal": "⊺",
        "dagger": "†", "ddagger": "‡", "S": "§", "P": "¶", "copyright": "©",
        "%": "%", "#": "#", "$": "$", "&": "&", "_": "_",
      ])
    add(
      .ordinaryOperator,
      [
        "|": "‖", "Vert": "‖", "vert": "|", "backslash": "∖", "ldots": "…", "dots": "…",
        "dotsc": "…", "dotso": "…", "cdots": "⋯", "dotsb": "⋯", "dotsm": "⋯", "dotsi": "⋯",
        "vdots": "⋮", "ddots": "⋱", "iddots": "⋰", "colon": ":",
      ])
    add(
      .binary,
      [
        "pm": "±", "mp": "∓", "times": "×", "cdot": "⋅", "div": "÷", "ast": "∗", "star": "⋆",
        "circ": "∘", "bullet": "∙", "oplus": "⊕", "ominus": "⊖", "otimes": "⊗", "oslash": "⊘",
        "odot": "⊙", "cup": "∪", "cap": "∩", "sqcup": "⊔", "sqcap": "⊓", "uplus": "⊎",
        "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "setminus": "∖", "smallsetminus": "∖",
        "amalg": "⨿", "diamond": "⋄", "bigtriangleup": "△", "bigtriangledown": "▽",
        "triangleleft": "◃", "triangleright": "▹", "wr": "≀", "cdotp": "⋅",
      ])
    add(
      .relation,
      [
        "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥", "ne": "≠", "neq": "≠", "approx": "≈",
        "sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "in": "∈",
        "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
        "supseteq": "⊇", "subsetneq": "⊊", "supsetneq": "⊋", "ll": "≪", "gg": "≫", "lll": "⋘",
        "ggg": "⋙", "perp": "⊥", "parallel": "∥", "mid": "∣", "nmid": "∤", "models": "⊨",
        "vdash": "⊢", "dashv": "⊣", "doteq": "≐", "leqslant": "⩽", "geqslant": "⩾",
        "lesssim": "≲", "gtrsim": "≳", "triangleq": "≜", "coloneqq": "≔", "eqqcolon": "≕",
        "asymp": "≍", "prec": "≺", "succ": "≻", "preceq": "⪯", "succeq": "⪰", "bowtie": "⋈",
        "to": "→", "gets": "←", "rightarrow": "→", "leftarrow": "←", "leftrightarrow": "↔",
        "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "longrightarrow": "⟶",
        "longleftarrow": "⟵", "longleftrightarrow": "⟷", "Longrightarrow": "⟹",
        "Longleftarrow": "⟸", "Longleftrightarrow": "⟺", "implies": "⟹", "impliedby": "⟸",
        "iff": "⟺", "mapsto": "↦", "longmapsto": "⟼", "uparrow": "↑", "downarrow": "↓",
        "updownarrow": "↕", "Uparrow": "⇑", "Downarrow": "⇓", "Updownarrow": "⇕",
        "nearrow": "↗", "searrow": "↘", "swarrow": "↙", "nwarrow": "↖",
        "hookrightarrow": "↪", "hookleftarrow": "↩", "rightleftharpoons": "⇌",
        "leftrightharpoons": "⇋", "rightharpoonup": "⇀", "rightharpoondown": "⇁",
        "leftharpoonup": "↼", "leftharpoondown": "↽", "rightrightarrows": "⇉",
        "leftleftarrows": "⇇", "rightleftarrows": "⇄", "leftrightarrows": "⇆",
        "twoheadrightarrow": "↠", "leadsto": "⇝", "nrightarrow": "↛", "nleftarrow": "↚",
        "nRightarrow": "⇏", "nLeftarrow": "⇍", "nleq": "≰", "ngeq": "≱", "nless": "≮",
        "ngtr": "≯", "nsim": "≁", "ncong": "≇", "nequiv": "≢", "nsubseteq": "⊈",
        "nsupseteq": "⊉",
      ])
    add(
      .open,
      [
        "{": "{", "lbrace": "{", "langle": "⟨", "lfloor": "⌊", "lceil": "⌈", "lvert": "|",
        "lVert": "‖", "lgroup": "⟮", "ulcorner": "⌜", "llcorner": "⌞", "lbrack": "[",
      ])
    add(
      .close,
      [
        "}": "}", "rbrace": "}", "rangle": "⟩", "rfloor": "⌋", "rceil": "⌉", "rvert": "|",
        "rVert": "‖", "rgroup": "⟯", "urcorner": "⌝", "lrcorner": "⌟", "rbrack": "]",
      ])
    add(
      .largeOperator,
      [
        "sum": "∑", "prod": "∏", "coprod": "∐", "bigcup": "⋃", "bigcap": "⋂",
        "bigoplus": "⨁", "bigotimes": "⨂", "bigodot": "⨀", "biguplus": "⨄", "bigsqcup": "⨆",
        "bigvee": "⋁", "bigwedge": "⋀",
      ])
    add(
      .integral,
      [
        "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮", "oiint": "∯", "intop": "∫",
        "smallint": "∫",
      ])
    return table
  }()

  /// A single source character that is not a letter or a digit.
  static func character(_ character: Character) -> Symbol? {
    switch character {
    case "+": Symbol("+", .binary)
    case "-": Symbol("−", .binary)
    case "*": Symbol("∗", .binary)
    case "=", "<", ">": Symbol(String(character), .relation)
    case ":": Symbol(":", .relation)
    case "(", "[": Symbol(String(character), .open)
    case ")", "]": Symbol(String(character), .close)
    case ",", ";": Symbol(String(character), .punctuation)
    case "!", "?": Symbol(String(character), .close)
    case "|", "/", ".", "@", "\"": Symbol(String(character), .ordinaryOperator)
    default: nil
    }
  }

  /// Delimiters accepted after `\left`, `\right`, `\middle` and `\big`-like commands, by
  /// source spelling: a character such as `(`, or a command name with its backslash.
  static func delimiter(_ spelling: String) -> String? {
    switch spelling {
    case "(", ")", "[", "]", "|", "/", "<", ">":
      spelling == "<" ? "⟨" : spelling == ">" ? "⟩" : spelling
    case ".": ""
    case "\\{", "\\lbrace": "{"
    case "\\}", "\\rbrace": "}"
    case "\\|", "\\Vert", "\\lVert", "\\rVert": "‖"
    case "\\vert", "\\lvert", "\\rvert", "\\mid": "|"
    case "\\langle": "⟨"
    case "\\rangle": "⟩"
    case "\\lfloor": "⌊"
    case "\\rfloor": "⌋"
    case "\\lceil": "⌈"
    case "\\rceil": "⌉"
    case "\\lbrack": "["
    case "\\rbrack": "]"
    case "\\lgroup": "⟮"
    case "\\rgroup": "⟯"
    case "\\backslash": "\\"
    case "\\uparrow": "↑"
    case "\\downarrow": "↓"
    case "\\updownarrow": "↕"
    case "\\Uparrow": "⇑"
    case "\\Downarrow": "⇓"
    case "\\Updownarrow": "⇕"
    default: nil
    }
  }

  /// The negated form of a relation, for `\not`.
  static let negations: [String: String] = [
    "=": "≠", "<": "≮", ">": "≯", "≤": "≰", "≥": "≱", "∈": "∉", "≡": "≢", "∼": "≁",
    "≈": "≉", "≅": "≇", "⊂": "⊄", "⊃": "⊅", "⊆": "⊈", "⊇": "⊉", "∣": "∤", "∥": "∦",
    "∃": "∄", "→": "↛", "←": "↚", "⇒": "⇏", "⇐": "⇍", "↔": "↮", "⇔": "⇎",
  ]
}
