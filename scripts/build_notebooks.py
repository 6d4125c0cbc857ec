"""Write the four template notebooks (notebooks/*.ipynb) from the cell lists below, then
execute them in place on the bundled sample so they carry their outputs (the example reports,
compared by nbval in the tests).

Run by hand after changing a notebook or anything its outputs show:
``python scripts/build_notebooks.py`` (about a minute). Widget state is not stored.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "notebooks"

SETUP = '''\
import pandas as pd

from IPython.display import display

import nps_toolkit as nt
from nps_toolkit import charts
# say("template {value}", value=...): the template is this notebook's Markdown, every value
# from the data is escaped (a segment named "[x](javascript:...)" shows as those characters)
from nps_toolkit.markup import readable_table, say, say_list, skipped, to_markdown

charts.setup("static")  # charts drawn to SVG in the kernel: offline, in any viewer
# tables for reading: no row numbers, formatted numbers, yes/no, a dash for missing values
get_ipython().display_formatter.formatters["text/html"].for_type(pd.DataFrame, readable_table)
pd.set_option("display.float_format", "{:,.1f}".format)
pd.set_option("display.max_columns", 30)
pd.set_option("display.width", 120)


def p_values(table: pd.DataFrame) -> pd.DataFrame:
    """p-value columns written as 2 significant digits (1.2e-05), the rest as they are."""
    cols = [c for c in table.columns if "p_value" in c or c == "p_adjusted"]
    return table.assign(**{c: table[c].map(lambda v: "–" if pd.isna(v) else f"{v:.2g}")
                           for c in cols})


def has(column) -> bool:
    return bool(column) and column in df.columns
'''

# the data parameters every notebook shares (01 spells them out with its own comments)
DATA_PARAMS = '''\
# Survey export (None = the bundled sample survey)
data_path: str = None
# Score / comment / date columns when detection picks the wrong ones (None = detect)
score: str = None
comment: str = None
date: str = None
# Customer id column when detection misses it (None = detect)
customer_id: str = None'''

LOAD = '''\
df, load_report = nt.read_survey(data_path or nt.sample_path(), score=score, comment=comment,
                                 date=date, customer_id=customer_id, on_invalid="exclude")
print(load_report)'''


def md(text: str, *, tags: list[str] | None = None):
    cell = new_markdown_cell(text.strip("\n"))
    if tags:
        cell.metadata["tags"] = tags
    return cell


def code(src: str, *, tags: list[str] | None = None):
    cell = new_code_cell(src.strip("\n"))
    if tags:
        cell.metadata["tags"] = tags
    return cell


# --------------------------------------------------------------------------- 01 calculation
CALCULATION = [
    md("""
# NPS calculation: from a raw export to a score you can defend

This notebook reads a survey export, says exactly what it kept and excluded, computes the Net
Promoter Score with its uncertainty, breaks it down by segment and customer value, compares it
with a benchmark, and ends with the list of customers to call.

**NPS** = % promoters (9-10) − % detractors (0-6), from −100 to 100. Passives (7-8) count in
the total but in neither group.
"""),
    md("## Parameters\n\nPoint `data_path` at your own export and run all cells (*Run > Run "
       "All Cells*); edit the rest and everything below adapts. Missing columns are skipped "
       "with a note.", tags=["report-skip"]),
    code('''
# Survey export to read (CSV, TSV, Excel, Parquet); None = the bundled sample survey
data_path: str = None
# Score / comment / date columns when detection picks the wrong ones (None = detect)
score: str = None
comment: str = None
date: str = None
# Customer id column when detection misses it (None = detect)
customer_id: str = None
# Segment columns to compare (those not in the data are skipped)
segments: list = ["touchpoint", "channel", "persona", "support_agent"]
# Customer id and customer value columns (None = skip value tiers and the call list)
customer: str = "customer_id"
value: str = "customer_lifetime_value"
# Further 0-10 questions (satisfaction, ease...): what drives the score ([] = none)
drivers: list = []
# Benchmark: an industry group of nt.benchmarks() ("retail", ...), a number (your target),
# or None (no comparison)
benchmark = "retail"
# Your industry in words (a warning is added if the benchmark is another industry)
industry: str = "online retail"
# Confidence level of every interval
confidence: float = 0.95
# Where to write the CRM call list (None = do not write a file)
export_path: str = None
''', tags=["parameters"]),
    code(SETUP),
    md("""
