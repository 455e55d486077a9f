#!/usr/bin/env bash
# Tributary's schema registry versus Karapace, both on the Kafka store of the same broker and
# measured by the same client (registry_bench --url, 2 keep-alive client threads):
#   - id lookups per second (GET /schemas/ids/{id});
#   - register-existing calls per second (POST /subjects/{s}/versions of a registered schema);
#   - compatibility-check latency against 100 prior versions (FULL_TRANSITIVE, over HTTP);
#   - registering a new version (ms, the setup of the 100 versions).
#
# Usage: bench/registry/compare_karapace.sh [--quick]
#   --quick  2 s per measure instead of 5
# Interface for bench/run (bench/e2e/main.py calls it): the Markdown table goes to stdout,
# progress to stderr; exit 0 once Tributary's figures are measured. When Karapace cannot run,
# its column says why instead of failing the whole benchmark.
# Environment:
#   TRIB_KAFKA_BOOTSTRAP  the broker to use (bench/run exports it); unset: a private one is
#                         started with scripts/services and stopped at the end
#   BENCH_BUILD_DIR       the CMake build folder (default build/); tributary and registry_bench
#                         are built there when missing
#   KARAPACE_URL          a Karapace already running on the same broker; otherwise Karapace is
#                         installed with pip into .cache/karapace-venv and started here
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${BENCH_BUILD_DIR:-$ROOT/build}"
SECONDS_PER_MEASURE=5
VERSIONS=100
THREADS=2
case "${1:-}" in
  --quick) SECONDS_PER_MEASURE=2 ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

log() { echo "compare_karapace: $*" >&2; }
WORK="$(mktemp -d "${TMPDIR:-/tmp}/registry-bench.XXXXXX")"
pids=()
own_services=0
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  if ((own_services)); then TRIB_RUN_DIR="$WORK/services" "$ROOT/scripts/services" stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_ready URL PID SECONDS: polls GET URL/ until it answers 200.
wait_ready() {
  local deadline=$((SECONDS + $3))
  until curl -sf -o /dev/null "$1/"; do
    kill -0 "$2" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep 0.2
  done
}

if [[ ! -x "$BUILD/tributary" || ! -x "$BUILD/bench/registry/registry_bench" ]]; then
  log "building tributary and registry_bench in $BUILD"
  ninja -C "$BUILD" tributary registry_bench >&2
fi

if [[ -z "${TRIB_KAFKA_BOOTSTRAP:-}" ]]; then
  log "starting a private Kafka broker"
  own_services=1
  TRIB_RUN_DIR="$WORK/services" "$ROOT/scripts/services" start kafka >&2
  # shellcheck disable=SC1091
  source "$WORK/services/services.env"
fi
run_id="$$-$RANDOM"

# --- Tributary ---------------------------------------------------------------------------
port="$(free_port)"
cat >"$WORK/tributary.properties" <<PROPS
listeners=http://127.0.0.1:$port
kafkastore.bootstrap.servers=$TRIB_KAFKA_BOOTSTRAP
kafkastore.topic=_schemas_bench_tributary_$run_id
schema.registry.group.id=bench-tributary-$run_id
PROPS
"$BUILD/tributary" registry --log-level warn "$WORK/tributary.properties" >"$WORK/tributary.log" 2>&1 &
pids+=($!)
wait_ready "http://127.0.0.1:$port" $! 60 || { cat "$WORK/tributary.log" >&2; log "tributary registry did not start"; exit 1; }
log "measuring Tributary (Kafka store) at http://127.0.0.1:$port"
ours="$("$BUILD/bench/registry/registry_bench" --url "http://127.0.0.1:$port" \
  --seconds "$SECONDS_PER_MEASURE" --threads "$THREADS" --versions "$VERSIONS")"

