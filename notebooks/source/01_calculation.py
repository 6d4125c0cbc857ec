# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # NPS calculation: from a raw export to a score you can defend
#
# This notebook reads a survey export, says exactly what it kept and excluded, computes the Net
# Promoter Score with its uncertainty, breaks it down by segment and customer value, compares it
# with a benchmark, and ends with the list of customers to call.
#
# **NPS** = % promoters (9-10) − % detractors (0-6), from −100 to 100. Passives (7-8) count in
# the total but in neither group.

# %% [markdown] tags=["report-skip"]
# ## Parameters
#
# Point `data_path` at your own export and run all cells (*Run > Run All Cells*); edit the rest
# and everything below adapts. Missing columns are skipped with a note.

# %% tags=["parameters"]
# Survey export to read (CSV, TSV, Excel, Parquet); None = the bundled sample survey
data_path: str = None
# Score / comment / date columns when detection picks the wrong ones (None = detect)
score: str = None
comment: str = None
date: str = None
# Answers of another scale mapped to 0-10, e.g. {"1": 0, "2": 3, "3": 5, "4": 8, "5": 10}
# for a 1-5 rating (None = the answers are 0-10; a 1-5 rating is refused)
scale: dict = None
# Customer id column when detection misses it (None = detect)
customer_id: str = None
# Customer list (plan, region, value...) joined to the answers by customer id, so its
# columns can be segments (None = none)
customers_path: str = None
# Survey weight column: the NPS, its interval and the segments weighted (None = the answers
# count alike)
weights: str = None
# Segment columns to compare (those not in the data are skipped)
segments: list = ["touchpoint", "channel", "persona", "support_agent", "delivery_depot"]
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
# Language of the prose, tables and charts: "en", "fr", "es", "de", "ru", "ko", "zh", "hr"
lang: str = "en"

# %%
from IPython.display import display

import nps_toolkit as nt
from nps_toolkit import charts

# say("template {value}", value=...): the template is this notebook's Markdown, every value
# from the data is escaped (a segment named "[x](javascript:...)" shows as those characters)
from nps_toolkit.markup import p_text, say, say_list, skipped, to_markdown

# charts drawn offline as SVG with their numbers as alt text; tables formatted for reading
nt.templates.setup_notebook(lang)


def has(column) -> bool:
    return bool(column) and column in df.columns


# %% [markdown]
# ## 1. Loading the export: read the load report first
#
# The loader detects the file's encoding, delimiter and vendor layout and which columns hold
# the score, the comment and the date. Its report says what was read, kept and excluded, by row.
# **Read it before any number below**: a wrong column or many excluded rows change everything.

# %%
df, load_report = nt.read_survey(data_path or nt.sample_path(), score=score, comment=comment,
                                 date=date, customer=customer_id, on_invalid="exclude",
                                 scale=scale)
if customers_path is not None:  # what the CRM knows, beside each answer
    customers, customers_report = nt.read_customers(customers_path, answers=df)
    print(customers_report)
    df = nt.join_customers(df, customers)
    load_report = df.attrs["load_report"]
print(load_report)

# %%
excluded = load_report.rows_read - load_report.rows_kept
values = dict(kept=load_report.rows_kept, read=load_report.rows_read, excluded=excluded,
              share=excluded / max(1, load_report.rows_read))
if excluded / max(1, load_report.rows_read) > 0.05:
    say("**{kept:,} of {read:,} rows are scored** ({excluded:,} excluded, {share:.1%}). Check "
        "the reasons above: if they are many, fix the export before going on.", **values)
else:
    say("**{kept:,} of {read:,} rows are scored** ({excluded:,} excluded, {share:.1%}). Few "
        "rows were excluded, so they cannot move the score much.", **values)

# %% [markdown]
# ## 2. Classification: promoters, passives, detractors

# %% tags=["report-details"] summary="The counts"
categories = nt.classify(df["score"]).value_counts().reindex(nt.CATEGORIES)
categories.to_frame("responses").assign(share=lambda t: (100 * t["responses"]
                                                         / t["responses"].sum()).round(1))

# %%
charts.distribution(df) | charts.categories(df)

# %% [markdown]
# ## 3. The NPS and its interval
#
# The interval is the range of true NPS values consistent with these answers (adjusted Wald,
# Rocks 2016). It is the honest way to read the score: two surveys whose intervals overlap
# widely cannot be told apart.

# %% tags=["report-skip"]
# the result as code prints it (the report shows the sentence below instead)
weight = weights if has(weights) else None
if weights and not weight:  # named but not in the data: said, not silently unweighted
    say("The weight column **{column}** is not in the data: the answers count alike.",
        column=weights)
result = nt.score(df["score"], weights=df[weight] if weight else None, confidence=confidence)
print(result)

# %%
charts.score_card(result)

