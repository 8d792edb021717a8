// Arrays (value semantics), dictionaries, ranges, tuples, and the everyday methods.
import Foundation

let a = [3, 1, 4, 1, 5, 9, 2, 6]
var b = a
b.append(100)
b[0] = -1
print(a)
print(b)
print(a.count, a.isEmpty, a.first as Any, a.last as Any, [Int]().first as Any)
print(a.sorted(), a.sorted(by: >), a.reversed().map { $0 }, Array(a.reversed()))
print(a.map { $0 * 2 }, a.filter { $0 % 2 == 0 }, a.reduce(0, +), a.reduce(1) { $0 * $1 })
print(a.min() as Any, a.max() as Any, a.contains(9), a.contains(7), a.firstIndex(of: 1) as Any)
print(a.prefix(3), a.suffix(2), a.dropFirst(), a.dropLast(2), a[2..<5], a[...2], a[5...])
print(a.compactMap { $0 > 3 ? $0 : nil }, [[1, 2], [3]].flatMap { $0 }, a.allSatisfy { $0 > 0 })
var c = [Double]()
c.append(1)
c.append(2.5)
c += [3]
print(c, c.reduce(0, +) / Double(c.count))
var m = [[0, 0], [0, 0]]
m[1][0] = 7
m[0] += [9]
print(m)
var stack = [1, 2, 3]
let top = stack.removeLast()
stack.insert(0, at: 0)
let removed = stack.remove(at: 1)
print(top, removed, stack, stack.popLast() as Any, stack)
stack.removeAll()
print(stack, stack.isEmpty)
var words = ["pear", "fig", "apple"]
words.sort()
print(words)
words.sort { $0.count < $1.count }
print(words)
words.reverse()
words.swapAt(0, 2)
print(words)
let zeros = [Double](repeating: 0, count: 3)
let filled = Array(repeating: "x", count: 2)
print(zeros, filled, Array(0..<4), Array(1...3))
var counts: [String: Int] = [:]
for w in ["a", "b", "a", "c", "a"] { counts[w, default: 0] += 1 }
print(counts["a"] as Any, counts["z"] as Any, counts["z", default: 0], counts.count)
var ages = ["ann": 30]
ages["bob"] = 25
ages["ann"] = 31
ages["bob"] = nil
print(ages, ages.isEmpty, [String: Int]())
let single = ["k": [1, 2]]
print(single, single["k"]?.count as Any)
let r = 0..<5
let cr = 1...3
print(r, cr, r.count, cr.contains(3), r.contains(5), r.lowerBound, r.upperBound)
print((0..<5).map { $0 * $0 }, (1...4).reduce(0, +), (0..<10).filter { $0 % 3 == 0 })
print(stride(from: 0, to: 10, by: 3).map { $0 }, Array(stride(from: 1.0, through: 2.0, by: 0.5)))
let t = (1, "two", 3.0)
let (p, q, _) = t
let named = (x: 1, y: 2)
print(t, t.0, t.1, p, q, named, named.x + named.y)
print(zip([1, 2, 3], ["a", "b"]).map { "\($0)\($1)" })
for (i, w) in ["x", "y"].enumerated() { print(i, w) }
print(a.enumerated().map { $0.offset * $0.element })
print([1, 2] == [1, 2], [1, 2] != [2, 1], (1, "a") == (1, "a"), (1, 2) < (1, 3))
print([Optional(1), nil, 3], [1.5, 2], [[1.0], []])
let nested: [[Int]] = [[1], [2, 3]]
print(nested.map { $0.count }, nested.joined().map { $0 })
