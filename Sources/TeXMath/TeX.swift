// The public face of the module: TeX math in, one MathML Core `<math>` element out.

/// Whether a formula sits in a line of text or stands on its own line.
public enum MathStyle: Sendable {
  /// In running text (`$...$`): compact fractions, limits beside operators.
  case inline
  /// On its own line (`$$...$$`): full-size fractions, limits under and over operators.
  case display
}

/// A problem found in TeX source, with where it is.
public struct TeXDiagnostic: Sendable, Equatable {
  /// What is wrong and, where it helps, what to write instead.
  public var message: String
  /// Character offset into the TeX source where the problem starts.
  public var offset: Int

  public init(message: String, offset: Int) {
    self.message = message
    self.offset = offset
  }
}

/// A formula converted to MathML.
public struct MathRendering: Sendable, Equatable {
  /// One `<math>` element. Problems show inside it as `<merror>`; it is always well-formed.
  public var markup: String
  /// Problems found in the source; empty when the formula converted cleanly.
  public var diagnostics: [TeXDiagnostic]

  public init(markup: String, diagnostics: [TeXDiagnostic]) {
    self.markup = markup
    self.diagnostics = diagnostics
  }
}

/// Converts a subset of TeX math to MathML Core.
public enum TeX {
  /// The MathML for `source`, a TeX formula without its `$` delimiters.
  ///
  /// The result is one `<math>` element holding `<semantics>`: the formula, then the TeX
  /// source as an `application/x-tex` annotation. An unknown command renders as a local
  /// `<merror>`; a structural error (an unbalanced brace, a `\left` without `\right`, nesting
  /// deeper than the parser follows) renders the whole formula as an `<merror>` with the
  /// source. Either way the diagnostics say what went wrong and where. Lines separated by
  /// `\\` outside any environment are set as a table, aligned at `&` if there is one.
  public static func mathML(_ source: String, style: MathStyle) -> MathRendering {
    let parser = Parser(source, style: style)
    var diagnostics: [TeXDiagnostic]
    let body: MathNode
    do {
      body = try parser.parseFormula()
      diagnostics = parser.diagnostics
    } catch let error as TeXError {
      body = .error(source)
      diagnostics = parser.diagnostics
      diagnostics.append(TeXDiagnostic(message: error.message, offset: error.offset))
    } catch {
      body = .error(source)
      diagnostics = [TeXDiagnostic(message: "\(error)", offset: 0)]
    }
    let annotation = MathNode("annotation", [["encoding", "application/x-tex"]], text: source)
    let semantics = MathNode(
      "semantics",
      children: [
        body.name == "mrow" && body.attributes.isEmpty ? body : MathNode("mrow", children: [body]),
        annotation,
      ])
    let math = MathNode(
      "math",
      [
        ["xmlns", "http://www.w3.org/1998/Math/MathML"],
        ["display", style == .display ? "block" : "inline"],
      ], children: [semantics])
    var markup = ""
    XMLWriter.write(math, into: &markup)
    return MathRendering(markup: markup, diagnostics: diagnostics)
  }
}

extension TeX {
  /// CSS for a page that shows this module's MathML.
  ///
  /// Chromium draws MathML with the page's text font unless told otherwise, and a text font
  /// has no OpenType MATH table: delimiters and radicals then do not stretch and `\sum` stays
  /// small. This list names math fonts common on Windows (Cambria Math), macOS (STIX Two Math)
  /// and Linux (Latin Modern Math, the TeX Gyre and DejaVu math fonts), then the generic `math`.
  /// Errors get a tinted box that reads on light and dark pages alike (the browser's default
  /// light yellow loses light text).
  public static let stylesheet = """
    math { font-family: "Latin Modern Math", "STIX Two Math", "Cambria Math", \
    "TeX Gyre Termes Math", "DejaVu Math TeX Gyre", math; }
    math[display="block"] { margin: 0.6em 0; }
    merror { border: 1px solid #d33; background: rgba(221, 51, 51, 0.1); color: inherit; }
    """
}
