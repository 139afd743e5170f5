"""Everything from the data is escaped: a label or a paragraph containing markup renders as text."""

from __future__ import annotations

import pytest
from flask import Flask

from diplograph.ingest.build import BuildResult
from diplograph.ingest.store import EmbeddedStore

SCRIPT = "<script>alert('x')</script>"
IMG = "<img src=x onerror=alert(2)>"


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory: pytest.TempPathFactory, built_store: BuildResult) -> Flask:
    """The corpus with markup in a person's and an event's label and at the end of a paragraph (quotes' offsets
    unchanged)."""
    from diplograph.server.app import create_app

    folder = tmp_path_factory.mktemp("hostile")
    lines = []
    for line in built_store.dumps["nquads"].read_text().splitlines():
        for label in ("Mikhail Fradkov", "Fradkov's meeting with Emperor Akihito"):
            line = line.replace(f'"{label}"', f'"{SCRIPT}{label}"')
        if line.startswith("<https://w3id.org/diplograph/doc/07TOKYO1267/p/11> <http://persistence"):
            head, _, rest = line.rpartition('" <')
            line = f'{head} {IMG}" <{rest}'
        lines.append(line)
    source = folder / "hostile.nq"
    source.write_text("\n".join(lines) + "\n")
    EmbeddedStore.create(folder / "oxigraph", source)
    return create_app({"STORE": {"path": str(folder / "oxigraph")}, "BUILD_DIR": None, "QUERY_WORKERS": 2})


@pytest.mark.parametrize("path", [
    "/person/mikhail-fradkov", "/event/fradkov-visit-japan-2007-02", "/doc/07TOKYO1267", "/doc/07TOKYO1267/p/11",
    "/doc/07TOKYO1267/p/1", "/claim/07TOKYO1267/p1-fradkov-role", "/search?q=fradkov", "/search?q=script",
    "/network", "/timeline", "/query?example=roles-over-time", "/person/no-such-person-script",
])
def test_markup_from_the_data_renders_as_text(hostile_app: Flask, path: str) -> None:
    r = hostile_app.test_client().get(path, headers={"Accept": "text/html"})
    assert r.status_code in (200, 404)
    assert SCRIPT not in r.text and IMG not in r.text
    shown = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in r.text or "&lt;img src=x" in r.text
    assert shown or r.status_code == 404, "the hostile text should be on the page, escaped"


def test_the_markup_is_really_in_the_data(hostile_app: Flask) -> None:
    r = hostile_app.test_client().get("/person/mikhail-fradkov.nt")
    assert SCRIPT in r.text  # RDF is data, not HTML: it carries the label as it is
