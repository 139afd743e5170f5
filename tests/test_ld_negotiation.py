"""Cool URIs: one IRI per thing, served at /{path} whatever the base; negotiated; 200 with Content-Location."""

from __future__ import annotations

import json

import pyoxigraph
import pytest
from flask import Flask
from flask.testing import FlaskClient

from diplograph.ingest.build import build
from diplograph.ingest.corpus import Corpus

FRADKOV = "/person/mikhail-fradkov"
FRADKOV_IRI = "https://w3id.org/diplograph/person/mikhail-fradkov"


@pytest.mark.parametrize("path, accept, media_type, location", [
    (FRADKOV, None, "text/html", FRADKOV + ".html"),  # no preference: the page for people
    (FRADKOV, "*/*", "text/html", FRADKOV + ".html"),
    (FRADKOV, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html", FRADKOV + ".html"),
    (FRADKOV, "text/turtle", "text/turtle", FRADKOV + ".ttl"),
    (FRADKOV, "text/turtle;q=0.5, application/ld+json", "application/ld+json", FRADKOV + ".jsonld"),
    (FRADKOV, "application/n-triples", "application/n-triples", FRADKOV + ".nt"),
    (FRADKOV, "application/trig", "application/trig", FRADKOV + ".trig"),
    (FRADKOV, "application/n-quads", "application/n-quads", FRADKOV + ".nq"),
    (FRADKOV, "application/rdf+xml", "application/rdf+xml", FRADKOV + ".rdf"),
    (FRADKOV, "text/html;q=0.1, text/turtle", "text/turtle", FRADKOV + ".ttl"),  # q-values decide
    (FRADKOV + ".ttl", "text/html", "text/turtle", FRADKOV + ".ttl"),  # an extension overrides Accept
    (FRADKOV + ".jsonld", None, "application/ld+json", FRADKOV + ".jsonld"),
    (FRADKOV + ".nt", None, "application/n-triples", FRADKOV + ".nt"),
    (FRADKOV + ".html", "text/turtle", "text/html", FRADKOV + ".html"),
    (FRADKOV + "?format=ttl", "text/html", "text/turtle", FRADKOV + ".ttl"),
    ("/doc/thesop-20071017-foreign-minister-sergey-lavrovs/p/q1.1", None, "text/html",
     "/doc/thesop-20071017-foreign-minister-sergey-lavrovs/p/q1.1.html"),  # a dot in the IRI is not a suffix
    ("/doc/thesop-20071017-foreign-minister-sergey-lavrovs/p/q1.1.ttl", None, "text/turtle",
     "/doc/thesop-20071017-foreign-minister-sergey-lavrovs/p/q1.1.ttl"),
])
def test_negotiation(ld_client: FlaskClient, path: str, accept: str | None, media_type: str, location: str) -> None:
    r = ld_client.get(path, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200  # 200 with Content-Location, not 303 (see server/linked_data.py)
    assert r.mimetype == media_type
    assert r.headers["Content-Location"] == location
    assert "Accept" in r.headers["Vary"]


def test_link_header_lists_every_twin(ld_client: FlaskClient) -> None:
    link = ld_client.get(FRADKOV).headers["Link"]
    for ext, media_type in [("ttl", "text/turtle"), ("jsonld", "application/ld+json"),
                            ("nt", "application/n-triples"), ("html", "text/html")]:
        assert f'<{FRADKOV}.{ext}>; rel="alternate"; type="{media_type}"' in link


def test_the_page_advertises_its_twins(ld_client: FlaskClient) -> None:
    page = ld_client.get(FRADKOV).text
    assert f'<link rel="alternate" type="text/turtle" href="{FRADKOV}.ttl">' in page


def test_an_unacceptable_type_is_refused(ld_client: FlaskClient) -> None:
    r = ld_client.get(FRADKOV, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert r.mimetype == "application/problem+json"


def test_unknown_iri_is_a_real_404_page_with_suggestions(ld_client: FlaskClient) -> None:
    r = ld_client.get("/person/fradkov", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert r.mimetype == "text/html"
    assert "https://w3id.org/diplograph/person/fradkov" in r.text
    assert "Perhaps you meant" in r.text and 'href="/person/mikhail-fradkov"' in r.text


@pytest.mark.parametrize("path", ["/foo%20bar", "/person/x%3Cscript%3E", "/%22%7B%7D"])
def test_a_path_no_iri_can_have_is_a_404(ld_client: FlaskClient, path: str) -> None:
    assert ld_client.get(path, headers={"Accept": "text/html"}).status_code == 404
    assert ld_client.get(path).status_code == 404


@pytest.mark.parametrize("accept", [None, "*/*", "text/turtle", "application/json"])
def test_unknown_iri_is_a_problem_document_for_programs(ld_client: FlaskClient, accept: str | None) -> None:
    r = ld_client.get("/person/nobody", headers={"Accept": accept} if accept else {})
    assert r.status_code == 404
    assert r.mimetype == "application/problem+json"
    assert json.loads(r.data)["status"] == 404


def test_the_turtle_twin_keeps_the_graph_iris(ld_client: FlaskClient) -> None:
    triples = list(pyoxigraph.parse(ld_client.get(FRADKOV + ".ttl").data, format=pyoxigraph.RdfFormat.TURTLE))
    labels = {t.object.value for t in triples if t.subject.value == FRADKOV_IRI and t.predicate.value.endswith(
        "#prefLabel")}
    assert labels == {"Mikhail Fradkov"}


def test_dataset_formats_keep_the_claim_behind_each_triple(ld_client: FlaskClient) -> None:
    quads = list(pyoxigraph.parse(ld_client.get(FRADKOV + ".nq").data, format=pyoxigraph.RdfFormat.N_QUADS))
    roles = {q.graph_name.value for q in quads if q.predicate.value == "http://www.w3.org/ns/org#member"}
    assert "https://w3id.org/diplograph/claim/07TOKYO1267/p1-fradkov-role" in roles
    doc = json.loads(ld_client.get(FRADKOV + ".jsonld").data)
    assert any(node.get("@id", "").startswith("https://w3id.org/diplograph/claim/") and "@graph" in node
               for node in doc)


def test_a_claim_describes_its_own_graph(ld_client: FlaskClient) -> None:
    r = ld_client.get("/claim/07TOKYO1267/p11-jetro-rspp-mou.nt")
    triples = list(pyoxigraph.parse(r.data, format=pyoxigraph.RdfFormat.N_TRIPLES))
    said = {(t.subject.value.rsplit("/", 1)[1], t.predicate.value.rsplit("#", 1)[1]) for t in triples}
    assert ("jetro-rspp-mou-2007", "signedAt") in said  # the claim's triple
    assert ("p11-jetro-rspp-mou", "wasAttributedTo") in said  # and its provenance


@pytest.fixture(scope="module")
def other_base_app(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Flask:
    """The corpus built under another base IRI, served."""
    from diplograph.server.app import create_app

    store = build(corpus, tmp_path_factory.mktemp("base") / "data", base="http://example.org/kg/").store_dir
    return create_app({"STORE": {"path": str(store / "oxigraph")}, "BUILD_DIR": str(store), "QUERY_WORKERS": 2})


def test_iris_under_any_base_dereference_at_the_same_paths(other_base_app: Flask) -> None:
    client = other_base_app.test_client()
    triples = list(pyoxigraph.parse(client.get(FRADKOV + ".nt").data, format=pyoxigraph.RdfFormat.N_TRIPLES))
    assert pyoxigraph.NamedNode("http://example.org/kg/person/mikhail-fradkov") in {t.subject for t in triples}
    page = client.get("/event/fradkov-visit-japan-2007-02").text
    assert 'href="/person/mikhail-fradkov"' in page  # links stay on this server
    # the vocabulary keeps its one namespace, and is served here too
    assert client.get("/status/planned", headers={"Accept": "text/turtle"}).status_code == 200
    assert client.get("/ontology").status_code == 200
