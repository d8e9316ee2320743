#!/usr/bin/env bash
# Starts a local PostgreSQL for the integration tests and prints its URL as the last stdout line:
#   export DATABASE_URL=$(bash .ci/postgres.sh)
# Run as root on Debian 12. Safe to run again: everything it does is idempotent.
# Logs go to stderr so that stdout carries nothing but the URL.
set -euo pipefail

ROLE=yol
PASSWORD=yol
DATABASE=yol_test
PORT=5432

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null; then
	log "installing Debian's postgresql package"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update >&2
	apt-get install -y postgresql >&2
fi

# The newest installed major version, so this keeps working when Debian moves past 15.
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if [ -z "$version" ]; then
	log "no PostgreSQL version found under /usr/lib/postgresql"
	exit 1
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
	log "creating cluster $version main"
	pg_createcluster "$version" main >&2
fi

status=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" { print $4 }')
if [ "$status" = online ]; then
	log "cluster $version main already running"
else
	log "starting cluster $version main"
	pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 60); do
	if su postgres -c "pg_isready -q -h 127.0.0.1 -p $PORT"; then break; fi
	sleep 0.5
done
if ! su postgres -c "pg_isready -q -h 127.0.0.1 -p $PORT"; then
	log "PostgreSQL did not accept connections on 127.0.0.1:$PORT within 30 s"
	exit 1
fi

psql_admin() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt -p $PORT $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'\"")" != 1 ]; then
	log "creating role $ROLE"
	psql_admin "-c \"CREATE ROLE $ROLE LOGIN PASSWORD '$PASSWORD'\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"")" != 1 ]; then
	log "creating database $DATABASE"
	psql_admin "-c \"CREATE DATABASE $DATABASE OWNER $ROLE\"" >&2
fi

url="postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE"
# Proves the password and TCP access work before the caller relies on the URL.
if ! PGPASSWORD=$PASSWORD psql -qAt -h 127.0.0.1 -p $PORT -U $ROLE -d $DATABASE -c 'SELECT 1' >/dev/null; then
	log "cannot connect as $ROLE over TCP"
	exit 1
fi
log "ready"
echo "$url"
