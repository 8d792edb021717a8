import Evaluator
import Foundation

/// A located message about a notebook: a bad cell option, invalid UTF-8, a cell's error.
///
/// The same type the evaluator reports with, so that every message prints in one form,
/// `file:line:col: severity: message`.
public typealias Diagnostic = CellDiagnostic

/// A notebook's text, decoded from bytes, with its line endings normalized to `\n`.
public struct SourceText: Sendable {
  /// The notebook's name as diagnostics show it (`exam.md`, `<stdin>`).
  public let name: String
  /// The decoded text. Invalid UTF-8 and control characters other than tab and line breaks
  /// are replaced by U+FFFD; `\r\n` and `\r` become `\n`; a leading byte-order mark is dropped.
  public let text: String
  /// Problems found while decoding (invalid UTF-8, with byte offsets).
  public let diagnostics: [Diagnostic]

  /// The most invalid byte sequences reported one by one; the rest are counted in one note.
  static let reportedInvalidSequences = 5

  /// Decodes `data` as UTF-8, reporting and replacing invalid sequences.
  public init(data: Data, name: String) {
    self.name = name
    var diagnostics: [Diagnostic] = []
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(data.count)
    var invalidCount = 0
    var controlCount = 0
    var line = 1
    var lineStart = 0
    var offset = 0
    var previousWasCR = false
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = data.makeIterator()
    var atStart = true
    decoding: while true {
      switch parser.parseScalar(from: &iterator) {
      case .valid(let encoded):
        let scalar = Unicode.UTF8.decode(encoded)
        defer { offset += encoded.count }
        if atStart {
          atStart = false
          if scalar == "\u{FEFF}" { continue decoding }
        }
        if scalar == "\n" {
          if previousWasCR {
            previousWasCR = false
            lineStart = offset + 1
            continue decoding
          }
          scalars.append("\n")
          line += 1
          lineStart = offset + 1
        } else if scalar == "\r" {
          scalars.append("\n")
          line += 1
          lineStart = offset + 1
          previousWasCR = true
          continue decoding
        } else if Self.isForbiddenControl(scalar) {
          controlCount += 1
          if controlCount == 1 {
            let code = String(scalar.value, radix: 16, uppercase: true)
            diagnostics.append(
              Diagnostic(
                severity: .warning,
                message:
                  "control character U+\(String(repeating: "0", count: 4 - code.count))\(code) cannot appear in a page; replaced by U+FFFD",
                location: SourceLocation(file: name, line: line, column: offset - lineStart + 1)))
          }
          scalars.append("\u{FFFD}")
        } else {
          scalars.append(scalar)
        }
        previousWasCR = false
      case .error(let length):
        atStart = false
        previousWasCR = false
        invalidCount += 1
        if invalidCount <= Self.reportedInvalidSequences {
          diagnostics.append(
            Diagnostic(
              severity: .warning,
              message:
                "invalid UTF-8 at byte offset \(offset) (\(length) byte\(length == 1 ? "" : "s")); replaced by U+FFFD",
              location: SourceLocation(file: name, line: line, column: offset - lineStart + 1)))
        }
        scalars.append("\u{FFFD}")
        offset += length
      case .emptyInput:
        break decoding
      }
    }
    if invalidCount > Self.reportedInvalidSequences {
      diagnostics.append(
        Diagnostic(
          severity: .warning,
          message:
            "\(invalidCount - Self.reportedInvalidSequences) more invalid UTF-8 sequences replaced by U+FFFD",
          location: SourceLocation(file: name, line: 1, column: 1)))
    }
    self.text = String(scalars)
    self.diagnostics = diagnostics
  }

  /// Control characters that neither HTML nor XML allow in a page (all but tab and line
  /// breaks); NUL included, which CommonMark replaces the same way.
  static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D: false
    case 0x00...0x1F, 0x7F...0x9F: true
    default: false
    }
  }

  /// Text that is already a Swift string (always valid Unicode); line endings are normalized.
  public init(text: String, name: String) {
    self.init(data: Data(text.utf8), name: name)
  }
}

/// Splits text into lines, linearly, without the line terminators.
func splitLines(_ text: Substring) -> [Substring] {
  text.split(separator: "\n", omittingEmptySubsequences: false)
}
