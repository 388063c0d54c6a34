#!/usr/bin/env bash
# The live-metric engine's benchmark (issue #10), run on demand, not in CI. Starts the whole system
# on PostgreSQL with deploy/run.sh on ports of its own and a fresh data folder, then runs
# MetricEngineBench against the gateway: the register grows to each size (default 10,000 and
# 100,000 enterprises, with 2,000 and 20,000 valid HighTech qualifications), Plans reconciles its
# copy, bursts of grants go through the gateway, and it prints the applied rate, the time until both
# bound indicators show a burst, and the grant -> indicator latency of sequential grants. A burst of
# platform accreditations (issue #13, as many as --rate-burst) is applied the same way and its rate is
# printed beside the enterprises' rate at the largest size, with their ratio.
# Arguments are passed to MetricEngineBench (e.g. --sizes 2000:400 --warmup 50 --rate-burst 100 --burst 200 --sequential 20 for a
# quick check: each size gives one free Jinghai enterprise in five, and every grant needs one).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

export GATEWAY_PORT=${GATEWAY_PORT:-59080} PLANS_PORT=${PLANS_PORT:-59101} ENTERPRISES_PORT=${ENTERPRISES_PORT:-59102}
export PLATFORMS_PORT=${PLATFORMS_PORT:-59103}
export REDIS_PORT=${REDIS_PORT:-59379} POSTGRES_PORT=${POSTGRES_PORT:-59432}
export DATA_DIR=${DATA_DIR:-$(mktemp -d /tmp/bench-metrics.XXXXXX)}
export LOCAL_ADMIN_CLIENT_ID=bench-admin LOCAL_ADMIN_CLIENT_SECRET=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')

dotnet build Microservices.sln -c Release -v quiet -nologo >"$DATA_DIR/build.log" 2>&1 || { cat "$DATA_DIR/build.log"; exit 1; }
# The gateway limits each client to a few hundred requests per window; the bench's own client is
# exempted, or the limit, not the engine, would set the rate the events arrive and are applied at.
start_system "RateLimits__Clients__$LOCAL_ADMIN_CLIENT_ID=100000000" -- --postgres

# The Plans process, stopped and continued by the bench to measure the engine on a backlog, and the
# PostgreSQL server, whose CPU time (with its backends') per event the bench reads from /proc.
plans_pid=$(pid_on "$PLANS_PORT")
postgres_pid=$(pid_on "$POSTGRES_PORT")
database() { echo "Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=$1"; }
dotnet bench/MetricEngineBench/bin/Release/net10.0/MetricEngineBench.dll \
  --gateway "http://localhost:$GATEWAY_PORT" --client-id "$LOCAL_ADMIN_CLIENT_ID" --client-secret "$LOCAL_ADMIN_CLIENT_SECRET" \
  --enterprises-db "$(database enterprises)" --plans-db "$(database plans)" --plans-pid "$plans_pid" \
  --postgres-pid "$postgres_pid" "$@"
