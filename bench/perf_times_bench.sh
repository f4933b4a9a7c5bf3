#!/usr/bin/env bash
# Reads a ~500 MB --exportTimes file (made by repeating the records of a real export) with
# `trtdoctor perf` and with python3 json.load, and prints the wall times, peak memory and the
# speed ratio. Usage: bench/perf_times_bench.sh TRTDOCTOR_BIN [WORK_DIR] [TARGET_MB]
set -euo pipefail
bin=${1:?usage: perf_times_bench.sh TRTDOCTOR_BIN [WORK_DIR] [TARGET_MB]}
work=${2:-$(dirname "$bin")/perf-bench}
target_mb=${3:-500}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${TRTDOCTOR_SHARED:-$here/../shared}
src=$shared/fixtures/profiles/fuzzylabs_trtexec10_rtx3060laptop_mobilenetv2_fp16.timing.json
[[ -f $src ]] || { echo "perf bench: $src is absent; skipped"; exit 0; }
mkdir -p "$work"
big=$work/exportTimes_${target_mb}MB.json
if [[ ! -f $big ]]; then
    python3 - "$src" "$big" "$target_mb" <<'PY'
import sys
src, out, mb = sys.argv[1], sys.argv[2], int(sys.argv[3])
records = [l.strip().lstrip(',').strip() for l in open(src) if l.strip().startswith(('{', ', {'))]
chunk = ''.join('\n, ' + r for r in records)
with open(out, 'w') as f:
    f.write('[\n  ' + records[0])
    written = len(records[0])
    while written < mb * 1000 * 1000:
        f.write(chunk)
        written += len(chunk)
    f.write('\n]\n')
PY
fi
size=$(stat -c %s "$big")
echo "file: $big ($((size / 1000000)) MB)"
measure() {  # measure NAME CMD...: prints "seconds peak_kib"; stdout kept in WORK/NAME.out
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/$name.time" "$@" > "$work/$name.out" 2>"$work/$name.err" ||
        { cat "$work/$name.err" >&2; exit 1; }
    cat "$work/$name.time"
}
cat "$big" > /dev/null  # warm the page cache for both readers
read -r t_td m_td < <(measure trtdoctor "$bin" perf --format json "$big")
read -r t_py m_py < <(measure python python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$big")
records=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["summary"]["gpu_compute_ms"]["count"])' "$work/trtdoctor.out")
echo "trtdoctor perf: ${t_td} s, peak RSS $((m_td / 1024)) MiB, ${records} records"
echo "python3 json.load: ${t_py} s, peak RSS $((m_py / 1024)) MiB"
python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'speed ratio: {b/a:.1f}x ({sys.argv[3]/1e6/a:.0f} MB/s vs {sys.argv[3]/1e6/b:.0f} MB/s)')" "$t_td" "$t_py" "$size" 2>/dev/null ||
python3 -c "import sys; a,b,s=float(sys.argv[1]),float(sys.argv[2]),float(sys.argv[3]); print('speed ratio: %.1fx (%.0f MB/s vs %.0f MB/s)' % (b/a, s/1e6/a, s/1e6/b))" "$t_td" "$t_py" "$size"
