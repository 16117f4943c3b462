#!/usr/bin/env bash
# Runs the Kubernetes manifests in deploy/kubernetes under `podman kube play` (no cluster needed):
# a PostgreSQL beside them, the migration Job's pod twice at once, the web Deployment (2 replicas)
# and the worker, then checks readiness on /api/health, a page and /metrics in every web pod, and
# removes everything again.
#
#   scripts/kube-check.sh            # after scripts/deploy-check.sh (KEEP=1 or not) built the image
#
# podman kube play is not Kubernetes; what it does with these manifests (podman 4.3):
#   - Deployment: one pod per replica (<name>-pod-0, -1, …), no controller behind them: no rolling
#     update, no restart of a failed pod, no PodDisruptionBudget.
#   - ConfigMap in the same file: read by envFrom. Secret: a `kind: Secret` document is stored in a
#     form its own envFrom cannot read, so this script creates the podman secret `gatehouse` itself.
#   - Job, Service, Ingress, PodDisruptionBudget: skipped without a word. The Job's pod template is
#     played as a Pod instead; there is no Service: every pod is asked directly.
#   - containerPort is published on the host, so two replicas would both want port 3000: the
#     rendered copy drops `ports` (and names port 3000 by number in the probes).
#   - readinessProbe is ignored; livenessProbe becomes a HEALTHCHECK (tcpSocket: `nc`, which the
#     image does not have). Readiness is therefore polled here, on /api/health as the probe does.
#
# Needs podman, the image gatehouse:check and a PostgreSQL image.
#
# Environment:
#   IMAGE=gatehouse:check          the Gatehouse image to play
#   POSTGRES_IMAGE=postgres:16     the database image (the official one: POSTGRES_USER/PASSWORD/DB)
#   KEEP=1                         leave everything running (tear down: see the last line it prints)
set -euo pipefail
cd "$(dirname "$0")/.."

