"""One self-contained HTML report: the template notebooks run on a survey export.

The report *is* the notebooks (executed with papermill on the user's file), so the two can
never disagree. Code is hidden, charts are inline SVG, widgets show static views, and the
page holds no external reference (no CDN scripts, fonts or MathJax), so it opens offline.

Split by concern: ``config`` (what the report runs with: detected, asked for, refused),
``page`` (the HTML: converted notebooks, the first screen, the boxes, the page around them).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._registry import REPORT_TITLES as _REPORT_TITLES
from .._registry import TEMPLATES as _REGISTRY
from ..markup import REPORT_ENV, STATIC_ENV, sanitize_html
from .config import (
    MIN_COMMENTS,
    _notebook_parameters,
    config_toml,
    load_configured,
    read_config,
    resolve_config,
)
from .page import convert, first_screen, how_read, not_in_file, render_page

__all__ = ["TEMPLATES", "ReportResult", "build_report", "config_toml", "read_config",
           "resolve_config", "template_path"]

#: the template notebooks, in report order, with their part titles: the library's one
#: template registry (nps_toolkit/_registry.py), as the Launcher and notebook builder read it
TEMPLATES: dict[str, str] = {file: _REPORT_TITLES[name]
                             for name, (file, _) in _REGISTRY.items()}


#: run at the start of each report kernel: jsonschema (imported by altair) imports
#: rfc3987-syntax when it is installed (jupyter-events' ``jsonschema[format-nongpl]`` brings
#: it), which builds a parser at import: 0.95 s of a 2.2 s import here, per kernel, for an
#: IRI format check no chart spec uses (jsonschema issue 1428). Marking it absent makes
#: jsonschema skip that one check (it imports it under ``suppress(ImportError)``). Only the
#: report's own kernels: nothing changes in the analyst's session.
KERNEL_FAST_IMPORTS = ("--IPKernelApp.exec_lines="
                       "import sys; sys.modules.setdefault('rfc3987_syntax', None)")


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
    from .._registry import template_file

    return template_file(name)


def _parameters(source: str | None, columns: dict[str, str | None]) -> dict[str, Any]:
    params: dict[str, Any] = {"data_path": source}
    # an empty name leaves the role out (--comment ''): the notebooks read it as False
    params.update({k: (False if v == "" else v) for k, v in columns.items() if v is not None})
    return params


def _language_hint(data: Any, lang: str, languages: dict[str, str],
                   suggest: Any) -> list[str]:
    """Lines for the "How this report read your file" box when most comments are in a
    supported language other than the report's (which ``--lang`` would suit), or in a
    language the comment analysis has no word lists for (Portuguese, Italian...)."""
    from ..i18n import tr

    if "comment" not in data.columns:
        return []
    from ..text import prepare_comments

    prepared = prepare_comments(data)
    said = prepared.loc[prepared["is_answer"], "comment_language"]
    code = suggest(said.dropna())
    if code is None and lang != "en":
        english = (said == "en").sum()
        code = "en" if english * 2 > len(said) and len(said) else None
    from babel import Locale

    from ..i18n import _LOCALES
    from ..text.prepare import LANGUAGES as WORD_LISTS

    lines = []
    if code is not None and code != lang:
        name = Locale.parse(_LOCALES[code]).get_language_name(_LOCALES[lang])
        lines.append(tr("language: most comments are in {language}; --lang {code} would "
                        "write this report in it", language=name, code=code))
    counts = said.dropna().value_counts()
    main = str(counts.index[0]) if len(counts) else None
    if main not in (None, "und", *WORD_LISTS) and counts.iloc[0] * 2 > len(said):
        # a language detected but without word lists (Portuguese, Italian...): said, so that
        # themes coded with other languages' patterns are read with care
        name = Locale.parse(main).get_language_name(_LOCALES[lang])
        lines.append(tr("comments: most are in {language} ({share:.0%}), which the comment "
                        "analysis has no word lists for: themes, word lists and sentiment "
                        "words are matched with every supported language's patterns (related "
                        "languages share some); the sentiment learnt from the scores and the "
                        "discovered themes need no word list", language=name,
                        share=counts.iloc[0] / len(said)))
    return lines


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
                 customers: str | Path | list[str | Path] | None = None,
                 keep_notebooks: str | Path | None = None,
                 progress: bool = True, parameters: dict[str, Any] | None = None,
                 config: dict[str, Any] | None = None, lang: str | None = None) -> ReportResult:
    """Run the template notebooks on a survey export and write one offline HTML report.

    Parameters
    ----------
    source : path, optional
        The export (CSV, TSV, Excel, SPSS, Stata, Parquet, JSON); the bundled sample when omitted.
    output : path, default "nps-report.html"
    score, comment, date : str, optional
        Column names, when :func:`nps_toolkit.read_survey` detection picks the wrong ones.
    orders, customers : path, optional
        The order log (:func:`nps_toolkit.read_orders`) and the customer list
        (:func:`nps_toolkit.read_customers`; several paths for several lists, stacked):
        with an order log the report gains the growth
        and representativeness section (the bundled sample comes with both); the customer
        list's columns (plan, region, value...) are joined to the answers by customer id
        (:func:`nps_toolkit.join_customers`) and chosen from as the survey's own are.
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
    lang : str, optional
        The language the report speaks: ``"en"`` (default), ``"fr"``, ``"es"``, ``"de"``,
        ``"ru"``, ``"ko"``, ``"zh"`` (simplified Chinese) or ``"hr"`` (also ``lang`` in
        ``config``). Everything the report says is translated and its numbers, percentages
        and dates follow the locale; the data (comments, column and group names) is shown as
        it is. When most comments are in another supported language, the "How this report
        read your file" box says which ``--lang`` would suit.

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
    from ..i18n import _check, set_language

    chosen = _check(lang if lang is not None else (config or {}).get("lang"))
    previous = set_language(chosen)  # the profile's reasons and the page are written in it
    try:
        return _build(source, output=output, score=score, comment=comment, date=date,
                      orders=orders, customers=customers, keep_notebooks=keep_notebooks,
                      progress=progress, parameters=parameters,
                      config={**(config or {}), **({"lang": chosen} if lang is not None
                                                   else {})})
    finally:
        set_language(previous)


