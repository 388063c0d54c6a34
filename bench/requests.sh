#!/usr/bin/env bash
# Per-request cost of the services and the gateway (issue #12), run on demand, not in CI.
#
# Starts the whole system with deploy/run.sh (SQLite, a fresh data folder, ports of its own), loads a
# small enterprise register, and runs `wrk -t$THREADS -c$CONNECTIONS -d$DURATION` against each case,
# $ROUNDS interleaved rounds, printing medians: req/s, p50/p99, CPU µs per request of each process
# (utime+stime from /proc/<pid>/stat) and the ratio to a baseline measured in the same run:
#   - a service's cost against a bare Kestrel endpoint in the same process (Bench:BareEndpoint=true
#     maps /bench/bare in front of the whole pipeline),
#   - the gateway against nginx proxying the same backend (keep-alive upstream, no access log), and against YARP
#     alone proxying it (bench/BareProxy: no middleware, logging or telemetry), the floor of a gateway built on YARP.
# Also each process's start-up on a fresh data folder: from the process's start in /proc to its first
# answer from /health/live (listening) and its first 200 from /health/ready (ready: migrations and
# start-up steps such as the seeds done), the CPU it spent until then, and its idle RSS 15 s after the
# system was ready; beside them the idle RSS of the two floors: YARP alone, and an ASP.NET Core process answering one
# endpoint (bench/BareProxy --endpoint).
#
# Settings (environment): ROUNDS [4] DURATION [8s] WARMUP [1: each case until tiered compilation is done with it,
#   at most WARMUP_MAX (120) s, not recorded; 0 for none]
#   CONNECTIONS [64] THREADS [2] ENTERPRISES [500]
#   GATEWAY_PORT [59280] PLANS_PORT [59201] ENTERPRISES_PORT [59202] REDIS_PORT [59279] NGINX_PORT [59288]
#   BARE_PROXY_PORT [59289] BARE_ENDPOINT_PORT [59287]
#   SKIP_BUILD [0] KEEP_DATA [0]  CASES [all] (space-separated names, baselines included automatically)
#   READY_TO_RUN [0] (1 = the services and the gateway published with ReadyToRun, as deploy/run.sh does)
# A short check: ROUNDS=1 DURATION=2s WARMUP=0 bench/requests.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/lib.sh
source "$ROOT/deploy/lib.sh"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

ROUNDS=${ROUNDS:-4} DURATION=${DURATION:-8s} CONNECTIONS=${CONNECTIONS:-64} THREADS=${THREADS:-2} WARMUP=${WARMUP:-1}
ENTERPRISES=${ENTERPRISES:-500}
export GATEWAY_PORT=${GATEWAY_PORT:-59280} PLANS_PORT=${PLANS_PORT:-59201} ENTERPRISES_PORT=${ENTERPRISES_PORT:-59202}
export REDIS_PORT=${REDIS_PORT:-59279}
NGINX_PORT=${NGINX_PORT:-59288} BARE_PROXY_PORT=${BARE_PROXY_PORT:-59289} BARE_ENDPOINT_PORT=${BARE_ENDPOINT_PORT:-59287}
export DATA_DIR=${DATA_DIR:-$(mktemp -d /tmp/bench-requests.XXXXXX)}
mkdir -p "$DATA_DIR"
export LOCAL_ADMIN_CLIENT_ID=bench-admin LOCAL_ADMIN_CLIENT_SECRET=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
# The bare baseline endpoint, and rate limits that a benchmark from one address and one client
# does not reach (the limiter still partitions and counts every request).
export Bench__BareEndpoint=true RateLimits__PerClient=1000000000 RateLimits__PerAnonymousAddress=1000000000

