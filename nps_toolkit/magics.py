"""IPython magics, for Notebook 7, VS Code and plain IPython (where there is no Launcher).

``%load_ext nps_toolkit`` registers:

- ``%nps_template NAME [--data PATH] [--dest DIR]``: a copy of a template notebook next to
  the current one (see :func:`nps_toolkit.templates.copy`);
- ``%nps FILE [--by COL]``: a quick summary of a survey export (NPS with its interval, by
  group, and the load report).
"""

from __future__ import annotations

import argparse
import shlex
from typing import Any

__all__ = ["load_ipython_extension", "nps", "nps_template"]


def _parse(parser: argparse.ArgumentParser, line: str) -> argparse.Namespace | None:
    try:
        return parser.parse_args(shlex.split(line))
    except SystemExit:  # argparse printed the usage; keep the kernel alive
        return None


def nps_template(line: str) -> Any:
    """``%nps_template NAME [--data PATH] [--dest DIR]``"""
    from .templates import TemplateError, copy, names

    parser = argparse.ArgumentParser(prog="%nps_template", add_help=True)
    parser.add_argument("name", help=f"one of {names()}")
    parser.add_argument("--data", help="your survey export")
    parser.add_argument("--dest", default=".", help="folder for the copy (default: here)")
    args = _parse(parser, line)
    if args is None:
        return None
    try:
        path = copy(args.name, args.dest, data=args.data)
    except TemplateError as exc:
        print(f"nps_template: {exc}")
        return None
    print(f"Created {path}: open it and run all cells.")
    return path


def nps(line: str) -> Any:
    """``%nps FILE [--by COL]``: the NPS of a file with its interval, and the load report."""
    from .loading import read_survey
    from .scoring import score, summarize

    parser = argparse.ArgumentParser(prog="%nps", add_help=True)
    parser.add_argument("file", help="CSV, TSV, Excel, SPSS (.sav), Stata (.dta) or Parquet export")
    parser.add_argument("--by", action="append", default=[], help="group column")
    args = _parse(parser, line)
    if args is None:
        return None
    try:
        df, report = read_survey(args.file)
    except (ValueError, FileNotFoundError, KeyError) as exc:
        print(f"nps: {exc}")
        return None
    print(score(df["score"]))
    print(report)
    if args.by:
        return summarize(df, by=args.by)[[*args.by, "n", "nps", "ci_low", "ci_high",
                                          "small_n"]]
    return None


def load_ipython_extension(ipython: Any) -> None:
    ipython.register_magic_function(nps_template, "line", "nps_template")
    ipython.register_magic_function(nps, "line", "nps")
