#!/usr/bin/env bash
# End to end: `twsim run` on a real (tiny) config, then scripts/plot.sh on its
# output; every figure the run's results call for must be a non-empty PNG,
# the heat map of the run's trace (written beside the results) included.
# Usage: plot_e2e_test.sh TWSIM_BINARY
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
"$1" run "$root/tests/data/cli_tiny.json" -o "$out/r" --quiet --trace "$out/r/trace.json" > /dev/null
bash "$root/scripts/plot.sh" "$out/r" > /dev/null
for png in p_lockup_vs_cpus.png max_irqoff_vs_cpus.png teardown_vs_cpus.png trace_heatmap.png irqoff_ccdf.png; do
  if [[ ! -s "$out/r/$png" ]]; then
    echo "plot_e2e_test: $png missing or empty after twsim run + scripts/plot.sh" >&2
    exit 1
  fi
done
echo "plot_e2e_test: ok"
