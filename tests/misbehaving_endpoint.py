"""A real HTTP server that plays a SPARQL endpoint behaving badly, for the SERVICE-policy tests.

    python tests/misbehaving_endpoint.py PORT [CERTFILE KEYFILE]   (with a certificate: HTTPS)

Paths (the query string of the request itself is ignored except where said):
  /redirect?to=URL&status=302     one redirect to URL
  /hops/N?to=URL                  N redirects in a row, then to URL
  /slow?seconds=S                 answers (no rows) after S seconds
  /drip?seconds=S                 sends headers at once, then the body a byte a second for S seconds
  /status/CODE                    answers with that status and a short text
  /html                           answers 200 with an HTML page
  /rows?n=N                       answers N rows of ?i
  /bnodes                         answers rows whose ?who is a blank node
"""

from __future__ import annotations

import json
import ssl
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, urlsplit

RESULTS = "application/sparql-results+json"


def results(variables: list[str], bindings: list[dict]) -> bytes:
    """A SPARQL JSON results document."""
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}).encode()


class Handler(BaseHTTPRequestHandler):
    """Routes by path; GET and POST alike."""

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        if self.command == "POST":
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
        parts = urlsplit(self.path)
        args = {k: v[0] for k, v in parse_qs(parts.query).items()}
        path = parts.path
        if path == "/redirect":
            self.redirect(args["to"], int(args.get("status", 302)))
        elif path.startswith("/hops/"):
            n = int(path.rsplit("/", 1)[1])
            target = args["to"] if n <= 1 else f"/hops/{n - 1}?to={quote(args['to'], safe='')}"
            self.redirect(target, 302)
        elif path == "/slow":
            time.sleep(float(args.get("seconds", 5)))
            self.send(200, RESULTS, results(["x"], []))
        elif path == "/drip":
            self.drip(float(args.get("seconds", 5)))
        elif path.startswith("/status/"):
            self.send(int(path.rsplit("/", 1)[1]), "text/plain", b"the endpoint is having a bad day")
        elif path == "/html":
            self.send(200, "text/html", b"<html><body>not SPARQL</body></html>")
        elif path == "/rows":
            rows = [{"i": {"type": "literal", "value": str(i)}} for i in range(int(args.get("n", 10)))]
            self.send(200, RESULTS, results(["i"], rows))
        elif path == "/bnodes":
            rows = [{"who": {"type": "bnode", "value": f"b{i}"}, "n": {"type": "literal", "value": str(i)}}
                    for i in range(3)]
            self.send(200, RESULTS, results(["who", "n"], rows))
        else:
            self.send(404, "text/plain", b"no such path")

    do_POST = do_GET

    def redirect(self, target: str, status: int) -> None:
        self.send_response(status)
        self.send_header("Location", target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send(self, status: int, media_type: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def drip(self, seconds: float) -> None:
        body = results(["x"], [])
        self.send_response(200)
        self.send_header("Content-Type", RESULTS)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        deadline = time.monotonic() + seconds
        for byte in body:
            if time.monotonic() > deadline:
                break
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(1)

    def log_message(self, format: str, *args: object) -> None:
        sys.stderr.write(f"{self.command} {self.path} {args[1] if len(args) > 1 else ''}\n")


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    if len(sys.argv) == 4:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.serve_forever()
