#!/usr/bin/env bash
# Installs Debian's nginx and redis-server for the several-replica topology (scripts/cluster.sh and the
# fault tests). Debian packages only, as Chromium is installed; nothing is downloaded from elsewhere.
# The packages' own services are not used: deploy/run-nginx.sh and deploy/run-redis.sh run them with
# this project's configuration (on a machine where apt starts the stock services, stop them if unused).
set -euo pipefail
. "$(dirname "$0")/apt.sh"
need=()
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
apt_install --no-install-recommends "${need[@]}"
/usr/sbin/nginx -v
redis-server --version
