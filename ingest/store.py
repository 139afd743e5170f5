"""Storage: the embedded on-disk store (pyoxigraph), behind one small interface."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph

from .formats import RdfFormat

STORE_SUBDIR = "oxigraph"


class EmbeddedStore:
    """A pyoxigraph store on disk. Queries see the union of all graphs by default."""

    def __init__(self, path: Path, read_only: bool = True):
        self.path = Path(path)
        if not (self.path / "CURRENT").exists():
            raise FileNotFoundError(f"no store at {self.path} (run `diplograph build` first)")
        self.read_only = read_only
        self._store = pyoxigraph.Store.read_only(str(path)) if read_only else pyoxigraph.Store(str(path))

    @classmethod
    def create(cls, path: Path, nquads: Path) -> EmbeddedStore:
        """Create a new store at `path` (which must not exist) from an N-Quads file."""
        path = Path(path)
        if path.exists():
            raise FileExistsError(path)
        store = pyoxigraph.Store(str(path))
        store.bulk_load(path=str(nquads), format=pyoxigraph.RdfFormat.N_QUADS)
        store.flush()
        del store  # release the lock before it is reopened
        return cls(path, read_only=True)

    def query(
        self,
        sparql: str,
        default_graph_uris: list[str] | None = None,
        named_graph_uris: list[str] | None = None,
    ) -> Any:
        """Run a SPARQL query; protocol graph IRIs, when given, override the union default."""
        kwargs: dict[str, Any] = {}
        if default_graph_uris:
            kwargs["default_graph"] = [pyoxigraph.NamedNode(u) for u in default_graph_uris]
        else:
            kwargs["use_default_graph_as_union"] = True
        if named_graph_uris:
            kwargs["named_graphs"] = [pyoxigraph.NamedNode(u) for u in named_graph_uris]
        return self._store.query(sparql, **kwargs)

    def update(self, sparql: str) -> None:
        """Run a SPARQL update (the store must be opened writable)."""
        self._store.update(sparql)

    def dump(self, fmt: RdfFormat) -> bytes:
        """The whole store in one RDF format (graph formats get the union of graphs)."""
        if fmt.datasets:
            return self._store.dump(format=fmt.oxigraph)
        data = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        return pyoxigraph.serialize(data, format=fmt.oxigraph)

    def __len__(self) -> int:
        return len(self._store)
