"""Page data for the sources: documents, paragraphs with every quote highlighted, evidence spans, claims."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph

from .facts import Source, claim_statements, facts_about, sources, term_labels
from .graphdata import Term, ref, rows, value
from .highlight import Mark, Segment, segments
from .phrases import RDF_TYPE, main_type
from .views import _para_order, figure_texts


@dataclass
class ParagraphView:
    """A paragraph of a document, its text cut into highlighted runs."""

    iri: str
    key: str
    label: str
    document: str
    ordinal: int
    text: str
    heading: str | None
    marking: str | None
    note: str | None
    segments: list[Segment] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)


_PARAGRAPHS = """SELECT ?p ?key ?ord ?text ?label ?doc ?heading ?mark ?note WHERE {{
  {where} ?p a dg:Paragraph ; dg:paragraphKey ?key ; dg:ordinal ?ord ; nif:isString ?text ; dcterms:isPartOf ?doc .
  OPTIONAL {{ ?p rdfs:label ?label }} OPTIONAL {{ ?p dg:sectionHeading ?heading }}
  OPTIONAL {{ ?p dg:portionMarking ?mark }} OPTIONAL {{ ?p rdfs:comment ?note }}
}} ORDER BY ?ord"""
_MARKS = """SELECT ?p ?b ?e ?c ?alabel ?slabel WHERE {{
  {where} ?c prov:wasDerivedFrom ?span ; dg:paragraph ?p ; dg:about ?about .
  ?span nif:beginIndex ?b ; nif:endIndex ?e .
  OPTIONAL {{ ?about skos:prefLabel ?alabel }} OPTIONAL {{ ?c dg:status/skos:prefLabel ?slabel }}
}}"""


def paragraphs(where: str, focus: tuple[int, int] | None = None) -> list[ParagraphView]:
    """The paragraphs ?p that `where` selects, in order, each quote in them marked."""
    views = [ParagraphView(r["p"].value, r["key"].value, value(r, "label", r["key"].value), r["doc"].value,
                           int(r["ord"].value), r["text"].value, value(r, "heading"), value(r, "mark"),
                           value(r, "note"))
             for r in rows(_PARAGRAPHS.format(where=where))]
    by_iri = {v.iri: v for v in views}
    grouped: dict[tuple[str, int, int], list[tuple[str, str]]] = {}
    for r in rows(_MARKS.format(where=where)):
        what = f"about {value(r, 'alabel', '?')}" + (f" ({r['slabel'].value})" if "slabel" in r else "")
        grouped.setdefault((r["p"].value, int(r["b"].value), int(r["e"].value)), []).append((r["c"].value, what))
    for (para, b, e), claims in grouped.items():
        if para in by_iri:
            claims.sort()
            by_iri[para].marks.append(Mark(b, e, tuple(c for c, _ in claims), "; ".join(w for _, w in claims)))
    for v in views:
        v.segments = segments(v.text, v.marks, focus)
    return views


# The header fields a reader looks for first.
META_ORDER = {k: n for n, k in enumerate(
    ["identifier", "title", "created", "date", "creator", "publisher", "byline", "classification", "origin",
     "subjectLine", "tag", "signerName", "classifiedBy", "classificationReason", "declassifyOn"])}


def document_page(iri: str) -> dict:
    """A document's metadata (as parsed from its header) and its paragraphs with every quote highlighted."""
    meta = facts_about(iri, incoming=False)
    label = next((f.object.value for f in meta if f.predicate.endswith("#label")), iri)
    meta = [f for f in meta if not f.predicate.endswith(("#label", "#type"))]
    meta.sort(key=lambda f: (META_ORDER.get(f.predicate.rsplit("/", 1)[-1].rsplit("#", 1)[-1], 99), f.predicate,
                             f.object.value))
    grouped: dict[str, list] = {}
    for f in meta:
        grouped.setdefault(f.predicate, []).append(f.object)
    return {"label": label, "meta": list(grouped.items()), "names": term_labels(f.object for f in meta),
            "paragraphs": paragraphs(f"?p dcterms:isPartOf {ref(iri)} .")}


@dataclass
class ClaimView:
    """A claim: its provenance and the triples it asserts."""

    source: Source
    statements: list[tuple[Term, str, Term]]

    @property
    def grouped(self) -> list[tuple[Term, list[str], list[tuple[str, Term]]]]:
        """The statements by subject: (subject, its classes, [(predicate, object)]), in the order given."""
        out: dict[str, tuple[Term, list[str], list[tuple[str, Term]]]] = {}
        for s, p, o in self.statements:
            entry = out.setdefault(s.value, (s, [], []))
            if p == RDF_TYPE:
                entry[1].append(o.value)
            else:
                entry[2].append((p, o))
        return [(s, [t] if (t := main_type(types)) else [], pairs) for s, types, pairs in out.values()]


