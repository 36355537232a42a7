#!/usr/bin/env bash
# Runs inside Xvfb and a private session bus (see scripts/e2e.sh): starts a
# Secret Service (gnome-keyring, unlocked, in this HOME) for the server
# story's password, then the three stories, each on a computer of its own
# (its own HOME, so its own settings and UI-local state).
set -euo pipefail
cd "$(dirname "$0")/../.."
printf 'e2e-keyring' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# Each story has its own tauri-driver ports: the first story's driver may
# still be exiting (and would start the app with the first HOME).
port="${WEBDRIVER_PORT:-4444}"
# E2E_ONLY=teacher (a story's file name without .mjs) runs that story alone.
story() {
    local home="$1" script="$2" port="$3"
    if [ -n "${E2E_ONLY:-}" ] && [ "$(basename "$script" .mjs)" != "$E2E_ONLY" ]; then return 0; fi
    mkdir -p "$home/run" && chmod 700 "$home/run"
    env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_RUNTIME_DIR="$home/run" WEBDRIVER_PORT="$port" node "$script"
}
story "$E2E_HOME/this-computer" ui/e2e/run.mjs "$port"
story "$E2E_HOME/school-server" ui/e2e/server.mjs "$((port + 10))"
story "$E2E_HOME/sample-school" ui/e2e/sample.mjs "$((port + 20))"
story "$E2E_HOME/teacher" ui/e2e/teacher.mjs "$((port + 30))"
story "$E2E_HOME/lists" ui/e2e/lists.mjs "$((port + 40))"
story "$E2E_HOME/grades" ui/e2e/grades.mjs "$((port + 50))"
story "$E2E_HOME/timetable" ui/e2e/timetable.mjs "$((port + 60))"
story "$E2E_HOME/fees" ui/e2e/fees.mjs "$((port + 70))"
story "$E2E_HOME/qbank" ui/e2e/qbank.mjs "$((port + 80))"
