// Integer array literals whose elements a closure makes Double (Swift infers the literal's
// element type from the closure's body too).
import Foundation

let x = 0.5
let g: (Double) -> Double = { $0 * 3 }
func half(_ d: Double) -> Double { d / 2 }

print([1, 2].map { pow($0, 2.0) })
print([1, 2].map { pow(2.0, $0) })
print([1, 2].map { sqrt($0) })
print([1, 2].map { floor($0) }, [1, 2].map { round($0) }, [1, 2].map { trunc($0) })
print([1, 2].map { $0 * x })
print([1, 2].map { $0 + x * 2 })
print([1, 2].map { half($0) })
print([1, 2].map { g($0) })
print([1, 2].map { max($0, 0.5) })
print([1, 2].map { abs($0 - 1.5) })
print([1, 2].map { $0 * Double.pi })
print([1, 2].map { ($0 + 1) * 0.5 })
print([1, 2].map { -$0 * 0.5 })
print([1, 2].map { [$0, 0.5] })
print([1, 2].map { (v: Double) in v * 2 })
print([1, 2].map { v in
  let y = v * 0.5
  return y
})
print([1, 2, 3].reduce(0) { $0 + $1 * 0.5 })
print([1, 2, 3].reduce(0) { $0 + pow($1, 2.0) })
print([1, 2, 3].reduce(0.0) { $0 + $1 })
print([1, 2].reduce(into: 0.0) { $0 += $1 })
print([3, 1, 2].sorted(by: { $0 / 2.0 < $1 }))
print([1, 2].filter { $0 > x })
print([1, 2].first { $0 > 1.5 } ?? 0)

// these stay Int
print([1, 2].map { Double($0) })
print([1, 2].map { ($0, 0.5) })
print([1, 2, 3].reduce(0) { $0 + $1 })
print([1, 2, 3].reduce(0) { $0 + Int(Double($1) * 0.5) })
print([1, 2].map { Double($0) * 0.5 })
