#!/usr/bin/env bash
# Debian's PostgreSQL cluster running, with the role and database the project
# uses (hiia/hiia, the DATABASE_URL of README and .ci/run). Run as root:
# PostgreSQL refuses to run as root, so the cluster starts as its service.
# Used by .ci/run and `make serve`.
set -euo pipefail

if [ "$(id -u)" != 0 ]; then
  if pg_isready -q -h 127.0.0.1; then exit 0; fi
  echo "PostgreSQL is not running: sudo bash deploy/postgres.sh" >&2
  exit 1
fi
if [ ! -d /etc/postgresql/15/main ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
service postgresql start
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
SELECT 'CREATE ROLE hiia LOGIN CREATEDB PASSWORD ''hiia'''
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'hiia')\gexec
SELECT 'CREATE DATABASE hiia OWNER hiia'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'hiia')\gexec
SQL
