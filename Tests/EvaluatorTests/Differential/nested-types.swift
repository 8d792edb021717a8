// Types declared inside structs, enums and extensions: `Outer.Kind`, and bare `Kind` inside.
struct Kind { var label = "top level" }

struct Card {
  enum Suit: String, CaseIterable { case hearts = "♥", spades = "♠" }
  enum Rank: Int { case two = 2, three, ace = 14 }
  struct Face {
    var rank: Rank
    var suit: Suit
    var text: String { "\(rank.rawValue)\(suit.rawValue)" }
  }
  var face: Face
  static let best = Card(face: Face(rank: .ace, suit: .spades))
  func beats(_ other: Card) -> Bool { face.rank.rawValue > other.face.rank.rawValue }
  static func of(_ rank: Rank, _ suit: Suit) -> Card { Card(face: Face(rank: rank, suit: suit)) }
}

let c = Card.of(.three, .hearts)
print(c)
print(c.face.text, Card.best.face.text, c.beats(Card.best))
print(Card.Suit.allCases, Card.Suit.allCases.map { $0.rawValue })
print(Card.Rank(rawValue: 3) as Any, Card.Rank(rawValue: 5) as Any)
let r: Card.Rank = .ace
var suits: [Card.Suit] = [.spades]
suits.append(Card.Suit.hearts)
print(r, suits, [Card.Face(rank: .two, suit: .hearts)])

func describe(_ s: Card.Suit) -> String {
  switch s {
  case .hearts: return "red"
  case Card.Suit.spades: return "black"
  }
}
print(describe(.hearts), describe(Card.Suit.spades))

// a nested type's name wins over a top-level one inside its outer type
struct Widget {
  struct Kind: Equatable { var code: Int }
  var kind: Kind
  func same(_ other: Kind) -> Bool { kind == other }
  static func make() -> Widget { Widget(kind: Kind(code: 7)) }
}
let w = Widget.make()
print(w, w.same(Widget.Kind(code: 7)), Kind())

// enums with nested types, two levels deep, and payloads of nested types
enum Shape {
  struct Size: Hashable {
    var w: Double
    var h: Double
    enum Unit { case cm, inch }
  }
  case box(Size, Size.Unit)
  case dot
  var area: Double {
    switch self {
    case .box(let s, let unit): return unit == .cm ? s.w * s.h : s.w * s.h * 6.4516
    case .dot: return 0
    }
  }
}
let shapes: [Shape] = [.box(Shape.Size(w: 2, h: 3), .cm), .box(.init(w: 1, h: 1), .inch), .dot]
print(shapes.map { $0.area })
print(shapes[0], Shape.Size.Unit.inch)
var areas: [Shape.Size: Int] = [:]
areas[Shape.Size(w: 1, h: 2)] = 2
print(areas)

// types nested in extensions, and extensions of nested types
extension Card {
  enum Colour { case red, black }
  var colour: Colour { face.suit == .hearts ? .red : .black }
}
extension Card.Face: CustomStringConvertible {
  var description: String { "the \(text)" }
}
extension Shape.Size {
  var isSquare: Bool { w == h }
}
print(c.colour, Card.best.colour, c.face, Shape.Size(w: 2, h: 2).isSquare)

struct Outer {
  struct Middle {
    struct Inner {
      var depth = 3
      func up() -> Middle { Middle(note: "from \(depth)") }
    }
    var note: String
  }
  var middle: Middle
}
let deep = Outer.Middle.Inner()
print(deep, deep.up(), Outer(middle: deep.up()))

// stored properties that start as a nested type's value, and a type used before its declaration
struct Config {
  var mode = Mode.fast
  var limits = Limits()
  enum Mode { case fast, slow }
  struct Limits { var steps = 3 }
  static let standard = Config()
}
struct Holder { var later = Later() }
struct Later { var x = 1 }
print(Config(), Config.standard.mode, Config(mode: .slow, limits: .init(steps: 9)).limits.steps)
print(Holder())
