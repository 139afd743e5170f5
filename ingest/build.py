"""The build: parse, curate, validate, then swap a new store and dumps in, atomically."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TextIO

from .corpus import Corpus
from .curated import load_curation
from .formats import DUMP_FORMATS, by_name
from .links import load_links
from .rdf import DEFAULT_BASE, Built, Minter, build_dataset
from .release import publish
from .store import STORE_SUBDIR, EmbeddedStore, RemoteStore
from .validate import Report, validate_built

DEFAULT_STORE = Path("data")  # relative to the working directory; see README
DUMP_NAME = "diplograph"


class BuildFailed(RuntimeError):
    """The graph did not validate; the previous store and dumps are untouched."""

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.text())


class Progress:
    """Prints each step with its duration, so a long step is visibly under way."""

    def __init__(self, stream: TextIO | None = None, quiet: bool = False):
        self.stream = stream or sys.stderr
        self.quiet = quiet

    @contextmanager
    def step(self, label: str) -> Iterator[None]:
        start = time.perf_counter()
        if not self.quiet:
            print(f"  {label} …", end="", file=self.stream, flush=True)
        yield
        if not self.quiet:
            print(f" done ({time.perf_counter() - start:.1f}s)", file=self.stream, flush=True)


def compile_graph(corpus: Corpus, base: str = DEFAULT_BASE, progress: Progress | None = None) -> Built:
    """Parse sources and curated files into a dataset (raises on bad input, before any write)."""
    progress = progress or Progress(quiet=True)
    with progress.step(f"parsing {len(corpus.source_paths())} source documents"):
        documents = corpus.documents()
    with progress.step(f"checking {len(corpus.curated_paths())} curated files"):
        curation = load_curation(corpus.curated_paths(), documents)
        links = load_links(corpus.link_paths(), set(curation.entities))
    with progress.step(f"building RDF for {len(curation.claims)} claims"):
        return build_dataset(documents, curation, Minter(base), links)


@dataclass(frozen=True)
class BuildResult:
    """What a successful build produced."""

    store_dir: Path
    quads: int
    claims: int
    dumps: dict[str, Path]


def build(
    corpus: Corpus,
    store_dir: Path = DEFAULT_STORE,
    base: str = DEFAULT_BASE,
    progress: Progress | None = None,
    remote: RemoteStore | None = None,
) -> BuildResult:
    """Build, validate and atomically replace `store_dir` (store, dumps, build.json).

    With `remote`, the graph is also published to that SPARQL store before the local swap: a
    build that fails validation touches neither.
    """
    progress = progress or Progress(quiet=True)
    store_dir = Path(store_dir)
    _recover(store_dir)
    built = compile_graph(corpus, base, progress)
    with progress.step("validating against the SHACL shapes"):
        report = validate_built(built)
    if not report.conforms:
        raise BuildFailed(report)
    staging = store_dir.parent / f".{store_dir.name}.new-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
        dumps = _write_dumps(built, staging / "dumps", progress)
        with progress.step("loading the embedded store"):
            store = EmbeddedStore.create(staging / STORE_SUBDIR, dumps["nquads"])
            quads = len(store)
            del store
        _write_manifest(staging, built, quads, dumps, base)
        if remote is not None:
            with progress.step(f"publishing to {remote.update_url}"):
                publish_to_remote(remote, dumps["nquads"], base)
        _swap(staging, store_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    final = {name: store_dir / "dumps" / path.name for name, path in dumps.items()}
    return BuildResult(store_dir=store_dir, quads=quads, claims=built.claim_count, dumps=final)


def publish_to_remote(store: RemoteStore, nquads: Path, base: str) -> None:
    """Replace this graph in a remote SPARQL store: drop our named graphs (all under the base), then load.

    A remote store offers no swap, so a failure part-way leaves it partly loaded; the build then
    fails and the local store stays as it was. Graphs outside the base are never touched.
    """
    rows = store.query(
        f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{base}")) }}')
    graphs = sorted(row["g"].value for row in rows)
    for start in range(0, len(graphs), 200):
        store.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[start:start + 200]))
    # Small batches: Virtuoso refuses an INSERT DATA whose generated SQL passes 10,000 lines.
    store.load(nquads, batch=500)


def _write_dumps(built: Built, folder: Path, progress: Progress) -> dict[str, Path]:
    folder.mkdir(parents=True)
    dumps = {}
    for name in DUMP_FORMATS:
        fmt = by_name(name)
        path = folder / f"{DUMP_NAME}.{fmt.extension}"
        with progress.step(f"writing {path.name}"):
            path.write_bytes(serialize(built, name))
        dumps[name] = path
    return dumps


def serialize(built: Built, name: str) -> bytes:
    """The built graph in one format; Turtle is the union of graphs, flattened."""
    if name == "turtle":
        return built.union().serialize(format="turtle", encoding="utf-8")
    if name == "jsonld":
        context = json.loads(resources.files("diplograph.ontology").joinpath("context.jsonld").read_text())
        return built.dataset.serialize(format="json-ld", context=context["@context"], encoding="utf-8")
    rdflib_name = {"trig": "trig", "nquads": "nquads", "ntriples": "nt", "rdfxml": "xml"}[name]
    source = built.dataset if by_name(name).datasets else built.union()
    return source.serialize(format=rdflib_name, encoding="utf-8")


def _write_manifest(folder: Path, built: Built, quads: int, dumps: dict[str, Path], base: str) -> None:
    built_at = datetime.now(UTC)
    version, entries = publish(dumps, built_at)  # versioned names and SHA256SUMS next to the dumps
    manifest = {
        "built_at": built_at.isoformat(timespec="seconds"),
        "version": version,
        "base": base,
        "quads": quads,
        "claims": built.claim_count,
        "dumps": entries,
    }
    (folder / "build.json").write_text(json.dumps(manifest, indent=2) + "\n")


def _swap(staging: Path, store_dir: Path) -> None:
    """Put the staged build in place: two renames, the old one deleted only afterwards."""
    old = store_dir.parent / f".{store_dir.name}.old-{os.getpid()}"
    if store_dir.exists():
        os.rename(store_dir, old)
    os.rename(staging, store_dir)
    shutil.rmtree(old, ignore_errors=True)


def _recover(store_dir: Path) -> None:
    """If a build died between the two renames of _swap, put the previous store back."""
    if store_dir.exists():
        return
    leftovers = sorted(store_dir.parent.glob(f".{store_dir.name}.old-*"))
    if leftovers:
        os.rename(leftovers[-1], store_dir)


def open_store(store_dir: Path = DEFAULT_STORE) -> EmbeddedStore:
    """Open the built embedded store read-only."""
    return EmbeddedStore(Path(store_dir) / STORE_SUBDIR)
