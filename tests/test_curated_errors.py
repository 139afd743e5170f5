"""Bad curated input: the exact message users see, and proof that the store is unchanged."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from diplograph.cli import main

from .conftest import CORPUS

BASELINE = """\
document: 06TOKYO3797
source: 002_a446746282a510fe.txt
author: us-embassy-tokyo
entities:
  - {id: us-embassy-tokyo, type: GovernmentOrganization, label: Embassy Tokyo}
  - {id: kazuhiko-nakamura, type: Person, label: Kazuhiko Nakamura}
  - {id: vladivostok, type: City, label: Vladivostok}
  - {id: drill, type: Exercise, label: joint antiterrorism drill}
claims:
  - id: nakamura-role
    para: "2"
    quote: "Principal Deputy Director Kazuhiko Nakamura"
    about: kazuhiko-nakamura
    role: {title: Principal Deputy Director}
  - id: drill
    para: "4"
    quote: "to conduct a joint antiterrorism drill"
    about: drill
    place: vladivostok
    date: {text: "at the beginning of May", when: "2006-05"}
    status: occurred
"""


def tree_digest(folder: Path) -> str:
    """A digest of every file's path and bytes under a folder."""
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(str(path.relative_to(folder)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cable and a small valid curated file, built once into a store."""
    root = tmp_path_factory.mktemp("small")
    (root / "corpus" / "sources").mkdir(parents=True)
    (root / "corpus" / "curated").mkdir()
    shutil.copy(CORPUS / "sources" / "002_a446746282a510fe.txt", root / "corpus" / "sources")
    (root / "corpus" / "curated" / "06TOKYO3797.yaml").write_text(BASELINE)
    assert run_build(root) == 0
    return root


def run_build(root: Path) -> int:
    """`diplograph build` on a corpus folder's corpus/ into its data/."""
    return main(["build", "-q", "--corpus", str(root / "corpus"), "--store", str(root / "data")])


def build_with(root: Path, curated_text: str, capsys) -> tuple[int, str]:
    """Build with the curated file replaced by `curated_text` (then restored): exit code and stderr."""
    curated = root / "corpus" / "curated" / "06TOKYO3797.yaml"
    curated.write_text(curated_text)
    try:
        code = run_build(root)
    finally:
        curated.write_text(BASELINE)
    return code, capsys.readouterr().err


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(line for line in text.splitlines() if needle in line)) + 1


CASES = [
    # (name, old text, new text, line marker in the new text, expected message after "file:line: ")
    ("malformed YAML", "    about: drill\n", "    about: [drill\n", None, "malformed YAML: "),
    ("unknown entity reference", "place: vladivostok", "place: vladivostock", "place: vladivostock",
     "place: unknown entity 'vladivostock' (define it under entities:)"),
    ("bad date", 'when: "2006-05"', 'when: "2006-13"', "when:",
     "date.when: bad date '2006-13': expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ("date bounds out of order", 'when: "2006-05"', 'from: "2006-06", to: "2006-05"', "from:",
     "date: bounds out of order: 2006-06-01 is after 2006-05-31"),
    ("quote not in paragraph", "to conduct a joint antiterrorism drill", "to conduct a joint antiterror drill",
     "antiterror drill",
     "quote: quote 'to conduct a joint antiterror drill' not found in 06TOKYO3797 paragraph 4"),
    ("ambiguous quote", '"Principal Deputy Director Kazuhiko Nakamura"', '"Nakamura"', 'quote: "Nakamura"',
     "quote: quote 'Nakamura' ambiguous: found 3 times in 06TOKYO3797 paragraph 2"),
    ("duplicate entity id", "  - {id: drill, type: Exercise",
     "  - {id: vladivostok, type: City, label: V}\n  - {id: drill, type: Exercise", "label: V}",
     "id: duplicate entity id 'vladivostok' (first defined at {path}:7)"),
    ("duplicate claim id", "  - id: drill\n", "  - id: nakamura-role\n", None,
     "id: duplicate claim id 'nakamura-role' (first at line 10)"),
    ("wrong type", "place: vladivostok", "place: kazuhiko-nakamura", "place: kazuhiko",
     "place: wrong type: 'kazuhiko-nakamura' is a Person, expected one of City, Place, Port, Region, State"),
    ("unknown field", "    status: occurred", "    staus: occurred", "  - id: drill",
     "claims[1]: Additional properties are not allowed ('staus' was unexpected)"),
    ("unknown status", "status: occurred", "status: happened", "status: happened",
     "claims[1].status: 'happened' is not one of ['fact', 'occurred', 'ongoing', 'scheduled', 'planned', "
     "'proposed', 'intended', 'hoped', 'expected', 'speculated', 'under-negotiation', 'stalled', 'signed', "
     "'agreed', 'adopted', 'established', 'not-occurred', 'opinion']"),
    ("unknown paragraph", 'para: "4"', 'para: "44"', 'para: "44"',
     "para: 06TOKYO3797 has no paragraph '44' (paragraphs: 1, 2, 3, 4, 5, 6, 7)"),
]


@pytest.mark.parametrize("name, old, new, marker, message", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_refused_with_file_line_field(small_corpus, capsys, name, old, new, marker, message):
    curated = small_corpus / "corpus" / "curated" / "06TOKYO3797.yaml"
    before = tree_digest(small_corpus / "data")
    bad = BASELINE.replace(old, new, 1)
    assert bad != BASELINE
    code, err = build_with(small_corpus, bad, capsys)
    assert code == 1
    assert "nothing was written" in err
    if marker:
        expected = f"{curated}:{line_of(bad, marker)}: {message.format(path=curated)}"
    else:
        expected = f"{curated}:"
        assert message.format(path=curated) in err
    assert expected in err, err
    assert tree_digest(small_corpus / "data") == before, "a failed build must not touch the store"


def test_shape_violation_refuses_build_and_names_the_line(small_corpus, capsys):
    curated = small_corpus / "corpus" / "curated" / "06TOKYO3797.yaml"
    before = tree_digest(small_corpus / "data")
    bad = BASELINE.replace("type: Exercise", "type: Meeting").replace(
        "    place: vladivostok\n", "    place: vladivostok\n    participants: [kazuhiko-nakamura]\n")
    code, err = build_with(small_corpus, bad, capsys)
    assert code == 1
    assert "the previous store is unchanged" in err
    assert f"{curated}:8: <https://w3id.org/diplograph/event/drill>" in err
    assert "A meeting or summit has two or more participants" in err
    assert tree_digest(small_corpus / "data") == before


def test_validate_command_exit_status(small_corpus, capsys):
    assert main(["validate", "-q", "--corpus", str(small_corpus / "corpus")]) == 0
    assert "0 violations" in capsys.readouterr().out


def test_successful_rebuild_replaces_the_store(small_corpus):
    curated = small_corpus / "corpus" / "curated" / "06TOKYO3797.yaml"
    before = tree_digest(small_corpus / "data")
    curated.write_text(BASELINE.replace("label: Vladivostok", "label: Vladivostok city"))
    try:
        assert run_build(small_corpus) == 0
        assert b"Vladivostok city" in (small_corpus / "data" / "dumps" / "diplograph.nq").read_bytes()
    finally:
        curated.write_text(BASELINE)
    assert tree_digest(small_corpus / "data") != before
    assert not list(small_corpus.glob(".data.*")), "no staging or old folders are left behind"
