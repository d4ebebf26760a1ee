"""The benchmarks run: CI runs them once, at the smallest size, as a smoke test (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO

SECTIONS = (
    "### Build of",
    "### Validation with planted defects: the same results",
    "### Shipped queries",
    "### Analytics:",
    "### /sparql, 8 clients",
    "### Network page",
    "### Reader latencies",
)


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )


def test_every_benchmark_runs_at_the_smallest_size(tmp_path: Path) -> None:
    done = run("benchmarks.run", "--smoke", "--cache", str(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    for heading in SECTIONS:
        assert heading in done.stdout, heading
    assert "| 0 |" in done.stdout.split("### /sparql", 1)[1].split("###", 1)[0]  # no errors from either server
    assert "NO" not in done.stdout.split("### Shipped queries", 1)[1].split("###", 1)[0]  # both engines agree


def test_the_load_test_runs_with_a_rebuild_and_no_errors() -> None:
    done = run("benchmarks.load", "--clients", "5", "--requests", "150", "--seconds", "60")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert ", 0 errors; rebuilt in" in done.stdout
