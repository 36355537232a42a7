#!/usr/bin/env bash
# Runs a command with an ephemeral PostgreSQL cluster: initdb into a temp
# directory, listen only on a private Unix socket there, export
# SCHOOLDESK_TEST_PG_URL, run the command, then stop the server and remove
# everything. Fails (never skips) if PostgreSQL cannot be started.
#
#   scripts/with-postgres.sh cargo test --workspace
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
    exit 1
fi

dir=$(mktemp -d /tmp/schooldesk-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
as_pg=()
if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    chown postgres:postgres "$dir"
    as_pg=(runuser -u postgres --)
fi

cleanup() {
    "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap cleanup EXIT

# Passwords are checked (SCRAM), as on a school server, so tests can see a
# wrong password refused.
password="sd-test-$RANDOM$RANDOM"
printf '%s\n' "$password" >"$dir/pwfile"
[ "${#as_pg[@]}" -gt 0 ] && chown postgres:postgres "$dir/pwfile"
"${as_pg[@]}" "$bindir/initdb" -D "$dir/data" -A scram-sha-256 --pwfile="$dir/pwfile" -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; echo "with-postgres: initdb failed" >&2; exit 1; }
"${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses='' -c fsync=off -c max_connections=200" start >/dev/null \
    || { cat "$dir/server.log" >&2; echo "with-postgres: the server did not start" >&2; exit 1; }

export SCHOOLDESK_TEST_PG_URL="postgres://postgres:$password@localhost:$port/postgres?host=$dir"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $dir (port $port)" >&2
"$@"
