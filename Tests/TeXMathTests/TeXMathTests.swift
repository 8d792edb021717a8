import Foundation
import TestSupport
import XCTest

@testable import TeXMath

/// Structure of the MathML for formulas from real exams and papers. Expected shapes are
/// derived by hand from TeX's rules (The TeXbook, ch. 17-18 and appendix G): which atoms
/// group, where scripts and limits go, which signs are unary.
final class TeXMathTests: XCTestCase {
  /// The formula's shape, after checking the envelope and that there were no diagnostics.
  func shape(
    _ tex: String, _ style: MathStyle = .display, file: StaticString = #filePath,
    line: UInt = #line
  ) -> String {
    let rendering = TeX.mathML(tex, style: style)
    XCTAssertEqual(rendering.diagnostics, [], tex, file: file, line: line)
    return tree(rendering, tex, style, file: file, line: line)?.shape ?? "(malformed)"
  }

  /// The formula's tree without the outer row when that row has one child.
  func tree(
    _ rendering: MathRendering, _ tex: String, _ style: MathStyle,
    file: StaticString = #filePath, line: UInt = #line
  ) -> XMLNode? {
    guard let node = formula(rendering, source: tex, style: style, file: file, line: line) else {
      return nil
    }
    return node.name == "mrow" && node.children.count == 1 ? node.children[0] : node
  }

  func node(_ tex: String, _ style: MathStyle = .display) -> XMLNode? {
    tree(TeX.mathML(tex, style: style), tex, style)
  }

  // MARK: Exam and paper corpus

