// A bare nil has no type to interpolate (swiftc type-checks this before converting literals,
// so it has a file of its own): the blocks of DiagnosticsTests.literalConversionsAreRefused.
let n: Int? = nil

print("value: \(nil)")

// accepted: an optional of a known type
print("value: \(n)")
