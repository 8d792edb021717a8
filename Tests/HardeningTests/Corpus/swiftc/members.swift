// Members a newcomer calls the wrong way, or that do not exist: the blocks of
// NewcomerTests.membersHaveSwiftsWording (the first block declares what the others use).
struct Point { var x = 1.0; var tags: [Int] = []; var norm: Double { x * x } }
let p = Point()

let a = p.x()

let b = p.norm()

let c = p.tags().count

let d = p.y

let e = p.norm + p.x
