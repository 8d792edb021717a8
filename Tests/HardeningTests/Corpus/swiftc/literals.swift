// Integer array and range literals whose element type a closure must settle: the blocks of
// DiagnosticsTests.ambiguousLiteralsHaveSwiftsWording (the first block is its first cell;
// each later block runs after it, and swiftc's error for a block is the one expected).
import Foundation
let text = "The quick brown fox"

let c = [1, -2].map { cos($0) }

let e = [1, 2].map { exp($0) }

let k = [1, 2].map { sin($0) * 2 }

let m = [1, 2].filter { log2($0) > 0 }

let n = [1, 2].map { tanh($0) + 1 }

let t = [1, 2].map { exp(-$0) }

let h = [1, 2].map { exp($0 * 2) }

let i = [1, 2].map { x in cos(2 * x) }

let z = [1, 2].map { $0 * .pi }

let v = (1...3).map { sin($0) }

let a = (1...3).map { sqrt($0) }

let r = (0..<3).map { $0 * 0.5 }

// accepted: these make the elements Double (or keep them Int) as Swift does
let s1 = [1, 2].map { sqrt($0) }

let s2 = [1, 2].map { $0.squareRoot() }

let s3 = [1, 2].map { ($0 as Double) * 2 }

let s4 = [1, 2].reduce(0.0, +)

let s5 = [1, 2].contains(1.5)

let s6 = [1, 2].map { log($0) * 0.5 }

let s7 = [1, 2].map { atan2($0, 1.0) }

let s8 = [1, 2].map { exp($0 * 0.5) }

let s9 = [1, 2].map { abs($0) }

let s10 = (1...3).map { Double($0) * 0.5 }

// pow of a float literal and an integer literal: Glibc's (Double, Double) or Foundation's
// (Decimal, Int); refused where nothing decides, accepted where a Double does
print(pow(2.0, 3))

let p1 = pow(2.0, 2) + 1

let p2 = pow(-2.0, 3)

let p3: Double = pow(2.0, 3)

let p4 = 3.0 * pow(1.5, 2)

let p5 = "\(pow(2.0, 2))"

let p6 = sqrt(pow(2.0, 2))

// a String's split is Sequence's and Collection's: a closure that only counts fits both
let w1 = text.split(separator: " ").map { $0.count }

let w2 = text.lowercased().split(separator: " ").map { w in w.count }

let w3 = text.split(separator: " ").map { String($0).count }

let w4 = text.split(separator: " ").filter { $0.count > 3 }

// parentheses around the call change nothing: refused, and accepted beside a Double
print((pow(2.0, 3)))

let p9 = (pow(2.0, 2)) * 1.5
