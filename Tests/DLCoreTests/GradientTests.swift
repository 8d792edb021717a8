import XCTest

@testable import DLCore

/// Every differentiable operation against central finite differences.
final class GradientTests: XCTestCase {
  private func random(_ shape: [Int], _ seed: Int, low: Double = -1, high: Double = 1) throws
    -> Tensor
  {
    try Tensor.uniform(shape, low: low, high: high, seed: seed)
  }

  func testBinaryOpsWithBroadcasting() throws {
    let a = try random([2, 3], 1)
    let b = try random([3], 2)
    let c = try random([2, 1], 3, low: 0.5, high: 2)
    try checkGradients([a, b]) { try $0[0] + $0[1] }
    try checkGradients([a, b]) { try $0[0] - $0[1] }
    try checkGradients([a, b]) { try $0[0] * $0[1] }
    try checkGradients([a, c]) { try $0[0] / $0[1] }
    try checkGradients([c, a]) { try $0[0] - $0[1] }
    try checkGradients([a, b]) { try Tensor.maximum($0[0], $0[1]) }
    try checkGradients([a, b]) { try Tensor.minimum($0[0], $0[1]) }
    try checkGradients([a]) { try 2 / ($0[0] + 3) - 1.5 * $0[0] }
    let d = try random([2, 1, 3], 4)
    let e = try random([4, 1], 5)
    try checkGradients([d, e]) { try $0[0] * $0[1] }
  }

  func testUnaryOps() throws {
    let a = try random([3, 4], 6)
    let p = try random([3, 4], 7, low: 0.2, high: 2)
    try checkGradients([a]) { try $0[0].exp() }
    try checkGradients([p]) { try $0[0].log() }
    try checkGradients([p]) { try $0[0].sqrt() }
    try checkGradients([a]) { try $0[0].abs() }
    try checkGradients([a]) { try $0[0].sigmoid() }
    try checkGradients([a]) { try $0[0].tanh() }
    try checkGradients([a]) { try $0[0].relu() }
    try checkGradients([a]) { try $0[0].leakyRelu(negativeSlope: 0.1) }
    try checkGradients([a]) { try $0[0].softplus() }
    try checkGradients([p]) { try $0[0].pow(1.7) }
    try checkGradients([a]) { try $0[0].pow(3) }
    try checkGradients([a]) { try $0[0].square() }
    try checkGradients([a]) { try -$0[0] }
    try checkGradients([a]) { try $0[0].clamp(min: -0.5, max: 0.5) }
  }

  func testMatmulAndLinear() throws {
    let a = try random([3, 4], 8)
    let b = try random([4, 2], 9)
    try checkGradients([a, b]) { try $0[0].matmul($0[1]) }
    let v = try random([4], 10)
    try checkGradients([a, v]) { try $0[0].matmul($0[1]) }
    try checkGradients([v, b]) { try $0[0].matmul($0[1]) }
    try checkGradients([v, v]) { try $0[0].matmul($0[1]) }
    let batch = try random([2, 3, 4], 11)
    try checkGradients([batch, b]) { try $0[0].matmul($0[1]) }
    let big1 = try random([20, 30], 12)
    let big2 = try random([30, 25], 13)
    try checkGradients([big1, big2]) { try $0[0].matmul($0[1]) }
    let x = try random([5, 4], 14)
    let w = try random([3, 4], 15)
    let bias = try random([3], 16)
    try checkGradients([x, w, bias]) { try Tensor.linear($0[0], weight: $0[1], bias: $0[2]) }
    try checkGradients([x, w]) { try Tensor.linear($0[0], weight: $0[1], bias: nil) }
    try checkGradients([x, w, bias]) {
      try Tensor.linear($0[0], weight: $0[1], bias: $0[2], relu: true)
    }
    // The fused Linear+ReLU path of Sequential gives what the two layers give one by one.
    let layer = try Linear(4, 3, seed: 5)
    let fused = try Sequential(layer, ReLU())(x)
    let separate = try layer(x).relu()
    XCTAssertEqual(fused.scalars, separate.scalars)
    XCTAssertTrue(fused.scalars.contains(0) && fused.scalars.contains { $0 > 0 })
  }

  func testReductions() throws {
    let a = try random([2, 3, 4], 17)
    try checkGradients([a]) { try $0[0].sum() }
    try checkGradients([a]) { try $0[0].sum(axes: [0, 2]) }
    try checkGradients([a]) { try $0[0].sum(axis: 1, keepDims: true) }
    try checkGradients([a]) { try $0[0].mean(axis: -1) }
    try checkGradients([a]) { try $0[0].mean() }
    try checkGradients([a]) { try $0[0].max(axis: 1) }
    try checkGradients([a]) { try $0[0].min(axis: 2) }
    try checkGradients([a]) { try $0[0].max() }
    try checkGradients([a]) { try $0[0].variance(axis: 0) }
    try checkGradients([a]) { try $0[0].std(axes: [1, 2], unbiased: false) }
    try checkGradients([a]) { try $0[0].softmax(axis: 1) }
    try checkGradients([a]) { try $0[0].logSoftmax(axis: -1) }
  }

  func testShapeOps() throws {
    let a = try random([2, 3, 4], 18)
    let b = try random([2, 2, 4], 19)
    try checkGradients([a]) { try $0[0].reshape([4, 6]) }
    try checkGradients([a]) { try $0[0].permute([2, 0, 1]) }
    try checkGradients([a]) { try $0[0].transpose() }
    try checkGradients([a, b]) { try Tensor.concatenate([$0[0], $0[1]], axis: 1) }
    try checkGradients([a]) { try Tensor.stack([$0[0], $0[0]], axis: 2) }
    try checkGradients([a]) { try $0[0].indexSelect([2, 0, 2], axis: 1) }
    try checkGradients([a]) { try $0[0].slice(axis: 2, 1..<3) }
    try checkGradients([a]) { try $0[0][1, 2] }
    try checkGradients([b]) { try $0[0].sum(axis: 1, keepDims: true).expand(to: [3, 2, 2, 4]) }
  }

  func testComposite() throws {
    let x = try random([4, 3], 20)
    let w1 = try random([3, 5], 21)
    let w2 = try random([5, 2], 22)
    try checkGradients([x, w1, w2]) {
      try $0[0].matmul($0[1]).tanh().matmul($0[2]).logSoftmax(axis: 1).mean()
    }
  }
}
