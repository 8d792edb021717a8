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
PRINTABLE = [INT, DBL, BOOL, STR, AI, AD, AS, OI, OS, OD, TIS, TLAB, SI, DSI]

WORDS = ["a", "b", "cat", "dog", "Hello", "héllo", "x y", "", "42", "-7", "3.5", "🙂", "Zed",
         "a,b", "tab\\t", "q\\\"uote", "nan", "1e3", "0x1F", " 8"]
JOINERS = ['", "', '""', '"-"']
SEPARATORS = ['", "', '""', '" | "', '"\\n"']
TERMINATORS = ['""', '" "', '";\\n"', '"\\n\\n"']
FORMATS_INT = ["%d", "%5d", "%-4d|", "%03d", "%x", "%X", "%ld", "%+d", "%o", "%i"]
FORMATS_DBL = ["%.2f", "%.0f", "%8.3f", "%-8.2f|", "%e", "%.3e", "%g", "%.3g", "%f", "%+.1f",
               "%010.4f", "%.10g", "%5.1f%%"]


class Chunk:
    def __init__(self, text, is_decl):
        self.text = text
        self.is_decl = is_decl


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


class Gen:
    def __init__(self, seed, suffix, mistakes=0.08):
        self.r = random.Random(seed)
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
        if d > 3:
            return self.leaf(typ)
        gen = {
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
        return f"-({e})" if e.startswith("-") else f"-{e}"

    def printable(self, t, e):
        """`e` in a form whose text does not depend on hash order."""
        if t == SI:
            return f"{e}.sorted()"
        if t == DSI:
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
            lambda: f"{self.expr(OS, d + 1)}?.count",
            lambda: f"{self.atom(self.expr(AI, d + 1))}.first(where: {{ $0 > {self.int_lit()} }})" if not self.in_closure else "nil",
            lambda: f"({self.expr(BOOL, d + 1)} ? {self.int_lit()} : nil)",
        ])()

    def os_expr(self, d):
        if self.chance(0.4):
            return self.leaf(OS)
        return self.pick([
            lambda: f"{self.atom(self.expr(AS, d + 1))}.first",
            lambda: f"{self.atom(self.expr(AS, d + 1))}.randomElement() == nil ? nil : {self.atom(self.expr(AS, d + 1))}.last",
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
            return f"{n} = {self.leaf(t) if t in (INT, DBL, STR, BOOL) else self.expr(t, 3)}"
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
        cond = self.head(self.expr(BOOL, 1))
        out = f"if {cond} {{\n{self.indent(self.block(depth))}\n}}"
        if self.chance(0.3):
            out += f" else if {self.head(self.expr(BOOL, 1))} {{\n{self.indent(self.block(depth))}\n}}"
        if self.chance(0.5):
            out += f" else {{\n{self.indent(self.block(depth))}\n}}"
        return out

    def for_stmt(self, depth):
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
            head = f"for {v} in {seq} where {v} % {self.r.randint(2, 3)} {self.pick(['==', '!='])} 0"
        else:
            seq = self.head(self.expr(AD, 2))
            self.declare(v, DBL, False)
            head = f"for {v} in {seq}"
        body = self.block(depth)
        if self.chance(0.2):
            body.append(self.pick(["if " + self.head(self.expr(BOOL, 2)) + " { break }",
                                   "if " + self.head(self.expr(BOOL, 2)) + " { continue }"]))
            self.r.shuffle(body)
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
        if self.chance(0.5):
            return f"var {k} = 0\nwhile {k} < {n} {{\n{self.indent(body)}\n  {k} += 1\n}}"
        return f"var {k} = 0\nrepeat {{\n{self.indent(body)}\n  {k} += 1\n}} while {k} < {n}"

    def switch_stmt(self, depth):
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
        vs = [(n, t) for sc in self.scopes for n, (t, m) in sc.items() if m and any(s.name == t for s in self.structs)]
        if not vs:
            return self.print_stmt()
        n, t = self.pick(vs)
        return self.mutate_user_var(n, t) + f"\nprint({n})"

    # ---------------------------------------------------------------- declarations
    def gen_struct(self):
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
        return self.pick(opts)()

    # ---------------------------------------------------------------- program
    def program(self):
        chunks = []
        if self.chance(0.35):
            chunks.append(Chunk(self.gen_struct(), True))
        if self.chance(0.3):
            chunks.append(Chunk(self.gen_enum(), True))
        for _ in range(self.r.randint(0, 2)):
            chunks.append(Chunk(self.gen_func(), True))
        n = self.r.randint(3, 12)
        body = []
        for i in range(n):
            body.append(self.stmt(0))
            if self.chance(0.08):
                body.extend(self.inout_calls())
        if self.chance(self.mistake_rate):
            body.append(self.mistake())
        # Print every variable at the end, so that every computation shows.
        names = [n for n, _ in self.scopes[0].items()]
        if names:
            body.append("print(" + ", ".join(
                f"{n} as Any" if self.scopes[0][n][0] in (OI, OS, OD) else self.printable(self.scopes[0][n][0], n)
                for n in names[-6:]) + ")")
        chunks += [Chunk(s, False) for s in body]
        return chunks


def generate(seed, index):
    """Program `index` of the run seeded `seed`: the same numbers give the same program."""
    gen = Gen(seed * 1_000_003 + index, f"p{index}")
    return gen.program()
