"""Layered fixtures: a copy of the project, built once; its store; the app; a live server; the CLI.

The tests run on the repository's own ontology, data and shapes, copied
into a temporary directory, so they keep passing whatever valid data is
added, and never write into the working tree. A small fixture project under
``tests/fixtures/project`` is used where a test needs known content (a
known violation, a known organization).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from browser import Visit, launched_browser, visiting
from playwright.sync_api import Browser
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from graph.build import build
from graph.settings import STORE_KINDS, Settings
from graph.store import Store
from webapp import create_app

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_PROJECT = FIXTURES / "project"
SOURCE_DIRS = ("ontology", "data", "shapes")


def copy_project(source: Path, target: Path) -> Path:
    """Copy the source folders of the project at ``source`` into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in SOURCE_DIRS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
    return target


def settings_for(root: Path) -> Settings:
    """Settings for a project at ``root``, ignoring the caller's SAMVERKAN_* variables."""
    return Settings.load({"root": str(root)}, environ={})


def snapshot(*directories: Path) -> dict[str, str]:
    """Path -> sha256 of every file under ``directories`` (links followed), to prove nothing changed."""
    digests = {}
    for directory in directories:
        for path in sorted(directory.resolve().rglob("*")):
            if path.is_file():
                digests[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return digests


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The repository's project, copied and built once for the session."""
    settings = settings_for(copy_project(REPO, tmp_path_factory.mktemp("project")))
    build(settings)
    return settings


@pytest.fixture(scope="session")
def store(built: Settings) -> Store:
    return Store.open_read_only(built.store)


@pytest.fixture(scope="session")
def fixture_built(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The small fixture project, copied and built once for the session."""
    settings = settings_for(copy_project(FIXTURE_PROJECT, tmp_path_factory.mktemp("fixture")))
    build(settings)
    return settings


def make_app(settings: Settings) -> Flask:
    return create_app({"TESTING": True, "STORE_PATH": str(settings.store), "DIST_DIR": str(settings.dist)})


@pytest.fixture(scope="session")
def app(built: Settings) -> Flask:
    return make_app(built)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """Serve ``app`` over real HTTP on a free local port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[str]:
    """The base URL of the app on the built repository project."""
    with serving(app) as url:
        yield url


@pytest.fixture(scope="session")
def fixture_server(fixture_built: Settings) -> Iterator[str]:
    """The base URL of the app on the built fixture project."""
    with serving(make_app(fixture_built)) as url:
        yield url


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner(env={name: None for name in os.environ if name.startswith("SAMVERKAN_")})


def samverkan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed ``samverkan`` command as a user does, in a clean SAMVERKAN_* environment."""
    command = shutil.which("samverkan", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.fail("the samverkan command is not installed: pip install -e '.[test]'")
    env = {name: value for name, value in os.environ.items() if not name.startswith("SAMVERKAN_")}
    return subprocess.run(
        [command, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120, check=False
    )


# ---------------------------------------------------------------------------
# An external SPARQL engine: the Oxigraph server from PyPI (`oxigraph` command)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Engine:
    """A running Oxigraph server, by its URLs."""

    base: str

    @property
    def query(self) -> str:
        return f"{self.base}/query"

    @property
    def store(self) -> str:
        return f"{self.base}/store"

    def settings(self, root: Path) -> Settings:
        """Settings for the project at ``root`` read through this engine."""
        urls = {"endpoint_query": self.query, "endpoint_store": self.store}
        return Settings.load({"root": str(root), "store_kind": "endpoint", **urls}, environ={})


def free_port() -> int:
    """A loopback port nothing listens on (it may be taken before it is used: callers retry)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def oxigraph_engine(*, union_default_graph: bool = True) -> Iterator[Engine]:
    """A fresh, empty Oxigraph server in memory on a free loopback port, stopped on leaving.

    ``union_default_graph`` starts it as the app needs it (the default graph
    is the union of the named graphs); without, its default graph is its own.
    """
    command = shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if command is None:
        pytest.fail("the oxigraph command is not installed: pip install -e '.[test]'")
    flags = ["--union-default-graph"] if union_default_graph else []
    with tempfile.TemporaryFile() as log:
        for _ in range(3):  # the free port may be taken meanwhile: then the server exits at once
            engine = Engine(f"http://127.0.0.1:{free_port()}")
            bind = engine.base.removeprefix("http://")
            process = subprocess.Popen([command, "serve", "--bind", bind, *flags], stdout=log, stderr=log)
            try:
                if _answers(engine, process):
                    yield engine
                    return
            finally:
                process.terminate()
                try:
                    process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        log.seek(0)
        pytest.fail(f"the Oxigraph server did not start: {log.read().decode(errors='replace')}")


def _answers(engine: Engine, process: subprocess.Popen[bytes], within: float = 10.0) -> bool:
    """Wait until ``engine`` answers a query; False if its process ends first."""
    deadline = time.monotonic() + within
    while process.poll() is None and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{engine.query}?query=ASK%7B%7D", timeout=1):
                return True
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.05)
    return False


def publish_to(engine: Engine, settings: Settings) -> subprocess.CompletedProcess[str]:
    """``samverkan publish`` of the built project ``settings`` into ``engine``, as a user runs it."""
    urls = ("--endpoint-store", engine.store, "--endpoint-query", engine.query)
    return samverkan("--root", str(settings.root), *urls, "publish")


@pytest.fixture(scope="session")
def oxigraph_server(built: Settings) -> Iterator[Engine]:
    """An Oxigraph server loaded by `samverkan publish` with the session's built project."""
    with oxigraph_engine() as engine:
        published = publish_to(engine, built)
        assert published.returncode == 0, published.stderr
        yield engine


@pytest.fixture(scope="session", params=STORE_KINDS)
def store_settings(request: pytest.FixtureRequest, built: Settings) -> Settings:
    """Settings for the session's built project read through each kind of store.

    The Oxigraph server is started only when the endpoint kind is asked for.
    """
    if request.param == "endpoint":
        engine: Engine = request.getfixturevalue("oxigraph_server")
        return engine.settings(built.root)
    return Settings.load({"root": str(built.root), "store_kind": request.param}, environ={})


# ---------------------------------------------------------------------------
# A stand-in engine, for the failures a real one does not show on demand
# ---------------------------------------------------------------------------


@dataclass
class StandIn:
    """What the stand-in engine answers every request with, and the requests it got."""

    status: int = 200
    media_type: str = "text/plain"
    body: bytes = b""
    delay: float = 0.0
    received: list[str] = field(default_factory=list)
    """``METHOD path`` of each request."""


@contextmanager
def stand_in(answer: StandIn) -> Iterator[str]:
    """Serve ``answer`` to every request on a free loopback port; yield the URL to send queries to."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            answer.received.append(f"{self.command} {self.path}")
            time.sleep(answer.delay)
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.media_type)
            self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        do_GET = do_PUT = do_DELETE = do_POST

        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests look at ``received``."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/query"
    finally:
        server.shutdown()
        thread.join()
        server.server_close()


# ---------------------------------------------------------------------------
# A real browser (see tests/browser.py)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, launched once for the session."""
    with launched_browser() as launched:
        yield launched


@pytest.fixture
def visit(browser: Browser, live_server: str) -> Iterator[Visit]:
    """A fresh, watched tab on the app over the built repository data."""
    with visiting(browser, live_server) as opened:
        yield opened
