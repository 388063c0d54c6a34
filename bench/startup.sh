#!/usr/bin/env bash
# Start-up of each process alone (issue #12: ready ≤ 2 s, idle RSS ≤ 120 MB), run on demand, not in CI.
#
# Starts the whole system once with deploy/run.sh (SQLite, a fresh data folder, ports of its own), so
# that every database is migrated and seeded, notes each process's environment and folder, stops it,
# and runs the same processes itself (Redis, the four services, the gateway). Then, one process at a
# time, the others running as a pod restarting in a live system would find them: stops it and starts
# it again from its build output (the JIT compiles everything) and from its ReadyToRun publication (as
# the container images are built), $ROUNDS interleaved rounds.
# Prints the medians: milliseconds from the spawn to the first 200 from /health/ready, the CPU the
# process spent until then (utime+stime from /proc) and its RSS $IDLE seconds after ready, for both
# builds, and the ReadyToRun figure as a ratio of the JIT one measured in the same run.
#
# Settings (environment): ROUNDS [3] IDLE [10] (seconds)  SKIP_BUILD [0] (1 = run what was built and
#   published last)  PROCESSES [enterprises plans platforms talent gateway]
#   GATEWAY_PORT [59380] PLANS_PORT [59301] ENTERPRISES_PORT [59302] PLATFORMS_PORT [59303]
#   TALENT_PORT [59304] REDIS_PORT [59379]
#   PROCESS_ENV: NAME=VALUE pairs added to the environment of each process measured (not of the others), to
#   compare runtime settings, e.g. PROCESS_ENV="DOTNET_gcServer=0"
#   JIT_DIR, R2R_DIR: folders holding a publication per project folder name (Enterprises.Api/ …) to start
#   instead of the build output and of .publish/, to compare two other builds side by side. A
#   self-contained publication is started by its own executable, the others with dotnet.
# A short check: ROUNDS=1 IDLE=2 PROCESSES=enterprises bench/startup.sh
# Two publications of one service: JIT_DIR=.publish R2R_DIR=/tmp/composite PROCESSES=plans SKIP_BUILD=1 bench/startup.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/lib.sh
source "$ROOT/deploy/lib.sh"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

ROUNDS=${ROUNDS:-3} IDLE=${IDLE:-10}
read -r -a processes <<<"${PROCESSES:-enterprises plans platforms talent gateway}"
export GATEWAY_PORT=${GATEWAY_PORT:-59380} PLANS_PORT=${PLANS_PORT:-59301} ENTERPRISES_PORT=${ENTERPRISES_PORT:-59302}
export PLATFORMS_PORT=${PLATFORMS_PORT:-59303} TALENT_PORT=${TALENT_PORT:-59304} REDIS_PORT=${REDIS_PORT:-59379}
export DATA_DIR=${DATA_DIR:-$(mktemp -d /tmp/bench-startup.XXXXXX)}
mkdir -p "$DATA_DIR"
trap 'rm -rf "$DATA_DIR"' EXIT
export LOCAL_ADMIN_CLIENT_SECRET=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')

declare -A port=([enterprises]=$ENTERPRISES_PORT [plans]=$PLANS_PORT [platforms]=$PLATFORMS_PORT
  [talent]=$TALENT_PORT [gateway]=$GATEWAY_PORT)
# project[NAME] : the project folder (and dll) of each of deploy/lib.sh's APP_PROJECTS, by its log name.
declare -A project=()
for path in "${APP_PROJECTS[@]}"; do
  folder=$(basename "$path")
  name=${folder%.Api}
  project[${name,,}]=$folder
done
for name in "${processes[@]}"; do
  [ -n "${port[$name]:-}" ] || { echo "Unknown process '$name' (known: ${!port[*]})" >&2; exit 2; }
done

# The system runs from the build output; .publish/ is published again only when it is measured.
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "Building (Release)..." >&2
  dotnet build Microservices.sln -c Release -v quiet -nologo >"$DATA_DIR/build.log" 2>&1 || { cat "$DATA_DIR/build.log"; exit 1; }
  if [ -z "${R2R_DIR:-}" ]; then
    echo "Publishing ReadyToRun (.publish/)..." >&2
    publish_ready_to_run "$ROOT" >"$DATA_DIR/publish.log" 2>&1 || { cat "$DATA_DIR/publish.log"; exit 1; }
  fi
fi
# Every publication measured is there before the system starts (.publish/ is made by a run without SKIP_BUILD).
for name in "${processes[@]}"; do
  for dir in ${JIT_DIR:+"$JIT_DIR"} "${R2R_DIR:-$ROOT/.publish}"; do
    [ -f "$dir/${project[$name]}/${project[$name]}.dll" ] \
      || { echo "No publication of $name in $dir/${project[$name]}/ (.publish/: run once without SKIP_BUILD)." >&2; exit 2; }
  done
done

declare -A running=() folder_of=()
measured=""
redis_pid=""
stop_all() {
  local pid
  for pid in "${running[@]}" $redis_pid; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${running[@]}" $redis_pid; do wait "$pid" 2>/dev/null || true; done
}