  func testFractionIsAnMfracOfItsParts() {
    XCTAssertEqual(shape(#"\frac{a}{b}"#), "mfrac(mi:a mi:b)")
    XCTAssertEqual(shape(#"\frac12"#), "mfrac(mn:1 mn:2)")
  }

  func testBackpropagationGradient() {
    XCTAssertEqual(
      shape(#"\frac{\partial E}{\partial w_5} = (y - t)\,y(1-y)\,h_1"#),
      "mrow(mfrac(mrow(mi:∂ mi:E) mrow(mi:∂ msub(mi:w mn:5))) mo:= mo:( mi:y mo:− mi:t mo:) "
        + "mspace:0.1667em mi:y mo:( mn:1 mo:− mi:y mo:) mspace:0.1667em msub(mi:h mn:1))")
  }

  func testLeftRightFencesStretchAndPlainParenthesesDoNot() throws {
    let tex = #"4\left(h(h+x)+h\right)"#
    XCTAssertEqual(
      shape(tex),
      "mrow(mn:4 mrow(mo:( mrow(mi:h mo:( mi:h mo:+ mi:x mo:) mo:+ mi:h) mo:)))")
    // Around a line of ordinary height \left( is the normal size, as in TeX.
    let fences = try XCTUnwrap(node(tex)).all.filter { $0.name == "mo" && "()".contains($0.text) }
    XCTAssertEqual(fences.map { $0.attributes["stretchy"] }, ["false", "false", "false", "false"])
    XCTAssertEqual(fences.first?.attributes["form"], "prefix")
    XCTAssertEqual(fences.last?.attributes["form"], "postfix")
    // Around a fraction, a root or a table, \left( and \middle stretch.
    for tall in [#"\left(\frac{a}{b} \middle| c\right)"#, #"\left[\sqrt{x}\middle|\right]"#] {
      let stretchy = try XCTUnwrap(node(tall)).all.filter { $0.attributes["fence"] == "true" }
      XCTAssertEqual(stretchy.map { $0.attributes["stretchy"] }, ["true", "true", "true"], tall)
    }
    let short = try XCTUnwrap(node(#"\left( x \middle| y^2 \right)"#)).all.filter {
      $0.attributes["fence"] == "true"
    }
    XCTAssertEqual(short.map { $0.attributes["stretchy"] }, ["false", "false", "false"])
  }

  func testSoftmax() {
    XCTAssertEqual(
      shape(#"\operatorname{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}"#),
      "mrow(mi:softmax mo:\u{2061} mo:( mi:z msub(mo:) mi:i) mo:= mfrac(msup(mi:e msub(mi:z mi:i)) "
        + "mrow(msubsup(mo:∑ mrow(mi:j mo:= mn:1) mi:K) msup(mi:e msub(mi:z mi:j)))))")
  }

  func testAttention() {
    XCTAssertEqual(
      shape(#"\operatorname{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V"#),
      "mrow(mi:softmax mo:\u{2061} mspace:0.1667em mrow(mo:( mfrac(mrow(mi:Q msup(mi:K mi:⊤)) "
        + "msqrt(msub(mi:d mi:k))) mo:)) mi:V)")
  }

  func testBatchNormalization() throws {
    let tex = #"\hat{x}_i = \frac{x_i-\mu_B}{\sqrt{\sigma_B^2+\epsilon}}"#
    XCTAssertEqual(
      shape(tex),
      "mrow(msub(mover(mi:x mo:^) mi:i) mo:= mfrac(mrow(msub(mi:x mi:i) mo:− msub(mi:μ mi:B)) "
        + "msqrt(mrow(msubsup(mi:σ mi:B mn:2) mo:+ mi:ϵ))))")
    XCTAssertEqual(try XCTUnwrap(node(tex)?.first("mover")).attributes["accent"], "true")
  }

  func testBracketMatrix() throws {
    let tex = #"\begin{bmatrix} 0.1 & -0.2 \\ 0.35 & 0.9 \end{bmatrix}"#
    XCTAssertEqual(
      shape(tex),
      "mrow(mo:[ mtable(mtr(mtd(mn:0.1) mtd(mrow(mo:− mn:0.2))) mtr(mtd(mn:0.35) mtd(mn:0.9))) mo:])"
    )
    let minus = try XCTUnwrap(node(tex)?.all.first { $0.text == "−" })
    XCTAssertEqual(minus.attributes["form"], "prefix", "a sign at the start of a cell is unary")
  }

  func testMatrixFamiliesHaveTheirDelimiters() {
    let cells = "mtable(mtr(mtd(mi:a) mtd(mi:b)) mtr(mtd(mi:c) mtd(mi:d)))"
    XCTAssertEqual(shape(#"\begin{matrix} a & b \\ c & d \end{matrix}"#), cells)
    XCTAssertEqual(
      shape(#"\begin{pmatrix} a & b \\ c & d \\ \end{pmatrix}"#), "mrow(mo:( \(cells) mo:))")
    XCTAssertEqual(
      shape(#"\begin{vmatrix} a & b \\ c & d \end{vmatrix}"#), "mrow(mo:| \(cells) mo:|)")
    XCTAssertEqual(
      shape(#"\begin{Vmatrix} a & b \\ c & d \end{Vmatrix}"#), "mrow(mo:‖ \(cells) mo:‖)")
    XCTAssertEqual(
      shape(#"\begin{Bmatrix} a & b \\ c & d \end{Bmatrix}"#), "mrow(mo:{ \(cells) mo:})")
    XCTAssertEqual(
      shape(#"\begin{matrix} a & b \\ c \end{matrix}"#),
      "mtable(mtr(mtd(mi:a) mtd(mi:b)) mtr(mtd(mi:c) mtd))", "short rows are padded")
  }

  func testCases() throws {
    let tex = #"|x| = \begin{cases} x & x \ge 0 \\ -x & \text{otherwise} \end{cases}"#
    XCTAssertEqual(
      shape(tex),
      "mrow(mo:| mi:x mo:| mo:= mrow(mo:{ mtable(mtr(mtd(mi:x) mtd(mrow(mi:x mo:≥ mn:0))) "
        + "mtr(mtd(mrow(mo:− mi:x)) mtd(mtext:otherwise)))))")
    let cells = try XCTUnwrap(node(tex)).all.filter { $0.name == "mtd" }
    XCTAssertTrue(cells.allSatisfy { $0.attributes["style"]?.contains("text-align: left") == true })
  }

  func testAlignedColumnsAlternateRightAndLeft() throws {
    let tex =
      #"\begin{aligned} v_t &= \alpha v_{t-1} - \eta \nabla_w E \\ w_{t+1} &= w_t + v_t \end{aligned}"#
    let table = try XCTUnwrap(node(tex))
    XCTAssertEqual(table.name, "mtable")
    XCTAssertEqual(table.attributes["displaystyle"], "true")
    XCTAssertEqual(table.children.count, 2)
    for row in table.children {
      XCTAssertEqual(row.children.count, 2)
      XCTAssertEqual(row.children[0].attributes["style"]?.contains("text-align: right"), true)
      XCTAssertEqual(row.children[1].attributes["style"]?.contains("text-align: left"), true)
      // `&=` keeps `=` a relation with its spacing: an empty row stands before it.
      XCTAssertEqual(
        row.children[1].children.first?.children.prefix(2).map(\.shape), ["mrow", "mo:="])
    }
    XCTAssertEqual(table.children[1].children[0].shape, "mtd(msub(mi:w mrow(mi:t mo:+ mn:1)))")
    XCTAssertEqual(
      shape(#"\begin{align*} a &= b \end{align*}"#),
      "mtable(mtr(mtd(mi:a) mtd(mrow(mrow mo:= mi:b))))")
    XCTAssertEqual(
      shape(#"\begin{gathered} a \\ b \end{gathered}"#), "mtable(mtr(mtd(mi:a)) mtr(mtd(mi:b)))")
  }

  func testLinesOutsideAnEnvironmentAreSetAsRows() throws {
    XCTAssertEqual(shape(#"a \\ b"#), "mtable(mtr(mtd(mi:a)) mtr(mtd(mi:b)))")
    let aligned = try XCTUnwrap(node(#"a &= b \\ \foo &= d"#, .display))
    XCTAssertEqual(
      aligned.shape,
      #"mtable(mtr(mtd(mi:a) mtd(mrow(mrow mo:= mi:b))) mtr(mtd(merror(mtext:\foo)) mtd(mrow(mrow mo:= mi:d))))"#
    )
    XCTAssertEqual(
      TeX.mathML(#"a &= b \\ \foo &= d"#, style: .display).diagnostics,
      [TeXDiagnostic(message: #"Unknown command \foo"#, offset: 10)],
      "each problem is reported once")
  }

  func testNumbersWithDecimalsAreOneMn() {
    XCTAssertEqual(shape("0.6903 + 12.5x - .5"), "mrow(mn:0.6903 mo:+ mn:12.5 mi:x mo:− mn:.5)")
    XCTAssertEqual(shape("x^12"), "mrow(msup(mi:x mn:1) mn:2)", "TeX takes one token as a script")
    XCTAssertEqual(shape("3.x"), "mrow(mn:3 mo:. mi:x)", "a point not followed by a digit")
    XCTAssertEqual(shape("1.2.3"), "mrow(mn:1.2 mn:.3)", "one decimal point per number")
    XCTAssertEqual(shape(".5.3"), "mrow(mn:.5 mn:.3)")
  }

  func testLargeOperatorLimitsDependOnStyle() {
    XCTAssertEqual(
      shape(#"\sum_{i=1}^n x_i"#, .display),
      "mrow(munderover(mo:∑ mrow(mi:i mo:= mn:1) mi:n) msub(mi:x mi:i))")
    XCTAssertEqual(
      shape(#"\sum_{i=1}^n x_i"#, .inline),
      "mrow(msubsup(mo:∑ mrow(mi:i mo:= mn:1) mi:n) msub(mi:x mi:i))")
    XCTAssertEqual(shape(#"\prod_k p_k"#), "mrow(munder(mo:∏ mi:k) msub(mi:p mi:k))")
    XCTAssertEqual(
      shape(#"\int_0^\infty e^{-x}\,dx"#),
      "mrow(msubsup(mo:∫ mn:0 mi:∞) msup(mi:e mrow(mo:− mi:x)) mspace:0.1667em mi:d mi:x)")
    XCTAssertEqual(shape(#"\int\limits_0^1 f"#), "mrow(munderover(mo:∫ mn:0 mn:1) mi:f)")
    XCTAssertEqual(shape(#"\sum\nolimits_i x"#), "mrow(msub(mo:∑ mi:i) mi:x)")
    XCTAssertEqual(
      shape(#"\frac{\sum_i a}{b}"#), "mfrac(mrow(msub(mo:∑ mi:i) mi:a) mi:b)",
      "a fraction's parts are in text style")
    XCTAssertEqual(shape(#"\dfrac{\sum_i a}{b}"#), "mstyle(mfrac(mrow(msub(mo:∑ mi:i) mi:a) mi:b))")
  }

  func testNamedFunctions() {
    XCTAssertEqual(shape(#"\log x"#), "mrow(mi:log mo:\u{2061} mspace:0.1667em mi:x)")
    XCTAssertEqual(shape(#"\tanh(x)"#), "mrow(mi:tanh mo:\u{2061} mo:( mi:x mo:))")
    XCTAssertEqual(
      shape(#"\max_\theta f"#, .display),
      "mrow(munder(mi:max mi:θ) mo:\u{2061} mspace:0.1667em mi:f)")
    XCTAssertEqual(
      shape(#"\max_\theta f"#, .inline), "mrow(msub(mi:max mi:θ) mo:\u{2061} mspace:0.1667em mi:f)")
    XCTAssertEqual(
      shape(#"\arg\max_\theta"#),
      "mrow(mi:arg mo:\u{2061} mspace:0.1667em munder(mi:max mi:θ) mo:\u{2061})")
    XCTAssertEqual(
      shape(#"\operatorname*{arg\,max}_\theta"#),
      "mrow(munder(mrow(mi:arg mspace:0.1667em mi:max) mi:θ) mo:\u{2061})")
    XCTAssertEqual(
      shape(#"\lim_{n\to\infty} a_n"#, .inline),
      "mrow(msub(mi:lim mrow(mi:n mo:→ mi:∞)) mo:\u{2061} mspace:0.1667em msub(mi:a mi:n))")
    XCTAssertEqual(
      shape(#"\exp\min\sin"#),
      "mrow(mi:exp mo:\u{2061} mspace:0.1667em mi:min mo:\u{2061} mspace:0.1667em mi:sin mo:\u{2061})"
    )
  }

  func testRootsAndFractionStyles() throws {
    XCTAssertEqual(shape(#"\sqrt[3]{x}"#), "mroot(mi:x mn:3)")
    XCTAssertEqual(shape(#"\sqrt{x^2+1}"#), "msqrt(mrow(msup(mi:x mn:2) mo:+ mn:1))")
    let display = try XCTUnwrap(node(#"\dfrac{a}{b}"#, .inline))
    XCTAssertEqual(display.name, "mstyle")
    XCTAssertEqual(display.attributes["displaystyle"], "true")
    let text = try XCTUnwrap(node(#"\tfrac{a}{b}"#))
    XCTAssertEqual(text.attributes["displaystyle"], "false")
    XCTAssertEqual(shape(#"\binom{n}{k}"#), "mrow(mo:( mfrac(mi:n mi:k) mo:))")
    XCTAssertEqual(
      try XCTUnwrap(node(#"\binom{n}{k}"#)?.first("mfrac")).attributes["linethickness"], "0")
  }

  func testLettersGreekAndFonts() throws {
    XCTAssertEqual(shape(#"\alpha\beta\sigma\Gamma\nabla"#), "mrow(mi:α mi:β mi:σ mi:Γ mi:∇)")
    let capital = try XCTUnwrap(node(#"\Gamma"#))
    XCTAssertEqual(capital.attributes["mathvariant"], "normal", "capital Greek is upright")
    XCTAssertEqual(shape(#"\mathbf{W}"#), "mi:\u{1D416}")
    XCTAssertEqual(shape(#"\mathbf{x1}"#), "mrow(mi:\u{1D431} mn:\u{1D7CF})")
    XCTAssertEqual(shape(#"\mathbb{R}^n"#), "msup(mi:ℝ mi:n)")
    XCTAssertEqual(shape(#"\mathbb{E}"#), "mi:\u{1D53C}")
    XCTAssertEqual(shape(#"\mathcal{L}\mathcal{A}"#), "mrow(mi:ℒ mi:\u{1D49C})")
    XCTAssertEqual(shape(#"\boldsymbol{\theta}"#), "mi:\u{1D73D}")
    XCTAssertEqual(shape(#"\boldsymbol{x}\boldsymbol{\Sigma}"#), "mrow(mi:\u{1D499} mi:\u{1D6BA})")
    XCTAssertEqual(shape(#"\mathrm{d}x"#), "mrow(mi:d mi:x)")
    XCTAssertEqual(
      try XCTUnwrap(node(#"\mathrm{d}x"#)?.children.first).attributes["mathvariant"], "normal")
    XCTAssertEqual(shape(#"\mathrm{ReLU}(x)"#), "mrow(mi:ReLU mo:( mi:x mo:))")
  }

  func testText() throws {
    XCTAssertEqual(shape(#"\text{if } x > 0"#), "mrow(mtext:if\u{A0} mi:x mo:> mn:0)")
    XCTAssertEqual(shape(#"\text{for all $i$}"#), "mrow(mtext:for\u{A0}all\u{A0} mi:i)")
    XCTAssertEqual(shape(#"\text{a\{b\}  c}"#), "mtext:a{b}\u{A0}c")
    XCTAssertEqual(shape(#"\textbf{Note}"#), "mtext:Note")
    let nested = try XCTUnwrap(node(#"\text{a \textbf{b \textit{c}}}"#))
    XCTAssertEqual(nested.shape, "mrow(mtext:a\u{A0} mrow(mtext:b\u{A0} mtext:c))")
    XCTAssertEqual(
      nested.all.filter { $0.name == "mtext" }.map { $0.attributes["style"] },
      [nil, "font-weight: bold", "font-weight: bold; font-style: italic"])
  }

  func testArraysAndOtherEnvironments() throws {
    let array = try XCTUnwrap(node(#"\begin{array}{l|cr} a & b & c \end{array}"#))
    XCTAssertEqual(array.shape, "mtable(mtr(mtd(mi:a) mtd(mi:b) mtd(mi:c)))")
    XCTAssertEqual(
      array.all.filter { $0.name == "mtd" }.map { $0.attributes["style"] },
      ["text-align: left", nil, "text-align: right; text-align: -webkit-right"])
    XCTAssertEqual(
      shape(#"\begin{rcases} a \\ b \end{rcases}"#),
      "mrow(mtable(mtr(mtd(mi:a)) mtr(mtd(mi:b))) mo:})")
    XCTAssertEqual(
      try XCTUnwrap(node(#"\begin{smallmatrix} a \end{smallmatrix}"#)).attributes["scriptlevel"],
      "1")
    XCTAssertEqual(
      try XCTUnwrap(node(#"\begin{dcases} a \end{dcases}"#)?.first("mtable")).attributes[
        "displaystyle"], "true")
    XCTAssertEqual(
      shape(#"\begin{alignedat}{2} a &= b \end{alignedat}"#),
      "mtable(mtr(mtd(mi:a) mtd(mrow(mrow mo:= mi:b))))")
    assertWholeFormulaError(
      #"\begin{array}{lx} a \end{array}"#,
      #"Unsupported column 'x' in \begin{array}: use l, c, r or |"#, at: 0)
  }

  func testAccentsBracesAndStacks() throws {
    XCTAssertEqual(
      shape(#"\bar{x}\tilde{w}\vec{v}\dot{x}\ddot{x}\overline{AB}"#),
      "mrow(mover(mi:x mo:¯) mover(mi:w mo:~) mover(mi:v mo:→) mover(mi:x mo:˙) mover(mi:x mo:¨) "
        + "mrow(mrow(mi:A mi:B)))")
    XCTAssertEqual(
      try XCTUnwrap(node(#"\overline{AB}"#)).attributes["style"],
      "border-top: 0.065em solid; padding-top: 0.1em")
    XCTAssertEqual(
      try XCTUnwrap(node(#"\underline{u}"#)).attributes["style"],
      "border-bottom: 0.065em solid; padding-bottom: 0.1em")
    XCTAssertEqual(
      shape(#"\underbrace{a+b}_{\text{2 terms}}"#, .inline),
      "munder(munder(mrow(mi:a mo:+ mi:b) mo:⏟) mtext:2\u{A0}terms)",
      "braces take their label under, inline too")
    XCTAssertEqual(shape(#"\overbrace{x x}^{n}"#), "mover(mover(mrow(mi:x mi:x) mo:⏞) mi:n)")
    XCTAssertEqual(shape(#"\overset{!}{=}"#), "mover(mo:= mrow(mo:! mspace:))")
    XCTAssertEqual(
      try XCTUnwrap(node(#"\stackrel{\text{def}}{=}"#)?.first("mspace")).attributes["depth"],
      "0.15em")
    XCTAssertEqual(
      shape(#"a \xrightarrow{f} b"#),
      "mrow(mi:a mover(mo:→ mrow(mspace:0.4em mi:f mspace:0.4em)) mi:b)")
  }

  func testOperatorsRelationsArrowsAndDots() {
    XCTAssertEqual(
      shape(#"a \cdot b \times c \le d \ge e \ne f \approx g \pm \infty"#),
      "mrow(mi:a mo:⋅ mi:b mo:× mi:c mo:≤ mi:d mo:≥ mi:e mo:≠ mi:f mo:≈ mi:g mo:± mi:∞)")
    XCTAssertEqual(
      shape(#"\to \rightarrow \leftarrow \Rightarrow \iff \mapsto"#),
      "mrow(mo:→ mo:→ mo:← mo:⇒ mo:⟺ mo:↦)")
    XCTAssertEqual(
      shape(#"x_1, \ldots, x_n + \cdots"#),
      "mrow(msub(mi:x mn:1) mo:, mo:… mo:, msub(mi:x mi:n) mo:+ mo:⋯)")
    XCTAssertEqual(
      shape(#"p(x \mid y) \|x\| \{a\}"#),
      "mrow(mi:p mo:( mi:x mo:∣ mi:y mo:) mo:‖ mi:x mo:‖ mo:{ mi:a mo:})")
    XCTAssertEqual(shape(#"a \not= b \not\in C"#), "mrow(mi:a mo:≠ mi:b mo:∉ mi:C)")
  }

  /// The TeXbook, ch. 17: a `{...}` subformula is an Ord atom, so `1{,}000` sets its comma
  /// with no space around it, while a bare `,` is Punct with a thin space after it.
  func testBracedOperatorIsOrdinaryWithoutSpacing() throws {
    XCTAssertEqual(shape("1{,}000"), "mrow(mn:1 mo:, mn:000)")
    let spacing = { (tex: String, text: String) -> [[String?]] in
      (self.node(tex)?.all ?? []).filter { $0.name == "mo" && $0.text == text }.map {
        [$0.attributes["lspace"], $0.attributes["rspace"]]
      }
    }
    XCTAssertEqual(spacing("1{,}000", ","), [["0em", "0em"]])
    XCTAssertEqual(spacing("1,000", ","), [[nil, nil]], "a bare comma keeps its spacing")
    XCTAssertEqual(spacing("a{=}b", "="), [["0em", "0em"]])
    XCTAssertEqual(spacing("a{+}b - {-}c", "+"), [["0em", "0em"]])
    XCTAssertEqual(
      spacing("{a+b}", "+"), [[nil, nil]], "an operator among other atoms in braces keeps its")
    XCTAssertEqual(shape("{a+b}"), "mrow(mi:a mo:+ mi:b)")
  }

  func testUnarySigns() throws {
    let minus = { (tex: String) -> [String?] in
      (self.node(tex)?.all ?? []).filter { $0.text == "−" || $0.text == "+" }.map {
        $0.attributes["form"]
      }
    }
    XCTAssertEqual(minus("-x"), ["prefix"])
    XCTAssertEqual(minus("a - b"), [nil])
    XCTAssertEqual(minus("a = -b"), ["prefix"])
    XCTAssertEqual(minus("(-1)"), ["prefix"])
    XCTAssertEqual(minus(#"a \, - b"#), [nil], "spaces do not change the class of what follows")
    XCTAssertEqual(minus(#"\left(-x\right) + 1"#), ["prefix", nil])
  }

  func testPrimes() {
    XCTAssertEqual(shape("f'(x)"), "mrow(mrow(mi:f mo:′) mo:( mi:x mo:))")
    XCTAssertEqual(shape("y''"), "mrow(mi:y mo:″)")
    XCTAssertEqual(shape("y'^2"), "msup(mrow(mi:y mo:′) mn:2)")
  }

  func testSpacing() {
    XCTAssertEqual(
      shape(#"a\,b\:c\;d\quad e\qquad f\ g~h"#),
      "mrow(mi:a mspace:0.1667em mi:b mspace:0.2222em mi:c mspace:0.2778em mi:d mspace:1em mi:e "
        + "mspace:2em mi:f mspace:0.3333em mi:g mspace:0.3333em mi:h)")
    XCTAssertEqual(shape(#"a\!b"#), "mrow(mi:a mspace:margin-left: -0.1667em mi:b)")
    XCTAssertEqual(
      shape(#"a\hspace{2em}b\mkern18mu c"#), "mrow(mi:a mspace:2em mi:b mspace:1em mi:c)")
  }

  func testLeftMiddleRight() {
    XCTAssertEqual(
      shape(#"\left\{ x \;\middle|\; x > 0 \right\}"#),
      "mrow(mo:{ mrow(mi:x mspace:0.2778em mo:| mspace:0.2778em mi:x mo:> mn:0) mo:})")
    XCTAssertEqual(
      shape(#"\left. \frac{a}{b} \right|_{x=0}"#),
      "msub(mrow(mfrac(mi:a mi:b) mo:|) mrow(mi:x mo:= mn:0))")
    XCTAssertEqual(
      shape(#"\langle x \rangle \bigl( y \bigr)"#), "mrow(mo:⟨ mi:x mo:⟩ mo:( mi:y mo:))")
  }

  func testStyleAndColorSwitches() throws {
    XCTAssertEqual(
      shape(#"a {\displaystyle \sum_i x} b"#, .inline),
      "mrow(mi:a mstyle(mrow(munder(mo:∑ mi:i) mi:x)) mi:b)")
    let colored = try XCTUnwrap(node(#"\textcolor{red}{x} + {\color{#1f77b4} y}"#))
    XCTAssertEqual(
      colored.all.filter { $0.name == "mstyle" }.map { $0.attributes["mathcolor"] },
      ["red", "#1f77b4"])
  }

  func testClassesPhantomsAndSubstack() throws {
    XCTAssertEqual(
      shape(#"a \mathrel{\text{iff}} b \mathbin{-} c"#),
      "mrow(mi:a mrow(mspace:0.2778em mtext:iff mspace:0.2778em) mi:b mo:− mi:c)")
    XCTAssertEqual(shape(#"\mathop{\mathrm{Var}}_x"#), "munder(mi:Var mi:x)")
    XCTAssertEqual(shape(#"a\phantom{b}c"#), "mrow(mi:a mpadded(mi:b) mi:c)")
    XCTAssertEqual(try XCTUnwrap(node(#"\vphantom{b}"#)).attributes["width"], "0")
    XCTAssertEqual(
      shape(#"\sum_{\substack{i < j \\ k}} x"#),
      "mrow(munder(mo:∑ mtable(mtr(mtd(mrow(mi:i mo:< mi:j))) mtr(mtd(mi:k)))) mi:x)")
    assertWholeFormulaError(#"\substack{a \\ b"#, "Unmatched '{': add the closing '}'", at: 9)
    XCTAssertEqual(shape(#"a \vspace{2pt} b"#), "mrow(mi:a mrow mi:b)")
  }

  func testTagsLabelsAndBoxes() throws {
    XCTAssertEqual(
      shape(#"E = mc^2 \tag{1}\label{eq:energy}"#),
      "mrow(mi:E mo:= mi:m msup(mi:c mn:2) mrow(mspace:2em mo:( mtext:1 mo:)) mrow)")
    XCTAssertEqual(shape(#"x \tag*{A}"#), "mrow(mi:x mrow(mspace:2em mtext:A))")
    let box = try XCTUnwrap(node(#"\boxed{x = 1}"#))
    XCTAssertEqual(box.shape, "mrow(mrow(mi:x mo:= mn:1))")
    XCTAssertEqual(box.attributes["style"]?.contains("border"), true)
  }

  // MARK: Output form

  func testDisplayAndInlineEnvelopes() {
    let display = TeX.mathML("x", style: .display).markup
    XCTAssertTrue(
      display.hasPrefix(
        #"<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><semantics>"#))
    let inline = TeX.mathML("x", style: .inline).markup
    XCTAssertTrue(
      inline.hasPrefix(
        #"<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><semantics>"#))
    XCTAssertEqual(shape("", .inline), "mrow")
  }

  func testMarkupIsEscaped() throws {
    let tex = #"a < b \& c > d, \text{<script>&"}"#
    let rendering = TeX.mathML(tex, style: .inline)
    XCTAssertFalse(rendering.markup.contains("<script>"))
    XCTAssertTrue(rendering.markup.contains("&lt;script&gt;&amp;\""))
    XCTAssertEqual(
      shape(tex, .inline), "mrow(mi:a mo:< mi:b mi:& mi:c mo:> mi:d mo:, mtext:<script>&\")")
  }

  func testControlCharactersStillGiveWellFormedXML() {
    for tex in ["a\u{0}b", "\u{1B}[31m", "x\u{FFFF}", "\\text{\u{7}}", "a\r\nb", "\u{0}\\foo"] {
      let rendering = TeX.mathML(tex, style: .inline)
      XCTAssertNotNil(formula(rendering, source: tex, style: .inline), tex.debugDescription)
    }
  }

  func testOutputIsDeterministic() {
    let tex =
      #"\sum_{i=1}^n \frac{\partial \mathcal{L}}{\partial w_i} \begin{cases} a & b \end{cases}"#
    XCTAssertEqual(TeX.mathML(tex, style: .display), TeX.mathML(tex, style: .display))
  }

  // MARK: Errors

  func testUnknownCommandIsALocalErrorAndTheRestRenders() throws {
    let tex = #"\frac{a}{\foo} + b"#
    let rendering = TeX.mathML(tex, style: .inline)
    XCTAssertEqual(
      rendering.diagnostics, [TeXDiagnostic(message: #"Unknown command \foo"#, offset: 9)])
    XCTAssertEqual(
      tree(rendering, tex, .inline)?.shape, #"mrow(mfrac(mi:a merror(mtext:\foo)) mo:+ mi:b)"#)
  }

  /// A structural error turns the whole formula into one merror holding the source.
  func assertWholeFormulaError(
    _ tex: String, _ message: String, at offset: Int, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let rendering = TeX.mathML(tex, style: .display)
    XCTAssertEqual(
      rendering.diagnostics.last, TeXDiagnostic(message: message, offset: offset), file: file,
      line: line)
    XCTAssertEqual(
      tree(rendering, tex, .display, file: file, line: line)?.shape,
      "merror(mtext:\(cleanedForXML(tex)))",
      file: file, line: line)
  }

  func testStructuralErrors() {
    assertWholeFormulaError(#"\frac{a"#, "Unmatched '{': add the closing '}'", at: 5)
    assertWholeFormulaError("a}", "Unmatched '}'", at: 1)
    assertWholeFormulaError("{a}}b", "Unmatched '}'", at: 3)
    assertWholeFormulaError(#"\left( x"#, #"\left without a matching \right"#, at: 0)
    assertWholeFormulaError(#"x \right)"#, #"\right without a matching \left"#, at: 2)
    assertWholeFormulaError(
      #"\left x \right)"#, #"Missing delimiter after \left: write \left( or \left. for none"#, at: 0
    )
    assertWholeFormulaError(#"\begin{foo} a \end{foo}"#, "Unknown environment 'foo'", at: 0)
    assertWholeFormulaError(
      #"\begin{matrix} a \end{pmatrix}"#, #"\begin{matrix} ended by \end{pmatrix}"#, at: 17)
    assertWholeFormulaError(
      #"\begin{matrix} a & b"#, #"\begin{matrix} without a matching \end{matrix}"#, at: 0)
    assertWholeFormulaError(#"a \end{matrix}"#, #"\end without a matching \begin"#, at: 2)
    assertWholeFormulaError("x^", #"Missing argument for ^"#, at: 1)
    assertWholeFormulaError(#"\frac{a}"#, #"Missing argument for \frac"#, at: 0)
    assertWholeFormulaError("x^2^3", "Double superscript: use braces, x^{a^b}", at: 3)
    assertWholeFormulaError("x_2_3", "Double subscript: use braces, x_{a_b}", at: 3)
    assertWholeFormulaError("x^2'", "Prime after a superscript: write x'^2", at: 3)
    assertWholeFormulaError("{a & b}", "Unmatched '{': add the closing '}'", at: 0)
    assertWholeFormulaError(#"{a \\ b}"#, "Unmatched '{': add the closing '}'", at: 0)
    assertWholeFormulaError(#"a \\ b \end{aligned}"#, #"\end without a matching \begin"#, at: 7)
    assertWholeFormulaError(#"\sqrt[3{x}"#, "Unmatched '[': add the closing ']'", at: 5)
    assertWholeFormulaError(#"\text{abc"#, "Unmatched '{': add the closing '}'", at: 5)
    assertWholeFormulaError(
      #"\color{red;x}"#,
      "Unsupported color 'red;x' after \\color: use a name such as red, or #1f77b4", at: 0)
  }

  func testRecoverableErrors() {
    let cases: [(String, String, Int)] = [
      (#"x\"#, "A lone '\\' at the end of the formula", 1),
      (#"a \middle| b"#, #"\middle outside \left ... \right"#, 2),
      (#"\text{a \foo b}"#, "Unknown command in text", 8),
      ("a # b", "Unexpected '#'", 2),
      (#"\not\frac{a}{b}"#, #"\not must be followed by a symbol"#, 0),
    ]
    for (tex, message, offset) in cases {
      let rendering = TeX.mathML(tex, style: .inline)
      XCTAssertEqual(rendering.diagnostics, [TeXDiagnostic(message: message, offset: offset)], tex)
      let tree = formula(rendering, source: tex, style: .inline)
      XCTAssertNotNil(tree?.first("merror"), tex)
    }
  }

  func testLimitsAfterAnOrdinaryAtomIsReportedAndIgnored() {
    let rendering = TeX.mathML(#"x\limits_2"#, style: .display)
    XCTAssertEqual(
      rendering.diagnostics,
      [TeXDiagnostic(message: #"\limits must follow an operator"#, offset: 1)])
    XCTAssertEqual(tree(rendering, #"x\limits_2"#, .display)?.shape, "msub(mi:x mn:2)")
  }

  func testOffsetsCountCharactersNotBytes() {
    let rendering = TeX.mathML(#"é + ∑ \foo"#, style: .inline)
    XCTAssertEqual(rendering.diagnostics.map(\.offset), [6])
  }

  func testDeepNestingIsReportedNotFollowed() {
    let depth = 10_000
    let sources = [
      String(repeating: "{", count: depth) + "x" + String(repeating: "}", count: depth),
      String(repeating: "x^{", count: depth) + "x" + String(repeating: "}", count: depth),
      String(repeating: #"\sqrt"#, count: depth) + "x",
      String(repeating: #"\frac{"#, count: depth) + "x" + String(repeating: "}{y}", count: depth),
      String(repeating: #"\left("#, count: depth) + "x"
        + String(repeating: #"\right)"#, count: depth),
      String(repeating: #"\begin{matrix}"#, count: depth),
      String(repeating: #"\text{$"#, count: depth),
      String(repeating: "{", count: depth),
    ]
    // A secondary thread's small stack shows that the parser's depth bound, not the 8 MB main
    // stack, keeps this safe. AddressSanitizer's frames are about four times larger (the
    // bound's 50 levels overflowed 512 KiB after about 40), so it gets 2 MiB: still far below
    // the 100+ MB that 10,000 unbounded levels would need.
    final class Results: @unchecked Sendable { var renderings: [MathRendering] = [] }
    let results = Results()
    let done = expectation(description: "parsed on a 512 KiB stack")
    let thread = Thread {
      results.renderings = sources.map { TeX.mathML($0, style: .display) }
      done.fulfill()
    }
    thread.stackSize = (Sanitizer.isAddressSanitizerActive ? 4 : 1) * 512 * 1024
    thread.start()
    wait(for: [done], timeout: TestTime.bound(120))
    XCTAssertEqual(results.renderings.count, sources.count)
    for (source, rendering) in zip(sources, results.renderings) {
      XCTAssertEqual(rendering.diagnostics.count, 1, String(source.prefix(20)))
      XCTAssertEqual(
        rendering.diagnostics.first?.message, "Formula nests deeper than 50 levels; simplify it")
      XCTAssertNotNil(parseXML(rendering.markup))
    }
    // Nesting within the bound renders.
    let nested = String(repeating: "{", count: 25) + "x" + String(repeating: "}", count: 25)
    XCTAssertEqual(TeX.mathML(nested, style: .inline).diagnostics, [])
  }

  /// Random token soup: whatever the input, the output is well-formed MathML Core and the
  /// conversion returns. A fixed-seed generator keeps the test reproducible.
  func testRandomInputAlwaysGivesWellFormedMathML() {
    let pieces = [
      "x", "1", "0.5", "+", "-", "=", "(", ")", "[", "]", "{", "}", "^", "_", "'", "&", "\\\\",
      "\\frac", "\\sqrt", "\\left(", "\\right)", "\\middle|", "\\sum", "\\int", "\\text{a b}",
      "\\begin{matrix}", "\\end{matrix}", "\\begin{cases}", "\\end{cases}", "\\alpha", "\\foo",
      "\\mathbf", "\\hat", "\\underbrace", "\\operatorname*", "\\limits", "\\,", "\\!", "$", "%",
      "<", "&amp;", "\\", " ", "\\not", "\\color{red}", "\\displaystyle", "\\binom", "é", "\u{0}",
    ]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func random(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    for _ in 0..<2_000 {
      let tex = (0..<random(24)).map { _ in pieces[random(pieces.count)] }.joined()
      let style: MathStyle = random(2) == 0 ? .inline : .display
      let rendering = TeX.mathML(tex, style: style)
      XCTAssertNotNil(formula(rendering, source: tex, style: style), tex)
      for diagnostic in rendering.diagnostics {
        XCTAssertTrue((0...tex.count).contains(diagnostic.offset), "\(tex): \(diagnostic)")
      }
    }
  }
}
