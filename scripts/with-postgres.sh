#!/usr/bin/env bash
# Runs a command with an ephemeral PostgreSQL cluster: initdb into a temp
# directory, listen on a private Unix socket there and, with TLS, on
# 127.0.0.1, export the URLs, run the command, then stop the server and
# remove everything. Fails (never skips) if PostgreSQL cannot be started.
#
#   SCHOOLDESK_TEST_PG_URL       the Unix socket (a socket never uses TLS)
#   SCHOOLDESK_TEST_PG_TLS_URL   127.0.0.1 over TCP as host "localhost"; add
#                                ?sslmode=... (the server has ssl=on)
#   SCHOOLDESK_TEST_PG_CA        the throw-away CA that signed the server's
#                                certificate (for sslrootcert=)
#   SCHOOLDESK_TEST_PG_OTHER_CA  a CA that did not (a wrong sslrootcert=)
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

# A throw-away CA and a server certificate it signs for "localhost" only
# (so 127.0.0.1 is a name the certificate is not for), as a school's IT
# would set up; and a second CA that signed nothing.
command -v openssl >/dev/null || { echo "with-postgres: openssl is needed (scripts/install-deps.sh)" >&2; exit 1; }
tls() {
    local ext="$dir/server.ext"
    printf '%s\n' 'basicConstraints=critical,CA:FALSE' 'keyUsage=critical,digitalSignature,keyEncipherment' \
        'extendedKeyUsage=serverAuth' 'subjectAltName=DNS:localhost' >"$ext"
    for ca in ca other-ca; do
        openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3 \
            -subj "/CN=Schooldesk test $ca" -keyout "$dir/$ca.key" -out "$dir/$ca.crt" || return 1
    done
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" || return 1
    openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
        -days 3 -extfile "$ext" -out "$dir/server.crt" || return 1
    chmod 600 "$dir/server.key"
    [ "${#as_pg[@]}" -eq 0 ] || chown postgres:postgres "$dir/server.key" "$dir/server.crt"
}
tls >"$dir/tls.log" 2>&1 || { cat "$dir/tls.log" >&2; echo "with-postgres: could not make the test certificates" >&2; exit 1; }

# The WAL is kept small (each test database's creation writes its ~8 MB
# into it; by default it grew past 1 GB before being recycled), so the
# suite fits on a machine with little free disk. Test databases of ended
# test processes are dropped by the tests themselves (test-support).
# The TCP port may be taken (another cluster on this machine): try others.
started=
for _ in 1 2 3 4 5; do
    if "${as_pg[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c max_wal_size=64MB -c min_wal_size=32MB -c max_connections=200 -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
        start >/dev/null; then
        started=1
        break
    fi
    grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null || break
    port=$(( 20000 + RANDOM % 20000 ))
done
[ -n "$started" ] || { cat "$dir/server.log" >&2; echo "with-postgres: the server did not start" >&2; exit 1; }

export SCHOOLDESK_TEST_PG_URL="postgres://postgres:$password@localhost:$port/postgres?host=$dir"
export SCHOOLDESK_TEST_PG_TLS_URL="postgres://postgres:$password@localhost:$port/postgres"
export SCHOOLDESK_TEST_PG_CA="$dir/ca.crt"
export SCHOOLDESK_TEST_PG_OTHER_CA="$dir/other-ca.crt"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on $dir (port $port)" >&2
"$@"
