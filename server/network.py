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
WIDTH, MARGIN, LABEL_ROOM = 1060, 40, 170  # labels sit right of their node


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


def components(nodes: list[str], links: list[Edge]) -> list[list[str]]:
    """The connected groups of actors, largest first."""
    neighbours: dict[str, set[str]] = {v: set() for v in nodes}
    for e in links:
        neighbours[e.a].add(e.b)
        neighbours[e.b].add(e.a)
    seen: set[str] = set()
    groups = []
    for v in nodes:
        if v in seen:
            continue
        group, todo = [], [v]
        seen.add(v)
        while todo:
            u = todo.pop()
            group.append(u)
            todo += [w for w in sorted(neighbours[u]) if w not in seen]
            seen.update(neighbours[u])
        groups.append(sorted(group))
    return sorted(groups, key=lambda g: (-len(g), g))


def force_layout(nodes: list[str], links: list[Edge], size: float, iterations: int = 300) -> dict[str, list[float]]:
    """Fruchterman-Reingold positions in a size × size box, seeded so a graph always looks the same."""
    rng = random.Random(1)
    n = len(nodes)
    k = 0.9 * size / math.sqrt(n)
    pos = {v: [size / 2 + size / 3 * math.cos(2 * math.pi * i / n) + rng.random(),
               size / 2 + size / 3 * math.sin(2 * math.pi * i / n) + rng.random()] for i, v in enumerate(nodes)}
    temperature = size / 6
    for _ in range(iterations if n > 1 else 0):
        shift = {v: [0.0, 0.0] for v in nodes}
        for u, v in combinations(nodes, 2):
            dx, dy = pos[u][0] - pos[v][0], pos[u][1] - pos[v][1]
            d = max(math.hypot(dx, dy), 0.01)
            for node, sign in ((u, 1), (v, -1)):
                shift[node][0] += sign * dx / d * k * k / d
                shift[node][1] += sign * dy / d * k * k / d
        for e in links:
            dx, dy = pos[e.a][0] - pos[e.b][0], pos[e.a][1] - pos[e.b][1]
            d = max(math.hypot(dx, dy), 0.01)
            f = d * d / k * (1 + 0.5 * math.log(e.weight))
            for node, sign in ((e.a, -1), (e.b, 1)):
                shift[node][0] += sign * dx / d * f
                shift[node][1] += sign * dy / d * f
        for v in nodes:
            dx, dy = shift[v]
            d = max(math.hypot(dx, dy), 0.01)
            pos[v][0] = min(size, max(0.0, pos[v][0] + dx / d * min(d, temperature)))
            pos[v][1] = min(size, max(0.0, pos[v][1] + dy / d * min(d, temperature)))
        temperature = max(temperature * 0.98, 0.5)
    return pos


def layout(nodes: list[str], links: list[Edge]) -> tuple[dict[str, tuple[float, float]], int]:
    """Positions for every actor and the drawing's height: each connected group laid out on its own (a
    group that shares no meeting with the rest would otherwise drift off), the groups packed in rows."""
    out: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for group in components(nodes, links):
        size = 95 * math.sqrt(len(group)) + 40
        inner = force_layout(group, [e for e in links if e.a in group], size)
        if x and x + size + LABEL_ROOM > WIDTH:
            x, y, row_height = 0.0, y + row_height, 0.0
        for v, (px, py) in inner.items():
            out[v] = (round(MARGIN / 2 + x + px, 1), round(MARGIN / 2 + y + py, 1))
        x += size + LABEL_ROOM
        row_height = max(row_height, size + 30)
    return out, int(y + row_height + MARGIN)


def cached_layout(nodes: list[str], links: list[Edge]) -> tuple[dict[str, tuple[float, float]], int]:
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
    pos, height = cached_layout(nodes, links)
    return render_template("ld/network.html", links=links, nodes=nodes, pos=pos,
                           degree=degree, info=info, names={k: s.label for k, s in info.items()},
                           include=include, width=WIDTH, height=height)
