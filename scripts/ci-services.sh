#!/usr/bin/env bash
# Installs and starts the services the test suite uses. Each step is skipped when its
# tool is already present; failures to install are reported and the matching tests skip.
#
# PostgreSQL (for the ledger's storage tests, tests/test_ledger_*.py): installed from
# Debian's packages when missing, a cluster started, a role and a test database created,
# and the URL written to out/ci-services/pg_url, where the tests read it (an exported
# NEWSLEDGER_TEST_PG_URL takes precedence).
set -uo pipefail
cd "$(dirname "$0")/.."

OUT_DIR=out/ci-services
PG_USER=newsledger
PG_PASS=newsledger
PG_DB=newsledger_test
mkdir -p "$OUT_DIR"
rm -f "$OUT_DIR/pg_url"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su -s /bin/sh postgres -c "$*"; else sudo -n -u postgres sh -c "$*"; fi
}

start_postgres() {
  if ! command -v pg_lsclusters >/dev/null; then
    echo "ci-services: installing postgresql from Debian's packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  local line ver name port
  line=$(pg_lsclusters -h | head -n 1)
  if [ -z "$line" ]; then
    ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$ver" main >/dev/null || return 1
    line=$(pg_lsclusters -h | head -n 1)
  fi
  read -r ver name port _ <<<"$line"
  if ! pg_lsclusters -h | grep -q "^$ver *$name .*online"; then
    as_root pg_ctlcluster "$ver" "$name" start || return 1
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h localhost -p "$port" && break
    sleep 1
  done
  pg_isready -q -h localhost -p "$port" || return 1
  as_postgres "psql -q -p $port -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_USER') THEN CREATE ROLE $PG_USER LOGIN PASSWORD '$PG_PASS'; END IF; END \\\$\\\$;\"" || return 1
  if ! as_postgres "psql -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DB'\"" | grep -q 1; then
    as_postgres "createdb -p $port -O $PG_USER $PG_DB" || return 1
  fi
  local url="postgresql://$PG_USER:$PG_PASS@localhost:$port/$PG_DB"
  PGPASSWORD=$PG_PASS psql -q -h localhost -p "$port" -U "$PG_USER" -d "$PG_DB" -c "SELECT 1" >/dev/null || return 1
  echo "$url" >"$OUT_DIR/pg_url"
  echo "ci-services: PostgreSQL $ver ready at postgresql://$PG_USER:***@localhost:$port/$PG_DB"
}

if ! start_postgres; then
  echo "ci-services: PostgreSQL could not be installed or started; its tests will skip" >&2
fi

# Chromium (for the desk's browser tests, tests/test_server_browser.py): Debian's package,
# driven by the Playwright Python package (a dev dependency) through executable_path.
# `playwright install` is never run: it downloads a browser build, which cannot work here.
start_chromium() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "ci-services: installing chromium from Debian's packages"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
  fi
  /usr/bin/chromium --headless --no-sandbox --disable-gpu --version 2>/dev/null | head -n 1 | sed 's/^/ci-services: /'
}

if ! start_chromium; then
  echo "ci-services: Chromium could not be installed; the browser tests will skip" >&2
fi
exit 0