# %%
# the same shares from another number of people: 50 for a survey larger than 100, else 500
other_n = 50 if result.n > 100 else 500
other = nt.from_counts(promoters=round(result.promoter_share * other_n),
                       passives=round(result.passive_share * other_n),
                       detractors=other_n - round(result.promoter_share * other_n)
                       - round(result.passive_share * other_n), confidence=confidence)
half_width = (result.ci_high - result.ci_low) / 2
needed = nt.sample_size(margin=5, confidence=confidence)
if weight:
    say("**Weighted by {column}**: each answer counts by its weight, so the NPS is the "
        "population's the weights stand for; the interval is about as wide as {n_eff:,.0f} "
        "unweighted answers would give (Kish's effective sample size) rather than {n:,}. "
        "Unweighted, the same answers give {plain:.1f}.", column=weight,
        n_eff=result.n_effective, n=result.n, plain=nt.score(df["score"]).nps)
if other_n < result.n:
    say("**NPS {r.nps:.1f}**, {confidence:.0%} interval {r.ci_low:.1f} to {r.ci_high:.1f} "
        "(±{half_width:.1f} points) from {r.n:,} responses. With the same answers from only 50 "
        "people the interval would run from {small.ci_low:.1f} to {small.ci_high:.1f}: a small "
        "survey cannot tell a good month from a bad one. A margin of ±5 points needs about "
        "{needed:,} responses.", r=result, confidence=confidence, half_width=half_width,
        small=other, needed=needed)
else:  # a small survey: what the same answers from more people would give
    say("**NPS {r.nps:.1f}**, {confidence:.0%} interval {r.ci_low:.1f} to {r.ci_high:.1f} "
        "(±{half_width:.1f} points) from {r.n:,} responses: a survey this small cannot tell a "
        "good month from a bad one. With the same answers from {m:,} people the interval "
        "would run from {large.ci_low:.1f} to {large.ci_high:.1f}; a margin of ±5 points needs "
        "about {needed:,} responses.", r=result, confidence=confidence,
        half_width=half_width, m=other_n, large=other, needed=needed)

# %% [markdown]
# ### Further 0-10 questions: what drives the score
#
# When the survey asks further 0-10 questions (satisfaction, ease, intention), which of them
# moves with the recommend score, and what does the score look like with them averaged in?

# %%
present = [c for c in drivers if has(c)]
if present and has("score"):
    # questions skipped by many (dining, spa) are left out until half the answers have all
    importance = nt.driver_importance(df, drivers=present, seed=0, min_complete=0.5)
    display(importance[["driver", "r", "share", "share_ci_low", "share_ci_high", "nps_low",
                        "nps_high", "nps_gap"]])
    top_driver = importance.iloc[0]
    left_out = importance.attrs["left_out"]
    present = [c for c in present if c not in left_out]
    # questions answered in words (1-5 levels), or already averaged (8.5: two answers of a
    # company), are drivers but are not averaged with the 0-10 score
    worded = {c: v for c, v in importance.attrs["scales"].items() if c in present}
    # only 0-10 questions are averaged with the 0-10 score (not a 0-6 or 1-5 rating)
    averaged = [c for c in present if c not in worded
                and (df[c].dropna().between(0, 10) & (df[c].dropna() % 1 == 0)).all()
                and df[c].max() >= 8]
    combined = nt.combine_scores(df, ["score", *averaged]) if averaged else None
    if worded:
        from itertools import groupby

        ranked = sorted((v, a) for a, v in next(iter(worded.values())).items()
                        if v == v)  # "don't know" is NaN; answers on one level joined by "="
        say("Questions answered in words are read in their order ({order}; answers such as "
            "\"don't know\" are left out): {names}.", names=nt.i18n.join(list(worded)),
            order=" < ".join(" = ".join(a for _, a in same)
                             for _, same in groupby(ranked, key=lambda va: va[0])))
    if left_out:
        say("{n:,} of the questions are left out of this analysis so that at least half of "
            "the answers have every remaining one (answered by fewer people, or rarely "
            "together with the others): {names}.", n=len(left_out),
            names=nt.i18n.join(left_out) if len(left_out) <= 6 else ", ".join(left_out[:6])
            + " " + nt.i18n.tr("and {more} more", more=len(left_out) - 6))
    if importance.attrs["decomposition"] == "relative_weights":
        say("With {k} questions the exact decomposition, which visits every subset of them, "
            "is out of reach: the shares are Johnson's relative weights, which share out the "
            "same R² through uncorrelated stand-ins for the questions and stay within a few "
            "points of the exact shares.", k=len(present))
    if importance.attrs["r2"] < 0.02:  # below Cohen's (1988) small effect, f² = 0.02
        say("Together these questions explain only {r2:.1%} of the recommend score's "
            "variation, less than a small effect (Cohen 1988): none of them tells much "
            "about it, so no driver is named.", r2=importance.attrs["r2"])
    elif combined is not None:
        say("**{d[driver]}** explains the largest share of the recommend score's variation "
            "({d[share]:.0%}, interval {d[share_ci_low]:.0%} to {d[share_ci_high]:.0%}); "
            "those rating it high give an NPS of {d[nps_high]:.1f} against {d[nps_low]:.1f}. "
            "Averaged with {present} (rounded half up), the score gives an NPS of "
            "{combined:.1f} against {alone:.1f} for the recommend question alone.",
            d=top_driver, present=nt.i18n.join(averaged) if len(averaged) <= 6 else
            nt.i18n.tr("the {n} further questions", n=len(averaged)),
            combined=nt.score(combined).nps, alone=result.nps)
    else:
        say("**{d[driver]}** explains the largest share of the recommend score's variation "
            "({d[share]:.0%}, interval {d[share_ci_low]:.0%} to {d[share_ci_high]:.0%}); "
            "those rating it high give an NPS of {d[nps_high]:.1f} against {d[nps_low]:.1f}.",
            d=top_driver)
