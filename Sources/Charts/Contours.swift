/// Marching squares over a grid of class indices: closed region outlines per class and the
/// boundary lines between classes.
///
/// The grid is padded with a ring of "outside" nodes so that every region outline closes;
/// where an outline meets the padding, its vertex sits on the real border node, so regions
/// run exactly along the grid's edge. A crossing point on an edge between two real nodes of
/// different classes is shared by every outline through it (it comes from `crossing`), so
/// neighbouring regions meet without gaps or overlaps. Cells whose corners have three or more
/// classes route every outline through the cell's centre; two-class saddle cells connect the
/// class found at the cell's centre.
struct ContourGrid {
  /// Real nodes across and up.
  let nx: Int
  let ny: Int
  /// Class slot of real node (i, j) at `j * nx + i`.
  let classes: [Int32]
  /// Where the class changes along a real edge, as a fraction from its first node; indexed by
  /// edge key, 0.5 where not set.
  var crossing: [Double]
  /// Class slot at the centre of two-class saddle cells, by cell key.
  var centreClass: [Int: Int32] = [:]

  private var paddedX: Int { nx + 2 }
  private var paddedY: Int { ny + 2 }
  private var centreBase: Int { 2 * paddedX * paddedY }
  static let outside: Int32 = -1

  init(nx: Int, ny: Int, classes: [Int32]) {
    self.nx = nx
    self.ny = ny
    self.classes = classes
    self.crossing = Array(repeating: 0.5, count: 2 * (nx + 2) * (ny + 2))
  }

  /// Class at padded node (pi, pj).
  @inline(__always)
  func classAt(_ pi: Int, _ pj: Int) -> Int32 {
    if pi == 0 || pj == 0 || pi == nx + 1 || pj == ny + 1 { return ContourGrid.outside }
    return classes[(pj - 1) * nx + (pi - 1)]
  }

  /// Key of the horizontal edge from padded node (pi, pj) to (pi + 1, pj).
  @inline(__always) func horizontalEdge(_ pi: Int, _ pj: Int) -> Int { 2 * (pj * paddedX + pi) }
  /// Key of the vertical edge from padded node (pi, pj) to (pi, pj + 1).
  @inline(__always) func verticalEdge(_ pi: Int, _ pj: Int) -> Int { 2 * (pj * paddedX + pi) + 1 }

  /// Edges between two real nodes of different classes, as (key, from, to) in real grid
  /// coordinates, in a fixed order.
  func crossingEdges() -> [(key: Int, from: (Int, Int), to: (Int, Int))] {
    var out: [(key: Int, from: (Int, Int), to: (Int, Int))] = []
    for j in 0..<ny {
      for i in 0..<nx {
        let c = classes[j * nx + i]
        if i + 1 < nx && classes[j * nx + i + 1] != c {
          out.append((horizontalEdge(i + 1, j + 1), (i, j), (i + 1, j)))
        }
        if j + 1 < ny && classes[(j + 1) * nx + i] != c {
          out.append((verticalEdge(i + 1, j + 1), (i, j), (i, j + 1)))
        }
      }
    }
    return out
  }

  /// Real cells (i, j) (corners (i, j) to (i + 1, j + 1)) whose corners alternate between two
  /// classes, which need the class at their centre.
  func saddleCells() -> [(key: Int, cell: (Int, Int))] {
    var out: [(key: Int, cell: (Int, Int))] = []
    guard nx > 1, ny > 1 else { return out }
    for j in 0..<(ny - 1) {
      for i in 0..<(nx - 1) {
        let a = classes[j * nx + i]
        let b = classes[j * nx + i + 1]
        let c = classes[(j + 1) * nx + i + 1]
        let d = classes[(j + 1) * nx + i]
        if a == c && b == d && a != b {
          out.append((cellKey(i + 1, j + 1), (i, j)))
        }
      }
    }
    return out
  }

  @inline(__always) func cellKey(_ ci: Int, _ cj: Int) -> Int { cj * (paddedX - 1) + ci }

