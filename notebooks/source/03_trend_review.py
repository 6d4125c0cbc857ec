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
# # Trend review: is a change real, and who is moving?
#
# NPS moves every month; most of the movement is noise. This notebook shows the trend by month,
# quarter and survey wave with intervals, and marks a change from one period to the next only
# when it stands out among all the changes shown (Holm's adjustment over the line: a stable
# NPS gets a false mark in at most one review in twenty, however many periods it shows),
# follows segments and the largest customers, explains drops, tracks customers who moved between
# categories from one wave to the next, and lists who is due for a re-survey.

# %% [markdown] tags=["report-skip"]
# ## Parameters

# %% tags=["parameters"]
# Survey export (None = the bundled sample survey)
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
# A period column to use instead of dates (e.g. a survey wave or period index)
period: str = None
# Main period: "M" (month) or "Q" (quarter)
freq: str = "Q"
# Survey weight column: each period's NPS weighted (None = the answers count alike)
weights: str = None
# Segments to follow over time, and to explain drops with
segments: list = ["touchpoint", "region"]
# Customer id (waves, migration, re-survey plan) and customer value (largest customers)
customer: str = "customer_id"
value: str = "customer_lifetime_value"
# Re-survey every ... (a pandas duration)
resurvey_every: str = "90D"
confidence: float = 0.95
# Language of the prose, tables and charts: "en", "fr", "es", "de", "ru", "ko", "zh", "hr"
lang: str = "en"

# %%
import pandas as pd
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


# %% [markdown] tags=["report-skip"]
# ## Loading the export

# %% tags=["report-skip"]
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
use_dates = has("date") and not period
if not use_dates and not has(period):
    raise SystemExit("This notebook needs dates or a period column: set `date` or "
                     "`period` above.")
timing = dict(date="date", freq=freq) if use_dates else dict(date=None, period=period)
if use_dates:
    say("Periods are cut from the response **dates**.")
else:
    say("Periods come from the column **{column}** (an ordered period index).", column=period)
weight = weights if has(weights) else None
if weights and not weight:  # named but not in the data: said, not silently unweighted
    say("The weight column **{column}** is not in the data: the answers count alike.",
        column=weights)
if weight:
    say("Each period's NPS and interval are **weighted by {column}** (the shift alerts, the "
        "waves and the migration count answers unweighted).", column=weight)

# %% [markdown]
# ## 1. The trend, with intervals and real changes marked

# %% tags=["report-details"] summary="Every period's table"
main = nt.trend(df, **timing, weights=weight, confidence=confidence)
(main[["period", "n", "nps", "ci_low", "ci_high", "change", "change_p_value",
               "significant_change"]])

# %%
charts.trend(main)

# %%
real = main[main["significant_change"]]
adjusted = nt.i18n.tr("adjusted")
changes = "; ".join(nt.i18n.tr("{period} ({change:+.1f} points, {p}, {p_adjusted})",
                                period=r.period, change=r.change, p=p_text(r.change_p_value),
                                p_adjusted=p_text(r.change_p_adjusted, adjusted))
                    for r in real.itertuples())
values = dict(n=len(main), k=len(real), m=int(main["change_p_value"].notna().sum()),
              changes=changes)
if len(real):
    say("{n} periods; **{k} significant change(s)** from one period to the next: {changes}. "
        "The mark is adjusted for looking at {m} changes at once (Holm): a stable NPS would "
        "get any mark in at most one review in twenty. Other movements cannot be told apart "
        "from the noise of the sample sizes.", **values)
else:
    say("{n} periods; **no significant change** from one period to the next. The mark is "
        "adjusted for looking at {m} changes at once (Holm): a stable NPS would get any mark "
        "in at most one review in twenty. Other movements cannot be told apart from the noise "
        "of the sample sizes.", **values)

# %% tags=["report-details"] summary="Month by month"
if use_dates and freq != "M":
    monthly = nt.trend(df, date="date", freq="M", weights=weight, confidence=confidence)
    display(charts.trend(monthly, shares=False, title=nt.i18n.tr("Month by month")))

# %% [markdown]
# ## 2. Segments over time

# %%
followed = [c for c in segments if has(c)]
for column in followed[:2]:
    display(charts.trend(nt.trend(df, by=column, **timing, weights=weight,
                                  confidence=confidence),
                         title=nt.i18n.tr("NPS over time by {column}", column=column)))
if not followed:
    skipped("None of the `segments` columns is in the data.", needs="segments")

# %% [markdown]
# ## 3. The largest customers

# %%
if use_dates and has(value) and has(customer):
    by_value = nt.trend_by_value(df, value=value, customer=customer, freq=freq,
                                 confidence=confidence)
    display(charts.trend(by_value, title=nt.i18n.tr("Largest customers against everyone else")))
