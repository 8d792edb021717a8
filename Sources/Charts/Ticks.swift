import Foundation

/// A labelled position on an axis.
struct Tick: Sendable, Equatable {
  var value: Double
  var label: String
}

/// Number formatting for labels and descriptions: U+2212 minus, no float drift.
enum Format {
  static let minus = "\u{2212}"

  /// Exact powers of ten, 1e-30 ... 1e30 (parsed, hence correctly rounded).
  static let powersOfTen: [Double] = (-30...30).map { Double("1e\($0)")! }

  static func pow10(_ e: Int) -> Double {
    if e >= -30 && e <= 30 { return powersOfTen[e + 30] }
    return pow(10, Double(e))
  }

  /// The value n × 10^e, correctly rounded (n and 10^|e| are exact doubles).
  static func scaled(_ n: Int, _ e: Int) -> Double {
    e >= 0 ? Double(n) * pow10(e) : Double(n) / pow10(-e)
  }

  static func superscript(_ n: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    var s = n < 0 ? "⁻" : ""
    for c in String(abs(n)) { s.append(digits[Int(c.asciiValue! - 48)]) }
    return s
  }

  /// The decimal n × 10^e written out with exactly max(0, −e) fraction digits.
  static func decimal(_ n: Int, _ e: Int) -> String {
    if n == 0 { return "0" + (e < 0 ? "." + String(repeating: "0", count: -e) : "") }
    var digits = String(n.magnitude)
    if e >= 0 {
      digits += String(repeating: "0", count: e)
    } else {
      let decimals = -e
      if digits.count <= decimals {
        digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
      }
      digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
    }
    return (n < 0 ? minus : "") + digits
  }

  /// n × 10^e as "d.dd×10ⁿ".
  static func scientific(_ n: Int, _ e: Int) -> String {
    if n == 0 { return "0" }
    var m = n.magnitude
    var exponent = e
    while m % 10 == 0 {
      m /= 10
      exponent += 1
    }
    let digits = String(m)
    exponent += digits.count - 1
    var mantissa = String(digits.prefix(1))
    if digits.count > 1 { mantissa += "." + digits.dropFirst() }
    let sign = n < 0 ? minus : ""
    if mantissa == "1" { return sign + "10" + superscript(exponent) }
    return sign + mantissa + "×10" + superscript(exponent)
  }

  /// A value for people to read: about `significant` significant digits, trailing zeros
  /// dropped, U+2212 minus, powers of ten for very large or small magnitudes.
  static func value(_ v: Double, significant: Int = 3) -> String {
    if v.isNaN { return "NaN" }
    if v.isInfinite { return v > 0 ? "∞" : minus + "∞" }
    if v == 0 { return "0" }
    let a = abs(v)
    let sign = v < 0 ? minus : ""
    if a >= 1e-4 && a < 1e7 {
      let magnitude = Int(floor(log10(a)))
      let decimals = max(0, significant - 1 - magnitude)
      var s = String(format: "%.\(decimals)f", a)
      if s.contains(".") {
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
      }
      return sign + s
    }
    let s = String(format: "%.\(max(0, significant - 1))e", a)
    guard let eIndex = s.firstIndex(of: "e"), let exponent = Int(s[s.index(after: eIndex)...])
    else { return sign + s }
    var mantissa = String(s[..<eIndex])
    if mantissa.contains(".") {
      while mantissa.hasSuffix("0") { mantissa.removeLast() }
      if mantissa.hasSuffix(".") { mantissa.removeLast() }
    }
    if mantissa == "1" { return sign + "10" + superscript(exponent) }
    return sign + mantissa + "×10" + superscript(exponent)
  }

  /// An integer count with thin grouping for thousands ("12 345").
  static func count(_ n: Int) -> String {
    let s = String(n.magnitude)
    guard s.count > 4 else { return (n < 0 ? minus : "") + s }
    var out = ""
    for (i, c) in s.enumerated() {
      if i > 0 && (s.count - i) % 3 == 0 { out += "\u{2009}" }
      out.append(c)
    }
    return (n < 0 ? minus : "") + out
  }
}

