#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: never a system service, never the default port.
#
#   scripts/pg-cluster.sh start [DIR]   initdb + pg_ctl start in DIR (default: a new temp directory) on 127.0.0.1 and
#                                       a free port; prints the connection URL on stdout (also written to DIR/url).
#   scripts/pg-cluster.sh stop DIR      stops that cluster (immediate) and removes DIR.
#
# Runs the server as an unprivileged user: the caller itself, or, when the caller is root (initdb refuses root), the
# `postgres` system user Debian's package creates. Needs PostgreSQL's server binaries (Debian: apt-get install
# postgresql; found under /usr/lib/postgresql/<version>/bin, the newest version first, or on PATH).
set -euo pipefail

bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

# Runs a command as the cluster's owner.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin dir port
  bin=$(bindir) || { echo "pg-cluster: PostgreSQL server binaries not found (Debian: apt-get install postgresql)" >&2; exit 1; }
  dir=${1:-$(mktemp -d /tmp/runtwice-pg.XXXXXX)}
  mkdir -p "$dir"
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "pg-cluster: running as root needs the 'postgres' user" >&2; exit 1; }
    chown postgres: "$dir"
  fi
  chmod 700 "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U runtwice --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # Throwaway data: no fsync, no full-page writes (the tests create and drop many small databases).
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
  local tries=0
  while :; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-p $port" start >/dev/null 2>&1; then break; fi
    tries=$((tries + 1))
    if [ "$tries" -ge 3 ]; then cat "$dir/server.log" >&2 || true; echo "pg-cluster: server did not start" >&2; exit 1; fi
  done
  echo "$bin" >"$dir/bindir"
  echo "postgres://runtwice@127.0.0.1:$port/postgres" | tee "$dir/url"
}

stop() {
  local dir=${1:?usage: pg-cluster.sh stop DIR}
  [ -d "$dir" ] || return 0
  if [ -f "$dir/bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$(cat "$dir/bindir")/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:-}" ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start [DIR] | stop DIR" >&2; exit 2 ;;
esac
