"""Benchmark: diplograph serve against the Oxigraph server, same data, same queries, same row counts.

    python bench/run.py --nquads data/dumps/diplograph.nq --scales project,100k,1m --out bench/results.json

For each scale it loads the data into two stores, starts both servers, checks every query gives the
same number of rows on both, then measures latency (one client, median and p99) and throughput (1, 8
and 32 concurrent clients, mixed queries). Our server's Server-Timing header splits its time into the
worker (evaluation + serialisation) and the app (HTTP, protocol, IPC).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.generate import generate  # noqa: E402

BIN = Path(sys.executable).parent
PREFIXES = """PREFIX dg: <https://w3id.org/diplograph/ontology#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
R = "https://w3id.org/diplograph/"
QUERIES = {
    "describe_actor": f"DESCRIBE <{R}person/vladimir-putin>",
    "actor_meetings": f"""SELECT ?m ?label ?begin WHERE {{ ?m a dg:Meeting ; sem:hasActor <{R}person/vladimir-putin> ;
        skos:prefLabel ?label . OPTIONAL {{ ?m sem:hasEarliestBeginTimeStamp ?begin }} }} ORDER BY ?begin ?m""",
    "agreement_provenance": f"""SELECT ?claim ?quote ?para ?who ?certainty WHERE {{
        ?claim dg:about <{R}agreement/japan-russia-mlat> ; prov:wasDerivedFrom ?span ;
               prov:wasAttributedTo ?who ; dg:certainty ?certainty .
        ?span nif:anchorOf ?quote ; nif:referenceContext ?para }}""",
    "meetings_per_year_country": """SELECT ?year ?country (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m a dg:Meeting ; sem:hasEarliestBeginTimeStamp ?b ; sem:hasActor ?country . ?country a dg:State .
        BIND(YEAR(?b) AS ?year) } GROUP BY ?year ?country ORDER BY ?year ?country""",
    "label_search": """SELECT DISTINCT ?s ?label WHERE { ?s rdfs:label ?label .
        FILTER(CONTAINS(LCASE(STR(?label)), "putin")) }""",
    "orgs_via_meetings": """SELECT ?org1 ?org2 (COUNT(DISTINCT ?m) AS ?n) WHERE {
        ?m a dg:Meeting ; sem:hasActor ?p1, ?p2 .
        ?ms1 org:member ?p1 ; org:organization ?org1 . ?ms2 org:member ?p2 ; org:organization ?org2 .
        FILTER(STR(?org1) < STR(?org2)) } GROUP BY ?org1 ?org2 ORDER BY DESC(?n) ?org1 ?org2""",
}
SCALES = {"project": 0, "100k": 100_000, "1m": 1_000_000}


class Target:
    """One server under test: how to send it a query."""

    def __init__(self, name: str, port: int, path: str):
        self.name, self.port, self.path = name, port, path
        self.local = threading.local()

    def get(self, query: str) -> tuple[int, bytes, dict[str, str]]:
        try:
            return self._get(query)
        except (OSError, http.client.HTTPException):  # a kept-alive connection the server has closed
            self.local.conn = None
            return self._get(query)

    def _get(self, query: str) -> tuple[int, bytes, dict[str, str]]:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        accept = "application/n-triples" if query.startswith("DESCRIBE") else "application/sparql-results+json"
        conn.request("GET", f"{self.path}?{urllib.parse.urlencode({'query': PREFIXES + query})}",
                     headers={"Accept": accept})
        r = conn.getresponse()
        body = r.read()
        return r.status, body, {k.lower(): v for k, v in r.getheaders()}


def rows(query: str, body: bytes) -> int:
    if query.startswith("DESCRIBE"):
        return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(b"#"))
    return len(json.loads(body)["results"]["bindings"])


def wait_for(target: Target, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if target.get("ASK {}")[0] == 200:
                return
        except OSError:
            target.local.conn = None
        time.sleep(0.3)
    raise RuntimeError(f"{target.name} did not start")


def latency(target: Target, query: str, reps: int) -> dict:
    times, worker, app = [], [], []
    for _ in range(reps):
        start = time.perf_counter()
        status, _, headers = target.get(query)
        times.append(time.perf_counter() - start)
        assert status == 200
        if "server-timing" in headers:
            parts = dict(p.strip().split(";dur=") for p in headers["server-timing"].split(","))
            worker.append(float(parts["worker"]))
            app.append(float(parts["app"]))
    times.sort()
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    out = {"median_ms": statistics.median(times) * 1000, "p99_ms": p99 * 1000}
    if worker:
        out["worker_ms"] = statistics.median(worker)
        out["app_ms"] = statistics.median(app)
    return out


def throughput(target: Target, clients: int, seconds: float) -> float:
    queries = list(QUERIES.values())
    done = [0] * clients
    stop = time.monotonic() + seconds

    def loop(i: int) -> None:
        target.local.conn = None
        n = i
        while time.monotonic() < stop:
            assert target.get(queries[n % len(queries)])[0] == 200
            n += 1
            done[i] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - start)


