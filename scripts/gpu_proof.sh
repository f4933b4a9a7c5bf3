#!/usr/bin/env bash
# The real-GPU proof of `trtdoctor env` and `trtdoctor check`, run on a machine with an NVIDIA
# Hopper GPU (H100/H200), its driver and CUDA, and no TensorRT.
#   scripts/gpu_proof.sh BIN ENGINES_DIR [OUT_DIR]
# BIN is a portable trtdoctor build (with any extra .so beside it), ENGINES_DIR holds real plan
# files. Asserts what such a machine must show and prints everything; exits non-zero on a miss.
set -u
BIN=${1:?usage: gpu_proof.sh BIN ENGINES_DIR [OUT_DIR]}
ENGINES=${2:?usage: gpu_proof.sh BIN ENGINES_DIR [OUT_DIR]}
OUT=${3:-$(mktemp -d)}
mkdir -p "$OUT"
export LD_LIBRARY_PATH="$(cd "$(dirname "$BIN")" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fails=0
ok()   { echo "PASS: $*"; }
miss() { echo "FAIL: $*"; fails=$((fails + 1)); }

echo "== date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "== glibc: $(ldd --version 2>&1 | head -1)"
echo "== nvidia-smi:"; nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv 2>&1 | head -5
echo "== ldd $BIN:"; ldd "$BIN" 2>&1

echo "== trtdoctor env"
"$BIN" env --no-trtexec --color never | tee "$OUT/env.txt"
"$BIN" env --no-trtexec --format json > "$OUT/env.json"; env_rc=$?
echo "env --format json exit: $env_rc"

python3 - "$OUT/env.json" <<'PY' || fails=$((fails + 1))
import json, subprocess, sys
m = json.load(open(sys.argv[1]))["machine"]
smi = subprocess.run(["nvidia-smi", "--query-gpu=name,compute_cap,driver_version", "--format=csv,noheader"],
                     capture_output=True, text=True).stdout.strip().splitlines()
bad = 0
def check(cond, what):
    global bad
    print(("PASS: " if cond else "FAIL: ") + what)
    bad += 0 if cond else 1
check(len(m["gpus"]) >= 1, f"{len(m['gpus'])} GPU(s) found")
for g, line in zip(m["gpus"], smi):
    name, cc, drv = [x.strip() for x in line.split(",")]
    check(g["name"] == name, f"GPU {g['index']} name {g['name']!r} == nvidia-smi {name!r}")
    check(g["compute_capability"] == "9.0", f"GPU {g['index']} compute capability {g['compute_capability']} == 9.0")
    check(m["driver"]["version"] == drv, f"driver {m['driver']['version']} == nvidia-smi {drv}")
    check(g["free_bytes"] is not None and g["free_bytes"] > 0, "free memory read through NVML")
check(m["driver"]["cu_init"] == 0, "cuInit succeeded")
check(m["tensorrt_version"] is None, "TensorRT absent")
sys.exit(1 if bad else 0)
PY

echo "== trtdoctor check (all engines)"
shopt -s nullglob
files=("$ENGINES"/*)
"$BIN" check --color never "${files[@]}" | tee "$OUT/check.txt"
"$BIN" check --format json "${files[@]}" > "$OUT/check.json"
python3 - "$OUT/check.json" <<'PY' || fails=$((fails + 1))
import json, sys
d = json.load(open(sys.argv[1]))
bad = 0
driver_env = [f["code"] for f in d["machine_findings"] if f["name"] == "CUDA_DRIVER_ENV"]
good = not driver_env
print(("PASS: " if good else "FAIL: ") + f"no CUDA_DRIVER_ENV finding on a working GPU machine {driver_env}")
bad += 0 if good else 1
for e in d["engines"]:
    codes = {f["name"] for f in e["findings"]}
    plan = any(f["code"].startswith("TD3") and f["name"] == "GPU_ARCH_MISMATCH" for f in e["findings"])
    lookalike = any(f["code"].startswith("TD1") and f["severity"] == "error" for f in e["findings"])
    good = e["verdict"] == "invalid" and (plan or lookalike)
    print(("PASS: " if good else "FAIL: ") + f"{e['path'].split('/')[-1]}: {e['verdict']} {sorted(codes)}")
    bad += 0 if good else 1
sys.exit(1 if bad else 0)
PY

echo "== wall time of single commands (ms)"
t() { local label=$1 s e; shift; s=$(date +%s%N); "$@" > /dev/null 2>&1; e=$(date +%s%N); echo "$(( (e - s) / 1000000 )) ms: $label"; }
t "env (cuInit + NVML)" "$BIN" env --no-trtexec
t "check --no-hash, one engine (NVML fast path)" "$BIN" check --no-hash "${files[0]}"
CUDA_VISIBLE_DEVICES=0 t "check --no-hash, one engine, CUDA_VISIBLE_DEVICES set (cuInit path)" "$BIN" check --no-hash "${files[0]}"

echo "== check --no-hash wall time (ms), all engines, 5 runs"
for i in 1 2 3 4 5; do
  s=$(date +%s%N); "$BIN" check --no-hash "${files[@]}" > /dev/null; e=$(date +%s%N)
  echo "run $i: $(( (e - s) / 1000000 )) ms"
done | tee "$OUT/timing.txt"
best=$(sed -n 's/.*: \([0-9]*\) ms/\1/p' "$OUT/timing.txt" | sort -n | head -1)
if [ "${best:-999999}" -lt 100 ]; then ok "check --no-hash best ${best} ms < 100 ms"; else miss "check --no-hash best ${best} ms >= 100 ms"; fi

echo "== summary: $fails failure(s)"
exit $((fails > 0))
