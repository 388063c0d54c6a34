#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for the functional tests, from Debian's postgresql-15.
# Planned as the deployed cluster is (random_page_cost, docs/operations.md); fsync off, as nothing here must outlive a crash.
# postgres refuses to run as root, so the cluster belongs to the postgres user.
PG_BIN=/usr/lib/postgresql/15/bin

start_postgres() {
  local port=$1
  PG_DIR=$(mktemp -d /tmp/plans-pg.XXXXXX)
  chown postgres:postgres "$PG_DIR"
  as_postgres "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c random_page_cost=1.1" start >/dev/null
  export TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
}

stop_postgres() {
  [ -n "${PG_DIR:-}" ] || return 0
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  unset TEST_POSTGRES PG_DIR
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