## 1. Loading the export: read the load report first

The loader detects the file's encoding, delimiter and vendor layout and which columns hold
the score, the comment and the date. Its report says what was read, kept and excluded, by row.
**Read it before any number below**: a wrong column or many excluded rows change everything.
"""),
    code(LOAD),
    code('''
excluded = load_report.rows_read - load_report.rows_kept
say("**{kept:,} of {read:,} rows are scored** ({excluded:,} excluded, {share:.1%}). "
    + ("Check the reasons above: if they are many, fix the export before going on."
       if excluded / max(1, load_report.rows_read) > 0.05
       else "Few rows were excluded, so they cannot move the score much."),
    kept=load_report.rows_kept, read=load_report.rows_read, excluded=excluded,
    share=excluded / max(1, load_report.rows_read))
'''),
    md("## 2. Classification: promoters, passives, detractors"),
    code('''
categories = nt.classify(df["score"]).value_counts().reindex(nt.CATEGORIES)
categories.to_frame("responses").assign(share=lambda t: (100 * t["responses"]
                                                         / t["responses"].sum()).round(1))
'''),
    code('charts.distribution(df) | charts.categories(df)'),
    md("""
## 3. The NPS and its interval

The interval is the range of true NPS values consistent with these answers (adjusted Wald,
Rocks 2016). It is the honest way to read the score: two surveys whose intervals overlap
widely cannot be told apart.
"""),
    code('''
result = nt.score(df["score"], confidence=confidence)
print(result)
'''),
    code('charts.score_card(result)'),
    code('''
small = nt.from_counts(promoters=round(result.promoter_share * 50),
                       passives=round(result.passive_share * 50),
                       detractors=50 - round(result.promoter_share * 50)
                       - round(result.passive_share * 50), confidence=confidence)
half_width = (result.ci_high - result.ci_low) / 2
needed = nt.sample_size(margin=5, confidence=confidence)
say("**NPS {r.nps:.1f}**, {confidence:.0%} interval {r.ci_low:.1f} to {r.ci_high:.1f} "
    "(±{half_width:.1f} points) from {r.n:,} responses. With the same answers from only 50 "
    "people the interval would run from {small.ci_low:.1f} to {small.ci_high:.1f}: a small "
    "survey cannot tell a good month from a bad one. A margin of ±5 points needs about "
    "{needed:,} responses.", r=result, confidence=confidence, half_width=half_width,
    small=small, needed=needed)
'''),
    md("""
### Further 0-10 questions: what drives the score

When the survey asks further 0-10 questions (satisfaction, ease, intention), which of them
moves with the recommend score, and what does the score look like with them averaged in?
"""),
    code('''
present = [c for c in drivers if has(c)]
if present and has("score"):
    importance = nt.driver_importance(df, drivers=present, target="score", seed=0)
    display(importance[["driver", "r", "share", "share_ci_low", "share_ci_high", "nps_low",
                        "nps_high", "nps_gap"]])
    top_driver = importance.iloc[0]
    combined = nt.combine_scores(df, ["score", *present])
    say("**{d[driver]}** explains the largest share of the recommend score's variation "
        "({d[share]:.0%}, interval {d[share_ci_low]:.0%} to {d[share_ci_high]:.0%}); those "
        "rating it high give an NPS of {d[nps_high]:.1f} against {d[nps_low]:.1f}. Averaged "
        "with {present} (rounded half up), the score gives an NPS of {combined:.1f} against "
        "{alone:.1f} for the recommend question alone.", d=top_driver,
        present=", ".join(present), combined=nt.score(combined).nps, alone=result.nps)
'''),
    md("""
## 4. Segments: where is it good or bad?

