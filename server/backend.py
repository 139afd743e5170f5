"""Store access for requests: one query pool per application, and pool failures turned into HTTP errors."""

from __future__ import annotations

import json
import os
import threading
import time

from flask import Flask, current_app

from diplograph.ingest.store import WriteOutcome

from . import errors
from .federation import inline_job, inline_services
from .pool import PoolBusy, QueryPool, QueryTimeout, UpdateJob, WorkerFailed
from .results import Answer, QueryJob

_START_LOCK = threading.Lock()
_FAILURES = {
    "syntax": errors.BadRequest,
    "not_acceptable": errors.NotAcceptable,
    "too_large": errors.NotAcceptable,
}


def get_pool() -> QueryPool:
    """The application's query pool, started on first use (never at import or app creation)."""
    ext = current_app.extensions
    if "diplograph.pool" not in ext:
        with _START_LOCK:
            if "diplograph.pool" not in ext:
                size = current_app.config["QUERY_WORKERS"] or max(2, os.cpu_count() or 2)
                ext["diplograph.pool"] = QueryPool(current_app.config["STORE"], size)
    return ext["diplograph.pool"]


def query_timeout(requested: float | None) -> float:
    """The server's limit, or the client's if lower: a client may shorten the timeout, never lengthen it."""
    limit = float(current_app.config["QUERY_TIMEOUT"])
    return min(requested, limit) if requested else limit


def run_query(job: QueryJob, requested_timeout: float | None = None) -> Answer:
    """Run a query job in the pool; protocol errors for bad queries, timeouts and overload."""
    timeout = query_timeout(requested_timeout)
    deadline = time.monotonic() + timeout
    job = inline_job(job, deadline)  # SERVICE clauses are answered first, within the same deadline
    try:
        return get_pool().query(job, max(0.0, deadline - time.monotonic()))
    except QueryTimeout:
        raise errors.QueryTimedOut(f"the query ran longer than {timeout:g} s and was stopped "
                                   f"(server limit {current_app.config['QUERY_TIMEOUT']:g} s)") from None
    except PoolBusy:
        raise errors.ServiceUnavailable("the server is busy; try again", {"Retry-After": "5"}) from None
    except WorkerFailed as exc:
        if exc.kind in _FAILURES:
            raise _FAILURES[exc.kind](str(exc)) from None
        raise


def select(sparql: str) -> list[dict]:
    """The rows of an internal SELECT as plain dicts of strings (for descriptions and checks)."""
    job = QueryJob(sparql, None, None, None, True, "json", None, 1_000_000)
    doc = json.loads(run_query(job).body)
    return [{k: v["value"] for k, v in row.items()} for row in doc["results"]["bindings"]]


def ask(sparql: str) -> bool:
    """The answer of an internal ASK."""
    job = QueryJob(sparql, None, None, None, False, "json", None, 1)
    return bool(json.loads(run_query(job).body)["boolean"])


def run_update(sparql: str, base_iri: str | None) -> WriteOutcome:
    """Validate an update against the shapes and apply it; 422 with the SHACL report if it would break them."""
    timeout = float(current_app.config["UPDATE_TIMEOUT"])
    deadline = time.monotonic() + timeout
    sparql = inline_services(sparql, base_iri, deadline)
    try:
        outcome = get_pool().update(UpdateJob(sparql, base_iri), max(0.0, deadline - time.monotonic()))
    except QueryTimeout:
        raise errors.QueryTimedOut(f"the update ran longer than {timeout:g} s and was stopped; "
                                   "nothing was written") from None
    except WorkerFailed as exc:
        if exc.kind == "syntax":
            raise errors.BadRequest(str(exc)) from None
        raise
    if not outcome.applied:
        raise errors.ShapesViolated("the write was refused, the store is unchanged:\n" + outcome.report.text())
    current_app.extensions.pop("diplograph.void", None)  # the dataset description is stale now
    return outcome


def init_app(app: Flask) -> None:
    """Stop the worker processes when the application is torn down by the process exiting."""
    import atexit

    def _close() -> None:
        pool = app.extensions.get("diplograph.pool")
        if pool is not None:
            pool.close()

    atexit.register(_close)
