"""The W3C SPARQL 1.1 Protocol manifest, every entry replayed over real HTTP."""

from __future__ import annotations

import pytest

from .server_fixtures import W3C, Server
from .w3c_replay import entry_names, load, replay

MANIFEST = W3C / "protocol" / "manifest.ttl"
ENTRIES = {e.name: e for e in load(MANIFEST)}
PREFIXES = {"/sparql/": "/sparql"}
pytestmark = pytest.mark.server


def test_the_manifest_has_34_entries() -> None:
    assert len(ENTRIES) == 34


@pytest.mark.parametrize("name", [n for n in entry_names(MANIFEST) if "update" not in n])
def test_query_entry(name: str, protocol_server: Server) -> None:
    replay(ENTRIES[name], protocol_server, PREFIXES)


@pytest.mark.parametrize("name", [n for n in entry_names(MANIFEST) if "update" in n])
def test_update_entry(name: str, writable_server: Server) -> None:
    # Run with the write token, so a bad update fails for its own reason, not for lack of rights.
    replay(ENTRIES[name], writable_server, PREFIXES, auth=True)
