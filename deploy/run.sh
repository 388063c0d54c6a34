#!/usr/bin/env bash
# Starts the whole system on this machine: Redis, every service, and the gateway in front of them.
# Stops everything on Ctrl-C. Settings (environment variables, defaults in brackets):
#   GATEWAY_PORT [8080]   PLANS_PORT [5101]   ENTERPRISES_PORT [5102]   REDIS_PORT [6379]
#   DATA_DIR [./.data]    SQLite files (or the PostgreSQL cluster), Redis data and logs
#   POSTGRES [0]          1 (or the flag --postgres) = each service on its own database of a local
#                         PostgreSQL 15 cluster in DATA_DIR/postgres instead of SQLite; POSTGRES_PORT [55433]
#   SKIP_BUILD [0]        1 = run what was built last (Release)
#   READY_TIMEOUT [120]   seconds to wait for the gateway to be ready before giving up
#   LOCAL_ADMIN_CLIENT_ID [local-admin], LOCAL_ADMIN_CLIENT_SECRET [generated]
#                         the admin client of the gateway's token endpoint (every scope)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=deploy/lib.sh
source "$ROOT/deploy/lib.sh"

for argument in "$@"; do
  case "$argument" in
    --postgres) POSTGRES=1 ;;
    *) echo "Unknown option: $argument (known: --postgres)" >&2; exit 2 ;;
  esac
done
POSTGRES=${POSTGRES:-0}
POSTGRES_PORT=${POSTGRES_PORT:-55433}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
PLANS_PORT=${PLANS_PORT:-5101}
ENTERPRISES_PORT=${ENTERPRISES_PORT:-5102}
REDIS_PORT=${REDIS_PORT:-6379}
DATA_DIR=$(mkdir -p "${DATA_DIR:-$ROOT/.data}" && cd "${DATA_DIR:-$ROOT/.data}" && pwd)
LOG_DIR="$DATA_DIR/logs"
mkdir -p "$LOG_DIR" "$DATA_DIR/redis"

ensure_debian_packages redis-server=redis-server curl=curl
[ "$POSTGRES" = "1" ] && ensure_debian_packages "$PG_BIN/initdb=postgresql-15"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "Building (Release)..."
  dotnet build "$ROOT/Microservices.sln" -c Release -v quiet -nologo >"$LOG_DIR/build.log" 2>&1 \
    || { cat "$LOG_DIR/build.log"; exit 1; }
fi

# Local clients of the gateway's token endpoint: an administrator with every scope, a read-only
# one, and the Plans service itself (it reads the enterprise register to reconcile its metrics).
# Secrets are random unless given, and only their SHA-256 reaches the gateway.
random_secret() { od -An -tx1 -N20 /dev/urandom | tr -d ' \n'; }
sha256_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
ADMIN_ID=${LOCAL_ADMIN_CLIENT_ID:-local-admin}
ADMIN_SECRET=${LOCAL_ADMIN_CLIENT_SECRET:-$(random_secret)}
READER_ID=local-reader
READER_SECRET=$(random_secret)
PLANS_CLIENT_ID=plans-service
PLANS_CLIENT_SECRET=$(random_secret)
# Scope lists are the gateway's own: '*' grants every scope, '*.read' every read scope.
client_settings=(
  TokenIssuer__Clients__0__ClientId="$ADMIN_ID"
  TokenIssuer__Clients__0__SecretHash="sha256:$(sha256_of "$ADMIN_SECRET")"
  TokenIssuer__Clients__0__Scopes__0='*'
  TokenIssuer__Clients__1__ClientId="$READER_ID"
  TokenIssuer__Clients__1__SecretHash="sha256:$(sha256_of "$READER_SECRET")"
  TokenIssuer__Clients__1__Scopes__0='*.read'
  TokenIssuer__Clients__2__ClientId="$PLANS_CLIENT_ID"
  TokenIssuer__Clients__2__SecretHash="sha256:$(sha256_of "$PLANS_CLIENT_SECRET")"
  TokenIssuer__Clients__2__Scopes__0=enterprises.read
)

