#!/usr/bin/env bash
# Side by side (README "Performance"): runs CONFIG with two twsim binaries in
# turn, ROUNDS times each, and prints each one's best wall and CPU time (user
# + system, from /usr/bin/time) and the ratio BASE / NEW. Alternating the two
# lets both see the same machine load.
#   scripts/perf_compare.sh BASE_BIN NEW_BIN CONFIG [ROUNDS] [-- extra twsim run options]
set -euo pipefail
if [[ $# -lt 3 ]]; then
  echo "usage: $0 BASE_BIN NEW_BIN CONFIG [ROUNDS] [-- twsim run options]" >&2
  exit 2
fi
base=$1 new=$2 config=$3
shift 3
rounds=5
if [[ $# -gt 0 && $1 != -- ]]; then rounds=$1; shift; fi
[[ $# -gt 0 && $1 == -- ]] && shift
for bin in "$base" "$new"; do
  [[ -x $bin ]] || { echo "$0: $bin: not an executable" >&2; exit 2; }
done
[[ -f $config ]] || { echo "$0: $config: no such config" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
best() { sort -g | head -1; }
for ((r = 0; r < rounds; r++)); do
  for which in base new; do
    bin=$base
    [[ $which == new ]] && bin=$new
    rm -rf "$tmp/out"
    /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$bin" run "$config" -o "$tmp/out" -q "$@" >/dev/null
    read -r wall user sys <"$tmp/t"
    echo "$wall" >>"$tmp/$which.wall"
    echo "$user + $sys" | bc >>"$tmp/$which.cpu"
  done
done
bw=$(best <"$tmp/base.wall") bc_=$(best <"$tmp/base.cpu")
nw=$(best <"$tmp/new.wall") nc=$(best <"$tmp/new.cpu")
printf '%s: best of %d  base wall %ss cpu %ss  new wall %ss cpu %ss  ratio wall %.2fx cpu %.2fx\n' \
  "$config" "$rounds" "$bw" "$bc_" "$nw" "$nc" "$(echo "$bw / $nw" | bc -l)" "$(echo "$bc_ / $nc" | bc -l)"
