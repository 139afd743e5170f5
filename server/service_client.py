"""The HTTP side of a SERVICE call: one SPARQL query to a remote endpoint, under the server's policy.

Every hop is cleared by netguard (and connects to the address it cleared), redirects are followed up
to a limit, the whole call has one deadline that also bounds slow bodies, and answers are size-capped.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode, urljoin, urlsplit

import pyoxigraph

from . import netguard

USER_AGENT = "diplograph (SPARQL SERVICE client)"
ACCEPT = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
REDIRECTS = (301, 302, 303, 307, 308)


@dataclass(frozen=True)
class Policy:
    """What SERVICE calls may do: where they go, for how long, how many redirects, how big an answer."""

    allowlist: frozenset[str]
    timeout: float
    redirects: int
    max_rows: int
    max_bytes: int


@dataclass(frozen=True)
class Solutions:
    """A remote answer: its variables and rows of pyoxigraph terms (None where unbound)."""

    variables: list[str]
    rows: list[list[object | None]]


class CallFailed(Exception):
    """A SERVICE call that did not give an answer; `kind` is refused, timeout or failed."""

    def __init__(self, kind: str, endpoint: str, reason: str):
        self.kind = kind
        self.endpoint = endpoint
        self.reason = reason
        super().__init__(f"SERVICE <{endpoint}> {reason}")


def select(endpoint: str, query: str, policy: Policy, deadline: float) -> Solutions:
    """Send a SELECT query to `endpoint` and read its solutions; CallFailed otherwise."""
    deadline = min(deadline, time.monotonic() + policy.timeout)
    status, content_type, body = _follow(endpoint, query, policy, deadline)
    if status != 200:
        snippet = body[:300].decode("utf-8", "replace").strip()
        raise CallFailed("failed", endpoint, f"answered HTTP {status}" + (f": {snippet}" if snippet else ""))
    return _parse(endpoint, content_type, body, policy.max_rows)


def _follow(endpoint: str, query: str, policy: Policy, deadline: float) -> tuple[int, str, bytes]:
    url, method = endpoint, "POST"
    for _ in range(policy.redirects + 1):
        try:
            target = netguard.clear(url, policy.allowlist)
        except netguard.Refused as exc:
            raise CallFailed("refused", endpoint, f"was refused: {exc}") from None
        except OSError as exc:
            raise CallFailed("failed", endpoint, f"could not be reached: {exc}") from None
        status, headers, body = _exchange(endpoint, target, method, query, deadline, policy.max_bytes)
        if status not in REDIRECTS:
            return status, headers.get("content-type", ""), body
        if not headers.get("location"):
            raise CallFailed("failed", endpoint, f"answered HTTP {status} without a Location")
        url = urljoin(url, headers["location"])
        if status in (301, 302, 303):  # like browsers: the redirected request becomes a GET
            method = "GET"
    raise CallFailed("failed", endpoint, f"redirected more than {policy.redirects} times (the limit); "
                     f"the last target was <{url}>")


def _exchange(endpoint: str, target: netguard.Target, method: str, query: str, deadline: float,
              max_bytes: int) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request and its whole response, within the deadline."""
    cls = http.client.HTTPSConnection if target.scheme == "https" else http.client.HTTPConnection
    conn = cls(target.host, target.port, timeout=_remaining(endpoint, deadline))

    def pinned(address, timeout, source_address=None):  # connect to the checked address, not a new lookup
        return socket.create_connection((target.address, address[1]), timeout, source_address)

    conn._create_connection = pinned
    parts = urlsplit(target.url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {"Accept": ACCEPT, "User-Agent": USER_AGENT}
    form = urlencode({"query": query})
    expired = threading.Event()
    try:
        if method == "POST":
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            conn.request("POST", path, body=form.encode(), headers=headers)
        else:
            conn.request("GET", path + ("&" if parts.query else "?") + form, headers=headers)
        # Socket timeouts bound each read, not the whole answer: at the deadline, cut the connection.
        watchdog = threading.Timer(_remaining(endpoint, deadline), _cut, (conn.sock, expired))
        watchdog.start()
        try:
            response = conn.getresponse()
            body = _read(endpoint, response, max_bytes)
        finally:
            watchdog.cancel()
        if expired.is_set():
            raise TimeoutError()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    except TimeoutError:
        raise CallFailed("timeout", endpoint, "did not answer in time") from None
    except (OSError, http.client.HTTPException) as exc:
        if expired.is_set():
            raise CallFailed("timeout", endpoint, "did not answer in time") from None
        raise CallFailed("failed", endpoint, f"could not be reached: {exc}") from None
    finally:
        conn.close()


def _cut(sock: socket.socket, expired: threading.Event) -> None:
    expired.set()
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: nothing left to cut


def _read(endpoint: str, response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    chunks, size = [], 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > max_bytes:
            raise CallFailed("failed", endpoint, f"answered with more than {max_bytes} bytes (the limit)")
        chunks.append(chunk)
    return b"".join(chunks)


def _remaining(endpoint: str, deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise CallFailed("timeout", endpoint, "did not answer in time")
    return left


def _parse(endpoint: str, content_type: str, body: bytes, max_rows: int) -> Solutions:
    media_type = content_type.split(";")[0].strip().lower()
    fmt = pyoxigraph.QueryResultsFormat.from_media_type(media_type) if media_type else None
    if fmt is None or fmt not in (pyoxigraph.QueryResultsFormat.JSON, pyoxigraph.QueryResultsFormat.XML):
        raise CallFailed("failed", endpoint, f"answered with {media_type or 'no media type'}, "
                         "not SPARQL results in JSON or XML")
    try:
        result = pyoxigraph.parse_query_results(body, format=fmt)
        if isinstance(result, pyoxigraph.QueryBoolean):
            raise CallFailed("failed", endpoint, "answered a SELECT query with a boolean")
        variables = [v.value for v in result.variables]
        rows = []
        for solution in result:
            if len(rows) == max_rows:
                raise CallFailed("failed", endpoint, f"answered with more than {max_rows} rows (the limit); "
                                 "narrow the SERVICE pattern")
            rows.append([solution[v] for v in variables])
    except (SyntaxError, ValueError) as exc:
        raise CallFailed("failed", endpoint, f"answered with results that do not parse: {exc}") from None
    return Solutions(variables, rows)
