#!/usr/bin/env bash
# Load test on loopback: the standalone receiver against adnanh/webhook (Debian package "webhook") with an
# equivalent HMAC-SHA256 rule, both driven by wrk with a signed 10 KB push (github.com's field order, compact, as
# GitHub sends it), each request with its own delivery id and its own body: the push ends with a nonce member
# (,"bench_nonce":"<run>-<thread>-<n>"}) that the push parser skips, so no body is a replay answered "duplicate". wrk
# signs each body from HMAC midstates precomputed here (the inner hash after the push's whole 64-byte blocks), so it
# hashes only the last block or two and one outer block per request; its HMAC is checked against openssl's first.
# Each server gets two hooks: "ignored" matches no ref (verify, parse, match, answer; nothing runs) and "accepted"
# matches and runs /bin/true (pushes coalesce while it runs).
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

# Each request's body is this prefix (the push without its closing brace) and ,"bench_nonce":"<run>-<thread>-<n>"}
# (the push parser skips members it does not know), so no body repeats and every accepted request is accepted.
PREFIX="$WORK/push-10k.prefix"
[ "$(tail -c 1 "$BODY")" = "}" ] || { echo "the push does not end with its object's closing brace" >&2; exit 1; }
head -c -1 "$BODY" > "$PREFIX"
SECRET="bench-$(date +%s%N)"
# HMAC midstates for wrk, from a pure-Python SHA-256 (hashlib hides its state): the inner hash after key^ipad and the
# prefix's whole blocks, the outer after key^opad. wrk then hashes only the prefix's tail, the nonce and one outer block.
HMAC_STATE="$(SECRET="$SECRET" python3 - "$PREFIX" <<'PY'
import hashlib, math, os, sys

def icbrt(n):
    x = round(n ** (1 / 3))
    while x ** 3 > n: x -= 1
    while (x + 1) ** 3 <= n: x += 1
    return x

primes = [p for p in range(2, 312) if all(p % d for d in range(2, math.isqrt(p) + 1))][:64]
K = [icbrt(p << 96) & 0xffffffff for p in primes]
H0 = [math.isqrt(p << 64) & 0xffffffff for p in primes[:8]]

def ror(x, n): return ((x >> n) | (x << (32 - n))) & 0xffffffff

def compress(h, block):
    w = [int.from_bytes(block[i:i + 4], "big") for i in range(0, 64, 4)]
    for i in range(16, 64):
        s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3)
        s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10)
        w.append((w[i - 16] + s0 + w[i - 7] + s1) & 0xffffffff)
    a, b, c, d, e, f, g, hh = h
    for i in range(64):
        t1 = (hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) & 0xffffffff
        t2 = ((ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) & 0xffffffff
        a, b, c, d, e, f, g, hh = (t1 + t2) & 0xffffffff, a, b, c, (d + t1) & 0xffffffff, e, f, g
    return [(x + y) & 0xffffffff for x, y in zip(h, [a, b, c, d, e, f, g, hh])]

def absorb(h, data):
    for off in range(0, len(data), 64): h = compress(h, data[off:off + 64])
    return h

# This SHA-256 must agree with hashlib on one padded block before its states are trusted.
probe = b"abc" + b"\x80" + b"\0" * 52 + (24).to_bytes(8, "big")
if absorb(H0, probe) != [int.from_bytes(hashlib.sha256(b"abc").digest()[i:i + 4], "big") for i in range(0, 32, 4)]:
    sys.exit("pure-Python SHA-256 disagrees with hashlib")
key = os.environ["SECRET"].encode()
key = (hashlib.sha256(key).digest() if len(key) > 64 else key).ljust(64, b"\0")
prefix = open(sys.argv[1], "rb").read()
done = len(prefix) // 64 * 64
words = lambda h: ",".join("%08x" % x for x in h)
print(words(absorb(H0, bytes(b ^ 0x36 for b in key) + prefix[:done])), words(absorb(H0, bytes(b ^ 0x5c for b in key))),
      done, ",".join("%08x" % k for k in K))
PY
)"
read -r INNER_STATE OUTER_STATE PREFIX_DONE SHA256_K <<< "$HMAC_STATE"
export PREFIX INNER_STATE OUTER_STATE PREFIX_DONE SHA256_K

