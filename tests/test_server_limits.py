"""Limits that hold: a timeout that stops the query, a declared row cap, a request-size cap, a SERVICE allowlist."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from .server_fixtures import Server, free_port, start_server

pytestmark = pytest.mark.server
CAP = 5
VALUES = " ".join(str(i) for i in range(200))
SLOW = f"SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?a {{ {VALUES} }} VALUES ?b {{ {VALUES} }} " \
       f"VALUES ?c {{ {VALUES} }} VALUES ?d {{ {VALUES} }} }}"  # 1.6 billion rows to count


def rows(n: int) -> str:
    return f"SELECT ?i WHERE {{ VALUES ?i {{ {' '.join(str(i) for i in range(n))} }} }}"


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Server]:
    """A server with small limits; its allowlist holds its own endpoint, so SERVICE can be tried for real."""
    port = free_port()
    server = start_server(tmp_path_factory.mktemp("limits"), "--data", str(protocol_data), "--timeout", "2",
                          "--row-cap", str(CAP), "--max-request-bytes", "4096",
                          "--service-allow", f"http://127.0.0.1:{port}/sparql", port=port)
    yield server
    server.stop()


def timed(server: Server, query: str, **params: str) -> tuple[float, object]:
    start = time.monotonic()
    r = server.query(query, **params)
    return time.monotonic() - start, r


def test_a_slow_query_is_stopped_and_the_server_carries_on(limited: Server) -> None:
    elapsed, r = timed(limited, SLOW)
    assert r.status == 503 and json.loads(r.body)["title"] == "Query Timeout"
    assert 1.9 < elapsed < 5
    assert limited.query("ASK {}").status == 200  # a fresh worker took the killed one's place


def test_a_client_may_lower_the_timeout(limited: Server) -> None:
    elapsed, r = timed(limited, SLOW, timeout="0.5")
    assert r.status == 503 and "0.5 s" in json.loads(r.body)["detail"]
    assert elapsed < 1.8


def test_a_client_may_not_raise_it(limited: Server) -> None:
    elapsed, r = timed(limited, SLOW, timeout="600")
    assert r.status == 503 and elapsed < 5


def test_results_at_the_cap_are_whole(limited: Server) -> None:
    r = limited.query(rows(CAP))
    assert r.headers["x-diplograph-truncated"] == "false"
    assert len(json.loads(r.body)["results"]["bindings"]) == CAP


def test_json_over_the_cap_says_so_in_header_and_body(limited: Server) -> None:
    r = limited.query(rows(CAP + 1))
    assert r.status == 200 and r.headers["x-diplograph-truncated"] == "true"
    body = json.loads(r.body)
    assert body["truncated"] is True and "more than 5 rows" in body["note"]
    assert len(body["results"]["bindings"]) == CAP


def test_xml_over_the_cap_says_so_in_the_body(limited: Server) -> None:
    r = limited.query(rows(20), accept="application/sparql-results+xml")
    assert r.headers["x-diplograph-truncated"] == "true"
    assert b"<!-- truncated: the result has more than 5 rows" in r.body and r.body.count(b"<result>") == CAP


@pytest.mark.parametrize("accept", ["text/csv", "text/tab-separated-values"])
def test_formats_without_room_for_the_mark_are_refused_over_the_cap(limited: Server, accept: str) -> None:
    r = limited.query(rows(20), accept=accept)
    assert r.status == 406 and "add a LIMIT" in json.loads(r.body)["detail"]
    assert limited.query(rows(CAP), accept=accept).status == 200


def test_graphs_over_the_cap_say_so(limited: Server) -> None:
    construct = ("CONSTRUCT { ?s <http://e/p> ?i } WHERE { VALUES ?i { 1 2 3 4 5 6 7 } "
                 "BIND(IRI(CONCAT('http://e/', STR(?i))) AS ?s) }")
    r = limited.query(construct, accept="application/n-triples")
    assert r.headers["x-diplograph-truncated"] == "true"
    lines = r.text().splitlines()
    assert lines[0].startswith("# truncated") and len(lines) == CAP + 1
    assert limited.query(construct, accept="application/ld+json").status == 406


def test_a_large_request_is_refused(limited: Server) -> None:
    query = "ASK { FILTER(true) }" + " " * 5000
    r = limited.request("POST", "/sparql", query, {"Content-Type": "application/sparql-query"})
    assert r.status == 413 and r.media_type == "application/problem+json"


def test_an_allowlisted_service_is_called(limited: Server) -> None:
    query = f"SELECT ?s WHERE {{ SERVICE <{limited.url}/sparql> {{ ?s a ?type }} }}"
    r = limited.query(query)
    assert r.status == 200, r.body
    assert len(json.loads(r.body)["results"]["bindings"]) == 3


def test_other_services_stay_refused(limited: Server) -> None:
    r = limited.request("GET", "/sparql?query=" + quote("SELECT * { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }"))
    assert r.status == 403
