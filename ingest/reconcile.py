"""Look entities up in a SPARQL endpoint shaped like Wikidata's, and turn what it finds into scored links."""

from __future__ import annotations

import urllib.error
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from SPARQLWrapper import GET, JSON, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from .curated import Curation, EntityDef
from .links import Candidate, LinkEntry, LinkError, Lookup
from .scoring import DEFAULT_THRESHOLD, Found, attestations, evidence, score

WIKIDATA = "https://query.wikidata.org/sparql"
WD = "http://www.wikidata.org/entity/"
# Wikidata asks every client to name itself (https://meta.wikimedia.org/wiki/User-Agent_policy).
USER_AGENT = "diplograph-link/0.1 (https://w3id.org/diplograph; reconciliation of curated entities)"
# Our entity types and the Wikidata classes an item must be an instance of (via wdt:P31/wdt:P279*).
LINK_TYPES: dict[str, tuple[str, ...]] = {
    "Person": ("Q5",),  # human
    "Organization": ("Q43229",),  # organization
    "GovernmentOrganization": ("Q43229",),  # ministries, agencies, embassies: all organizations
    "Company": ("Q4830453",),  # business
    "InternationalOrganization": ("Q484652",),  # international organization
    "State": ("Q6256", "Q3624078"),  # country, sovereign state
    "City": ("Q515",),  # city
    "Region": ("Q82794", "Q56061"),  # geographic region, administrative territorial entity
    "Port": ("Q44782",),  # port
    "Place": ("Q2221906", "Q618123"),  # geographic location, geographical feature
}
DEFAULT_LANGUAGES = ("en", "mul")  # "mul": Wikidata's default label for names written alike in many languages
ROW_LIMIT = 2000


@dataclass(frozen=True)
class LinkOptions:
    """Where and how to look entities up."""

    endpoint: str = WIKIDATA
    threshold: float = DEFAULT_THRESHOLD
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    timeout: int = 60


def label_forms(entity: EntityDef) -> list[str]:
    """Our labels in the case forms an exact-match query needs (comparison itself ignores case)."""
    forms: dict[str, None] = {}
    for label in (entity.label, *entity.alt_labels):
        for form in (label, label.lower(), label.upper(), label.title(), label[:1].upper() + label[1:].lower()):
            forms.setdefault(" ".join(form.split()), None)
    return list(forms)


