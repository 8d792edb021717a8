// A Substring passed to String(format:) (it is no CVarArg): the blocks of
// EverydayLibraryTests.substringsInStringFormatAreSwiftsError (the first block is their first
// cell; each later block runs after it, and swiftc's error for a block is the one expected).
import Foundation
let s = "ab cd"

let a = String(format: "%@", s.split(separator: " ")[0])

let w = s.split(separator: " ")[0]
let b = String(format: "%@", w)

let c = String(format: "%@ %@", s.prefix(2), String(s.prefix(2)))

let d = String(format: "%@", s.dropFirst())

for v in s.split(separator: " ") { print(String(format: "[%@]", v)) }

let p = s.prefix(3)
let q = p.dropFirst()
let e = String(format: "%@", q)

let f = String(format: "%@|%@", s.uppercased(), s.suffix(1))

// accepted: made Strings first
for v in s.split(separator: " ") { print(String(format: "[%@]", String(v))) }

let g = String(format: "%@", String(s.dropLast()))

let h = String(format: "%@ %d", s.uppercased(), s.count)