else:
    skipped("No further rating question in the data (`drivers = {drivers!r}`): skipped.",
            drivers=drivers, needs="drivers")

# %% [markdown]
# ## 4. Segments: where is it good or bad?
#
# Each group is compared with everyone else; p-values are Holm-adjusted across all the groups of
# all the segment columns compared, so a "significantly below" verdict is not a fluke of testing
# many groups. Groups under 30 responses get no verdict.

# %% tags=["report-details"] summary="Every group's table"
segment_columns = [c for c in segments if has(c)]
segment_tables = {}
MANY = 20  # more groups than this: funnel and league table below, not a list of verdicts
if segment_columns:  # every group of every column in one family of p-values
    segment_tables = nt.segments_across(df, by=segment_columns, weights=weight,
                                        confidence=confidence)
for column, table in segment_tables.items():
    shown = table if len(table) <= MANY else table[table["significant"]]
    if len(table) > MANY:
        say("**By {column}** ({k} of {g} groups: those significantly above or below the rest; "
            "all are in the funnel below)", column=column, k=len(shown), g=len(table))
    else:
        say("**By {column}**", column=column)
    display(shown[[column, "n", "nps", "ci_low", "ci_high", "difference", "p_adjusted",
                   "verdict"]])
if not segment_columns:
    skipped("None of the segment columns named in `segments` is in the data.",
            needs="segments")

# %%
few = {c: table for c, table in segment_tables.items() if len(table) <= MANY}
if few:  # the column with the largest gap (many groups are drawn as a funnel below)
    worst_col = max(few, key=lambda c: few[c]["difference"].abs().max())
    display(charts.segments(few[worst_col]))

# %%
# many groups of different sizes (stores, agents, branches): the funnel, not a league table
counts = {c: df[c].nunique() for c in sorted(segment_columns)}
many = max(counts, key=counts.get, default=None)  # most groups; ties in name order
funnel_columns = ([c for c in counts if counts[c] > MANY]
                  or ([many] if many is not None and counts[many] >= 5 else []))
leagues = {}
if funnel_columns:
    say("### Many groups of different sizes: the funnel\n\nA league table puts the smallest "
        "groups at both ends by chance. The funnel plot (Spiegelhalter 2005) draws each "
        "group's NPS against its number of answers inside limits that narrow as groups grow: "
        "a group outside the outer limits differs more than chance would make a group of its "
        "size differ.")
    if weight:  # (funnel limits and shrinkage are drawn for counted answers)
        say("The funnel and the league table count the answers unweighted.")
for column in funnel_columns:
    funnel_table = nt.funnel(df, by=column)
    display(charts.funnel(funnel_table))
    outside = funnel_table[funnel_table["position"].str.endswith("(outer)")]
    named = [nt.i18n.tr("{group} ({nps:.1f}, n = {n:,})", group=v, nps=nps, n=n)
             for v, nps, n in zip(outside[column], outside["nps"], outside["n"], strict=True)]
    say("**{k} of {g} groups of {column}** fall outside the 99.8% limits{names}; the others "
        "differ from the {column} NPS of {target:.1f} no more than chance makes groups of "
        "their size differ.", k=len(outside), g=len(funnel_table), column=column,
        names=": " + nt.i18n.join(named) if named else "",
        target=funnel_table["target"].iloc[0])
    league = leagues[column] = nt.league_table(df, by=column, confidence=confidence, bottom=3)
    first, last = league.iloc[0], league.iloc[-1]
    if league.attrs["tau"] == 0:  # no spread beyond chance: all shrunk to the same NPS
        say("Ranked with each group's NPS shrunk toward the {column} NPS of {mu:.1f} in "
            "proportion to its uncertainty (empirical Bayes): the groups differ no more than "
            "chance makes groups differ, so each is shrunk to that NPS and none can be ranked "
            "above another.", column=column, mu=league.attrs["mu"])
        continue
    say("Ranked with each group's NPS shrunk toward the {column} NPS of {mu:.1f} in "
        "proportion to its uncertainty (empirical Bayes): **{first}** ranks first "
        "(interval of ranks {f.rank_low} to {f.rank_high}), **{last}** last, in the bottom "
        "three with probability {p:.0%}.", column=column, mu=league.attrs["mu"],
        first=first[column], f=first, last=last[column], p=last["p_bottom"])
