// Calls of functions whose arguments do not fit: the cells of
// DiagnosticsTests.argumentMismatchesHaveSwiftsWording (the declarations are its first cell).
func f(x: Int) -> Int { x }
func g(a: Int, b: Int) -> Int { a }
func h(_ a: Int, b: Int = 2) -> Int { a }
func u(_ a: Int) -> Int { a }
func v(_ a: Int, _ b: Int) -> Int { a }
_ = f(1)
_ = h(1, 2)
_ = g(1, b: 2)
_ = g(a: 1, 2)
_ = g(1, 2)
_ = u(x: 1)
_ = v(1, b: 2)
_ = g(b: 1, a: 2)
_ = g()
_ = g(a: 1, b: 2, c: 3)
_ = u(1, 2)
_ = f(x: 1, x: 2)
_ = g(a: 1, b: 2, 3, 4)
_ = f(z: 1, 2)
_ = h(1, c: 2)
_ = g(1)
_ = h()
_ = h(b: 1)
_ = u()
_ = v(1)
