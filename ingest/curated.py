"""Load and check the curated YAML files: every error names the file, line and field."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .sources import Document

ACTOR_TYPES = {
    "Person", "Organization", "GovernmentOrganization", "Company", "InternationalOrganization", "State",
}
PLACE_TYPES = {"Place", "Region", "City", "Port", "State"}
EVENT_TYPES = {
    "Event", "Summit", "Meeting", "Visit", "Consultation", "Negotiation", "Signing", "Exercise",
    "Forum", "Speech", "Decision", "Briefing", "Adoption", "Commissioning", "Takeover", "LegalDispute",
}
INSTRUMENT_TYPES = {"Agreement", "Programme"}
PROJECT_TYPES = {"Project", "ProjectStage"}

# Which entity types each reference field accepts: a wrong type is a curation error.
FIELD_TYPES: dict[str, set[str]] = {
    "according_to": ACTOR_TYPES,
    "told_to": ACTOR_TYPES,
    "participants": ACTOR_TYPES,
    "parties": ACTOR_TYPES,
    "signatories": {"Person"},
    "place": PLACE_TYPES,
    "subevent_of": EVENT_TYPES,
    "signed_at": EVENT_TYPES,
    "stage_of": PROJECT_TYPES,
    "role.organization": ACTOR_TYPES,
}
# Which types of `about` a field makes sense for.
ABOUT_TYPES: dict[str, set[str]] = {
    "role": {"Person"},
    "signatories": INSTRUMENT_TYPES,
    "parties": INSTRUMENT_TYPES,
    "signed_at": INSTRUMENT_TYPES,
    "instrument": INSTRUMENT_TYPES,
    "subevent_of": EVENT_TYPES,
    "stage_of": {"ProjectStage"},
}


class CurationError(ValueError):
    """Curated input that cannot be built; carries where it is (file, line, field)."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field, self.message = str(path), line, field, message
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {field + ': ' if field else ''}{message}")


class CurationErrors(ValueError):
    """All the errors found in one pass over the curated files."""

    def __init__(self, errors: list[CurationError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class Node(dict):
    """A YAML mapping that remembers the line of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that records line numbers and keeps dates as the strings curators wrote."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Node:
        mapping = Node(super().construct_mapping(node, deep=True))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
        return mapping


# Dates stay strings so that "2006-13-01" is reported, not silently accepted or mangled.
_LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
_LineLoader.add_constructor(
    "tag:yaml.org,2002:map", lambda loader, node: loader.construct_mapping(node)
)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file, reporting syntax errors with their line."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise CurationErrors(
            [CurationError(path, mark.line + 1 if mark else None, None, f"malformed YAML: {exc.problem}")]
        ) from None


@dataclass
class EntityDef:
    """An entity as defined in a curated file."""

    id: str
    type: str
    label: str
    alt_labels: list[str]
    note: str | None
    external: list[dict[str, str]]
    path: Path
    line: int


@dataclass
class ClaimDef:
    """A claim with its quote resolved to offsets in its paragraph."""

    id: str
    document: Document
    para: str
    quote: str
    begin: int
    end: int
    about: str
    data: dict[str, Any]
    path: Path
    line: int
    according_to: str | None = None

    def line_of(self, key: str) -> int:
        """The line of one of the claim's fields (the claim's own line if absent)."""
        return getattr(self.data, "key_lines", {}).get(key, self.line)


@dataclass
class Curation:
    """Everything the curated files say, checked and resolved."""

    entities: dict[str, EntityDef] = field(default_factory=dict)
    claims: list[ClaimDef] = field(default_factory=list)
    authors: dict[str, str] = field(default_factory=dict)  # document id -> author entity id
    paragraph_notes: dict[tuple[str, str], str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)  # document id -> curated file


def _schema() -> dict[str, Any]:
    text = resources.files("diplograph.ingest").joinpath("curated.schema.json").read_text()
    return json.loads(text)


def line_for(data: Any, path: list[Any]) -> tuple[int | None, str]:
    """The line and dotted field name of a JSON path inside a loaded YAML document."""
    line, node, names = getattr(data, "line", None), data, []
    for step in path:
        if isinstance(node, Node) and isinstance(step, str):
            line = node.key_lines.get(step, line)
            names.append(step)
        elif isinstance(step, int):
            names[-1:] = [f"{names[-1]}[{step}]"] if names else [f"[{step}]"]
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", line)
    return line, ".".join(names)


def check_schema(path: Path, data: Any) -> list[CurationError]:
    """JSON Schema errors of one file, each with its line and field."""
    validator = jsonschema.Draft202012Validator(_schema())
    errors = []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path)):
        line, name = line_for(data, list(err.absolute_path))
        errors.append(CurationError(path, line, name or None, err.message))
    return errors


def parse_date_bound(value: str, upper: bool) -> date:
    """'2006', '2006-05' or '2006-05-14' to its first (or last) day; ValueError if invalid."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(value)
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if upper else 1)
    if len(parts) > 2:
        return date(year, month, parts[2])
    day = calendar.monthrange(year, month)[1] if upper else 1
    return date(year, month, day)


