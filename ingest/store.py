"""Storage behind one small interface: the embedded on-disk store (pyoxigraph) or any SPARQL 1.1 store."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, Union

import pyoxigraph
from rdflib import Graph

from .formats import RdfFormat
from .validate import Report, validate_graph

STORE_SUBDIR = "oxigraph"

# What a query returns: solutions, a boolean, or triples (CONSTRUCT/DESCRIBE).
QueryResult = Union[pyoxigraph.QuerySolutions, pyoxigraph.QueryBoolean, Iterable[pyoxigraph.Triple]]  # noqa: UP007


class Store(Protocol):
    """What the server and the build need from a store; both implementations below provide it."""

    def query(
        self,
        sparql: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        base_iri: str | None = None,
        union_default: bool = True,
    ) -> QueryResult:
        """Run a SPARQL query."""

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL update."""

    def quads(self) -> Iterator[pyoxigraph.Quad]:
        """Every quad of the store."""

    def __len__(self) -> int: ...


def _dataset_kwargs(
    default_graph_uris: list[str] | None, named_graph_uris: list[str] | None, union_default: bool
) -> dict:
    """pyoxigraph's dataset options: a protocol dataset replaces FROM entirely (SPARQL 1.1 Protocol §2.1.4)."""
    if default_graph_uris is not None or named_graph_uris is not None:
        return {
            "default_graph": [pyoxigraph.NamedNode(u) for u in default_graph_uris or []],
            "named_graphs": [pyoxigraph.NamedNode(u) for u in named_graph_uris or []],
        }
    # The union option overrides FROM in pyoxigraph, so callers turn it off for queries with a FROM clause.
    return {"use_default_graph_as_union": union_default}


