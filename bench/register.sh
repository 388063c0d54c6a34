#!/usr/bin/env bash
# Lists and bulk loads of the enterprise register at national scale (issue #12), run on demand, not in CI.
#
# Starts the system on PostgreSQL with deploy/run.sh (a throwaway cluster in a fresh data folder, ports of
# its own), loads $ENTERPRISES enterprises, $QUALIFICATIONS qualifications and annual reports generated from a fixed seed
# (bench/register-data.awk) straight into the tables with COPY, with the audit trail an import of them leaves
# (a record per enterprise; no events: the lists are what is measured),
# then runs `wrk -t$THREADS -c$CONNECTIONS -d$DURATION` on each list case, $ROUNDS interleaved rounds, and
# prints medians: req/s, p50/p99 and CPU µs per request (utime+stime from /proc) of Enterprises and of the
# PostgreSQL server (the postmaster and its backends), which share the machine's cores.
# The import case posts $IMPORT_ROWS new enterprises as CSV to POST /api/v1/enterprises/import and prints
# rows/s, the peak RSS of the Enterprises process during the import, and the ratio to PostgreSQL COPY of
# the same rows into a copy of the table, measured in the same run; then the events/s at which the outbox
# relay moves the import's events to the stream (the outbox's unpublished rows, counted until none is left).
#
# Settings (environment): ROUNDS [3] DURATION [8s] CONNECTIONS [16] THREADS [2] ENTERPRISES [1000000]
#   QUALIFICATIONS [200000] IMPORT_ROWS [100000] CASES [all] (space-separated names; "import" for the import)
#   IMPORT_WARMUP [20000]: rows of a first import, reported apart, before the one measured (0 for none)
#   PORT_BASE [59300]: gateway +80, plans +1, enterprises +2, platforms +3, talent +4, redis +79, postgres +90
#   (each overridable: GATEWAY_PORT PLANS_PORT ENTERPRISES_PORT PLATFORMS_PORT TALENT_PORT REDIS_PORT POSTGRES_PORT)
#   SKIP_BUILD [0] KEEP_DATA [0] WARMUP [1: each list case until tiered compilation is done with it, at most
#   WARMUP_MAX (120) s, not recorded; 0 for none]
# The import alone: CASES=import ENTERPRISES=20000 QUALIFICATIONS=4000 bench/register.sh
# A short check: ROUNDS=1 DURATION=2s WARMUP=0 ENTERPRISES=20000 QUALIFICATIONS=4000 IMPORT_ROWS=5000 bench/register.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/lib.sh
source "$ROOT/deploy/lib.sh"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

ROUNDS=${ROUNDS:-3} DURATION=${DURATION:-8s} CONNECTIONS=${CONNECTIONS:-16} THREADS=${THREADS:-2}
ENTERPRISES=${ENTERPRISES:-1000000} QUALIFICATIONS=${QUALIFICATIONS:-200000} IMPORT_ROWS=${IMPORT_ROWS:-100000}
IMPORT_WARMUP=${IMPORT_WARMUP:-20000}
PORT_BASE=${PORT_BASE:-59300}
export GATEWAY_PORT=${GATEWAY_PORT:-$((PORT_BASE + 80))} PLANS_PORT=${PLANS_PORT:-$((PORT_BASE + 1))}
export ENTERPRISES_PORT=${ENTERPRISES_PORT:-$((PORT_BASE + 2))} PLATFORMS_PORT=${PLATFORMS_PORT:-$((PORT_BASE + 3))}
export TALENT_PORT=${TALENT_PORT:-$((PORT_BASE + 4))} REDIS_PORT=${REDIS_PORT:-$((PORT_BASE + 79))}
export POSTGRES_PORT=${POSTGRES_PORT:-$((PORT_BASE + 90))}
export POSTGRES=1
export DATA_DIR=${DATA_DIR:-$(mktemp -d /tmp/bench-register.XXXXXX)}
mkdir -p "$DATA_DIR"
export LOCAL_ADMIN_CLIENT_ID=bench-admin LOCAL_ADMIN_CLIENT_SECRET=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export RateLimits__PerClient=1000000000 RateLimits__PerAnonymousAddress=1000000000

