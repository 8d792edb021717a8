import Foundation

/// A decision-boundary map: a classifier evaluated on a grid over the data, drawn as filled
/// class regions with the boundary as a contour line, and the labelled points on top.
///
/// ```swift
/// try DecisionBoundary(classifier: { x, y in x * x + y * y < 1 ? 1 : 0 },
///                      points: points, labels: labels, title: "Two circles")
/// try DecisionBoundary(probability: { x, y in model.probability(x, y) },
///                      points: points, labels: labels)
/// ```
///
/// The grid spans the points' extent plus 10% on each side, with `resolution` nodes along each
/// axis. Regions are traced with marching squares into a few merged outlines per class; where
/// the class changes along a grid edge, the classifier is asked again (six bisection steps)
/// so the boundary line follows the true boundary rather than the grid. With a probability
/// function, the class is p ≥ `threshold`, the boundary is interpolated linearly, and
/// confidence is shaded at p = 0.1, 0.25 and 0.75, 0.9.
///
/// The batch forms take all grid points in one call, which suits a model that evaluates a
/// whole tensor at once.
public struct DecisionBoundary: Chart, TemplatedChart {
  let rendered: RenderedChart
  /// The complete `<svg>` element.
  public var svg: String { rendered.svg }
  /// The text of the chart's `<desc>`.
  public let summary: String
  /// Notes printed under the chart about data that could not be drawn.
  public let notes: [String]

  /// A map of a classifier that returns a class for each point of the plane.
  ///
  /// - Throws: `ChartError` if `labels` and `points` differ in length or `resolution` is not
  ///   in 2...1000; any error the classifier throws.
  public init(
    classifier: (Double, Double) throws -> Int, points: [(Double, Double)], labels: [Int],
    resolution: Int = 200, classNames: [String]? = nil, title: String = "",
    xLabel: String = "x₁", yLabel: String = "x₂", width: Double = 580, height: Double = 495,
    id: String? = nil
  ) throws {
    let options = Options(
      points: points, labels: labels, resolution: resolution, classNames: classNames,
      title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, id: id)
    (rendered, summary, notes) = try DecisionBoundary.render(
      options, threshold: nil, classify: { grid in try grid.map { try classifier($0.0, $0.1) } },
      probability: { _ in [] })
  }

  /// A map of a classifier that labels a whole batch of points in one call.
  ///
  /// - Throws: `ChartError` if `labels` and `points` differ in length, `resolution` is not in
  ///   2...1000, or the classifier returns a different number of classes than points; any
  ///   error the classifier throws.
  public init(
    batchClassifier: ([(Double, Double)]) throws -> [Int], points: [(Double, Double)],
    labels: [Int],
    resolution: Int = 200, classNames: [String]? = nil, title: String = "",
    xLabel: String = "x₁", yLabel: String = "x₂", width: Double = 580, height: Double = 495,
    id: String? = nil
  ) throws {
    let options = Options(
      points: points, labels: labels, resolution: resolution, classNames: classNames,
      title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, id: id)
    (rendered, summary, notes) = try DecisionBoundary.render(
      options, threshold: nil, classify: batchClassifier, probability: { _ in [] })
  }

  /// A map of a binary classifier's probability of class 1; the class is p ≥ `threshold`.
  ///
  /// - Throws: `ChartError` if `labels` and `points` differ in length, `resolution` is not in
  ///   2...1000 or `threshold` is not in (0, 1); any error the function throws.
  public init(
    probability: (Double, Double) throws -> Double, threshold: Double = 0.5,
    points: [(Double, Double)], labels: [Int], resolution: Int = 200, classNames: [String]? = nil,
    title: String = "", xLabel: String = "x₁", yLabel: String = "x₂", width: Double = 580,
    height: Double = 495, id: String? = nil
  ) throws {
    let options = Options(
      points: points, labels: labels, resolution: resolution, classNames: classNames,
      title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, id: id)
    (rendered, summary, notes) = try DecisionBoundary.render(
      options, threshold: threshold, classify: { _ in [] },
      probability: { grid in try grid.map { try probability($0.0, $0.1) } })
  }

