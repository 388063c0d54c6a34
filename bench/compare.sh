#!/usr/bin/env bash
# The cost of a change, side by side: this checkout against another revision ($BASE), both systems running at
# once on this machine and measured in interleaved rounds, so that both see the same load from the machine's
# neighbours. On a shared VM two runs of bench/requests.sh minutes apart can differ by 20–40%; side by side, the
# two builds differ by what the change does. Run on demand, not in CI.
#
# Builds $BASE in a git worktree under a temporary folder, and this checkout (unless SKIP_BUILD=1); starts each
# with deploy/run.sh on SQLite on ports of its own; loads the same register into both ($ENTERPRISES enterprises in
# 静海, a TechSme and a HighTech qualification on every third); checks that both answer the list alike (ids and
# timestamps aside); warms each case up on both; then, each round, runs `wrk -t$THREADS -c$CONNECTIONS
# -d$DURATION` on each case against the base and then this checkout, and prints per round and as medians the
# req/s and the CPU µs per request of the process that answers (utime+stime from /proc), with the ratio.
#
# Settings (environment): BASE [HEAD: the change is what is not committed; e.g. BASE=HEAD~1]
#   ROUNDS [4] DURATION [8s] WARMUP [1: bench/lib.sh warm_up, at most WARMUP_MAX (120) s a case and side; 0 for none] CONNECTIONS [16] THREADS [2] ENTERPRISES [500]
#   CASES [all: list-10 list-50 enterprise search region] PORT_BASE [62000]: the base's ports from PORT_BASE (gateway +80,
#   plans +1, enterprises +2, platforms +3, talent +4, redis +79), this checkout's from PORT_BASE+100
#   SKIP_BUILD [0]: 1 = this checkout as built last (the base is always built)
# Example: BASE=HEAD~1 CASES="list-10 list-50" bench/compare.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/lib.sh
source "$ROOT/deploy/lib.sh"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

BASE=${BASE:-HEAD} ROUNDS=${ROUNDS:-4} DURATION=${DURATION:-8s} WARMUP=${WARMUP:-1}
CONNECTIONS=${CONNECTIONS:-16} THREADS=${THREADS:-2} ENTERPRISES=${ENTERPRISES:-500} PORT_BASE=${PORT_BASE:-62000}
ensure_debian_packages wrk=wrk curl=curl

