#!/usr/bin/env bash
# `trtdoctor logs` on the example logs the project writes (tools/examples/*.log).
# Usage: scripts/demo.d/logs.sh BIN EXAMPLES_DIR
set -euo pipefail
bin=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
for log in "$here"/tools/examples/*.log; do
    [[ -e $log ]] || continue
    name=tools/examples/$(basename "$log")
    echo
    echo "\$ trtdoctor logs $name"
    (cd "$here" && "$bin" logs "$name") || true
    echo
    echo "\$ trtdoctor logs --format json $name | head -30"
    (cd "$here" && "$bin" logs --format json "$name" | head -30) || true
done
