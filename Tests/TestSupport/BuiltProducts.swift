import Foundation

/// Executables SwiftPM built beside the test bundle.
public enum BuiltProducts {
  /// The places an executable named `name` may be: beside the running test bundles, the main
  /// bundle and the test runner.
  public static func candidates(named name: String) -> [URL] {
    [Bundle.main.bundleURL.appendingPathComponent(name)]
      + Bundle.allBundles.map {
        $0.bundleURL.deletingLastPathComponent().appendingPathComponent(name)
      }
      + [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
          .appendingPathComponent(name)
      ]
  }

  /// The built `nbrun`, or nil when it is not built.
  public static var nbrun: URL? {
    candidates(named: "nbrun").first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }
}