WORK=$(mktemp -d /tmp/bench-compare.XXXXXX)
declare -A RUN_PID=() TOKEN=() ROOT_OF=([base]="$WORK/base" [change]="$ROOT") PORTS=([base]=$PORT_BASE [change]=$((PORT_BASE + 100)))
cleanup() {
  local side
  # TERM, not INT: a job a script starts in the background ignores SIGINT, so deploy/run.sh would never stop.
  for side in "${!RUN_PID[@]}"; do kill -TERM "${RUN_PID[$side]}" 2>/dev/null && wait "${RUN_PID[$side]}" 2>/dev/null; done
  git -C "$ROOT" worktree remove --force "$WORK/base" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Building $BASE ($(git rev-parse --short "$BASE")) in a worktree, and this checkout..." >&2
git worktree add --detach --quiet "$WORK/base" "$BASE"
dotnet build "$WORK/base/Microservices.sln" -c Release -v quiet -nologo >"$WORK/build-base.log" 2>&1 || { cat "$WORK/build-base.log"; exit 1; }
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  dotnet build Microservices.sln -c Release -v quiet -nologo >"$WORK/build-change.log" 2>&1 || { cat "$WORK/build-change.log"; exit 1; }
fi

# ---- both systems, the same register in each ---------------------------------------------------------
SECRET=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
for side in base change; do
  port=${PORTS[$side]}
  mkdir -p "$WORK/$side-data"
  (cd "${ROOT_OF[$side]}" && exec env GATEWAY_PORT=$((port + 80)) PLANS_PORT=$((port + 1)) ENTERPRISES_PORT=$((port + 2)) \
    PLATFORMS_PORT=$((port + 3)) TALENT_PORT=$((port + 4)) REDIS_PORT=$((port + 79)) DATA_DIR="$WORK/$side-data" \
    LOCAL_ADMIN_CLIENT_ID=bench-admin LOCAL_ADMIN_CLIENT_SECRET="$SECRET" \
    RateLimits__PerClient=1000000000 RateLimits__PerAnonymousAddress=1000000000 \
    SKIP_BUILD=1 bash deploy/run.sh) >"$WORK/$side-run.out" 2>&1 &
  RUN_PID[$side]=$!
done
for side in base change; do
  port=${PORTS[$side]}
  wait_for_url "http://localhost:$((port + 80))/health/ready" 300 || { tail -n 30 "$WORK/$side-run.out"; exit 1; }
  TOKEN[$side]=$(admin_token "http://localhost:$((port + 80))" bench-admin "$SECRET")
done

echo "Loading $ENTERPRISES enterprises into both..." >&2
register_csv "$ENTERPRISES" >"$WORK/enterprises.csv"
for side in base change; do
  E=http://127.0.0.1:$((PORTS[$side] + 2))/api/v1/enterprises auth="Authorization: Bearer ${TOKEN[$side]}"
  curl -fsS -o /dev/null -X POST "$E/import" -H "$auth" -H 'Content-Type: text/csv' --data-binary @"$WORK/enterprises.csv"
  for ((n = 1; n <= ENTERPRISES; n += 3)); do
    for grant in '{"type":"TechSme","grantedOn":"2026-03-01"}' '{"type":"HighTech","grantedOn":"2025-11-01"}'; do
      curl -fsS -o /dev/null -X POST "$E/$(register_code "$n")/qualifications" -H "$auth" -H 'Content-Type: application/json' -d "$grant"
    done
  done
done
# The same answer on both sides, but for what each database assigns (ids) and the clock (timestamps).
answer() { curl -fsS -H "Authorization: Bearer ${TOKEN[$1]}" "http://127.0.0.1:$((PORTS[$1] + 2))/api/v1/enterprises?pageSize=50" \
  | sed -E 's/"(createdAt|updatedAt)":"[^"]*"//g; s/"id":[0-9]+//g'; }
if [ "$(answer base)" != "$(answer change)" ]; then
  echo "The two builds list the register differently: compare their answers before their costs." >&2
  exit 1
fi

# ---- the cases: name | path | token? | port offset of the process that answers --------------------------
ALL_CASES=(
  "list-10|/api/v1/enterprises?pageSize=10|yes|2"
  "list-50|/api/v1/enterprises?pageSize=50|yes|2"
  "enterprise|/api/v1/enterprises/$(register_code 1)|yes|2"
  "search|/api/v1/enterprises?q=%E4%BC%81%E4%B8%9A12|yes|2"
  "region|/api/v1/regions/120118|no|1"
)
mapfile -t selected < <(select_cases "${ALL_CASES[@]}")

# target SIDE ENTRY : sets the caller's name, pid (the process that answers), url and header (the token, when the case
# needs one) for the case on SIDE.
target() {
  local path auth offset
  IFS='|' read -r name path auth offset <<<"$2"
  header=()
  [ "$auth" = yes ] && header=(-H "Authorization: Bearer ${TOKEN[$1]}")
  pid=$(pid_on $((PORTS[$1] + offset)))
  url="http://127.0.0.1:$((PORTS[$1] + offset))$path"
}

# measure SIDE ENTRY WRK_DURATION : "req/s µs" of one wrk run.
measure() {
  local name pid url header before out requests rps
  target "$1" "$2"
  before=$(cpu_ticks "$pid")
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3" --latency "${header[@]}" "$url")
  read -r requests rps _ <<<"$(wrk_figures "$out")"
  echo "$rps $(us_per $(($(cpu_ticks "$pid") - before)) "$requests")"
}

# warm SIDE ENTRY : bench/lib.sh warm_up on the process that answers the case.
warm() {
  local name pid url header
  target "$1" "$2"
  echo " $name, $1" >&2
  warm_up "$pid" -- -t"$THREADS" -c"$CONNECTIONS" -d5s "${header[@]}" "$url"
}

if [ "$WARMUP" != "0" ]; then
  echo "Warming up each case on both sides until tiered compilation is under 2% of the CPU (at most ${WARMUP_MAX:-120} s; not recorded)..." >&2
  for entry in "${selected[@]}"; do for side in base change; do warm "$side" "$entry"; done; done
fi
RESULTS="$WORK/results.tsv"
for ((round = 1; round <= ROUNDS; round++)); do
  for entry in "${selected[@]}"; do
    for side in base change; do
      read -r rps us <<<"$(measure "$side" "$entry" "$DURATION")"
      printf '%s\t%s\t%s\t%s\t%s\n' "$round" "${entry%%|*}" "$side" "$rps" "$us" >>"$RESULTS"
      printf '  round %d %-11s %-7s %9s req/s  %8s µs/req\n' "$round" "${entry%%|*}" "$side" "$rps" "$us" >&2
    done
  done
done

echo
echo "$BASE ($(git rev-parse --short "$BASE")) against this checkout, side by side: medians of $ROUNDS interleaved rounds," \
  "wrk -t$THREADS -c$CONNECTIONS -d$DURATION ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
awk -F'\t' "$AWK_MEDIAN"'
  !($2 in seen) { seen[$2] = 1; order[++count] = $2 }
  { rps[$2, $3] = rps[$2, $3] " " $4; us[$2, $3] = us[$2, $3] " " $5 }
  END {
    printf "%-11s %12s %12s %14s %14s %10s\n", "case", "base req/s", "change req/s", "base µs/req", "change µs/req", "change/base"
    for (i = 1; i <= count; i++) {
      c = order[i]; b = median(us[c, "base"]); n = median(us[c, "change"])
      printf "%-11s %12.0f %12.0f %14.1f %14.1f %9.2f×\n", c, median(rps[c, "base"]), median(rps[c, "change"]), b, n, n / b
    }
  }' "$RESULTS"
