"""The command line: every command documented and helpful; query and export from a built store."""

from __future__ import annotations

import json
import re

import pytest

from diplograph.cli import main, make_parser

from .conftest import REPO


def subcommands() -> list[str]:
    parser = make_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("name", subcommands())
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit) as exc:
        main([name, "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: diplograph {name}" in out


def test_readme_documents_every_command():
    readme = (REPO / "README.md").read_text()
    for name in subcommands():
        assert f"diplograph {name}" in readme, name


def test_query_table_and_json(built_store, capsys):
    sparql = ('SELECT ?label WHERE { <https://w3id.org/diplograph/person/kazuhiko-nakamura> '
              '<http://www.w3.org/2004/02/skos/core#prefLabel> ?label }')
    assert main(["query", "--store", str(built_store.store_dir), sparql]) == 0
    out = capsys.readouterr().out
    assert re.search(r"^Kazuhiko Nakamura\s*$", out, re.M) and "(1 row)" in out
    assert main(["query", "--store", str(built_store.store_dir), "--format", "json", sparql]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"]["bindings"][0]["label"]["value"] == "Kazuhiko Nakamura"


def test_export_writes_the_built_dump(built_store, tmp_path):
    out = tmp_path / "graph.nq"
    assert main(["export", "--store", str(built_store.store_dir), "--format", "nquads", "-o", str(out)]) == 0
    assert out.read_bytes() == built_store.dumps["nquads"].read_bytes()


def test_coverage_strict_passes_when_every_paragraph_yields_claims(capsys):
    assert main(["coverage", "--strict", "--corpus", str(REPO / "corpus")]) == 0
    out = capsys.readouterr().out
    assert "0 of 7 paragraphs yield nothing" in out  # 06TOKYO3797
    assert "no claims and no reason recorded" not in out


def test_query_honours_from(built_store, capsys):
    count = "SELECT (COUNT(*) AS ?n) {from_clause} WHERE {{ ?s ?p ?o }}"
    store = str(built_store.store_dir)
    assert main(["query", "--store", store, "--format", "csv", count.format(from_clause="")]) == 0
    union = int(capsys.readouterr().out.split()[1])
    entities = "FROM <https://w3id.org/diplograph/graph/entities>"
    assert main(["query", "--store", store, "--format", "csv", count.format(from_clause=entities)]) == 0
    only_entities = int(capsys.readouterr().out.split()[1])
    assert 0 < only_entities < union
