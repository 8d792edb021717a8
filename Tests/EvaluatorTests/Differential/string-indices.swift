// String.Index: positions printed as Swift 6 prints them (0[any], 3[utf8]), subscripts with
// indices and their ranges, steps, distances, searches.
import Foundation
let s = "héllo"
print(s.startIndex, s.endIndex, s.index(after: s.startIndex), s.firstIndex(of: "l")!, s.index(s.startIndex, offsetBy: 2))
print([s.startIndex], s.firstIndex(of: "z") as Any, s.index(before: s.endIndex))
let i = s.firstIndex(of: "l")!
print(s[i], s[..<i], s[i...], s[s.startIndex..<i], s[s.startIndex...i], s.distance(from: s.startIndex, to: i), i < s.endIndex, i == s.startIndex)
print(type(of: i), s.index(i, offsetBy: -1), s.lastIndex(where: { $0 == "l" })!)
print(s.indices.map { s[$0] })
print(s.prefix(upTo: i), s.suffix(from: i), s.prefix(through: i))
print(s.firstIndex(of: "h")!, s.index(s.startIndex, offsetBy: 0), s.index(before: s.index(after: s.startIndex)), s.lastIndex(of: "h")!, "".endIndex, "".startIndex)
let e = s.endIndex
print(s.index(e, offsetBy: 0), s.firstIndex(where: { $0 == "h" })!, s.indices.first!, s.indices.last!)
print(s.startIndex == s.index(before: s.index(after: s.startIndex)))
let t = "abc"
print(t.endIndex, t.index(t.endIndex, offsetBy: -3), t.indices)
if let comma = "Hello, World".firstIndex(of: ",") {
  let head = "Hello, World"[..<comma]
  let tail = "Hello, World"["Hello, World".index(after: comma)...]
  print(head, tail.trimmingCharacters(in: .whitespaces), String(head).count)
}
var u = "abc"
u.insert("Z", at: u.startIndex)
print(u)