Each group is compared with everyone else; p-values are Holm-adjusted across the groups, so a
"significantly below" verdict is not a fluke of testing many groups. Groups under 30 responses
get no verdict.
"""),
    code('''
segment_columns = [c for c in segments if has(c)]
segment_tables = {}
for column in segment_columns:
    segment_tables[column] = nt.segments(df, by=column, confidence=confidence)
    say("**By {column}**", column=column)
    display(p_values(segment_tables[column][[column, "n", "nps", "ci_low", "ci_high",
                                             "difference", "p_adjusted", "verdict"]]))
if not segment_columns:
    skipped("None of the segment columns named in `segments` is in the data.")
'''),
    code('''
if segment_columns:
    worst_col = max(segment_tables, key=lambda c: segment_tables[c]["difference"].abs().max())
    display(charts.segments(segment_tables[worst_col]))
'''),
    code('''
findings = []
for column, table in segment_tables.items():
    below = table[table["verdict"] == "significantly below the rest"]
    for row in below.itertuples():
        findings.append(to_markdown(
            "**{column} = {value}**: NPS {r.nps:.1f} against {r.rest_nps:.1f} for the rest "
            "({r.difference:+.1f} points, adjusted p = {r.p_adjusted:.2g}, n = {r.n:,})",
            column=column, value=getattr(row, column), r=row))
if findings:
    say_list(findings, numbered=False, heading="**Significantly below the rest:**")
elif segment_columns:  # only when something was tested
    say("No segment is significantly below the rest.")
'''),
    md("## 5. Customer value: are our biggest customers our biggest promoters?"),
    code('''
if has(value):
    value_result = nt.value_analysis(df, value=value, customer=customer if has(customer)
                                     else None, date="date" if has("date") else None,
                                     confidence=confidence)
    print(value_result)
    display(value_result.by_tier[["value_tier", "n", "nps", "ci_low", "ci_high", "verdict"]])
else:
    value_result = None
    skipped("No customer value column (value = {value!r}) in the data: skipped.", value=value)
'''),
    code('charts.value_tiers(value_result) if value_result is not None else None'),
    md("## 6. Benchmark: how do we compare?"),
    code('''
comparison = None
if benchmark is not None:
    comparison = nt.compare_to_benchmark(df, benchmark=benchmark, industry=industry,
                                         confidence=confidence)
    print(comparison)
'''),
    code('charts.benchmark(comparison) if comparison is not None else None'),
    md("""
## 7. Whom to call: the action list for the CRM

One row per customer with their latest category, the next action and the follow-up question,
highest value at risk first.
"""),
    md("`export_list` writes the list as CSV or Excel that is safe to open (cells that a "
       "spreadsheet would run as formulas are neutralised): set `export_path` above.",
       tags=["report-skip"]),
    code('''
if has(customer):
    calls = nt.action_list(df, customer=customer, value=value if has(value) else None,
                           date="date" if has("date") else None,
                           comment="comment" if has("comment") else None)
    display(calls.head(10))
    if export_path:
        print(nt.export_list(calls, export_path))
    counts = calls["category"].value_counts()
    say("**{n:,} customers** on the list: {d:,} detractors to call back, {a:,} passives to "
        "ask what would make it a 9 or 10, {p:,} promoters to invite to review or refer.",
        n=len(calls), d=counts.get("detractor", 0), a=counts.get("passive", 0),
        p=counts.get("promoter", 0))
else:
    calls = None
    skipped("No customer id column: the call list needs one (`customer = ...`).")
'''),
    # interactive only: the report shows each chart and comment once, in its own section
    md("""
## 8. Explore it yourself

Filter by date, touchpoint and channel, switch the segment and the period, and click a
category on the gauge to read those customers' comments. `board.filters` holds what you chose
and `board.filtered_data` the rows, so a finding becomes code.
""", tags=["report-skip"]),
    code('''
if has("date"):
    board = nt.Dashboard(df, benchmark=comparison,
                         segments=segment_columns or None,
                         customer=customer if has(customer) else None)
    display(board)
else:
    skipped("The dashboard needs a date column: skipped.")
''', tags=["report-skip"]),
    md("## Next actions"),
    code('''
steps = []
if findings:
    steps.append(to_markdown("Look into the {n} segment(s) significantly below the rest "
                             "(section 4), starting with the largest.", n=len(findings)))
if value_result is not None:
    steps.append(to_markdown("Read the value answer in section 5 before deciding whom to "
                             "call first."))
if calls is not None:
    steps.append(to_markdown("Load the call list into the CRM; call detractors within 48 "
                             "hours."))
steps.append(to_markdown("Re-survey: the interval is ±{w:.1f} points; see the trend review "
                         "notebook for whether a change is real.", w=half_width))
say_list(steps)
'''),
]

# --------------------------------------------------------------------------- 02 text
TEXT = [
    md("""
# Follow-up comments: what promoters love and detractors hate

