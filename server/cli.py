"""`diplograph serve`: its arguments and how it starts the server (gunicorn, never Flask's dev server)."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from diplograph.ingest.store import STORE_SUBDIR, EmbeddedStore, describe_spec

from .app import DEFAULTS


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `diplograph serve`."""
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--store", help="build directory to serve: store, dumps, build.json (default: "
                        "$DIPLOGRAPH_STORE or ./data; built from --corpus first if missing)")
    source.add_argument("--data", help="serve this RDF file (TriG, N-Quads, Turtle…) from a temporary store")
    source.add_argument("--store-url", help="use a remote SPARQL 1.1 store at this query endpoint URL")
    parser.add_argument("--store-update-url", help="the remote store's update endpoint (default: --store-url)")
    parser.add_argument("--corpus", default="corpus", help="corpus to build from when there is no store")
    parser.add_argument("--update-token-file", help="file holding the bearer token that enables writes "
                        "(default: read-only)")
    parser.add_argument("--timeout", type=float, default=30.0, help="query timeout in seconds; clients may "
                        "ask for less with timeout= (default: 30)")
    parser.add_argument("--row-cap", type=int, default=10_000, help="most rows or triples per result; longer "
                        "results are cut and marked (default: 10000)")
    parser.add_argument("--max-request-bytes", type=int, default=16 * 1024 * 1024,
                        help="largest request body accepted (default: 16 MiB)")
    parser.add_argument("--service-allow", action="append", default=[], metavar="URL",
                        help="a SERVICE endpoint queries may call (repeatable; default: none)")
    parser.add_argument("--service-timeout", type=float, default=10.0, metavar="SECONDS",
                        help="time a SERVICE call may take, within the query's timeout (default: 10)")
    parser.add_argument("--service-redirects", type=int, default=3, metavar="N",
                        help="redirects a SERVICE call may follow (default: 3)")
    parser.add_argument("--service-max-rows", type=int, default=100_000, metavar="N",
                        help="rows a SERVICE answer may have; a longer one is an error (default: 100000)")
    parser.add_argument("--cors-origin", default="*", help="Access-Control-Allow-Origin for reads "
                        "(default: *; empty to turn CORS off)")
    parser.add_argument("--license", help="IRI of the data licence, for the VoID description "
                        "(default: https://creativecommons.org/licenses/by/4.0/)")
    parser.add_argument("--workers", type=int, default=1, help="gunicorn worker processes (read-only only; "
                        "default: 1)")
    parser.add_argument("--threads", type=int, default=32, help="threads per gunicorn worker (default: 32)")
    parser.add_argument("--query-workers", type=int, default=0, help="query processes per gunicorn worker "
                        "(default: one per CPU, at least 2)")
    parser.add_argument("--config", metavar="FILE", help="read these options from a TOML (or .json) file whose "
                        "keys are the option names, e.g. service-allow = [\"https://query.wikidata.org/sparql\"]; "
                        "options given here win")
    _defer_defaults(parser)


SOURCES = ("store", "data", "store_url")  # mutually exclusive: the command line's choice wins over the file's


def _defer_defaults(parser: argparse.ArgumentParser) -> None:
    """Parse every option as None when not given, so a --config file can fill in before the defaults do."""
    defaults = {}
    for action in parser._actions:
        if action.option_strings and action.dest not in ("help", "config"):
            defaults[action.dest], action.default = action.default, None
    parser.set_defaults(serve_defaults=defaults, serve_actions=list(parser._actions))


def resolve_options(args: argparse.Namespace) -> None:
    """Fill each option not given on the command line from --config, else from its default."""
    from . import configfile

    from_file = configfile.options(Path(args.config), args.serve_actions) if args.config else {}
    if any(getattr(args, name, None) is not None for name in SOURCES):
        from_file = {k: v for k, v in from_file.items() if k not in SOURCES}
    for dest, default in args.serve_defaults.items():
        if getattr(args, dest, None) is None:
            setattr(args, dest, from_file.get(dest, default))