cat > "$WORK/post.lua" <<'LUA'
local bit = require("bit")
local band, bxor, bnot, rshift, ror, tobit, tohex = bit.band, bit.bxor, bit.bnot, bit.rshift, bit.ror, bit.tobit, bit.tohex
local byte, char, rep = string.byte, string.char, string.rep

local function words(hex)
    local out = {}
    for w in hex:gmatch("%x+") do out[#out + 1] = tobit(tonumber(w, 16)) end
    return out
end
local K, INNER, OUTER = words(os.getenv("SHA256_K")), words(os.getenv("INNER_STATE")), words(os.getenv("OUTER_STATE"))
local file = io.open(os.getenv("PREFIX"), "rb")
local prefix = file:read("*a")
file:close()
local done = tonumber(os.getenv("PREFIX_DONE"))
local tail = prefix:sub(done + 1)
-- Bytes hashed before the tail: key^ipad's block and the prefix's whole blocks.
local hashed = 64 + done
local W, H = {}, {}

-- One SHA-256 block from W[1..16] into H.
local function compress()
    for i = 17, 64 do
        local w15, w2 = W[i - 15], W[i - 2]
        W[i] = tobit(W[i - 16] + bxor(ror(w15, 7), ror(w15, 18), rshift(w15, 3)) + W[i - 7]
            + bxor(ror(w2, 17), ror(w2, 19), rshift(w2, 10)))
    end
    local a, b, c, d, e, f, g, h = H[1], H[2], H[3], H[4], H[5], H[6], H[7], H[8]
    for i = 1, 64 do
        local t1 = h + bxor(ror(e, 6), ror(e, 11), ror(e, 25)) + bxor(band(e, f), band(bnot(e), g)) + K[i] + W[i]
        local t2 = bxor(ror(a, 2), ror(a, 13), ror(a, 22)) + bxor(band(a, b), band(a, c), band(b, c))
        h, g, f, e, d, c, b, a = g, f, e, tobit(d + t1), c, b, a, tobit(t1 + t2)
    end
    H[1], H[2], H[3], H[4] = tobit(H[1] + a), tobit(H[2] + b), tobit(H[3] + c), tobit(H[4] + d)
    H[5], H[6], H[7], H[8] = tobit(H[5] + e), tobit(H[6] + f), tobit(H[7] + g), tobit(H[8] + h)
end

-- sha256=<hex> of the body prefix .. suffix: two or three blocks, whatever the prefix's length.
local function signature(suffix)
    local total = hashed + #tail + #suffix
    local bits = total * 8
    local last = tail .. suffix .. "\128" .. rep("\0", (55 - total) % 64)
        .. char(0, 0, 0, 0, band(rshift(bits, 24), 255), band(rshift(bits, 16), 255), band(rshift(bits, 8), 255), band(bits, 255))
    for i = 1, 8 do H[i] = INNER[i] end
    for off = 0, #last - 1, 64 do
        for i = 1, 16 do
            local p = off + i * 4 - 3
            local b1, b2, b3, b4 = byte(last, p, p + 3)
            W[i] = tobit(b1 * 16777216 + b2 * 65536 + b3 * 256 + b4)
        end
        compress()
    end
    -- The outer hash's one block: the inner digest, then padding for 64 + 32 bytes.
    for i = 1, 8 do W[i] = H[i]; H[i] = OUTER[i] end
    W[9] = tobit(0x80000000)
    for i = 10, 15 do W[i] = 0 end
    W[16] = (64 + 32) * 8
    compress()
    local hex = {}
    for i = 1, 8 do hex[i] = tohex(H[i], 8) end
    return "sha256=" .. table.concat(hex)
end

-- Unique per wrk process: its counters start at 1 again, and a repeated id would be answered "duplicate", cheaply.
local run_id = os.getenv("RUN_ID")
local next_thread = 0
local counter = 0
function setup(thread)
    thread:set("tid", next_thread)
    next_thread = next_thread + 1
end

-- VERIFY_DIR: bodies and signatures for nonces of every length that moves the padding across a block, for openssl.
function init()
    local dir = os.getenv("VERIFY_DIR")
    if not dir then return end
    for n = 1, 80, 3 do
        local suffix = ',"bench_nonce":"' .. rep("v", n) .. '"}'
        local out = io.open(dir .. "/" .. n .. ".body", "wb")
        out:write(prefix, suffix)
        out:close()
        out = io.open(dir .. "/" .. n .. ".sig", "wb")
        out:write(signature(suffix))
        out:close()
    end
end

function request()
    counter = counter + 1
    local nonce = run_id .. "-" .. tostring(tid) .. "-" .. counter
    local suffix = ',"bench_nonce":"' .. nonce .. '"}'
    return wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["X-GitHub-Event"] = "push",
        ["X-GitHub-Delivery"] = "bench-" .. nonce,
        ["X-Hub-Signature-256"] = signature(suffix),
    }, prefix .. suffix)
