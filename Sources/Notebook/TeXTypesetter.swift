import TeXMath

/// The notebook's math, through the TeXMath module: Pandoc's rules for finding `$…$`,
/// `$$…$$`, `\(…\)` and `\[…\]` in prose, and TeX to MathML Core.
public struct TeXTypesetter: MathTypesetter {
  public init() {}

  public func spans(in markdown: String) -> [FoundMath] {
    MathScanner.spans(in: markdown).map {
      FoundMath(range: $0.range, tex: $0.tex, isDisplay: $0.style == .display)
    }
  }

  public var stylesheet: String { TeX.stylesheet }

  public func typeset(_ tex: String, display: Bool) -> TypesetMath {
    let rendering = TeX.mathML(tex, style: display ? .display : .inline)
    return TypesetMath(
      markup: rendering.markup,
      problems: rendering.diagnostics.map { MathProblem(message: $0.message, offset: $0.offset) })
  }
}
