#!/usr/bin/env bash
# Starts the whole system on this machine: Redis, every service, and the gateway in front of them.
# Stops everything on Ctrl-C. Settings (environment variables, defaults in brackets):
#   GATEWAY_PORT [8080]   PLANS_PORT [5101]   ENTERPRISES_PORT [5102]   PLATFORMS_PORT [5103]
#   TALENT_PORT [5104]    REDIS_PORT [6379]
#   DATA_DIR [./.data]    SQLite files (or the PostgreSQL cluster), Redis data and logs
#   POSTGRES [0]          1 (or the flag --postgres) = each service on its own database of a local
#                         PostgreSQL 15 cluster in DATA_DIR/postgres instead of SQLite; POSTGRES_PORT [55433]
#   SKIP_BUILD [0]        1 = run what was built last (Release, and the web pages in gateway/Gateway/wwwroot)
#   READY_TO_RUN [0]      1 = also publish the services and the gateway compiled ahead of time (ReadyToRun)
#                         into .publish/ and run them from there: less CPU to start (docs/operations.md);
#                         with SKIP_BUILD=1, run what was published last
#   REPLICAS [1]          N > 1 (or the flag --replicas N, with --postgres) = N processes of each service
#                         and two gateways behind an nginx front on GATEWAY_PORT, as an ingress stands in
#                         front of gateways in a cluster; see deploy/replicas.sh for their ports
#   READY_TIMEOUT [120]   seconds to wait for the gateway to be ready before giving up
#   LOCAL_ADMIN_CLIENT_ID [local-admin], LOCAL_ADMIN_CLIENT_SECRET [generated]
#                         the admin client of the gateway's token endpoint (every scope)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=deploy/lib.sh
source "$ROOT/deploy/lib.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) POSTGRES=1 ;;
    --replicas) REPLICAS=${2:-}; shift ;;
    --replicas=*) REPLICAS=${1#--replicas=} ;;
    *) echo "Unknown option: $1 (known: --postgres, --replicas N)" >&2; exit 2 ;;
  esac
  shift
done
POSTGRES=${POSTGRES:-0}
REPLICAS=${REPLICAS:-1}
if ! [[ "$REPLICAS" =~ ^[1-9][0-9]?$ ]]; then
  echo "--replicas takes a number from 1 to 99, not '$REPLICAS'." >&2
  exit 2
fi
if [ "$REPLICAS" -gt 1 ] && [ "$POSTGRES" != "1" ]; then
  echo "--replicas needs --postgres: replicas share one database, and a SQLite file belongs to one process." >&2
  exit 2
fi
POSTGRES_PORT=${POSTGRES_PORT:-55433}
GATEWAY_PORT=${GATEWAY_PORT:-8080}
PLANS_PORT=${PLANS_PORT:-5101}
ENTERPRISES_PORT=${ENTERPRISES_PORT:-5102}
PLATFORMS_PORT=${PLATFORMS_PORT:-5103}
TALENT_PORT=${TALENT_PORT:-5104}
REDIS_PORT=${REDIS_PORT:-6379}
DATA_DIR=$(mkdir -p "${DATA_DIR:-$ROOT/.data}" && cd "${DATA_DIR:-$ROOT/.data}" && pwd)
LOG_DIR="$DATA_DIR/logs"
mkdir -p "$LOG_DIR" "$DATA_DIR/redis"

# node and npm build the web pages (web/) the gateway serves at /.
ensure_debian_packages redis-server=redis-server curl=curl node=nodejs npm=npm
[ "$POSTGRES" = "1" ] && ensure_debian_packages "$PG_BIN/initdb=postgresql-15"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ "$REPLICAS" -gt 1 ] && ensure_debian_packages "$NGINX=nginx" openssl=openssl

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  echo "Building (Release)..."
  dotnet build "$ROOT/Microservices.sln" -c Release -v quiet -nologo >"$LOG_DIR/build.log" 2>&1 \
    || { cat "$LOG_DIR/build.log"; exit 1; }
  echo "Building the web pages (web/ into gateway/Gateway/wwwroot)..."
  (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build) >"$LOG_DIR/web-build.log" 2>&1 \
    || { cat "$LOG_DIR/web-build.log"; exit 1; }
  grep 'first load' "$LOG_DIR/web-build.log"
  if [ "${READY_TO_RUN:-0}" = "1" ]; then
    echo "Publishing ReadyToRun (.publish/)..."
    publish_ready_to_run "$ROOT" >"$LOG_DIR/publish.log" 2>&1 || { cat "$LOG_DIR/publish.log"; exit 1; }
  fi
