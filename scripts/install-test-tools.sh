#!/usr/bin/env bash
# Installs Debian's strace, iproute2 and util-linux (the no-outbound-connections test: a network
# namespace with only loopback, every connect() recorded) and redis-server (the rate-limit and
# session tests against a real Redis). Debian packages only; nothing is downloaded from elsewhere.
set -euo pipefail
. "$(dirname "$0")/apt.sh"
need=()
command -v strace >/dev/null || need+=(strace)
command -v ip >/dev/null || need+=(iproute2)
command -v unshare >/dev/null || need+=(util-linux)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
apt_install --no-install-recommends "${need[@]}"
strace -V | head -1
redis-server --version
