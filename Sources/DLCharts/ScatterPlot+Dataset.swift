import Charts
import DLCore

extension ScatterPlot {
  /// A scatter plot of a data set's samples: `try ScatterPlot(train, title: "Training set")`.
  ///
  /// A classification set (two input features, one class label per sample, as
  /// ``Datasets`` makes them) is drawn in the plane of its features, one colour and marker per
  /// class, as ``DecisionBoundary`` draws it. A regression set with one input feature and one
  /// target per sample is drawn as the target against the feature.
  ///
  /// - Parameters:
  ///   - xLabel: the horizontal axis's title; `nil` gives "x₁" for two features, "x" for one.
  ///   - yLabel: the vertical axis's title; `nil` gives "x₂" for two features, "y" for one.
  /// - Throws: `ChartError` (`.invalidArgument`) for other shapes of data, or when a
  ///   two-feature set's targets are not whole-number class labels.
  public init(
    _ data: Dataset, classNames: [String]? = nil, title: String = "", xLabel: String? = nil,
    yLabel: String? = nil, width: Double = 560, height: Double = 420, id: String? = nil
  ) throws {
    let inputs = data.inputs.shape
    let targets = data.targets.shape
    let oneTargetEach = targets.count == 1 || (targets.count == 2 && targets[1] == 1)
    if inputs.count == 2, inputs[1] == 2, targets.count == 1 {
      let labels = try data.targets.scalars.map { target -> Int in
        guard target.isFinite, target == target.rounded(), abs(target) < 1e9 else {
          throw ChartError(
            .invalidArgument,
            "ScatterPlot of a two-feature data set needs class labels as targets (0, 1, ...); found \(target)."
          )
        }
        return Int(target)
      }
      try self.init(
        data.inputs.rows.map { ($0[0], $0[1]) }, labels: labels, classNames: classNames,
        title: title, xLabel: xLabel ?? "x₁", yLabel: yLabel ?? "x₂", width: width,
        height: height, id: id)
    } else if inputs.count == 1 || (inputs.count == 2 && inputs[1] == 1), oneTargetEach {
      try self.init(
        x: data.inputs.scalars, y: data.targets.scalars, classNames: classNames, title: title,
        xLabel: xLabel ?? "x", yLabel: yLabel ?? "y", width: width, height: height, id: id)
    } else {
      throw ChartError(
        .invalidArgument,
        "ScatterPlot draws a data set with two input features and class labels, or one input feature and one target; this one has inputs \(Tensor.format(shape: inputs)) and targets \(Tensor.format(shape: targets)). Pass the columns to draw: ScatterPlot(x: xs, y: ys)."
      )
    }
  }
}