ensure_debian_packages wrk=wrk /usr/sbin/nginx=nginx-light curl=curl

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "Building (Release)..." >&2
  dotnet build Microservices.sln -c Release -v quiet -nologo >"$DATA_DIR/build.log" 2>&1 || { cat "$DATA_DIR/build.log"; exit 1; }
  if [ "${READY_TO_RUN:-0}" = "1" ]; then
    echo "Publishing ReadyToRun (.publish/)..." >&2
    publish_ready_to_run "$ROOT" >"$DATA_DIR/publish.log" 2>&1 || { cat "$DATA_DIR/publish.log"; exit 1; }
  fi
fi
export READY_TO_RUN=${READY_TO_RUN:-0}

run_pid=""
nginx_pid=""
bare_pids=()
cleanup() {
  [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  for pid in "${bare_pids[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
  # TERM, not INT: a job a script starts in the background ignores SIGINT, so deploy/run.sh would never stop.
  [ -n "$run_pid" ] && kill -TERM "$run_pid" 2>/dev/null && wait "$run_pid" 2>/dev/null
  [ "${KEEP_DATA:-0}" = "1" ] || rm -rf "$DATA_DIR"
}
trap cleanup EXIT

# ---- start the system, watching when each process becomes ready ----------------------------------
declare -A READY_URL=(
  [plans]="http://127.0.0.1:$PLANS_PORT/health/ready"
  [enterprises]="http://127.0.0.1:$ENTERPRISES_PORT/health/ready"
  [gateway]="http://localhost:$GATEWAY_PORT/health/ready"
)
declare -A PORT_OF=([plans]=$PLANS_PORT [enterprises]=$ENTERPRISES_PORT [gateway]=$GATEWAY_PORT)
declare -A READY_AT=() LIVE_AT=() CPU_AT_READY=() PID=()

# The floors start first, so that they have idled as long as the system when their memory is read. YARP connects to
# the services only when it forwards a request.
BARE="$ROOT/bench/BareProxy/bin/Release/net10.0/BareProxy.dll"
[ -f "$BARE" ] || { echo "No build of bench/BareProxy ($BARE): run without SKIP_BUILD." >&2; exit 2; }
dotnet "$BARE" --urls "http://127.0.0.1:$BARE_PROXY_PORT" --Plans "http://127.0.0.1:$PLANS_PORT" \
  --Enterprises "http://127.0.0.1:$ENTERPRISES_PORT" >"$DATA_DIR/bare-proxy.log" 2>&1 &
bare_pids+=($!)
dotnet "$BARE" --urls "http://127.0.0.1:$BARE_ENDPOINT_PORT" --endpoint >"$DATA_DIR/bare-endpoint.log" 2>&1 &
bare_pids+=($!)

SKIP_BUILD=1 READY_TIMEOUT=${READY_TIMEOUT:-600} bash deploy/run.sh >"$DATA_DIR/run.out" 2>&1 &
run_pid=$!
deadline=$((SECONDS + ${READY_TIMEOUT:-600}))
while [ ${#READY_AT[@]} -lt 3 ]; do
  for name in plans enterprises gateway; do
    [ -n "${READY_AT[$name]:-}" ] && continue
    if [ -z "${LIVE_AT[$name]:-}" ] && curl -sS -o /dev/null --max-time 1 "${READY_URL[$name]/ready/live}" 2>/dev/null; then
      LIVE_AT[$name]=$(date +%s.%N)
    fi
    if curl -fsS -o /dev/null --max-time 1 "${READY_URL[$name]}" 2>/dev/null; then
      READY_AT[$name]=$(date +%s.%N)
      [ -z "${LIVE_AT[$name]:-}" ] && LIVE_AT[$name]=${READY_AT[$name]}
      CPU_AT_READY[$name]=$(cpu_ticks "$(pid_on "${PORT_OF[$name]}")")
    fi
  done
  kill -0 "$run_pid" 2>/dev/null || { cat "$DATA_DIR/run.out"; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "Not ready within ${READY_TIMEOUT:-600} s" >&2; cat "$DATA_DIR/run.out"; tail -n 30 "$DATA_DIR"/logs/*.log; exit 1; }
  sleep 0.02
done
all_ready_at=$(date +%s)


for name in plans enterprises gateway; do PID[$name]=$(pid_on "${PORT_OF[$name]}"); done
wait_for_url "http://127.0.0.1:$BARE_ENDPOINT_PORT/bare" 20 || { cat "$DATA_DIR/bare-endpoint.log"; exit 1; }
# YARP alone must answer through to Plans, or its cases would measure a refused port.
wait_for_url "http://127.0.0.1:$BARE_PROXY_PORT/api/v1/regions/120118" 20 || { cat "$DATA_DIR/bare-proxy.log"; exit 1; }
PID[yarp]=${bare_pids[0]} PID[bare]=${bare_pids[1]}

# ---- data: a token, and a register to list ------------------------------------------------------
TOKEN=$(admin_token "http://localhost:$GATEWAY_PORT" "$LOCAL_ADMIN_CLIENT_ID" "$LOCAL_ADMIN_CLIENT_SECRET")

register_csv "$ENTERPRISES" >"$DATA_DIR/enterprises.csv"
curl -fsS -o "$DATA_DIR/import.json" -X POST "http://127.0.0.1:$ENTERPRISES_PORT/api/v1/enterprises/import" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$DATA_DIR/enterprises.csv"

# ---- nginx in front of the same services ----------------------------------------------------------
mkdir -p "$DATA_DIR/nginx/temp" && chmod -R a+rwx "$DATA_DIR/nginx"
cat >"$DATA_DIR/nginx/nginx.conf" <<NGINX
worker_processes auto;
pid $DATA_DIR/nginx/nginx.pid;
error_log $DATA_DIR/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DATA_DIR/nginx/temp/body;
  proxy_temp_path $DATA_DIR/nginx/temp/proxy;
  fastcgi_temp_path $DATA_DIR/nginx/temp/fastcgi;
  uwsgi_temp_path $DATA_DIR/nginx/temp/uwsgi;
  scgi_temp_path $DATA_DIR/nginx/temp/scgi;
  upstream plans { server 127.0.0.1:$PLANS_PORT; keepalive 64; }
  upstream enterprises { server 127.0.0.1:$ENTERPRISES_PORT; keepalive 64; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    location /api/v1/enterprises { proxy_pass http://enterprises; }
    location / { proxy_pass http://plans; }
  }
}
NGINX
/usr/sbin/nginx -c "$DATA_DIR/nginx/nginx.conf" -p "$DATA_DIR/nginx" -g 'daemon off;' &
nginx_pid=$!
wait_for_url "http://127.0.0.1:$NGINX_PORT/api/v1/regions/120118" 20 || { cat "$DATA_DIR/nginx/error.log"; exit 1; }
nginx_pids() { echo "$nginx_pid" $(pgrep -P "$nginx_pid" || true); }

# ---- idle memory ---------------------------------------------------------------------------------
idle_wait=$((all_ready_at + 15 - $(date +%s)))
[ $idle_wait -gt 0 ] && sleep $idle_wait
declare -A IDLE_RSS=()
for name in plans enterprises gateway yarp bare; do IDLE_RSS[$name]=$(rss_mb "${PID[$name]}"); done

# ---- the cases ------------------------------------------------------------------------------------
# name | url | bearer token? | processes whose CPU is counted | baseline case | ratio kind (cpu: our CPU / the
# baseline's; proxy: req/s and p99 against nginx, CPU of the proxy against nginx's)
P=http://127.0.0.1:$PLANS_PORT E=http://127.0.0.1:$ENTERPRISES_PORT G=http://localhost:$GATEWAY_PORT N=http://127.0.0.1:$NGINX_PORT
Y=http://127.0.0.1:$BARE_PROXY_PORT
ALL_CASES=(
  "plans-bare|$P/bench/bare|no|plans||"
  "plans-region|$P/api/v1/regions/120118|no|plans|plans-bare|cpu"
  "enterprises-bare|$E/bench/bare|no|enterprises||"
  "enterprises-list|$E/api/v1/enterprises?pageSize=10|yes|enterprises|enterprises-bare|cpu"
  "nginx-region|$N/api/v1/regions/120118|no|nginx plans||"
  "yarp-region|$Y/api/v1/regions/120118|no|yarp plans|nginx-region|proxy"
  "gateway-region|$G/api/v1/regions/120118|no|gateway plans|nginx-region|proxy"
  "nginx-list|$N/api/v1/enterprises?pageSize=10|yes|nginx enterprises||"
  "yarp-list|$Y/api/v1/enterprises?pageSize=10|yes|yarp enterprises|nginx-list|proxy"
  "gateway-list|$G/api/v1/enterprises?pageSize=10|yes|gateway enterprises|nginx-list|proxy"
)
mapfile -t selected < <(select_cases "${ALL_CASES[@]}")
# A selected case brings its baseline.
for entry in "${selected[@]}"; do
  IFS='|' read -r _ _ _ _ baseline _ <<<"$entry"
  [ -z "$baseline" ] && continue
  printf '%s\n' "${selected[@]}" | grep -q "^$baseline|" && continue
  for candidate in "${ALL_CASES[@]}"; do [[ $candidate == "$baseline|"* ]] && selected=("$candidate" "${selected[@]}"); done
done

pids_of() { local p; for p in $1; do if [ "$p" = nginx ]; then nginx_pids; else echo "${PID[$p]}"; fi; done; }

RESULTS="$DATA_DIR/results.tsv"
: >"$RESULTS"
# Warm-up, not recorded: each case until the tiered compilers of the processes it measures are done with its hot paths
# (bench/lib.sh warm_up), so that a round measures the request, not the compiler.
if [ "$WARMUP" != "0" ]; then
  echo "Warming up each case until tiered compilation is under 2% of the CPU (at most ${WARMUP_MAX:-120} s; not recorded)..." >&2
  for entry in "${selected[@]}"; do
    IFS='|' read -r name url auth processes _ _ <<<"$entry"
    header=()
    [ "$auth" = yes ] && header=(-H "Authorization: Bearer $TOKEN")
    echo " $name" >&2
    warm_up "$(for p in $processes; do pids_of "$p"; done)" -- -t"$THREADS" -c"$CONNECTIONS" -d5s "${header[@]}" "$url"
  done
fi
echo "Running ${#selected[@]} cases × $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION..." >&2
for ((round = 1; round <= ROUNDS; round++)); do
  for entry in "${selected[@]}"; do
    IFS='|' read -r name url auth processes _ _ <<<"$entry"
    header=()
    [ "$auth" = yes ] && header=(-H "Authorization: Bearer $TOKEN")
    declare -A before=()
    for p in $processes; do before[$p]=$(cpu_ticks $(pids_of "$p")); done
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$url")
    read -r requests rps p50 p99 errors <<<"$(wrk_figures "$out")"
    cpu=""
    for p in $processes; do
      ticks=$(( $(cpu_ticks $(pids_of "$p")) - before[$p] ))
      cpu+="$p=$(us_per "$ticks" "$requests") "
    done
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" "${errors:-0}" "$cpu" >>"$RESULTS"
    printf '  round %d %-18s %9s req/s  p50 %7s ms  p99 %7s ms  errors %s  CPU µs/req %s\n' \
      "$round" "$name" "$rps" "$p50" "$p99" "${errors:-0}" "$cpu" >&2
  done
done

# ---- medians and ratios ---------------------------------------------------------------------------
echo
echo "Per-request cost: medians of $ROUNDS interleaved rounds, wrk -t$THREADS -c$CONNECTIONS -d$DURATION ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
awk -F'\t' -v cases="$(printf '%s\n' "${selected[@]}")" "$AWK_MEDIAN"'
  {
    rps[$2] = rps[$2] " " $3; p50[$2] = p50[$2] " " $4; p99[$2] = p99[$2] " " $5; err[$2] += $6
    n = split($7, parts, " ")
    for (i = 1; i <= n; i++) { split(parts[i], kv, "="); cpu[$2, kv[1]] = cpu[$2, kv[1]] " " kv[2]; procs[$2] = procs[$2] (index(procs[$2], kv[1]) ? "" : " " kv[1]) }
  }
  END {
    printf "%-18s %10s %9s %9s %7s  %-44s %s\n", "case", "req/s", "p50 ms", "p99 ms", "errors", "CPU µs per request", "against the baseline"
    count = split(cases, lines, "\n")
    for (c = 1; c <= count; c++) {
      split(lines[c], f, "|"); name = f[1]; base = f[5]; kind = f[6]
      if (!(name in rps)) continue
      m_rps[name] = median(rps[name]); m_p50[name] = median(p50[name]); m_p99[name] = median(p99[name])
      text = ""; np = split(procs[name], pl, " ")
      for (i = 1; i <= np; i++) { m_cpu[name, pl[i]] = median(cpu[name, pl[i]]); text = text sprintf("%s %.1f  ", pl[i], m_cpu[name, pl[i]]) }
      ratio = ""
      if (kind == "cpu") {
        own = pl[1]
        ratio = sprintf("%s CPU %.1f× the bare endpoint (%.1f µs more)", own, m_cpu[name, own] / m_cpu[base, own], m_cpu[name, own] - m_cpu[base, own])
      } else if (kind == "proxy") {
        ratio = sprintf("%.2f× nginx req/s, p99 %.2f× nginx, proxy CPU %.1f µs vs nginx %.1f µs", m_rps[name] / m_rps[base], m_p99[name] / m_p99[base], m_cpu[name, pl[1]], m_cpu[base, "nginx"])
        # The gateway against YARP alone on the same route, when the run measured it (its case comes first).
        bare = "yarp-" substr(name, index(name, "-") + 1)
        if (name ~ /^gateway-/ && (bare in m_rps)) ratio = ratio sprintf("; %.2f× YARP alone, %.1f µs more", m_rps[name] / m_rps[bare], m_cpu[name, pl[1]] - m_cpu[bare, "yarp"])
      }
      printf "%-18s %10.0f %9.2f %9.2f %7d  %-44s %s\n", name, m_rps[name], m_p50[name], m_p99[name], err[name], text, ratio
    }
  }' "$RESULTS"

echo
echo "Start-up and footprint on a fresh data folder (seconds from the process start; CPU until ready; RSS 15 s after the system was ready; READY_TO_RUN=$READY_TO_RUN)"
printf '%-12s %16s %14s %16s %12s\n' process "listening after s" "ready after s" "CPU to ready s" "idle RSS MB"
for name in plans enterprises gateway; do
  started=$(started_at "${PID[$name]}")
  printf '%-12s %16.2f %14.2f %16.2f %12s\n' "$name" \
    "$(awk -v r="${LIVE_AT[$name]}" -v s="$started" 'BEGIN { print r - s }')" \
    "$(awk -v r="${READY_AT[$name]}" -v s="$started" 'BEGIN { print r - s }')" \
    "$(awk -v t="${CPU_AT_READY[$name]}" -v hz="$CLK_TCK" 'BEGIN { print t / hz }')" "${IDLE_RSS[$name]}"
done
printf '%-12s %16s %14s %16s %12s   %s\n' yarp - - - "${IDLE_RSS[yarp]}" "floor of the gateway: YARP alone, idle"
printf '%-12s %16s %14s %16s %12s   %s\n' bare - - - "${IDLE_RSS[bare]}" "floor of a service: ASP.NET Core answering one endpoint"
