// `Type.init` passed as a function: memberwise and written initializers, failable ones with
// compactMap, a pair of arguments spread from zip's tuples, standard types beside cell types.
struct Point {
  var x: Int
}
print([1, 2, 3].map(Point.init))

struct Celsius {
  var degrees: Double
  init(_ fahrenheit: Double) { degrees = (fahrenheit - 32) * 5 / 9 }
}
print([32.0, 212.0].map(Celsius.init).map { $0.degrees })

struct Even {
  var n: Int
  init?(_ n: Int) {
    if n % 2 != 0 { return nil }
    self.n = n
  }
}
print([1, 2, 3, 4].compactMap(Even.init).map(\.n), [3].map(Even.init))

struct Pair {
  var name: String
  var score: Int
}
let pairs = zip(["a", "b"], [90, 75]).map(Pair.init)
print(pairs)

enum Shape {
  case square
  struct Size {
    var side: Double
  }
}
print([1.5].map(Shape.Size.init))
print([1, 2].map(String.init), [3, 4].map(Double.init))