The question after the score ("What is the most important reason for your score?") says *why*.
This notebook counts who answered, detects the languages, codes the comments into themes,
measures what each theme costs in NPS, finds the words that separate promoters from
detractors, flags comments that contradict their score, and picks quotes. Comments are
analysed in the languages customers wrote them in; personal data is redacted.
"""),
    md("## Parameters", tags=["report-skip"]),
    code(DATA_PARAMS + '''
# Force one language for all comments, e.g. "es" (None = detect per comment)
language: str = None
# Codeframe preset: "ecommerce", "retail" (shops, branches), "saas", "banking"
codeframe: str = "ecommerce"
# Number of themes to discover beyond the codeframe
n_themes: int = 6
# Period for theme trends ("M", "Q"); used when the data has dates
freq: str = "Q"
confidence: float = 0.95
''', tags=["parameters"]),
    code(SETUP),
    md("## Loading the export", tags=["report-skip"]),
    code(LOAD, tags=["report-skip"]),
    md("## 1. Who answered, and in which languages"),
    code('''
if not has("comment"):
    raise SystemExit("This notebook needs a comment column: set `comment = ...` above.")
analysis = nt.analyze_comments(df, language=language, codeframe=codeframe,
                               n_themes=n_themes, seed=0)
account = pd.Series(analysis.account, name="comments")
account.to_frame()
'''),
    code('''
answered = analysis.comments[analysis.comments["is_answer"]]
languages = answered["comment_language"].value_counts().sort_index().sort_values(
    ascending=False, kind="stable")  # by count, then by name
display(languages.to_frame("comments"))
undetermined = int((answered["comment_language"] == "und").sum())
say("**{analysed:,} comments analysed** of {n:,} responses. The most common language is "
    "**{lang}** ({share:.0%} of comments); "
    + ("{undetermined:,} could not be assigned a language." if undetermined
       else "every comment was assigned a language."),
    analysed=analysis.account.get("analysed", len(answered)), n=len(df),
    lang=languages.index[0], share=languages.iloc[0] / languages.sum(),
    undetermined=undetermined)
'''),
    md("""
## 2. Themes and what they cost

Each comment is coded against a codeframe of themes (the preset that fits these comments
best, or your own; each comment is matched with the patterns of its own language). *NPS gain if
fixed* is how much the overall NPS would rise if the detractors who mention the theme had
been passives, with a Wilson interval.
"""),
    code('''
impact = analysis.impact
impact[["theme", "mentions", "share_of_detractor_comments", "nps_mentioning",
        "nps_gain_if_fixed", "gain_ci_low", "gain_ci_high"]]
'''),
    code('charts.theme_impact(impact)'),
    code('''
top = impact.iloc[0]
say("**{t[theme]}** costs the most: fixing it for the detractors who mention it would add "
    "about {t[nps_gain_if_fixed]:.1f} points (interval {t[gain_ci_low]:.1f} to "
    "{t[gain_ci_high]:.1f}). It comes up in {t[share_of_detractor_comments]:.0%} of "
    "detractor comments, and those mentioning it give an NPS of {t[nps_mentioning]:.1f}.",
    t=top)
'''),
    code('''
coded = answered[[f"theme: {t}" for t in impact["theme"]]]  # one column per theme
overall = (coded["theme: overall impression"] if "theme: overall impression" in coded
           else pd.Series(False, index=coded.index))
vague = overall & ~coded.drop(columns=["theme: overall impression"], errors="ignore").any(axis=1)
uncoded = ~coded.any(axis=1)
say("{vague:,} comments ({vague_share:.0%}) give only an overall impression "
    "(\\"excellent\\", \\"bad service\\") and no reason, and "
    "{uncoded:,} ({uncoded_share:.0%}) match no theme of the codeframe (the "
    "discovered topics below show what they are about)."
    + (" With this many comments saying nothing specific, a sharper follow-up question "
       "(\\"What is the one thing we should improve?\\") would give more to act on."
       if vague.mean() >= 0.25 else ""),
    vague=int(vague.sum()), vague_share=vague.mean(), uncoded=int(uncoded.sum()),
    uncoded_share=uncoded.mean())
'''),
    md("""
### Themes the codeframe does not know

