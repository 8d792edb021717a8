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
///
/// A `snake_case` name whose camel-case spelling is a candidate suggests that spelling alone
/// (`zero_grad` → `zeroGrad`, `cross_entropy` → `crossEntropy`).
///
/// Cell names, labels and cell option keys all use this one rule.
public func nearest(_ name: String, in candidates: [String], limit: Int = 3) -> [String] {
  if let camel = camelCase(name) {
    let matches = candidates.filter { $0.lowercased() == camel.lowercased() }
    // the exact spelling first, then those differing in case
    let ordered = matches.filter { $0 == camel } + matches.filter { $0 != camel }.sorted()
    if !ordered.isEmpty { return Array(ordered.prefix(limit)) }
  }
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

/// `zero_grad` as `zeroGrad`; `nil` for a name without an inner underscore.
func camelCase(_ name: String) -> String? {
  let parts = name.split(separator: "_", omittingEmptySubsequences: true)
  guard parts.count > 1, !name.hasPrefix("_") else { return nil }
  return String(parts[0])
    + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
}

/// The notes for an unknown name: likely spellings, and Swift's way for a Python habit.
func unknownNameNotes(_ name: String, among candidates: [String]) -> [String] {
  var notes: [String] = []
  let near = nearest(name, in: candidates)
  if !near.isEmpty {
    notes.append("did you mean " + near.map { "'\($0)'" }.joined(separator: " or ") + "?")
  }
  if let hint = pythonHints[name] { notes.append(hint) }
  return notes
}

/// What a Python or PyTorch habit is in Swift, for names cells do not have.
let pythonHints: [String: String] = [
  "len": "Swift writes 'len(x)' as 'x.count'",
  "range":
    "Swift writes 'range(n)' as '0..<n' and 'range(a, b, step)' as 'stride(from: a, to: b, by: step)'",
  "enumerate": "Swift writes 'enumerate(xs)' as 'xs.enumerated()'",
  "sum": "Swift writes 'sum(xs)' as 'xs.reduce(0, +)'",
  "sorted": "Swift writes 'sorted(xs)' as 'xs.sorted()'",
  "reversed": "Swift writes 'reversed(xs)' as 'xs.reversed()'",
  "list": "Swift writes 'list(xs)' as 'Array(xs)'",
  "str": "Swift writes 'str(x)' as 'String(x)' or \"\\(x)\"",
  "int": "Swift writes 'int(x)' as 'Int(x)'",
  "float": "Swift writes 'float(x)' as 'Double(x)' (cells compute in Double)",
  "bool": "Swift writes 'bool(x)' as 'Bool(x)'",
  "None": "Swift writes 'None' as 'nil'",
  "True": "Swift writes 'True' as 'true'",
  "False": "Swift writes 'False' as 'false'",
  "torch": "the library's names need no module: 'Tensor', 'Linear', 'crossEntropy', 'SGD', ...",
  "nn": "the library's names need no module: 'Linear', 'ReLU', 'Sequential', ...",
  "F": "the library's functions need no module: 'relu', 'softmax', 'crossEntropy', ...",
  "np": "cells have no NumPy: use 'Tensor' or Swift arrays",
  "numpy": "cells have no NumPy: use 'Tensor' or Swift arrays",
  "math": "Swift's math functions need no module: 'exp', 'log', 'sqrt', 'pow', 'Double.pi'",
  "mse_loss": "PyTorch's 'mse_loss' is 'mse' here (or the object 'MSELoss()')",
  "mseLoss": "the mean squared error is 'mse' here (or the object 'MSELoss()')",
]

/// What a PyTorch tensor member is called on `Tensor`, for members it does not have.
let tensorHints: [String: String] = [
  "size": "PyTorch's 'size()' is 'shape' here",
  "view": "PyTorch's 'view' is 'reshape(_:)' here",
  "T": "PyTorch's 'T' is 'transpose()' here",
  "t": "PyTorch's 't()' is 'transpose()' here",
  "numpy": "PyTorch's 'numpy()' is 'scalars' here (the entries as an array; 'rows' for a matrix)",
  "tolist": "PyTorch's 'tolist()' is 'scalars' here (the entries as an array; 'rows' for a matrix)",
  "dim": "PyTorch's 'dim()' is 'rank' here",
  "ndim": "PyTorch's 'ndim' is 'rank' here",
  "numel": "PyTorch's 'numel()' is 'count' here",
  "data": "PyTorch's 'data' is 'detach()' here",
  "mm": "PyTorch's 'mm' is 'matmul(_:)' here",
]

/// "Did you mean" for argument labels no overload takes (`kernel_size:` → `kernelSize:`,
/// `lr:` stays unanswered), from the accepted signatures (`Conv2d(_:_:kernelSize:stride:)`).
func labelNotes(_ labels: [String], signatures: [String]) -> [String] {
  var known: [String] = []
  for signature in signatures {
    guard let open = signature.firstIndex(of: "("), signature.last == ")" else { continue }
    for label in signature[
      signature.index(after: open)..<signature.index(before: signature.endIndex)
    ]
    .split(separator: ":") where label != "_" && !label.hasSuffix("...") {
      if !known.contains(String(label)) { known.append(String(label)) }
    }
  }
  var notes: [String] = []
  for label in labels where !known.contains(label) {
    if let swift = pytorchLabels[label], known.contains(swift) {
      notes.append("PyTorch's '\(label):' is '\(swift):' here")
      continue
    }
    let near = nearest(label, in: known)
    if !near.isEmpty {
      notes.append(
        "did you mean " + near.map { "'\($0):'" }.joined(separator: " or ") + " for '\(label):'?")
    }
  }
  return notes
}

/// PyTorch's argument names that the library spells otherwise (beyond snake_case).
let pytorchLabels: [String: String] = [
  "lr": "learningRate", "dim": "axis", "keepdim": "keepDims", "eps": "epsilon",
]
