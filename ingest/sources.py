"""Parse source documents (embassy cables, news transcripts) into logical paragraphs.

The parsers are written for the formats, not for particular files: cables come in
several dump layouts (labelled or bare header lines, routing on one line or many,
`1.` or `¶1.` paragraph numbers, page lines with odd spacing, the whole text
repeated), and news transcripts are question/answer interviews.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path


class SourceError(ValueError):
    """A source document that cannot be parsed; the message names file and line."""


@dataclass
class Paragraph:
    """One logical paragraph: its key in the document's own numbering and its text."""

    key: str
    text: str
    ordinal: int
    portion_marking: str | None = None
    heading: str | None = None
    role: str | None = None  # "question" / "answer" for interviews
    first_line: int = 0  # 1-based line of the source file where the paragraph starts


@dataclass
class Document:
    """A parsed source document with its metadata and its paragraphs."""

    id: str
    kind: str  # "cable" or "news"
    path: Path
    metadata: dict[str, object] = field(default_factory=dict)
    paragraphs: list[Paragraph] = field(default_factory=list)

    def paragraph(self, key: str) -> Paragraph | None:
        """The paragraph with this key, or None."""
        return next((p for p in self.paragraphs if p.key == key), None)


def fold(text: str) -> str:
    """Fold every run of whitespace to one space: the normal form quotes match against."""
    return re.sub(r"\s+", " ", text).strip()


# --- cables -----------------------------------------------------------------

CLASSIFICATIONS = ("UNCLASSIFIED", "CONFIDENTIAL", "SECRET", "LIMITED OFFICIAL USE")
# "C O N F I D E N T I A L SECTION 01 OF 04 TOKYO 001267": letters spaced out.
BANNER = re.compile(
    r"(?P<banner>(?:[A-Z] ){4,}[A-Z](?:\s+SECTION\s+\d+\s+OF\s+\d+)?\s+[A-Z][A-Z ]*?\s+\d{3,6})\s*$"
)
ROUTING_START = re.compile(r"^\s*VZCZC")
PAGE_LINE = re.compile(r"^\s*[A-Z][A-Z ]*?\s+0*\d{1,6}\s+0*\d{1,3}\s+OF\s+0*\d{1,3}\s*$")
PARAGRAPH_START = re.compile(
    r"^\s*¶?\s*(?P<num>\d{1,3})\s*\.\s+(?:\((?P<mark>[A-Z]{1,4}(?://?[A-Z]{1,6})*)\)\s*)?(?P<rest>.*)$"
)
HEADING_RULE = re.compile(r"^\s*-{3,}[\s-]*$")
SIGNER = re.compile(r"^\s*(?P<name>[A-Z][A-Z'\-]{2,}(?: [A-Z][A-Z'\-]{2,})?)\s*$")
LABELLED_FIELDS = ("Identifier", "Created", "Classification", "Origin")
CABLE_ID = re.compile(r"^\s*(?P<id>\d{2}[A-Z]{3,}\d{1,6})\s*$")
HEADER_FIELD = re.compile(
    r"^\s*(?P<name>E\.O\. 12958|E\.O\. 13526|TAGS|SUBJECT|SUBJ|REF|REFS|Classified By|CLASSIFIED BY)"
    r"\s*:\s*(?P<value>.*)$"
)
CREATED = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)\s*$")


def looks_like_cable(text: str) -> bool:
    """True when the text carries the marks of a State Department cable."""
    return bool(
        re.search(r"^\s*(?:VZCZC|E\.O\. 1\d{4}|TAGS:)", text, re.M)
        or BANNER.search(text)
    )


def parse_cable(path: Path, text: str) -> Document:
    """Parse an embassy cable in any of the archive's dump layouts."""
    lines = text.splitlines()
    meta: dict[str, object] = {}
    body_start = _parse_cable_header(lines, meta, path)
    paragraphs, signer = _parse_cable_body(lines, body_start, path)
    if signer:
        meta["signer"] = signer
    cable_id = meta.get("identifier")
    if not cable_id:
        raise SourceError(f"{path}: no cable identifier found (expected e.g. 06TOKYO3797)")
    if not paragraphs:
        raise SourceError(f"{path}: no numbered paragraphs found")
    return Document(id=str(cable_id), kind="cable", path=path, metadata=meta, paragraphs=paragraphs)


