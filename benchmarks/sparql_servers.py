"""`/sparql` against `oxigraph serve` on the same store: throughput and latency with concurrent clients.

Both servers get the same requests from the same clients, in turns (ours,
theirs, ours ...), and answer in SPARQL JSON. Ours runs as `samverkan
serve` does, with every protection of the endpoint on: the time limit,
read-only, no SERVICE, the result cap. The mix is what an endpoint mostly
sees: short lookups around one organization, drawn from the graph.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from benchmarks.drive import Outcome, Request, drive
from benchmarks.measure import ms
from benchmarks.servers import oxigraph_server, samverkan_server
from graph.namespaces import PREFIXES
from graph.store import Store

ACCEPT = {"Accept": "application/sparql-results+json"}
PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIXES.items() if prefix in ("sv", "org", "rdfs", "skos"))
LOOKUPS = (
    "SELECT ?label WHERE {{ <{org}> rdfs:label|skos:prefLabel ?label }}",
    "SELECT DISTINCT ?agreement ?party WHERE {{ ?agreement sv:party <{org}> ; sv:party ?party }} LIMIT 100",
    "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x ?p <{org}> }}",
    "SELECT DISTINCT ?p ?o WHERE {{ <{org}> ?p ?o }} LIMIT 100",
)


@dataclass(frozen=True)
class ServerFigures:
    name: str
    runs: list[Outcome]

    @property
    def throughput(self) -> float:
        return statistics.median(run.throughput for run in self.runs)

    def p(self, q: float) -> float:
        return statistics.median(ms(run.p(q)) for run in self.runs)

    @property
    def errors(self) -> int:
        return sum(len(run.errors) for run in self.runs)


def lookup_queries(store: Store, organizations: int = 25) -> list[str]:
    """The lookup queries about ``organizations`` organizations of the graph."""
    rows = store.select(
        f"SELECT DISTINCT ?org WHERE {{ ?org a/rdfs:subClassOf* org:Organization }} ORDER BY ?org LIMIT {organizations}"
    )
    orgs = [row["org"].value for row in rows]
    return [PROLOGUE + lookup.format(org=org) for org in orgs for lookup in LOOKUPS]


def compare(
    store_dir: Path, dist: Path, root: Path, *, clients: int = 8, total: int = 2000, runs: int = 3, timeout: float = 30
) -> tuple[ServerFigures, ServerFigures]:
    """(ours, oxigraph serve): ``runs`` rounds of ``total`` lookups from ``clients`` clients each."""
    sparql = lookup_queries(Store.open_read_only(store_dir))
    ours_requests = [Request("lookup", "GET", "/sparql?query=" + quote(q), headers=ACCEPT) for q in sparql]
    theirs_requests = [Request("lookup", "GET", "/query?query=" + quote(q), headers=ACCEPT) for q in sparql]
    ours: list[Outcome] = []
    theirs: list[Outcome] = []
    with (
        samverkan_server(store_dir, dist, root, query_timeout=str(timeout), sparql_rate="off") as app,
        oxigraph_server(store_dir, timeout) as engine,
    ):
        for requests, url in ((ours_requests, app.url), (theirs_requests, engine.url)):  # type: ignore[attr-defined]
            drive(url, requests, clients=clients, total=min(total, 200), deadline=60)  # warm both up
        for _ in range(runs):
            ours.append(drive(app.url, ours_requests, clients=clients, total=total, deadline=120))  # type: ignore[attr-defined]
            theirs.append(drive(engine.url, theirs_requests, clients=clients, total=total, deadline=120))  # type: ignore[attr-defined]
    return ServerFigures("samverkan /sparql", ours), ServerFigures("oxigraph serve", theirs)
