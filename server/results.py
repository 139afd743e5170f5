"""Run one query on a store and serialise its result, capped at a row limit that is always declared.

This runs inside the query worker processes (see pool.py), so it only takes and returns plain data.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import time
from dataclasses import dataclass

import pyoxigraph

from diplograph.ingest.formats import FORMATS, RESULTS_FORMATS
from diplograph.ingest.store import Store

TRUNCATION_NOTE = "truncated: the result has more than {cap} {unit}; only the first {cap} are here. Add a LIMIT."


@dataclass(frozen=True)
class QueryJob:
    """A query, its dataset, and the formats negotiated for each possible result kind."""

    sparql: str
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    base_iri: str | None
    union_default: bool
    results_format: str | None  # for SELECT/ASK; None when the client accepts none
    graph_format: str | None  # for CONSTRUCT/DESCRIBE
    row_cap: int


@dataclass(frozen=True)
class Answer:
    """A serialised result."""

    body: bytes
    media_type: str
    format_name: str
    rows: int
    truncated: bool
    seconds: float = 0.0  # spent in the worker: evaluation and serialisation


class NotAcceptable(Exception):
    """No format the client accepts can carry this kind of result."""


class TooLarge(Exception):
    """The result passed the row cap and the negotiated format has no room to say so."""


def run_query(store: Store, job: QueryJob) -> Answer:
    """Run the job's query on `store` and serialise the result (SyntaxError for a bad query)."""
    start = time.perf_counter()
    answer = _run(store, job)
    return dataclasses.replace(answer, seconds=time.perf_counter() - start)


def _run(store: Store, job: QueryJob) -> Answer:
    result = store.query(job.sparql, job.default_graphs, job.named_graphs, job.base_iri, job.union_default)
    if isinstance(result, pyoxigraph.QueryBoolean):
        fmt = _results_format(job, "a boolean (ASK) result")
        return Answer(result.serialize(format=fmt.oxigraph), fmt.media_type, fmt.name, 1, False)
    if isinstance(result, pyoxigraph.QuerySolutions):
        return _solutions(result, job)
    return _triples(result, job)


def _results_format(job: QueryJob, what: str):
    if job.results_format is None:
        raise NotAcceptable(f"the query gives {what}; acceptable formats are "
                            + ", ".join(f.media_type for f in RESULTS_FORMATS.values()))
    return RESULTS_FORMATS[job.results_format]


class _LineCounter:
    """A binary sink that stops the serialiser once it has seen `limit` lines."""

    def __init__(self, limit: int):
        self.limit, self.lines, self.chunks = limit, 0, []

    def write(self, chunk: bytes) -> int:
        self.chunks.append(bytes(chunk))
        self.lines += chunk.count(b"\n")
        if self.lines > self.limit:
            raise StopIteration  # stops pyoxigraph's serialiser, and so the query, early
        return len(chunk)

    def flush(self) -> None:
        pass


def _solutions(result: pyoxigraph.QuerySolutions, job: QueryJob) -> Answer:
    # TSV writes exactly one line per solution (newlines in literals are escaped), so counting lines
    # caps rows while the serialisation stays in Rust; the TSV is then re-read into the wanted format.
    fmt = _results_format(job, "a table (SELECT) result")
    sink = _LineCounter(job.row_cap + 1)  # the header line plus the cap
    try:
        result.serialize(sink, format=pyoxigraph.QueryResultsFormat.TSV)
        truncated = False
    except StopIteration:
        truncated = True
    tsv = b"".join(sink.chunks)
    lines = tsv.split(b"\n")[:-1][: job.row_cap + 1]  # complete lines only: the header, then rows
    rows = len(lines) - 1
    if truncated and not fmt.marks_truncation:
        raise TooLarge(f"the result has more than {job.row_cap} rows and {fmt.media_type} has no way to say it "
                       f"was cut: add a LIMIT, or ask for {RESULTS_FORMATS['json'].media_type}")
    capped = pyoxigraph.parse_query_results(b"\n".join(lines) + b"\n", format=pyoxigraph.QueryResultsFormat.TSV)
    body = capped.serialize(format=fmt.oxigraph)
    if truncated:
        body = _mark_results(body, fmt.name, TRUNCATION_NOTE.format(cap=job.row_cap, unit="rows"))
    return Answer(body, fmt.media_type, fmt.name, rows, truncated)


def _mark_results(body: bytes, fmt: str, note: str) -> bytes:
    """Say in the body itself that the rows were capped."""
    if fmt == "json":
        doc = json.loads(body)
        doc["truncated"] = True
        doc["note"] = note
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    # XML: a comment right after the root element opens, visible to humans, ignored by parsers.
    head = body.index(b"<head")
    return body[:head] + f"<!-- {note} -->".encode() + body[head:]


def _triples(result, job: QueryJob) -> Answer:
    if job.graph_format is None:
        raise NotAcceptable("the query gives a graph (CONSTRUCT/DESCRIBE); acceptable formats are "
                            + ", ".join(f.media_type for f in FORMATS.values()))
    fmt = FORMATS[job.graph_format]
    triples = list(itertools.islice(result, job.row_cap + 1))
    truncated = len(triples) > job.row_cap
    if truncated:
        if fmt.name == "jsonld":
            raise TooLarge(f"the graph has more than {job.row_cap} triples and JSON-LD has no way to say it "
                           "was cut: add a LIMIT, or ask for text/turtle")
        triples = triples[: job.row_cap]
    body = pyoxigraph.serialize(triples, format=fmt.oxigraph)
    if truncated:
        note = TRUNCATION_NOTE.format(cap=job.row_cap, unit="triples")
        if fmt.name == "rdfxml":
            end = body.index(b"?>") + 2 if body.startswith(b"<?xml") else 0
            body = body[:end] + f"\n<!-- {note} -->".encode() + body[end:]
        else:  # every other graph format here has `#` comments
            body = f"# {note}\n".encode() + body
    return Answer(body, fmt.media_type, fmt.name, len(triples), truncated)
