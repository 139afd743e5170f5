"""Who met whom: actors linked by the meetings, summits, visits and talks they both took part in, as SVG.

An edge's weight is the number of such events. An event that only contains the pair through one of its
sub-events (a visit and the meeting during it) counts once, for the sub-event. By default only events
reported as having happened count; `?all=1` adds planned and expected ones.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from itertools import combinations

from flask import Blueprint, current_app, render_template, request

from .facts import summaries
from .graphdata import rows, value
from .timeline import HAPPENED

bp = Blueprint("network", __name__)
MEETINGS = ("Meeting", "Summit", "Visit", "Consultation", "Negotiation", "Signing", "Forum", "Briefing")
WIDTH, HEIGHT, MARGIN = 1000, 720, 70


@dataclass
class Edge:
    """Two actors and the events they met at."""

    a: str
    b: str
    events: list[str] = field(default_factory=list)

    @property
    def weight(self) -> int:
        """How many meetings."""
        return len(self.events)


def edges(include_unhappened: bool = False) -> list[Edge]:
    """Pairs of actors with the meeting events they share (see the module docstring for the counting)."""
    types = " ".join(f"dg:{t}" for t in MEETINGS)
    found = rows(f"""SELECT ?ev ?a ?parent ?status WHERE {{ VALUES ?t {{ {types} }} ?ev a ?t ; sem:hasActor ?a .
        OPTIONAL {{ ?ev sem:subEventOf ?parent }} OPTIONAL {{ ?ev dg:status/skos:prefLabel ?status }} }}""")
    actors: dict[str, set[str]] = {}
    parents: dict[str, set[str]] = {}
    statuses: dict[str, set[str]] = {}
    for r in found:
        ev = r["ev"].value
        actors.setdefault(ev, set()).add(r["a"].value)
        statuses.setdefault(ev, set()).update({value(r, "status")} - {None})
        if "parent" in r:
            parents.setdefault(r["parent"].value, set()).add(ev)
    pairs: dict[tuple[str, str], Edge] = {}
    for ev, people in actors.items():
        if not include_unhappened and statuses[ev] and not statuses[ev] & HAPPENED:
            continue
        for a, b in combinations(sorted(people), 2):
            if any({a, b} <= actors.get(sub, set()) for sub in parents.get(ev, ())):
                continue  # the pair met in a sub-event, which is counted instead
            pairs.setdefault((a, b), Edge(a, b)).events.append(ev)
    return sorted(pairs.values(), key=lambda e: (-e.weight, e.a, e.b))


def layout(nodes: list[str], links: list[Edge], iterations: int = 300) -> dict[str, tuple[float, float]]:
    """Fruchterman-Reingold positions in the drawing area, seeded so a graph always looks the same."""
    rng = random.Random(1)
    n = max(len(nodes), 1)
    k = math.sqrt((WIDTH - 2 * MARGIN) * (HEIGHT - 2 * MARGIN) / n)
    pos = {v: [WIDTH / 2 + 250 * math.cos(2 * math.pi * i / n) + rng.random(),
               HEIGHT / 2 + 250 * math.sin(2 * math.pi * i / n) + rng.random()] for i, v in enumerate(nodes)}
    temperature = WIDTH / 8
    for _ in range(iterations):
        shift = {v: [0.0, 0.0] for v in nodes}
        for u, v in combinations(nodes, 2):
            dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
            d = max(math.hypot(dx, dy), 0.01)
            f = k * k / d
            shift[u][0] += dx / d * f
            shift[u][1] += dy / d * f
            shift[v][0] -= dx / d * f
            shift[v][1] -= dy / d * f
        for e in links:
            dx, dy = pos[e.a][0] - pos[e.b][0], pos[e.a][1] - pos[e.b][1]
            d = max(math.hypot(dx, dy), 0.01)
            f = d * d / k * (1 + math.log(e.weight))
            for node, sign in ((e.a, -1), (e.b, 1)):
                shift[node][0] += sign * dx / d * f
                shift[node][1] += sign * dy / d * f
        for v in nodes:
            dx, dy = shift[v]
            d = max(math.hypot(dx, dy), 0.01)
            pos[v][0] = min(WIDTH - MARGIN, max(MARGIN, pos[v][0] + dx / d * min(d, temperature)))
            pos[v][1] = min(HEIGHT - MARGIN, max(MARGIN, pos[v][1] + dy / d * min(d, temperature)))
        temperature = max(temperature * 0.97, 1.0)
    return {v: (round(p[0], 1), round(p[1], 1)) for v, p in pos.items()}


def cached_layout(nodes: list[str], links: list[Edge]) -> dict[str, tuple[float, float]]:
    """The layout, computed once per graph shape per application (it costs a few hundred milliseconds)."""
    key = ("diplograph.network", tuple(nodes), tuple((e.a, e.b, e.weight) for e in links))
    cache = current_app.extensions.setdefault("diplograph.network", {})
    if key not in cache:
        cache.clear()
        cache[key] = layout(nodes, links)
    return cache[key]


@bp.route("/network")
def network_page() -> str:
    """The drawing and, below it, every pair with the events they met at."""
    include = request.args.get("all") == "1"
    links = edges(include)
    nodes = sorted({x for e in links for x in (e.a, e.b)})
    degree = {v: sum(e.weight for e in links if v in (e.a, e.b)) for v in nodes}
    info = summaries(nodes + [ev for e in links for ev in e.events])
    return render_template("ld/network.html", links=links, nodes=nodes, pos=cached_layout(nodes, links),
                           degree=degree, info=info, names={k: s.label for k, s in info.items()},
                           include=include, width=WIDTH, height=HEIGHT)
