"""Second servers for the federation tests: Oxigraph's server, a misbehaving endpoint, and Comunica.

Each is a real process on a free loopback port, polled until it answers. A missing binary skips the test,
or fails it when DIPLOGRAPH_REQUIRE_ALL=1 (CI).
"""

from __future__ import annotations

import json
import os
import shutil
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .conftest import require
from .server_fixtures import free_port

HERE = Path(__file__).parent
PEOPLE = HERE / "fixtures" / "federation" / "people.ttl"
COMUNICA = HERE / "comunica"
DATASET_TYPES = {"application/trig", "application/n-quads", "application/ld+json"}
MEDIA_TYPES = {".ttl": "text/turtle", ".trig": "application/trig", ".nq": "application/n-quads",
               ".jsonld": "application/ld+json", ".nt": "application/n-triples"}


def oxigraph_binary() -> str:
    """The `oxigraph` command (PyPI package `oxigraph`), next to this Python or on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    require(found is not None, "the Oxigraph server is not installed (pip install oxigraph)")
    return found


def http(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 60, cafile: Path | None = None) -> tuple[int, dict[str, str], bytes]:
    """One HTTP exchange: status, headers (lower-case names), body; error statuses are returned, not raised."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    context = ssl.create_default_context(cafile=str(cafile)) if cafile else None
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()


def bindings(body: bytes) -> list[dict[str, str]]:
    """SPARQL JSON results as rows of plain values."""
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(body)["results"]["bindings"]]


@dataclass
class Oxigraph:
    """A running `oxigraph serve` (in memory)."""

    url: str
    process: subprocess.Popen
    log: Path

    @property
    def query_url(self) -> str:
        return f"{self.url}/query"

    def select(self, sparql: str) -> list[dict[str, str]]:
        """The rows of a SELECT query."""
        status, _, body = http("POST", self.query_url, urllib.parse.urlencode({"query": sparql}).encode(),
                               {"Accept": "application/sparql-results+json",
                                "Content-Type": "application/x-www-form-urlencoded"})
        assert status == 200, body.decode("utf-8", "replace")
        return bindings(body)

    def load(self, data: bytes, media_type: str) -> None:
        """Add RDF to the store: a dataset format keeps its graphs, a graph format goes to the default graph."""
        # Without ?default, Oxigraph (like the Graph Store Protocol) puts a POSTed graph in a new named graph.
        target = "/store" if media_type in DATASET_TYPES else "/store?default"
        status, _, body = http("POST", f"{self.url}{target}", data, {"Content-Type": media_type})
        assert status in (200, 201, 204), body.decode("utf-8", "replace")

    def stop(self) -> None:
        """Stop the server."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_oxigraph(workdir: Path, *files: Path, union_default: bool = True, wait: float = 30) -> Oxigraph:
    """Start an in-memory Oxigraph server, wait until it answers, and load `files` into it."""
    binary = oxigraph_binary()
    port = free_port()
    log = workdir / f"oxigraph-{port}.log"
    cmd = [binary, "serve", "--bind", f"127.0.0.1:{port}"] + (["--union-default-graph"] if union_default else [])
    process = subprocess.Popen(cmd, cwd=workdir, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = Oxigraph(f"http://127.0.0.1:{port}", process, log)
    _poll(f"{server.query_url}?query=ASK%7B%7D", process, log, wait, server.stop)
    for path in files:
        server.load(path.read_bytes(), MEDIA_TYPES[path.suffix])
    return server


@dataclass
class Misbehaving:
    """tests/misbehaving_endpoint.py, running."""

    url: str
    process: subprocess.Popen

    def stop(self) -> None:
        """Stop the server."""
        self.process.terminate()
        self.process.wait(timeout=10)


def start_misbehaving(workdir: Path, wait: float = 15, tls: tuple[Path, Path, Path] | None = None) -> Misbehaving:
    """Start the misbehaving endpoint on a free port; with `tls` (certificate, key, CA that signed it) over HTTPS."""
    port = free_port()
    log = workdir / f"misbehaving-{port}.log"
    cmd = [sys.executable, str(HERE / "misbehaving_endpoint.py"), str(port)] + [str(p) for p in (tls or ())[:2]]
    process = subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    server = Misbehaving(f"{'https' if tls else 'http'}://127.0.0.1:{port}", process)
    _poll(f"{server.url}/rows?n=1", process, log, wait, server.stop, tls[2] if tls else None)
    return server


def _poll(url: str, process: subprocess.Popen, log: Path, wait: float, stop, cafile: Path | None = None) -> None:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}:\n{log.read_text()}")
        try:
            if http("GET", url, timeout=5, cafile=cafile)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    stop()
    raise RuntimeError(f"{url} did not answer within {wait} s:\n{log.read_text()}")


def comunica(sparql: str, *sources: str, workdir: Path) -> list[dict[str, str]]:
    """Run a query with Comunica (tests/comunica/query.mjs) over sources `sparql@URL` or `turtle@PATH`."""
    node = shutil.which("node")
    require(node is not None, "Node.js is not installed")
    require((COMUNICA / "node_modules" / "@comunica" / "query-sparql").exists(),
            "Comunica is not installed (npm ci --prefix tests/comunica)")
    query_file = workdir / f"comunica-{time.monotonic_ns()}.rq"
    query_file.write_text(sparql)
    done = subprocess.run([node, str(COMUNICA / "query.mjs"), str(query_file), *sources], capture_output=True,
                          timeout=120, env={**os.environ, "NODE_NO_WARNINGS": "1"})
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return bindings(done.stdout)
