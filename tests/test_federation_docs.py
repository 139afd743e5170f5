"""The README's federation section and the query page's federated examples work, on two live servers.

The README's examples name Oxigraph's default address (127.0.0.1:7878) and ours (127.0.0.1:8000); the tests
put the live servers' addresses in their place.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from diplograph.cli import make_parser
from diplograph.ingest.build import BuildResult
from diplograph.server import configfile
from diplograph.server.examples_federated import FEDERATED

from .conftest import REPO, require
from .federation_fixtures import Oxigraph, bindings, start_oxigraph
from .server_fixtures import Server, start_server

THEIRS, OURS = "http://127.0.0.1:7878/query", "http://127.0.0.1:8000/sparql"
README = (REPO / "README.md").read_text()
SECTION = README.split("## Federation", 1)[1].split("\n## ", 1)[0]
FEDERATED_BLOCKS = [b for b in re.findall(r"```sparql\n(.*?)```", README, re.S) if "SERVICE" in b]


README_COMMAND = {
    "load people": next(line for line in SECTION.splitlines() if "people.ttl" in line and line.startswith("curl")),
    "load a dump": next(line for line in SECTION.splitlines() if "/dumps/" in line and line.startswith("curl")),
}


def shell(command: str, theirs: str, ours: str = "") -> None:
    """Run a README shell line from the repository root, the live servers' addresses in place of the defaults."""
    require(shutil.which("curl") is not None, "curl is not installed")
    command = command.replace("http://127.0.0.1:7878", theirs).replace("http://127.0.0.1:8000", ours)
    done = subprocess.run(["bash", "-o", "pipefail", "-c", command], cwd=REPO, capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()


@dataclass
class Pair:
    """Our server on the built corpus (allowlisting the other), and an Oxigraph server with the people fixture."""

    ours: Server
    people: Oxigraph

    def run(self, sparql: str) -> list[dict[str, str]]:
        """Send a README query where it says, with the live addresses."""
        text = sparql.replace(THEIRS, self.people.query_url).replace(OURS, f"{self.ours.url}/sparql")
        if self.people.query_url in text:  # it calls the other server, so it is sent to us
            r = self.ours.query(text, accept="application/sparql-results+json")
            assert r.status == 200, r.text()
            return bindings(r.body)
        return self.people.select(text)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory, built_store: BuildResult) -> Iterator[Pair]:
    work = tmp_path_factory.mktemp("federation-docs")
    people = start_oxigraph(work, union_default=False)  # started as the README says, and loaded by its command
    shell(README_COMMAND["load people"], people.url)
    ours = start_server(work, "--store", str(built_store.store_dir), "--service-allow", people.query_url)
    yield Pair(ours, people)
    ours.stop()
    people.stop()


def test_the_readme_shows_every_federated_example() -> None:
    shown = {b.strip() for b in FEDERATED_BLOCKS}
    for example in FEDERATED:
        assert example.sparql(THEIRS if example.sent_to == "ours" else OURS).strip() in shown, example.slug
    assert len(FEDERATED_BLOCKS) == len(FEDERATED)


@pytest.mark.server
@pytest.mark.parametrize("example", FEDERATED, ids=[e.slug for e in FEDERATED])
def test_each_federated_example_answers(pair: Pair, example) -> None:
    rows = pair.run(example.sparql(THEIRS if example.sent_to == "ours" else OURS))
    assert any(example.expect in row.values() for row in rows), rows


@pytest.mark.server
def test_ages_are_computed_from_the_other_endpoint(pair: Pair) -> None:
    rows = pair.run(FEDERATED[0].sparql(THEIRS))
    putin = {r["event"]: int(r["ageThatYear"]) for r in rows if r["person"] == "Vladimir Putin"}
    assert putin["November 2005 Japan-Russia Summit"] == 53


def test_the_readme_configuration_is_a_valid_config_file(tmp_path: Path) -> None:
    block = re.search(r"```toml\n(.*?)```", SECTION, re.S).group(1)
    (tmp_path / "serve.toml").write_text(block)
    serve = next(a for a in make_parser()._actions if a.dest == "command").choices["serve"]
    values = configfile.options(tmp_path / "serve.toml", serve._actions)
    assert values["service_allow"] == ["https://query.wikidata.org/sparql", THEIRS]
    assert (values["service_timeout"], values["service_redirects"], values["service_max_rows"]) == (10, 3, 100000)


def test_the_readme_documents_every_service_option() -> None:
    serve = next(a for a in make_parser()._actions if a.dest == "command").choices["serve"]
    for action in serve._actions:
        if action.dest.startswith("service_") or action.dest == "config":
            assert action.option_strings[-1].lstrip("-") in README, action.dest


@pytest.mark.server
def test_the_readme_loads_a_dump_into_another_store(pair: Pair, tmp_path: Path) -> None:
    other = start_oxigraph(tmp_path)
    try:
        shell(README_COMMAND["load a dump"], other.url, pair.ours.url)
        count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        r = pair.ours.query(count, accept="application/sparql-results+json")
        assert other.select(count) == bindings(r.body) and int(bindings(r.body)[0]["n"]) > 1000
    finally:
        other.stop()


@pytest.mark.server
def test_the_query_page_offers_the_federated_example(pair: Pair) -> None:
    page = pair.ours.request("GET", "/query").text()
    assert FEDERATED[0].question.split(" (")[0] in page
    r = pair.ours.request("GET", f"/query?example={FEDERATED[0].slug}")
    assert r.status == 200 and "1952-10-07" in r.text()
    assert quote(pair.people.query_url, safe="") in r.text() or pair.people.query_url in r.text()
