import ArgumentParser
import DLCore
import Foundation
import Notebook

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The command line: arguments, files and exit codes. Everything else is the Notebook module's.
struct Nbrun: ParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "nbrun",
    abstract: "Render Markdown notebooks with Swift cells into self-contained HTML pages.",
    discussion: """
      Cells (```swift fences) run in order in one session; their results land in the page.
      Exit status: 0 when every cell ran, 1 when a cell failed (without '//| error: true'),
      2 for a usage error or a file that cannot be read or written.
      """,
    version: "nbrun \(version)")

  @Argument(help: "The notebooks to render; '-' reads one from standard input.")
  var notebooks: [String] = []

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write the page to FILE, whole or not at all.", valueName: "FILE"))
  var output: String?

  @Option(
    name: .customLong("output-dir"),
    help: ArgumentHelp(
      "Write one page per notebook into DIR (NAME.md becomes NAME.html).", valueName: "DIR"))
  var outputDirectory: String?

  @Flag(help: "Show HTML typed in the notebook as text, for notebooks you did not write.")
  var safe = false

  @Option(
    help: ArgumentHelp(
      "'key' (everything) or 'student' (solution cells and <div class=\"solution\"> prose left out).",
      valueName: "EDITION"))
  var edition: Edition = .key

  @Flag(
    help: ArgumentHelp(
      "Print each cell's and inline expression's run time (wall and CPU, with notebook.md:LINE:COL) to stderr, in notebook order; the page is unchanged."
    ))
  var timings = false

  func validate() throws {
    if notebooks.isEmpty {
      throw ValidationError("no notebook given; name a .md file, or '-' to read standard input")
    }
    if output != nil && outputDirectory != nil {
      throw ValidationError("use either -o FILE or --output-dir DIR, not both")
    }
    if notebooks.count > 1 && outputDirectory == nil {
      throw ValidationError("\(notebooks.count) notebooks need --output-dir DIR (one page each)")
    }
    if outputDirectory != nil && notebooks.contains("-") {
      throw ValidationError("standard input has no name for a page in --output-dir; use -o FILE")
    }
    if timings && notebooks.count > 1 {
      throw ValidationError(
        "--timings times one notebook at a time (several render in parallel); name one notebook")
    }
    if let outputDirectory {
      var seen: [String: String] = [:]
      for notebook in notebooks {
        let page = Self.pageName(for: notebook)
        if let other = seen[page] {
          throw ValidationError(
            "'\(other)' and '\(notebook)' would both be written to \(outputDirectory)/\(page)")
        }
        seen[page] = notebook
      }
    }
  }

  static func pageName(for notebook: String) -> String {
    var base = URL(fileURLWithPath: notebook).lastPathComponent
    if base.hasSuffix(".md") { base.removeLast(3) }
    return base + ".html"
  }

  /// Renders every notebook and returns the exit status.
  func render() -> Int32 {
    var status: Int32 = 0
    if let outputDirectory {
      do {
        try FileManager.default.createDirectory(
          atPath: outputDirectory, withIntermediateDirectories: true)
      } catch {
        reportError("cannot create output directory '\(outputDirectory)': \(describe(error))")
        return 2
      }
      if notebooks.count > 1 { return renderBatch(into: outputDirectory) }
    }
    for notebook in notebooks {
      let name = notebook == "-" ? "<stdin>" : notebook
      let data: Data
      do {
        data =
          try notebook == "-" ? FileHandle.standardInput.readDataToEndOfFile() : readFile(notebook)
      } catch {
        reportError("cannot read '\(notebook)': \(describe(error))")
        status = 2
        continue
      }
      let renderer = NotebookRenderer(
        options: RenderOptions(allowsRawHTML: !safe, edition: edition))
      let source = Notebook(source: SourceText(data: data, name: name))
      let timed = timings ? renderer.renderTimed(source) : nil
      let page = timed?.page ?? renderer.render(source)
      for diagnostic in page.diagnostics {
        FileHandle.standardError.write(Data((diagnostic.formatted + "\n").utf8))
      }
      if let timed { FileHandle.standardError.write(Data(timed.report.utf8)) }
      if page.hasFailedCells && status == 0 { status = 1 }
      let bytes = Data(page.html.utf8)
      let target =
        outputDirectory.map {
          ($0 as NSString).appendingPathComponent(Self.pageName(for: notebook))
        }
        ?? output
      if let target {
        do {
          try writeAtomically(bytes, to: target)
        } catch {
          reportError("cannot write '\(target)': \(describe(error))")
          status = 2
        }
      } else if !writeAll(bytes, to: STDOUT_FILENO) {
        reportError("cannot write the page to standard output: \(describe(POSIXFailure.current))")
        status = 2
      }
    }
    return status
  }
}

