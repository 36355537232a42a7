#!/usr/bin/env bash
# Installs what is needed (system packages, the UI's npm packages), builds
# the desktop app, and opens it on the default SQLite database (school.db in
# the OS data directory). The first time it asks for the school and its first
# administrator; after that it opens at the login screen.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build-ui.sh
cargo build --release --locked -p schooldesk-desktop -p schooldesk-cli
exec target/release/schooldesk-desktop --default-database
