import Foundation

/// A seedable pseudo-random generator owned by the library: xoshiro256** seeded through
/// SplitMix64, so the same seed gives the same numbers on every machine.
///
/// Random tensors and layer initializers draw from the generator passed to them or, when none
/// is given, from ``current``: a task-local generator. Code that renders several notebooks in
/// parallel scopes one generator per session, so sessions never share random state:
///
/// ```swift
/// RandomGenerator.$current.withValue(RandomGenerator(seed: 7)) {
///   let net = Sequential(Linear(2, 4), ReLU())  // same weights on every run
/// }
/// ```
///
/// Outside any scope ``current`` is one process-wide generator seeded with 0 (thread-safe but
/// shared; single-threaded programs get reproducible numbers from it). An explicit `seed:`
/// argument always uses a fresh generator with that seed.
public final class RandomGenerator: @unchecked Sendable, RandomNumberGenerator {
  /// The generator used when no `seed:` or generator is given.
  @TaskLocal public static var current: RandomGenerator = RandomGenerator(seed: 0)

  private let lock = NSLock()
  private var s0: UInt64 = 0
  private var s1: UInt64 = 0
  private var s2: UInt64 = 0
  private var s3: UInt64 = 0
  private var spareNormal: Double?

  /// Creates a generator with the given seed.
  public init(seed: UInt64) {
    reseedUnlocked(seed)
  }

  /// Creates a generator with the given seed; negative seeds are taken by bit pattern.
  public convenience init(seed: Int) {
    self.init(seed: UInt64(bitPattern: Int64(seed)))
  }

  /// Restarts the sequence from `seed` (PyTorch's `manual_seed`).
  public func manualSeed(_ seed: Int) {
    lock.lock()
    reseedUnlocked(UInt64(bitPattern: Int64(seed)))
    lock.unlock()
  }

  private func reseedUnlocked(_ seed: UInt64) {
    var x = seed
    func splitMix() -> UInt64 {
      x &+= 0x9E37_79B9_7F4A_7C15
      var z = x
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
    spareNormal = nil
  }

  @inline(__always) private func nextUnlocked() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = (s3 << 45) | (s3 >> 19)
    return result
  }

  @inline(__always) private func unitUnlocked() -> Double {
    Double(nextUnlocked() >> 11) * 0x1.0p-53
  }

  /// The next 64 random bits.
  public func next() -> UInt64 {
    lock.lock()
    defer { lock.unlock() }
    return nextUnlocked()
  }

  /// A uniform number in `[0, 1)` with 53 random bits.
  public func nextUniform() -> Double {
    lock.lock()
    defer { lock.unlock() }
    return unitUnlocked()
  }

  /// A standard normal number (Box-Muller, polar-free form).
  public func nextNormal() -> Double {
    lock.lock()
    defer { lock.unlock() }
    return normalUnlocked()
  }

  private func normalUnlocked() -> Double {
    if let spare = spareNormal {
      spareNormal = nil
      return spare
    }
    var u1 = unitUnlocked()
    while u1 <= 0 { u1 = unitUnlocked() }
    let u2 = unitUnlocked()
    let radius = (-2 * Foundation.log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareNormal = radius * Foundation.sin(angle)
    return radius * Foundation.cos(angle)
  }

  /// A uniform integer in `0..<bound` (0 when `bound <= 0`), without modulo bias.
  public func nextInt(below bound: Int) -> Int {
    guard bound > 0 else { return 0 }
    lock.lock()
    defer { lock.unlock() }
    let b = UInt64(bound)
    let threshold = (0 &- b) % b
    while true {
      let r = nextUnlocked()
      let (high, low) = r.multipliedFullWidth(by: b)
      if low >= threshold { return Int(high) }
    }
  }

  /// Fills `buffer` with uniform numbers in `[low, high)`.
  func fillUniform(_ buffer: UnsafeMutableBufferPointer<Double>, low: Double, high: Double) {
    lock.lock()
    defer { lock.unlock() }
    let width = high - low
    for i in buffer.indices { buffer[i] = low + width * unitUnlocked() }
  }

  /// Fills `buffer` with normal numbers of the given mean and standard deviation.
  func fillNormal(_ buffer: UnsafeMutableBufferPointer<Double>, mean: Double, std: Double) {
    lock.lock()
    defer { lock.unlock() }
    for i in buffer.indices { buffer[i] = mean + std * normalUnlocked() }
  }

  /// A random permutation of `0..<count` (Fisher-Yates).
  public func permutation(_ count: Int) -> [Int] {
    var result = Array(0..<max(0, count))
    guard result.count > 1 else { return result }
    lock.lock()
    defer { lock.unlock() }
    for i in stride(from: result.count - 1, to: 0, by: -1) {
      let b = UInt64(i + 1)
      let threshold = (0 &- b) % b
      var j = 0
      while true {
        let (high, low) = nextUnlocked().multipliedFullWidth(by: b)
        if low >= threshold {
          j = Int(high)
          break
        }
      }
      result.swapAt(i, j)
    }
    return result
  }

  /// The generator to use for an optional seed: a fresh one for a seed, else ``current``.
  static func resolve(seed: Int?) -> RandomGenerator {
    if let seed { return RandomGenerator(seed: seed) }
    return current
  }
}