def _parse_cable_header(lines: list[str], meta: dict[str, object], path: Path) -> int:
    """Read metadata from the lines before the first paragraph; return where the body starts."""
    first_para = next(
        (i for i, line in enumerate(lines) if (m := PARAGRAPH_START.match(line)) and m["num"] == "1"),
        len(lines),
    )
    header = lines[:first_para]
    _read_top_block(header, meta)
    routing = _read_routing(header)
    if routing:
        meta.update(routing)
    i = 0
    while i < len(header):
        m = HEADER_FIELD.match(header[i])
        if not m:
            i += 1
            continue
        value, i = _continued(header, i, m["value"])
        _store_header_field(m["name"], value, meta)
    for line in header:
        if b := BANNER.search(line):
            meta.setdefault("banner", fold(b["banner"]))
            break
    return first_para


def _continued(lines: list[str], i: int, value: str) -> tuple[str, int]:
    """Join a header field with its continuation lines (until a blank line or next field)."""
    parts = [value]
    i += 1
    while i < len(lines) and lines[i].strip() and not HEADER_FIELD.match(lines[i]):
        if BANNER.search(lines[i]) or lines[i].strip() == "SIPDIS":
            break
        parts.append(lines[i])
        i += 1
    return fold(" ".join(parts)), i


def _store_header_field(name: str, value: str, meta: dict[str, object]) -> None:
    name = name.upper()
    if name.startswith("E.O."):
        meta.setdefault("executive_order", name)
        if d := re.search(r"DECL:\s*(\S+)", value):
            meta.setdefault("declassify_on", d[1])
    elif name == "TAGS":
        meta.setdefault("tags", value.split())
    elif name in ("SUBJECT", "SUBJ"):
        meta.setdefault("subject", value)
    elif name in ("REF", "REFS"):
        # "A. STATE 1234 B. TOKYO 567" or a single reference.
        refs = [r.strip() for r in re.split(r"\b[A-Z]\.\s+(?=[A-Z])", value) if r.strip()]
        meta.setdefault("references", refs)
    elif name == "CLASSIFIED BY":
        m = re.match(r"(?P<by>.*?)[.,]?\s*(?:for\s+)?reasons?\s*:?\s*(?P<reason>.*)$", value, re.I)
        meta.setdefault("classified_by", fold(m["by"]) if m else value)
        if m and m["reason"]:
            meta.setdefault("classification_reason", m["reason"].rstrip(". "))


def _read_top_block(header: list[str], meta: dict[str, object]) -> None:
    """Read the archive's header block: labelled (Identifier/Created/...) or bare lines."""
    stripped = [line.strip() for line in header]
    nonblank = [s for s in stripped if s]
    if nonblank[: len(LABELLED_FIELDS)] == list(LABELLED_FIELDS):
        values = nonblank[len(LABELLED_FIELDS) : 2 * len(LABELLED_FIELDS)]
        meta.update(zip(("identifier", "created", "classification", "origin"), values, strict=False))
    else:
        # Bare layout: id, title, date, classification, origin, in the first lines.
        for s in nonblank[:8]:
            if CABLE_ID.match(s):
                meta.setdefault("identifier", s)
            elif CREATED.match(s):
                meta.setdefault("created", s)
            elif s.upper() in CLASSIFICATIONS:
                meta.setdefault("classification", s.upper())
            elif re.match(r"^(Embassy|Consulate|Mission|USUN|Secretary of State)\b", s, re.I):
                meta.setdefault("origin", s)
            elif "identifier" in meta and "title" not in meta and not s.endswith(":"):
                meta.setdefault("title", s)
    if m := CREATED.match(str(meta.get("created", ""))):
        seconds = m[2] if m[2].count(":") == 2 else m[2] + ":00"
        meta["created"] = f"{m[1]}T{seconds}"
    for i, s in enumerate(stripped):
        if s.lower().startswith("cable title:"):
            title = s.split(":", 1)[1].strip() or next((t for t in stripped[i + 1 :] if t), "")
            meta.setdefault("title", title)
            break


