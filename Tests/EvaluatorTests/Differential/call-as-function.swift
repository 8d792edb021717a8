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

// stored properties whose structs are callable: `model.first(x)`
struct Model {
  var first: Affine
  var second: Affine
  var steps = Counter()
  func predict(_ x: Double) -> Double { second(first(x)) }
}
var model = Model(first: Affine(a: 2, b: 0), second: Affine(a: 1, b: 1))
model.steps(by: 2)
model.steps()
print(model.predict(3), model.first(1), model.second(2), model.steps.count)
let layers = [Affine(a: 1, b: 1), Affine(a: 3, b: 0)]
print(layers.reduce(1.0) { x, layer in layer(x) }, layers[1](2))
