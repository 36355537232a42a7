#!/usr/bin/env bash
# Benchmarks — figures, not tests. Builds the release CLI, starts a throw-away
# PostgreSQL cluster, makes an empty database on it, and runs
# `schooldesk bench` on SQLite and PostgreSQL side by side.
#   scripts/bench.sh [--students N] [--repeats N] …
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo build --release --locked -p schooldesk-cli
export BENCH_ARGS="$*"
scripts/with-postgres.sh bash -c '
    set -euo pipefail
    psql "$SCHOOLDESK_TEST_PG_URL" -qc "CREATE DATABASE bench"
    url=$(sed "s#/postgres?#/bench?#" <<<"$SCHOOLDESK_TEST_PG_URL")
    target/release/schooldesk bench --postgres-url "$url" $BENCH_ARGS
'
