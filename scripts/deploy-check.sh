#!/usr/bin/env bash
# End-to-end check of the container deployment: builds the image, brings compose.yaml up under a
# throw-away project name, and checks what an operator relies on, then tears everything down.
#
#   scripts/deploy-check.sh
#
# It checks: the image builds (size printed); two migration runs at once both succeed; the stack
# becomes healthy (time printed); pages answer through nginx; an email sign-in link arrives and
# signs in, and the session holds on every web replica; /metrics answers only with METRICS_TOKEN and
# has request timings on every replica; the separate worker sends an invitation mail; every
# container's health check passes; one web replica restarts under load without a failed request.
#
# Needs Docker with the compose plugin, or podman with podman-compose; curl; Node with this
# repository's dependencies installed (the test mail sink runs on the host). Takes a few minutes;
# not part of `npm test` or CI.
#
# Environment:
#   ENGINE=docker|podman  container engine (default: docker if its daemon answers, else podman)
#   CHECK_PORT=8090       host port of the stack's nginx (127.0.0.1 only)
#   SINK_PORT=2725        host port of the test mail sink (its HTTP API: SINK_PORT+1)
#   BUILD_OPTS="…"        extra options for the image build, e.g. a proxy's CA bundle:
#                         BUILD_OPTS="-v /etc/ssl/certs/ca-certificates.crt:/etc/ssl/certs/ca-certificates.crt:ro
#                                     --build-arg NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt"
#   SKIP_BUILD=1          use the image gatehouse:check as it is
#   KEEP=1                leave the stack running at the end (tear down: see the last line it prints)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${ENGINE:-}" ]; then
  if command -v docker >/dev/null && docker info >/dev/null 2>&1; then ENGINE=docker; else ENGINE=podman; fi
fi
if [ "$ENGINE" = docker ]; then COMPOSE=(docker compose); else COMPOSE=(podman-compose); fi
PORT=${CHECK_PORT:-8090}
SINK_PORT=${SINK_PORT:-2725}
SINK_API="http://127.0.0.1:$((SINK_PORT + 1))"
PROJECT=gatehouse-check
IMAGE=gatehouse:check
BASE="http://localhost:$PORT"
WORK=$(mktemp -d)
FAILED=0

