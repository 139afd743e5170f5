"""Real servers for tests: `diplograph serve` started as a subprocess on a free port, polled until it answers."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

W3C = Path(__file__).parent / "w3c"
TOKEN = "test-token-7f3a"


def free_port() -> int:
    """A port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Response:
    """What came back: status, headers (lower-case names), body."""

    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    def text(self) -> str:
        return self.body.decode("utf-8")


@dataclass
class Server:
    """A running `diplograph serve`."""

    url: str
    process: subprocess.Popen
    log: Path
    token: str | None = None

    @property
    def port(self) -> int:
        return urllib.parse.urlsplit(self.url).port

    def request(self, method: str, path: str, body: bytes | str | None = None,
                headers: dict[str, str] | list[tuple[str, str]] | None = None, auth: bool = False,
                timeout: float = 60) -> Response:
        """One HTTP exchange, exactly as given (http.client adds no Content-Type of its own)."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        items = list(headers.items()) if isinstance(headers, dict) else list(headers or [])
        if auth and self.token:
            items.append(("Authorization", f"Bearer {self.token}"))
        data = body.encode("utf-8") if isinstance(body, str) else body
        conn.putrequest(method, path, skip_accept_encoding=True)
        for name, value in items:
            conn.putheader(name, value)
        if data is not None or method in ("POST", "PUT"):
            conn.putheader("Content-Length", str(len(data or b"")))
        conn.endheaders(data)
        r = conn.getresponse()
        out = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        conn.close()
        return out

    def query(self, sparql: str, accept: str | None = None, **params: str) -> Response:
        """A GET query."""
        qs = urllib.parse.urlencode({"query": sparql, **params})
        return self.request("GET", f"/sparql?{qs}", headers={"Accept": accept} if accept else None)

    def update(self, sparql: str) -> Response:
        """A direct-POST update with the token."""
        return self.request("POST", "/sparql", sparql, {"Content-Type": "application/sparql-update"}, auth=True)

    def stop(self) -> None:
        """Stop gunicorn (and so its workers and query processes)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_server(workdir: Path, *args: str, token: str | None = None, port: int | None = None,
                 wait: float = 60) -> Server:
    """Start `diplograph serve ARGS` in `workdir` and wait until a query succeeds."""
    port = port or free_port()
    cmd = [sys.executable, "-m", "diplograph.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *args]
    if token:
        token_file = workdir / "token"
        token_file.write_text(token + "\n")
        cmd += ["--update-token-file", str(token_file)]
    log = workdir / f"server-{port}.log"
    process = subprocess.Popen(cmd, cwd=workdir, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    server = Server(f"http://127.0.0.1:{port}", process, log, token)
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{log.read_text()}")
        try:
            if server.query("ASK {}").status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"server did not answer within {wait} s:\n{log.read_text()}")


def protocol_dataset(path: Path) -> Path:
    """The W3C protocol test data (data1-3.nt), each in the named graph the manifest labels it with."""
    ds = Dataset()
    for n in (1, 2, 3):
        graph = ds.graph(URIRef(f"http://kasei.us/2009/09/sparql/data/data{n}.rdf"))
        for triple in Graph().parse(W3C / "protocol" / f"data{n}.nt", format="nt"):
            graph.add(triple)
    path.write_text(ds.serialize(format="nquads"))
    return path
