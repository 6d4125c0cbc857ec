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

