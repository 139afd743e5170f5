"""Every IRI of a Turtle dump dereferences on the server: 200 as an HTML page and as RDF that describes it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pyoxigraph
from flask import Flask

from diplograph.ingest.build import BuildResult
from diplograph.ingest.rdf import DEFAULT_BASE


def dump_iris(built_store: BuildResult) -> set[str]:
    """Every IRI under the base in the Turtle dump, as subject, predicate or object."""
    triples = pyoxigraph.parse(path=str(built_store.dumps["turtle"]), format=pyoxigraph.RdfFormat.TURTLE)
    return {t.value for q in triples for t in (q.subject, q.predicate, q.object)
            if isinstance(t, pyoxigraph.NamedNode) and t.value.startswith(DEFAULT_BASE)}


def fetch(app: Flask, iri: str) -> list[str]:
    """What is wrong with dereferencing one IRI (nothing: an empty list)."""
    path = "/" + iri[len(DEFAULT_BASE):].split("#")[0]
    client, problems = app.test_client(), []
    page = client.get(path, headers={"Accept": "text/html"})
    if page.status_code != 200 or page.mimetype != "text/html":
        problems.append(f"{path} as HTML: {page.status_code} {page.mimetype}")
    elif "#" in iri and f'id="{iri.split("#")[1]}"' not in page.text:
        problems.append(f"{path} as HTML has no anchor for {iri}")
    rdf = client.get(path, headers={"Accept": "text/turtle"})
    if rdf.status_code != 200 or rdf.mimetype != "text/turtle":
        return [*problems, f"{path} as Turtle: {rdf.status_code} {rdf.mimetype}"]
    described = {t.value for q in pyoxigraph.parse(rdf.data, format=pyoxigraph.RdfFormat.TURTLE)
                 for t in (q.subject, q.object)}
    if iri not in described:
        problems.append(f"{path} as Turtle does not describe {iri}")
    return problems


def test_every_iri_of_the_turtle_dump_dereferences_as_html_and_rdf(ld_app: Flask, built_store: BuildResult) -> None:
    iris = sorted(dump_iris(built_store))
    assert len(iris) > 1500  # people, events, claims, paragraphs, spans, memberships, vocabulary terms …
    with ThreadPoolExecutor(4) as pool:
        problems = [p for found in pool.map(lambda i: fetch(ld_app, i), iris) for p in found]
    assert problems == []
