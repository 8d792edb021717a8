// Functions whose end can be reached without a return: the cells of
// DiagnosticsTests.missingReturnsHaveSwiftsWording, one per block (blocks part at blank lines).
func thr() throws -> Int { 1 }

func f(_ x: Int) -> Int {
  if x > 0 { return 1 }
}

func g() -> Int {}

func outer() {
  func inner(_ x: Int) -> Int {
    if x > 0 { return 1 }
  }
  print(inner(1))
}

func caught(_ x: Int) -> Int {
  do { return try thr() } catch { print(error) }
}

func switched(_ x: Int) -> Int {
  switch x {
  case 0: return 0
  default: print(1)
  }
}

func looped(_ x: Int) -> Int {
  for i in 0..<3 { return i }
}

func broken() -> Int {
  while true { if Bool.random() { break } }
}

func guarded(_ x: Int) -> Int {
  guard x > 0 else { return 0 }
  print(x)
}

// accepted
func forever() -> Int {
  while true { if Bool.random() { return 1 } }
}

func repeated() -> Int {
  repeat { return 1 } while true
}

func both(_ x: Int) -> Int {
  if x > 0 { return 1 } else if x < 0 { return -1 } else { fatalError("zero") }
}

func unwrapped(_ x: Int?) -> Int {
  guard let v = x else { fatalError() }
  return v
}

func chosen(_ x: Int) -> Int {
  if x > 0 { 1 } else { 0 }
}
