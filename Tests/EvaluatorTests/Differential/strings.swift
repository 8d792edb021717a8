// Strings: interpolation, raw strings, escapes, common methods.
import Foundation

let name = "Ada"
let n = 3
let v = 2.5
print("Hello, \(name)! n=\(n) v=\(v) sum=\(Double(n) + v)")
print("arr \([1, 2]) opt \(Optional(1) as Any) tuple \((1, "a"))")
print(#"raw \(name) \#(name) "quoted""#)
print("tab\there \"q\" back\\slash \u{00E9}")
let multi = """
  line one
    indented \(n)
  last
  """
print(multi)
print(name.count, name.isEmpty, "".isEmpty, name.uppercased(), name.lowercased())
print("hello world".hasPrefix("hell"), "hello".hasSuffix("lo"), "team".contains("ea"))
print("a,b,,c".split(separator: ","), "a,b,,c".components(separatedBy: ","))
print("banana".replacingOccurrences(of: "an", with: "AN"))
print("  pad  ".trimmingCharacters(in: .whitespaces) + "|")
print(["x", "y", "z"].joined(separator: "-"), ["x", "y"].joined())
print(String(repeating: "ab", count: 3), String(42), String(2.5), String(describing: [1]))
var s = "abc"
s += "def"
s.append("!")
print(s, s.count)
print("apple" < "banana", "Zebra" < "apple", "a" == "a")
print(["b", "a", "c"].sorted(), ["bb", "a", "ccc"].sorted { $0.count > $1.count })
print(["a\n", "b\"c"], [["x"]])
debugPrint("quoted", 1, 2.0)
print("x", "y", separator: ", ", terminator: ".\n")
print("no newline", terminator: "")
print("")
for ch in "hey" { print(ch, terminator: "|") }
print()
