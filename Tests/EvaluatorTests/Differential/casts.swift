// `as?`, `as!` and `is` with cell types and cell protocols, on values of a protocol type, and
// the patterns `case let x as T` and `case is T`.
protocol Shape {
  var area: Double { get }
}
protocol Rounded {}
struct Square: Shape {
  var side: Double
  var area: Double { side * side }
}
struct Disc: Shape, Rounded {
  var r: Double
  var area: Double { 3 * r * r }
}
let shapes: [Shape] = [Square(side: 2), Disc(r: 1), Square(side: 1)]
for s in shapes {
  if let sq = s as? Square {
    print("square of side", sq.side)
  } else if s is Disc {
    print("disc of area", s.area)
  }
}
print(shapes.compactMap { $0 as? Square }.map(\.side))
print(shapes.filter { $0 is Rounded }.count, shapes.map { $0 is Square })
let first = shapes[1] as! Disc
print(first.r, first)
let maybe: Shape? = shapes.first
if let s = maybe as? Square { print("first is a square of area", s.area) }
let none: Shape? = nil
print(none as? Square as Any, (shapes[0] as? Disc)?.r ?? -1)
for s in shapes {
  switch s {
  case let sq as Square: print("case square", sq.side)
  case is Rounded: print("case rounded", s.area)
  default: print("other")
  }
  if case let d as Disc = s { print("if case disc", d.r) }
}
