// Functions: labels, defaults, recursion, inout, closures capturing by reference, $0, trailing closures.
import Foundation

func greet(_ name: String, greeting: String = "Hello", times: Int = 1) -> String {
  Array(repeating: "\(greeting), \(name)!", count: times).joined(separator: " ")
}
print(greet("Ann"), greet("Bo", greeting: "Hi"), greet("Cy", times: 2))
func area(width w: Double, height h: Double) -> Double { w * h }
print(area(width: 2, height: 3.5))
func factorial(_ n: Int) -> Int { n <= 1 ? 1 : n * factorial(n - 1) }
print(factorial(20))
func fib(_ n: Int) -> Int {
  if n < 2 { return n }
  return fib(n - 1) + fib(n - 2)
}
print((0..<15).map(fib))
func swapped(_ a: inout Int, _ b: inout Int) {
  let t = a
  a = b
  b = t
}
var p = 1
var q = 2
swapped(&p, &q)
print(p, q)
func increment(_ x: inout [Int]) { x.append(x.count) }
var arr = [0]
increment(&arr)
increment(&arr)
print(arr)
func makeCounter() -> () -> Int {
  var count = 0
  return {
    count += 1
    return count
  }
}
let c1 = makeCounter()
let c2 = makeCounter()
print(c1(), c1(), c1(), c2())
var total = 0
let add: (Int) -> Void = { total += $0 }
add(5)
add(7)
print(total)
let square = { (x: Double) -> Double in x * x }
let cube: (Double) -> Double = { $0 * $0 * $0 }
print(square(3), cube(2), [1.0, 2.0].map(square))
func apply(_ f: (Int) -> Int, to x: Int) -> Int { f(x) }
print(apply({ $0 + 1 }, to: 1), apply({ x in x * 10 }, to: 4))
func twice(_ x: Int, then f: (Int) -> Int) -> Int { f(f(x)) }
print(twice(3) { $0 * 2 })
let sortedDesc = [5, 2, 8].sorted { a, b in a > b }
print(sortedDesc)
func compose(_ f: @escaping (Int) -> Int, _ g: @escaping (Int) -> Int) -> (Int) -> Int {
  { g(f($0)) }
}
print(compose({ $0 + 1 }, { $0 * 3 })(2))
func minMax(_ xs: [Int]) -> (min: Int, max: Int)? {
  guard let lo = xs.min(), let hi = xs.max() else { return nil }
  return (lo, hi)
}
if let r = minMax([4, -2, 9]) { print(r.min, r.max, r) }
print(minMax([]) as Any)
func isEven(_ n: Int) -> Bool { n == 0 ? true : isOdd(n - 1) }
func isOdd(_ n: Int) -> Bool { n == 0 ? false : isEven(n - 1) }
print(isEven(10), isOdd(7))
func sum(_ xs: [Double]) -> Double { xs.reduce(0, +) }
print(sum([0.1, 0.2, 0.3]))
var handlers: [(Int) -> Int] = []
for k in 1...3 { handlers.append { $0 * k } }
print(handlers.map { $0(10) })
func nothing() {}
