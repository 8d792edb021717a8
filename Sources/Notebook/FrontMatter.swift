import Evaluator
import Foundation
import Yams

/// The YAML block at the top of a notebook, between `---` lines.
public struct FrontMatter: Sendable, Equatable {
  /// The page title.
  public var title: String?
  /// The authors, in order (YAML allows one name or a list).
  public var authors: [String] = []
  /// The date, as written.
  public var date: String?
  /// The seed of the notebook's random numbers (`seed: 42`).
  public var seed: UInt64?
  /// Defaults for every cell's options (`execute: {echo: false}`).
  public var execute = CellOptions()

  public init() {}

  /// Finds front matter at the top of `text` and reads it.
  ///
  /// Returns the front matter, the text with the front matter's lines blanked (so that line
  /// numbers stay those of the file), and warnings for YAML that could not be read.
  static func extract(from text: String, file: String) -> (FrontMatter, String, [Diagnostic]) {
    var frontMatter = FrontMatter()
    guard text.hasPrefix("---") else { return (frontMatter, text, []) }
    let lines = splitLines(text[...])
    guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
      return (frontMatter, text, [])
    }
    var closing: Int?
    for index in lines.indices.dropFirst() {
      let trimmed = lines[index].trimmingTrailingSpaces()
      if trimmed == "---" || trimmed == "..." {
        closing = index
        break
      }
    }
    guard let closing else { return (frontMatter, text, []) }
    let yaml = lines[1..<closing].joined(separator: "\n")
    var diagnostics: [Diagnostic] = []
    frontMatter.read(yaml: yaml, file: file, diagnostics: &diagnostics)
    // Blank lines keep every later line where it was; cmark ignores leading blank lines.
    var rest = String(repeating: "\n", count: closing + 1)
    if closing + 1 < lines.count {
      rest += lines[(closing + 1)...].joined(separator: "\n")
    } else {
      rest.removeLast()
    }
    return (frontMatter, rest, diagnostics)
  }

  private mutating func read(yaml: String, file: String, diagnostics: inout [Diagnostic]) {
    // The YAML starts on line 2 of the file.
    func location(_ mark: Mark?) -> SourceLocation {
      SourceLocation(file: file, line: (mark?.line ?? 1) + 1, column: mark?.column ?? 1)
    }
    func warn(_ message: String, _ mark: Mark?) {
      diagnostics.append(Diagnostic(severity: .warning, message: message, location: location(mark)))
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: yaml)
    } catch let error as YamlError {
      let (problem, mark) = error.problemAndMark
      warn("front matter is not valid YAML (\(problem)); it is ignored", mark)
      return
    } catch {
      warn("front matter is not valid YAML; it is ignored", nil)
      return
    }
    guard let root else { return }
    guard let mapping = root.mapping else {
      warn("front matter must be a mapping of keys to values (title: ..., author: ...)", root.mark)
      return
    }
    for (keyNode, value) in mapping {
      guard let key = keyNode.string else { continue }
      switch key {
      case "title":
        if let text = value.string {
          title = text
        } else {
          warn("'title' must be text", value.mark)
        }
      case "author", "authors":
        if let text = value.string {
          authors = [text]
        } else if let list = value.sequence {
          authors = list.compactMap { $0.string ?? $0.mapping?["name"]?.string }
        } else if let name = value.mapping?["name"]?.string {
          authors = [name]
        } else {
          warn("'\(key)' must be a name or a list of names", value.mark)
        }
      case "date":
        if let text = value.string { date = text } else { warn("'date' must be text", value.mark) }
      case "seed":
        if let text = value.scalar?.string, let number = UInt64(text) {
          seed = number
        } else {
          warn("'seed' must be a whole number from 0 to \(UInt64.max)", value.mark)
        }
      case "execute":
        guard let options = value.mapping else {
          warn("'execute' must be a mapping of cell options (echo: false, ...)", value.mark)
          continue
        }
        for (optionKey, optionValue) in options {
          guard let name = optionKey.string else { continue }
          let mark = optionKey.mark
          let optionLocation = location(mark)
          if CellOptions.cellOnlyKeys.contains(name) {
            warn("'\(name)' belongs to a single cell, not to 'execute'", mark)
            continue
          }
          if let message = execute.set(
            name, to: OptionValue(optionValue), at: optionLocation)
          {
            diagnostics.append(message)
          }
        }
      default:
        // Other keys (format, lang, ...) belong to other tools; they are allowed and unused.
        break
      }
    }
  }
}

extension YamlError {
  /// The problem's text and where libyaml found it.
  var problemAndMark: (String, Mark?) {
    switch self {
    case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
      .composer(_, let problem, let mark, _):
      return (problem, mark)
    case .reader(let problem, _, _, _):
      return (problem, nil)
    case .duplicatedKeysInMapping(let duplicates, let context):
      return ("duplicated keys: \(duplicates.joined(separator: ", "))", context.mark)
    default:
      return ("\(self)".split(separator: "\n").first.map(String.init) ?? "unreadable", nil)
    }
  }
}

extension Substring {
  func trimmingTrailingSpaces() -> Substring {
    var end = endIndex
    while end > startIndex {
      let before = index(before: end)
      guard self[before] == " " || self[before] == "\t" else { break }
      end = before
    }
    return self[startIndex..<end]
  }
}
