#!/usr/bin/env bash
# The whole test suite: installs what it needs, starts a throw-away
# PostgreSQL cluster, runs every test against SQLite and PostgreSQL, and
# removes the cluster. A PostgreSQL that cannot start fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/with-postgres.sh cargo test --workspace --locked "$@"
