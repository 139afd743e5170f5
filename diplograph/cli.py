"""The `diplograph` command line: build, validate, export, query, serve, link."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path

import pyoxigraph

from diplograph.ingest.build import (
    DEFAULT_STORE,
    DUMP_NAME,
    BuildFailed,
    Progress,
    build,
    compile_graph,
    open_store,
)
from diplograph.ingest.build import serialize as serialize_built
from diplograph.ingest.corpus import Corpus
from diplograph.ingest.coverage import coverage
from diplograph.ingest.coverage import render as render_coverage
from diplograph.ingest.curated import CurationErrors
from diplograph.ingest.formats import DUMP_FORMATS, FORMATS, by_name
from diplograph.ingest.rdf import DEFAULT_BASE
from diplograph.ingest.sources import SourceError
from diplograph.ingest.store import RemoteStore, RemoteStoreError
from diplograph.ingest.validate import validate_built
from diplograph.link import add_link_arguments, cmd_link
from diplograph.server.sparqltext import has_dataset_clause


def _base(args: argparse.Namespace) -> str:
    return args.base or os.environ.get("DIPLOGRAPH_BASE") or DEFAULT_BASE


def _store_dir(args: argparse.Namespace) -> Path:
    return Path(args.store or os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE)


def cmd_build(args: argparse.Namespace) -> int:
    """Parse, curate, validate and load the store; atomic: a failed build changes nothing."""
    store_dir = _store_dir(args)
    print(f"Building the graph into {store_dir}/", file=sys.stderr)
    remote = RemoteStore(args.store_url, args.store_update_url) if args.store_url else None
    result = build(Corpus(Path(args.corpus)), store_dir, _base(args), Progress(quiet=args.quiet), remote)
    print(f"Built {result.quads} quads from {result.claims} claims; the graph conforms.")
    for name, path in result.dumps.items():
        print(f"  {name:7} {path}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate the curated corpus against the SHACL shapes; exit 0 only if it conforms."""
    built = compile_graph(Corpus(Path(args.corpus)), _base(args), Progress(quiet=args.quiet))
    report = validate_built(built)
    print(report.text())
    return 0 if report.conforms else 1


def cmd_export(args: argparse.Namespace) -> int:
    """Write the graph as built (the store's dump; compiled from the corpus if nothing is built)."""
    dump = _store_dir(args) / "dumps" / f"{DUMP_NAME}.{by_name(args.format).extension}"
    if dump.exists() and not args.from_corpus:
        data = dump.read_bytes()
    else:
        if not args.from_corpus:
            print("no build found: compiling the graph from the corpus", file=sys.stderr)
        data = serialize_built(compile_graph(Corpus(Path(args.corpus)), _base(args)), args.format)
    if args.output in (None, "-"):
        sys.stdout.buffer.write(data)
    else:
        Path(args.output).write_bytes(data)
        print(f"wrote {len(data)} bytes to {args.output}", file=sys.stderr)
    return 0


QUERY_FORMATS = {
    "json": pyoxigraph.QueryResultsFormat.JSON,
    "xml": pyoxigraph.QueryResultsFormat.XML,
    "csv": pyoxigraph.QueryResultsFormat.CSV,
    "tsv": pyoxigraph.QueryResultsFormat.TSV,
}


def cmd_query(args: argparse.Namespace) -> int:
    """Run a SPARQL query against the built store (the union of all graphs)."""
    text = Path(args.file).read_text() if args.file else args.sparql
    if not text:
        print("give a query, or --file FILE", file=sys.stderr)
        return 2
    # The union default graph would override FROM in pyoxigraph: a query naming its dataset gets its own.
    result = open_store(_store_dir(args)).query(text, union_default=not has_dataset_clause(text))
    out = sys.stdout
    if isinstance(result, pyoxigraph.QueryBoolean):
        out.write(("true" if bool(result) else "false") + "\n")
    elif isinstance(result, pyoxigraph.QuerySolutions):
        if args.format == "table":
            out.write(render_table(result))
        else:
            out.write(result.serialize(format=QUERY_FORMATS[args.format]).decode())
    else:
        out.write(result.serialize(format=pyoxigraph.RdfFormat.TURTLE).decode())
    return 0


