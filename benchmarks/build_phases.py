"""The build, phase by phase: time and peak memory of parse, validate, dumps and store.

Each build runs in a fresh process (``python -m benchmarks.build_phases
ROOT``), so its memory peaks are its own; the process resets its resident
high-water mark at the start of each phase and prints one JSON line of
figures. Also measured: a rebuild after one data file changed, and the
validation against plain pySHACL over the whole graph with the same shapes
(time, and whether the two found the same results).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from benchmarks.measure import peak_memory_mb, reset_peak_memory
from graph import sources
from graph.build import PHASES, build
from graph.settings import Settings
from graph.validate import validate


def one_build(root: Path, work: Path) -> dict[str, Any]:
    """Build ``root`` into ``work`` in this process; seconds and peak MB per phase, and in all."""
    figures: dict[str, Any] = {}

    @contextmanager
    def phase(name: str) -> Iterator[None]:
        reset_peak_memory()
        start = time.perf_counter()
        yield
        figures[name] = {"seconds": time.perf_counter() - start, "peak_mb": peak_memory_mb()}

    settings = Settings.load({"root": str(root), "store": str(work / "store"), "dist": str(work / "dist")}, environ={})
    start = time.perf_counter()
    result = build(settings, phase)
    figures["total"] = {
        "seconds": time.perf_counter() - start,
        "peak_mb": max(figures[name]["peak_mb"] for name in PHASES),
    }
    figures["triples"] = result.triples
    return figures


def measured_build(root: Path, work: Path) -> dict[str, Any]:
    """:func:`one_build` in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.build_phases", str(root), str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"the build of {root} failed: {done.stderr[-2000:]}")
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def rebuild_after_edit(root: Path, work: Path) -> dict[str, Any]:
    """Change one data file (a label of its first resource) and build again over the previous build."""
    target = sorted((root / "data").glob("documents-*.ttl"))[0]
    original = target.read_text(encoding="utf-8")
    edited = original.replace('"@sv', ' (ändrad)"@sv', 1)
    target.write_text(edited, encoding="utf-8")
    try:
        return measured_build(root, work)
    finally:
        target.write_text(original, encoding="utf-8")


def against_pyshacl(root: Path) -> dict[str, Any]:
    """Our validation and pySHACL's over the same parse: seconds each, results each, and whether they agree."""
    from pyshacl import validate as pyshacl_validate
    from rdflib.namespace import SH

    loaded = sources.load(sources.discover(root))
    start = time.perf_counter()
    ours = validate(loaded)
    ours_seconds = time.perf_counter() - start
    data, ontology = loaded.data_union(), loaded.ontology
    start = time.perf_counter()
    _, report, _ = pyshacl_validate(data, shacl_graph=loaded.shapes, ont_graph=ontology, advanced=True, inference="none")
    theirs_seconds = time.perf_counter() - start
    theirs = [str(report.value(result, SH.focusNode)) for result in report.objects(None, SH.result)]
    return {
        "ours_seconds": ours_seconds,
        "pyshacl_seconds": theirs_seconds,
        "ours_results": len(ours),
        "pyshacl_results": len(theirs),
        "same_results": sorted(v.focus for v in ours) == sorted(theirs),
    }


if __name__ == "__main__":
    print(json.dumps(one_build(Path(sys.argv[1]), Path(sys.argv[2]))))
