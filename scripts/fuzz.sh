#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60).
#   scripts/fuzz.sh 600          # ten minutes per target
#   build/fuzz/src/plan/plan_fuzz -max_total_time=3600 corpus/   # one target, by hand
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz -j "$(nproc)"
mapfile -t targets < <(find build/fuzz/src -type f -name '*_fuzz' -perm -u+x | sort)
if ((${#targets[@]} == 0)); then
    echo "fuzz.sh: no fuzz targets built" >&2
    exit 1
fi
for t in "${targets[@]}"; do
    name=$(basename "$t")
    corpus=build/fuzz/corpus/$name
    mkdir -p "$corpus"
    seeds=()
    [[ -d fuzz/seeds/$name ]] && seeds=("fuzz/seeds/$name")
    echo "fuzz: $name for ${seconds}s"
    "$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
        "$corpus" "${seeds[@]}" 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY|crash' || true
    if [[ ${PIPESTATUS[0]} -ne 0 ]]; then
        echo "fuzz.sh: $name found a failure" >&2
        exit 1
    fi
done
