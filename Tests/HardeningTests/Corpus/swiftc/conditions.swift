// Values that are not Bool where Swift needs one: the cells of
// DiagnosticsTests.nonBoolConditionsHaveSwiftsWording (line 5 here is line 1 of those cells).
let d = 1.5, n = 1, a = [1]
let o: Int? = 1
if d { print(1) }
if o { print(1) }
if a { print(1) }
if 1 { print(1) }
if 0 { print(1) }
while d {}
let z = d ? 1 : 2
if d && true {}
if !d {}
if !n {}
if n && true {}
if !o {}
