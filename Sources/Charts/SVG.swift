import Foundation

/// The small XML writer, number formatter and document frame every chart shares.
enum SVG {
  /// Stands for the id prefix while a chart is rendered; escaping removes it from user text.
  static let placeholder = "\u{1}"

  // MARK: Numbers

  /// A coordinate in integer tenths of a pixel (the only rounding step for geometry).
  @inline(__always)
  static func tenths(_ v: Double) -> Int {
    guard v.isFinite else { return 0 }
    return Int((min(max(v, -1e7), 1e7) * 10).rounded())
  }

  /// Appends tenths `t` as a decimal ("12.3", "-0.5", "7").
  /// With `compact`, the leading zero of a fraction is dropped ("-.5"), as path data allows.
  @inline(__always)
  static func append(tenths t: Int, to out: inout String, compact: Bool = false) {
    let negative = t < 0
    let a = negative ? -t : t
    let whole = a / 10
    let fraction = a % 10
    if negative { out.append("-") }
    if whole != 0 || !compact || fraction == 0 { out.append(String(whole)) }
    if fraction != 0 {
      out.append(".")
      out.append(Character(Unicode.Scalar(UInt8(48 + fraction))))
    }
  }

  /// A pixel value rounded to 0.1 as an attribute value.
  static func number(_ v: Double) -> String {
    var s = ""
    append(tenths: tenths(v), to: &s)
    return s
  }

  /// An opacity with at most two decimals ("0.25").
  static func opacity(_ v: Double) -> String {
    var s = String(format: "%.2f", min(max(v, 0), 1))
    while s.hasSuffix("0") { s.removeLast() }
    if s.hasSuffix(".") { s.removeLast() }
    return s
  }

  // MARK: Text

