# What the cluster test's cases share: the PASS/FAIL tally, scratch
# "repository roots" to run the README's recipes in, Slurm job queries, and the
# comparison of a results directory with the one a single `twsim run` writes.
# Sourced by cluster_test.sh, which sets $work (scratch directory), $twsim
# (the binary, absolute), $sweep (the config) and $shards_script (the
# README's job script), after slurm_single_node.sh (wait_for).

passed=0
failed=0

pass() {
  echo "PASS: $1"
  passed=$((passed + 1))
}

# fail WHAT WHY: one line; returns 1 so a case can `|| return` on it.
fail() {
  echo "FAIL: $1: $2"
  failed=$((failed + 1))
  return 1
}

# make_root NAME: $work/NAME laid out as the README's commands expect of the
# repository root: build/twsim (this build), configs/phase-diagram.json (the
# small sweep, under the name the recipe uses) and shards.sbatch (the README's
# job script, byte for byte). Prints the path.
make_root() {
  local r=$work/$1
  mkdir -p "$r/build" "$r/configs" &&
    ln -s "$twsim" "$r/build/twsim" &&
    cp "$sweep" "$r/configs/phase-diagram.json" &&
    printf '%s' "$shards_script" > "$r/shards.sbatch" &&
    echo "$r"
}

# job_field JOB FIELD: FIELD's value in `scontrol show job` of JOB (a job id
# or ARRAYID_TASK); for a whole array, one line per task.
job_field() {
  scontrol show job -o "$1" 2> /dev/null | grep -o "\(^\| \)$2=[^ ]*" | sed "s|^ *$2=||"
}

# jobs_left JOB...: none of the jobs is pending or running any more.
jobs_left() { [ -n "$(squeue -h -o %A -j "$(IFS=,; echo "$*")" 2> /dev/null)" ]; }
jobs_gone() { ! jobs_left "$@"; }

# task_running JOB TASK DIR: array task TASK runs and its twsim has written
# DIR/experiment.json (so it is simulating).
task_running() {
  [ "$(job_field "$1_$2" JobState)" = RUNNING ] && [ -f "$3/experiment.json" ]
}

# same_as_single DIR: DIR holds exactly the files of the single run in
# $work/single/results/phase-diagram, byte for byte, except results.json's
# "run" block (this process's wall time and speed) and the lock file's holder.
same_as_single() {
  local single=$work/single/results/phase-diagram out
  if ! out=$(diff -r -x .twsim.lock -x results.json "$single" "$1" 2>&1); then
    echo "$out" | head -n 5
    return 1
  fi
  python3 - "$single/results.json" "$1/results.json" <<'EOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
for d in (a, b):
    d.pop("run", None)
if a != b:
    sys.exit("results.json differs beyond its \"run\" block: "
             + ", ".join(k for k in sorted(set(a) | set(b)) if a.get(k) != b.get(k)))
EOF
}

# shard_texts DIR: the "shard" of each DIR/*/experiment.json, one a line, in
# shard order.
shard_texts() {
  python3 - "$1" <<'EOF'
import glob, json, sys
texts = [json.load(open(p))["shard"] for p in glob.glob(sys.argv[1] + "/*/experiment.json")]
print("\n".join(sorted(texts, key=lambda t: int(t.split("/")[0]))))
EOF
}
