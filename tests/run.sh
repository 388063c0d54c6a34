#!/usr/bin/env bash
# Runs every test: unit, the event bus against a real redis-server, functional (on SQLite, then
# on a real PostgreSQL, with events on a real Redis), and end-to-end (the real processes started
# by deploy/run.sh, called through the gateway, with one process of each and with replicas), and the
# deployment files (Dockerfiles, compose, the Kubernetes overlays rendered by kubectl kustomize).
# Installs what a fresh machine lacks: redis-server, postgresql-15, nginx and openssl from Debian packages,
# and chromium with fonts-noto-cjk for the browser tests of the web pages.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
# shellcheck source=deploy/lib.sh
source deploy/lib.sh
# shellcheck source=tests/scripts/postgres.sh
source tests/scripts/postgres.sh
# shellcheck source=tests/scripts/redis.sh
source tests/scripts/redis.sh

# nginx and openssl: the replica topology of deploy/run.sh (EndToEnd.Tests) and the dev Secrets of
# the Kubernetes overlay (Deployment.Tests, which also needs kubectl with Kustomize, as these machines have);
# node and npm: the contract lint, the TypeScript client (clients/) and the web pages (web/); chromium
# and the Noto CJK fonts: the browser tests (tests/browser), which read Chinese pages.
ensure_debian_packages redis-server=redis-server curl=curl "$PG_BIN/initdb=postgresql-15" node=nodejs npm=npm \
  "$(command -v nginx || echo /usr/sbin/nginx)=nginx" openssl=openssl /usr/bin/chromium=chromium \
  /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc=fonts-noto-cjk

RESULTS=$(mktemp -d)
trap 'stop_postgres; stop_redis; rm -rf "$RESULTS"' EXIT

dotnet tool restore >/dev/null
dotnet restore Microservices.sln -v quiet
dotnet build Microservices.sln -c Release --no-restore -v quiet -nologo

run_suite() {
  local name=$1 project=$2
  echo "== $name"
  dotnet test "$project" -c Release --no-build -nologo --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS"
}

# The contract as client teams use it (clients/): the committed OpenAPI documents linted with Spectral
# (0 errors; the warnings are printed), and the TypeScript client generated from them with a program that
# must type-check under tsc --strict. npm ci installs the tools pinned in clients/package-lock.json.
npm_passed=0
npm_failed=0
run_npm_suite() {
  local name=$1 directory=clients
  shift
  if [ "$1" = "--in" ]; then
    directory=$2
    shift 2
  fi
  echo "== $name"
  if (cd "$directory" && "$@"); then
    npm_passed=$((npm_passed + 1))
  else
    npm_failed=$((npm_failed + 1))
    failed=1
  fi
}

failed=0
(cd clients && npm ci --no-audit --no-fund --loglevel=error)
run_npm_suite contract-lint npm run --silent lint:openapi
run_npm_suite client-typescript npm run --silent build
run_suite unit-plans tests/Plans.UnitTests || failed=1
run_suite unit-enterprises tests/Enterprises.UnitTests || failed=1
run_suite deployment tests/Deployment.Tests || failed=1
run_suite unit-platforms tests/Platforms.UnitTests || failed=1
run_suite unit-talent tests/Talent.UnitTests || failed=1
run_suite eventbus-sqlite tests/EventBus.Tests || failed=1
run_suite observability tests/Observability.Tests || failed=1
run_suite gateway tests/Gateway.FunctionalTests || failed=1
start_redis "${TEST_REDIS_PORT:-56379}"
run_suite functional-sqlite-plans tests/Plans.FunctionalTests || failed=1
run_suite functional-sqlite-enterprises tests/Enterprises.FunctionalTests || failed=1
run_suite functional-sqlite-platforms tests/Platforms.FunctionalTests || failed=1
run_suite functional-sqlite-talent tests/Talent.FunctionalTests || failed=1
run_suite building-blocks-sqlite tests/BuildingBlocks.Tests || failed=1
start_postgres "${TEST_POSTGRES_PORT:-55432}"
run_suite functional-postgres-plans tests/Plans.FunctionalTests || failed=1
run_suite functional-postgres-enterprises tests/Enterprises.FunctionalTests || failed=1
run_suite functional-postgres-platforms tests/Platforms.FunctionalTests || failed=1
run_suite eventbus-postgres tests/EventBus.Tests || failed=1
# The suites that sweep storage for personal data in clear read the server's write-ahead log, which
# holds every database's writes (credit codes of other suites share the first digits of an identity
# number): each runs on a fresh cluster of its own, so what the sweep finds is what the suite wrote.
stop_postgres
start_postgres "${TEST_POSTGRES_PORT:-55432}"
run_suite functional-postgres-talent tests/Talent.FunctionalTests || failed=1
stop_postgres
start_postgres "${TEST_POSTGRES_PORT:-55432}"
run_suite building-blocks-postgres tests/BuildingBlocks.Tests || failed=1
stop_postgres
stop_redis
run_suite end-to-end tests/EndToEnd.Tests || failed=1
# The web pages in chromium against the processes deploy/run.sh starts (web/ built first, npm ci).
run_npm_suite browser --in tests/browser ./run.sh

# One closing line over every suite.
count() { grep -ho "$1=\"[0-9]*\"" "$RESULTS"/*.trx | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(($(count passed) + npm_passed))
failures=$(($(count failed) + npm_failed))
echo
echo "tests: $passed passed, $failures failed"
exit $failed
