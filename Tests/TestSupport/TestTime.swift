import Foundation

/// Wall-time bounds of the tests, stretched when the tests run under a sanitizer.
///
/// AddressSanitizer and ThreadSanitizer run code 10-30 times slower, so a bound that is
/// generous for a debug build fails there although nothing is wrong. The sanitizer commands
/// in the README set `NBRUN_TEST_TIME_SCALE` (for example to 20); a plain `swift test` leaves
/// it unset and keeps every bound as written.
public enum TestTime {
  /// The factor every test-side wall-time bound is multiplied by: `NBRUN_TEST_TIME_SCALE`,
  /// or 1 when it is unset.
  public static let scale: Double = {
    guard let text = ProcessInfo.processInfo.environment["NBRUN_TEST_TIME_SCALE"] else {
      return 1
    }
    guard let value = Double(text), value.isFinite, value >= 1 else {
      fatalError("NBRUN_TEST_TIME_SCALE must be a number of at least 1 (such as 20), not '\(text)'")
    }
    return value
  }()

  /// `seconds` multiplied by `scale`.
  public static func bound(_ seconds: Double) -> Double {
    seconds * scale
  }
}

/// The sanitizer the tests run under, seen from inside the process.
public enum Sanitizer {
  /// Whether AddressSanitizer instruments this process (its runtime's `__asan_init` is
  /// loaded). Its red zones make stack frames several times larger, so a test that proves a
  /// depth bound on a deliberately small stack needs a larger one there.
  public static let isAddressSanitizerActive: Bool = {
    let process = dlopen(nil, RTLD_NOW)
    defer { if let process { dlclose(process) } }
    return dlsym(process, "__asan_init") != nil
  }()
}
