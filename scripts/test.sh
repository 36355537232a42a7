#!/usr/bin/env bash
# The whole test suite: installs what it needs; builds the UI and runs its
# type check and component tests (Vitest); starts a throw-away PostgreSQL
# cluster and runs every Rust test against SQLite and PostgreSQL (a
# PostgreSQL that cannot start fails the run); then builds the desktop app
# and drives the real window end to end (scripts/e2e.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build-ui.sh
echo "== UI component tests (Vitest)"
npm --prefix ui run --silent test
echo "== Rust tests"
scripts/with-postgres.sh cargo test --workspace --locked "$@"
echo "== end to end (the real desktop window over WebDriver)"
scripts/e2e.sh
