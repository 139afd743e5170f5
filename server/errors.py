"""One error body for every error (RFC 9457 problem details), one handler per exception class."""

from __future__ import annotations

import json
import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

log = logging.getLogger(__name__)
PROBLEM_JSON = "application/problem+json"


class ApiError(Exception):
    """An error the client can act on; subclasses fix the status."""

    status = 400
    title = "Bad Request"

    def __init__(self, detail: str, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.headers = headers or {}


class BadRequest(ApiError):
    """The request breaks the SPARQL protocol, or its query or update does not parse."""


class Unauthorized(ApiError):
    status, title = 401, "Unauthorized"


class Forbidden(ApiError):
    status, title = 403, "Forbidden"


class NotFound(ApiError):
    status, title = 404, "Not Found"


class NotAcceptable(ApiError):
    status, title = 406, "Not Acceptable"


class UnsupportedMediaType(ApiError):
    status, title = 415, "Unsupported Media Type"


class ShapesViolated(ApiError):
    """The write would leave the graph violating the SHACL shapes; nothing was written."""

    status, title = 422, "Unprocessable Content"


class ServiceUnavailable(ApiError):
    status, title = 503, "Service Unavailable"


class QueryTimedOut(ServiceUnavailable):
    title = "Query Timeout"


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> Response:
    """The one error body shape: {"type", "title", "status", "detail"}."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    response = Response(json.dumps(body, indent=2, ensure_ascii=False) + "\n", status=status,
                        mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def _api_error(exc: ApiError) -> Response:
    return problem(exc.status, exc.title, exc.detail, exc.headers)


def _http_exception(exc: HTTPException) -> Response:
    # Werkzeug's own errors (404 route, 405 with Allow, 413 body too large) in the same shape.
    headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
    return problem(exc.code or 500, exc.name, exc.description or exc.name, headers)


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(HTTPException, _http_exception)
