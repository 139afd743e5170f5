"""Outgoing federation: SERVICE clauses evaluated by this server, under its own policy.

pyoxigraph's built-in SERVICE client cannot be given a per-call timeout, a redirect limit or address
checks from Python, so the endpoint never lets it run: each SERVICE clause is sent by service_client
(allowlist, SSRF checks, timeout, redirects, size caps) and its answer is written into the query as
inline data before the query reaches the store.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from flask import current_app

from . import errors
from .results import QueryJob
from .service_client import CallFailed, Policy, select
from .servicetext import ClauseError, prologue, remote_query, service_clauses, substitute, values_block
from .sparqltext import has_dataset_clause, has_keyword

log = logging.getLogger(__name__)
MAX_BYTES = 64 * 1024 * 1024  # a remote answer larger than this is refused, whatever its row count


class ServiceFailed(errors.ApiError):
    """A SERVICE endpoint could not be reached, or answered with an error or something unreadable."""

    status, title = 502, "Bad Gateway"


class ServiceTimedOut(errors.ApiError):
    """A SERVICE endpoint did not answer within the per-call timeout."""

    status, title = 504, "Gateway Timeout"


_ERRORS: dict[str, type[errors.ApiError]] = {
    "refused": errors.Forbidden,
    "failed": ServiceFailed,
    "timeout": ServiceTimedOut,
}


def policy(config: dict[str, Any]) -> Policy:
    """The SERVICE policy an application's configuration sets."""
    return Policy(
        allowlist=frozenset(config["SERVICE_ALLOWLIST"]),
        timeout=float(config.get("SERVICE_TIMEOUT", 10.0)),
        redirects=int(config.get("SERVICE_REDIRECTS", 3)),
        max_rows=int(config.get("SERVICE_MAX_ROWS", 100_000)),
        max_bytes=MAX_BYTES,
    )


def inline_services(text: str, base_iri: str | None, deadline: float) -> str:
    """The query or update with every outermost SERVICE clause replaced by its answer (the text itself if none)."""
    if not has_keyword(text, "SERVICE"):
        return text
    rules = policy(current_app.config)
    try:
        clauses = service_clauses(text, base_iri)
    except ClauseError as exc:
        raise errors.BadRequest(str(exc)) from None
    head = prologue(text)[0]
    answers: dict[tuple[str, str], str] = {}
    replacements = []
    for clause in clauses:
        if clause.endpoint not in rules.allowlist:
            listed = ", ".join(sorted(rules.allowlist)) or "none"
            raise errors.Forbidden(f"SERVICE <{clause.endpoint}> is not on this server's allowlist "
                                   f"(allowed: {listed})")
        key = (clause.endpoint, clause.pattern)
        try:
            if key not in answers:
                answers[key] = _answer(clause.endpoint, remote_query(head, clause.pattern, base_iri), rules,
                                       deadline)
            replacements.append((clause, answers[key]))
        except CallFailed as exc:
            log.warning("%s", exc)
            if clause.silent and exc.kind != "refused":
                # SPARQL 1.1 Federated Query: a failed SILENT service gives one solution with no bindings.
                replacements.append((clause, "{}"))
                continue
            raise _ERRORS[exc.kind](str(exc)) from None
    rewritten = substitute(text, replacements)
    if has_keyword(rewritten, "SERVICE"):  # never let the store's own unchecked client make the call
        raise errors.BadRequest("cannot isolate the SERVICE clauses of this request")
    return rewritten


def _answer(endpoint: str, query: str, rules: Policy, deadline: float) -> str:
    solutions = select(endpoint, query, rules, deadline)
    try:
        return values_block(solutions.variables, solutions.rows)
    except ClauseError as exc:
        raise CallFailed("failed", endpoint, str(exc)) from None


def inline_job(job: QueryJob, deadline: float) -> QueryJob:
    """The query job with its SERVICE clauses answered."""
    text = inline_services(job.sparql, job.base_iri, deadline)
    if text is job.sparql:
        return job
    # A FROM inside a SERVICE pattern was the remote's business: it must not switch off our union default.
    union = job.union_default or (has_dataset_clause(job.sparql) and not has_dataset_clause(text))
    return dataclasses.replace(job, sparql=text, union_default=union)
