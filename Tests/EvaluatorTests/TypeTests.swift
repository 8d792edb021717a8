import Foundation
import Testing

@testable import Evaluator

/// Structs and enums declared in cells. Expected values are Swift's own output for the same
/// source (checked with `swift` 6.3 on this machine) or derived by hand in the comments.
@Suite struct TypeTests {
  @Test func structsHaveMemberwiseInitializersAndValueSemantics() {
    let point = "struct Point { var x: Double; var y: Double }\n"
    #expect(result(point + "let p = Point(x: 1, y: 2)\np") == "=> Point(x: 1.0, y: 2.0)")
    #expect(
      result(point + "let p = Point(x: 1, y: 2)\nvar q = p\nq.x = 5\nprint(p.x, q.x)")
        == "1.0 5.0\n")
    #expect(
      result(
        point
          + "var ps = [Point(x: 1, y: 2)]\nlet copy = ps\nps[0].y += 1\nprint(copy[0].y, ps[0].y)")
        == "2.0 3.0\n")
    // a `let` with an initial value is not a parameter; a `var` with one may be left out
    #expect(
      result(
        "struct C { var n = 0; let k = 7; var s: String }\nprint(C(s: \"a\"), C(n: 2, s: \"b\"))")
        == "C(n: 0, k: 7, s: \"a\") C(n: 2, k: 7, s: \"b\")\n")
  }

  @Test func methodsSeeSelfAndMutateOnlyWhenMutating() {
    let counter = """
      struct Counter {
        var count = 0
        mutating func add(_ n: Int = 1) { count += n }
        func doubled() -> Int { count * 2 }
        var isEmpty: Bool { count == 0 }
      }

      """
    #expect(
      result(
        counter + "var c = Counter()\nc.add()\nc.add(4)\nprint(c.count, c.doubled(), c.isEmpty)")
        == "5 10 false\n")
    let outcome = runCells([counter + "let c = Counter()\nc.add()"])[0]
    #expect(
      outcome.error?.message
        == "cannot use mutating member on immutable value: 'c' is a 'let' constant")
    #expect(outcome.error?.location.line == 17)
  }

  @Test func explicitInitializersReplaceTheMemberwiseOne() {
    let stats = """
      struct Stats {
        let mean: Double
        let count: Int
        init(_ xs: [Double]) {
          count = xs.count
          self.mean = xs.reduce(0, +) / Double(xs.count)
        }
      }

      """
    // mean of 1, 2, 6 = 9 / 3 = 3
    #expect(result(stats + "Stats([1, 2, 6])") == "=> Stats(mean: 3.0, count: 3)")
    #expect(
      runCells([stats + "Stats(mean: 1, count: 1)"])[0].error?.message
        == "extra argument 'count' in call")
  }

  @Test func staticMembersAndTypesUsedInLaterCells() {
    let outcomes = runCells([
      "struct V { var x: Int\n static let zero = V(x: 0)\n static func of(_ x: Int) -> V { V(x: x) } }",
      "let v = V.of(3)\nprint(v, V.zero, v.x + V.zero.x)",
    ])
    #expect(outcomes[0].error == nil)
    #expect(printed(outcomes[1]) == "V(x: 3) V(x: 0) 3\n")
  }

  @Test func equatableOnlyWhenDeclared() {
    #expect(
      result("struct P: Equatable { var x: Int }\nprint(P(x: 1) == P(x: 1), P(x: 1) != P(x: 2))")
        == "true true\n")
    #expect(
      result("struct P { var x: Int }\nP(x: 1) == P(x: 1)")
        == "error: referencing operator function '==' on 'Equatable' requires that 'P' conform to 'Equatable'"
    )
    #expect(
      result("enum E { case a(Int), b }\nE.b == E.b")
        == "error: binary operator '==' cannot be applied to two 'E' operands")
  }

  @Test func enumsPrintAndSwitchAsSwiftDoes() {
    let shape = """
      enum Shape {
        case circle(radius: Double), square(Double), dot
      }

      """
    #expect(result(shape + "Shape.circle(radius: 2)") == "=> circle(radius: 2.0)")
    #expect(result(shape + "[Shape.square(1), .dot]") == "=> [nb.Shape.square(1.0), nb.Shape.dot]")
    let outcome = runCells([
      shape + "let s = Shape.dot\nswitch s {\ncase .circle(let r): print(r)\ncase .dot: break\n}"
    ])[0]
    #expect(outcome.error?.message == "switch must be exhaustive")
    #expect(outcome.error?.notes == ["add missing case: '.square(_)'"])
    #expect(outcome.error?.location.line == 14)
  }

  @Test func rawValuesFollowSwiftsRules() {
    #expect(
      result(
        "enum L: Int { case a = 3, b, c = 10, d }\nprint(L.b.rawValue, L.d.rawValue, L(rawValue: 10)!, L(rawValue: 5) as Any)"
      )
        == "4 11 c nil\n")
    #expect(
      result(
        "enum G: String, CaseIterable { case pass = \"P\", fail }\nprint(G.allCases.map { $0.rawValue })"
      )
        == "[\"P\", \"fail\"]\n")
  }

  @Test func unsupportedTypeFeaturesAreRefusedWhereTheyStand() {
    for (cell, message, column) in [
      ("struct S { var x: Int; subscript(i: Int) -> Int { x } }", "subscripts in types", 24),
      ("struct S { struct T {} }", "nested types", 12),
      (
        "struct S: CustomStringConvertible { var description: String { \"s\" } }",
        "conformance to 'CustomStringConvertible' (cell types may declare Equatable, Hashable, CaseIterable and an enum's raw type)",
        11
      ),
      ("struct S<T> { var x: T }", "generic types", 9),
      (
        "func f() { struct L {} }",
        "types declared inside a function or block (declare them at a cell's top level)", 12
      ),
    ] {
      let outcome = runCells([cell])[0]
      #expect(outcome.error?.message == "not supported in cells: \(message)", "\(cell)")
      #expect(outcome.error?.location.column == column, "\(cell)")
    }
  }
}
