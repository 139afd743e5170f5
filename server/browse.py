"""The pages for people: linked-data pages, search, timeline, network, query page, document list.

`init_app` hooks them all into the application: one line in the factory.
"""

from __future__ import annotations

from datetime import date

import pyoxigraph
from flask import Blueprint, Flask, render_template

from . import iris, linked_data, network, phrases, querypage, search, timeline
from .facts import Summary
from .graphdata import rows, value

bp = Blueprint("browse", __name__)


@bp.route("/documents")
def documents() -> str:
    """Every source document, with its date and how many paragraphs and claims it has."""
    found = rows("""SELECT ?d ?label ?created ?date (COUNT(DISTINCT ?p) AS ?paras) (COUNT(DISTINCT ?c) AS ?claims)
    WHERE { ?d a dg:Document ; rdfs:label ?label .
            OPTIONAL { ?d dcterms:created ?created } OPTIONAL { ?d dcterms:date ?date }
            OPTIONAL { ?p a dg:Paragraph ; dcterms:isPartOf ?d } OPTIONAL { ?c dg:document ?d ; a dg:Claim } }
    GROUP BY ?d ?label ?created ?date ORDER BY ?created ?date ?label""")
    docs = [{"iri": r["d"].value, "label": r["label"].value,
             "date": (value(r, "created") or value(r, "date") or "")[:10],
             "paragraphs": int(r["paras"].value), "claims": int(r["claims"].value)} for r in found]
    return render_template("ld/documents.html", documents=docs)


def name(term: pyoxigraph.NamedNode | pyoxigraph.Literal | str, names: dict[str, str] | None = None) -> str:
    """What to call a term on a page: its label if known, a class or vocabulary term in words, else its value."""
    text = term if isinstance(term, str) else term.value
    if names and text in names:
        return names[text]
    if isinstance(term, pyoxigraph.Literal):
        return text
    if text.startswith(phrases.DG) and text[len(phrases.DG):][:1].isupper():
        return phrases.class_label(text)
    if text.startswith(("http://", "https://")) and (local := iris.local_name(text)):
        return phrases.words(local) if text.startswith(("http://schema.org/", phrases.ORG)) else local
    return text


def when(summary: Summary | None) -> str:
    """A thing's dates: as the text gives them, else its bounds."""
    if summary is None:
        return ""
    if summary.date_text:
        return summary.date_text
    if summary.begin and summary.end and summary.begin != summary.end:
        return f"{_day(summary.begin)} – {_day(summary.end)}"
    return _day(summary.begin or summary.end)


def _day(d: date | None) -> str:
    return d.isoformat() if d else ""


def init_app(app: Flask) -> None:
    """Register the blueprints and the template filters they share."""
    for module in (linked_data, search, timeline, network, querypage):
        app.register_blueprint(module.bp)
    app.register_blueprint(bp)
    app.add_template_filter(iris.href, "href")
    app.add_template_filter(iris.local_name, "local_name")
    app.add_template_filter(name, "name")
    app.add_template_filter(when, "when")
    app.add_template_filter(phrases.predicate, "predicate")
    app.add_template_filter(phrases.class_label, "class_label")
    app.add_template_filter(phrases.graph_words, "graph_words")
    app.add_template_global(lambda t: isinstance(t, pyoxigraph.NamedNode), "is_iri")
