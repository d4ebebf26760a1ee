"""Timing, memory and tables shared by every benchmark.

Figures are medians of several runs, and comparisons are measured side by
side in the same run (A, B, A, B ...), so a slow moment of a noisy machine
hits both sides alike. Peak memory is the process's resident high-water mark
(``VmHWM``), which Linux lets a process reset, so each phase of one process
gets a peak of its own.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STATUS = Path("/proc/self/status")
CLEAR_REFS = Path("/proc/self/clear_refs")


@dataclass(frozen=True)
class Timing:
    """Seconds of each run of one measured thing."""

    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    def percentile(self, p: float) -> float:
        return percentile(self.runs, p)


def percentile(values: Sequence[float], p: float) -> float:
    """The ``p``-th percentile (0–100) of ``values``, interpolated between the nearest ranks."""
    ordered = sorted(values)
    if not ordered:
        raise ValueError("no values")
    position = (len(ordered) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    """(seconds, result) of one call of ``action``."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def side_by_side(actions: dict[str, Callable[[], Any]], runs: int) -> dict[str, Timing]:
    """Each action run ``runs`` times, interleaved, so every side sees the same machine."""
    seconds: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            seconds[name].append(timed(action)[0])
    return {name: Timing(tuple(values)) for name, values in seconds.items()}


def reset_peak_memory() -> None:
    """Start a new resident-memory high-water mark for this process (Linux ``clear_refs`` 5)."""
    try:
        CLEAR_REFS.write_text("5")
    except OSError:  # not Linux, or not allowed: the peak then covers the process so far
        pass


def peak_memory_mb() -> float:
    """This process's resident-memory high-water mark since the last reset, in MB."""
    for line in STATUS.read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def resident_mb(pid: int) -> float:
    """The current resident memory of process ``pid`` and its children, in MB."""
    total = 0
    for each in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{each}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = Path(f"/proc/{pid}/task").iterdir()
        for task in tasks:
            for child in (task / "children").read_text().split():
                found += [int(child), *_children(int(child))]
    except OSError:
        pass
    return found


def machine() -> str:
    """One line about this machine: CPU model, cores and memory."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        memory_kb = next(
            int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
        )
    except (OSError, StopIteration):
        memory_kb = 0
    return f"{model}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GB RAM"


def table(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table with a heading, numbers right-aligned."""
    rows = [[_cell(value) for value in row] for row in rows]
    lines = [f"### {title}", "", "| " + " | ".join(header) + " |"]
    lines.append("| " + " | ".join("---:" if _numeric(rows, i) else "---" for i in range(len(header))) + " |")
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if value < 10 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _numeric(rows: list[list[str]], column: int) -> bool:
    cells = [row[column] for row in rows if column < len(row)]
    return bool(cells) and all(cell.replace(",", "").replace(".", "").replace("×", "").strip().isdigit() for cell in cells)


def ms(seconds: float) -> float:
    return seconds * 1000
