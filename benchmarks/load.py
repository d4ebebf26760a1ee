"""Load test: many concurrent readers on the running app while the graph is rebuilt under them.

It copies the project (or the one ``--root`` names) to a temporary
directory, builds it, starts `samverkan serve` there on a loopback port,
and drives it with ``--clients`` clients mixing page views, search
suggestions and SPARQL queries, bounded by ``--requests`` and
``--seconds``. A third of the way through it rebuilds the graph with `samverkan build`,
which swaps the new store in while the clients keep reading. It prints
throughput, p50/p95/p99 latency per kind of request and every error; the
target is no error at all and page views under 300 ms at p95.

    python -m benchmarks.load --clients 50 --requests 6000
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import click

from benchmarks.drive import Outcome, Request, drive
from benchmarks.measure import machine, ms, table
from benchmarks.servers import BIN, samverkan_server
from graph.settings import REPOSITORY_ROOT, Settings
from graph.store import Store

SOURCE_DIRS = ("ontology", "data", "shapes")
PAGES = ("/", "/network", "/analytics", "/timeline", "/queries", "/downloads", "/ns", "/query")
SPARQL = (
    "SELECT ?org ?label WHERE { ?org a sv:Municipality ; rdfs:label ?label } ORDER BY ?label",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT DISTINCT ?agreement ?party WHERE { ?agreement sv:party ?party } LIMIT 200",
)


def mix(store: Store) -> list[Request]:
    """Page views (fixed pages and entity pages), searches and SPARQL queries, interleaved."""
    rows = store.select(
        "SELECT DISTINCT ?s WHERE { ?s rdfs:label ?label FILTER(CONTAINS(STR(?s), '/id/')) } ORDER BY ?s LIMIT 60"
    )
    entities = ["/id/" + row["s"].value.split("/id/", 1)[1] for row in rows]
    pages = [Request("page", "GET", path) for path in PAGES] + [Request("page", "GET", path) for path in entities]
    searches = [Request("search", "GET", f"/api/search?q={quote(term)}") for term in ("hud", "KI", "sö", "kommun", "avtal")]
    sparql = [
        Request("sparql", "GET", "/sparql?query=" + quote(q), headers={"Accept": "application/sparql-results+json"})
        for q in SPARQL
    ]
    interleaved = []
    for number, page in enumerate(pages):
        interleaved += [page, searches[number % len(searches)]]
        if number % 3 == 0:
            interleaved.append(sparql[number % len(sparql)])
    return interleaved


def report(outcome: Outcome, rebuild: str) -> str:
    rows = [
        (label, len(values), ms(outcome.p(50, label)), ms(outcome.p(95, label)), ms(outcome.p(99, label)))
        for label, values in sorted(outcome.latencies.items())
    ]
    rows.append(("all", outcome.answered, ms(outcome.p(50)), ms(outcome.p(95)), ms(outcome.p(99))))
    text = table(
        f"Load: {outcome.throughput:.0f} requests/s over {outcome.seconds:.1f} s, {len(outcome.errors)} errors; {rebuild}",
        ["requests", "answered", "p50 ms", "p95 ms", "p99 ms"],
        rows,
    )
    shown = outcome.errors[:20]
    return text + "".join(f"\n- error: {error}" for error in shown)


@click.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=REPOSITORY_ROOT, show_default=True)
@click.option("--clients", default=50, show_default=True, help="Concurrent clients.")
@click.option("--requests", "total", default=6000, show_default=True, help="Requests in all (the bound).")
@click.option("--seconds", default=180.0, show_default=True, help="Stop sending after this many seconds.")
@click.option("--threads", default=8, show_default=True, help="Server threads (`samverkan serve --threads`).")
@click.option("--rebuild/--no-rebuild", default=True, show_default=True, help="Rebuild the graph while the clients read.")
def main(root: Path, clients: int, total: int, seconds: float, threads: int, rebuild: bool) -> None:
    """Drive a fresh `samverkan serve` with concurrent readers, rebuilding the graph under them."""
    with tempfile.TemporaryDirectory(prefix="samverkan-load-") as scratch:
        project = Path(scratch) / "project"
        for name in SOURCE_DIRS:
            shutil.copytree(root / name, project / name)
        settings = Settings.load({"root": str(project)}, environ={})
        environ = os.environ | {"SAMVERKAN_ROOT": str(project)}
        subprocess.run([str(BIN / "samverkan"), "build"], env=environ, check=True, capture_output=True)
        requests = mix(Store.open_read_only(settings.store))
        rebuilt: list[str] = []

        def rebuild_halfway(after: float) -> None:
            time.sleep(after)
            started = time.perf_counter()
            done = subprocess.run([str(BIN / "samverkan"), "build"], env=environ, capture_output=True, text=True)
            took = time.perf_counter() - started
            rebuilt.append(f"rebuilt in {took:.1f} s" if done.returncode == 0 else f"rebuild FAILED: {done.stderr[-300:]}")

        with samverkan_server(settings.store, settings.dist, project, threads=str(threads), sparql_rate="off") as app:
            url = app.url  # type: ignore[attr-defined]
            warm = drive(url, requests, clients=4, total=len(requests), deadline=120)  # warm caches, as in service
            expected = min(seconds, total / max(warm.throughput, 1.0))
            rebuilder = threading.Thread(target=rebuild_halfway, args=(expected / 3,)) if rebuild else None
            if rebuilder:
                rebuilder.start()
            outcome = drive(url, requests, clients=clients, total=total, deadline=seconds)
            if rebuilder:
                rebuilder.join()
    click.echo(f"Machine: {machine()}; {clients} clients, server threads {threads}\n")
    click.echo(report(outcome, rebuilt[0] if rebuilt else "no rebuild"))
    if outcome.errors:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
