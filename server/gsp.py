"""The SPARQL 1.1 Graph Store HTTP Protocol at /store: direct (/store/…) and indirect (?graph=, ?default)."""

from __future__ import annotations

import uuid

import pyoxigraph
from flask import Blueprint, Response, current_app, request, url_for

from diplograph.ingest.formats import FORMATS, by_media_type
from diplograph.ingest.store import insert_data

from . import backend, errors
from .auth import require_writer
from .endpoint import answer_response
from .negotiation import graph_format
from .protocol import url_params
from .results import QueryJob

bp = Blueprint("gsp", __name__)
METHODS = ["GET", "PUT", "POST", "DELETE"]  # Flask adds HEAD and OPTIONS


def _ref(graph: str | None) -> str:
    return f"GRAPH <{graph}>" if graph else "DEFAULT"


def _exists(graph: str | None) -> bool:
    # Stores differ on empty graphs; a graph exists here while it has a triple. The default graph always exists.
    return graph is None or backend.ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")


def _read_body(graph: str | None) -> list[pyoxigraph.Quad]:
    """The request's RDF, one part or several (multipart/form-data), parsed with the graph as base IRI."""
    parts = [(f.mimetype, f.read()) for f in request.files.values()] if request.mimetype == "multipart/form-data" \
        else [(request.mimetype, request.get_data())]
    quads: list[pyoxigraph.Quad] = []
    for media_type, data in parts:
        fmt = by_media_type(media_type or "")
        if fmt is None:
            raise errors.UnsupportedMediaType(f"unsupported RDF media type {media_type!r}; use one of "
                                              + ", ".join(f.media_type for f in FORMATS.values()))
        if fmt.datasets and fmt.name != "jsonld":
            raise errors.UnsupportedMediaType(f"{fmt.media_type} carries named graphs; a graph takes triples")
        try:
            parsed = pyoxigraph.parse(data, format=fmt.oxigraph, base_iri=graph or request.base_url)
            quads += [pyoxigraph.Quad(q.subject, q.predicate, q.object,
                                      pyoxigraph.NamedNode(graph) if graph else pyoxigraph.DefaultGraph())
                      for q in parsed]
        except SyntaxError as exc:
            raise errors.BadRequest(f"the {fmt.media_type} body does not parse: {exc}") from None
    return quads


def _get(graph: str | None) -> Response:
    fmt = graph_format(request, url_params(request).get("format"))
    if fmt is None:
        raise errors.NotAcceptable("acceptable formats: " + ", ".join(f.media_type for f in FORMATS.values()))
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    job = QueryJob(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", None, None, None, False, None, fmt.name,
                   int(current_app.config["ROW_CAP"]))
    answer = backend.run_query(job)
    if graph and answer.rows == 0 and not _exists(graph):
        raise errors.NotFound(f"no graph <{graph}> in the store")
    return answer_response(answer)


def _write(graph: str | None) -> Response:
    require_writer()
    existed = _exists(graph)
    if request.method == "DELETE":
        if not existed:
            raise errors.NotFound(f"no graph <{graph}> in the store")
        backend.run_update(f"DROP {_ref(graph)}", None)
        return Response(status=204)
    quads = _read_body(graph)
    update = insert_data(quads) if quads else ""
    if request.method == "PUT":
        update = f"DROP SILENT {_ref(graph)}" + (f" ;\n{update}" if update else "")
    if update:
        backend.run_update(update, None)
    return Response(status=204 if existed else 201)


def _handle(graph: str | None) -> Response:
    if request.method in ("GET", "HEAD"):
        return _get(graph)
    return _write(graph)


@bp.route("/store", methods=METHODS)
def indirect() -> Response:
    """Indirect graph identification: ?graph=IRI or ?default; a POST with neither creates a new graph."""
    params = url_params(request)
    if "default" in params and "graph" in params:
        raise errors.BadRequest("give ?graph=IRI or ?default, not both")
    if "default" in params:
        return _handle(None)
    if "graph" in params:
        return _handle(params["graph"])
    if request.method == "POST":
        require_writer()
        graph = url_for("gsp.direct", path=uuid.uuid4().hex, _external=True)
        _write(graph)
        return Response(status=201, headers={"Location": graph})
    raise errors.BadRequest("name the graph: /store?graph=IRI, /store?default, or /store/<path>")


@bp.route("/store/<path:path>", methods=METHODS)
def direct(path: str) -> Response:
    """Direct graph identification: the request URL is the graph IRI."""
    return _handle(request.base_url)
