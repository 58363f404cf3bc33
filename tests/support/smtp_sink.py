#!/usr/bin/python3
"""A small SMTP server on loopback for the e-mail tests (Debian's aiosmtpd).

Prints "PORT <n>" once it listens, then writes every message it accepts to
DIR/<n>.eml (the bytes as received) and a line of DIR/received.jsonl:
{"n", "mail_from", "rcpt_tos", "message_id", "sha256", "tls", "auth"}.

  --fail-first N      answer the first N messages' DATA with 451 (try later)
  --hold-message N    after storing the N-th message, never answer its DATA:
                      the sender sees no 250, as if it crashed between
                      sending and marking (the test kills it meanwhile)
  --tls-cert/--tls-key  offer STARTTLS and require it before MAIL
  --auth USER:PASS    require AUTH (PLAIN or LOGIN) with these credentials
"""

import argparse
import asyncio
import email
import hashlib
import json
import os
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, directory, fail_first, hold_message):
        self.directory = directory
        self.fail_first = fail_first
        self.hold_message = hold_message
        self.data_commands = 0
        self.stored = 0

    async def handle_DATA(self, server, session, envelope):
        self.data_commands += 1
        if self.data_commands <= self.fail_first:
            return "451 4.3.0 Temporary failure, try again later"
        self.stored += 1
        n = self.stored
        content = envelope.original_content or envelope.content
        with open(os.path.join(self.directory, f"{n}.eml"), "wb") as out:
            out.write(content)
        parsed = email.message_from_bytes(content)
        record = {
            "n": n,
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "message_id": parsed.get("Message-ID"),
            "sha256": hashlib.sha256(content).hexdigest(),
            "tls": session.ssl is not None,
            "auth": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
        }
        with open(os.path.join(self.directory, "received.jsonl"), "a") as log:
            log.write(json.dumps(record) + "\n")
        if n == self.hold_message:
            await asyncio.Event().wait()
        return "250 2.0.0 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--hold-message", type=int, default=0)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--auth")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    handler = Sink(args.dir, args.fail_first, args.hold_message)

    tls = None
    if args.tls_cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(args.tls_cert, args.tls_key)

    authenticator = None
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, data):
            ok = (isinstance(data, LoginPassword) and data.login.decode() == user
                  and data.password.decode() == password)
            return AuthResult(success=ok, auth_data=data if ok else None)

    def factory():
        return SMTP(handler, hostname="sink.localhost", enable_SMTPUTF8=True, tls_context=tls,
                    require_starttls=tls is not None, authenticator=authenticator,
                    auth_required=authenticator is not None, auth_require_tls=False)

    async def serve():
        server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
        print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
        async with server:
            await server.serve_forever()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    sys.exit(main())
