// A sweep of what answer keys write about a training log and text: enumerated with where,
// slices, zip with dropFirst, running sums, prefix(while:)/drop(while:), chunks by stride,
// splitting words, Characters, interpolation of numbers, wrapping arithmetic, ternaries,
// optionals, switch over ranges of a Double (`case 90...:`) and tuples.
import Foundation
let losses = [0.9, 0.52, 0.31, 0.2]
for (epoch, loss) in losses.enumerated() where epoch % 2 == 0 { print("epoch \(epoch + 1): \(loss)") }
print(losses.indices.map { $0 }, losses.indices.last!, losses[1...].count, Array(losses[..<2]), losses[1..<3].reduce(0, +))
print(zip(losses, losses.dropFirst()).map { $1 - $0 }.map { ($0 * 100).rounded() / 100 })
print(losses.map { String(format: "%.1f", $0) }.joined(separator: " → "))
let improvement = (losses.first! - losses.last!) / losses.first! * 100
print("improved by \(Int(improvement))% (\(String(format: "%.1f", improvement))%)")
print(losses.reversed().map { $0 }, losses.sorted(by: >).first!, losses.lastIndex(where: { $0 > 0.3 })!)
var running = 0.0
let cumulative = losses.map { x -> Double in running += x; return running }
print(cumulative)
print(losses.reduce(into: [Double]()) { acc, x in acc.append((acc.last ?? 0) + x) })
let xs = [1, 2, 3, 4, 5, 6]
print(xs.filter { $0.isMultiple(of: 2) }, xs.map { $0 * $0 }.reduce(0, +), xs.prefix(while: { $0 < 4 }), xs.drop(while: { $0 < 4 }))
print(stride(from: 0, to: xs.count, by: 2).map { Array(xs[$0..<min($0 + 2, xs.count)]) })
print(xs.count(where: { $0 > 2 }))
print(xs.min()!, xs.max()!, xs.sorted { $0 > $1 }.prefix(3).map { $0 }, xs.shuffled().count)
print(Double(xs.reduce(0, +)) / Double(xs.count), xs.reduce(0, +) / xs.count)
let text = "The quick brown fox"
print(text.split(separator: " ").map { String($0).count }, text.lowercased().split(separator: " ").sorted())
print(text.reversed().map { String($0) }.joined())
print(text.components(separatedBy: " ").last!, text.hasSuffix("fox"))
print(text.replacingOccurrences(of: " ", with: "_"), text.filter { !$0.isWhitespace }.count)
let c: Character = "a"
print(c.isLetter, c.asciiValue!, Character("Z").isUppercase, String(c).uppercased())
print(Int(Character("7").wholeNumberValue!) * 2, "abc".map { $0.asciiValue! }, "héllo".count)
print("\(1.0)", "\(0.1 + 0.2)", "\(1e-5)", "\(2.0 * 3)", "\(7 / 2)", "\(Double(7) / 2)", "\([1.0, 2])")
print("a" < "b", "apple" < "banana", "Z" < "a", ["b", "a", "C"].sorted(), "abc" == "abc")
print(Int.max &+ 1, 5 &* 3, abs(Int.min + 1))
let flag = true
print(flag ? 1.5 : 0, flag ? "yes" : "no", !flag, flag && !flag, flag || false)
let maybe: Int? = nil
print(maybe.map { $0 * 2 } as Any, maybe ?? 0, maybe == nil, (maybe ?? 3) * 2)
if let m = maybe { print(m) } else { print("none") }
guard let v = Optional(4) else { fatalError() }
print(v)
switch 7 { case 0..<5: print("low"); case 5...: print("high"); default: print("?") }
let grade = 85.5
switch grade { case 90...: print("A"); case 80..<90: print("B"); default: print("C") }
let point = (2, -3)
switch point { case (0, 0): print("origin"); case (let x, 0): print("x-axis", x); case (_, let y) where y < 0: print("below", y); default: print("else") }
for g in [95.0, 59.5, 70] {
  switch g {
  case ..<60: print("F")
  case ...75: print("C")
  case 75...: print("B+")
  default: print("?")
  }
}
let count = 42
switch count { case 90...: print("big"); case ..<0: print("neg"); default: print("mid") }
print(losses[1...], losses[..<1], losses[...1], [1.5, 2.0].lastIndex(of: 2)!)
