#!/usr/bin/env bash
# The several-replica topology on loopback (issue 18), with the deploy/run-*.sh scripts:
#   Redis, a Chroma server (`chroma run`), N app replicas in client/server mode, nginx in front.
#
#   scripts/cluster.sh up [--replicas N]   install nginx/redis-server if missing (apt), start everything,
#                                          build or update the index on the server, print the balancer URL
#   scripts/cluster.sh down                stop everything this script started (by the pids it recorded)
#   scripts/cluster.sh status              what runs, each replica's readiness and index generation
#   scripts/cluster.sh stop|start NAME     one process: redis, chroma, nginx, app-1, app-2, ... (fault drills)
#
# Environment (all optional): CEA_STATE_DIR (default ./run/cluster), CEA_PORT_BASE (default 8080: the
# balancer; Chroma +1, Redis +2, replicas +11...), CEA_PYTHON (default .venv/bin/python, made by
# `make install` when missing), ASSISTANT_* settings passed to every replica (e.g. ASSISTANT_RATE_LIMIT).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${CEA_STATE_DIR:-$ROOT/run/cluster}"
mkdir -p "$STATE"
STATE="$(cd "$STATE" && pwd)"
PIDS="$STATE/pids"
LOGS="$STATE/logs"
ENV_FILE="$STATE/cluster.env"

die() { echo "cluster: $*" >&2; exit 2; }

wait_port() {  # host port seconds name
  local deadline=$((SECONDS + $3))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    [ $SECONDS -lt "$deadline" ] || die "$4 did not open $1:$2 within $3 s (see $LOGS/$4.log)"
    sleep 0.2
  done
}

wait_ready() {  # url seconds name
  local deadline=$((SECONDS + $2))
  until curl -fs -o /dev/null --max-time 5 "$1"; do
    [ $SECONDS -lt "$deadline" ] || die "$3 was not ready within $2 s (see $LOGS/$3.log)"
    sleep 0.5
  done
}

running() { [ -f "$PIDS/$1.pid" ] && kill -0 "$(cat "$PIDS/$1.pid")" 2>/dev/null; }

launch() {  # name command...: in its own session, output to its log, pid recorded
  local name="$1"; shift
  running "$name" && { echo "cluster: $name already runs (pid $(cat "$PIDS/$name.pid"))"; return 0; }
  mkdir -p "$PIDS" "$LOGS"
  setsid "$@" >>"$LOGS/$name.log" 2>&1 < /dev/null &
  echo $! > "$PIDS/$name.pid"
}

stop() {  # name: TERM, then KILL after 20 s
  local name="$1" pid
  [ -f "$PIDS/$name.pid" ] || return 0
  pid="$(cat "$PIDS/$name.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PIDS/$name.pid"
}

load_env() {
  [ -f "$ENV_FILE" ] || die "no cluster in $STATE (run: scripts/cluster.sh up)"
  set -a; . "$ENV_FILE"; set +a
}

write_env() {  # replicas
  local base="${CEA_PORT_BASE:-8080}" n="$1" replicas="" python="${CEA_PYTHON:-$ROOT/.venv/bin/python}"
  for i in $(seq "$n"); do replicas+="127.0.0.1:$((base + 10 + i)) "; done
  local secret
  secret="$(grep -s '^ASSISTANT_SESSION_SECRET=' "$ENV_FILE" | cut -d= -f2- || true)"
  [ -n "$secret" ] || secret="$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  {
    echo "# written by scripts/cluster.sh up; read by deploy/run-*.sh"
    echo "CEA_STATE_DIR=$STATE"
    echo "CEA_ROOT=$ROOT"
    echo "CEA_PYTHON=$python"
    echo "CEA_LISTEN=127.0.0.1:$base"
    echo "CEA_REPLICAS=\"${replicas% }\""
    echo "CEA_REDIS_PORT=$((base + 2))"
    # loopback only, in a folder that may be private to this user: nginx's workers run as this user
    [ "$(id -u)" -eq 0 ] && echo "CEA_NGINX_USER=root"
    echo "ASSISTANT_CHROMA_HOST=127.0.0.1"
    echo "ASSISTANT_CHROMA_PORT=$((base + 1))"
    echo "ASSISTANT_REDIS_URL=redis://127.0.0.1:$((base + 2))/0"
    echo "ASSISTANT_TRUSTED_PROXIES=127.0.0.1"
    echo "ASSISTANT_SESSION_SECRET=$secret"
    echo "ASSISTANT_CACHE_DIR=${ASSISTANT_CACHE_DIR:-$ROOT/cache}"
    echo "ASSISTANT_INDEX_POLL_SECONDS=${ASSISTANT_INDEX_POLL_SECONDS:-2}"
    # Other ASSISTANT_* settings of the caller's environment reach every replica.
    env | grep '^ASSISTANT_' | grep -Ev '^ASSISTANT_(CHROMA_HOST|CHROMA_PORT|REDIS_URL|TRUSTED_PROXIES|SESSION_SECRET|CACHE_DIR|INDEX_POLL_SECONDS|PORT|HOST)=' \
      | sed -E 's/^([^=]+)=(.*)$/\1="\2"/' || true
  } > "$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
  chmod 600 "$ENV_FILE"
}

