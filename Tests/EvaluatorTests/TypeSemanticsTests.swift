import Foundation
import Testing

@testable import Evaluator

/// Session 4 additions to cell types: `callAsFunction`, a `description` that describes itself,
/// nested types, and what a later cell's declaration does to an earlier one's name. What runs
/// is also in the differential files (`call-as-function`, `nested-types`), recorded from `swift`.
@Suite struct TypeSemanticsTests {
  @Test func aDescriptionThatDescribesItselfIsALocatedLimit() {
    let decl = """
      struct D: CustomStringConvertible {
        var v: Int
        var description: String { "D is \\(self)" }
      }

      """
    let message =
      "the 'description' of 'D' calls itself more than 1000 deep: describing 'self' inside 'description' (\"\\(self)\") never ends (Swift overflows its stack)"
    // print: at the print, nothing printed (Swift overflows its stack here)
    let printing = runCells([decl + "print(\"before\")\nprint(D(v: 1))"])[0]
    #expect(printing.error?.message == message)
    #expect(printing.error?.location.line == 15)
    #expect(printing.error?.location.column == 1)
    #expect(printed(printing) == "before\n")
    // interpolation: at the statement that asked
    let interpolating = runCells([decl + "let s = \"\\(D(v: 1))\"\nprint(s.count)"])[0]
    #expect(interpolating.error?.message == message)
    #expect(interpolating.error?.location.line == 14)
    #expect(interpolating.error?.location.column == 9)
    // the cell's value
    let shown = runCells([decl + "D(v: 2)"])[0]
    #expect(shown.error?.message == message)
    #expect(shown.error?.location.line == 14)
    // an error inside a description stops the statement rather than falling back silently
    let failing = runCells([
      "struct E: CustomStringConvertible {\n  var xs: [Int]\n  var description: String { \"E\\(xs[3])\" }\n}\nprint(E(xs: [1]))"
    ])[0]
    #expect(failing.error?.message == "Index out of range: index 3 in an array of 1 elements")
    #expect(failing.error?.location.line == 12)
    #expect(failing.error?.location.column == 35)
    // describing other values of the same type inside `description` still works
    #expect(
      result(
        "struct Node: CustomStringConvertible {\n  var v: Int\n  var next: [Node]\n  var description: String { next.isEmpty ? \"\\(v)\" : \"\\(v)->\\(next[0])\" }\n}\nprint(Node(v: 1, next: [Node(v: 2, next: [])]))"
      ) == "1->2\n")
  }

  @Test func callAsFunctionRefusals() {
    let decl = """
      struct Affine {
        var a: Double
        func callAsFunction(_ x: Double) -> Double { a * x }
      }
      struct Plain { var a: Double }
      struct Step {
        var n = 0
        mutating func callAsFunction() { n += 1 }
      }

      """
    // Swift's errors: no callAsFunction; wrong labels; a mutating one on a constant
    let plain = runCells([decl + "let p = Plain(a: 1)\nprint(p(2))"])[0]
    #expect(plain.error?.message == "cannot call value of non-function type 'Plain'")
    #expect(plain.error?.location.line == 20)
    #expect(plain.error?.location.column == 7)
    let labels = runCells([decl + "let f = Affine(a: 2)\nprint(f(x: 2))"])[0]
    #expect(
      labels.error?.message
        == "no 'callAsFunction' accepts these arguments: callAsFunction(x:)")
    #expect(labels.error?.notes == ["accepted: callAsFunction(_:)"])
    #expect(labels.error?.location.line == 20)
    let constant = runCells([decl + "let s = Step()\ns()"])[0]
    #expect(
      constant.error?.message
        == "cannot use mutating member on immutable value: 's' is a 'let' constant")
    #expect(constant.error?.location.line == 20)
    #expect(constant.error?.location.column == 1)
    // a mutating one called on an element (Swift changes the element; refused here)
    let element = runCells([decl + "var steps = [Step()]\nsteps[0]()"])[0]
    #expect(
      element.error?.message
        == "not supported in cells: a 'mutating' callAsFunction called on a value that is not a variable (call it on a 'var')"
    )
    #expect(element.error?.location.line == 20)
    #expect(element.error?.location.column == 1)
  }
}
