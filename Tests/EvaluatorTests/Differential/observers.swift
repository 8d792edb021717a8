// Property observers of struct stored properties: willSet (newValue), didSet (oldValue).
struct StepCounter {
  var log: [String] = []
  var steps = 0 {
    willSet { log.append("about to set \(newValue)") }
    didSet {
      if steps > oldValue { log.append("added \(steps - oldValue)") }
    }
  }
  var clamped: Double = 0 {
    didSet { if clamped > 1 { clamped = 1 } }
  }
  var history: [Int] = [] {
    didSet(previous) { log.append("history \(previous.count) -> \(history.count)") }
  }
  init() { steps = 5 }
  mutating func walk(_ n: Int) { steps += n }
}
var c = StepCounter()
print(c.log)
c.steps = 10
c.walk(3)
c.steps = 1
c.clamped = 3.5
c.history.append(7)
c.history += [8, 9]
print(c.steps, c.clamped, c.history)
for line in c.log { print(line) }
var many = [StepCounter(), StepCounter()]
many[1].steps = 7
print(many.map { $0.log.count })
