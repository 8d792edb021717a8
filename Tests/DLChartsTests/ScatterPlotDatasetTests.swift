import Charts
import DLCharts
import DLCore
import Foundation
import Testing

@Suite struct ScatterPlotDatasetTests {
  @Test func aClassificationSetIsItsFeaturePlaneColouredByClass() throws {
    let data = try Dataset(
      inputs: Tensor([[0.0, 1.0], [1.0, 0.0], [0.5, 2.0], [2.0, 0.5], [1.5, 1.5]]),
      targets: Tensor([1.0, 0.0, 1.0, 0.0, 2.0]))
    let fromData = try ScatterPlot(data, classNames: ["a", "b", "c"], title: "set", id: "s")
    let byHand = try ScatterPlot(
      [(0, 1), (1, 0), (0.5, 2), (2, 0.5), (1.5, 1.5)], labels: [1, 0, 1, 0, 2],
      classNames: ["a", "b", "c"], title: "set", xLabel: "x₁", yLabel: "x₂", id: "s")
    #expect(fromData.svg == byHand.svg)
    #expect(
      fromData.summary
        == "Scatter plot “set” of 5 points, x₁ from 0 to 2, x₂ from 0 to 2. Classes: 2 a, 2 b, 1 c."
    )
  }

  @Test func aRegressionSetIsTheTargetAgainstItsFeature() throws {
    // targets as Datasets.linearRegression gives them ([count, 1]) or as a vector
    for targets in [try Tensor([[3.0], [5.0], [4.0]]), Tensor([3.0, 5.0, 4.0])] {
      let data = try Dataset(inputs: Tensor([[1.0], [2.0], [3.0]]), targets: targets)
      let fromData = try ScatterPlot(data, yLabel: "price")
      let byHand = try ScatterPlot(x: [1, 2, 3], y: [3, 5, 4], xLabel: "x", yLabel: "price")
      #expect(fromData.svg == byHand.svg)
      #expect(fromData.summary == "Scatter plot of 3 points, x from 1 to 3, price from 3 to 5.")
    }
  }

  @Test func otherShapesAndNonLabelTargetsAreErrorsThatSayWhatToDo() throws {
    let three = try Dataset(inputs: Tensor([[1.0, 2.0, 3.0]]), targets: Tensor([0.0]))
    do {
      _ = try ScatterPlot(three)
      Issue.record("no error for three features")
    } catch let error as ChartError {
      #expect(error.kind == .invalidArgument)
      #expect(error.message.contains("inputs [1, 3] and targets [1]"))
      #expect(error.message.contains("ScatterPlot(x: xs, y: ys)"))
    }
    let fractional = try Dataset(inputs: Tensor([[1.0, 2.0]]), targets: Tensor([0.25]))
    do {
      _ = try ScatterPlot(fractional)
      Issue.record("no error for a target of 0.25")
    } catch let error as ChartError {
      #expect(error.kind == .invalidArgument)
      #expect(error.message.contains("found 0.25"))
    }
  }
}
