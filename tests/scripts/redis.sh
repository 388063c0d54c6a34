#!/usr/bin/env bash
# A throwaway redis-server (Debian's redis-server) for the functional tests' event streams.

start_redis() {
  local port=$1
  REDIS_DIR=$(mktemp -d /tmp/tests-redis.XXXXXX)
  redis-server --port "$port" --bind 127.0.0.1 --dir "$REDIS_DIR" --save '' --appendonly no \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export TEST_REDIS="127.0.0.1:$port"
}

# Stops the server and waits for it to exit before removing its folder: redis-server opens its log file for every line it
# writes, so a server still shutting down wrote its last lines into a folder being removed ("Directory not empty").
stop_redis() {
  [ -n "${REDIS_DIR:-}" ] || return 0
  local pid
  pid=$(cat "$REDIS_DIR/redis.pid" 2>/dev/null || true)
  if [ -n "$pid" ] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -rf "$REDIS_DIR"
  unset TEST_REDIS REDIS_DIR
}