ensure_debian_packages wrk=wrk curl=curl "$PG_BIN/initdb=postgresql-15"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "Building (Release)..." >&2
  dotnet build Microservices.sln -c Release -v quiet -nologo >"$DATA_DIR/build.log" 2>&1 || { cat "$DATA_DIR/build.log"; exit 1; }
fi

run_pid=""
cleanup() {
  # TERM, not INT: a job a script starts in the background ignores SIGINT, so deploy/run.sh would never stop.
  [ -n "$run_pid" ] && kill -TERM "$run_pid" 2>/dev/null && wait "$run_pid" 2>/dev/null
  [ "${KEEP_DATA:-0}" = "1" ] || rm -rf "$DATA_DIR"
}
trap cleanup EXIT

echo "Starting the system on PostgreSQL (port $POSTGRES_PORT)..." >&2
SKIP_BUILD=1 READY_TIMEOUT=${READY_TIMEOUT:-300} bash deploy/run.sh >"$DATA_DIR/run.out" 2>&1 &
run_pid=$!
deadline=$((SECONDS + ${READY_TIMEOUT:-300}))
until curl -fsS -o /dev/null --max-time 1 "http://localhost:$GATEWAY_PORT/health/ready" 2>/dev/null; do
  kill -0 "$run_pid" 2>/dev/null || { cat "$DATA_DIR/run.out"; exit 1; }
  [ $SECONDS -lt $deadline ] || { echo "Not ready within ${READY_TIMEOUT:-300} s" >&2; tail -n 30 "$DATA_DIR"/logs/*.log; exit 1; }
  sleep 0.2
done
ENTERPRISES_PID=$(pid_on "$ENTERPRISES_PORT")
POSTMASTER_PID=$(head -n 1 "$DATA_DIR/postgres/data/postmaster.pid")
# The server's CPU ticks: the postmaster's own, its live backends', and those of the backends it has reaped (its cutime
# and cstime), so a backend that ends mid-run still counts.
postgres_ticks() {
  echo $(($(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$POSTMASTER_PID/stat") + $(cpu_ticks $(pgrep -P "$POSTMASTER_PID"))))
}
psql_enterprises() { as_postgres psql -h 127.0.0.1 -p "$POSTGRES_PORT" -U postgres -d enterprises -v ON_ERROR_STOP=1 -qAt "$@"; }

# ---- the data set, straight into the tables ----------------------------------------------------------
echo "Loading $ENTERPRISES enterprises and $QUALIFICATIONS qualifications with COPY..." >&2
load_started=$SECONDS
awk -v what=enterprises -v from=1 -v count="$ENTERPRISES" -v format=copy -f bench/register-data.awk \
  | psql_enterprises -c 'COPY "Enterprises" ("CreditCode", "Name", "NameEn", "RegionCode", "ZoneCode", "Industry", "FoundedOn", "CreatedAt", "UpdatedAt", "Version") FROM STDIN'
awk -v what=qualifications -v enterprises="$ENTERPRISES" -v count="$QUALIFICATIONS" -f bench/register-data.awk \
  | psql_enterprises -c 'COPY "Qualifications" ("CreditCode", "Type", "Status", "GrantedOn", "ExpiresOn", "CertificateNumber") FROM STDIN'
awk -v what=reports -v enterprises="$ENTERPRISES" -f bench/register-data.awk \
  | psql_enterprises -c 'COPY "AnnualReports" ("CreditCode", "Year", "RevenueWan", "RdExpenseWan", "HighTechRevenueWan", "Employees", "RdStaff", "InventionPatents", "Class1Ip", "Class2Ip", "TotalAssetsWan", "CreatedAt", "UpdatedAt", "Version") FROM STDIN'
awk -v what=audit -v enterprises="$ENTERPRISES" -f bench/register-data.awk \
  | psql_enterprises -c 'COPY "AuditRecords" ("At", "ClientId", "Action", "ResourceType", "ResourceKey", "Changes", "RequestId") FROM STDIN'
psql_enterprises -c 'VACUUM ANALYZE "Enterprises"' -c 'VACUUM ANALYZE "Qualifications"' -c 'VACUUM ANALYZE "AnnualReports"' \
  -c 'VACUUM ANALYZE "AuditRecords"'
echo "Loaded in $((SECONDS - load_started)) s." >&2

TOKEN=$(admin_token "http://localhost:$GATEWAY_PORT" "$LOCAL_ADMIN_CLIENT_ID" "$LOCAL_ADMIN_CLIENT_SECRET")
E=http://127.0.0.1:$ENTERPRISES_PORT/api/v1
# The rows above went past the service: its precomputed cultivation pool is built from them now (a build
# without one answers 404 and evaluates the pool on each request instead).
pool_started=$SECONDS
pool_status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" --max-time 3600 "$E/enterprises/cultivation-pool/rebuild")
if [ "$pool_status" = 200 ]; then
  psql_enterprises -c 'VACUUM ANALYZE "CultivationPool"'
  echo "Cultivation pool built in $((SECONDS - pool_started)) s ($(psql_enterprises -c 'SELECT count(*) FROM "CultivationPool"') rows)." >&2
fi
# So are the counts the statistics read (a build without them answers 404 and counts the register on each request).
counts_started=$SECONDS
counts_status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" --max-time 3600 "$E/enterprises/statistics/rebuild")
if [ "$counts_status" = 200 ]; then
  psql_enterprises -c 'VACUUM ANALYZE "QualificationCounts"'
  echo "Statistics counts built in $((SECONDS - counts_started)) s ($(psql_enterprises -c 'SELECT count(*) FROM "QualificationCounts"') rows)." >&2
fi
# Name searches for characters of the first enterprise's name after 天津: three (航达汇, which 11 names of a million hold)
# and two (航达, 866 names), too few for a trigram. Characters, not bytes: bash counts them in a UTF-8 locale (awk here counts bytes).
FIRST_NAME=$(awk -v what=enterprises -v from=1 -v count=1 -v format=csv -f bench/register-data.awk | awk -F, 'NR == 2 { print $2 }')
characters() { LC_ALL=C.UTF-8 bash -c 'printf %s "${0:$1:$2}"' "$FIRST_NAME" "$1" "$2"; }
url_encoded() { printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | sed 's/../%&/g'; }
Q_URL=$(url_encoded "$(characters 2 3)")
Q_SHORT_URL=$(url_encoded "$(characters 2 2)")
# Two characters drawn anew for each request from those the generated names are made of (bench/words.lua): about 900
# names hold each pair, and most requests search a pair the run has not searched yet.
export BENCH_SYLLABLES BENCH_WORD_CHARACTERS=2
BENCH_SYLLABLES=$(sed -n 's/.*nSyllables = split("\([^"]*\)".*/\1/p' bench/register-data.awk)
# The first enterprise's credit code, whose history the audit-resource case reads.
FIRST_CODE=$(awk -v what=enterprises -v from=1 -v count=1 -v format=csv -f bench/register-data.awk | awk -F, 'NR == 2 { print $1 }')
# next_cursor URL PAGES : the nextCursor after following PAGES pages from URL (empty when the list has none).
next_cursor() {
  local url=$1 pages=$2 cursor="" i body
  for ((i = 0; i < pages; i++)); do
    body=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$url${cursor:+&cursor=$cursor}")
    cursor=$(sed -nE 's/.*"nextCursor":"([^"]+)".*/\1/p' <<<"$body")
    [ -n "$cursor" ] || break
  done
  echo "$cursor"
}
DEEP_CURSOR=$(next_cursor "$E/enterprises?regionCode=120118&pageSize=500" 40)
# Sorted by district: 20,000 rows into the first district, which a sixteenth of the register shares.
SORTED_CURSOR=$(next_cursor "$E/enterprises?sort=regionCode&pageSize=500" 40)
POOL_CURSOR=$(next_cursor "$E/enterprises/cultivation-pool?year=2026&maxMissing=3&pageSize=500" 20)
# A district's pool 15,000 candidates in, past those that miss nothing (13,589 at a million), which a page shows from
# their rows: every candidate of this page is evaluated again for the criteria it misses.
POOL_MISSING_CURSOR=$(next_cursor "$E/enterprises/cultivation-pool?year=2026&regionCode=120118&maxMissing=3&pageSize=500" 30)
# HighTech holders in credit code order: 10,000 of them in, where the qualifications are merged with the enterprises.
QUALIFICATION_CURSOR=$(next_cursor "$E/enterprises?qualification=HighTech&pageSize=500" 20)

# name | url (empty: not supported by this build) | wrk script making each request's URL from it (optional)
ALL_CASES=(
  "region|$E/enterprises?regionCode=120118"
  "qualification|$E/enterprises?qualification=HighTech"
  "qual-region|$E/enterprises?qualification=HighTech&regionCode=120118"
  "qual-cursor-deep|${QUALIFICATION_CURSOR:+$E/enterprises?qualification=HighTech&cursor=$QUALIFICATION_CURSOR}"
  "name-search|$E/enterprises?q=$Q_URL"
  "name-search-short|$E/enterprises?q=$Q_SHORT_URL"
  "name-search-varied|$E/enterprises?q=$Q_SHORT_URL|bench/words.lua"
  "page-1000|$E/enterprises?page=1000"
  "cursor-deep|${DEEP_CURSOR:+$E/enterprises?regionCode=120118&cursor=$DEEP_CURSOR}"
  "sorted-cursor-deep|${SORTED_CURSOR:+$E/enterprises?sort=regionCode&cursor=$SORTED_CURSOR}"
  "qualifications|$E/qualifications?type=HighTech&regionCode=120118"
  "qualifications-tianjin|$E/qualifications?type=HighTech&regionCode=120000&page=2"
  "pool|$E/enterprises/cultivation-pool?year=2026"
  "pool-region|$E/enterprises/cultivation-pool?year=2026&regionCode=120118&maxMissing=2"
  "pool-tianjin|$E/enterprises/cultivation-pool?year=2026&regionCode=120000&page=2"
  "pool-cursor-deep|${POOL_CURSOR:+$E/enterprises/cultivation-pool?year=2026&maxMissing=3&cursor=$POOL_CURSOR}"
  "pool-missing|${POOL_MISSING_CURSOR:+$E/enterprises/cultivation-pool?year=2026&regionCode=120118&maxMissing=3&cursor=$POOL_MISSING_CURSOR}"
  "audit|$E/audit/enterprises"
  "audit-page|$E/audit/enterprises?page=100"
  "audit-client|$E/audit/enterprises?clientId=jinghai-portal"
  "audit-resource|$E/audit/enterprises?resourceType=Enterprise&resourceKey=$FIRST_CODE"
  "statistics|$E/enterprises/statistics"
  "statistics-type|$E/enterprises/statistics?type=HighTech"
)
mapfile -t selected < <(select_cases "${ALL_CASES[@]}")

RESULTS="$DATA_DIR/results.tsv"
: >"$RESULTS"
# Warm-up, not recorded: each case until the service's tiered compiler is done with it (bench/lib.sh warm_up).
if [ "${WARMUP:-1}" != "0" ] && [ ${#selected[@]} -gt 0 ]; then
  echo "Warming up each case until tiered compilation is under 2% of the CPU (at most ${WARMUP_MAX:-120} s; not recorded)..." >&2
  for entry in "${selected[@]}"; do
    IFS='|' read -r name url script <<<"$entry"
    [ -n "$url" ] || continue
    echo " $name" >&2
    warm_up "$ENTERPRISES_PID" -- -t"$THREADS" -c"$CONNECTIONS" -d5s --timeout 10s ${script:+-s "$script"} -H "Authorization: Bearer $TOKEN" "$url"
  done
fi
[ ${#selected[@]} -gt 0 ] && echo "Running ${#selected[@]} list cases × $ROUNDS rounds of wrk -t$THREADS -c$CONNECTIONS -d$DURATION..." >&2
for ((round = 1; round <= ROUNDS && ${#selected[@]} > 0; round++)); do
  for entry in "${selected[@]}"; do
    IFS='|' read -r name url script <<<"$entry"
    if [ -z "$url" ]; then
      printf '  round %d %-22s not supported by this build (no nextCursor)\n' "$round" "$name" >&2
      continue
    fi
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" --max-time 60 "$url")
    before=$(cpu_ticks "$ENTERPRISES_PID") postgres_before=$(postgres_ticks)
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency ${script:+-s "$script"} -H "Authorization: Bearer $TOKEN" "$url")
    read -r requests rps p50 p99 errors <<<"$(wrk_figures "$out")"
    # A request still running when wrk stops is not counted: no figures means none finished in the run.
    [ "$requests" = 0 ] && { p50=">$DURATION"; p99=">$DURATION"; }
    cpu=$(us_per $(($(cpu_ticks "$ENTERPRISES_PID") - before)) "$requests")
    postgres_cpu=$(us_per $(($(postgres_ticks) - postgres_before)) "$requests")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$name" "$rps" "$p50" "$p99" "$errors" "$cpu" "$status" "$postgres_cpu" >>"$RESULTS"
    printf '  round %d %-22s %9s req/s  p50 %8s ms  p99 %8s ms  errors %s  CPU µs/req Enterprises %s PostgreSQL %s  (HTTP %s)\n' \
      "$round" "$name" "$rps" "$p50" "$p99" "$errors" "$cpu" "$postgres_cpu" "$status" >&2
  done
done

if [ -s "$RESULTS" ]; then
  echo
  echo "Lists at $ENTERPRISES enterprises and $QUALIFICATIONS qualifications on PostgreSQL: medians of $ROUNDS rounds," \
    "wrk -t$THREADS -c$CONNECTIONS -d$DURATION ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
  awk -F'\t' "$AWK_MEDIAN"'
    !($2 in seen) { seen[$2] = 1; order[++count] = $2 }
    { rps[$2] = rps[$2] " " $3; p50[$2] = p50[$2] " " $4; p99[$2] = p99[$2] " " $5; err[$2] += $6; cpu[$2] = cpu[$2] " " $7; status[$2] = $8; pg[$2] = pg[$2] " " $9 }
    END {
      printf "%-22s %10s %10s %10s %8s %22s %21s %6s\n", "case", "req/s", "p50 ms", "p99 ms", "errors", "Enterprises CPU µs/req", "PostgreSQL CPU µs/req", "HTTP"
      for (i = 1; i <= count; i++) {
        c = order[i]
        printf "%-22s %10.1f %10.2f %10.2f %8d %22.1f %21.1f %6s\n", c, median(rps[c]), median(p50[c]), median(p99[c]), err[c], median(cpu[c]), median(pg[c]), status[c]
      }
    }' "$RESULTS"
fi

# ---- the import, against PostgreSQL COPY of the same rows --------------------------------------------
if [ -z "${CASES:-}" ] || [[ " $CASES " == *" import "* ]]; then
  CSV="$DATA_DIR/import.csv"
  awk -v what=enterprises -v from=$((ENTERPRISES + 1)) -v count="$IMPORT_ROWS" -v format=csv -f bench/register-data.awk >"$CSV"
  psql_enterprises -c 'CREATE UNLOGGED TABLE bench_copy (LIKE "Enterprises" INCLUDING ALL)'
  copy_started=$(date +%s.%N)
  tail -n +2 "$CSV" | awk -F, -v OFS='\t' '{ $1 = $1; for (i = 1; i <= NF; i++) if ($i == "") $i = "\\N"; print $0, "2026-01-01 00:00:00+00", "2026-01-01 00:00:00+00", 1 }' \
    | psql_enterprises -c 'COPY bench_copy ("CreditCode", "Name", "NameEn", "RegionCode", "ZoneCode", "Industry", "FoundedOn", "CreatedAt", "UpdatedAt", "Version") FROM STDIN'
  copy_seconds=$(awk -v s="$copy_started" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  psql_enterprises -c 'DROP TABLE bench_copy'

  # Plans, Platforms and Talent consume the events as they arrive, on the same cores: their CPU shows what competes
  # with the import and the relay.
  CONSUMER_PIDS="$(pid_on "$PLANS_PORT") $(pid_on "$PLATFORMS_PORT") $(pid_on "$TALENT_PORT")"
  # import_file CSV ROWS LABEL: posts the file, prints its line of figures (seconds, rows/s, peak RSS, CPU per row of
  # Enterprises, of the PostgreSQL server and of the consumers) and keeps the seconds in import_seconds.
  import_file() {
    local rss_before before postgres_before consumers_before started status cpu peak
    rss_before=$(rss_mb "$ENTERPRISES_PID")
    # The kernel keeps the peak: sampling it from here would take CPU from the import it measures.
    reset_peak_rss "$ENTERPRISES_PID"
    before=$(cpu_ticks "$ENTERPRISES_PID") postgres_before=$(postgres_ticks) consumers_before=$(cpu_ticks $CONSUMER_PIDS)
    started=$(date +%s.%N)
    status=$(curl -sS -o "$DATA_DIR/import.json" -w '%{http_code}' --max-time 3600 -X POST "$E/enterprises/import" \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$1")
    import_seconds=$(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
    cpu=$(us_per $(($(cpu_ticks "$ENTERPRISES_PID") - before)) "$2")
    peak=$(peak_rss_mb "$ENTERPRISES_PID")
    printf '%-34s %10.2f %12.0f %14s %22s %13s %8s\n' "$3 (HTTP $status)" "$import_seconds" \
      "$(awk -v n="$2" -v s="$import_seconds" 'BEGIN { print n / s }')" "$peak (idle $rss_before)" "$cpu" \
      "$(us_per $(($(postgres_ticks) - postgres_before)) "$2")" "$(us_per $(($(cpu_ticks $CONSUMER_PIDS) - consumers_before)) "$2")"
    head -c 400 "$DATA_DIR/import.json" >"$DATA_DIR/import-$2.head"
  }
  waiting() { psql_enterprises -c 'SELECT count(*) FROM "OutboxMessages" WHERE "PublishedAt" IS NULL'; }

  echo
  echo "Import of $IMPORT_ROWS new enterprises ($(du -h "$CSV" | cut -f1) of CSV) on PostgreSQL"
  printf '%-34s %10s %12s %14s %22s %13s %8s\n' "" "seconds" "rows/s" "peak RSS MB" "Enterprises CPU µs/row" "PostgreSQL" "consumers"
  # The first import of a process runs while the JIT compiles its path again, optimised (tiered compilation; a
  # profile of it showed the JIT's worker on a third of the process's CPU): a first import of other rows, reported,
  # then left to its relay and to the consumers of its events, so that the import measured is what every import after
  # the first costs, on a machine as idle as the first found it.
  if [ "$IMPORT_WARMUP" -gt 0 ]; then
    WARM_CSV="$DATA_DIR/import-warmup.csv"
    awk -v what=enterprises -v from=$((ENTERPRISES + IMPORT_ROWS + 1)) -v count="$IMPORT_WARMUP" -v format=csv -f bench/register-data.awk >"$WARM_CSV"
    import_file "$WARM_CSV" "$IMPORT_WARMUP" "first import, $IMPORT_WARMUP rows"
    while [ "$(waiting)" -gt 0 ]; do sleep 0.2; done
    # The consumers are done with the events when together they spend less than a tenth of a core.
    while ticks=$(cpu_ticks $CONSUMER_PIDS) && sleep 1 && [ $(($(cpu_ticks $CONSUMER_PIDS) - ticks)) -gt $((CLK_TCK / 10)) ]; do :; done
  fi
  import_file "$CSV" "$IMPORT_ROWS" "POST .../import"
  printf '%-34s %10.2f %12.0f\n' "PostgreSQL COPY (baseline)" "$copy_seconds" "$(awk -v n="$IMPORT_ROWS" -v s="$copy_seconds" 'BEGIN { print n / s }')"
  echo "import / COPY: $(awk -v a="$copy_seconds" -v b="$import_seconds" 'BEGIN { printf "%.1f%%", 100 * a / b }')"
  cat "$DATA_DIR/import-$IMPORT_ROWS.head"; echo

  # The relay: the import's events are in the outbox from its commit; time it until none waits.
  relay_events=$(waiting)
  relay_started=$(date +%s.%N)
  enterprises_before=$(cpu_ticks "$ENTERPRISES_PID") consumers_before=$(cpu_ticks $CONSUMER_PIDS)
  while [ "$(waiting)" -gt 0 ]; do sleep 0.2; done
  relay_seconds=$(awk -v s="$relay_started" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
  printf 'Outbox relay: %s events waiting after the import, relayed in %.2f s: %.0f events/s\n' "$relay_events" "$relay_seconds" \
    "$(awk -v n="$relay_events" -v s="$relay_seconds" 'BEGIN { print n / s }')"
  printf '  meanwhile, CPU µs per event: Enterprises (the relay) %s, Plans, Platforms and Talent (consuming) %s\n' \
    "$(us_per $(($(cpu_ticks "$ENTERPRISES_PID") - enterprises_before)) "$relay_events")" \
    "$(us_per $(($(cpu_ticks $CONSUMER_PIDS) - consumers_before)) "$relay_events")"
fi
