#!/usr/bin/env bash
# A streaming replica of the local PostgreSQL cluster (Debian's "main", port 5432) on port 5433,
# for the read-replica tests (apps/api/test/replica.test.ts, ADR 0026): a second cluster made with
# pg_createcluster, filled by pg_basebackup from the primary and following it (-R: standby.signal and
# primary_conninfo). Run as root, as .ci/run does; does nothing when the replica already answers.
# Then: TEST_REPLICA_URL=postgres://postgres@127.0.0.1:5433/postgres npm run test:pg -- apps/api/test/replica.test.ts
set -euo pipefail
port=${REPLICA_PORT:-5433}
version=$(ls /etc/postgresql | head -n1)
primary=/etc/postgresql/$version/main

if pg_isready -h 127.0.0.1 -p "$port" -q 2>/dev/null; then exit 0; fi
# The primary must accept replication connections from this machine (trust, as the test cluster does).
if ! grep -qE '^host[[:space:]]+replication' "$primary/pg_hba.conf"; then
  echo 'host replication all 127.0.0.1/32 trust' >>"$primary/pg_hba.conf"
  pg_ctlcluster --skip-systemctl-redirect "$version" main reload
fi
if [ ! -d "/etc/postgresql/$version/replica" ]; then
  pg_createcluster "$version" replica -p "$port" >/dev/null
fi
cp "$primary/pg_hba.conf" "/etc/postgresql/$version/replica/pg_hba.conf"
data=$(pg_conftool -s "$version" replica show data_directory)
pg_ctlcluster --skip-systemctl-redirect "$version" replica stop >/dev/null 2>&1 || true
rm -rf "$data"
install -d -o postgres -g postgres -m 700 "$data"
su postgres -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D '$data' -R -X stream -c fast"
pg_ctlcluster --skip-systemctl-redirect "$version" replica start
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$port" -q && exit 0; sleep 1; done
echo "replica on port $port did not start" >&2
exit 1
