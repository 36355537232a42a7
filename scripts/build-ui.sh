#!/usr/bin/env bash
# Installs the UI's npm packages exactly as locked, lints the UI (ESLint with
# the React hooks rules; warnings fail) and builds ui/dist, which the
# desktop crate embeds at compile time (so it must exist before any
# `cargo build` of the workspace). `tsc --noEmit` runs as part of the build.
set -euo pipefail
cd "$(dirname "$0")/../ui"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent lint
npm run --silent build
