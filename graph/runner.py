"""Run public SPARQL queries in worker processes that can be stopped.

Oxigraph has no time limit that holds (the Oxigraph server's ``--timeout-s``
did not stop a large cartesian product), and a thread running its Rust code
cannot be interrupted. So each query runs in one of a small pool of worker
processes, each with its own handle on the store. The parent waits for the
answer up to the time limit; past it, it kills that worker and starts a
replacement, and the other workers, and the server, carry on. A request that
finds every worker busy waits for one up to the time limit too, then is told
the service is busy.

Workers are started with "forkserver" (or "spawn"), never by forking the
threaded web server, and only when first needed. Each reopens the store
when a build has switched the store link to a new directory. A worker writes
the answer itself, cut at the result limit (:mod:`graph.media`), so that
only the bytes sent to the client cross between processes.

Workers have no network: each moves into a network namespace of its own
before it opens the store (on Linux; where the system refuses, the guard
alone stands), so that a query that got past :mod:`graph.guard` with a
``SERVICE`` call still reaches nothing.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import queue
import signal
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext

import pyoxigraph as ox

from graph.errors import (
    EndpointTimeout,
    ProtocolError,
    QueryCrashed,
    QueryTimeout,
    SamverkanError,
    ServiceBusy,
)
from graph.guard import check_query
from graph.media import by_media_type, for_result, write
from graph.settings import Settings
from graph.store import Store, open_store

START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"


@dataclass(frozen=True)
class Answer:
    """A query's answer as the client gets it; ``truncated`` if rows were cut at the result limit."""

    body: bytes
    media_type: str
    truncated: bool
    rows: int | None = None
    """Rows (or triples) in the answer; ``None`` for ASK."""


@dataclass(frozen=True)
class Job:
    """One query for a worker: checked text, dataset (``None``: the union of all graphs), format, row limit."""

    sparql: str
    media_type: str | None
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    limit: int


