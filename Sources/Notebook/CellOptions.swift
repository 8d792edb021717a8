import Evaluator
import Yams

/// How a cell's code is folded in the page.
public enum CodeFolding: String, Sendable, Equatable {
  /// The code is shown as is.
  case none
  /// The code sits in a closed disclosure the reader can open.
  case folded
  /// The code sits in an open disclosure the reader can close.
  case shown
}

/// A cell's options: Quarto's, written as `//| key: value` lines at the top of the cell.
public struct CellOptions: Sendable, Equatable {
  /// Show the cell's code (`echo`).
  public var echo = true
  /// Show what the cell printed and displayed (`output`).
  public var output = true
  /// Run the cell (`eval`).
  public var evaluate = true
  /// The cell is meant to fail: its error is shown and the run still succeeds (`error`).
  public var allowsError = false
  /// Show the cell at all (`include`); an excluded cell still runs.
  public var include = true
  /// The cell is part of the answers and left out of the student edition (`solution`).
  public var isSolution = false
  /// The cell's anchor in the page (`label: fig-loss`).
  public var label: String?
  /// The caption of the figure the cell produces (`fig-cap`).
  public var figureCaption: String?
  /// The caption of the table the cell produces (`tbl-cap`, Quarto's name for tables).
  public var tableCaption: String?
  /// The most seconds the cell may run (`timeout`); nil means the evaluator's default.
  public var timeout: Double?
  /// Whether the code is folded (`code-fold: true | false | show`).
  public var codeFolding = CodeFolding.none

  public init() {}

  /// Every option key, in the order the documentation lists them.
  public static let keys = [
    "echo", "output", "eval", "error", "include", "label", "fig-cap", "tbl-cap", "solution",
    "timeout", "code-fold",
  ]

  /// Keys that name one cell and make no sense as notebook-wide defaults.
  static let cellOnlyKeys: Set<String> = ["label", "fig-cap", "tbl-cap"]

  /// Sets option `key` from `value`; returns a warning located at `location` when the key is
  /// unknown or the value does not fit, leaving the options unchanged.
  mutating func set(_ key: String, to value: OptionValue, at location: SourceLocation)
    -> Diagnostic?
  {
    func warning(_ message: String) -> Diagnostic {
      Diagnostic(severity: .warning, message: message, location: location)
    }
    func boolean() -> Bool? { value.boolean }
    switch key {
    case "echo", "output", "eval", "error", "include", "solution":
      guard let flag = boolean() else {
        return warning("cell option '\(key)' takes true or false, not '\(value.text)'")
      }
      switch key {
      case "echo": echo = flag
      case "output": output = flag
      case "eval": evaluate = flag
      case "error": allowsError = flag
      case "include": include = flag
      default: isSolution = flag
      }
    case "label":
      let text = value.text
      guard Self.isValidLabel(text) else {
        return warning(
          "cell option 'label' must start with a letter and use only letters, digits, '-' and '_', not '\(text)'"
        )
      }
      label = text
    case "fig-cap":
      figureCaption = value.text
    case "tbl-cap":
      tableCaption = value.text
    case "timeout":
      guard let seconds = value.number, seconds > 0, seconds <= 3600 else {
        return warning(
          "cell option 'timeout' takes a number of seconds from 0 to 3600, not '\(value.text)'")
      }
      timeout = seconds
    case "code-fold":
      if value.text == "show" {
        codeFolding = .shown
      } else if let flag = boolean() {
        codeFolding = flag ? .folded : .none
      } else {
        return warning("cell option 'code-fold' takes true, false or show, not '\(value.text)'")
      }
    default:
      var message = "unknown cell option '\(key)'"
      if let suggestion = closestKey(to: key) {
        message += "; did you mean '\(suggestion)'?"
      } else {
        message += "; the options are " + Self.keys.joined(separator: ", ")
      }
      return warning(message)
    }
    return nil
  }

  static func isValidLabel(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first, first.isASCIILetter else { return false }
    return text.unicodeScalars.allSatisfy {
      $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
    }
  }

  private func closestKey(to key: String) -> String? {
    nearest(key, in: Self.keys, limit: 1).first
  }
}

/// An option's value as written, with YAML's reading of it.
struct OptionValue {
  /// The value's text, unquoted.
  var text: String
  /// The value as YAML reads a scalar: true/false, a number, or text.
  var boolean: Bool?
  var number: Double?

  init(text: String) {
    self.text = text
  }

  init(_ node: Node) {
    text = node.string ?? ""
    if node.scalar?.style == .plain {
      boolean = node.bool
      number = node.float ?? node.int.map(Double.init)
    }
  }

