// Switches without `default` that Swift accepts because their patterns cover every value:
// optionals (`nil`, `x?`, `.some(...)`, a bare case looking through the optional), Bools
// inside tuples and associated values, labeled associated values.
enum Light { case red, amber, green }
enum Reading { case level(value: Int, ok: Bool), missing }

func describe(_ l: Light?) -> String {
  switch l {
  case nil: return "off"
  case .red?: return "stop"
  case .some(.amber): return "wait"
  case .green: return "go"
  }
}
let lights: [Light?] = [.red, .amber, .green, nil]
print(lights.map { describe($0) })

func both(_ a: Bool?, _ b: Bool) -> Int {
  switch (a, b) {
  case (true?, true): return 1
  case (false?, _): return 2
  case (.some(true), false): return 3
  case (.none, let x): return x ? 4 : 5
  }
}
print(both(true, true), both(false, true), both(true, false), both(nil, true), both(nil, false))

func check(_ r: Reading) -> String {
  switch r {
  case .level(let v, true): return "ok \(v)"
  case .level(value: _, ok: false): return "bad"
  case .missing: return "none"
  }
}
print(check(.level(value: 3, ok: true)), check(.level(value: 1, ok: false)), check(.missing))

func flags(_ t: (Bool, Bool, Bool)) -> Int {
  switch t {
  case (true, true, true): return 7
  case (false, _, _): return 0
  case (_, false, _): return 1
  case (_, _, false): return 2
  }
}
print(flags((true, true, true)), flags((false, true, true)), flags((true, false, true)),
  flags((true, true, false)))

let pair: (Light, Light) = (.amber, .red)
switch pair {
case (.red, _), (_, .red): print("some red")
case (.amber, .amber), (.amber, .green), (.green, .amber), (.green, .green): print("none red")
}
// failable initializers give optionals, so .none with an unguarded let v? covers them
let inexact = 2.5
switch Int(exactly: inexact) {
case .none: print("not whole")
case let v?: print(v)
}
switch Int("12") {
case .none: print("not a number")
case .some(let v) where v > 100: print("big", v)
case let v?: print(v)
}
switch Double(exactly: 7) {
case nil: print("nil")
case let d?: print(d)
}
switch Bool("yes") {
case .none: print("not a Bool")
case .some(let b): print(b)
}
