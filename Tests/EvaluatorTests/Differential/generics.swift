// Generic functions and methods with constraints (in the parameter list and in `where`):
// the arguments' own types flow through, and their operators and members are theirs.
func largest<T: Comparable>(_ xs: [T]) -> T {
  var best = xs[0]
  for x in xs where x > best { best = x }
  return best
}
print(largest([3, 9, 2]), largest(["pear", "apple"]), largest([1.5, 0.25]))

struct Version: Comparable {
  var major: Int
  var minor: Int
  static func < (a: Version, b: Version) -> Bool {
    (a.major, a.minor) < (b.major, b.minor)
  }
}
print(largest([Version(major: 1, minor: 4), Version(major: 2, minor: 0), Version(major: 1, minor: 9)]))

func pair<A, B>(_ a: A, _ b: B) -> (A, B) { (a, b) }
print(pair(1, "one"), pair([1.5], true))

func count<T>(_ xs: [T], matching keep: (T) -> Bool) -> Int where T: Equatable {
  xs.filter(keep).count
}
print(count([1, 2, 3, 4]) { $0 % 2 == 0 }, count(["a", "bb"]) { $0.count > 1 })

func twice<T: Numeric>(_ x: T) -> T { x + x }
print(twice(21), twice(1.25))

func firstIndex<T: Equatable>(of target: T, in xs: [T]) -> Int? {
  for (i, x) in xs.enumerated() where x == target { return i }
  return nil
}
print(firstIndex(of: "c", in: ["a", "b", "c"]) ?? -1, firstIndex(of: 7, in: [1, 2]) ?? -1)

func describeAll<T: CustomStringConvertible>(_ xs: [T]) -> String {
  xs.map { $0.description }.joined(separator: "|")
}
print(describeAll([1, 2, 3]), describeAll([0.5]))

func uniqueCount<T: Hashable>(_ xs: [T]) -> Int { Set(xs).count }
print(uniqueCount([1, 1, 2, 3, 3]), uniqueCount(["x", "x"]))

protocol Shape {
  var area: Double { get }
}
struct Square: Shape { var side: Double; var area: Double { side * side } }
struct Disc: Shape { var r: Double; var area: Double { 3 * r * r } }
func totalArea<S: Shape>(_ shapes: [S]) -> Double { shapes.reduce(0.0) { $0 + $1.area } }
print(totalArea([Square(side: 2), Square(side: 3)]), totalArea([Disc(r: 1)]))

struct Stack {
  var items: [Int] = []
  func mapped<U>(_ transform: (Int) -> U) -> [U] { items.map(transform) }
}
print(Stack(items: [1, 2]).mapped { "#\($0)" })

// opaque parameters: each `some P` is a generic parameter of its own
func isSorted(_ xs: [some Comparable]) -> Bool { xs == xs.sorted() }
func same(_ a: some Equatable, _ b: some Equatable) -> String { "\(a) \(b)" }
print(isSorted([1, 2, 3]), isSorted(["b", "a"]), same(1, "x"), same(2.5, 2))
