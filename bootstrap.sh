#!/usr/bin/env bash
# Installs the project and its embedded model into .venv (./bootstrap.sh),
# plus the test and lint tools (./bootstrap.sh dev). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")"

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || { echo "bootstrap: Python 3.11 or newer is needed (found $("$python" --version))" >&2; exit 2; }
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip

# llama-cpp-python builds from source. -march=native picks AMX code that
# segfaults on these CPUs, so build for a fixed, widely available x86-64 level.
export CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON}"
extras=""
[ "${1:-}" = "dev" ] && extras="[dev]"
echo "bootstrap: installing .${extras} into .venv (the first build of llama-cpp-python takes about 10 minutes)" >&2
.venv/bin/python -m pip install --quiet -e ".${extras}"

# The evidence-view test drives a real browser: Debian's chromium. Without
# root or apt the test is skipped and says why.
if [ "${1:-}" = "dev" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing Debian's chromium for the browser test" >&2
    apt-get install -y -qq chromium >/dev/null 2>&1 || echo "bootstrap: chromium not installed; the browser test will be skipped" >&2
  else
    echo "bootstrap: no chromium (needs root and apt-get); the browser test will be skipped" >&2
  fi
fi

# Assemble and checksum the embedded model now, not on the first summary.
.venv/bin/python -c 'from summarizer.llm.embedded import model_file; print("bootstrap: embedded model at", model_file())' >&2
