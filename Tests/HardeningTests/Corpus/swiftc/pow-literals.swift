// pow of literal arithmetic with an integer-literal exponent: the blocks of
// EverydayLibraryTests.powOfMixedLiteralsIsAmbiguous (the first block is their first cell;
// each later block runs after it, and swiftc's error for a block is the one expected).
// One operator between a float and an integer literal is Double's or Decimal's.
import Foundation

print(pow(7.25 * 5, 10))

print(pow(2.5 + 1, 2))

print(pow(1 + 2.5, 2))

print(pow(-2.5 * 2, 2))

let x = pow(7.25 * 5, 2)

print(pow((7.25 * 5), 10))

print(pow(2.5 / 2, 2) * 3)

// accepted: Glibc's pow(Double, Double)
print(pow(2.5 * 2 + 1.5, 2))

print(pow(7.25 * 5, 10.0))

let y: Double = pow(7.25 * 5, 2)

print(pow(2.5 + 0.5, 2))

print(pow(-(2.5), 2))

let b = 1.5
print(pow(2.5 - 1, 2) + b)
