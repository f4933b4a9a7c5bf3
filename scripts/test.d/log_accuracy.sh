#!/usr/bin/env bash
# Accuracy gate for `trtdoctor logs`: runs the evaluator over the labeled dev corpus and fails
# below top-1 90 %, false alarms above 5 %, or evidence hits below 85 %. Also checks that the
# real clean runs of the shared log fixtures get no error-level root cause. Skips (exit 0, with
# a message) when the shared folder is absent.
# Environment: BUILD_DIR (default build/release), TRTDOCTOR_SHARED (default ../shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${BUILD_DIR:-build/release}
shared=${TRTDOCTOR_SHARED:-../shared}
eval_bin="$build/src/log/trtdoctor-eval-logs"
corpus="$shared/corpus/dev.jsonl"

if [[ ! -f $corpus ]]; then
    echo "log_accuracy: $corpus is absent: accuracy gate skipped"
    exit 0
fi
if [[ ! -x $eval_bin ]]; then
    cmake --build "$build" --target trtdoctor-eval-logs
fi
"$eval_bin" "$corpus" --min-top1 0.90 --max-false-alarms 0.05 --min-evidence 0.85

# Fixture logs of successful runs (trtexec printed &&&& PASSED): no error-level root cause.
mapfile -t passed < <(grep -l '&&&& PASSED' "$shared"/fixtures/logs/*.log 2>/dev/null || true)
if ((${#passed[@]})); then
    echo "log_accuracy: ${#passed[@]} passed fixture runs must get no error-level root cause"
    "$eval_bin" --files "${passed[@]}" >/dev/null || {
        "$eval_bin" --files "${passed[@]}" | grep -v 'root=- ' >&2
        echo "log_accuracy: a passed run got an error-level root cause" >&2
        exit 1
    }
fi
echo "log_accuracy: ok"