else:
    by_value = None
    skipped("Needs dates, a customer id and a value column: skipped.",
            needs={"date": use_dates, "customer": has(customer), "value": has(value)})

# %% tags=["report-details"] summary="The largest customers' table"
(by_value[["segment", "period", "n", "nps", "ci_low", "ci_high"]] if by_value is not None
 else None)

# %% [markdown]
# ## 4. Shift alerts: drops below the recent baseline, explained

# %%
if use_dates:
    shifts = nt.detect_shifts(df, date="date", freq=freq, baseline=2, by=followed,
                              confidence=confidence)
    print(shifts)
else:
    skipped("Shift alerts need dates: skipped.", needs="date")

# %% [markdown]
# ## 5. Survey waves and customer migration

# %%
if has(customer) and (use_dates or has(period)):
    # waves from the dates, or the file's own periods (a column per yearly wave, read as a
    # "wave" column): each period a wave
    if use_dates:
        df["wave"] = nt.assign_waves(df, date="date", customer=customer)
    wave_column = "wave" if use_dates else period
    waves = nt.trend(df, date=None, period=wave_column, confidence=confidence)
    # a customer's answers less than 45 days apart are one wave: a survey of a few weeks
    # (or one that never re-surveys) has no customer in two waves, and nothing to migrate
    # (migration pairs a customer's answers in consecutive waves: 1 and 3 are no pair)
    seen = df[[customer, wave_column]].dropna().drop_duplicates()
    again = pd.MultiIndex.from_arrays([seen[customer], seen[wave_column] + 1]).isin(
        pd.MultiIndex.from_frame(seen))
    if again.any():
        moved = (nt.migration(df, customer=customer, date="date") if use_dates else
                 nt.migration(df, customer=customer, date=None, wave=period))
        # the two charts side by side in the report, the numbers under them
        display(charts.trend(waves, shares=False, title=nt.i18n.tr("NPS per survey wave")))
        display(charts.migration(moved))
        print(moved)
    else:
        moved = waves = None
        say("No customer answered in two consecutive survey waves (with dates, a customer's "
            "answers less than 45 days apart are one wave): there is no movement between "
            "waves to show until customers are surveyed again (section 6).")
else:
    moved = waves = None
    skipped("Waves and migration need dates or a wave column, and a customer id: skipped.",
            needs={"date": use_dates or has(period), "customer": has(customer)})

# %% tags=["report-details"] summary="Every wave's table"
(waves[["period", "n", "nps", "ci_low", "ci_high", "change", "significant_change"]]
 if waves is not None else None)

# %% [markdown]
# ## 6. Who is due for a re-survey

# %%
if use_dates and has(customer):
    as_of = df["date"].max()
    due = nt.due_for_resurvey(df, customer=customer, date="date", as_of=as_of,
                              every=resurvey_every, value=value if has(value) else None)
    say("As of {as_of} (the last answer in the data), **{n:,} customers** last "
        "answered more than {days} days ago.", as_of=as_of.date(), n=len(due),
        days=pd.Timedelta(resurvey_every).days)
else:
    due = None
    skipped("The re-survey plan needs dates and a customer id: skipped.",
            needs={"date": use_dates, "customer": has(customer)})

# %% tags=["report-details"] summary="The first 10 customers due"
due.head(10) if due is not None else None

# %% [markdown]
# ## Next actions

# %%
steps = []
if len(real):
    last = real.iloc[-1]
    # section 4 explains only the periods it flags (drops below the baseline)
    flagged = (use_dates and bool(shifts.periods.loc[
        shifts.periods["period"].astype(str) == str(last["period"]), "flagged"].any()))
    if flagged:
        steps.append(to_markdown("Explain the latest real change ({period}, {change:+.1f} "
                                 "points): section 4 names the segments behind it.",
                                 period=last["period"], change=last["change"]))
    else:
        steps.append(to_markdown("Explain the latest real change ({period}, {change:+.1f} "
                                 "points): compare the segments' lines in section 2 for that "
                                 "period.", period=last["period"], change=last["change"]))
else:
    steps.append(to_markdown("No period changed significantly: do not explain noise."))
if moved is not None:
    steps.append(to_markdown("Thank the {up:,} customers who moved up; call the {down:,} "
                             "who moved down.", up=moved.moved_up["customer"].nunique(),
                             down=moved.moved_down["customer"].nunique()))
if due is not None:
    steps.append(to_markdown("Send the next wave to the {n:,} customers due for a re-survey.",
                             n=len(due)))
say_list(steps)
