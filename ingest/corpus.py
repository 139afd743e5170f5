"""Locate the corpus: source documents and the curated files that describe them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .sources import Document, SourceError, parse_source


@dataclass(frozen=True)
class Corpus:
    """A corpus directory: `sources/` holds the documents, `curated/` the YAML files, `links/` links out."""

    root: Path

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    @property
    def curated_dir(self) -> Path:
        return self.root / "curated"

    def source_paths(self) -> list[Path]:
        """Every source file, in a stable order."""
        return sorted(p for p in self.sources_dir.glob("*.txt") if p.is_file())

    def curated_paths(self) -> list[Path]:
        """Every curated YAML file, in a stable order (shared entities first)."""
        paths = sorted(self.curated_dir.glob("*.yaml"))
        return sorted(paths, key=lambda p: p.name != "entities.yaml")

    def link_paths(self) -> list[Path]:
        """Every links file (`links/*.yaml`: reviewed matches in other knowledge bases), in a stable order."""
        return sorted((self.root / "links").glob("*.yaml"))

    def documents(self) -> dict[str, Document]:
        """Parse every source; the key is the document id."""
        docs: dict[str, Document] = {}
        for path in self.source_paths():
            doc = parse_source(path)
            if doc.id in docs:
                raise SourceError(f"{path}: document id {doc.id} also given by {docs[doc.id].path}")
            docs[doc.id] = doc
        return docs
