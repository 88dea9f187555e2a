#!/bin/sh
# Run a command with a throw-away PostgreSQL server (Debian's postgresql package):
# initdb in a temporary folder, start on a free loopback port, export
# CSCOST_TEST_POSTGRES_URL and CSCOST_REQUIRE_POSTGRES=1, run "$@", then stop the server
# and remove the folder — also when the command fails. Exit status: the command's.
set -eu
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$BIN" ]; then
  echo "with-postgres: no PostgreSQL binaries (apt-get install postgresql)" >&2
  exit 2
fi
DIR=$(mktemp -d /tmp/cscost-pg.XXXXXX)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
AS=""
if [ "$(id -u)" = 0 ]; then
  chown postgres "$DIR"
  AS="runuser -u postgres --"
fi
stop() {
  $AS "$BIN/pg_ctl" -D "$DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap stop EXIT INT TERM
$AS "$BIN/initdb" -A trust --no-sync -U postgres -D "$DIR/data" >"$DIR/initdb.log" 2>&1 ||
  { cat "$DIR/initdb.log" >&2; exit 2; }
$AS "$BIN/pg_ctl" -w -D "$DIR/data" -l "$DIR/server.log" \
  -o "-h 127.0.0.1 -p $PORT -k $DIR -F -c max_connections=200" start >/dev/null ||
  { cat "$DIR/server.log" >&2; exit 2; }
export CSCOST_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
export CSCOST_REQUIRE_POSTGRES=1
set +e
"$@"
status=$?
set -e
exit $status
