"""The landing page and the dump files."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, render_template, send_from_directory

from .auth import writes_enabled
from .void import build_manifest

bp = Blueprint("pages", __name__)


@bp.route("/")
def index() -> str:
    """A small page linking the endpoint, the dataset description and the dumps."""
    manifest = build_manifest()
    dumps = [Path(d["file"]).name for d in manifest.get("dumps", {}).values()]
    return render_template("index.html", dumps=dumps, manifest=manifest, writable=writes_enabled(),
                           title=current_app.config["DATASET_TITLE"])


@bp.route("/dumps/<path:filename>")
def dump(filename: str) -> Response:
    """One dump file of the served build."""
    folder = current_app.config.get("BUILD_DIR")
    if not folder:
        abort(404)
    return send_from_directory(Path(folder).resolve() / "dumps", filename)
