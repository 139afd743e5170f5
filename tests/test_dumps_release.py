"""Versioned, checksummed dumps: described in VoID, downloaded over HTTP, loaded into a separate Oxigraph
server, and answering the README's questions there exactly as our endpoint does."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Namespace, URIRef

from diplograph.ingest.build import BuildResult
from diplograph.ingest.formats import FORMATS

from .conftest import REPO
from .federation_fixtures import Oxigraph, bindings, http, start_oxigraph
from .server_fixtures import Server, start_server

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
README_QUERIES = [b for b in re.findall(r"```sparql\n(.*?)```", (REPO / "README.md").read_text(), re.S)
                  if "SERVICE" not in b]
COUNTS = {
    "quads": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "graphs": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
    "classes": "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c",
}


def manifest(built_store: BuildResult) -> dict:
    return json.loads((built_store.store_dir / "build.json").read_text())


def test_each_dump_has_a_versioned_name_and_a_checksum(built_store: BuildResult) -> None:
    m = manifest(built_store)
    assert re.fullmatch(r"\d{8}-[0-9a-f]{8}", m["version"])
    assert m["version"].endswith(m["dumps"]["nquads"]["sha256"][:8])
    for name, dump in m["dumps"].items():
        versioned, latest = built_store.store_dir / dump["file"], built_store.store_dir / dump["latest"]
        assert versioned.name == f"diplograph-{m['version']}.{FORMATS[name].extension}"
        assert versioned.read_bytes() == latest.read_bytes()
        assert hashlib.sha256(versioned.read_bytes()).hexdigest() == dump["sha256"]
        assert versioned.stat().st_size == dump["bytes"] and dump["media_type"] == FORMATS[name].media_type


def test_sha256sums_checks_the_versioned_files(built_store: BuildResult) -> None:
    folder = built_store.store_dir / "dumps"
    lines = (folder / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == len(manifest(built_store)["dumps"])
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest


@dataclass
class Download:
    """One dump as the VoID description announces it, and its bytes as downloaded."""

    name: str
    url: str
    media_type: str
    size: int
    sha256: str
    version: str
    body: bytes


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory, built_store: BuildResult) -> Iterator[Server]:
    server = start_server(tmp_path_factory.mktemp("dumps"), "--store", str(built_store.store_dir))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def downloads(ours: Server) -> dict[str, Download]:
    """Every void:dataDump of our VoID description, downloaded over HTTP."""
    r = ours.request("GET", "/.well-known/void", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.body, format="turtle")
    ds = URIRef(f"{ours.url}/.well-known/void#dataset")
    found = {}
    for dist in g.objects(ds, DCAT.distribution):
        url = str(g.value(dist, DCAT.downloadURL))
        assert (ds, VOID.dataDump, URIRef(url)) in g
        checksum = g.value(dist, SPDX.checksum)
        assert g.value(checksum, SPDX.algorithm) == SPDX.checksumAlgorithm_sha256
        assert g.value(dist, DCT.issued) is not None and g.value(ds, DCAT.version) == g.value(dist, DCAT.version)
        media_type = str(g.value(dist, DCAT.mediaType))
        name = next(f.name for f in FORMATS.values() if f.media_type == media_type)
        status, headers, body = http("GET", url)
        assert status == 200 and headers["content-type"].startswith(media_type)
        found[name] = Download(name, url, media_type, g.value(dist, DCAT.byteSize).toPython(),
                               str(g.value(checksum, SPDX.checksumValue)), str(g.value(dist, DCAT.version)), body)
    assert set(found) == {"nquads", "trig", "turtle", "jsonld"}
    return found


@pytest.mark.server
@pytest.mark.parametrize("name", ["nquads", "trig", "turtle", "jsonld"])
def test_a_download_matches_its_description(downloads: dict[str, Download], name: str) -> None:
    d = downloads[name]
    assert len(d.body) == d.size and hashlib.sha256(d.body).hexdigest() == d.sha256
    assert f"-{d.version}." in d.url  # the versioned name: a download says which build it is


def answers(run, sparql: str) -> list[tuple]:
    """A query's rows as sorted tuples of values, blank nodes made comparable."""
    rows = run(sparql)
    return sorted(tuple(sorted((k, "_:b" if v.startswith("_:") else v) for k, v in row.items())) for row in rows)


def ours_select(ours: Server):
    def run(sparql: str) -> list[dict[str, str]]:
        r = ours.query(sparql, accept="application/sparql-results+json")
        assert r.status == 200, r.text()
        return bindings(r.body)
    return run


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Oxigraph]:
    """A fresh Oxigraph server, its default graph the union of its graphs, as ours is."""
    server = start_oxigraph(tmp_path)
    yield server
    server.stop()


@pytest.mark.server
@pytest.mark.parametrize("name", ["nquads", "trig", "jsonld", "turtle"])
def test_a_dump_loaded_elsewhere_answers_as_we_do(ours: Server, other: Oxigraph, downloads: dict[str, Download],
                                                  name: str) -> None:
    d = downloads[name]
    other.load(d.body, d.media_type)
    datasets = FORMATS[name].datasets  # Turtle is the union, flattened: no graphs to compare
    queries = [q for key, q in COUNTS.items() if datasets or key not in ("quads", "graphs")]
    queries += [q for q in README_QUERIES if datasets or "GRAPH" not in q]
    assert len(queries) >= (6 if datasets else 3)
    for sparql in queries:
        theirs = answers(other.select, sparql)
        assert theirs and theirs == answers(ours_select(ours), sparql), sparql


@pytest.mark.server
def test_another_store_loads_a_dump_by_url_in_one_step(ours: Server, other: Oxigraph,
                                                      downloads: dict[str, Download]) -> None:
    # SPARQL LOAD: the other store fetches the dump itself, trusting our media type.
    status, _, body = http("POST", f"{other.url}/update", f"LOAD <{downloads['turtle'].url}>".encode(),
                           {"Content-Type": "application/sparql-update"})
    assert status in (200, 204), body
    assert answers(other.select, COUNTS["triples"]) == answers(ours_select(ours), COUNTS["triples"])
