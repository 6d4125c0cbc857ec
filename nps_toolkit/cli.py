"""Command line: ``nps-toolkit score [FILE] [--by COL] [--method M]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from . import _stats
from .datasets import sample_path
from .loading import read_survey
from .scoring import score as score_fn
from .scoring import summarize


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nps-toolkit", description="Net Promoter Score analysis with honest uncertainty.")
    sub = parser.add_subparsers(dest="command", required=True)
    sc = sub.add_parser("score", help="NPS with its interval and the load report",
                        description="Print the NPS of a survey export (the bundled sample when "
                        "FILE is omitted) with its interval, and what was loaded or excluded.")
    sc.add_argument("file", nargs="?", help="CSV, TSV, Excel or Parquet export")
    sc.add_argument("--by", action="append", default=[], metavar="COL",
                    help="group column (repeat for several)")
    sc.add_argument("--method", default="adjusted_wald", choices=_stats.METHODS)
    sc.add_argument("--confidence", type=float, default=0.95)
    sc.add_argument("--score", dest="score_col", metavar="COL",
                    help="score column, when detection picks the wrong one")
    sc.add_argument("--on-invalid", choices=("raise", "exclude"), default="raise",
                    help="exclude invalid scores (listed in the report) instead of stopping")
    sc.add_argument("--min-n", type=int, default=30, help="flag groups smaller than this")
    return parser


def _table(df: pd.DataFrame, keys: list[str]) -> str:
    show = df[[*keys, "n", "nps", "ci_low", "ci_high", "promoter_share", "passive_share",
               "detractor_share", "small_n"]].copy()
    for c in ("promoter_share", "passive_share", "detractor_share"):
        show[c] = (100 * show[c]).map(lambda v: f"{v:.1f}%")
    for c in ("nps", "ci_low", "ci_high"):
        show[c] = show[c].map(lambda v: f"{v:.1f}")
    show["small_n"] = show["small_n"].map({True: "yes", False: ""})
    show = show.rename(columns={"promoter_share": "promoters", "passive_share": "passives",
                                "detractor_share": "detractors", "small_n": "small n"})
    return show.to_string(index=False)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    source = args.file or sample_path()
    try:
        df, report = read_survey(source, score=args.score_col, on_invalid=args.on_invalid)
        result = score_fn(df["score"], method=args.method, confidence=args.confidence)
        print(("Bundled sample survey\n" if args.file is None else "") + repr(result))
        if args.by:
            table = summarize(df, by=args.by, method=args.method,
                              confidence=args.confidence, min_n=args.min_n)
            print(f"\nBy {', '.join(args.by)}:")
            print(_table(table, args.by))
        print("\n" + str(report))
    except (ValueError, FileNotFoundError, KeyError) as exc:
        print(f"nps-toolkit: error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
