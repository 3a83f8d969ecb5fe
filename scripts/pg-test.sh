#!/usr/bin/env bash
# `npm run pg:test`: starts a throwaway PostgreSQL cluster (scripts/pg-cluster.sh), runs the PostgreSQL tests against
# it (test/pg: parity of every catalogue scenario with sql.js, the backend, the CLI), and stops it whatever happens.
# Extra arguments go to vitest (e.g. `npm run pg:test -- -t parity`).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d /tmp/runtwice-pg.XXXXXX)
trap 'scripts/pg-cluster.sh stop "$dir"' EXIT
trap 'exit 130' INT TERM
url=$(scripts/pg-cluster.sh start "$dir")
echo "PostgreSQL for the tests: $url" >&2
RUNTWICE_PG_URL="$url" RUNTWICE_REQUIRE_PG=1 npx vitest run test/pg "$@"
