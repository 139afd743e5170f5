"""Shared fixtures: the repository corpus, a compiled graph, a built store."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from diplograph.ingest.build import BuildResult, build, compile_graph
from diplograph.ingest.corpus import Corpus
from diplograph.ingest.rdf import Built

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"


def require(condition: bool, reason: str) -> None:
    """Skip when a real dependency is missing; in CI (DIPLOGRAPH_REQUIRE_ALL=1) fail instead."""
    if condition:
        return
    if os.environ.get("DIPLOGRAPH_REQUIRE_ALL") == "1":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return Corpus(CORPUS)


@pytest.fixture(scope="session")
def built(corpus: Corpus) -> Built:
    """The whole corpus compiled to a dataset (not yet validated or stored)."""
    return compile_graph(corpus)


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> BuildResult:
    """The whole corpus built (validated) into a fresh store directory."""
    return build(corpus, tmp_path_factory.mktemp("store") / "data")


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Corpus:
    """A private, writable copy of the corpus."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    return Corpus(tmp_path / "corpus")


# --- Server fixtures (issue 4: the SPARQL endpoint; owned by the endpoint work, see tests/server_fixtures.py) ---

from collections.abc import Iterator  # noqa: E402

from .server_fixtures import TOKEN, Server, protocol_dataset, start_server  # noqa: E402


@pytest.fixture(scope="session")
def protocol_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The W3C protocol test data as one N-Quads file."""
    return protocol_dataset(tmp_path_factory.mktemp("w3c") / "protocol.nq")


@pytest.fixture(scope="session")
def protocol_server(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Server]:
    """A read-only server on the W3C protocol data."""
    server = start_server(tmp_path_factory.mktemp("ro"), "--data", str(protocol_data))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def writable_server(tmp_path_factory: pytest.TempPathFactory, protocol_data: Path) -> Iterator[Server]:
    """A server with writes enabled by a bearer token, on a temporary copy of the W3C protocol data."""
    server = start_server(tmp_path_factory.mktemp("rw"), "--data", str(protocol_data), token=TOKEN)
    yield server
    server.stop()


# --- Linked-data page fixtures (issue 5: pages, search, timeline, network, query page; see tests/test_ld_*.py) ---

from flask import Flask  # noqa: E402
from flask.testing import FlaskClient  # noqa: E402


@pytest.fixture(scope="session")
def ld_app(built_store: BuildResult) -> Flask:
    """The whole application on the built corpus (queries run in its worker pool, as when served)."""
    from diplograph.server.app import create_app

    return create_app({"STORE": {"path": str(built_store.store_dir / "oxigraph")},
                       "BUILD_DIR": str(built_store.store_dir), "QUERY_WORKERS": 4})


@pytest.fixture
def ld_client(ld_app: Flask) -> FlaskClient:
    """A test client of that application."""
    return ld_app.test_client()


@pytest.fixture(scope="session")
def ld_server(tmp_path_factory: pytest.TempPathFactory, built_store: BuildResult) -> Iterator[Server]:
    """`diplograph serve` on the built corpus, as a user would start it."""
    server = start_server(tmp_path_factory.mktemp("ld"), "--store", str(built_store.store_dir))
    yield server
    server.stop()
