// Predicate closures whose result is not a Bool: the cells of
// DiagnosticsTests.closureResultsHaveSwiftsWording (the first line after this is its first cell).
let xs = [1, 2]
let b7 = xs.filter { $0 }
let ys = [1, 2].sorted { $0 + $1 }
let c = xs.contains { v in v + 1 }