def _read_routing(header: list[str]) -> dict[str, object]:
    """Routing indicators, date-time group, sender and addressees, wherever they fall."""
    start = next((i for i, line in enumerate(header) if ROUTING_START.match(line)), None)
    if start is None:
        return {}
    block = []
    for line in header[start:]:
        b = BANNER.search(line)
        if b:
            block.append(line[: b.start()])
            break
        block.append(line)
    routing = fold(" ".join(block))
    out: dict[str, object] = {"routing": routing}
    if m := re.search(r"\b(\d{6}Z [A-Z]{3} \d{2})\b", routing):
        out["date_time_group"] = m[1]
    if m := re.search(r"\bFM (.+?) TO ", routing):
        out["from"] = m[1].strip()
    if m := re.search(r"\bTO (.+?)(?: INFO |$)", routing):
        out["to"] = _addressees(m[1])
    if m := re.search(r"\bINFO (.+)$", routing):
        out["info"] = _addressees(m[1])
    return out


def _addressees(text: str) -> list[str]:
    """Split 'RUEHC/SECSTATE WASHDC IMMEDIATE 4086 RUEHMO/AMEMBASSY MOSCOW 1579' into addressees."""
    found = re.findall(r"[A-Z]{5,8}/(.+?)(?=\s+[A-Z]{5,8}/|$)", text)
    cleaned = [re.sub(r"\s+(?:IMMEDIATE|PRIORITY|ROUTINE|FLASH)?\s*\d*\s*$", "", a).strip() for a in found]
    return [a for a in cleaned if a]


def _parse_cable_body(
    lines: list[str], start: int, path: Path
) -> tuple[list[Paragraph], str | None]:
    """Split the body into numbered paragraphs; drop page lines, repeated copies and headers."""
    paragraphs: list[Paragraph] = []
    current: dict | None = None
    heading: str | None = None
    signer: str | None = None
    seen_texts: dict[str, str] = {}

    def close() -> None:
        nonlocal current
        if current is None:
            return
        text = fold(" ".join(current["lines"]))
        key = current["num"]
        if key in seen_texts:
            if seen_texts[key] != text:
                raise SourceError(
                    f"{path}:{current['line']}: paragraph {key} occurs twice with different text"
                )
        else:
            seen_texts[key] = text
            paragraphs.append(
                Paragraph(
                    key=key,
                    text=text,
                    ordinal=len(paragraphs) + 1,
                    portion_marking=current["mark"],
                    heading=current["heading"],
                    first_line=current["line"],
                )
            )
        current = None

    expected = 1
    i = start
    while i < len(lines):
        line = lines[i]
        m = PARAGRAPH_START.match(line)
        if m and int(m["num"]) in (expected, 1):
            close()
            num = int(m["num"])
            if num == 1:
                heading = None
            current = {"num": str(num), "mark": m["mark"], "heading": heading,
                       "lines": [m["rest"]], "line": i + 1}
            expected = num + 1
        elif PAGE_LINE.match(line) or not line.strip():
            pass
        elif i + 1 < len(lines) and HEADING_RULE.match(lines[i + 1]) and line.strip():
            close()
            heading = fold(line)
            i += 1
        elif HEADING_RULE.match(line):
            pass
        elif current is not None and (s := SIGNER.match(line)) and _ends_body(lines, i):
            close()
            signer = signer or s["name"]
        elif current is not None:
            current["lines"].append(line)
        i += 1
    close()
    return paragraphs, signer


def _ends_body(lines: list[str], i: int) -> bool:
    """A lone upper-case name ends the body when what follows is not more paragraph text."""
    for line in lines[i + 1 :]:
        if not line.strip() or PAGE_LINE.match(line):
            continue
        s = line.strip()
        return s in ("SIPDIS", "Identifier") or bool(
            HEADER_FIELD.match(line) or BANNER.search(line) or PARAGRAPH_START.match(line)
            or ROUTING_START.match(line) or CABLE_ID.match(line)
        )
    return True


# --- news transcripts ---------------------------------------------------------

PUBLISHED = re.compile(r"^\s*Published:\s*(?P<date>.+?)\s*$")
QUESTION = re.compile(r"^\s*(?P<num>\d{1,3})\.\s*Question:\s*(?P<rest>.*)$")
ANSWER = re.compile(r"^\s*Answer:\s*(?P<rest>.*)$")
BYLINE = re.compile(r"^\s*By\s+(?P<by>.+?)\s*$")
FOOTER = re.compile(r"(?:\btel\.:|\bfax:|e-mail:|web-address:)", re.I)
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}


