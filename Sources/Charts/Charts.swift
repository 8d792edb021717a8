// Charts: SVG plots for answer keys, built on Foundation only.
//
// Every chart is a value whose `svg` is a complete, self-contained `<svg>` element (no XML
// prolog) that can be written inline into an HTML5 page or saved as a file.
//
// Kinds: `LineChart`, `ScatterPlot`, `Histogram`, `BarChart`, `DecisionBoundary`, and
// `SideBySide` to put several charts in one picture.
//
// Theming. Colours of text, axes, grid lines and the background come from CSS custom
// properties, with light-theme fallbacks, through a small `<style>` element inside each chart
// (and plain presentation attributes for renderers without CSS variables):
//
//   --nb-chart-text        text, the 8th series colour    (fallback #222)
//   --nb-chart-axis        axis lines and tick marks       (fallback #555)
//   --nb-chart-grid        grid lines, legend border       (fallback #e3e3e3)
//   --nb-chart-background  chart background, marker rims   (fallback #fff)
//
// Series colours can be restyled the same way, through `--nb-chart-series-1` ...
// `--nb-chart-series-7` (fallbacks: the Okabe–Ito colours below), for example a lighter blue
// on a dark page; the eighth series colour is the text colour.
//
// A page sets them, e.g. `@media (prefers-color-scheme: dark) { :root {
// --nb-chart-text: #ddd; --nb-chart-axis: #aaa; --nb-chart-grid: #3a3a3a;
// --nb-chart-background: #1b1b1b } }`. Series use the Okabe–Ito palette, and each series or
// class also gets its own marker shape and dash pattern (or hatching, for bars), so series
// stay apart in grayscale print.
//
// Determinism. The same input gives the same bytes: coordinates are rounded to 0.1 px by
// one formatter, attributes come in a fixed order, and element ids are `<prefix>-t`,
// `<prefix>-d`, `<prefix>-p1`, ... where the prefix is the caller's `id` or, by default,
// `nbc-` followed by a hash of the chart's content. Two different charts on one page
// therefore never share ids; pass distinct `id`s to show the same chart twice.
//
// Bad data never crashes and never gives broken SVG: NaN and infinite values are left out
// and the chart says how many (see each chart's `notes`); an empty input draws the axes with
// a "no data" message. Only contradictory arguments, such as x and y arrays of different
// lengths, throw a `ChartError`.

/// A chart that renders as SVG.
///
/// Conforming types render once, when they are created; `svg` returns the finished markup.
public protocol Chart: Sendable {
  /// A complete `<svg>` element, without an XML prolog, embeddable inline in HTML5.
  var svg: String { get }
}

/// An error for arguments that contradict each other or cannot be drawn at all.
public struct ChartError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong, for callers that branch on it.
  public enum Kind: Sendable, Equatable {
    /// Two arrays that must be parallel have different lengths.
    case mismatchedLengths
    /// An argument is outside the range the chart can use.
    case invalidArgument
    /// A classifier closure returned something that cannot be drawn.
    case invalidClassifierOutput
  }

  /// The category of the error.
  public let kind: Kind
  /// A sentence saying what was wrong, where, and what to do.
  public let message: String

  /// Creates an error of the given kind with an explanatory message.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { message }
}

/// One named data series: y values, and optionally their x positions.
///
/// Without `x`, the values are drawn at x = 1, 2, 3, ... (epochs start at 1).
public struct Series: Sendable, Equatable {
  /// The name shown in the legend.
  public var name: String
  /// The x positions, parallel to `y`, or `nil` for 1, 2, 3, ...
  public var x: [Double]?
  /// The values.
  public var y: [Double]

  /// Creates a series named `name` with values `y` at positions `x` (1, 2, 3, ... if `nil`).
  public init(name: String, x: [Double]? = nil, y: [Double]) {
    self.name = name
    self.x = x
    self.y = y
  }
}

/// A rendered chart: markup with an id placeholder, and its size.
///
/// Chart types keep this so that `SideBySide` can re-render them under its own id prefix.
struct RenderedChart: Sendable {
  var template: String
  var width: Double
  var height: Double
  var prefix: String
  /// The same chart drawn again for another width and height (its text keeps its size), if
  /// the chart can be; `SideBySide` uses it to fit several charts in one row.
  var relayout: (@Sendable (_ width: Double, _ height: Double) -> RenderedChart)?

  var svg: String { SVG.fill(template, prefix: prefix) }
}

/// Charts made by this module; `SideBySide` lays these out exactly.
protocol TemplatedChart: Chart {
  var rendered: RenderedChart { get }
  var summary: String { get }
}
