#!/usr/bin/env bash
# Installs axe-core (the accessibility checks of the browser tests) from the npm registry, at the exact
# version and integrity hash of package-lock.json, into node_modules/. Node and npm come from Debian.
set -euo pipefail
. "$(dirname "$0")/apt.sh"
cd "$(dirname "$0")/.."
if [ -f node_modules/axe-core/axe.min.js ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  apt_install --no-install-recommends nodejs npm
fi
npm ci --no-audit --no-fund --ignore-scripts
node -e 'console.log("axe-core " + require("./node_modules/axe-core/package.json").version)'
