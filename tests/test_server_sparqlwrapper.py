"""SPARQLWrapper, a common Python client, against the real server: every query form in every format it asks for."""

from __future__ import annotations

import warnings
from xml.dom.minidom import Document

import pytest
from rdflib import Graph
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

from .server_fixtures import Server

pytestmark = pytest.mark.server
D = "http://kasei.us/2009/09/sparql/data/"
SELECT = "SELECT ?s ?type WHERE { ?s a ?type } ORDER BY ?s"
ASK = f"ASK {{ <{D}data1.rdf> a ?type }}"
CONSTRUCT = "CONSTRUCT { ?s a ?type } WHERE { ?s a ?type }"
DESCRIBE = f"DESCRIBE <{D}data2.rdf>"


def client(server: Server, query: str, fmt: str) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{server.url}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def rows_of(result: object, fmt: str) -> int:
    """How many solutions a converted SELECT result holds."""
    if fmt == JSON:
        return len(result["results"]["bindings"])
    if fmt == XML:
        assert isinstance(result, Document)
        return len(result.getElementsByTagName("result"))
    lines = result.decode("utf-8").strip().splitlines()  # CSV and TSV come back as bytes
    return len(lines) - 1


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_select(protocol_server: Server, fmt: str) -> None:
    assert rows_of(client(protocol_server, SELECT, fmt).queryAndConvert(), fmt) == 3


@pytest.mark.parametrize("method", [POST, POSTDIRECTLY])
def test_select_by_post(protocol_server: Server, method: str) -> None:
    sparql = client(protocol_server, SELECT, JSON)
    if method == POST:
        sparql.setMethod(POST)
    else:
        sparql.setMethod(POST)
        sparql.setRequestMethod(POSTDIRECTLY)
    assert rows_of(sparql.queryAndConvert(), JSON) == 3


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_ask(protocol_server: Server, fmt: str) -> None:
    result = client(protocol_server, ASK, fmt).queryAndConvert()
    if fmt == JSON:
        assert result["boolean"] is True
    elif fmt == XML:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert result.strip() == b"true"


@pytest.mark.parametrize("query, size", [(CONSTRUCT, 3), (DESCRIBE, 1)], ids=["construct", "describe"])
@pytest.mark.parametrize("fmt", [TURTLE, N3, XML, RDFXML, JSONLD])
def test_graph_forms(protocol_server: Server, fmt: str, query: str, size: int) -> None:
    with warnings.catch_warnings():
        # SPARQLWrapper warns when the response's type is not the one it asked for
        warnings.simplefilter("error", RuntimeWarning)
        result = client(protocol_server, query, fmt).queryAndConvert()
    graph = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert len(graph) == size


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_update(writable_server: Server, fmt: str) -> None:
    sparql = SPARQLWrapper(f"{writable_server.url}/sparql", updateEndpoint=f"{writable_server.url}/sparql")
    sparql.addCustomHttpHeader("Authorization", f"Bearer {writable_server.token}")
    sparql.setMethod(POST)
    sparql.setReturnFormat(fmt)
    sparql.setQuery(f"INSERT DATA {{ GRAPH <{D}wrapper> {{ <{D}w> <{D}p> '{fmt}' }} }}")
    sparql.query()
    assert writable_server.query(f"ASK {{ <{D}w> <{D}p> '{fmt}' }}").body.endswith(b"true}")
