#!/usr/bin/env bash
# Smoke run of the plugin in a real Jenkins, as a user drives it:
#   1. a freestyle job with the signedWebhook trigger is built by a signed push (202 accepted, build SUCCESS);
#   2. Jenkins is killed (-9) and started again; GitHub's "Redeliver" of that push is 200 duplicate, no second build;
#   3. a scripted Pipeline calls notifyWebhook wait: true against a sink that answers 503; Jenkins is killed and
#      started again while the step waits; the sink then answers 200 and the build ends SUCCESS with one webhook-id;
#   4. no SEVERE log line names the plugin, and the secret appears in no console and no log.
#
#   JENKINS_WAR=/path/to/jenkins.war PLUGINS_DIR=/path/to/hpis plugin/smoke/run.sh
#
# JENKINS_WAR  jenkins.war, 2.479.3 or newer (without it the run is skipped and the script exits 0).
# PLUGINS_DIR  a directory holding these plugins (.hpi or .jpi) and the plugins they require; only those are
#              installed (read from each manifest's Plugin-Dependencies), no update center is used:
#              credentials plain-credentials structs workflow-step-api workflow-api workflow-job workflow-cps
#              workflow-support workflow-basic-steps script-security scm-api
#              (the Pipeline is scripted and uses only notifyWebhook, echo and error: no Declarative needed).
# PLUGIN_HPI   the plugin to test; default plugin/target/signed-webhook.hpi.
# Ports are taken free on 127.0.0.1.
set -euo pipefail

if [[ -z "${JENKINS_WAR:-}" ]]; then
    echo "smoke: skipped: JENKINS_WAR is not set (no jenkins.war is reachable from this machine)"
    exit 0
fi
for tool in java curl python3 openssl; do
    command -v "$tool" >/dev/null || { echo "smoke: $tool is required" >&2; exit 2; }
done

here="$(cd "$(dirname "$0")" && pwd)"
plugin_hpi="${PLUGIN_HPI:-$here/../target/signed-webhook.hpi}"
push_json="$here/../../webhook-core/src/test/resources/fixtures/github/push-branch.json"
required=(credentials plain-credentials structs workflow-step-api workflow-api workflow-job workflow-cps
          workflow-support workflow-basic-steps script-security scm-api)
