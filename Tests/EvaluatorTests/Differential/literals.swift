// Integer literals in an array literal take the type the closure of its method gives them
// (`[1, 2].map { $0 * 2.0 }` is [Double]); `contains { … }` is contains(where:).
import Foundation

print([1, 2].map { $0 * 2.0 })
print([1, 2, 3].filter { $0 > 1.5 })
print([-1, 2].map { x in (x + 1) / 4.0 })
print([3, 1, 2].sorted { $0 * 1.0 < $1 })
print([1, 2].map { $0 * 2 })
print([7, 2].map { $0 / 2 })
print([1, 2].map({ 0.5 * $0 }))
print([1, 2].contains { $0 == 2.0 })
print([1, 2].map { Double($0) * 2.0 })
print([1, 2].map { v in return v - 0.25 })
print([1, 2].map { x in
  let y = x * 2.0
  return y
})
print([4, 5].map { ($0 - 1) * 0.5 })
print([1, 2].map { v in [v, 1].map { $0 * 2 } })
print([1, 2, 3].first { $0 >= 2.5 } ?? -1)
let total = [1, 2, 3].map { $0 / 2.0 }.reduce(0, +)
print(total)
print([1, 2].contains { $0 == 2 })
print([1, 2].contains(where: { $0 > 1.5 }))
let ints = [1, 2]
print(ints.map { Double($0) * 2.0 })
print([2, 3].allSatisfy { $0 > 1.5 })
print([1, 3, 2].max { $0 < $1 * 1.0 } ?? 0)
