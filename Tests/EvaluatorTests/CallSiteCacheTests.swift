import Foundation
import Testing

@testable import Evaluator

/// A call site remembers the overload it found for the receiver's type; what it remembers must
/// never give another answer than looking the method up again would.
@Suite struct CallSiteCacheTests {
  /// After a type is redeclared, `g` (compiled with the earlier `p`) still calls the earlier
  /// type's method at its site, and a new site calls the new type's.
  @Test func aRedeclaredTypeKeepsEachSitesMethodRight() {
    let outcomes = runCells([
      "struct A { func f() -> Int { 1 } }\nvar p = A()",
      "func g() -> Int { p.f() }\nprint(g(), g())",
      "struct A { func f() -> Int { 2 } }\nvar p = A()",
      "print(g(), g(), p.f(), p.f())",
    ])
    #expect(outcomes.map { $0.error?.message ?? printed($0) } == ["", "1 1\n", "", "1 1 2 2\n"])
  }

  /// A stored closure called like a method belongs to each value, not to the type.
  @Test func storedClosuresAreNotRemembered() {
    let cell = """
      struct S { var f: () -> Int }
      let values = [S(f: { 1 }), S(f: { 2 }), S(f: { 3 })]
      for s in values { print(s.f()) }
      """
    #expect(result(cell) == "1\n2\n3\n")
  }

  /// Mutating methods are not remembered: every call changes the variable.
  @Test func mutatingMethodsStillMutate() {
    let cell = """
      struct C { var n = 0; mutating func inc() { n += 1 } }
      var c = C()
      for _ in 0..<3 { c.inc() }
      print(c.n)
      """
    #expect(result(cell) == "3\n")
  }
}

/// Property sites remember a cell struct's field index per type.
@Suite struct FieldSiteCacheTests {
  /// After a redeclaration that moves `y`, `show` (compiled for the earlier type) and new sites
  /// each read their own type's field.
  @Test func aRedeclaredTypesFieldsAreFoundAgain() {
    let outcomes = runCells([
      "struct P { var x: Int; var y: Int }\nlet old = P(x: 1, y: 2)\nfunc show() -> Int { old.y }\nprint(show())",
      "struct P { var y: Int; var z: Int; var x: Int }\nlet q = P(y: 5, z: 6, x: 7)\nfor _ in 0..<2 { print(q.y, q.x, q.z, show()) }",
    ])
    #expect(
      outcomes.map { $0.error?.message ?? printed($0) } == ["2\n", "5 7 6 2\n5 7 6 2\n"])
  }

  /// Reading fields in a loop gives each value's own fields.
  @Test func fieldsOfManyValuesAtOneSite() {
    let cell = """
      struct P { var x: Int; var y: Int }
      let ps = [P(x: 1, y: 2), P(x: 3, y: 4), P(x: 5, y: 6)]
      var s = 0
      for p in ps { s = s * 10 + p.y }
      print(s)
      """
    #expect(result(cell) == "246\n")
  }
}
