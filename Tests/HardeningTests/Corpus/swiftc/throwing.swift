// Stand-ins for the library (DLCore's tensor operations and `mse` throw) and the cells of
// ThrowingTests, so swiftc can say what Swift reports. `./check.sh` type-checks this file and
// compares swiftc's errors with throwing.expected (line:column: message).
struct Tensor {
  init(_ rows: [[Double]], requiresGrad: Bool = false) throws {}
  func sum() throws -> Tensor { self }
  func backward() throws {}
  static func + (a: Tensor, b: Tensor) throws -> Tensor { a }
  static func * (a: Tensor, b: Double) throws -> Tensor { a }
  static prefix func - (a: Tensor) throws -> Tensor { a }
  func max(axis: Int, keepDims: Bool = false) throws -> Tensor { self }
  func max() throws -> Tensor { self }
  func min(axis: Int, keepDims: Bool = false) throws -> Tensor { self }
}
func mse(_ a: Tensor, _ b: Tensor) throws -> Tensor { a }
let t = try Tensor([[1.0, 2.0]], requiresGrad: true)
func thr() throws -> Int { 1 }

func f1() {
  thr()
}
func f2() {
  let m = mse(t, t)
}
func f3() {
  let l = try t.sum()
}
func f4() {
  let l = t.sum()
}
func f5() -> Tensor {
  return try t + t
}
func f6() -> Tensor {
  return t + t
}
func f7(_ a: Tensor) -> Tensor {
  return -a
}
func f8(_ a: Tensor) -> Tensor {
  return try -a
}
func f9() -> [Int] {
  return try [1].map { _ in try thr() }
}
func f10(_ xs: [Tensor]) {
  xs[0].backward()
}
func f11(_ u: Tensor) -> Tensor {
  return u * 2
}
t.backward()
let z = t + t
let q = [1].map { _ in try thr() }
let c = { try thr() }
c()

// accepted
func g1() throws { try t.sum().backward() }
func g2() -> Tensor? { try? t + t }
func g3() {
  do { try t.backward() } catch { print(error) }
}
let s = try [1].map { _ in try thr() }

// names the standard library shares (its `max` takes no `axis:`), on receivers whose type
// only Swift knows here; a closure without `try` is not a throwing closure
func f12(_ xs: [Tensor]) -> [Tensor] {
  return xs.map { $0.max(axis: 1) }
}
func f13(_ xs: [Tensor]) -> Tensor {
  return xs.first!.min(axis: 0)
}
let r = [t].map { $0.max(axis: 0) }
let c2 = { t.sum() }
func g4(_ xs: [Int]) -> Int? { xs.max() }
func g5(_ xs: [Tensor]) throws -> [Tensor] { try xs.map { try $0.max(axis: 0) } }
func f14(_ ts: [Tensor]) {
  let m = ts[0].max()
}
