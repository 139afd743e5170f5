"""diplograph link: lookups against a second, local SPARQL server (Oxigraph) loaded with a constructed
fixture in Wikidata's shape; the links file, its review, and what the build ships of it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml
from rdflib import RDF, SKOS, Graph, URIRef
from rdflib.namespace import PROV

from diplograph.cli import main
from diplograph.ingest.build import compile_graph
from diplograph.ingest.corpus import Corpus
from diplograph.ingest.rdf import ontology_graph
from diplograph.ingest.reconcile import build_query, label_forms
from diplograph.ingest.scoring import Evidence, Found, score
from diplograph.ingest.validate import validate_built, validate_graph
from diplograph.ingest.vocab import SCHEMA

from .conftest import CORPUS, require

FIXTURE = Path(__file__).parent / "fixtures" / "wikidata" / "fixture.ttl"
WD = "http://www.wikidata.org/entity/"
LINKS = URIRef("https://w3id.org/diplograph/graph/links")
PERSON = "https://w3id.org/diplograph/person/"

# A small curation of one cable: the actors and places the fixture has items (and look-alikes) for.
# Tokyo is written in capitals, as cables do, to show that label matching ignores case.
CURATED = """\
document: 06TOKYO3797
source: 002_a446746282a510fe.txt
author: us-embassy-tokyo
entities:
  - {id: us-embassy-tokyo, type: GovernmentOrganization, label: Embassy Tokyo}
  - {id: vladimir-putin, type: Person, label: Vladimir Putin, alt_labels: [Putin]}
  - {id: kazuhiko-nakamura, type: Person, label: Kazuhiko Nakamura}
  - {id: mofa-japan, type: GovernmentOrganization, label: Ministry of Foreign Affairs of Japan, alt_labels: [MOFA]}
  - {id: russia, type: State, label: Russia}
  - {id: japan, type: State, label: Japan}
  - {id: tokyo, type: City, label: TOKYO}
  - {id: st-petersburg, type: City, label: St. Petersburg}
  - {id: putin-visit-tokyo, type: Visit, label: Putin's November 2005 visit to Tokyo}
  - {id: g8-summit-2006, type: Summit, label: July 2006 G-8 Summit}
claims:
  - id: putin-role
    para: "2"
    quote: "Russian President Vladimir Putin"
    about: vladimir-putin
    role: {title: President, organization: russia}
  - id: nakamura-role
    para: "2"
    quote: "MOFA Russia Division Principal Deputy Director Kazuhiko Nakamura"
    about: kazuhiko-nakamura
    role: {title: Principal Deputy Director, organization: mofa-japan}
  - id: putin-visit
    para: "2"
    quote: "Vladimir Putin's November 2005 visit to Tokyo"
    about: putin-visit-tokyo
    participants: [vladimir-putin]
    place: tokyo
    date: {text: "November 2005", when: "2005-11"}
    status: occurred
  - id: g8-summit
    para: "6"
    quote: "scheduled to meet on the margins of the July G-8 Summit in St. Petersburg"
    about: g8-summit-2006
    participants: [russia, japan]
    place: st-petersburg
    date: {text: "July", when: "2006-07"}
    status: scheduled
  - id: st-petersburg-in-russia
    para: "6"
    quote: "G-8 Summit in St. Petersburg"
    about: st-petersburg
    relations: [{predicate: located-in, object: russia}]
"""

# entity -> {item: status} after one `diplograph link` run at the default threshold
EXPECTED = {
    "vladimir-putin": {"Q7747": "confirmed", "Q900001": "rejected"},  # Q900002, a film: not even found
    "kazuhiko-nakamura": {"Q900003": "candidate", "Q900004": "candidate"},  # two namesakes, alike
    "mofa-japan": {"Q900007": "confirmed", "Q900008": "candidate"},  # shares only the alias MOFA
    "russia": {"Q159": "confirmed", "Q15180": "rejected"},  # the Soviet Union ended in 1991
    "japan": {"Q17": "confirmed"},
    "tokyo": {"Q1490": "confirmed"},  # Q900005, a band: not found
    "st-petersburg": {"Q656": "confirmed", "Q900006": "rejected"},  # Florida's is in another country
    "us-embassy-tokyo": {},
}


def _oxigraph() -> str | None:
    local = Path(sys.executable).with_name("oxigraph")  # a venv's scripts, when it is not activated
    return shutil.which("oxigraph") or (str(local) if local.exists() else None)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A read-only Oxigraph server on the Wikidata-shaped fixture; its SPARQL query URL."""
    exe = _oxigraph()
    require(exe is not None, "the Oxigraph server is not installed (pip install oxigraph)")
    folder = tmp_path_factory.mktemp("wikidata")
    subprocess.run([exe, "load", "--location", str(folder / "store"), "--file", str(FIXTURE)],
                   check=True, capture_output=True)
    port = _free_port()
    log = (folder / "server.log").open("w")
    proc = subprocess.Popen([exe, "serve-read-only", "--location", str(folder / "store"),
                             "--bind", f"127.0.0.1:{port}"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"oxigraph exited with {proc.returncode}: {(folder / 'server.log').read_text()}")
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph did not answer within 30 s")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def make_corpus(root: Path) -> Path:
    """The one-cable corpus above, under root; its path."""
    (root / "sources").mkdir(parents=True)
    (root / "curated").mkdir()
    shutil.copy(CORPUS / "sources" / "002_a446746282a510fe.txt", root / "sources")
    (root / "curated" / "06TOKYO3797.yaml").write_text(CURATED)
    return root


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory, endpoint: str) -> Path:
    """The small corpus after one `diplograph link` run against the fixture server."""
    root = make_corpus(tmp_path_factory.mktemp("linked") / "corpus")
    assert main(["link", "-q", "--corpus", str(root), "--endpoint", endpoint]) == 0
    return root


@pytest.fixture
def linked_copy(linked: Path, tmp_path: Path) -> Path:
    """A private copy of the linked corpus, to review and rebuild."""
    return Path(shutil.copytree(linked, tmp_path / "corpus"))


def entries(root: Path) -> dict[str, dict]:
    data = yaml.safe_load((root / "links" / "wikidata.yaml").read_text())
    return {e["entity"]: e for e in data["links"]}


def statuses(entry: dict) -> dict[str, str]:
    return {c["iri"].removeprefix(WD): c["status"] for c in entry["candidates"]}


def exact_matches(root: Path) -> set[tuple[str, str]]:
    graph = compile_graph(Corpus(root)).dataset.graph(LINKS)
    return {(str(s).rsplit("/", 1)[-1], str(o).removeprefix(WD)) for s, o in graph.subject_objects(SKOS.exactMatch)}


@pytest.mark.server
@pytest.mark.parametrize("entity", sorted(EXPECTED))
def test_right_items_confirmed_and_look_alikes_rejected_or_left_as_candidates(linked, entity):
    entry = entries(linked)[entity]
    assert statuses(entry) == EXPECTED[entity]
    for candidate in entry["candidates"]:
        assert candidate["why"], candidate
        if candidate["status"] == "confirmed":
            assert candidate["score"] >= 0.85
        elif candidate["status"] == "candidate":
            assert candidate["score"] < 0.85


@pytest.mark.server
def test_scores_show_how_they_were_reached(linked):
    putin = entries(linked)["vladimir-putin"]["candidates"]
    assert putin[0]["score"] == 0.9
    assert putin[0]["why"] == [
        "label 0.40 — our preferred label “Vladimir Putin” is their label",
        "type 0.20 — an instance of wd:Q5 (or of a subclass)",
        "dates 0.15 — born 1952, by 2005-11-30",
        "distinct 0.15 — the only item left",
    ]
    assert putin[1]["why"][0] == "rejected — died 1931, before 2006-07-07 when the corpus attests it"
    petersburg = entries(linked)["st-petersburg"]["candidates"]
    assert "country 0.10 — Russia, the linked state" in petersburg[0]["why"]
    assert petersburg[1]["why"][0] == f"rejected — country United States of America, not the linked state {WD}Q159"


@pytest.mark.server
def test_links_file_records_endpoint_query_and_time(linked, endpoint):
    started = datetime.now(UTC) - timedelta(minutes=10)
    for entity, entry in entries(linked).items():
        lookup = entry["lookup"]
        assert lookup["endpoint"] == endpoint
        assert started <= datetime.fromisoformat(lookup["at"]) <= datetime.now(UTC)
        assert f"candidates for {entity} " in lookup["query"] and "wdt:P31/wdt:P279*" in lookup["query"]
    assert '"Vladimir Putin"@en' in entries(linked)["vladimir-putin"]["lookup"]["query"]


@pytest.mark.server
def test_confirmed_links_reach_the_graph_with_provenance_and_the_rest_do_not(linked):
    built = compile_graph(Corpus(linked))
    g = built.dataset.graph(LINKS)
    confirmed = {(e, q) for e, items in EXPECTED.items() for q, s in items.items() if s == "confirmed"}
    found = {(str(s).rsplit("/", 1)[-1], str(o).removeprefix(WD)) for s, o in g.subject_objects(SKOS.exactMatch)}
    assert found == confirmed
    lookup = entries(linked)["vladimir-putin"]["lookup"]
    statement = g.value(predicate=RDF.object, object=URIRef(WD + "Q7747"))
    assert g.value(statement, RDF.subject) == URIRef(PERSON + "vladimir-putin")
    assert g.value(statement, RDF.predicate) == SKOS.exactMatch
    activity = g.value(statement, PROV.wasGeneratedBy)
    assert (activity, RDF.type, PROV.Activity) in g
    assert g.value(activity, PROV.used) == URIRef(lookup["endpoint"])
    assert str(g.value(activity, SCHEMA.query)) == lookup["query"]
    assert g.value(activity, PROV.startedAtTime).toPython() == datetime.fromisoformat(lookup["at"])
    report = validate_built(built)
    assert report.conforms, report.text()


@pytest.mark.server
def test_a_curator_confirms_a_candidate_and_a_new_lookup_keeps_the_decision(linked_copy, endpoint, capsys):
    assert ("kazuhiko-nakamura", "Q900003") not in exact_matches(linked_copy)
    assert main(["link", "--corpus", str(linked_copy), "--confirm", "kazuhiko-nakamura", "Q900003"]) == 0
    candidate = entries(linked_copy)["kazuhiko-nakamura"]["candidates"][0]
    assert (candidate["status"], candidate["decided_by"]) == ("confirmed", "curator")
    assert ("kazuhiko-nakamura", "Q900003") in exact_matches(linked_copy)
    assert main(["link", "-q", "--corpus", str(linked_copy), "--endpoint", endpoint,
                 "--entity", "kazuhiko-nakamura"]) == 0
    assert statuses(entries(linked_copy)["kazuhiko-nakamura"]) == {"Q900003": "confirmed", "Q900004": "candidate"}


@pytest.mark.server
def test_confirm_refuses_an_item_no_lookup_found(linked_copy, capsys):
    before = (linked_copy / "links" / "wikidata.yaml").read_bytes()
    assert main(["link", "--corpus", str(linked_copy), "--confirm", "kazuhiko-nakamura", f"{WD}Q42"]) == 1
    assert "was not found by the lookup of 'kazuhiko-nakamura'" in capsys.readouterr().err
    assert (linked_copy / "links" / "wikidata.yaml").read_bytes() == before


@pytest.mark.server
def test_entities_already_looked_up_are_skipped_and_dry_run_writes_nothing(linked_copy, endpoint, capsys):
    before = (linked_copy / "links" / "wikidata.yaml").read_bytes()
    assert main(["link", "--corpus", str(linked_copy), "--endpoint", endpoint]) == 0
    assert "0 looked up" in capsys.readouterr().out
    assert main(["link", "--corpus", str(linked_copy), "--endpoint", endpoint, "--dry-run",
                 "--entity", "tokyo", "--threshold", "0.95"]) == 0
    out = capsys.readouterr().out
    assert "candidate 0.90  http://www.wikidata.org/entity/Q1490  Tokyo" in out and "dry run: nothing written" in out
    assert (linked_copy / "links" / "wikidata.yaml").read_bytes() == before


def test_an_unreachable_endpoint_is_a_clear_error(tmp_path, capsys):
    root = make_corpus(tmp_path / "corpus")
    port = _free_port()  # nothing listens there
    assert main(["link", "--corpus", str(root), "--entity", "tokyo", "--timeout", "5",
                 "--endpoint", f"http://127.0.0.1:{port}/query"]) == 1
    assert f"error: the SPARQL endpoint http://127.0.0.1:{port}/query failed" in capsys.readouterr().err
    assert not (root / "links").exists()


@pytest.mark.parametrize("entity, message", [
    ("vladimir-poutine", "error: unknown entity 'vladimir-poutine' (no curated file defines it)"),
    ("putin-visit-tokyo", "error: 'putin-visit-tokyo' is a Visit; link looks up Person, Organization,"),
])
def test_only_curated_actors_and_places_are_looked_up(tmp_path, capsys, entity, message):
    root = make_corpus(tmp_path / "corpus")
    assert main(["link", "--corpus", str(root), "--entity", entity, "--endpoint", "http://127.0.0.1:9/query"]) == 1
    assert message in capsys.readouterr().err


# --- the links file: what the build refuses, with file, line and field ---

VALID = """\
links:
  - entity: vladimir-putin
    lookup:
      endpoint: https://query.wikidata.org/sparql
      at: '2025-01-31T12:00:00+00:00'
      query: |
        SELECT ?item WHERE { ?item ?p ?o }
    candidates:
      - iri: http://www.wikidata.org/entity/Q7747
        label: Vladimir Putin
        score: 0.9
        status: confirmed
"""
LOOKUP = """\
    lookup:
      endpoint: https://query.wikidata.org/sparql
      at: '2025-01-31T12:00:00+00:00'
      query: |
        SELECT ?item WHERE { ?item ?p ?o }
"""

BAD_LINKS = [
    pytest.param(LOOKUP, "", "wikidata.yaml:2: links[0]: no provenance: 'lookup' is missing; a link is shipped only "
                 "with the endpoint, query and date-time of the lookup that found it "
                 "(run `diplograph link --entity vladimir-putin`)", id="no-lookup"),
    pytest.param("      query: |\n        SELECT ?item WHERE { ?item ?p ?o }\n", "",
                 "wikidata.yaml:4: links[0].lookup: no provenance: 'query' is missing", id="no-query"),
    pytest.param("      endpoint: https://query.wikidata.org/sparql\n", "",
                 "wikidata.yaml:4: links[0].lookup: no provenance: 'endpoint' is missing", id="no-endpoint"),
    pytest.param("'2025-01-31T12:00:00+00:00'", "'yesterday'",
                 "wikidata.yaml:5: links[0].lookup.at: bad date-time 'yesterday'", id="bad-time"),
    pytest.param("'2025-01-31T12:00:00+00:00'", "'2025-01-31T12:00:00'",
                 "wikidata.yaml:5: links[0].lookup.at: bad date-time", id="time-without-offset"),
    pytest.param("entity: vladimir-putin", "entity: vladimir-poutine",
                 "wikidata.yaml:2: links[0].entity: unknown entity 'vladimir-poutine'", id="unknown-entity"),
    pytest.param("status: confirmed", "status: accepted",
                 "wikidata.yaml:12: links[0].candidates[0].status: 'accepted' is not one of", id="bad-status"),
    pytest.param("https://query.wikidata.org/sparql", "query.wikidata.org",
                 "wikidata.yaml:4: links[0].lookup.endpoint:", id="endpoint-not-http"),
    pytest.param("score: 0.9", "score: 9",
                 "wikidata.yaml:11: links[0].candidates[0].score: 9 is greater than the maximum of 1", id="score"),
    pytest.param("        status: confirmed\n", "        status: confirmed\n" + "\n".join([
                 "      - iri: http://www.wikidata.org/entity/Q900001", "        label: Vladimir Putin",
                 "        score: 0.9", "        status: confirmed", ""]),
                 "wikidata.yaml:13: links[0].candidates: 2 confirmed links (lines 9, 13); confirm one item per entity",
                 id="two-confirmed"),
    pytest.param("  - entity: vladimir-putin\n", "  - entity: vladimir-putin\n  - [\n",
                 "wikidata.yaml:5: malformed YAML: expected ',' or ']'", id="malformed"),
]


@pytest.mark.parametrize("old, new, message", BAD_LINKS)
def test_bad_links_file_refused_with_file_line_and_field(tmp_path, capsys, old, new, message):
    root = make_corpus(tmp_path / "corpus")
    (root / "links").mkdir()
    assert old in VALID
    (root / "links" / "wikidata.yaml").write_text(VALID.replace(old, new, 1))
    assert main(["build", "-q", "--corpus", str(root), "--store", str(tmp_path / "data")]) == 1
    err = capsys.readouterr().err
    assert "error: bad input; nothing was written." in err
    assert f"{root / 'links' / message}" in err, err
    assert not (tmp_path / "data").exists()


def test_a_valid_links_file_builds(tmp_path):
    root = make_corpus(tmp_path / "corpus")
    (root / "links").mkdir()
    (root / "links" / "wikidata.yaml").write_text(VALID)
    assert exact_matches(root) == {("vladimir-putin", "Q7747")}
    (root / "links" / "wikidata.yaml").write_text(VALID.replace("status: confirmed", "status: candidate"))
    assert exact_matches(root) == set()


# --- scoring and queries, without a server ---


def test_label_forms_cover_the_usual_cases():
    from diplograph.ingest.curated import EntityDef

    tokyo = EntityDef("tokyo", "City", "TOKYO", ["Tokyo-to"], None, [], Path("x.yaml"), 1)
    assert label_forms(tokyo) == ["TOKYO", "tokyo", "Tokyo", "Tokyo-to", "tokyo-to", "TOKYO-TO", "Tokyo-To"]
    query = build_query(tokyo, ["en"])
    assert '"TOKYO"@en "tokyo"@en "Tokyo"@en' in query and "VALUES ?class { wd:Q515 }" in query


def test_dates_are_compared_by_year_and_before_the_common_era():
    from datetime import date

    ev = Evidence(labels=("Japan",), exists_by=date(2006, 7, 31), exists_at=date(2006, 7, 1))
    japan = Found(f"{WD}Q17", matches={("Japan", "label")}, starts={"-0660-02-11T00:00:00Z"})
    same_year = Found(f"{WD}Q1", matches={("Japan", "label")}, ends={"2006-01-01T00:00:00Z"})  # year precision
    gone = Found(f"{WD}Q2", matches={("Japan", "label")}, ends={"2005-12-31T00:00:00Z"})
    result = {r.found.iri.removeprefix(WD): (r.status, r.score) for r in score([japan, same_year, gone], ev)}
    assert result == {"Q17": ("confirmed", 0.9), "Q1": ("candidate", 0.6), "Q2": ("rejected", 0.0)}


def test_two_equal_items_are_both_left_for_a_curator():
    ev = Evidence(labels=("Moscow",))
    items = [Found(f"{WD}Q{n}", matches={("moscow", "label")}) for n in (1, 2)]
    assert [(r.status, r.score) for r in score(items, ev, threshold=0.5)] == [("candidate", 0.6)] * 2


# --- the shapes for links ---

SHAPE_DATA = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix schema: <http://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix : <http://example.org/> .
:claim dg:about :putin .
:putin a schema:Person ; skos:prefLabel "Vladimir Putin" ; skos:exactMatch <http://www.wikidata.org/entity/Q7747> .
:link a rdf:Statement ; rdf:subject :putin ; rdf:predicate skos:exactMatch ;
    rdf:object <http://www.wikidata.org/entity/Q7747> ; prov:wasGeneratedBy :lookup .
:lookup a prov:Activity ; prov:used <https://query.wikidata.org/sparql> ; schema:query "SELECT * {}" ;
    prov:startedAtTime "2025-01-31T12:00:00Z"^^xsd:dateTime .
"""


@pytest.mark.parametrize("old, new, message", [
    (None, None, None),
    (" ; prov:wasGeneratedBy :lookup", "", "A link was generated by exactly one lookup (a prov:Activity)."),
    ('schema:query "SELECT * {}" ;', "", "A lookup records the exact query it sent."),
    ('"2025-01-31T12:00:00Z"^^xsd:dateTime', '"yesterday"', "A lookup records when it was made (one xsd:dateTime)."),
    ("prov:used <https://query.wikidata.org/sparql> ;", "", "A lookup used exactly one endpoint."),
    ("rdf:subject :putin", "rdf:subject :nobody", "A link is about exactly one actor or place of the graph."),
])
def test_link_shapes(old, new, message):
    data = SHAPE_DATA if old is None else SHAPE_DATA.replace(old, new)
    graph = Graph().parse(data=data, format="turtle") + ontology_graph()
    report = validate_graph(graph)
    assert [v.message for v in report.violations] == ([message] if message else [])
