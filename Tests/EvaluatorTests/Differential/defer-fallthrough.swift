// defer and fallthrough (refused before session 5; the widened difffuzz generator uses both).
import Foundation
for v in [0, 2, 4, 9] {
  switch v {
  case 0:
    print("zero")
    fallthrough
  case 1...3:
    print("small")
    fallthrough
  case 4:
    print("four-ish")
  default:
    print("other")
  }
}
for v in [1, 5] {
  switch v {
  case 1:
    if v > 0 { print("pos") }
    fallthrough
  default:
    print("default")
    break
  }
}
var trail: [String] = []
func step(_ x: Int) -> Int {
  defer { trail.append("d\(x)") }
  defer { trail.append("e\(x)") }
  if x > 2 { return x * 2 }
  trail.append("body")
  return -x
}
print(step(1), step(5), trail)
for i in 0..<4 {
  defer { print("end", i) }
  if i == 1 { continue }
  if i == 3 { break }
  print("in", i)
}
do {
  defer { print("out") }
  defer { print("second") }
  print("in")
}
func h() -> Int {
  var x = 5
  defer {
    x += 10
    print("deferred", x)
  }
  return x
}
print(h())
var k = 0
while k < 3 {
  k += 1
  defer { print("loop end", k) }
  if k == 2 { continue }
  print("k", k)
}
