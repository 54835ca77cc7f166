#!/usr/bin/env bash
# The Chroma server that holds the index (`chroma run`, from the project's virtual environment).
set -euo pipefail
: "${CEA_STATE_DIR:?set CEA_STATE_DIR}"
root="${CEA_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
python="${CEA_PYTHON:-$root/.venv/bin/python}"
mkdir -p "$CEA_STATE_DIR/chroma"
export ANONYMIZED_TELEMETRY=False
exec "$(dirname "$python")/chroma" run --path "$CEA_STATE_DIR/chroma" \
  --host "${ASSISTANT_CHROMA_HOST:-127.0.0.1}" --port "${ASSISTANT_CHROMA_PORT:-8001}"
