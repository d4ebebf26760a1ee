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
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from graph.build import build
from graph.settings import Settings
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
