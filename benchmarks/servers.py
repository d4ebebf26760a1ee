"""Start the servers a benchmark drives: Samverkan's app as `samverkan serve` runs it, and `oxigraph serve`.

Both read the same built store directory (Oxigraph's read-only mode lets
several processes read one store), on free loopback ports, and are stopped
when the ``with`` block ends.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def samverkan_server(store: Path, dist: Path, root: Path, **settings: str) -> Iterator[subprocess.Popen[bytes]]:
    """`samverkan serve` on ``store``; yields the process, whose ``url`` attribute is its base URL."""
    port = free_port()
    environ = os.environ | {
        "SAMVERKAN_ROOT": str(root),
        "SAMVERKAN_STORE": str(store),
        "SAMVERKAN_DIST": str(dist),
        "SAMVERKAN_PORT": str(port),
        "SAMVERKAN_HOST": "127.0.0.1",
    }
    environ |= {f"SAMVERKAN_{name.upper()}": value for name, value in settings.items()}
    command = [str(BIN / "samverkan"), "serve"]
    with _running(command, environ, f"http://127.0.0.1:{port}", "/") as process:
        yield process


@contextmanager
def oxigraph_server(store: Path, timeout: float) -> Iterator[subprocess.Popen[bytes]]:
    """`oxigraph serve-read-only` on ``store``, the union default graph and a time limit as ours has."""
    port = free_port()
    command = [
        shutil.which("oxigraph", path=str(BIN)) or "oxigraph",
        "serve-read-only",
        "--location",
        str(store),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
        "--timeout-s",
        str(int(timeout)),
    ]
    with _running(command, dict(os.environ), f"http://127.0.0.1:{port}", "/query?query=ASK%7B%7D") as process:
        yield process


@contextmanager
def _running(command: list[str], environ: dict[str, str], url: str, probe: str) -> Iterator[subprocess.Popen[bytes]]:
    # The server's logs go to a file: a pipe nobody reads would fill and stall it mid-benchmark.
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(command, env=environ, stdout=subprocess.DEVNULL, stderr=log)
    process.url = url  # type: ignore[attr-defined]
    try:
        _wait_for(process, url + probe, log)
        yield process
    finally:
        log.close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for(process: subprocess.Popen[bytes], url: str, log: IO[bytes], within: float = 120.0) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            error = log.read().decode(errors="replace")
            raise RuntimeError(f"{' '.join(map(str, process.args))} stopped: {error[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {within:.0f} s")