if not funnel_columns:
    skipped("No segment column with five or more groups for a funnel plot.", needs="segments")

# %% tags=["report-details"] summary="The league table, shrunk for group size"
for column, league in leagues.items():
    display(league[[column, "n", "nps", "shrunk_nps", "ci_low", "ci_high", "rank", "rank_low",
                    "rank_high", "p_top", "p_bottom"]])

# %%
findings = []
adjusted_p = nt.i18n.tr("adjusted p")
for column, table in segment_tables.items():
    below = table[table["verdict_code"] == "below"]
    # the group read by key: a column named by its question ("Which plan are you on?") is
    # no attribute name; and the loop's name is not "value", the value column's parameter
    for group, row in zip(below[column], below.itertuples(), strict=True):
        findings.append(to_markdown(
            "**{column} = {value}**: NPS {r.nps:.1f} against {r.rest_nps:.1f} for the rest "
            "({r.difference:+.1f} points, {p}, n = {r.n:,})",
            column=column, value=group, r=row,
            p=p_text(row.p_adjusted, adjusted_p)))
heading = nt.i18n.tr("**Significantly below the rest:**")
if findings:
    say_list(findings, numbered=False, heading=heading)
elif segment_columns:  # only when something was tested
    say("No segment is significantly below the rest.")

# %% [markdown]
# ## 5. Customer value: are our biggest customers our biggest promoters?

# %%
if has(value):
    value_result = nt.value_analysis(df, value=value, customer=customer if has(customer)
                                     else None, date="date" if has("date") else None,
                                     confidence=confidence)
    print(value_result)
else:
    value_result = None
    skipped("No customer value column (value = {value!r}) in the data: skipped.", value=value,
            needs="value")

# %%
charts.value_tiers(value_result) if value_result is not None else None

# %% tags=["report-details"] summary="Every value tier's table"
(value_result.by_tier[["value_tier", "n", "nps", "ci_low", "ci_high", "verdict"]]
 if value_result is not None else None)

# %% [markdown]
# ## 6. Benchmark: how do we compare?

# %%
comparison = None
if benchmark is not None:
    comparison = nt.compare_to_benchmark(result if weight else df, benchmark=benchmark,
                                         industry=industry, confidence=confidence)
    print(comparison)
else:
    skipped("No benchmark chosen (`benchmark = None`).", needs="benchmark")

# %%
charts.benchmark(comparison) if comparison is not None else None

# %% [markdown]
# ## 7. Whom to call: the action list for the CRM
#
# One row per customer with their latest category, the next action and the follow-up question,
# highest value at risk first.

# %% [markdown] tags=["report-skip"]
# `export_list` writes the list as CSV or Excel that is safe to open (cells that a spreadsheet
# would run as formulas are neutralised): set `export_path` above.

# %%
if has(customer):
    calls = nt.action_list(df, customer=customer, value=value if has(value) else None,
                           date="date" if has("date") else None,
                           comment="comment" if has("comment") else None)
    if export_path:
        print(nt.export_list(calls, export_path))
    counts = calls["category"].value_counts()
    say("**{n:,} customers** on the list: {d:,} detractors to call back, {a:,} passives to "
        "ask what would make it a 9 or 10, {p:,} promoters to invite to review or refer.",
        n=len(calls), d=counts.get("detractor", 0), a=counts.get("passive", 0),
        p=counts.get("promoter", 0))
else:
    calls = None
    skipped("No customer id column: the call list needs one (`customer = ...`).",
            needs="customer")

# %% tags=["report-details"] summary="The first 10 customers to call"
calls.head(10) if calls is not None else None

# %% [markdown] tags=["report-skip"]
# ## 8. Explore it yourself
#
# Filter by date, touchpoint and channel, switch the segment and the period, and click a
# category on the gauge to read those customers' comments. `board.filters` holds what you chose
# and `board.filtered_data` the rows, so a finding becomes code.

# %% tags=["report-skip", "interactive"]
if has("date"):
    board = nt.Dashboard(df, benchmark=comparison,
                         segments=segment_columns or None,
                         customer=customer if has(customer) else None)
    display(board)
else:
    skipped("The dashboard needs a date column: skipped.", needs="date")

# %% [markdown]
# ## Next actions

# %%
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
