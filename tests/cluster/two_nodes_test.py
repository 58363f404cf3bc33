#!/usr/bin/python3
"""Two Yardstick nodes on one PostgreSQL primary with a streaming replica,
behind nginx, as ops/cluster starts them (issue 9):

1. both nodes answer through nginx; reports and exports read on the replica,
   and an export right after a submission has it;
2. a submission through node A reaches a live report stream on node B
   within a second;
3. the node that holds an e-mail in the middle of sending it (the SMTP
   server has the message and holds back its 250) is killed with SIGKILL:
   the other node sends it, no e-mail is lost, and no Message-ID arrives
   twice with different content.

Runs ops/cluster in a directory of its own, with the yardstick binary given
as YARDSTICK_BINARY; exits non-zero on any failure.
"""

import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ["YARDSTICK_BINARY"]


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def free_port_block(count=5):
    """A base port with `count` free ports after it."""
    for _ in range(50):
        base = random.randint(20000, 60000)
        try:
            for offset in range(count):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", base + offset))
            return base
        except OSError:
            continue
    raise RuntimeError("no free ports")


class Http:
    def __init__(self, token):
        self.token = token

    def call(self, method, url, body=None, expect=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", "Bearer " + self.token)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        if expect is not None:
            check(status == expect, f"{method} {url}: expected {expect}, got {status}: {text}")
        return json.loads(text) if text else None


def wait_for(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def log_lines(directory, node):
    with open(os.path.join(directory, f"node-{node}.log")) as log:
        return [json.loads(line) for line in log if line.startswith("{")]


def main():
    work = tempfile.mkdtemp(prefix="yardstick-cluster-")
    os.chmod(work, 0o755)
    cluster = os.path.join(work, "cluster")
    sink_dir = os.path.join(work, "sink")
    base = free_port_block()
    sink = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests/support/smtp_sink.py"), "--dir", sink_dir,
                             "--hold-message", "1"], stdout=subprocess.PIPE, text=True)
    sink_port = int(sink.stdout.readline().split()[1])
    env = dict(os.environ, YARDSTICK_CLUSTER_DIR=cluster, YARDSTICK_CLUSTER_PORT=str(base),
               YARDSTICK_SMTP_URL=f"smtp://127.0.0.1:{sink_port}", YARDSTICK_SMTP_STARTTLS="off",
               YARDSTICK_MAIL_RETRY_BASE="0.2", YARDSTICK_RATE_LIMIT="off")
    ops = os.path.join(ROOT, "ops/cluster")
    try:
        subprocess.run([ops, "start"], env=env, check=True)
        front, node_a, node_b = (f"http://127.0.0.1:{base + i}" for i in range(3))
        token_out = subprocess.run([BINARY, "token", "create", "--database-url", cluster_url(cluster, base + 3),
                                    "--user", "admin@localhost", "--role", "admin"],
                                   check=True, capture_output=True, text=True).stdout
        http = Http(token_out.strip().splitlines()[-1])

        # 1. Through nginx, to either node; reports read on the replica.
        for _ in range(4):
            with urllib.request.urlopen(front + "/readyz", timeout=5) as ready:
                check(ready.status == 200, "readyz through nginx")
        http.call("POST", front + "/api/v1/programmes",
                  {"slug": "pilot", "name": "MobiliseSME pilot", "template": "mobilisesme"}, 201)
        api = front + "/api/v1/programmes/pilot"
        sending = http.call("POST", api + "/organisations",
                            {"name": "Atelier Dupont", "country": "BE", "sector": "C25", "size": "small"}, 201)["id"]
        hosting = http.call("POST", api + "/organisations",
                            {"name": "Software Meier", "country": "DE", "sector": "J62", "size": "small"}, 201)["id"]
        for organisation, email, language in ((sending, "claire@example.org", "en"),
                                              (hosting, "jonas@example.org", "de")):
            http.call("POST", api + "/participants", {"organisation_id": organisation, "role": "contact",
                                                      "name": "Sam Example", "email": email, "language": language}, 201)
        employee = http.call("POST", api + "/participants",
                             {"organisation_id": sending, "role": "employee", "name": "Sam Example",
                              "email": "luc@example.org", "language": "fr"}, 201)["id"]
        start = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 10 * 86400))
        end = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 39 * 86400))
        exchange = http.call("POST", api + "/engagements",
                             {"kind": "exchange", "sending_organisation_id": sending, "hosting_organisation_id": hosting,
                              "participant_id": employee, "starts_on": start, "ends_on": end}, 201)["id"]
        report = http.call("GET", front + "/api/v1/programmes/pilot/report", expect=200)
        check("data_version" in report, "a report through nginx")
        replica_sessions = subprocess.run(
            ["runuser", "-u", "postgres", "--", "/usr/bin/psql", "-h", socket_dir(cluster), "-p", str(base + 4),
             "-d", "yardstick", "-tAc", "SELECT count(*) FROM pg_stat_activity WHERE datname = 'yardstick' "
             "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"],
            check=True, capture_output=True, text=True).stdout.strip()
        check(int(replica_sessions) >= 1, "the nodes read on the replica")

        # 2. Live: a stream on node B, a submission through node A.
        invitation = http.call("POST", node_a + "/api/v1/programmes/pilot/invitations",
                               {"engagement_id": exchange, "respondent": "employee", "wave": "post"}, 201)
        token = invitation["url"].rsplit("/", 1)[1]
        stream = urllib.request.Request(node_b + "/api/v1/programmes/pilot/report/stream")
        stream.add_header("Authorization", "Bearer " + http.token)
        events = urllib.request.urlopen(stream, timeout=10)
        first = read_event(events)
        submitted = time.monotonic()
        answers = {"training_role": "both", "professional_development": 5, "career_opportunities": 4,
                   "skills_benefit_company": 4, "skill_technical": 4, "skill_language": 4,
                   "skill_intercultural": 3, "skill_business_abroad": 3, "recommend": 10}
        http.call("POST", node_a + f"/api/v1/forms/{token}/submission", {"consent_version": 1, "answers": answers}, 201)
        second = read_event(events)
        elapsed = time.monotonic() - submitted
        check(second["data_version"] > first["data_version"], "node B pushed a newer report")
        check(elapsed < 1.0, f"node B pushed the report {elapsed:.2f} s after the submission through node A")
        events.close()
        print(f"SSE on node B: new report {elapsed * 1000:.0f} ms after a submission through node A", flush=True)

        # An export read on the replica has the response just written on the primary.
        export = urllib.request.Request(front + "/api/v1/programmes/pilot/exports/responses.csv")
        export.add_header("Authorization", "Bearer " + http.token)
        with urllib.request.urlopen(export, timeout=10) as response:
            rows = response.read().decode().strip().splitlines()
        check(len(rows) == 2, f"responses.csv from the replica holds the new response: {rows}")

        # 3. The match wakes a scheduler (NOTIFY): three pre-wave e-mails. The
        # sink holds the first one's 250; its sender is killed.
        http.call("POST", node_a + f"/api/v1/programmes/pilot/engagements/{exchange}/transitions", {"to": "matched"}, 200)
        received = os.path.join(sink_dir, "received.jsonl")
        wait_for(lambda: os.path.exists(received) and open(received).read().strip(), 15, "the first e-mail")
        first_id = json.loads(open(received).readline())["message_id"]
        outbox_id = first_id.split(".")[0].split("-")[1]
        holder = wait_for(lambda: next((node for node in ("a", "b") for line in log_lines(cluster, node)
                                        if line.get("event") == "mail.sending"
                                        and str(line.get("outbox_id")) == outbox_id), None), 5, "the sender")
        survivor = "b" if holder == "a" else "a"
        pid = int(open(os.path.join(cluster, f"node-{holder}.pid")).read())
        os.kill(pid, signal.SIGKILL)
        print(f"killed node {holder} while it sent outbox message {outbox_id}", flush=True)

        def all_sent():
            out = subprocess.run(
                ["runuser", "-u", "postgres", "--", "/usr/bin/psql", "-h", socket_dir(cluster), "-p", str(base + 3),
                 "-d", "yardstick", "-tAc",
                 "SELECT count(*) FILTER (WHERE status = 'sent'), count(*) FROM outbox_messages"],
                check=True, capture_output=True, text=True).stdout.strip().split("|")
            return out[0] == out[1] and int(out[1]) == 3
        wait_for(all_sent, 20, f"node {survivor} to send every e-mail")
        copies = {}
        for line in open(received):
            message = json.loads(line)
            copies.setdefault(message["message_id"], set()).add(message["sha256"])
        check(len(copies) == 3, f"three distinct Message-IDs: {sorted(copies)}")
        for message_id, digests in copies.items():
            check(len(digests) == 1, f"{message_id} was sent twice with different content")
        resent = [line for line in log_lines(cluster, survivor)
                  if line.get("event") == "mail.sent" and str(line.get("outbox_id")) == outbox_id]
        check(resent, f"node {survivor} sent message {outbox_id} after node {holder} died")
        print("two nodes: OK", flush=True)
        return 0
    finally:
        subprocess.run([ops, "stop"], env=env)
        sink.kill()
        print("--- node a ---\n" + tail(os.path.join(cluster, "node-a.log")), file=sys.stderr)
        print("--- node b ---\n" + tail(os.path.join(cluster, "node-b.log")), file=sys.stderr)
        subprocess.run(["rm", "-rf", work])


def socket_dir(cluster):
    """The socket directory ops/cluster chose (a short one when the path is long)."""
    directory = os.path.join(cluster, "sockets")
    if len(directory) + 20 > 100:
        digest = subprocess.run(["sha1sum"], input=cluster, capture_output=True, text=True).stdout[:12]
        directory = f"/tmp/yardstick-cluster-{digest}"
    return directory


def cluster_url(cluster, port):
    return f"host={socket_dir(cluster)} port={port} dbname=yardstick user=postgres"


def read_event(response):
    """The data of the next `event: report` as JSON."""
    event = None
    while True:
        line = response.readline().decode()
        if not line:
            raise AssertionError("the stream ended")
        line = line.rstrip("\n")
        if line == "event: report":
            event = "report"
        elif line.startswith("data: ") and event == "report":
            return json.loads(line[6:])
        elif line == "":
            event = None


def tail(path, lines=15):
    try:
        return "".join(open(path).readlines()[-lines:])
    except OSError:
        return "(none)"


if __name__ == "__main__":
    sys.exit(main())
