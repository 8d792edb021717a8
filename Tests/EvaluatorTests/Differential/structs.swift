// Structs declared in a cell: memberwise initializers, methods, value semantics, printing.
import Foundation
struct Point {
  var x: Double
  var y: Double

  func norm() -> Double { (x * x + y * y).squareRoot() }

  func scaled(by factor: Double) -> Point {
    Point(x: x * factor, y: self.y * factor)
  }

  mutating func move(dx: Double, dy: Double = 0) {
    x += dx
    self.y += dy
  }

  var isOrigin: Bool { x == 0 && y == 0 }

  static let origin = Point(x: 0, y: 0)

  static func unit(angle: Double) -> Point { Point(x: cos(angle), y: sin(angle)) }
}

let p = Point(x: 3, y: 4)
print(p)
print(p.norm(), p.x, p.isOrigin, Point.origin.isOrigin)
print("p is \(p)")
print([p, p.scaled(by: 2)])
var q = p
q.move(dx: 1)
q.move(dx: 1, dy: 2)
print(p, q)
var points = [p, q]
points[0].x = 10
points[1].move(dx: -5)
print(points, p)
let maybe: Point? = p
print(maybe as Any, maybe?.norm() as Any)
print(Point.unit(angle: 0))
print((p, 1))
print(["a": p])

struct Counter {
  var count = 0
  var name: String
  let limit: Int = 3

  mutating func tick() -> Bool {
    if count < limit {
      count += 1
      return true
    }
    return false
  }
}

var c = Counter(name: "c")
while c.tick() {}
print(c, c.count)
let d = Counter(count: 2, name: "d")
print(d)

struct Stats: Equatable {
  var mean: Double
  var values: [Double]

  init(_ values: [Double]) {
    self.values = values
    mean = values.reduce(0, +) / Double(values.count)
  }

}

let s = Stats([1, 2, 3, 4])
print(s.mean, s)
print(s == Stats([1, 2, 3, 4]), s == Stats([1, 2]), s != Stats([4, 3, 2, 1]))

struct Line: Hashable {
  var from: Int
  var to: Int
  var length: Int { abs(to - from) }
}

let lines = [Line(from: 0, to: 3), Line(from: 2, to: 1), Line(from: 0, to: 3)]
print(Set(lines).count, lines.map { $0.length }, lines.contains(Line(from: 2, to: 1)))
var seen: [Line: Int] = [:]
for line in lines { seen[line, default: 0] += 1 }
print(seen[Line(from: 0, to: 3)]!)
print(lines.filter { $0.length > 1 }.count)

struct Grid {
  var rows: Int
  var cols: Int
  var cells: [Double]

  init(rows: Int, cols: Int, fill: Double) {
    self.rows = rows
    self.cols = cols
    cells = Array(repeating: fill, count: rows * cols)
  }

  init(square n: Int) {
    self.init(rows: n, cols: n, fill: 0)
  }

  func at(_ r: Int, _ c: Int) -> Double { cells[r * cols + c] }

  mutating func set(_ r: Int, _ c: Int, _ v: Double) { cells[r * cols + c] = v }
}

var g = Grid(square: 2)
g.set(1, 0, 5)
print(g.at(1, 0), g.cells, Grid(rows: 1, cols: 3, fill: 0.5).cells)

// Arrays of structs with the standard library's closures, optionals of structs.
struct Student {
  var name: String
  var score: Double
  var passed: Bool { score >= 50 }
}
let students = [Student(name: "Ada", score: 91), Student(name: "Bo", score: 42), Student(name: "Cy", score: 67)]
let best = students.max { $0.score < $1.score }
print(best?.name ?? "-", best?.passed as Any)
print(students.sorted { $0.score > $1.score }.map { $0.name })
print(students.filter { $0.passed }.count, students.reduce(0.0) { $0 + $1.score } / Double(students.count))
var someone: Student? = nil
print(someone?.score as Any)
someone = students[1]
someone?.score += 10
print(someone!.score, someone?.passed == true)
let byName = students.first { $0.name == "Cy" }
if let s = byName { print("\(s.name): \(s.score)") }
for (i, s) in students.enumerated() where !s.passed { print(i, s) }
let pairs = zip(students, [1, 2, 3]).map { ($0.name, $1) }
print(pairs)

struct Ticket {
  static var issued = 0
  static var log: [Int] = []
  let number: Int

  init() {
    Ticket.issued += 1
    number = Self.issued
    Self.log.append(number)
  }

  static func reset() { issued = 0 }
}

let t1 = Ticket()
let t2 = Ticket()
print(t1.number, t2.number, Ticket.issued, Ticket.log)
Ticket.reset()
print(Ticket.issued, Ticket().number)

struct Percent {
  var value: Double

  init?(_ text: String) {
    guard let v = Double(text), v >= 0, v <= 100 else { return nil }
    value = v
  }
}

print(Percent("42.5") as Any, Percent("x") as Any, Percent("120") == nil, Percent("7")!.value)
