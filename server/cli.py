"""`diplograph serve`: its arguments and how it starts the server."""

from __future__ import annotations

import argparse


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of `diplograph serve`."""
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")


def serve(args: argparse.Namespace) -> int:
    """Start the server (not yet implemented)."""
    raise SystemExit("diplograph serve: not implemented yet")
