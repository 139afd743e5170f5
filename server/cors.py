"""CORS: reads are open to every origin by default, as on public SPARQL endpoints; writes only if configured."""

from __future__ import annotations

from flask import Flask, Response, request

EXPOSED = "X-Diplograph-Truncated, X-Diplograph-Rows, Location, Link"


def _add_headers(app: Flask, response: Response) -> Response:
    origin = app.config.get("CORS_ORIGIN")
    if not origin:
        return response
    response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Access-Control-Expose-Headers"] = EXPOSED
    if origin != "*":
        response.vary.add("Origin")
    if request.method == "OPTIONS":
        writes = app.config.get("CORS_WRITES")
        response.headers["Access-Control-Allow-Methods"] = (
            "GET, HEAD, POST, PUT, DELETE, OPTIONS" if writes else "GET, HEAD, POST, OPTIONS")
        response.headers["Access-Control-Allow-Headers"] = (
            "Accept, Content-Type, Authorization" if writes else "Accept, Content-Type")
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


def init_app(app: Flask) -> None:
    """Add the CORS headers to every response."""
    app.after_request(lambda response: _add_headers(app, response))
