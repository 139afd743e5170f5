"""Competency questions: SPARQL over the built graph, answers checked against what the source texts say.

Each tests/competency/NN-name.rq is run as written against a store built from the repository corpus. Its
rows, reduced to the key columns of expected.yaml, must equal (or include) the rows written there from the
texts; every row must carry a paragraph IRI and a quote that stands verbatim in that paragraph's text.
Questions whose answer the curated data does not (yet) give are strict expected failures, with the reason
recorded in expected.yaml (`data_discrepancy`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph
import pytest

from diplograph.ingest.build import BuildResult, open_store
from diplograph.ingest.store import EmbeddedStore

from .competency.render_docs import DOCS_PAGE, Question, cell, load_expected, load_questions, render

QUESTIONS = load_questions()
EXPECTED = load_expected()
NIF_IS_STRING = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"
EVIDENCE = ("paragraph", "quote")

# A query's projected variables, and its rows as {variable: term or None}.
Answer = tuple[list[str], list[dict[str, Any]]]


def _answer_param(q: Question) -> Any:
    reason = (EXPECTED.get(q.name) or {}).get("data_discrepancy")
    marks = [pytest.mark.xfail(strict=True, reason=" ".join(reason.split()))] if reason else []
    return pytest.param(q, id=q.name, marks=marks)


@pytest.fixture(scope="session")
def store(built_store: BuildResult) -> EmbeddedStore:
    return open_store(built_store.store_dir)


@pytest.fixture(scope="session")
def answers(store: EmbeddedStore) -> Callable[[Question], Answer]:
    """Each question's projected variables and rows (terms), run once per session and only when asked for,
    so that a broken query fails its own tests only."""
    cache: dict[str, Answer] = {}

    def answer(q: Question) -> Answer:
        if q.name not in cache:
            cache[q.name] = run(store, q.sparql)
        return cache[q.name]

    return answer


def run(store: EmbeddedStore, sparql: str) -> Answer:
    solutions = store.query(sparql)
    assert isinstance(solutions, pyoxigraph.QuerySolutions), "a competency question must be a SELECT query"
    variables = [v.value for v in solutions.variables]
    return variables, [{name: solution[name] for name in variables} for solution in solutions]


def text(term: Any) -> str:
    """A result term as the text expected.yaml writes: IRI or literal value, "" when unbound."""
    return "" if term is None else term.value


def compare(rows: list[dict[str, Any]], spec: dict[str, Any]) -> list[str]:
    """What is wrong with an answer, judged against its expected.yaml entry (empty when it is right)."""
    keys = spec["keys"]
    got = {tuple(text(row.get(k)) for k in keys) for row in rows}
    want = {tuple(cell(v) for v in row) for row in spec["rows"]}
    problems = []
    if missing := sorted(want - got):
        problems.append(f"missing rows {keys}: {missing}")
    if spec["match"] == "exact" and (extra := sorted(got - want)):
        problems.append(f"rows the text does not give {keys}: {extra}")
    for excluded in spec.get("excludes", []):
        hits = [row for row in rows if all(text(row.get(k)) == cell(v) for k, v in excluded.items())]
        if hits:
            problems.append(f"{len(hits)} row(s) match the excluded {excluded}")
    return problems


def evidence_problems(store: EmbeddedStore, rows: list[dict[str, Any]]) -> list[str]:
    """Rows whose ?paragraph is not a paragraph IRI or whose ?quote does not stand in that paragraph's text."""
    texts: dict[str, str | None] = {}
    problems = []
    for n, row in enumerate(rows):
        paragraph, quote = row.get("paragraph"), row.get("quote")
        if not isinstance(paragraph, pyoxigraph.NamedNode) or not text(quote):
            problems.append(f"row {n}: paragraph {paragraph!r} / quote {quote!r} missing or not an IRI")
            continue
        iri = paragraph.value
        if iri not in texts:
            found = list(store.query(f"SELECT ?t WHERE {{ <{iri}> <{NIF_IS_STRING}> ?t }}"))
            texts[iri] = found[0]["t"].value if len(found) == 1 else None
        if texts[iri] is None:
            problems.append(f"row {n}: {iri} has no (single) nif:isString")
        elif text(quote) not in texts[iri]:
            problems.append(f"row {n}: quote {text(quote)!r} is not in the text of {iri}")
    return problems


