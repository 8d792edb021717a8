// Enums declared in a cell: cases, raw values, associated values, switch, printing.
import Foundation

enum Activation {
  case relu, tanh, sigmoid

  func apply(_ x: Double) -> Double {
    switch self {
    case .relu: return max(0, x)
    case .tanh: return (exp(x) - exp(-x)) / (exp(x) + exp(-x))
    case .sigmoid: return 1 / (1 + exp(-x))
    }
  }
}

let a = Activation.relu
print(a, [a, .tanh], a == .relu, a != Activation.tanh)
for act in [Activation.relu, .tanh, .sigmoid] {
  print(act, String(format: "%.4f", act.apply(-0.5)))
}
var chosen: Activation = .sigmoid
chosen = .tanh
print(chosen)

enum Grade: String, CaseIterable {
  case pass = "P", fail = "F", incomplete
}

print(Grade.pass.rawValue, Grade.incomplete.rawValue, Grade.allCases)
print(Grade(rawValue: "F") as Any, Grade(rawValue: "X") as Any)
print(Grade.allCases.map { $0.rawValue }.joined(separator: "/"))

enum Level: Int {
  case low = 1, medium, high = 10, extreme
}

print(Level.medium.rawValue, Level.extreme.rawValue, Level(rawValue: 10)!)

enum Shape {
  case circle(radius: Double)
  case rect(width: Double, height: Double)
  case point

  var area: Double {
    switch self {
    case .circle(let r): return Double.pi * r * r
    case let .rect(w, h): return w * h
    case .point: return 0
    }
  }

  mutating func double() {
    switch self {
    case .circle(radius: let r): self = .circle(radius: 2 * r)
    case .rect(let w, let h): self = .rect(width: 2 * w, height: 2 * h)
    case .point: break
    }
  }
}

let shapes: [Shape] = [.circle(radius: 1), .rect(width: 2, height: 3), .point]
print(shapes)
print(shapes.map { $0.area })
var s = Shape.rect(width: 1, height: 1.5)
s.double()
print(s, s.area)
for shape in shapes {
  if case .circle(let r) = shape {
    print("circle of radius", r)
  } else if case .rect(let w, _) = shape, w > 1 {
    print("wide rect", w)
  }
}
switch shapes[1] {
case .circle: print("circle")
case .rect(let w, let h) where w < h: print("tall", w, h)
case .rect: print("wide")
case .point: print("point")
}

enum Token: Equatable {
  case number(Double)
  case word(String)
}

let tokens = [Token.number(1), .word("hi"), Token.number(2)]
print(tokens, tokens[0] == .number(1), tokens.contains(.word("hi")))
let label = switch tokens[1] {
case .number(let n): "n=\(n)"
case .word(let w): "w=\(w)"
}
print(label)
struct LayerSpec {
  var units: Int
  var activation: Activation = .relu
}
print(LayerSpec(units: 4), LayerSpec(units: 2, activation: .tanh).activation)

indirect enum Expr {
  case number(Double)
  case add(Expr, Expr)
  case times(Expr, Expr)

  var value: Double {
    switch self {
    case .number(let x): return x
    case .add(let a, let b): return a.value + b.value
    case .times(let a, let b): return a.value * b.value
    }
  }
}

let e = Expr.add(.number(1), .times(.number(2), .number(3.5)))
print(e.value, e)
