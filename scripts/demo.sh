#!/usr/bin/env bash
# Sets up, builds, and runs trtdoctor on examples the project generates itself.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)"
bin=build/release/src/cli/trtdoctor
examples=build/release/examples
rm -rf "$examples" && mkdir -p "$examples"
build/release/tools/make_examples "$examples"

echo
echo "\$ trtdoctor inspect --no-hash $examples/plans/*"
"$bin" inspect --no-hash "$examples"/plans/* || true
for extra in scripts/demo.d/*.sh; do
    [[ -e $extra ]] || continue
    bash "$extra" "$bin" "$examples"
done
