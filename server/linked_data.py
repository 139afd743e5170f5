"""Every IRI of the graph dereferences here: `{base}{path}` at `/{path}`, as HTML for people and RDF for programs.

Why 200 and not 303: the IRIs are hash-less and most name things, not documents (a person, a visit).
The 2005 httpRange-14 rule answered such an IRI with `303 See Other` to a document about it; that costs
every client a second round trip and loses the IRI in many tools' address bars. Following the W3C TAG's
later resolution ("Providing and Discovering URI Documentation", 2012), and Datasette's and Wikidata's
practice of serving descriptions directly, a request for a thing's IRI gets `200` with a description of
the thing, and `Content-Location` names that description as a document of its own (`/person/x.html`,
`/person/x.ttl` …), which is what a client should cite. The data itself says what each IRI is (its
rdf:type), so nobody mistakes the page for the person.

Negotiation: the format registry (ingest/formats.py) plus HTML; an extension (`.html`, `.ttl`, `.jsonld`,
`.nt`, `.trig`, `.nq`, `.rdf`) or `?format=` picks one outright, else the Accept header does (Werkzeug's
matching, via server/negotiation.py). Every answer says `Vary: Accept` and lists the other formats in
`Link: <…>; rel="alternate"`. An IRI the store knows nothing about gets a real 404: a page with
suggestions when the client asks for HTML by name (browsers do), else the server's one error shape.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, render_template, request

from diplograph.ingest.formats import FORMATS, RdfFormat

from . import errors, graphdata, views, views_text
from .describe import description, serialize
from .highlight import parse_focus
from .iris import candidates, data_base, local_path
from .negotiation import accepted, choose
from .search import search

bp = Blueprint("ld", __name__)


@dataclass(frozen=True)
class HtmlFormat:
    """The page for people, offered alongside the RDF formats."""

    name: str = "html"
    media_type: str = "text/html"
    extension: str = "html"
    media_types: tuple[str, ...] = ("text/html", "application/xhtml+xml")
    names: tuple[str, ...] = ("html",)


HTML = HtmlFormat()
OFFERS: list = [HTML, *FORMATS.values()]  # the first is what a client that states no preference gets
BY_EXTENSION = {f.extension: f for f in OFFERS}
ALTERNATES = ("html", "ttl", "jsonld", "nt", "trig", "nq", "rdf")  # in Link headers and page footers


def resolve(path: str) -> tuple[str | None, HtmlFormat | RdfFormat | None]:
    """The IRI a path names and the format its extension asks for (None: negotiate)."""
    stem, dot, ext = path.rpartition(".")
    tries = [(path, None)] + ([(stem, BY_EXTENSION[ext])] if dot and ext in BY_EXTENSION else [])
    for name, fmt in tries:
        for iri in candidates(name):
            if graphdata.is_iri(iri) and graphdata.exists(iri):
                return iri, fmt
    return None, None


def alternates(iri: str) -> list[tuple[str, str, str]]:
    """(extension, URL path, media type) of each representation of an IRI's description."""
    path = local_path(iri) or "/"
    return [(ext, f"{path}.{ext}", BY_EXTENSION[ext].media_type) for ext in ALTERNATES]


@bp.route("/<path:path>")
def resource(path: str) -> Response:
    """The description of the thing an IRI names, negotiated."""
    iri, fmt = resolve(path)
    if iri is None:
        return not_found(path)
    if fmt is None:
        fmt = choose(request, OFFERS, request.args.get("format"))
    if fmt is None:
        raise errors.NotAcceptable("this resource is served as " + ", ".join(f.media_type for f in OFFERS))
    if fmt is HTML:
        response = Response(render_page(iri), content_type="text/html; charset=utf-8")
    else:
        response = Response(serialize(description(iri), fmt, data_base()),
                            content_type=f"{fmt.media_type}; charset=utf-8")
    response.headers["Content-Location"] = f"{local_path(iri)}.{fmt.extension}"
    response.headers["Link"] = ", ".join(f'<{href}>; rel="alternate"; type="{mt}"'
                                         for _, href, mt in alternates(iri))
    response.vary.add("Accept")
    return response


def render_page(iri: str) -> str:
    """The HTML page of an IRI, by what kind of thing it is."""
    kind = views.kind_of(graphdata.types(iri))
    common = {"iri": iri, "kind": kind, "alternates": alternates(iri)}
    if kind == "span" and (page := views_text.span_page(iri)):
        return render_template("ld/paragraph.html", **common, **page)
    if kind == "paragraph" and (page := views_text.paragraph_page(iri, parse_focus(request.args.get("focus")))):
        return render_template("ld/paragraph.html", **common, **page)
    if kind == "claim" and (page := views_text.claim_page(iri)):
        return render_template("ld/claim.html", **common, **page)
    if kind == "document":
        return render_template("ld/document.html", **common, **views_text.document_page(iri))
    if kind == "ontology":
        return render_template("ld/ontology.html", **common, **views_text.ontology_page())
    graph_size = int(graphdata.rows(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graphdata.ref(iri)} "
                                    "{ ?s ?p ?o } }")[0]["n"].value)
    return render_template("ld/entity.html", **common, page=views.entity_page(iri, kind), graph_size=graph_size)


def not_found(path: str) -> Response:
    """A 404: a page with suggestions for a browser (it asks for HTML by name), the one error shape otherwise."""
    accept = accepted(request)
    if accept is None or accept.best_match([errors.PROBLEM_JSON, HTML.media_type]) != HTML.media_type:
        raise errors.NotFound(f"not found: the graph says nothing about {candidates(path)[0]}")
    words = " ".join(path.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").split()[:4])
    hits = search(words, limit=10) if words else None
    body = render_template("ld/404.html", path=path, iri=candidates(path)[0], words=words, hits=hits)
    response = Response(body, status=404, content_type="text/html; charset=utf-8")
    response.vary.add("Accept")
    return response