def _build(source: str | Path | None, *, output: str | Path, score: str | None,
           comment: str | None, date: str | None, orders: str | Path | None,
           customers: str | Path | None, keep_notebooks: str | Path | None, progress: bool,
           parameters: dict[str, Any] | None, config: dict[str, Any]) -> ReportResult:
    import papermill

    from ..i18n import LANGUAGES, get_language, gettext, suggest_language, tr

    started = time.perf_counter()
    # every path absolute from the start: nothing below depends on the process's directory
    output = Path(output).resolve()
    keep_notebooks = Path(keep_notebooks).resolve() if keep_notebooks else None
    if source is not None and not Path(source).is_file():
        raise FileNotFoundError(f"no such file: {source}")
    # several customer lists (a list per year or region) are read and stacked as one
    lists = ([customers] if isinstance(customers, (str, Path)) else list(customers)
             if customers is not None else [])
    customers = (lists[0] if len(lists) == 1 else lists) if lists else None
    _refuse_overwriting_inputs(Path(output), {"export": source, "order log": orders,
                                              **{f"customer list {k + 1}": one
                                                 for k, one in enumerate(lists)}})
    # read once here: an unreadable file fails fast with the loader's clear message, and a
    # notebook whose columns are missing is skipped with a note instead of failing
    asked = dict(config or {})
    for key, given in (("score", score), ("comment", comment), ("date", date)):
        if given is not None:
            asked[key] = given
    for one in lists:
        if not Path(one).is_file():
            raise FileNotFoundError(f"no such file: {one}")
    data, profile, merged = load_configured(source, asked, customers)
    customer_col = asked.get("customer")  # found by the customer list's ids, perhaps
    score, comment, date = asked.get("score"), asked.get("comment"), asked.get("date")
    period_column = merged.get("period") or (parameters or {}).get("period")
    skip = {}
    if "comment" not in data.columns:
        skip["02_followup_text_analysis.ipynb"] = "a comment column: --comment COL"
    else:
        from ..text import prepare_comments

        said = int(prepare_comments(data)["is_answer"].sum())
        if said < MIN_COMMENTS:
            skip["02_followup_text_analysis.ipynb"] = tr(
                "at least {minimum} comments that say something (this file has {said}; blank, "
                "one-letter and 'n/a' answers do not count)", minimum=MIN_COMMENTS, said=said)
    if source is not None and orders is None and customers is None:
        skip["04_growth_and_representativeness.ipynb"] = tr(
            "an order log (customer, order date, amount), to see whether NPS predicts "
            "repurchase and revenue: --orders FILE (and --customers FILE for response rates)")
    if orders is not None and not Path(orders).is_file():
        raise FileNotFoundError(f"no such file: {orders}")
    if "date" not in data.columns and not (period_column and period_column in data.columns):
        skip["03_trend_review.ipynb"] = tr("a date or a period column: --date COL or --period "
                                           "COL")
    params = _parameters(None if source is None else str(Path(source).resolve()),
                         {"score": score, "comment": comment, "date": date})
    params.update(_notebook_parameters(merged))
    if customer_col and customer_col != "customer_id":
        params["customer_id"] = customer_col  # the notebooks read the file as read here
    if orders is not None:
        params["orders_path"] = str(Path(orders).resolve())
    if lists:
        paths = [str(Path(one).resolve()) for one in lists]
        params["customers_path"] = paths[0] if len(paths) == 1 else paths
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
    sections, kept, left_out = [], [], []
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
            # cells tagged "interactive" (the dashboard, the comment browser) show nothing in
            # the page: not run at all (the dashboard alone took 3 s of a 9 s notebook)
            import nbformat

            template = nbformat.read(str(templates[name]), as_version=4)
            template.cells = [c for c in template.cells
                              if "interactive" not in c.metadata.get("tags", [])]
            for cell in template.cells:  # the prose and the folded tables' titles, translated
                if cell.cell_type == "markdown":
                    cell.source = gettext(cell.source)
                elif "summary" in cell.metadata:
                    cell.metadata["summary"] = gettext(cell.metadata["summary"])
            to_run = work / f".template-{name}"
            nbformat.write(template, str(to_run))
            papermill.execute_notebook(str(to_run), str(executed),
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
                                       # localhost is unencrypted, and now and then logs
                                       # "KeyboardInterrupt caught" as it is shut down:
                                       # noise in the progress display (cell errors still
                                       # reach us as messages, not as kernel logs)
                                       extra_arguments=["--IPKernelApp.log_level=CRITICAL",
                                                        KERNEL_FAST_IMPORTS])
            to_run.unlink()
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
                body, heads, dropped, warned = convert(executed, f"s{i}")
                sections.append((body, heads))
                title = TEMPLATES[executed.name]
                for text in dict.fromkeys(warned):  # for whoever runs it, not in the page
                    print(f"nps-toolkit: {title} warned (not shown in the report): "
                          f"{text.strip()}", file=sys.stderr, flush=True)
                left_out.extend((title, name, needs) for name, needs in dropped)
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        if not keep_notebooks:  # the executed notebooks are in the page: nothing left behind
            shutil.rmtree(work, ignore_errors=True)
    label = tr("the bundled sample survey") if source is None else Path(source).name
    heads = [h for _, hs in sections for h in hs]
    sections.insert(0, how_read(profile, label, _language_hint(data, get_language(),
                                                               LANGUAGES, suggest_language)))
    sections.insert(0, first_screen(data, merged, heads))
    # the sections left out (what they need) and the notebooks not run; the profile's own
    # account of absent columns is in the "How this report read your file" box
    not_here = {TEMPLATES[k]: v for k, v in skip.items()}
    if not_here or left_out:
        sections.append(not_in_file(left_out, not_here))
    page = render_page(str(merged.get("title") or tr("NPS report")),
                       tr("Data: {label}. Generated by nps-toolkit; every number is computed "
                          "by the notebooks it was built from.", label=label), sections)
    # whatever a notebook let through (a link or image built from the data), the page keeps
    # nothing that runs script or calls out when opened
    page, _ = sanitize_html(page)
    out = Path(output)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return ReportResult(path=out.resolve(), source=label,
                        seconds=time.perf_counter() - started,
                        notebooks=kept if keep_notebooks else [])
