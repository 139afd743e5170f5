"""SERVICE clauses in query text: where each one stands, what it asks, and its answer written back as VALUES.

The endpoint evaluates SERVICE itself (see federation.py): each outermost `SERVICE <iri> { P }` is sent as
`SELECT * WHERE { P }` with the query's prologue, and its text is replaced by the answer as inline data.
SPARQL evaluates a SERVICE pattern on its own and joins the result in, so the replacement answers the
same as the original would.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import pyoxigraph

from .sparqltext import Token, tokens

VARIABLE_NAME = re.compile(r"^[A-Za-z0-9_\u00B7-\uFFFF]+$")


@dataclass(frozen=True)
class ServiceClause:
    """One outermost SERVICE clause: its span in the text, endpoint IRI, SILENT flag and `{ … }` pattern."""

    start: int
    end: int
    endpoint: str
    silent: bool
    pattern: str


class ClauseError(SyntaxError):
    """The SERVICE clause cannot be read (or names its endpoint with a variable)."""


def prologue(text: str) -> tuple[str, str | None, dict[str, str]]:
    """The BASE/PREFIX declarations at the head of the text, with the last BASE and the prefix map."""
    toks = list(tokens(text))
    base, prefixes, i = None, {}, 0
    while i < len(toks):
        if toks[i].is_keyword("BASE") and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            base = urljoin(base or "", toks[i + 1].text[1:-1])
            i += 2
        elif toks[i].is_keyword("PREFIX") and i + 2 < len(toks) and toks[i + 1].kind == "pname":
            prefixes[toks[i + 1].text[:-1]] = urljoin(base or "", toks[i + 2].text[1:-1])
            i += 3
        else:
            break
    end = toks[i].start if i < len(toks) else len(text)
    return text[:end], base, prefixes


def service_clauses(text: str, base_iri: str | None = None) -> list[ServiceClause]:
    """Every outermost SERVICE clause (one nested in another travels inside its pattern)."""
    head, base, prefixes = prologue(text)
    base = urljoin(base_iri or "", base) if base else base_iri
    toks = list(tokens(text))
    found: list[ServiceClause] = []
    i = 0
    while i < len(toks):
        if not toks[i].is_keyword("SERVICE") or toks[i].start < len(head):
            i += 1
            continue
        start = toks[i].start
        i += 1
        silent = i < len(toks) and toks[i].is_keyword("SILENT")
        i += silent
        if i + 1 >= len(toks) or toks[i + 1].kind != "open":
            raise ClauseError("a SERVICE clause must be `SERVICE [SILENT] <endpoint> { … }`")
        endpoint = _endpoint(toks[i], base, prefixes)
        close = _matching_close(toks, i + 1)
        end = toks[close].start + 1
        found.append(ServiceClause(start, end, endpoint, silent, text[toks[i + 1].start:end]))
        while i < len(toks) and toks[i].start < end:
            i += 1
    return found


def _endpoint(tok: Token, base: str | None, prefixes: dict[str, str]) -> str:
    if tok.kind == "iri":
        return urljoin(base or "", tok.text[1:-1])
    if tok.kind == "pname":
        prefix, _, local = tok.text.partition(":")
        if prefix not in prefixes:
            raise ClauseError(f"SERVICE {tok.text}: the prefix {prefix}: is not declared")
        return prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)  # local names may escape characters
    raise ClauseError("SERVICE with a variable endpoint is not allowed here")


def _matching_close(toks: list[Token], i: int) -> int:
    depth = toks[i].depth
    for j in range(i + 1, len(toks)):
        if toks[j].kind == "close" and toks[j].depth == depth:
            return j
    raise ClauseError("unbalanced braces in a SERVICE clause")


def remote_query(head: str, pattern: str, base_iri: str | None) -> str:
    """The query a SERVICE clause sends: our prologue (and base), then `SELECT * WHERE` its pattern."""
    base = f"BASE <{base_iri}>\n" if base_iri else ""
    return f"{base}{head.strip()}\nSELECT * WHERE {pattern}"


def values_block(variables: list[str], rows: list[list[object | None]]) -> str:
    """Solutions as a group pattern of inline data, equal to them under join.

    VALUES cannot hold blank nodes, so a column with a blank node is carried as its label and turned back
    into a blank node with BNODE(label), which gives the same node for the same label within a row.
    """
    for name in variables:
        if not VARIABLE_NAME.match(name):
            raise ClauseError(f"the service answered with an unusable variable name {name!r}")
    blank = {i for row in rows for i, t in enumerate(row) if isinstance(t, pyoxigraph.BlankNode)}
    columns: list[str] = []
    for i, name in enumerate(variables):
        columns += [f"?{name}"] if i not in blank else [f"?_svc_b_{name}", f"?_svc_t_{name}"]
    lines = []
    for row in rows:
        cells: list[str] = []
        for i, term in enumerate(row):
            if i in blank:
                cells += ([f'"{term.value}"', "UNDEF"] if isinstance(term, pyoxigraph.BlankNode)
                          else ["UNDEF", _term(term)])
            else:
                cells.append(_term(term))
        lines.append("(" + " ".join(cells) + ")")
    values = f"VALUES ({' '.join(columns)}) {{\n" + "\n".join(lines) + "\n}"
    if not blank:
        return "{ " + values + " }"
    binds = " ".join(f"BIND(IF(BOUND(?_svc_b_{variables[i]}), BNODE(?_svc_b_{variables[i]}), "
                     f"?_svc_t_{variables[i]}) AS ?{variables[i]})" for i in sorted(blank))
    return f"{{ SELECT {' '.join('?' + v for v in variables)} WHERE {{ {values} {binds} }} }}"


def _term(term: object | None) -> str:
    if term is None:
        return "UNDEF"
    if isinstance(term, pyoxigraph.NamedNode | pyoxigraph.Literal):
        return str(term)  # N-Triples syntax, which SPARQL reads as the same term
    raise ClauseError(f"the service answered with a term this endpoint cannot carry over: {term}")


def substitute(text: str, replacements: list[tuple[ServiceClause, str]]) -> str:
    """The text with each clause's span replaced."""
    out, last = [], 0
    for clause, replacement in sorted(replacements, key=lambda r: r[0].start):
        out += [text[last:clause.start], replacement]
        last = clause.end
    out.append(text[last:])
    return "".join(out)
