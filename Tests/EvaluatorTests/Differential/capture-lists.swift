// Capture lists (refused before session 5): each name is a constant made with the closure.
import Foundation
var m = 3
let g = { [m] in m * 2 }
m = 10
print(g(), m)
var fs: [() -> Int] = []
for i in 0..<3 {
  fs.append({ [m] in i * m })
  m += 1
}
print(fs.map { $0() })
let h = { [k = m * 2, m] (x: Int) -> Int in x + k + m }
m = 0
print(h(1))
do {
  var local = 5
  let c = { [local] in local + 1 }
  local = 50
  let d = { local + 1 }
  print(c(), d())
  func make(_ start: Int) -> () -> Int {
    var s = start
    return { [s] in s * 2 }
  }
  print(make(4)())
}
