#!/bin/sh
# The image's commands. `exec` makes the command PID 1, so SIGTERM reaches it directly:
#   web (default)  the portal: finishes requests in flight on SIGTERM, then exits
#   worker         sends queued mails: finishes the mails being sent on SIGTERM, then exits
#   migrate        applies pending migrations (one run at a time: PostgreSQL advisory lock), then exits
# Anything else runs as given, e.g. `sh`.
set -e
case "${1:-web}" in
  # Kubernetes and podman set HOSTNAME to the pod's name, which Next's server would listen on alone
  # (not on 127.0.0.1, where the HEALTHCHECK asks): listen on every address.
  web) export HOSTNAME="${LISTEN_ADDRESS:-0.0.0.0}"; exec node server.js ;;
  worker) exec node scripts/worker.mjs ;;
  migrate) exec node prisma/migrate.mjs deploy ;;
  migrate-status) exec node prisma/migrate.mjs status ;;
  *) exec "$@" ;;
esac
