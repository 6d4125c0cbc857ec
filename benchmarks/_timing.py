"""Shared timing helper for the benchmark scripts (run as ``python benchmarks/bench_*.py``)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def best(fn: Callable[[], object], repeat: int) -> float:
    """Best wall-clock time of ``repeat`` runs of ``fn``, after one warm-up run."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def run_child(code: str, path: Path, how: str) -> dict[str, float]:
    """Run ``code`` in a fresh Python process with ``path`` and ``how`` as arguments and
    return the JSON its last line prints (its own time and peak memory)."""
    out = subprocess.run([sys.executable, "-c", code, str(path), how], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])



def print_sides(pairs: list[tuple[dict, dict]], labels: tuple[str, str], *, memory: str,
                unit: str = "MB", width: int = 22, digits: int = 3) -> None:
    """One line per side of paired runs: its time range and its memory range (``memory``
    names the figure each run printed, e.g. ``peak_mb``)."""
    for label, i in ((labels[0], 0), (labels[1], 1)):
        secs = [p[i]["seconds"] for p in pairs]
        mem = [p[i][memory] for p in pairs]
        print(f"  {label:{width}s} {min(secs):7.{digits}f}-{max(secs):.{digits}f} s   "
              f"{memory} {min(mem):6.0f}-{max(mem):.0f} {unit}   "
              f"rows out {pairs[0][i].get('rows_out', '-')}")
