#!/usr/bin/env bash
# nginx (Debian package) in front of the replicas: renders deploy/nginx.conf.template into
# $CEA_STATE_DIR/nginx and runs it in the foreground as the invoking user.
set -euo pipefail
: "${CEA_STATE_DIR:?set CEA_STATE_DIR}"
: "${CEA_REPLICAS:?set CEA_REPLICAS (host:port of each replica, space-separated)}"
here="$(cd "$(dirname "$0")" && pwd)"
state="$CEA_STATE_DIR/nginx"
mkdir -p "$state/tmp"
api="" pages=""
for replica in $CEA_REPLICAS; do
  api+="        server $replica max_fails=1 fail_timeout=5s;"$'\n'
  pages+="        server $replica max_fails=1 fail_timeout=5s;"$'\n'
done
user=""
if [ "$(id -u)" -eq 0 ]; then  # started as root: workers run as CEA_NGINX_USER (www-data by default)
  user="user ${CEA_NGINX_USER:-www-data};"$'\n'
  chown -R "${CEA_NGINX_USER:-www-data}" "$state/tmp"
fi
conf="$state/nginx.conf"
python3 - "$here/nginx.conf.template" "$conf" "$state" "${CEA_LISTEN:-127.0.0.1:8080}" "$api" "$pages" "$user" <<'PY'
import sys
template, out, state, listen, api, pages, user = sys.argv[1:]
text = open(template).read()
for key, value in {"@USER@": user, "@STATE@": state, "@LISTEN@": listen, "@API_SERVERS@": api.rstrip("\n"),
                   "@PAGE_SERVERS@": pages.rstrip("\n")}.items():
    text = text.replace(key, value)
open(out, "w").write(text)
PY
nginx="$(command -v nginx || echo /usr/sbin/nginx)"
"$nginx" -t -q -p "$state" -e "$state/error.log" -c "$conf"
exec "$nginx" -p "$state" -e "$state/error.log" -c "$conf"
