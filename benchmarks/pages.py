"""What a reader waits for: entity pages, search suggestions, the timeline, and the network page.

Latencies are measured over HTTP against `samverkan serve`, one client at a
time (a reader's own wait, not a load test; `benchmarks/load.py` is that).
The network page is measured twice: the server's time and payload for the
view (``/api/network``), and the time until headless Chromium has drawn it
and it answers to the reader (the page marks its canvas ``ready``).
"""

from __future__ import annotations

import json
import statistics
import time
import urllib.request
from dataclasses import dataclass
from urllib.parse import quote

from benchmarks.drive import Outcome, Request, drive
from benchmarks.measure import ms
from graph.store import Store


@dataclass(frozen=True)
class Latency:
    label: str
    p50_ms: float
    p95_ms: float
    requests: int
    errors: int


def reader_requests(store: Store, count: int = 40) -> list[Request]:
    """Entity pages, search suggestions and the timeline, about organizations drawn from the graph."""
    rows = store.select(
        "SELECT ?org (SAMPLE(?label) AS ?name) WHERE { ?org a/rdfs:subClassOf* org:Organization ; rdfs:label ?label }"
        f" GROUP BY ?org ORDER BY ?org LIMIT {count}"
    )
    found = [(row["org"].value, row["name"].value) for row in rows]
    requests = []
    for iri, name in found:
        path = "/id/" + iri.split("/id/", 1)[1]
        requests.append(Request("entity page", "GET", path, headers={"Accept": "text/html"}))
        requests.append(Request("search suggestions", "GET", "/api/search?q=" + quote(name[:4])))
    requests.append(Request("timeline", "GET", "/timeline"))
    return requests


def reader_latencies(url: str, requests: list[Request], rounds: int = 3) -> tuple[list[Latency], list[Latency]]:
    """p50/p95 per kind of request: the first pass over ``requests`` (each answer made), then ``rounds`` more (kept).

    The app keeps each answer until the graph changes (:mod:`webapp.page_cache`),
    so the first view of a page is the work, and the next views a lookup.
    """
    first = drive(url, requests, clients=1, total=len(requests), deadline=1800)
    again = drive(url, requests, clients=1, total=len(requests) * rounds, deadline=1800)
    return _latencies(first), _latencies(again)


def _latencies(outcome: Outcome) -> list[Latency]:
    errors = len(outcome.errors)
    return [
        Latency(label, ms(outcome.p(50, label)), ms(outcome.p(95, label)), len(outcome.latencies[label]), errors)
        for label in sorted(outcome.latencies)
    ]


@dataclass(frozen=True)
class NetworkFigures:
    organizations: int
    """Nodes of the view before any summary: what the reader asked to see."""
    nodes: int
    edges: int
    summarised: bool
    server_cold_s: float
    server_warm_s: float
    payload_kb: float
    browser_s: float | None


def network_view(url: str, query: str, runs: int = 3, browser_path: str | None = None) -> NetworkFigures:
    """The view ``/api/network?{query}``: server time (first and median of the next ``runs``), size, time to drawn."""
    api = f"{url}/api/network?{query}"
    cold, body = _fetch(api)
    warm = statistics.median(_fetch(api)[0] for _ in range(runs))
    view = json.loads(body)
    summarised = bool(view["summary"].get("aggregated"))
    drawn = _time_to_drawn(f"{url}/network?{query}", runs, browser_path) if browser_path else None
    return NetworkFigures(
        organizations=view["summary"]["nodes"],
        nodes=len(view["nodes"]),
        edges=len(view["edges"]),
        summarised=summarised,
        server_cold_s=cold,
        server_warm_s=warm,
        payload_kb=len(body) / 1024,
        browser_s=drawn,
    )


def _fetch(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=600) as response:
        body = response.read()
    return time.perf_counter() - start, body


def _time_to_drawn(page_url: str, runs: int, browser_path: str) -> float:
    """Median seconds from navigation to a drawn network that answers, in a fresh tab each run."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, args=["--no-sandbox", "--disable-gpu"])
        try:
            for _ in range(runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(page_url, wait_until="commit", timeout=600_000)
                page.wait_for_function(
                    """() => window.samverkanNetwork
                         && document.getElementById("network").dataset.state === "ready" """,
                    timeout=600_000,
                    polling=50,
                )
                # Interactive: the page answers a zoom at once (the main thread is free again).
                page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
                times.append(page.evaluate("() => performance.now()") / 1000)
                page.close()
        finally:
            browser.close()
    return statistics.median(times)