end
LUA

# warm NAME URL SECONDS: load that is not measured, as three wrk processes like the measured runs: each opens its
# connections anew, and code compiled while connections were only reused is otherwise compiled again (JFR showed
# Jetty's connection methods deoptimised at the first measured run, and C2 busy for its first seconds).
warm() {
    local i
    for i in 1 2 3; do
        RUN_ID="$(date +%s%N)" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$(( ($3 + 2) / 3 ))s" \
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
    # wrk's own CPU (user and system) is timed too: signing each body must not make it the bottleneck.
    { TIMEFORMAT='%U %S'; time RUN_ID="$(date +%s%N)" wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency \
        -s "$WORK/post.lua" "$url" > "$WORK/$name.txt"; } 2> "$WORK/$name.time"
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
    printf '%-18s %10s req/s  p50 %8s  p99 %8s  server CPU %6.1f us/request  wrk CPU %5.1f us/request  (%s requests, %s)\n' \
        "$name" "$rps" "$p50" "$p99" "$CPU" "$(awk -v n="$requests" '{print ($1 + $2) * 1000000 / n}' "$WORK/$name.time")" "$requests" "$(grep -E 'Non-2xx' "$WORK/$name.txt" | tr -s ' ' || echo 'all 2xx')"
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

# wrk's HMAC against openssl's before any load, on bodies whose nonces move the padding over every case of the tail.
mkdir "$WORK/verify"
RUN_ID=verify VERIFY_DIR="$WORK/verify" wrk -t1 -c1 -d1s -s "$WORK/post.lua" "http://127.0.0.1:$RX_PORT/healthz" >/dev/null
checked=0
for sig in "$WORK"/verify/*.sig; do
    expected="sha256=$(openssl dgst -sha256 -hmac "$SECRET" -r < "${sig%.sig}.body" | cut -d' ' -f1)"
    if [ "$(cat "$sig")" != "$expected" ]; then
        echo "wrk's HMAC differs from openssl's for ${sig%.sig}.body: $(cat "$sig") != $expected" >&2
        exit 1
    fi
    checked=$((checked + 1))
done
[ "$checked" -eq 27 ] || { echo "wrk wrote $checked bodies to check against openssl, not 27" >&2; exit 1; }
echo "wrk's HMAC-SHA256 matches openssl's for $checked nonces of 1 to 79 characters"

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

echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s after ${WARMUP}s of warm-up, $(wc -c < "$BODY")-byte push with a nonce of its own per request, signed, $(nproc) CPUs, $(uname -r)"
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
# answers LABEL PORT: the receiver's deliveries by hook and result, warm-up included; a "duplicate" on the accepted hook means its
# figures measured the replay check, not the accepted path, so the script stops there.
answers() {
    curl -s "http://127.0.0.1:$2/metrics" > "$WORK/metrics.txt"
    awk -F'[{}]' -v label="$1" '/^signed_webhook_deliveries_total/ {printf "%s answers: %s %s\n", label, $2, $3}' "$WORK/metrics.txt"
    if grep -E '^signed_webhook_deliveries_total\{.*hook="accepted".*result="duplicate"' "$WORK/metrics.txt" >&2; then
        echo "the accepted hook answered duplicate: its bodies repeated" >&2
        exit 1
    fi
}
answers receiver "$RX_PORT"

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
        RUN_ID="$(date +%s%N)$id" wrk -t1 -c"$HALF" -d"${DURATION}s" --latency \
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
        answers pg "$port"
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
