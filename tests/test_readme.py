"""The README's examples work: every SPARQL block returns rows from the built store."""

from __future__ import annotations

import re

import pytest

from diplograph.ingest.build import open_store

from .conftest import REPO

# Federated examples (SERVICE) need a second live server: their own tests run them.
BLOCKS = [b for b in re.findall(r"```sparql\n(.*?)```", (REPO / "README.md").read_text(), re.S)
          if "SERVICE" not in b]


def test_readme_has_query_examples():
    assert len(BLOCKS) >= 4


@pytest.mark.parametrize("sparql", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_query_returns_rows(built_store, sparql):
    rows = list(open_store(built_store.store_dir).query(sparql))
    assert rows, "a README example must answer something"
