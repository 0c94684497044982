#!/usr/bin/env bash
# Installs the Debian 12 packages twsim needs, if any are missing. Idempotent:
# does nothing (and needs no network) when everything is already there.
# With arguments, installs those packages instead (make test-cluster: slurm-wlm
# munge parallel).
set -euo pipefail
pkgs=(cmake g++ make libboost-dev libboost-program-options-dev nlohmann-json3-dev
      libgtest-dev libbenchmark-dev python3-matplotlib python3-pandas clang-format)
[ $# -eq 0 ] || pkgs=("$@")
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "twsim: installing missing packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
