import Charts
import DLCharts
import DLCore
import Foundation
import Testing

@Suite struct DecisionBoundaryModelTests {
  static func data() throws -> Dataset {
    try Dataset(
      inputs: Tensor([[0.0, 1.0], [1.0, 0.0], [0.5, 2.0], [2.0, 0.5]]),
      targets: Tensor([1.0, 0.0, 1.0, 0.0]))
  }

  @Test func aModelsMapIsTheMapOfItsArgMax() throws {
    // an identity layer scores class 0 with x and class 1 with y: class 1 exactly where y > x
    // (a tie goes to the first column, as arg-max does)
    let model = try Linear(weight: Tensor([[1.0, 0.0], [0.0, 1.0]]), bias: nil)
    let fromModel = try DecisionBoundary(model, Self.data(), resolution: 20, title: "identity")
    let byHand = try DecisionBoundary(
      classifier: { x, y in y > x ? 1 : 0 }, points: [(0, 1), (1, 0), (0.5, 2), (2, 0.5)],
      labels: [1, 0, 1, 0], resolution: 20, title: "identity")
    #expect(fromModel.svg == byHand.svg)
    #expect(fromModel.summary == byHand.summary)
  }

  @Test func dataWithoutTwoFeaturesOrWithoutClassLabelsIsAnError() throws {
    let model = try Linear(2, 2, seed: 1)
    let three = try Dataset(inputs: Tensor([[1.0, 2.0, 3.0]]), targets: Tensor([0.0]))
    #expect(throws: ChartError.self) { try DecisionBoundary(model, three) }
    let regression = try Dataset(inputs: Tensor([[1.0, 2.0]]), targets: Tensor([0.25]))
    do {
      _ = try DecisionBoundary(model, regression)
      Issue.record("no error for a target of 0.25")
    } catch let error as ChartError {
      #expect(error.kind == .invalidArgument)
      #expect(error.message.contains("0.25"))
    }
  }
}
