"""The W3C Graph Store HTTP Protocol manifests (direct and indirect identification) over real HTTP."""

from __future__ import annotations

import pytest

from .server_fixtures import W3C, Server
from .w3c_replay import load, replay

ENTRIES = {e.name: e for m in ("manifest-direct.ttl", "manifest-indirect.ttl")
           for e in load(W3C / "graph-store-protocol" / m)}
PREFIXES = {"/gsp": "/store"}
pytestmark = pytest.mark.server


def test_the_manifests_have_13_entries() -> None:
    assert len(ENTRIES) == 13


@pytest.mark.parametrize("name", list(ENTRIES))
def test_graph_store_entry(name: str, writable_server: Server) -> None:
    # Each entry expects a fresh store (two of them PUT the same graph and expect 201 Created).
    assert writable_server.update("DROP ALL").status == 204
    replay(ENTRIES[name], writable_server, PREFIXES, auth=True)
