#!/usr/bin/env bash
# Load test on loopback: the standalone receiver against adnanh/webhook (Debian package "webhook") with an
# equivalent HMAC-SHA256 rule, both driven by wrk with signed push deliveries, each with its own delivery id.
# Usage: benchmarks/receiver-load.sh [seconds per run, default 10]   (installs wrk and webhook with apt-get if missing)
# RX_REFS=nomatch measures the receiver answering "ignored" (no run, no SQLite write); RECEIVER_ONLY=1 skips webhook.
# RX_JAVA_OPTS adds JVM options to the receiver, e.g. -XX:StartFlightRecording=filename=/tmp/rx.jfr,settings=profile.
set -euo pipefail

DURATION="${1:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
WARMUP="${WARMUP:-3}"   # seconds; the JVM's JIT compilers still take a fifth to a third of its CPU after 3 s
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="$ROOT/receiver/target/signed-webhook-receiver.jar"
BODY="$ROOT/webhook-core/src/test/resources/fixtures/github/push-branch.json"
WORK="$(mktemp -d)"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$WORK"
}
trap cleanup EXIT

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v webhook >/dev/null || missing+=(webhook)
if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
[ -f "$JAR" ] || (cd "$ROOT" && mvn -B -q -pl receiver -am package -DskipTests)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_up() { for _ in $(seq 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }

SECRET="bench-$(date +%s%N)"
SIG="$(openssl dgst -sha256 -hmac "$SECRET" -r < "$BODY" | cut -d' ' -f1)"

cat > "$WORK/post.lua" <<'LUA'
local file = io.open(os.getenv("BODY_FILE"), "rb")
local body = file:read("*a")
file:close()
local signature = "sha256=" .. os.getenv("SIG")
local next_thread = 0
local counter = 0
function setup(thread)
    thread:set("tid", next_thread)
    next_thread = next_thread + 1
end
function request()
    counter = counter + 1
    return wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["X-GitHub-Event"] = "push",
        ["X-GitHub-Delivery"] = "bench-" .. tostring(tid) .. "-" .. counter,
        ["X-Hub-Signature-256"] = signature,
    }, body)
end
LUA

# run NAME URL PID: warm-up, then a measured run with the server's CPU time per request.
run() {
    local name="$1" url="$2" pid="$3"
    BODY_FILE="$BODY" SIG="$SIG" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/post.lua" "$url" >/dev/null
    local before after
    before="$(cpu_ticks "$pid")"
    BODY_FILE="$BODY" SIG="$SIG" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/post.lua" "$url" \
        > "$WORK/$name.txt"
    after="$(cpu_ticks "$pid")"
    local requests rps p50 p99 ticks_per_s
    requests="$(awk '/requests in/ {print $1}' "$WORK/$name.txt")"
    rps="$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")"
    p50="$(awk '$1 == "50%" {print $2}' "$WORK/$name.txt")"
    p99="$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")"
    ticks_per_s="$(getconf CLK_TCK)"
    printf '%-10s %10s req/s  p50 %8s  p99 %8s  server CPU %6.1f us/request  (%s requests, %s)\n' "$name" "$rps" "$p50" "$p99" \
        "$(echo "($after - $before) * 1000000 / $ticks_per_s / $requests" | bc -l)" "$requests" \
        "$(grep -E 'Non-2xx' "$WORK/$name.txt" | tr -s ' ' || echo 'all 2xx')"
}

# The receiver: one hook, refs main, a command that does nothing (pushes coalesce while it runs).
RX_PORT="$(free_port)"
cat > "$WORK/receiver.yml" <<YAML
listen: 127.0.0.1:$RX_PORT
dataDir: ./data
hooks:
  - id: app
    repository: octo-org/app
    refs: [${RX_REFS:-main}]
    secrets: [{env: BENCH_SECRET}]
    command: [/bin/true]
YAML
BENCH_SECRET="$SECRET" java ${RX_JAVA_OPTS:-} -jar "$JAR" --config "$WORK/receiver.yml" > "$WORK/receiver.log" 2>&1 &
PIDS+=($!)
RX_PID=$!
wait_up "http://127.0.0.1:$RX_PORT/healthz"

# adnanh/webhook: the same HMAC check over the raw body and the same ref rule, running the same command.
WH_PORT="$(free_port)"
cat > "$WORK/hooks.json" <<JSON
[{"id": "app", "execute-command": "/bin/true", "command-working-directory": "$WORK",
  "trigger-rule": {"and": [
    {"match": {"type": "payload-hmac-sha256", "secret": "$SECRET",
               "parameter": {"source": "header", "name": "X-Hub-Signature-256"}}},
    {"match": {"type": "value", "value": "refs/heads/main", "parameter": {"source": "payload", "name": "ref"}}}]}}]
JSON
webhook -hooks "$WORK/hooks.json" -ip 127.0.0.1 -port "$WH_PORT" > "$WORK/webhook.log" 2>&1 &
PIDS+=($!)
WH_PID=$!
wait_up "http://127.0.0.1:$WH_PORT/"

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s, $(wc -c < "$BODY")-byte signed push, $(nproc) CPUs, $(uname -r)"
run receiver "http://127.0.0.1:$RX_PORT/hooks/app" "$RX_PID"
# How many runs the deliveries coalesced into (warm-up included): each is a fork of the command and four SQLite writes.
curl -s "http://127.0.0.1:$RX_PORT/metrics" | awk '/^signed_webhook_runs_total/ {n += $2} END {printf "receiver   %d command runs, warm-up included\n", n}'
[ -n "${RECEIVER_ONLY:-}" ] || run webhook "http://127.0.0.1:$WH_PORT/hooks/app" "$WH_PID"
