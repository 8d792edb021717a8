// Loops an answer key writes: while and repeat, building strings, labelled break, stride
// with where, sorting words case-insensitively, FizzBuzz with nested ternaries,
// temperature conversion formatted with String(format:), indices filtered by value.
import Foundation
var n = 27, steps = 0
while n != 1 { n = n % 2 == 0 ? n / 2 : 3 * n + 1; steps += 1 }
print(steps)
var i = 0
repeat { i += 3 } while i < 10
print(i)
var s = ""
for k in 1...5 { s += k == 1 ? "\(k)" : ",\(k)" }
print(s, s.count)
var lines: [String] = []
for row in 1...3 { lines.append(String(repeating: "*", count: row)) }
print(lines.joined(separator: "\n"))
outer: for a in 1...3 { for b in 1...3 { if a * b == 4 { print("found", a, b); break outer } } }
var total = 0
for x in stride(from: 10, through: 0, by: -5) where x > 0 { total += x }
print(total)
let words = ["apple", "Banana", "cherry"]
print(words.sorted(), words.sorted { $0.lowercased() < $1.lowercased() }, words.map { $0.prefix(1).uppercased() + $0.dropFirst() })
print(words.reduce("") { $0.isEmpty ? $1 : $0 + "|" + $1 }, words.map(\.count).max()!)
var fizz: [String] = []
for v in 1...15 { fizz.append(v % 15 == 0 ? "FizzBuzz" : v % 3 == 0 ? "Fizz" : v % 5 == 0 ? "Buzz" : String(v)) }
print(fizz.suffix(5))
let temps = [22.5, 19.0, 24.25]
let f = temps.map { $0 * 9 / 5 + 32 }
print(f, f.map { String(format: "%.1f°F", $0) })
print(temps.enumerated().filter { $0.element > 20 }.map { $0.offset }, temps.indices.filter { temps[$0] < 20 })