/// A failed system call, with its errno.
struct POSIXFailure: Error {
  var code: Int32
  static var current: POSIXFailure { POSIXFailure(code: errno) }
}

func describe(_ error: any Error) -> String {
  let text: String
  if let failure = error as? POSIXFailure {
    text = String(cString: strerror(failure.code))
  } else if let cocoa = error as? CocoaError,
    let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
    underlying.domain == NSPOSIXErrorDomain
  {
    text = String(cString: strerror(Int32(underlying.code)))
  } else {
    text = (error as NSError).localizedDescription
  }
  // Lowercase the first letter, as compilers print messages.
  guard let first = text.first else { return text }
  return first.lowercased() + text.dropFirst()
}

func reportError(_ message: String) {
  FileHandle.standardError.write(Data("nbrun: error: \(message)\n".utf8))
}

/// Reads a whole regular file.
func readFile(_ path: String) throws -> Data {
  let descriptor = open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else { throw POSIXFailure.current }
  defer { close(descriptor) }
  var status = stat()
  guard fstat(descriptor, &status) == 0 else { throw POSIXFailure.current }
  if (status.st_mode & S_IFMT) == S_IFDIR { throw POSIXFailure(code: EISDIR) }
  var data = Data()
  var buffer = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count < 0 {
      if errno == EINTR { continue }
      throw POSIXFailure.current
    }
    if count == 0 { break }
    data.append(contentsOf: buffer[0..<count])
  }
  return data
}

/// Writes all of `data` to an open descriptor.
func writeAll(_ data: Data, to descriptor: Int32) -> Bool {
  data.withUnsafeBytes { raw -> Bool in
    var offset = 0
    while offset < raw.count {
      let written = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += written
    }
    return true
  }
}

/// Writes `data` to a temporary file beside `path`, then renames it over `path`: readers see
/// the old file or the whole new one, never a part.
func writeAtomically(_ data: Data, to path: String) throws {
  let directory = (path as NSString).deletingLastPathComponent
  let temporary =
    (directory.isEmpty ? "" : directory + "/") + "." + (path as NSString).lastPathComponent
    + ".nbrun-\(getpid()).tmp"
  let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else { throw POSIXFailure.current }
  guard writeAll(data, to: descriptor), fsync(descriptor) == 0 else {
    let failure = POSIXFailure.current
    close(descriptor)
    unlink(temporary)
    throw failure
  }
  close(descriptor)
  guard rename(temporary, path) == 0 else {
    let failure = POSIXFailure.current
    unlink(temporary)
    throw failure
  }
}

extension Edition: ExpressibleByArgument {}

// Cells run one at a time and several notebooks render one per core, so BLAS threads only
// compete for the cores: on the 2-core development machine under load, the exam key took
// 0.32-0.85 s of CPU with OpenBLAS's default threads and 0.23-0.31 s with one, for the same
// bytes. An OPENBLAS_NUM_THREADS set by the user still decides.
if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
  setBLASThreadCount(1)
}

// Parse by hand so that usage errors exit with 2 (ArgumentParser's default is 64).
do {
  var parsed = try Nbrun.parseAsRoot()
  if let command = parsed as? Nbrun {
    let status = command.render()
    // A cell stopped at its time limit inside a library call is left running on its thread.
    // `exit` would run the libraries' teardown under it (OpenBLAS then hangs joining its
    // workers, or crashes). Pages are written and closed by now; flush what `print` buffered
    // and end without the teardown.
    fflush(nil)
    _exit(status)
  }
  try parsed.run()  // the help command ArgumentParser makes for `nbrun help`
  exit(0)
} catch {
  if Nbrun.exitCode(for: error) == .success {
    print(Nbrun.fullMessage(for: error))
    exit(0)
  }
  reportError(Nbrun.message(for: error))
  FileHandle.standardError.write(Data((Nbrun.usageString() + "\n").utf8))
  exit(2)
}
