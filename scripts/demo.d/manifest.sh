#!/usr/bin/env bash
# Demo of engine manifests: create one from a build log, verify it, sign it, catch a flipped
# byte, name the engine, and pick the right variant for two targets.
# Usage: manifest.sh TRTDOCTOR_BINARY EXAMPLES_DIR
set -uo pipefail
bin=$1
examples=$2
make_plan="$(dirname "$bin")/../../tools/make_plan"
dir="$examples/manifest"
rm -rf "$dir" && mkdir -p "$dir/variants"

show() { echo; echo "\$ trtdoctor ${*}"; "$bin" "$@"; echo "(exit $?)"; }

# Three variants of one detector, as a fleet keeps them: described in text, built here.
cat > "$dir/variants.plan.txt" <<'DESC'
File: detector.engine
Version: 10.3.0.26
CC: 8.0
SMs: 108
Memory: 85899345920

File: detector-orin.engine
Version: 10.3.0.30
CC: 8.7
SMs: 16
Integrated: true

File: detector-t4.engine
Version: 8.6.1.6
CC: 7.5
SMs: 40
DESC
"$make_plan" "$dir/variants" --description "$dir/variants.plan.txt" >/dev/null

# The trtexec build log of the A100 variant (the structure trtexec prints, abridged).
cat > "$dir/build.log" <<'LOG'
&&&& RUNNING TensorRT.trtexec [TensorRT v100300] # trtexec --onnx=detector.onnx --fp16 --minShapes=images:1x3x640x640 --optShapes=images:8x3x640x640 --maxShapes=images:16x3x640x640 --saveEngine=detector.engine
[01/02/2025-10:00:00] [I] === Model Options ===
[01/02/2025-10:00:00] [I] Format: ONNX
[01/02/2025-10:00:00] [I] Model: detector.onnx
[01/02/2025-10:00:00] [I] === Build Options ===
[01/02/2025-10:00:00] [I] Memory Pools: workspace: default, dlaSRAM: default
[01/02/2025-10:00:00] [I] Precision: FP32+FP16
[01/02/2025-10:00:00] [I] Input build shape (profile 0): images=1x3x640x640+8x3x640x640+16x3x640x640
[01/02/2025-10:00:00] [I] === Device Information ===
[01/02/2025-10:00:00] [I] Selected Device: NVIDIA A100-SXM4-80GB
[01/02/2025-10:00:00] [I] Compute Capability: 8.0
[01/02/2025-10:00:00] [I] TensorRT version: 10.3.0
[01/02/2025-10:00:42] [I] Engine built in 42.5 sec.
&&&& PASSED TensorRT.trtexec [TensorRT v100300] # trtexec --onnx=detector.onnx
LOG

engine="$dir/variants/detector.engine"
show manifest create "$engine" --build-log "$dir/build.log"
show manifest verify "$engine"
"$bin" manifest keygen "$dir/release" >/dev/null
show manifest sign "$engine" --key "$dir/release.pem"
show manifest verify "$engine" --pubkey "$dir/release.pub.pem"
show name "$engine"
show name --rename "$engine"
engine="$dir/variants/detector_trt10.3_a100_fp16.engine"

# A copy with one flipped byte.
mkdir -p "$dir/copy" && cp "$engine" "$engine.manifest.json" "$dir/copy/"
copy="$dir/copy/$(basename "$engine")"
printf '\x01' | dd of="$copy" bs=1 seek=$(( $(stat -c %s "$copy") / 2 )) conv=notrunc status=none
show manifest verify "$copy"

show select "$dir/variants" --trt 10.3 --cc 8.7 --explain
show select "$dir/variants" --trt 10.5 --cc 9.0