step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok: %s\n' "$*"; }
fail() { printf '   FAILED: %s\n' "$*"; FAILED=1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

export GATEHOUSE_IMAGE=$IMAGE GATEHOUSE_PORT="127.0.0.1:$PORT" GATEHOUSE_ENV_FILE="$WORK/check.env"
export POSTGRES_PASSWORD="check-$(openssl rand -hex 12)"
METRICS_TOKEN=$(openssl rand -hex 32)
compose() { "${COMPOSE[@]}" -p "$PROJECT" -f compose.yaml "${OVERRIDE[@]}" "$@"; }
OVERRIDE=()
if [ "$ENGINE" = docker ]; then
  # Docker has no host.containers.internal of its own: map it to the host, as podman does.
  cat > "$WORK/override.yaml" <<'EOF'
x-host: &host
  extra_hosts: ["host.containers.internal:host-gateway"]
services:
  portal: *host
  worker: *host
EOF
  OVERRIDE=(-f "$WORK/override.yaml")
fi

SINK_PID=
teardown() {
  if [ "${KEEP:-}" = 1 ]; then
    echo "Left running. Tear down: ${COMPOSE[*]} -p $PROJECT -f compose.yaml down -v; kill $SINK_PID"
    return
  fi
  step "tear down"
  compose down -v >/dev/null 2>&1 || true
  "$ENGINE" network rm "${PROJECT}_default" >/dev/null 2>&1 || true
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap teardown EXIT
trap "exit 130" INT TERM

# ---------------------------------------------------------------------------------------------
if [ "${SKIP_BUILD:-}" != 1 ]; then
  step "build the image ($ENGINE)"
  t=$(now)
  build_format=()
  [ "$ENGINE" = podman ] && build_format=(--format docker) # keeps the HEALTHCHECK
  # shellcheck disable=SC2086
  "$ENGINE" build "${build_format[@]}" ${BUILD_OPTS:-} -t "$IMAGE" -f Containerfile . >"$WORK/build.log" 2>&1 || { tail -30 "$WORK/build.log"; exit 1; }
  ok "built in $(since "$t") s"
fi
size=$("$ENGINE" image inspect --format '{{.Size}}' "$IMAGE")
ok "image $IMAGE: $((size / 1000000)) MB"

step "start the test mail sink on the host"
curl -fs "$SINK_API/health" >/dev/null && { echo "   port $((SINK_PORT + 1)) is taken: set SINK_PORT"; exit 1; }
SMTP_SINK_HOST=0.0.0.0 SMTP_SINK_PORT=$SINK_PORT SMTP_SINK_HTTP_PORT=$((SINK_PORT + 1)) \
  node --import tsx e2e/support/smtp-sink.ts >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 50); do curl -fs "$SINK_API/health" >/dev/null && break; sleep 0.2; done
kill -0 "$SINK_PID" 2>/dev/null && curl -fs "$SINK_API/health" >/dev/null && ok "mail sink on port $SINK_PORT" || { fail "mail sink did not start"; cat "$WORK/sink.log"; exit 1; }

cat > "$GATEHOUSE_ENV_FILE" <<EOF
AUTH_URL=$BASE
AUTH_SECRET=$(openssl rand -base64 33)
SMTP_URL=smtp://host.containers.internal:$SINK_PORT
MAIL_FROM=Gatehouse <meet@example.com>
ALLOWED_EMAIL_DOMAINS=example.com
ADMIN_EMAILS=admin@example.com
JITSI_DOMAIN=jitsi.example.com
JITSI_APP_SECRET=$(openssl rand -hex 32)
METRICS_TOKEN=$METRICS_TOKEN
EOF

# ---------------------------------------------------------------------------------------------
step "start PostgreSQL, then run the migration twice at once"
t_up=$(now)
compose up -d db >"$WORK/up-db.log" 2>&1 || { cat "$WORK/up-db.log"; exit 1; }
# The engine's own exec: podman-compose's `exec` and `run` do not pass exit codes on.
db=$("$ENGINE" ps -q --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=db")
for _ in $(seq 1 120); do "$ENGINE" exec "$db" pg_isready -U gatehouse -d gatehouse -h 127.0.0.1 >/dev/null 2>&1 && break; sleep 1; done
ok "database ready after $(since "$t_up") s"
compose run --rm -T migrate >"$WORK/migrate-1.log" 2>&1 & m1=$!
compose run --rm -T migrate >"$WORK/migrate-2.log" 2>&1 & m2=$!
wait $m1 || true; wait $m2 || true
outcomes=$(grep -ho 'Applied [0-9]* migration(s)\|Database is up to date' "$WORK"/migrate-*.log | sort | paste -sd ';' - || true)
if [ "$(grep -lE 'Applied [0-9]+ migration|Database is up to date' "$WORK"/migrate-*.log | wc -l)" = 2 ]; then
  ok "both runs succeeded: $outcomes"
else
  fail "a migration run failed"; cat "$WORK"/migrate-*.log
fi

step "start the stack (2 web replicas, worker, nginx) and wait until healthy"
t=$(now)
compose up -d >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log"; exit 1; }
healthy=0
for _ in $(seq 1 180); do
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/health")" = 200 ]; then healthy=1; break; fi
  sleep 1
done
if [ $healthy = 1 ]; then ok "healthy through nginx $(since "$t") s after 'up' ($(since "$t_up") s from an empty database)"; else fail "not healthy after 180 s"; compose logs --tail 40; exit 1; fi
web=$("$ENGINE" ps -q --filter "label=com.docker.compose.project=$PROJECT" --filter "label=com.docker.compose.service=portal")
[ "$(echo "$web" | wc -w)" = 2 ] && ok "2 web replicas running" || fail "expected 2 web replicas, found: $web"

step "pages through nginx"
code=$(curl -s -o "$WORK/sign-in.html" -w '%{http_code}' "$BASE/sign-in")
[ "$code" = 200 ] && grep -q 'Sign in' "$WORK/sign-in.html" && ok "/sign-in 200" || fail "/sign-in answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/")
case "$code" in 200|307|308) ok "/ answered $code" ;; *) fail "/ answered $code" ;; esac

