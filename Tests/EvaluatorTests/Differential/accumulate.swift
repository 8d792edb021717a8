// reduce(into:) with an inout accumulator, operators passed to map over zipped pairs, seeded random numbers (only order-free facts printed).
let xs = [3.0, 1.0, 2.0]
print(xs.reduce(into: 0.0) { $0 += $1 }, xs.reduce(into: [Double]()) { acc, x in acc.append(x * 2) })
let counts = "banana".reduce(into: [:]) { $0[$1, default: 0] += 1 }
print(counts.count, counts["a"]!)
let p = zip([1, 2], [3, 4]).map(*)
print(p, zip([1.0, 2.0], [3.0, 4.0]).map(+))
let r = Double.random(in: 0..<1)
print(r >= 0 && r < 1, (1...6).contains(Int.random(in: 1...6)), [1, 2, 3].shuffled().count, [7].randomElement()!)
print(Bool.random() || true)