pids=()
stop_all() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ "$POSTGRES" = "1" ] && stop_local_postgres "$DATA_DIR/postgres"
  echo "Stopped."
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

# start NAME DIRECTORY COMMAND... : runs COMMAND in DIRECTORY (the app's content root), logging to NAME.log.
start() {
  local name=$1 directory=$2
  shift 2
  (cd "$directory" && exec "$@") >"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
}

bin() { echo "$ROOT/$1/bin/Release/net10.0"; }

start redis "$DATA_DIR/redis" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA_DIR/redis" --appendonly yes
# database SERVICE : the connection settings of a service's own database.
database() {
  if [ "$POSTGRES" = "1" ]; then
    echo "Database__ConnectionString=Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=$1"
  else
    echo "Database__DataDirectory=$DATA_DIR"
  fi
}
[ "$POSTGRES" = "1" ] && start_local_postgres "$DATA_DIR/postgres" "$POSTGRES_PORT" plans enterprises
service_settings=(
  Auth__Issuers__0__Authority="http://localhost:$GATEWAY_PORT"
  EventBus__Redis="127.0.0.1:$REDIS_PORT"
)
start enterprises "$(bin services/Enterprises/Enterprises.Api)" env \
  ASPNETCORE_URLS="http://127.0.0.1:$ENTERPRISES_PORT" \
  "${service_settings[@]}" "$(database enterprises)" \
  dotnet Enterprises.Api.dll
start plans "$(bin services/Plans/Plans.Api)" env \
  ASPNETCORE_URLS="http://127.0.0.1:$PLANS_PORT" \
  "${service_settings[@]}" "$(database plans)" \
  Seeds__Directory="$ROOT/seeds" \
  Registers__Enterprises__BaseUrl="http://127.0.0.1:$ENTERPRISES_PORT" \
  Registers__Enterprises__TokenUrl="http://localhost:$GATEWAY_PORT/connect/token" \
  Registers__Enterprises__ClientId="$PLANS_CLIENT_ID" \
  Registers__Enterprises__ClientSecret="$PLANS_CLIENT_SECRET" \
  dotnet Plans.Api.dll
start gateway "$(bin gateway/Gateway)" env \
  ASPNETCORE_URLS="http://localhost:$GATEWAY_PORT" \
  TokenIssuer__Issuer="http://localhost:$GATEWAY_PORT" \
  TokenIssuer__KeyDirectory="$DATA_DIR/keys" \
  "${client_settings[@]}" \
  ReverseProxy__Clusters__plans__Destinations__plans-1__Address="http://127.0.0.1:$PLANS_PORT" \
  ReverseProxy__Clusters__enterprises__Destinations__enterprises-1__Address="http://127.0.0.1:$ENTERPRISES_PORT" \
  dotnet Gateway.dll

echo "Waiting for the gateway to be ready..."
if ! wait_for_url "http://localhost:$GATEWAY_PORT/health/ready" "${READY_TIMEOUT:-120}"; then
  echo "The system did not become ready within ${READY_TIMEOUT:-120} s. Logs: $LOG_DIR" >&2
  tail -n 20 "$LOG_DIR"/*.log >&2
  exit 1
fi

cat <<INFO

Ready.
  Gateway     http://localhost:$GATEWAY_PORT
  Swagger UI  http://localhost:$GATEWAY_PORT/swagger
  Health      http://localhost:$GATEWAY_PORT/health/ready
  Try         curl http://localhost:$GATEWAY_PORT/api/v1/regions
  Data        $DATA_DIR   (logs in $LOG_DIR)

Clients of the token endpoint (client credentials):
  admin       $ADMIN_ID / $ADMIN_SECRET
  read-only   $READER_ID / $READER_SECRET
  Get a token:
    curl -s -u '$ADMIN_ID:$ADMIN_SECRET' -d grant_type=client_credentials http://localhost:$GATEWAY_PORT/connect/token
Press Ctrl-C to stop.
INFO

# Runs until Ctrl-C, or until one of the processes dies, which stops the rest.
wait -n "${pids[@]}" || true
echo "A process exited unexpectedly; see $LOG_DIR." >&2
exit 1
