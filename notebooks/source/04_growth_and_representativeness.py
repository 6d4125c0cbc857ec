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
# # Growth and representativeness: does NPS predict what customers do, and who answered?
#
# Two questions every manager asks. **Does our NPS predict repurchase and revenue?** Each
# answer is joined to the customer's orders before and after it: do promoters buy again more
# than detractors, and what is moving a customer up a category worth? **Are the people who
# answered like our customers?** Response rates by segment against the whole customer list,
# and the NPS weighted to the customer base.

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
# Order log: customer id, order date, amount (None = the sample's, with the sample survey;
# with your own survey and no order log, only the representativeness part runs)
orders_path: str = None
# Customer list with segment columns, for response rates (None = the sample's)
customers_path: str = None
# Window after (and before) each answer: "365D", "180D"...; "auto" takes the longest of
# 365, 180, 90 and 30 days that at least half the answers have in full in the order log
horizon: str = "auto"
# Segment and numeric columns the value of moving is controlled for (when present)
segments: list = ["persona"]
controls: list = ["customer_lifetime_value", "average_order_value"]
# Customer attributes to compare respondents with the customer list on
population_by: list = ["region", "persona"]
# Language of the prose, tables and charts: "en", "fr", "es", "de", "ru", "ko", "zh", "hr"
lang: str = "en"

# %%
import pandas as pd
from IPython.display import display

import nps_toolkit as nt
from nps_toolkit import charts

# say("template {value}", value=...): the template is this notebook's Markdown, every value
# from the data is escaped (a segment named "[x](javascript:...)" shows as those characters)
from nps_toolkit.markup import say, say_list, skipped, to_markdown

# charts drawn offline as SVG with their numbers as alt text; tables formatted for reading
nt.templates.setup_notebook(lang)


def has(column) -> bool:
    return bool(column) and column in df.columns


# %% [markdown] tags=["report-skip"]
# ## Loading the export and the order log

# %% tags=["report-skip"]
df, load_report = nt.read_survey(data_path or nt.sample_path(), score=score, comment=comment,
                                 date=date, customer=customer_id, on_invalid="exclude",
                                 scale=scale)
print(load_report)
orders = None  # your survey without an order log: who answered, not what they bought
if orders_path is not None or data_path is None:
    orders, orders_report = nt.read_orders(orders_path or nt.sample_path("orders"))
    print(orders_report)
customers = None
if customers_path is not None:
    customers, customers_report = nt.read_customers(customers_path, answers=df)
    print(customers_report)
elif data_path is None:
    customers = nt.load_sample("customers")

# %% [markdown]
# ## 1. Does NPS predict repurchase here?

# %%
link = None
if orders is not None:
    link = nt.growth_link(df, orders, horizon=horizon, seed=0)
    say("{summary}", summary=link.summary)
    if link.notes:
        say("Note: {notes}", notes=" ".join(link.notes))
    display(charts.growth(link, metrics=("repurchase_rate", "orders", "revenue")))
else:
    skipped("No order log was given (orders_path): whether NPS predicts repurchase is not "
            "measured.", needs="orders")

# %% tags=["report-details"] summary="Every measure per category"
# rates as percentages, counts and money with two decimals
LABELS = {"repurchase_rate": nt.i18n.tr("% bought again"),
          "churn_rate": nt.i18n.tr("% no order (churn)"),
          "orders": nt.i18n.tr("orders per answer"), "revenue": nt.i18n.tr("revenue per answer"),
          "revenue_change": nt.i18n.tr("revenue change vs the horizon before"),
          "referrals": nt.i18n.tr("referrals")}
def readable(frame, columns):
    rate = frame["metric"].str.endswith("_rate").to_numpy()
    out = frame.assign(metric=frame["metric"].map(LABELS))
    for c in columns:
        out[c] = [nt.i18n.fmt(100 * v, ".1f") if r else nt.i18n.fmt(v, ",.2f")
                  for v, r in zip(frame[c], rate, strict=True)]
    return out

table = (readable(link.table, ["value"]).pivot(index="metric", columns="category",
                                                  values="value")[["detractor", "passive",
                                                                   "promoter"]]
         if link is not None else None)
table

# %% tags=["report-details"] summary="Promoters against detractors, with intervals"
(readable(link.differences[link.differences["comparison"] == "promoter - detractor"],
          ["difference", "ci_low", "ci_high"])  # rates in points
 if link is not None else None)

