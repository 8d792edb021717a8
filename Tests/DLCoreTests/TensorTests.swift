import TestSupport
import XCTest

@testable import DLCore

final class TensorTests: XCTestCase {
  func testCreationFromNestedArrays() throws {
    let x = try Tensor([[0.35, 0.9]])
    XCTAssertEqual(x.shape, [1, 2])
    XCTAssertEqual(x.scalars, [0.35, 0.9])
    let cube = try Tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
    XCTAssertEqual(cube.shape, [2, 2, 2])
    XCTAssertEqual(try cube.value(at: [1, 0, 1]), 6)
    XCTAssertEqual(Tensor(3.5).shape, [])
    XCTAssertEqual(try Tensor(3.5).item(), 3.5)
  }

  func testRaggedRowsThrow() {
    XCTAssertThrowsError(try Tensor([[1, 2], [3]])) { error in
      XCTAssertTrue("\(error)".contains("row 1 has 1 elements"), "\(error)")
    }
    XCTAssertThrowsError(try Tensor(shape: [2, 3], values: [1, 2, 3]))
    XCTAssertThrowsError(try Tensor.zeros([-1, 2]))
  }

  func testCreators() throws {
    XCTAssertEqual(try Tensor.eye(2, 3).scalars, [1, 0, 0, 0, 1, 0])
    XCTAssertEqual(try Tensor.arange(5).scalars, [0, 1, 2, 3, 4])
    XCTAssertEqual(try Tensor.arange(1, 2, step: 0.25).scalars, [1, 1.25, 1.5, 1.75])
    XCTAssertEqual(try Tensor.linspace(0, 1, count: 5).scalars, [0, 0.25, 0.5, 0.75, 1])
    XCTAssertEqual(try Tensor.full([2], 7).scalars, [7, 7])
    XCTAssertThrowsError(try Tensor.arange(0, 1, step: 0))
  }

  func testSeededRandomIsReproducible() throws {
    let a = try Tensor.randn([3, 4], seed: 42)
    let b = try Tensor.randn([3, 4], seed: 42)
    let c = try Tensor.randn([3, 4], seed: 43)
    XCTAssertEqual(a.scalars, b.scalars)
    XCTAssertNotEqual(a.scalars, c.scalars)
    let u = try Tensor.uniform([10_000], low: -2, high: 3, seed: 1)
    XCTAssertGreaterThanOrEqual(try u.min().item(), -2)
    XCTAssertLessThan(try u.max().item(), 3)
    XCTAssertEqual(try u.mean().item(), 0.5, accuracy: 0.05)
    let n = try Tensor.randn([20_000], seed: 5)
    XCTAssertEqual(try n.mean().item(), 0, accuracy: 0.03)
    XCTAssertEqual(try n.std().item(), 1, accuracy: 0.03)
  }

  func testRandomGeneratorKnownSequence() {
    // xoshiro256** seeded by SplitMix64(0); values computed by an independent Python
    // implementation (Tests/DLCoreTests/Reference/make_reference.py).
    let g = RandomGenerator(seed: 0)
    let first = (0..<3).map { _ in g.next() }
    XCTAssertEqual(first, ReferenceValues.xoshiroSeed0)
  }

  func testTaskLocalGeneratorScopesSessions() throws {
    let a = try RandomGenerator.$current.withValue(RandomGenerator(seed: 7)) {
      try Tensor.randn([4]).scalars
    }
    let b = try RandomGenerator.$current.withValue(RandomGenerator(seed: 7)) {
      try Tensor.randn([4]).scalars
    }
    XCTAssertEqual(a, b)
  }

  func testBroadcastingArithmetic() throws {
    let a = try Tensor([[1, 2, 3], [4, 5, 6]])
    let row = Tensor([10, 20, 30])
    let col = try Tensor([[100], [200]])
    XCTAssertEqual(try (a + row).scalars, [11, 22, 33, 14, 25, 36])
    XCTAssertEqual(try (a * col).scalars, [100, 200, 300, 800, 1000, 1200])
    XCTAssertEqual(try (row - col).shape, [2, 3])
    XCTAssertEqual(try (row - col).scalars, [-90, -80, -70, -190, -180, -170])
    XCTAssertEqual(try (2 - a).scalars, [1, 0, -1, -2, -3, -4])
    XCTAssertEqual(try (a / 2).scalars, [0.5, 1, 1.5, 2, 2.5, 3])
    let c3 = try Tensor.ones([2, 1, 3])
    let c4 = try Tensor.ones([4, 1])
    XCTAssertEqual(try (c3 + c4).shape, [2, 4, 3])
  }

