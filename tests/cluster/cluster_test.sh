#!/bin/bash
# make test-cluster: the README's cluster recipes (section "Clusters: `--shard
# I/N` and `twsim merge`"), run as written on a single-node Slurm started for
# this test only:
#  1. the job array script and the merge job with afterok give the files of
#     one `twsim run`, byte for byte; each task ran the shard
#     "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT" names;
#  2. the GNU parallel line gives them too;
#  3. a shard killed mid-run: the merge job never runs, `twsim merge` names the
#     shard, a resubmitted one-task array is refused, and the README's requeue
#     steps end with the same files;
#  4. a shard run twice at once (a requeued task whose first copy still runs)
#     ends with the same files.
# Usage: cluster_test.sh REPO_ROOT TWSIM_BINARY
# Exit 0 pass, 1 fail, 77 skipped (one line says why: no root, no package
# archive, Slurm would not start). The config is tests/data/cluster_sweep.json.
set -u
set -o pipefail
export PATH=$PATH:/usr/sbin:/sbin  # munged, mungekey, slurmctld, slurmd
repo=$(realpath "${1:?usage: cluster_test.sh REPO_ROOT TWSIM_BINARY}")
twsim=$(realpath "${2:?usage: cluster_test.sh REPO_ROOT TWSIM_BINARY}")
sweep=$repo/tests/data/cluster_sweep.json
here=$repo/tests/cluster
source "$here/readme_blocks.sh"
source "$here/slurm_single_node.sh"
source "$here/cluster_checks.sh"

skip() {
  echo "test-cluster: SKIPPED: $1"
  exit 77
}

[ -x "$twsim" ] || { echo "test-cluster: $twsim: not an executable; build twsim first"; exit 1; }
[ "$(id -u)" -eq 0 ] || skip "not root, and slurmd must run as root to start jobs"

