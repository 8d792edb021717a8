// Switches over cell enums that are exhaustive only through their associated values'
// patterns (Swift accepts them without `default`).
enum Unit { case cm, inch }
enum Shape {
  case box(Double, Unit)
  case flag(Bool)
  case pair(Unit, Unit)
  case dot
}

func area(_ s: Shape) -> Double {
  switch s {
  case .box(let w, .cm): return w * w
  case .box(let w, .inch): return w * w * 6.4516
  case .flag(true): return 1
  case .flag(false): return 0
  case .pair(.cm, _): return 2
  case .pair(.inch, .cm), .pair(.inch, .inch): return 3
  case .dot: return 0
  }
}
print([Shape.box(2, .cm), .box(1, .inch), .flag(true), .flag(false), .pair(.cm, .inch),
  .pair(.inch, .cm), .dot].map { area($0) })

indirect enum Expr {
  case number(Int)
  case add(Expr, Expr)
  case neg(Expr)
}
func simplify(_ e: Expr) -> Int {
  switch e {
  case .number(let n): return n
  case .add(.number(0), let r): return simplify(r)
  case .add(let l, let r): return simplify(l) + simplify(r)
  case .neg(.neg(let inner)): return simplify(inner)
  case .neg(let inner): return -simplify(inner)
  }
}
print(simplify(.add(.number(0), .neg(.neg(.number(5))))), simplify(.neg(.add(.number(2), .number(3)))))

// a binding pattern that catches everything makes the switch exhaustive
switch Unit.inch {
case .cm: print("cm")
case let other: print("other:", other)
}

// tuples of enums and Bools are covered element by element
enum Light { case on, off }
enum Mode { case auto, manual }
func describe(_ l: Light, _ m: Mode) -> String {
  switch (l, m) {
  case (.on, _): return "on"
  case (.off, .auto): return "off auto"
  case (.off, .manual): return "off manual"
  }
}
print(describe(.on, .manual), describe(.off, .auto), describe(.off, .manual))
for flag in [true, false] {
  for light in [Light.on, .off] {
    switch (flag, light) {
    case (true, .on): print("a")
    case (true, .off): print("b")
    case (false, let l): print("c", l)
    }
  }
}
