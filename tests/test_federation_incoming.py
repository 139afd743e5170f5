"""Our endpoint as other engines' SERVICE target, and as Comunica's source, with the built corpus.

Every engine answers the same question (which of the people another store holds attended summits?) by
joining its own data (tests/fixtures/federation/people.ttl) with ours; the expected answer is computed
separately from each side.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from diplograph.ingest.build import BuildResult

from .federation_fixtures import PEOPLE, Oxigraph, bindings, comunica, start_oxigraph
from .server_fixtures import Server, start_server

pytestmark = pytest.mark.server
PREFIXES = """PREFIX schema: <http://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dg: <https://w3id.org/diplograph/ontology#>
"""
SUMMITS = "?e a dg:Summit ; sem:hasActor ?p ; skos:prefLabel ?summit ."
PEOPLE_PATTERN = "?p schema:name ?name ; schema:birthDate ?born ."


def federated(endpoint: str) -> str:
    """Their data outside, ours inside SERVICE: a plain pattern, which every engine sends with its prefixes."""
    return (f"{PREFIXES}SELECT DISTINCT ?name ?born ?summit WHERE {{ {PEOPLE_PATTERN} "
            f"SERVICE <{endpoint}> {{ {SUMMITS} }} }}")


@dataclass
class Pair:
    """Our server on the built corpus, and an Oxigraph server holding the people fixture."""

    ours: Server
    people: Oxigraph
    work: Path

    @property
    def sparql(self) -> str:
        return f"{self.ours.url}/sparql"


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, built_store: BuildResult) -> Iterator[Pair]:
    work = tmp_path_factory.mktemp("federation-incoming")
    people = start_oxigraph(work, PEOPLE)
    ours = start_server(work, "--store", str(built_store.store_dir), "--service-allow", people.query_url)
    yield Pair(ours, people, work)
    ours.stop()
    people.stop()


@pytest.fixture(scope="module")
def expected(pair: Pair) -> set[tuple[str, str, str]]:
    """The join computed by hand: our summits' actors, their birth dates."""
    r = pair.ours.query(f"{PREFIXES}SELECT DISTINCT ?p ?summit WHERE {{ {SUMMITS} }}",
                        accept="application/sparql-results+json")
    summits = bindings(r.body)
    people = {row["p"]: row for row in pair.people.select(f"{PREFIXES}SELECT * WHERE {{ {PEOPLE_PATTERN} }}")}
    answer = {(people[s["p"]]["name"], people[s["p"]]["born"], s["summit"]) for s in summits if s["p"] in people}
    assert len(answer) >= 5 and ("Vladimir Putin", "1952-10-07", "November 2005 Japan-Russia Summit") in answer
    return answer


def triples(rows: list[dict[str, str]]) -> set[tuple[str, str, str]]:
    return {(r["name"], r["born"], r["summit"]) for r in rows}


def test_the_oxigraph_server_calls_us(pair: Pair, expected: set) -> None:
    assert triples(pair.people.select(federated(pair.sparql))) == expected


def test_pyoxigraph_calls_us(pair: Pair, expected: set) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(PEOPLE), format=pyoxigraph.RdfFormat.TURTLE)
    rows = [{v: s[v].value for v in ("name", "born", "summit")} for s in store.query(federated(pair.sparql))]
    assert triples(rows) == expected


def test_rdflib_calls_us(pair: Pair, expected: set) -> None:
    graph = Graph().parse(PEOPLE, format="turtle")
    rows = [{"name": str(r.name), "born": str(r.born), "summit": str(r.summit)}
            for r in graph.query(federated(pair.sparql))]
    assert triples(rows) == expected


def test_comunica_calls_us_by_service(pair: Pair, expected: set) -> None:
    rows = comunica(federated(pair.sparql), f"turtle@{PEOPLE}", workdir=pair.work)
    assert triples(rows) == expected


def test_comunica_joins_the_two_endpoints(pair: Pair, expected: set) -> None:
    # No SERVICE: Comunica itself splits the query across both live endpoints and joins the parts.
    query = f"{PREFIXES}SELECT DISTINCT ?name ?born ?summit WHERE {{ {PEOPLE_PATTERN} {SUMMITS} }}"
    rows = comunica(query, f"sparql@{pair.people.query_url}", f"sparql@{pair.sparql}", workdir=pair.work)
    assert triples(rows) == expected


def test_we_call_the_oxigraph_server(pair: Pair, expected: set) -> None:
    query = (f"{PREFIXES}SELECT DISTINCT ?name ?born ?summit WHERE {{ {SUMMITS} "
             f"SERVICE <{pair.people.query_url}> {{ {PEOPLE_PATTERN} }} }}")
    r = pair.ours.query(query, accept="application/sparql-results+json")
    assert r.status == 200, r.text()
    assert triples(bindings(r.body)) == expected
