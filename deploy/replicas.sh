#!/usr/bin/env bash
# The replica topology of deploy/run.sh (--postgres --replicas N), sourced by it after Redis and
# PostgreSQL are up. What a cluster does, on one machine:
#   - migrations run once, by `dotnet X.Api.dll --migrate-only` (the Kubernetes migration Job), and
#     every replica starts with Database__MigrateOnStartup=false;
#   - N replicas of each service of deploy/run.sh's list (add_service), each on its own port, with the
#     service's settings for that replica (only the first Plans replica loads the seeds);
#   - two gateways sharing one signing key (TokenIssuer__SigningKeyPem) and their rate limits' counts
#     (RateLimits__Redis, the Redis of the event bus), each balancing over every
#     replica (YARP round-robin) and taking a replica out when its /health/ready fails (active checks)
#     or its connections fail (passive checks);
#   - nginx in front of the gateways, as an ingress, on GATEWAY_PORT: the URL callers use.
# Ports (environment variables, space-separated lists, defaults in brackets):
#   <PORT_VARIABLE>S of each service: PLANS_PORTS [PLANS_PORT, PLANS_PORT+100, ...], ENTERPRISES_PORTS,
#                      PLATFORMS_PORTS, TALENT_PORTS ... likewise
#   GATEWAY_PORTS [GATEWAY_PORT+1 GATEWAY_PORT+2]
#   READY_TIMEOUT [300]   seconds to wait for the system to be ready
# Each replica's process id is written to DATA_DIR/run/<name>.pid (plans-1, gateway-2, front ...).
# A replica that dies is reported and the rest keep serving; Ctrl-C stops everything.

# ports_of NAME FIRST COUNT [STEP] : the list given in NAME's variable, or COUNT ports from FIRST by STEP.
ports_of() {
  local given=${!1:-} first=$2 count=$3 step=${4:-100} i
  if [ -n "$given" ]; then
    echo "$given"
    return
  fi
  for ((i = 0; i < count; i++)); do printf '%s ' $((first + i * step)); done
}

# start_replica NAME DIRECTORY COMMAND... : start (deploy/run.sh), remembering the process by name.
declare -A replica_names=()
start_replica() {
  local name=$1
  start "$@"
  replica_names[${pids[-1]}]=$name
  echo "${pids[-1]}" >"$DATA_DIR/run/$name.pid"
}

# front_config PORT GATEWAY_PORT... : nginx as the ingress in front of the gateways. It passes on
# what the gateway must answer itself (its 413/414/431 problems), retries a request on the other
# gateway only when the connection failed, and streams answers (CSV exports) without buffering.
front_config() {
  local port=$1 gateway
  shift
  cat <<NGINX
worker_processes 1;
pid $DATA_DIR/front/nginx.pid;
error_log $LOG_DIR/front.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $DATA_DIR/front/body;
  proxy_temp_path $DATA_DIR/front/proxy;
  fastcgi_temp_path $DATA_DIR/front/fastcgi;
  uwsgi_temp_path $DATA_DIR/front/uwsgi;
  scgi_temp_path $DATA_DIR/front/scgi;
  client_max_body_size 16m;
  large_client_header_buffers 8 128k;
  proxy_request_buffering off;
  proxy_buffering off;
  upstream gateways {
$(for gateway in "$@"; do echo "    server 127.0.0.1:$gateway max_fails=1 fail_timeout=5s;"; done)
    keepalive 16;
  }
  server {
    listen 127.0.0.1:$port;
$( [ -e /proc/net/if_inet6 ] && grep -q ' lo$' /proc/net/if_inet6 && echo "    listen [::1]:$port;")
    location / {
      proxy_pass http://gateways;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
    }
  }
}
NGINX
}

# cluster_settings CLUSTER NAME_PREFIX PORT... : a YARP cluster over the replicas on PORT...
cluster_settings() {
  local cluster=$1 prefix=$2 port i=1
  shift 2
  echo "ReverseProxy__Clusters__${cluster}__LoadBalancingPolicy=RoundRobin"
  echo "ReverseProxy__Clusters__${cluster}__HealthCheck__Active__Interval=00:00:02"
  echo "ReverseProxy__Clusters__${cluster}__HealthCheck__Passive__Enabled=true"
  echo "ReverseProxy__Clusters__${cluster}__HealthCheck__Passive__ReactivationPeriod=00:00:10"
  for port in "$@"; do
    echo "ReverseProxy__Clusters__${cluster}__Destinations__${prefix}-${i}__Address=http://127.0.0.1:$port"
    i=$((i + 1))
  done
}