Topics discovered in the comments themselves (NMF on TF-IDF, seeded): read the top phrases and
the example to see whether a theme is missing from the codeframe.
"""),
    md("`nt.suggest_codeframe(df)` drafts pain points (from detractors) and delights (from "
       "promoters) as an editable codeframe.", tags=["report-skip"]),
    code('''
if analysis.discovered is not None:
    display(analysis.discovered.topics)
else:
    skipped("Too few comments to discover themes.")
'''),
    code('''
try:
    pains = nt.discover_themes(df, side="detractors", n_themes=min(n_themes, 4), seed=0)
    display(pains.topics[["label", "comments", "share", "covered_by_codeframe", "quotes"]])
except ValueError as exc:  # too few detractor comments
    say("No pain points discovered: {exc}.", exc=exc)
'''),
    md("## 3. Words of promoters and detractors, per language"),
    code('''
drivers = analysis.drivers
top_languages = [lang for lang in languages.index if lang in set(drivers["language"])][:2]
for lang in top_languages:
    display(charts.text_drivers(drivers, language=lang))
passing = drivers.groupby("language")["significant"].agg(["sum", "size"])
say("Words that pass a 5% false discovery rate (the others are drawn faded and may be noise): "
    "{counts}.", counts="; ".join(f"{lang}: {int(row['sum'])} of {int(row['size'])}"
                                  for lang, row in passing.iterrows()))
for note in drivers.attrs.get("notes", []):  # languages with too few comments on a side
    say("Languages {}", note)
drivers.groupby(["language", "side"]).head(3)[["language", "side", "term", "z", "significant"]]
'''),
    md("""
## 4. Comments that contradict their score

A detractor score with a glowing comment (or the reverse) is often a reversed scale or a
slip; check these before acting on them. With enough scored comments the polarity is learnt
from this survey's own scores (TF-IDF + logistic regression, cross-fitted: each comment is
scored by a model that never saw it), and a comment is flagged only on strong evidence.
"""),
    code('''
model = analysis.sentiment_model
say("Sentiment: **{m[method]}**"
    + (", learnt from {m[labelled]:,} promoter and detractor comments in {m[folds]} folds"
       if model["method"] == "model" else "")
    + "; it tells promoter from detractor comments with an out-of-fold AUC of "
    "**{m[auc]:.2f}** (0.5 = chance, 1 = perfect). {mismatches:,} possible score-comment "
    "mismatches.", m=model, mismatches=len(analysis.mismatches))
analysis.mismatches.head(5)
'''),
    md("## 5. Quotes for the report"),
    code('analysis.quotes.head(12)'),
    md("## 6. Theme trends"),
    code('''
if has("date"):
    trends = nt.theme_trends(df, freq=freq)
    display(trends[trends["theme"] == top["theme"]])
else:
    skipped("No date column: theme trends need dates.")
'''),
    md("""
## 7. Read the comments

Search, filter by category, theme and language.
""", tags=["report-skip"]),
    code('nt.widgets.CommentBrowser(analysis, height=380)', tags=["report-skip"]),
    md("## Next actions"),
    code('''
worst = impact.head(3)["theme"].tolist()
say_list([
    to_markdown("Take **{theme}** to its owner with the quotes above: it costs the most NPS.",
                theme=worst[0]),
    to_markdown("Check whether {others} share a cause with it.", others=", ".join(worst[1:])),
    *([to_markdown("Review the {n:,} score-comment mismatches before counting them as "
                   "detractors.", n=len(analysis.mismatches))] if len(analysis.mismatches)
      else []),
    "Add discovered themes that matter to the codeframe and re-run.",
])
'''),
]

# --------------------------------------------------------------------------- 03 trends
TRENDS = [
    md("""
# Trend review: is a change real, and who is moving?

