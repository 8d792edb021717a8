// Type errors Swift finds before running: the cells of DiagnosticsTests.typeErrorsHaveSwiftsWording
// (the declarations are its first cell).
let o: Int? = 4
let d: Double? = 1.5
let t = (1, "a")
let dict = ["a": 1]
let xs = [1, 2, 3]
let s = "abc"
func wrongReturn() -> Int { return "a" }
func wrongImplicitReturn() -> Int { 2.5 }
func intReturnedAsDouble() -> Double { let i = 1; return i }
let r1 = o + 1
let r2 = 1 + o
let r3 = o * d
let r4 = o < 3
let r5 = t.2
let r6 = t.name
let r7 = dict["a"] + 1
let r8 = xs.first + 1
let r9 = Int(s) + 1
let r10 = 2 < xs.last
let r11 = s.uppercased + "x"