  /// A point key's position in real grid coordinates (node (i, j) is at (i, j)).
  func position(_ key: Int) -> (Double, Double) {
    if key >= centreBase {
      let cell = (key - centreBase) / 4
      let ci = cell % (paddedX - 1)
      let cj = cell / (paddedX - 1)
      return (Double(ci) - 0.5, Double(cj) - 0.5)
    }
    let node = key / 2
    let pi = node % paddedX
    let pj = node / paddedX
    let vertical = key % 2 == 1
    let qi = vertical ? pi : pi + 1
    let qj = vertical ? pj + 1 : pj
    let a = classAt(pi, pj)
    let b = classAt(qi, qj)
    if a == ContourGrid.outside { return (Double(qi - 1), Double(qj - 1)) }
    if b == ContourGrid.outside { return (Double(pi - 1), Double(pj - 1)) }
    let t = crossing[key]
    return vertical ? (Double(pi - 1), Double(pj - 1) + t) : (Double(pi - 1) + t, Double(pj - 1))
  }

  /// The four edge keys of padded cell (ci, cj): bottom, right, top, left.
  @inline(__always)
  private func edges(_ ci: Int, _ cj: Int) -> (Int, Int, Int, Int) {
    (
      horizontalEdge(ci, cj), verticalEdge(ci + 1, cj), horizontalEdge(ci, cj + 1),
      verticalEdge(ci, cj)
    )
  }

  /// Calls `emit(from, to)` for each outline segment of `slot` in padded cell (ci, cj), with
  /// the region on the left.
  @inline(__always)
  private func segments(
    slot: Int32, ci: Int, cj: Int, corners: (Int32, Int32, Int32, Int32), emit: (Int, Int) -> Void
  ) {
    let c = [corners.0, corners.1, corners.2, corners.3]
    var mask = 0
    for k in 0..<4 where c[k] == slot { mask |= 1 << k }
    if mask == 0 || mask == 15 { return }
    let (e0, e1, e2, e3) = edges(ci, cj)
    let e = [e0, e1, e2, e3]
    var distinct: [Int32] = []
    for v in c where v != ContourGrid.outside && !distinct.contains(v) { distinct.append(v) }
    let cell = cellKey(ci, cj)
    if distinct.count >= 3 {
      // Every run of this class's corners goes out to the centre and back.
      forEachRun(mask) { start, end in
        let centre = centreBase + cell * 4 + start
        emit(e[end], centre)
        emit(centre, e[(start + 3) % 4])
      }
      return
    }
    if (mask == 5 || mask == 10) && distinct.count == 2 {
      let other = c[0] == slot ? c[1] : c[0]
      let middle = centreClass[cell] ?? slot
      let connect = middle == slot || (middle != other && slot < other)
      if connect {
        if mask == 5 {
          emit(e0, e1)
          emit(e2, e3)
        } else {
          emit(e1, e2)
          emit(e3, e0)
        }
        return
      }
    }
    forEachRun(mask) { start, end in emit(e[end], e[(start + 3) % 4]) }
  }

  /// Calls `body(first, last)` for each maximal cyclic run of set bits in a 4-bit mask.
  @inline(__always)
  private func forEachRun(_ mask: Int, _ body: (Int, Int) -> Void) {
    var k = 0
    while mask & (1 << k) != 0 { k += 1 }  // an unset corner exists (mask != 15)
    var runStart = -1
    for step in 1...4 {
      let corner = (k + step) % 4
      if mask & (1 << corner) != 0 {
        if runStart < 0 { runStart = corner }
      } else if runStart >= 0 {
        body(runStart, (corner + 3) % 4)
        runStart = -1
      }
    }
  }

  private func corners(_ ci: Int, _ cj: Int) -> (Int32, Int32, Int32, Int32) {
    (classAt(ci, cj), classAt(ci + 1, cj), classAt(ci + 1, cj + 1), classAt(ci, cj + 1))
  }

