// Computed properties with setters (`set`, `set(p)`), and static computed properties.
struct Point {
  var x: Double
  var y: Double
  static var origin: Point { Point(x: 0, y: 0) }
  static var unitX: Point { Point(x: 1, y: 0) }
  var length: Double {
    get { (x * x + y * y).squareRoot() }
    set {
      let scale = newValue / length
      x *= scale
      y *= scale
    }
  }
  var flipped: Point {
    get { Point(x: y, y: x) }
    set(p) { x = p.y; y = p.x }
  }
  static func isOrigin(_ p: Point) -> Bool { p.x == origin.x && p.y == origin.y }
}
var p = Point(x: 3, y: 4)
print(p.length, Point.origin, Point.isOrigin(.origin))
p.length = 10
print(p, p.length)
p.length += 5
print(p)
p.flipped = Point(x: 1, y: 2)
print(p, p.flipped)
p.flipped.x = 9
print(p)
var pts = [Point.unitX, Point(x: 0, y: 2)]
pts[1].length *= 3
print(pts)
let q: Point = .unitX
print(q)
struct Temperature {
  var celsius: Double
  var fahrenheit: Double {
    get { celsius * 9 / 5 + 32 }
    set { celsius = (newValue - 32) * 5 / 9 }
  }
  mutating func warm() { fahrenheit += 18 }
}
var t = Temperature(celsius: 100)
t.warm()
print(t.celsius, t.fahrenheit)
