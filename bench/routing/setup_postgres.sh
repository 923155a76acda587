#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 with pgRouting on 127.0.0.1 and creates database `routing`
# (user postgres, password "bench": local benchmark only). Idempotent.
set -euo pipefail
for p in postgresql-15 postgresql-15-pgrouting; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >&2; }
done
pg_ctlcluster 15 main status >/dev/null 2>&1 || pg_ctlcluster 15 main start
su postgres -c "psql -q -c \"ALTER USER postgres PASSWORD 'bench'\""
su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='routing'\"" | grep -q 1 || su postgres -c "createdb routing"
su postgres -c "psql -q -d routing -c 'CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE'"
