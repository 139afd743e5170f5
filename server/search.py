"""Full-text search over the labels of things and documents and over paragraph text, at /search."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask import Blueprint, render_template, request

from .facts import summaries
from .graphdata import lit, rows, value

bp = Blueprint("search", __name__)
MAX_WORDS = 8
# Cables write apostrophes as commas (`Russia,s`), the news piece as ’: drop all three on both sides so
# "Russia's" finds every spelling.
_FOLD = re.compile(r"[’',]")


@dataclass
class Hit:
    """A thing whose label (or another written form) matches."""

    iri: str
    label: str
    matched: str
    score: int
    type: str | None = None


@dataclass
class ParagraphHit:
    """A paragraph whose text matches, with a snippet cut into (text, matched?) runs."""

    iri: str
    label: str
    snippet: list[tuple[str, bool]]
    score: int


@dataclass
class Results:
    """Things first, then paragraphs."""

    query: str
    words: list[str]
    things: list[Hit] = field(default_factory=list)
    paragraphs: list[ParagraphHit] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case without apostrophes (or the commas cables write for them)."""
    return _FOLD.sub("", text.lower())


def search(query: str, limit: int = 50) -> Results:
    """Things whose labels, and paragraphs whose text, contain every word of `query` (case and apostrophes aside)."""
    words = [w for w in (fold(w) for w in query.split()) if w][:MAX_WORDS]
    results = Results(query, words)
    if not words:
        return results
    test = " && ".join(f'CONTAINS(REPLACE(LCASE(STR(?text)), "[’\',]", ""), {lit(w)})' for w in words)
    found = rows(f"""SELECT ?x ?text ?pref ?kind WHERE {{
        {{ ?x skos:prefLabel ?pref ; skos:prefLabel|skos:altLabel ?text . BIND("thing" AS ?kind) }}
        UNION {{ ?x a/rdfs:subClassOf* dg:Document ; rdfs:label ?pref ; rdfs:label|dcterms:title ?text .
                 BIND("thing" AS ?kind) }}
        UNION {{ ?x a dg:Paragraph ; nif:isString ?text ; rdfs:label ?pref . BIND("paragraph" AS ?kind) }}
        FILTER({test})
    }}""")
    things: dict[str, Hit] = {}
    for r in found:
        x, text, pref = r["x"].value, r["text"].value, r["pref"].value
        if value(r, "kind") == "paragraph":
            results.paragraphs.append(ParagraphHit(x, pref, snippet(text, words), _count(text, words)))
            continue
        score = _score(text, words, text == pref)
        if x not in things or score > things[x].score:
            things[x] = Hit(x, pref, text, score)
    info = summaries(things)
    for hit in things.values():
        hit.type = info[hit.iri].type if hit.iri in info else None
    results.things = sorted(things.values(), key=lambda h: (-h.score, len(h.label), h.label))[:limit]
    results.paragraphs.sort(key=lambda h: (-h.score, h.label))
    results.paragraphs = results.paragraphs[:limit]
    return results


def _score(text: str, words: list[str], preferred: bool) -> int:
    """Whole label > label start > a word start > anywhere; the preferred label over other written forms."""
    t, q = fold(text), " ".join(words)
    base = 100 if t == q else 80 if t.startswith(q) else 60 if all(re.search(rf"\b{re.escape(w)}", t)
                                                                   for w in words) else 40
    return base + (5 if preferred else 0)


def _count(text: str, words: list[str]) -> int:
    t = fold(text)
    return sum(t.count(w) for w in words)


def snippet(text: str, words: list[str], width: int = 160) -> list[tuple[str, bool]]:
    """About `width` characters around the first match, cut into runs, matched words flagged."""
    pattern = re.compile("|".join(_loose(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 2)
    end = min(len(text), start + width)
    piece = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    runs, at = [], 0
    for m in pattern.finditer(piece):
        runs += [(piece[at:m.start()], False), (m.group(), True)]
        at = m.end()
    runs.append((piece[at:], False))
    return [r for r in runs if r[0]]


def _loose(word: str) -> str:
    """A regex for a folded word that allows the dropped apostrophes back between its letters."""
    return "[’',]?".join(re.escape(c) for c in word)


@bp.route("/search")
def search_page() -> str:
    """The search form and, given `q`, what matches."""
    query = request.args.get("q", "").strip()[:200]
    return render_template("ld/search.html", query=query, results=search(query) if query else None)