  func testShapeErrorsNameOpAndShapes() {
    let a = Tensor([1, 2, 3])
    let b = Tensor([1, 2])
    XCTAssertThrowsError(try a + b) { error in
      let text = "\(error)"
      XCTAssertTrue(text.contains("+") && text.contains("[3]") && text.contains("[2]"), text)
    }
    XCTAssertThrowsError(try Tensor.zeros([2, 3]).matmul(Tensor.zeros([2, 3]))) { error in
      let text = "\(error)"
      XCTAssertTrue(text.hasPrefix("matmul") && text.contains("[2, 3] and [2, 3]"), text)
    }
    XCTAssertThrowsError(try a.sum(axis: 3))
    XCTAssertThrowsError(try a.reshape([2, 2]))
    XCTAssertThrowsError(try a[5])
    XCTAssertThrowsError(try a.indexSelect([-4]))
    XCTAssertThrowsError(try Tensor(2).item() + a.item())
  }

  func testBudgetThrowsInsteadOfAllocating() throws {
    XCTAssertThrowsError(try Tensor.zeros([100_000, 100_000])) { error in
      XCTAssertTrue("\(error)".contains("exceeds the limit"), "\(error)")
    }
    let budget = TensorBudget(maxElementsPerTensor: 1000, maxTotalElements: 2500)
    try TensorBudget.$current.withValue(budget) {
      let a = try Tensor.zeros([10, 100])
      XCTAssertThrowsError(try Tensor.zeros([10, 101]))
      let b = try Tensor.zeros([10, 100])
      XCTAssertEqual(budget.liveElements, 2000)
      XCTAssertThrowsError(try a + b)  // would make 3000 live
      XCTAssertThrowsError(try Tensor.ones([1000, 1]) + Tensor.ones([1, 1000]))
      _ = (a, b)
    }
    XCTAssertEqual(budget.liveElements, 0)
    XCTAssertThrowsError(try Tensor.zeros([Int.max, 4]))
  }

