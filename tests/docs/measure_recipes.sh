#!/bin/bash
# The bpftrace recipes of docs/measure.md, as written in docs/measure/*.bt:
#  1. measure.md names every script file, and every script it names exists;
#  2. each script passes bpftrace's dry run (`bpftrace -d`: parse, probe and
#     semantic checks, struct fields against the running kernel's BTF, no
#     load), and a script with a planted error fails it (so the check can fail).
# Exit 0 pass, 1 fail, 77 skipped (no bpftrace: ctest SKIP_RETURN_CODE).
# Where tracefs is not mounted (containers), bpftrace cannot look up a
# tracepoint: the script is then checked with its tracepoint probes renamed to
# a kprobe, so only the tracepoint names go unchecked, and the test says so.
set -u
root=${1:?usage: measure_recipes.sh REPO_ROOT}
doc=$root/docs/measure.md
fail=0

for f in "$root"/docs/measure/*.bt; do
  name=docs/measure/$(basename "$f")
  grep -qF "$name" "$doc" || { echo "FAIL: $name is not named in docs/measure.md"; fail=1; }
done
for name in $(grep -oE 'docs/measure/[A-Za-z0-9_.-]+\.bt' "$doc" | sort -u); do
  [ -f "$root/$name" ] || { echo "FAIL: docs/measure.md names $name, which does not exist"; fail=1; }
done
[ $fail = 0 ] || exit 1

if ! command -v bpftrace > /dev/null; then
  echo "SKIP: bpftrace is not installed (apt-get install bpftrace), so the recipes' syntax is unchecked"
  exit 77
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# dry_run FILE: bpftrace's dry run; prints its errors; status as bpftrace's.
dry_run() {
  local out=$tmp/out rc
  timeout 120 bpftrace -d "$1" > "$out" 2>&1
  rc=$?
  if [ $rc != 0 ] && grep -q 'ERROR: tracepoint not found' "$out" \
     && [ ! -d /sys/kernel/tracing/events ] && [ ! -d /sys/kernel/debug/tracing/events ]; then
    echo "note: $(basename "$1"): tracefs is not mounted here; tracepoint names unchecked"
    sed -E 's/^tracepoint:[a-z_]+:[a-z_]+/kprobe:task_work_run/' "$1" > "$tmp/as_kprobe.bt"
    timeout 120 bpftrace -d "$tmp/as_kprobe.bt" > "$out" 2>&1
    rc=$?
  fi
  # "couldn't set RLIMIT_MEMLOCK" and "not traceable" come from the sandbox,
  # not the script: report only the script's own errors.
  grep -E '(ERROR|error):' "$out" | grep -vE 'RLIMIT_MEMLOCK|available_filter_functions' | head -5
  return $rc
}

printf 'kprobe:task_work_run { @n = count( }\n' > "$tmp/planted.bt"
if dry_run "$tmp/planted.bt" > /dev/null; then
  echo "FAIL: bpftrace -d accepted a script with a syntax error; this check cannot work here"
  exit 1
fi

for f in "$root"/docs/measure/*.bt; do
  if dry_run "$f"; then
    echo "ok: docs/measure/$(basename "$f")"
  else
    echo "FAIL: docs/measure/$(basename "$f") does not pass bpftrace -d"
    fail=1
  fi
done
exit $fail
