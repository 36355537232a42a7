#!/usr/bin/env bash
# End-to-end test of the desktop app: builds the UI and the app, then drives
# the real window in Xvfb over WebDriver (tauri-driver + WebKitWebDriver)
# with an empty HOME, so it starts as on a new computer: once on this
# computer's SQLite file (ui/e2e/run.mjs), once on a school server
# (ui/e2e/server.mjs), once trying the sample school (ui/e2e/sample.mjs),
# once as a teacher whose login the operator makes (ui/e2e/teacher.mjs), and
# once measuring the sample's lists at two window sizes (ui/e2e/lists.mjs),
# and once typing grades into the gradebook, pasting a block and printing a
# report card that is read back (ui/e2e/grades.mjs), and once building the
# sample's timetable: week, lessons, a rule, generating in the background,
# a class's grid, publishing, the whole school, a teacher away and a
# substitute picked (ui/e2e/timetable.mjs), and
# once at the bursar's desk: billing a month, a payment and its receipt read
# back from the PDF, a copy, closing the day (ui/e2e/fees.mjs).
# Screenshots land in target/e2e-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version 2.1.0 --locked
scripts/build-ui.sh
cargo build -p schooldesk-desktop --locked

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
rm -rf target/e2e-screenshots
# Fresh HOMEs under $home: no settings, no keychain, no databases. The
# school-server story gets a throw-away PostgreSQL cluster. GPU compositing
# stays on here: WebKitWebDriver's screenshot hangs in WebKitGTK's
# non-composited mode, the app's default on Linux (which
# scripts/measure-desktop.sh drives, and which renders the same).
mkdir -p "$home/run" && chmod 700 "$home/run"
scripts/with-postgres.sh env SCHOOLDESK_GPU_COMPOSITING=1 E2E_HOME="$home" HOME="$home" \
    XDG_RUNTIME_DIR="$home/run" TAURI_DRIVER_PATH="$(command -v tauri-driver)" \
    xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- ui/e2e/in-session.sh
