"""Writes need `Authorization: Bearer <token>`; without a configured token the server is read-only."""

from __future__ import annotations

import hmac

from flask import current_app, request

from .errors import Forbidden, Unauthorized


def writes_enabled() -> bool:
    """Whether a write token is configured."""
    return bool(current_app.config.get("UPDATE_TOKEN"))


def require_writer() -> None:
    """Refuse the request unless it carries the write token (compared in constant time)."""
    token = current_app.config.get("UPDATE_TOKEN")
    if not token:
        raise Forbidden("this endpoint is read-only; start it with --update-token-file to enable writes")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise Unauthorized("writes need the header `Authorization: Bearer <token>` with the server's token",
                           {"WWW-Authenticate": 'Bearer realm="diplograph"'})
