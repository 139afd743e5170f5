"""Content negotiation as a table: (Accept header, format=) -> the format chosen for each result kind."""

from __future__ import annotations

import pytest
from flask import Flask, request

from diplograph.server.errors import BadRequest
from diplograph.server.negotiation import check_override, query_formats


@pytest.fixture
def app() -> Flask:
    # negotiation needs only a request context: no store, no server
    return Flask(__name__)


@pytest.mark.parametrize("accept, fmt, table, graph", [
    (None, None, "json", "turtle"),
    ("*/*", None, "json", "turtle"),
    ("application/sparql-results+json", None, "json", None),
    ("application/sparql-results+xml", None, "xml", None),
    ("text/csv", None, "csv", None),
    ("text/tab-separated-values", None, "tsv", None),
    ("application/json", None, "json", "jsonld"),
    ("application/xml", None, "xml", "rdfxml"),
    ("text/turtle", None, None, "turtle"),
    ("text/turtle; charset=utf-8", None, None, "turtle"),  # parameters do not stop a match
    ("application/n-triples", None, None, "ntriples"),
    ("application/ld+json", None, None, "jsonld"),
    ("application/rdf+xml", None, None, "rdfxml"),
    ("application/trig", None, None, "trig"),
    ("application/n-quads", None, None, "nquads"),
    ("text/n3", None, None, "turtle"),
    # q-values: the highest acceptable wins, whatever the order
    ("text/csv;q=0.5, application/sparql-results+xml", None, "xml", None),
    ("application/sparql-results+xml;q=0.2, text/tab-separated-values;q=0.9", None, "tsv", None),
    ("text/turtle;q=0.1, application/n-triples;q=0.8", None, None, "ntriples"),
    ("text/csv;q=0, application/sparql-results+json;q=0.1", None, "json", None),  # q=0 means never
    ("text/html,application/xhtml+xml,*/*;q=0.8", None, "json", "turtle"),  # a browser
    ("text/*", None, "xml", "turtle"),  # text/xml is the first text/ type offered
    ("image/png", None, None, None),
    # format= overrides Accept
    ("text/csv", "json", "json", "jsonld"),
    ("text/csv", "xml", "xml", "rdfxml"),
    (None, "tsv", "tsv", None),
    (None, "n3", None, "turtle"),
    (None, "json-ld", None, "jsonld"),
    (None, "application/n-quads", None, "nquads"),
])
def test_query_formats(app: Flask, accept: str | None, fmt: str | None, table: str | None, graph: str | None) -> None:
    headers = {"Accept": accept} if accept else {}
    with app.test_request_context("/sparql", headers=headers):
        results_format, graph_format = query_formats(request, fmt)
    assert (results_format.name if results_format else None) == table
    assert (graph_format.name if graph_format else None) == graph


@pytest.mark.parametrize("value", ["html", "yaml", "text/plain"])
def test_unknown_format_names_are_refused(value: str) -> None:
    with pytest.raises(BadRequest, match="unknown format"):
        check_override(value)
