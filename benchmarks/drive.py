"""Drive an HTTP server with concurrent clients, bounded in requests and time, and count what came back.

Each client is a thread with its own keep-alive connection, as a browser or
a SPARQL client library holds one; it sends the requests it is given in
turn until the shared budget of requests or the deadline is spent. Only
loopback addresses are accepted, so a benchmark can never load someone
else's server.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from benchmarks.measure import percentile

LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")


@dataclass(frozen=True)
class Request:
    """One request a client sends: a label to group figures by, method, path, body and headers."""

    label: str
    method: str
    path: str
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """What a run of the clients gave: per label, the seconds each answer took; the errors seen."""

    seconds: float = 0.0
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(len(values) for values in self.latencies.values())

    @property
    def throughput(self) -> float:
        return self.answered / self.seconds if self.seconds else 0.0

    def all_latencies(self) -> list[float]:
        return [value for values in self.latencies.values() for value in values]

    def p(self, q: float, label: str | None = None) -> float:
        values = self.all_latencies() if label is None else self.latencies[label]
        return percentile(values, q)


def drive(
    base_url: str,
    requests: Sequence[Request],
    *,
    clients: int,
    total: int,
    deadline: float,
    ok: Callable[[int], bool] = lambda status: status < 400,
) -> Outcome:
    """Send ``total`` requests (cycling through ``requests``) from ``clients`` threads, stopping at ``deadline`` s."""
    parts = urlsplit(base_url)
    if parts.hostname not in LOOPBACK:
        raise ValueError(f"Benchmarks only drive servers on this machine, not {parts.hostname}.")
    outcome = Outcome()
    lock = threading.Lock()
    issued = iter(range(total))
    stop_at = time.monotonic() + deadline

    def next_request() -> Request | None:
        with lock:
            number = next(issued, None)
        if number is None or time.monotonic() > stop_at:
            return None
        return requests[number % len(requests)]

    def client() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        while (request := next_request()) is not None:
            start = time.perf_counter()
            try:
                connection.request(request.method, request.path, body=request.body, headers=request.headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
                with lock:
                    outcome.errors.append(f"{request.label}: {type(error).__name__}: {error}")
                continue
            took = time.perf_counter() - start
            with lock:
                if ok(status):
                    outcome.latencies.setdefault(request.label, []).append(took)
                else:
                    outcome.errors.append(f"{request.label}: HTTP {status} for {request.path[:80]}")
        connection.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - start
    return outcome
