// Cell structs called like functions: `f(3)` calls `f.callAsFunction(3)`.
struct Affine {
  var a: Double
  var b: Double
  func callAsFunction(_ x: Double) -> Double { a * x + b }
}
let f = Affine(a: 2, b: 1)
print(f(3), f(0.5))
print([1.0, 2.0, 3.0].map { f($0) })

struct Polynomial {
  var coefficients: [Double]
  func callAsFunction(at x: Double) -> Double {
    coefficients.reversed().reduce(0) { $0 * x + $1 }
  }
  func callAsFunction(_ x: Int, _ y: Int) -> Int { x * 10 + y }
}
let p = Polynomial(coefficients: [1, 2, 3])
print(p(at: 2), p(4, 2))

struct Counter {
  var count = 0
  mutating func callAsFunction(by step: Int = 1) { count += step }
}
var c = Counter()
c()
c(by: 5)
print(c.count)

struct Scale {
  var k: Int
  func callAsFunction(_ x: Int) -> Int { x * k }
  func twice(_ x: Int) -> Int { self(self(x)) }
}
let s = Scale(k: 3)
print(s.twice(2), s.callAsFunction(1))
