"""`diplograph serve --config FILE`: the same keys as the options, the command line winning, bad files explained."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from diplograph.cli import make_parser
from diplograph.server.cli import resolve_options

from .federation_fixtures import PEOPLE, Oxigraph, bindings, start_oxigraph
from .server_fixtures import start_server

TOML = """
port = 9123
timeout = 12.5
service-allow = ["https://query.wikidata.org/sparql", "http://127.0.0.1:7878/query"]
service_timeout = 4
store = "built"
"""


def serve_args(*argv: str):
    args = make_parser().parse_args(["serve", *argv])
    resolve_options(args)
    return args


def test_defaults_without_a_file() -> None:
    args = serve_args()
    assert (args.port, args.timeout, args.service_allow, args.service_timeout, args.service_redirects) == \
        (8000, 30.0, [], 10.0, 3)


@pytest.mark.parametrize("name, text", [("serve.toml", TOML), ("serve.json", json.dumps({
    "port": 9123, "timeout": 12.5, "service-allow": ["https://query.wikidata.org/sparql",
                                                     "http://127.0.0.1:7878/query"],
    "service_timeout": 4, "store": "built"}))])
def test_the_file_sets_options(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text)
    args = serve_args("--config", str(tmp_path / name))
    assert (args.port, args.timeout, args.service_timeout, args.store) == (9123, 12.5, 4.0, str(tmp_path / "built"))
    assert args.service_allow == ["https://query.wikidata.org/sparql", "http://127.0.0.1:7878/query"]
    assert args.host == "127.0.0.1"  # not in the file: the default


def test_the_command_line_wins(tmp_path: Path) -> None:
    (tmp_path / "serve.toml").write_text(TOML)
    args = serve_args("--config", str(tmp_path / "serve.toml"), "--port", "9999", "--data", "x.nq",
                      "--service-allow", "http://example.org/sparql")
    assert args.port == 9999 and args.service_allow == ["http://example.org/sparql"]
    assert args.data == "x.nq" and args.store is None  # the command line chose the data source
    assert args.timeout == 12.5


@pytest.mark.parametrize("text, message", [
    ("prot = 1", "unknown option 'prot'; known: corpus, cors-origin"),
    ("port = 'eighty'", "port takes int, not 'eighty'"),
    ("service-allow = [1]", "service-allow takes a string, not 1"),
    ("timeout = true", "timeout takes float, not True"),
    ("config = 'other.toml'", "unknown option 'config'"),
    ("port = ", "not valid TOML"),
    ("[serve]\nport = 1", "unknown option 'serve'"),
])
def test_bad_files_are_explained(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "serve.toml").write_text(text)
    with pytest.raises(SystemExit) as exc:
        serve_args("--config", str(tmp_path / "serve.toml"))
    assert message in str(exc.value)


def test_a_missing_file_is_explained(tmp_path: Path) -> None:
    with pytest.raises(SystemExit, match="cannot read the configuration file"):
        serve_args("--config", str(tmp_path / "missing.toml"))


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Oxigraph]:
    server = start_oxigraph(tmp_path_factory.mktemp("config-ox"), PEOPLE)
    yield server
    server.stop()


@pytest.mark.server
def test_a_server_takes_its_allowlist_from_the_file(tmp_path: Path, protocol_data: Path, people: Oxigraph) -> None:
    (tmp_path / "serve.toml").write_text(f'data = "{protocol_data}"\nservice-allow = ["{people.query_url}"]\n')
    server = start_server(tmp_path, "--config", str(tmp_path / "serve.toml"))
    try:
        query = f"SELECT ?born {{ SERVICE <{people.query_url}> {{ ?p <http://schema.org/birthDate> ?born }} }}"
        r = server.query(query, accept="application/sparql-results+json")
        assert r.status == 200 and len(bindings(r.body)) == 6
    finally:
        server.stop()
