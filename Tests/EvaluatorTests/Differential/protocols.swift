// Protocols declared in cells: requirements met by stored or computed properties and methods,
// conformance declared with the type or in an extension, values and arrays of the protocol
// type (also `any`), defaults from protocol extensions, refinement, mutating requirements.
protocol Shape {
  var area: Double { get }
  var name: String { get }
  func describe() -> String
}

extension Shape {
  func describe() -> String { "\(name) with area \(area)" }
  var isLarge: Bool { area > 10 }
}

struct Circle: Shape {
  var radius: Double
  var area: Double { 3.0 * radius * radius }
  var name: String { "circle" }
}

struct Rect {
  var w: Double
  var h: Double
}

extension Rect: Shape {
  var area: Double { w * h }
  var name: String { "rect" }
  func describe() -> String { "a \(w) by \(h) rect" }
}

enum Blob: Shape {
  case small, large
  var area: Double { self == .small ? 1 : 50 }
  var name: String { "blob" }
}

let shapes: [Shape] = [Circle(radius: 1), Rect(w: 2, h: 3), Blob.large]
for s in shapes {
  print(s.describe(), s.isLarge)
}
print(shapes.map { $0.area }, shapes.filter { $0.isLarge }.count)
print(shapes.reduce(0.0) { $0 + $1.area })

func largest(_ xs: [any Shape]) -> String {
  var best = xs[0]
  for x in xs where x.area > best.area { best = x }
  return best.name
}
print(largest(shapes))

var current: Shape = Circle(radius: 2)
print(current.area, current)
current = Rect(w: 1, h: 1)
print(current.describe())
print(shapes)

let sorted = shapes.sorted { $0.area < $1.area }
print(sorted.map(\.name))

protocol Counter {
  var count: Int { get set }
  mutating func bump()
}

extension Counter {
  mutating func bump() { count += 1 }
  mutating func bumpTwice() {
    bump()
    bump()
  }
}

struct Clicks: Counter {
  var count = 0
}

struct Steps: Counter {
  var count: Int
  mutating func bump() { count += 10 }
}

var c = Clicks()
c.bump()
c.bumpTwice()
var st = Steps(count: 1)
st.bumpTwice()
print(c.count, st.count)

protocol Named {
  var name: String { get }
}

protocol Greeter: Named {
  func greet() -> String
}

extension Greeter {
  func greet() -> String { "hello, \(name)" }
}

struct Person: Greeter {
  let name: String
}

let people: [Greeter] = [Person(name: "Ada"), Person(name: "Alan")]
print(people.map { $0.greet() })
let named: Named = Person(name: "Grace")
print(named.name)

protocol Scorable: CustomStringConvertible {
  var score: Int { get }
}

extension Scorable {
  var description: String { "score \(score)" }
}

struct Game: Scorable {
  var score: Int
}

print(Game(score: 3), [Game(score: 1)])
print("\(Game(score: 7))")

// mutating requirements through values of the protocol type, in variables and arrays
var counter: Counter = Clicks()
counter.bump()
counter.count += 5
var counters: [Counter] = [Clicks(), Steps(count: 3)]
for i in counters.indices { counters[i].bump() }
func reset(_ x: inout Counter) { x.count = 0 }
print(counter.count, counter, counters.map(\.count))
reset(&counter)
print(counter.count)

// refining Hashable; protocol values as dictionary values; a static requirement
protocol Token: Hashable {
  var text: String { get }
}
struct Word: Token {
  var text: String
}
print(Word(text: "a") == Word(text: "a"), Set([Word(text: "a"), Word(text: "a")]).count)
protocol Unit {
  static func unit() -> Self
  var size: Double { get }
}
struct Metre: Unit {
  var size: Double
  static func unit() -> Metre { Metre(size: 1) }
}
let byName: [String: Unit] = ["m": Metre.unit(), "km": Metre(size: 1000)]
print(byName["km"]!.size, byName.keys.sorted(), byName["x"] == nil)
