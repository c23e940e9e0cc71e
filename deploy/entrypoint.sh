#!/bin/sh
# The image's one entrypoint: which process this container is, by its first argument. Everything
# runs as compiled JavaScript on plain Node (no tsx): `npm run build` put it under dist/ at build time.
#   router | subgraph <name> | web | migrate
# AUTOLYTIQ_DRY_RUN=1 prints the command instead of running it (tests/deploy.test.ts).
set -eu
APP_DIR="${APP_DIR:-/app}"
NODE="${AUTOLYTIQ_NODE:-node}"
run() {
  if [ "${AUTOLYTIQ_DRY_RUN:-}" = "1" ]; then echo "$*"; exit 0; fi
  exec "$@"
}
case "${1:-}" in
  router)
    run "$NODE" "$APP_DIR/dist/current/router/src/main.js" ;;
  subgraph)
    name="${2:-}"
    case "$name" in
      ''|*[!a-z]*) echo "usage: subgraph <name> (lower-case letters)" >&2; exit 64 ;;
    esac
    entry="$APP_DIR/dist/current/subgraphs/$name/src/main.js"
    [ -f "$entry" ] || [ "${AUTOLYTIQ_DRY_RUN:-}" = "1" ] || { echo "no subgraph $name in this image ($entry)" >&2; exit 64; }
    run "$NODE" "$entry" ;;
  web)
    # server.mjs finds the Next build from its own folder (next({ dir: import.meta.dirname })).
    run "$NODE" "$APP_DIR/web/server.mjs" ;;
  migrate)
    run "$NODE" "$APP_DIR/dist/current/tools/src/migrate.js" ;;
  *)
    echo "usage: router | subgraph <name> | web | migrate" >&2
    exit 64 ;;
esac
