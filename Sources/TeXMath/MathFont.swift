// Font commands (\mathbf, \mathbb, ...) as Unicode Mathematical Alphanumeric Symbols.
//
// MathML Core keeps `mathvariant` only for the value "normal", so a bold or double-struck
// letter has to be the bold or double-struck character itself (Unicode block U+1D400).

/// The math alphabets the font commands select.
enum MathFont: Sendable, Equatable {
  /// Upright (`\mathrm`, `\operatorname`): letters keep their code points, marked "normal".
  case roman
  case bold
  case italic
  /// `\boldsymbol`: bold italic letters, bold upright capital Greek and digits, as TeX does.
  case boldSymbol
  case script
  case fraktur
  case doubleStruck
  case sansSerif
  case monospace

  /// The styled form of `character`, or nil when this alphabet has no such letter.
  func styled(_ character: Character) -> Character? {
    guard character.unicodeScalars.count == 1, let scalar = character.unicodeScalars.first
    else { return nil }
    let value = scalar.value
    if let latin = Self.latinIndex(value) {
      return latinLetter(latin, original: scalar)
    }
    if (0x30...0x39).contains(value) {
      return digit(Int(value - 0x30))
    }
    if let greek = Self.greekIndex(value) {
      return greekLetter(greek)
    }
    return nil
  }

  /// Index of a basic Latin letter: A-Z are 0-25, a-z are 26-51.
  private static func latinIndex(_ value: UInt32) -> UInt32? {
    switch value {
    case 0x41...0x5A: return value - 0x41
    case 0x61...0x7A: return value - 0x61 + 26
    default: return nil
    }
  }

  /// Index in the 58-letter Greek layout of the math alphanumerics: capitals (with the
  /// theta symbol in the gap at U+03A2), nabla, small letters, then partial and variants.
  private static func greekIndex(_ value: UInt32) -> UInt32? {
    switch value {
    case 0x391...0x3A9: return value - 0x391
    case 0x3F4: return 17
    case 0x2207: return 25
    case 0x3B1...0x3C9: return value - 0x3B1 + 26
    case 0x2202: return 51
    case 0x3F5: return 52
    case 0x3D1: return 53
    case 0x3F0: return 54
    case 0x3D5: return 55
    case 0x3F1: return 56
    case 0x3D6: return 57
    default: return nil
    }
  }

  private func latinLetter(_ index: UInt32, original: Unicode.Scalar) -> Character? {
    let letter = Character(original)
    let base: UInt32
    switch self {
    case .roman: return nil
    case .bold: base = 0x1D400
    case .italic:
      if letter == "h" { return "\u{210E}" }
      base = 0x1D434
    case .boldSymbol: base = 0x1D468
    case .script:
      if let hole = Self.scriptHoles[letter] { return hole }
      base = 0x1D49C
    case .fraktur:
      if let hole = Self.frakturHoles[letter] { return hole }
      base = 0x1D504
    case .doubleStruck:
      if let hole = Self.doubleStruckHoles[letter] { return hole }
      base = 0x1D538
    case .sansSerif: base = 0x1D5A0
    case .monospace: base = 0x1D670
    }
    return Unicode.Scalar(base + index).map(Character.init)
  }

  private func digit(_ value: Int) -> Character? {
    let base: UInt32
    switch self {
    case .bold, .boldSymbol: base = 0x1D7CE
    case .doubleStruck: base = 0x1D7D8
    case .sansSerif: base = 0x1D7E2
    case .monospace: base = 0x1D7F6
    default: return nil
    }
    return Unicode.Scalar(base + UInt32(value)).map(Character.init)
  }

  private func greekLetter(_ index: UInt32) -> Character? {
    let base: UInt32
    switch self {
    case .bold: base = 0x1D6A8
    case .italic: base = 0x1D6E2
    case .boldSymbol: base = index < 26 ? 0x1D6A8 : 0x1D71C
    default: return nil
    }
    return Unicode.Scalar(base + index).map(Character.init)
  }

  // Letters that were in Unicode before the math alphanumerics block; their slots are empty.
  private static let scriptHoles: [Character: Character] = [
    "B": "\u{212C}", "E": "\u{2130}", "F": "\u{2131}", "H": "\u{210B}", "I": "\u{2110}",
    "L": "\u{2112}", "M": "\u{2133}", "R": "\u{211B}", "e": "\u{212F}", "g": "\u{210A}",
    "o": "\u{2134}",
  ]
  private static let frakturHoles: [Character: Character] = [
    "C": "\u{212D}", "H": "\u{210C}", "I": "\u{2111}", "R": "\u{211C}", "Z": "\u{2128}",
  ]
  private static let doubleStruckHoles: [Character: Character] = [
    "C": "\u{2102}", "H": "\u{210D}", "N": "\u{2115}", "P": "\u{2119}", "Q": "\u{211A}",
    "R": "\u{211D}", "Z": "\u{2124}",
  ]
}
