// Character: iterating a String, Character literals in context, properties, [Character: Int] counts.
let word = "Hello, World"
var counts: [Character: Int] = [:]
for ch in word where ch.isLetter { counts[ch, default: 0] += 1 }
print(counts["l"]!, counts["o"]!, counts.count)
let first: Character = word.first!
print(first, first == "H", first.isUppercase, String(first).lowercased())
let letters = Array("abc")
print(letters, letters.count, String(letters.reversed()))
print(word.filter { $0.isLetter }, word.filter { $0 != "l" }.count)
let digits = "a1b22c".compactMap { $0.wholeNumberValue }
print(digits, digits.reduce(0, +))
var out = ""
for c in "xyz" { out.append(c); out += String(c).uppercased() }
print(out)
let c: Character = "q"
print(c < "z", [c, "a"].sorted(), Set("banana").count)
print(word.contains("W"), word.split(separator: " "), "a-b".map { $0 == "-" ? "_" : $0 })
print(word.last!, word.uppercased().first!, "é".count, c.isNumber, " ".first!.isWhitespace)
print(Character("x"), String(repeating: c, count: 3), c.uppercased())
let o: Character? = nil
let fallback = o ?? "x"
print(fallback, [fallback] == ["x"], Array("abc").firstIndex(of: "b")!)
let pair = [1.0, 2.0]
print(pair == [1, 2], pair + [3], [1, 2] == pair)