# --- Karapace ----------------------------------------------------------------------------
theirs=""
karapace_note=""
karapace_version=""
karapace_url="${KARAPACE_URL:-}"
if [[ -z "$karapace_url" ]]; then
  venv="$ROOT/.cache/karapace-venv"
  if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import karapace' 2>/dev/null; then
    log "installing Karapace with pip into $venv"
    python3 -m venv "$venv" >&2
    if ! "$venv/bin/pip" install -q karapace >"$WORK/pip.log" 2>&1; then
      karapace_note="not installable here: \`pip install karapace\` says \"$(grep -m1 '^ERROR' "$WORK/pip.log" || tail -n1 "$WORK/pip.log")\""
    fi
  fi
  if [[ -z "$karapace_note" ]]; then
    karapace_version="$("$venv/bin/pip" show karapace 2>/dev/null | sed -n 's/^Version: //p')"
    kport="$(free_port)"
    KARAPACE_BOOTSTRAP_URI="$TRIB_KAFKA_BOOTSTRAP" KARAPACE_HOST=127.0.0.1 KARAPACE_PORT="$kport" \
      KARAPACE_TOPIC_NAME="_schemas_bench_karapace_$run_id" KARAPACE_GROUP_ID="bench-karapace-$run_id" \
      KARAPACE_REPLICATION_FACTOR=1 KARAPACE_LOG_LEVEL=WARNING \
      "$venv/bin/python" -m karapace >"$WORK/karapace.log" 2>&1 &
    pids+=($!)
    if wait_ready "http://127.0.0.1:$kport" $! 120; then
      karapace_url="http://127.0.0.1:$kport"
    else
      karapace_note="did not start: $(tail -n1 "$WORK/karapace.log")"
    fi
  fi
fi
if [[ -n "$karapace_url" ]]; then
  log "measuring Karapace at $karapace_url"
  theirs="$("$BUILD/bench/registry/registry_bench" --url "$karapace_url" \
    --seconds "$SECONDS_PER_MEASURE" --threads "$THREADS" --versions "$VERSIONS")" ||
    { karapace_note="the benchmark failed against it"; theirs=""; }
fi

# --- report ------------------------------------------------------------------------------
OURS="$ours" THEIRS="$theirs" NOTE="$karapace_note" KVERSION="$karapace_version" \
  SECONDS_PER_MEASURE="$SECONDS_PER_MEASURE" python3 - <<'PY'
import json, os
ours = json.loads(os.environ["OURS"])
theirs = json.loads(os.environ["THEIRS"]) if os.environ["THEIRS"] else None
note = os.environ["NOTE"]
rows = [  # (label, key, higher is better)
    ("ID lookups per second (`GET /schemas/ids/{id}`)", "id_lookups_per_s", True),
    ("Register-existing calls per second (`POST /subjects/{s}/versions`)", "register_existing_per_s", True),
    (f"Compatibility check against {ours['prior_versions']} versions, FULL_TRANSITIVE (ms, HTTP)",
     "compat_check_http_ms", False),
    ("Registering a new version (ms)", "register_new_version_ms", False),
]
def fmt(v, key):
    return f"{v:,.0f}" if key.endswith("per_s") else f"{v:.2f}"
karapace = "Karapace" + (f" {os.environ['KVERSION']}" if os.environ["KVERSION"] else "")
print(f"| Measure | Tributary | {karapace} | Tributary / Karapace |")
print("|---|---:|---:|---:|")
for label, key, higher in rows:
    if theirs:
        ratio = ours[key] / theirs[key] if higher else theirs[key] / ours[key]
        print(f"| {label} | {fmt(ours[key], key)} | {fmt(theirs[key], key)} | {ratio:.1f}× |")
    else:
        print(f"| {label} | {fmt(ours[key], key)} | n/a | n/a |")
print()
print(f"Both on the Kafka store of the same broker, {ours['threads']} keep-alive client threads "
      f"(`registry_bench --url`), {os.environ['SECONDS_PER_MEASURE']} s per measure; the ratio is "
      "how many times better Tributary is (faster or more requests).")
if not theirs:
    print(f"Karapace: {note}.")
PY
