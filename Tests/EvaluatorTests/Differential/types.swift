// More of structs and enums: extensions, descriptions, closures in members, nesting.
import Foundation

enum Activation: String, CaseIterable {
  case relu, sigmoid, identity
}

extension Activation {
  func callAsNumber(_ x: Double) -> Double {
    switch self {
    case .relu: return max(0, x)
    case .sigmoid: return 1 / (1 + exp(-x))
    case .identity: return x
    }
  }
}

struct Dense: CustomStringConvertible {
  var inputs: Int
  var outputs: Int
  var activation: Activation = .relu

  var parameters: Int { inputs * outputs + outputs }
  var description: String { "Dense(\(inputs)→\(outputs), \(activation.rawValue))" }
}

struct Model {
  var layers: [Dense] = []
  var name = "net"

  mutating func add(_ layer: Dense) { layers.append(layer) }

  var parameterCount: Int { layers.map { $0.parameters }.reduce(0, +) }

  func widths() -> [Int] { layers.map { layer in layer.outputs } }
}

var model = Model()
model.add(Dense(inputs: 4, outputs: 8))
model.add(Dense(inputs: 8, outputs: 3, activation: .sigmoid))
print(model.layers)
print(model.parameterCount, model.widths())
model.layers[1].activation = .identity
model.layers[0].outputs += 2
print(model.layers[0], model.layers[1].activation)
print(Activation.allCases.map { $0.callAsNumber(-1) })

struct Scaler {
  var factor: Double
  var transform: (Double) -> Double

  func apply(_ xs: [Double]) -> [Double] { xs.map { transform($0) * factor } }
}

let s = Scaler(factor: 2, transform: { $0 + 1 })
print(s.apply([1, 2]), s.transform(10))

enum Op {
  case add(Double)
  case scale(by: Double)
  case reset

  func run(_ x: Double) -> Double {
    switch self {
    case .add(let d): return x + d
    case .scale(by: let k): return x * k
    case .reset: return 0
    }
  }
}

let program: [Op] = [.add(3), .scale(by: 2), .add(-1)]
print(program.reduce(1.0) { acc, op in op.run(acc) })
var counts: [String: Int] = [:]
for op in program + [.reset] {
  switch op {
  case .add: counts["add", default: 0] += 1
  case .scale, .reset: counts["other", default: 0] += 1
  }
}
print(counts["add"]!, counts["other"]!)
let pairs: [(Activation, Int)] = [(.relu, 1), (.identity, 2)]
for (a, n) in pairs {
  switch (a, n) {
  case (.relu, 1): print("relu one")
  default: print(a, n)
  }
}
var byName: [String: Activation] = [:]
for a in Activation.allCases { byName[a.rawValue] = a }
print(byName["sigmoid"]!, Activation(rawValue: "tanh") == nil)

struct Vec: Equatable {
  var x: Double
  var y: Double
  static let zero = Self(x: 0, y: 0)
  static func uniform(_ v: Double) -> Self { Self(x: v, y: v) }
  func plus(_ o: Vec) -> Self { Self(x: x + o.x, y: y + o.y) }
  var isZero: Bool { self == Self.zero }
}
print(Vec.uniform(2).plus(Vec(x: 1, y: 0)), Vec.zero.isZero, Vec.uniform(1).isZero)

enum Speed { case slow, fast }
struct Car {
  var speed: Speed = .slow
  var log: [Speed] = []
  mutating func set(_ s: Speed) { speed = s; log.append(s) }
  mutating func toggle() { set(speed == .slow ? .fast : .slow) }
}
var car = Car()
car.set(.fast)
car.toggle()
car.toggle()
print(car.speed, car.log)

enum Dir: CaseIterable { case n, e, s, w }
func turn(_ d: Dir) -> Dir { Dir.allCases[(Dir.allCases.firstIndex(of: d)! + 1) % 4] }
print(turn(.w), turn(turn(.n)))
var visits: [Dir: Int] = [:]
for d in [Dir.n, .n, .e] { visits[d, default: 0] += 1 }
visits[.w] = 7
print(visits[.n]!, visits[.e]!, visits[.s] as Any, visits[.w]!)
