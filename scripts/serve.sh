#!/usr/bin/env bash
# Run minqing on SQLite (var/minqing.db) with the demo city: no accounts or other settings needed.
# Settings (MINQING_*) in the environment are honoured, e.g. MINQING_PORT=9000 scripts/serve.sh.
source "$(dirname "$0")/_env.sh"

minqing db upgrade
minqing seed-demo
exec minqing serve
