import Foundation
import Testing

@testable import Evaluator

@Suite struct BindingTests {
  /// DESIGN.md's "library as cells see it" block, with `try` where Swift requires it.
  static let designBlock = """
    let x = try Tensor([[0.35, 0.9]])
    let w = try Tensor.randn([2, 3], seed: 42, requiresGrad: true)
    let net = try Sequential(Linear(2, 4), ReLU(), Linear(4, 3), ReLU(), Linear(3, 2))
    print(net.parameterCount)
    display(net)
    let data = try Datasets.circles(count: 400, noise: 0.1, seed: 7)
    var opt = try Adam(net.parameters, learningRate: 0.01)
    let history = try fit(net, data, loss: crossEntropy, optimizer: opt, epochs: 200)
    display(LineChart(history, title: "Training loss"))
    display(try DecisionBoundary(net, data))
    let lstm = try LSTM(inputSize: 32, hiddenSize: 64)
    print(lstm.parameterCount)
    let sgd = try SGD(net.parameters, learningRate: 0.24, momentum: 0.5)
    let dEdw5 = 0.0123
    display(Math(#"\\frac{\\partial E}{\\partial w_5} = \\#(dEdw5)"#))
    Table(["model", "parameters"], [["LSTM", lstm.parameterCount]])
    """

  @Test func designBlockRuns() throws {
    let outcome = runCells([Self.designBlock])[0]
    #expect(outcome.error == nil, "\(outcome.error?.formatted ?? "")")
    // 2*4+4 + 4*3+3 + 3*2+2 = 35; LSTM: 4*64*(32+64) + 2*4*64 = 25088 (PyTorch's two biases)
    #expect(printed(outcome) == "35\n25088\n")
    let displays = outcome.events.compactMap {
      if case .display(let d) = $0 { return d } else { return nil }
    }
    #expect(displays.count == 5)
    guard case .table(let summary) = displays[0] else {
      Issue.record("no summary table")
      return
    }
    #expect(summary.header == ["Layer", "Output shape", "Parameters"])
    #expect(summary.rows.map { $0[2] } == ["12", "0", "15", "0", "8"])
    #expect(summary.footer == "Total parameters: 35")
    guard case .svg(let line) = displays[1], case .svg(let boundary) = displays[2] else {
      Issue.record("charts did not display as SVG")
      return
    }
    #expect(line.hasPrefix("<svg") && boundary.hasPrefix("<svg"))
    // the Math value knows where its text starts, for warnings about the TeX
    let lines = Self.designBlock.split(separator: "\n", omittingEmptySubsequences: false)
    let mathLine = try #require(lines.firstIndex { $0.contains("Math(") })
    let column = try #require(lines[mathLine].range(of: "#\""))
    #expect(
      displays[3]
        == .math(
          #"\frac{\partial E}{\partial w_5} = 0.0123"#,
          origin: SourceLocation(
            file: "nb.md", line: 10 + mathLine,
            column: lines[mathLine].distance(
              from: lines[mathLine].startIndex, to: column.lowerBound)
              + 1)))
    #expect(
      displays[4]
        == .table(
          DisplayTable(
            header: ["model", "parameters"], rows: [["LSTM", "25088"]], numericColumns: [1])))
  }

  @Test func tensorsComputeAndDisplay() {
    let outcome = runCells([
      """
      let a = try Tensor([[1, 2], [3, 4]])
      let w = Tensor([0.5, -0.25], requiresGrad: true)
      let y = try (w * w).sum()
      try y.backward()
      print(w.grad!, try a.matmul(a).sum().item(), try a[1, 0].item())
      try a * 2 + 1
      """
    ])[0]
    #expect(outcome.error == nil, "\(outcome.error?.formatted ?? "")")
    // d/dw sum(w^2) = 2w; [[1,2],[3,4]]^2 = [[7,10],[15,22]], sum 54
    #expect(printed(outcome) == "Tensor(shape: [2], [1, -0.5]) 54.0 3.0\n")
    #expect(
      outcome.events.last
        == .display(.tensor(DisplayTensor(shape: [2, 2], entries: ["3", "5", "7", "9"]))))
  }

  @Test func throwingLibraryCallsNeedTry() throws {
    let error = try #require(runCells(["let t = Tensor([[1.0]])"])[0].error)
    #expect(error.message == "call can throw but is not marked with 'try'")
    #expect(error.location.column == 9)
    #expect(runCells(["let t = Tensor([1.0, 2.0])\nt.shape"])[0].events == [.display(.text("[2]"))])
  }

  /// The expected text is what the same lines print compiled with swiftc against DLCore.
  @Test func catchSeesTheErrorsLibraryCallsThrow() {
    let outcome = runCells([
      """
      do {
        let t = try Tensor([[1.0], [2.0, 3.0]])
        print(t)
      } catch {
        print("caught:", error)
      }
      let a = try Tensor([1.0, 2.0])
      let b = try Tensor([1.0, 2.0, 3.0])
      do {
        let c = try a + b
        print(c)
      } catch let e {
        print("caught \\(e)")
      }
      let r = try? a + b
      print(r == nil)
      """
    ])[0]
    #expect(outcome.error == nil, "\(outcome.error?.formatted ?? "")")
    #expect(
      printed(outcome) == """
        caught: Tensor(_:): row 1 has 2 elements but row 0 has 1; rows must be equal in length
        caught +: shapes [2] and [3] do not fit: dimension -1 has sizes 2 and 3; broadcasting needs equal sizes or 1
        true

        """)
  }

  /// An index out of range or an overflow traps in Swift: no `catch` or `try?` sees it.
  @Test func trapsAreNotCaught() throws {
    let caught = try #require(
      runCells([
        "let xs = [1]\ndo {\n  let t = try Tensor([1.0])\n  print(xs[3], t)\n} catch {\n  print(error)\n}"
      ])[0].error)
    #expect(caught.message == "Index out of range: index 3 in an array of 1 elements")
    let swallowed = try #require(
      runCells(["let big = Int.max\nlet t = try? Tensor([Double(big + 1)])"])[0].error)
    #expect(swallowed.message.hasPrefix("arithmetic overflow"))
  }

  @Test func shapeErrorsNameBothShapes() throws {
    let error = try #require(
      runCells(["let a = try Tensor([[1.0, 2.0]])\ntry a.matmul(a)"])[0].error)
    #expect(error.message.contains("[1, 2]"))
    #expect(error.location.line == 11)
  }

  @Test func badTensorIndexIsAnErrorNotATrap() throws {
    let error = try #require(runCells(["let a = Tensor([1.0, 2.0])\ntry a[5]"])[0].error)
    #expect(error.message == "index 5 is out of range for axis 0 of a tensor of shape [2]")
  }

  @Test func sessionSeedMakesRandomNumbersReproducible() {
    let cell = "let n = try Linear(2, 2)\nn.weight.scalars"
    #expect(runCells([cell], seed: 3) == runCells([cell], seed: 3))
    #expect(runCells([cell], seed: 3) != runCells([cell], seed: 4))
  }
}
