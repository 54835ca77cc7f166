#!/usr/bin/env bash
# One app replica: the same app.py as a single process, settings from the environment, the index on the
# Chroma server. Usage: run-app.sh PORT   (binds 127.0.0.1:PORT unless ASSISTANT_HOST says otherwise)
set -euo pipefail
root="${CEA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
python="${CEA_PYTHON:-$root/.venv/bin/python}"
export ASSISTANT_PORT="${1:-${ASSISTANT_PORT:-7861}}"
export ASSISTANT_HOST="${ASSISTANT_HOST:-127.0.0.1}"
: "${ASSISTANT_CHROMA_HOST:?a replica reads the index from a Chroma server: set ASSISTANT_CHROMA_HOST}"
export GRADIO_ANALYTICS_ENABLED=False ANONYMIZED_TELEMETRY=False ORT_DISABLE_TELEMETRY=1 HF_HUB_OFFLINE=1
cd "$root"
exec "$python" app.py
