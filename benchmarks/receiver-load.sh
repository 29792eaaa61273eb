#!/usr/bin/env bash
# Load test on loopback: the standalone receiver against adnanh/webhook (Debian package "webhook") with an
# equivalent HMAC-SHA256 rule, both driven by wrk with a signed 10 KB push (github.com's field order, compact, as
# GitHub sends it), each request with its own delivery id. Each server gets two hooks: "ignored" matches no ref (verify,
# parse, match, answer; nothing runs) and "accepted" matches and runs /bin/true (pushes coalesce while it runs).
# Since bodies are de-duplicated too, only the first POST to "accepted" is accepted: the rest are the same signed body
# under new ids, answered duplicate after verify and the body digest (wrk cannot sign a fresh body per request), so that
# path measures verify, digest, de-duplicate and answer, not a queued run; "ignored" is unchanged (its bodies started nothing).
# Usage: benchmarks/receiver-load.sh [seconds per run, default 10]   (installs wrk and webhook with apt-get if missing)
# WARMUP: seconds of load before the receiver's runs, half on each hook (default 90: on 2 CPUs shared with wrk, C2
# still took 60-110 us per accepted delivery after 30 s of warm-up, 4 us after 90 s); REPEAT: measured runs per path (default 3, the median is used for
# the ratios); RECEIVER_ONLY=1 skips webhook; the receiver's /healthz under the same POSTs gives Jetty's own cost; RX_JAVA_OPTS adds JVM options to the receiver, e.g.
# -XX:StartFlightRecording=filename=/tmp/rx.jfr,settings=profile; THREAD_CPU=1 prints each run's server CPU by thread;
# RX_JAR runs another build of the receiver (for A/B runs of a change); PROFILER=/path/to/libasyncProfiler.so (Maven
# Central: tools.profiler:async-profiler, linux-x64) writes each measured run's CPU profile, collapsed stacks, to
# PROFILE_DIR (default /tmp/receiver-profiles), for benchmarks/profile-buckets.py.
# POSTGRES=1 adds the shared store (docs/receiver-ha.md): a PostgreSQL 15 server of its own in the work directory
# (/usr/lib/postgresql/15/bin, run as user postgres when root), then the accepted path on one replica and on two
# replicas of one database at once (one wrk each, their req/s added), and the ignored path on one replica with the
# database's commits counted meanwhile (the ignored path writes nothing; the replica's own heartbeat, callback poll and
# health probe commit about three times a second).
set -euo pipefail