start_one() {  # name
  local name="$1"
  case "$name" in
    redis)
      launch redis bash "$ROOT/deploy/run-redis.sh"
      wait_port 127.0.0.1 "$CEA_REDIS_PORT" 30 redis ;;
    chroma)
      launch chroma bash "$ROOT/deploy/run-chroma.sh"
      wait_ready "http://127.0.0.1:$ASSISTANT_CHROMA_PORT/api/v2/heartbeat" 90 chroma ;;
    nginx)
      launch nginx bash "$ROOT/deploy/run-nginx.sh"
      wait_port 127.0.0.1 "${CEA_LISTEN##*:}" 30 nginx ;;
    app-*)
      local i="${name#app-}" port
      port="$(echo $CEA_REPLICAS | tr ' ' '\n' | sed -n "${i}p" | cut -d: -f2)"
      [ -n "$port" ] || die "no replica $i in this cluster"
      launch "$name" bash "$ROOT/deploy/run-app.sh" "$port" ;;
    *) die "unknown process $name (redis, chroma, nginx, app-N)" ;;
  esac
}

replica_names() { local i=0; for _ in $CEA_REPLICAS; do i=$((i + 1)); echo "app-$i"; done; }

up() {
  local n=2
  while [ $# -gt 0 ]; do
    case "$1" in
      --replicas) n="${2:?--replicas needs a number}"; shift 2 ;;
      --replicas=*) n="${1#*=}"; shift ;;
      *) die "unknown option $1" ;;
    esac
  done
  [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "--replicas must be a positive number"
  bash "$ROOT/scripts/install-cluster-tools.sh"
  [ -x "${CEA_PYTHON:-$ROOT/.venv/bin/python}" ] || make -C "$ROOT" install
  if [ -f "$ENV_FILE" ] && running nginx; then die "a cluster already runs in $STATE (scripts/cluster.sh down first)"; fi
  write_env "$n"
  load_env
  start_one redis
  start_one chroma
  # The index lives on the server: built or updated once, here, before any replica reads it.
  (cd "$ROOT" && "$CEA_PYTHON" ingest.py --quiet) >>"$LOGS/ingest.log" 2>&1 || die "ingest failed (see $LOGS/ingest.log)"
  # The crisis layer's cache folder is built once before the replicas start (they share it; its writes are
  # atomic), so no replica screens with a partial layer while it builds its own copy.
  (cd "$ROOT" && "$CEA_PYTHON" -c 'from assistant.config import get_settings
from assistant.bootstrap import assistant_from_settings
assistant_from_settings(get_settings())') >>"$LOGS/warm-cache.log" 2>&1 || die "the crisis layer could not be built (see $LOGS/warm-cache.log)"
  for name in $(replica_names); do start_one "$name"; done
  local i=0
  for replica in $CEA_REPLICAS; do
    i=$((i + 1))
    wait_ready "http://$replica/health/ready" 240 "app-$i"
  done
  start_one nginx
  wait_ready "http://$CEA_LISTEN/health/ready" 30 nginx
  echo "cluster: $n replica(s) up; state in $STATE"
  echo "http://$CEA_LISTEN/"
}

down() {
  [ -f "$ENV_FILE" ] || { echo "cluster: nothing runs in $STATE"; return 0; }
  load_env
  stop nginx
  for name in $(replica_names); do stop "$name"; done
  stop chroma
  stop redis
  echo "cluster: stopped"
}

status() {
  load_env
  local failed=0
  for name in redis chroma $(replica_names) nginx; do
    if running "$name"; then
      printf '%-8s running (pid %s)' "$name" "$(cat "$PIDS/$name.pid")"
    else
      printf '%-8s stopped' "$name"; failed=1
    fi
    case "$name" in
      app-*)
        local replica
        replica="$(echo $CEA_REPLICAS | tr ' ' '\n' | sed -n "${name#app-}p")"
        printf '  %s  ready: %s' "$replica" \
          "$(curl -s --max-time 5 "http://$replica/health/ready" | "$CEA_PYTHON" -c 'import json,sys
try:
    b = json.load(sys.stdin); print(b["status"], "generation", b["generation"], b["reason"] or "")
except Exception: print("no answer")' 2>/dev/null)" ;;
    esac
    echo
  done
  echo "balancer: http://$CEA_LISTEN/"
  return $failed
}

case "${1:-}" in
  up) shift; up "$@" ;;
  down) down ;;
  status) status ;;
  stop) load_env; stop "${2:?stop what? (redis, chroma, nginx, app-N)}" ;;
  start) load_env; start_one "${2:?start what? (redis, chroma, nginx, app-N)}" ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
