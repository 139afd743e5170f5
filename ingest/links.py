"""The curated links files (corpus/links/*.yaml): matches in other knowledge bases, each with its lookup."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .curated import CurationError, CurationErrors, Node, line_for, load_yaml

STATUSES = ("confirmed", "candidate", "rejected")
PROVENANCE = ("lookup", "endpoint", "query", "at")
HEADER = """\
# Links from diplograph entities to another knowledge base, written by `diplograph link`
# (see README.md in this folder). Only `status: confirmed` links are shipped, as skos:exactMatch
# with the lookup below them as provenance. Review a candidate with
# `diplograph link --confirm ENTITY IRI`, or edit its status and add `decided_by: curator`
# (a later lookup keeps decisions marked so). Comments other than this header are not kept.
"""


class LinkError(ValueError):
    """A link command that cannot be carried out (unreachable endpoint, unknown candidate …)."""


@dataclass
class Lookup:
    """How candidates were found: the endpoint, the exact query sent, and when."""

    endpoint: str
    query: str
    at: str  # ISO 8601 date-time with its UTC offset


@dataclass
class Candidate:
    """One item the lookup found for an entity, with its score and review status."""

    iri: str
    label: str
    score: float
    status: str
    description: str | None = None
    why: list[str] = field(default_factory=list)
    decided_by: str | None = None
    line: int = 0


@dataclass
class LinkEntry:
    """Everything one lookup found for one entity."""

    entity: str
    lookup: Lookup
    candidates: list[Candidate]
    path: Path | None = None
    line: int = 0

    @property
    def confirmed(self) -> list[Candidate]:
        return [c for c in self.candidates if c.status == "confirmed"]

    def to_data(self) -> dict[str, Any]:
        """The entry as it is written to the links file."""
        candidates = []
        for c in self.candidates:
            item: dict[str, Any] = {"iri": c.iri, "label": c.label}
            if c.description:
                item["description"] = c.description
            item |= {"score": round(c.score, 2), "status": c.status}
            if c.decided_by:
                item["decided_by"] = c.decided_by
            if c.why:
                item["why"] = list(c.why)
            candidates.append(item)
        lookup = {"endpoint": self.lookup.endpoint, "at": self.lookup.at, "query": self.lookup.query}
        return {"entity": self.entity, "lookup": lookup, "candidates": candidates}


def _schema() -> dict[str, Any]:
    return json.loads(resources.files("diplograph.ingest").joinpath("links.schema.json").read_text())


def _schema_errors(path: Path, data: Any) -> list[CurationError]:
    errors = []
    validator = jsonschema.Draft202012Validator(_schema())
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        line, name = line_for(data, list(err.absolute_path))
        message = err.message
        missing = [p for p in PROVENANCE if err.validator == "required" and f"'{p}'" in err.message]
        if missing:
            entity = _entity_at(data, list(err.absolute_path)) or "ID"
            message = (f"no provenance: {missing[0]!r} is missing; a link is shipped only with the endpoint, "
                       f"query and date-time of the lookup that found it (run `diplograph link --entity {entity}`)")
        errors.append(CurationError(path, line, name or None, message))
    return errors


def _entity_at(data: Any, path: list[Any]) -> str | None:
    """The entity id of the entry a schema error is in, if it has one."""
    try:
        entity = data["links"][path[1]]["entity"]
    except (IndexError, KeyError, TypeError):
        return None
    return entity if isinstance(entity, str) else None


def parse_links(path: Path, entity_ids: set[str] | None = None) -> list[LinkEntry]:
    """Load and check one links file; CurationErrors names the file, line and field of every problem."""
    data = load_yaml(path)
    if data is None:
        return []
    errors = _schema_errors(path, data)
    if errors:
        raise CurationErrors(errors)
    entries: list[LinkEntry] = []
    seen: dict[str, int] = {}
    for i, raw in enumerate(data["links"]):
        where = f"links[{i}]"
        if raw["entity"] in seen:
            errors.append(CurationError(path, raw.line, f"{where}.entity", f"entity {raw['entity']!r} already "
                                        f"has an entry at line {seen[raw['entity']]}; one lookup per entity"))
        seen.setdefault(raw["entity"], raw.line)
        if entity_ids is not None and raw["entity"] not in entity_ids:
            errors.append(CurationError(path, raw.key_lines["entity"], f"{where}.entity",
                                        f"unknown entity {raw['entity']!r} (no curated file defines it)"))
        errors += _check_lookup(path, raw["lookup"], f"{where}.lookup")
        entry = _entry(path, raw)
        if len(entry.confirmed) > 1:
            lines = ", ".join(str(c.line) for c in entry.confirmed)
            errors.append(CurationError(path, entry.confirmed[1].line, f"{where}.candidates",
                                        f"{len(entry.confirmed)} confirmed links (lines {lines}); "
                                        "confirm one item per entity"))
        entries.append(entry)
    if errors:
        raise CurationErrors(errors)
    return entries


def _check_lookup(path: Path, lookup: Node, where: str) -> list[CurationError]:
    try:
        at = datetime.fromisoformat(lookup["at"])
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        return [CurationError(path, lookup.key_lines["at"], f"{where}.at",
                              f"bad date-time {lookup['at']!r}: expected ISO 8601 with offset, "
                              "e.g. 2025-01-31T12:00:00+00:00")]
    return []


def _entry(path: Path, raw: Node) -> LinkEntry:
    lookup = raw["lookup"]
    candidates = [
        Candidate(iri=c["iri"], label=c["label"], score=float(c["score"]), status=c["status"],
                  description=c.get("description"), why=list(c.get("why", [])),
                  decided_by=c.get("decided_by"), line=c.line)
        for c in raw["candidates"]
    ]
    return LinkEntry(entity=raw["entity"], lookup=Lookup(lookup["endpoint"], lookup["query"], lookup["at"]),
                     candidates=candidates, path=path, line=raw.line)


def load_links(paths: list[Path], entity_ids: set[str]) -> list[LinkEntry]:
    """Every links file, checked against the curated entities; raises CurationErrors listing every problem."""
    entries, errors = [], []
    for path in paths:
        try:
            entries += parse_links(path, entity_ids)
        except CurationErrors as exc:
            errors += exc.errors
    if errors:
        raise CurationErrors(errors)
    return entries


class _Dumper(yaml.SafeDumper):
    """Block-style lists under their key, and queries as literal blocks a curator can read."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)


