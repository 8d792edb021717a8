#!/usr/bin/env python3
"""Type-checks a notebook's cells as one Swift program against the built libraries.

The proof that cells are Swift: every `swift` cell that runs (not `//| eval: false`) is
copied in order into one `main.swift` after `import DLCore`, `import Charts`,
`import DLCharts` and a small prelude for nbrun's own names (`display`, `expect`, `Math`,
`Table`), and `swiftc -typecheck` checks it against the modules of a debug build (`swift
build` first). Not part of CI: it needs the toolchain and a build.

    scripts/typecheck-notebook.py Notebooks/exam.md [--keep DIR]

Exit status 0 when every error swiftc reports lies in a cell marked `//| error: true` (a cell
meant to fail; one that fails only when it runs, such as a shape mismatch, type-checks).
Swift 5 mode: a notebook is a script, and Swift 6's actor checking of top-level variables
used in functions has no counterpart in cells. A later cell may declare a name again (as in
Swift's REPL); in one file that is "invalid redeclaration", reported like any other error.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

PRELUDE = """\
import Charts
import DLCharts
import DLCore
import Foundation

// nbrun's own names, which cells have without an import
func display(_ value: Any) {}
func expect(_ actual: Any, _ expected: Any, tolerance: Double = 1e-9) {}
struct Math { init(_ tex: String) {} }
struct Table { init(_ header: [String], _ rows: [[Any]]) {} }
"""

FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*swift\b.*$")


def cells(text):
    """Yields (first line, line count, meant to fail, source) of each swift cell that runs."""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group(2)
        start = i + 1
        j = start
        while j < len(lines) and not lines[j].strip().startswith(fence):
            j += 1
        body = lines[start:j]
        options = {}
        for line in body:
            o = re.match(r"\s*//\|\s*([\w-]+)\s*:\s*(.*?)\s*$", line)
            if not o:
                break
            options[o.group(1)] = o.group(2)
        if options.get("eval") != "false":
            yield start + 1, len(body), options.get("error") == "true", "\n".join(body)
        i = j + 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("notebook")
    parser.add_argument("--build", default=".build/debug", help="the debug build directory")
    parser.add_argument("--keep", help="write main.swift into this directory and keep it")
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = os.path.join(root, args.build)
    with open(args.notebook, encoding="utf-8") as f:
        text = f.read()
    out = [PRELUDE]
    failing = []
    for line, count, meant_to_fail, source in cells(text):
        if meant_to_fail:
            failing.append(range(line, line + count))
        out.append(f"// {args.notebook}:{line}")
        out.append(f'#sourceLocation(file: "{args.notebook}", line: {line})')
        out.append(source)
        out.append("#sourceLocation()")
    directory = args.keep or tempfile.mkdtemp(prefix="typecheck-")
    os.makedirs(directory, exist_ok=True)
    program = os.path.join(directory, "main.swift")
    with open(program, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    command = [
        "swiftc", "-typecheck", "-swift-version", "5", "-suppress-warnings",
        "-I", os.path.join(build, "Modules"),
        "-I", "/usr/include/x86_64-linux-gnu/openblas-pthread",
        "-Xcc", "-fmodule-map-file=" + os.path.join(root, "Sources/CBLAS/module.modulemap"),
        "-Xcc", "-fmodule-map-file=" + os.path.join(build, "CVectorMath.build/module.modulemap"),
        "-Xcc", "-I", "-Xcc", os.path.join(root, "Sources/CVectorMath/include"),
        program,
    ]
    result = subprocess.run(command, capture_output=True, text=True)
    errors = re.findall(
        r"^(.*?):(\d+):(\d+): error: (.*)$", result.stdout + result.stderr, re.MULTILINE)
    expected = [e for e in errors if e[0] == args.notebook
                and any(int(e[1]) in cell for cell in failing)]
    unexpected = [e for e in errors if e not in expected]
    for file, line, column, message in unexpected:
        print(f"{file}:{line}:{column}: error: {message}")
    if result.returncode != 0 and not errors:
        sys.stderr.write(result.stdout + result.stderr)
        return 1
    print(f"{args.notebook}: {len(unexpected)} error(s) outside the cells meant to fail, "
          f"{len(expected)} inside them ({program})", file=sys.stderr)
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