class QueryService:
    """The pool of query workers of one app (or one command)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._context = multiprocessing.get_context(START_METHOD)
        if START_METHOD == "forkserver":
            # Workers fork from a server that has imported this module (pyoxigraph, rdflib) once.
            self._context.set_forkserver_preload([__name__])
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        for _ in range(settings.query_workers):
            self._idle.put(None)  # a free place, whose worker starts on first use
        self._lock = threading.Lock()
        self._workers: set[_Worker] = set()
        self._closed = False
        self._external: Store | None = None
        self._external_lock = threading.Lock()  # apart from _lock: connecting may take up to the time limit

    def run(
        self,
        sparql: str,
        media_type: str | None = None,
        *,
        default_graphs: list[str] | None = None,
        named_graphs: list[str] | None = None,
    ) -> Answer:
        """Answer ``sparql`` in ``media_type`` (``None``: JSON results or Turtle, as the query gives).

        Given either list of graph IRIs, the dataset is exactly those graphs
        (the SPARQL Protocol's ``default-graph-uri`` and ``named-graph-uri``);
        given neither, the default graph is the union of all named graphs.
        """
        check_query(sparql)
        if media_type is not None:
            by_media_type(media_type)
        job = Job(
            sparql,
            media_type,
            _graph_iris(default_graphs, "default-graph-uri"),
            _graph_iris(named_graphs, "named-graph-uri"),
            self.settings.result_limit,
        )
        if self.settings.store_kind == "endpoint":
            try:
                return execute(self._external_store(), job)
            except EndpointTimeout:
                # The same answer as from a worker, so clients see one behaviour whatever the store.
                raise QueryTimeout(
                    f"The query ran past the time limit of {self.settings.query_timeout:g} s;"
                    " its answer is no longer awaited."
                ) from None
        worker = self._take()
        try:
            reply = worker.ask(job, self.settings.query_timeout)
        except (QueryTimeout, QueryCrashed):
            self._replace(worker)
            raise
        self._give_back(worker)
        if isinstance(reply, SamverkanError):
            raise reply
        return reply

    def close(self) -> None:
        """Stop every worker; queries still running get an error."""
        with self._lock:
            self._closed = True
            workers, self._workers = self._workers, set()
        for worker in workers:
            worker.stop()

    def _external_store(self) -> Store:
        """Store kind "endpoint": the external engine does the work, with the time limit on each request.

        No worker process is needed, since waiting on a socket can be given up;
        the engine is connected to once, on first use.
        """
        with self._external_lock:
            if self._external is None:
                self._external = open_store(self.settings)
            return self._external

    def _take(self) -> _Worker:
        """An idle worker, started if its place is empty; waits up to the time limit for one."""
        try:
            worker = self._idle.get(timeout=self.settings.query_timeout)
        except queue.Empty:
            raise ServiceBusy(
                f"All {self.settings.query_workers} query workers stayed busy for "
                f"{self.settings.query_timeout:g} s (the time limit); please try again shortly."
            ) from None
        if worker is not None and worker.alive:
            return worker
        if worker is not None:
            self._stop(worker)
        started = None
        try:
            started = self._start()
        finally:
            if started is None:
                self._idle.put(None)
        return started

    def _give_back(self, worker: _Worker) -> None:
        if self._closed:
            self._stop(worker)
        else:
            self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        """Stop ``worker`` and free its place; the next request starts a fresh worker there."""
        self._stop(worker)
        self._idle.put(None)

    def _start(self) -> _Worker:
        """A new worker, ready; started outside the lock, since opening the store takes a while."""
        if self._closed:
            raise ServiceBusy("The query service is shutting down.")
        worker = _Worker(self._context, self.settings)
        with self._lock:
            if not self._closed:
                self._workers.add(worker)
                return worker
        worker.stop()
        raise ServiceBusy("The query service is shutting down.")

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            if worker not in self._workers:
                return  # close() has stopped it already
            self._workers.remove(worker)
        worker.stop()


STARTUP_TIMEOUT = 120.0
"""Seconds a new worker may take to open its store (loading sources into memory takes a while)."""

READY = "ready"


class _Worker:
    """One worker process and the parent's end of the pipe to it.

    A new worker opens its store before it takes a job and says when it is
    ready, so that opening (for the memory kind: parsing, validating and
    loading the sources) never counts against a query's time limit.
    """

    def __init__(self, context: BaseContext, settings: Settings) -> None:
        self._connection, child = context.Pipe()
        self._process = context.Process(  # type: ignore[attr-defined]
            target=serve, args=(child, settings), name="samverkan-query-worker", daemon=True
        )
        self._process.start()
        child.close()
        try:
            if not self._connection.poll(STARTUP_TIMEOUT):
                raise ServiceBusy(f"A query worker could not open the store within {STARTUP_TIMEOUT:g} s.")
            greeting: str | SamverkanError = self._connection.recv()
        except (EOFError, OSError):
            greeting = QueryCrashed("A query worker stopped while opening the store.")
        if greeting != READY:
            self.stop()
            raise greeting if isinstance(greeting, SamverkanError) else ServiceBusy(str(greeting))

    @property
    def alive(self) -> bool:
        return bool(self._process.is_alive())

    def ask(self, job: Job, timeout: float) -> Answer | SamverkanError:
        """Send ``job`` and wait for the reply; :class:`QueryTimeout` past ``timeout`` seconds."""
        try:
            self._connection.send(job)
            if not self._connection.poll(timeout):
                raise QueryTimeout(f"The query ran past the time limit of {timeout:g} s and was stopped.")
            reply: Answer | SamverkanError = self._connection.recv()
        except (EOFError, OSError):
            raise QueryCrashed(
                "The process running the query stopped before it answered (it was stopped,"
                " or the query was more than it could hold); a simpler query may get through."
            ) from None
        return reply

    def stop(self) -> None:
        self._process.kill()
        self._process.join()
        self._process.close()
        self._connection.close()


def serve(connection: Connection, settings: Settings) -> None:
    """A worker's life: answer each job on the current store, until the parent hangs up."""
    # Ctrl-C on the server reaches the whole process group; the parent stops the workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if settings.store_kind != "endpoint":  # (an external engine is asked without workers; it needs the network)
        leave_the_network()
    try:
        opened: tuple[str, Store] | None = (store_version(settings), open_store(settings))
    except SamverkanError as error:
        connection.send(error)
        return
    connection.send(READY)
    while True:
        try:
            job: Job = connection.recv()
        except EOFError:
            return
        try:
            version = store_version(settings)
            if opened is None or opened[0] != version:
                opened = (version, open_store(settings))
            reply: Answer | SamverkanError = execute(opened[1], job)
        except SamverkanError as error:
            reply = error
        connection.send(reply)


CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
"""Flags of Linux's ``unshare(2)``: a user namespace of one's own, a network namespace of one's own."""


def leave_the_network() -> bool:
    """Move this process into a network namespace of its own, where nothing can be reached; whether it did.

    The new namespace has a loopback interface only, and that is down: every
    connection fails at once ("Network is unreachable"), whatever the engine
    is made to try. Files are unaffected. It takes the right to manage
    namespaces (root has it); any other user gets it through a user
    namespace of its own, mapping its own user and group to themselves so
    that it reads the files it read before. Where neither is allowed (not
    Linux, a container that forbids it), nothing changes and False is returned.
    Must be called while the process has one thread, before the store is opened.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        unshare = ctypes.CDLL(None, use_errno=True).unshare
    except (OSError, AttributeError):
        return False
    if unshare(CLONE_NEWNET) == 0:
        return True
    uid, gid = os.geteuid(), os.getegid()
    if unshare(CLONE_NEWUSER | CLONE_NEWNET) != 0:
        return False
    try:
        for name, text in (("setgroups", "deny"), ("uid_map", f"{uid} {uid} 1"), ("gid_map", f"{gid} {gid} 1")):
            with open(f"/proc/self/{name}", "w", encoding="ascii") as file:
                file.write(text)
    except OSError:
        pass  # unmapped, this process counts as "nobody" for files; opening the store will say if that matters
    return True


def store_version(settings: Settings) -> str:
    """What changes when the store must be reopened: the store link's target on disk, else nothing."""
    if settings.store_kind == "disk":
        return os.path.realpath(settings.store)
    return settings.store_kind


def execute(store: Store, job: Job) -> Answer:
    """Run ``job`` on ``store`` and write its answer."""
    result = store.query(
        job.sparql,
        default_graph=None if job.default_graphs is None else list(job.default_graphs),
        named_graphs=None if job.named_graphs is None else list(job.named_graphs),
    )
    fmt = for_result(result, job.media_type)
    body, truncated, rows = write(result, fmt, job.limit)
    return Answer(body, fmt.media_type, truncated, rows)


def _graph_iris(iris: list[str] | None, parameter: str) -> tuple[str, ...] | None:
    """``iris`` checked to be absolute IRIs, so that a bad one is the client's error, told by name."""
    if iris is None:
        return None
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError as error:
            raise ProtocolError(f"{parameter} {iri!r} is not an absolute IRI ({error}).") from None
    return tuple(iris)
