"""Outgoing SERVICE under the server's policy, against real servers: an Oxigraph server and a misbehaving one.

Allowlisted endpoints are called; loopback, private and link-local addresses are refused unless exactly
allowlisted, also when reached by a redirect; redirects are limited; a slow endpoint times out per call;
SILENT turns a failure into no bindings; every refusal or failure names the endpoint.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from .federation_fixtures import PEOPLE, Misbehaving, Oxigraph, start_misbehaving, start_oxigraph
from .server_fixtures import Server, free_port, start_server

pytestmark = pytest.mark.server
CLOSED = free_port()  # nothing listens here
PRIVATE = {  # a redirect to each of these must be refused: none is exactly allowlisted
    "loopback 127/8": "http://127.0.0.2:{port}/query",
    "loopback by name": "http://localhost:{port}/query",
    "loopback ::1": "http://[::1]:{port}/query",
    "IPv4-mapped loopback": "http://[::ffff:127.0.0.1]:{port}/query",
    "unspecified 0.0.0.0": "http://0.0.0.0:{port}/query",
    "private 10/8": "http://10.20.30.40/sparql",
    "private 172.16/12": "http://172.16.5.4/sparql",
    "private 192.168/16": "http://192.168.0.10/sparql",
    "link-local 169.254/16 (cloud metadata)": "http://169.254.169.254/latest/meta-data/",
    "link-local fe80::/10": "http://[fe80::1]/sparql",
    "unique-local fc00::/7": "http://[fd12:3456::1]/sparql",
    "shared 100.64/10": "http://100.64.0.1/sparql",
}


@dataclass
class Setup:
    """Our server, the Oxigraph server it may call, and the misbehaving endpoint."""

    ours: Server
    ox: Oxigraph
    bad: Misbehaving

    def redirect(self, target: str) -> str:
        return f"{self.bad.url}/redirect?to={quote(target, safe='')}"

    def private(self, case: str) -> str:
        return PRIVATE[case].format(port=self.ox.url.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Setup]:
    work = tmp_path_factory.mktemp("federation-policy")
    ox = start_oxigraph(work, PEOPLE)
    bad = start_misbehaving(work)
    s = Setup(None, ox, bad)  # type: ignore[arg-type]
    # Every hop of a redirect chain on loopback must be allowlisted exactly, like any endpoint inside the network.
    hops = [f"{bad.url}/hops/{n}?to={quote(ox.query_url, safe='')}" for n in (1, 2, 3)]
    allowed = [ox.query_url, s.redirect(ox.query_url), *hops, f"{bad.url}/slow?seconds=5",
               f"{bad.url}/drip?seconds=6", f"{bad.url}/status/500", f"{bad.url}/html", f"{bad.url}/rows?n=10",
               f"{bad.url}/rows?n=8", f"{bad.url}/bnodes", f"http://127.0.0.1:{CLOSED}/sparql"]
    allowed += [s.redirect(s.private(case)) for case in PRIVATE]
    args = ["--data", str(protocol_data), "--service-timeout", "1", "--service-redirects", "2",
            "--service-max-rows", "8", "--timeout", "10"]
    for url in allowed:
        args += ["--service-allow", url]
    s.ours = start_server(work, *args)
    yield s
    s.ours.stop()
    bad.stop()
    ox.stop()


def ask(server: Server, pattern: str, select: str = "*") -> tuple[int, dict]:
    r = server.query(f"PREFIX schema: <http://schema.org/> SELECT {select} WHERE {{ {pattern} }}",
                     accept="application/sparql-results+json")
    return r.status, json.loads(r.body)


def detail(body: dict) -> str:
    return body["detail"]


def test_an_allowlisted_loopback_endpoint_is_called(setup: Setup) -> None:
    status, body = ask(setup.ours, f"SERVICE <{setup.ox.query_url}> {{ ?p schema:birthDate ?born }}")
    assert status == 200
    assert len(body["results"]["bindings"]) == 6


def test_results_join_with_local_data(setup: Setup) -> None:
    # The protocol data knows nothing of these people: the join with a local pattern is empty, VALUES-style.
    status, body = ask(setup.ours, f"?s ?p ?o . SERVICE <{setup.ox.query_url}> {{ ?s schema:birthDate ?born }}")
    assert status == 200 and body["results"]["bindings"] == []


def test_an_endpoint_not_on_the_allowlist_is_refused(setup: Setup) -> None:
    status, body = ask(setup.ours, "SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o }")
    assert status == 403 and "https://query.wikidata.org/sparql" in detail(body)


def test_silent_does_not_open_the_allowlist(setup: Setup) -> None:
    status, _ = ask(setup.ours, "SERVICE SILENT <https://query.wikidata.org/sparql> { ?s ?p ?o }")
    assert status == 403


@pytest.mark.parametrize("case", PRIVATE)
def test_a_redirect_inside_the_network_is_refused(setup: Setup, case: str) -> None:
    endpoint = setup.redirect(setup.private(case))
    status, body = ask(setup.ours, f"SERVICE <{endpoint}> {{ ?p schema:birthDate ?born }}")
    assert status == 403, body
    assert endpoint in detail(body) and setup.private(case) in detail(body)
    assert "exact URL is on the SERVICE allowlist" in detail(body)


def test_a_refusal_is_not_silenced(setup: Setup) -> None:
    endpoint = setup.redirect(setup.private("link-local 169.254/16 (cloud metadata)"))
    status, _ = ask(setup.ours, f"SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }}")
    assert status == 403


def test_a_redirect_to_an_exactly_allowlisted_endpoint_is_followed(setup: Setup) -> None:
    status, body = ask(setup.ours, f"SERVICE <{setup.redirect(setup.ox.query_url)}> {{ ?p schema:birthDate ?b }}")
    assert status == 200 and len(body["results"]["bindings"]) == 6


def test_redirects_up_to_the_limit_are_followed(setup: Setup) -> None:
    endpoint = f"{setup.bad.url}/hops/2?to={quote(setup.ox.query_url, safe='')}"
    status, body = ask(setup.ours, f"SERVICE <{endpoint}> {{ ?p schema:birthDate ?b }}")
    assert status == 200 and len(body["results"]["bindings"]) == 6


def test_more_redirects_than_the_limit_fail(setup: Setup) -> None:
    endpoint = f"{setup.bad.url}/hops/3?to={quote(setup.ox.query_url, safe='')}"
    status, body = ask(setup.ours, f"SERVICE <{endpoint}> {{ ?p schema:birthDate ?b }}")
    assert status == 502 and endpoint in detail(body) and "more than 2 times" in detail(body)


@pytest.mark.parametrize("path", ["/slow?seconds=5", "/drip?seconds=6"])
def test_a_slow_service_times_out_per_call(setup: Setup, path: str) -> None:
    start = time.monotonic()
    status, body = ask(setup.ours, f"SERVICE <{setup.bad.url}{path}> {{ ?x ?y ?z }}")
    elapsed = time.monotonic() - start
    assert status == 504 and body["title"] == "Gateway Timeout"
    assert f"{setup.bad.url}{path}" in detail(body) and "did not answer in time" in detail(body)
    assert elapsed < 4  # the per-call timeout is 1 s; the query's own is 10 s


@pytest.mark.parametrize("endpoint, message", [
    ("{bad}/status/500", "answered HTTP 500: the endpoint is having a bad day"),
    ("{bad}/html", "answered with text/html, not SPARQL results"),
    ("{bad}/rows?n=10", "more than 8 rows (the limit)"),
    ("http://127.0.0.1:{closed}/sparql", "could not be reached"),
])
def test_a_failing_service_is_a_502_naming_it(setup: Setup, endpoint: str, message: str) -> None:
    endpoint = endpoint.format(bad=setup.bad.url, closed=CLOSED)
    status, body = ask(setup.ours, f"SERVICE <{endpoint}> {{ ?s ?p ?o }}")
    assert status == 502 and body["title"] == "Bad Gateway"
    assert f"SERVICE <{endpoint}>" in detail(body) and message in detail(body)


@pytest.mark.parametrize("endpoint", ["{bad}/status/500", "{bad}/slow?seconds=5", "http://127.0.0.1:{closed}/sparql"])
def test_silent_failures_give_no_bindings(setup: Setup, endpoint: str) -> None:
    endpoint = endpoint.format(bad=setup.bad.url, closed=CLOSED)
    # One empty solution (SPARQL 1.1 Federated Query), so the rest of the query still answers.
    status, body = ask(setup.ours, f"SERVICE SILENT <{endpoint}> {{ ?s ?p ?o }} "
                                   f"SERVICE <{setup.ox.query_url}> {{ ?who schema:name ?name }}")
    assert status == 200
    rows = body["results"]["bindings"]
    assert len(rows) == 6 and all(set(row) == {"who", "name"} for row in rows)


def test_a_row_count_at_the_limit_is_accepted(setup: Setup) -> None:
    status, body = ask(setup.ours, f"SERVICE <{setup.bad.url}/rows?n=8> {{ ?i ?p ?o }}", "?i")
    assert status == 200 and [r["i"]["value"] for r in body["results"]["bindings"]] == [str(i) for i in range(8)]


def test_blank_nodes_from_a_service_stay_blank_nodes(setup: Setup) -> None:
    status, body = ask(setup.ours, f"SERVICE <{setup.bad.url}/bnodes> {{ ?who ?p ?n }}")
    assert status == 200
    rows = body["results"]["bindings"]
    assert sorted(r["n"]["value"] for r in rows) == ["0", "1", "2"]
    assert all(r["who"]["type"] == "bnode" for r in rows)


def test_the_query_page_runs_services_under_the_same_policy(setup: Setup) -> None:
    endpoint = setup.redirect(setup.private("private 10/8"))
    r = setup.ours.request("GET", "/query?query=" + quote(f"SELECT * {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }}"))
    assert r.status == 403 and "private address 10.20.30.40" in r.text()