NPS moves every month; most of the movement is noise. This notebook shows the trend by month,
quarter and survey wave with intervals, marks only the changes that are statistically real,
follows segments and the largest customers, explains drops, tracks customers who moved between
categories from one wave to the next, and lists who is due for a re-survey.
"""),
    md("## Parameters", tags=["report-skip"]),
    code(DATA_PARAMS + '''
# A period column to use instead of dates (e.g. a survey wave or period index)
period: str = None
# Main period: "M" (month) or "Q" (quarter)
freq: str = "Q"
# Segments to follow over time, and to explain drops with
segments: list = ["touchpoint", "region"]
# Customer id (waves, migration, re-survey plan) and customer value (largest customers)
customer: str = "customer_id"
value: str = "customer_lifetime_value"
# Re-survey every ... (a pandas duration)
resurvey_every: str = "90D"
confidence: float = 0.95
''', tags=["parameters"]),
    code(SETUP),
    md("## Loading the export", tags=["report-skip"]),
    code(LOAD, tags=["report-skip"]),
    code('''
use_dates = has("date") and not period
if not use_dates and not has(period):
    raise SystemExit("This notebook needs dates or a period column: set `date` or "
                     "`period` above.")
timing = dict(date="date", freq=freq) if use_dates else dict(date=None, period=period)
say("Periods are cut from the response **dates**." if use_dates else
    "Periods come from the column **{column}** (an ordered period index).",
    column=period)
'''),
    md("## 1. The trend, with intervals and real changes marked"),
    code('''
main = nt.trend(df, **timing, confidence=confidence)
p_values(main[["period", "n", "nps", "ci_low", "ci_high", "change", "change_p_value",
               "significant_change"]])
'''),
    code('charts.trend(main)'),
    code('''
real = main[main["significant_change"]]
say("{n} periods; **{k} significant change(s)** from one period to the next"
    + (": {changes}" if len(real) else "")
    + ". Other movements are within the noise of the sample sizes.", n=len(main), k=len(real),
    changes="; ".join(f"{r.period} ({r.change:+.1f} points, p = {r.change_p_value:.2g})"
                      for r in real.itertuples()))
'''),
    code('''
if use_dates and freq != "M":
    monthly = nt.trend(df, date="date", freq="M", confidence=confidence)
    display(charts.trend(monthly, shares=False, title="Month by month"))
'''),
    md("## 2. Segments over time"),
    code('''
followed = [c for c in segments if has(c)]
for column in followed[:2]:
    display(charts.trend(nt.trend(df, by=column, **timing, confidence=confidence),
                         title=f"NPS over time by {column}"))
if not followed:
    skipped("None of the `segments` columns is in the data.")
'''),
    md("## 3. The largest customers"),
    code('''
if use_dates and has(value) and has(customer):
    by_value = nt.trend_by_value(df, value=value, customer=customer, freq=freq,
                                 confidence=confidence)
    display(by_value[["segment", "period", "n", "nps", "ci_low", "ci_high"]])
    display(charts.trend(by_value, title="Largest customers against everyone else"))
else:
    skipped("Needs dates, a customer id and a value column: skipped.")
'''),
    md("## 4. Shift alerts: drops below the recent baseline, explained"),
    code('''
if use_dates:
    shifts = nt.detect_shifts(df, date="date", freq=freq, baseline=2, segments=followed,
                              confidence=confidence)
    print(shifts)
else:
    skipped("Shift alerts need dates: skipped.")
'''),
    md("## 5. Survey waves and customer migration"),
    code('''
if use_dates and has(customer):
    df["wave"] = nt.assign_waves(df, date="date", customer=customer)
    waves = nt.trend(df, date=None, period="wave", confidence=confidence)
    display(waves[["period", "n", "nps", "ci_low", "ci_high", "change", "significant_change"]])
    moved = nt.migration(df, customer=customer, date="date")
    print(moved)
else:
    moved = None
    skipped("Waves and migration need dates and a customer id: skipped.")
'''),
    code('charts.migration(moved) if moved is not None else None'),
    md("## 6. Who is due for a re-survey"),
    code('''
if use_dates and has(customer):
    as_of = df["date"].max()
    due = nt.due_for_resurvey(df, customer=customer, date="date", as_of=as_of,
                              every=resurvey_every, value=value if has(value) else None)
    say("As of {as_of:%Y-%m-%d} (the last answer in the data), **{n:,} customers** last "
        "answered more than {days} days ago.", as_of=as_of, n=len(due),
        days=pd.Timedelta(resurvey_every).days)
    display(due.head(10))
else:
    due = None
    skipped("The re-survey plan needs dates and a customer id: skipped.")
'''),
    md("## Next actions"),
    code('''
steps = []
if len(real):
    last = real.iloc[-1]
    # section 4 explains only the periods it flags (drops below the baseline)
    flagged = (use_dates and bool(shifts.periods.loc[
        shifts.periods["period"].astype(str) == str(last["period"]), "flagged"].any()))
    steps.append(to_markdown("Explain the latest real change ({period}, {change:+.1f} "
                             "points): " + ("section 4 names the segments behind it."
                                            if flagged else "compare the segments' lines "
                                            "in section 2 for that period."),
                             period=last["period"], change=last["change"]))
else:
    steps.append("No period changed significantly: do not explain noise.")
if moved is not None:
    steps.append(to_markdown("Thank the {up:,} customers who moved up; call the {down:,} "
                             "who moved down.", up=moved.moved_up["customer"].nunique(),
                             down=moved.moved_down["customer"].nunique()))
if due is not None:
    steps.append(to_markdown("Send the next wave to the {n:,} customers due for a re-survey.",
                             n=len(due)))
say_list(steps)
'''),
]

# --------------------------------------------------------------------------- 04 growth
GROWTH = [
    md("""
