"""Content negotiation: pick a format from a registry by `format=`, or else by the Accept header."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from flask import Request
from werkzeug.datastructures import MIMEAccept

from diplograph.ingest.formats import FORMATS, RESULTS_FORMATS, RdfFormat, ResultsFormat

from .errors import BadRequest


class Negotiable(Protocol):
    names: tuple[str, ...]
    media_types: tuple[str, ...]


F = TypeVar("F", bound=Negotiable)


def accepted(request: Request) -> MIMEAccept | None:
    """The Accept header with media-type parameters dropped (q kept); None when the client sent none.

    Werkzeug matches parameters exactly, so `text/turtle; charset=utf-8` would match no offer.
    """
    if not request.headers.get("Accept", "").strip():
        return None
    return MIMEAccept([(value.split(";")[0].strip(), q) for value, q in request.accept_mimetypes])


def choose(request: Request, formats: Sequence[F], override: str | None = None) -> F | None:
    """The best of `formats` for this request (the first is the default); None if the client accepts none."""
    if override:
        wanted = override.strip().lower()
        return next((f for f in formats if wanted in f.names or wanted in f.media_types), None)
    accept = accepted(request)
    if accept is None:
        return formats[0]
    offers = [m for f in formats for m in f.media_types]
    best = accept.best_match(offers)
    return next((f for f in formats if best in f.media_types), None) if best else None


def check_override(value: str | None) -> str | None:
    """A `format=` value, checked against both registries (400 for a name neither knows)."""
    if not value:
        return None
    v = value.strip().lower()
    known = [*FORMATS.values(), *RESULTS_FORMATS.values()]
    if not any(v in f.names or v in f.media_types for f in known):
        names = ", ".join([*RESULTS_FORMATS, *FORMATS])
        raise BadRequest(f"unknown format {value!r}; known: {names}")
    return v


def query_formats(request: Request, override: str | None = None) -> tuple[ResultsFormat | None, RdfFormat | None]:
    """The format for a table/boolean result and the one for a graph result, as negotiated."""
    override = check_override(override)
    return (choose(request, list(RESULTS_FORMATS.values()), override),
            choose(request, list(FORMATS.values()), override))


def graph_format(request: Request, override: str | None = None) -> RdfFormat | None:
    """The RDF format for a graph response (Graph Store Protocol, descriptions)."""
    return choose(request, list(FORMATS.values()), check_override(override))
