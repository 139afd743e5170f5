"""Where the graph's IRIs live on this server: `{base}{path}` is served at `/{path}`, whatever the base."""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app, g

from diplograph.ingest.rdf import DEFAULT_BASE

from .void import build_manifest

# The vocabulary (ontology#, status/, instrument/) keeps one fixed namespace whatever the data base
# (see ontology/diplograph.ttl), so its terms are served here too.
VOCAB_BASE = "https://w3id.org/diplograph/"
_SAFE = "/#:@-._~!$&'()*+,;="  # characters an IRI path keeps as they are in a URL path


def data_base() -> str:
    """The base IRI the served data was minted under: configured, else recorded by the build, else the default."""
    return current_app.config.get("URI_SPACE") or build_manifest().get("base") or DEFAULT_BASE


def bases() -> list[str]:
    """The namespaces served here, data base first (read once per request: pages link hundreds of IRIs)."""
    if "diplograph_bases" not in g:
        g.diplograph_bases = list(dict.fromkeys([data_base(), VOCAB_BASE]))
    return g.diplograph_bases


def candidates(path: str) -> list[str]:
    """The IRIs a request path may name, most likely first."""
    return [base + path for base in bases()]


def local_path(iri: str) -> str | None:
    """The path on this server that serves `iri`, or None if it is not one of ours."""
    for base in bases():
        if iri.startswith(base) and len(iri) > len(base):
            return "/" + quote(iri[len(base):], safe=_SAFE)
    return None


def href(iri: str) -> str:
    """A link for `iri`: its page here when it is ours, the IRI itself otherwise."""
    return local_path(iri) or iri


def local_name(iri: str) -> str:
    """The last segment of an IRI (after #, else after /)."""
    for sep in ("#", "/"):
        if sep in iri.rstrip(sep):
            return iri.rstrip(sep).rsplit(sep, 1)[1]
    return iri
