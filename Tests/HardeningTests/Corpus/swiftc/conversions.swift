// Values of a known type that cannot be converted, mostly in functions never called (Swift
// refuses them all the same): the cells of DiagnosticsTests.conversionsAreRefused.
func half(_ d: Double) -> Double { d / 2 }
func twice(_ n: Int, times: Int = 2) -> Int { n * times }
let i = 3
let d = 2.5
var v = 1
let xs = [1, 2]

func never() {
  let a = half(i)
}

func never2() {
  v = 2.5
}

func never3() {
  let x: Int = d
}

func never4() {
  let y = twice(1, times: d)
}

func never5() {
  let s: String = i
}

var ys = [1]
ys += [1, 2.5]

// an Int expression where a Double is wanted: Swift points at its operator, `[` or member
let w1: Double = i / 2

let w2: Double = (i + 1)

let w3: Double = xs.count

let w4: Double = xs[0]

func never6() -> Double {
  return i * 2
}

// accepted
let ok = half(2) + Double(twice(i))

let ib = Int(true)
