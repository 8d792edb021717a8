// A sweep of what answer keys write about records of students: key paths (`map(\.name)`),
// max/min(by:), optional chaining with defaults, reduce(into:), conversions, rounding modes,
// string splitting and joining, tuples compared, nested arrays, popLast/removeFirst.
import Foundation
struct Student { let name: String; let score: Double; var tutor: String? = nil }
let students = [Student(name: "Ann", score: 88.5), Student(name: "Bob", score: 92.0, tutor: "Cy"), Student(name: "Dee", score: 75.25)]
let best = students.max { $0.score < $1.score }!
print(best.name, students.min(by: { $0.score < $1.score })!.name)
print(students.sorted { $0.score > $1.score }.map(\.name))
print(students.map { $0.tutor?.uppercased() ?? "-" }, students[1].tutor?.count ?? 0)
let avg = students.map(\.score).reduce(0, +) / Double(students.count)
print(avg, String(format: "%.2f", avg), (avg * 100).rounded() / 100)
print(students.filter { $0.score >= 80 }.count, students.contains { $0.name == "Bob" })
let total = students.reduce(into: [String: Double]()) { $0[$1.name] = $1.score }
print(total.keys.sorted(), total["Ann"]!)
print(Int(exactly: 2.0) as Any, Int(exactly: 2.5) as Any, Double(Int.max), Int(Double(1 << 53)))
print(7 % 3, -7 % 3, 7.5 / 2, Int(7.5 / 2), (7.5).truncatingRemainder(dividingBy: 2))
print((1...10).lowerBound, (1..<10).upperBound, (0..<0).isEmpty, (1...4).map { $0 * $0 })
print(Array(stride(from: 0.0, to: 1.0, by: 0.25)), Array(stride(from: 5, through: 1, by: -2)))
print("a,b,,c".split(separator: ","), "a,b,,c".components(separatedBy: ","), "  hi  ".trimmingCharacters(in: .whitespaces))
print(["x", "y", "z"].joined(separator: "-"), ["x", "y"].joined(), [1, 2, 3].map { String($0) }.joined(separator: "+"))
print("Mississippi".filter { $0 == "s" }.count, Set("Mississippi").count, "abc".contains("b"), "abc".uppercased())
let word = "swift"
print(word.first!, word.last!, word.dropFirst(), word.dropLast(2), String(word.prefix(3)), word.count)
print(Array(word.enumerated()).map { "\($0.offset)\($0.element)" }.joined())
print((1, "a") == (1, "a"), (1, 2) < (1, 3), (2, "b") > (1, "z"))
let pairs = [(1, "one"), (2, "two")]
for (n, s) in pairs { print(n, s, terminator: "|") }
print()
print(pairs.map { $0.1 }, pairs.first!.0, pairs.last.map { $0.0 } ?? 0)
var matrix = Array(repeating: Array(repeating: 0, count: 3), count: 2)
matrix[1][2] = 5
print(matrix, matrix.count, matrix[0].count, matrix.flatMap { $0 }.reduce(0, +))
print(Double(3) / Double(4), 3 / 4, Double(3 / 4), 1.0 / 3.0 * 3.0 == 1.0)
print(pow(2.0, 10.0), pow(2, 0.5), sqrt(16.0), abs(-3.5), -abs(-2.5))

print(String(describing: Optional(3)), String(describing: nil as Int?), "\(Optional("x") ?? "y")")
print(1e3, 1.5e-3, 123456789.0, 1234567890123456789.0, 0.1 + 0.7, 100.0 / 3.0)
print(Double.pi.rounded(.toNearestOrEven), (2.5).rounded(.toNearestOrEven), (3.5).rounded(.toNearestOrEven), (-2.5).rounded(.awayFromZero))
print(round(1234.5678 * 100) / 100, (0.1 * 3).rounded(.down), floor(-0.5), ceil(-0.5))
print(max(1, 2, 3), min(4.5, 2), [1, 5, 3].max()!, [1.5, 0.5].min()!, [Int]().max() ?? -1)
print(students.map { "\($0.name): \($0.score)" }.joined(separator: ", "))
print(students.first(where: { $0.score < 80 })?.name ?? "none", students.firstIndex(where: { $0.name == "Dee" })!)
print([3, 1, 2].sorted(by: <), ["b", "a"].sorted(by: >), [(2, "b"), (1, "a")].sorted { $0.0 < $1.0 }.map { $0.1 })
var stack = [1, 2, 3]
let top = stack.popLast()
stack.removeFirst()
print(top!, stack, stack.isEmpty, stack.removeLast(), stack)
