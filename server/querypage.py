"""The query page: an editor, example questions, and the answer as a table, rendered on the server.

Queries run exactly as at /sparql (same pool, timeout, row cap and SERVICE allowlist), so the page works
without JavaScript and its URL can be shared; the editor script only adds line numbers and shortcuts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urlencode

import pyoxigraph
from flask import Blueprint, current_app, render_template, request, url_for

from . import backend, errors
from .endpoint import check_services
from .examples import EXAMPLES, prologue
from .examples_federated import page_examples
from .graphdata import Term, from_json
from .results import QueryJob
from .sparqltext import has_dataset_clause

bp = Blueprint("query", __name__)
DEFAULT = prologue() + """
SELECT ?event ?when WHERE {
  ?e a dg:Meeting ; skos:prefLabel ?event .
  OPTIONAL { ?e dg:dateText ?when }
}
ORDER BY ?event
LIMIT 20
"""


@dataclass
class Table:
    """A query's answer as columns and rows of terms (a graph answer as subject, predicate, object)."""

    columns: list[str]
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    truncated: bool = False


def execute(sparql: str) -> Table:
    """Run a query as the endpoint would, and read the answer into a table."""
    check_services(sparql)
    job = QueryJob(sparql, None, None, request.base_url, not has_dataset_clause(sparql), "json", "ntriples",
                   int(current_app.config["ROW_CAP"]))
    answer = backend.run_query(job)
    if answer.format_name == "ntriples":
        triples = pyoxigraph.parse(answer.body, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return Table(["subject", "predicate", "object"], [[t.subject, t.predicate, t.object] for t in triples],
                     truncated=answer.truncated)
    doc = json.loads(answer.body)
    if "boolean" in doc:
        return Table([], boolean=bool(doc["boolean"]))
    columns = doc["head"].get("vars", [])
    rows = [[from_json(b[c]) if c in b else None for c in columns] for b in doc["results"]["bindings"]]
    return Table(columns, rows, truncated=answer.truncated)


@bp.route("/query")
def query_page() -> tuple[str, int]:
    """The editor, filled with `query=` or an example's text; the answer below when there is a query to run."""
    examples = EXAMPLES + page_examples(current_app.config["SERVICE_ALLOWLIST"])  # federated ones need a partner
    example = {e.slug: e for e in examples}.get(request.args.get("example", ""))
    text = request.args.get("query") or (example.sparql if example else DEFAULT)
    table, error, status = None, None, 200
    if "query" in request.args or example:
        try:
            table = execute(text)
        except errors.ApiError as exc:  # a bad query is shown on the page, with the endpoint's status
            error, status = exc.detail, exc.status
    downloads = {name: url_for("endpoint.sparql") + "?" + urlencode({"query": text, "format": name})
                 for name in ("json", "csv", "tsv", "xml")}
    return render_template("ld/query.html", text=text, example=example, examples=examples, table=table,
                           error=error, downloads=downloads), status
