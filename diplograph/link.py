"""The `diplograph link` command: look actors and places up in a SPARQL endpoint, write a links file to review."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from diplograph.ingest.corpus import Corpus
from diplograph.ingest.curated import Curation, EntityDef, load_curation
from diplograph.ingest.links import LinkEntry, LinkError, confirm, parse_links, write_links
from diplograph.ingest.reconcile import DEFAULT_LANGUAGES, LINK_TYPES, WIKIDATA, LinkOptions, reconcile
from diplograph.ingest.scoring import DEFAULT_THRESHOLD

DEFAULT_FILE = Path("links") / "wikidata.yaml"  # under the corpus directory


def add_link_arguments(p: argparse.ArgumentParser) -> None:
    """The options of `diplograph link` (besides --corpus and -q)."""
    p.epilog = ("Statuses: confirmed (the clear best item scored at least the threshold, or a curator said so), "
                "candidate (waits for a curator), rejected (contradicts the corpus's dates or states). Only "
                "confirmed links are built into the graph. Scoring: corpus/links/README.md.")
    p.add_argument("--endpoint", default=WIKIDATA, help=f"SPARQL endpoint to look up (default: {WIKIDATA})")
    p.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                   help=f"score from which the clear best item is confirmed (default: {DEFAULT_THRESHOLD})")
    p.add_argument("--entity", action="append", metavar="ID",
                   help="look up this entity, again if it has an entry (repeatable; "
                        "default: every entity of --types not yet looked up)")
    p.add_argument("--types", nargs="+", choices=list(LINK_TYPES), default=list(LINK_TYPES), metavar="TYPE",
                   help=f"entity types to look up, unless --entity is given (default: all of {', '.join(LINK_TYPES)})")
    p.add_argument("--language", action="append", metavar="LANG",
                   help=f"label language to match (repeatable; default: {' '.join(DEFAULT_LANGUAGES)})")
    p.add_argument("--file", help=f"links file to update (default: CORPUS/{DEFAULT_FILE})")
    p.add_argument("--timeout", type=int, default=60, help="seconds per query (default: 60)")
    p.add_argument("--dry-run", action="store_true", help="look up and report, but write nothing")
    p.add_argument("--confirm", nargs=2, metavar=("ID", "IRI"),
                   help="confirm a candidate an earlier lookup found for entity ID (no lookup is made)")


def cmd_link(args: argparse.Namespace) -> int:
    """Reconcile actors and places with a SPARQL endpoint (Wikidata's by default) into a links file to review."""
    corpus = Corpus(Path(args.corpus))
    curation = load_curation(corpus.curated_paths(), corpus.documents())
    path = Path(args.file) if args.file else corpus.root / DEFAULT_FILE
    existing = parse_links(path, set(curation.entities)) if path.exists() else []
    try:
        if args.confirm:
            return _confirm(path, existing, *args.confirm, dry_run=args.dry_run)
        return _look_up(args, path, curation, existing)
    except LinkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _confirm(path: Path, existing: list[LinkEntry], entity_id: str, iri: str, dry_run: bool) -> int:
    chosen = confirm(existing, entity_id, iri)
    print(f"{entity_id}: confirmed {chosen.iri} ({chosen.label})")
    if not dry_run:
        write_links(path, existing)
        print(f"wrote {path}")
    return 0


def _chosen(args: argparse.Namespace, curation: Curation, existing: list[LinkEntry]) -> list[EntityDef]:
    if not args.entity:
        done = {e.entity for e in existing}
        return [e for e in curation.entities.values() if e.type in args.types and e.id not in done]
    for entity_id in args.entity:
        entity = curation.entities.get(entity_id)
        if entity is None:
            raise LinkError(f"unknown entity {entity_id!r} (no curated file defines it)")
        if entity.type not in LINK_TYPES:
            raise LinkError(f"{entity_id!r} is a {entity.type}; link looks up {', '.join(LINK_TYPES)}")
    return [curation.entities[i] for i in dict.fromkeys(args.entity)]


def _look_up(args: argparse.Namespace, path: Path, curation: Curation, existing: list[LinkEntry]) -> int:
    entities = _chosen(args, curation, existing)
    options = LinkOptions(endpoint=args.endpoint, threshold=args.threshold,
                          languages=tuple(args.language or DEFAULT_LANGUAGES), timeout=args.timeout)
    print(f"Looking up {len(entities)} entities at {options.endpoint}", file=sys.stderr)
    merged = {e.entity: e for e in existing}
    new: list[LinkEntry] = []
    try:
        for entry, warnings in reconcile(entities, curation, existing, options):
            new.append(entry)
            merged[entry.entity] = entry
            if not args.quiet:
                _print_entry(entry, warnings)
    finally:  # what was looked up before a failure is kept
        if new and not args.dry_run:
            write_links(path, list(merged.values()))
    counts = {s: sum(c.status == s for e in new for c in e.candidates) for s in ("confirmed", "candidate", "rejected")}
    target = "dry run: nothing written" if args.dry_run else f"wrote {path}"
    print(f"{target}: {len(new)} looked up; {counts['confirmed']} confirmed, {counts['candidate']} candidates "
          f"to review, {counts['rejected']} rejected")
    return 0


def _print_entry(entry: LinkEntry, warnings: list[str]) -> None:
    print(f"{entry.entity}: {len(entry.candidates) or 'nothing'} found")
    for c in entry.candidates:
        about = f" ({c.description})" if c.description else ""
        print(f"  {c.status:9} {c.score:.2f}  {c.iri}  {c.label}{about}")
    for warning in warnings:
        print(f"  warning: {warning}")