# %% [markdown]
# ## 2. What is moving a customer up worth?
#
# Revenue in the horizon after the answer, regressed on the category, the customer's revenue
# in the same length of time before, and the segments and values given above; standard errors
# clustered by customer. Read it as the size of what is at stake, not as a forecast.

# %%
use_segments = [c for c in segments if c in df.columns]
use_controls = [c for c in controls if c in df.columns]
value = up = None
if link is not None:
    value = nt.value_of_moving(df, link=link, by=use_segments, controls=use_controls)
    say("{statement}", statement=value.attrs["statement"])
    display(value[["per_customer", "ci_low", "ci_high", "p_value", "customers_who_could_move",
                   "total", "total_ci_low", "total_ci_high"]])
else:
    skipped("No order log was given (orders_path): the value of moving up is not measured.",
            needs="orders")

# %%
if link is not None:
    days = nt.i18n.ntr("{n} day", "{n} days", pd.Timedelta(link.horizon).days)
    up = value.loc["passive -> promoter"]
    say("A passive who became a promoter is associated with {u[per_customer]:,.2f} more "
        "revenue over {horizon} (interval {u[ci_low]:,.2f} to {u[ci_high]:,.2f}); across the "
        "{movers:,} customers whose latest answer is passive that is about {u[total]:,.0f}.",
        u=up, horizon=days, movers=int(up["customers_who_could_move"]))

# %% [markdown]
# ## 3. Word of mouth

# %%
if link is None:
    skipped("No order log was given (orders_path): word of mouth is not measured.",
            needs="orders")
elif "referrals" in set(link.table["metric"]):
    ref = link.table[link.table["metric"] == "referrals"]
    display(readable(ref, ["value", "ci_low", "ci_high"])[["category", "value", "ci_low",
                                                          "ci_high", "answers"]])
    r = ref.set_index("category")["value"]
    say("Each promoter answer was followed by {r[promoter]:.2f} referred new customers "
        "within {horizon}, against {r[detractor]:.2f} for a detractor answer.", r=r,
        horizon=days)
else:
    say("The order log has no referral column (referrer_id): word of mouth is not measured.")

# %% [markdown]
# ## 4. Are the respondents like our customers?

# %%
if customers is None:
    skipped("No customer list was given (customers_path): response rates are not computed.",
            needs="customers")
# the attributes asked for, else the columns of groups the customer list holds
by = [c for c in population_by if customers is not None and c in customers.columns] or (
    customers.attrs.get("attributes", []) if customers is not None else [])
if customers is not None and not by:
    skipped("The customer list has no column of groups (region, plan...) to compare the "
            "respondents on: response rates are not computed.", needs="customers")
    customers = None
if customers is not None:
    bias = nt.response_bias(df, customers, by=by)
    say("{summary}", summary=bias.summary)
else:
    bias = None

# %% tags=["report-details"] summary="Response rates per group"
if bias is not None:
    shown = bias.table.assign(response_rate=(100 * bias.table["response_rate"]).round(1),
                              representation=bias.table["representation"].round(2))
    display(shown[["variable", "level", "customers", "respondents", "response_rate",
                   "representation", "p_value_adjusted", "under_represented"]])

# %% [markdown]
# ## Next actions

# %%
steps = []
d = link.differences.set_index(["metric", "comparison"]) if link is not None else pd.DataFrame()
if ("repurchase_rate", "promoter - detractor") in d.index:
    r = d.loc[("repurchase_rate", "promoter - detractor")]
    if r["ci_low"] > 0:
        steps.append(to_markdown(
            "Promoters bought again {d:.1f} points more often than detractors within {h} "
            "(interval {lo:.1f} to {hi:.1f}): each detractor won back is repeat business, so "
            "start with the theme that costs most (comment analysis).", d=100 * r["difference"],
            lo=100 * r["ci_low"], hi=100 * r["ci_high"],
            h=days))
    else:
        steps.append(to_markdown("Here the data cannot show that promoters buy again more "
                                 "than detractors: do not promise revenue from a higher NPS "
                                 "yet."))
if up is not None and up["ci_low"] > 0:
    steps.append(to_markdown(
        "A passive who becomes a promoter is associated with about {v:,.2f} more revenue: ask "
        "the passives what would make it a 9 or 10.", v=up["per_customer"]))
if customers is not None and bias.table["under_represented"].any():
    low = bias.table[bias.table["under_represented"]]
    steps.append(to_markdown(
        "Re-survey or weight the under-represented groups ({groups}) before comparing "
        "segments.", groups=nt.i18n.join(f"{v} = {lv}" for v, lv in
                                      zip(low["variable"], low["level"], strict=True))))
say_list(steps)