_Dumper.add_representer(
    str, lambda d, s: d.represent_scalar("tag:yaml.org,2002:str", s, style="|" if "\n" in s else None)
)


def write_links(path: Path, entries: list[LinkEntry]) -> None:
    """Write a links file, entries sorted by entity id, with the explanatory header."""
    data = {"links": [e.to_data() for e in sorted(entries, key=lambda e: e.entity)]}
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=110)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + text, encoding="utf-8")


def confirm(entries: list[LinkEntry], entity_id: str, iri: str) -> Candidate:
    """Mark one looked-up candidate confirmed by a curator (any other confirmed one becomes a candidate)."""
    entry = next((e for e in entries if e.entity == entity_id), None)
    if entry is None:
        raise LinkError(f"{entity_id!r} has not been looked up; run `diplograph link --entity {entity_id}` first")
    chosen = next((c for c in entry.candidates if c.iri == iri or c.iri.rsplit("/", 1)[-1] == iri), None)
    if chosen is None:
        found = ", ".join(c.iri for c in entry.candidates) or "none"
        raise LinkError(f"{iri} was not found by the lookup of {entity_id!r} (found: {found}); "
                        "only looked-up items can be linked")
    for c in entry.candidates:
        if c is not chosen and c.status == "confirmed":
            c.status, c.decided_by = "candidate", "curator"
    chosen.status, chosen.decided_by = "confirmed", "curator"
    return chosen
