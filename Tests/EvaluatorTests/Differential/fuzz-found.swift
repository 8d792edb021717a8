// Cases scripts/difffuzz.py found where the evaluator differed from Swift, now fixed.
import Foundation

// `$0` of `reduce(into:)`'s closure is inout: mutating members and subscripts change it.
print([1, 2].reduce(into: [Int]()) { $0.append($1 * 2) })
let counts = ["a", "b", "a"].reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
print(counts.sorted(by: { $0.key < $1.key }))

// A subscript of a literal is a value, not a place: its methods still run.
print(["a": 1]["x"].map { $0 * 2 } as Any, ["a": 1]["a"].map { $0 * 2 } as Any)
print([[1, 2], [3]][0].map { $0 + 1 }, [3, 1, 2].sorted()[0...1].reversed().map { $0 })

// The literal after `??` takes the optional's type: a Double for `first`/`max()` of a
// `[Double]`, also when the array is empty and the literal is what prints.
let empty: [Double] = []
print(empty.max() ?? 0, empty.first ?? 1, empty.last ?? 2, empty.min() ?? -1)
print(empty.first(where: { $0 > 1 }) ?? 3, empty.randomElement() ?? 5)
var stack: [Double] = [1.5]
print(stack.popLast() ?? 7, stack.popLast() ?? 7)

// `map` over an empty array gives an array of the closure's result type when the compiler
// knows it (an annotated or single-expression closure): its `reduce(0, +)` is then 0.0.
let none: [Int] = []
print(none.map { _ in 0.5 }.reduce(0, +), none.map { x -> Double in Double(x) / 2 }.reduce(0, +))
print(none.map { _ in 0.5 }, none.map { String($0) }, none.map { $0 * 2 }.reduce(0, +))

// `flag ? nil : 5` is an `Int?` (it printed as `5`): the value beside a bare `nil` is wrapped.
let flag = false
let maybe = flag ? nil : 5
print(maybe as Any, (flag ? nil : "s") as Any, (true ? nil : [1].last ?? 2) as Any)
let maybes: [Int?] = [flag ? nil : 3, nil, !flag ? nil : 4]
print(maybes, (flag ? nil : [1, 2])?.count as Any)
let words = ["a"]
print(flag ? nil : words.last as Any, flag ? nil : 3 as Any)  // an Any? holding a String?

// `E(rawValue:)` is an `E?`, so the implicit member after `??` is `E`'s (it printed `.low`).
enum Level: Int { case low = 1, mid }
let level = Level(rawValue: 9) ?? .low
print(level, Level(rawValue: 2) ?? .low, [level])

// A NaN with its sign bit set prints as `-nan` (`print`, interpolation, collections), while
// `description`, `String(x)` and `String(describing:)` say `nan`. 0.0 / 0.0 computed at run
// time, `sqrt(-1.0)` and `log(-1.0)` give one; it printed `nan` everywhere.
let operands = [-1.0, 0.0]
let negativeNaN = log(operands[0])
let zero = operands[1]
print(negativeNaN, -Double.nan, Double.nan, [negativeNaN], "\(negativeNaN)")
print(String(negativeNaN), String(describing: negativeNaN), negativeNaN.description)
print(zero / zero, -(zero / zero), sqrt(operands[0]), (negativeNaN, 1), Optional(negativeNaN) as Any)
print(String(describing: [negativeNaN]), String(reflecting: negativeNaN))
// Literal arithmetic is folded by swiftc, whose NaN is positive: these print `nan`.
let foldedNaN = 0.0 / 0.0
print(0.0 / 0.0, 0.0 / 0, foldedNaN, -foldedNaN, [0.0 / 0.0])

// max takes a value `>=` the best so far and min one `<` it, as Swift's do: the sign of a
// zero and a NaN's place decide what they return (max(0.0, -0.0) printed 0.0).
print(max(0.0, -0.0), max(-0.0, 0.0), min(0.0, -0.0), min(-0.0, 0.0), max(-0.0, 0.0, -0.0))
print(max(Double.nan, 1), max(1, Double.nan), min(Double.nan, 1), min(1, Double.nan), max(1, 2, 2))

