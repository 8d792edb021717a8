// ArraySlice: slices of arrays keep their base's indices and print as ArraySlice(...) inside
// collections and tuples, as in Swift.
let xs = [3, 1, 4, 1, 5, 9]
let t = xs.dropFirst()
print(t, [t], (xs[1...2], 1), type(of: t), type(of: xs[0...1]), type(of: xs.prefix(2)))
print(t.startIndex, t.endIndex, t.indices, t.firstIndex(of: 4) as Any, t.lastIndex(of: 1) as Any, t[1], t[2...3])
print(xs.suffix(2).startIndex, xs.dropLast(2).endIndex, xs.drop(while: { $0 < 4 }).startIndex, xs.prefix(while: { $0 != 5 }).indices)
let u = xs[2...4]
print(u[2], u[3...], u[..<4], u.firstIndex(where: { $0 > 4 })!, u.dropFirst().startIndex, u.dropFirst()[3])
print(Array(u), [Array(u)], type(of: Array(u)), u.map { $0 * 2 }, u.count, u.first!, u.last!, u.sorted())
for (i, x) in u.enumerated() { print(i, x) }
var w = xs[1...3]
w[2] = 40
w.append(7)
print(w, w.startIndex, w.endIndex, xs)
print(xs[0...1] == [3, 1], xs.dropFirst(4), [xs.suffix(1)])
// a var slice's mutations take its own indices
var ts = xs.dropFirst()
ts.remove(at: 1)
print(ts, ts.startIndex, [ts])
ts.insert(7, at: 2)
ts.swapAt(2, 3)
ts.insert(contentsOf: [8, 8], at: ts.endIndex)
print(ts, ts.indices, ts.firstIndex(of: 8)!)
var us = xs[2...4]
us[3] = 10
print(us, us.remove(at: 4), us)
