# pg-server.sh: sourced by the PostgreSQL benchmarks.  pg_server_start DIR
# makes a throwaway PostgreSQL 15 cluster in DIR (initdb, trust for the user
# "gx", Unix socket in DIR only, the server's default durability: fsync and
# synchronous_commit on) and starts it; sets PG_CONNINFO (database
# "postgres") and PG_BIN.  pg_createdb NAME prints the conninfo of a new
# database.  pg_server_stop stops it.  Run as root, the server runs as
# "postgres", as the tests' server does (tests/store/gx-test-pg.c).
# Returns 1 (and says why) when the server binaries are absent.

pg_as() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

pg_server_start() {
  PG_DIR=$1
  PG_BIN=${GX_PG_BINDIR:-/usr/lib/postgresql/15/bin}
  if [ ! -x "$PG_BIN/initdb" ]; then
    echo "no PostgreSQL server binaries in \$GX_PG_BINDIR or $PG_BIN" >&2
    return 1
  fi
  mkdir -p "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR" && chmod 755 "$(dirname "$PG_DIR")"
  PG_PORT=$((50000 + $$ % 10000))
  pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U gx --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
  pg_as "$PG_BIN/pg_ctl" start -w -t 60 -D "$PG_DIR/data" -l "$PG_DIR/server.log" \
    -o "-c listen_addresses='' -c unix_socket_directories='$PG_DIR' -p $PG_PORT" > /dev/null
  PG_CONNINFO="host=$PG_DIR port=$PG_PORT user=gx dbname=postgres"
}

pg_createdb() {
  "$PG_BIN/psql" -X -q -d "$PG_CONNINFO" -c "CREATE DATABASE $1" > /dev/null
  echo "host=$PG_DIR port=$PG_PORT user=gx dbname=$1"
}

pg_server_stop() {
  [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ] && pg_as "$PG_BIN/pg_ctl" stop -m fast -D "$PG_DIR/data" > /dev/null || true
}
