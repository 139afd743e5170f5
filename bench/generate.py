"""Synthetic graphs of the project's shape: the built graph replicated with fresh instance IRIs until N quads.

Each copy renames every instance IRI under the base (people, organisations, events, claims, documents,
spans…) with a copy suffix, so copies share the ontology, vocabularies and system graphs but not their
instances: the class mix, graph-per-claim layout, degrees and labels stay those of the real graph.

    python bench/generate.py data/dumps/diplograph.nq 1000000 bench/out/synthetic-1m.nq
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

BASE = "https://w3id.org/diplograph/"
# IRIs shared by every copy: the vocabulary, the status and concept schemes, the system graphs.
SHARED = re.compile(rf"<{re.escape(BASE)}(ontology|status|graph|vocab|scheme|concept|instrument)[#/>]")
INSTANCE = re.compile(rf"<{re.escape(BASE)}([^>#]+)((?:#[^>]*)?)>")


def copy_line(line: str, k: int) -> str:
    """One N-Quads line with every instance IRI renamed for copy k (copy 0 is the original)."""
    if k == 0:
        return line

    def rename(m: re.Match) -> str:
        if SHARED.match(m.group(0)):
            return m.group(0)
        path = m.group(1)
        head, sep, tail = path.partition("/")  # keep the type segment (person/, claim/…) in front
        return f"<{BASE}{head}{sep}s{k}-{tail}{m.group(2)}>" if sep else f"<{BASE}s{k}-{path}{m.group(2)}>"

    # blank nodes are per document in N-Quads; make each copy's distinct
    line = re.sub(r"_:([A-Za-z0-9]+)", lambda m: f"_:s{k}x{m.group(1)}", line)
    return INSTANCE.sub(rename, line)


def generate(source: Path, quads: int, out: Path) -> int:
    """Write copies of `source` to `out` until it holds at least `quads` lines; returns the line count."""
    lines = [line for line in source.read_text().splitlines() if line.strip()]
    written = 0
    with out.open("w") as f:
        k = 0
        while written < quads:
            for line in lines:
                f.write(copy_line(line, k) + "\n")
            written += len(lines)
            k += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source", type=Path, help="the project's N-Quads dump")
    parser.add_argument("quads", type=int, help="how many quads, at least")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    print(f"wrote {generate(args.source, args.quads, args.out)} quad lines to {args.out}")


if __name__ == "__main__":
    main()
