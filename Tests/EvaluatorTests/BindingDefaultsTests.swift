import Charts
import DLCharts
import DLCore
import Foundation
import Testing

@testable import Evaluator

/// The defaults cells use are Swift's: each call leaves out every argument Swift lets it leave
/// out, in a cell and in Swift, and the results must print the same. (PublicAPITests checks
/// labels and which arguments may be left out; the default values live in the bindings'
/// closures, so they are checked here, by what they produce.)
@Suite struct BindingDefaultsTests {
  /// A cell expression and the same call made in Swift, printed.
  static func cases() throws -> [(cell: String, swift: String)] {
    let net = { try Sequential(Linear(2, 3, seed: 1), ReLU(), Linear(3, 2, seed: 2)) }
    let data = try Datasets.moons(count: 20)
    let w = { try Tensor.ones([2], requiresGrad: true) }
    return [
      ("Tensor.uniform([3], seed: 1).scalars", "\(try Tensor.uniform([3], seed: 1).scalars)"),
      ("Tensor.normal([3], seed: 1).scalars", "\(try Tensor.normal([3], seed: 1).scalars)"),
      (
        "Tensor.uniform([3], generator: RandomGenerator(seed: 4)).scalars",
        "\(try Tensor.uniform([3], generator: RandomGenerator(seed: 4)).scalars)"
      ),
      (
        "Tensor.normal([3], std: 2, generator: RandomGenerator(seed: 4)).scalars",
        "\(try Tensor.normal([3], std: 2, generator: RandomGenerator(seed: 4)).scalars)"
      ),
      (
        "Tensor.xavierUniform([2, 3], seed: 1).scalars",
        "\(try Tensor.xavierUniform([2, 3], seed: 1).scalars)"
      ),
      (
        "Tensor.xavierNormal([2, 3], seed: 1).scalars",
        "\(try Tensor.xavierNormal([2, 3], seed: 1).scalars)"
      ),
      (
        "Tensor.kaimingUniform([2, 3], seed: 1).scalars",
        "\(try Tensor.kaimingUniform([2, 3], seed: 1).scalars)"
      ),
      (
        "Tensor.kaimingNormal([2, 3], seed: 1).scalars",
        "\(try Tensor.kaimingNormal([2, 3], seed: 1).scalars)"
      ),
      ("Datasets.blobs().inputs.scalars", "\(try Datasets.blobs().inputs.scalars)"),
      ("Datasets.spirals().inputs.scalars", "\(try Datasets.spirals().inputs.scalars)"),
      ("Datasets.moons().inputs.scalars", "\(try Datasets.moons().inputs.scalars)"),
      ("Datasets.circles().inputs.scalars", "\(try Datasets.circles().inputs.scalars)"),
      ("Datasets.xor().inputs.scalars", "\(try Datasets.xor().inputs.scalars)"),
      ("LeakyReLU().negativeSlope", "\(LeakyReLU().negativeSlope)"),
      ("Softmax().axis", "\(Softmax().axis)"),
      ("LogSoftmax().axis", "\(LogSoftmax().axis)"),
      ("Dropout().p", "\(try Dropout().p)"),
      ("PReLU().weight.scalars", "\(try PReLU().weight.scalars)"),
      ("BatchNorm1d(2).epsilon", "\(try BatchNorm1d(2).epsilon)"),
      ("LayerNorm(2).epsilon", "\(try LayerNorm(2).epsilon)"),
      (
        "SGD([Tensor.ones([2], requiresGrad: true)], learningRate: 0.1).momentum",
        "\(try SGD([w()], learningRate: 0.1).momentum)"
      ),
      (
        "SGD([Tensor.ones([2], requiresGrad: true)], learningRate: 0.1).weightDecay",
        "\(try SGD([w()], learningRate: 0.1).weightDecay)"
      ),
      (
        "SGD([Tensor.ones([2], requiresGrad: true)], learningRate: 0.1).nesterov",
        "\(try SGD([w()], learningRate: 0.1).nesterov)"
      ),
      (
        "Adam([Tensor.ones([2], requiresGrad: true)]).learningRate",
        "\(try Adam([w()]).learningRate)"
      ),
      ("Adam([Tensor.ones([2], requiresGrad: true)]).betas", "\(try Adam([w()]).betas)"),
      ("Adam([Tensor.ones([2], requiresGrad: true)]).epsilon", "\(try Adam([w()]).epsilon)"),
      (
        "AdamW([Tensor.ones([2], requiresGrad: true)]).weightDecay",
        "\(try AdamW([w()]).weightDecay)"
      ),
      (
        "AdamW([Tensor.ones([2], requiresGrad: true)]).learningRate",
        "\(try AdamW([w()]).learningRate)"
      ),
      (
        "RMSprop([Tensor.ones([2], requiresGrad: true)]).learningRate",
        "\(try RMSprop([w()]).learningRate)"
      ),
      ("RMSprop([Tensor.ones([2], requiresGrad: true)]).alpha", "\(try RMSprop([w()]).alpha)"),
      ("RMSprop([Tensor.ones([2], requiresGrad: true)]).epsilon", "\(try RMSprop([w()]).epsilon)"),
      (
        "RMSprop([Tensor.ones([2], requiresGrad: true)]).momentum", "\(try RMSprop([w()]).momentum)"
      ),
      ("LineChart([1, 2, 3]).svg", LineChart([1, 2, 3]).svg),
      (
        "LineChart(series: [Series(name: \"a\", y: [1, 2])]).svg",
        try LineChart(series: [Series(name: "a", y: [1, 2])]).svg
      ),
      ("Histogram([1, 2, 2, 3]).svg", Histogram([1, 2, 2, 3]).svg),
      (
        "BarChart(categories: [\"a\", \"b\"], values: [1, 2]).svg",
        try BarChart(categories: ["a", "b"], values: [1, 2]).svg
      ),
      (
        "BarChart(categories: [\"a\"], series: [Series(name: \"s\", y: [1])]).svg",
        try BarChart(categories: ["a"], series: [Series(name: "s", y: [1])]).svg
      ),
      ("ScatterPlot([(0, 1), (1, 0)]).svg", try ScatterPlot([(0, 1), (1, 0)]).svg),
      ("ScatterPlot(x: [0, 1], y: [1, 0]).svg", try ScatterPlot(x: [0, 1], y: [1, 0]).svg),
      ("SideBySide([LineChart([1, 2])]).svg", SideBySide([LineChart([1, 2])]).svg),
      (
        "DecisionBoundary(Sequential(Linear(2, 3, seed: 1), ReLU(), Linear(3, 2, seed: 2)), Datasets.moons(count: 20)).svg",
        try DecisionBoundary(net(), data).svg
      ),
      (
        "DecisionBoundary(probability: { x, y in x > y ? 0.9 : 0.1 }, points: [(0, 1), (1, 0)], labels: [0, 1]).svg",
        try DecisionBoundary(
          probability: { x, y in x > y ? 0.9 : 0.1 }, points: [(0, 1), (1, 0)], labels: [0, 1]
        ).svg
      ),
    ]
  }

  @Test func everyLeftOutArgumentTakesSwiftsDefault() throws {
    for (cell, swift) in try Self.cases() {
      let printed = result("print(try \(cell))")
      #expect(printed == swift + "\n", "\(cell)")
    }
  }
}
