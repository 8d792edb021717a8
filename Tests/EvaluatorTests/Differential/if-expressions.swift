// A function or closure whose body is one `if` or `switch` expression returns its value
// (SE-0380); the evaluator once ran such bodies as statements and returned ().
func sign(_ x: Int) -> Int { if x > 0 { 1 } else if x < 0 { -1 } else { 0 } }
func name(_ x: Int) -> String {
  switch x {
  case 0: "zero"
  case 1...9: "digit"
  default: "big"
  }
}
print(sign(5), sign(-3), sign(0))
print(name(0), name(7), name(42))
let pick = { (b: Bool) -> Double in if b { 1.5 } else { 2 } }
print(pick(true), pick(false))
print([true, false].map { b -> Int in if b { 1 } else { 2 } })
print(
  [0, 5, 50].map { x -> String in
    switch x {
    case 0: "zero"
    case 1...9: "digit"
    default: "big"
    }
  })
struct Reading {
  var value: Int
  func label(_ limit: Int) -> String { if value > limit { "high" } else { "ok" } }
  var sign: Int { if value > 0 { 1 } else if value < 0 { -1 } else { 0 } }
}
print(Reading(value: 5).label(3), Reading(value: -2).sign)
