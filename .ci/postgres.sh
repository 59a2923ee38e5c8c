#!/usr/bin/env bash
# A PostgreSQL server on 127.0.0.1 for the registry tests: installs it (apt-get) if missing,
# starts it if it is not running, creates the role and database if needed, and prints the URL
# to stdout (everything else goes to stderr). Idempotent. Needs root (or sudo).
#
#   export OCOP_TEST_PG_URL="$(bash .ci/postgres.sh)"
#
# Settings: OCOP_PG_DB (ocop_registry_test), OCOP_PG_USER (ocop), OCOP_PG_PASSWORD (ocop),
# OCOP_PG_PORT (5432).
set -euo pipefail
DB=${OCOP_PG_DB:-ocop_registry_test}
ROLE=${OCOP_PG_USER:-ocop}
PASSWORD=${OCOP_PG_PASSWORD:-ocop}
PORT=${OCOP_PG_PORT:-5432}
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >&2
  $SUDO apt-get install -y -qq postgresql >&2
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)

if ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then
  if ! pg_lsclusters -h 2>/dev/null | awk -v v="$VERSION" '$1 == v && $2 == "main"' | grep -q .; then
    echo "creating cluster $VERSION/main" >&2
    $SUDO pg_createcluster "$VERSION" main -p "$PORT" >&2
  fi
  echo "starting postgresql $VERSION/main" >&2
  $SUDO pg_ctlcluster "$VERSION" main start >&2 || true
  for _ in $(seq 1 60); do
    pg_isready -q -h 127.0.0.1 -p "$PORT" && break
    sleep 1
  done
  pg_isready -q -h 127.0.0.1 -p "$PORT" || { echo "postgresql did not start" >&2; exit 1; }
fi

psql_admin() { $SUDO runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" ]; then
  psql_admin -c "CREATE ROLE \"$ROLE\" LOGIN PASSWORD '$PASSWORD'" >&2
fi
if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" ]; then
  psql_admin -c "CREATE DATABASE \"$DB\" OWNER \"$ROLE\"" >&2
fi
echo "postgresql://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB"
