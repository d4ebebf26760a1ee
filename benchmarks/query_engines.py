"""Every shipped query on the embedded Oxigraph store and on rdflib's in-memory graph, side by side.

rdflib is what a Python newcomer would reach for: the same files parsed into
a ``Dataset`` whose default graph is the union, queried with the same
prefixes. Each query's result rows are counted on both sides, so a
comparison of times is also a check that both engines gave the same answer.
rdflib runs a query again only while a run stays under ``rdflib_cap``
seconds (that run is then its only figure), so a 1M-triple run finishes in minutes.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import queue
import time
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, URIRef

from benchmarks.measure import Timing, side_by_side, timed
from graph import queries, sources
from graph.namespaces import PREFIXES
from graph.store import Store


@dataclass(frozen=True)
class QueryFigures:
    name: str
    oxigraph: Timing
    oxigraph_rows: int
    rdflib: Timing | None
    rdflib_rows: int | None
    rdflib_error: str | None

    @property
    def ratio(self) -> float | None:
        return self.rdflib.median / self.oxigraph.median if self.rdflib and self.oxigraph.median else None


def rdflib_dataset(root: Path) -> Dataset:
    """The project under ``root`` in rdflib, one named graph per file, the default graph their union."""
    dataset = Dataset(default_union=True)
    for file in sources.discover(root).graphs:
        dataset.graph(URIRef(file.graph)).parse(file.path, format="turtle")
    return dataset


def compare_once(store: Store, root: Path, runs: int, budget: float) -> list[QueryFigures]:
    """Each shipped query ``runs`` times on Oxigraph, once on rdflib (:func:`rdflib_once`); for big graphs."""
    on_rdflib = rdflib_once(root, budget)
    figures = []
    for query in queries.shipped():
        oxigraph = side_by_side({"oxigraph": lambda: store.select(query.sparql)}, runs)["oxigraph"]
        rows = len(store.select(query.sparql))
        if query.name in on_rdflib:
            seconds, rdflib_rows, error = on_rdflib[query.name]
            rdflib = None if error else Timing((seconds,))
        else:
            rdflib, rdflib_rows, error = None, None, f"not done within the {budget:.0f} s budget"
        figures.append(QueryFigures(query.name, oxigraph, rows, rdflib, rdflib_rows, error))
    return figures


def compare(store: Store, dataset: Dataset, runs: int, rdflib_cap: float) -> list[QueryFigures]:
    """Each shipped query ``runs`` times on both engines, interleaved."""
    figures = []
    for query in queries.shipped():
        oxigraph_rows = len(store.select(query.sparql))
        first, (rdflib_rows, error) = timed(lambda: _rdflib_rows(dataset, query.sparql))
        only_oxigraph = {"oxigraph": lambda: store.select(query.sparql)}
        if error is not None:
            oxigraph, rdflib = side_by_side(only_oxigraph, runs)["oxigraph"], None
        elif first >= rdflib_cap:  # the first run is the only one
            oxigraph, rdflib = side_by_side(only_oxigraph, runs)["oxigraph"], Timing((first,))
        else:
            timings = side_by_side({**only_oxigraph, "rdflib": lambda: _rdflib_rows(dataset, query.sparql)}, runs)
            oxigraph, rdflib = timings["oxigraph"], timings["rdflib"]
        figures.append(QueryFigures(query.name, oxigraph, oxigraph_rows, rdflib, rdflib_rows, error))
    return figures


def _rdflib_rows(dataset: Dataset, sparql: str) -> tuple[int | None, str | None]:
    """(rows, None) of ``sparql`` on rdflib, or (None, the error) where rdflib cannot run it."""
    try:
        return len(list(dataset.query(sparql, initNs=PREFIXES))), None
    except Exception as error:  # noqa: BLE001 - any failure of rdflib's engine is a finding to report
        return None, f"{type(error).__name__}: {str(error)[:80]}"


def rdflib_once(root: Path, budget: float) -> dict[str, tuple[float, int | None, str | None]]:
    """Each shipped query once on rdflib, in a process of its own stopped after ``budget`` seconds in all.

    For graphs where rdflib takes minutes a query; a query not reached in
    time is missing from the answer (name -> seconds, rows, error).
    """
    context = multiprocessing.get_context("spawn")
    answers: multiprocessing.queues.Queue[tuple[str, float, int | None, str | None]] = context.Queue()
    process = context.Process(target=_run_all, args=(root, answers), daemon=True)
    process.start()
    found: dict[str, tuple[float, int | None, str | None]] = {}
    deadline = time.monotonic() + budget
    try:
        while len(found) < len(queries.shipped()) + 1:  # and the load's marker
            try:
                name, seconds, rows, error = answers.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                break
            found[name] = (seconds, rows, error)
    finally:
        found.pop("(load)", None)
        process.terminate()
        process.join()
    return found


def _run_all(root: Path, answers: multiprocessing.queues.Queue[tuple[str, float, int | None, str | None]]) -> None:
    dataset = rdflib_dataset(root)
    answers.put(("(load)", 0.0, None, None))
    for query in queries.shipped():
        seconds, (rows, error) = timed(lambda: _rdflib_rows(dataset, query.sparql))
        answers.put((query.name, seconds, rows, error))
