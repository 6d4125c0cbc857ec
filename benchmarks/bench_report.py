"""`nps-toolkit report` end to end: the bundled sample and a 100,000-response export with
comments (issue 25 §5), wall time of fresh CLI processes, a few runs each.

The large export is the sample's rows drawn with replacement (seeded) to 100,000 answers,
with new response ids, customers spread over 40,000 ids and dates kept: the same columns,
comment languages and score mix at twenty times the size.

    python benchmarks/bench_report.py [--runs 3] [--rows 100000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import nps_toolkit as nt


def large_export(path: Path, rows: int) -> Path:
    sample = nt.load_sample()
    rng = np.random.default_rng(25)
    big = sample.iloc[rng.integers(0, len(sample), rows)].reset_index(drop=True)
    big["response_id"] = [f"R{i:07d}" for i in range(rows)]
    big["customer_id"] = [f"C{i:06d}" for i in rng.integers(0, max(rows * 2 // 5, 1), rows)]
    big.to_csv(path, index=False)
    return path


def run(args: list[str]) -> float:
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "nps_toolkit", "report", *args, "--quiet"],
                         capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=100_000)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = large_export(Path(tmp) / "large.csv", opts.rows)
        for label, given in (("sample", []), (f"{opts.rows:,} answers", [str(big)])):
            times = [run([*given, "-o", str(Path(tmp) / "r.html")]) for _ in range(opts.runs)]
            print(f"{label}: {min(times):.1f}-{max(times):.1f} s over {opts.runs} runs "
                  f"(median {float(np.median(times)):.1f} s)")


if __name__ == "__main__":
    main()