# deploy/run.sh prepares the data folder (migrations, seeds) and shows each process's environment and
# folder; then it stops (it stops everything when one process exits) and this script runs them itself.
start_system --
for name in enterprises plans platforms talent gateway; do
  pid=$(pid_on "${port[$name]}")
  cp "/proc/$pid/environ" "$DATA_DIR/environ.$name"
  folder_of[$name]=$(readlink "/proc/$pid/cwd")
done
kill -TERM "$run_pid"
wait "$run_pid" 2>/dev/null || true
trap 'stop_all; rm -rf "$DATA_DIR"' EXIT

# ready PORT : whether the process on PORT answers GET /health/ready with 200, asked by this shell itself over
# /dev/tcp: a probe every 20 ms that started curl each time took CPU from the process it timed (Enterprises' publication
# started by hand: ready in 1,724 and 1,835 ms probed so, 1,918-2,233 ms in four starts probed by curl).
ready() {
  local connection status=
  { exec {connection}<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /health/ready HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' >&"$connection"
  read -r -t 1 _ status _ <&"$connection" || true
  exec {connection}>&-
  [ "$status" = 200 ]
}

# launch NAME FOLDER : starts the process from FOLDER with the environment deploy/run.sh gave it
# (running[NAME]), waits for /health/ready, and sets figures to "ready_ms cpu_ms".
launch() {
  local name=$1 folder=$2 begin now environment
  mapfile -d '' -t environment <"$DATA_DIR/environ.$name"
  if [ -n "$measured" ]; then
    read -r -a extra <<<"${PROCESS_ENV:-}"
    environment+=(${extra[@]+"${extra[@]}"})
  fi
  begin=$(date +%s%N)
  local -a command=(dotnet "${project[$name]}.dll")
  [ -f "$folder/libcoreclr.so" ] && command=("./${project[$name]}")
  (cd "$folder" && exec env -i "${environment[@]}" "${command[@]}" >>"$DATA_DIR/logs/$name.bench.log" 2>&1) &
  running[$name]=$!
  until ready "${port[$name]}"; do
    kill -0 "${running[$name]}" 2>/dev/null || { echo "$name exited while starting" >&2; tail -n 20 "$DATA_DIR/logs/$name.bench.log" >&2; exit 1; }
    sleep 0.02
  done
  now=$(date +%s%N)
  figures="$(((now - begin) / 1000000)) $(($(cpu_ticks "${running[$name]}") * 1000 / CLK_TCK))"
}

# halt NAME : stops the process and waits until its port is free.
halt() {
  kill -TERM "${running[$1]}" 2>/dev/null || true
  wait "${running[$1]}" 2>/dev/null || true
  unset "running[$1]"
  while [ -n "$(pid_on "${port[$1]}")" ]; do sleep 0.1; done
}

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$DATA_DIR/logs/redis.bench.log" 2>&1 &
redis_pid=$!
for name in enterprises plans platforms talent gateway; do launch "$name" "${folder_of[$name]}"; done

RESULTS="$DATA_DIR/results"
: >"$RESULTS"
for name in "${processes[@]}"; do
  halt "$name"
  for round in $(seq "$ROUNDS"); do
    for build in jit r2r; do
      measured=1
      folder=${folder_of[$name]}
      [ "$build" = jit ] && [ -n "${JIT_DIR:-}" ] && folder="$JIT_DIR/${project[$name]}"
      [ "$build" = r2r ] && folder="${R2R_DIR:-$ROOT/.publish}/${project[$name]}"
      launch "$name" "$folder"
      sleep "$IDLE"
      echo "$name $build $figures $(rss_mb "${running[$name]}")" | tee -a "$RESULTS" >&2
      halt "$name"
      measured=""
    done
  done
  # The process again as deploy/run.sh ran it, for the processes measured after it.
  launch "$name" "${folder_of[$name]}"
done

echo
echo "Each process started alone in a running system, medians of $ROUNDS rounds (JIT = ${JIT_DIR:-build output}, R2R = ${R2R_DIR:-ReadyToRun publication in .publish/})"
printf '%-12s %-24s %-24s %-24s\n' process "ready ms: JIT R2R" "CPU to ready ms" "RSS after ${IDLE} s, MB"
awk "$AWK_MEDIAN"'
  { key = $1 " " $2; ready[key] = ready[key] " " $3; cpu[key] = cpu[key] " " $4; rss[key] = rss[key] " " $5
    if (!seen[$1]++) order[++count] = $1 }
  function column(values, name,    j, r) {
    j = median(values[name " jit"]); r = median(values[name " r2r"])
    return sprintf("%6.0f %6.0f (%.2fx)", j, r, j > 0 ? r / j : 0)
  }
  END {
    for (i = 1; i <= count; i++) {
      name = order[i]
      printf "%-12s %-24s %-24s %-24s\n", name, column(ready, name), column(cpu, name), column(rss, name)
    }
  }' "$RESULTS"
