import Charts
import DLCharts
import DLCore
import Foundation
import Testing

@testable import Evaluator

/// What a newcomer writing a first notebook from the README ran into.
@Suite struct NewcomerTests {
  // MARK: Pooling is labelled as convolution is

  @Test func poolingTakesItsKernelSizeLabelledAsConvolutionDoes() {
    // max of each 2×2 window of 1...16 laid out row by row: 6, 8, 14, 16; their means 3.5,
    // 5.5, 11.5, 13.5 (by hand)
    let cell = """
      let x = try Tensor((1...16).map { Double($0) }).reshape([1, 1, 4, 4])
      let pool = try MaxPool2d(kernelSize: 2)
      let average = try AvgPool2d(kernelSize: 2, stride: 2, padding: 0)
      print(pool, try pool(x).scalars)
      print(average, try average(x).scalars)
      print(try MaxPool2d(kernelSize: 3, stride: 1, padding: 1))
      let net = try Sequential(Conv2d(1, 2, kernelSize: 3, padding: 1), MaxPool2d(kernelSize: 2))
      print(try net(x).shape)
      """
    #expect(
      result(cell) == """
        MaxPool2d(kernelSize: 2) [6.0, 8.0, 14.0, 16.0]
        AvgPool2d(kernelSize: 2) [3.5, 5.5, 11.5, 13.5]
        MaxPool2d(kernelSize: 3, stride: 1, padding: 1)
        [1, 2, 2, 2]

        """)
  }

  @Test func theUnlabelledKernelSizeIsGoneAndTheErrorSaysWhatIsAccepted() throws {
    let error = try #require(runCells(["let pool = try MaxPool2d(2)"])[0].error)
    #expect(error.message == "no 'MaxPool2d' accepts these arguments: MaxPool2d(_:)")
    #expect(error.notes == ["accepted: MaxPool2d(kernelSize:stride:padding:)"])
  }

  // MARK: "Did you mean" only when likely

  @Test func likelyTyposAreSuggested() {
    let names = ["loss", "length", "accuracy", "epochs", "net", "count", "the", "Adam", "AdamW"]
    #expect(nearest("los", in: names) == ["loss"])  // one missing letter
    #expect(nearest("lenght", in: names) == ["length"])  // two letters swapped
    #expect(nearest("acuracy", in: names) == ["accuracy"])
    #expect(nearest("epoch", in: names) == ["epochs"])
    #expect(nearest("nett", in: names) == ["net"])
    #expect(nearest("coutn", in: names) == ["count"])
    #expect(nearest("teh", in: names) == ["the"])
    #expect(nearest("Adm", in: names) == ["Adam", "AdamW"])  // nearest first
    #expect(nearest("accuraccy", in: names) == ["accuracy"])
    #expect(nearest("acurracy", in: names) == ["accuracy"])  // two edits in eight letters
  }

  @Test func aDifferenceOfCaseAloneWinsOverOtherGuesses() {
    #expect(nearest("Loss", in: ["loss", "L1Loss", "mseLoss"]) == ["loss"])
    #expect(nearest("relu", in: ["ReLU", "relu6", "elu"]) == ["ReLU"])
  }

  @Test func unlikelyGuessesForShortNamesAreNotMade() {
    // a replaced letter in a name of two or three is a different name, not a typo
    let names = ["xs", "x1", "id", "pi", "cos", "log", "exp", "max", "min", "net", "x", "lr"]
    #expect(nearest("x2", in: names) == [])
    #expect(nearest("y", in: names) == [])
    #expect(nearest("x", in: ["xs", "x1"]) == [])
    #expect(nearest("los", in: names) == [])
    #expect(nearest("sum", in: ["sun", "sin"]) == [])
    #expect(nearest("mean", in: ["max", "min"]) == [])
    #expect(nearest("b", in: ["a", "ab"]) == [])
    // nor for longer names that share only a part
    #expect(nearest("lossFn", in: ["lossFunction", "l1Loss"]) == [])
    // the name itself is never a suggestion
    #expect(nearest("count", in: ["count"]) == [])
  }

  @Test func unknownNamesInCellsGetOnlyLikelySuggestions() throws {
    let outcomes = runCells([
      "let xs = [1.0, 2.0]\nlet id = 3\nlet pi = 3.14\nlet total = 2.0",
      "x2",
      "totl",
    ])
    let short = try #require(outcomes[1].error)
    #expect(short.message == "cannot find 'x2' in scope")
    #expect(short.notes == [])
    let typo = try #require(outcomes[2].error)
    #expect(typo.notes == ["did you mean 'total'?"])
  }

  // MARK: A missing Tensor member lists Tensor's own API

  @Test func aMissingTensorMemberListsTensorsPropertiesAndMethods() throws {
    let error = try #require(
      runCells(["let t = try Tensor([[1.0, 2.0], [3.0, 4.0]])\nt.view([4])"])[0].error)
    #expect(error.message == "value of type 'Tensor' has no member 'view'")
    let properties = try #require(error.notes.first { $0.hasPrefix("properties of 'Tensor': ") })
    let methods = try #require(error.notes.first { $0.hasPrefix("methods of 'Tensor': ") })
    let propertyNames = properties.split(separator: ": ")[1].components(separatedBy: ", ")
    let methodNames = methods.split(separator: ": ")[1].components(separatedBy: ", ")
    for name in ["shape", "scalars", "grad", "requiresGrad", "rank"] {
      #expect(propertyNames.contains(name), "\(name)")
    }
    for name in ["reshape", "transpose", "argmax", "matmul", "backward", "item", "sum"] {
      #expect(methodNames.contains(name), "\(name)")
    }
    // Tensor is no Sequence in Swift: collection methods are not its members in cells either
    for name in ["map", "filter", "reduce", "compactMap", "enumerated", "first", "sorted"] {
      #expect(!propertyNames.contains(name) && !methodNames.contains(name), "\(name)")
    }
    #expect(propertyNames == propertyNames.sorted() && methodNames == methodNames.sorted())
    #expect(runCells(["let t = try Tensor([1.0])\nt.map { $0 }"])[0].error != nil)
  }

  @Test func arraysStillListTheirCollectionMembers() throws {
    let error = try #require(runCells(["let xs = [1, 2]\nxs.view"])[0].error)
    let members = try #require(error.notes.first { $0.hasPrefix("members of '[Int]': ") })
    #expect(members.contains("map") && members.contains("append"))
  }

  // MARK: A scatter plot straight from a data set

  @Test func aScatterPlotOfADatasetIsDLChartsOwn() throws {
    let cell = """
      let data = try Datasets.moons(count: 40, noise: 0.1, seed: 3)
      let fromCell = try ScatterPlot(data, classNames: ["upper", "lower"], title: "Moons", id: "m")
      fromCell.summary
      """
    let data = try Datasets.moons(count: 40, noise: 0.1, seed: 3)
    let swift = try ScatterPlot(data, classNames: ["upper", "lower"], title: "Moons", id: "m")
    #expect(result(cell) == "=> " + swift.summary)
    let shown = runCells([
      "try ScatterPlot(Datasets.moons(count: 40, noise: 0.1, seed: 3), classNames: [\"upper\", \"lower\"], title: \"Moons\", id: \"m\")"
    ])[0]
    #expect(shown.events == [.display(.svg(swift.svg))])
  }

  @Test func pointsAndDataSetsAreToldApartByTheFirstArgument() throws {
    let outcomes = runCells([
      "let data = try Datasets.linearRegression(count: 5, noise: 1, seed: 2).data",
      "print(try ScatterPlot(data).summary.hasPrefix(\"Scatter plot of 5 points, x from\"))",
      "print(try ScatterPlot([(1, 2), (3, 4)], labels: [0, 1]).summary)",
      "try ScatterPlot(data, labels: [0, 1, 0, 1, 0])",
    ])
    #expect(printed(outcomes[1]) == "true\n")
    #expect(
      printed(outcomes[2])
        == "Scatter plot of 2 points, x from 1 to 3, y from 2 to 4. Classes: 1 class 0, 1 class 1.\n"
    )
    let error = try #require(outcomes[3].error)
    #expect(
      error.message
        == "cannot convert value of type 'Dataset' to expected argument type '[(Double, Double)]'")
  }

  // MARK: Numbers in tables

  @Test func textThatReadsAsANumberIsANumber() {
    for text in [
      "-0.123456", "0.469175", "1.2345678901234e-05", "+3", "\u{2212}2.5", "93.5%", "1,024",
      "1_000", "nan", "-inf", "\u{221E}", ".5", "5.", " 42 ", "6.02E+23",
    ] {
      #expect(CellTable.readsAsNumber(text), "\(text)")
    }
    for text in [
      "h1", "2025-05-12", "1.2.3", ",5", "e5", "1e", "1e+", "-", "", "%", "12 ms", "0x1F", "1-2",
      "undefined (0/0)", "1,", "v2",
    ] {
      #expect(!CellTable.readsAsNumber(text), "\(text)")
    }
  }

  @Test func columnsOfNumbersGivenAsTextAreNumeric() throws {
    let outcome = runCells([
      """
      func fmt(_ v: Double) -> String { String(format: "%.6f", v) }
      Table(
        ["unit", "z", "rate", "epoch", "precision", "mixed"],
        [
          ["h1", fmt(-0.123456), "93.5%", 1, fmt(0.5), "a"],
          ["h2", fmt(1.5), "7%", 2, "undefined (0/0)", "1"],
          ["y", "", "12%", 3, fmt(0.25), "b"],
        ])
      """
    ])[0]
    guard case .display(.table(let table)) = try #require(outcome.events.last) else {
      Issue.record("no table: \(outcome.events)")
      return
    }
    // "unit" holds names; "mixed" one number among two words
    #expect(table.numericColumns == [1, 2, 3, 4])
    #expect(table.rows[0] == ["h1", "-0.123456", "93.5%", "1", "0.500000", "a"])
  }

  // MARK: Python and PyTorch habits

  @Test func snakeCaseSuggestsTheCamelCaseSpelling() {
    #expect(nearest("zero_grad", in: ["zeroGrad", "zero", "grad"]) == ["zeroGrad"])
    #expect(
      nearest("cross_entropy", in: ["CrossEntropyLoss", "crossEntropy"]) == ["crossEntropy"])
    #expect(nearest("Cross_Entropy", in: ["crossEntropy"]) == ["crossEntropy"])
    #expect(nearest("_x", in: ["x"]) == [])
    #expect(camelCase("requires_grad") == "requiresGrad")
    #expect(camelCase("log_softmax_") == "logSoftmax")
    #expect(camelCase("plain") == nil)
    let error = runCells([
      "let net = try Sequential(Linear(2, 1))\nlet opt = try SGD(net.parameters, learningRate: 0.1)\nopt.zero_grad()"
    ])[0].error
    #expect(error?.notes.first == "did you mean 'zeroGrad'?")
  }

  @Test func pythonNamesSayHowSwiftWritesThem() throws {
    let outcomes = runCells([
      "let xs = [1.0, 2.0]", "len(xs)", "for i in range(3) { print(i) }", "None",
    ])
    #expect(outcomes[1].error?.notes == ["Swift writes 'len(x)' as 'x.count'"])
    #expect(outcomes[2].error?.notes.last?.hasPrefix("Swift writes 'range(n)' as '0..<n'") == true)
    #expect(outcomes[3].error?.notes == ["Swift writes 'None' as 'nil'"])
    let loss = runCells(["try mse_loss(Tensor([1.0]), Tensor([2.0]))"])[0].error
    #expect(loss?.notes.last == "PyTorch's 'mse_loss' is 'mse' here (or the object 'MSELoss()')")
    // every name a hint recommends exists in cells
    let globals = Set(Session().builtins.globalNames)
    #expect(
      ["mse", "crossEntropy", "Tensor", "Linear", "exp", "stride"].allSatisfy(globals.contains))
  }

  @Test func pytorchTensorMembersSayWhatTheyAreCalledHere() throws {
    let outcomes = runCells([
      "let t = try Tensor([[1.0, 2.0], [3.0, 4.0]])", "t.size()", "t.T", "t.view([4])",
    ])
    #expect(outcomes[1].error?.notes.first == "PyTorch's 'size()' is 'shape' here")
    #expect(outcomes[2].error?.notes.first == "PyTorch's 'T' is 'transpose()' here")
    #expect(outcomes[3].error?.notes.first == "PyTorch's 'view' is 'reshape(_:)' here")
    // each hint names a member Tensor has
    let members = Session().builtins.natives["Tensor"]!.memberNames
    for hint in tensorHints.values {
      let named = hint.split(separator: "'")[4].prefix { $0 != "(" }
      #expect(members.contains(String(named)), "\(hint)")
    }
  }

  @Test func aPropertyCalledAsAMethodIsSwiftsNonFunctionError() throws {
    let error = try #require(
      runCells(["let net = try Sequential(Linear(2, 1))\nnet.parameters().count"])[0].error)
    #expect(error.message == "cannot call value of non-function type '[Tensor]'")
    #expect(error.location.column == 5)
  }

  /// Cell types, against what swiftc says (Corpus/swiftc/members.swift).
  @Test func membersHaveSwiftsWording() throws {
    let (refused, blocks) = try DiagnosticsTests().replayBlocks("members")
    #expect(refused == 4)
    #expect(blocks == 5)
  }

  @Test func argumentLabelsGetLikelySpellingsAndPyTorchsNames() throws {
    #expect(
      labelNotes(
        ["kernel_size", "padding"], signatures: ["Conv2d(_:_:kernelSize:stride:padding:)"])
        == ["did you mean 'kernelSize:' for 'kernel_size:'?"])
    #expect(
      labelNotes(["lr", "momentun"], signatures: ["SGD(_:learningRate:momentum:)"])
        == ["PyTorch's 'lr:' is 'learningRate:' here", "did you mean 'momentum:' for 'momentun:'?"])
    // no guess for a label far from every accepted one, nor from a variadic's dots
    #expect(labelNotes(["size"], signatures: ["f(_:...)", "f(x:y:)"]) == [])
    let outcomes = runCells([
      "let c = try Conv2d(3, 16, kernel_size: 3)",
      "let t = try Tensor([[1.0, 2.0]])\nt.argmax(dim: 1)",
    ])
    #expect(
      outcomes[0].error?.notes.first == "did you mean 'kernelSize:' for 'kernel_size:'?")
    #expect(
      outcomes[1].error?.notes == [
        "PyTorch's 'dim:' is 'axis:' here", "accepted: argmax(axis:keepDims:)",
      ])
  }

  @Test func tensorSubscriptsRefuseWhatSwiftRefuses() throws {
    // swiftc on `subscript(_ i: Int...)`: the range's and the Double's conversion error at the
    // argument, the label at the subscript
    let outcomes = runCells([
      "let t = try Tensor([[1.0, 2.0], [3.0, 4.0]])",
      "let a = try t[0..<1]",
      "let b = try t[i: 0]",
      "let c = try t[0, 1.5]",
      "let k = 1\nprint(try t[1, k].item(), try t[-1].scalars)",
    ])
    let range = try #require(outcomes[1].error)
    #expect(
      range.message == "cannot convert value of type 'Range<Int>' to expected argument type 'Int'")
    #expect(
      range.notes == [
        "a range of indices along an axis is 'slice(axis:_:)': t.slice(axis: 0, 0..<2)"
      ])
    let label = try #require(outcomes[2].error)
    #expect(label.message == "extraneous argument label 'i:' in subscript")
    #expect(label.location.column == 14)
    let double = try #require(outcomes[3].error)
    #expect(
      double.message == "cannot convert value of type 'Double' to expected argument type 'Int'")
    #expect(double.location.column == 18)
    #expect(printed(outcomes[4]) == "4.0 [3.0, 4.0]\n")
  }

  @Test func theToleranceHintComesOnlyWhereRoundingCanExplainTheGap() throws {
    let outcomes = runCells([
      "expect(0.690312, 0.6903)", "expect(19.0, 1.0)", "expect([2.0, 5.0], [2.0, 4.99])",
    ])
    #expect(
      outcomes[0].error?.message
        == "expectation failed: got 0.690312, expected 0.6903, off by 1.2e-05; pass tolerance: to allow for rounding"
    )
    #expect(outcomes[1].error?.message == "expectation failed: got 19.0, expected 1.0, off by 18")
    #expect(outcomes[2].error?.message.hasSuffix("; pass tolerance: to allow for rounding") == true)
  }
}