def prepare(scale: str, source: Path, work: Path) -> Path:
    folder = work / scale
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    data = folder / "data.nq"
    if SCALES[scale]:
        generate(source, SCALES[scale], data)
    else:
        shutil.copy(source, data)
    subprocess.run([BIN / "oxigraph", "load", "--location", folder / "oxigraph-server", "--file", data],
                   check=True, capture_output=True)
    from diplograph.ingest.store import EmbeddedStore

    (folder / "ours").mkdir()
    EmbeddedStore.create(folder / "ours" / "oxigraph", data).close()
    return folder


def bench_scale(scale: str, folder: Path, reps: int, seconds: float, clients: list[int]) -> dict:
    ours_port, oxi_port = 18000 + len(scale), 19000 + len(scale)
    procs = [
        subprocess.Popen([BIN / "diplograph", "serve", "--store", folder / "ours", "--port", str(ours_port),
                          "--row-cap", "10000000", "--timeout", "300"], stderr=subprocess.DEVNULL),
        subprocess.Popen([BIN / "oxigraph", "serve-read-only", "--location", folder / "oxigraph-server",
                          "--bind", f"127.0.0.1:{oxi_port}", "--union-default-graph"], stderr=subprocess.DEVNULL),
    ]
    targets = [Target("diplograph", ours_port, "/sparql"), Target("oxigraph", oxi_port, "/query")]
    try:
        for t in targets:
            wait_for(t)
        body = targets[1].get("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[1]
        result: dict = {"quads": int(json.loads(body)["results"]["bindings"][0]["n"]["value"]),
                        "queries": {}, "throughput": {}}
        for name, query in QUERIES.items():
            counts = {t.name: rows(query, t.get(query)[1]) for t in targets}
            assert len(set(counts.values())) == 1, f"{scale} {name}: row counts differ {counts}"
            result["queries"][name] = {"rows": counts["oxigraph"]}
            for t in targets:
                t.get(query)  # warm
                result["queries"][name][t.name] = latency(t, query, reps)
        for c in clients:
            result["throughput"][c] = {t.name: throughput(t, c, seconds) for t in targets}
        return result
    finally:
        for p in procs:
            p.terminate()
            p.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nquads", type=Path, default=Path("data/dumps/diplograph.nq"))
    parser.add_argument("--scales", default="project,100k,1m")
    parser.add_argument("--work", type=Path, default=Path("bench/work"))
    parser.add_argument("--reps", type=int, default=60, help="sequential runs per query for latency")
    parser.add_argument("--seconds", type=float, default=8, help="duration of each throughput run")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--out", type=Path, default=Path("bench/results.json"))
    args = parser.parse_args()
    results = {"cpus": os.cpu_count()}
    for scale in args.scales.split(","):
        folder = prepare(scale, args.nquads, args.work)
        results[scale] = bench_scale(scale, folder, args.reps, args.seconds, [int(c) for c in args.clients.split(",")])
        print(json.dumps({scale: results[scale]}, indent=1), flush=True)
        args.out.write_text(json.dumps(results, indent=1) + "\n")  # after each scale: keep what is done
    print(report(results))


def report(results: dict) -> str:
    """Markdown tables of the results, with our/Oxigraph ratios."""
    out = []
    for scale, r in results.items():
        if not isinstance(r, dict) or "queries" not in r:
            continue
        out.append(f"\n### {scale} ({r['quads']} quads)\n")
        out.append("| query | rows | ours median ms | Oxigraph median ms | ratio | ours p99 | Oxigraph p99 | "
                   "worker ms | app ms |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for name, q in r["queries"].items():
            a, b = q["diplograph"], q["oxigraph"]
            out.append(f"| {name} | {q['rows']} | {a['median_ms']:.2f} | {b['median_ms']:.2f} | "
                       f"{a['median_ms'] / b['median_ms']:.2f}x | {a['p99_ms']:.2f} | {b['p99_ms']:.2f} | "
                       f"{a.get('worker_ms', 0):.2f} | {a.get('app_ms', 0):.2f} |")
        out.append("\n| clients | ours req/s | Oxigraph req/s | ours / Oxigraph |")
        out.append("|---|---|---|---|")
        for c, t in r["throughput"].items():
            out.append(f"| {c} | {t['diplograph']:.1f} | {t['oxigraph']:.1f} | {t['diplograph'] / t['oxigraph']:.0%} |")
    return "\n".join(out)


if __name__ == "__main__":
    main()
