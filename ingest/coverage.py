"""Coverage: what each paragraph of each document yields (claims, entities, quotes), and what it doesn't."""

from __future__ import annotations

from dataclasses import dataclass

from .curated import ClaimDef
from .rdf import Built

REFERENCE_FIELDS = ("about", "according_to", "told_to", "place", "subevent_of", "signed_at", "stage_of")
LIST_FIELDS = ("participants", "parties", "signatories", "topics")


@dataclass(frozen=True)
class ParagraphCoverage:
    """The yield of one paragraph."""

    document: str
    key: str
    claims: int
    entities: int
    quotes: int
    note: str | None

    @property
    def empty(self) -> bool:
        return self.claims == 0


def entities_of(claim: ClaimDef) -> set[str]:
    """Every entity a claim names, in any field."""
    data = claim.data
    found = {data[f] for f in REFERENCE_FIELDS if f in data}
    for f in LIST_FIELDS:
        found.update(data.get(f, []))
    found.update(rel["object"] for rel in data.get("relations", []))
    if org := data.get("role", {}).get("organization"):
        found.add(org)
    return found


def coverage(built: Built) -> list[ParagraphCoverage]:
    """One row per paragraph of every document, in document order."""
    rows = []
    for doc in built.documents.values():
        for p in doc.paragraphs:
            claims = [c for c in built.curation.claims if c.document.id == doc.id and c.para == p.key]
            entities = set().union(*(entities_of(c) for c in claims)) if claims else set()
            rows.append(ParagraphCoverage(
                document=doc.id, key=p.key, claims=len(claims), entities=len(entities),
                quotes=len({(c.begin, c.end) for c in claims}),
                note=built.curation.paragraph_notes.get((doc.id, p.key)),
            ))
    return rows


def render(rows: list[ParagraphCoverage], built: Built) -> str:
    """The coverage report as Markdown: per document, per paragraph, then totals."""
    out = []
    for doc_id in built.documents:
        doc_rows = [r for r in rows if r.document == doc_id]
        entity_ids = set().union(*(entities_of(c) for c in built.curation.claims if c.document.id == doc_id))
        out.append(f"## {doc_id}: {sum(r.claims for r in doc_rows)} claims, {len(entity_ids)} entities, "
                   f"{sum(r.quotes for r in doc_rows)} quotes, "
                   f"{sum(1 for r in doc_rows if r.empty)} of {len(doc_rows)} paragraphs yield nothing\n")
        out.append("| paragraph | claims | entities | quotes | note |")
        out.append("|---|---:|---:|---:|---|")
        for r in doc_rows:
            note = r.note or ("**no claims and no reason recorded**" if r.empty else "")
            out.append(f"| {r.key} | {r.claims} | {r.entities} | {r.quotes} | {note} |")
        out.append("")
    all_entities = set().union(*(entities_of(c) for c in built.curation.claims))
    out.append(f"**Corpus:** {len(built.documents)} documents, {len(rows)} paragraphs, "
               f"{len(built.curation.claims)} claims, {len(all_entities)} distinct entities named in claims "
               f"({len(built.curation.entities)} defined).")
    return "\n".join(out) + "\n"
