import DLCore
import Foundation

/// Benchmarks of the recurrent and attention layers, matched by Benchmarks/layers_peer.py:
/// `try LSTM(32, 64)` forward and backward on batch 64, sequence 50, and
/// `try MultiHeadAttention(64, 8)` on 65 tokens, batch 32. Prints one line per case:
/// `case milliseconds` (median wall time per call), then `case_cpu milliseconds` (median CPU time
/// of the process, all threads, per call, which a busy machine disturbs less). Options:
/// `--seconds S` per case (default 2), `--only lstm|attention`.
/// Set the BLAS thread count with the `OPENBLAS_NUM_THREADS` environment variable.
enum LayersBench {
  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  static func cpuNow() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// The median wall and CPU times of `body` in milliseconds, over at least 5 calls and about
  /// `seconds`.
  static func median(seconds: Double, _ body: () throws -> Void) rethrows -> (
    wall: Double, cpu: Double
  ) {
    for _ in 0..<3 { try body() }
    var times: [Double] = []
    var cpuTimes: [Double] = []
    let start = now()
    while times.count < 5 || now() - start < seconds {
      let t0 = now()
      let c0 = cpuNow()
      try body()
      cpuTimes.append(cpuNow() - c0)
      times.append(now() - t0)
    }
    times.sort()
    cpuTimes.sort()
    return (times[times.count / 2] * 1000, cpuTimes[cpuTimes.count / 2] * 1000)
  }

  static func report(_ name: String, _ time: (wall: Double, cpu: Double)) {
    print(String(format: "%@ %.3f", name, time.wall))
    print(String(format: "%@_cpu %.3f", name, time.cpu))
  }

  static func run(_ arguments: [String]) throws {
    var seconds = 2.0
    if let i = arguments.firstIndex(of: "--seconds"), i + 1 < arguments.count {
      guard let value = Double(arguments[i + 1]) else {
        throw Failure(description: "--seconds needs a number")
      }
      seconds = value
    }
    let only = arguments.firstIndex(of: "--only").flatMap {
      $0 + 1 < arguments.count ? arguments[$0 + 1] : nil
    }
    let threads = ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] ?? "default"
    print("# DLCore (Swift, Double), OPENBLAS_NUM_THREADS=\(threads)")

    if only == nil || only == "lstm" {
      try runLSTM(seconds: seconds)
    }
    if only == nil || only == "attention" {
      try runAttention(seconds: seconds)
    }
  }

  static func runLSTM(seconds: Double) throws {
    let lstm = try LSTM(inputSize: 32, hiddenSize: 64)
    let sequence = try Tensor.randn([50, 64, 32], seed: 1)
    let forward = try median(seconds: seconds) {
      _ = try Tensor.noGrad { try lstm(sequence) }
    }
    report("lstm_forward", forward)
    let training = try median(seconds: seconds) {
      lstm.zeroGrad()
      try lstm(sequence).sum().backward()
    }
    report("lstm_forward_backward", training)

  }

  static func runAttention(seconds: Double) throws {
    let attention = try MultiHeadAttention(embedDim: 64, heads: 8)
    let tokens = try Tensor.randn([32, 65, 64], seed: 2)
    let attend = try median(seconds: seconds) {
      _ = try Tensor.noGrad { try attention.attend(tokens) }
    }
    report("attention_forward", attend)
    let attendTraining = try median(seconds: seconds) {
      attention.zeroGrad()
      try attention.attend(tokens).output.sum().backward()
    }
    report("attention_forward_backward", attendTraining)
  }
}
