"""Lexical facts about SPARQL text, found without a full parse: keywords, dataset clauses, SERVICE IRIs.

pyoxigraph cannot parse without executing, and rdflib's parser costs milliseconds per query, so the
hot path uses a tokenizer that skips strings, IRIs and comments; rdflib is consulted only when a
`SERVICE` keyword is present.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00B7-\uFFFF]+)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w.\-\u00B7-\uFFFF]*)?:[\w.\-:%\\\u00B7-\uFFFF]*)
  | (?P<word>[A-Za-z_][\w\-]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class Token:
    """One significant token: its kind, text, offset, and brace depth."""

    kind: str
    text: str
    start: int
    depth: int

    def is_keyword(self, *words: str) -> bool:
        """Whether this is a bare word equal (case-insensitively) to one of `words`."""
        return self.kind == "word" and self.text.upper() in words


def tokens(text: str) -> Iterator[Token]:
    """The significant tokens of a SPARQL query or update (no whitespace, no comments)."""
    depth = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind in ("ws", "comment"):
            continue
        if kind == "close":
            depth -= 1
        yield Token(kind, m.group(), m.start(), depth)
        if kind == "open":
            depth += 1


def has_keyword(text: str, *words: str) -> bool:
    """Whether one of these keywords occurs as a keyword (not inside a string, IRI, name or comment)."""
    # Tokenising costs about half a millisecond; most texts do not contain the word at all.
    if not re.search(r"\b(?:" + "|".join(words) + r")\b", text, re.IGNORECASE):
        return False
    return any(t.is_keyword(*words) for t in tokens(text))


def has_dataset_clause(query: str) -> bool:
    """Whether a query names its own dataset with FROM / FROM NAMED."""
    return has_keyword(query, "FROM")


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword; None if there is none."""
    for t in tokens(query):
        if t.is_keyword("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            return t.text.upper()
    return None


class DatasetConflict(ValueError):
    """using-graph-uri/using-named-graph-uri given for an update that has its own USING or WITH."""


def apply_using(update: str, using: list[str], using_named: list[str]) -> str:
    """Add the protocol's USING / USING NAMED to every operation with a WHERE clause (SPARQL 1.1 Protocol §2.2.3).

    pyoxigraph has no option for the protocol dataset of an update, so it is written into the text:
    `USING` goes before each top-level `WHERE`; `DELETE WHERE { P }`, which cannot carry USING,
    becomes its long form `DELETE { P } USING … WHERE { P }`.
    """
    if not using and not using_named:
        return update
    toks = list(tokens(update))
    if any(t.depth == 0 and t.is_keyword("USING", "WITH") for t in toks):
        raise DatasetConflict("the update has its own USING or WITH clause, and the request gives "
                              "using-graph-uri/using-named-graph-uri: give the dataset one way only")
    clause = " ".join([f"USING <{g}>" for g in using] + [f"USING NAMED <{g}>" for g in using_named])
    out, last = [], 0
    for i, t in enumerate(toks):
        if t.depth != 0 or not t.is_keyword("WHERE"):
            continue
        if i > 0 and toks[i - 1].is_keyword("DELETE"):
            end = _block_end(toks, i + 1)
            block = update[toks[i + 1].start:end]
            out.append(update[last:t.start] + f"{block} {clause} WHERE {block}")
            last = end
        else:
            out.append(update[last:t.start] + clause + " ")
            last = t.start
    out.append(update[last:])
    return "".join(out)


def _block_end(toks: list[Token], i: int) -> int:
    """The offset just after the `{ … }` block whose opening brace is toks[i]."""
    depth = toks[i].depth
    for t in toks[i + 1:]:
        if t.kind == "close" and t.depth == depth:
            return t.start + 1
    raise SyntaxError("unbalanced braces in the update")


def service_iris(text: str, update: bool = False) -> list[str] | None:
    """The endpoint IRIs of every SERVICE in a query or update: [] if none, None if one is a variable.

    Raises SyntaxError when rdflib cannot parse text that does contain the SERVICE keyword.
    """
    if not has_keyword(text, "SERVICE"):
        return []
    from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
    from rdflib.term import URIRef

    try:  # the algebra, unlike the parse tree, has prefixed names resolved to IRIs
        tree = translateUpdate(parseUpdate(text)).algebra if update else translateQuery(parseQuery(text)).algebra
    except Exception as exc:  # pyparsing and the translator raise many types; any failure means "cannot check"
        raise SyntaxError(f"cannot check the SERVICE clauses of this request: {exc}") from None
    found: list[str] = []
    variable = False
    stack: list[object] = [tree]
    while stack:
        node = stack.pop()
        if getattr(node, "name", None) == "ServiceGraphPattern":
            term = node.get("term")
            if isinstance(term, URIRef):
                found.append(str(term))
            else:
                variable = True
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set):
            stack.extend(node)
    return None if variable else found
