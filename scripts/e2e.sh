#!/usr/bin/env bash
# End-to-end test of the desktop app: builds the UI and the app, then drives
# the real window in Xvfb over WebDriver (tauri-driver + WebKitWebDriver)
# with an empty HOME, so it starts as on a new computer. Screenshots land in
# target/e2e-screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."

export PATH="$HOME/.cargo/bin:$PATH"
command -v tauri-driver >/dev/null || cargo install tauri-driver --version 2.1.0 --locked
scripts/build-ui.sh
cargo build -p schooldesk-desktop --locked

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
rm -rf target/e2e-screenshots
# A fresh HOME: no settings, no keychain, no databases. GPU compositing
# stays on here: WebKitWebDriver's screenshot hangs in WebKitGTK's
# non-composited mode, the app's default on Linux (which
# scripts/measure-desktop.sh drives, and which renders the same).
env SCHOOLDESK_GPU_COMPOSITING=1 HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
    XDG_RUNTIME_DIR="$home/run" TAURI_DRIVER_PATH="$(command -v tauri-driver)" \
    bash -c 'mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR" && xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- node ui/e2e/run.mjs'