def claim_views(claims: Iterable[str]) -> tuple[list[ClaimView], dict[str, str]]:
    """Claims in text order, with what they say, and names for what they mention (figures as their text)."""
    claims = set(claims)
    known, said = sources(claims), claim_statements(claims)
    views = sorted((ClaimView(known[c], said.get(c, [])) for c in claims if c in known),
                   key=lambda v: (v.source.document, _para_order(v.source.paragraph_label), v.source.begin,
                                  v.source.end, v.source.claim))
    terms = [t for v in views for s, _, o in v.statements for t in (s, o)]
    terms += [pyoxigraph.NamedNode(i) for v in views for i in (v.source.status, v.source.informant) if i]
    figures = figure_texts(o.value for v in views for _, p, o in v.statements if p.endswith("#figure"))
    return views, {**term_labels(terms), **figures}


def paragraph_page(iri: str, focus: tuple[int, int] | None = None, span: str | None = None) -> dict | None:
    """A paragraph (or one evidence span of it): its text with the quotes marked, and the claims from it."""
    found = paragraphs(f"BIND({ref(iri)} AS ?p)", focus)
    if not found:
        return None
    para = found[0]
    neighbours = rows(f"""SELECT ?p ?label ?ord WHERE {{ ?p a dg:Paragraph ; dcterms:isPartOf {ref(para.document)} ;
        dg:ordinal ?ord ; rdfs:label ?label FILTER(?ord = {para.ordinal - 1} || ?ord = {para.ordinal + 1}) }}""")
    mine = {m.anchor: m for m in para.marks}
    claims = [c for m in para.marks for c in m.claims
              if span is None or (focus and m.anchor == f"span-{focus[0]}-{focus[1]}")]
    views, names = claim_views(claims)
    doc_label = term_labels([pyoxigraph.NamedNode(para.document)]).get(para.document, para.document)
    order = {int(r["ord"].value): (r["p"].value, r["label"].value) for r in neighbours}
    return {"para": para, "claims": views, "names": names, "doc_label": doc_label,
            "prev": order.get(para.ordinal - 1), "next": order.get(para.ordinal + 1), "marks": mine,
            "focus": focus, "span": span}


def span_page(iri: str) -> dict | None:
    """An evidence span: its paragraph with this quote focused, and the claims derived from it."""
    found = rows(f"SELECT ?para ?b ?e ?quote WHERE {{ {ref(iri)} nif:referenceContext ?para ; "
                 f"nif:beginIndex ?b ; nif:endIndex ?e ; nif:anchorOf ?quote }}")
    if not found:
        return None
    r = found[0]
    page = paragraph_page(r["para"].value, (int(r["b"].value), int(r["e"].value)), span=iri)
    if page:
        page["quote"] = r["quote"].value
    return page


def claim_page(iri: str) -> dict | None:
    """A claim: what it says, where (its paragraph with the quote focused), and its provenance in full."""
    views, names = claim_views([iri])
    if not views:
        return None
    view = views[0]
    src = view.source
    para = paragraphs(f"BIND({ref(src.paragraph)} AS ?p)", (src.begin, src.end))
    details = [f for f in facts_about(iri, incoming=False)
               if f.predicate.rsplit("#", 1)[-1] in ("identityNote", "mentionedAs", "curatedAt", "certainty")]
    about = rows(f"SELECT ?a WHERE {{ {ref(iri)} dg:about ?a }}")
    about_iri = about[0]["a"].value if about else None
    names.update(term_labels([pyoxigraph.NamedNode(about_iri)] if about_iri else []))
    return {"claim": view, "names": names, "para": para[0] if para else None,
            "details": details, "about": about_iri, "claim_kind": _claim_kind(iri)}


def _claim_kind(iri: str) -> str:
    found = rows(f"SELECT ?t WHERE {{ {ref(iri)} a ?t }}")
    return "identity decision" if any(r["t"].value.endswith("#IdentityDecision") for r in found) else "claim"


def ontology_page() -> dict:
    """The vocabulary's terms with their labels and definitions, grouped by kind."""
    found = rows("""SELECT ?t ?k (SAMPLE(?l) AS ?label) (SAMPLE(?d) AS ?def)
        (GROUP_CONCAT(DISTINCT STR(?sup); separator=" ") AS ?supers) WHERE {
        VALUES ?k { owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty skos:ConceptScheme
                    skos:Concept }
        ?t a ?k FILTER(STRSTARTS(STR(?t), "https://w3id.org/diplograph/"))
        OPTIONAL { ?t rdfs:label|skos:prefLabel ?l } OPTIONAL { ?t skos:definition|rdfs:comment ?d }
        OPTIONAL { ?t rdfs:subClassOf|rdfs:subPropertyOf|skos:inScheme ?sup }
    } GROUP BY ?t ?k ORDER BY ?k ?t""")
    groups: dict[str, list[dict]] = {}
    for r in found:
        kind = r["k"].value.rsplit("#", 1)[-1]
        groups.setdefault(kind, []).append({"iri": r["t"].value, "label": value(r, "label", ""),
                                            "definition": value(r, "def", ""),
                                            "supers": value(r, "supers", "").split()})
    header = facts_about("https://w3id.org/diplograph/ontology", incoming=False)
    return {"groups": groups, "header": header}

