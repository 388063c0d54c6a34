#!/usr/bin/env bash
# Shared by the bench scripts: process figures from /proc and wrk's output, read the same way in each.

CLK_TCK=$(getconf CLK_TCK)
BOOT_TIME=$(awk '/^btime/ {print $2}' /proc/stat)

# pid_on PORT : the process listening on a TCP port.
pid_on() { ss -ltnpH "sport = :$1" | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2; }
# started_at PID : the process's start, in seconds since the epoch.
started_at() { awk -v boot="$BOOT_TIME" -v hz="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.3f", boot + $20 / hz }' "/proc/$1/stat"; }
# cpu_ticks PID... : utime+stime of the processes, summed; a process that has ended since it was listed counts nothing.
cpu_ticks() { local total=0 pid; for pid in "$@"; do total=$((total + $(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$pid/stat" 2>/dev/null || echo 0))); done; echo $total; }
# rss_mb PID : the process's resident memory in MB.
rss_mb() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# reset_peak_rss PID : starts the kernel's record of the process's peak resident memory (VmHWM) again from now.
reset_peak_rss() { echo 5 >"/proc/$1/clear_refs"; }
# peak_rss_mb PID : the process's peak resident memory in MB since it started, or since reset_peak_rss.
peak_rss_mb() { awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# us_per TICKS COUNT : CPU ticks spent on COUNT things, in microseconds each.
us_per() { awk -v t="$1" -v hz="$CLK_TCK" -v n="$2" 'BEGIN { printf "%.1f", (n > 0 ? t / hz * 1e6 / n : 0) }'; }
# tiering_ticks PID : the CPU ticks of the runtime's tiered compiler in PID (its ".NET Tiered Com" thread; 0 while it has none).
tiering_ticks() {
  local task ticks total=0
  for task in /proc/"$1"/task/*; do
    [ "$(cat "$task/comm" 2>/dev/null)" = ".NET Tiered Com" ] || continue
    # The thread may end between the two reads (it does after a few idle seconds): then it counts as none.
    ticks=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$task/stat" 2>/dev/null)
    total=$((total + ${ticks:-0}))
  done
  echo $total
}

# warm_up PIDS -- WRK_ARGS... : the warm-up before a case is measured, not recorded. Runs `wrk WRK_ARGS` (a few seconds
# each) until a run in which the tiered compilers of the .NET processes among PIDS took under 2% of their CPU, at most
# $WARMUP_MAX seconds (120). Tiered compilation with dynamic PGO recompiles the hot paths for about a minute of load on
# 2 cores: the enterprise list cost 3,400 µs of CPU a request in its first 10 s, 1,100 after 30 s and 850 after 50 s,
# so a fixed warm-up measured the compiler as much as the request. Prints one line per run to stderr.
warm_up() {
  local pids=$1 started=$SECONDS pid before tiering cpu share
  shift 2
  while :; do
    before=$(cpu_ticks $pids) tiering=0
    for pid in $pids; do tiering=$((tiering - $(tiering_ticks "$pid"))); done
    wrk "$@" >/dev/null
    cpu=$(($(cpu_ticks $pids) - before))
    for pid in $pids; do tiering=$((tiering + $(tiering_ticks "$pid"))); done
    # A compiler thread that ended during the run took its ticks with it: a negative figure counts as none.
    share=$(awk -v t="$tiering" -v c="$cpu" 'BEGIN { printf "%.1f", (c > 0 && t > 0 ? 100 * t / c : 0) }')
    echo "  warm-up: tiered compilation $share% of the CPU after $((SECONDS - started)) s" >&2
    awk -v s="$share" 'BEGIN { exit !(s < 2) }' && return
    [ $((SECONDS - started)) -lt "${WARMUP_MAX:-120}" ] || { echo "  warm-up: still compiling after ${WARMUP_MAX:-120} s" >&2; return; }
  done
}

# to_ms VALUE : wrk's latency (e.g. 812.00us, 1.23ms, 2.01s) in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n *= 1; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

# wrk_figures WRK_OUTPUT : "requests rps p50 p99 errors" from the output of wrk --latency (errors: non-2xx
# answers, socket errors and timeouts).
wrk_figures() {
  local out=$1 requests rps p50 p99 errors
  requests=$(awk '/requests in/ { print $1 }' <<<"$out")
  rps=$(awk '/^Requests\/sec/ { print $2 }' <<<"$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  errors=$(awk '/Non-2xx/ { print $5 } /Socket errors/ { n = 0; for (i = 4; i <= NF; i += 2) n += $i; print n }' <<<"$out" | awk '{ n += $1 } END { print n + 0 }')
  echo "${requests:-0} ${rps:-0} $p50 $p99 ${errors:-0}"
}

# start_system [NAME=VALUE...] -- ARGS... : deploy/run.sh ARGS (the build already made) in the background
# with the settings NAME=VALUE (names env accepts, such as a client id with a hyphen), its output in
# $DATA_DIR/run.out; returns once it says Ready. When the script exits the system is stopped (TERM, not
# INT: a job a script starts in the background ignores SIGINT) and the data folder removed.
start_system() {
  local settings=()
  while [ "$1" != "--" ]; do
    settings+=("$1")
    shift
  done
  shift
  env "${settings[@]}" SKIP_BUILD=1 bash deploy/run.sh "$@" >"$DATA_DIR/run.out" 2>&1 &
  run_pid=$!
  trap 'kill -TERM $run_pid 2>/dev/null; wait $run_pid 2>/dev/null; rm -rf "$DATA_DIR"' EXIT
  until grep -q "^Ready." "$DATA_DIR/run.out"; do
    kill -0 $run_pid 2>/dev/null || { cat "$DATA_DIR/run.out"; exit 1; }
    sleep 1
  done
}

# admin_token GATEWAY_URL CLIENT_ID SECRET : an access token of the gateway's token endpoint (client credentials).
admin_token() {
  curl -fsS -u "$2:$3" -d grant_type=client_credentials "$1/connect/token" | sed -E 's/.*"access_token":"([^"]+)".*/\1/'
}

# credit_code N : a valid Unified Social Credit Code (GB 32100-2015) of a company in Jinghai, the Nth.
credit_code() {
  local body alphabet=0123456789ABCDEFGHJKLMNPQRTUWXY weights=(3 7 9 10 5 8 4 2) sum=0 i check code weight=1 c index
  body=$(printf '%08d' "$1")
  for i in 0 1 2 3 4 5 6 7; do sum=$((sum + weights[i] * ${body:i:1})); done
  check=$((11 - sum % 11)); case $check in 10) check=X ;; 11) check=0 ;; esac
  code="91120118$body$check"; sum=0
  for ((i = 0; i < 17; i++)); do
    c=${code:i:1}; index=${alphabet%%"$c"*}; index=${#index}
    sum=$((sum + weight * index)); weight=$((weight * 3 % 31))
  done
  echo "$code${alphabet:$(((31 - sum % 31) % 31)):1}"
}
# register_code N : the credit code of the Nth enterprise of register_csv.
register_code() { credit_code $((10000000 + $1 * 7919)); }
# register_csv COUNT : an import CSV of COUNT enterprises in Jinghai (静海基准企业1 …), the same on every run.
register_csv() {
  local n
  echo "creditCode,name,nameEn,regionCode,zoneCode,industry,foundedOn"
  for ((n = 1; n <= $1; n++)); do echo "$(register_code "$n"),静海基准企业$n,,120118,,新材料,2015-06-01"; done
}
# select_cases ENTRY... : the entries ("name|…") that $CASES names (space-separated), or all when it is empty, one a line.
select_cases() {
  local entry
  for entry in "$@"; do
    if [ -z "${CASES:-}" ] || [[ " $CASES " == *" ${entry%%|*} "* ]]; then printf '%s\n' "$entry"; fi
  done
}
# AWK_MEDIAN : an awk function, median(list), of a space-separated list of numbers; prefix an awk program with it.
AWK_MEDIAN='
  function median(list,   n, a, i, j, t) {
    n = split(list, a, " ")
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
  }'
