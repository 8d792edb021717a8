import Evaluator

/// The list of `expect` checks that held in a cell, shown discreetly under its output.
func checksHTML(_ run: CellRun) -> String {
  guard let outcome = run.outcome else { return "" }
  var checks: [CheckedAnswer] = []
  for case .check(let check) in outcome.events { checks.append(check) }
  guard !checks.isEmpty else { return "" }
  let lines = splitLines(run.cell.source[...])
  var html = "<ul class=\"nb-checks\" aria-label=\"Checked answers\">\n"
  for check in checks {
    html += "<li><span class=\"nb-check-mark\">\u{2713}</span> "
    if let call = callText(in: lines, line: check.line, column: check.column) {
      html += "<code>" + HTML.escape(call) + "</code>"
      // The computed value, so the reader sees what was checked (unless it is a long tensor).
      if check.actual.count <= 80 { html += " \u{2192} " + HTML.escape(check.actual) }
    } else {
      html += HTML.escape(check.actual) + " = " + HTML.escape(check.expected)
      if let tolerance = check.tolerance { html += " \u{00B1} " + HTML.escape(tolerance) }
    }
    html += "</li>\n"
  }
  return html + "</ul>\n"
}

/// The text of the call that starts at `line`:`column` (1-based, UTF-8) of `lines`, up to
/// its balanced closing parenthesis; nil when it cannot be found.
func callText(in lines: [Substring], line: Int, column: Int) -> String? {
  guard line >= 1, line <= lines.count, column >= 1 else { return nil }
  let utf8 = lines[line - 1].utf8
  guard column - 1 <= utf8.count else { return nil }
  var text = String(decoding: utf8.dropFirst(column - 1), as: UTF8.self)
  var nextLine = line
  var result = ""
  var depth = 0
  var inString = false
  var escaped = false
  var opened = false
  while true {
    for character in text {
      result.append(character)
      if inString {
        if escaped {
          escaped = false
        } else if character == "\\" {
          escaped = true
        } else if character == "\"" {
          inString = false
        }
        continue
      }
      switch character {
      case "\"": inString = true
      case "(":
        depth += 1
        opened = true
      case ")":
        depth -= 1
        if opened && depth == 0 { return result.count <= 200 ? result : nil }
      default: break
      }
    }
    guard nextLine < lines.count, result.count <= 200 else { return nil }
    text = String(lines[nextLine].drop { $0 == " " || $0 == "\t" })
    nextLine += 1
    result += " "
  }
}

/// Styles of checked answers and of a batch's index page.
let keyFeaturesStylesheet = """
  .nb-checks { list-style: none; margin: 0.4em 0 0; padding: 0; font-size: 0.85em; color: var(--nb-muted); }
  .nb-checks code { font-size: 1em; }
  .nb-check-mark { color: var(--nb-solution); font-weight: 600; }
  .nb-index-failed { color: var(--nb-error); }

  """
