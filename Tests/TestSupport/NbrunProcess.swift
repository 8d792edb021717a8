import Foundation

/// A folder of its own under the temporary directory, for tests that write files and run
/// `nbrun` in it.
public struct ScratchFolder: Sendable {
  public let url: URL

  /// Makes a new, empty folder whose name starts with `prefix`.
  public init(prefix: String) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  /// The URL of `path`, relative to the folder.
  public func file(_ path: String) -> URL { url.appendingPathComponent(path) }

  /// Writes `text` as UTF-8 to `path` in the folder and returns `path`.
  @discardableResult
  public func write(_ text: String, to path: String) throws -> String {
    try Data(text.utf8).write(to: file(path))
    return path
  }

  /// The bytes of `path` in the folder.
  public func read(_ path: String) throws -> Data { try Data(contentsOf: file(path)) }

  /// Deletes the folder and everything in it.
  public func remove() { try? FileManager.default.removeItem(at: url) }
}

/// What a finished `nbrun` process left: its exit status and everything it wrote.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: Data
  public var stderr: String
  /// Standard output decoded as UTF-8.
  public var text: String { String(decoding: stdout, as: UTF8.self) }
}

/// The built `nbrun` running as a child process. Standard output and standard error are read
/// on threads of their own from the start, so a process that fills one pipe while the test
/// reads the other cannot block.
public final class NbrunProcess: @unchecked Sendable {
  private let process = Process()
  private let finished = DispatchGroup()
  private let lock = NSLock()
  private var output = Data()
  private var errors = Data()

  /// Starts the built `nbrun` with `arguments` in `folder`, writing `stdin` (if any) to its
  /// standard input and closing it. Backtraces are off, so a crash shows as a status.
  public init(_ arguments: [String], in folder: URL, stdin: Data? = nil) throws {
    guard let binary = BuiltProducts.nbrun else {
      throw BuiltProducts.NotBuilt(
        name: "nbrun", lookedAt: BuiltProducts.candidates(named: "nbrun").map(\.path))
    }
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["SWIFT_BACKTRACE"] = "enable=no"
    process.environment = environment
    let outputPipe = Pipe()
    let errorPipe = Pipe()
    let inputPipe = Pipe()
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    process.standardInput = inputPipe
    try process.run()
    collect(outputPipe) { self.output = $0 }
    collect(errorPipe) { self.errors = $0 }
    if let stdin { inputPipe.fileHandleForWriting.write(stdin) }
    try inputPipe.fileHandleForWriting.close()
  }

  private func collect(_ pipe: Pipe, into store: @escaping @Sendable (Data) -> Void) {
    finished.enter()
    Thread {
      let data = pipe.fileHandleForReading.readDataToEndOfFile()
      self.lock.withLock { store(data) }
      self.finished.leave()
    }.start()
  }

  /// Waits for the process to end and close its output.
  public func finish() -> ProcessResult {
    finished.wait()
    return result()
  }

  /// Waits at most `seconds` for the process to end and close its output; nil (after killing
  /// it) when it did not.
  public func finish(within seconds: Double) -> ProcessResult? {
    guard finished.wait(timeout: .now() + seconds) == .success else {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      return nil
    }
    return result()
  }

  private func result() -> ProcessResult {
    process.waitUntilExit()
    return lock.withLock {
      ProcessResult(
        status: process.terminationStatus, stdout: output,
        stderr: String(decoding: errors, as: UTF8.self))
    }
  }

  /// Runs the built `nbrun` with `arguments` in `folder` to its end.
  public static func run(_ arguments: [String], in folder: URL, stdin: Data? = nil) throws
    -> ProcessResult
  {
    try NbrunProcess(arguments, in: folder, stdin: stdin).finish()
  }
}

extension BuiltProducts {
  /// An executable the tests need was not built.
  public struct NotBuilt: Error, CustomStringConvertible {
    public var name: String
    public var lookedAt: [String]
    public var description: String { "\(name) is not built; looked at \(lookedAt)" }
  }
}
