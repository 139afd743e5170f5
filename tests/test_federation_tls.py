"""HTTPS SERVICE calls: the connection goes to the address that was checked, yet the certificate is still
verified against the host name in the URL; a certificate nobody vouches for is a failure naming the endpoint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import require
from .federation_fixtures import Misbehaving, start_misbehaving
from .server_fixtures import Server, start_server

pytestmark = pytest.mark.server


def openssl(*args: str, cwd: Path) -> None:
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def certificates(folder: Path) -> dict[str, Path]:
    """A CA, a server certificate it signs for localhost and 127.0.0.1, and a self-signed one nobody trusts."""
    require(shutil.which("openssl") is not None, "the openssl command is not installed")
    days = ["-days", "2"]
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", *days,
            "-subj", "/CN=diplograph test CA", cwd=folder)
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
            "-subj", "/CN=localhost", cwd=folder)
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-extfile", "san.ext", *days, cwd=folder)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rogue.key", "-out", "rogue.pem", *days,
            "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", cwd=folder)
    return {name: folder / name for name in ("ca.pem", "server.pem", "server.key", "rogue.pem", "rogue.key")}


@dataclass
class Setup:
    ours: Server
    trusted: Misbehaving
    rogue: Misbehaving

    def port(self, server: Misbehaving) -> str:
        return server.url.rsplit(":", 1)[1]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Setup]:
    work = tmp_path_factory.mktemp("federation-tls")
    c = certificates(work)
    trusted = start_misbehaving(work, tls=(c["server.pem"], c["server.key"], c["ca.pem"]))
    rogue = start_misbehaving(work, tls=(c["rogue.pem"], c["rogue.key"], c["rogue.pem"]))
    t, r = trusted.url.rsplit(":", 1)[1], rogue.url.rsplit(":", 1)[1]
    allowed = [f"https://127.0.0.1:{t}/rows?n=2", f"https://localhost:{t}/rows?n=2", f"https://127.0.0.1:{r}/rows?n=2"]
    previous = os.environ.get("SSL_CERT_FILE")
    os.environ["SSL_CERT_FILE"] = str(c["ca.pem"])  # our server trusts the test CA, and only it
    try:
        allow = [a for url in allowed for a in ("--service-allow", url)]
        ours = start_server(work, "--data", str(protocol_data), *allow)
    finally:
        if previous is None:
            del os.environ["SSL_CERT_FILE"]
        else:
            os.environ["SSL_CERT_FILE"] = previous
    yield Setup(ours, trusted, rogue)
    ours.stop()
    trusted.stop()
    rogue.stop()


def call(server: Server, endpoint: str) -> tuple[int, dict]:
    r = server.query(f"SELECT ?i {{ SERVICE <{endpoint}> {{ ?i ?p ?o }} }}", accept="application/sparql-results+json")
    return r.status, json.loads(r.body)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_verified_https_endpoint_answers(setup: Setup, host: str) -> None:
    status, body = call(setup.ours, f"https://{host}:{setup.port(setup.trusted)}/rows?n=2")
    assert status == 200, body
    assert [b["i"]["value"] for b in body["results"]["bindings"]] == ["0", "1"]


def test_an_untrusted_certificate_fails_naming_the_endpoint(setup: Setup) -> None:
    endpoint = f"https://127.0.0.1:{setup.port(setup.rogue)}/rows?n=2"
    status, body = call(setup.ours, endpoint)
    assert status == 502 and f"SERVICE <{endpoint}>" in body["detail"] and "CERTIFICATE_VERIFY_FAILED" in body["detail"]