step "sign in with an email link"
jar="$WORK/cookies"
email=admin@example.com
csrf=$(curl -s -c "$jar" -b "$jar" "$BASE/api/auth/csrf" | sed -n 's/.*"csrfToken":"\([^"]*\)".*/\1/p' || true)
curl -s -o /dev/null -c "$jar" -b "$jar" -H "Origin: $BASE" --data-urlencode "email=$email" --data-urlencode "csrfToken=$csrf" \
  --data-urlencode "callbackUrl=$BASE/" "$BASE/api/auth/signin/nodemailer"
link=
for _ in $(seq 1 30); do
  link=$(curl -s "$SINK_API/messages?to=$email" | grep -o "$BASE/api/auth/callback/nodemailer?[^\"<> \\]*" | head -1 | sed 's/\\u0026/\&/g; s/&amp;/\&/g' || true)
  [ -n "$link" ] && break
  sleep 1
done
if [ -n "$link" ]; then
  ok "sign-in mail arrived"
  curl -s -o /dev/null -c "$jar" -b "$jar" "$link"
  sessions_ok=0
  for _ in $(seq 1 6); do
    curl -s -b "$jar" "$BASE/api/auth/session" | grep -q "\"email\":\"$email\"" && sessions_ok=$((sessions_ok + 1))
  done
  [ $sessions_ok = 6 ] && ok "signed in; the session holds on 6 of 6 requests spread over the replicas" || fail "session held on $sessions_ok of 6 requests"
else
  fail "no sign-in mail for $email"; compose logs --tail 30 portal
fi

