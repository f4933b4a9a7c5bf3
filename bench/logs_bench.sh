#!/usr/bin/env bash
# Speed and memory of `trtdoctor logs` against ripgrep running the catalogue's own patterns.
#
#   bench/logs_bench.sh [BIN] [SIZE_MIB] [RUNS]
#
# Builds a test file of at least SIZE_MIB (default 1024) in ${TMPDIR:-/tmp} by concatenating
# the real logs in ../shared/fixtures/logs/ again and again, dumps the catalogue's Pattern
# lines with `trtdoctor logs --dump-patterns`, then times, best of RUNS (default 3), both
#   trtdoctor logs --format json FILE      (the whole pipeline: read, match, diagnose)
#   rg -c -f PATTERNS FILE                 (Debian's ripgrep, same patterns, same file)
# pinned to one core when taskset is there. Prints MB/s (bytes / wall seconds / 10^6), CPU
# seconds, peak RSS, and the ratio. Also prints trtdoctor's peak RSS at a quarter of the size,
# to show that memory does not grow with the input.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
bin=${1:-$here/build/release/src/cli/trtdoctor}
size_mib=${2:-1024}
runs=${3:-3}
shared=${TRTDOCTOR_SHARED:-$here/../shared}
logs=$shared/fixtures/logs
tmp=${TMPDIR:-/tmp}
file=$tmp/trtdoctor_logs_bench_${size_mib}m.log
quarter=$tmp/trtdoctor_logs_bench_quarter.log
patterns=$tmp/trtdoctor_logs_bench_patterns.txt

[[ -x $bin ]] || { echo "logs_bench: no trtdoctor binary at $bin (build it first)" >&2; exit 2; }
[[ -d $logs ]] || { echo "logs_bench: $logs is absent; nothing to measure" >&2; exit 0; }
command -v rg > /dev/null || { echo "logs_bench: ripgrep (rg) is not installed" >&2; exit 2; }

want=$((size_mib * 1024 * 1024))
if [[ ! -f $file ]] || (( $(stat -c %s "$file") < want )); then
    : > "$file"
    while (( $(stat -c %s "$file") < want )); do cat "$logs"/*.log >> "$file"; done
fi
bytes=$(stat -c %s "$file")
head -c $((bytes / 4)) "$file" > "$quarter"
"$bin" logs --dump-patterns > "$patterns"
cat "$file" > /dev/null  # page cache warm for both tools

pin=()
if command -v taskset > /dev/null; then pin=(taskset -c 0); fi

# best_of CMD...: prints "wall cpu rss_kib" of the fastest of $runs runs.
timing=$tmp/trtdoctor_logs_bench_time.txt
best_of() {
    local best="" line
    for ((i = 0; i < runs; i++)); do
        /usr/bin/time -f "%e %U %S %M" -o "$timing" "${pin[@]}" "$@" > /dev/null 2>&1 || true
        line=$(tail -1 "$timing")
        if [[ -z $best ]] || awk -v a="$line" -v b="$best" \
            'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then
            best=$line
        fi
    done
    awk -v l="$best" 'BEGIN { split(l, x, " "); printf "%s %.2f %s\n", x[1], x[2] + x[3], x[4] }'
}

read -r t_wall t_cpu t_rss < <(best_of "$bin" logs --no-progress --format json "$file")
read -r r_wall r_cpu r_rss < <(best_of rg -c -f "$patterns" "$file")
read -r _ _ q_rss < <(runs=1 best_of "$bin" logs --no-progress --format json "$quarter")

mbs() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }
pinned="not pinned"
((${#pin[@]} == 0)) || pinned="pinned to one core"
echo "input:      $file ($bytes bytes, $(wc -l < "$patterns") patterns, $pinned, best of $runs)"
echo "            MB/s = bytes / seconds / 10^6, by CPU time (user+sys) and by wall time"
echo "trtdoctor:  $(mbs "$t_cpu") MB/s cpu, $(mbs "$t_wall") MB/s wall  (cpu ${t_cpu}s, wall ${t_wall}s, peak RSS $((t_rss / 1024)) MiB; at 1/4 size $((q_rss / 1024)) MiB)"
echo "ripgrep:    $(mbs "$r_cpu") MB/s cpu, $(mbs "$r_wall") MB/s wall  (cpu ${r_cpu}s, wall ${r_wall}s, peak RSS $((r_rss / 1024)) MiB)"
echo "ratio:      $(awk -v a="$r_cpu" -v b="$t_cpu" 'BEGIN { printf "%.2f", a / b }')x by CPU time, $(awk -v a="$r_wall" -v b="$t_wall" 'BEGIN { printf "%.2f", a / b }')x by wall time (ripgrep / trtdoctor)"
rm -f "$quarter" "$timing"
