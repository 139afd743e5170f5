"""HTTP behaviour around the protocol: HEAD, OPTIONS, CORS, the error shape, the landing page, VoID, dumps."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from diplograph.ingest.store import EmbeddedStore

from .conftest import REPO
from .server_fixtures import Server, start_server

pytestmark = pytest.mark.server
VOID = Namespace("http://rdfs.org/ns/void#")
DCT = Namespace("http://purl.org/dc/terms/")
LICENSE = "https://creativecommons.org/licenses/by/4.0/"


@pytest.fixture(scope="module")
def build_server(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Server]:
    """A server on a build directory laid out as `diplograph build` leaves it (store, dumps, build.json)."""
    work = tmp_path_factory.mktemp("build")
    data = work / "data"
    (data / "dumps").mkdir(parents=True)
    dump = data / "dumps" / "diplograph.nq"
    shutil.copy(protocol_data, dump)
    EmbeddedStore.create(data / "oxigraph", dump).close()
    (data / "build.json").write_text(json.dumps({
        "built_at": "2026-01-02T03:04:05+00:00", "base": "http://kasei.us/", "quads": 3, "claims": 0,
        "dumps": {"nquads": {"file": "dumps/diplograph.nq", "bytes": dump.stat().st_size, "sha256": ""}},
    }))
    server = start_server(work, "--store", str(data), "--license", LICENSE)
    yield server
    server.stop()


def test_head_answers_like_get_without_a_body(protocol_server: Server) -> None:
    path = "/sparql?query=SELECT%20*%20%7B%3Fs%20%3Fp%20%3Fo%7D"
    get, head = protocol_server.request("GET", path), protocol_server.request("HEAD", path)
    assert head.status == get.status == 200
    assert head.headers["content-type"] == get.headers["content-type"] and head.body == b""


def test_options_lists_methods_and_cors(protocol_server: Server) -> None:
    r = protocol_server.request("OPTIONS", "/sparql", headers={"Origin": "http://elsewhere.example",
                                                               "Access-Control-Request-Method": "POST"})
    assert r.status == 200
    assert {"GET", "POST", "HEAD", "OPTIONS"} <= {m.strip() for m in r.headers["allow"].split(",")}
    assert r.headers["access-control-allow-origin"] == "*"
    assert "Authorization" not in r.headers["access-control-allow-headers"]  # no cross-origin writes by default


def test_reads_are_open_to_every_origin(protocol_server: Server) -> None:
    r = protocol_server.request("GET", "/sparql?query=ASK%7B%7D", headers={"Origin": "http://elsewhere.example"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "X-Diplograph-Truncated" in r.headers["access-control-expose-headers"]


@pytest.mark.parametrize("method, path, status", [
    ("GET", "/sparql?query=ASK%20%7B", 400), ("PUT", "/sparql", 405), ("GET", "/missing", 404),
    ("POST", "/sparql", 415), ("GET", "/sparql?query=ASK%7B%7D&format=png", 400),
])
def test_every_error_has_the_same_shape(protocol_server: Server, method: str, path: str, status: int) -> None:
    r = protocol_server.request(method, path, "" if method != "GET" else None)
    assert r.status == status and r.media_type == "application/problem+json"
    assert set(json.loads(r.body)) == {"type", "title", "status", "detail"}


def test_the_landing_page_links_endpoint_description_and_dumps(build_server: Server) -> None:
    page = build_server.request("GET", "/").text()
    for link in ('href="/sparql"', 'href="/.well-known/void"', 'href="/dumps/diplograph.nq"'):
        assert link in page


def test_the_void_description(build_server: Server) -> None:
    r = build_server.request("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.body, format="turtle")
    ds = URIRef(f"{build_server.url}/.well-known/void#dataset")
    assert g.value(ds, VOID.triples).toPython() == 3
    assert g.value(ds, VOID.sparqlEndpoint) == URIRef(f"{build_server.url}/sparql")
    assert g.value(ds, VOID.uriSpace) == Literal("http://kasei.us/")
    assert g.value(ds, DCT.license) == URIRef(LICENSE)
    assert g.value(ds, VOID.dataDump) == URIRef(f"{build_server.url}/dumps/diplograph.nq")
    assert len(list(g.objects(ds, VOID.subset))) == 3  # one per named graph
    part = g.value(ds, VOID.classPartition)
    assert g.value(part, VOID["class"]) == URIRef("http://xmlns.com/foaf/0.1/Document")
    assert g.value(part, VOID.entities).toPython() == 3


def test_dumps_are_served(build_server: Server, protocol_data: Path) -> None:
    r = build_server.request("GET", "/dumps/diplograph.nq")
    assert r.status == 200 and r.body == protocol_data.read_bytes()


def test_void_states_the_default_licence(ld_client) -> None:
    """Without --license the data is described as CC BY 4.0, the licence the README gives."""
    from diplograph.server.app import DEFAULTS

    response = ld_client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=response.data, format="turtle")
    assert set(g.objects(None, DCT.license)) == {URIRef(DEFAULTS["DATASET_LICENSE"])}
    assert "CC BY 4.0" in (REPO / "README.md").read_text()
