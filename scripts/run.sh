#!/usr/bin/env bash
# Installs what is needed, builds Schooldesk, and opens the school on the
# default SQLite database: the first time it asks for the school and its
# administrator (`schooldesk init`), then shows `schooldesk doctor`.
# (The desktop window arrives with the Tauri shell; until then this is the CLI.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cargo build --release --locked -p schooldesk-cli
bin=target/release/schooldesk
if ! "$bin" doctor >/dev/null 2>&1; then
    "$bin" init
fi
"$bin" doctor
echo
echo "Next: $bin --help   (import, export, backup, restore, copy-to, user)"
