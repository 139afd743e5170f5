"""SERVICE inside an update: answered under the same policy before the write is validated and applied."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .federation_fixtures import PEOPLE, Oxigraph, start_oxigraph
from .server_fixtures import TOKEN, Server, start_server

pytestmark = pytest.mark.server
COPY = """PREFIX schema: <http://schema.org/>
INSERT {{ GRAPH <http://example.org/copied> {{ ?p schema:birthDate ?born }} }}
WHERE {{ SERVICE <{endpoint}> {{ ?p schema:birthDate ?born }} }}"""
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/copied> { ?s ?p ?o } }"


@dataclass
class Pair:
    ours: Server
    people: Oxigraph

    def copied(self) -> int:
        r = self.ours.query(COUNT, accept="application/sparql-results+json")
        return int(json.loads(r.body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Pair]:
    work = tmp_path_factory.mktemp("federation-updates")
    people = start_oxigraph(work, PEOPLE)
    ours = start_server(work, "--data", str(protocol_data), "--service-allow", people.query_url, token=TOKEN)
    yield Pair(ours, people)
    ours.stop()
    people.stop()


def test_a_refused_service_writes_nothing(pair: Pair) -> None:
    r = pair.ours.update(COPY.format(endpoint="http://10.0.0.1/sparql"))
    assert r.status == 403 and "http://10.0.0.1/sparql" in json.loads(r.body)["detail"]
    assert pair.copied() == 0


def test_an_update_copies_from_an_allowlisted_service(pair: Pair) -> None:
    r = pair.ours.update(COPY.format(endpoint=pair.people.query_url))
    assert r.status == 204, r.body
    assert pair.copied() == 6
