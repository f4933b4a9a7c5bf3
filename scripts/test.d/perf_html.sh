#!/usr/bin/env bash
# Opens the page of `trtdoctor perf compare --html` in headless Chromium (Debian package):
# no JavaScript errors, every chart present, a screenshot kept under the build directory.
# Inputs are synthetic (made here). Usage: scripts/test.d/perf_html.sh [TRTDOCTOR_BIN]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=${1:-${TRTDOCTOR_BIN:-$root/build/release/src/cli/trtdoctor}}
[[ -x $bin ]] || { echo "perf_html: $bin is not built" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z $browser ]]; then
    echo "perf_html: chromium is not installed (scripts/setup.sh installs it); skipped"
    exit 0
fi
out=${PERF_HTML_OUT:-$(cd "$(dirname "$bin")/../.." && pwd)/perf-html}
rm -rf "$out" && mkdir -p "$out"

# Two runs: a log (summary, memory timeline) and a profile each; the new one is slower.
write_run() {  # NAME COMPUTE_MS CONV2_MS GPU_MIB
    local p="[07/07/2026-02:11:40] [I]"
    {
        echo "&&&& RUNNING TensorRT.trtexec [TensorRT v101601] [b11] # trtexec --loadEngine=m.plan"
        echo "$p === Inference Options ==="; echo "$p Inference Streams: 1"; echo "$p CUDA Graph: Disabled"
        echo "$p === Device Information ==="; echo "$p Selected Device: NVIDIA H100 PCIe"
        echo "$p TensorRT version: 10.16.1"
        echo "$p [TRT] [MemUsageChange] Init CUDA: CPU +2, GPU +0, now: CPU 30, GPU 450 (MiB)"
        echo "$p [TRT] [MemUsageChange] Init builder kernel library: CPU +500, GPU +10, now: CPU 530, GPU 460 (MiB)"
        echo "$p [TRT] [MemUsageChange] TensorRT-managed allocation in IExecutionContext creation: CPU +0, GPU +$4, now: CPU 530, GPU $((460 + $4)) (MiB)"
        echo "$p [TRT] Loaded engine size: 12 MiB"
        echo "$p === Performance summary ==="; echo "$p Throughput: 900 qps"
        for m in Latency "GPU Compute Time"; do
            echo "$p $m: min = $2 ms, max = $2 ms, mean = $2 ms, median = $2 ms, percentile(90%) = $2 ms, percentile(95%) = $2 ms, percentile(99%) = $2 ms"
        done
        echo "$p Total Host Walltime: 3 s"; echo "$p Total GPU Compute Time: 2.7 s"
        echo "&&&& PASSED TensorRT.trtexec [TensorRT v101601] [b11] # trtexec --loadEngine=m.plan"
    } > "$out/$1.log"
    printf '[\n  { "count" : 100 }\n, { "name" : "conv1 + relu1", "timeMs" : 50, "averageMs" : 0.5, "medianMs" : 0.5, "percentage" : 40 }\n, { "name" : "Reformatting CopyNode for Input Tensor 0 to conv2", "timeMs" : 5, "averageMs" : 0.05, "medianMs" : 0.05, "percentage" : 4 }\n, { "name" : "conv2 <fused>", "timeMs" : %s, "averageMs" : %s, "medianMs" : %s, "percentage" : 40 }\n, { "name" : "pool", "timeMs" : 10, "averageMs" : 0.1, "medianMs" : 0.1, "percentage" : 8 }\n]\n' \
        "$(awk "BEGIN { print $3 * 100 }")" "$3" "$3" > "$out/$1.profile.json"
}
write_run base 1.00 0.40 2
write_run new 1.30 0.70 6

set +e
"$bin" perf compare --html "$out/compare.html" "$out/base.log,$out/base.profile.json" "$out/new.log,$out/new.profile.json" > "$out/compare.txt"
rc=$?
"$bin" perf --html "$out/run.html" "$out/new.log,$out/new.profile.json" > "$out/run.txt"
rc_run=$?
set -e
[[ $rc == 1 ]] || { echo "perf_html: compare exited $rc, expected 1 (regression)" >&2; exit 1; }
[[ $rc_run == 0 ]] || { echo "perf_html: perf exited $rc_run" >&2; exit 1; }

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --enable-logging=stderr --v=0)
fail=0
for page in compare run; do
    timeout 120 "$browser" "${flags[@]}" --dump-dom "file://$out/$page.html" > "$out/$page.dom.html" 2> "$out/$page.chromium.log" || true
    timeout 120 "$browser" "${flags[@]}" --window-size=1200,1800 --screenshot="$out/$page.png" "file://$out/$page.html" \
        >> "$out/$page.chromium.log" 2>&1 || true
    errors=$(grep -o 'data-js-errors="[0-9]*"' "$out/$page.dom.html" | head -1 | tr -dc 0-9)
    charts=$(grep -o 'data-charts="[0-9]*"' "$out/$page.dom.html" | head -1 | tr -dc 0-9)
    console=$(grep -ciE 'Uncaught|CONSOLE\([0-9]+\).*error|SyntaxError|ReferenceError' "$out/$page.chromium.log" || true)
    want=3; [[ $page == compare ]] && want=5
    echo "perf_html: $page.html: js errors=${errors:-?}, charts=${charts:-?} (want >= $want), console errors=$console"
    if [[ ${errors:-x} != 0 || ${charts:-0} -lt $want || $console != 0 ]]; then fail=1; fi
    if [[ ! -s $out/$page.png ]]; then echo "perf_html: no screenshot for $page" >&2; fail=1; fi
done
for id in percentiles layer-growth top-layers layer-types memory; do
    grep -q "<svg id=\"$id\"" "$out/compare.dom.html" || { echo "perf_html: chart $id missing" >&2; fail=1; }
done
echo "perf_html: screenshots in $out"
exit $fail