# Growth and representativeness: does NPS predict what customers do, and who answered?

Two questions every manager asks. **Does our NPS predict repurchase and revenue?** Each
answer is joined to the customer's orders before and after it: do promoters buy again more
than detractors, and what is moving a customer up a category worth? **Are the people who
answered like our customers?** Response rates by segment against the whole customer list,
and the NPS weighted to the customer base.
"""),
    md("## Parameters", tags=["report-skip"]),
    code(DATA_PARAMS + """
# Order log: customer id, order date, amount (None = the sample's, with the sample survey)
orders_path: str = None
# Customer list with segment columns, for response rates (None = the sample's)
customers_path: str = None
# Window after (and before) each answer
horizon: str = "365D"
# Segment and numeric columns the value of moving is controlled for (when present)
segments: list = ["persona"]
controls: list = ["customer_lifetime_value", "average_order_value"]
# Customer attributes to compare respondents with the customer list on
population_by: list = ["region", "persona"]
""", tags=["parameters"]),
    code(SETUP),
    md("## Loading the export and the order log", tags=["report-skip"]),
    code(LOAD + """
if orders_path is None and data_path is not None:
    raise SystemExit("This notebook needs the order log: set orders_path = ... above.")
orders, orders_report = nt.read_orders(orders_path or nt.sample_path("orders"))
print(orders_report)""", tags=["report-skip"]),
    md("## 1. Does NPS predict repurchase here?"),
    code("""
link = nt.growth_link(df, orders, horizon=horizon, seed=0)
say("{}", link.summary)
for note in link.notes:
    say("Note: {}", note)
charts.growth(link, metrics=("repurchase_rate", "orders", "revenue"))
"""),
    code("""
# rates as percentages, counts and money with two decimals
LABELS = {"repurchase_rate": "% bought again", "churn_rate": "% no order (churn)",
          "orders": "orders per answer", "revenue": "revenue per answer",
          "revenue_change": "revenue change vs the horizon before", "referrals": "referrals"}
def readable(frame, columns):
    rate = frame["metric"].str.endswith("_rate").to_numpy()
    out = frame.assign(metric=frame["metric"].map(LABELS))
    for c in columns:
        out[c] = [f"{100 * v:.1f}" if r else f"{v:,.2f}" for v, r in zip(frame[c], rate)]
    return out

table = readable(link.table, ["value"]).pivot(index="metric", columns="category",
                                                 values="value")
table[["detractor", "passive", "promoter"]]
"""),
    code("""
diffs = link.differences[link.differences["comparison"] == "promoter - detractor"]
p_values(readable(diffs, ["difference", "ci_low", "ci_high"]))  # rates in points
"""),
    md("""
## 2. What is moving a customer up worth?

Revenue in the horizon after the answer, regressed on the category, the customer's revenue
in the same length of time before, and the segments and values given above; standard errors
clustered by customer. Read it as the size of what is at stake, not as a forecast.
"""),
    code("""
use_segments = [c for c in segments if c in df.columns]
use_controls = [c for c in controls if c in df.columns]
value = nt.value_of_moving(df, link=link, segments=use_segments, controls=use_controls)
say("{}", value.attrs["statement"])
p_values(value[["per_customer", "ci_low", "ci_high", "p_value", "customers_who_could_move",
                "total", "total_ci_low", "total_ci_high"]])
"""),
    code("""
up = value.loc["passive -> promoter"]
say("A passive who became a promoter is associated with {u[per_customer]:,.2f} more "
    "revenue over {horizon} (interval {u[ci_low]:,.2f} to {u[ci_high]:,.2f}); across the "
    "{movers:,} passive answers that is about {u[total]:,.0f}.", u=up,
    horizon=f"{pd.Timedelta(horizon).days} days",
    movers=int(up["customers_who_could_move"]))
"""),
    md("## 3. Word of mouth"),
    code("""