def date_bounds(spec: dict[str, str]) -> tuple[date | None, date | None]:
    """The lower and upper day bounds of a `date:` field (ValueError on a bad date)."""
    if "when" in spec:
        return parse_date_bound(spec["when"], False), parse_date_bound(spec["when"], True)
    low = parse_date_bound(spec["from"], False) if "from" in spec else None
    high = parse_date_bound(spec["to"], True) if "to" in spec else None
    return low, high


def load_curation(paths: list[Path], documents: dict[str, Document]) -> Curation:
    """Load every curated file, check it all, and raise CurationErrors listing every problem."""
    cur, errors = Curation(), []
    loaded = []
    for path in paths:
        try:
            data = load_yaml(path)
        except CurationErrors as exc:
            errors.extend(exc.errors)
            continue
        if data is None:
            continue
        schema_errors = check_schema(path, data)
        errors.extend(schema_errors)
        if not schema_errors:
            loaded.append((path, data))
    for path, data in loaded:
        errors.extend(_collect_entities(path, data, cur))
    for path, data in loaded:
        errors.extend(_collect_claims(path, data, documents, cur))
    if errors:
        raise CurationErrors(errors)
    return cur


def _collect_entities(path: Path, data: Node, cur: Curation) -> list[CurationError]:
    errors = []
    for ent in data.get("entities", []):
        if ent["id"] in cur.entities:
            first = cur.entities[ent["id"]]
            errors.append(CurationError(path, ent.line, "id", f"duplicate entity id {ent['id']!r} "
                                        f"(first defined at {first.path}:{first.line})"))
            continue
        cur.entities[ent["id"]] = EntityDef(
            id=ent["id"], type=ent["type"], label=ent["label"], alt_labels=ent.get("alt_labels", []),
            note=ent.get("note"), external=ent.get("external", []), path=path, line=ent.line,
        )
    return errors


def _collect_claims(
    path: Path, data: Node, documents: dict[str, Document], cur: Curation
) -> list[CurationError]:
    if "document" not in data:
        return []
    doc = documents.get(data["document"])
    if doc is None:
        return [CurationError(path, data.key_lines["document"], "document",
                              f"unknown document {data['document']!r}; known: {', '.join(sorted(documents))}")]
    errors = []
    if doc.path.name != data["source"]:
        errors.append(CurationError(path, data.key_lines["source"], "source",
                                    f"document {doc.id} is parsed from {doc.path.name}, not {data['source']}"))
    if doc.id in cur.files:
        errors.append(CurationError(path, data.line, "document",
                                    f"document {doc.id} is already curated in {cur.files[doc.id]}"))
    cur.files[doc.id] = path
    if "author" in data:
        cur.authors[doc.id] = data["author"]
        errors.extend(_check_ref(path, data.key_lines["author"], "author", data["author"], cur, ACTOR_TYPES))
    for key, note in data.get("paragraphs", {}).items():
        if doc.paragraph(str(key)) is None:
            errors.append(CurationError(path, data["paragraphs"].key_lines.get(str(key)), "paragraphs",
                                        f"{doc.id} has no paragraph {key!r}"))
        cur.paragraph_notes[(doc.id, str(key))] = note["note"]
    seen: dict[str, int] = {}
    for raw in data.get("claims", []):
        if raw["id"] in seen:
            errors.append(CurationError(path, raw.line, "id",
                                        f"duplicate claim id {raw['id']!r} (first at line {seen[raw['id']]})"))
            continue
        seen[raw["id"]] = raw.line
        claim, claim_errors = _resolve_claim(path, raw, doc, cur)
        errors.extend(claim_errors)
        if claim and not claim_errors:
            cur.claims.append(claim)
    return errors


