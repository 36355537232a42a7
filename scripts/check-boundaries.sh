#!/usr/bin/env bash
# Architecture invariants on the dependency graph:
#  - nothing under crates/ depends on tauri;
#  - the pure crates (core, timetable, qbank) depend on no database,
#    network or UI crate: not sqlx, not reqwest, not tauri;
#  - schooldesk-test-support (the conformance suite, test databases) is a
#    dev-dependency only: no crate, the desktop shell included, has it
#    among its normal or build dependencies;
#  - the document engine (schooldesk-print, and with it typst) is used
#    only by the CLI and the desktop shell, and depends on no schooldesk
#    crate but schooldesk-documents (the documents' data, which the app
#    fills); no other crate pulls typst in, and schooldesk-documents
#    depends on no schooldesk crate;
#  - the question bank (schooldesk-qbank) is pure model and file formats:
#    it depends on no schooldesk crate but schooldesk-core.
set -euo pipefail
cd "$(dirname "$0")/.."

deps() { cargo tree --locked -p "$1" -e normal,build --prefix none --format '{p}' 2>/dev/null | awk '{print $1}' | sort -u; }

status=0
for manifest in crates/*/Cargo.toml src-tauri/Cargo.toml; do
    crate=$(sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1)
    all=$(deps "$crate")
    if [ -z "$all" ]; then
        echo "check-boundaries: cannot read the dependency tree of $crate" >&2
        exit 1
    fi
    if [ "$crate" != schooldesk-test-support ] && grep -qx 'schooldesk-test-support' <<<"$all"; then
        echo "check-boundaries: $crate depends on schooldesk-test-support; it may only be a dev-dependency" >&2
        status=1
    fi
    if [ "$manifest" != src-tauri/Cargo.toml ] && grep -qx 'tauri' <<<"$all"; then
        echo "check-boundaries: $crate depends on tauri; crates/ must not" >&2
        status=1
    fi
    case "$crate" in
        schooldesk-cli|schooldesk-desktop|schooldesk-print) ;;
        *)
            for banned in schooldesk-print typst; do
                if grep -qx "$banned" <<<"$all"; then
                    echo "check-boundaries: $crate depends on $banned; only the CLI and the desktop shell may" >&2
                    status=1
                fi
            done
            ;;
    esac
    if [ "$crate" = schooldesk-print ] && grep -v -x -e 'schooldesk-print' -e 'schooldesk-documents' <<<"$all" | grep -q '^schooldesk-'; then
        echo "check-boundaries: schooldesk-print depends on a schooldesk crate other than schooldesk-documents; it must stand alone" >&2
        status=1
    fi
    if [ "$crate" = schooldesk-documents ] && grep -v -x 'schooldesk-documents' <<<"$all" | grep -q '^schooldesk-'; then
        echo "check-boundaries: schooldesk-documents depends on a schooldesk crate; it is plain data" >&2
        status=1
    fi
    if [ "$crate" = schooldesk-qbank ] && grep -v -x -e 'schooldesk-qbank' -e 'schooldesk-core' <<<"$all" | grep -q '^schooldesk-'; then
        echo "check-boundaries: schooldesk-qbank depends on a schooldesk crate other than schooldesk-core; it must stay pure" >&2
        status=1
    fi
    case "$crate" in
        schooldesk-core|schooldesk-timetable|schooldesk-qbank)
            for banned in sqlx sqlx-core reqwest tauri tokio; do
                if grep -qx "$banned" <<<"$all"; then
                    echo "check-boundaries: $crate is pure and must not depend on $banned" >&2
                    status=1
                fi
            done
            ;;
    esac
done
[ "$status" = 0 ] && echo "check-boundaries: ok ($(ls -d crates/*/ | wc -l) crates)"
exit "$status"
