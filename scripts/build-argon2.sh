#!/usr/bin/env bash
# Builds the pinned argon2-cffi-bindings for this machine's CPU, so each password check costs
# about half the CPU (docs/decisions/0020-argon2-built-for-the-server.md).
#   bash scripts/build-argon2.sh [PYTHON]        (default: .venv/bin/python)
#
# PyPI's wheel runs on any x86-64 CPU, so it uses SSE2. Argon2's own code has a path for AVX2,
# which every server CPU of the last ten years has; it is compiled in only when asked for.
# The result is the same function: the build must reproduce a known answer
# (accounts.hashers.KNOWN_ANSWER), or the wheel is put back and the script fails.
# Run it on the server itself: the build needs AVX2 on any CPU it runs on. Where the CPU has
# no AVX2, or it is not x86-64, the wheel stays, and the script says so and succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."
py="${1:-.venv/bin/python}"
version="$(sed -n 's/^argon2-cffi-bindings==\([0-9.]*\).*/\1/p' requirements/base.txt)"
if [ -z "$version" ]; then
  echo "build-argon2: no argon2-cffi-bindings pin in requirements/base.txt" >&2
  exit 1
fi
pin="argon2-cffi-bindings==$version"

if [ "$(uname -m)" != x86_64 ] || ! grep -qw avx2 /proc/cpuinfo 2>/dev/null; then
  echo "build-argon2: this CPU has no AVX2 (or is not x86-64): keeping PyPI's wheel of $pin."
  exit 0
fi

check() {
  "$py" - <<'PY'
import time

from accounts.hashers import argon2_known_answer_holds

if not argon2_known_answer_holds():
    raise SystemExit("build-argon2: this build does not reproduce Argon2id's known answer")
start = time.process_time()
for _ in range(10):
    argon2_known_answer_holds()
print(f"build-argon2: known answer reproduced; {(time.process_time() - start) * 100:.1f} ms of CPU a check")
PY
}

pip_install() {
  "$py" -m pip install --quiet --force-reinstall --no-deps --no-cache-dir "$@" "$pin"
}

echo "build-argon2: compiling $pin for AVX2..."
# ARGON2_CFFI_USE_SSE2=1 selects Argon2's optimised code; -mavx2 lets it use AVX2.
# --no-cache-dir: pip's wheel cache would not tell this build from another.
if CFLAGS="-mavx2" ARGON2_CFFI_USE_SSE2=1 pip_install --no-binary argon2-cffi-bindings \
  && check; then
  exit 0
fi
echo "build-argon2: the build failed or computed a wrong hash; putting back PyPI's wheel" >&2
pip_install --only-binary argon2-cffi-bindings
check
exit 1