// A NaN is neither <= nor >= anything (the evaluator said true), and `.infinity` beside a
// Double of unknown static type compares as a Double.
let withNaN = [Double.nan, 1.0]
let nanValue = withNaN[0]
print(nanValue <= 1, nanValue >= 1, nanValue < 1, nanValue > 1, 1 <= nanValue, 1 >= nanValue)
print(nanValue <= .infinity, withNaN[1] < .infinity, withNaN[1] >= -.infinity, 2.0 >= 2, 1 <= 2)
if min(nanValue, 0.0) <= -1.5 { print("min(nan, 0.0) is nan, and nan <= -1.5 is false") }

// `%` and the bit operators on integer literals have no Double form to compute (passing
// `(flag ? 2 : 4) % 9` as an argument failed with "'%' is unavailable").
var appended = [11, 2]
appended.append((flag ? 2 : 4) % (9))
print(appended, (!flag ? 6 : 4) & 3, (appended.isEmpty ? 1 : 2) << 3, (flag ? 2 : 4) + 0.5)

// Session 5. String literals in the patterns of a switch over a Character are Characters,
// ranges of them too (they were compared as Strings: "binary operator '==' cannot be applied
// to operands of type 'Character' and 'String'").
var vowelCount = 0, digitCount = 0, otherCount = 0
for ch in "a,b 19é" {
  switch ch {
  case "a", "e", "i", "o", "u": vowelCount += 1
  case "0"..."9": digitCount += 1
  case "é": otherCount += 10
  default: otherCount += 1
  }
}
print(vowelCount, digitCount, otherCount)
let letter: Character = "x"
switch letter {
case "a"..<"m": print("first half")
default: print("second half")
}
if case "x" = letter { print("x matches") }

// `<` between two number literals of which one is a float literal is refused as swiftc does
// ("ambiguous use of operator '<'"); these are not ambiguous and run.
print(0.1 + 0.2 < 0.3, Double.pi < 3.5, max(1, 2) < 3, 1.5 * 2 < 3, (1.5, 1) < (2.5, 1), 1 < 2)
let halves = [1.5, 0.5]
print(1.5 <= 2.5, 2.5 > 1, 1.5 == 1.5, halves.filter { $0 < 1 }, Double(1) < 2.5)

// A local function that calls itself, or another local function of its block, captures the
// box it is stored in (it captured a placeholder: "cannot call value of non-function type").
func countdown(_ n: Int) -> [Int] {
  func steps(_ k: Int) -> [Int] { k < 0 ? [] : [k] + steps(k - 1) }
  return steps(n)
}
print(countdown(3))
do {
  func isEven(_ n: Int) -> Bool { n == 0 ? true : isOdd(n - 1) }
  func isOdd(_ n: Int) -> Bool { n == 0 ? false : isEven(n - 1) }
  print(isEven(4), isOdd(7))
  for k in 0..<2 {
    func fact(_ n: Int) -> Int { n <= 1 ? 1 : n * fact(n - 1) }
    print(fact(5 + k))
  }
}

// A NaN is in no range (a closed range took it: `!(v < lower) && !(upper < v)`).
for x in [Double.nan, 0.5, 5.0] {
  switch x {
  case ..<0: print("neg")
  case 0..<1: print("unit")
  case 1...10: print("small")
  default: print("other")
  }
}
print((1.0...2.0).contains(Double.nan), (1.0..<2.0).contains(Double.nan), (0.5...).contains(Double.nan))

// A tuple's labels may be added or dropped on conversion (changing them is refused).
let labeled: (a: Int, b: Int) = (1, 2)
let unlabeled: (Int, Int) = (x: 1, y: 2)
func span(_ p: (lo: Int, hi: Int)) -> Int { p.hi - p.lo }
print(labeled, unlabeled, span((2, 9)), span((lo: 1, hi: 5)))