/// Tick positions: 1-2-5 steps (Heckbert's nice numbers, choosing the step whose count is
/// closest to the target), values computed as integer × power of ten so labels never drift.
enum Ticks {
  /// Ticks inside [lo, hi] for a linear axis, about `target` of them.
  static func linear(_ lo: Double, _ hi: Double, target: Int, integerOnly: Bool = false) -> [Tick] {
    guard lo.isFinite, hi.isFinite, lo < hi else { return [] }
    let span = hi - lo
    guard span.isFinite, span > 0 else { return [] }
    let goal = max(2, target)
    let raw = span / Double(goal)
    let e0 = Int(floor(log10(raw)))
    var best: (score: Double, m: Int, e: Int, i0: Int, i1: Int)?
    for e in (e0 - 1)...(e0 + 1) {
      for m in [1, 2, 5] {
        if integerOnly && e < 0 { continue }
        let step = Double(m) * Format.pow10(e)
        let a = lo / step
        let b = hi / step
        guard abs(a) < 1e14, abs(b) < 1e14 else { continue }
        let i0 = Int(ceil(a - 1e-9))
        let i1 = Int(floor(b + 1e-9))
        let count = i1 - i0 + 1
        if count < 2 { continue }
        // Prefer counts near the goal; among equals, the larger step (fewer labels).
        let score = count < goal ? 1.5 * Double(goal - count) : Double(count - goal)
        if best == nil || score < best!.score {
          best = (score, m, e, i0, i1)
        }
      }
    }
    guard let best else {
      // Too narrow for two 1-2-5 ticks: label the ends.
      return [
        Tick(value: lo, label: Format.value(lo, significant: 4)),
        Tick(value: hi, label: Format.value(hi, significant: 4)),
      ]
    }
    let useScientific = best.e >= 6 || best.e <= -6
    var ticks: [Tick] = []
    for i in best.i0...best.i1 {
      let n = i * best.m
      let value = Format.scaled(n, best.e)
      let label = useScientific ? Format.scientific(n, best.e) : Format.decimal(n, best.e)
      ticks.append(Tick(value: value, label: label))
    }
    return ticks
  }

  /// Ticks for a log-scale axis over [lo, hi] (both positive).
  static func logarithmic(_ lo: Double, _ hi: Double, target: Int) -> [Tick] {
    guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return [] }
    let d0 = log10(lo)
    let d1 = log10(hi)
    let k0 = Int(ceil(d0 - 1e-9))
    let k1 = Int(floor(d1 + 1e-9))
    let goal = max(2, target)
    func label(_ m: Int, _ k: Int) -> String {
      (k >= -4 && k <= 5) ? Format.decimal(m, k) : Format.scientific(m, k)
    }
    let decades = k1 - k0 + 1
    if decades >= 2 {
      let stride = max(1, Int((Double(decades) / Double(goal)).rounded(.up)))
      var ticks: [Tick] = []
      var k = k0
      while k % stride != 0 { k += 1 }
      while k <= k1 {
        ticks.append(Tick(value: Format.pow10(k), label: label(1, k)))
        k += stride
      }
      if ticks.count >= 2 {
        if decades <= 2 {
          return withMultiples(ticks: ticks, lo: lo, hi: hi, k0: k0 - 1, k1: k1, label: label)
        }
        return ticks
      }
    }
    let multiples = withMultiples(ticks: [], lo: lo, hi: hi, k0: k0 - 1, k1: k1, label: label)
    if multiples.count >= 2 && multiples.count <= goal + 2 { return multiples }
    return linear(lo, hi, target: goal)
  }

  /// 1, 2 and 5 times the powers of ten from k0 to k1 that fall inside [lo, hi].
  private static func withMultiples(
    ticks: [Tick], lo: Double, hi: Double, k0: Int, k1: Int, label: (Int, Int) -> String
  ) -> [Tick] {
    var out: [Tick] = []
    for k in k0...k1 {
      for m in [1, 2, 5] {
        let v = Format.scaled(m, k)
        if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) {
          out.append(Tick(value: v, label: label(m, k)))
        }
      }
    }
    return out
  }
}
