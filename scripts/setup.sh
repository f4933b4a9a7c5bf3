#!/usr/bin/env bash
# Installs the Debian 12 packages trtdoctor needs to build, test, fuzz and benchmark.
# Nothing else is downloaded. Run as root (or with sudo). Safe to run again.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git
    libfmt-dev nlohmann-json3-dev libssl-dev zlib1g-dev
    libhyperscan-dev libre2-dev libsimdjson-dev
    libgtest-dev libgmock-dev libbenchmark-dev
    clang-14 libclang-rt-14-dev
    ripgrep hyperfine python3 gzip
    chromium
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
    echo "setup: all ${#packages[@]} packages already installed"
    exit 0
fi
echo "setup: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
