"""The SPARQL 1.1 Protocol: turn an HTTP request into one query or one update, or refuse it."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass

from flask import Request
from werkzeug.datastructures import MultiDict

from .errors import BadRequest, UnsupportedMediaType

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


@dataclass(frozen=True)
class QueryOperation:
    """A query with its protocol dataset (None: not given, so the query's own FROM or the default applies)."""

    query: str
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    timeout: float | None
    format: str | None


@dataclass(frozen=True)
class UpdateOperation:
    """An update with its protocol dataset (using-graph-uri / using-named-graph-uri)."""

    update: str
    using_graphs: list[str]
    using_named_graphs: list[str]


def decode_utf8(data: bytes, what: str) -> str:
    """Bytes as UTF-8 text; 400 if they are not (the protocol allows no other encoding)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest(f"{what} is not valid UTF-8 (byte {exc.start}); SPARQL requests must be UTF-8") from None


def parse_params(raw: bytes, what: str) -> MultiDict:
    """URL-encoded parameters, decoded once and strictly as UTF-8 (Werkzeug would replace bad bytes)."""
    text = decode_utf8(raw, what)
    try:
        pairs = urllib.parse.parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BadRequest(f"{what} has percent-encoded bytes that are not UTF-8") from None
    return MultiDict(pairs)


def url_params(request: Request) -> MultiDict:
    """The parameters of the request URL."""
    return parse_params(request.query_string, "the query string")


def _check_charset(request: Request) -> None:
    charset = request.mimetype_params.get("charset")
    if charset and charset.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise UnsupportedMediaType(f"charset {charset} is not supported: SPARQL requests must be UTF-8")


def _one(params: MultiDict, name: str) -> str:
    values = params.getlist(name)
    if len(values) != 1:
        raise BadRequest(f"give exactly one {name!r} parameter (got {len(values)})")
    return values[0]


def _timeout(params: MultiDict) -> float | None:
    value = params.get("timeout")
    if value in (None, ""):
        return None
    try:
        seconds = float(value)
    except ValueError:
        raise BadRequest(f"timeout must be a number of seconds, not {value!r}") from None
    if not seconds > 0:
        raise BadRequest("timeout must be positive")
    return seconds


def parse_request(request: Request) -> QueryOperation | UpdateOperation | None:
    """The operation a /sparql request carries; None for a bare GET (which asks for the service description)."""
    params = url_params(request)
    if request.method in ("GET", "HEAD"):
        if "update" in params:
            raise BadRequest("SPARQL Update must be sent by POST, never GET", {"Allow": "GET, POST, HEAD, OPTIONS"})
        if "query" not in params:
            return None
        return _query(_one(params, "query"), params)
    # POST: the media type says where the operation is.
    if not request.mimetype:
        raise UnsupportedMediaType(f"a POST needs a Content-Type: {FORM}, {QUERY} or {UPDATE}")
    _check_charset(request)
    if request.mimetype == FORM:
        for name, value in parse_params(request.get_data(), "the form body").items(multi=True):
            params.add(name, value)
        if "query" in params and "update" in params:
            raise BadRequest("give a query or an update, not both")
        if "update" in params:
            return _update(_one(params, "update"), params)
        if "query" in params:
            return _query(_one(params, "query"), params)
        raise BadRequest("the form has neither a 'query' nor an 'update' parameter")
    if request.mimetype == QUERY:
        if "query" in params:
            raise BadRequest(f"a {QUERY} body is the query: do not also give 'query' in the URL")
        return _query(decode_utf8(request.get_data(), "the query"), params)
    if request.mimetype == UPDATE:
        if "update" in params:
            raise BadRequest(f"a {UPDATE} body is the update: do not also give 'update' in the URL")
        return _update(decode_utf8(request.get_data(), "the update"), params)
    raise UnsupportedMediaType(f"unsupported Content-Type {request.mimetype!r}; use {FORM}, {QUERY} or {UPDATE}")


def _query(text: str, params: MultiDict) -> QueryOperation:
    for name in ("using-graph-uri", "using-named-graph-uri"):
        if name in params:
            raise BadRequest(f"{name} belongs to updates; queries take default-graph-uri / named-graph-uri")
    given = "default-graph-uri" in params or "named-graph-uri" in params
    return QueryOperation(
        query=text,
        default_graphs=params.getlist("default-graph-uri") if given else None,
        named_graphs=params.getlist("named-graph-uri") if given else None,
        timeout=_timeout(params),
        format=params.get("format"),
    )


def _update(text: str, params: MultiDict) -> UpdateOperation:
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in params:
            raise BadRequest(f"{name} belongs to queries; updates take using-graph-uri / using-named-graph-uri")
    return UpdateOperation(text, params.getlist("using-graph-uri"), params.getlist("using-named-graph-uri"))
