#!/usr/bin/env bash
# The web pages in Debian's chromium against the real system: builds web/ (npm ci, npm run build,
# which checks the bundle budget), starts deploy/run.sh on ports of its own, waits until it is ready,
# runs the browser tests (web.test.mjs, node's test runner) or, with `screenshots`, writes
# docs/screenshots/, and stops the system. Needs chromium and fonts-noto-cjk (tests/run.sh installs them).
# Settings: BROWSER_PORT_BASE [31180] the gateway's port, the services' the next four: below the kernel's ephemeral
#           range (32768 and up), whose ports an outgoing connection can hold when a service binds them (as
#           tests/TestSupport/TestPorts.cs explains; at 58180 the Enterprises service once found 58182 taken);
#           BROWSER_REDIS_PORT [BROWSER_PORT_BASE + 5]; SKIP_BUILD [1] passed to deploy/run.sh (tests/run.sh
#           has built the solution; 0 builds it here); CHROMIUM [/usr/bin/chromium];
#           READY_TIMEOUT [180] seconds to wait for the system (a busy machine starts it slowly).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=${1:-test}
BASE=${BROWSER_PORT_BASE:-31180}
READY_TIMEOUT=${READY_TIMEOUT:-180}
DATA=$(mktemp -d)
SECRET=$(od -An -tx1 -N20 /dev/urandom | tr -d ' \n')
system=""

stop() {
  if [ -n "$system" ]; then
    kill -TERM "$system" 2>/dev/null || true
    wait "$system" 2>/dev/null || true
  fi
  rm -rf "$DATA"
}
trap stop EXIT

echo "Building the web pages..."
(cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build 2>&1 | grep -v -e 'openapi-typescript' -e '🚀')
(cd "$ROOT/tests/browser" && npm ci --no-audit --no-fund --loglevel=error)

echo "Starting the system (deploy/run.sh, gateway on $BASE)..."
# One browser from one address asks for many pages in a few seconds: the anonymous rate limit is raised.
GATEWAY_PORT=$BASE PLANS_PORT=$((BASE + 1)) ENTERPRISES_PORT=$((BASE + 2)) PLATFORMS_PORT=$((BASE + 3)) \
  TALENT_PORT=$((BASE + 4)) READY_TIMEOUT=$READY_TIMEOUT REDIS_PORT=${BROWSER_REDIS_PORT:-$((BASE + 5))} DATA_DIR="$DATA/system" \
  SKIP_BUILD=${SKIP_BUILD:-1} LOCAL_ADMIN_CLIENT_ID=browser-admin LOCAL_ADMIN_CLIENT_SECRET="$SECRET" \
  RateLimits__PerAnonymousAddress=100000 \
  "$ROOT/deploy/run.sh" >"$DATA/run.log" 2>&1 &
system=$!
for _ in $(seq 1 $((READY_TIMEOUT * 2))); do
  grep -q '^Ready\.' "$DATA/run.log" && break
  if ! kill -0 "$system" 2>/dev/null; then
    cat "$DATA/run.log" >&2
    exit 1
  fi
  sleep 0.5
done
if ! grep -q '^Ready\.' "$DATA/run.log"; then
  echo "deploy/run.sh was not ready within $READY_TIMEOUT s:" >&2
  cat "$DATA/run.log" >&2
  exit 1
fi

export GATEWAY_URL="http://localhost:$BASE" ADMIN_CLIENT_ID=browser-admin ADMIN_CLIENT_SECRET="$SECRET"
cd "$ROOT/tests/browser"
if [ "$MODE" = "screenshots" ]; then
  node screenshots.mjs "$ROOT/docs/screenshots"
else
  node --test --test-reporter=spec web.test.mjs
fi
