import DLCore
import Foundation

/// DLCore benchmarks: full-batch training steps per second and matrix-product GFLOP/s.
/// Options: `--threads N` (BLAS threads, default 1), `--seconds S` (time per measurement).
enum DLCoreBench {
  struct Options {
    var threads = 1
    var seconds = 2.0
    var only: String? = nil
    init(_ arguments: [String]) throws {
      var i = 0
      while i < arguments.count {
        let flag = arguments[i]
        guard i + 1 < arguments.count else { throw BenchError("missing value after \(flag)") }
        let value = arguments[i + 1]
        switch flag {
        case "--threads": threads = Int(value) ?? 1
        case "--seconds": seconds = Double(value) ?? 2
        case "--only": only = value
        default: throw BenchError("unknown option \(flag)")
        }
        i += 2
      }
    }
  }

  struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ text: String) { description = text }
  }

  static func now(_ clock: clockid_t = CLOCK_MONOTONIC) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// Calls per second of wall-clock time, and per second of this process's CPU time (which
  /// other processes on a busy machine disturb less).
  struct Rate {
    var wall: Double
    var cpu: Double
  }

  /// Runs `body` repeatedly for about `seconds` after a warm-up.
  static func rate(seconds: Double, warmup: Int = 5, _ body: () throws -> Void) rethrows -> Rate {
    for _ in 0..<warmup { try body() }
    var calls = 0
    let start = now()
    let cpuStart = now(CLOCK_PROCESS_CPUTIME_ID)
    var elapsed = 0.0
    repeat {
      try body()
      calls += 1
      elapsed = now() - start
    } while elapsed < seconds
    let cpu = now(CLOCK_PROCESS_CPUTIME_ID) - cpuStart
    return Rate(wall: Double(calls) / elapsed, cpu: Double(calls) / cpu)
  }

  static func trainingRate(_ widths: [Int], points: Int, seconds: Double) throws -> (Rate, Double) {
    let data = try Datasets.moons(count: points, noise: 0.1, seed: 1)
    var layers: [any Layer] = []
    for i in 0..<(widths.count - 1) {
      if i > 0 { layers.append(ReLU()) }
      layers.append(try Linear(widths[i], widths[i + 1], seed: 100 + i))
    }
    let net = Sequential(layers)
    let adam = try Adam(net.parameters, learningRate: 0.01)
    var last = 0.0
    let steps = try rate(seconds: seconds) {
      last = try trainStep(net, data.inputs, data.targets, loss: crossEntropy, optimizer: adam)
    }
    return (steps, last)
  }

  static func run(_ arguments: [String]) throws {
    let options = try Options(arguments)
    setBLASThreadCount(options.threads)
    print("DLCore (Swift, Double), BLAS threads: \(options.threads)")
    for widths in [[2, 4, 3, 2], [2, 64, 64, 2]] {
      let name = widths.map(String.init).joined(separator: "-")
      if let only = options.only, only != name { continue }
      let (steps, loss) = try trainingRate(widths, points: 10_000, seconds: options.seconds)
      print(
        String(
          format: "train %@ Adam+CE 10000 pts: %8.1f steps/s  (%8.1f per CPU-s, loss %.4f)", name,
          steps.wall, steps.cpu, loss))
    }
    for n in [256, 512, 1024] where options.only == nil || options.only == "matmul" {
      let gflops = try matmulRate(n, seconds: options.seconds)
      print(
        String(
          format: "matmul %4d x %4d: %6.1f GFLOP/s  (%6.1f per CPU-s)", n, n, gflops.wall,
          gflops.cpu))
    }
  }

  static func matmulRate(_ n: Int, seconds: Double) throws -> Rate {
    let a = try Tensor.randn([n, n], seed: 1)
    let b = try Tensor.randn([n, n], seed: 2)
    let calls = try rate(seconds: seconds, warmup: 2) { _ = try a.matmul(b) }
    let flop = 2 * Double(n * n * n) / 1e9
    return Rate(wall: calls.wall * flop, cpu: calls.cpu * flop)
  }

  /// Compares matmul speed across shapes typical of small networks.
  static func runMatmul(_ arguments: [String]) throws {
    let options = try Options(arguments)
    setBLASThreadCount(options.threads)
    for (m, k, n) in [
      (10_000, 2, 4), (10_000, 4, 3), (10_000, 64, 64), (4, 10_000, 64), (64, 64, 64),
      (256, 256, 256),
    ] {
      let a = try Tensor.randn([m, k], seed: 1)
      let b = try Tensor.randn([k, n], seed: 2)
      let calls = try rate(seconds: options.seconds / 2) { _ = try a.matmul(b) }
      print(
        String(
          format: "matmul [%d, %d] x [%d, %d]: %10.1f calls/s %10.1f per CPU-s", m, k, k, n,
          calls.wall, calls.cpu))
    }
  }
}
