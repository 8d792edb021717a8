// Subscripts of cell structs: get-only and get/set, several parameters, labels, defaults.
struct Matrix {
  var rows: Int
  var cols: Int
  var data: [Double]
  init(rows: Int, cols: Int) {
    self.rows = rows
    self.cols = cols
    data = Array(repeating: 0.0, count: rows * cols)
  }
  subscript(r: Int, c: Int) -> Double {
    get { data[r * cols + c] }
    set { data[r * cols + c] = newValue }
  }
  subscript(row r: Int) -> [Double] {
    Array(data[(r * cols)..<((r + 1) * cols)])
  }
  subscript(diagonal i: Int, scale: Double = 1) -> Double { self[i, i] * scale }
  mutating func fillIdentity() {
    for i in 0..<min(rows, cols) { self[i, i] = 1 }
  }
}
var m = Matrix(rows: 2, cols: 3)
m[0, 1] = 5
m[1, 2] += 2.5
m[1, 0] = m[0, 1] * 2
print(m[0, 1], m[1, 2], m[row: 1], m.data)
m.fillIdentity()
print(m[row: 0], m[diagonal: 1], m[diagonal: 1, 3])
var grid = [Matrix(rows: 1, cols: 1)]
grid[0][0, 0] = 7
print(grid[0].data)

enum Palette {
  case warm, cold
  subscript(i: Int) -> String {
    switch self {
    case .warm: return ["red", "orange"][i]
    case .cold: return ["blue", "teal"][i]
    }
  }
}
print(Palette.warm[1], Palette.cold[0])

struct Polynomial {
  var coefficients: [Int]
  subscript(power: Int) -> Int {
    get { power < coefficients.count ? coefficients[power] : 0 }
    set(c) {
      while coefficients.count <= power { coefficients.append(0) }
      coefficients[power] = c
    }
  }
}
var p = Polynomial(coefficients: [1])
p[3] = 4
p[0] -= 2
print(p, p[5], p[3])
