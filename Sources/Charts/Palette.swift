/// Okabe–Ito colours with a marker shape and dash pattern per index, so that series and
/// classes separate by colour on screen and by shape and dashes in grayscale print.
enum Palette {
  /// Okabe & Ito (2008), ordered for contrast between neighbours; the eighth, black, follows
  /// the text colour so that it stays visible on a dark page.
  static let colors = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "currentColor",
  ]

  static let dashes = ["", "7 3", "2 2.5", "9 3 2 3", "4 2", "12 3", "1.5 3.5"]

  static func color(_ i: Int) -> String { colors[i % colors.count] }

  /// Classes (with a leading space) that let a page restyle slot `i`'s fill or stroke through
  /// `--nb-chart-series-N`; the eighth slot follows the text colour already.
  static func fillClass(_ i: Int) -> String {
    i % colors.count == 7 ? "" : " nbc-f\(i % colors.count)"
  }
  static func strokeClass(_ i: Int) -> String {
    i % colors.count == 7 ? "" : " nbc-s\(i % colors.count)"
  }
  static func dash(_ i: Int) -> String { dashes[i % dashes.count] }
  static func marker(_ i: Int) -> Marker { Marker.allCases[i % Marker.allCases.count] }
}

/// Marker shapes, drawn as path fragments around a centre.
enum Marker: Int, CaseIterable, Sendable {
  case circle, square, triangleUp, diamond, triangleDown, plus, cross, star

  /// Vertex offsets from the centre in tenths of a pixel (polygon shapes).
  private var vertices: [(Int, Int)] {
    switch self {
    case .circle: return []
    case .square: return [(-31, -31), (31, -31), (31, 31), (-31, 31)]
    case .triangleUp: return [(0, -45), (40, 25), (-40, 25)]
    case .diamond: return [(0, -44), (40, 0), (0, 44), (-40, 0)]
    case .triangleDown: return [(0, 45), (-40, -25), (40, -25)]
    case .plus:
      return [
        (-13, -42), (13, -42), (13, -13), (42, -13), (42, 13), (13, 13), (13, 42),
        (-13, 42), (-13, 13), (-42, 13), (-42, -13), (-13, -13),
      ]
    case .cross:
      return [
        (-21, -39), (0, -18), (21, -39), (39, -21), (18, 0), (39, 21), (21, 39),
        (0, 18), (-21, 39), (-39, 21), (-18, 0), (-39, -21),
      ]
    case .star:
      return [
        (0, -47), (11, -15), (45, -15), (17, 6), (28, 38), (0, 18), (-28, 38), (-17, 6),
        (-45, -15), (-11, -15),
      ]
    }
  }

  /// The first vertex offset (where the path starts) and the relative remainder.
  private static let shapes: [(Int, Int, String)] = Marker.allCases.map { marker in
    if marker == .circle {
      return (-36, 0, "a3.6 3.6 0 1 0 7.2 0 3.6 3.6 0 1 0-7.2 0z")
    }
    let v = marker.vertices
    var s = "l"
    for i in 1..<v.count {
      let dx = v[i].0 - v[i - 1].0
      let dy = v[i].1 - v[i - 1].1
      if i > 1 && dx >= 0 { s += " " }
      SVG.append(tenths: dx, to: &s, compact: true)
      if dy >= 0 { s += " " }
      SVG.append(tenths: dy, to: &s, compact: true)
    }
    return (v[0].0, v[0].1, s + "z")
  }

  /// Appends this marker centred at (x, y) pixels.
  func append(to path: inout PathData, x: Double, y: Double) {
    let shape = Marker.shapes[rawValue]
    path.move(tenths: SVG.tenths(x) + shape.0, SVG.tenths(y) + shape.1)
    path.append(shape: shape.2)
  }

  /// Half the marker's extent in pixels, for overlap tests.
  static let radius = 4.7
}
