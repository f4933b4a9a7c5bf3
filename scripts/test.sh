#!/usr/bin/env bash
# Sets up, builds and runs every test: unit and end-to-end tests (ctest), the ASan/UBSan
# test run, a short fuzz smoke run of every fuzz target, and the accuracy gate on the
# labeled corpus when ../shared is present.
# Environment: JOBS (default: nproc), SKIP_SANITIZERS=1, SKIP_FUZZ=1 to shorten local runs.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-$(nproc)}

scripts/setup.sh

echo "== release build and tests"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"

for extra in scripts/test.d/*.sh; do
    [[ -e $extra ]] || continue
    echo "== $(basename "$extra")"
    bash "$extra"
done

if [[ ${SKIP_SANITIZERS:-0} != 1 ]]; then
    echo "== ASan/UBSan build and tests"
    cmake --preset asan >/dev/null
    cmake --build --preset asan -j "$jobs"
    ctest --preset asan -j "$jobs"
fi

if [[ ${SKIP_FUZZ:-0} != 1 ]]; then
    echo "== fuzz smoke run"
    scripts/fuzz.sh 20
fi
echo "test.sh: all tests passed"
