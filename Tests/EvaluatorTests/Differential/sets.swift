// Set: literals in a Set context, Set(sequence), Set<T>(), insert/remove/contains, algebra, sequence methods.
// Swift orders a set differently on every run, so only order-free results are printed.
var seen: Set<Int> = [3, 1, 3, 2]
print(seen.count, seen.contains(3), seen.contains(7))
let (added, _) = seen.insert(5)
let again = seen.insert(5)
print(added, again.inserted, again.memberAfterInsert, seen.count)
print(seen.remove(1) as Any, seen.remove(42) as Any)
print(seen.sorted(), seen.isEmpty)
let labels = [0, 1, 1, 2, 0, 2, 2]
let classes = Set(labels)
print(classes.count, classes.sorted(), Array(classes).sorted())
let a: Set = ["x", "y", "z"]
let b = Set(["y", "z", "w"])
print(a.intersection(b).sorted(), a.union(b).sorted(), a.subtracting(b).sorted())
print(a.symmetricDifference(b).sorted(), a.isSubset(of: b), Set(["y"]).isSubset(of: a))
print(a.isDisjoint(with: ["q"]), a.isSuperset(of: ["x"]), a == Set(["z", "y", "x"]))
var empty = Set<Double>()
empty.insert(1)
empty.formUnion([2.5, 1])
print(empty.sorted(), empty.count, empty.filter { $0 > 2 }.count)
let total = classes.reduce(0, +)
print(total, classes.map { $0 * 10 }.sorted(), classes.min()!, classes.max()!)
var ids = Set<String>()
for w in ["a", "b", "a"] where !ids.contains(w) { ids.insert(w) }
print(ids.count, ids.sorted())
print(Set([7]), [Set([1])])