DURATION="${1:-10}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-16}"
WARMUP="${WARMUP:-90}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
JAR="${RX_JAR:-$ROOT/receiver/target/signed-webhook-receiver.jar}"
FIXTURE="$ROOT/webhook-core/src/test/resources/fixtures/github/push-branch.json"
WORK="$(mktemp -d)"
BODY="$WORK/push-10k.json"
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
# thread_ticks PID: "name ticks" per thread group of the process (digits in thread names dropped: http-12 -> http-),
# threads that ended since are missing, so a group's figure is a lower bound when its threads come and go (run, reaper).
thread_ticks() {
    local stat
    for stat in /proc/"$1"/task/*/stat; do cat "$stat" 2>/dev/null || true; done \
        | sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1\t\2/' \
        | awk -F'\t' '{split($2, f, " "); name = $1; gsub(/[0-9]+/, "", name); t[name] += f[11] + f[12]}
            END {for (n in t) print n "\t" t[n]}'
}
wait_up() { for _ in $(seq 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }

# The fixture in github.com's field order (repository before commits), compact, with commits like its first added
# until it reaches 10 KB: what Fixtures.pushOfSize gives the JMH benchmarks.
python3 - "$FIXTURE" "$BODY" <<'PY'
import json, sys
push = json.load(open(sys.argv[1]))
order = ["ref", "before", "after", "repository", "pusher", "organization", "sender", "created", "deleted", "forced",
         "base_ref", "compare", "commits", "head_commit"]
out = {k: push[k] for k in order if k in push}
out.update({k: v for k, v in push.items() if k not in out})
template, n = dict(push["commits"][0]), 0
while len(json.dumps(out, separators=(",", ":"), ensure_ascii=False).encode()) < 10240:
    commit = dict(template, id="%040x" % (n + 1), message="Generated change %d" % n,
                  added=["src/main/java/com/example/gen/Added%06d.java" % n],
                  modified=["src/main/java/com/example/gen/Changed%06d.java" % n],
                  removed=["docs/old/Removed%06d.md" % n])
    out["commits"].append(commit)
    n += 1
open(sys.argv[2], "wb").write(json.dumps(out, separators=(",", ":"), ensure_ascii=False).encode())
PY

SECRET="bench-$(date +%s%N)"
SIG="$(openssl dgst -sha256 -hmac "$SECRET" -r < "$BODY" | cut -d' ' -f1)"

cat > "$WORK/post.lua" <<'LUA'
local file = io.open(os.getenv("BODY_FILE"), "rb")
local body = file:read("*a")
file:close()
local signature = "sha256=" .. os.getenv("SIG")
-- Unique per wrk process: its counters start at 1 again, and a repeated id would be answered "duplicate", cheaply.
local run_id = os.getenv("RUN_ID")
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
        ["X-GitHub-Delivery"] = "bench-" .. run_id .. "-" .. tostring(tid) .. "-" .. counter,
        ["X-Hub-Signature-256"] = signature,
    }, body)
end
LUA

# warm NAME URL SECONDS: load that is not measured, as three wrk processes like the measured runs: each opens its
# connections anew, and code compiled while connections were only reused is otherwise compiled again (JFR showed
# Jetty's connection methods deoptimised at the first measured run, and C2 busy for its first seconds).
warm() {
    local i
    for i in 1 2 3; do
        RUN_ID="$(date +%s%N)" BODY_FILE="$BODY" SIG="$SIG" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(( ($3 + 2) / 3 ))s" \
            -s "$WORK/post.lua" "$2" >/dev/null
    done
}

# profiler PID ARGUMENTS: async-profiler attached (or told again) through jcmd; its answer shown only if it failed.
profiler() {
    local said
    said="$(jcmd "$1" JVMTI.agent_load "$PROFILER" "\"$2\"" 2>&1)"
    case "$said" in *"return code: 0"*) ;; *) echo "$said" >&2 ;; esac
}

# run NAME URL PID: a measured run with the server's CPU time per request; sets RPS and CPU for the ratios.
run() {
    local name="$1" url="$2" pid="$3"
    local before after
    before="$(cpu_ticks "$pid")"
    [ -z "${THREAD_CPU:-}" ] || thread_ticks "$pid" > "$WORK/threads-before.txt"
    [ -z "${PROFILER:-}" ] || profiler "$pid" "start,event=cpu,interval=200us,threads"
    RUN_ID="$(date +%s%N)" BODY_FILE="$BODY" SIG="$SIG" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/post.lua" "$url" \
        > "$WORK/$name.txt"
    after="$(cpu_ticks "$pid")"
    if [ -n "${PROFILER:-}" ]; then
        mkdir -p "${PROFILE_DIR:-/tmp/receiver-profiles}"
        profiler "$pid" "stop,collapsed,file=${PROFILE_DIR:-/tmp/receiver-profiles}/${name// /-}-$(date +%H%M%S).collapsed"
    fi
    local requests rps p50 p99 ticks_per_s
    requests="$(awk '/requests in/ {print $1}' "$WORK/$name.txt")"
    rps="$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")"
    p50="$(awk '$1 == "50%" {print $2}' "$WORK/$name.txt")"
    p99="$(awk '$1 == "99%" {print $2}' "$WORK/$name.txt")"
    ticks_per_s="$(getconf CLK_TCK)"
    RPS="$rps"
    CPU="$(echo "($after - $before) * 1000000 / $ticks_per_s / $requests" | bc -l)"
    printf '%-18s %10s req/s  p50 %8s  p99 %8s  server CPU %6.1f us/request  (%s requests, %s)\n' "$name" "$rps" "$p50" \
        "$p99" "$CPU" "$requests" "$(grep -E 'Non-2xx' "$WORK/$name.txt" | tr -s ' ' || echo 'all 2xx')"
    if [ -n "${THREAD_CPU:-}" ]; then
        thread_ticks "$pid" > "$WORK/threads-after.txt"
        # Per thread group, us per request; "other" is the process total minus the groups still alive at the end.
        awk -F'\t' -v hz="$ticks_per_s" -v n="$requests" -v total="$(( after - before ))" '
            NR == FNR {b[$1] = $2; next}
            {d = $2 - b[$1]; sum += d; if (d > 0) printf "    %7.1f us/request  %s\n", d * 1000000 / hz / n, $1}
            END {printf "    %7.1f us/request  %s\n", (total - sum) * 1000000 / hz / n, "(threads now gone)"}' \
            "$WORK/threads-before.txt" "$WORK/threads-after.txt" | sort -nr
    fi
}

# The receiver: "ignored" matches no ref, "accepted" matches main and runs a command that does nothing.
RX_PORT="$(free_port)"
cat > "$WORK/receiver.yml" <<YAML
listen: 127.0.0.1:$RX_PORT
dataDir: ./data
hooks:
  - id: ignored
    repository: octo-org/app
    refs: [no-such-branch]
    secrets: [{env: BENCH_SECRET}]
    command: [/bin/true]
  - id: accepted
    repository: octo-org/app
    refs: [main]
    secrets: [{env: BENCH_SECRET}]
    command: [/bin/true]
YAML
BENCH_SECRET="$SECRET" java ${RX_JAVA_OPTS:-} -jar "$JAR" --config "$WORK/receiver.yml" > "$WORK/receiver.log" 2>&1 &
PIDS+=($!)
RX_PID=$!
wait_up "http://127.0.0.1:$RX_PORT/healthz"

# adnanh/webhook: the same HMAC check over the raw body and the same ref rules, running the same command.
WH_PORT="$(free_port)"
hook() {
    printf '{"id": "%s", "execute-command": "/bin/true", "command-working-directory": "%s", "trigger-rule": {"and": [
    {"match": {"type": "payload-hmac-sha256", "secret": "%s", "parameter": {"source": "header", "name": "X-Hub-Signature-256"}}},
    {"match": {"type": "value", "value": "%s", "parameter": {"source": "payload", "name": "ref"}}}]}}' "$1" "$WORK" "$SECRET" "$2"
}
echo "[$(hook ignored refs/heads/no-such-branch), $(hook accepted refs/heads/main)]" > "$WORK/hooks.json"
webhook -hooks "$WORK/hooks.json" -ip 127.0.0.1 -port "$WH_PORT" > "$WORK/webhook.log" 2>&1 &
PIDS+=($!)
WH_PID=$!
wait_up "http://127.0.0.1:$WH_PORT/"

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s of warm-up, $(wc -c < "$BODY")-byte signed push, $(nproc) CPUs, $(uname -r)"
# Both paths are warmed: the accepted one runs code (the store, the runs) the ignored one never reaches.
warm receiver "http://127.0.0.1:$RX_PORT/hooks/ignored" "$((WARMUP / 2))"
warm receiver "http://127.0.0.1:$RX_PORT/hooks/accepted" "$((WARMUP - WARMUP / 2))"
# median NAME URL PID: REPEAT measured runs (default 3); RPS and CPU of the run with the median req/s.
median() {
    local runs=() i
    for i in $(seq "${REPEAT:-3}"); do
        run "$1" "$2" "$3"
        runs+=("$RPS $CPU")
    done
    read -r RPS CPU < <(printf '%s\n' "${runs[@]}" | sort -n | sed -n "$(( (${#runs[@]} + 1) / 2 ))p")
}
median "receiver ignored" "http://127.0.0.1:$RX_PORT/hooks/ignored" "$RX_PID"
RX_IGNORED_RPS="$RPS"
RX_IGNORED_CPU="$CPU"
median "receiver accepted" "http://127.0.0.1:$RX_PORT/hooks/accepted" "$RX_PID"
RX_ACCEPTED_RPS="$RPS"
RX_ACCEPTED_CPU="$CPU"
# Jetty's own floor: the same POSTs to /healthz, which answers without reading the body (no HMAC, no parse, no log;
# its store check writes at most once a second).
run "receiver healthz" "http://127.0.0.1:$RX_PORT/healthz" "$RX_PID"
# The goal (issue 16): CPU per verified delivery at most 1.6x this floor, on both paths, in the same run.
printf 'receiver CPU per request / Jetty floor (medians): ignored %.2fx, accepted %.2fx\n' \
    "$(echo "$RX_IGNORED_CPU / $CPU" | bc -l)" "$(echo "$RX_ACCEPTED_CPU / $CPU" | bc -l)"
# How many runs the deliveries coalesced into (warm-up included): each is a fork of the command and four SQLite writes.
curl -s "http://127.0.0.1:$RX_PORT/metrics" | awk '/^signed_webhook_runs_total/ {n += $2} END {printf "receiver accepted: %d command runs, warm-up included\n", n}'
# What the receiver answered (warm-up included): the accepted hook must answer "accepted", not "duplicate".
curl -s "http://127.0.0.1:$RX_PORT/metrics" | awk -F'[{}]' '/^signed_webhook_deliveries_total/ {printf "receiver answers: %s %s\n", $2, $3}'

if [ -n "${POSTGRES:-}" ]; then
    PG_BIN=/usr/lib/postgresql/15/bin
    [ -x "$PG_BIN/initdb" ] || { apt-get update -qq && apt-get install -y -qq postgresql-15 >/dev/null; }
    as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    PG_DIR="$WORK/pg"
    PG_PORT="$(free_port)"
    PG_PASSWORD="bench-pg-$(date +%s%N)"
    mkdir -p "$PG_DIR" && chmod 777 "$WORK" "$PG_DIR"
    echo "$PG_PASSWORD" > "$PG_DIR/pwfile" && chmod 644 "$PG_DIR/pwfile"
    as_pg "$PG_BIN/initdb" -D "$PG_DIR/data" -U hooks --pwfile="$PG_DIR/pwfile" -A scram-sha-256 -E UTF8 >/dev/null
    # fsync stays on: the commit's flush is part of what a deployment pays.
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1" start >/dev/null
    pg_stop() { as_pg "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true; }
    trap 'pg_stop; cleanup' EXIT
    PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U hooks -d postgres -c "CREATE DATABASE hooks"
    commits() { PGPASSWORD="$PG_PASSWORD" "$PG_BIN/psql" -tAq -h 127.0.0.1 -p "$PG_PORT" -U hooks -d hooks -c "SELECT xact_commit FROM pg_stat_database WHERE datname = 'hooks'"; }
    replica() {
        local id="$1" port="$2"
        mkdir -p "$WORK/$id"
        sed -e "s/^listen: .*/listen: 127.0.0.1:$port/" "$WORK/receiver.yml" > "$WORK/$id/receiver.yml"
        printf 'replicaId: %s\nstore:\n  postgres: {url: "jdbc:postgresql://127.0.0.1:%s/hooks", user: hooks, passwordEnv: PG_PASSWORD}\n' \
            "$id" "$PG_PORT" >> "$WORK/$id/receiver.yml"
        BENCH_SECRET="$SECRET" PG_PASSWORD="$PG_PASSWORD" java ${RX_JAVA_OPTS:-} -jar "$JAR" --config "$WORK/$id/receiver.yml" \
            > "$WORK/$id/receiver.log" 2>&1 &
        PIDS+=($!)
        wait_up "http://127.0.0.1:$port/healthz"
    }
    PA_PORT="$(free_port)"; replica pg-a "$PA_PORT"; PA_PID="${PIDS[-1]}"
    PB_PORT="$(free_port)"; replica pg-b "$PB_PORT"; PB_PID="${PIDS[-1]}"
    warm pg "http://127.0.0.1:$PA_PORT/hooks/accepted" "$((WARMUP / 2))"
    warm pg "http://127.0.0.1:$PB_PORT/hooks/accepted" "$((WARMUP / 2))"
    before="$(commits)"
    median "pg 1 replica acc." "http://127.0.0.1:$PA_PORT/hooks/accepted" "$PA_PID"
    after="$(commits)"
    PG1_RPS="$RPS"
    echo "pg 1 replica acc.: $(( after - before )) database commits (deliveries' group commits, runs' starts and ends, reads)"
    # Two replicas at once: a wrk each, with half the connections each, the same total as the runs above.
    HALF=$(( CONNECTIONS / 2 ))
    WRKS=()
    for id in a b; do
        port_var="P${id^^}_PORT"
        RUN_ID="$(date +%s%N)$id" BODY_FILE="$BODY" SIG="$SIG" wrk -t1 -c"$HALF" -d"${DURATION}s" --latency \
            -s "$WORK/post.lua" "http://127.0.0.1:${!port_var}/hooks/accepted" > "$WORK/pg-two-$id.txt" &
        WRKS+=($!)
    done
    wait "${WRKS[@]}"
    PG2_RPS="$(cat "$WORK"/pg-two-?.txt | awk '/Requests\/sec/ {s += $2} END {printf "%.0f", s}')"
    PG2_P99="$(cat "$WORK"/pg-two-?.txt | awk '$1 == "99%" {print $2}' | tr '\n' ' ')"
    printf '%-18s %10s req/s  p99 %s (each replica)  (%s)\n' "pg 2 replicas acc." "$PG2_RPS" "$PG2_P99" \
        "$(cat "$WORK"/pg-two-?.txt | grep -E 'Non-2xx' | tr -s ' ' | tr '\n' ' ' || echo 'all 2xx')"
    before="$(commits)"
    run "pg ignored" "http://127.0.0.1:$PA_PORT/hooks/ignored" "$PA_PID"
    after="$(commits)"
    echo "pg ignored: $(( after - before )) database commits during ${DURATION}s (both replicas' heartbeats, callback polls, health probes)"
    printf 'accepted, PostgreSQL / SQLite: 1 replica %.2fx req/s, 2 replicas %.2fx req/s\n' \
        "$(echo "$PG1_RPS / $RX_ACCEPTED_RPS" | bc -l)" "$(echo "$PG2_RPS / $RX_ACCEPTED_RPS" | bc -l)"
    for port in "$PA_PORT" "$PB_PORT"; do
        curl -s "http://127.0.0.1:$port/metrics" | awk -F'[{}]' '/^signed_webhook_deliveries_total/ {printf "pg answers: %s %s\n", $2, $3}'
    done
fi
[ -z "${RECEIVER_ONLY:-}" ] || exit 0

warm webhook "http://127.0.0.1:$WH_PORT/hooks/ignored" 3
median "webhook ignored" "http://127.0.0.1:$WH_PORT/hooks/ignored" "$WH_PID"
WH_IGNORED_RPS="$RPS"
WH_IGNORED_CPU="$CPU"
median "webhook accepted" "http://127.0.0.1:$WH_PORT/hooks/accepted" "$WH_PID"
WH_ACCEPTED_RPS="$RPS"
WH_ACCEPTED_CPU="$CPU"
printf 'medians, receiver / webhook: ignored %.1fx req/s, %.2fx CPU per request; accepted %.1fx req/s, %.2fx CPU per request\n' \
    "$(echo "$RX_IGNORED_RPS / $WH_IGNORED_RPS" | bc -l)" "$(echo "$RX_IGNORED_CPU / $WH_IGNORED_CPU" | bc -l)" \
    "$(echo "$RX_ACCEPTED_RPS / $WH_ACCEPTED_RPS" | bc -l)" "$(echo "$RX_ACCEPTED_CPU / $WH_ACCEPTED_CPU" | bc -l)"
