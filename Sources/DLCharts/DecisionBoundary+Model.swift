import Charts
import DLCore

extension DecisionBoundary {
  /// A map of a trained model's predicted class over the plane of a two-feature data set, with
  /// the data's points on top: `try DecisionBoundary(net, data, title: "After training")`.
  ///
  /// The model runs on the whole grid in one batch, without recording a graph. With one output
  /// column it is read as the probability of class 1 (class 1 where it is at least 0.5); with
  /// several, the class is the column with the largest value (``predictedLabels(_:)``). The
  /// points' labels are the data's targets.
  ///
  /// - Throws: `ChartError` if the inputs do not have exactly two features, or the targets are
  ///   not whole-number class labels; any error the model throws; as
  ///   ``init(batchClassifier:points:labels:resolution:classNames:title:xLabel:yLabel:width:height:id:)``.
  public init(
    _ model: any Layer, _ data: Dataset, resolution: Int = 200, classNames: [String]? = nil,
    title: String = "", xLabel: String = "x₁", yLabel: String = "x₂", width: Double = 580,
    height: Double = 495, id: String? = nil
  ) throws {
    guard data.inputs.rank == 2, data.inputs.shape[1] == 2 else {
      throw ChartError(
        .invalidArgument,
        "DecisionBoundary needs two input features; the data's inputs have shape \(Tensor.format(shape: data.inputs.shape))."
      )
    }
    let labels = try data.targets.scalars.map { target -> Int in
      guard target.isFinite, target == target.rounded(), abs(target) < 1e9 else {
        throw ChartError(
          .invalidArgument,
          "DecisionBoundary needs class labels as targets (0, 1, ...); found \(target).")
      }
      return Int(target)
    }
    let points = data.inputs.rows.map { ($0[0], $0[1]) }
    let singleOutput = try model.outputShape(for: [1, 2]).last == 1
    try self.init(
      batchClassifier: { grid in
        let output = try model.predict(Tensor(grid.map { [$0.0, $0.1] }))
        if singleOutput { return output.scalars.map { $0 >= 0.5 ? 1 : 0 } }
        return try predictedLabels(output)
      }, points: points, labels: labels, resolution: resolution, classNames: classNames,
      title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, id: id)
  }
}