  /// Closed outlines of the region of class `slot`, as rings of point keys.
  func rings(of slot: Int32) -> [[Int]] {
    var next: [Int: Int] = [:]
    var starts: [Int] = []
    for cj in 0..<(paddedY - 1) {
      for ci in 0..<(paddedX - 1) {
        let k = corners(ci, cj)
        if k.0 != slot && k.1 != slot && k.2 != slot && k.3 != slot { continue }
        segments(slot: slot, ci: ci, cj: cj, corners: k) { from, to in
          next[from] = to
          starts.append(from)
        }
      }
    }
    var rings: [[Int]] = []
    for start in starts {
      guard next[start] != nil else { continue }
      var ring: [Int] = []
      var key = start
      while let to = next.removeValue(forKey: key) {
        ring.append(key)
        key = to
      }
      if ring.count >= 2 { rings.append(ring) }
    }
    return rings
  }

  /// Boundary lines between classes (not along the grid's edge), as polylines of point keys.
  func boundaries() -> [[Int]] {
    var segments: [(Int, Int)] = []
    guard nx > 1, ny > 1 else { return [] }
    for cj in 1..<(paddedY - 2) {
      for ci in 1..<(paddedX - 2) {
        let k = corners(ci, cj)
        if k.0 == k.1 && k.1 == k.2 && k.2 == k.3 { continue }
        var distinct: [Int32] = []
        for v in [k.0, k.1, k.2, k.3] where !distinct.contains(v) { distinct.append(v) }
        if distinct.count == 2 {
          self.segments(slot: min(distinct[0], distinct[1]), ci: ci, cj: cj, corners: k) {
            segments.append(($0, $1))
          }
        } else {
          let (e0, e1, e2, e3) = edges(ci, cj)
          let centre = centreBase + cellKey(ci, cj) * 4
          let c = [k.0, k.1, k.2, k.3]
          for (side, edge) in [e0, e1, e2, e3].enumerated() where c[side] != c[(side + 1) % 4] {
            segments.append((edge, centre))
          }
        }
      }
    }
    return ContourGrid.chain(segments)
  }

  /// Joins undirected segments that share endpoints into polylines: chains that start at an
  /// end or a junction first, then closed loops.
  static func chain(_ segments: [(Int, Int)]) -> [[Int]] {
    var touching: [Int: [Int]] = [:]
    for (i, s) in segments.enumerated() {
      touching[s.0, default: []].append(i)
      touching[s.1, default: []].append(i)
    }
    func degree(_ key: Int) -> Int { touching[key]?.count ?? 0 }
    var used = Array(repeating: false, count: segments.count)
    func extend(_ line: inout [Int]) {
      while true {
        let end = line[line.count - 1]
        guard degree(end) == 2, let i = touching[end]!.first(where: { !used[$0] }) else { return }
        used[i] = true
        let s = segments[i]
        line.append(s.0 == end ? s.1 : s.0)
      }
    }
    var lines: [[Int]] = []
    for (i, s) in segments.enumerated() where !used[i] && (degree(s.0) != 2 || degree(s.1) != 2) {
      used[i] = true
      var line = degree(s.0) != 2 ? [s.0, s.1] : [s.1, s.0]
      extend(&line)
      lines.append(line)
    }
    for (i, s) in segments.enumerated() where !used[i] {
      used[i] = true
      var line = [s.0, s.1]
      extend(&line)
      lines.append(line)
    }
    return lines
  }
}

/// Drops points that lie within `tolerance` of the line through their kept neighbours
/// (in tenths of a pixel), and repeated points.
func simplify(_ points: [(Int, Int)], tolerance: Double, closed: Bool) -> [(Int, Int)] {
  guard points.count > 2 else { return points }
  var kept: [(Int, Int)] = [points[0]]
  for i in 1..<(points.count - 1) {
    let a = kept[kept.count - 1]
    let p = points[i]
    let q = points[i + 1]
    if p == a { continue }
    let dx = Double(q.0 - a.0)
    let dy = Double(q.1 - a.1)
    let length = (dx * dx + dy * dy).squareRoot()
    let cross = abs(dx * Double(p.1 - a.1) - dy * Double(p.0 - a.0))
    if length == 0 || cross / length > tolerance { kept.append(p) }
  }
  if points[points.count - 1] != kept[kept.count - 1] { kept.append(points[points.count - 1]) }
  if closed && kept.count > 3 && kept[kept.count - 1] == kept[0] { kept.removeLast() }
  return kept
}
