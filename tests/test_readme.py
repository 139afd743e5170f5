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


def test_readme_coverage_table_matches_the_corpus(built):
    """The figures in 'What the corpus yields' are the ones `diplograph coverage` gives."""
    from diplograph.ingest.coverage import coverage

    rows = coverage(built)
    readme = (REPO / "README.md").read_text()
    for doc_id, label in (("06TOKYO3797", "06TOKYO3797"), ("07TOKYO1267", "07TOKYO1267"),
                          ("thesop-20071017-foreign-minister-sergey-lavrovs", "Lavrov's answers to Kyodo")):
        mine = [r for r in rows if r.document == doc_id]
        line = next(line for line in readme.splitlines() if line.startswith(f"| {label}"))
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert cells[1:3] == [str(len(mine)), str(sum(r.claims for r in mine))], line
        assert cells[5] == str(sum(1 for r in mine if r.empty)), line
    total = next(line for line in readme.splitlines() if line.startswith("| **corpus**"))
    assert f"**{len(built.curation.claims)}**" in total
