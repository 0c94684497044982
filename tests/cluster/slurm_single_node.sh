# A single-node Slurm cluster that lives in one directory, for the cluster
# test: its own munge key and munged, a slurm.conf whose one node is this host
# (reached on 127.0.0.1), slurmctld and slurmd on free loopback ports, state,
# spool and logs under DIR. The system's Slurm and munge (/etc/slurm,
# /etc/munge, /run/munge) are neither read nor touched. Sourced by
# cluster_test.sh; every command after slurm_node_start talks to this cluster
# through the exported SLURM_CONF.
# REQUIRES: root (slurmd starts jobs as their submitter), slurm-wlm, munge.

slurm_node_dir=""
slurm_node_pids=()  # munged, slurmctld, slurmd, in start order

# slurm_node_fail MESSAGE: says why the cluster did not start (one line, with
# the last line of the log that tells) and returns 1.
slurm_node_fail() {
  echo "$1" >&2
  return 1
}

# slurm_node_free_ports: two free TCP ports on 127.0.0.1, space-separated.
slurm_node_free_ports() {
  python3 -c 'import socket
ss = [socket.socket() for _ in range(2)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in ss))'
}

# slurm_node_write_conf PORT_CTLD PORT_SLURMD: DIR/slurm.conf. The node
# declares 128 CPUs (SlurmdParameters=config_overrides lets it claim more than
# the hardware has) so that the README's array, 16 tasks of
# --cpus-per-task=8, starts at once as on a cluster; twsim's threads then
# share this machine's cores, which changes no result (same seed, same bytes
# whatever -j).
slurm_node_write_conf() {
  local d=$slurm_node_dir host
  host=$(hostname -s)
  cat > "$d/slurm.conf" <<EOF
ClusterName=twsimtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$1
SlurmdPort=$2
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$d/munge/munge.socket
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool
SlurmctldPidFile=$d/slurmctld.pid
SlurmdPidFile=$d/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
SchedulerParameters=batch_sched_delay=0
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
SlurmdParameters=config_overrides
KillWait=2
MinJobAge=3600
MailProg=/bin/true
NodeName=twsim-node NodeHostname=$host NodeAddr=127.0.0.1 CPUs=128 State=UNKNOWN
PartitionName=twsim Nodes=twsim-node Default=YES MaxTime=INFINITE State=UP
EOF
}

# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds;
# status 1 when SECONDS pass first.
wait_for() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    [ $SECONDS -lt $deadline ] || return 1
    sleep 0.2
  done
}

slurm_node_idle() { [ "$(sinfo -h -n twsim-node -o %T 2> /dev/null)" = idle ]; }

# slurm_node_start DIR: starts munged, slurmctld and slurmd (each in a session
# of its own, so that Ctrl-C on the test reaches them only through
# slurm_node_stop) and waits until the node is idle. Status 1 with one line on
# stderr when a daemon does not come up.
slurm_node_start() {
  slurm_node_dir=$1
  local d=$1 ports
  # munged refuses a socket whose directories others cannot search.
  mkdir -p "$d/munge" "$d/state" "$d/spool" "$d/log" && chmod 755 "$d" "$d/munge" || return 1
  mungekey --create --keyfile="$d/munge/munge.key" > "$d/log/mungekey.log" 2>&1 ||
    slurm_node_fail "mungekey failed: $(tail -n 1 "$d/log/mungekey.log")" || return 1
  setsid munged --foreground --socket="$d/munge/munge.socket" --key-file="$d/munge/munge.key" \
    --pid-file="$d/munge/munged.pid" --seed-file="$d/munge/munged.seed" \
    --log-file="$d/log/munged.log" < /dev/null > "$d/log/munged.out" 2>&1 &
  slurm_node_pids+=($!)
  wait_for 10 test -S "$d/munge/munge.socket" ||
    slurm_node_fail "munged did not start: $(tail -n 1 "$d/log/munged.out")" || return 1

  ports=$(slurm_node_free_ports) || slurm_node_fail "no free loopback port" || return 1
  # shellcheck disable=SC2086  # two words on purpose
  slurm_node_write_conf $ports
  export SLURM_CONF=$d/slurm.conf
  setsid slurmctld -D < /dev/null > "$d/log/slurmctld.out" 2>&1 &
  slurm_node_pids+=($!)
  setsid slurmd -D -N twsim-node < /dev/null > "$d/log/slurmd.out" 2>&1 &
  slurm_node_pids+=($!)
  wait_for 60 slurm_node_idle ||
    slurm_node_fail "the Slurm node did not come up in 60 s: slurmctld: \
$(tail -n 1 "$d/log/slurmctld.out"); slurmd: $(tail -n 1 "$d/log/slurmd.out")" || return 1
}

slurm_node_no_jobs() { [ -z "$(squeue -h -o %A 2> /dev/null)" ]; }

# slurm_node_gone PID: the process has exited (a zombie not yet reaped counts).
slurm_node_gone() {
  local stat
  read -r stat 2> /dev/null < "/proc/$1/stat" || return 0
  [[ $stat == *") Z "* ]]
}

# slurm_node_kill_marked: SIGKILL to every process whose environment names
# this cluster's SLURM_CONF (jobs and slurmstepd left behind when the
# daemons could not cancel them), except this shell. Builtins only, so the
# scan starts no process that carries the mark itself.
slurm_node_kill_marked() {
  local p kv mark="SLURM_CONF=$slurm_node_dir/slurm.conf"
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] && continue
    while IFS= read -r -d '' kv; do
      [ "$kv" = "$mark" ] && { kill -KILL "${p#/proc/}" 2> /dev/null; break; }
    done 2> /dev/null < "$p/environ"
  done
}

# slurm_node_stop: cancels every job of this cluster and waits for them to
# end, then stops slurmd, slurmctld and munged by their process ids (TERM,
# then KILL after 5 s). Safe to call twice, and when the start failed midway.
slurm_node_stop() {
  [ -n "$slurm_node_dir" ] || return 0
  local jobs pid i
  if [ -n "${SLURM_CONF:-}" ]; then
    jobs=$(squeue -h -o %A 2> /dev/null)
    # shellcheck disable=SC2086  # one job id a word
    [ -z "$jobs" ] || scancel $jobs 2> /dev/null
    wait_for 15 slurm_node_no_jobs
  fi
  for ((i = ${#slurm_node_pids[@]} - 1; i >= 0; i--)); do
    pid=${slurm_node_pids[i]}
    kill -TERM "$pid" 2> /dev/null || continue
    wait_for 5 slurm_node_gone "$pid" || kill -KILL "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
  done
  slurm_node_kill_marked
  slurm_node_pids=()
  slurm_node_dir=""
}