  /// Escapes text for XML content and attribute values; control characters that XML
  /// forbids (and the id placeholder) become U+FFFD, line breaks become spaces.
  static func escape(_ s: String, keepingPlaceholder: Bool = false) -> String {
    if !s.utf8.contains(where: {
      $0 < 0x20 || $0 == 0x7F || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27
        || $0 == 0xEF || $0 == 0xC2
    }) {
      return s
    }
    var out = ""
    out.reserveCapacity(s.utf8.count + 16)
    for scalar in s.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out += " "
      default:
        let v = scalar.value
        if keepingPlaceholder && v == 1 {
          out.unicodeScalars.append(scalar)
        } else if v < 0x20 || (0x7F...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF {
          out.unicodeScalars.append("\u{FFFD}")
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// Estimated advance width of `s` in a sans-serif font of `size` px.
  static func textWidth(_ s: String, size: Double) -> Double {
    var em = 0.0
    for c in s.unicodeScalars {
      switch c {
      case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", " ", "f", "t",
        "r":
        em += 0.32
      case "m", "w", "M", "W", "%", "@", "×", "—":
        em += 0.88
      case "A"..."Z":
        em += 0.68
      case "0"..."9", "−", "-", "+", "=", "<", ">":
        em += 0.57
      default:
        em += c.value > 0x2E80 ? 1.0 : 0.55
      }
    }
    return em * size
  }

  /// `s`, shortened with an ellipsis so that it is at most `width` px wide.
  static func truncate(_ s: String, toWidth width: Double, size: Double) -> String {
    if textWidth(s, size: size) <= width { return s }
    var chars = Array(s)
    while !chars.isEmpty && textWidth(String(chars) + "…", size: size) > width {
      chars.removeLast()
    }
    return String(chars) + "…"
  }

  /// `s` on at most `lines` lines, each at most `width` px wide: broken at spaces (inside a
  /// word only where the word alone is wider than a line), the last line shortened with an
  /// ellipsis if the rest does not fit on it.
  static func wrap(_ s: String, toWidth width: Double, size: Double, lines: Int = 2) -> [String] {
    var result: [String] = []
    var rest = Substring(s).drop { $0 == " " }
    while !rest.isEmpty {
      if result.count == max(1, lines) - 1 || textWidth(String(rest), size: size) <= width {
        result.append(truncate(String(rest), toWidth: width, size: size))
        break
      }
      // The longest run of whole words that fits.
      var end: Substring.Index?
      for i in rest.indices where rest[i] == " " && i > rest.startIndex {
        guard textWidth(String(rest[..<i]), size: size) <= width else { break }
        end = i
      }
      if end == nil {
        // One word wider than a line: as many of its characters as fit (one at least).
        var i = rest.index(after: rest.startIndex)
        while i < rest.endIndex,
          textWidth(String(rest[...i]), size: size) <= width
        {
          i = rest.index(after: i)
        }
        end = i
      }
      let cut = end ?? rest.endIndex
      result.append(String(rest[..<cut]).trimmingCharacters(in: .whitespaces))
      rest = rest[cut...].drop { $0 == " " }
    }
    return result.isEmpty ? [""] : result
  }

  // MARK: Ids

  /// A caller's id made safe as an XML id and CSS identifier, or `nil` if nothing remains.
  static func sanitizedID(_ id: String?) -> String? {
    guard let id else { return nil }
    var out = ""
    for scalar in id.unicodeScalars {
      if scalar.isASCII
        && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_")
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "_"
      }
    }
    guard !out.isEmpty, out.contains(where: { $0 != "_" }) else { return nil }
    if let first = out.unicodeScalars.first, !CharacterSet.letters.contains(first) {
      out = "c" + out
    }
    return out
  }

  /// `nbc-` and 12 hex digits of a 64-bit FNV-1a hash of the markup.
  static func contentID(_ template: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in template.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    let padded = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
    return "nbc-" + padded.prefix(12)
  }

  /// Replaces the placeholder with the id prefix.
  static func fill(_ template: String, prefix: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(template.utf8.count + 8 * prefix.utf8.count)
    let replacement = Array(prefix.utf8)
    for byte in template.utf8 {
      if byte == 1 { out += replacement } else { out.append(byte) }
    }
    return String(decoding: out, as: UTF8.self)
  }

  // MARK: Document

  static let style =
    ".nbc{color:var(--nb-chart-text,#222)}"
    + ".nbc .nbc-bg{fill:var(--nb-chart-background,#fff)}"
    + ".nbc .nbc-t{fill:var(--nb-chart-text,#222)}"
    + ".nbc .nbc-ax{stroke:var(--nb-chart-axis,#555)}"
    + ".nbc .nbc-g{stroke:var(--nb-chart-grid,#e3e3e3)}"
    + ".nbc .nbc-rim{stroke:var(--nb-chart-background,#fff)}"
    + ".nbc .nbc-lg{fill:var(--nb-chart-background,#fff);stroke:var(--nb-chart-grid,#e3e3e3)}"

  /// Rules for the series colour classes the body uses, so a page can set
  /// `--nb-chart-series-1` ... `--nb-chart-series-7` (for example, lighter colours on a dark page).
  static func seriesStyle(_ body: String) -> String {
    // One pass over the bytes for "nbc-f<digit>" and "nbc-s<digit>".
    var fills = [Bool](repeating: false, count: 10)
    var strokes = [Bool](repeating: false, count: 10)
    let bytes = Array(body.utf8)
    var k = 0
    while k + 5 < bytes.count {
      if bytes[k] == 0x6E && bytes[k + 1] == 0x62 && bytes[k + 2] == 0x63 && bytes[k + 3] == 0x2D
        && bytes[k + 5] >= 0x30 && bytes[k + 5] <= 0x39
      {
        if bytes[k + 4] == 0x66 { fills[Int(bytes[k + 5] - 0x30)] = true }
        if bytes[k + 4] == 0x73 { strokes[Int(bytes[k + 5] - 0x30)] = true }
      }
      k += 1
    }
    var rules = ""
    for i in 0..<7 {
      let variable = "var(--nb-chart-series-\(i + 1),\(Palette.colors[i]))"
      if fills[i] { rules += ".nbc .nbc-f\(i){fill:\(variable)}" }
      if strokes[i] { rules += ".nbc .nbc-s\(i){stroke:\(variable)}" }
    }
    return rules
  }

  /// Wraps a chart body into the `<svg>` root with title, description and style.
  /// `kind`, if given, is a second class on the root (`nbc-side-by-side`), for pages that lay
  /// out such charts differently.
  static func document(
    width: Double, height: Double, title: String, summary: String, body: String, id: String?,
    kind: String? = nil
  ) -> RenderedChart {
    var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"\(placeholder)\""
    s += kind.map { " class=\"nbc \($0)\"" } ?? " class=\"nbc\""
    s += " role=\"img\" aria-labelledby=\"\(placeholder)-t \(placeholder)-d\""
    s += " width=\"\(number(width))\" height=\"\(number(height))\""
    s += " viewBox=\"0 0 \(number(width)) \(number(height))\""
    s += " font-family=\"Helvetica,Arial,sans-serif\" font-size=\"12\" color=\"#222\">"
    s += "<title id=\"\(placeholder)-t\">\(escape(title))</title>"
    s += "<desc id=\"\(placeholder)-d\">\(escape(summary))</desc>"
    s += "<style>\(style)\(seriesStyle(body))</style>"
    s +=
      "<rect class=\"nbc-bg\" width=\"\(number(width))\" height=\"\(number(height))\" fill=\"#fff\"/>"
    s += body
    s += "</svg>"
    let prefix = sanitizedID(id) ?? contentID(s)
    return RenderedChart(template: s, width: width, height: height, prefix: prefix)
  }
}

/// Builds markup; attributes are written in the order given.
struct SVGBuilder {
  var out = ""

  mutating func open(_ name: String, _ attributes: KeyValuePairs<String, String> = [:]) {
    out += "<" + name
    write(attributes)
    out += ">"
  }

  mutating func close(_ name: String) {
    out += "</" + name + ">"
  }

  mutating func element(_ name: String, _ attributes: KeyValuePairs<String, String>) {
    out += "<" + name
    write(attributes)
    out += "/>"
  }

  mutating func text(_ content: String, _ attributes: KeyValuePairs<String, String>) {
    out += "<text"
    write(attributes)
    out += ">" + SVG.escape(content) + "</text>"
  }

  /// Appends a `<tspan>` of `content`, escaped, inside an open `<text>`.
  mutating func span(_ content: String, _ attributes: KeyValuePairs<String, String>) {
    out += "<tspan"
    write(attributes)
    out += ">" + SVG.escape(content) + "</tspan>"
  }

  /// Appends markup produced by this module (already escaped).
  mutating func raw(_ markup: String) {
    out += markup
  }

  private mutating func write(_ attributes: KeyValuePairs<String, String>) {
    for (key, value) in attributes where !value.isEmpty {
      // Attribute values are the module's own, so they may hold the id placeholder.
      out += " " + key + "=\"" + SVG.escape(value, keepingPlaceholder: true) + "\""
    }
  }
}

/// Path data in integer tenths of a pixel: absolute moves, relative lines, short numbers.
struct PathData {
  var d = ""
  private var cx = 0
  private var cy = 0
  private var inLine = false

  var isEmpty: Bool { d.isEmpty }

  mutating func move(_ x: Double, _ y: Double) {
    move(tenths: SVG.tenths(x), SVG.tenths(y))
  }

  mutating func move(tenths x: Int, _ y: Int) {
    d += "M"
    SVG.append(tenths: x, to: &d, compact: true)
    pair(y)
    cx = x
    cy = y
    inLine = false
  }

  mutating func line(_ x: Double, _ y: Double) {
    line(tenths: SVG.tenths(x), SVG.tenths(y))
  }

  mutating func line(tenths x: Int, _ y: Int) {
    let dx = x - cx
    let dy = y - cy
    if inLine {
      pair(dx)
    } else {
      d += "l"
      SVG.append(tenths: dx, to: &d, compact: true)
      inLine = true
    }
    pair(dy)
    cx = x
    cy = y
  }

  /// Appends a fixed relative suffix (a marker shape); the current point becomes unknown.
  mutating func append(shape: String) {
    d += shape
    inLine = false
  }

  mutating func closePath() {
    d += "z"
    inLine = false
  }

  private mutating func pair(_ v: Int) {
    if v >= 0 { d += " " }
    SVG.append(tenths: v, to: &d, compact: true)
  }
}

/// A rectangle in pixels.
struct Rect: Sendable {
  var x: Double
  var y: Double
  var width: Double
  var height: Double

  var maxX: Double { x + width }
  var maxY: Double { y + height }

  func intersects(_ o: Rect) -> Bool {
    x < o.maxX && o.x < maxX && y < o.maxY && o.y < maxY
  }

  func contains(_ px: Double, _ py: Double, margin: Double = 0) -> Bool {
    px >= x - margin && px <= maxX + margin && py >= y - margin && py <= maxY + margin
  }

  /// Whether the segment from (x0, y0) to (x1, y1) meets the rectangle (Liang–Barsky).
  func meetsSegment(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Bool {
    var t0 = 0.0
    var t1 = 1.0
    let dx = x1 - x0
    let dy = y1 - y0
    let checks = [(-dx, x0 - x), (dx, maxX - x0), (-dy, y0 - y), (dy, maxY - y0)]
    for (p, q) in checks {
      if p == 0 {
        if q < 0 { return false }
      } else {
        let r = q / p
        if p < 0 {
          if r > t1 { return false }
          if r > t0 { t0 = r }
        } else {
          if r < t0 { return false }
          if r < t1 { t1 = r }
        }
      }
    }
    return true
  }
}
