"""`diplograph build --store-url`: the same build publishes to a real Virtuoso on loopback."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.cli import main
from diplograph.ingest.store import RemoteStore

from .conftest import CORPUS, require
from .virtuoso_fixtures import Virtuoso, available, start_virtuoso

pytestmark = [pytest.mark.server, pytest.mark.virtuoso]
NAKAMURA = "<https://w3id.org/diplograph/person/kazuhiko-nakamura>"
OTHER = "<http://example.org/someone-elses-graph>"
PREF_LABEL = "<http://www.w3.org/2004/02/skos/core#prefLabel>"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    require(available(), "Virtuoso is not installed (Debian package virtuoso-opensource)")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso-build"))
    yield server
    server.stop()


def count(store: RemoteStore, graph_prefix: str = "https://w3id.org/diplograph/") -> int:
    rows = store.query('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                       f'FILTER (STRSTARTS(STR(?g), "{graph_prefix}")) }}')
    return int(next(iter(rows))["n"].value)


def test_build_publishes_replaces_and_refuses_bad_input(virtuoso: Virtuoso, tmp_path: Path, capsys):
    remote = RemoteStore(virtuoso.sparql_url)
    remote.update(f"INSERT DATA {{ GRAPH {OTHER} {{ {OTHER} <http://example.org/p> 1 }} }}")
    shutil.copytree(CORPUS, tmp_path / "corpus")
    args = ["build", "-q", "--corpus", str(tmp_path / "corpus"), "--store", str(tmp_path / "data"),
            "--store-url", virtuoso.sparql_url]

    assert main(args) == 0
    local = json.loads((tmp_path / "data" / "build.json").read_text())["quads"]
    assert count(remote) == local
    label = remote.query(f"SELECT ?l WHERE {{ GRAPH ?g {{ {NAKAMURA} {PREF_LABEL} ?l }} }}")
    assert [r["l"].value for r in label] == ["Kazuhiko Nakamura"]

    assert main(args) == 0, "a second build replaces our graphs instead of adding to them"
    assert count(remote) == local
    assert count(remote, "http://example.org/") == 1, "graphs outside the base are left alone"

    curated = tmp_path / "corpus" / "curated" / "06TOKYO3797.yaml"
    curated.write_text(curated.read_text().replace("about: koizumi", "about: koizumi-unknown", 1))
    assert main(args) == 1
    assert "unknown entity 'koizumi-unknown'" in capsys.readouterr().err
    assert count(remote) == local, "a failed build leaves the remote store as it was"
