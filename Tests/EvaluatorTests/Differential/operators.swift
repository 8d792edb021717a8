// Operator functions of cell types: arithmetic, scaling both ways, ==, < (Comparable).
struct Vec: CustomStringConvertible {
  var x: Double
  var y: Double
  static func + (a: Vec, b: Vec) -> Vec { Vec(x: a.x + b.x, y: a.y + b.y) }
  static func - (a: Vec, b: Vec) -> Vec { Vec(x: a.x - b.x, y: a.y - b.y) }
  static func * (v: Vec, k: Double) -> Vec { Vec(x: v.x * k, y: v.y * k) }
  static func * (k: Double, v: Vec) -> Vec { v * k }
  static func * (a: Vec, b: Vec) -> Double { a.x * b.x + a.y * b.y }
  var description: String { "(\(x), \(y))" }
}
let u = Vec(x: 1, y: 2)
let v = Vec(x: 3, y: -1)
print(u + v, u - v, u * 2.0, 0.5 * v, u * v)
var acc = Vec(x: 0, y: 0)
for w in [u, v, u] { acc = acc + w }
print(acc, [u, v].reduce(Vec(x: 0, y: 0), +))

struct Version: Comparable {
  var major: Int
  var minor: Int
  static func < (a: Version, b: Version) -> Bool {
    (a.major, a.minor) < (b.major, b.minor)
  }
}
let versions = [Version(major: 2, minor: 1), Version(major: 1, minor: 9), Version(major: 2, minor: 0)]
print(versions.sorted().map { "\($0.major).\($0.minor)" }, versions.max()!.minor)
print(Version(major: 1, minor: 0) < Version(major: 1, minor: 1), versions[0] >= versions[2], versions[1] == versions[1])

struct Money {
  var cents: Int
  static func == (a: Money, b: Money) -> Bool { a.cents / 100 == b.cents / 100 }
}
print(Money(cents: 150) == Money(cents: 199), Money(cents: 150) == Money(cents: 250))

enum Suit: Int, Comparable {
  case clubs = 1, hearts = 3, spades = 2
  static func < (a: Suit, b: Suit) -> Bool { a.rawValue < b.rawValue }
}
print([Suit.hearts, .clubs, .spades].sorted())
