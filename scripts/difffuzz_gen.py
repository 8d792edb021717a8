"""Random plain-Swift programs over the cell language, for scripts/difffuzz.py.

Members the evaluator lacks (a "has no member" error, counted as a refusal) are left out so
that programs run on: `Double.maximum`, `utf8`, `capitalized`.

A program is a list of chunks: declarations (functions, structs, enums), which the batch
file puts at file level, and statements, which it puts in the program's own function. Names
of declarations carry the program's suffix (`_p12`) so that a batch of programs is one valid
Swift file. Every program prints; most are well typed, and a few carry one deliberate
mistake that swiftc rejects (the evaluator must reject it too).
"""

import random

INT, DBL, BOOL, STR = "Int", "Double", "Bool", "String"
AI, AD, AS = "[Int]", "[Double]", "[String]"
DSI, SI = "[String: Int]", "Set<Int>"
OI, OS, OD = "Int?", "String?", "Double?"
TIS = "(Int, String)"
TLAB = "(lo: Int, hi: Int)"
SCALARS = [INT, DBL, BOOL, STR]

WORDS = ["a", "b", "cat", "dog", "Hello", "héllo", "x y", "", "42", "-7", "3.5", "🙂", "Zed",
         "a,b", "tab\\t", "q\\\"uote", "nan", "1e3", "0x1F", " 8"]
JOINERS = ['", "', '""', '"-"']
SEPARATORS = ['", "', '""', '" | "', '"\\n"']
TERMINATORS = ['""', '" "', '";\\n"', '"\\n\\n"']
FORMATS_INT = ["%d", "%5d", "%-4d|", "%03d", "%x", "%X", "%ld", "%+d", "%o", "%i"]
FORMATS_DBL = ["%.2f", "%.0f", "%8.3f", "%-8.2f|", "%e", "%.3e", "%g", "%.3g", "%f", "%+.1f",
               "%010.4f", "%.10g", "%5.1f%%"]


DSD, DIS, SS = "[String: Double]", "[Int: String]", "Set<String>"
WIDE_TYPES = [DSD, DIS, SS]
AREA_OF_TYPE = {INT: "int", DBL: "double", BOOL: "bool", STR: "string", AI: "array", AD: "array",
                AS: "array", DSI: "dictionary", DSD: "dictionary", DIS: "dictionary", SI: "set", SS: "set",
                OI: "optional", OS: "optional", OD: "optional", TIS: "tuple", TLAB: "tuple"}
PRINTABLE = [INT, DBL, BOOL, STR, AI, AD, AS, OI, OS, OD, TIS, TLAB, SI, DSI] + WIDE_TYPES

# Double values at the edges: subnormals, the largest and smallest, signed zeros, NaN and
# infinities, integers beyond 2^53, and numbers around print's switch to exponent form.
EDGE_DOUBLES = ["Double.leastNonzeroMagnitude", "Double.leastNormalMagnitude", "5e-324", "1e-310",
                "2.2250738585072014e-308", "Double.greatestFiniteMagnitude", "-Double.infinity",
                "-0.0", "Double.nan", "-Double.nan", "1e22", "1e23", "9007199254740993.0", "1e15",
                "1e16", "0.0001", "1e-5", "123456789.123456789", "1.7976931348623157e308",
                "Double.pi", "-1e-320", "4.9406564584124654e-324", "0.1 + 0.2", "1.0 / 3.0",
                "Double(Int.max)", "Double(Int.min)", "Double.ulpOfOne", "Double.infinity"]
EDGE_INTS = ["Int.max", "Int.min", "Int.max - 1", "Int.min + 1", "-1", "0", "1 << 62",
             "4_611_686_018_427_387_904", "3_037_000_499", "-3_037_000_500"]
EDGE_DOUBLE_STRINGS = ["1e400", "-1e400", "nan", "NaN", "-inf", "infinity", "0x1p-2", " 1",
                       "1_000", "1e", ".5", "5.", "+3", "-0", "1e-400", "0x10", "4.9e-324"]
EDGE_FORMATS = ["%f", "%e", "%g", "%.3g", "%.17g", "%.0f", "%5.2f", "%-9.1e|", "%G", "%E",
                "%.15e", "%+f", "% .2f", "%10.3g", "%.1f%%"]
EDGE_INT_FORMATS = ["%d", "%ld", "%x", "%lx", "%5d", "%-6d|", "%+ld", "%o", "%lo", "%X", "%u",
                    "%lu", "%08ld"]
ESCAPE_WORDS = ["a\\nb", "tab\\there", "q\\\"q", "back\\\\slash", "é", "🙂", "", " ", "\\u{1F600}",
                "nul\\0x", "cr\\r", "\\u{7F}"]


class Chunk:
    def __init__(self, text, is_decl, areas=None):
        self.text = text
        self.is_decl = is_decl
        self.areas = set(areas or ())


class Func:
    def __init__(self, name, params, ret):
        self.name = name
        self.params = params  # [(label or None, type, default or None, inout)]
        self.ret = ret
        self.recursive = False


class StructType:
    def __init__(self, name, props, methods, computed, equatable):
        self.name = name
        self.props = props  # [(name, type, is_var)]
        self.methods = methods  # [(name, label, param type or None, ret, mutating)]
        self.computed = computed  # [(name, type)]
        self.equatable = equatable


class EnumType:
    def __init__(self, name, kind, cases):
        self.name = name
        self.kind = kind  # "raw" or "assoc"
        self.equatable = kind == "raw"
        self.cases = cases  # raw: [(case, raw)]; assoc: [(case, [(label, type)])]


