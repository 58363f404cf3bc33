#!/usr/bin/python3
"""An HTTP receiver on loopback for the webhook tests (Python's http.server).

Prints "PORT <n>" once it listens, then appends every POST it gets to
DIR/received.jsonl: {"path", "headers": {lower-case name: value}, "body"}.

  --fail-first N   answer the first N requests 500 (the sender must retry)
"""

import argparse
import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    lock = threading.Lock()
    seen = {"requests": 0}

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length).decode("utf-8")
            with lock:
                seen["requests"] += 1
                failing = seen["requests"] <= args.fail_first
                with open(os.path.join(args.dir, "received.jsonl"), "a") as log:
                    log.write(json.dumps({"path": self.path, "status": 500 if failing else 204,
                                          "headers": {k.lower(): v for k, v in self.headers.items()},
                                          "body": body}) + "\n")
            self.send_response(500 if failing else 204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *unused):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