def _literal(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_query(entity: EntityDef, languages: Iterable[str] = DEFAULT_LANGUAGES) -> str:
    """The SPARQL query that finds the candidates for one entity (label, type, dates, country)."""
    langs = list(languages)
    names = " ".join(f"{_literal(n)}@{lang}" for n in label_forms(entity) for lang in langs)
    classes = " ".join(f"wd:{q}" for q in LINK_TYPES[entity.type])
    begin, end = ("P569", "P570") if entity.type == "Person" else ("P571", "P576")
    in_langs = ", ".join(_literal(lang) for lang in langs)
    return f"""\
# diplograph link: candidates for {entity.id} ({entity.type})
PREFIX wd: <{WD}>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX schema: <http://schema.org/>
SELECT ?item ?name ?via ?label ?description ?start ?end ?country ?countryLabel WHERE {{
  VALUES ?name {{ {names} }}
  {{ ?item rdfs:label ?name . BIND ("label" AS ?via) }} UNION {{ ?item skos:altLabel ?name . BIND ("alt" AS ?via) }}
  FILTER EXISTS {{ VALUES ?class {{ {classes} }} ?item wdt:P31/wdt:P279* ?class }}
  OPTIONAL {{ ?item rdfs:label ?label . FILTER (LANG(?label) IN ({in_langs})) }}
  OPTIONAL {{ ?item schema:description ?description . FILTER (LANG(?description) IN ({in_langs})) }}
  OPTIONAL {{ ?item wdt:{begin} ?start }}
  OPTIONAL {{ ?item wdt:{end} ?end }}
  OPTIONAL {{ ?item wdt:P17 ?country .
             OPTIONAL {{ ?country rdfs:label ?countryLabel . FILTER (LANG(?countryLabel) IN ({in_langs})) }} }}
}}
LIMIT {ROW_LIMIT}
"""


def run_query(endpoint: str, query: str, timeout: int = 60) -> list[dict[str, dict[str, str]]]:
    """SELECT bindings from the endpoint; LinkError says why a lookup failed."""
    client = SPARQLWrapper(endpoint, agent=USER_AGENT)
    client.setQuery(query)
    client.setMethod(GET)
    client.setReturnFormat(JSON)
    client.setTimeout(timeout)
    try:
        result = client.queryAndConvert()
    except (SPARQLWrapperException, urllib.error.URLError, OSError, ValueError) as exc:
        raise LinkError(f"the SPARQL endpoint {endpoint} failed: {exc}") from exc
    if not isinstance(result, dict) or "results" not in result:
        raise LinkError(f"the SPARQL endpoint {endpoint} did not return SELECT results as JSON")
    return result["results"]["bindings"]


def merge_rows(rows: list[dict[str, dict[str, str]]], languages: tuple[str, ...]) -> list[Found]:
    """One Found per item, with labels and descriptions in the first language available."""
    items: dict[str, Found] = {}
    rank = {lang: i for i, lang in enumerate(languages)}

    def better(old: tuple[int, str] | None, cell: dict[str, str] | None) -> tuple[int, str] | None:
        if cell is None:
            return old
        new = (rank.get(cell.get("xml:lang", ""), len(rank)), cell["value"])
        return new if old is None or new < old else old

    labels: dict[str, tuple[int, str] | None] = {}
    descriptions: dict[str, tuple[int, str] | None] = {}
    for row in rows:
        iri = row["item"]["value"]
        item = items.setdefault(iri, Found(iri))
        item.matches.add((row["name"]["value"], row["via"]["value"]))
        labels[iri] = better(labels.get(iri), row.get("label"))
        descriptions[iri] = better(descriptions.get(iri), row.get("description"))
        for key, bucket in (("start", item.starts), ("end", item.ends)):
            if key in row and row[key]["type"] == "literal":  # "unknown value" is a blank node
                bucket.add(row[key]["value"])
        if "country" in row:
            names = item.countries.setdefault(row["country"]["value"], set())
            if "countryLabel" in row:
                names.add(row["countryLabel"]["value"])
    for iri, item in items.items():
        item.label = labels[iri][1] if labels[iri] else min(name for name, _ in item.matches)
        item.description = descriptions[iri][1] if descriptions[iri] else None
    return list(items.values())


def lookup(entity: EntityDef, curation: Curation, links: dict[str, str], options: LinkOptions,
           dates: dict[str, list] | None = None) -> LinkEntry:
    """Query the endpoint for one entity and score what it finds; the entry records how."""
    query = build_query(entity, options.languages)
    at = datetime.now(UTC).isoformat(timespec="seconds")
    rows = run_query(options.endpoint, query, options.timeout)
    if len(rows) >= ROW_LIMIT:
        raise LinkError(f"{entity.id}: the endpoint returned {ROW_LIMIT} rows or more; "
                        "its labels are too common to look up this way")
    ev = evidence(entity, curation, attestations(curation) if dates is None else dates, links)
    classes = tuple(f"wd:{q}" for q in LINK_TYPES[entity.type])
    scored = score(merge_rows(rows, options.languages), ev, options.threshold, classes)
    candidates = [Candidate(iri=s.found.iri, label=s.found.label or "", score=s.score, status=s.status,
                            description=s.found.description, why=s.why) for s in scored]
    return LinkEntry(entity=entity.id, lookup=Lookup(options.endpoint, query, at), candidates=candidates)


def keep_decisions(new: LinkEntry, old: LinkEntry | None) -> list[str]:
    """Carry a curator's decisions over to a new lookup of the same entity; say what could not be."""
    if old is None:
        return []
    decided = {c.iri: c for c in old.candidates if c.decided_by == "curator"}
    warnings = []
    for c in new.candidates:
        if c.iri in decided:
            c.status, c.decided_by = decided.pop(c.iri).status, "curator"
    if any(c.decided_by == "curator" and c.status == "confirmed" for c in new.candidates):
        for c in new.candidates:
            if c.status == "confirmed" and c.decided_by != "curator":
                c.status = "candidate"
    for iri, c in decided.items():
        warnings.append(f"{new.entity}: {iri} ({c.status} by a curator) was not found again; decision dropped")
    return warnings


def link_order(entities: Iterable[EntityDef]) -> list[EntityDef]:
    """States first, so that places and organisations can be checked against their states' links."""
    return sorted(entities, key=lambda e: (e.type != "State", e.id))


def reconcile(
    entities: Iterable[EntityDef], curation: Curation, existing: list[LinkEntry], options: LinkOptions
) -> Iterator[tuple[LinkEntry, list[str]]]:
    """Look each entity up and keep curators' decisions, yielding each entry as it is done."""
    old = {e.entity: e for e in existing}
    links = {e.entity: e.confirmed[0].iri for e in existing if e.confirmed}
    dates = attestations(curation)
    for entity in link_order(entities):
        entry = lookup(entity, curation, links, options, dates)
        warnings = keep_decisions(entry, old.get(entity.id))
        if entry.confirmed:
            links[entity.id] = entry.confirmed[0].iri
        else:
            links.pop(entity.id, None)
        yield entry, warnings
