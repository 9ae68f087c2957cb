#!/usr/bin/env bash
# A local PostgreSQL for `make test-postgres` (Debian, as root: CI or a dev machine).
# Installs the server from Debian's packages if needed, starts the cluster on localhost and
# creates the role and database the suite uses (see ATENDE_TEST_DATABASE_URL in Makefile).
# Test-only settings: fsync and synchronous commit are off (a crash may lose this server's
# data, which is thrown away anyway).
set -euo pipefail

ROLE=${ATENDE_TEST_PG_ROLE:-atende_test}
PASSWORD=${ATENDE_TEST_PG_PASSWORD:-atende_test}
DATABASE=${ATENDE_TEST_PG_DATABASE:-atende_test}

if ! command -v pg_lsclusters >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi

as_postgres() { su postgres -c "$1"; }
as_postgres "psql -qtAc \"ALTER SYSTEM SET fsync = off\" -c \"ALTER SYSTEM SET synchronous_commit = off\" -c \"ALTER SYSTEM SET full_page_writes = off\" -c \"SELECT pg_reload_conf()\"" >/dev/null
if [ "$(as_postgres "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != 1 ]; then
  as_postgres "psql -qc \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\""
fi
if [ "$(as_postgres "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"")" != 1 ]; then
  as_postgres "createdb -O $ROLE $DATABASE"
fi
echo "PostgreSQL $version on localhost:5432, database $DATABASE (role $ROLE)"
