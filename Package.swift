// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "nbrun",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "nbrun", targets: ["nbrun"]),
    .library(name: "DLCore", targets: ["DLCore"]),
    .library(name: "Charts", targets: ["Charts"]),
    .library(name: "DLCharts", targets: ["DLCharts"]),
    .library(name: "TeXMath", targets: ["TeXMath"]),
  ],
  dependencies: [
    .package(url: "https://github.com/swiftlang/swift-syntax", exact: "603.0.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark", providers: [.apt(["libcmark-dev"])]),
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
    .target(name: "Markdown", dependencies: ["CCmark"]),
    .target(name: "CVectorMath"),
    .target(name: "DLCore", dependencies: ["CBLAS", "CVectorMath"]),
    .target(name: "Charts"),
    .target(name: "DLCharts", dependencies: ["DLCore", "Charts"]),
    .target(name: "TeXMath"),
    .target(
      name: "Evaluator",
      dependencies: [
        "DLCore", "Charts", "DLCharts",
        .product(name: "SwiftSyntax", package: "swift-syntax"),
        .product(name: "SwiftParser", package: "swift-syntax"),
        .product(name: "SwiftOperators", package: "swift-syntax"),
        .product(name: "SwiftDiagnostics", package: "swift-syntax"),
        .product(name: "SwiftParserDiagnostics", package: "swift-syntax"),
      ]),
    .target(
      name: "Notebook",
      dependencies: [
        "Markdown", "Evaluator", "TeXMath",
        .product(name: "Yams", package: "Yams"),
        .product(name: "SwiftSyntax", package: "swift-syntax"),
        .product(name: "SwiftParser", package: "swift-syntax"),
      ]),
    .executableTarget(
      name: "nbrun",
      dependencies: [
        "Notebook", "Evaluator", "DLCore",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .executableTarget(
      name: "nbrun-bench", dependencies: ["DLCore", "Charts", "Evaluator", "Notebook"]),
    .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
    .testTarget(
      name: "DLCoreTests", dependencies: ["DLCore", "TestSupport"],
      exclude: ["Advanced/reference.py"],
      resources: [.copy("Reference")]),
    .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["histogram_reference.py"]),
    .testTarget(name: "DLChartsTests", dependencies: ["DLCharts"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "TeXMathTests", dependencies: ["TeXMath", "TestSupport"]),
    .testTarget(
      name: "EvaluatorTests",
      dependencies: [
        "Evaluator", "TestSupport", .product(name: "SwiftParser", package: "swift-syntax"),
        .product(name: "SwiftSyntax", package: "swift-syntax"),
      ], exclude: ["Differential"]),
    .testTarget(
      name: "NotebookTests", dependencies: ["Notebook", "TestSupport"], exclude: ["Fixtures"]),
    .testTarget(name: "NbrunTests", dependencies: ["Notebook", "nbrun", "TestSupport"]),
    .testTarget(
      name: "HardeningTests",
      dependencies: ["Notebook", "Evaluator", "TeXMath", "Charts", "nbrun", "TestSupport"],
      exclude: ["Corpus"]),
  ],
  swiftLanguageModes: [.v6]
)
