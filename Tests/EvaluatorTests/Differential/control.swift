// Control flow: if/else, guard, loops with labels, switch with ranges, tuples and bindings.
import Foundation

for i in 1...15 {
  if i % 15 == 0 {
    print("FizzBuzz")
  } else if i % 3 == 0 {
    print("Fizz")
  } else if i % 5 == 0 {
    print("Buzz")
  } else {
    print(i)
  }
}
var n = 27
var steps = 0
while n != 1 {
  n = n % 2 == 0 ? n / 2 : 3 * n + 1
  steps += 1
}
print("collatz steps", steps)
var k = 0
repeat { k += 3 } while k < 10
print(k)
outer: for i in 0..<5 {
  for j in 0..<5 {
    if j == 3 { continue outer }
    if i == 3 { break outer }
    print(i, j, terminator: "; ")
  }
}
print()
for i in stride(from: 10, through: 0, by: -5) { print(i, terminator: " ") }
print()
for i in 0..<10 where i % 4 == 0 { print("w", i) }
func grade(_ score: Int) -> String {
  switch score {
  case 90...: return "A"
  case 80..<90: return "B"
  case 70, 71, 72: return "C-ish"
  case let s where s < 0: return "invalid \(s)"
  default: return "F"
  }
}
print([95, 85, 71, 50, -1].map(grade))
func classify(_ p: (Int, Int)) -> String {
  switch p {
  case (0, 0): return "origin"
  case (0, let y): return "y-axis \(y)"
  case (let x, 0): return "x-axis \(x)"
  case (let x, let y) where x == y: return "diagonal \(x)"
  default: return "elsewhere"
  }
}
print(classify((0, 0)), classify((0, 5)), classify((3, 0)), classify((2, 2)), classify((1, 2)))
func firstEven(_ xs: [Int]) -> Int? {
  for x in xs where x % 2 == 0 { return x }
  return nil
}
func describe(_ xs: [Int]) -> String {
  guard let e = firstEven(xs) else { return "no even" }
  return "first even \(e)"
}
print(describe([1, 3, 4, 6]), describe([1, 3]))
let maybe: Int? = 5
if let m = maybe, m > 3 { print("big", m) }
if let maybe { print("shorthand", maybe) }
let none: Int? = nil
print(none ?? -1, maybe.map { $0 * 2 } as Any, none == nil, maybe != nil)
let word = "b"
switch word {
case "a", "b": print("a or b")
default: print("other")
}
let x = 0.75
switch x {
case ..<0.5: print("low")
case 0.5..<1.0: print("mid")
default: print("high")
}
let flag = true
switch flag {
case true: print("yes")
case false: print("no")
}
let value = if x > 0.5 { "over" } else { "under" }
print(value)
var total = 0
for i in 1...100 {
  if i % 2 == 1 { continue }
  if i > 10 { break }
  total += i
}
print(total)