step "metrics: /metrics with METRICS_TOKEN only, request timings on every replica"
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/metrics")
[ "$code" = 401 ] && ok "/metrics without the token: 401" || fail "/metrics without the token answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer wrong-$METRICS_TOKEN" "$BASE/metrics")
[ "$code" = 401 ] && ok "/metrics with a wrong token: 401" || fail "/metrics with a wrong token answered $code"
code=$(curl -s -o "$WORK/metrics.txt" -w '%{http_code}' -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/metrics")
[ "$code" = 200 ] && grep -q '^gatehouse_mails' "$WORK/metrics.txt" && ok "/metrics with the token: 200, $(grep -c '^[a-z]' "$WORK/metrics.txt") samples" \
  || fail "/metrics with the token answered $code"
# Each replica counts its own requests (OpenTelemetry spans from Next.js into prom-client): ask each one.
for _ in 1 2 3 4 5 6; do curl -s -o /dev/null "$BASE/sign-in"; done
for replica in $web; do
  timed=$("$ENGINE" exec "$replica" node -e 'fetch("http://127.0.0.1:3000/metrics", { headers: { authorization: "Bearer " + process.env.METRICS_TOKEN } }).then((r) => r.text()).then((t) => console.log(t.split("\n").filter((l) => l.startsWith("gatehouse_http_request_duration_seconds_count{")).join("\n")))' 2>&1 || true)
  if echo "$timed" | grep -qE 'route="[^"]*/sign-in"'; then
    ok "replica ${replica:0:12}: $(echo "$timed" | grep -c .) timed routes, e.g. $(echo "$timed" | grep -E 'route="[^"]*/sign-in"' | head -1)"
  else
    fail "replica ${replica:0:12} has no request timings: ${timed:-nothing}"
  fi
done

step "the worker sends an invitation mail (the web replicas run with WORKERS=0)"
guest=guest-$(openssl rand -hex 4)@partner.example
"$ENGINE" exec -i "$db" psql -q -v ON_ERROR_STOP=1 -U gatehouse -d gatehouse >"$WORK/invite.log" 2>&1 <<SQL || { fail "could not queue an invitation"; cat "$WORK/invite.log"; }
INSERT INTO "Room" (id, slug, name, "ownerId", "jitsiName", "guestsAllowed", "updatedAt")
  SELECT 'check-room', 'check-room', 'Check room', id, 'checkroom', true, now() FROM "User" WHERE email = '$email';
INSERT INTO "Meeting" (id, "roomId", "organizerId", title, "startsAt", "endsAt", "timeZone", "updatedAt")
  SELECT 'check-meeting', 'check-room', id, 'Deployment check', now() + interval '1 day', now() + interval '1 day 1 hour', 'UTC', now() FROM "User" WHERE email = '$email';
INSERT INTO "Invite" (id, "roomId", "meetingId", "createdById", name, email, "tokenHash", "expiresAt", delivery, "updatedAt")
  SELECT 'check-invite', 'check-room', 'check-meeting', id, 'Guest', '$guest', 'check-placeholder', now() + interval '2 days', 'QUEUED', now() FROM "User" WHERE email = '$email';
INSERT INTO pgboss.job (name, data, retry_limit) VALUES ('invite-mail', '{"inviteId":"check-invite"}', 5);
SQL
arrived=0
for _ in $(seq 1 30); do
  curl -s "$SINK_API/messages?to=$guest" | grep -q "$BASE/invite/" && { arrived=1; break; }
  sleep 1
done
[ $arrived = 1 ] && ok "invitation mail with a personal link arrived" || { fail "no invitation mail for $guest"; compose logs --tail 30 worker; }
[ "$(compose logs worker 2>&1 | grep -c 'sending invitation mails')" -gt 0 ] && ok "worker log: $(compose logs worker 2>&1 | grep -o 'sending invitation mails[^.]*' | head -1)" || fail "worker did not log its start"

step "every container's health check passes (or it has none)"
for c in $("$ENGINE" ps -q --filter "label=com.docker.compose.project=$PROJECT"); do
  name=$("$ENGINE" inspect --format '{{.Name}}' "$c" | sed 's|^/||')
  if [ "$ENGINE" = podman ]; then
    # podman runs health checks from systemd timers, which a machine without systemd lacks: run it now.
    if out=$(podman healthcheck run "$c" 2>&1); then ok "$name: healthy"
    elif echo "$out" | grep -q 'no defined healthcheck'; then ok "$name: no health check"
    else fail "$name: $out"; fi
  else
    health=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}no health check{{end}}' "$c")
    [ "$health" != unhealthy ] && ok "$name: $health" || fail "$name: unhealthy"
  fi
done

step "restart one web replica under load"
first=$(echo "$web" | head -1)
: >"$WORK/load.log"
load() { while [ ! -f "$WORK/stop" ]; do curl -s -o /dev/null -w '%{http_code}\n' --max-time 10 "$BASE/sign-in" >>"$WORK/load.log"; done; }
load & l1=$!; load & l2=$!; load & l3=$!
sleep 3
t=$(now)
"$ENGINE" restart -t 30 "$first" >/dev/null 2>"$WORK/restart.log" || { fail "restart failed"; cat "$WORK/restart.log"; }
replica_healthy() {
  "$ENGINE" exec "$1" node -e 'fetch("http://127.0.0.1:3000/api/health").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' >/dev/null 2>&1
}
for _ in $(seq 1 120); do replica_healthy "$first" && break; sleep 1; done
ok "replica restarted and healthy again after $(since "$t") s"
sleep 3
touch "$WORK/stop"; wait $l1 $l2 $l3
total=$(wc -l <"$WORK/load.log"); bad=$(grep -cv '^200$' "$WORK/load.log" || true)
[ "$bad" = 0 ] && ok "$total requests during the restart, 0 failed" || fail "$bad of $total requests failed: $(sort "$WORK/load.log" | uniq -c | tr '\n' ' ')"

step "result"
if [ $FAILED = 0 ]; then echo "deploy check passed"; else echo "deploy check FAILED"; fi
exit $FAILED