if "referrals" in set(link.table["metric"]):
    ref = link.table[link.table["metric"] == "referrals"]
    display(readable(ref, ["value", "ci_low", "ci_high"])[["category", "value", "ci_low",
                                                          "ci_high", "answers"]])
    r = ref.set_index("category")["value"]
    say("Each promoter answer was followed by {r[promoter]:.2f} referred new customers "
        "within {horizon}, against {r[detractor]:.2f} for a detractor answer.", r=r,
        horizon=f"{pd.Timedelta(horizon).days} days")
else:
    say("The order log has no referral column (referrer_id): word of mouth is not measured.")
"""),
    md("## 4. Are the respondents like our customers?"),
    code("""
if customers_path is None and data_path is not None:
    customers = None
    skipped("No customer list was given (customers_path): response rates are not computed.")
elif customers_path is None:
    customers = nt.load_sample("customers")
else:
    customers = (pd.read_parquet(customers_path) if customers_path.endswith(".parquet")
                 else pd.read_excel(customers_path) if customers_path.endswith(".xlsx")
                 else pd.read_csv(customers_path, dtype=str))
if customers is not None:
    by = [c for c in population_by if c in customers.columns]
    bias = nt.response_bias(df, customers, by=by)
    say("{}", bias.summary)
    shown = bias.table.assign(response_rate=(100 * bias.table["response_rate"]).round(1),
                              representation=bias.table["representation"].round(2))
    display(p_values(shown[["variable", "level", "customers", "respondents",
                            "response_rate", "representation", "p_value_adjusted",
                            "under_represented"]]))
"""),
    md("## Next actions"),
    code("""
steps = []
d = link.differences.set_index(["metric", "comparison"])
if ("repurchase_rate", "promoter - detractor") in d.index:
    r = d.loc[("repurchase_rate", "promoter - detractor")]
    if r["ci_low"] > 0:
        steps.append(to_markdown(
            "Promoters bought again {d:.1f} points more often than detractors within {h} "
            "(interval {lo:.1f} to {hi:.1f}): each detractor won back is repeat business, so "
            "start with the theme that costs most (comment analysis).", d=100 * r["difference"],
            lo=100 * r["ci_low"], hi=100 * r["ci_high"], h=f"{pd.Timedelta(horizon).days} days"))
    else:
        steps.append("Here the data cannot show that promoters buy again more than "
                     "detractors: do not promise revenue from a higher NPS yet.")
if up["ci_low"] > 0:
    steps.append(to_markdown(
        "A passive who becomes a promoter is associated with about {v:,.2f} more revenue: ask "
        "the passives what would make it a 9 or 10.", v=up["per_customer"]))
if customers is not None and bias.table["under_represented"].any():
    low = bias.table[bias.table["under_represented"]]
    steps.append(to_markdown(
        "Re-survey or weight the under-represented groups ({groups}) before comparing "
        "segments.", groups=", ".join(f"{v} = {lv}" for v, lv in
                                      zip(low["variable"], low["level"], strict=True))))
say_list(steps)
"""),
]

NOTEBOOKS = {
    "01_calculation.ipynb": CALCULATION,
    "02_followup_text_analysis.ipynb": TEXT,
    "03_trend_review.ipynb": TRENDS,
    "04_growth_and_representativeness.ipynb": GROWTH,
}


def write() -> list[Path]:
    OUT.mkdir(exist_ok=True)
    paths = []
    for name, cells in NOTEBOOKS.items():
        nb = new_notebook(cells=cells, metadata={
            "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                           "name": "python3"},
            "language_info": {"name": "python"}})
        for i, cell in enumerate(nb.cells):  # stable ids: reviewable diffs
            cell["id"] = f"{name[:2]}-{i:02d}"
        path = OUT / name
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def execute(path: Path) -> None:
    import papermill

    papermill.execute_notebook(str(path), str(path), kernel_name="python3",
                               progress_bar=False, cwd=str(path.parent),
                               extra_arguments=["--IPKernelApp.log_level=ERROR"])
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)  # no stored widget state (size, and nbval ignores it)
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
    nbformat.write(nb, path)


if __name__ == "__main__":
    only = sys.argv[1:]
    for p in write():
        if not only or p.name in only:
            execute(p)
            print(f"executed {p.relative_to(ROOT)} ({p.stat().st_size // 1024} KB)")