  /// Once a budget's deadline has passed, creating any tensor under it throws
  /// `deadlinePassed` (not wrapped by `Sequential`), so a long `fit` stops soon after it.
  func testADeadlineStopsTensorCreationAndALongFit() throws {
    let budget = TensorBudget(maxElementsPerTensor: 1_000_000)
    let now = DispatchTime.now().uptimeNanoseconds
    budget.deadline = now + 60_000_000_000
    try TensorBudget.$current.withValue(budget) {
      XCTAssertEqual(try Tensor.zeros([2, 3]).shape, [2, 3])
    }
    budget.deadline = now - 1
    try TensorBudget.$current.withValue(budget) {
      XCTAssertThrowsError(try Tensor.zeros([2, 3])) { error in
        XCTAssertEqual(error as? TensorError, .deadlinePassed(op: "Tensor(shape:repeating:)"))
        XCTAssertEqual(
          "\(error)",
          "Tensor(shape:repeating:): the time limit set for this computation has passed; allow more time or do less work"
        )
      }
    }
    budget.deadline = nil
    let net = try Sequential(Linear(2, 16), ReLU(), Linear(16, 2))
    let data = try Datasets.circles(count: 64, noise: 0.1, seed: 3)
    let optimizer = try SGD(net.parameters, learningRate: 0.01)
    budget.deadline = DispatchTime.now().uptimeNanoseconds + 200_000_000
    let start = DispatchTime.now().uptimeNanoseconds
    try TensorBudget.$current.withValue(budget) {
      XCTAssertThrowsError(
        try fit(net, data, loss: crossEntropy, optimizer: optimizer, epochs: 10_000_000)
      ) { error in
        guard case .deadlinePassed? = error as? TensorError else {
          return XCTFail("\(error)")
        }
      }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    XCTAssertLessThan(seconds, TestTime.bound(1.5))
  }

  func testMatmulShapes() throws {
    let a = try Tensor([[1, 2], [3, 4], [5, 6]])
    let b = try Tensor([[1, 0, 2], [0, 1, 3]])
    let c = try a.matmul(b)
    XCTAssertEqual(c.shape, [3, 3])
    XCTAssertEqual(c.scalars, [1, 2, 8, 3, 4, 18, 5, 6, 28])
    XCTAssertEqual(try Tensor([1, 2]).matmul(Tensor([3, 4])).scalars, [11])
    XCTAssertEqual(try Tensor([1, 2]).matmul(Tensor([3, 4])).shape, [])
    XCTAssertEqual(try a.matmul(Tensor([1, 1])).scalars, [3, 7, 11])
    XCTAssertEqual(try Tensor([1, 1, 1]).matmul(a).scalars, [9, 12])
    let batched = try Tensor.ones([4, 3, 2]).matmul(b)
    XCTAssertEqual(batched.shape, [4, 3, 3])
    XCTAssertEqual(try batched.sum().item(), 4 * 3 * 7)
  }

  func testMatmulAgreesWithBLASPath() throws {
    // Both kernels (plain loops and cblas_dgemm) must give the same product.
    let a = try Tensor.randn([37, 23], seed: 1)
    let b = try Tensor.randn([23, 41], seed: 2)
    let saved = Kernels.blasThreshold
    defer { Kernels.blasThreshold = saved }
    Kernels.blasThreshold = Int.max
    let loops = try a.matmul(b).scalars
    Kernels.blasThreshold = 0
    let blas = try a.matmul(b).scalars
    assertClose(loops, blas, accuracy: 1e-12)
    var naive = [Double](repeating: 0, count: 37 * 41)
    for i in 0..<37 {
      for j in 0..<41 {
        for p in 0..<23 { naive[i * 41 + j] += a.scalars[i * 23 + p] * b.scalars[p * 41 + j] }
      }
    }
    assertClose(loops, naive, accuracy: 1e-12)
  }

  func testReductions() throws {
    let a = try Tensor([[1, 5, 3], [4, 2, 6]])
    XCTAssertEqual(try a.sum().item(), 21)
    XCTAssertEqual(try a.sum(axis: 0).scalars, [5, 7, 9])
    XCTAssertEqual(try a.sum(axis: 1, keepDims: true).shape, [2, 1])
    XCTAssertEqual(try a.mean(axis: -1).scalars, [3, 4])
    XCTAssertEqual(try a.max(axis: 1).scalars, [5, 6])
    XCTAssertEqual(try a.argmax(axis: 1).scalars, [1, 2])
    XCTAssertEqual(try a.argmax().item(), 5)
    XCTAssertEqual(try a.min().item(), 1)
    // NumPy: np.var([[1,5,3],[4,2,6]], axis=0, ddof=1) = [4.5, 4.5, 4.5]
    XCTAssertEqual(try a.variance(axis: 0).scalars, [4.5, 4.5, 4.5])
    XCTAssertEqual(try a.variance(unbiased: false).item(), 35.0 / 12.0, accuracy: 1e-12)
  }

  func testDescription() throws {
    XCTAssertEqual(try Tensor([[0.35, 0.9]]).description, "tensor([[0.35, 0.9]], shape: [1, 2])")
    XCTAssertEqual(Tensor([1, 2.5]).description, "tensor([1.0, 2.5])")
    XCTAssertEqual(Tensor(3, requiresGrad: true).description, "tensor(3.0, requiresGrad: true)")
    XCTAssertEqual(
      try Tensor([[1, 2], [3, 4]]).description,
      "tensor([[1.0, 2.0],\n        [3.0, 4.0]], shape: [2, 2])")
    let big = try Tensor.arange(2000).description
    XCTAssertTrue(big.hasPrefix("tensor([0.0, 1.0, 2.0, ..., 1997.0, 1998.0, 1999.0]"), big)
  }

  func testInitializerBounds() throws {
    // PyTorch: xavier_uniform_ bound sqrt(6/(in+out)); kaiming_uniform_ (a=0) sqrt(6/in).
    let x = try Tensor.xavierUniform([30, 20], seed: 1)
    XCTAssertLessThanOrEqual(try x.abs().max().item(), (6.0 / 50).squareRoot())
    XCTAssertGreaterThan(try x.abs().max().item(), 0.9 * (6.0 / 50).squareRoot())
    let k = try Tensor.kaimingNormal([400, 100], seed: 2)
    XCTAssertEqual(try k.std().item(), (2.0 / 100).squareRoot(), accuracy: 0.005)
    XCTAssertThrowsError(try Tensor.kaimingUniform([3]))
  }

  func testColumnSumsOfNarrowAndWideMatrices() throws {
    // sum(axis: 0) goes through the grouped column-sum kernel; compare with plain loops.
    for (rows, cols) in [(1000, 3), (1001, 7), (5, 3), (333, 40), (64, 1)] {
      let x = try Tensor.randn([rows, cols], seed: rows + cols)
      var expected = [Double](repeating: 0, count: cols)
      for r in 0..<rows { for c in 0..<cols { expected[c] += x.scalars[r * cols + c] } }
      assertClose(try x.sum(axis: 0).scalars, expected, accuracy: 1e-10)
      let w = try Tensor.randn([2, cols], seed: 1, requiresGrad: true)
      let b = Tensor(Array(repeating: 0.5, count: 2), requiresGrad: true)
      try Tensor.linear(x, weight: w, bias: b).sum().backward()
      assertClose(b.grad!.scalars, [Double(rows), Double(rows)], accuracy: 1e-9)
    }
  }

  func testShapeOps() throws {
    let a = try Tensor([[1, 2, 3], [4, 5, 6]])
    XCTAssertEqual(try a.transpose().scalars, [1, 4, 2, 5, 3, 6])
    XCTAssertEqual(try a.reshape([3, -1]).shape, [3, 2])
    XCTAssertEqual(try a.unsqueeze(axis: 0).shape, [1, 2, 3])
    XCTAssertEqual(try a[1].scalars, [4, 5, 6])
    XCTAssertEqual(try a[1, 2].item(), 6)
    XCTAssertEqual(try a.slice(axis: 1, 1..<3).scalars, [2, 3, 5, 6])
    XCTAssertEqual(
      try Tensor.concatenate([a, a], axis: 1).scalars, [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
    XCTAssertEqual(
      try Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1).scalars, [1, 3, 2, 4])
    let p = try Tensor.arange(24).reshape([2, 3, 4]).permute([2, 0, 1])
    XCTAssertEqual(p.shape, [4, 2, 3])
    XCTAssertEqual(try p.value(at: [3, 1, 2]), 23)
    XCTAssertEqual(try p.value(at: [1, 0, 2]), 9)
  }

  func testSoftmaxIsStable() throws {
    let s = try Tensor([[1000, 1001, 1002]]).softmax(axis: 1)
    // exp([0,1,2]) / sum: NumPy np.exp([0,1,2])/np.exp([0,1,2]).sum()
    assertClose(
      s.scalars, [0.09003057317038046, 0.24472847105479767, 0.6652409557748219], accuracy: 1e-15)
    let l = try Tensor([[1000, 1001, 1002]]).logSoftmax(axis: 1)
    assertClose(
      l.scalars, [-2.4076059644443806, -1.4076059644443806, -0.4076059644443806], accuracy: 1e-12)
  }

  func testBackwardAccumulatesAndZeroGrad() throws {
    let w = Tensor([1, 2, 3], requiresGrad: true)
    let y = try (w * w).sum()
    try y.backward()
    XCTAssertEqual(w.grad?.scalars, [2, 4, 6])
    try (w * 3).sum().backward()
    XCTAssertEqual(w.grad?.scalars, [5, 7, 9])
    w.zeroGrad()
    XCTAssertNil(w.grad)
    // A node used twice gets both contributions: d/dx (x * x + x) = 2x + 1.
    let x = Tensor(4, requiresGrad: true)
    try (x * x + x).backward()
    XCTAssertEqual(try x.grad?.item(), 9)
    XCTAssertThrowsError(try Tensor([1, 2], requiresGrad: true).backward())
    XCTAssertThrowsError(try Tensor(1).backward())
  }

  func testNoGradRecordsNothing() throws {
    let w = Tensor([1, 2], requiresGrad: true)
    let y = try Tensor.noGrad { try (w * 2).sum() }
    XCTAssertFalse(y.requiresGrad)
    XCTAssertThrowsError(try y.backward())
  }

  func testDeepGraphDoesNotOverflowTheStack() throws {
    let x = Tensor(1, requiresGrad: true)
    var y = x
    for _ in 0..<200_000 { y = try y + 0.5 }
    try y.backward()
    XCTAssertEqual(try x.grad?.item(), 1)
  }
}