  /// A map of a binary classifier's probabilities for a whole batch of points at once.
  ///
  /// - Throws: as `init(probability:...)`, and if the function returns a different number of
  ///   values than points.
  public init(
    batchProbability: ([(Double, Double)]) throws -> [Double], threshold: Double = 0.5,
    points: [(Double, Double)], labels: [Int], resolution: Int = 200, classNames: [String]? = nil,
    title: String = "", xLabel: String = "x₁", yLabel: String = "x₂", width: Double = 580,
    height: Double = 495, id: String? = nil
  ) throws {
    let options = Options(
      points: points, labels: labels, resolution: resolution, classNames: classNames,
      title: title, xLabel: xLabel, yLabel: yLabel, width: width, height: height, id: id)
    (rendered, summary, notes) = try DecisionBoundary.render(
      options, threshold: threshold, classify: { _ in [] }, probability: batchProbability)
  }

  struct Options {
    var points: [(Double, Double)]
    var labels: [Int]
    var resolution: Int
    var classNames: [String]?
    var title: String
    var xLabel: String
    var yLabel: String
    var width: Double
    var height: Double
    var id: String?
  }

  private static let bisectionSteps = 6
  private static let shadeLevels = [0.1, 0.25, 0.75, 0.9]

  private static func render(
    _ o: Options, threshold: Double?,
    classify: ([(Double, Double)]) throws -> [Int],
    probability: ([(Double, Double)]) throws -> [Double]
  ) throws -> (RenderedChart, String, [String]) {
    guard o.labels.count == o.points.count else {
      throw ChartError(
        .mismatchedLengths,
        "DecisionBoundary: \(o.labels.count) labels for \(o.points.count) points; give one label per point."
      )
    }
    guard (2...1000).contains(o.resolution) else {
      throw ChartError(
        .invalidArgument,
        "DecisionBoundary: resolution \(o.resolution) is outside 2...1000; 200 (the default) suits most maps."
      )
    }
    if let threshold, !(threshold > 0 && threshold < 1) {
      throw ChartError(
        .invalidArgument,
        "DecisionBoundary: threshold \(Format.value(threshold)) is not between 0 and 1.")
    }
    var omitted = Omissions()
    var points: [(Double, Double)] = []
    var labels: [Int] = []
    for (i, (x, y)) in o.points.enumerated() {
      let okX = omitted.admit(x)
      if okX && omitted.admit(y) {
        points.append((x, y))
        labels.append(o.labels[i])
      }
    }
    var notes: [String] = []
    if let note = omitted.note(noun: "point") { notes.append(note) }

    // The grid.
    var x0 = -1.0
    var x1 = 1.0
    var y0 = -1.0
    var y1 = 1.0
    if !points.isEmpty {
      let xs = points.map(\.0)
      let ys = points.map(\.1)
      (x0, x1) = paddedDomain(xs.min()!, xs.max()!, pad: 0.1)
      (y0, y1) = paddedDomain(ys.min()!, ys.max()!, pad: 0.1)
    } else {
      notes.append("No points: the map covers −1 to 1 on both axes.")
    }
    let n = o.resolution
    let dx = (x1 - x0) / Double(n - 1)
    let dy = (y1 - y0) / Double(n - 1)
    func node(_ i: Double, _ j: Double) -> (Double, Double) { (x0 + i * dx, y0 + j * dy) }
    var nodes: [(Double, Double)] = []
    nodes.reserveCapacity(n * n)
    for j in 0..<n {
      for i in 0..<n { nodes.append(node(Double(i), Double(j))) }
    }

    // Classes at the nodes, and a way to ask again between them.
    var predicted: [Int]
    var probabilities: [Double] = []
    var undefined = 0
    if threshold == nil {
      predicted = try classify(nodes)
      guard predicted.count == nodes.count else {
        throw ChartError(
          .invalidClassifierOutput,
          "DecisionBoundary: the classifier returned \(predicted.count) classes for \(nodes.count) grid points; return one class per point."
        )
      }
    } else {
      probabilities = try probability(nodes)
      guard probabilities.count == nodes.count else {
        throw ChartError(
          .invalidClassifierOutput,
          "DecisionBoundary: the probability function returned \(probabilities.count) values for \(nodes.count) grid points; return one value per point."
        )
      }
      for k in probabilities.indices where !probabilities[k].isFinite {
        undefined += 1
        probabilities[k] = 0
      }
      predicted = probabilities.map { $0 >= threshold! ? 1 : 0 }
    }
    if undefined > 0 {
      notes.append(
        "The probability was NaN or infinite at \(Format.count(undefined)) of \(Format.count(nodes.count)) grid points; they are drawn as class 0."
      )
    }
    let classes = ClassTable(labels + predicted)
    let slots = predicted.map { Int32(classes.index(of: $0)) }
    var grid = ContourGrid(nx: n, ny: n, classes: slots)

    let edges = grid.crossingEdges()
    let saddles = grid.saddleCells()
    if threshold == nil {
      // Bisect each class change along an edge.
      var lo = Array(repeating: 0.0, count: edges.count)
      var hi = Array(repeating: 1.0, count: edges.count)
      for _ in 0..<bisectionSteps where !edges.isEmpty {
        let queries = edges.indices.map { k -> (Double, Double) in
          let e = edges[k]
          let t = (lo[k] + hi[k]) / 2
          return node(
            Double(e.from.0) + t * Double(e.to.0 - e.from.0),
            Double(e.from.1) + t * Double(e.to.1 - e.from.1))
        }
        let answers = try classify(queries)
        guard answers.count == queries.count else {
          throw ChartError(
            .invalidClassifierOutput,
            "DecisionBoundary: the classifier returned \(answers.count) classes for \(queries.count) points; return one class per point."
          )
        }
        for k in edges.indices {
          let start = predicted[edges[k].from.1 * n + edges[k].from.0]
          if answers[k] == start {
            lo[k] = (lo[k] + hi[k]) / 2
          } else {
            hi[k] = (lo[k] + hi[k]) / 2
          }
        }
      }
      for k in edges.indices { grid.crossing[edges[k].key] = (lo[k] + hi[k]) / 2 }
      if !saddles.isEmpty {
        let centres = saddles.map { node(Double($0.cell.0) + 0.5, Double($0.cell.1) + 0.5) }
        let answers = try classify(centres)
        guard answers.count == centres.count else {
          throw ChartError(
            .invalidClassifierOutput,
            "DecisionBoundary: the classifier returned \(answers.count) classes for \(centres.count) points; return one class per point."
          )
        }
        for (k, s) in saddles.enumerated() {
          grid.centreClass[s.key] = Int32(
            classes.labels.contains(answers[k]) ? classes.index(of: answers[k]) : -2)
        }
      }
    } else {
      interpolate(
        &grid, edges: edges, saddles: saddles, values: probabilities, level: threshold!, n: n)
    }

    // Outlines, in pixels once the frame is known.
    let regionRings = (0..<classes.labels.count).map { grid.rings(of: Int32($0)) }
    let boundaryLines = grid.boundaries()
    var shades: [(slot: Int, rings: [[Int]], grid: ContourGrid)] = []
    if let threshold {
      for level in shadeLevels {
        let above = level > threshold
        let inside = probabilities.map {
          above ? ($0 >= level ? Int32(1) : 0) : ($0 < level ? Int32(1) : 0)
        }
        guard inside.contains(1) else { continue }
        var g = ContourGrid(nx: n, ny: n, classes: inside)
        interpolate(
          &g, edges: g.crossingEdges(), saddles: g.saddleCells(), values: probabilities,
          level: level, n: n)
        let slot = classes.index(of: above ? 1 : 0)
        shades.append((slot, g.rings(of: 1), g))
      }
    }

    var plot = CartesianPlot(width: clampSize(o.width), height: clampSize(o.height), title: o.title)
    plot.x = AxisSpec(kind: .linear, lo: x0, hi: x1, label: o.xLabel)
    plot.y = AxisSpec(kind: .linear, lo: y0, hi: y1, label: o.yLabel)
    plot.equalAspect = true
    plot.legendOutside = true
    plot.verticalGrid = false
    plot.notes = notes
    @Sendable func pixelPath(
      _ keys: [Int], grid: ContourGrid, frame: Frame, closed: Bool, into path: inout PathData
    ) {
      let sx = frame.area.width / Double(n - 1)
      let sy = frame.area.height / Double(n - 1)
      let raw = keys.map { key -> (Int, Int) in
        let (gx, gy) = grid.position(key)
        return (SVG.tenths(frame.area.x + gx * sx), SVG.tenths(frame.area.maxY - gy * sy))
      }
      let pts = simplify(raw, tolerance: 1.5, closed: closed)
      guard pts.count >= 2 else { return }
      path.move(tenths: pts[0].0, pts[0].1)
      for p in pts.dropFirst() { path.line(tenths: p.0, p.1) }
      if closed { path.closePath() }
    }
    plot.draw = { [grid, shades, points, labels] b, frame in
      for (slot, rings) in regionRings.enumerated() where !rings.isEmpty {
        var path = PathData()
        for ring in rings { pixelPath(ring, grid: grid, frame: frame, closed: true, into: &path) }
        b.element(
          "path",
          [
            "class": "nbc-region" + Palette.fillClass(slot), "d": path.d,
            "fill": Palette.color(slot), "fill-opacity": "0.2",
          ])
      }
      for shade in shades where !shade.rings.isEmpty {
        var path = PathData()
        for ring in shade.rings {
          pixelPath(ring, grid: shade.grid, frame: frame, closed: true, into: &path)
        }
        b.element(
          "path",
          [
            "class": "nbc-shade" + Palette.fillClass(shade.slot), "d": path.d,
            "fill": Palette.color(shade.slot),
            "fill-opacity": "0.14",
          ])
      }
      if !boundaryLines.isEmpty {
        var path = PathData()
        for line in boundaryLines {
          pixelPath(
            line, grid: grid, frame: frame, closed: line.count > 2 && line.first == line.last,
            into: &path)
        }
        b.element(
          "path",
          [
            "class": "nbc-boundary", "d": path.d, "stroke": "currentColor", "stroke-width": "1.6",
            "stroke-linejoin": "round", "fill": "none",
          ])
      }
      drawPoints(&b, frame: frame, points: points, labels: labels, classes: classes)
    }
    plot.legend = classes.labels.enumerated().map { slot, label in
      LegendEntry(
        label: classes.name(label, names: o.classNames),
        swatch: .box(
          slot: slot, pattern: nil, opacity: 0.25, marker: Palette.marker(slot)))
    }

    // Description.
    var summary = "Decision-boundary map"
    if !o.title.isEmpty { summary += " “\(o.title)”" }
    summary +=
      threshold != nil
      ? " of a binary classifier's probability (class 1 where p ≥ \(Format.value(threshold!)))"
      : " of a classifier with \(Set(predicted).count) predicted class\(Set(predicted).count == 1 ? "" : "es")"
    summary +=
      ", evaluated on a \(n) × \(n) grid over \(o.xLabel.isEmpty ? "x" : o.xLabel) from \(Format.value(x0)) to \(Format.value(x1))"
    summary +=
      " and \(o.yLabel.isEmpty ? "y" : o.yLabel) from \(Format.value(y0)) to \(Format.value(y1))."
    let shares = classes.labels.compactMap { label -> String? in
      let count = predicted.filter { $0 == label }.count
      guard count > 0 else { return nil }
      return
        "\(classes.name(label, names: o.classNames)) \(Format.value(100 * Double(count) / Double(predicted.count), significant: 3))%"
    }
    summary += " Predicted area: " + shares.joined(separator: ", ") + "."
    if !points.isEmpty {
      let counts = ClassTable(labels).labels.map { label in
        "\(Format.count(labels.filter { $0 == label }.count)) \(classes.name(label, names: o.classNames))"
      }
      summary +=
        " \(Format.count(points.count)) point\(points.count == 1 ? "" : "s") on top: "
        + counts.joined(separator: ", ") + "."
    }
    for note in notes { summary += " " + note }
    let doc = plot.document(
      title: o.title.isEmpty ? "Decision-boundary map" : o.title, summary: summary, id: o.id)
    return (doc, summary, notes)
  }

  /// Linear interpolation of `level` along crossing edges; saddle centres by the mean of the
  /// four corners.
  private static func interpolate(
    _ grid: inout ContourGrid, edges: [(key: Int, from: (Int, Int), to: (Int, Int))],
    saddles: [(key: Int, cell: (Int, Int))], values: [Double], level: Double, n: Int
  ) {
    for e in edges {
      let a = values[e.from.1 * n + e.from.0]
      let b = values[e.to.1 * n + e.to.0]
      let t = b == a ? 0.5 : (level - a) / (b - a)
      grid.crossing[e.key] = min(max(t, 0.01), 0.99)
    }
    for s in saddles {
      let (i, j) = s.cell
      let mean =
        (values[j * n + i] + values[j * n + i + 1] + values[(j + 1) * n + i]
          + values[(j + 1) * n + i + 1]) / 4
      let inside = mean >= level
      let cornerClass = grid.classes[j * n + i]
      let cornerInside = values[j * n + i] >= level
      grid.centreClass[s.key] = inside == cornerInside ? cornerClass : grid.classes[j * n + i + 1]
    }
  }
}
