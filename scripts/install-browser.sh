#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/browser), optional: without it they use the one
# @sparticuz/chromium ships (tests/browser/chromium.ts). Test runners' own browser downloads
# cannot reach the internet here. Needs root or sudo; does nothing when chromium is installed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium
