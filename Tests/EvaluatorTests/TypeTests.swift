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
    let outcome = runCells([counter + "let c = Counter()\nprint(c.count)\nc.add()"])[0]
    // refused before anything runs, as swiftc refuses it
    #expect(printed(outcome) == "")
    #expect(
      outcome.error?.message
        == "cannot use mutating member on immutable value: 'c' is a 'let' constant")
    #expect(outcome.error?.location.line == 18)
    #expect(outcome.error?.location.column == 3)
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
      ("struct S { var x: Int; static subscript(i: Int) -> Int { i } }", "static subscripts", 24),
      ("struct S { class T {} }", "class declarations", 12),
      (
        "struct S: Codable { var x: Int }",
        "conformance to 'Codable' (cell types may declare Equatable, Hashable, Comparable (enums), CaseIterable, CustomStringConvertible and an enum's raw type)",
        11
      ),
      ("struct S<T> { var x: T }", "generic types", 9),
      ("func f() { extension Int {} }", "extensions inside a function or block", 12),
    ] {
      let outcome = runCells([cell])[0]
      #expect(outcome.error?.message == "not supported in cells: \(message)", "\(cell)")
      #expect(outcome.error?.location.column == column, "\(cell)")
    }
  }

  /// Each cell fails before anything runs, with swiftc 6.3's message at swiftc's position
  /// (checked with `swiftc -typecheck`; cell line k is notebook line 9 + k).
  @Test(arguments: [
    (
      "struct P { let id: Int; var x: Double }\nvar p = P(id: 1, x: 2)\np.id = 3",
      "cannot assign to property: 'id' is a 'let' constant", 12, 3
    ),
    (
      "struct Q { var n: Int; var twice: Int { n * 2 } }\nvar q = Q(n: 1)\nq.twice = 3",
      "cannot assign to property: 'twice' is a get-only property", 12, 3
    ),
    (
      "struct P { var x: Double\n  func bad() { x = 1 } }",
      "cannot assign to property: 'self' is immutable", 11, 16
    ),
    (
      "struct P { var x: Double\n  func bad() { x += 1 } }",
      "left side of mutating operator isn't mutable: 'self' is immutable", 11, 18
    ),
    ("enum Color { case red }\nlet c = Color.blue", "type 'Color' has no member 'blue'", 11, 15),
    (
      "struct P { var x: Double; var y: Double }\nlet p = P(x: 1)",
      "missing argument for parameter 'y' in call", 11, 9
    ),
    (
      "struct P { var x: Double; var y: Double }\nlet p = P(a: 1, b: 2)",
      "incorrect argument labels in call (have 'a:b:', expected 'x:y:')", 11, 9
    ),
    (
      "struct P { var x: Int\n  func f() -> Int {\n    if x > 0 { return 1 }\n  }\n}",
      "missing return in instance method expected to return 'Int'", 13, 3
    ),
    (
      "struct P { var x: Int\n  var h: Int {\n    let b = 2\n    print(b)\n  }\n}",
      "missing return in getter expected to return 'Int'", 14, 3
    ),
    (
      "struct P: CustomStringConvertible { var x: Int }",
      "type 'P' does not conform to protocol 'CustomStringConvertible'", 10, 8
    ),
    (
      "enum F { case a }\nextension F { case b }", "enum 'case' is not allowed outside of an enum",
      11, 15
    ),
    (
      "enum E: Int { case a = \"x\" }", "cannot convert value of type 'String' to raw type 'Int'",
      10, 24
    ),
    (
      "struct S { static let z = 1 }\nS.z = 2",
      "cannot assign to property: 'z' is a 'let' constant", 11, 3
    ),
    (
      "struct A { var a: A? }",
      "value type 'A' cannot have a stored property that recursively contains it",
      10, 16
    ),
    ("enum E { case n(E), z }", "recursive enum 'E' is not marked 'indirect'", 10, 6),
    (
      "enum E { indirect case n(E), z }",
      "enum case 'z' without associated value cannot be 'indirect'", 10, 10
    ),
    (
      "struct P: Equatable { var x: Int }\nvar seen: [P: Int] = [:]",
      "type 'P' does not conform to protocol 'Hashable'", 11, 11
    ),
    (
      "enum Color { case red, green, blue }\nswitch Color.red {\ncase .red: print(1)\ncase .green: print(2)\n}",
      "switch must be exhaustive", 11, 1
    ),
  ])
  func refusedBeforeRunning(_ c: (String, String, Int, Int)) {
    let outcome = runCells([c.0 + "\nprint(\"ran\")"])[0]
    #expect(outcome.error?.message == c.1)
    #expect(outcome.error?.location.line == c.2)
    #expect(outcome.error?.location.column == c.3)
    #expect(printed(outcome) == "")
  }

  @Test func runtimeErrorsAreLocated() {
    // swiftc: "tuple pattern cannot match values of the non-tuple type 'Int'" at 11:24
    let pattern = runCells([
      "enum E { case a(Int) }\nswitch E.a(1) { case .a(let x, let y): print(x, y) }"
    ])[0]
    #expect(
      pattern.error?.message == "tuple pattern cannot match values of the non-tuple type 'Int'")
    #expect(pattern.error?.location.column == 24)
    // swiftc: "value of type 'Q' has no member 'm'" at 12:9 (this cell finds it when it runs)
    let outcome = runCells(["struct Q { var n: Int }\nlet q = Q(n: 1)\nprint(q.m)"])[0]
    #expect(outcome.error?.message == "value of type 'Q' has no member 'm'")
    #expect(outcome.error?.location.line == 12)
    #expect(outcome.error?.location.column == 9)
    // swiftc: "cannot convert value of type 'Double' to expected argument type 'Int'" at 11:14
    let convert = runCells(["struct R { var a: Int }\nlet r = R(a: 1.5)"])[0]
    #expect(
      convert.error?.message
        == "cannot convert value of type 'Double' to expected argument type 'Int'")
    #expect(convert.error?.location.column == 14)
  }

  @Test func extensionsAndDescriptions() {
    let cells = runCells([
      """
      struct Money: CustomStringConvertible {
        var cents: Int
        var description: String { "$\\(cents / 100).\\(cents % 100 < 10 ? "0" : "")\\(cents % 100)" }
      }
      extension Money {
        init(dollars: Int) { cents = dollars * 100 }
        static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
      }
      print(Money(dollars: 1) + Money(cents: 5))
      """,
      """
      struct Money: CustomStringConvertible {
        var cents: Int
        var description: String { "$\\(cents / 100).\\(cents % 100 < 10 ? "0" : "")\\(cents % 100)" }
      }
      extension Money: Equatable {
        init(dollars: Int) { cents = dollars * 100 }
        func plus(_ other: Money) -> Money { Money(cents: cents + other.cents) }
      }
      let m = Money(dollars: 2).plus(Money(cents: 5))
      print(m, [m], "\\(m)", m == Money(cents: 205))
      """,
    ])
    // an operator function in an extension (100 + 5 cents)
    #expect(printed(cells[0]) == "$1.05\n")
    #expect(cells[1].error == nil, "\(cells[1].error?.message ?? "")")
    // 200 + 5 cents
    #expect(printed(cells[1]) == "$2.05 [$2.05] $2.05 true\n")
  }

  @Test func aLaterCellReplacesAType() {
    let cells = runCells([
      "struct A { var x: Int }\nlet old = A(x: 1)",
      "struct A { var x: Int; var y: Int }\nprint(A(x: 1, y: 2), old)",
      "struct B { var x: Undefined }",
      "B(x: 1)",
    ])
    #expect(printed(cells[1]) == "A(x: 1, y: 2) A(x: 1)\n")
    #expect(cells[2].error?.message == "cannot find type 'Undefined' in scope")
    // the failed cell declared nothing
    #expect(cells[3].error?.message == "cannot find 'B' in scope")
  }

  @Test func libraryEnumsAndSizes() {
    let cells = runCells([
      """
      let block = try TransformerEncoderBlock(embedDim: 8, heads: 2, mlpDim: 16, activation: .relu)
      let other = try TransformerEncoderBlock(embedDim: 8, heads: 2, mlpDim: 16, activation: TransformerActivation.gelu)
      print(block.activation, other.activation, block.activation == .relu, other.activation == block.activation)
      let a: TransformerActivation = .gelu
      print([a], Size2D(3, 4) == Size2D(3, 4), Size2D(3) == Size2D(3, 4), Averaging.macro)
      """
    ])
    #expect(cells[0].error == nil, "\(cells[0].error?.message ?? "")")
    #expect(
      printed(cells[0])
        == "relu gelu true false\n[DLCore.TransformerActivation.gelu] true false macro\n")
  }

  @Test func expectComparesCellValuesFieldByField() {
    let decl = "struct P { var x: Double; var n: Int }\nenum C { case a, b(Double) }\n"
    // 0.1 + 0.2 = 0.30000000000000004, within the default tolerance 1e-9 of 0.3
    let passing = runCells([
      decl + "expect(P(x: 0.1 + 0.2, n: 1), P(x: 0.3, n: 1))\nexpect(C.a, .a)\nprint(\"ok\")"
    ])[0]
    #expect(passing.error == nil, "\(passing.error?.message ?? "")")
    #expect(printed(passing) == "ok\n")
    #expect(
      runCells([decl + "expect(P(x: 1, n: 1), P(x: 1, n: 2))"])[0].error?.message
        == "expectation failed: element .n: got 1, expected 2")
    #expect(
      runCells([decl + "expect(C.a, C.b(2))"])[0].error?.message
        == "expectation failed: got nb.C.a, expected nb.C.b(2.0)")
  }

  @Test func computedVariablesAreRefusedWhereSwiftcRefusesThem() {
    // each message and column is swiftc 6.3's for the same line
    let cases: [(String, String, Int)] = [
      ("let bad: Int { 3 }", "'let' declarations cannot be computed properties", 14),
      ("var noType { 3 }", "computed property must have an explicit type", 5),
      ("var x: Int = 1 { 2 }", "variable with getter/setter cannot have an initial value", 14),
      (
        "var area: Double { 2 }\narea = 3", "cannot assign to value: 'area' is a get-only property",
        1
      ),
      (
        "var s: Int { get { 1 } set { print(newValue) } }",
        "not supported in cells: setters of computed variables outside a type", 24
      ),
      (
        "var o: Int = 1 { didSet { print(o) } }",
        "not supported in cells: observers of variables outside a type", 16
      ),
    ]
    for (source, message, column) in cases {
      let outcome = runCells([source])[0]
      #expect(outcome.error?.message == message, "\(source)")
      #expect(outcome.error?.location.line == 10 + source.filter { $0 == "\n" }.count, "\(source)")
      #expect(outcome.error?.location.column == column, "\(source)")
    }
    // swiftc: "missing return in getter expected to return 'Int'" at the closing brace
    let late = runCells(["var w = 2\nvar late: Int {\n  if w > 1 { return 1 }\n}"])[0]
    #expect(late.error?.message == "missing return in getter expected to return 'Int'")
    #expect(late.error?.location.line == 13)
    #expect(late.error?.location.column == 1)
    // a later cell reads the getter again
    let cells = runCells(["var n = 1\nvar twice: Int { n * 2 }", "n = 4\nprint(twice)"])
    #expect(printed(cells[1]) == "8\n")
  }

  @Test func protocolRequirementsAreCheckedAsSwiftcChecksThem() {
    let shape = "protocol Shape {\n  var area: Double { get }\n  func describe() -> String\n}\n"
    // swiftc 6.3: the error at the type's name (or at `extension`), a note per missing
    // requirement in the protocol's order, then "add stubs for conformance"
    let cases: [(String, Int, Int, [String])] = [
      (
        "struct Bad: Shape { var x: Int }", 14, 8,
        [
          "protocol requires property 'area' with type 'Double'",
          "protocol requires function 'describe()' with type '() -> String'",
        ]
      ),
      (
        "struct Sq { var s: Double }\nextension Sq: Shape { var area: Double { s * s } }", 15, 1,
        ["protocol requires function 'describe()' with type '() -> String'"]
      ),
      (
        "protocol Named { var name: String { get set }; static func make() -> Self; init(n: Int) }\nstruct N: Named { let name: String }",
        15, 8,
        [
          "protocol requires property 'name' with type 'String'",
          "candidate is not settable, but protocol requires it",
          "protocol requires function 'make()' with type '() -> N'",
          "protocol requires initializer 'init(n:)' with type '(n: Int)'",
        ]
      ),
    ]
    for (source, line, column, notes) in cases {
      let outcome = runCells([shape + source])[0]
      let protocolName = source.hasPrefix("protocol Named") ? "Named" : "Shape"
      let typeName =
        source.hasPrefix("protocol Named") ? "N" : source.hasPrefix("struct Bad") ? "Bad" : "Sq"
      #expect(
        outcome.error?.message
          == "type '\(typeName)' does not conform to protocol '\(protocolName)'", "\(source)")
      #expect(outcome.error?.location.line == line, "\(source)")
      #expect(outcome.error?.location.column == column, "\(source)")
      #expect(outcome.error?.notes == notes + ["add stubs for conformance"], "\(source)")
    }
    // other declarations swiftc refuses, with its words and columns
    let refusals: [(String, String, Int, Int)] = [
      (
        "let x: Shape = 3", "value of type 'Int' does not conform to specified type 'Shape'", 14, 16
      ),
      (
        "let y: any Shape = \"s\"",
        "value of type 'String' does not conform to specified type 'Shape'",
        14, 20
      ),
      ("protocol Q { func f() { } }", "protocol methods must not have bodies", 14, 23),
      (
        "protocol R { let x: Int }",
        "protocols cannot require properties to be immutable; declare read-only properties by using 'var' with a '{ get }' specifier",
        14, 18
      ),
      (
        "protocol S { var y: Int }",
        "property in protocol must have explicit { get } or { get set } specifier", 14, 18
      ),
      ("protocol T { associatedtype E }", "not supported in cells: associated types", 14, 14),
      (
        "func g() {\n  protocol Inner { }\n}",
        "not supported in cells: protocols declared inside a function or block",
        15, 3
      ),
    ]
    for (source, message, line, column) in refusals {
      let outcome = runCells([shape + source])[0]
      #expect(outcome.error?.message == message, "\(source)")
      #expect(outcome.error?.location.line == line, "\(source)")
      #expect(outcome.error?.location.column == column, "\(source)")
    }
    // a protocol extension's members reach types declared in later cells, and a later
    // extension reaches types declared earlier
    let cells = runCells([
      "protocol Sized {\n  var size: Double { get }\n}\nstruct A: Sized {\n  var size: Double { 2 }\n}",
      "extension Sized {\n  func describe() -> String { \"size \\(size)\" }\n}\nprint(A().describe())",
      "struct B: Sized {\n  var size: Double { 3 }\n}\nlet all: [Sized] = [A(), B()]\nprint(all.map { $0.describe() })",
    ])
    #expect(cells.allSatisfy { $0.error == nil }, "\(cells.map { $0.error?.message ?? "" })")
    #expect(printed(cells[1]) == "size 2.0\n")
    #expect(printed(cells[2]) == "[\"size 2.0\", \"size 3.0\"]\n")
  }

  @Test func genericConstraintsAreCheckedAtTheCall() {
    // swiftc 6.3: "global function 'largest' requires that 'P' conform to 'Comparable'" at
    // the callee, with the note "where 'T' = 'P'" (the same for a `where` clause)
    let decl =
      "struct P { var x: Int }\nfunc largest<T: Comparable>(_ xs: [T]) -> T { xs[0] }\nfunc h<T>(_ x: T) where T: Hashable { }\n"
    for (call, line, column, message) in [
      (
        "print(largest([P(x: 1)]))", 13, 7,
        "global function 'largest' requires that 'P' conform to 'Comparable'"
      ),
      ("h(P(x: 2))", 13, 1, "global function 'h' requires that 'P' conform to 'Hashable'"),
      (
        "func o(_ x: some Comparable) -> Bool { x < x }\nprint(o(P(x: 1)))", 14, 7,
        "global function 'o' requires that 'P' conform to 'Comparable'"
      ),
    ] {
      let outcome = runCells([decl + call])[0]
      #expect(outcome.error?.message == message, "\(call)")
      let parameter = call.hasPrefix("func o") ? "some Comparable" : "T"
      #expect(outcome.error?.notes == ["where '\(parameter)' = 'P'"], "\(call)")
      #expect(outcome.error?.location.line == line, "\(call)")
      #expect(outcome.error?.location.column == column, "\(call)")
    }
    // what cells cannot give Swift's meaning is refused where it is written
    for (source, message, line, column) in [
      (
        "func zero<T: Numeric>() -> T { 0 }",
        "not supported in cells: a literal as a value of a generic parameter's type (Swift gives it the caller's type; pass the value in)",
        10, 32
      ),
      (
        "func sum<T: Numeric>(_ xs: [T]) -> T {\n  var total: T = 0\n  for x in xs { total += x }\n  return total\n}",
        "not supported in cells: a literal as a value of a generic parameter's type (Swift gives it the caller's type; pass the value in)",
        11, 18
      ),
      (
        "func same<T: Equatable>(_ a: T, _ b: T) -> Bool { a == b }\nprint(same(1, 2.5))",
        "not supported in cells: Int and Double arguments for one generic parameter 'T' (Swift would make a literal among them a Double; write it as 1.0)",
        11, 7
      ),
      (
        "func f<T: Collection>(_ x: T) {}",
        "not supported in cells: the generic constraint 'Collection'", 10, 11
      ),
      (
        "func g<T>(_ x: T) where T == Int {}", "not supported in cells: this generic requirement",
        10,
        25
      ),
    ] {
      let outcome = runCells([source])[0]
      #expect(outcome.error?.message == message, "\(source)")
      #expect(outcome.error?.location.line == line, "\(source)")
      #expect(outcome.error?.location.column == column, "\(source)")
    }
  }

  @Test func localTypesAreScopedToTheirBlock() {
    let cells = runCells([
      "func f() -> Int {\n  struct L { var v: Int }\n  return L(v: 4).v\n}\nprint(f())\nlet l = L(v: 1)",
      "func g() {\n  struct L { var v: Int }\n  print([L(v: 1)])\n}\ng()",
      "func h() {\n  struct L { }\n  enum L { case a }\n}",
    ])
    // the name means nothing outside its function: swiftc's "cannot find 'L' in scope"
    #expect(cells[0].error?.message == "cannot find 'L' in scope")
    #expect(cells[0].error?.location.line == 15)
    #expect(printed(cells[0]) == "")
    // Swift prints it inside a collection with an address that changes from run to run
    #expect(
      cells[1].error?.message
        == "not supported in cells: printing a value of 'L', a type declared inside a function, inside a collection or another value (Swift prints the type's address in memory, which changes from run to run)"
    )
    #expect(cells[1].error?.location.line == 22)
    #expect(cells[2].error?.message == "invalid redeclaration of 'L'")
    #expect(cells[2].error?.location.line == 32)
    #expect(cells[2].error?.location.column == 8)
  }

  @Test func protocolParametersTakeOnlyConformingArguments() {
    let decl =
      "protocol Shape { var area: Double { get } }\nstruct Sq: Shape { var s: Double; var area: Double { s * s } }\nfunc f(_ s: Shape) -> Double { 1 }\nfunc g(_ xs: [any Shape]) -> Int { xs.count }\n"
    // swiftc 6.3 gives these messages at the argument (col 9) and at the element; cells find
    // them when the call runs and place them at the call
    let one = runCells([decl + "print(f(Sq(s: 1)), f(5))"])[0]
    #expect(one.error?.message == "argument type 'Int' does not conform to expected type 'Shape'")
    #expect(one.error?.location.line == 14)
    #expect(one.error?.location.column == 20)
    #expect(printed(one) == "")
    let many = runCells([decl + "struct NotShape { }\nprint(g([Sq(s: 1), NotShape()]))"])[0]
    #expect(
      many.error?.message
        == "cannot convert value of type 'NotShape' to expected element type 'any Shape'")
    #expect(many.error?.location.line == 15)
    #expect(many.error?.location.column == 7)
  }

  @Test func castsToCellTypesAndProtocols() {
    let decl =
      "protocol Shape { var area: Double { get } }\nstruct Sq: Shape { var s: Double; var area: Double { s * s } }\nstruct Ci: Shape { var r: Double; var area: Double { r } }\nlet s: Shape = Ci(r: 1)\n"
    // a failed `as!` stops the program in Swift ("Could not cast value of type ..."): here a
    // located error at the cast
    let forced = runCells([decl + "print(1)\nlet q = s as! Sq"])[0]
    #expect(forced.error?.message == "could not cast value of type 'Ci' to 'Sq'")
    #expect(forced.error?.location.line == 15)
    #expect(forced.error?.location.column == 9)
    #expect(printed(forced) == "1\n")
    // casts to standard types stay refused
    let other = runCells([decl + "let n = 3 as? Int"])[0]
    #expect(other.error?.message == "not supported in cells: 'as?' casts")
    #expect(other.error?.location.line == 14)
  }
}
