#!/usr/bin/env bash
# A PostgreSQL server for the tests (test/pg.ts): `start` starts Debian's cluster when it is
# not running (and remembers that it did), with a superuser role for the current user (peer
# authentication over the socket: postgresql://$USER@/postgres?host=/var/run/postgresql);
# `stop` stops it only if `start` started it. As root only; otherwise it says so, and the
# PostgreSQL tests are skipped with that reason unless CONGVAN_TEST_PG names a server.
set -u
mark=/tmp/congvan-pg-started
cluster=$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1, $2}')
if [ -z "$cluster" ]; then
  echo "congvan pg: no PostgreSQL cluster (bash scripts/setup.sh postgres installs one as root); the PostgreSQL tests will be skipped"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "congvan pg: not root: start PostgreSQL yourself (pg_ctlcluster $cluster start) or set CONGVAN_TEST_PG"
  exit 0
fi
case "${1:-start}" in
  start)
    if ! pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -qx online; then
      pg_ctlcluster $cluster start && touch "$mark" || { echo "congvan pg: the server did not start (see /var/log/postgresql)"; exit 0; }
    fi
    user=$(id -un)
    runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'" | grep -q 1 \
      || runuser -u postgres -- createuser -s "$user"
    ;;
  stop)
    [ -f "$mark" ] && pg_ctlcluster $cluster stop && rm -f "$mark"
    ;;
esac
exit 0