def app_config(args: argparse.Namespace, store: dict[str, Any], build_dir: Path | None) -> dict[str, Any]:
    """The application configuration these arguments describe."""
    token = None
    if args.update_token_file:
        token = Path(args.update_token_file).read_text().strip()
        if not token:
            raise SystemExit(f"{args.update_token_file} is empty: a write token must not be empty")
    return {
        "STORE": store,
        "BUILD_DIR": str(build_dir) if build_dir else None,
        "UPDATE_TOKEN": token,
        "QUERY_TIMEOUT": args.timeout,
        "ROW_CAP": args.row_cap,
        "MAX_CONTENT_LENGTH": args.max_request_bytes,
        "SERVICE_ALLOWLIST": list(args.service_allow),
        "SERVICE_TIMEOUT": args.service_timeout,
        "SERVICE_REDIRECTS": args.service_redirects,
        "SERVICE_MAX_ROWS": args.service_max_rows,
        "CORS_ORIGIN": args.cors_origin or None,
        "QUERY_WORKERS": args.query_workers,
        "DATASET_LICENSE": args.license or DEFAULTS["DATASET_LICENSE"],
    }


def _load_data_file(path: Path, folder: Path) -> dict[str, Any]:
    """Load any RDF file into a new embedded store in `folder`."""
    from diplograph.ingest.formats import FORMATS

    fmt = next((f for f in FORMATS.values() if path.name.endswith("." + f.extension)), None)
    if fmt is None:
        raise SystemExit(f"cannot tell the RDF format of {path} from its extension; use one of "
                         + ", ".join("." + f.extension for f in FORMATS.values()))
    _in_fresh_process(_create_store, folder / STORE_SUBDIR, path, fmt.name)
    return {"path": str(folder / STORE_SUBDIR)}


def _build_if_missing(store_dir: Path, corpus: Path) -> None:
    if (store_dir / STORE_SUBDIR / "CURRENT").exists():
        return
    print(f"No store in {store_dir}/: building it from {corpus}/ first", file=sys.stderr)
    _in_fresh_process(_build, corpus, store_dir)


def _create_store(folder: Path, source: Path, format_name: str) -> None:
    from diplograph.ingest.formats import by_name

    EmbeddedStore.create(folder, source, by_name(format_name).oxigraph)


def _build(corpus: Path, store_dir: Path) -> None:
    from diplograph.ingest.build import Progress, build
    from diplograph.ingest.corpus import Corpus

    build(Corpus(corpus), store_dir, progress=Progress())


def _in_fresh_process(func, *args: Any, **kwargs: Any) -> None:
    """Run `func` in a spawned process: RocksDB's threads must never exist in the process gunicorn forks."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        pool.apply(func, args, kwargs)


def serve(args: argparse.Namespace) -> int:
    """Start the server with gunicorn; a temporary store (--data) is removed when it stops."""
    resolve_options(args)
    temporary = None
    try:
        if args.store_url:
            store, build_dir = {"url": args.store_url, "update_url": args.store_update_url}, None
        elif args.data:
            temporary = Path(tempfile.mkdtemp(prefix="diplograph-serve-"))
            store, build_dir = _load_data_file(Path(args.data), temporary), None
        else:
            build_dir = Path(args.store or os.environ.get("DIPLOGRAPH_STORE") or "data")
            _build_if_missing(build_dir, Path(args.corpus))
            store = {"path": str(build_dir / STORE_SUBDIR)}
        config = app_config(args, store, build_dir)
        workers = args.workers
        if config["UPDATE_TOKEN"] and workers != 1:
            # Writes are serialised by one process's lock; a second gunicorn worker would not see it.
            print("writes enabled: using one gunicorn worker", file=sys.stderr)
            workers = 1
        options = {
            "bind": f"{args.host}:{args.port}",
            "workers": workers,
            "worker_class": "gthread",
            "threads": args.threads,
            "timeout": int(max(args.timeout, 120) + 30),  # the pool enforces query deadlines itself
            "graceful_timeout": 10,
            "errorlog": "-",
        }
        if "control_socket_disable" in _gunicorn_settings():  # gunicorn ≥ 25.1 opens one per server otherwise
            options["control_socket_disable"] = True
        print(f"Serving {describe_spec(store)} at http://{args.host}:{args.port}/sparql "
              f"({'writes enabled' if config['UPDATE_TOKEN'] else 'read-only'})", file=sys.stderr)
        GunicornServer(config, options).run()
        return 0
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


def _gunicorn_settings() -> set[str]:
    from gunicorn.config import KNOWN_SETTINGS

    return {s.name for s in KNOWN_SETTINGS}


def _gunicorn_base():
    from gunicorn.app.base import BaseApplication

    return BaseApplication


class GunicornServer(_gunicorn_base()):
    """gunicorn running create_app(config) in each worker (the app is built after the fork, not before)."""

    def __init__(self, config: dict[str, Any], options: dict[str, Any]):
        self.config_for_app = config
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from .app import create_app

        return create_app(self.config_for_app)