def parse_news(path: Path, text: str) -> Document:
    """Parse a news-wire interview: metadata lines, then numbered questions with answers."""
    lines = text.splitlines()
    meta: dict[str, object] = {}
    first_q = next((i for i, line in enumerate(lines) if QUESTION.match(line)), None)
    if first_q is None:
        raise SourceError(f"{path}: no numbered 'N. Question:' paragraphs found")
    _read_news_header(lines[:first_q], meta)
    paragraphs = _parse_interview(lines, first_q)
    if meta.get("title"):
        # The headline is text of the report (it names the interviewee's title, for one),
        # so it is a paragraph curators can quote, keyed "title".
        headline = Paragraph(key="title", text=fold(str(meta["title"])), ordinal=1, role="headline",
                             first_line=_line_of(lines, str(meta["title"])))
        paragraphs = [headline] + [replace(p, ordinal=p.ordinal + 1) for p in paragraphs]
    doc_id = _news_id(meta, path)
    return Document(id=doc_id, kind="news", path=path, metadata=meta, paragraphs=paragraphs)


def _read_news_header(header: list[str], meta: dict[str, object]) -> None:
    published_at = None
    for i, line in enumerate(header):
        if m := PUBLISHED.match(line):
            meta["published"] = m["date"]
            meta["date"] = _news_date(m["date"])
            published_at = i
        elif m := BYLINE.match(line):
            meta["byline"] = m["by"]
        elif line.strip().endswith(" logo"):
            meta.setdefault("publisher", line.strip()[: -len(" logo")])
    if published_at is not None:
        title = next((s.strip() for s in header[published_at + 1 :] if s.strip()), None)
        if title:
            meta["title"] = title


def _line_of(lines: list[str], text: str) -> int:
    """The 1-based line where a text first stands (0 if nowhere)."""
    return next((i + 1 for i, line in enumerate(lines) if line.strip() == text), 0)


def _news_date(text: str) -> str | None:
    """'October 17th, 2007 12:36 EST' -> '2007-10-17'."""
    m = re.search(r"([A-Za-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", text)
    if not m or m[1].lower() not in MONTHS:
        return None
    return f"{m[3]}-{MONTHS[m[1].lower()]:02d}-{int(m[2]):02d}"


def _news_id(meta: dict[str, object], path: Path) -> str:
    publisher = re.sub(r"[^a-z0-9]+", "", str(meta.get("publisher", "news")).lower()) or "news"
    date = str(meta.get("date") or "").replace("-", "")
    words = re.findall(r"[a-z0-9]+", str(meta.get("title", path.stem)).lower().replace("’", ""))
    return "-".join(filter(None, [publisher, date, "-".join(words[:4])]))


def _parse_interview(lines: list[str], start: int) -> list[Paragraph]:
    """Questions and answers become paragraphs q1.1, q1.2, a1.1, … (blank-line separated)."""
    paragraphs: list[Paragraph] = []
    number, role, count = 0, "question", 0
    for first_line, block in _blocks(lines, start):
        if m := QUESTION.match(block[0]):
            number, role, count = int(m["num"]), "question", 0
            block = [m["rest"], *block[1:]]
        elif m := ANSWER.match(block[0]):
            role, count = "answer", 0
            block = [m["rest"], *block[1:]]
        count += 1
        paragraphs.append(
            Paragraph(key=f"{role[0]}{number}.{count}", text=fold(" ".join(block)),
                      ordinal=len(paragraphs) + 1, heading=f"Question {number}",
                      role=role, first_line=first_line)
        )
    return paragraphs


def _blocks(lines: list[str], start: int) -> list[tuple[int, list[str]]]:
    """Blank-line separated blocks of text (1-based first line), without the footer."""
    blocks: list[tuple[int, list[str]]] = []
    current: list[str] = []
    for i in range(start, len(lines)):
        line = lines[i]
        if FOOTER.search(line) or _is_address(line):
            continue
        if not line.strip():
            current = []
            continue
        if not current:
            blocks.append((i + 1, current))
        current.append(line)
    return blocks


def _is_address(line: str) -> bool:
    """The publisher's postal footer: a street address with a postcode."""
    return bool(re.search(r"\b\d{6}\b.*\b(Moscow|Москва)\b", line))


def parse_source(path: Path) -> Document:
    """Parse one source file, choosing the parser by its format."""
    text = path.read_text(encoding="utf-8")
    if looks_like_cable(text):
        return parse_cable(path, text)
    return parse_news(path, text)
