"""One self-contained HTML report: the template notebooks run on a survey export.

The report *is* the notebooks (executed with papermill on the user's file), so the two can
never disagree. Code is hidden, charts are inline SVG, widgets show static views, and the
page holds no external reference (no CDN scripts, fonts or MathJax), so it opens offline.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .markup import REPORT_ENV, sanitize_html
from .widgets.custom import STATIC_ENV

__all__ = ["TEMPLATES", "ReportResult", "build_report", "config_toml", "read_config",
           "resolve_config", "template_path"]

#: the template notebooks, in report order, with their section titles
TEMPLATES: dict[str, str] = {
    "01_calculation.ipynb": "NPS calculation",
    "02_followup_text_analysis.ipynb": "Follow-up comments",
    "03_trend_review.ipynb": "Trend review",
    "04_growth_and_representativeness.ipynb": "Growth and representativeness",
}

_CSS = """
body { font-family: "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0;
  color: #222; line-height: 1.45; }
nav { position: fixed; top: 0; left: 0; bottom: 0; width: 260px; overflow-y: auto;
  background: #f6f6f6; border-right: 1px solid #ddd; padding: 16px; font-size: 13px;
  box-sizing: border-box; }
nav ul { padding-left: 0; list-style: none; } nav li { margin: 3px 0; } nav a { color: #0050a0; }
main { margin-left: 280px; padding: 16px 28px 60px; max-width: 1100px; min-width: 0;
  box-sizing: border-box; }
/* nothing wider than the column: wide tables scroll inside their box, charts shrink */
.jp-OutputArea-output, .output_area, .how-read { overflow-x: auto; max-width: 100%; }
img { max-width: 100%; height: auto; }
.first-screen h1 { font-size: 1.6em; margin-top: 24px; }
h1 { border-bottom: 2px solid #0072B2; padding-bottom: 4px; margin-top: 48px; }
.anchor-link { display: none; }
pre { background: #f7f7f7; padding: 8px 10px; overflow-x: auto; font-size: 12px;
  white-space: pre-wrap; }
table.dataframe { border-collapse: collapse; font-size: 12px; margin: 8px 0; }
table.dataframe th, table.dataframe td { border: 1px solid #ddd; padding: 3px 6px;
  text-align: right; }
table.dataframe th { background: #f0f0f0; }
table.readable td, table.readable th { text-align: left; vertical-align: top; }
table.readable td.num, table.readable th.num { text-align: right; white-space: nowrap; }
svg { max-width: 100%; height: auto; }
.nps-dashboard-static { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.report-meta { color: #555; font-size: 13px; }
.jp-OutputArea-output, .output_area { margin: 6px 0; }
"""


@dataclass
class ReportResult:
    """Where the report was written, and what it was built from."""

    path: Path
    source: str
    seconds: float
    notebooks: list[Path] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Report written to {self.path} ({self.seconds:.0f} s, from {self.source})"


def template_path(name: str) -> Path:
    """A template notebook, found as the Launcher finds it (installed wheel, else source)."""
    from nps_toolkit_lab.copier import template_file

    return template_file(name)


def _parameters(source: str | None, columns: dict[str, str | None]) -> dict[str, Any]:
    params: dict[str, Any] = {"data_path": source}
    params.update({k: v for k, v in columns.items() if v is not None})
    return params


#: fewer analysable comments than this and the comment section is left out (said why)
MIN_COMMENTS = 10

#: the configuration of the bundled sample (an online shop): compared with retail
SAMPLE_CONFIG = {"industry": "online retail", "benchmark": "retail"}


def resolve_config(data: Any, config: dict[str, Any] | None = None, *,
                   sample: bool = False) -> tuple[Any, dict[str, Any]]:
    """The report's configuration for a loaded export: what :func:`profile_export` detects,
    overridden by ``config`` (the CLI's options, a config file). Unknown keys are refused
    with the list of valid ones. Returns the profile and the merged configuration."""
    from .loading import CONFIG_KEYS, profile_export

    config = dict(config or {})
    unknown = sorted(set(config) - set(CONFIG_KEYS))
    if unknown:
        raise ValueError(f"unknown configuration key(s) {unknown}; the keys are "
                         f"{list(CONFIG_KEYS)}")
    profile = profile_export(data, codeframes="codeframe" not in config)
    merged = dict(profile.config)
    if sample:
        merged.update(SAMPLE_CONFIG)
    for key, value in config.items():
        if value is None:
            continue
        if key in ("segments", "drivers") and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        merged[key] = value
        profile.reasons[key] = f"{value!r}, as asked"
    if merged.get("industry") and merged.get("benchmark") is None:
        merged["benchmark"] = merged["industry"]
    if merged.get("benchmark") is not None:
        profile.reasons["benchmark"] = (f"{merged['benchmark']!r}" + (
            ", as asked" if "benchmark" in config or "industry" in config else
            " (the bundled sample is an online shop)"))
    # a column named in the configuration must exist (the loader has already read the
    # score, comment, date and customer columns asked for, under their canonical names)
    for key in ("segments", "drivers", "period", "value"):
        names = merged.get(key) or []
        for name in [names] if isinstance(names, str) else names:
            if name not in data.columns:
                raise ValueError(f"{key}: no column {name!r} in the file; its columns are "
                                 f"{[str(c) for c in data.columns][:40]}")
    merged["customer"] = "customer_id" if "customer_id" in data.columns else None
    bench = merged.get("benchmark")
    if isinstance(bench, str):
        try:
            float(bench)
        except ValueError:  # a name: one the benchmark table knows, checked before running
            from .benchmarks import benchmarks, compare_to_benchmark

            try:
                compare_to_benchmark(data, benchmark=bench)
            except ValueError as exc:
                groups = sorted(benchmarks()["industry_group"].dropna().unique())
                raise ValueError(f"benchmark/industry {bench!r}: {exc}. Industry groups with "
                                 f"sourced figures: {groups}; or give your target as a "
                                 "number (--benchmark 30)") from exc
    return profile, merged


def config_toml(merged: dict[str, Any], reasons: dict[str, str] | None = None) -> str:
    """A configuration as TOML for ``--config`` (keys without a value commented out), each
    key with why it was chosen as a comment.

    >>> print(config_toml({"segments": ["region"], "value": None, "benchmark": 29}))
    segments = ["region"]
    # value =
    benchmark = 29
    """
    import json

    lines = []
    for key, value in merged.items():
        if reasons and key in reasons:
            lines.append(f"# {reasons[key]}")
        if value is None or value == []:
            lines.append(f"# {key} =")
        elif isinstance(value, bool) or not isinstance(value, (int, float, str, list)):
            lines.append(f"{key} = {json.dumps(str(value), ensure_ascii=False)}")
        else:  # JSON strings, numbers and lists of strings are TOML too
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines)


def read_config(path: str | Path) -> dict[str, Any]:
    """A ``--config`` TOML file as a dict (keys checked by :func:`resolve_config`)."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path} is not valid TOML ({exc}); write keys as in "
                         "--print-config, e.g. segments = [\"region\"]") from exc


def _notebook_parameters(merged: dict[str, Any]) -> dict[str, Any]:
    """The configuration as the notebooks' parameters (the same names where they exist)."""
    out: dict[str, Any] = {
        "segments": list(merged.get("segments") or []),
        "customer": "customer_id" if merged.get("customer") else None,
        "value": merged.get("value"), "drivers": list(merged.get("drivers") or []),
        "period": merged.get("period"), "codeframe": merged.get("codeframe") or "ecommerce",
        "benchmark": merged.get("benchmark"), "industry": merged.get("industry") or "",
    }
    if isinstance(out["benchmark"], str):
        try:
            out["benchmark"] = float(out["benchmark"])
        except ValueError:
            pass
    return out


def _convert(path: Path, prefix: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Notebook -> body HTML without code (nbconvert's basic template: no scripts, no CDN),
    its heading ids prefixed so the notebooks can share one page."""
    from nbconvert import HTMLExporter
    from traitlets.config import Config

    config = Config()
    config.HTMLExporter.exclude_input = True
    config.HTMLExporter.exclude_input_prompt = True
    config.HTMLExporter.exclude_output_prompt = True
    config.TagRemovePreprocessor.enabled = True
    config.TagRemovePreprocessor.remove_cell_tags = {"report-skip", "parameters",
                                                     "injected-parameters"}
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    # widget models created while running (shown as static views) leave state that nbconvert
    # would embed as a script: the report has no widget manager, so drop it
    nb.metadata.pop("widgets", None)
    body, _ = HTMLExporter(config=config, template_name="basic").from_notebook_node(nb)
    # nbconvert's generic alt text says nothing; every chart's numbers are printed beside it
    body = body.replace('alt="No description has been provided for this image"',
                        'alt="Chart (its numbers are in the text and tables around it)"')
    body = re.sub(r'id="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', body)
    body = re.sub(r'href="#([^"]+)"', lambda m: f'href="#{prefix}-{m.group(1)}"', body)
    heads = [(int(level), ident, re.sub(r"<[^>]+>", "", text))
             for level, ident, text in re.findall(
                 r'<h([12]) id="([^"]+)">(.*?)<a class="anchor-link"', body)]
    return body, heads


def _link(heads: list[tuple[int, str, str]], prefix: str, starts: str) -> str | None:
    """The anchor of the report section whose heading starts with ``starts``."""
    for _, ident, text in heads:
        if ident.startswith(prefix) and html.unescape(text).strip().startswith(starts):
            return ident
    return None


def _first_screen(data: Any, merged: dict[str, Any],
                  heads: list[tuple[int, str, str]]) -> tuple[str, list]:
    """The headline (NPS, interval, n; the last change; the benchmark when asked) and the
    findings that matter most, each a sentence with its number and a link to its section.
    Computed here from the same data and configuration as the notebooks."""
    from . import scoring
    from .segments import segments as segments_of
    from .trends import trend

    result = scoring.score(data["score"])
    head = (f"NPS {result.nps:.1f} (95% interval {result.ci_low:.1f} to {result.ci_high:.1f}, "
            f"{result.n:,} responses)")
    findings: list[tuple[str, str | None]] = []
    timing = ({"date": "date", "freq": "Q"} if "date" in data.columns else
              {"date": None, "period": merged["period"]} if merged.get("period") else None)
    if timing is not None:
        try:
            t = trend(data, **timing)
        except ValueError:
            t = None
        if t is not None and len(t) >= 2 and pd.notna(t["change"].iloc[-1]):
            last = t.iloc[-1]
            when = (f"{merged['period']} = {last['period']}" if timing.get("period")
                    else str(last["period"]))
            head += (f"; {when}: {last['nps']:.1f}, {last['change']:+.1f} points on "
                     "the period before" + (" (a real change)" if last["significant_change"]
                                            else " (within the noise)"))
            real = t[t["significant_change"]]
            if len(real):
                r = real.iloc[-1]
                findings.append((f"The latest real change: {r['period']}, {r['change']:+.1f} "
                                 f"points (p = {r['change_p_value']:.2g}).",
                                 _link(heads, "s3", "1.")))
    worst = None
    for column in merged.get("segments") or []:
        table = segments_of(data, by=column)
        below = table[table["verdict"] == "significantly below the rest"]
        for row in below.itertuples():
            if worst is None or row.difference < worst[2]:
                worst = (column, getattr(row, column), row.difference, row.nps, row.n)
    if worst is not None:
        findings.append((f"{worst[0]} = {worst[1]} is furthest below the rest: NPS "
                         f"{worst[3]:.1f} ({worst[2]:+.1f} points, {worst[4]:,} responses).",
                         _link(heads, "s1", "4.")))
    if "comment" in data.columns:
        try:
            from .text import analyze_comments

            impact = analyze_comments(data, codeframe=merged.get("codeframe") or "ecommerce",
                                      discover=False).impact
        except (ValueError, TypeError):
            impact = None
        if impact is not None and len(impact) and impact["nps_gain_if_fixed"].iloc[0] > 0:
            top = impact.iloc[0]
            findings.append((f"{top['theme']} costs the most: fixing it for the detractors who "
                             f"mention it would add about {top['nps_gain_if_fixed']:.1f} "
                             "points.", _link(heads, "s2", "2.")))
    if merged.get("value"):
        from .segments import value_analysis

        try:
            va = value_analysis(data, value=merged["value"],
                                customer="customer_id" if merged.get("customer") else None,
                                date="date" if "date" in data.columns else None)
            lead, rest = va.answer.split(". ", 1)
            findings.append((f"Are the most valuable customers the biggest promoters? {lead}: "
                             + rest.split("; ")[0] + ".", _link(heads, "s1", "5.")))
        except ValueError:
            pass
    bench = merged.get("benchmark")
    if bench is not None:
        from .benchmarks import compare_to_benchmark

        try:
            cmp_ = compare_to_benchmark(data, benchmark=bench,
                                        industry=merged.get("industry") or None)
            findings.append((str(cmp_).split(". ")[0] + ".", _link(heads, "s1", "6.")))
        except ValueError:
            pass
    items = "".join(
        f"<li>{html.escape(text)}"
        + (f' <a href="#{html.escape(link)}">(section)</a>' if link else "") + "</li>"
        for text, link in findings[:5])
    body = (f'<section class="first-screen"><h1 id="headline">{html.escape(head)}</h1>'
            + (f"<p><b>What matters most</b></p><ul>{items}</ul>" if items else "")
            + "</section>")
    return body, [(1, "headline", "Headline")]


def _how_read(profile: Any, label: str) -> tuple[str, list]:
    """The "How this report read your file" box: every choice, with the option that
    changes it (text escaped: column names are data)."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in profile.lines())
    body = (f'<section class="how-read"><h1 id="how-read">How this report read your file</h1>'
            f"<p>{html.escape(label)}: each choice below can be changed with the option in "
            "brackets, or in a configuration file (<code>--config nps.toml</code>; "
            f"<code>--print-config</code> writes this one).</p><ul>{items}</ul></section>")
    return body, [(1, "how-read", "How this report read your file")]


def _not_in_file(missing: dict[str, str]) -> tuple[str, list]:
    items = "".join(f"<li><b>{html.escape(k)}</b>: needs {html.escape(v)}</li>"
                    for k, v in missing.items())
    return (f'<h1 id="not-in-file">Not in this file</h1><ul>{items}</ul>',
            [(1, "not-in-file", "Not in this file")])


def _page(title: str, meta: str, sections: Sequence[tuple[str, list]]) -> str:
    toc = []
    for body, heads in sections:
        del body
        items = []
        for level, ident, text in heads:
            if level == 1:
                if items:
                    toc.append("<ul>" + "".join(items) + "</ul>")
                    items = []
                toc.append(f'<p><b><a href="#{html.escape(ident)}">{text}</a></b></p>')
            else:
                items.append(f'<li><a href="#{html.escape(ident)}">{text}</a></li>')
        if items:
            toc.append("<ul>" + "".join(items) + "</ul>")
    main = "\n".join(body for body, _ in sections)
    return (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width'><title>{html.escape(title)}"
        f"</title><style>{_CSS}</style></head><body>"
        f"<nav><p><b>{html.escape(title)}</b></p><p class='report-meta'>{html.escape(meta)}"
        f"</p>{''.join(toc)}</nav><main>{main}</main></body></html>\n")


def _refuse_overwriting_inputs(output: Path, inputs: dict[str, Any]) -> None:
    """The report must never be written over a file it reads (``-o survey.csv``)."""
    target = output.resolve()
    for role, given in inputs.items():
        if given is None:
            continue
        path = Path(given)
        same = path.resolve() == target
        if not same and target.exists() and path.exists():
            same = os.path.samefile(path, target)  # a link, or another spelling of the path
        if same:
            raise FileExistsError(f"the report would overwrite the {role} it reads "
                                  f"({path}); choose another output file (-o report.html)")


def build_report(source: str | Path | None = None, *, output: str | Path = "nps-report.html",
                 score: str | None = None, comment: str | None = None,
                 date: str | None = None, orders: str | Path | None = None,
                 customers: str | Path | None = None,
                 keep_notebooks: str | Path | None = None,
                 progress: bool = True, parameters: dict[str, Any] | None = None,
                 config: dict[str, Any] | None = None) -> ReportResult:
    """Run the template notebooks on a survey export and write one offline HTML report.

    Parameters
    ----------
    source : path, optional
        The export (CSV, TSV, Excel, Parquet); the bundled sample when omitted.
    output : path, default "nps-report.html"
    score, comment, date : str, optional
        Column names, when :func:`nps_toolkit.read_survey` detection picks the wrong ones.
    orders, customers : path, optional
        The order log (:func:`nps_toolkit.read_orders`) and the customer list: with an order
        log the report gains the growth and representativeness section (the bundled sample
        comes with both).
    keep_notebooks : folder, optional
        Also keep the executed notebooks there.
    progress : bool
        Show a progress bar per notebook.
    parameters : dict, optional
        Further notebook parameters (e.g. ``{"freq": "M"}``), applied last.
    config : dict, optional
        The report's configuration (keys ``nps_toolkit.loading.CONFIG_KEYS``: ``segments``,
        ``period``, ``value``, ``customer``, ``drivers``, ``codeframe``, ``industry``,
        ``benchmark``, ``title``...), over what :func:`nps_toolkit.profile_export` detects.
        Every choice is shown in the report's "How this report read your file" box.

    Returns
    -------
    ReportResult
        ``path`` of the report, the ``source``, ``seconds`` taken and the kept ``notebooks``.

    Raises
    ------
    FileNotFoundError, ValueError
        When the export cannot be read (checked before any notebook runs).
    FileExistsError
        When ``output`` is one of the files the report reads.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.html"
    >>> result = build_report(output=out, progress=False)  # doctest: +SKIP
    >>> "<script" in out.read_text()  # doctest: +SKIP
    False
    """
    import papermill

    from .loading import read_survey

    started = time.perf_counter()
    # every path absolute from the start: nothing below depends on the process's directory
    output = Path(output).resolve()
    keep_notebooks = Path(keep_notebooks).resolve() if keep_notebooks else None
    if source is not None and not Path(source).is_file():
        raise FileNotFoundError(f"no such file: {source}")
    _refuse_overwriting_inputs(Path(output), {"export": source, "order log": orders,
                                              "customer list": customers})
    # read once here: an unreadable file fails fast with the loader's clear message, and a
    # notebook whose columns are missing is skipped with a note instead of failing
    from .datasets import sample_path

    asked = dict(config or {})
    for key, given in (("score", score), ("comment", comment), ("date", date)):
        if given is not None:
            asked[key] = given
    customer_col = asked.get("customer")
    data, _ = read_survey(source if source is not None else sample_path(),
                          score=asked.get("score"), comment=asked.get("comment"),
                          date=asked.get("date"),
                          customer_id=customer_col if customer_col != "customer_id" else None,
                          on_invalid="exclude")
    score, comment, date = asked.get("score"), asked.get("comment"), asked.get("date")
    profile, merged = resolve_config(data, {k: v for k, v in asked.items()
                                            if k not in ("score", "comment", "date",
                                                         "customer")},
                                     sample=source is None)
    period_column = merged.get("period") or (parameters or {}).get("period")
    skip = {}
    if "comment" not in data.columns:
        skip["02_followup_text_analysis.ipynb"] = "a comment column: --comment COL"
    else:
        from .text import prepare_comments

        said = int(prepare_comments(data)["is_answer"].sum())
        if said < MIN_COMMENTS:
            skip["02_followup_text_analysis.ipynb"] = (
                f"at least {MIN_COMMENTS} comments that say something (this file has {said}; "
                "blank, one-letter and 'n/a' answers do not count)")
    if source is not None and orders is None:
        skip["04_growth_and_representativeness.ipynb"] = (
            "an order log (customer, order date, amount), to see whether NPS predicts "
            "repurchase and revenue: --orders FILE (and --customers FILE for response rates)")
    for given in (orders, customers):
        if given is not None and not Path(given).is_file():
            raise FileNotFoundError(f"no such file: {given}")
    if "date" not in data.columns and not (period_column and period_column in data.columns):
        skip["03_trend_review.ipynb"] = "a date or a period column: --date COL or --period COL"
    params = _parameters(None if source is None else str(Path(source).resolve()),
                         {"score": score, "comment": comment, "date": date})
    params.update(_notebook_parameters(merged))
    if customer_col and customer_col != "customer_id":
        params["customer_id"] = customer_col  # the notebooks read the file as read here
    if orders is not None:
        params["orders_path"] = str(Path(orders).resolve())
    if customers is not None:
        params["customers_path"] = str(Path(customers).resolve())
    params.update(parameters or {})
    templates = {name: template_path(name) for name in TEMPLATES}
    accepted = {name: set(papermill.inspect_notebook(str(path))) for name, path in
                templates.items()}
    unknown = set(params) - set().union(*accepted.values())
    if unknown:
        raise ValueError(f"unknown notebook parameter(s) {sorted(unknown)}; the notebooks take "
                         f"{sorted(set().union(*accepted.values()))}")
    work = Path(keep_notebooks) if keep_notebooks else Path(tempfile.mkdtemp(prefix="nps-"))
    work.mkdir(parents=True, exist_ok=True)
    sections, kept = [], []
    previous = {k: os.environ.get(k) for k in (STATIC_ENV, REPORT_ENV)}
    os.environ[STATIC_ENV] = "1"  # the kernels inherit it: widgets show static views
    os.environ[REPORT_ENV] = "1"  # ... and "skipped" notes are left to "Not in this file"
    try:
        runs = []
        for i, (name, title) in enumerate(TEMPLATES.items(), 1):
            if name in skip:  # listed at the end, under "Not in this file"
                if progress:
                    print(f"[{i}/{len(TEMPLATES)}] {title}: skipped, it needs {skip[name]}",
                          flush=True)
                continue
            runs.append((i, name, title))

        def run(i: int, name: str, title: str) -> Path:
            if progress:
                print(f"[{i}/{len(TEMPLATES)}] {title}: running", flush=True)
            started_at = time.perf_counter()
            executed = work / name
            papermill.execute_notebook(str(templates[name]), str(executed),
                                       parameters={k: v for k, v in params.items()
                                                   if k in accepted[name]},
                                       kernel_name="python3", progress_bar=False,
                                       # not papermill's cwd=: it changes the whole
                                       # process's directory, and the notebooks run on
                                       # threads (one thread's restore left the process in
                                       # the removed temporary folder); the kernel starts
                                       # in the work folder instead
                                       resources={"metadata": {"path": str(work)}},
                                       # the kernel warns on every start that TCP on
                                       # localhost is unencrypted: noise in the progress
                                       # display (cell errors still reach us as messages)
                                       extra_arguments=["--IPKernelApp.log_level=ERROR"])
            if progress:
                print(f"[{i}/{len(TEMPLATES)}] {title}: done in "
                      f"{time.perf_counter() - started_at:.0f} s", flush=True)
            return executed

        # the notebooks are independent: one kernel per core at a time (each spends seconds
        # importing the stack); results are taken in report order, errors as they come
        from concurrent.futures import ThreadPoolExecutor

        workers = max(1, min(len(runs), os.cpu_count() or 1, 4))
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [(i, pool.submit(run, i, name, title)) for i, name, title in runs]
            for i, future in futures:
                executed = future.result()
                kept.append(executed)
                sections.append(_convert(executed, f"s{i}"))
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if not keep_notebooks:  # the executed notebooks are in the page: nothing left behind
            shutil.rmtree(work, ignore_errors=True)
    label = "the bundled sample survey" if source is None else Path(source).name
    heads = [h for _, hs in sections for h in hs]
    sections.insert(0, _how_read(profile, label))
    sections.insert(0, _first_screen(data, merged, heads))
    not_here = {**profile.missing, **{TEMPLATES[k]: v for k, v in skip.items()}}
    if orders is not None and customers is None and source is not None:
        not_here["response rates"] = ("a customer list with segment columns, for response "
                                      "rates and the NPS weighted to the customer base: "
                                      "--customers FILE")
    if not_here:
        sections.append(_not_in_file(not_here))
    page = _page(str(merged.get("title") or "NPS report"),
                 f"Data: {label}. Generated by nps-toolkit; every number is computed by the "
                 "notebooks it was built from.", sections)
    # whatever a notebook let through (a link or image built from the data), the page keeps
    # nothing that runs script or calls out when opened
    page, _ = sanitize_html(page)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return ReportResult(path=out.resolve(), source=label,
                        seconds=time.perf_counter() - started,
                        notebooks=kept if keep_notebooks else [])
