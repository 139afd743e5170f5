"""Score the items a lookup found for an entity against what the curated corpus says about it.

Scoring (the weights add up to 1.0; a candidate's `why` lists the parts it earned):

- label, 0.25 to 0.40: our preferred label is their label (0.40) or one of their aliases (0.35);
  one of our alternative labels is their label (0.30) or an alias (0.25). Compared case-insensitively.
- type, 0.20: the item is an instance of a class our type maps to (wdt:P31/wdt:P279*). The query
  only returns such items, so every candidate has it; it is listed so the total reads plainly.
- dates, 0.15: the corpus attests the entity at some dates (a role held, a dated event it took part
  in or that took place there) and the item began (birth P569, inception P571) by then and did not
  end (death P570, dissolution P576) before. Compared by year, because truthy wdt: dates drop their
  precision. An item that contradicts the dates is rejected.
- country, 0.10: a place or organisation the corpus puts in a state (located-in, part-of) has that
  state as country (P17): compared by IRI when the state itself has a confirmed link (a different
  country rejects the item), else by label (no match earns nothing but rejects nothing).
- distinct, 0.15: the best remaining item is the only one, or leads the next by at least 0.10.

An item is confirmed automatically only when it is distinct and scores at least the threshold
(0.85 by default: label, type and distinct plus dates or country evidence); every other item that
is not rejected stays a candidate for a curator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .curated import Curation, EntityDef, date_bounds, parse_date_bound

LABEL_SCORES = {("pref", "label"): 0.40, ("pref", "alt"): 0.35, ("alt", "label"): 0.30, ("alt", "alt"): 0.25}
TYPE_SCORE, DATE_SCORE, COUNTRY_SCORE, DISTINCT_SCORE = 0.20, 0.15, 0.10, 0.15
DISTINCT_MARGIN = 0.10
DEFAULT_THRESHOLD = 0.85
# Statuses under which a dated claim says its participants and place existed at that date.
REALISED = {"fact", "occurred", "ongoing", "scheduled", "signed", "agreed", "adopted", "established"}
PLACE_RELATIONS = {"located-in", "part-of"}


@dataclass(frozen=True)
class StateRef:
    """A state the corpus puts an entity in: its label forms and, if linked, its confirmed IRI."""

    labels: frozenset[str]
    iri: str | None


@dataclass(frozen=True)
class Evidence:
    """What the corpus says about an entity that a candidate must agree with."""

    labels: tuple[str, ...]  # preferred label first
    exists_by: date | None = None  # the item must have begun by this day …
    exists_at: date | None = None  # … and not ended before this one
    states: tuple[StateRef, ...] = ()
    person: bool = False


@dataclass
class Found:
    """One item the endpoint returned, its result rows merged."""

    iri: str
    label: str | None = None
    description: str | None = None
    matches: set[tuple[str, str]] = field(default_factory=set)  # (name matched, "label" | "alt")
    starts: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    countries: dict[str, set[str]] = field(default_factory=dict)  # country IRI -> its labels


@dataclass
class Scored:
    """A found item with its score, status and the reasons for both."""

    found: Found
    score: float
    status: str
    why: list[str]


def attestations(curation: Curation) -> dict[str, list[tuple[date | None, date | None]]]:
    """For each entity id, the date intervals at which the corpus says it existed."""
    seen: dict[str, list[tuple[date | None, date | None]]] = {}
    for claim in curation.claims:
        data = claim.data
        if role := data.get("role"):
            as_of = role.get("as_of") or _document_day(claim.document.metadata)
            if as_of:
                bounds = (parse_date_bound(as_of, False), parse_date_bound(as_of, True))
                for ref in (claim.about, role.get("organization")):
                    if ref:
                        seen.setdefault(ref, []).append(bounds)
        if "date" in data and data.get("status", "fact") in REALISED:
            bounds = date_bounds(data["date"])
            refs = [*data.get("participants", []), *data.get("parties", []), *data.get("signatories", [])]
            for ref in refs + ([data["place"]] if "place" in data else []):
                seen.setdefault(ref, []).append(bounds)
    return seen


def _document_day(metadata: dict) -> str | None:
    value = metadata.get("created") or metadata.get("date")
    return str(value)[:10] if value else None


def states_of(entity_id: str, curation: Curation, depth: int = 3) -> list[EntityDef]:
    """The states an entity is located in or part of, directly or through other places."""
    edges: dict[str, set[str]] = {}
    for claim in curation.claims:
        for rel in claim.data.get("relations", []):
            if rel["predicate"] in PLACE_RELATIONS:
                edges.setdefault(claim.about, set()).add(rel["object"])
    found, frontier = [], {entity_id}
    for _ in range(depth):
        frontier = {o for s in frontier for o in edges.get(s, ())}
        found += [curation.entities[o] for o in sorted(frontier) if curation.entities[o].type == "State"]
    return list({e.id: e for e in found}.values())


def evidence(entity: EntityDef, curation: Curation, dates: dict[str, list], links: dict[str, str]) -> Evidence:
    """The evidence for one entity; `links` maps entity ids to their confirmed IRIs."""
    intervals = dates.get(entity.id, [])
    highs = [high for _, high in intervals if high]
    lows = [low for low, _ in intervals if low]
    states = tuple(
        StateRef(frozenset(x.casefold() for x in (s.label, *s.alt_labels)), links.get(s.id))
        for s in states_of(entity.id, curation)
    )
    return Evidence(labels=(entity.label, *entity.alt_labels), exists_by=min(highs, default=None),
                    exists_at=max(lows, default=None), states=states, person=entity.type == "Person")


def _year(value: str) -> int | None:
    match = re.match(r"^([+-]?\d{1,})-", value)
    return int(match.group(1)) if match else None


def _label_part(found: Found, ev: Evidence) -> tuple[float, str]:
    pref = ev.labels[0].casefold()
    best = (0.0, "")
    for name, via in found.matches:
        ours = "pref" if name.casefold() == pref else "alt"
        value = LABEL_SCORES[(ours, via)]
        if value > best[0]:
            kind = "preferred label" if ours == "pref" else "alternative label"
            best = (value, f"label {value:.2f} — our {kind} “{name}” is their {'label' if via == 'label' else 'alias'}")
    return best


def _date_part(found: Found, ev: Evidence) -> tuple[float | None, str]:
    """DATE_SCORE if the dates agree, 0.0 if nothing to compare, None if they contradict."""
    begin, end = ("born", "died") if ev.person else ("began", "ended")
    starts = [y for y in map(_year, found.starts) if y is not None]
    ends = [y for y in map(_year, found.ends) if y is not None]
    if ev.exists_by and starts and min(starts) > ev.exists_by.year:
        return None, f"{begin} {min(starts)}, after {ev.exists_by} when the corpus attests it"
    if ev.exists_at and ends and max(ends) < ev.exists_at.year:
        return None, f"{end} {max(ends)}, before {ev.exists_at} when the corpus attests it"
    if ev.exists_by and starts:
        return DATE_SCORE, f"dates {DATE_SCORE:.2f} — {begin} {min(starts)}, by {ev.exists_by}" + (
            f"; {end} {max(ends)}" if ends else "")
    if ev.exists_by or ev.exists_at:
        return 0.0, f"dates 0.00 — the item gives no date that shows it existed by {ev.exists_by or ev.exists_at}"
    return 0.0, "dates 0.00 — the corpus attests no date for this entity"


def _country_part(found: Found, ev: Evidence) -> tuple[float | None, str | None]:
    """COUNTRY_SCORE if the country agrees, 0.0 if unknown, None if it contradicts a linked state."""
    if not ev.states or not found.countries:
        return 0.0, None
    names = ", ".join(sorted(min(ls) if ls else iri for iri, ls in found.countries.items()))
    linked = {s.iri for s in ev.states if s.iri}
    if linked:
        if linked & set(found.countries):
            return COUNTRY_SCORE, f"country {COUNTRY_SCORE:.2f} — {names}, the linked state"
        return None, f"country {names}, not the linked state {', '.join(sorted(linked))}"
    ours = set().union(*(s.labels for s in ev.states))
    if any(label.casefold() in ours for labels in found.countries.values() for label in labels):
        return COUNTRY_SCORE, f"country {COUNTRY_SCORE:.2f} — {names}, by label"
    return 0.0, f"country 0.00 — {names} does not match by label"


def score(
    found: list[Found], ev: Evidence, threshold: float = DEFAULT_THRESHOLD, classes: tuple[str, ...] = ()
) -> list[Scored]:
    """Score, reject and rank the found items (`classes` names the required types); one at most is confirmed."""
    results = []
    for item in found:
        label, label_why = _label_part(item, ev)
        dates, dates_why = _date_part(item, ev)
        country, country_why = _country_part(item, ev)
        kind = " or ".join(classes) or "a required class"
        why = [label_why, f"type {TYPE_SCORE:.2f} — an instance of {kind} (or of a subclass)", dates_why]
        why += [country_why] if country_why else []
        if dates is None or country is None:
            rejected = [w for w, part in ((dates_why, dates), (country_why, country)) if part is None]
            results.append(Scored(item, 0.0, "rejected", [f"rejected — {w}" for w in rejected] + [label_why]))
            continue
        results.append(Scored(item, round(label + TYPE_SCORE + dates + country, 2), "candidate", why))
    alive = sorted((r for r in results if r.status != "rejected"), key=lambda r: (-r.score, r.found.iri))
    if alive and (len(alive) == 1 or alive[0].score - alive[1].score >= DISTINCT_MARGIN - 1e-9):
        best = alive[0]
        best.score = round(best.score + DISTINCT_SCORE, 2)
        best.why.append(f"distinct {DISTINCT_SCORE:.2f} — " + (
            "the only item left" if len(alive) == 1 else f"ahead of the next by {DISTINCT_MARGIN:.2f} or more"))
        if best.score >= threshold:
            best.status = "confirmed"
    rejected = [r for r in results if r.status == "rejected"]
    return alive + sorted(rejected, key=lambda r: r.found.iri)
