// Structs and enums declared inside functions: visible to the rest of the function, with
// methods, initializers, Self and switch coverage; a top-level type of the same name is
// untouched outside. (Swift prints such a value inside a collection with its address, which
// cells refuse, so these print them on their own.)
struct Step { var label: String }

func walk(_ n: Int) -> Int {
  struct Step {
    var size: Int
    func doubled() -> Step { Step(size: size * 2) }
    static func unit() -> Self { Self(size: 1) }
  }
  enum Dir { case up, down }
  var total = 0
  var s = Step.unit()
  for i in 0..<n {
    let d: Dir = i % 2 == 0 ? .up : .down
    switch d {
    case .up: total += s.size
    case .down: total -= 1
    }
    s = s.doubled()
  }
  print(s)
  return total
}
print(walk(4), walk(1))
print(Step(label: "outer"))

func classify(_ xs: [Double]) -> String {
  enum Band: String { case low, mid, high }
  struct Summary {
    var count: Int
    var band: Band
    init(_ xs: [Double]) {
      count = xs.count
      let mean = xs.reduce(0, +) / Double(xs.count)
      band = mean < 1 ? .low : mean < 10 ? .mid : .high
    }
  }
  let s = Summary(xs)
  return "\(s.count) \(s.band.rawValue) \(s.band)"
}
print(classify([0.5, 0.25]), classify([5, 6]), classify([50]))

do {
  struct Local { var v = 3 }
  print(Local().v + 1)
}
