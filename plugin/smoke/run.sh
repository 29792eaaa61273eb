#!/usr/bin/env bash
# Smoke run of the plugin in a real Jenkins: a Pipeline job calls notifyWebhook against a local sink, and the
# callback must arrive signed, with the build marked SUCCESS and the secret absent from the console.
#
#   JENKINS_WAR=/path/to/jenkins.war PLUGINS_DIR=/path/to/hpis plugin/smoke/run.sh
#
# JENKINS_WAR  jenkins.war, 2.479.3 or newer (without it the run is skipped and the script exits 0).
# PLUGINS_DIR  the .hpi/.jpi files the plugin and a Pipeline need, with their dependencies: credentials,
#              plain-credentials, structs, workflow-step-api, workflow-api, workflow-job, workflow-cps,
#              workflow-support, workflow-basic-steps, script-security, scm-api, … (no update center is used).
# PLUGIN_HPI   the plugin to test; default plugin/target/signed-webhook.hpi.
# JENKINS_PORT, SINK_PORT  default 8089 and 8099.
set -euo pipefail

if [[ -z "${JENKINS_WAR:-}" ]]; then
    echo "smoke: skipped: JENKINS_WAR is not set (no jenkins.war is reachable from this machine)"
    exit 0
fi
for tool in java curl python3; do
    command -v "$tool" >/dev/null || { echo "smoke: $tool is required" >&2; exit 2; }
done

here="$(cd "$(dirname "$0")" && pwd)"
plugin_hpi="${PLUGIN_HPI:-$here/../target/signed-webhook.hpi}"
[[ -f "$plugin_hpi" ]] || { echo "smoke: $plugin_hpi not found; build the plugin first" >&2; exit 2; }
[[ -d "${PLUGINS_DIR:-}" ]] || { echo "smoke: PLUGINS_DIR must name a directory of dependency plugins" >&2; exit 2; }

port="${JENKINS_PORT:-8089}"
sink_port="${SINK_PORT:-8099}"
base="http://127.0.0.1:$port"
secret="smoke-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
work="$(mktemp -d)"
export JENKINS_HOME="$work/home"
mkdir -p "$JENKINS_HOME/plugins"
cp "$PLUGINS_DIR"/*.[hj]pi "$JENKINS_HOME/plugins/"
cp "$plugin_hpi" "$JENKINS_HOME/plugins/signed-webhook.jpi"

pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The sink answers 200 and writes each request's headers and body as one JSON line.
python3 - "$sink_port" "$work/received.jsonl" <<'PY' &
import http.server, json, sys
port, out = int(sys.argv[1]), sys.argv[2]
class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with open(out, "a") as f:
            f.write(json.dumps({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                                "body": body.decode("utf-8")}) + "\n")
        self.send_response(200)
        self.end_headers()
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Sink).serve_forever()
PY
pids+=($!)

java -Djenkins.install.runSetupWizard=false -jar "$JENKINS_WAR" --httpPort="$port" --httpListenAddress=127.0.0.1 \
    >"$work/jenkins.log" 2>&1 &
pids+=($!)

echo "smoke: waiting for Jenkins on $base"
for _ in $(seq 1 180); do
    if curl -fsS -o /dev/null "$base/login"; then break; fi
    sleep 1
done
curl -fsS -o /dev/null "$base/login" || { tail -50 "$work/jenkins.log"; echo "smoke: Jenkins did not start" >&2; exit 1; }

# Crumbs belong to the session, so every request shares one cookie jar.
jar="$work/cookies"
crumb_json="$(curl -fsS -c "$jar" -b "$jar" "$base/crumbIssuer/api/json")"
crumb_field="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["crumbRequestField"])' <<<"$crumb_json")"
crumb="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["crumb"])' <<<"$crumb_json")"
post() {
    curl -fsS -c "$jar" -b "$jar" -H "$crumb_field: $crumb" -X POST "$@"
}

echo "smoke: allowing 127.0.0.1 as a callback host"
post --data-urlencode "script=io.jenkins.plugins.signedwebhook.SignedWebhookConfiguration.get().setCallbackAllowedHosts('127.0.0.1')" \
    "$base/scriptText" >/dev/null

echo "smoke: creating the Secret text credential"
post -H 'Content-Type: application/xml' --data-binary @- \
    "$base/credentials/store/system/domain/_/createCredentials" <<XML
<org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
  <scope>GLOBAL</scope>
  <id>smoke-hook</id>
  <description>notifyWebhook smoke run</description>
  <secret>$secret</secret>
</org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl>
XML

echo "smoke: creating the Pipeline job"
post -H 'Content-Type: application/xml' --data-binary @- "$base/createItem?name=smoke" <<XML
<flow-definition plugin="workflow-job">
  <definition class="org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition" plugin="workflow-cps">
    <script>pipeline {
  agent none
  stages { stage('Build') { steps { echo 'building' } } }
  post { always { script {
    def r = notifyWebhook url: 'http://127.0.0.1:$sink_port/hook', credentialsId: 'smoke-hook', data: [run: 'smoke']
    if (r.status != 'delivered') { error "callback ended \${r.status}" }
    echo "callback id \${r.id}"
  } } }
}</script>
    <sandbox>true</sandbox>
  </definition>
</flow-definition>
XML

echo "smoke: running the job"
post "$base/job/smoke/build" -o /dev/null
result=""
for _ in $(seq 1 120); do
    result="$(curl -fsS -b "$jar" "$base/job/smoke/1/api/json" 2>/dev/null \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); print("" if d["building"] else d["result"])' 2>/dev/null || true)"
    [[ -n "$result" ]] && break
    sleep 1
done
console="$(curl -fsS -b "$jar" "$base/job/smoke/1/consoleText")"
echo "$console"

fail() { echo "smoke: FAILED: $*" >&2; exit 1; }
[[ "$result" == "SUCCESS" ]] || fail "build result is '${result:-none}'"
[[ "$console" != *"$secret"* ]] || fail "the secret appears in the console"
[[ -s "$work/received.jsonl" ]] || fail "the sink received nothing"
python3 - "$work/received.jsonl" "$secret" "$console" <<'PY' || fail "the callback is not as documented"
import base64, hashlib, hmac, json, sys
received = [json.loads(line) for line in open(sys.argv[1])]
secret, console = sys.argv[2].encode(), sys.argv[3]
r = received[0]
h, body = r["headers"], r["body"]
msg = json.loads(body)
assert msg["type"] == "deploy.finished" and msg["data"]["job"] == "smoke" and msg["data"]["build"] == 1, msg
assert msg["data"]["status"] == "SUCCESS" and msg["data"]["fields"] == {"run": "smoke"}, msg
assert h["webhook-id"] == msg["id"] and "callback id " + msg["id"] in console, h
signed = (h["webhook-id"] + "." + h["webhook-timestamp"] + "." + body).encode()
expected = "v1," + base64.b64encode(hmac.new(secret, signed, hashlib.sha256).digest()).decode()
assert expected in h["webhook-signature"].split(" "), h
assert h["x-hub-signature-256"] == "sha256=" + hmac.new(secret, body.encode(), hashlib.sha256).hexdigest(), h
assert h["user-agent"].startswith("signed-webhook/"), h
PY
echo "smoke: OK"
