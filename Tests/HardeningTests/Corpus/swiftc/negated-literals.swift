// A prefix '-' over a parenthesized integer literal where nothing gives the literal a type:
// with Foundation swiftc weighs Decimal's '-' against Int's. The blocks of
// DiagnosticsTests.negatedParenthesizedLiteralsAreAmbiguous.
import Foundation
var q = 1
func f(_ n: Int) -> Int { n }

print(-(0))

let a = -(0)

print((-(0), 1))

let x = -(-7)

print([-(1)])

let w = -((3))

print("\(-(3))")

let t = -(0x10)

// accepted: an operand, a typed binding, an argument of a typed parameter, an assignment
print(-(0) * 2)

let y: Int = -(0)

print(f(-(0)))

q = -(3)

let z = -(1 + 2)

print(-(2.5))

print(-3, -q, -(q))