[[ -f "$plugin_hpi" ]] || { echo "smoke: $plugin_hpi not found; build the plugin first" >&2; exit 2; }
[[ -d "${PLUGINS_DIR:-}" ]] || { echo "smoke: PLUGINS_DIR must name a directory of dependency plugins" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
port="$(free_port)"
sink_port="$(free_port)"
base="http://127.0.0.1:$port"
secret="smoke-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
work="$(mktemp -d)"
export JENKINS_HOME="$work/home"
mkdir -p "$JENKINS_HOME/plugins"
# Only the listed plugins and the plugins they (and this one) require, read from each manifest: nothing else loads.
python3 - "$PLUGINS_DIR" "$JENKINS_HOME/plugins" "$plugin_hpi" "${required[@]}" <<'PY' || exit 2
import os, shutil, sys, zipfile
source, target, ours, wanted = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
def manifest(path):
    text = zipfile.ZipFile(path).read("META-INF/MANIFEST.MF").decode("utf-8").replace("\r\n", "\n").replace("\n ", "")
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
def needs(path):
    deps = manifest(path).get("Plugin-Dependencies", "")
    return [d.split(":")[0] for d in deps.split(",") if d and "resolution:=optional" not in d]
def find(name):
    for ext in ("hpi", "jpi"):
        path = os.path.join(source, name + "." + ext)
        if os.path.exists(path):
            return path
    sys.exit("smoke: " + os.path.join(source, name) + ".hpi (or .jpi) is missing")
todo, done = list(wanted) + needs(ours), set()
while todo:
    name = todo.pop()
    if name in done:
        continue
    done.add(name)
    path = find(name)
    shutil.copy(path, os.path.join(target, name + ".jpi"))
    todo.extend(needs(path))
print("smoke: plugins " + " ".join(sorted(done)))
PY
cp "$plugin_hpi" "$JENKINS_HOME/plugins/signed-webhook.jpi"

jenkins_pid=""
sink_pid=""
cleanup() {
    [[ -n "$jenkins_pid" ]] && kill -9 "$jenkins_pid" 2>/dev/null || true
    [[ -n "$sink_pid" ]] && kill "$sink_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "smoke: FAILED: $*" >&2
    tail -40 "$work"/jenkins-*.log >&2 || true
    exit 1
}

# The sink answers 503 while $work/sink-503 exists, else 200, and writes each request as one JSON line.
python3 - "$sink_port" "$work/received.jsonl" "$work/sink-503" <<'PY' &
import http.server, json, os, sys
port, out, flag = int(sys.argv[1]), sys.argv[2], sys.argv[3]
class Sink(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = 503 if os.path.exists(flag) else 200
        with open(out, "a") as f:
            f.write(json.dumps({"status": status, "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body.decode("utf-8")}) + "\n")
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("127.0.0.1", port), Sink).serve_forever()
PY
sink_pid=$!

starts=0
start_jenkins() {
    starts=$((starts + 1))
    java -Djenkins.install.runSetupWizard=false -jar "$JENKINS_WAR" --httpPort="$port" --httpListenAddress=127.0.0.1 \
        >"$work/jenkins-$starts.log" 2>&1 &
    jenkins_pid=$!
    echo "smoke: waiting for Jenkins (start $starts) on $base"
    for _ in $(seq 1 240); do
        if curl -fsS -o /dev/null "$base/login" 2>/dev/null; then break; fi
        sleep 1
    done
    curl -fsS -o /dev/null "$base/login" || fail "Jenkins did not start"
    # Crumbs belong to the session, so every request of one start shares one cookie jar.
    jar="$work/cookies-$starts"
    local crumb_json
    crumb_json="$(curl -fsS -c "$jar" -b "$jar" "$base/crumbIssuer/api/json")"
    crumb_field="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["crumbRequestField"])' <<<"$crumb_json")"
    crumb="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["crumb"])' <<<"$crumb_json")"
    local inactive
    inactive="$(curl -fsS -b "$jar" "$base/pluginManager/api/json?depth=1" | python3 -c '
import json, sys
want = set(sys.argv[1:]) | {"signed-webhook"}
active = {p["shortName"] for p in json.load(sys.stdin)["plugins"] if p["active"] and p["enabled"]}
print(" ".join(sorted(want - active)))' "${required[@]}")"
    [[ -z "$inactive" ]] || fail "plugins not active: $inactive"
}
kill_jenkins() {
    kill -9 "$jenkins_pid"
    wait "$jenkins_pid" 2>/dev/null || true
    jenkins_pid=""
}
post() {
    curl -fsS -c "$jar" -b "$jar" -H "$crumb_field: $crumb" -X POST "$@"
}
build_field() { # job number field
    curl -fsS -b "$jar" "$base/job/$1/$2/api/json" 2>/dev/null \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[sys.argv[1]])' "$3" 2>/dev/null || true
}
wait_result() { # job number seconds
    local result=""
    for _ in $(seq 1 "$3"); do
        [[ "$(build_field "$1" "$2" building)" == "False" ]] && result="$(build_field "$1" "$2" result)" && break
        sleep 1
    done
    echo "$result"
}
signed_push() { # delivery id; prints "status body"
    local sig
    sig="sha256=$(openssl dgst -sha256 -hmac "$secret" -r <"$push_json" | cut -d' ' -f1)"
    curl -sS -o "$work/answer.json" -w '%{http_code}' "$base/signed-webhook/" -H 'Content-Type: application/json' \
        -H 'X-GitHub-Event: push' -H "X-GitHub-Delivery: $1" -H "X-Hub-Signature-256: $sig" --data-binary @"$push_json"
    echo " $(cat "$work/answer.json")"
}
build_count() {
    curl -fsS -b "$jar" "$base/job/$1/api/json?tree=builds%5Bnumber%5D" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["builds"]))'
}

start_jenkins

echo "smoke: settings, credential and jobs"
post --data-urlencode "script=io.jenkins.plugins.signedwebhook.SignedWebhookConfiguration.get().with { setCallbackAllowedHosts('127.0.0.1'); save() }" \
    "$base/scriptText" >/dev/null
post -H 'Content-Type: application/xml' --data-binary @- "$base/credentials/store/system/domain/_/createCredentials" <<XML
<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
  <scope>GLOBAL</scope>
  <id>smoke-hook</id>
  <description>signed webhook smoke run</description>
  <secret>$secret</secret>
</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
XML
post -H 'Content-Type: application/xml' --data-binary @- "$base/createItem?name=app" <<XML
<project>
  <quietPeriod>0</quietPeriod>
  <triggers>
    <io.jenkins.plugins.signedwebhook.SignedWebhookTrigger>
      <spec></spec>
      <repository>octo-org/app</repository>
      <credentialsId>smoke-hook</credentialsId>
      <refs>main</refs>
    </io.jenkins.plugins.signedwebhook.SignedWebhookTrigger>
  </triggers>
  <builders/>
</project>
XML
post -H 'Content-Type: application/xml' --data-binary @- "$base/createItem?name=deploy" <<XML
<flow-definition>
  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition">
    <script>def r = notifyWebhook url: 'http://127.0.0.1:$sink_port/hook', credentialsId: 'smoke-hook', retries: 8, data: [run: 'smoke']
if (r.status != 'delivered') { error "callback ended \${r.status}" }
echo "callback id \${r.id} after \${r.attempts} attempt(s)"</script>
    <sandbox>true</sandbox>
  </definition>
</flow-definition>
XML

echo "smoke: 1. a signed push builds the job"
answer="$(signed_push smoke-delivery-1)"
[[ "$answer" == 202* && "$answer" == *'"accepted"'* ]] || fail "push answered $answer"
[[ "$(wait_result app 1 60)" == "SUCCESS" ]] || fail "build app#1 did not succeed"
curl -fsS -b "$jar" "$base/job/app/1/consoleText" | grep -q "Started by GitHub push to main" || fail "app#1 lacks the push cause"

echo "smoke: 2. kill -9, start, redeliver"
kill_jenkins
start_jenkins
answer="$(signed_push smoke-delivery-1)"
[[ "$answer" == 200* && "$answer" == *'"duplicate"'* ]] || fail "redelivery after the restart answered $answer"
sleep 5
[[ "$(build_count app)" == "1" ]] || fail "the redelivery built app again"

echo "smoke: 3. notifyWebhook wait: true across a kill -9 of Jenkins"
touch "$work/sink-503"
post "$base/job/deploy/build" -o /dev/null
for _ in $(seq 1 60); do
    [[ -s "$work/received.jsonl" ]] && break
    sleep 1
done
[[ -s "$work/received.jsonl" ]] || fail "the sink received no first attempt"
kill_jenkins
start_jenkins
rm -f "$work/sink-503"
[[ "$(wait_result deploy 1 180)" == "SUCCESS" ]] || fail "deploy#1 did not succeed after the restart"
console="$(curl -fsS -b "$jar" "$base/job/deploy/1/consoleText")"
echo "$console" | tail -5
python3 - "$work/received.jsonl" "$secret" "$console" <<'PY' || fail "the callback is not as documented"
import base64, hashlib, hmac, json, sys
received = [json.loads(line) for line in open(sys.argv[1])]
secret, console = sys.argv[2].encode(), sys.argv[3]
assert received[0]["status"] == 503 and received[-1]["status"] == 200, [r["status"] for r in received]
ids = {r["headers"]["webhook-id"] for r in received}
assert len(ids) == 1, ids
r = received[-1]
h, body = r["headers"], r["body"]
msg = json.loads(body)
assert msg["type"] == "deploy.finished" and msg["data"]["job"] == "deploy" and msg["data"]["build"] == 1, msg
assert msg["data"]["fields"] == {"run": "smoke"}, msg
assert h["webhook-id"] == msg["id"] and "callback id " + msg["id"] in console, h
signed = (h["webhook-id"] + "." + h["webhook-timestamp"] + "." + body).encode()
expected = "v1," + base64.b64encode(hmac.new(secret, signed, hashlib.sha256).digest()).decode()
assert expected in h["webhook-signature"].split(" "), h
assert h["x-hub-signature-256"] == "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest(), h
assert h["user-agent"].startswith("signed-webhook/"), h
assert "upgrade" not in h and "http2-settings" not in h, h
PY

echo "smoke: 4. logs"
# Jenkins abbreviates long logger names (i.j.p.s.WebhookService), so both forms are looked for.
names='signed.?webhook|io\.jenkins\.plugins\.signedwebhook|i\.j\.p\.s\.'
if grep -h "SEVERE" -A3 "$work"/jenkins-*.log | grep -iE "$names" >/dev/null; then
    grep -h "SEVERE" -A3 "$work"/jenkins-*.log | grep -iE -B3 "$names" >&2
    fail "a SEVERE log line names the plugin"
fi
for f in "$work"/jenkins-*.log; do
    ! grep -q "$secret" "$f" || fail "the secret appears in $f"
done
curl -fsS -b "$jar" "$base/job/app/1/consoleText" | grep -q "$secret" && fail "the secret appears in app#1's console"
[[ "$console" != *"$secret"* ]] || fail "the secret appears in deploy#1's console"
echo "smoke: OK"
