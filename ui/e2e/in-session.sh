#!/usr/bin/env bash
# Runs inside Xvfb and a private session bus (see scripts/e2e.sh): starts a
# Secret Service (gnome-keyring, unlocked, in this HOME) for the server
# story's password, then the two stories, each on a computer of its own
# (its own HOME, so its own settings and UI-local database).
set -euo pipefail
cd "$(dirname "$0")/../.."
printf 'e2e-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
story() {
    local home="$1" script="$2"
    mkdir -p "$home/run" && chmod 700 "$home/run"
    env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_RUNTIME_DIR="$home/run" node "$script"
}
story "$E2E_HOME/this-computer" ui/e2e/run.mjs
story "$E2E_HOME/school-server" ui/e2e/server.mjs
