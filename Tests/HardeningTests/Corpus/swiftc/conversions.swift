// Values of a known type that cannot be converted, mostly in functions never called (Swift
// refuses them all the same): the cells of DiagnosticsTests.conversionsAreRefused.
func half(_ d: Double) -> Double { d / 2 }
func twice(_ n: Int, times: Int = 2) -> Int { n * times }
let i = 3
let d = 2.5
var v = 1

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

// accepted
let ok = half(2) + Double(twice(i))
