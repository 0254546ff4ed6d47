#!/usr/bin/env bash
# Starts two `talkbot serve` replicas and nginx (from Debian's packages,
# installed here when missing) on loopback, sends signed interactions
# through nginx with the load generator, and checks that both replicas
# answered and nothing got a status it should not have.
#
#   deploy/nginx/test.sh [REQUESTS]        (default 400)
set -euo pipefail
cd "$(dirname "$0")/../.."
requests=${1:-400}

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "== installing nginx from Debian's packages"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Free loopback ports, so the test never collides with a running talkbot.
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
front=$(port); r1=$(port); r2=$(port)

echo "== building talkbot and the load generator"
go build -o "$work/talkbot" .
go build -o "$work/loadgen" ./loadtest/cmd/loadgen
read -r priv pub < <("$work/loadgen" keygen)

for p in "$r1" "$r2"; do
  DISCORD_PUBLIC_KEY=$pub "$work/talkbot" serve --addr "127.0.0.1:$p" >"$work/replica-$p.log" 2>&1 &
  pids+=($!)
done

# The shipped config with the test's ports, inside a minimal nginx.conf.
sed -e "s/127.0.0.1:8081/127.0.0.1:$r1/; s/127.0.0.1:8082/127.0.0.1:$r2/; s/listen 127.0.0.1:8080/listen 127.0.0.1:$front/" \
  deploy/nginx/talkbot.conf >"$work/talkbot.conf"
mkdir -p "$work/tmp" && chmod 0777 "$work/tmp"
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    include $work/talkbot.conf;
}
CONF
"$NGINX" -t -q -p "$work" -c "$work/nginx.conf"
"$NGINX" -p "$work" -c "$work/nginx.conf"

wait_ready() {
  for _ in $(seq 1 150); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "not ready: $1"; cat "$work"/*.log; exit 1
}
wait_ready "http://127.0.0.1:$r1/readyz"
wait_ready "http://127.0.0.1:$r2/readyz"
wait_ready "http://127.0.0.1:$front/healthz"

echo "== $requests signed interactions through nginx (with forged, stale, malformed and oversized ones)"
"$work/loadgen" run --url "http://127.0.0.1:$front/interactions" --key "$priv" \
  --requests "$requests" --concurrency 16 --faults

# Each replica counts what it answered; both must have had a share.
answered() {
  curl -fsS "http://127.0.0.1:$1/metrics" |
    awk '/^talkbot_interactions_total\{/ { n += $NF } END { print n + 0 }'
}
a1=$(answered "$r1"); a2=$(answered "$r2")
echo "replica :$r1 answered $a1, replica :$r2 answered $a2"
if [ "${a1%.*}" -eq 0 ] || [ "${a2%.*}" -eq 0 ]; then
  echo "FAIL: a replica answered nothing"; exit 1
fi
echo "nginx: 1 passed, 0 failed"
