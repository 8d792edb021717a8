// Functions and small types in an answer key: a struct with a description and a method,
// max by a computed distance, a centroid, an enum graded by ranges, grouping by enum,
// memoized and plain recursion, gcd by reduce, primes with contains { }, radix conversions.
import Foundation
struct Point: CustomStringConvertible { var x: Double; var y: Double
  var description: String { "(\(x), \(y))" }
  func distance(to p: Point) -> Double { ((x - p.x) * (x - p.x) + (y - p.y) * (y - p.y)).squareRoot() }
}
let pts = [Point(x: 0, y: 0), Point(x: 3, y: 4), Point(x: -1, y: 2)]
print(pts, pts[1].distance(to: pts[0]), pts.map { $0.x }.max()!)
let far = pts.max { $0.distance(to: pts[0]) < $1.distance(to: pts[0]) }
print(far?.description ?? "none", far.map { "\($0)" } ?? "-")
let centroid = Point(x: pts.map(\.x).reduce(0, +) / Double(pts.count), y: pts.map(\.y).reduce(0, +) / Double(pts.count))
print(centroid, String(format: "(%.2f, %.2f)", centroid.x, centroid.y))
enum Grade: String, CaseIterable { case a = "A", b = "B", c = "C" }
func grade(_ s: Double) -> Grade { s >= 90 ? .a : s >= 80 ? .b : .c }
print([95.0, 85, 70].map { grade($0).rawValue }, Grade.allCases.count, Grade(rawValue: "B") == .b)
let byGrade = Dictionary(grouping: [95.0, 85, 70, 88], by: { grade($0) })
print(Grade.allCases.map { "\($0.rawValue): \(byGrade[$0]?.count ?? 0)" })
var memo: [Int: Int] = [:]
func fib(_ n: Int) -> Int { if n < 2 { return n }; if let m = memo[n] { return m }; let r = fib(n - 1) + fib(n - 2); memo[n] = r; return r }
print(fib(50), memo.count)
func factorial(_ n: Int) -> Int { n <= 1 ? 1 : n * factorial(n - 1) }
print(factorial(20), (1...10).map(factorial).last!)
func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
print(gcd(48, 18), [12, 18, 24].reduce(0, gcd))
func isPrime(_ n: Int) -> Bool { n > 1 && !(2..<max(2, Int(Double(n).squareRoot()) + 1)).contains { n % $0 == 0 } }
print((1...30).filter(isPrime), isPrime(97))
let binary = String(42, radix: 2), parsed = Int("101010", radix: 2)
print(binary, parsed ?? -1, String(binary.reversed()))
print([1, 2].map(String.init), ["1.5", "x"].map(Double.init), [2.7, -1.2].map(Int.init), [1, 2].map(Double.init))
