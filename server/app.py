"""The application factory."""

from __future__ import annotations

from typing import Any

from flask import Flask

from . import backend, browse, cors, endpoint, errors, gsp, pages, void

DEFAULTS: dict[str, Any] = {
    "STORE": {"path": "data/oxigraph"},  # {"path": DIR} embedded, or {"url": …, "update_url": …} remote
    "BUILD_DIR": "data",  # build.json and dumps/, when serving a build
    "UPDATE_TOKEN": None,  # writes are refused unless set
    "QUERY_TIMEOUT": 30.0,  # seconds; clients may ask for less with timeout=
    "UPDATE_TIMEOUT": 120.0,
    "ROW_CAP": 10_000,  # rows (or triples) per result; more is cut and said so
    "MAX_CONTENT_LENGTH": 16 * 1024 * 1024,  # request bodies beyond this get 413 (Flask enforces it)
    "SERVICE_ALLOWLIST": [],  # SERVICE endpoints a query may call; none by default
    "SERVICE_TIMEOUT": 10.0,  # seconds per SERVICE call (within the query's own timeout)
    "SERVICE_REDIRECTS": 3,  # redirects a SERVICE call may follow
    "SERVICE_MAX_ROWS": 100_000,  # rows a SERVICE answer may have; more is an error, never cut
    "CORS_ORIGIN": "*",  # None or "" turns CORS off
    "CORS_WRITES": False,  # let browsers on other origins send the write token
    "QUERY_WORKERS": 0,  # worker processes; 0 = one per CPU, at least 2
    "DATASET_TITLE": "diplograph",
    # The curated graph is published under CC BY 4.0 (see README, Licences); the VoID says so.
    "DATASET_LICENSE": "https://creativecommons.org/licenses/by/4.0/",
    "URI_SPACE": None,  # void:uriSpace; default: the base IRI recorded in build.json
}


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the application: defaults, then DIPLOGRAPH_* environment variables, then `config`."""
    app = Flask(__name__)
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("DIPLOGRAPH")
    if config:
        app.config.from_mapping(config)
    app.json.sort_keys = False
    errors.init_app(app)
    cors.init_app(app)
    backend.init_app(app)
    for module in (endpoint, gsp, void, pages):
        app.register_blueprint(module.bp)
    browse.init_app(app)  # linked-data pages, search, timeline, network, query page
    return app
