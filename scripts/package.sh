#!/usr/bin/env bash
# Builds the Linux package of the desktop app: a .deb under
# target/release/bundle/deb/. The Tauri CLI only reads a config inside the
# app crate's folder, so a copy of the root tauri.conf.json with paths made
# relative to src-tauri/ is written there for the duration of the build.
# (An AppImage needs linuxdeploy downloaded from GitHub at build time, which
# an offline machine cannot do; pass `--bundles deb,appimage` where it can.)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build-ui.sh

conf="$(pwd)/src-tauri/tauri.conf.json"
trap 'rm -f "$conf"' EXIT
node -e '
  const fs = require("fs");
  const c = JSON.parse(fs.readFileSync("tauri.conf.json", "utf8"));
  c.build.frontendDist = "../" + c.build.frontendDist;
  c.build.beforeBuildCommand = "";
  c.build.beforeDevCommand = "";
  c.bundle.icon = c.bundle.icon.map((p) => "../" + p);
  c.bundle.targets = ["deb"];
  fs.writeFileSync(process.argv[1], JSON.stringify(c, null, 2));
' "$conf"
cd src-tauri
npx --prefix ../ui tauri build --ci "$@"
ls -l ../target/release/bundle/deb/*.deb