fi
if [ "${READY_TO_RUN:-0}" = "1" ] && [ ! -f "$ROOT/.publish/Gateway/Gateway.dll" ]; then
  echo "READY_TO_RUN=1 with SKIP_BUILD=1 runs what was published last, and .publish/ holds nothing: run once without SKIP_BUILD." >&2
  exit 2
fi
# Where the gateways serve the web pages from (the build output; the gateway runs from its bin or .publish folder).
WEB_ROOT="$ROOT/gateway/Gateway/wwwroot"

# Local clients of the gateway's token endpoint: an administrator with every scope and a read-only
# one; the services that read the enterprise register get one each (token_client, below).
# Secrets are random unless given, and only their SHA-256 reaches the gateway.
random_secret() { od -An -tx1 -N20 /dev/urandom | tr -d ' \n'; }
sha256_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
ADMIN_ID=${LOCAL_ADMIN_CLIENT_ID:-local-admin}
ADMIN_SECRET=${LOCAL_ADMIN_CLIENT_SECRET:-$(random_secret)}
READER_ID=local-reader
READER_SECRET=$(random_secret)
# Scope lists are the gateway's own: '*' grants every scope, '*.read' every read scope.
client_settings=(
  TokenIssuer__Clients__0__ClientId="$ADMIN_ID"
  TokenIssuer__Clients__0__SecretHash="sha256:$(sha256_of "$ADMIN_SECRET")"
  TokenIssuer__Clients__0__Scopes__0='*'
  TokenIssuer__Clients__1__ClientId="$READER_ID"
  TokenIssuer__Clients__1__SecretHash="sha256:$(sha256_of "$READER_SECRET")"
  TokenIssuer__Clients__1__Scopes__0='*.read'
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

# bin PROJECT : the folder a project runs from, its build output or, with READY_TO_RUN=1, its ReadyToRun publication.
bin() {
  if [ "${READY_TO_RUN:-0}" = "1" ]; then
    echo "$ROOT/.publish/$(basename "$1")"
  else
    echo "$ROOT/$1/bin/Release/net10.0"
  fi
}

start redis "$DATA_DIR/redis" redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$DATA_DIR/redis" --appendonly yes
# database SERVICE : the connection settings of a service's own database.
database() {
  if [ "$POSTGRES" = "1" ]; then
    echo "Database__ConnectionString=Host=127.0.0.1;Port=$POSTGRES_PORT;Username=postgres;Database=$1"
  else
    echo "Database__DataDirectory=$DATA_DIR"
  fi
}
service_settings=(
  Auth__Issuers__0__Authority="http://localhost:$GATEWAY_PORT"
  EventBus__Redis="127.0.0.1:$REDIS_PORT"
)

# Where a service reads another's register: that service's own process, or with replicas the front,
# which balances over them. Tokens always come from the gateway's token endpoint.
register_url() {
  local port_variable="${1^^}_PORT"
  if [ "$REPLICAS" -gt 1 ]; then
    echo "http://localhost:$GATEWAY_PORT"
  else
    echo "http://127.0.0.1:${!port_variable}"
  fi
}
# register_reader CLIENT_ID REGISTER... : a client of the token endpoint allowed to read each REGISTER
# (enterprises, platforms, talent), with a random secret; leaves the settings a service needs to use
# it in reader_settings (Registers__Enterprises__BaseUrl ...).
clients=2
register_reader() {
  local client=$1 index=$clients secret register scope=0 section
  shift
  clients=$((clients + 1))
  secret=$(random_secret)
  client_settings+=(
    "TokenIssuer__Clients__${index}__ClientId=$client"
    "TokenIssuer__Clients__${index}__SecretHash=sha256:$(sha256_of "$secret")"
  )
  reader_settings=()
  for register in "$@"; do
    section="Registers__${register^}"
    client_settings+=("TokenIssuer__Clients__${index}__Scopes__${scope}=$register.read")
    reader_settings+=(
      "${section}__BaseUrl=$(register_url "$register")"
      "${section}__TokenUrl=http://localhost:$GATEWAY_PORT/connect/token"
      "${section}__ClientId=$client"
      "${section}__ClientSecret=$secret"
    )
    scope=$((scope + 1))
  done
}

# The services, one entry each, in the order they start (the register first):
#   add_service NAME PROJECT DLL PORT_VARIABLE [SETTING...]
# NAME is the service's database, gateway cluster and log name; PORT_VARIABLE holds the port of its
# single process, and with replicas its plural (PLANS_PORTS) may list theirs (deploy/replicas.sh).
# A SETTING applies to every process of the service; written K:SETTING, to replica K alone.
services=()
declare -A service_project=() service_dll=() service_port=() service_extra=()
add_service() {
  services+=("$1")
  service_project[$1]=$2
  service_dll[$1]=$3
  service_port[$1]=$4
  service_extra[$1]=
  [ $# -gt 4 ] && service_extra[$1]=$(printf '%q ' "${@:5}")
  return 0
}
# settings_of NAME REPLICA : the service's own settings for that replica, one a line.
settings_of() {
  local setting extra
  eval "extra=(${service_extra[$1]})"
  for setting in "${extra[@]}"; do [[ $setting == [0-9]*:* ]] || printf '%s\n' "$setting"; done
  for setting in "${extra[@]}"; do [[ $setting == "$2":* ]] && printf '%s\n' "${setting#*:}"; done
  return 0
}

# The register's collector keeps a young generation of 16 MiB (its project file chooses the workstation
# collector; the image sets the same), which bounds what an import adds to its memory.
add_service enterprises services/Enterprises/Enterprises.Api Enterprises.Api.dll ENTERPRISES_PORT DOTNET_GCgen0size=0x1000000
# Plans reads the three registers to reconcile its metrics. Every replica loads the seeds on request;
# only the first loads them at start-up.
register_reader plans-service enterprises platforms talent
add_service plans services/Plans/Plans.Api Plans.Api.dll PLANS_PORT \
  Seeds__Directory="$ROOT/seeds" Seeds__LoadOnStartup=false 1:Seeds__LoadOnStartup=true "${reader_settings[@]}"
# Platforms looks up hosts and tenants the enterprise events have not brought.
register_reader platforms-service enterprises
add_service platforms services/Platforms/Platforms.Api Platforms.Api.dll PLATFORMS_PORT "${reader_settings[@]}"
# Talent looks up employers and host enterprises the same way.
register_reader talent-service enterprises
add_service talent services/Talent/Talent.Api Talent.Api.dll TALENT_PORT "${reader_settings[@]}"

[ "$POSTGRES" = "1" ] && start_local_postgres "$DATA_DIR/postgres" "$POSTGRES_PORT" "${services[@]}"
if [ "$REPLICAS" -gt 1 ]; then
  # shellcheck source=deploy/replicas.sh
  source "$ROOT/deploy/replicas.sh"
  run_replicas
fi
destinations=()
for name in "${services[@]}"; do
  port_variable=${service_port[$name]}
  mapfile -t settings < <(settings_of "$name" 1)
  start "$name" "$(bin "${service_project[$name]}")" env \
    ASPNETCORE_URLS="http://127.0.0.1:${!port_variable}" \
    "${service_settings[@]}" "$(database "$name")" "${settings[@]}" \
    dotnet "${service_dll[$name]}"
  destinations+=("ReverseProxy__Clusters__${name}__Destinations__${name}-1__Address=http://127.0.0.1:${!port_variable}")
done
start gateway "$(bin gateway/Gateway)" env \
  ASPNETCORE_URLS="http://localhost:$GATEWAY_PORT" \
  TokenIssuer__Issuer="http://localhost:$GATEWAY_PORT" \
  TokenIssuer__KeyDirectory="$DATA_DIR/keys" \
  Web__RootPath="$WEB_ROOT" \
  "${client_settings[@]}" "${destinations[@]}" \
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
  Web pages   http://localhost:$GATEWAY_PORT/   (plans, /registers, /rollup)
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
