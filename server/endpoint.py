"""The /sparql endpoint: queries and updates by the SPARQL 1.1 Protocol."""

from __future__ import annotations

import time

from flask import Blueprint, Response, current_app, g, request

from . import backend, errors
from .auth import require_writer
from .negotiation import query_formats
from .protocol import QueryOperation, UpdateOperation, parse_request
from .results import Answer, QueryJob
from .service_description import service_description
from .sparqltext import DatasetConflict, apply_using, has_dataset_clause, service_iris

bp = Blueprint("endpoint", __name__)


def check_services(text: str, update: bool = False) -> None:
    """Refuse SERVICE calls to endpoints not on the allowlist (an open SERVICE lets anyone make us fetch URLs)."""
    try:
        iris = service_iris(text, update)
    except SyntaxError as exc:
        raise errors.BadRequest(str(exc)) from None
    if iris is None:
        raise errors.Forbidden("SERVICE with a variable endpoint is not allowed here")
    allowed = set(current_app.config["SERVICE_ALLOWLIST"])
    refused = [iri for iri in iris if iri not in allowed]
    if refused:
        listed = ", ".join(sorted(allowed)) or "none"
        raise errors.Forbidden(f"SERVICE <{refused[0]}> is not on this server's allowlist (allowed: {listed})")


def endpoint_url() -> str:
    """This endpoint's URL, the base IRI of queries and updates (built directly: request.base_url re-quotes it)."""
    return f"{request.scheme}://{request.host}{request.script_root}{request.path}"


def answer_response(answer: Answer) -> Response:
    """An HTTP response for a serialised result, the row cap declared in headers."""
    response = Response(answer.body, mimetype=answer.media_type)
    response.headers["Content-Type"] = f"{answer.media_type}; charset=utf-8"
    response.headers["X-Diplograph-Rows"] = str(answer.rows)
    response.headers["X-Diplograph-Truncated"] = "true" if answer.truncated else "false"
    response.vary.add("Accept")
    # Where the time went (worker: evaluation and serialisation; app: everything in this process).
    app_ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
    response.headers["Server-Timing"] = f"worker;dur={answer.seconds * 1000:.2f}, app;dur={app_ms:.2f}"
    return response


def run_query(op: QueryOperation) -> Response:
    """Negotiate, run and serialise a query."""
    check_services(op.query)
    results_format, graph_format = query_formats(request, op.format)
    if results_format is None and graph_format is None:
        raise errors.NotAcceptable("no acceptable format: this endpoint serves SPARQL results as JSON, XML, "
                                   "CSV and TSV, and graphs as Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads")
    job = QueryJob(
        sparql=op.query,
        default_graphs=op.default_graphs,
        named_graphs=op.named_graphs,
        base_iri=endpoint_url(),
        union_default=not has_dataset_clause(op.query),
        results_format=results_format.name if results_format else None,
        graph_format=graph_format.name if graph_format else None,
        row_cap=int(current_app.config["ROW_CAP"]),
    )
    return answer_response(backend.run_query(job, op.timeout))


def run_update(op: UpdateOperation) -> Response:
    """Authorise, validate and apply an update."""
    require_writer()
    check_services(op.update, update=True)
    try:
        text = apply_using(op.update, op.using_graphs, op.using_named_graphs)
    except (DatasetConflict, SyntaxError) as exc:
        raise errors.BadRequest(str(exc)) from None
    backend.run_update(text, endpoint_url())
    return Response(status=204)


@bp.route("/sparql", methods=["GET", "POST"])
def sparql() -> Response:
    """Queries by GET or POST, updates by POST; a bare GET gives the service description."""
    g.started = time.perf_counter()
    op = parse_request(request)
    if op is None:
        return service_description()
    if isinstance(op, UpdateOperation):
        return run_update(op)
    return run_query(op)
