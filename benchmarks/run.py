"""Every benchmark, at each size, printed as Markdown tables: `make bench` (or `python -m benchmarks.run`).

For each size a project is generated (``benchmarks.generate``, kept under
``var/bench/`` for the next run) and built; then, with each figure a median
of ``--runs`` runs and each comparison measured side by side:

- the build, phase by phase (time, peak memory), a rebuild after one data
  file changed, and validation against plain pySHACL (up to 100k triples,
  on data with planted defects: time, and whether both found the same);
- every shipped query, embedded Oxigraph against rdflib in memory;
- ``/sparql`` against ``oxigraph serve`` with 8 concurrent clients;
- the network page: server time, payload, time to drawn in Chromium;
- the analytics steps; entity page, search and timeline latencies, and the
  app's memory while serving.

``--smoke`` runs everything once at the smallest size with small request
counts: the test suite uses it to prove the benchmarks run, not to time them.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
from pathlib import Path
from typing import Any

import click

from benchmarks import analytics_timing, build_phases, pages, query_engines, sparql_servers
from benchmarks.generate import generate
from benchmarks.measure import machine, ms, resident_mb, table
from benchmarks.servers import samverkan_server
from graph.build import PHASES, build
from graph.settings import REPOSITORY_ROOT, Settings
from graph.store import Store

SIZES = {"10k": 10_000, "100k": 100_000, "1M": 1_000_000}
PYSHACL_UP_TO = 100_000
"""pySHACL takes minutes and gigabytes beyond this; the comparison is made up to here."""
RDFLIB_CAP = 20.0
"""Seconds: an rdflib query slower than this is run once, not ``--runs`` times."""
RDFLIB_IN_PROCESS_UP_TO = 100_000
"""Above this, rdflib runs each query once in a process of its own, stopped after :data:`RDFLIB_BUDGET`."""
RDFLIB_BUDGET = 400.0
NETWORK_VIEWS = (
    ("partnership", "view=partnership"),
    ("whole, organizations and agreements", "view=whole&kinds=organization,agreement"),
    ("whole", "view=whole"),
)


def project(size: int, defects: int, cache: Path) -> Path:
    """The generated project of ``size`` triples (with ``defects`` of each kind), generated once into ``cache``.

    The curated data files join the generated ones (as ``curated-*.ttl``),
    so the shipped queries, which ask about Huddinge and the Södertörn
    committee, find their answers among a national graph.
    """
    root = cache / f"{size}-seed1-defects{defects}"
    if not (root / "generated.json").is_file():
        shutil.rmtree(root, ignore_errors=True)
        generate(root, size, seed=1, defects=defects)
        for curated in sorted((REPOSITORY_ROOT / "data").glob("*.ttl")):
            if curated.name != "concepts.ttl":  # the generator has its copy
                shutil.copyfile(curated, root / "data" / f"curated-{curated.name}")
    return root


def build_section(root: Path, runs: int, scratch: Path) -> str:
    builds = [build_phases.measured_build(root, scratch / f"build{run}") for run in range(runs)]
    rebuilds = [build_phases.rebuild_after_edit(root, scratch / "build0") for _ in range(runs)]
    rows = []
    for name in (*PHASES, "total"):
        rows.append(
            (
                name,
                statistics.median(b[name]["seconds"] for b in builds),
                statistics.median(b[name]["peak_mb"] for b in builds),
            )
        )
    rows.append(
        (
            "rebuild after one file changed",
            statistics.median(b["total"]["seconds"] for b in rebuilds),
            statistics.median(b["total"]["peak_mb"] for b in rebuilds),
        )
    )
    return table(f"Build of {builds[0]['triples']:,} triples", ["phase", "seconds", "peak MB"], rows)


def validation_section(size: int, cache: Path) -> str:
    defective = project(size, 5, cache)
    figures = build_phases.against_pyshacl(defective)
    ratio = figures["pyshacl_seconds"] / figures["ours_seconds"]
    rows = [
        ("Samverkan (SPARQL on Oxigraph)", figures["ours_seconds"], figures["ours_results"], ""),
        ("pySHACL over the whole graph", figures["pyshacl_seconds"], figures["pyshacl_results"], f"{ratio:.0f}× slower"),
    ]
    same = "the same results" if figures["same_results"] else "DIFFERENT results"
    return table(f"Validation with planted defects: {same}", ["validator", "seconds", "results", ""], rows)


def query_section(store: Store, root: Path, runs: int, size: int) -> str:
    if size > RDFLIB_IN_PROCESS_UP_TO:
        figures = query_engines.compare_once(store, root, runs, RDFLIB_BUDGET)
        heading = f"Shipped queries, median ms (rdflib: one run each, {RDFLIB_BUDGET:.0f} s for all)"
        return _query_table(heading, figures)
    load_seconds, dataset = _timed_load(root)
    figures = query_engines.compare(store, dataset, runs, RDFLIB_CAP)
    return _query_table(f"Shipped queries, median ms (rdflib took {load_seconds:.1f} s to load the graph)", figures)


def _query_table(heading: str, figures: list[query_engines.QueryFigures]) -> str:
    rows = []
    for f in figures:
        if f.rdflib is not None:
            rdflib: object = ms(f.rdflib.median)
        else:
            rdflib = f.rdflib_error if str(f.rdflib_error).startswith("not done") else f"fails ({f.rdflib_error})"
        ratio = "" if f.ratio is None else f"{f.ratio:.0f}×"
        same = "" if f.rdflib_rows is None else ("yes" if f.rdflib_rows == f.oxigraph_rows else "NO")
        rows.append((f.name, ms(f.oxigraph.median), f.oxigraph_rows, rdflib, ratio, same))
    return table(heading, ["query", "Oxigraph", "rows", "rdflib", "rdflib / Oxigraph", "same rows"], rows)


def _timed_load(root: Path) -> tuple[float, Any]:
    from benchmarks.measure import timed

    return timed(lambda: query_engines.rdflib_dataset(root))


def sparql_section(settings: Settings, runs: int, total: int) -> str:
    ours, theirs = sparql_servers.compare(settings.store, settings.dist, settings.root, total=total, runs=runs)
    rows = [
        (f.name, f.throughput, f.p(50), f.p(95), f.errors) for f in (ours, theirs)
    ]
    ratio = ours.throughput / theirs.throughput if theirs.throughput else 0.0
    return table(
        f"/sparql, 8 clients, lookups: {ratio:.2f}× oxigraph serve's throughput",
        ["server", "queries/s", "p50 ms", "p95 ms", "errors"],
        rows,
    )


def network_section(url: str, runs: int, browser: str | None) -> str:
    rows = []
    for name, query in NETWORK_VIEWS:
        f = pages.network_view(url, query, runs, browser)
        drawn = "no Chromium" if f.browser_s is None else f.browser_s
        shown = f"{f.nodes:,} (summary)" if f.summarised else f"{f.nodes:,}"
        rows.append((name, f.organizations, shown, f.edges, f.server_cold_s, f.server_warm_s, f.payload_kb, drawn))
    return table(
        "Network page",
        ["view", "nodes in view", "drawn", "edges", "server s (first)", "server s (again)", "payload KB", "drawn in Chromium s"],
        rows,
    )


def analytics_section(store: Store, runs: int) -> str:
    f = analytics_timing.measure(store, runs)
    sampled = f"sampled from {analytics_timing.SAMPLES} sources" if f.sampled else "exact"
    rows = [
        ("read the network from the store", f.read_network.median),
        ("partnership network", f.partnership.median),
        (f"measures incl. betweenness ({sampled})", f.measures.median),
        ("communities (Louvain)", f.communities.median),
    ]
    return table(
        f"Analytics: {f.organizations:,} organizations, {f.partnerships:,} partnerships",
        ["step", "seconds"],
        rows,
    )


def reader_section(url: str, store: Store, pid: int, runs: int) -> str:
    first, again = pages.reader_latencies(url, pages.reader_requests(store), runs)
    rows = [
        (lat.label, lat.p50_ms, lat.p95_ms, kept.p50_ms, kept.p95_ms, lat.requests)
        for lat, kept in zip(first, again, strict=True)
    ]
    rows.append(("app memory while serving (MB)", resident_mb(pid), "", "", "", ""))
    return table(
        "Reader latencies, one client: the first view of each page, and again (answer kept)",
        ["request", "first p50 ms", "first p95 ms", "again p50 ms", "again p95 ms", "requests"],
        rows,
    )


def run_size(label: str, size: int, runs: int, smoke: bool, cache: Path, browser: str | None) -> str:
    root = project(size, 0, cache)
    out = [f"## {label} triples\n"]
    with tempfile.TemporaryDirectory(prefix="samverkan-bench-") as scratch_dir:
        scratch = Path(scratch_dir)
        out.append(build_section(root, runs, scratch))
        if size <= PYSHACL_UP_TO:
            out.append(validation_section(size, cache))
        settings = Settings.load(
            {"root": str(root), "store": str(scratch / "served" / "store"), "dist": str(scratch / "served" / "dist")},
            environ={},
        )
        build(settings)
        store = Store.open_read_only(settings.store)
        out.append(query_section(store, root, runs, size))
        out.append(analytics_section(store, runs))
        out.append(sparql_section(settings, runs, 100 if smoke else 2000))
        with samverkan_server(settings.store, settings.dist, root, sparql_rate="off") as app:
            url = app.url  # type: ignore[attr-defined]
            out.append(network_section(url, 1 if smoke else runs, browser))
            out.append(reader_section(url, store, app.pid, runs))
    return "\n".join(out)


@click.command()
@click.option("--sizes", default="10k,100k,1M", show_default=True, help=f"Comma-separated, of {', '.join(SIZES)}.")
@click.option("--runs", default=3, show_default=True, help="Runs per figure (the median is shown).")
@click.option("--smoke", is_flag=True, help="Once, at 5,000 triples, with few requests: proves the benchmarks run.")
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=REPOSITORY_ROOT / "var" / "bench",
    show_default=True,
    help="Where generated projects are kept between runs.",
)
def main(sizes: str, runs: int, smoke: bool, cache: Path) -> None:
    """Run the benchmarks and print their tables."""
    browser = os.environ.get("SAMVERKAN_CHROMIUM") or shutil.which("chromium")
    chosen = {"5k": 5_000} if smoke else {label: SIZES[label] for label in sizes.split(",") if label in SIZES}
    if not chosen:
        raise click.BadParameter(f"choose sizes among {', '.join(SIZES)}", param_hint="--sizes")
    click.echo(f"# Samverkan benchmarks\n\nMachine: {machine()}. Each figure is the median of {1 if smoke else runs} run(s).\n")
    for label, size in chosen.items():
        click.echo(run_size(label, size, 1 if smoke else runs, smoke, cache, browser))


if __name__ == "__main__":
    main()
