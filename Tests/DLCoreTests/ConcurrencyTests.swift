import Foundation
import XCTest

@testable import DLCore

/// Sessions rendered in parallel threads, each with its own generator scope, get the numbers
/// they would get alone.
final class ConcurrencyTests: XCTestCase {
  private static func session(_ seed: Int) throws -> [Double] {
    try RandomGenerator.$current.withValue(RandomGenerator(seed: seed)) {
      let data = try Datasets.moons(count: 300, noise: 0.2, seed: seed)
      let net = try Sequential(Linear(2, 32), ReLU(), Linear(32, 32), Tanh(), Linear(32, 2))
      let adam = try Adam(net.parameters, learningRate: 0.01)
      var history = try fit(
        net, data, loss: crossEntropy, optimizer: adam, epochs: 15, batchSize: 64)
      // A product large enough to go through BLAS.
      let a = try Tensor.randn([80, 90])
      history.append(try a.matmul(a.transpose()).sum().item())
      return history
    }
  }

  func testParallelSessionsMatchSequentialOnes() throws {
    let seeds = [1, 2, 3, 4]
    let alone = try seeds.map { try Self.session($0) }
    let results = LockedResults(count: seeds.count)
    DispatchQueue.concurrentPerform(iterations: seeds.count) { i in
      results.set(i, Result { try Self.session(seeds[i]) })
    }
    for (i, result) in results.values.enumerated() {
      XCTAssertEqual(try result?.get(), alone[i], "session \(i)")
    }
    XCTAssertNotEqual(alone[0], alone[1])
  }
}

private final class LockedResults: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [Result<[Double], Error>?]
  init(count: Int) { storage = Array(repeating: nil, count: count) }
  func set(_ i: Int, _ value: Result<[Double], Error>) {
    lock.lock()
    storage[i] = value
    lock.unlock()
  }
  var values: [Result<[Double], Error>?] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}
