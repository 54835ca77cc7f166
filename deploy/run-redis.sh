#!/usr/bin/env bash
# Redis for the state replicas share (rate limits, staff sign-outs and sign-in failures, clinic counters).
# Debian's redis-server with this project's settings, in the foreground; loopback only.
set -euo pipefail
: "${CEA_STATE_DIR:?set CEA_STATE_DIR}"
port="${CEA_REDIS_PORT:-6380}"
mkdir -p "$CEA_STATE_DIR/redis"
# Every key expires; under memory pressure the soonest to expire go first. The append-only file keeps
# sign-outs across a restart.
exec redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --dir "$CEA_STATE_DIR/redis" \
  --save "" --appendonly yes --appendfsync everysec --maxmemory 256mb --maxmemory-policy volatile-ttl \
  --logfile "" --loglevel warning
