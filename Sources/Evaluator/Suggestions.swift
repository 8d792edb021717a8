/// The names `name` was likely meant to be, nearest first, for "did you mean".
///
/// The rule weighs a typo against the length of the names: a short name is a short distance
/// from many others, and a guess that merely shares one letter of two is noise. Letter case
/// costs nothing; inserting, deleting or swapping two neighbouring characters costs 1;
/// replacing one costs 2 (a wrong character is one typed in excess and one missing). A
/// candidate is suggested when the cost is at most a quarter of both names' lengths
/// together. So `los` suggests `loss` (cost 1, allowed 1.75), `lenght` `length` (a swap,
/// allowed 3) and `Loss` `loss` (case only), while `x2` suggests neither `xs` nor `x1` (a
/// replacement, cost 2, allowed 1), nor does `los` suggest `cos` or `log` (2 of 1.5). When
/// some candidate differs in case only, only such candidates are given.
func nearest(_ name: String, in candidates: [String], limit: Int = 3) -> [String] {
  let typed = Array(name.lowercased())
  var scored: [(name: String, cost: Int)] = []
  for candidate in candidates where candidate != name {
    let other = Array(candidate.lowercased())
    // cost * 4 <= typed.count + other.count, in whole numbers
    let allowed = (typed.count + other.count) / 4
    if abs(typed.count - other.count) > allowed { continue }
    let cost = typingCost(typed, other)
    if cost <= allowed { scored.append((candidate, cost)) }
  }
  if scored.contains(where: { $0.cost == 0 }) { scored.removeAll { $0.cost > 0 } }
  return scored.sorted { $0.cost != $1.cost ? $0.cost < $1.cost : $0.name < $1.name }
    .prefix(limit).map(\.name)
}

/// The cost of typing `b` for `a` (optimal string alignment): inserting, deleting or swapping
/// two neighbouring characters costs 1, replacing one costs 2.
func typingCost(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  // rows i - 2, i - 1 and i of the table
  var before = [Int](repeating: 0, count: b.count + 1)
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      let same = a[i - 1] == b[j - 1]
      var cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 2))
      if i > 1, j > 1, !same, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
        cost = min(cost, before[j - 2] + 1)
      }
      current[j] = cost
    }
    (before, previous, current) = (previous, current, before)
  }
  return previous[b.count]
}