def _resolve_claim(
    path: Path, raw: Node, doc: Document, cur: Curation
) -> tuple[ClaimDef | None, list[CurationError]]:
    para_key = str(raw["para"])
    para = doc.paragraph(para_key)
    if para is None:
        keys = ", ".join(p.key for p in doc.paragraphs)
        return None, [CurationError(path, raw.key_lines["para"], "para",
                                    f"{doc.id} has no paragraph {para_key!r} (paragraphs: {keys})")]
    quote = raw["quote"]
    count = para.text.count(quote)
    if count != 1:
        problem = "not found in" if count == 0 else f"ambiguous: found {count} times in"
        return None, [CurationError(path, raw.key_lines["quote"], "quote",
                                    f"quote {quote!r} {problem} {doc.id} paragraph {para_key}")]
    begin = para.text.index(quote)
    claim = ClaimDef(id=raw["id"], document=doc, para=para_key, quote=quote, begin=begin,
                     end=begin + len(quote), about=raw["about"], data=raw, path=path, line=raw.line,
                     according_to=raw.get("according_to") or cur.authors.get(doc.id))
    return claim, _check_claim_refs(path, raw, cur)


def _check_claim_refs(path: Path, raw: Node, cur: Curation) -> list[CurationError]:
    errors = _check_ref(path, raw.key_lines["about"], "about", raw["about"], cur, None)
    about = cur.entities.get(raw["about"])
    for key, value in raw.items():
        line = raw.key_lines.get(key, raw.line)
        if key == "role":
            if "organization" in value:
                errors += _check_ref(path, line, "role.organization", value["organization"], cur,
                                     FIELD_TYPES["role.organization"])
            if "as_of" in value:
                errors += _check_date(path, line, "role.as_of", value["as_of"])
        elif key == "relations":
            for i, rel in enumerate(value):
                errors += _check_ref(path, rel.line, f"relations[{i}].object", rel["object"], cur, None)
        elif key == "date":
            errors += _check_date_spec(path, line, value)
        elif key in ("participants", "parties", "signatories", "topics"):
            for i, ref in enumerate(value):
                errors += _check_ref(path, line, f"{key}[{i}]", ref, cur, FIELD_TYPES.get(key))
        elif key in ("according_to", "told_to", "place", "subevent_of", "signed_at", "stage_of"):
            errors += _check_ref(path, line, key, value, cur, FIELD_TYPES.get(key))
        if about and key in ABOUT_TYPES and about.type not in ABOUT_TYPES[key]:
            errors.append(CurationError(path, line, key, f"wrong type: {key!r} applies to "
                                        f"{'/'.join(sorted(ABOUT_TYPES[key]))}, but {about.id!r} is a {about.type}"))
    return errors


def _check_ref(
    path: Path, line: int, name: str, ref: str, cur: Curation, allowed: set[str] | None
) -> list[CurationError]:
    entity = cur.entities.get(ref)
    if entity is None:
        return [CurationError(path, line, name, f"unknown entity {ref!r} (define it under entities:)")]
    if allowed and entity.type not in allowed:
        return [CurationError(path, line, name, f"wrong type: {ref!r} is a {entity.type}, "
                              f"expected one of {', '.join(sorted(allowed))}")]
    return []


def _check_date(path: Path, line: int, name: str, value: str) -> list[CurationError]:
    try:
        parse_date_bound(value, False)
    except ValueError:
        return [CurationError(path, line, name, f"bad date {value!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")]
    return []


def _check_date_spec(path: Path, line: int, spec: dict[str, str]) -> list[CurationError]:
    errors = []
    for key in ("when", "from", "to"):
        if key in spec:
            errors += _check_date(path, line, f"date.{key}", spec[key])
    if "when" in spec and ("from" in spec or "to" in spec):
        errors.append(CurationError(path, line, "date", "give either when or from/to, not both"))
    if not errors:
        low, high = date_bounds(spec)
        if low and high and low > high:
            errors.append(CurationError(path, line, "date", f"bounds out of order: {low} is after {high}"))
    return errors
