"""The parsers: each quirk of the archive's layouts, on the seeds and on constructed fixtures."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from diplograph.ingest.sources import SourceError, parse_cable, parse_news, parse_source

from .conftest import CORPUS, REPO

SEEDS = REPO.parent / "shared" / "seeds"
CONSTRUCTED = REPO / "tests" / "fixtures" / "cables" / "constructed_bare_layout.txt"


def doc(name: str):
    return parse_source(CORPUS / "sources" / name)


@pytest.fixture(scope="module")
def cable06():
    return doc("002_a446746282a510fe.txt")


@pytest.fixture(scope="module")
def cable07():
    return doc("003_aff8aff8826996d6.txt")


@pytest.fixture(scope="module")
def lavrov():
    return doc("000_e586d85440be8f6e.txt")


def test_corpus_sources_are_verbatim_copies_of_the_seeds():
    """The sources are the seeds byte for byte: checked against the checksums taken when copied."""
    sums = dict(reversed(line.split("  ")) for line in (CORPUS / "sources" / "SHA256SUMS").read_text().splitlines())
    assert sorted(sums) == sorted(p.name for p in (CORPUS / "sources").glob("*.txt"))
    for name, digest in sums.items():
        assert hashlib.sha256((CORPUS / "sources" / name).read_bytes()).hexdigest() == digest, name
    if SEEDS.exists():
        for seed in SEEDS.glob("*.txt"):
            assert (CORPUS / "sources" / seed.name).read_bytes() == seed.read_bytes()


def test_duplicated_cable_yields_one_set_of_paragraphs(cable06):
    assert [p.key for p in cable06.paragraphs] == [str(i) for i in range(1, 8)]


def test_cable_metadata(cable06, cable07):
    m = cable06.metadata
    assert cable06.id == "06TOKYO3797"
    assert m["created"] == "2006-07-07T04:08:00"
    assert m["classification"] == "CONFIDENTIAL"
    assert m["origin"] == "Embassy Tokyo"
    assert m["tags"] == ["PREL", "PTER", "ENRG", "RS", "JA"]
    assert m["subject"] == "RUSSO-JAPANESE RELATIONS: POST-SUMMIT PROGRESS"
    assert m["references"] == ["TOKYO 06356"]
    assert m["classified_by"] == "Political Minister Counselor W. Michael Meserve"
    assert m["classification_reason"] == "1.4 (b)(d)"
    assert m["signer"] == "SCHIEFFER"
    assert m["date_time_group"] == "070408Z JUL 06"
    assert "AMEMBASSY MOSCOW" in m["info"]
    assert cable07.metadata["title"] == "RUSSIA AND JAPAN SEEK TO ADVANCE ECONOMIC TIES"
    assert cable07.metadata["classified_by"] == "Ambassador J. Thomas Schieffer"
    assert cable07.metadata["classification_reason"] == "1.4 (b,d)"


def test_page_lines_never_reach_paragraph_text(cable07):
    p12, p17 = cable07.paragraph("12"), cable07.paragraph("17")
    assert "investment cooperation between the two countries" in p12.text
    assert "pleased with the way the visit had gone" in p17.text
    for p in cable07.paragraphs:
        assert not re.search(r"TOKYO 0000\d+ 00\d OF", p.text), p.key


def test_routing_and_headers_never_reach_paragraphs(cable06, cable07):
    for d in (cable06, cable07):
        for p in d.paragraphs:
            for junk in ("VZCZC", "SIPDIS", "E.O. 12958", "TAGS:", "C O N F I D E N T I A L", "SCHIEFFER"):
                assert junk not in p.text, (d.id, p.key, junk)


def test_portion_markings_and_headings_are_data_not_text(cable07):
    p2, p13 = cable07.paragraph("2"), cable07.paragraph("13")
    assert p2.portion_marking == "SBU" and not p2.text.startswith("(SBU)")
    assert p13.portion_marking == "C"
    assert p2.heading == "Russian PM,s Visit Includes Top Japanese/Russian Leaders"
    assert cable07.paragraph("18").heading == "Comment"
    assert "------" not in " ".join(p.text for p in cable07.paragraphs)


def test_paragraph_text_is_folded_but_verbatim(cable07):
    assert "Russia,s Prime Minister Mikhail Fradkov,s official visit" in cable07.paragraph("2").text
    assert "through inter-government meetings." in cable07.paragraph("9").text


def test_news_interview_questions_and_answers(lavrov):
    keys = [p.key for p in lavrov.paragraphs]
    assert keys[:4] == ["title", "q1.1", "q1.2", "a1.1"]
    assert lavrov.paragraph("title").text == lavrov.metadata["title"]
    assert [p.ordinal for p in lavrov.paragraphs] == list(range(1, len(keys) + 1))
    assert "q4.1" in keys and keys[-1] == "a4.4"
    assert lavrov.metadata["date"] == "2007-10-17"
    assert lavrov.metadata["publisher"] == "theSOP"
    assert lavrov.metadata["title"].startswith("Foreign Minister Sergey Lavrov’s Responses")
    assert lavrov.paragraph("q1.1").role == "question" and lavrov.paragraph("a1.1").role == "answer"
    assert not any("Smolenskaya" in p.text or "e-mail" in p.text for p in lavrov.paragraphs)
    assert not lavrov.paragraph("q1.1").text.startswith("Question")


def test_constructed_bare_layout():
    d = parse_source(CONSTRUCTED)
    assert d.kind == "cable" and d.id == "08MOSCOW1234"
    assert d.metadata["created"] == "2008-03-04T12:30:00"
    assert d.metadata["classification"] == "UNCLASSIFIED"
    assert d.metadata["references"] == ["MOSCOW 0001", "TOKYO 0002"]
    assert d.metadata["info"] == ["AMEMBASSY TOKYO"], "routing run into the banner is cut at the banner"
    assert d.metadata["signer"] == "BURNS"
    assert [p.key for p in d.paragraphs] == ["1", "2", "3"]
    assert d.paragraph("2").text == "The second paragraph runs across a page line and continues after it."
    assert d.paragraph("2").heading == "First Heading"
    assert d.paragraph("3").text == "A third paragraph mentions 2.5 percent and ends here."


def _variant(transform) -> str:
    return transform(CONSTRUCTED.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "name, transform",
    [
        ("plain paragraph numbers", lambda t: t.replace("¶", "")),
        ("routing on one line", lambda t: re.sub(r"\n(?=PP |DE |ZNR |P 04|FM |TO |INFO )", " ", t)),
        ("text repeated twice", lambda t: t + "\n" + t.split("\n", 5)[5]),
        ("odd page line spacing", lambda t: t.replace("   MOSCOW    00001234   002   OF   002  ",
                                                      "MOSCOW 00001234  002 OF 002")),
        ("windows line endings", lambda t: t.replace("\n", "\r\n")),
    ],
)
def test_layout_variants_parse_alike(name, transform, tmp_path: Path):
    path = tmp_path / "variant.txt"
    path.write_text(_variant(transform), encoding="utf-8")
    d = parse_source(path)
    expected = parse_source(CONSTRUCTED)
    assert [(p.key, p.text, p.portion_marking) for p in d.paragraphs] == [
        (p.key, p.text, p.portion_marking) for p in expected.paragraphs
    ], name


def test_repeated_copy_with_different_text_is_an_error(tmp_path: Path):
    text = CONSTRUCTED.read_text(encoding="utf-8")
    tampered = text + "\n" + text.split("\n", 5)[5].replace("third paragraph", "3rd paragraph")
    with pytest.raises(SourceError, match=r"paragraph 3 occurs twice with different text"):
        parse_cable(tmp_path / "x.txt", tampered)


def test_news_without_questions_is_an_error(tmp_path: Path):
    with pytest.raises(SourceError, match="no numbered 'N. Question:' paragraphs"):
        parse_news(tmp_path / "n.txt", "Published:October 1st, 2007\nTitle\n\nJust prose.\n")
