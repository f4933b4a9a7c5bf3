#!/usr/bin/env bash
# inspect benchmark: a 1 GiB synthetic plan (written sparse by tools/make_plan, then made
# dense so the page cache holds real pages), timed against sha256sum.
#   bench/inspect_bench.sh [BUILD_DIR]     (default build/release)
# Prints: bytes read by --no-hash, its wall time, hashing wall time vs sha256sum, the ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
bin=$build/src/cli/trtdoctor
make_plan=$build/tools/make_plan
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
plan=$work/big.plan

"$make_plan" "$plan" --size $((1 << 30)) --version 10.3.0.26
# A hole reads as zeros without touching memory; copy it to a real file for fair hashing.
cp --sparse=never "$plan" "$plan.dense" && mv "$plan.dense" "$plan"
size=$(stat -c %s "$plan")
cat "$plan" > /dev/null   # warm the page cache: both tools then hash from memory

echo "file: $size bytes"
"$bin" inspect --no-hash --format json "$plan" | grep -E '"(bytes_read|trt_version)"'

if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 3 --runs 20 "$bin inspect --no-hash $plan" \
        --export-json "$work/nohash.json" >/dev/null
    hyperfine -N --warmup 1 --runs 5 "$bin inspect $plan" "sha256sum $plan" "md5sum $plan" \
        --export-json "$work/hash.json" >/dev/null
    python3 - "$work/nohash.json" "$work/hash.json" "$size" <<'PY'
import json, sys
nohash = json.load(open(sys.argv[1]))["results"][0]
runs = json.load(open(sys.argv[2]))["results"]
size = int(sys.argv[3])
print(f"inspect --no-hash: {nohash['mean']*1000:.2f} ms mean (sd {nohash['stddev']*1000:.2f} ms)")
ours, sha, md5 = runs
for r in runs:
    words = r['command'].split()
    label = ' '.join([words[0].split('/')[-1]] + words[1:-1])
    print(f"{label:<24} {r['mean']:.3f} s mean (sd {r['stddev']:.3f})  {size / r['mean'] / 1e9:.2f} GB/s")
print(f"ratio inspect (SHA-256 + MD5) / sha256sum = {ours['mean'] / sha['mean']:.2f}  (< 1 is faster)")
PY
else
    /usr/bin/time -f "inspect --no-hash: %e s" "$bin" inspect --no-hash "$plan" >/dev/null
    /usr/bin/time -f "inspect (hashes): %e s" "$bin" inspect "$plan" >/dev/null
    /usr/bin/time -f "sha256sum: %e s" sha256sum "$plan" >/dev/null
fi
