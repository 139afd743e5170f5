"""The same server on a remote SPARQL store: a real Virtuoso on loopback, the same W3C query tests."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper

from diplograph.ingest.store import RemoteStore

from .conftest import require
from .server_fixtures import TOKEN, Server, start_server
from .test_protocol_w3c import ENTRIES, MANIFEST, PREFIXES
from .virtuoso_fixtures import Virtuoso, available, start_virtuoso
from .w3c_replay import entry_names, replay

pytestmark = [pytest.mark.server, pytest.mark.virtuoso]
DG = "https://w3id.org/diplograph/ontology#"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Virtuoso]:
    require(available(), "Virtuoso is not installed (Debian package virtuoso-opensource)")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    RemoteStore(server.sparql_url).load(protocol_data)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def on_virtuoso(tmp_path_factory: pytest.TempPathFactory, virtuoso: Virtuoso) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("remote"), "--store-url", virtuoso.sparql_url, token=TOKEN)
    yield server
    server.stop()


@pytest.mark.parametrize("name", [n for n in entry_names(MANIFEST) if "update" not in n])
def test_query_entry_on_virtuoso(name: str, on_virtuoso: Server) -> None:
    replay(ENTRIES[name], on_virtuoso, PREFIXES)


@pytest.mark.parametrize("fmt", [JSON, XML, CSV])
def test_sparqlwrapper_select(on_virtuoso: Server, fmt: str) -> None:
    sparql = SPARQLWrapper(f"{on_virtuoso.url}/sparql")
    sparql.setQuery("SELECT ?s WHERE { GRAPH ?g { ?s a <http://xmlns.com/foaf/0.1/Document> } } ORDER BY ?s")
    sparql.setReturnFormat(fmt)
    result = sparql.queryAndConvert()
    count = (len(result["results"]["bindings"]) if fmt == JSON else
             len(result.getElementsByTagName("result")) if fmt == XML else len(result.splitlines()) - 1)
    assert count == 3


def test_sparqlwrapper_construct(on_virtuoso: Server) -> None:
    sparql = SPARQLWrapper(f"{on_virtuoso.url}/sparql")
    sparql.setQuery("CONSTRUCT { ?s a ?t } WHERE { GRAPH ?g { ?s a ?t } }")
    sparql.setReturnFormat(TURTLE)
    assert sparql.queryAndConvert().count(b"kasei.us") == 3


def test_validated_writes_reach_virtuoso(on_virtuoso: Server, virtuoso: Virtuoso) -> None:
    ok = "INSERT DATA { GRAPH <http://example.org/v> { <http://example.org/v1> <http://example.org/p> 1 } }"
    assert on_virtuoso.update(ok).status == 204
    assert bool(RemoteStore(virtuoso.sparql_url).query("ASK { <http://example.org/v1> ?p 1 }"))
    bad = f"INSERT DATA {{ GRAPH <http://example.org/v> {{ <http://example.org/r> a <{DG}NewsReport> }} }}"
    r = on_virtuoso.update(bad)
    assert r.status == 422, r.body
    assert "A news report has a title." in json.loads(r.body)["detail"]
    assert not bool(RemoteStore(virtuoso.sparql_url).query("ASK { <http://example.org/r> ?p ?o }"))