  /// Reads the text after `key:` on an option line.
  init(parsing raw: Substring) {
    let trimmed = String(raw.trimming(" \t"))
    if let node = try? Yams.compose(yaml: trimmed), node.scalar != nil {
      self.init(node)
    } else if let quote = trimmed.first, quote == "\"" || quote == "'" {
      // A quoted value YAML cannot read: say why, and take the text inside the quotes.
      let (inside, closed) = Self.quoted(trimmed.dropFirst(), by: quote)
      self.init(text: inside)
      problem =
        closed
        ? "has text after its closing \(quote); put the whole value inside the quotes"
        : "opens a quote (\(quote)) that is never closed; add the closing \(quote) at the end of the line"
    } else {
      // Not a YAML scalar (an unquoted caption with a colon, say): take the text as written.
      self.init(text: trimmed)
    }
  }

  /// Why YAML could not read a quoted value, when it could not.
  var problem: String?

  /// The text of a quoted scalar up to its closing `quote` (YAML's escapes: `\"` in double
  /// quotes, `''` in single quotes), and whether the quote was closed.
  private static func quoted(_ text: Substring, by quote: Character) -> (String, Bool) {
    var inside = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      let next = text.index(after: index)
      if quote == "\"", character == "\\", next < text.endIndex {
        inside.append(text[next])
        index = text.index(after: next)
        continue
      }
      if character == quote {
        if quote == "'", next < text.endIndex, text[next] == "'" {
          inside.append("'")
          index = text.index(after: next)
          continue
        }
        return (inside, true)
      }
      inside.append(character)
      index = next
    }
    return (inside, false)
  }
}

/// The options block at the top of a cell.
struct ParsedOptions {
  var options: CellOptions
  /// The index of the first line after the option lines.
  var bodyStart: Int
  var diagnostics: [Diagnostic]

  /// Reads the `//|` lines at the top of `lines`; `origin` is where line 0 sits in the file.
  init(lines: [Substring], defaults: CellOptions, origin: SourceOrigin) {
    options = defaults
    diagnostics = []
    var seen: Set<String> = []
    var index = 0
    while index < lines.count, let prefix = optionPrefixEnd(lines[index]) {
      let line = lines[index]
      let lineNumber = origin.line + index
      func column(of position: Substring.Index) -> Int {
        origin.column + line.utf8.distance(from: line.startIndex, to: position)
      }
      let content = line[prefix...]
      let keyStart = content.firstIndex { $0 != " " && $0 != "\t" } ?? content.endIndex
      let location = SourceLocation(
        file: origin.file, line: lineNumber, column: column(of: keyStart))
      if keyStart == content.endIndex {
        index += 1
        continue
      }
      guard let colon = content[keyStart...].firstIndex(of: ":") else {
        diagnostics.append(
          Diagnostic(
            severity: .warning,
            message: "a cell option line must read '//| key: value', not '\(line.trimming(" \t"))'",
            location: location))
        index += 1
        continue
      }
      let key = String(content[keyStart..<colon].trimming(" \t"))
      if seen.contains(key) {
        diagnostics.append(
          Diagnostic(
            severity: .warning, message: "cell option '\(key)' is given twice; the last one counts",
            location: location))
      }
      seen.insert(key)
      let valueText = content[content.index(after: colon)...]
      let value = OptionValue(parsing: valueText)
      if let problem = value.problem {
        let valueStart = valueText.firstIndex { $0 != " " && $0 != "\t" } ?? valueText.endIndex
        diagnostics.append(
          Diagnostic(
            severity: .warning, message: "the value of cell option '\(key)' " + problem,
            location: SourceLocation(
              file: origin.file, line: lineNumber, column: column(of: valueStart))))
      }
      if let warning = options.set(key, to: value, at: location) {
        diagnostics.append(warning)
      }
      index += 1
    }
    bodyStart = index
    // An option line below the code is a mistake worth pointing at: it does nothing.
    for later in index..<lines.count where optionPrefixEnd(lines[later]) != nil {
      let line = lines[later]
      let indent = line.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
      diagnostics.append(
        Diagnostic(
          severity: .warning,
          message: "cell options must come before the code; this line is an ordinary comment",
          location: SourceLocation(
            file: origin.file, line: origin.line + later, column: origin.column + indent)))
    }
  }
}

/// The index just past `//|` when `line` is an option line.
private func optionPrefixEnd(_ line: Substring) -> Substring.Index? {
  guard let start = line.firstIndex(where: { $0 != " " && $0 != "\t" }) else { return nil }
  let rest = line[start...]
  guard rest.hasPrefix("//|") else { return nil }
  return rest.index(start, offsetBy: 3)
}

extension StringProtocol {
  func trimming(_ characters: String) -> Substring {
    let set = Set(characters)
    var slice = self[...]
    while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
    while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
    return Substring(slice)
  }
}

extension Unicode.Scalar {
  var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}
