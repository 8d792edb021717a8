// Unary minus and compound-assignment operator functions of cell types (`static prefix func -`,
// `static func += (lhs: inout T, rhs: U)`), also through array elements.
struct Vec: CustomStringConvertible {
  var x: Double, y: Double
  var description: String { "(\(x), \(y))" }
  static func + (a: Vec, b: Vec) -> Vec { Vec(x: a.x + b.x, y: a.y + b.y) }
  static prefix func - (v: Vec) -> Vec { Vec(x: -v.x, y: -v.y) }
  static func += (lhs: inout Vec, rhs: Vec) { lhs = lhs + rhs }
  static func *= (lhs: inout Vec, k: Double) {
    lhs.x *= k
    lhs.y *= k
  }
  static func - (a: Vec, b: Vec) -> Vec { a + -b }
}
let v = Vec(x: 1, y: 2)
print(-v, -(v + v), v - Vec(x: 0.5, y: 0.5))
var w = v
w += v
w *= 2
w *= 0.5
print(w)
var path = [Vec(x: 0, y: 0), Vec(x: 1, y: 1)]
path[1] += Vec(x: 10, y: 0)
path[0] *= 3
print(path, path.map { -$0 })
struct Tally {
  var total = 0
  static func += (t: inout Tally, k: Int) { t.total += k }
}
var t = Tally()
for i in 1...4 { t += i }
print(t.total)
