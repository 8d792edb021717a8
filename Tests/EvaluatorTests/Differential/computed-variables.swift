// Computed variables outside a type: each read runs the getter, so it sees the variables'
// values at that moment; inside a function, one captures the function's variables.
var width = 2.0
var height = 3.0
var area: Double { width * height }
print(area)
width = 5
print(area, area * 2)

var label: String {
  if area > 10 { return "large" }
  return "small"
}
print(label)
height = 1
print(label, "\(area)")

var scores: [Int] = [3, 1, 2]
var best: Int { scores.max() ?? 0 }
scores.append(9)
print(best, [best, best + 1])

func total() -> Int {
  var k = 3
  var doubled: Int { k * 2 }
  k = 10
  let later = { doubled + 1 }
  k = 20
  return doubled + later()
}
print(total())

struct Box { var side: Double }
var box = Box(side: 2)
var volume: Double { box.side * box.side * box.side }
box.side = 3
print(volume)