run_replicas() {
  local gateway_ports name port_variable port i
  declare -A replica_ports=()
  for name in "${services[@]}"; do
    port_variable=${service_port[$name]}
    replica_ports[$name]=$(ports_of "${port_variable}S" "${!port_variable}" "$REPLICAS")
    if [ "$(wc -w <<<"${replica_ports[$name]}")" -ne "$REPLICAS" ]; then
      echo "${port_variable}S must name $REPLICAS ports." >&2
      exit 2
    fi
  done
  read -r -a gateway_ports <<<"$(ports_of GATEWAY_PORTS $((GATEWAY_PORT + 1)) 2 1)"
  mkdir -p "$DATA_DIR/run" "$DATA_DIR/front" "$DATA_DIR/keys"
  rm -f "$DATA_DIR"/run/*.pid

  # One signing key for every gateway (a token from one validates at every service whichever
  # gateway's JWKS it read), kept across runs like the key folder of a single gateway.
  local key="$DATA_DIR/keys/shared-signing.pem"
  if [ ! -f "$key" ]; then
    (umask 077 && openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2>/dev/null)
  fi

  # The services' issuer (service_settings) is the gateway at this address already.
  local front="http://localhost:$GATEWAY_PORT"
  # Each service's migrations once (its migration Job), all at once, before any replica starts. They
  # are started like the other processes, so that Ctrl-C stops one that hangs.
  echo "Migrating the databases (--migrate-only, once)..."
  local migrations=() failed=
  for name in "${services[@]}"; do
    start "migrate-$name" "$(bin "${service_project[$name]}")" env \
      "${service_settings[@]}" "$(database "$name")" dotnet "${service_dll[$name]}" --migrate-only
    migrations+=("${pids[-1]}")
  done
  for ((i = 0; i < ${#migrations[@]}; i++)); do
    if ! wait "${migrations[i]}"; then
      name=${services[i]}
      echo "Migrating $name failed; see $LOG_DIR/migrate-$name.log" >&2
      tail -n 5 "$LOG_DIR/migrate-$name.log" >&2
      failed=1
    fi
  done
  [ -z "$failed" ] || exit 1
  # Finished processes: the watch over the replicas below waits for the others only.
  pids=("${pids[@]:0:${#pids[@]}-${#migrations[@]}}")

  local ports settings
  for ((i = 1; i <= REPLICAS; i++)); do
    for name in "${services[@]}"; do
      read -r -a ports <<<"${replica_ports[$name]}"
      mapfile -t settings < <(settings_of "$name" "$i")
      start_replica "$name-$i" "$(bin "${service_project[$name]}")" env \
        ASPNETCORE_URLS="http://127.0.0.1:${ports[i - 1]}" \
        "${service_settings[@]}" "$(database "$name")" Database__MigrateOnStartup=false "${settings[@]}" \
        dotnet "${service_dll[$name]}"
    done
  done

  local clusters=()
  for name in "${services[@]}"; do
    read -r -a ports <<<"${replica_ports[$name]}"
    mapfile -t -O "${#clusters[@]}" clusters < <(cluster_settings "$name" "$name" "${ports[@]}")
  done
  for ((i = 1; i <= ${#gateway_ports[@]}; i++)); do
    start_replica "gateway-$i" "$(bin gateway/Gateway)" env \
      ASPNETCORE_URLS="http://127.0.0.1:${gateway_ports[i - 1]}" \
      TokenIssuer__Issuer="$front" \
      TokenIssuer__SigningKeyPem="$(cat "$key")" \
      RateLimits__Redis="127.0.0.1:$REDIS_PORT" \
      Web__RootPath="$WEB_ROOT" \
      "${client_settings[@]}" "${clusters[@]}" \
      dotnet Gateway.dll
  done
  front_config "$GATEWAY_PORT" "${gateway_ports[@]}" >"$DATA_DIR/front/nginx.conf"
  start_replica front "$DATA_DIR/front" "$NGINX" -p "$DATA_DIR/front" -e "$LOG_DIR/front.log" \
    -c "$DATA_DIR/front/nginx.conf" -g 'daemon off;'

  # Every process starts at once, and the first Plans replica loads the seeds before it listens. The
  # gateways are ready as soon as one replica of each service is, so every replica is waited for too:
  # ready means all of them serve (and the seeds are in).
  echo "Waiting for the gateways to be ready..."
  local ready=("$front/health/ready")
  for name in "${services[@]}"; do
    for port in ${replica_ports[$name]}; do ready+=("http://127.0.0.1:$port/health/ready"); done
  done
  local url
  for url in "${ready[@]}"; do
    if ! wait_for_url "$url" "${READY_TIMEOUT:-300}"; then
      echo "The system did not become ready within ${READY_TIMEOUT:-300} s ($url). Logs: $LOG_DIR" >&2
      tail -n 20 "$LOG_DIR"/*.log >&2
      exit 1
    fi
  done

  cat <<INFO

Ready.
  Gateway     $front   (nginx in front of the gateways on ports ${gateway_ports[*]})
  Swagger UI  $front/swagger
  Health      $front/health/ready
$(for name in "${services[@]}"; do printf '  %-11s %s replicas on ports %s\n' "$name" "$REPLICAS" "${replica_ports[$name]}"; done)
  Try         curl $front/api/v1/regions
  Data        $DATA_DIR   (logs in $LOG_DIR, process ids in $DATA_DIR/run)

Clients of the token endpoint (client credentials):
  admin       $ADMIN_ID / $ADMIN_SECRET
  read-only   $READER_ID / $READER_SECRET
  Get a token:
    curl -s -u '$ADMIN_ID:$ADMIN_SECRET' -d grant_type=client_credentials $front/connect/token
Press Ctrl-C to stop.
INFO

  # A replica may die (that is what replicas are for): say so and keep serving. Redis, PostgreSQL's
  # clients and the front have no second copy, so their death stops everything.
  local died living=("${pids[@]}")
  while [ ${#living[@]} -gt 0 ]; do
    died=
    wait -n -p died "${living[@]}" || true
    [ -n "$died" ] || continue
    local pid still=()
    for pid in "${living[@]}"; do [ "$pid" = "$died" ] || still+=("$pid"); done
    living=("${still[@]}")
    name=${replica_names[$died]:-}
    # A replica is named <service>-<number>, or gateway-<number>.
    if [ -n "$name" ] && { [[ $name == gateway-* ]] || [ -n "${service_project[${name%-*}]:-}" ]; }; then
      echo "$name (process $died) exited; the other replicas keep serving. Logs: $LOG_DIR" >&2
    else
      echo "${name:-redis} (process $died) exited unexpectedly; see $LOG_DIR." >&2
      exit 1
    fi
  done
  exit 1
}