class Wide:
    """Generators for what cells use beyond the first generator: string operations and
    interpolation of every printable type, dictionaries of other types, string sets, optional
    chaining, `guard let`, nested closures and functions, a struct with static members,
    computed properties with setters and a custom initializer, enums with String raw values
    and indirect cases, switches over Double, Character, tuples and as expressions,
    `fallthrough`, labeled loops, `defer`, and Int and Double edge values."""

    def tag(self, *areas):
        self.areas.update(areas)

    # ------------------------------------------------------------ new types
    def wide_leaf(self, typ):
        return {
            DSD: lambda: self.pick(['["a": 1.5]', '[String: Double]()', '["x": 0.1, "y": -2.0]',
                                    '["n": Double.nan, "z": -0.0]']),
            DIS: lambda: self.pick(['[1: "one"]', '[Int: String]()', '[0: "", 7: "seven", -3: "m"]']),
            SS: lambda: self.pick(['Set(["a", "b"])', 'Set<String>()', '(["x", "y", "x"] as Set<String>)']),
        }[typ]()

    def dsd_expr(self, d):
        self.tag("dictionary")
        if self.chance(0.5) or self.in_closure:
            return self.leaf(DSD)
        self.in_closure = True
        try:
            return self.pick([
                lambda: f"{self.atom(self.expr('[String: Int]', d + 1))}.mapValues {{ Double($0) / 2 }}",
                lambda: f"{self.atom(self.expr(DSD, d + 1))}.merging({self.expr(DSD, d + 1)}, uniquingKeysWith: +)",
                lambda: f"{self.atom(self.expr(DSD, d + 1))}.merging([\"a\": 9.5]) {{ a, _ in a }}",
                lambda: f"{self.atom(self.expr(DSD, d + 1))}.merging([\"a\": -1, \"q\": 2]) {{ max($0, $1) }}",
                lambda: f"{self.atom(self.expr(DSD, d + 1))}.filter {{ $0.value > 0 }}",
                lambda: f"{self.atom(self.expr(DSD, d + 1))}.compactMapValues {{ $0.isNaN ? nil : $0 * 2 }}",
                lambda: f"Dictionary(uniqueKeysWithValues: zip([\"p\", \"q\"], {self.expr('[Double]', d + 1)}))",
            ])()
        finally:
            self.in_closure = False

    def dis_expr(self, d):
        self.tag("dictionary")
        if self.chance(0.5) or self.in_closure:
            return self.leaf(DIS)
        self.in_closure = True
        try:
            return self.pick([
                lambda: f"Dictionary(uniqueKeysWithValues: {self.atom(self.expr('[String]', d + 1))}.enumerated().map {{ ($0.offset, $0.element) }})",
                lambda: f"{self.atom(self.expr(DIS, d + 1))}.mapValues {{ $0.uppercased() }}",
                lambda: f"{self.atom(self.expr(DIS, d + 1))}.merging([1: \"uno\"]) {{ $0 + $1 }}",
                lambda: f"Dictionary(grouping: {self.expr('[String]', d + 1)}, by: {{ $0.count }}).mapValues {{ $0.joined(separator: \"/\") }}",
            ])()
        finally:
            self.in_closure = False

    def ss_expr(self, d):
        self.tag("set")
        if self.chance(0.5) or self.in_closure:
            return self.leaf(SS)
        self.in_closure = True
        try:
            return self.pick([
                lambda: f"Set({self.expr('[String]', d + 1)})",
                lambda: f"{self.atom(self.expr(SS, d + 1))}.union({self.expr('[String]', d + 1)})",
                lambda: f"{self.atom(self.expr(SS, d + 1))}.intersection({self.expr(SS, d + 1)})",
                lambda: f"{self.atom(self.expr(SS, d + 1))}.subtracting([\"a\"])",
                lambda: f"Set({self.atom(self.expr('String', d + 1))}.split(separator: \" \").map {{ String($0) }})",
                lambda: f"{self.atom(self.expr(SS, d + 1))}.filter {{ $0.count > 1 }}",
                lambda: f"Set({self.atom(self.expr('[String]', d + 1))}.map {{ $0.lowercased() }})",
            ])()
        finally:
            self.in_closure = False

    # ------------------------------------------------------------ more expressions
    def edge_int(self):
        return self.atom(self.pick(EDGE_INTS))

    def edge_dbl(self):
        return self.atom(self.pick(EDGE_DOUBLES))

    def wide_int(self, d):
        I, D, S = "Int", "Double", "String"
        sub = lambda t: self.expr(t, d + 1)
        shift = lambda: self.pick(["0", "1", "3", "63", "64", "70", "(-2)"])
        opts = [
            ("int-edge", lambda: f"{self.edge_int()} &+ {self.operand(sub(I))}"),
            ("int-edge", lambda: f"{self.edge_int()} &- {self.operand(sub(I))}"),
            ("int-edge", lambda: f"{self.operand(sub(I))} &* {self.edge_int()}"),
            ("int-edge", lambda: f"{self.edge_int()}.addingReportingOverflow({sub(I)}).partialValue"),
            ("int-edge", lambda: f"{self.atom(sub(I))}.multipliedReportingOverflow(by: {self.edge_int()}).partialValue"),
            ("int-edge", lambda: f"{self.edge_int()} / {self.operand(self.pick(['-1', '2', '(-3)', sub(I)]))}"),
            ("int-edge", lambda: f"{self.edge_int()} % {self.operand(self.pick(['-1', '7', sub(I)]))}"),
            ("int-edge", lambda: f"abs({self.edge_int()})"),
            ("int-edge", lambda: f"-({self.edge_int()})"),
            ("int-edge", lambda: f"{self.operand(sub(I))} << {shift()}"),
            ("int-edge", lambda: f"{self.operand(sub(I))} >> {shift()}"),
            ("int-edge", lambda: f"{self.operand(sub(I))} &<< {shift()}"),
            ("int-edge", lambda: f"{self.operand(sub(I))} &>> {shift()}"),
            ("int-edge", lambda: f"{self.atom(sub(I))}.{self.pick(['nonzeroBitCount', 'leadingZeroBitCount', 'trailingZeroBitCount'])}"),
            ("int-edge", lambda: f"~{self.atom(sub(I))}"),
            ("int-edge", lambda: "Int.bitWidth"),
            ("int-edge", lambda: f"Int({self.edge_dbl()})"),
            ("int-edge", lambda: f"(Int(exactly: {self.edge_dbl()}) ?? -1)"),
            ("int-edge", lambda: f"({self.edge_int()}).signum()"),
            ("dictionary", lambda: f"{self.atom(sub(DSD))}.count"),
            ("dictionary", lambda: f"{self.atom(sub(DIS))}.count"),
            ("dictionary", lambda: f"{self.atom(sub('[String: Int]'))}.values.reduce(0, +)"),
            ("dictionary", lambda: f"({self.atom(sub(DIS))}.keys.max() ?? -1)"),
            ("dictionary", lambda: f"({self.atom(sub('[String: Int]'))}.max {{ ($0.value, $0.key) < ($1.value, $1.key) }}?.value ?? 0)"),
            ("set", lambda: f"{self.atom(sub(SS))}.count"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.split(separator: \"{self.pick([',', ' ', 'a'])}\").count"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.components(separatedBy: \" \").count"),
            ("string-ops", lambda: f"(Int({sub(S)}, radix: {self.pick(['2', '16', '36'])}) ?? 0)"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.filter {{ $0 == \"a\" }}.count" if not self.in_closure else "0"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.lowercased().count"),
            ("optional-chaining", lambda: f"({sub('String?')}?.count ?? {self.int_lit()})"),
            ("optional-chaining", lambda: f"({sub('Int?')} ?? {sub('Int?')} ?? {self.int_lit()})"),
            ("optional-chaining", lambda: f"({sub('[String: Int]')}[{self.str_lit()}]?.signum() ?? 9)"),
        ]
        area, f = self.pick(opts)
        self.tag(area)
        return f()

    def wide_dbl(self, d):
        sub = lambda t: self.expr(t, d + 1)
        opts = [
            ("double-edge", lambda: self.edge_dbl()),
            ("double-edge", lambda: self.edge_dbl()),
            ("double-edge", lambda: f"({self.edge_dbl()}).{self.pick(['nextUp', 'nextDown', 'ulp', 'significand', 'magnitude'])}"),
            ("double-edge", lambda: f"{self.operand(self.edge_dbl())} {self.pick(['*', '/', '+', '-'])} {self.operand(self.pick([self.edge_dbl(), sub('Double'), '2', '0.5']))}"),
            ("double-edge", lambda: f"({self.edge_dbl()}).squareRoot()"),
            ("double-edge", lambda: f"({self.edge_dbl()}).rounded(.{self.pick(['down', 'up', 'towardZero', 'toNearestOrEven', 'awayFromZero', 'toNearestOrAwayFromZero'])})"),
            ("double-edge", lambda: f"{self.pick(['round', 'ceil', 'floor', 'trunc'])}({self.pick(['-0.5', '-0.4', '2.5', '-2.5', '0.49999999999999994', self.edge_dbl()])})"),
            ("double-edge", lambda: f"(Double(\"{self.pick(EDGE_DOUBLE_STRINGS)}\") ?? -7.5)"),
            ("double-edge", lambda: f"1 / {self.pick(['-0.0', '0.0', 'Double.leastNonzeroMagnitude', '-Double.infinity'])}"),
            ("double-edge", lambda: f"Double({self.edge_int()})"),
            ("dictionary", lambda: f"{self.atom(sub(DSD))}.values.sorted().reduce(0, +)"),
            ("dictionary", lambda: f"({self.atom(sub(DSD))}[{self.str_lit()}] ?? 0)"),
            ("dictionary", lambda: f"{self.atom(sub(DSD))}[{self.str_lit()}, default: 1.5]"),
            ("optional-chaining", lambda: f"({sub('Double?')} ?? 1)"),
            ("optional-chaining", lambda: f"({sub('[Double]')}.first?.magnitude ?? -1)"),
        ]
        area, f = self.pick(opts)
        self.tag(area)
        return f()

    def wide_bool(self, d):
        sub = lambda t: self.expr(t, d + 1)
        S = "String"
        opts = [
            ("string-ops", lambda: f"{self.atom(sub(S))}.hasSuffix({self.str_lit()})"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.lowercased().hasPrefix({self.str_lit()})"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.starts(with: {self.str_lit()})"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.contains(where: {{ $0.isNumber }})" if not self.in_closure else "true"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.allSatisfy {{ $0.isLetter }}" if not self.in_closure else "true"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.lowercased() == {self.atom(sub(S))}.lowercased()"),
            ("set", lambda: f"{self.atom(sub(SS))}.contains({self.str_lit()})"),
            ("set", lambda: f"{self.atom(sub(SS))}.isSuperset(of: {sub(SS)})"),
            ("set", lambda: f"{self.atom(sub(SS))}.isDisjoint(with: {sub(SS)})"),
            ("dictionary", lambda: f"{self.atom(sub('[String: Int]'))}.keys.contains({self.str_lit()})"),
            ("dictionary", lambda: f"{self.atom(sub(DSD))}.isEmpty"),
            ("dictionary", lambda: f"{sub(DIS)}[{self.r.randint(-3, 7)}] != nil"),
            ("optional-chaining", lambda: f"({sub('String?')}?.isEmpty ?? true)"),
            ("optional-chaining", lambda: f"{sub('String?')} == {self.str_lit()}"),
            ("optional-chaining", lambda: f"{sub('Double?')} != nil"),
            ("optional-chaining", lambda: f"({sub('Int?')} ?? 0) > 2"),
            ("double-edge", lambda: f"({self.edge_dbl()}).sign == .minus"),
            ("double-edge", lambda: f"({self.pick([self.edge_dbl(), sub('Double')])}).{self.pick(['isSubnormal', 'isZero', 'isInfinite', 'isNormal'])}"),
            ("double-edge", lambda: f"{self.operand(self.edge_dbl())} {self.pick(['<', '==', '>=', '!='])} {self.operand(self.edge_dbl())}"),
            ("int-edge", lambda: f"{self.edge_int()}.addingReportingOverflow({sub('Int')}).overflow"),
            ("tuple", lambda: f"{sub('(Int, String)')} < {sub('(Int, String)')}"),
            ("tuple", lambda: f"({sub('Double')}, {self.int_lit()}) < ({self.edge_dbl()}, {self.int_lit()})"),
        ]
        area, f = self.pick(opts)
        self.tag(area)
        return f()

    def interp_item(self, d):
        """An expression whose text in an interpolation does not depend on hash order."""
        sub = lambda t: self.expr(t, d + 1)
        return self.pick([
            lambda: sub("Double"),
            lambda: self.edge_dbl(),
            lambda: sub(self.pick(["Int?", "String?", "Double?"])),
            lambda: f"({sub('Int?')}, {sub('String?')})",
            lambda: f"[{sub('Int?')}, nil]",
            lambda: f"Optional({sub('[Int]')})",
            lambda: f"[[{self.int_lit()}], []]",
            lambda: f"[\"{self.pick(ESCAPE_WORDS)}\", {sub('String')}]",
            lambda: f"(\"{self.pick(ESCAPE_WORDS)}\", {sub('Double')})",
            lambda: f"(a: {sub('Int')}, b: [{sub('Double')}])",
            lambda: self.pick(['["k": 2.5]', '[3: "x"]', '["q": [1, 2]]', '[1: Optional("o")]', '["e": (1, "t")]']),
            lambda: f"Set([{self.str_lit()}])",
            lambda: f"[({self.int_lit()}, {sub('Double')})]",
            lambda: f"{self.atom(sub('[String: Int]'))}.sorted(by: {{ $0.key < $1.key }})",
            lambda: f"{self.atom(sub('[String]'))}.first",
            lambda: sub("(lo: Int, hi: Int)"),
            lambda: f"Character(\"{self.pick(['a', 'é', '🙂', 'Z'])}\")",
            lambda: f"[Character(\"x\")]",
            lambda: f"{self.atom(sub('String'))}.first",
            lambda: f"{self.atom(sub('String'))}.split(separator: \" \")",
        ])()

    def wide_str(self, d):
        sub = lambda t: self.expr(t, d + 1)
        S = "String"
        opts = [
            ("interpolation", lambda: f"\"{self.pick(['', 'v=', '<'])}\\({self.interp_item(d)}){self.pick(['', '>', ' '])}\""),
            ("interpolation", lambda: f"\"\\({self.interp_item(d)}) \\({self.interp_item(d)})\""),
            ("interpolation", lambda: f"String(describing: {self.interp_item(d)})"),
            ("interpolation", lambda: f"String(reflecting: {self.interp_item(d)})"),
            ("interpolation", lambda: f"\"[\\({self.interp_item(d)})]\""),
            ("interpolation", lambda: f"\"\\({self.interp_item(d)}) and \\({self.interp_item(d)})\""),
            ("interpolation", lambda: f"String(describing: {self.interp_item(d)})"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.split(separator: \",\", omittingEmptySubsequences: false).joined(separator: \"|\")"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.components(separatedBy: \" \").joined(separator: \"_\")"),
            ("string-ops", lambda: f"String({self.atom(sub(S))}.suffix({self.r.randint(0, 3)}))"),
            ("string-ops", lambda: f"String({self.atom(sub(S))}.dropLast({self.r.randint(0, 2)}))"),
            ("string-ops", lambda: f"String({self.atom(sub('Int'))}, radix: {self.pick(['2', '16', '36'])})"),
            ("string-ops", lambda: f"String({self.atom(sub(S))}.filter {{ $0 != \"a\" }})" if not self.in_closure else '""'),
            ("string-ops", lambda: f"({self.atom(sub(S))}.first.map {{ String($0) }} ?? \"-\")" if not self.in_closure else '""'),
            ("string-ops", lambda: f"{self.atom(sub(S))}.lowercased()"),
            ("string-ops", lambda: f"[{sub(S)}, {sub(S)}].joined()"),
            ("string-ops", lambda: f"{self.atom(sub(S))}.debugDescription"),
            ("string-ops", lambda: f"\"{self.pick(ESCAPE_WORDS)}\""),
            ("string-ops", lambda: f"String({self.atom(sub(S))}.uppercased().reversed())"),
            ("set", lambda: f"{self.atom(sub(SS))}.sorted().joined(separator: \",\")"),
            ("dictionary", lambda: f"{self.atom(sub(DIS))}.sorted(by: {{ $0.key < $1.key }}).map {{ \"\\($0.key)=\\($0.value)\" }}.joined(separator: \" \")" if not self.in_closure else '""'),
            ("dictionary", lambda: f"({sub(DIS)}[{self.r.randint(-3, 7)}] ?? \"none\")"),
            ("optional-chaining", lambda: f"({sub('String?')}?.uppercased() ?? \"none\")"),
            ("optional-chaining", lambda: f"({self.atom(sub('String?'))}.map {{ $0 + \"!\" }} ?? \"\")" if not self.in_closure else '""'),
            ("optional-chaining", lambda: f"({sub('[String]')}.last?.lowercased().uppercased() ?? \"-\")"),
            ("format", lambda: f"String(format: \"{self.pick(EDGE_FORMATS)}\", {self.pick([self.edge_dbl(), sub('Double')])})"),
            ("format", lambda: f"String(format: \"{self.pick(EDGE_INT_FORMATS)}\", {self.pick([self.edge_int(), sub('Int')])})"),
            ("double-edge", lambda: f"String({self.edge_dbl()})"),
            ("double-edge", lambda: f"({self.edge_dbl()}).description"),
            ("int-edge", lambda: f"\"\\({self.edge_int()})\""),
        ]
        area, f = self.pick(opts)
        self.tag(area)
        return f()

    # ------------------------------------------------------------ statements
    def wide_stmt(self, depth):
        opts = [
            self.guard_loop_stmt, self.iflet_multi_stmt, self.while_let_stmt,
            self.switch_optional_stmt, self.counter_stmt, self.closure_array_stmt,
            self.foreach_stmt, self.nested_func_stmt, self.defer_stmt, self.labeled_stmt,
            self.switch_double_stmt, self.switch_expr_stmt, self.switch_char_stmt,
            self.fallthrough_stmt, self.switch_tuple_stmt, self.dict_stmt, self.set_stmt,
            self.edge_print_stmt, self.edge_print_stmt, self.sorted_closure_stmt,
        ]
        if self.templates:
            opts += [self.template_stmt] * 4
        return self.pick(opts)(depth)

    def guard_loop_stmt(self, depth):
        self.tag("guard-let", "for")
        x, n = self.fresh("w"), self.fresh("n")
        skip = self.pick(["continue", f"print(\"skip\", {x})\n    continue", "break"])
        body = self.pick([f"print({n} * 2)", f"print({n}, {x}.count)", f"print(\"\\({n})!\")"])
        return (f"for {x} in {self.head(self.expr('[String]', 2))} {{\n"
                f"  guard let {n} = Int({x}), {n} {self.pick(['>', '!=', '<='])} {self.int_lit()} else {{\n    {skip}\n  }}\n"
                f"  {body}\n}}")

    def iflet_multi_stmt(self, depth):
        self.tag("if-let", "optional")
        a, b = self.fresh("a"), self.fresh("b")
        if self.chance(0.4):
            v = self.fresh("o")
            t = self.pick(["Int?", "String?", "Double?"])
            e = self.expr(t, 1)
            self.declare(v, t, True)
            return (f"var {v}: {t} = {e}\nif let {v} {{\n  print(\"has\", {v})\n}} else {{\n  print(\"none\")\n}}\n"
                    f"{v} = nil\nprint({v} == nil)")
        cond = f"if let {a} = {self.expr('Int?', 1)}, let {b} = {self.expr('String?', 1)}, {a} {self.pick(['>', '<', '!='])} {self.int_lit()}"
        return f"{cond} {{\n  print({a}, {b})\n}} else if let {a} = {self.expr('Double?', 1)} {{\n  print({a})\n}} else {{\n  print(\"neither\")\n}}"

    def while_let_stmt(self, depth):
        self.tag("while-let", "optional")
        st, top = self.fresh("st"), self.fresh("top")
        return (f"var {st} = {self.expr('[Int]', 1)}\nwhile let {top} = {st}.popLast() {{\n  print({top}, terminator: \" \")\n"
                f"  if {top} > {self.int_lit()} {{ break }}\n}}\nprint({st})")

    def switch_optional_stmt(self, depth):
        self.tag("switch-optional", "optional", "switch")
        x = self.fresh("x")
        e = self.expr("Int?", 1)
        if self.chance(0.5):
            return (f"switch {self.head(e)} {{\ncase .none:\n  print(\"nil\")\ncase .some(let {x}) where {x} > {self.int_lit()}:\n"
                    f"  print(\"big\", {x})\ncase let {x}?:\n  print(\"small\", {x})\n}}")
        return f"if case let {x}? = {self.head(e)}, {x} != {self.int_lit()} {{\n  print(\"some\", {x})\n}}\nif case {self.r.randint(0, 3)}...{self.r.randint(4, 9)} = {self.expr('Int', 1)} {{\n  print(\"in range\")\n}}"

    def counter_stmt(self, depth):
        self.tag("nested-closure", "nested-func")
        mk, c1, c2 = self.fresh("makeCounter"), self.fresh("c"), self.fresh("c")
        return (f"func {mk}(from start: Int, step: Int = {self.r.randint(1, 3)}) -> () -> Int {{\n  var c = start\n"
                f"  return {{\n    c += step\n    return c\n  }}\n}}\n"
                f"let {c1} = {mk}(from: {self.int_lit()})\nlet {c2} = {mk}(from: {self.int_lit()}, step: {self.int_lit()})\n"
                f"print({c1}(), {c1}(), {c2}(), {c1}(), {c2}())")

    def closure_array_stmt(self, depth):
        self.tag("nested-closure", "closure")
        m, fs, g = self.fresh("m"), self.fresh("fs"), self.fresh("g")
        return (f"var {m} = {self.int_lit()}\nvar {fs}: [() -> Int] = []\nfor i in 0..<{self.r.randint(0, 4)} {{\n"
                f"  {fs}.append({{ i * {m} }})\n}}\n{m} += {self.int_lit()}\nprint({fs}.map {{ $0() }})\n"
                f"let {g} = {{ [{m}] in {m} * 2 }}\n{m} = {self.int_lit()}\nprint({g}(), {m})")

    def foreach_stmt(self, depth):
        self.tag("nested-closure", "closure")
        t, f = self.fresh("total"), self.fresh("addTwice")
        xs = self.atom(self.expr('[Int]', 1))
        self.declare(t, "Int", True)
        return (f"var {t} = {self.int_lit()}\n{xs}.forEach {{ {t} += $0 }}\n"
                f"let {f} = {{ (x: Int) in\n  let once = {{ {t} += x }}\n  once()\n  once()\n}}\n"
                f"{f}({self.int_lit()})\nprint({t})")

    def sorted_closure_stmt(self, depth):
        self.tag("closure", "array")
        s = self.fresh("sorted")
        xs = self.atom(self.expr('[String]', 1))
        self.declare(s, "[String]", False)
        return (f"let {s} = {xs}.sorted {{ a, b in\n"
                f"  if a.count != b.count {{ return a.count {self.pick(['<', '>'])} b.count }}\n  return a < b\n}}\nprint({s})")

    def nested_func_stmt(self, depth):
        self.tag("nested-func")
        base, h, s, bump = self.fresh("base"), self.fresh("helper"), self.fresh("sumTo"), self.fresh("bump")
        out = (f"var {base} = {self.int_lit()}\nfunc {h}(_ x: Int, by k: Int = {self.r.randint(0, 5)}) -> Int {{\n"
               f"  func inner(_ y: Int) -> Int {{ y * k + {base} }}\n  return inner(x) + inner(k)\n}}\n"
               f"print({h}({self.int_lit()}), {h}({self.int_lit()}, by: {self.int_lit()}))\n{base} = {self.int_lit()}\nprint({h}(1))")
        if self.chance(0.5):
            out += (f"\nfunc {s}(_ n: Int) -> Int {{ n <= 0 ? 0 : n + {s}(n - 1) }}\nprint({s}({self.r.randint(0, 20)}))")
        if self.chance(0.5):
            v = self.fresh("v")
            out += (f"\nfunc {bump}(_ x: inout Int) {{\n  x += {base}\n}}\nvar {v} = {self.int_lit()}\n{bump}(&{v})\n{bump}(&{v})\nprint({v})")
        return out

    def defer_stmt(self, depth):
        self.tag("defer")
        k = self.r.random()
        if k < 0.4:
            log, st = self.fresh("log"), self.fresh("step")
            return (f"var {log}: [String] = []\nfunc {st}(_ x: Int) -> Int {{\n  defer {{ {log}.append(\"d\\(x)\") }}\n"
                    f"  defer {{ {log}.append(\"e\\(x)\") }}\n  if x > {self.r.randint(0, 5)} {{ return x * 2 }}\n"
                    f"  {log}.append(\"body\")\n  return -x\n}}\nprint({st}({self.r.randint(0, 8)}), {st}({self.r.randint(0, 8)}), {log})")
        if k < 0.7:
            n = self.r.randint(0, 4)
            return (f"for i in 0..<{n} {{\n  defer {{ print(\"end\", i) }}\n  if i == {self.r.randint(0, 3)} {{ continue }}\n"
                    f"  if i == {self.r.randint(1, 4)} {{ break }}\n  print(\"in\", i)\n}}")
        if k < 0.85:
            return "do {\n  defer { print(\"out\") }\n  defer { print(\"second\") }\n  print(\"in\")\n}"
        h = self.fresh("h")
        return (f"func {h}() -> Int {{\n  var x = {self.int_lit()}\n  defer {{\n    x += 10\n    print(\"deferred\", x)\n  }}\n"
                f"  return x\n}}\nprint({h}())")

    def labeled_stmt(self, depth):
        self.tag("labeled", "for")
        a, b = self.r.randint(0, 4), self.expr("[Int]", 2)
        if self.chance(0.7):
            return (f"outer: for i in 0..<{a} {{\n  inner: for j in {self.head(b)} {{\n"
                    f"    if j == i + {self.r.randint(0, 3)} {{ continue outer }}\n"
                    f"    if i * j > {self.r.randint(3, 30)} {{ break outer }}\n"
                    f"    if j < 0 {{ break inner }}\n"
                    f"    switch j % 3 {{\n    case 0: continue inner\n    case 1: break\n    default: print(\"s\", i, j)\n    }}\n"
                    f"    print(i, j)\n  }}\n}}")
        k = self.fresh("k")
        return (f"var {k} = 0\nscan: while {k} < {a + 2} {{\n  {k} += 1\n  var r = 0\n  repeat {{\n    r += 1\n"
                f"    if r * {k} == {self.r.randint(2, 8)} {{ break scan }}\n    if r > {k} {{ continue scan }}\n"
                f"  }} while r < 5\n  print(\"k\", {k}, r)\n}}\nprint({k})")

    def switch_double_stmt(self, depth):
        self.tag("switch-range", "switch", "double-edge")
        x = self.fresh("x")
        e = self.pick([self.expr("Double", 1), self.edge_dbl()])
        return (f"switch {self.head(e)} {{\ncase ..<0:\n  print(\"neg\")\ncase 0..<1:\n  print(\"unit\")\ncase 1...10:\n  print(\"small\")\n"
                f"case let {x} where {x}.isNaN:\n  print(\"nan\")\ndefault:\n  print(\"big\")\n}}")

    def switch_expr_stmt(self, depth):
        self.tag("switch-expr", "switch")
        v = self.fresh("lab")
        e = self.head(self.expr('Int', 1))
        self.declare(v, "String", False)
        return (f"let {v} = switch {e} {{\ncase ..<0: \"neg\"\ncase 0: \"zero\"\n"
                f"case 1...9: \"digit\"\ndefault: \"big\"\n}}\nprint({v})")

    def switch_char_stmt(self, depth):
        self.tag("switch-char", "switch", "string-ops")
        vs, ds, os = self.fresh("vowels"), self.fresh("digits"), self.fresh("other")
        return (f"var {vs} = 0, {ds} = 0, {os} = 0\nfor ch in {self.head(self.expr('String', 1))} {{\n  switch ch {{\n"
                f"  case \"a\", \"e\", \"i\", \"o\", \"u\": {vs} += 1\n  case \"0\"...\"9\": {ds} += 1\n  default: {os} += 1\n  }}\n}}\n"
                f"print({vs}, {ds}, {os})")

    def fallthrough_stmt(self, depth):
        self.tag("switch")
        return (f"switch {self.head(self.expr('Int', 1))} {{\ncase 0:\n  print(\"zero\")\n  fallthrough\ncase 1...3:\n  print(\"small\")\n"
                f"  fallthrough\ncase 4:\n  print(\"four-ish\")\ndefault:\n  print(\"other\")\n}}")

    def switch_tuple_stmt(self, depth):
        self.tag("switch-tuple", "switch", "tuple")
        a, b = self.fresh("a"), self.fresh("b")
        return (f"switch ({self.expr('Int', 1)} as Int, {self.expr('Double', 1)} as Double) {{\ncase (0, _):\n  print(\"zero\")\n"
                f"case (let {a}, let {b}) where Double({a}) > {b}:\n  print(\"gt\", {a}, {b})\ncase (1...5, 0.0..<1.0):\n  print(\"box\")\n"
                f"case (_, let {b}) where {b}.isNaN:\n  print(\"nan\")\ndefault:\n  print(\"else\")\n}}")

    def dict_stmt(self, depth):
        self.tag("dictionary")
        d = self.fresh("d")
        t = self.pick(["[String: Int]", DSD, DIS])
        out = [f"var {d}: {t} = {self.expr(t, 1)}"]
        self.declare(d, t, True)
        for _ in range(self.r.randint(1, 4)):
            if t == "[String: Int]":
                out.append(self.pick([
                    f"{d}.merge([\"a\": {self.int_lit()}, \"z\": 1]) {{ $0 + $1 }}",
                    f"print({d}.updateValue({self.int_lit()}, forKey: {self.str_lit()}) as Any)",
                    f"print({d}.removeValue(forKey: \"a\") as Any)",
                    f"for (k, v) in {d}.sorted(by: {{ $0.key < $1.key }}) {{\n  print(k, v)\n}}",
                    f"{d}[{self.str_lit()}, default: {self.int_lit()}] *= 2",
                ]))
            elif t == DSD:
                out.append(self.pick([
                    f"{d}[{self.str_lit()}, default: 0.0] += {self.dbl_lit()}",
                    f"{d}.merge([\"a\": {self.dbl_lit()}]) {{ $0 * $1 }}",
                    f"{d} = {d}.mapValues {{ ($0 * 10).rounded() / 10 }}",
                ]))
            else:
                out.append(self.pick([
                    f"{d}[{self.r.randint(-3, 7)}] = {self.str_lit()}",
                    f"{d}[{self.r.randint(-3, 7)}, default: \"\"] += \"+\"",
                    f"{d}.removeAll()",
                ]))
        out.append(f"print({self.printable(t, d)}, {d}.count, {d}.isEmpty)")
        return "\n".join(out)

    def set_stmt(self, depth):
        self.tag("set")
        s, ins, m = self.fresh("s"), self.fresh("ins"), self.fresh("m")
        e = self.expr(SS, 1)
        self.declare(s, SS, True)
        return (f"var {s}: Set<String> = {e}\nlet ({ins}, {m}) = {s}.insert({self.str_lit()})\n"
                f"print({ins}, {m}, {s}.remove({self.str_lit()}) as Any)\n{s}.formUnion([{self.str_lit()}])\n"
                f"print({s}.sorted(), {s}.map {{ $0.count }}.sorted())")

    def edge_print_stmt(self, depth):
        self.tag("double-edge", "print")
        k = self.r.random()
        if k < 0.5:
            return f"print({', '.join(self.edge_dbl() for _ in range(self.r.randint(1, 4)))})"
        if k < 0.75:
            return f"print([{', '.join(self.edge_dbl() for _ in range(self.r.randint(1, 3)))}], ({self.edge_dbl()}, {self.edge_int()}))"
        self.tag("format")
        return f"print(String(format: \"{self.pick(EDGE_FORMATS)} {self.pick(EDGE_INT_FORMATS)}\", {self.edge_dbl()}, {self.edge_int()}))"

    # ------------------------------------------------------------ templates
    def gen_template(self):
        """A declaration of one of three shapes: a struct with static members, a custom
        initializer, computed properties (one with a setter) and mutating methods; an enum with
        String raw values, CaseIterable and a mutating method; an indirect enum."""
        kind = self.pick(["acc", "dir", "ex"])
        name = {"acc": "Acc", "dir": "Dir", "ex": "Ex"}[kind] + f"{len(self.templates)}_{self.suffix}"
        self.templates.append((kind, name))
        if kind == "acc":
            self.tag("struct", "static", "computed-property", "mutating")
            return (f"struct {name}: CustomStringConvertible {{\n  static var made = 0\n  static let unit = {self.r.randint(1, 3)}\n"
                    f"  var items: [Int] = []\n  var scale: Double\n  init(scale: Double) {{\n    self.scale = scale\n    {name}.made += 1\n  }}\n"
                    f"  var total: Int {{ items.reduce(0, +) }}\n"
                    f"  var mean: Double {{\n    items.isEmpty ? 0 : Double(total) / Double(items.count) * scale\n  }}\n"
                    f"  var doubled: Int {{\n    get {{ total * 2 }}\n    set {{ items = [newValue / 2] }}\n  }}\n"
                    f"  var description: String {{ \"Acc(\\(items), \\(scale))\" }}\n"
                    f"  mutating func add(_ x: Int, times n: Int = 1) {{\n    for _ in 0..<n {{ items.append(x * Self.unit) }}\n  }}\n"
                    f"  mutating func reset() {{ self = {name}(scale: scale * 2) }}\n"
                    f"  func summary(digits: Int) -> String {{ String(format: \"%.\\(digits)f\", mean) }}\n"
                    f"  static func combined(_ a: {name}, _ b: {name}) -> {name} {{\n    var r = {name}(scale: a.scale + b.scale)\n"
                    f"    r.items = a.items + b.items\n    return r\n  }}\n}}")
        if kind == "dir":
            self.tag("enum", "raw-value", "mutating")
            return (f"enum {name}: String, CaseIterable {{\n  case north = \"N\", east, south = \"S\", west\n"
                    f"  var turned: {name} {{\n    switch self {{\n    case .north: return .east\n    case .east: return .south\n"
                    f"    case .south: return .west\n    case .west: return .north\n    }}\n  }}\n"
                    f"  var isVertical: Bool {{ self == .north || self == .south }}\n"
                    f"  mutating func turn(times: Int = 1) {{\n    for _ in 0..<times {{ self = turned }}\n  }}\n"
                    f"  static func parse(_ s: String) -> {name}? {{ {name}(rawValue: s.uppercased()) }}\n}}")
        self.tag("enum", "indirect", "associated-value")
        return (f"indirect enum {name} {{\n  case num(Int)\n  case neg({name})\n  case add({name}, {name})\n  case mul({name}, {name})\n"
                f"  var value: Int {{\n    switch self {{\n    case .num(let n): return n\n    case .neg(let e): return -e.value\n"
                f"    case let .add(a, b): return a.value + b.value\n    case let .mul(a, b): return a.value * b.value\n    }}\n  }}\n"
                f"  var text: String {{\n    switch self {{\n    case .num(let n): return n < 0 ? \"(\\(n))\" : \"\\(n)\"\n"
                f"    case .neg(let e): return \"-\\(e.text)\"\n    case let .add(a, b): return \"(\\(a.text) + \\(b.text))\"\n"
                f"    case let .mul(a, b): return \"\\(a.text) * \\(b.text)\"\n    }}\n  }}\n}}")

    def ex_tree(self, name, d=0):
        if d > 2 or self.chance(0.3):
            return f"{name}.num({self.int_lit()})" if d == 0 else f".num({self.int_lit()})"
        head = "" if d else name
        k = self.pick(["neg", "add", "mul", "add"])
        if k == "neg":
            return f"{head}.neg({self.ex_tree(name, d + 1)})"
        return f"{head}.{k}({self.ex_tree(name, d + 1)}, {self.ex_tree(name, d + 1)})"

    def template_stmt(self, depth):
        kind, name = self.pick(self.templates)
        out = []
        if kind == "acc":
            self.tag("struct", "static", "computed-property", "mutating")
            a, b = self.fresh("acc"), self.fresh("acc")
            out.append(f"var {a} = {name}(scale: {self.dbl_lit()})")
            for _ in range(self.r.randint(2, 6)):
                out.append(self.pick([
                    f"{a}.add({self.int_lit()})",
                    f"{a}.add({self.int_lit()}, times: {self.r.randint(0, 3)})",
                    f"{a}.doubled = {self.int_lit()}",
                    f"{a}.doubled += {self.int_lit()}",
                    f"{a}.reset()",
                    f"print({a}.total, {a}.mean, {a}.doubled, {a})",
                    f"print({a}.summary(digits: {self.r.randint(0, 4)}))",
                    f"var {b} = {a}\n{b}.add({self.int_lit()})\nprint({a}.items, {b}.items, {name}.combined({a}, {b}))".replace(b, self.fresh("acc")),
                    f"print({name}.made, {name}.unit, [{a}], [{a}].map {{ $0.total }})",
                    f"{a}.items.append({self.int_lit()})",
                    f"if !{a}.items.isEmpty {{ {a}.items[0] += {self.int_lit()} }}",
                    f"{a}.scale *= {self.dbl_lit()}",
                ]))
            out.append(f"print({a}, {a}.mean)")
        elif kind == "dir":
            self.tag("enum", "raw-value", "mutating")
            v = self.fresh("dir")
            out.append(f"var {v} = {name}.{self.pick(['north', 'east', 'south', 'west'])}")
            for _ in range(self.r.randint(2, 5)):
                out.append(self.pick([
                    f"{v}.turn()",
                    f"{v}.turn(times: {self.r.randint(0, 6)})",
                    f"print({v}, {v}.rawValue, {v}.isVertical)",
                    f"print({name}.allCases.map {{ $0.rawValue }}, {name}.allCases)",
                    f"print({name}.parse(\"{self.pick(['n', 's', 'east', 'S', 'x'])}\") as Any)",
                    f"print({name}(rawValue: \"{self.pick(['S', 'west', 'W'])}\") ?? .west)",
                    f"print({name}.allCases.filter {{ $0.isVertical }}.count, \"\\({v})\", String(reflecting: {v}))",
                    f"switch {v} {{\ncase .north, .south:\n  print(\"vertical\")\ncase let x where x.rawValue.count > 1:\n  print(\"long\", x)\ndefault:\n  print(\"other\")\n}}",
                    f"print([{v}: 1], Optional({v}) as Any, ({v}, 1))",
                ]))
        else:
            self.tag("enum", "indirect", "associated-value")
            e = self.fresh("ex")
            out.append(f"let {e} = {self.ex_tree(name)}")
            out.append(self.pick([
                f"print({e}.value, {e}.text)",
                f"print({e})",
                f"if case let .add(a, b) = {e}, a.value > {self.int_lit()} {{\n  print(\"add\", a.text, b.value)\n}} else {{\n  print(\"not add\")\n}}",
                f"print([{e}].map {{ $0.text }}, {e}.text.count)",
            ]))
        return "\n".join(out)

    # ------------------------------------------------------------ ill-typed programs
    def wide_mistake(self):
        """(kind, text) of a statement swiftc rejects; the evaluator must reject it too."""
        n = self.fresh("bad")
        ints = self.vars_of("Int")
        dbls = self.vars_of("Double")
        i = ints[0] if ints else "3"
        x = dbls[0] if dbls else "2.5"
        opts = [
            ("int-times-double", f"let {n} = {i} * {x}" if ints and dbls else f"let {n}i = 3\nlet {n} = {n}i * 2.5"),
            ("int-plus-double-var", f"let {n}i = {self.int_lit()}\nlet {n}d = {self.dbl_lit()}\nprint({n}i + {n}d)"),
            ("double-divided-int-var", f"let {n}i = 2\nprint({n}i / 2.0)"),
            ("wrong-return-type", f"func {n}() -> Int {{\n  return \"x\"\n}}"),
            ("wrong-return-type", f"func {n}() -> Int {{\n  return 2.5\n}}"),
            ("wrong-return-type", f"func {n}(_ x: Int) -> String {{\n  return x\n}}"),
            ("wrong-return-type", f"func {n}(_ x: Int) -> Double {{\n  let y = x * 2\n  return y\n}}"),
            ("missing-return", f"func {n}(_ x: Int) -> Int {{\n  if x > 0 {{ return 1 }}\n}}"),
            ("missing-label", f"func {n}(a: Int) -> Int {{ a }}\nprint({n}(3))"),
            ("extra-label", f"func {n}(_ a: Int) -> Int {{ a }}\nprint({n}(a: 3))"),
            ("wrong-label", f"func {n}(a: Int) -> Int {{ a }}\nprint({n}(b: 3))"),
            ("label-order", f"func {n}(a: Int, b: Int) -> Int {{ a - b }}\nprint({n}(b: 1, a: 2))"),
            ("missing-argument", f"func {n}(a: Int) -> Int {{ a }}\nprint({n}())"),
            ("extra-argument", f"func {n}(_ a: Int) -> Int {{ a }}\nprint({n}(1, 2))"),
            ("closure-label", f"let {n} = {{ (x: Int) -> Int in x }}\nprint({n}(x: 1))"),
            ("inout-without-amp", f"func {n}(_ x: inout Int) {{ x += 1 }}\nvar {n}v = 1\n{n}({n}v)"),
            ("optional-unwrapped", f"let {n}: Int? = 3\nprint({n} + 1)"),
            ("optional-member", f"let {n}: String? = \"a\"\nprint({n}.count)"),
            ("nil-to-nonoptional", f"let {n}: Int = nil"),
            ("iflet-nonoptional", f"if let {n} = {self.int_lit()} {{ print({n}) }}"),
            ("non-exhaustive-switch", f"let {n} = {self.int_lit()}\nswitch {n} {{\ncase 1: print(1)\ncase 2...5: print(2)\n}}"),
            ("break-outside-loop", "if true {\n  break\n}"),
            ("continue-outside-loop", "if 1 < 2 {\n  continue\n}"),
            ("redeclaration", f"let {n} = 1\nlet {n} = 2\nprint({n})"),
            ("tuple-labels", f"let {n}: (a: Int, b: Int) = (x: 1, y: 2)"),
            ("let-array-append", f"let {n} = [1, 2]\n{n}.append(3)"),
            ("let-struct-property", f"struct {n.capitalize()} {{ var a = 0 }}\nlet {n} = {n.capitalize()}()\n{n}.a = 1"),
            ("nonmutating-method", f"struct {n.capitalize()} {{\n  var a = 0\n  func inc() {{ a += 1 }}\n}}"),
            ("loop-let", "for i in 0..<3 {\n  i += 1\n}"),
            ("character-literal", f"let {n}: Character = \"ab\""),
            ("string-int-subscript", f"let {n} = \"abc\"[0]"),
            ("use-before-init", f"var {n}: Int\nprint({n})"),
            ("bool-arithmetic", f"let {n} = true + 1"),
            ("string-times-int", f"let {n} = \"n\" * 3"),
            ("dictionary-value-type", f"let {n}: [String: Int] = [\"a\": \"b\"]"),
            ("mixed-max", f"print(max(1, 2.5, \"x\"))"),
            ("let-toggle", f"let {n} = true\n{n}.toggle()"),
            ("min-overflow", f"let {n} = Int.min - 1"),
            ("unknown-case", f"enum {n.capitalize()} {{ case a, b }}\nlet {n}: {n.capitalize()} = .c"),
            ("compare-int-string", f"print(1 == \"1\")"),
            ("optional-compare-mixed", f"let {n}: Int? = 1\nprint({n} < 2)"),
            ("double-modulo", f"print({x} % 2.0)"),
            ("assign-in-condition", f"var {n} = 1\nif {n} = 2 {{ print({n}) }}"),
            ("void-value", f"func {n}() {{}}\nlet {n}v: Int = {n}()"),
            ("guard-falls-through", f"for w in [1] {{\n  guard w > 0 else {{ print(w) }}\n}}"),
            ("mutating-let-enum", f"enum {n.capitalize()} {{\n  case a, b\n  mutating func flip() {{ self = .b }}\n}}\nlet {n} = {n.capitalize()}.a\n{n}.flip()"),
        ]
        if self.structs and any(v for _, _, v in self.structs[0].props):
            s = self.structs[0]
            p = next(p for p, _, v in s.props if v)
            args = ", ".join(f"{q}: {self.leaf(t)}" for q, t, _ in s.props)
            opts.append(("let-struct-property", f"let {n} = {s.name}({args})\n{n}.{p} = {n}.{p}"))
        if self.funcs:
            f = self.funcs[0]
            if any(lbl for lbl, *_ in f.params):
                opts.append(("missing-label", f"print({f.name}({', '.join(self.leaf(t) for _, t, *_ in f.params)}))"))
        return self.pick(opts)


class Gen(Wide):
    def __init__(self, seed, suffix, mistakes=0.08, wide=0.3):
        self.r = random.Random(seed)
        self.areas = set()
        self.templates = []
        self.wide_rate = wide
        self.suffix = suffix
        self.counter = 0
        self.scopes = [{}]
        self.funcs = []
        self.structs = []
        self.enums = []
        self.mistake_rate = mistakes
        self.loop_depth = 0
        self.in_closure = False

    # ---------------------------------------------------------------- helpers
    def chance(self, p):
        return self.r.random() < p

    def pick(self, xs):
        return self.r.choice(xs)

    def fresh(self, base="v"):
        self.counter += 1
        return f"{base}{self.counter}"

    def declare(self, name, typ, mutable):
        self.scopes[-1][name] = (typ, mutable)

    def vars_of(self, typ, mutable=None):
        out = []
        for scope in self.scopes:
            for name, (t, m) in scope.items():
                if t == typ and (mutable is None or m == mutable):
                    out.append(name)
        return out

    def push(self):
        self.scopes.append({})

    def pop(self):
        self.scopes.pop()

    # ---------------------------------------------------------------- literals
    def int_lit(self):
        k = self.r.random()
        if k < 0.7:
            return str(self.r.randint(0, 12))
        if k < 0.8:
            return str(self.r.randint(13, 1000))
        if k < 0.85:
            return self.pick(["Int.max", "Int.min", "4_611_686_018_427_387_904", "0xFF",
                              "1_000_000", "0b101", "3_037_000_500"])
        return "-" + str(self.r.randint(1, 9)) if self.chance(0.5) else "(-" + str(self.r.randint(1, 9)) + ")"

    def dbl_lit(self):
        k = self.r.random()
        if k < 0.6:
            return self.pick(["0.5", "1.0", "2.5", "0.1", "0.2", "3.0", "10.0", "0.3", "1.5",
                              "100.0", "7.25", "2.0", "0.0", "-1.5", "1e-3", "1e10"])
        if k < 0.85:
            return f"{self.r.randint(0, 99)}.{self.r.randint(0, 999)}"
        return self.pick(["Double.pi", "1e300", "1e-300", "Double.infinity", "-0.0",
                          "Double.nan", "123456789.125", "0.1e-5", "2.5e15", "1e16",
                          "Double.greatestFiniteMagnitude", "Double.ulpOfOne"])

    def str_lit(self):
        return '"' + self.pick(WORDS) + '"'

    # ---------------------------------------------------------------- expressions
    def expr(self, typ, d=0):
        self.tag(AREA_OF_TYPE.get(typ, "user-type"))
        if d > 3:
            return self.leaf(typ)
        if d <= 2 and typ in (INT, DBL, BOOL, STR) and self.chance(self.wide_rate / 3):
            return {INT: self.wide_int, DBL: self.wide_dbl, BOOL: self.wide_bool, STR: self.wide_str}[typ](d)
        gen = {
            DSD: self.dsd_expr, DIS: self.dis_expr, SS: self.ss_expr,
            INT: self.int_expr, DBL: self.dbl_expr, BOOL: self.bool_expr, STR: self.str_expr,
            AI: self.ai_expr, AD: self.ad_expr, AS: self.as_expr, DSI: self.dsi_expr,
            SI: self.si_expr, OI: self.oi_expr, OS: self.os_expr, OD: self.od_expr,
            TIS: self.tis_expr, TLAB: self.tlab_expr,
        }.get(typ)
        if gen is None:
            return self.user_expr(typ, d)
        return gen(d)

    def leaf(self, typ):
        vs = self.vars_of(typ)
        if vs and self.chance(0.6):
            return self.pick(vs)
        return {
            INT: self.int_lit, DBL: self.dbl_lit, STR: self.str_lit,
            BOOL: lambda: self.pick(["true", "false"]),
            AI: lambda: "[" + ", ".join(self.int_lit() for _ in range(self.r.randint(1, 4))) + "]"
            if self.chance(0.85) else "[Int]()",
            AD: lambda: "[" + ", ".join(self.dbl_lit() for _ in range(self.r.randint(1, 4))) + "]",
            AS: lambda: "[" + ", ".join(self.str_lit() for _ in range(self.r.randint(1, 3))) + "]",
            DSI: lambda: self.pick(['["a": 1]', '[String: Int]()', '["x": 3, "y": 4]', '["k": -2, "m": 9]']),
            SI: lambda: self.pick(["Set([1, 2, 3])", "Set<Int>()", "([4, 5] as Set<Int>)",
                                   "Set([3, 3, 1])"]),
            OI: lambda: self.pick(["(nil as Int?)", "Int(\"12\")", "Int(\"x\")", "Optional(5)"]),
            OS: lambda: self.pick(["(nil as String?)", '("s" as String?)', "Optional(\"t\")"]),
            OD: lambda: self.pick(["(nil as Double?)", "Double(\"2.5\")", "Double(\"abc\")"]),
            TIS: lambda: f"({self.int_lit()}, {self.str_lit()})",
            TLAB: lambda: f"(lo: {self.int_lit()}, hi: {self.int_lit()})",
            DSD: lambda: self.wide_leaf(DSD), DIS: lambda: self.wide_leaf(DIS), SS: lambda: self.wide_leaf(SS),
        }.get(typ, lambda: self.user_expr(typ, 4))()

    def call_expr(self, typ, d):
        fs = [f for f in self.funcs if f.ret == typ and not any(p[3] for p in f.params)]
        if not fs:
            return None
        f = self.pick(fs)
        if f.recursive:  # a small argument: deep recursion is a limit, not a meaning
            return f"{f.name}({self.r.randint(0, 15) if self.chance(0.9) else self.r.randint(16, 25)})"
        args = []
        for label, ptype, default, _ in f.params:
            if default is not None and self.chance(0.4):
                continue
            if ptype == "(Int) -> Int":
                args.append((label, "{ $0 " + self.pick(["+", "*", "-"]) + " " + self.int_lit() + " }"))
                continue
            e = self.expr(ptype, d + 1)
            args.append((label, e))
        parts = [(f"{l}: {e}" if l else e) for l, e in args]
        return f"{f.name}({', '.join(parts)})"

    def int_expr(self, d):
        r = self.r.random()
        opts = []
        c = self.call_expr(INT, d) if self.chance(0.15) else None
        if c:
            return c
        if r < 0.25:
            return self.leaf(INT)
        if r < 0.5:
            op = self.pick(["+", "-", "*", "/", "%", "+", "*", "&+", "&*", "&-", "<<", ">>", "&", "|", "^"])
            rhs = self.operand(self.expr(INT, d + 1))
            if op in ("/", "%") and rhs == "0" and self.chance(0.9):
                rhs = "3"
            return f"{self.operand(self.expr(INT, d + 1))} {op} {rhs}"
        if r < 0.55:
            return f"({self.expr(INT, d + 1)})"
        opts = [
            lambda: f"Int({self.expr(DBL, d + 1)})",
            lambda: f"Int(({self.expr(DBL, d + 1)}).rounded())",
            lambda: f"Int(exactly: {self.expr(DBL, d + 1)}) ?? -1",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.count",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.count",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.reduce(0, +)",
            lambda: f"({self.atom(self.expr(AI, d + 1))}.min() ?? 0)",
            lambda: f"({self.atom(self.expr(AI, d + 1))}.max() ?? {self.int_lit()})",
            lambda: f"abs({self.expr(INT, d + 1)})",
            lambda: f"max({self.expr(INT, d + 1)}, {self.expr(INT, d + 1)})",
            lambda: f"min({self.expr(INT, d + 1)}, {self.expr(INT, d + 1)})",
            lambda: f"({self.expr(BOOL, d + 1)} ? {self.expr(INT, d + 1)} : {self.expr(INT, d + 1)})",
            lambda: f"(Int({self.expr(STR, d + 1)}) ?? {self.int_lit()})",
            lambda: f"({self.expr(OI, d + 1)} ?? {self.int_lit()})",
            lambda: f"{self.atom(self.expr(TIS, d + 1))}.0",
            lambda: f"{self.atom(self.expr(TLAB, d + 1))}.hi",
            lambda: f"({self.atom(self.expr(AI, d + 1))}.firstIndex(of: {self.int_lit()}) ?? -1)",
            lambda: f"({self.expr(DSI, d + 1)}[{self.str_lit()}] ?? 0)",
            lambda: f"{self.expr(DSI, d + 1)}[{self.str_lit()}, default: {self.int_lit()}]",
            lambda: f"{self.atom(self.expr(INT, d + 1))}.signum()",
            lambda: f"{self.atom(self.expr(INT, d + 1))}.quotientAndRemainder(dividingBy: {self.int_lit()}).remainder",
            lambda: self.negate(self.leaf(INT)),
            lambda: f"{self.atom(self.expr(SI, d + 1))}.count",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.filter {{ $0 > {self.int_lit()} }}.count" if not self.in_closure else "0",
            lambda: f"Int({self.atom(self.expr(DBL, d + 1))}.rounded(.{self.pick(['down', 'up', 'towardZero', 'toNearestOrEven', 'awayFromZero'])}))",
            lambda: f"Int(Double({self.expr(INT, d + 1)}) / {self.dbl_lit()})",
            lambda: self.index_expr(AI, INT, d),
            lambda: self.member_expr(INT, d),
        ]
        return self.pick(opts)()

    def index_expr(self, atyp, etyp, d):
        vs = self.vars_of(atyp)
        default = self.leaf(etyp)
        if not vs:
            return default
        a = self.pick(vs)
        k = self.r.randint(0, 3)
        if self.chance(0.1):
            return f"{a}[{k}]"  # may be out of range: both must trap
        return f"({a}.count > {k} ? {a}[{k}] : {default})"

    @staticmethod
    def top_level_space(e):
        depth, quote, i = 0, False, 0
        while i < len(e):
            ch = e[i]
            if quote:
                if ch == "\\":
                    i += 1
                elif ch == '"':
                    quote = False
            elif ch == '"':
                quote = True
            elif ch in "([{":
                depth += 1
            elif ch in ")]}":
                depth -= 1
            elif ch == " " and depth == 0:
                return True
            i += 1
        return False

    def atom(self, e):
        """`e` as the receiver of a member: in parentheses unless it is one term."""
        if e.startswith("-") or self.top_level_space(e):
            return f"({e})"
        return e

    def operand(self, e):
        """`e` as an operand of a binary operator: usually in parentheses when it has
        operators of its own (always when their precedence could change its type)."""
        if not self.top_level_space(e):
            return e
        if self.chance(0.6) or any(t in e for t in ("??", " ? ", "<", ">", "==", "!=", " as ")):
            return f"({e})"
        return e

    @staticmethod
    def negate(e):
        if e.startswith("-"):
            return e[1:] if e[1:].isdigit() else f"-({e})"
        return f"-{e}"

    def printable(self, t, e):
        """`e` in a form whose text does not depend on hash order."""
        if t in (SI, SS):
            return f"{e}.sorted()"
        if t in (DSI, DSD, DIS):
            return f"{e}.sorted(by: {{ $0.key < $1.key }})"
        return e

    def member_expr(self, typ, d):
        for s in self.r.sample(self.structs, len(self.structs)):
            vs = self.vars_of(s.name)
            base = self.pick(vs) if vs and self.chance(0.7) else None
            props = [p for p, t, _ in s.props if t == typ]
            comps = [c for c, t in s.computed if t == typ]
            meths = [m for m in s.methods if m[3] == typ and not m[4]]
            choices = [("p", p) for p in props] + [("c", c) for c in comps] + [("m", m) for m in meths]
            if not choices:
                continue
            if base is None:
                base = self.user_expr(s.name, d + 1)
            kind, what = self.pick(choices)
            if kind in "pc":
                return f"{base}.{what}"
            name, label, ptype, _, _ = what
            if ptype is None:
                return f"{base}.{name}()"
            arg = self.expr(ptype, d + 1)
            return f"{base}.{name}({label + ': ' if label else ''}{arg})"
        for e in self.enums:
            if e.kind == "raw" and typ == INT:
                return f"{e.name}.{self.pick(e.cases)[0]}.rawValue"
            if e.kind == "assoc" and typ == DBL:
                vs = self.vars_of(e.name)
                base = self.pick(vs) if vs else self.user_expr(e.name, d + 1)
                return f"{base}.size"
        return self.leaf(typ)

    def dbl_expr(self, d):
        c = self.call_expr(DBL, d) if self.chance(0.15) else None
        if c:
            return c
        r = self.r.random()
        if r < 0.25:
            return self.leaf(DBL)
        if r < 0.5:
            op = self.pick(["+", "-", "*", "/"])
            a, b = self.expr(DBL, d + 1), self.expr(DBL, d + 1)
            if self.chance(0.15):
                b = self.int_lit().strip("()")  # a literal adapts to Double
                if not b[0].isdigit():
                    b = "2"
            return f"{self.operand(a)} {op} {self.operand(b)}"
        if r < 0.55:
            return f"({self.expr(DBL, d + 1)})"
        opts = [
            lambda: f"Double({self.expr(INT, d + 1)})",
            lambda: f"sqrt({self.expr(DBL, d + 1)})",
            lambda: f"pow({self.expr(DBL, d + 1)}, {self.pick(['2.0', '0.5', '3', '-1.0', '10'])})",
            lambda: f"exp({self.expr(DBL, d + 1)})",
            lambda: f"log({self.expr(DBL, d + 1)})",
            lambda: f"{self.pick(['sin', 'cos', 'floor', 'ceil', 'round', 'abs', 'log10', 'log2', 'tan', 'atan', 'trunc'])}({self.expr(DBL, d + 1)})",
            lambda: f"({self.expr(DBL, d + 1)}).rounded()",
            lambda: f"({self.expr(DBL, d + 1)}).rounded(.{self.pick(['down', 'up', 'towardZero', 'toNearestOrEven', 'awayFromZero'])})",
            lambda: f"({self.expr(DBL, d + 1)}).squareRoot()",
            lambda: f"({self.expr(DBL, d + 1)}).truncatingRemainder(dividingBy: {self.dbl_lit()})",
            lambda: f"max({self.expr(DBL, d + 1)}, {self.expr(DBL, d + 1)})",
            lambda: f"min({self.expr(DBL, d + 1)}, {self.expr(DBL, d + 1)})",
            lambda: f"{self.atom(self.expr(AD, d + 1))}.reduce(0, +)",
            lambda: f"({self.atom(self.expr(AD, d + 1))}.max() ?? 0)",
            lambda: f"({self.atom(self.expr(AD, d + 1))}.first ?? -1)",
            lambda: f"(Double({self.expr(STR, d + 1)}) ?? {self.dbl_lit()})",
            lambda: f"({self.expr(OD, d + 1)} ?? 0.5)",
            lambda: f"({self.expr(BOOL, d + 1)} ? {self.expr(DBL, d + 1)} : {self.expr(DBL, d + 1)})",
            lambda: f"Double({self.expr(INT, d + 1)}) / Double({self.expr(INT, d + 1)})",
            lambda: self.negate(self.leaf(DBL)),
            lambda: f"{self.atom(self.expr(AD, d + 1))}.reduce(1) {{ $0 * $1 }}" if not self.in_closure else "1.0",
            lambda: self.index_expr(AD, DBL, d),
            lambda: self.member_expr(DBL, d),
            lambda: f"Double({self.atom(self.expr(AI, d + 1))}.reduce(0, +)) / Double(max(1, {self.atom(self.expr(AI, d + 1))}.count))",
            lambda: f"({self.expr(DBL, d + 1)}).magnitude",
        ]
        return self.pick(opts)()

    def bool_expr(self, d):
        r = self.r.random()
        if r < 0.15:
            return self.leaf(BOOL)
        if r < 0.45:
            t = self.pick([INT, INT, DBL, STR])
            op = self.pick(["<", "<=", ">", ">=", "==", "!="])
            return f"{self.operand(self.expr(t, d + 1))} {op} {self.operand(self.expr(t, d + 1))}"
        opts = [
            lambda: f"{self.operand(self.expr(BOOL, d + 1))} && {self.operand(self.expr(BOOL, d + 1))}",
            lambda: f"{self.operand(self.expr(BOOL, d + 1))} || {self.operand(self.expr(BOOL, d + 1))}",
            lambda: f"!({self.expr(BOOL, d + 1)})",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.contains({self.expr(INT, d + 1)})",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.isEmpty",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.isEmpty",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.hasPrefix({self.str_lit()})",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.contains({self.str_lit()})",
            lambda: f"{self.expr(AI, d + 1)} == {self.expr(AI, d + 1)}",
            lambda: f"{self.atom(self.expr(SI, d + 1))}.contains({self.int_lit()})",
            lambda: f"({self.expr(DBL, d + 1)}).isNaN",
            lambda: f"({self.expr(DBL, d + 1)}).isFinite",
            lambda: f"{self.atom(self.expr(INT, d + 1))}.isMultiple(of: {self.int_lit()})",
            lambda: f"{self.expr(OI, d + 1)} == nil",
            lambda: f"{self.expr(OI, d + 1)} == {self.int_lit()}",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.allSatisfy {{ $0 >= 0 }}" if not self.in_closure else "true",
            lambda: f"{self.expr(TIS, d + 1)} == {self.expr(TIS, d + 1)}",
            lambda: f"{self.atom(self.expr(AS, d + 1))}.contains({self.str_lit()})",
            lambda: f"{self.atom(self.expr(SI, d + 1))}.isSubset(of: {self.expr(SI, d + 1)})",
            lambda: self.user_eq(d),
        ]
        return self.pick(opts)()

    def describe(self, d):
        t = self.pick(PRINTABLE)
        return f"String(describing: {self.printable(t, self.expr(t, d + 1))})"

    def user_eq(self, d):
        eqs = [s for s in self.structs if s.equatable] + [e for e in self.enums if e.equatable]
        if not eqs:
            return "true"
        t = self.pick(eqs).name
        return f"{self.expr(t, d + 1)} {self.pick(['==', '!='])} {self.expr(t, d + 1)}"

    def str_expr(self, d):
        c = self.call_expr(STR, d) if self.chance(0.1) else None
        if c:
            return c
        r = self.r.random()
        if r < 0.2:
            return self.leaf(STR)
        if r < 0.35:
            parts = []
            for _ in range(self.r.randint(1, 3)):
                t = self.pick(PRINTABLE + [INT, DBL, STR] + [s.name for s in self.structs] + [e.name for e in self.enums])
                parts.append(self.pick(["", "x=", " ", "-", ": "]) + "\\(" + self.printable(t, self.expr(t, d + 2)) + ")")
            return '"' + "".join(parts) + self.pick(["", "!", " end"]) + '"'
        opts = [
            lambda: f"{self.expr(STR, d + 1)} + {self.expr(STR, d + 1)}",
            lambda: f"String({self.expr(INT, d + 1)})",
            lambda: f"String({self.expr(DBL, d + 1)})",
            lambda: f'String(format: "{self.pick(FORMATS_DBL)}", {self.expr(DBL, d + 1)})',
            lambda: f'String(format: "{self.pick(FORMATS_INT)}", {self.expr(INT, d + 1)})',
            lambda: f'String(format: "{self.pick(FORMATS_INT)} {self.pick(FORMATS_DBL)}", {self.expr(INT, d + 1)}, {self.expr(DBL, d + 1)})',
            lambda: f'String(format: "%@|%5@", {self.expr(STR, d + 1)}, {self.str_lit()})',
            lambda: f"{self.atom(self.expr(STR, d + 1))}.uppercased()",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.lowercased()",
            lambda: f"String({self.atom(self.expr(STR, d + 1))}.reversed())",
            lambda: f"{self.atom(self.expr(AS, d + 1))}.joined(separator: {self.pick(JOINERS)})",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.map {{ String($0) }}.joined(separator: \" \")" if not self.in_closure else '""',
            lambda: f"String(repeating: {self.str_lit()}, count: {self.r.randint(0, 4)})",
            lambda: f"String({self.atom(self.expr(STR, d + 1))}.prefix({self.r.randint(0, 4)}))",
            lambda: f"String({self.atom(self.expr(STR, d + 1))}.dropFirst())",
            lambda: f"({self.expr(OS, d + 1)} ?? {self.str_lit()})",
            lambda: f"({self.expr(BOOL, d + 1)} ? {self.expr(STR, d + 1)} : {self.expr(STR, d + 1)})",
            lambda: self.describe(d),
            lambda: f"{self.atom(self.expr(TIS, d + 1))}.1",
            lambda: f"\"\\({self.expr(AD, d + 1)})\"",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.replacingOccurrences(of: {self.str_lit()}, with: {self.str_lit()})",
            lambda: f"({self.atom(self.expr(AS, d + 1))}.sorted().first ?? \"\")",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.trimmingCharacters(in: .whitespaces)",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.split(separator: \" \").map {{ String($0) }}.joined(separator: \"+\")" if not self.in_closure else '""',
            lambda: self.member_expr(STR, d),
            lambda: f"String({self.expr(BOOL, d + 1)})",
            lambda: f"{self.atom(self.expr(STR, d + 1))}.padding(toLength: {self.r.randint(0, 8)}, withPad: \".\", startingAt: 0)",
        ]
        return self.pick(opts)()

    def ai_expr(self, d):
        if self.chance(0.3):
            return self.leaf(AI)
        closures = not self.in_closure
        opts = [
            lambda: f"Array(0..<{self.r.randint(0, 6)})",
            lambda: f"Array({self.r.randint(-2, 3)}...{self.r.randint(3, 7)})",
            lambda: f"Array(stride(from: {self.r.randint(0, 3)}, to: {self.r.randint(4, 12)}, by: {self.r.randint(1, 3)}))",
            lambda: f"Array(stride(from: {self.r.randint(6, 10)}, through: {self.r.randint(-2, 3)}, by: -{self.r.randint(1, 3)}))",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.sorted()",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.sorted(by: >)",
            lambda: f"Array({self.atom(self.expr(AI, d + 1))}.reversed())",
            lambda: f"Array({self.atom(self.expr(AI, d + 1))}.prefix({self.r.randint(0, 3)}))",
            lambda: f"Array({self.atom(self.expr(AI, d + 1))}.dropFirst())",
            lambda: f"Array({self.atom(self.expr(AI, d + 1))}.suffix(2))",
            lambda: f"Array(repeating: {self.int_lit()}, count: {self.r.randint(0, 4)})",
            lambda: f"{self.atom(self.expr(SI, d + 1))}.sorted()",
            lambda: f"{self.atom(self.expr(DSI, d + 1))}.values.sorted()",
        ]
        if self.loop_depth == 0:
            opts.append(lambda: f"{self.expr(AI, d + 1)} + {self.expr(AI, d + 1)}")
        if closures:
            self.in_closure = True
            opts += [
                lambda: f"{self.atom(self.expr(AI, d + 1))}.map {{ $0 {self.pick(['*', '+', '-', '%'])} {self.int_lit()} }}",
                lambda: f"{self.atom(self.expr(AI, d + 1))}.filter {{ $0 % 2 == {self.r.randint(0, 1)} }}",
                lambda: f"{self.atom(self.expr(AI, d + 1))}.enumerated().map {{ $0.offset * $0.element }}",
                lambda: f"zip({self.expr(AI, d + 1)}, {self.expr(AI, d + 1)}).map {{ $0 + $1 }}",
                lambda: f"(0..<{self.r.randint(0, 6)}).map {{ $0 * $0 }}",
                lambda: f"{self.atom(self.expr(AS, d + 1))}.compactMap {{ Int($0) }}",
                lambda: f"{self.atom(self.expr(AD, d + 1))}.map {{ Int($0) }}",
                lambda: f"{self.atom(self.expr(AI, d + 1))}.sorted {{ $0 % 3 < $1 % 3 }}",
                lambda: f"{self.atom(self.expr(AS, d + 1))}.map {{ $0.count }}",
                lambda: f"{self.atom(self.expr(AI, d + 1))}.reduce(into: [Int]()) {{ $0.append($1 * 2) }}",
                lambda: f"{self.atom(self.expr(AI, d + 1))}.flatMap {{ [$0, $0] }}",
            ]
            choice = self.pick(opts)
            try:
                return choice()
            finally:
                self.in_closure = False
        return self.pick(opts)()

    def ad_expr(self, d):
        if self.chance(0.35):
            return self.leaf(AD)
        opts = [
            lambda: f"{self.atom(self.expr(AD, d + 1))}.sorted()",
            lambda: f"Array(stride(from: {self.dbl_lit()}, to: {self.r.randint(1, 5)}.0, by: 0.5))",
            lambda: f"Array(repeating: {self.dbl_lit()}, count: {self.r.randint(0, 3)})",
            lambda: f"Array({self.atom(self.expr(AD, d + 1))}.reversed())",
        ]
        if not self.in_closure:
            self.in_closure = True
            opts += [
                lambda: f"{self.atom(self.expr(AI, d + 1))}.map {{ Double($0) {self.pick(['*', '/', '+'])} {self.dbl_lit()} }}",
                lambda: f"{self.atom(self.expr(AD, d + 1))}.map {{ $0 * $0 }}",
                lambda: f"{self.atom(self.expr(AD, d + 1))}.filter {{ $0 > {self.dbl_lit()} }}",
                lambda: f"{self.atom(self.expr(AI, d + 1))}.map {{ Double($0) }}",
                lambda: f"{self.atom(self.expr(AD, d + 1))}.map {{ ($0 * 100).rounded() / 100 }}",
            ]
            try:
                return self.pick(opts)()
            finally:
                self.in_closure = False
        return self.pick(opts)()

    def as_expr(self, d):
        if self.chance(0.35):
            return self.leaf(AS)
        opts = [
            lambda: f"{self.atom(self.expr(AS, d + 1))}.sorted()",
            lambda: f"{self.atom(self.expr(DSI, d + 1))}.keys.sorted()",
            lambda: f"Array({self.atom(self.expr(AS, d + 1))}.reversed())",
        ]
        if not self.in_closure:
            self.in_closure = True
            opts += [
                lambda: f"{self.atom(self.expr(AI, d + 1))}.map {{ \"n\\($0)\" }}",
                lambda: f"{self.atom(self.expr(AS, d + 1))}.map {{ $0.uppercased() }}",
                lambda: f"{self.atom(self.expr(STR, d + 1))}.split(separator: \"{self.pick([' ', ',', 'a'])}\").map {{ String($0) }}",
                lambda: f"{self.atom(self.expr(AD, d + 1))}.map {{ String(format: \"%.1f\", $0) }}",
                lambda: f"{self.atom(self.expr(STR, d + 1))}.map {{ String($0) }}",
                lambda: f"{self.atom(self.expr(AS, d + 1))}.filter {{ !$0.isEmpty }}",
                lambda: f"{self.atom(self.expr(AS, d + 1))}.enumerated().map {{ \"\\($0.offset):\\($0.element)\" }}",
            ]
            try:
                return self.pick(opts)()
            finally:
                self.in_closure = False
        return self.pick(opts)()

    def dsi_expr(self, d):
        if self.chance(0.6) or self.in_closure:
            return self.leaf(DSI)
        self.in_closure = True
        try:
            return self.pick([
                lambda: f"Dictionary(uniqueKeysWithValues: zip({self.atom(self.expr(AS, d + 1))}.map {{ $0 + \"k\" }}.prefix(1), [{self.int_lit()}]))",
                lambda: f"{self.atom(self.expr(DSI, d + 1))}.mapValues {{ $0 * 2 }}",
                lambda: f"{self.atom(self.expr(DSI, d + 1))}.filter {{ $0.value > 0 }}",
                lambda: f"{self.atom(self.expr(AS, d + 1))}.reduce(into: [String: Int]()) {{ $0[$1, default: 0] += 1 }}",
            ])()
        finally:
            self.in_closure = False

    def si_expr(self, d):
        if self.chance(0.5):
            return self.leaf(SI)
        return self.pick([
            lambda: f"Set({self.expr(AI, d + 1)})",
            lambda: f"{self.atom(self.expr(SI, d + 1))}.union({self.expr(SI, d + 1)})",
            lambda: f"{self.atom(self.expr(SI, d + 1))}.intersection({self.expr(AI, d + 1)})",
            lambda: f"{self.atom(self.expr(SI, d + 1))}.subtracting({self.expr(SI, d + 1)})",
            lambda: f"{self.atom(self.expr(SI, d + 1))}.symmetricDifference({self.expr(SI, d + 1)})",
        ])()

    def oi_expr(self, d):
        if self.chance(0.35):
            return self.leaf(OI)
        return self.pick([
            lambda: f"{self.atom(self.expr(AI, d + 1))}.first",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.last",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.min()",
            lambda: f"Int({self.expr(STR, d + 1)})",
            lambda: f"{self.expr(DSI, d + 1)}[{self.str_lit()}]",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.firstIndex(of: {self.int_lit()})",
            lambda: f"Int(exactly: {self.expr(DBL, d + 1)})",
            lambda: f"{self.atom(self.expr(OS, d + 1))}.map {{ $0.count }}" if not self.in_closure else "nil",
            lambda: f"({self.expr(OS, d + 1)}?.count)",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.first(where: {{ $0 > {self.int_lit()} }})" if not self.in_closure else "nil",
            lambda: f"({self.expr(BOOL, d + 1)} ? {self.int_lit()} : nil)",
        ])()

    def os_expr(self, d):
        if self.chance(0.4):
            return self.leaf(OS)
        return self.pick([
            lambda: f"{self.atom(self.expr(AS, d + 1))}.first",
            lambda: f"({self.atom(self.expr(AS, d + 1))}.randomElement() == nil ? nil : {self.atom(self.expr(AS, d + 1))}.last)",
            lambda: f"{self.atom(self.expr(OI, d + 1))}.map {{ String($0) }}" if not self.in_closure else "nil",
            lambda: f"{self.atom(self.expr(AS, d + 1))}.max()",
        ])()

    def od_expr(self, d):
        if self.chance(0.4):
            return self.leaf(OD)
        return self.pick([
            lambda: f"{self.atom(self.expr(AD, d + 1))}.last",
            lambda: f"{self.atom(self.expr(AD, d + 1))}.min()",
            lambda: f"Double({self.expr(STR, d + 1)})",
            lambda: f"{self.atom(self.expr(OI, d + 1))}.map {{ Double($0) / 4 }}" if not self.in_closure else "nil",
        ])()

    def tis_expr(self, d):
        if self.chance(0.5):
            return self.leaf(TIS)
        return f"({self.expr(INT, d + 1)}, {self.expr(STR, d + 1)})"

    def tlab_expr(self, d):
        c = self.call_expr(TLAB, d)
        if c and self.chance(0.5):
            return c
        if self.chance(0.4):
            return self.leaf(TLAB)
        return f"(lo: {self.expr(INT, d + 1)}, hi: {self.expr(INT, d + 1)})"

    def user_expr(self, typ, d):
        vs = self.vars_of(typ)
        if vs and self.chance(0.5):
            return self.pick(vs)
        for s in self.structs:
            if s.name == typ:
                args = ", ".join(f"{p}: {self.expr(t, d + 1) if d < 4 else self.leaf(t)}" for p, t, _ in s.props)
                return f"{s.name}({args})"
        for e in self.enums:
            if e.name == typ:
                if e.kind == "raw":
                    c = self.pick(e.cases)[0]
                    if self.chance(0.2):
                        return f"({e.name}(rawValue: {self.int_lit()}) ?? .{c})"
                    return f"{e.name}.{c}"
                c, fields = self.pick(e.cases)
                if not fields:
                    return f"{e.name}.{c}"
                args = ", ".join((f"{l}: " if l else "") + (self.expr(t, d + 1) if d < 4 else self.leaf(t)) for l, t in fields)
                return f"{e.name}.{c}({args})"
        raise ValueError("unknown type " + typ)

    # ---------------------------------------------------------------- statements
    def any_type(self):
        ts = PRINTABLE + [INT, INT, DBL, DBL, STR, AI]
        ts += [s.name for s in self.structs] * 2 + [e.name for e in self.enums] * 2
        return self.pick(ts)

    def stmt(self, depth):
        if self.chance(self.wide_rate / 2):
            return self.wide_stmt(depth)
        r = self.r.random()
        if r < 0.2:
            return self.decl_stmt()
        if r < 0.42:
            return self.print_stmt()
        if r < 0.55:
            return self.assign_stmt()
        if depth < 2:
            if r < 0.63:
                return self.if_stmt(depth)
            if r < 0.73:
                return self.for_stmt(depth)
            if r < 0.76:
                return self.while_stmt(depth)
            if r < 0.82:
                return self.switch_stmt(depth)
            if r < 0.85:
                return self.iflet_stmt(depth)
        if r < 0.9:
            return self.closure_stmt()
        if r < 0.95:
            return self.value_semantics_stmt()
        return self.mutate_user_stmt()

    def block(self, depth, n=None):
        self.push()
        n = n if n is not None else self.r.randint(1, 3)
        lines = [self.stmt(depth + 1) for _ in range(n)]
        self.pop()
        return lines

    @staticmethod
    def indent(lines, by="  "):
        return "\n".join(by + l for line in lines for l in line.split("\n"))

    def decl_stmt(self):
        self.tag("declaration")
        t = self.any_type()
        name = self.fresh()
        e = self.expr(t)
        mutable = self.chance(0.5)
        kw = "var" if mutable else "let"
        ann = ""
        if t in (OI, OS, OD, SI, DSI) or (t in (AI, AD) and self.chance(0.3)) or self.chance(0.15):
            ann = f": {t}"
        self.declare(name, t, mutable)
        return f"{kw} {name}{ann} = {e}"

    def print_stmt(self):
        self.tag("print")
        n = self.r.randint(1, 3)
        items = []
        for _ in range(n):
            t = self.any_type()
            e = self.printable(t, self.expr(t, 1))
            if t in (OI, OS, OD) and self.chance(0.7):
                e = f"{e} as Any" if not e.endswith(")") or self.chance(0.5) else f"String(describing: {e})"
            items.append(e)
        extra = []
        if self.chance(0.25):
            extra.append("separator: " + self.pick(SEPARATORS))
        if self.chance(0.2):
            extra.append("terminator: " + self.pick(TERMINATORS))
        if self.chance(0.05):
            return "print()"
        return f"print({', '.join(items + extra)})"

    def assign_stmt(self):
        muts = [(n, t) for sc in self.scopes for n, (t, m) in sc.items() if m]
        if not muts:
            return self.decl_stmt()
        n, t = self.pick(muts)
        text = self.assign_to(n, t)
        if text.split(" ", 2)[-1] == n:  # `x = x` is an error in Swift
            saved, self.scopes = self.scopes, [{}]  # a value that cannot be `n` itself
            try:
                return f"{n} = {self.expr(t, 3)}"
            finally:
                self.scopes = saved
        return text

    def assign_to(self, n, t):
        if t == INT:
            op = self.pick(["=", "+=", "-=", "*=", "/=", "%=", "&+=", "<<="])
            rhs = self.expr(INT, 2) if self.loop_depth == 0 or op in ("=", "+=", "-=") else self.int_lit()
            return f"{n} {op} {rhs}"
        if t == DBL:
            return f"{n} {self.pick(['=', '+=', '-=', '*=', '/='])} {self.expr(DBL, 2)}"
        if t == STR:
            if self.loop_depth:
                return f"{n} += " + self.pick([self.str_lit(), '"\\(' + self.expr(INT, 3) + ')"'])
            return f"{n} {self.pick(['=', '+='])} {self.expr(STR, 1)}"
        if t == AI:
            k = self.r.random()
            if k < 0.4:
                return f"{n}.append({self.expr(INT, 2)})"
            if k < 0.5 and self.loop_depth == 0:
                return f"{n} += {self.expr(AI, 2)}"
            if k < 0.6:
                return f"if !{n}.isEmpty {{ {n}[{n}.count - 1] {self.pick(['=', '+=', '*='])} {self.expr(INT, 2)} }}"
            if k < 0.7:
                return f"{n}.sort(by: >)"
            if k < 0.75:
                return f"if !{n}.isEmpty {{ {n}.removeLast() }}"
            if k < 0.8:
                return f"{n}.insert({self.int_lit()}, at: 0)"
            if k < 0.85:
                return f"{n}.swapAt(0, {n}.count - 1)"  # traps when empty, as in Swift
            if k < 0.9:
                return f"{n}.reverse()"
            if self.loop_depth:
                return f"{n}.append({self.int_lit()})"
            return f"{n} = {self.expr(AI, 1)}"
        if t == AD:
            return f"{n}.append({self.expr(DBL, 2)})"
        if t == AS:
            return f"{n}.append({self.expr(STR, 2) if not self.loop_depth else self.str_lit()})"
        if t == DSI:
            k = self.r.random()
            if k < 0.4:
                return f"{n}[{self.str_lit()}] = {self.expr(INT, 2)}"
            if k < 0.7:
                return f"{n}[{self.str_lit()}, default: 0] += {self.int_lit()}"
            if k < 0.85:
                return f"{n}[{self.str_lit()}] = nil"
            return f"{n}.removeValue(forKey: {self.str_lit()})"
        if t == SI:
            return self.pick([f"{n}.insert({self.int_lit()})", f"{n}.remove({self.int_lit()})",
                              f"{n}.formUnion([{self.int_lit()}])"])
        if t == DSD:
            return f"{n}[{self.str_lit()}, default: 0] += {self.expr(DBL, 2)}"
        if t == DIS:
            return f"{n}[{self.r.randint(-3, 7)}] = {self.expr(STR, 2) if not self.loop_depth else self.str_lit()}"
        if t == SS:
            return f"{n}.insert({self.str_lit()})"
        if t == BOOL:
            return self.pick([f"{n}.toggle()", f"{n} = {self.expr(BOOL, 1)}"])
        if t in (OI, OS, OD):
            return f"{n} = {self.expr(t, 1)}"
        if t == TIS:
            return self.pick([f"{n}.0 += {self.int_lit()}", f"{n}.1 = {self.str_lit()}", f"{n} = {self.expr(TIS, 1)}"])
        if t == TLAB:
            return f"{n}.lo = {self.expr(INT, 2)}"
        return self.mutate_user_var(n, t)

    def mutate_user_var(self, n, t):
        for s in self.structs:
            if s.name == t:
                muts = [m for m in s.methods if m[4]]
                vprops = [(p, pt) for p, pt, v in s.props if v and pt in (INT, DBL, STR)]
                if muts and self.chance(0.5):
                    name, label, ptype, _, _ = self.pick(muts)
                    arg = self.expr(ptype, 2) if ptype else ""
                    return f"{n}.{name}({label + ': ' if label and ptype else ''}{arg})"
                if vprops:
                    p, pt = self.pick(vprops)
                    op = "+=" if pt != STR or not self.loop_depth else "+="
                    rhs = self.expr(pt, 2) if not self.loop_depth or pt != STR else self.str_lit()
                    return f"{n}.{p} {op} {rhs}"
        return f"{n} = {self.expr(t, 1)}"

    @staticmethod
    def head(e):
        """`e` where a statement's condition or sequence stands: a trailing closure there
        needs parentheses."""
        return f"({e})" if "{" in e else e

    def if_stmt(self, depth):
        self.tag("if")
        cond = self.head(self.expr(BOOL, 1))
        out = f"if {cond} {{\n{self.indent(self.block(depth))}\n}}"
        if self.chance(0.3):
            out += f" else if {self.head(self.expr(BOOL, 1))} {{\n{self.indent(self.block(depth))}\n}}"
        if self.chance(0.5):
            out += f" else {{\n{self.indent(self.block(depth))}\n}}"
        return out

    def for_stmt(self, depth):
        self.tag("for")
        v = self.fresh("i")
        k = self.r.random()
        self.loop_depth += 1
        self.push()
        if k < 0.3:
            seq = self.pick([f"0..<{self.r.randint(0, 5)}", f"1...{self.r.randint(1, 5)}",
                             f"stride(from: 0, to: {self.r.randint(1, 9)}, by: {self.r.randint(1, 3)})",
                             f"(0..<{self.r.randint(1, 5)}).reversed()",
                             f"stride(from: {self.r.randint(3, 7)}, through: 0, by: -2)"])
            self.declare(v, INT, False)
            head = f"for {v} in {seq}"
        elif k < 0.5:
            seq = self.head(self.expr(AI, 2))
            self.declare(v, INT, False)
            head = f"for {v} in {seq}"
        elif k < 0.6:
            seq = self.head(self.expr(AS, 2))
            self.declare(v, STR, False)
            head = f"for {v} in {seq}"
        elif k < 0.7:
            seq = self.head(self.expr(AI, 2))
            o = self.fresh("o")
            self.declare(v, INT, False)
            self.declare(o, INT, False)
            head = f"for ({o}, {v}) in {seq}.enumerated()"
        elif k < 0.8:
            a, b = self.expr(AI, 2), self.expr(AS, 2)
            s = self.fresh("s")
            self.declare(v, INT, False)
            self.declare(s, STR, False)
            head = f"for ({v}, {s}) in zip({a}, {b})"
        elif k < 0.9:
            seq = f"0..<{self.r.randint(1, 6)}"
            self.declare(v, INT, False)
            self.tag("for-where")
            head = f"for {v} in {seq} where {v} % {self.r.randint(2, 3)} {self.pick(['==', '!='])} 0"
        else:
            seq = self.head(self.expr(AD, 2))
            self.declare(v, DBL, False)
            head = f"for {v} in {seq}"
        body = self.block(depth)
        if self.chance(0.2):
            # anywhere in the body, but not before a declaration it uses
            exit_stmt = self.pick(["if " + self.head(self.expr(BOOL, 2)) + " { break }",
                                   "if " + self.head(self.expr(BOOL, 2)) + " { continue }"])
            body.insert(self.r.randint(0, len(body)), exit_stmt)
        self.pop()
        self.loop_depth -= 1
        return f"{head} {{\n{self.indent(body)}\n}}"

    def while_stmt(self, depth):
        k = self.fresh("k")
        n = self.r.randint(0, 5)
        self.loop_depth += 1
        self.push()
        self.declare(k, INT, False)
        body = self.block(depth)
        self.pop()
        self.loop_depth -= 1
        is_while = self.chance(0.5)
        self.tag("while" if is_while else "repeat")
        if is_while:
            return f"var {k} = 0\nwhile {k} < {n} {{\n{self.indent(body)}\n  {k} += 1\n}}"
        return f"var {k} = 0\nrepeat {{\n{self.indent(body)}\n  {k} += 1\n}} while {k} < {n}"

    def switch_stmt(self, depth):
        self.tag("switch")
        k = self.r.random()
        cases = []
        if k < 0.4:
            subj = self.expr(INT, 1)
            lo = self.r.randint(-2, 4)
            cases.append(f"case {self.r.randint(-2, 4)}:")
            hi = lo + self.r.randint(1, 4)
            cases.append(f"case {lo}..<{hi if hi >= 0 else f'({hi})'}:")
            cases.append(f"case {self.r.randint(5, 9)}...{self.r.randint(9, 20)}, {self.r.randint(30, 40)}:")
            x = self.fresh("x")
            cases.append(f"case let {x} where {x} < 0:")
            cases.append("default:")
            names = [None, None, None, (x, INT), None]
        elif k < 0.6:
            subj = self.expr(STR, 1)
            cases = [f"case {self.str_lit()}, {self.str_lit()}:", "case \"\":", "default:"]
            names = [None, None, None]
        elif k < 0.75:
            subj = f"({self.expr(INT, 2)}, {self.expr(BOOL, 2)})"
            a = self.fresh("a")
            cases = ["case (0, _):", f"case ({self.r.randint(1, 3)}...{self.r.randint(4, 9)}, true):",
                     f"case (let {a}, false) where {a} > 2:", "default:"]
            names = [None, None, (a, INT), None]
        else:
            es = self.enums
            if not es:
                return self.print_stmt()
            e = self.pick(es)
            subj = self.expr(e.name, 1)
            names = []
            if e.kind == "raw":
                for c, _ in e.cases:
                    cases.append(f"case .{c}:")
                    names.append(None)
            else:
                for c, fields in e.cases:
                    if not fields:
                        cases.append(f"case .{c}:")
                        names.append(None)
                        continue
                    bs = [self.fresh("b") for _ in fields]
                    pat = ", ".join(f"let {b}" for b in bs)
                    cases.append(f"case .{c}({pat}):")
                    names.append([(b, t) for b, (l, t) in zip(bs, fields)])
            if self.chance(0.3) and len(cases) > 1:
                cases = cases[:-1] + ["default:"]
                names = names[:-1] + [None]
        out = [f"switch {self.head(subj)} {{"]
        for c, nm in zip(cases, names):
            self.push()
            if nm:
                for b, t in (nm if isinstance(nm, list) else [nm]):
                    self.declare(b, t, False)
            body = self.block(depth, self.r.randint(1, 2))
            self.pop()
            out.append(c)
            out.append(self.indent(body))
        out.append("}")
        return "\n".join(out)

    def iflet_stmt(self, depth):
        self.tag("if-let", "optional")
        t = self.pick([OI, OS, OD])
        base = {OI: INT, OS: STR, OD: DBL}[t]
        v = self.fresh("u")
        e = self.expr(t, 1)
        self.push()
        self.declare(v, base, False)
        body = self.block(depth)
        self.pop()
        out = f"if let {v} = {self.head(e)} {{\n{self.indent(body)}\n}}"
        if self.chance(0.5):
            out += f" else {{\n{self.indent(self.block(depth))}\n}}"
        return out

    def closure_stmt(self):
        self.tag("closure")
        k = self.r.random()
        if k < 0.5:
            c = self.fresh("count")
            f = self.fresh("next")
            step = self.int_lit()
            n = self.r.randint(1, 4)
            self.declare(c, INT, True)
            return (f"var {c} = {self.int_lit()}\nlet {f} = {{ () -> Int in\n  {c} += {step}\n  return {c}\n}}\n"
                    + "\n".join(f"print({f}(), {c})" for _ in range(n)) + f"\n{c} = {self.int_lit()}\nprint({f}())")
        if k < 0.8:
            f = self.fresh("f")
            m = self.fresh("m")
            self.declare(m, INT, True)
            out = f"var {m} = {self.int_lit()}\nlet {f}: (Int) -> Int = {{ $0 * {m} + {self.int_lit()} }}\nprint({f}({self.int_lit()}))\n{m} = {self.int_lit()}\nprint({f}({self.int_lit()}), {self.expr(AI, 2)}.map({f}))"
            return out
        fs = [f for f in self.funcs if any(p[1] == "(Int) -> Int" for p in f.params)]
        if fs:
            f = fs[0]
            return f"print({f.name}({self.int_lit()}) {{ $0 * $0 - {self.int_lit()} }})"
        return self.print_stmt()

    def value_semantics_stmt(self):
        self.tag("value-semantics")
        t = self.pick([AI, AS, DSI] + [s.name for s in self.structs])
        a, b = self.fresh(), self.fresh()
        init = self.expr(t, 1)
        self.declare(a, t, True)
        self.declare(b, t, True)
        mut = self.assign_stmt_for(b, t)
        return f"var {a} = {init}\nvar {b} = {a}\n{mut}\nprint({self.printable(t, a)})\nprint({self.printable(t, b)})"

    def assign_stmt_for(self, n, t):
        saved = self.scopes
        self.scopes = [{n: (t, True)}]
        try:
            return self.assign_stmt()
        finally:
            self.scopes = saved

    def mutate_user_stmt(self):
        self.tag("struct", "mutating")
        vs = [(n, t) for sc in self.scopes for n, (t, m) in sc.items() if m and any(s.name == t for s in self.structs)]
        if not vs:
            return self.print_stmt()
        n, t = self.pick(vs)
        return self.mutate_user_var(n, t) + f"\nprint({n})"

    # ---------------------------------------------------------------- declarations
    def gen_struct(self):
        self.tag("struct", "computed-property")
        name = f"S{len(self.structs)}_{self.suffix}"
        props = []
        for i in range(self.r.randint(1, 3)):
            props.append((self.pick(["a", "b", "c", "w", "total", "name"]) + str(i), self.pick([INT, DBL, STR, AI, INT, DBL]), self.chance(0.7)))
        equatable = self.chance(0.5)
        custom = self.chance(0.25)
        conf = []
        if equatable:
            conf.append("Equatable")
        if custom:
            conf.append("CustomStringConvertible")
        s = StructType(name, props, [], [], equatable)
        lines = [f"struct {name}{': ' + ', '.join(conf) if conf else ''} {{"]
        for p, t, v in props:
            lines.append(f"  {'var' if v else 'let'} {p}: {t}")
        saved, self.scopes = self.scopes, [{p: (t, False) for p, t, _ in props}]
        # a computed property
        ct = self.pick([INT, DBL, STR, BOOL])
        self.in_closure = False
        lines.append(f"  var summary: {ct} {{ {self.expr(ct, 2)} }}")
        s.computed.append(("summary", ct))
        # a method
        rt = self.pick([INT, DBL, STR])
        pt = self.pick([INT, DBL])
        self.push()
        self.declare("k", pt, False)
        lines.append(f"  func scaled(by k: {pt}) -> {rt} {{\n    return {self.expr(rt, 2)}\n  }}")
        self.pop()
        s.methods.append(("scaled", "by", pt, rt, False))
        vprops = [(p, t) for p, t, v in props if v and t in (INT, DBL, STR)]
        if vprops:
            p, t = self.pick(vprops)
            self.push()
            self.declare("x", t, False)
            lines.append(f"  mutating func bump(_ x: {t}) {{\n    {p} += x\n  }}")
            self.pop()
            s.methods.append(("bump", None, t, "Void", True))
        if custom:
            lines.append(f"  var description: String {{ \"<{name}\\({props[0][0]})>\" }}")
        if self.chance(0.3):
            self.scopes = [{}]
            lines.append(f"  static let zero = {name}({', '.join(p + ': ' + self.leaf(t) for p, t, _ in props)})")
        self.scopes = saved
        lines.append("}")
        self.structs.append(s)
        return "\n".join(lines)

    def gen_enum(self):
        self.tag("enum")
        name = f"E{len(self.enums)}_{self.suffix}"
        if self.chance(0.5):
            cases = [("low", self.r.randint(0, 3)), ("mid", None), ("high", None)]
            if self.chance(0.5):
                cases.append(("top", 10))
            lines = [f"enum {name}: Int, CaseIterable {{"]
            for c, raw in cases:
                lines.append(f"  case {c}" + (f" = {raw}" if raw is not None else ""))
            lines.append(f"  var next: {name} {{ {name}(rawValue: rawValue + 1) ?? .low }}")
            lines.append("}")
            self.enums.append(EnumType(name, "raw", cases))
            return "\n".join(lines)
        cases = [("circle", [(None, DBL)]), ("rect", [("w", DBL), ("h", DBL)]), ("label", [(None, STR)]), ("empty", [])]
        self.r.shuffle(cases)
        cases = cases[: self.r.randint(2, 4)]
        equatable = self.chance(0.5)
        lines = [f"enum {name}{': Equatable' if equatable else ''} {{"]
        for c, fields in cases:
            lines.append(f"  case {c}" + ("(" + ", ".join((f"{l}: " if l else "") + t for l, t in fields) + ")" if fields else ""))
        lines.append("  var size: Double {\n    switch self {")
        for c, fields in cases:
            if not fields:
                lines.append(f"    case .{c}: return 0")
            elif c == "circle":
                lines.append(f"    case .{c}(let r): return r * r * 3")
            elif c == "rect":
                lines.append(f"    case let .{c}(w, h): return w * h")
            else:
                lines.append(f"    case .{c}(let s): return Double(s.count)")
        lines.append("    }\n  }\n}")
        e = EnumType(name, "assoc", cases)
        e.equatable = equatable
        self.enums.append(e)
        return "\n".join(lines)

    def gen_func(self):
        self.tag("func")
        k = self.r.random()
        name = f"f{len(self.funcs)}_{self.suffix}"
        if k < 0.25:
            kind = self.r.randint(0, 3)
            body = [
                f"  if n <= 1 {{ return 1 }}\n  return n * {name}(n - 1)",
                f"  if n < 2 {{ return n }}\n  return {name}(n - 1) + {name}(n - 2)",
                f"  guard n > 0 else {{ return 0 }}\n  return n % 10 + {name}(n / 10)",
                f"  return n <= 0 ? 0 : n + {name}(n - {self.r.randint(1, 3)})",
            ][kind]
            self.funcs.append(Func(name, [(None, INT, None, False)], INT))
            self.funcs[-1].recursive = True
            return f"func {name}(_ n: Int) -> Int {{\n{body}\n}}"
        if k < 0.4:
            self.funcs.append(Func(name, [(None, INT, None, True), ("by", INT, "1", False)], "Void"))
            return f"func {name}(_ x: inout Int, by step: Int = 1) {{\n  x += step\n}}"
        if k < 0.5:
            self.funcs.append(Func(name, [(None, INT, None, False), (None, "(Int) -> Int", None, False)], INT))
            return f"func {name}(_ x: Int, _ f: (Int) -> Int) -> Int {{\n  return f(f(x))\n}}"
        if k < 0.6:
            self.funcs.append(Func(name, [(None, AI, None, False)], TLAB))
            return (f"func {name}(_ xs: [Int]) -> (lo: Int, hi: Int) {{\n  var lo = Int.max\n  var hi = Int.min\n"
                    f"  for x in xs {{\n    lo = min(lo, x)\n    hi = max(hi, x)\n  }}\n  return (lo, hi)\n}}")
        if k < 0.7:
            self.funcs.append(Func(name, [(None, STR, None, False)], INT))
            return f"func {name}(_ s: String) -> Int {{\n  guard let v = Int(s) else {{ return -1 }}\n  return v * 2\n}}"
        ret = self.pick([INT, DBL, STR, BOOL, AI])
        params = []
        saved, self.scopes = self.scopes, [{}]
        for i in range(self.r.randint(1, 3)):
            t = self.pick([INT, DBL, STR, AI])
            label = self.pick([None, "x", "to", "with", "times"]) if i else self.pick([None, None, "of"])
            pname = f"p{i}"
            default = self.leaf(t) if i and self.chance(0.3) else None
            params.append((label, t, default, False, pname))
        for label, t, default, _, pname in params:
            self.declare(pname, t, False)
        lines = []
        for _ in range(self.r.randint(0, 2)):
            lines.append(self.decl_stmt())
        lines.append(f"return {self.expr(ret, 1)}")
        self.scopes = saved
        sig = []
        for label, t, default, _, pname in params:
            head = (label if label else "_") + " " + pname if label != pname else pname
            sig.append(f"{head}: {t}" + (f" = {default}" if default else ""))
        self.funcs.append(Func(name, [(l, t, dft, io) for l, t, dft, io, _ in params], ret))
        return f"func {name}({', '.join(sig)}) -> {ret} {{\n{self.indent(lines)}\n}}"

    def inout_calls(self):
        out = []
        for f in self.funcs:
            if any(p[3] for p in f.params):
                vs = self.vars_of(INT, True)
                if vs:
                    v = self.pick(vs)
                    arg = "" if self.chance(0.5) else f", by: {self.int_lit()}"
                    out.append(f"{f.name}(&{v}{arg})\nprint({v})")
        return out

    # ---------------------------------------------------------------- mistakes
    def mistake(self):
        ints = self.vars_of(INT)
        dbls = self.vars_of(DBL)
        lets = [n for sc in self.scopes for n, (t, m) in sc.items() if not m and t in (INT, DBL, STR)]
        opts = [
            lambda: f"let bad = {ints[0]} * {dbls[0]}" if ints and dbls else "let bad: Int = 2.5",
            lambda: f"{lets[0]} = {lets[0]}" if lets else "let bad: String = 5",
            lambda: "print(undefinedName)",
            lambda: f"if {ints[0]} {{ print(1) }}" if ints else "if 1 { print(1) }",
            lambda: "let bad = Int(\"3\") + 1",
            lambda: f"let bad: Double = {ints[0]}" if ints else "let bad: Int = \"x\"",
            lambda: "let bad = [1, 2].map { $0 * 2.5 }.count + Double(1)",
            lambda: "let bad = 7 / 0",
            lambda: "let bad = Int.max + 1",
            lambda: f"{self.funcs[0].name}()" if self.funcs else "print(1, sep: \"\")",
            lambda: "let bad = \"a\" + 1",
            lambda: "var bad = [1, 2]\nbad.append(\"x\")",
            lambda: "let bad = (1, 2)\nprint(bad.2)",
            lambda: "let bad: [Int] = [1, 2.5]",
            lambda: "let bad = 3\nbad += 1",
            lambda: "let bad = Set([1]).first + 1",
            lambda: "let bad = 9_223_372_036_854_775_808",
            lambda: "let bad = 1 < 2 < 3",
        ]
        if self.chance(0.6):
            kind, text = self.wide_mistake()
        else:
            kind, text = "classic", self.pick(opts)()
        self.tag("ill-typed", "ill-typed:" + kind)
        if self.chance(0.3):
            # swiftc checks code that never runs: so must the evaluator
            self.tag("ill-typed:dead-code")
            head = self.pick(["if Int.max < 0", f"func never{self.counter}_{self.suffix}()"])
            return f"{head} {{\n{self.indent([text])}\n}}"
        return text

    # ---------------------------------------------------------------- program
    def program(self):
        chunks = []

        def add(make, is_decl):
            self.areas = set()
            made = make()
            for text in made if isinstance(made, list) else [made]:
                chunks.append(Chunk(text, is_decl, self.areas))

        if self.chance(0.35):
            add(self.gen_struct, True)
        if self.chance(0.3):
            add(self.gen_enum, True)
        if self.chance(self.wide_rate):
            add(self.gen_template, True)
            if self.chance(0.3):
                add(self.gen_template, True)
        for _ in range(self.r.randint(0, 2)):
            add(self.gen_func, True)
        for i in range(self.r.randint(3, 12)):
            add(lambda: self.stmt(0), False)
            if self.chance(0.08):
                add(self.inout_calls, False)
        if self.chance(self.mistake_rate):
            add(self.mistake, False)
        # Print every variable at the end, so that every computation shows.
        names = [n for n, _ in self.scopes[0].items()]
        if names:
            add(lambda: "print(" + ", ".join(
                f"{n} as Any" if self.scopes[0][n][0] in (OI, OS, OD) else self.printable(self.scopes[0][n][0], n)
                for n in names[-6:]) + ")", False)
        return chunks


def generate(seed, index, mistakes=0.08, wide=0.3):
    """Program `index` of the run seeded `seed`: the same numbers give the same program.
    `mistakes` is the share of programs with a deliberate error swiftc rejects; `wide` how often
    the constructs of the `Wide` generators are chosen."""
    gen = Gen(seed * 1_000_003 + index, f"p{index}", mistakes, wide)
    return gen.program()
