import Markdown

/// Which page to make from a notebook.
public enum Edition: String, Sendable, CaseIterable {
  /// The full answer key: questions, solutions, every cell.
  case key
  /// The questions only: solution cells (`//| solution: true`) and solution prose
  /// (`<div class="solution">` blocks) are left out of the HTML entirely.
  case student
}

/// Solution prose: an HTML block opening `<div class="solution">`, the Markdown after it, and
/// the HTML block that closes the div, all under one parent.
struct SolutionRegion {
  /// The block that opens the div.
  var opener: MarkdownNode
  /// The block that closes it; nil when the opener closes itself or nothing closes it (the
  /// region then runs to the end of its parent).
  var closer: MarkdownNode?
  /// The blocks between opener and closer.
  var members: [MarkdownNode]
  /// The opener closes its own div (`<div class="solution">text</div>` in one HTML block).
  var isSelfContained: Bool
  /// The opener holds only the opening tag and the closer only `</div>`, so the tool can
  /// write the div itself (which also works with `--safe`).
  var isPlainMarker: Bool

  /// Finds every solution region among the blocks of `document`, in document order.
  static func find(in nodes: [MarkdownNode]) -> [SolutionRegion] {
    var regions: [SolutionRegion] = []
    var inside: Set<MarkdownNode> = []
    for node in nodes where node.kind == .htmlBlock && !inside.contains(node) {
      let literal = node.literal
      guard opensSolution(literal) else { continue }
      var depth = divBalance(literal)
      var members: [MarkdownNode] = []
      var closer: MarkdownNode?
      var sibling = node.next
      while depth > 0, let current = sibling {
        if current.kind == .htmlBlock {
          depth += divBalance(current.literal)
          if depth <= 0 {
            closer = current
            break
          }
        }
        members.append(current)
        sibling = current.next
      }
      for member in members { inside.insert(member) }
      if let closer { inside.insert(closer) }
      let trimmedCloser = closer.map { $0.literal.trimming(" \t\n") }
      regions.append(
        SolutionRegion(
          opener: node, closer: closer, members: members, isSelfContained: divBalance(literal) <= 0,
          isPlainMarker: divBalance(literal) == 1 && isLoneTag(literal)
            && (closer == nil || trimmedCloser == "</div>")))
    }
    return regions
  }

  /// Whether an HTML block starts with `<div` whose class list includes `solution`.
  static func opensSolution(_ literal: String) -> Bool {
    let text = literal.drop { $0 == " " || $0 == "\t" || $0 == "\n" }
    guard text.lowercased().hasPrefix("<div"), let end = text.firstIndex(of: ">") else {
      return false
    }
    let tag = text[..<end]
    guard let classRange = tag.range(of: "class=") else { return false }
    var value = tag[classRange.upperBound...]
    guard let quote = value.first, quote == "\"" || quote == "'" else {
      return value.prefix { $0 != " " && $0 != "/" }.split(separator: " ").contains("solution")
    }
    value = value.dropFirst()
    let classes = value.prefix { $0 != quote }
    return classes.split(whereSeparator: { $0 == " " || $0 == "\t" }).contains("solution")
  }

  /// Opening `<div` tags minus closing `</div>` tags in `literal`, case-insensitive.
  static func divBalance(_ literal: String) -> Int {
    let bytes = Array(literal.lowercased().utf8)
    var balance = 0
    var index = 0
    let open = Array("<div".utf8)
    let close = Array("</div".utf8)
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "<") {
        if bytes[index...].starts(with: close) {
          balance -= 1
        } else if bytes[index...].starts(with: open),
          index + 4 == bytes.count
            || [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n")]
              .contains(bytes[index + 4])
        {
          balance += 1
        }
      }
      index += 1
    }
    return balance
  }

  private static func isLoneTag(_ literal: String) -> Bool {
    let trimmed = literal.trimming(" \t\n")
    return trimmed.hasPrefix("<") && trimmed.hasSuffix(">")
      && trimmed.filter { $0 == ">" }.count == 1
  }
}