def render_table(solutions: pyoxigraph.QuerySolutions) -> str:
    """SELECT results as an aligned plain-text table."""
    names = [v.value for v in solutions.variables]
    rows = [[_cell(row[n]) for n in names] for row in solutions]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    line = lambda cells: " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(names), "-+-".join("-" * w for w in widths)] + [line(r) for r in rows]
    return "\n".join(out) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def _cell(term: object) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the SPARQL endpoint and linked-data pages (builds the store first if there is none)."""
    from diplograph.server.cli import serve

    return serve(args)


def cmd_coverage(args: argparse.Namespace) -> int:
    """Report what each paragraph yields (claims, entities, quotes) and which yield nothing, and why."""
    built = compile_graph(Corpus(Path(args.corpus)))
    rows = coverage(built)
    if args.format == "json":
        print(json.dumps([asdict(r) for r in rows], indent=1))
    else:
        print(render_coverage(rows, built), end="")
    unexplained = [r for r in rows if r.empty and not r.note]
    return 1 if args.strict and unexplained else 0


def cmd_paragraphs(args: argparse.Namespace) -> int:
    """Print a document's paragraphs as the build sees them (keys and folded text)."""
    docs = Corpus(Path(args.corpus)).documents()
    wanted = [d for d in docs.values() if args.document in (None, d.id, d.path.name)]
    if not wanted:
        print(f"no document {args.document!r}; known: {', '.join(docs)}", file=sys.stderr)
        return 2
    for doc in wanted:
        print(f"# {doc.id} ({doc.kind}, {doc.path.name})")
        for p in doc.paragraphs:
            marks = [f"({p.portion_marking})" if p.portion_marking else "",
                     f"[{p.heading}]" if p.heading else ""]
            print(f"\n[{p.key}] {' '.join(m for m in marks if m)}\n{p.text}")
    return 0


def _add_common(p: argparse.ArgumentParser, store: bool = False, base: bool = False) -> None:
    p.add_argument("--corpus", default="corpus", help="corpus directory (default: ./corpus)")
    if store:
        p.add_argument("--store", help=f"build directory: store, dumps, build.json "
                       f"(default: $DIPLOGRAPH_STORE or ./{DEFAULT_STORE})")
    if base:
        p.add_argument("--base", help=f"base IRI for minted IRIs (default: $DIPLOGRAPH_BASE or {DEFAULT_BASE})")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand (also used to test the README against --help)."""
    parser = argparse.ArgumentParser(prog="diplograph", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func, **kw: bool) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=func.__doc__, description=func.__doc__)
        _add_common(p, **kw)
        p.set_defaults(func=func)
        return p

    p = command("build", cmd_build, store=True, base=True)
    p.add_argument("--store-url", help="also publish to a remote SPARQL 1.1 store at this query endpoint URL")
    p.add_argument("--store-update-url", help="the remote store's update endpoint (default: --store-url)")
    command("validate", cmd_validate, base=True)
    p = command("export", cmd_export, store=True, base=True)
    p.add_argument("--from-corpus", action="store_true", help="compile from the corpus, ignoring the build")
    p.add_argument("--format", choices=DUMP_FORMATS, default="turtle",
                   help="RDF format (default: turtle)")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p = command("query", cmd_query, store=True)
    p.add_argument("sparql", nargs="?", help="the SPARQL query")
    p.add_argument("--file", help="read the query from this file")
    p.add_argument("--format", choices=[*QUERY_FORMATS, "table"], default="table",
                   help="SELECT result format (default: table); CONSTRUCT gives Turtle")
    p = sub.add_parser("serve", help=cmd_serve.__doc__, description=cmd_serve.__doc__)
    from diplograph.server.cli import add_serve_arguments

    add_serve_arguments(p)
    p.set_defaults(func=cmd_serve)
    p = command("coverage", cmd_coverage)
    p.add_argument("--format", choices=["markdown", "json"], default="markdown", help="report format")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 if a paragraph yields no claim and has no recorded reason")
    p = command("paragraphs", cmd_paragraphs)
    p.add_argument("document", nargs="?", help="document id or source file name (default: all)")
    add_link_arguments(command("link", cmd_link))
    assert set(FORMATS) >= set(DUMP_FORMATS)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `diplograph` command: bad input exits 1 with a message, not a traceback."""
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except BuildFailed as exc:
        print(f"Build refused; the previous store is unchanged.\n{exc}", file=sys.stderr)
        return 1
    except (CurationErrors, SourceError) as exc:
        print(f"error: bad input; nothing was written.\n{exc}", file=sys.stderr)
        return 1
    except RemoteStoreError as exc:
        print(f"error: the remote store failed: {exc}", file=sys.stderr)
        return 1
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