def test_every_question_has_its_expected_answer() -> None:
    assert len(QUESTIONS) >= 28
    names = [q.name for q in QUESTIONS]
    assert sorted(names) == sorted(EXPECTED), "each NN-name.rq needs an entry in expected.yaml and vice versa"
    assert len({q.number for q in QUESTIONS}) == len(QUESTIONS), "question numbers must be unique"
    for name, spec in EXPECTED.items():
        assert spec.get("match") in ("exact", "includes"), name
        assert spec.get("keys") and spec.get("rows"), f"{name}: keys and rows are required"
        unknown = set(spec) - {"match", "keys", "rows", "excludes", "data_discrepancy"}
        assert not unknown, f"{name}: unknown fields {unknown}"
        for row in spec["rows"]:
            assert len(row) == len(spec["keys"]), f"{name}: row {row} does not match keys {spec['keys']}"


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.name for q in QUESTIONS])
def test_question_projects_its_keys_and_evidence(q: Question, answers: Callable[[Question], Answer]) -> None:
    variables, _ = answers(q)
    spec = EXPECTED[q.name]
    needed = [*spec["keys"], *EVIDENCE, *(k for row in spec.get("excludes", []) for k in row)]
    assert not [v for v in needed if v not in variables], f"{q.path.name} selects {variables}"


@pytest.mark.parametrize("q", [_answer_param(q) for q in QUESTIONS])
def test_answer_is_what_the_text_says(q: Question, answers: Callable[[Question], Answer]) -> None:
    _, rows = answers(q)
    assert rows, f"{q.path.name} returned no rows"
    problems = compare(rows, EXPECTED[q.name])
    assert not problems, f"{q.name}: {q.question}\n" + "\n".join(problems)


@pytest.mark.parametrize("q", QUESTIONS, ids=[q.name for q in QUESTIONS])
def test_every_row_has_its_paragraph_and_quote(
    q: Question, answers: Callable[[Question], Answer], store: EmbeddedStore
) -> None:
    _, rows = answers(q)
    if not EXPECTED[q.name].get("data_discrepancy"):
        assert rows, f"{q.path.name} returned no rows"
    problems = evidence_problems(store, rows)
    assert not problems, "\n".join(problems)


def test_the_checks_reject_wrong_answers(answers: Callable[[Question], Answer], store: EmbeddedStore) -> None:
    """The comparison and the evidence check are not tautologies: altered answers fail them."""
    _, rows = answers(next(q for q in QUESTIONS if q.name == "02-fradkov-tokyo-meetings"))
    spec = EXPECTED["02-fradkov-tokyo-meetings"]
    assert compare(rows, spec) == []
    assert compare(rows[1:], spec), "a missing row must be reported"
    assert compare(rows, {**spec, "rows": spec["rows"][1:]}), "an extra row must be reported in exact mode"
    assert not compare(rows, {**spec, "match": "includes", "rows": spec["rows"][1:]})
    assert compare(rows, {**spec, "excludes": [{"counterpart": "Akihito"}]}), "an excluded row must be reported"
    assert evidence_problems(store, rows) == []
    other = next(r for r in rows if r["quote"].value != rows[0]["quote"].value)
    wrong_quote = [{**rows[0], "quote": pyoxigraph.Literal(rows[0]["quote"].value + " and Putin")}]
    assert evidence_problems(store, wrong_quote), "a quote not in its paragraph must be reported"
    elsewhere = [{**other, "paragraph": pyoxigraph.NamedNode(other["paragraph"].value.replace("/p/2", "/p/3"))}]
    assert evidence_problems(store, elsewhere), "a quote checked against the wrong paragraph must be reported"
    assert evidence_problems(store, [{**rows[0], "paragraph": None}]), "a missing paragraph must be reported"


def test_docs_page_is_up_to_date() -> None:
    assert DOCS_PAGE.exists(), "run: python tests/competency/render_docs.py"
    assert DOCS_PAGE.read_text(encoding="utf-8") == render(), (
        "docs/queries.md is out of date: run python tests/competency/render_docs.py"
    )
