#!/usr/bin/env bash
# Throughput with one and with two replicas (issue #17), run on demand, not in CI. Starts the replica
# topology of deploy/run.sh (--postgres --replicas 2: PostgreSQL, Redis, two replicas of each service,
# two gateways behind nginx) on ports of its own and a fresh data folder, then runs ReplicaThroughput
# through the front: once the services are idle, a warm-up, then rounds of the write-heavy load
# (register an enterprise, grant it HighTech) with two replicas of Enterprises and Plans and again with
# the second of each stopped (started again for the next round), and prints for each case writes/s,
# p50/p99, how long Plans takes to apply the events after the load and the services' CPU per write,
# then the ratio of the medians. On two cores the gain is bounded: the point is that the second replica
# costs no correctness, and the figure is there for larger machines.
# Arguments are passed to ReplicaThroughput (--duration 20 --callers 16 --warmup 10 --rounds 2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

export GATEWAY_PORT=${GATEWAY_PORT:-59480} REDIS_PORT=${REDIS_PORT:-59479} POSTGRES_PORT=${POSTGRES_PORT:-59432}
export PLANS_PORTS=${PLANS_PORTS:-"59401 59411"} ENTERPRISES_PORTS=${ENTERPRISES_PORTS:-"59402 59412"}
export PLATFORMS_PORTS=${PLATFORMS_PORTS:-"59403 59413"} TALENT_PORTS=${TALENT_PORTS:-"59404 59414"}
export GATEWAY_PORTS=${GATEWAY_PORTS:-"59481 59482"}
export DATA_DIR=${DATA_DIR:-$(mktemp -d /tmp/bench-replicas.XXXXXX)}
export LOCAL_ADMIN_CLIENT_ID=bench-admin LOCAL_ADMIN_CLIENT_SECRET=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')

dotnet build Microservices.sln -c Release -v quiet -nologo >"$DATA_DIR/build.log" 2>&1 || { cat "$DATA_DIR/build.log"; exit 1; }
# The bench's own client is exempted from the rate limits, or they, not the replicas, would set the rate.
start_system "RateLimits__Clients__$LOCAL_ADMIN_CLIENT_ID=100000000" -- --postgres --replicas 2

dotnet bench/ReplicaThroughput/bin/Release/net10.0/ReplicaThroughput.dll \
  --front "http://localhost:$GATEWAY_PORT" --client-id "$LOCAL_ADMIN_CLIENT_ID" --client-secret "$LOCAL_ADMIN_CLIENT_SECRET" \
  --redis "127.0.0.1:$REDIS_PORT" --run-dir "$DATA_DIR/run" "$@"