class EmbeddedStore:
    """A pyoxigraph store on disk. Queries see the union of all graphs by default."""

    def __init__(self, path: Path, read_only: bool = True):
        self.path = Path(path)
        if not (self.path / "CURRENT").exists():
            raise FileNotFoundError(f"no store at {self.path} (run `diplograph build` first)")
        self.read_only = read_only
        self._store = pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))

    @classmethod
    def create(cls, path: Path, nquads: Path, rdf_format: pyoxigraph.RdfFormat | None = None) -> EmbeddedStore:
        """Create a new store at `path` (which must not exist) from an N-Quads (or other RDF) file."""
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
        store = pyoxigraph.Store(str(path))
        store.bulk_load(path=str(nquads), format=rdf_format or pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        del store  # release the lock before it is reopened
        return cls(path, read_only=True)

    def query(
        self,
        sparql: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        base_iri: str | None = None,
        union_default: bool = True,
    ) -> QueryResult:
        """Run a SPARQL query; protocol graph IRIs, when given, override the union default and FROM."""
        kwargs = _dataset_kwargs(default_graph_uris, named_graph_uris, union_default)
        return self._store.query(sparql, base_iri=base_iri, **kwargs)

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL update (the store must be opened writable); atomic in pyoxigraph."""
        self._store.update(sparql, base_iri=base_iri)
        self._store.flush()

    def quads(self) -> Iterator[pyoxigraph.Quad]:
        """Every quad of the store."""
        return self._store.quads_for_pattern(None, None, None, None)

    def dump(self, fmt: RdfFormat) -> bytes:
        """The whole store in one RDF format (graph formats get the union of graphs)."""
        if fmt.datasets:
            return self._store.dump(format=fmt.oxigraph)
        data = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return pyoxigraph.serialize(data, format=fmt.oxigraph)

    def close(self) -> None:
        """Release the store (a writable store holds a lock other processes wait on)."""
        self._store = None

    def __len__(self) -> int:
        return len(self._store)


class RemoteStoreError(RuntimeError):
    """The remote SPARQL store refused a request or could not be reached."""


class RemoteStore:
    """Any SPARQL 1.1 store reached over the Protocol (Virtuoso, Fuseki, GraphDB, QLever, Oxigraph…)."""

    # Results come back as SPARQL JSON, graphs as N-Triples or Turtle: every SPARQL 1.1 store speaks these.
    # The Accept header must depend on the query form: Virtuoso answers CONSTRUCT with a JSON table if allowed.
    ACCEPT_TABLE = "application/sparql-results+json, application/sparql-results+xml;q=0.5"
    ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9"

    def __init__(self, query_url: str, update_url: str | None = None, timeout: float = 60.0):
        self.query_url = query_url
        self.update_url = update_url or query_url
        self.timeout = timeout

    def query(
        self,
        sparql: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
        base_iri: str | None = None,
        union_default: bool = True,
    ) -> QueryResult:
        """Run a SPARQL query remotely; the remote store decides what its default graph is."""
        if base_iri:  # relative IRIs resolve against our endpoint, not the remote one
            sparql = f"BASE <{base_iri}>\n{sparql}"
        params = [("default-graph-uri", u) for u in default_graph_uris or []]
        params += [("named-graph-uri", u) for u in named_graph_uris or []]
        body = urllib.parse.urlencode([("query", sparql), *params]).encode()
        accept = self.ACCEPT_GRAPH if query_form(sparql) in ("CONSTRUCT", "DESCRIBE") else self.ACCEPT_TABLE
        content_type, data = self._post(self.query_url, body, "application/x-www-form-urlencoded", accept)
        if content_type in ("application/sparql-results+json", "application/json"):
            return pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.JSON)
        if content_type in ("application/sparql-results+xml",):
            return pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.XML)
        fmt = {"text/turtle": pyoxigraph.RdfFormat.TURTLE, "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES,
               "text/plain": pyoxigraph.RdfFormat.N_TRIPLES}.get(content_type)
        if fmt is None:
            raise RemoteStoreError(f"{self.query_url} answered with unexpected media type {content_type!r}")
        return (q.triple for q in pyoxigraph.parse(data, format=fmt))

    def update(self, sparql: str, base_iri: str | None = None) -> None:
        """Run a SPARQL update remotely (relative IRIs are resolved here, as the remote base is not ours)."""
        if base_iri:
            sparql = f"BASE <{base_iri}>\n{sparql}"
        self._post(self.update_url, sparql.encode(), "application/sparql-update", "*/*")

    def quads(self) -> Iterator[pyoxigraph.Quad]:
        """Every quad in the named graphs of the remote store (SPARQL has no portable name for its default graph)."""
        sparql = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
        for row in self.query(sparql):
            yield pyoxigraph.Quad(row["s"], row["p"], row["o"], row["g"])

    def load(self, nquads: Path, batch: int = 5000) -> None:
        """Add every quad of an N-Quads file, in INSERT DATA batches."""
        quads = list(pyoxigraph.parse(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS))
        for start in range(0, len(quads), batch):
            self.update(insert_data(quads[start:start + batch]))

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)

    def _post(self, url: str, body: bytes, content_type: str, accept: str) -> tuple[str, bytes]:
        request = urllib.request.Request(url, data=body, method="POST",
                                         headers={"Content-Type": content_type, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                media_type = response.headers.get_content_type()
                return media_type, response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace")[:2000]
            if exc.code == 400:
                raise SyntaxError(f"the remote store refused the request: {detail}") from None
            raise RemoteStoreError(f"{url} answered {exc.code}: {detail}") from None
        except (urllib.error.URLError, TimeoutError) as exc:
            raise RemoteStoreError(f"cannot reach {url}: {exc}") from None


_PROLOGUE = re.compile(r"(?:\s+|#[^\n]*|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)*", re.IGNORECASE)
_FORM = re.compile(r"SELECT|ASK|CONSTRUCT|DESCRIBE", re.IGNORECASE)


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the keyword right after the prologue (PREFIX/BASE, comments)."""
    m = _FORM.match(sparql, _PROLOGUE.match(sparql).end())
    return m.group().upper() if m else None


def insert_data(quads: Iterable[pyoxigraph.Quad]) -> str:
    """A SPARQL `INSERT DATA` that adds these quads (N-Triples term syntax is valid SPARQL)."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        key = "" if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else str(q.graph_name)
        by_graph.setdefault(key, []).append(f"{q.subject} {q.predicate} {q.object} .")
    blocks = [("\n".join(t) if not g else f"GRAPH {g} {{\n" + "\n".join(t) + "\n}") for g, t in by_graph.items()]
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"


def union_graph(store: pyoxigraph.Store) -> Graph:
    """The union of every graph of an in-memory store, as an rdflib Graph (what the shapes validate)."""
    data = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
    return Graph().parse(data=pyoxigraph.serialize(data, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")


@dataclass(frozen=True)
class WriteOutcome:
    """What a validated write did: the SHACL report, and whether the store was changed."""

    report: Report
    applied: bool


def validated_update(store: Store, sparql: str, base_iri: str | None = None) -> WriteOutcome:
    """Apply an update to an in-memory copy, validate the result against the shapes, and only then to `store`."""
    copy = pyoxigraph.Store()
    copy.bulk_extend(store.quads())
    copy.update(sparql, base_iri=base_iri)  # a syntax error surfaces here, before anything is written
    report = validate_graph(union_graph(copy))
    if report.conforms:
        store.update(sparql, base_iri=base_iri)
    return WriteOutcome(report=report, applied=report.conforms)


def open_store(spec: dict, read_only: bool = True) -> Store:
    """Open the store a configuration names: {"path": DIR} (embedded) or {"url": URL, "update_url": URL}."""
    if spec.get("url"):
        return RemoteStore(spec["url"], spec.get("update_url"), float(spec.get("timeout", 60.0)))
    return EmbeddedStore(Path(spec["path"]), read_only=read_only)


def describe_spec(spec: dict) -> str:
    """A one-line description of a store configuration, for logs."""
    return f"remote SPARQL store {spec['url']}" if spec.get("url") else f"embedded store {spec['path']}"

