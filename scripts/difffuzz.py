#!/usr/bin/env python3
"""Differential fuzzer: random plain-Swift programs, compiled by swiftc and run by the evaluator.

    python3 scripts/difffuzz.py --seed 1 --count 400 [--batch 100] [--out DIR]

Each batch of programs (scripts/difffuzz_gen.py) becomes one Swift file, every program a
function called in turn with a marker before its output; swiftc compiles it once and the
binary runs once (again after a program that traps, from the next program on). The evaluator
runs each program in a session of its own (`nbrun-bench evaluator-programs`). A divergence is:
different output; a program that traps in Swift and runs to its end in the evaluator; an
error from the evaluator where Swift runs (other than "not supported in cells"); a program
swiftc rejects and the evaluator runs. Each divergence is shrunk (chunks removed while it
stays the same kind of divergence) and written to OUT/NAME.swift with both outputs.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import difffuzz_gen  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MARK = "\x01P"


def evaluator_source(chunks):
    return "import Foundation\n" + "\n".join(c.text for c in chunks) + "\n"


def batch_file(programs):
    """The Swift file for `programs` [(name, chunks)] and the lines each program owns."""
    lines = ["import Foundation", "setvbuf(stdout, nil, _IONBF, 0)"]
    owner = {}

    def add(text, name, at=None, shift=0):
        for k, line in enumerate(text.split("\n")):
            lines.append(line)
            owner[len(lines)] = (name, None if at is None else at + k, shift)

    for name, chunks in programs:
        starts, line = [], 2  # line 1 of a program is `import Foundation`
        for c in chunks:
            starts.append(line)
            line += c.text.count("\n") + 1
        for c, at in zip(chunks, starts):
            if c.is_decl:
                add(c.text, name, at)
        add(f"func run_{name}() {{", name)
        for c, at in zip(chunks, starts):
            if not c.is_decl:
                add("\n".join("  " + l for l in c.text.split("\n")), name, at, 2)
        add("}", name)
    lines.append("let programs: [() -> Void] = [" + ", ".join(f"run_{n}" for n, _ in programs) + "]")
    lines.append("let first = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1])! : 0")
    lines.append('for i in first..<programs.count {\n  print("\\u{1}P\\(i)\\u{1}")\n  programs[i]()\n}')
    lines.append('print("\\u{1}END\\u{1}")')
    return "\n".join(lines) + "\n", owner


def run_swift(programs, work, optimize="-Onone"):
    """{name: {"status": ok|trap|hang|rejected|skip, "out": ..., "err": ...}}"""
    results = {}
    live = list(programs)
    source = os.path.join(work, "prog.swift")
    binary = os.path.join(work, "prog")
    for _ in range(6):
        if not live:
            return results
        text, owner = batch_file(live)
        with open(source, "w") as f:
            f.write(text)
        p = subprocess.run(["swiftc", optimize, "-suppress-warnings", source, "-o", binary],
                           capture_output=True, text=True, cwd=work)
        if p.returncode == 0:
            break
        errors = {}
        for m in re.finditer(r"prog\.swift:(\d+):(\d+): error: (.*)", p.stderr):
            if int(m.group(1)) not in owner:
                raise RuntimeError("swiftc error outside any program:\n" + p.stderr[:3000])
            name, line, shift = owner[int(m.group(1))]
            where = f"{line}:{int(m.group(2)) - shift}: " if line else ""
            errors.setdefault(name, []).append(where + m.group(3))
        if not errors:
            raise RuntimeError("swiftc failed:\n" + p.stderr[:3000])
        for name, messages in errors.items():
            slow = any("reasonable time" in m for m in messages)
            results[name] = {"status": "skip" if slow else "rejected", "out": "",
                             "err": "\n".join(messages)}
        live = [(n, c) for n, c in live if n not in errors]
    else:
        raise RuntimeError("swiftc kept failing")
    if not live:
        return results
    names = [n for n, _ in live]
    first = 0
    env = dict(os.environ, SWIFT_BACKTRACE="enable=no")
    while first < len(names):
        try:
            p = subprocess.run([binary, str(first)], capture_output=True, timeout=60, env=env)
            out, err, code = p.stdout, p.stderr, p.returncode
        except subprocess.TimeoutExpired as e:
            out, err, code = e.stdout or b"", e.stderr or b"", None
        text = out.decode("utf-8", "replace")
        parts = re.split(r"\x01P(\d+)\x01\n", text)
        # parts: [before, idx, body, idx, body, ...]
        last = None
        for k in range(1, len(parts), 2):
            idx = int(parts[k])
            body = parts[k + 1]
            if body.endswith("\x01END\x01\n"):
                body = body[: -len("\x01END\x01\n")]
            results[names[idx]] = {"status": "ok", "out": body, "err": ""}
            last = idx
        if code == 0:
            break
        if last is None:
            raise RuntimeError(f"batch binary failed before any program: {err[-2000:]}")
        results[names[last]]["status"] = "hang" if code is None else "trap"
        results[names[last]]["err"] = err.decode("utf-8", "replace")[-2000:]
        first = last + 1
    return results


def run_evaluator(programs, work, bench):
    path = os.path.join(work, "programs.swift")
    with open(path, "w") as f:
        for name, chunks in programs:
            f.write(f"//#program {name}\n" + evaluator_source(chunks))
    p = subprocess.run([bench, "evaluator-programs", path], capture_output=True, text=True,
                       timeout=3600)
    results = {}
    for line in p.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            results[r["name"]] = r
    if p.returncode != 0 or len(results) != len(programs):
        missing = [n for n, _ in programs if n not in results]
        for n in missing:  # the evaluator process died: a crash is a divergence of its own
            results[n] = {"name": n, "output": "", "error": "CRASH: " + p.stderr[-1500:]}
            break
    return results


def classify(s, e):
    """The kind of divergence between swift's result `s` and the evaluator's `e`, or None."""
    if s is None or e is None or s["status"] in ("skip", "hang"):
        return None
    error = e.get("error")
    if error and error.startswith("CRASH"):
        return "evaluator-crash"
    if error and gap(error):
        return None
    if s["status"] == "rejected":
        return None if error else "missing-reject"
    if s["status"] == "trap":
        if not error:
            return "missing-trap"
        return None if e["output"] == s["out"] else "output"
    if error:
        if gap(error):
            return None
        return "spurious-error"
    return None if e["output"] == s["out"] else "output"


GAP = re.compile(r"error: (not supported in cells|value of type '[^']*' has no member|type '[^']*' has no member|no '[^']*' accepts these arguments)")


def gap(error):
    """Whether `error` says that the evaluator lacks the construct or member (a refusal, not
    a different meaning)."""
    return GAP.search(error.split("\n")[0]) is not None


def refused(s, e):
    return s and e and s["status"] == "ok" and e.get("error") and gap(e["error"])


def signature(kind, s, e):
    """What makes two divergences probably the same: one of each is shrunk."""
    if kind == "spurious-error":
        return kind + re.sub(r"^.*?error: ", "", e["error"].split("\n")[0])
    if kind == "missing-reject":
        return kind + re.sub(r"^[0-9:]* ", "", s["err"].split("\n")[0])
    return None


def compare(programs, work, bench, optimize):
    sw = run_swift(programs, work, optimize)
    ev = run_evaluator(programs, work, bench)
    return sw, ev


def shrink(name, chunks, kind, work, bench, optimize, rounds=8):
    """Removes chunks while the program keeps diverging in the same way."""
    for _ in range(rounds):
        if len(chunks) <= 1:
            break
        candidates = [(f"{name}c{i}", renamed(chunks[:i] + chunks[i + 1:], name, f"{name}c{i}"))
                      for i in range(len(chunks))]
        try:
            sw, ev = compare(candidates, work, bench, optimize)
        except Exception:
            break
        good = [i for i, (n, _) in enumerate(candidates) if classify(sw.get(n), ev.get(n)) == kind]
        if not good:
            break
        if len(good) > 1:
            rest = [c for i, c in enumerate(chunks) if i not in good]
            try:
                sw2, ev2 = compare([(f"{name}all", renamed(rest, name, f"{name}all"))], work, bench, optimize)
                if classify(sw2.get(f"{name}all"), ev2.get(f"{name}all")) == kind and rest:
                    chunks = rest
                    continue
            except Exception:
                pass
        chunks = [c for i, c in enumerate(chunks) if i != good[0]]
    return chunks


def split_chunks(text):
    """A hand-written program as chunks: each declaration at column 0 (`struct`, `enum`,
    `func`, up to its closing `}` at column 0) goes to file level, everything else in order."""
    chunks, lines = [], text.rstrip("\n").split("\n")
    i = 0
    while i < len(lines):
        if re.match(r"(indirect )?(struct|enum|func|extension) ", lines[i]) and not lines[i].rstrip().endswith("}"):
            j = i
            while j < len(lines) and lines[j] != "}":
                j += 1
            chunks.append(difffuzz_gen.Chunk("\n".join(lines[i:j + 1]), True))
            i = j + 1
        elif re.match(r"(indirect )?(struct|enum|func|extension) ", lines[i]):
            chunks.append(difffuzz_gen.Chunk(lines[i], True))
            i += 1
        else:
            chunks.append(difffuzz_gen.Chunk(lines[i], False))
            i += 1
    return chunks


def renamed(chunks, old, new):
    """`chunks` with the declarations' suffix `_old` changed to `_new`, so that several
    versions of one program can share a batch file."""
    pattern = re.compile(r"_" + old + r"\b")
    return [difffuzz_gen.Chunk(pattern.sub("_" + new, c.text), c.is_decl, c.areas) for c in chunks]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--out", default="/tmp/difffuzz")
    ap.add_argument("--bench", default=os.path.join(ROOT, ".build/debug/nbrun-bench"))
    ap.add_argument("--opt", dest="optimize", default="-Onone",
                    help="swiftc's optimization flag (default -Onone: with -O, a trap was seen to "
                    "come before output printed ahead of it, and compiling takes longer)")
    ap.add_argument("--ill-typed", type=float, default=0.08, metavar="SHARE",
                    help="share of programs with a deliberate error swiftc rejects (default 0.08; "
                    "1 for a run of ill-typed programs only)")
    ap.add_argument("--wide", type=float, default=0.3, metavar="RATE",
                    help="how often the generators added in session 5 are chosen (default 0.3)")
    ap.add_argument("--summarize", metavar="DIR", help="print the tally of all runs written to DIR")
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("--dump", action="store_true", help="print each program and both outputs")
    ap.add_argument("--check", metavar="FILE", help="run one plain-Swift program both ways")
    args = ap.parse_args()
    if args.summarize:
        return summarize(args.summarize)
    if args.check:
        with open(args.check) as f:
            text = f.read().replace("import Foundation\n", "", 1)
        with tempfile.TemporaryDirectory(prefix="difffuzz") as work:
            sw, ev = compare([("p0", split_chunks(text))], work, args.bench, args.optimize)
        s, e = sw["p0"], ev["p0"]
        print(f"swift ({s['status']}):\n{s['out']}{s['err']}\n-- evaluator:\n{e['output']}{e.get('error') or ''}")
        print("verdict:", classify(s, e) or "same")
        return 0
    os.makedirs(args.out, exist_ok=True)
    stats = {"programs": 0, "ok": 0, "trap": 0, "rejected": 0, "skip": 0, "hang": 0,
             "refused": 0, "divergences": 0, "seconds": 0}
    began = time.time()
    refusals = {}
    found = []
    seen = set()
    tally = {}  # area: [programs, compared, divergences (after shrinking), refused]
    earlier = known_signatures(args.out)
    with tempfile.TemporaryDirectory(prefix="difffuzz") as work:
        for start in range(0, args.count, args.batch):
            programs = []
            for index in range(start, min(args.count, start + args.batch)):
                programs.append((f"p{index}", difffuzz_gen.generate(args.seed, index, args.ill_typed, args.wide)))
            sw, ev = compare(programs, work, args.bench, args.optimize)
            for name, chunks in programs:
                s, e = sw.get(name), ev.get(name)
                stats["programs"] += 1
                areas = areas_of(chunks)
                for a in areas:
                    tally.setdefault(a, [0, 0, 0, 0])[0] += 1
                    if s and e and s["status"] not in ("skip", "hang"):
                        tally[a][1] += 1
                    if refused(s, e):
                        tally[a][3] += 1
                if s:
                    stats[s["status"]] += 1
                if refused(s, e):
                    stats["refused"] += 1
                    key = re.sub(r"^.*?error: ", "", e["error"].split("\n")[0])
                    refusals[key] = refusals.get(key, 0) + 1
                if args.dump:
                    print(f"==== {name}\n{evaluator_source(chunks)}---- swift {s}\n---- evaluator {e}")
                kind = classify(s, e)
                if not kind:
                    continue
                stats["divergences"] += 1
                sig = signature(kind, s, e)
                if sig in seen:
                    print(f"divergence {kind} {name}: as before ({sig[:100]})", flush=True)
                    continue
                if sig and sig in earlier:
                    print(f"divergence {kind} {name}: known from an earlier run ({sig[:100]})", flush=True)
                    continue
                if sig:
                    seen.add(sig)
                small = chunks if args.no_shrink else shrink(name, chunks, kind, work, args.bench, args.optimize)
                s2, e2 = compare([(name, small)], work, args.bench, args.optimize)
                s2, e2 = s2.get(name) or s, e2.get(name) or e
                path = os.path.join(args.out, f"seed{args.seed}-{name}-{kind}.swift")
                with open(path, "w") as f:
                    f.write(f"// difffuzz seed {args.seed} program {name}: {kind}\n")
                    f.write(evaluator_source(small))
                    f.write("/* swift (" + s2["status"] + "):\n" + s2["out"] + ("\n" + s2["err"] if s2["err"] else ""))
                    f.write("\n-- evaluator:\n" + e2["output"] + ("\n" + e2["error"] if e2.get("error") else "") + "\n*/\n")
                found.append((name, kind, path))
                for a in areas_of(small):
                    tally.setdefault(a, [0, 0, 0, 0])[2] += 1
                print(f"DIVERGENCE {kind}: {path}", flush=True)
            stats["seconds"] = round(time.time() - began)
            print(f"after {stats['programs']}: {json.dumps(stats)}", flush=True)
    print("refusals (not supported in cells, no such member):")
    for k, v in sorted(refusals.items(), key=lambda kv: -kv[1]):
        print(f"  {v:4d}  {k[:150]}")
    print(json.dumps(stats))
    print_tally(tally)
    record = {"seed": args.seed, "ill_typed": args.ill_typed, "wide": args.wide, "stats": stats,
              "tally": tally, "found": [{"name": n, "kind": k, "path": p} for n, k, p in found],
              "signatures": sorted(seen)}
    with open(os.path.join(args.out, f"tally-seed{args.seed}.json"), "w") as f:
        json.dump(record, f, indent=1, sort_keys=True)
    return 1 if found else 0


def areas_of(chunks):
    return set().union(*[c.areas for c in chunks]) if chunks else set()


def known_signatures(out):
    """Signatures of divergences earlier runs into `out` already shrank and wrote."""
    known = set()
    if os.path.isdir(out):
        for name in os.listdir(out):
            if name.startswith("tally-seed") and name.endswith(".json"):
                with open(os.path.join(out, name)) as f:
                    known.update(json.load(f).get("signatures", []))
    return known


def print_tally(tally):
    print(f"{'area':28} {'programs':>8} {'compared':>8} {'diverged':>8} {'refused':>8}")
    for area, (n, c, dv, rf) in sorted(tally.items()):
        print(f"{area:28} {n:8d} {c:8d} {dv:8d} {rf:8d}")


def summarize(out):
    """The tallies of every run written to `out`, added up."""
    total, stats, runs = {}, {}, []
    for name in sorted(os.listdir(out)):
        if name.startswith("tally-seed") and name.endswith(".json"):
            with open(os.path.join(out, name)) as f:
                r = json.load(f)
            runs.append(f"seed {r['seed']} (ill-typed {r['ill_typed']}): {len(r['found'])} shrunk")
            for k, v in r["stats"].items():
                stats[k] = stats.get(k, 0) + v
            for a, row in r["tally"].items():
                t = total.setdefault(a, [0, 0, 0, 0])
                for i, v in enumerate(row):
                    t[i] += v
    print("\n".join(runs))
    print(json.dumps(stats))
    print_tally(total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
