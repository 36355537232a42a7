#!/usr/bin/env bash
# Installs what building and testing Schooldesk needs on Debian/Ubuntu:
# a C toolchain (SQLite is compiled in), the PostgreSQL server binaries
# (tests start their own throw-away cluster; no service is enabled) and
# openssl (that cluster's TLS test certificates), FET
# with its example data (fet-cl and real schools' .fet files are the
# timetable engine's independent reference), WebKitGTK and friends for the
# Tauri desktop app, and Xvfb, a session bus and WebKitWebDriver for driving
# the real window in the end-to-end tests, and poppler-utils (pdftotext,
# pdfinfo, pdftoppm: the print engine's tests read the PDFs back), and unzip
# (the qbank e2e story reads the NIS out of an XLSX the app wrote). Node's packages come from
# ui/package-lock.json (npm ci) in the scripts that need them.
# Rust itself comes from rustup (https://rustup.rs); Debian's cargo is too old.
set -euo pipefail

need=()
for pkg in build-essential pkg-config postgresql fet fet-data \
    openssl libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev \
    xvfb xauth webkit2gtk-driver dbus gnome-keyring file poppler-utils unzip; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
    sudo=()
    [ "$(id -u)" = 0 ] || sudo=(sudo)
    echo "install-deps: installing ${need[*]}" >&2
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "install-deps: Node.js 20+ with npm is needed for the desktop UI (https://nodejs.org or apt nodejs npm)" >&2
    exit 1
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "install-deps: Rust is missing; install it with rustup (https://rustup.rs), then run this again" >&2
    exit 1
fi
