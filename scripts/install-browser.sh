#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests (never a downloaded browser).
set -euo pipefail
. "$(dirname "$0")/apt.sh"
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
apt_install chromium chromium-driver
chromium --version
