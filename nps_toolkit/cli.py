"""Command line: ``nps-toolkit score [FILE] [--by COL] [--method M]`` and
``nps-toolkit report [FILE] [-o report.html] [--score COL] ...``."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence

import pandas as pd

from . import _stats
from .datasets import sample_path
from .loading import read_survey
from .scoring import score as score_fn
from .scoring import summarize

EXIT_CODES = """exit status: 0 done; 1 the report could not be built (a notebook cell failed);
2 bad input (unreadable file, missing column, invalid scores) or bad options."""

# the library's advice in its own words, and the same advice in the CLI's
_CLI_WORDS = [
    (re.compile(r"\bscore='<column>'"), "--score COLUMN"),
    (re.compile(r"\bpass score=\.\.\.", re.IGNORECASE), "pass --score COLUMN"),
    (re.compile(r"\bscore=\.\.\."), "--score COLUMN"),
    (re.compile(r"\bon_invalid='exclude'"), "--on-invalid exclude"),
    (re.compile(r"\bcomment=\.\.\."), "--comment COLUMN"),
    (re.compile(r"read_survey\(\.\.\., scale=\{[^}]*\}\) \(CLI: (--scale [^)]*)\)"), r"\1"),
    (re.compile(r"\bencoding=\.\.\."), "the right encoding"),
    (re.compile(r"\bdelimiter=\.\.\."), "the right delimiter"),
]


def _cli_message(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror and not isinstance(exc, FileExistsError):
        # "[Errno 13] Permission denied: 'x.csv'" -> "x.csv: permission denied"
        where = exc.filename if exc.filename is not None else ""
        return f"{where}: {exc.strerror.lower()}" if where else exc.strerror.lower()
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    for pattern, repl in _CLI_WORDS:
        text = pattern.sub(repl, text)
    return text


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="nps-toolkit", description="Net Promoter Score analysis with honest uncertainty.",
        epilog=EXIT_CODES)
    parser.add_argument("--version", action="version", version=f"nps-toolkit {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    sc = sub.add_parser("score", help="NPS with its interval and the load report",
                        description="Print the NPS of a survey export (the bundled sample when "
                        "FILE is omitted) with its interval, and what was loaded or excluded.")
    sc.add_argument("file", nargs="?",
                    help="CSV, TSV, Excel, SPSS (.sav), Stata (.dta), Parquet or JSON export")
    sc.add_argument("--by", action="append", default=[], metavar="COL",
                    help="group column (repeat for several)")
    sc.add_argument("--method", default="adjusted_wald", choices=_stats.METHODS)
    sc.add_argument("--confidence", type=float, default=0.95)
    sc.add_argument("--score", dest="score_col", metavar="COL",
                    help="score column, when detection picks the wrong one")
    sc.add_argument("--on-invalid", choices=("raise", "exclude"), default="raise",
                    help="exclude invalid scores (listed in the report) instead of stopping")
    sc.add_argument("--min-n", type=int, default=30, help="flag groups smaller than this")
    sc.add_argument("--scale", type=_scale_arg, metavar="A=S,...",
                    help="map another scale to 0-10, e.g. 1=0,2=3,3=5,4=8,5=10")
    rp = sub.add_parser("report", help="one offline HTML report from the four notebooks",
                        description="Run the calculation, comment, trend and growth notebooks "
                        "on a survey export (the bundled sample when FILE is omitted) and write "
                        "one self-contained HTML report (no code, charts drawn, opens offline); "
                        "the growth section needs --orders with your own export.")
    rp.add_argument("file", nargs="?",
                    help="CSV, TSV, Excel, SPSS (.sav), Stata (.dta), Parquet or JSON export")
    rp.add_argument("-o", "--output", default="nps-report.html", help="report file to write")
    rp.add_argument("--score", dest="score_col", metavar="COL", help="score column")
    rp.add_argument("--comment", dest="comment_col", metavar="COL", help="comment column")
    rp.add_argument("--date", dest="date_col", metavar="COL", help="date column")
    rp.add_argument("--scale", dest="cfg_scale", type=_scale_arg, metavar="A=S,...",
                    help="map another scale to 0-10, e.g. 1=0,2=3,3=5,4=8,5=10 (a 1-5 "
                    "rating is refused otherwise)")
    rp.add_argument("--orders", metavar="FILE",
                    help="order log (customer, order date, amount): adds whether NPS predicts "
                    "repurchase and revenue")
    rp.add_argument("--customers", metavar="FILE", action="append",
                    help="customer list (one row per customer: plan, region, value...): "
                    "its columns joined to the answers by customer id, to compare them on; "
                    "with --orders, response rates and the NPS weighted to the customer base "
                    "(repeat for several lists, e.g. one per year)")
    rp.add_argument("--keep-notebooks", metavar="DIR",
                    help="also keep the executed notebooks in this folder")
    rp.add_argument("--quiet", action="store_true", help="no progress bar")
    for key, helptext in (
            ("segments", "segment columns, comma-separated (default: detected)"),
            ("value", "customer value column (revenue, CLV...)"),
            ("customer", "customer id column"),
            ("weights", "survey weight column: the NPS, its interval, the segments and the "
                        "trend weighted (default: detected; '' for none)"),
            ("period", "period or wave index column, for trends without dates"),
            ("freq", "the trend's periods with dates: Q, M or W (default: the coarsest "
                     "giving four periods of 30+ answers)"),
            ("drivers", "further 0-10 questions, comma-separated"),
            ("codeframe", "comment codeframe preset (default: the one that codes most)"),
            ("industry", "benchmark industry (see nps_toolkit.benchmarks())"),
            ("benchmark", "a benchmark NPS or an industry group to compare with"),
            ("title", "the report's title"),
            ("lang", "the report's language: en, fr, es, de, ru, ko, zh, hr (default en)")):
        rp.add_argument(f"--{key}", dest=f"cfg_{key}", metavar="VALUE", help=helptext)
    rp.add_argument("--config", metavar="FILE",
                    help="a TOML file with the same keys (options given here win)")
    rp.add_argument("--print-config", action="store_true",
                    help="print the configuration detected for FILE as TOML and stop")
    return parser


def _config(args: argparse.Namespace) -> dict[str, object]:
    """--config FILE, then the options given on the command line over it."""
    from .report import read_config

    config = dict(read_config(args.config)) if args.config else {}
    for key, value in vars(args).items():
        if key.startswith("cfg_") and value is not None:
            config[key[4:]] = value
    for key, value in (("score", args.score_col), ("comment", args.comment_col),
                       ("date", args.date_col)):
        if value is not None:
            config[key] = value
    return config


def _print_config(args: argparse.Namespace, config: dict[str, object]) -> int:
    from .report import config_toml
    from .report.config import COLUMN_KEYS, load_configured

    data, profile, merged = load_configured(args.file, config, args.customers)
    for key in COLUMN_KEYS:  # the file's own column names, as the options take them
        if merged.get(key) and key in profile.reasons:
            merged[key] = (data.attrs["load_report"].columns.get(
                "customer_id" if key == "customer" else key, merged[key]))
    print(config_toml(merged, profile.reasons))
    return 0


def _report(args: argparse.Namespace) -> int:
    from .report import build_report

    try:
        config = _config(args)
        if args.print_config:
            return _print_config(args, config)
        result = build_report(args.file, output=args.output, orders=args.orders,
                              customers=args.customers, keep_notebooks=args.keep_notebooks,
                              progress=not args.quiet, config=config)
    except FileExistsError as exc:  # -o names an input: never written over
        print(f"nps-toolkit: error: {exc}", file=sys.stderr)
        return 2
    except (ValueError, OSError, KeyError, UnicodeDecodeError) as exc:
        message = _cli_message(exc)
        where = str(args.file) if args.file else "the bundled sample"
        print(f"nps-toolkit: error: {message if where in message else where + ': ' + message}",
              file=sys.stderr)
        return 2
    except Exception as exc:  # a notebook cell failed: say which, without a traceback
        if type(exc).__name__ != "PapermillExecutionError":
            raise
        print(f"nps-toolkit: error: the report could not be built: cell {exc.exec_count} "
              f"raised {exc.ename}: {exc.evalue}", file=sys.stderr)
        return 1
    print(f"Report written to {result.path} ({result.seconds:.0f} s)")
    if result.notebooks:
        print("Executed notebooks: " + ", ".join(str(p) for p in result.notebooks))
    return 0


def _scale_arg(text: str) -> dict[str, int]:
    """'1=0,2=3,3=5' -> {'1': 0, '2': 3, '3': 5}."""
    try:
        pairs = [part.split("=", 1) for part in text.split(",") if part.strip()]
        return {k.strip(): int(v) for k, v in pairs}
    except ValueError as exc:
        raise argparse.ArgumentTypeError(
            f"--scale takes answer=score pairs such as 1=0,2=3,3=5,4=8,5=10; got {text!r}"
        ) from exc


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
    """Run the command line; returns the exit status (see ``EXIT_CODES``)."""
    args = _parser().parse_args(argv)
    try:
        return _report(args) if args.command == "report" else _score(args)
    except BrokenPipeError:  # `nps-toolkit score ... | head`: the reader left, nothing wrong
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def _score(args: argparse.Namespace) -> int:
    source = args.file or sample_path()
    try:
        df, report = read_survey(source, score=args.score_col, on_invalid=args.on_invalid,
                                 scale=args.scale)
        result = score_fn(df["score"], method=args.method, confidence=args.confidence)
        print(("Bundled sample survey\n" if args.file is None else "") + repr(result))
        if args.by:
            table = summarize(df, by=args.by, method=args.method,
                              confidence=args.confidence, min_n=args.min_n)
            print(f"\nBy {', '.join(args.by)}:")
            print(_table(table, args.by))
        print("\n" + str(report))
    except BrokenPipeError:  # the reader left (`| head`): main() handles it
        raise
    except (ValueError, OSError, KeyError) as exc:  # OSError: no permission, a device...
        print(f"nps-toolkit: error: {_cli_message(exc)}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