work=$(mktemp -d /tmp/twsim-cluster.XXXXXX) || exit 1
chmod 755 "$work"  # munged wants every directory above its socket searchable by all
second_pid=""
cleanup() {
  [ -z "$second_pid" ] || kill -KILL "$second_pid" 2> /dev/null
  slurm_node_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

if ! bash "$repo/scripts/install_deps.sh" slurm-wlm munge parallel > "$work/install.log" 2>&1; then
  skip "cannot install slurm-wlm, munge and parallel: $(tail -n 1 "$work/install.log")"
fi
started=$SECONDS
slurm_node_start "$work/slurm" 2> "$work/slurm-start.log" ||
  skip "Slurm did not start: $(tail -n 1 "$work/slurm-start.log")"
echo "test-cluster: single-node Slurm up in $((SECONDS - started)) s"

blocks_ok=1
shards_script=$(readme_cluster_block "$repo/README.md" '#SBATCH --array') || blocks_ok=0
shards_script+=$'\n'
submit=$(readme_cluster_block "$repo/README.md" 'sbatch --parsable shards.sbatch') || blocks_ok=0
requeue=$(readme_cluster_block "$repo/README.md" 'scontrol requeue') || blocks_ok=0
parallel_line=$(readme_cluster_block "$repo/README.md" 'parallel -j') || blocks_ok=0
[ $blocks_ok = 1 ] || { echo "test-cluster: 0 passed, 1 failed"; exit 1; }

# submit_recipe WHAT NAME: runs the README's submission block in a new root
# NAME; sets the caller's r (the root), jobid and merge (the block's $jobid
# and $merge). On failure, a FAIL line for WHAT and status 1.
submit_recipe() {
  local ids
  r=$(make_root "$2") || fail "$1" "cannot lay out $work/$2" || return
  ids=$(cd "$r" && bash -c "$submit"$'\n''echo "$jobid $merge"' 2>> "$work/sbatch.log") ||
    fail "$1" "sbatch failed: $(tail -n 1 "$work/sbatch.log")" || return
  read -r jobid merge <<< "$ids"
}

# task1_simulating WHAT: waits until array task 1 of the caller's $jobid (the
# shard with the slow point) runs and simulates. FAIL line for WHAT if not.
task1_simulating() {
  wait_for 60 task_running "$jobid" 1 "$r/results/phase-diagram.shards/1" ||
    fail "$1" "array task 1 did not start simulating in 60 s"
}

# The reference: one `twsim run` of the sweep, as a user without a cluster.
single=$(make_root single) &&
  (cd "$single" && build/twsim run configs/phase-diagram.json --quiet -j 2 \
    -o results/phase-diagram > /dev/null) ||
  { echo "FAIL: the single reference run failed"; exit 1; }

# merged_as_single WHAT DIR: DIR holds the files of the single run (see
# same_as_single); a FAIL line for WHAT if not.
merged_as_single() {
  same_as_single "$2" || fail "$1" "${2#"$work"/} differs from one twsim run"
}

case_array_and_merge() {
  local what="Slurm job array + afterok merge as in README.md" r jobid merge shards expected
  submit_recipe "$what" array || return
  wait_for 120 jobs_gone "$jobid" "$merge" || fail "$what" "jobs $jobid, $merge still queued after 120 s" || return
  [ "$(job_field "$jobid" JobState | sort -u)" = COMPLETED ] ||
    fail "$what" "array tasks ended $(job_field "$jobid" JobState | sort | uniq -c | xargs)" || return
  [ "$(job_field "$merge" JobState)" = COMPLETED ] ||
    fail "$what" "merge job ended $(job_field "$merge" JobState)" || return
  merged_as_single "$what" "$r/results/phase-diagram" || return
  pass "$what: 16 shards merged = one twsim run, byte for byte"

  shards=$(shard_texts "$r/results/phase-diagram.shards" | xargs)
  expected=$(for i in $(seq 0 15); do echo "$i/16"; done | xargs)
  [ "$shards" = "$expected" ] ||
    fail "--shard \"\$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT\"" "shards ran: $shards" || return
  pass "--shard \"\$SLURM_ARRAY_TASK_ID/\$SLURM_ARRAY_TASK_COUNT\": array tasks 0-15 ran shards 0/16 to 15/16"
}

case_gnu_parallel() {
  local what="the README's GNU parallel line" r
  parallel --version 2> /dev/null | head -n 1 | grep -q '^GNU parallel' ||
    fail "$what" "'parallel' is not GNU parallel: $(command -v parallel)" || return
  r=$(make_root parallel) || fail "$what" "cannot lay out $work/parallel" || return
  mkdir -p "$work/home"
  # HOME: GNU parallel keeps its state (~/.parallel) there.
  (cd "$r" && HOME=$work/home bash -c "$parallel_line" > "$work/parallel.log" 2>&1) ||
    fail "$what" "exited non-zero: $(tail -n 1 "$work/parallel.log")" || return
  merged_as_single "$what" "$r/results/phase-diagram" || return
  pass "$what: 4 shards merged = one twsim run, byte for byte"
}

case_failed_shard() {
  local what="a failed shard" r jobid merge err rc one
  submit_recipe "$what" failed || return
  # Shard 1 holds the slow point: kill it while it simulates (a node lost, the
  # OOM killer), as SIGKILL to the task's twsim.
  task1_simulating "$what" || return
  scancel --signal=KILL --batch "${jobid}_1" || fail "$what" "scancel --signal=KILL failed" || return
  wait_for 60 jobs_gone "$jobid" || fail "$what" "array $jobid still queued after 60 s" || return
  [ "$(job_field "${jobid}_1" JobState)" = FAILED ] ||
    fail "$what" "task 1 ended $(job_field "${jobid}_1" JobState), not FAILED" || return
  wait_for 10 eval '[ "$(job_field "$merge" Reason)" = DependencyNeverSatisfied ]' ||
    fail "$what" "merge job: $(job_field "$merge" JobState) $(job_field "$merge" Reason)" || return
  [ ! -e "$r/results/phase-diagram" ] || fail "$what" "the merge job ran anyway" || return
  pass "$what: array task 1 FAILED, the afterok merge job stays pending (DependencyNeverSatisfied)"

  err=$(cd "$r" && build/twsim merge results/phase-diagram.shards/* -o results/phase-diagram 2>&1 > /dev/null)
  rc=$?
  one="results/phase-diagram.shards/1 (shard 1/16) has not finished point"
  [ $rc = 2 ] && [[ $err == *"$one"*": rerun it to resume"* ]] && [ ! -e "$r/results/phase-diagram" ] ||
    fail "$what" "twsim merge by hand: exit $rc, said: $err" || return
  mv "$r/results/phase-diagram.shards/1" "$work/shard1" || fail "$what" "cannot move shard 1 aside" || return
  err=$(cd "$r" && build/twsim merge results/phase-diagram.shards/* -o results/phase-diagram 2>&1 > /dev/null)
  rc=$?
  mv "$work/shard1" "$r/results/phase-diagram.shards/1" || fail "$what" "cannot put shard 1 back" || return
  # 18 points in 16 shards: shard 1 holds points 1 and 17 (p % 16 == 1).
  [ $rc = 2 ] && [[ $err == *"points 1, 17 belong to no directory given (missing shard 1/16)" ]] ||
    fail "$what" "twsim merge without shard 1's directory: exit $rc, said: $err" || return
  pass "$what: twsim merge exits 2 and names shard 1/16 (killed: 'has not finished'; no directory: 'missing shard')"

  # The README's warning: a one-task array is shard I/1, which twsim refuses.
  one=$(cd "$r" && sbatch --parsable --array=1 --output=single-task.out shards.sbatch) &&
    wait_for 60 jobs_gone "$one" || fail "$what" "sbatch --array=1 did not run" || return
  [ "$(job_field "$one" JobState)" = FAILED ] && grep -q "got '1/1'" "$r/single-task.out" ||
    fail "$what" "sbatch --array=1 shards.sbatch: $(job_field "$one" JobState), $(tail -n 1 "$r/single-task.out")" || return
  pass "$what: resubmitted as sbatch --array=1, twsim refuses --shard 1/1 (README's warning)"

  (cd "$r" && bash -c "jobid=$jobid; merge=$merge"$'\n'"$requeue") 2>> "$work/sbatch.log" ||
    fail "$what" "the README's requeue steps failed: $(tail -n 1 "$work/sbatch.log")" || return
  wait_for 90 jobs_gone "$jobid" "$merge" || fail "$what" "requeued jobs still queued after 90 s" || return
  [ "$(job_field "${jobid}_1" JobState) $(job_field "${jobid}_1" Restarts)" = "COMPLETED 1" ] &&
    [ "$(job_field "$merge" JobState)" = COMPLETED ] ||
    fail "$what" "after requeue: task 1 $(job_field "${jobid}_1" JobState), merge $(job_field "$merge" JobState)" || return
  merged_as_single "$what" "$r/results/phase-diagram" || return
  pass "$what: the README's requeue steps rerun task 1 and the merge; files = one twsim run"
}

case_shard_twice() {
  local what="a shard run twice at once" r jobid merge dir count cpus
  submit_recipe "$what" twice || return
  task1_simulating "$what" || return
  dir=$r/results/phase-diagram.shards/1
  # The second copy: the job script with the environment Slurm gives task 1.
  count=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["shard"].split("/")[1])' \
    "$dir/experiment.json")
  cpus=$(job_field "${jobid}_1" CPUs/Task)
  (cd "$r" && SLURM_ARRAY_TASK_ID=1 SLURM_ARRAY_TASK_COUNT=$count SLURM_CPUS_PER_TASK=$cpus \
    exec bash shards.sbatch > second.out 2>&1) &
  second_pid=$!
  # The script execs twsim: once the copy's process is twsim, both simulate.
  wait_for 10 eval '[ "$(cat "/proc/$second_pid/comm" 2> /dev/null)" = twsim ]' ||
    fail "$what" "the second copy did not start twsim: $(tail -n 1 "$r/second.out")" || return
  [ "$(job_field "${jobid}_1" JobState)" = RUNNING ] ||
    fail "$what" "task 1 had finished before the second copy started; nothing overlapped" || return
  wait "$second_pid" || fail "$what" "the second copy exited $?: $(tail -n 1 "$r/second.out")" || return
  second_pid=""
  wait_for 120 jobs_gone "$jobid" "$merge" || fail "$what" "jobs still queued after 120 s" || return
  [ "$(job_field "$jobid" JobState | sort -u) $(job_field "$merge" JobState)" = "COMPLETED COMPLETED" ] ||
    fail "$what" "jobs ended: array $(job_field "$jobid" JobState | sort -u | xargs), merge $(job_field "$merge" JobState)" || return
  [ -z "$(find "$dir" -name '*.tmp')" ] || fail "$what" "temporaries left in $dir" || return
  merged_as_single "$what" "$r/results/phase-diagram" || return
  (cd "$r" && build/twsim merge results/phase-diagram.shards/* -o results/again --quiet > /dev/null) ||
    fail "$what" "a merge after both copies failed" || return
  merged_as_single "$what" "$r/results/again" || return
  pass "$what: task 1 and a second copy of it (started while it ran) leave the files of one twsim run"
}

case_array_and_merge
case_gnu_parallel
case_failed_shard
case_shard_twice
if [ $failed != 0 ]; then  # the logs go with the scratch directory: show their ends
  for log in "$work"/slurm/log/slurmctld.log "$work"/slurm/log/slurmd.log; do
    echo "--- the end of $(basename "$log"):"
    tail -n 5 "$log"
  done
fi
echo "test-cluster: took $((SECONDS - started)) s"
echo "test-cluster: $passed passed, $failed failed"
[ $failed = 0 ]
