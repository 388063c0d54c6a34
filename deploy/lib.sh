#!/usr/bin/env bash
# Shared by deploy/run.sh and tests/run.sh: install what a fresh Debian machine lacks.

# ensure_debian_packages COMMAND=PACKAGE ... : installs PACKAGE when COMMAND is not found. COMMAND may
# be a path instead, to a program or to any file the package installs (a font).
ensure_debian_packages() {
  local missing=() pair command package
  for pair in "$@"; do
    command=${pair%%=*}
    package=${pair#*=}
    if ! command -v "$command" >/dev/null 2>&1 && [ ! -e "$command" ]; then
      missing+=("$package")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing ${missing[*]} from Debian packages..."
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# wait_for_url URL SECONDS : polls until URL answers 2xx, or fails after SECONDS.
wait_for_url() {
  local url=$1 seconds=$2 start=$SECONDS
  until curl -fsS -o /dev/null "$url" 2>/dev/null; do
    if [ $((SECONDS - start)) -ge "$seconds" ]; then
      return 1
    fi
    sleep 0.5
  done
}

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

# as_postgres COMMAND... : PostgreSQL refuses to run as root, so its cluster belongs to the postgres user.
as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# start_local_postgres DIRECTORY PORT DATABASE... : a PostgreSQL 15 cluster kept in DIRECTORY (created
# on first use), listening on 127.0.0.1:PORT, with one database per name given. Its buffer cache is 1 GB
# (POSTGRES_SHARED_BUFFERS), not the package's 128 MB: at a million enterprises the register and its indexes
# take about 700 MB, and a page not in the cache is a read from the kernel's for each row a search matches.
# Random reads are priced as on SSD (random_page_cost 1.1, not 4): see "Random reads" in docs/operations.md.
start_local_postgres() {
  local directory=$1 port=$2
  shift 2
  mkdir -p "$directory"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$directory"
    # The postgres user must be able to reach its folder inside the data folder (mktemp makes it 0700).
    chmod a+x "$(dirname "$directory")"
  fi
  if [ ! -f "$directory/data/PG_VERSION" ]; then
    as_postgres "$PG_BIN/initdb" -D "$directory/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_postgres "$PG_BIN/pg_ctl" -D "$directory/data" -l "$directory/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=${POSTGRES_SHARED_BUFFERS:-1GB} -c random_page_cost=1.1" start >/dev/null
  local database
  for database in "$@"; do
    as_postgres psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
      || as_postgres psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$database\"" >/dev/null
  done
}

# stop_local_postgres DIRECTORY : stops the cluster started by start_local_postgres.
stop_local_postgres() {
  as_postgres "$PG_BIN/pg_ctl" -D "$1/data" -m fast stop >/dev/null 2>&1 || true
}

# The projects deploy/run.sh starts, the services and the gateway.
APP_PROJECTS=(services/Enterprises/Enterprises.Api services/Plans/Plans.Api services/Platforms/Platforms.Api
  services/Talent/Talent.Api gateway/Gateway)

# publish_ready_to_run ROOT : publishes each of APP_PROJECTS (Release, framework-dependent) compiled
# ahead of time (ReadyToRun) into ROOT/.publish/<project folder name>, where deploy/run.sh runs them
# with READY_TO_RUN=1: less JIT at start and while warming up. linux-x64 is the runtime whose
# ReadyToRun compiler (Microsoft.NETCore.App.Crossgen2.linux-x64) restores here.
publish_ready_to_run() {
  local root=$1 project
  for project in "${APP_PROJECTS[@]}"; do
    dotnet publish "$root/$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o "$root/.publish/$(basename "$project")" -v quiet -nologo || return 1
  done
}