IMAGE=${IMAGE:-gatehouse:check}
case "$IMAGE" in */*) IMAGE_REF=$IMAGE ;; *) IMAGE_REF=localhost/$IMAGE ;; esac
POSTGRES_IMAGE=${POSTGRES_IMAGE:-postgres:16}
K=deploy/kubernetes
NET=gatehouse-kube
DB=gatehouse-kube-db
WORK=$(mktemp -d)
FAILED=0

step() { printf '\n== %s\n' "$*"; }
ok() { printf '   ok: %s\n' "$*"; }
info() { printf '   note: %s\n' "$*"; }
fail() { printf '   FAILED: %s\n' "$*"; FAILED=1; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
# play FILE: podman kube play on our network, its output kept (it names what it created).
play() { podman kube play --network "$NET" "$1" >"$1.out" 2>&1 || { cat "$1.out"; return 1; }; }
# in_pod CONTAINER PATH [AUTHORIZATION]: GET http://127.0.0.1:3000PATH inside the pod; prints the
# status on the first line, then the body. The image has node but no curl.
in_pod() {
  podman exec "$1" node -e '
    const [path, authorization] = process.argv.slice(1);
    fetch("http://127.0.0.1:3000" + path, { headers: authorization ? { authorization } : {}, redirect: "manual" })
      .then(async (r) => console.log(r.status + "\n" + (await r.text())), (e) => console.log("0\n" + e));' "$2" "${3:-}" 2>&1 || echo 0
}

PLAYED=()
teardown() {
  if [ "${KEEP:-}" = 1 ]; then
    echo "Left running. Tear down: for f in ${PLAYED[*]}; do podman kube play --down \$f; done;" \
      "podman rm -f -v $DB; podman secret rm gatehouse; podman network rm $NET"
    return
  fi
  step "tear down"
  for f in "${PLAYED[@]}"; do podman kube play --down "$f" >/dev/null 2>&1 || true; done
  podman rm -f -v -t 5 "$DB" >/dev/null 2>&1 || true
  podman secret rm gatehouse >/dev/null 2>&1 || true
  podman network rm "$NET" >/dev/null 2>&1 || true
  ok "pods, database (and its volume), secret and network removed"
  rm -rf "$WORK"
}
trap teardown EXIT
trap "exit 130" INT TERM

podman image exists "$IMAGE_REF" || { echo "No image $IMAGE_REF: run scripts/deploy-check.sh first (or set IMAGE)."; exit 1; }
for thing in "pod exists gatehouse-web-pod-0" "container exists $DB" "network exists $NET" "secret inspect gatehouse"; do
  # shellcheck disable=SC2086
  if podman $thing >/dev/null 2>&1; then echo "Left over from an earlier run: podman $thing. Tear it down first."; trap - EXIT; exit 1; fi
done

# ---------------------------------------------------------------------------------------------
step "render deploy/kubernetes for podman kube play"
# The manifests as kustomization.yaml lists them, with the image set as Kustomize would set it.
render() { sed -e "s|^\(\s*image:\) gatehouse$|\1 $IMAGE_REF|" "$@"; }
# podman publishes every containerPort on the host (two replicas cannot both have 3000): no ports.
unpublish() { sed -e '/^\s*ports:$/{N;/containerPort/d}' -e 's/port: http }/port: 3000 }/g'; }
{ render "$K/config.yaml"; echo '---'; render "$K/web.yaml" | unpublish; echo '---'; render "$K/worker.yaml"
  for f in service ingress pdb; do echo '---'; cat "$K/$f.yaml"; done; } >"$WORK/app.yaml"
# The Job's pod template (everything under `template:`), as a Pod of its own, twice.
for i in 1 2; do
  { render "$K/config.yaml"; echo '---'
    printf 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: gatehouse-migrate-%s\n' "$i"
    render "$K/migrate-job.yaml" | sed -n '/^  template:$/,$p' | sed -n '/^    spec:$/,$p' | sed 's/^    //'
  } >"$WORK/migrate-$i.yaml"
done
ok "$(grep -c '^kind:' "$WORK/app.yaml") manifests for the portal, the Job as 2 pods; image $IMAGE_REF"

step "PostgreSQL on the network $NET, and the Secret"
podman network create "$NET" >/dev/null
password=$(openssl rand -hex 16)
podman run -d --name "$DB" --network "$NET" -e POSTGRES_USER=gatehouse -e POSTGRES_PASSWORD="$password" \
  -e POSTGRES_DB=gatehouse "$POSTGRES_IMAGE" >/dev/null
t=$(now)
for _ in $(seq 1 60); do podman exec "$DB" pg_isready -U gatehouse -d gatehouse -h 127.0.0.1 >/dev/null 2>&1 && break; sleep 1; done
ok "database ready after $(since "$t") s"
METRICS_TOKEN=$(openssl rand -hex 32)
# podman 4.3 reads envFrom's secretRef from a podman secret holding a JSON map of base64 values.
b64() { printf '%s' "$1" | base64 | tr -d '\n'; }
printf '{"DATABASE_URL":"%s","AUTH_SECRET":"%s","JITSI_APP_SECRET":"%s","SMTP_URL":"%s","METRICS_TOKEN":"%s"}' \
  "$(b64 "postgresql://gatehouse:$password@$DB:5432/gatehouse")" "$(b64 "$(openssl rand -base64 33)")" \
  "$(b64 "$(openssl rand -hex 32)")" "$(b64 smtp://mail.invalid:587)" "$(b64 "$METRICS_TOKEN")" |
  podman secret create gatehouse - >/dev/null
ok "secret gatehouse (DATABASE_URL, AUTH_SECRET, JITSI_APP_SECRET, SMTP_URL, METRICS_TOKEN)"

# ---------------------------------------------------------------------------------------------
step "the migration Job's pod, twice at once"
PLAYED+=("$WORK/migrate-1.yaml" "$WORK/migrate-2.yaml")
t=$(now)
play "$WORK/migrate-1.yaml" & p1=$!
play "$WORK/migrate-2.yaml" & p2=$!
wait $p1 && wait $p2 || fail "kube play of the migration pods failed"
codes=$(podman wait gatehouse-migrate-1-migrate gatehouse-migrate-2-migrate | paste -sd ' ' -)
outcomes=$(for i in 1 2; do podman logs "gatehouse-migrate-$i-migrate" 2>&1 | grep -o 'Applied [0-9]* migration(s)\|Database is up to date' | tail -1; done | paste -sd ';' -)
if [ "$codes" = "0 0" ] && [ "$(echo "$outcomes" | tr ';' '\n' | grep -c .)" = 2 ]; then
  ok "both exited 0 in $(since "$t") s: $outcomes"
else
  fail "migration pods exited with: $codes"; for i in 1 2; do podman logs "gatehouse-migrate-$i-migrate" 2>&1 | tail -15; done
fi

step "the web Deployment (2 replicas) and the worker"
PLAYED+=("$WORK/app.yaml")
t=$(now)
play "$WORK/app.yaml" || { fail "kube play failed"; exit 1; }
pods=$(podman pod ps --format '{{.Name}}' --filter "name=^gatehouse-(web|worker)-pod-" | sort | paste -sd ' ' -)
ok "pods: $pods"
info "kube play created nothing for the Service, Ingress and PodDisruptionBudget"
web=$(podman ps --format '{{.Names}}' --filter 'name=^gatehouse-web-pod-[0-9]+-web$' | sort)
[ "$(echo "$web" | wc -w)" = 2 ] && ok "2 web pods" || fail "expected 2 web pods, found: $web"
info "livenessProbe became the HEALTHCHECK $(podman inspect --format '{{json .Config.Healthcheck.Test}}' "$(echo "$web" | head -1)")"

step "readiness: /api/health 200 in every web pod"
for ctr in $web; do
  ready=0
  for _ in $(seq 1 120); do
    [ "$(in_pod "$ctr" /api/health | head -1)" = 200 ] && { ready=1; break; }
    sleep 1
  done
  [ $ready = 1 ] && ok "$ctr ready $(since "$t") s after kube play" || { fail "$ctr not ready after 120 s"; podman logs --tail 30 "$ctr"; }
done

step "a page and /metrics in every web pod"
for ctr in $web; do
  page=$(in_pod "$ctr" /sign-in)
  [ "$(echo "$page" | head -1)" = 200 ] && echo "$page" | grep -q 'Sign in' && ok "$ctr: /sign-in 200" || fail "$ctr: /sign-in answered $(echo "$page" | head -1)"
  code=$(in_pod "$ctr" /metrics | head -1)
  [ "$code" = 401 ] && ok "$ctr: /metrics without the token 401" || fail "$ctr: /metrics without the token answered $code"
  metrics=$(in_pod "$ctr" /metrics "Bearer $METRICS_TOKEN")
  timed=$(echo "$metrics" | grep -E '^gatehouse_http_request_duration_seconds_count\{.*route="[^"]*/sign-in"' | head -1 || true)
  if [ "$(echo "$metrics" | head -1)" = 200 ] && [ -n "$timed" ]; then ok "$ctr: /metrics with the token 200, $timed"
  else fail "$ctr: /metrics with the token: status $(echo "$metrics" | head -1), no request timing for /sign-in"; fi
done

step "the worker"
worker=$(podman ps --format '{{.Names}}' --filter 'name=^gatehouse-worker-pod-[0-9]+-worker$' | head -1)
started=0
for _ in $(seq 1 60); do podman logs "$worker" 2>&1 | grep -q 'sending invitation mails' && { started=1; break; }; sleep 1; done
[ $started = 1 ] && ok "$worker: $(podman logs "$worker" 2>&1 | grep -o 'sending invitation mails[^.]*' | head -1)" || { fail "the worker did not start"; podman logs --tail 20 "$worker"; }

step "result"
if [ $FAILED = 0 ]; then echo "kube check passed"; else echo "kube check FAILED"; fi
exit $FAILED
