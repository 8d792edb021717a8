// Compound assignment to something immutable: Swift reports it at the operator. The cells
// of DiagnosticsTests.compoundAssignmentToImmutableIsAtTheOperator; `./check.sh` records
// what swiftc reports (the closures also get a conversion error at their `{`).
let a = [1, 2].map { $0 += 1 }
let b = [1, 2].map { v in v += 1 }
func f(_ n: Int) { n += 1 }
let k = 1
k += 1
let xs = [1]
xs[0] += 1
