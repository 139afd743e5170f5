"""The pages for people: linked-data pages, search, timeline, network, query page, document list.

`init_app` hooks them all into the application: one line in the factory.
"""

from __future__ import annotations

from datetime import date, timedelta

import pyoxigraph
from flask import Blueprint, Flask, render_template

from . import iris, linked_data, network, phrases, querypage, search, timeline
from .facts import Summary
from .graphdata import rows, value

bp = Blueprint("browse", __name__)


@bp.route("/documents")
def documents() -> str:
    """Every source document, with its date and how many paragraphs and claims it has."""
    found = rows("""SELECT ?d ?label ?created ?date ?paras ?claims WHERE {
        ?d a/rdfs:subClassOf* dg:Document ; rdfs:label ?label .
        OPTIONAL { ?d dcterms:created ?created } OPTIONAL { ?d dcterms:date ?date }
        { SELECT ?d (COUNT(?p) AS ?paras) WHERE { ?p a dg:Paragraph ; dcterms:isPartOf ?d } GROUP BY ?d }
        OPTIONAL { SELECT ?d (COUNT(DISTINCT ?c) AS ?claims) WHERE { ?c dg:document ?d ; dg:about ?x } GROUP BY ?d }
    }""")
    docs = [{"iri": r["d"].value, "label": r["label"].value,
             "date": (value(r, "created") or value(r, "date") or "")[:10],
             "paragraphs": int(r["paras"].value), "claims": int(value(r, "claims", "0"))} for r in found]
    return render_template("ld/documents.html", documents=sorted(docs, key=lambda d: (d["date"], d["label"])))


# Groups of the index, in the order a thing is put in the first that fits (a state is also a place).
GROUPS = [("State", "states", "dg:State"), ("Person", "people", "schema:Person"), ("Event", "events", "dg:Event"),
          ("Instrument", "agreements and programmes", "dg:Instrument"), ("Project", "projects", "dg:Project"),
          ("Issue", "topics", "dg:Issue"), ("Organization", "organisations", "schema:Organization"),
          ("Place", "places", "schema:Place")]


@bp.route("/entities")
def entities() -> str:
    """Every person, organisation, state, place, event, agreement, project and topic, by kind, A to Z."""
    classes = " ".join(c for _, _, c in GROUPS)
    found = rows(f"""SELECT ?x (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STR(?c); separator=" ") AS ?classes)
        WHERE {{ VALUES ?c {{ {classes} }} ?x a/rdfs:subClassOf* ?c ; skos:prefLabel ?l }} GROUP BY ?x""")
    groups: dict[str, list[tuple[str, str]]] = {title: [] for _, title, _ in GROUPS}
    for r in found:
        kinds = {c.rsplit("#", 1)[-1].rsplit("/", 1)[-1] for c in r["classes"].value.split()}
        title = next(title for key, title, _ in GROUPS if key in kinds)
        groups[title].append((r["x"].value, r["label"].value))
    return render_template("ld/entities.html", groups={t: sorted(g, key=lambda x: x[1].lower())
                                                       for t, g in groups.items() if g})


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
    """A thing's dates as the text gives them, with the bounds they allow: "July (Jul 2006)"."""
    if summary is None:
        return ""
    span = bounds(summary.begin, summary.end)
    if summary.date_text and span and span != summary.date_text:
        return f"{summary.date_text} ({span})"
    return summary.date_text or span


def bounds(begin: date | None, end: date | None) -> str:
    """Date bounds, short: "2005", "Feb 2007", "27–28 Feb 2007", "from 2005-11-01"."""
    if begin and end:
        if begin == end:
            return begin.strftime("%-d %b %Y")
        if (begin.month, begin.day, end.month, end.day) == (1, 1, 12, 31) and begin.year == end.year:
            return str(begin.year)
        if (begin.year, begin.month) == (end.year, end.month):
            whole = begin.day == 1 and (end + timedelta(days=1)).month != end.month
            return begin.strftime("%b %Y") if whole else f"{begin.day}–{end.strftime('%-d %b %Y')}"
        return f"{begin.isoformat()} – {end.isoformat()}"
    if begin:
        return f"from {begin.isoformat()}"
    return f"until {end.isoformat()}" if end else ""


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
