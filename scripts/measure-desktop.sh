#!/usr/bin/env bash
# Measures the release desktop app: launch to an interactive login screen,
# and memory of the whole process tree (WebKit included) after opening a
# 3,000-student list. Prints figures; asserts nothing (see ui/e2e/measure.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
# BIN=dir measures the binaries already in dir (for trying settings while
# the tree is being edited); otherwise the release build of this tree.
bin="${BIN:-target/release}"
if [ -z "${BIN:-}" ]; then
    scripts/install-deps.sh
    scripts/build-ui.sh
    cargo build --release --locked -p schooldesk-desktop -p schooldesk-cli
fi
command -v tauri-driver >/dev/null || cargo install tauri-driver --version 2.1.0 --locked
bin="$(cd "$bin" && pwd)"

home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export SCHOOLDESK_ADMIN_PASSWORD=measure-password-1 SCHOOLDESK_PASSWORD=measure-password-1 SCHOOLDESK_LOGIN=admin
cli="$bin/schooldesk"
"$cli" init --school-name "SMA Negeri 1 Ukur" --npsn 20212345 --address "Jl. Ukur 1" --principal "Drs. Ukur" --admin-login admin --admin-name "Tata Usaha" >/dev/null
node -e '
  const rows = ["nis,nisn,nama,jk,tempat_lahir,tanggal_lahir,agama,alamat"];
  for (let n = 0; n < 3000; n++) {
    const d = String(1 + (n % 28)).padStart(2, "0");
    rows.push(`${20260000 + n},${String(90000000 + n).padStart(10, "0")},Siswa Nomor ${n},${n % 2 ? "L" : "P"},Bandung,2012-03-${d},Islam,Jl. Contoh ${n}`);
  }
  require("fs").writeFileSync(process.argv[1], rows.join("\n") + "\n");
' "$home/siswa.csv"
"$cli" import students "$home/siswa.csv" >/dev/null
# The desktop app uses the database init made: its settings name that file.
mkdir -p "$XDG_CONFIG_HOME/schooldesk"
printf '{"database":{"type":"sqlite","path":"%s"},"language":"en"}\n' \
    "$XDG_DATA_HOME/schooldesk/school.db" > "$XDG_CONFIG_HOME/schooldesk/settings.json"
xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- \
    env SCHOOLDESK_APP="$bin/schooldesk-desktop" node ui/e2e/measure.mjs
