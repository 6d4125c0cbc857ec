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
# # Follow-up comments: what promoters love and detractors hate
#
# The question after the score ("What is the most important reason for your score?") says *why*.
# This notebook counts who answered, detects the languages, codes the comments into themes,
# measures what each theme costs in NPS, finds the words that separate promoters from
# detractors, flags comments that contradict their score, and picks quotes. Comments are
# analysed in the languages customers wrote them in; personal data is redacted.

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
# Force one language for all comments, e.g. "es" (None = detect per comment)
language: str = None
# Codeframe: "auto" (the preset that codes the most comments), or "ecommerce", "retail"
# (shops, branches), "saas", "banking", "telecom", "travel" (airlines, hotels)
codeframe: str = "auto"
# Number of themes to discover beyond the codeframe
n_themes: int = 6
# Period for theme trends ("M", "Q"); used when the data has dates
freq: str = "Q"
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
from nps_toolkit.markup import say, say_list, skipped, to_markdown

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
print(load_report)

# %% [markdown]
# ## 1. Who answered, and in which languages

# %% tags=["report-details"] summary="How the comments were counted"
if not has("comment"):
    raise SystemExit("This notebook needs a comment column: set `comment = ...` above.")
analysis = nt.analyze_comments(df, language=language, codeframe=codeframe,
                               n_themes=n_themes, seed=0)
account = pd.Series(analysis.account, name="comments").rename(index=nt.i18n.gettext)
account.to_frame()

# %% tags=["report-details"] summary="Comments per language"
answered = analysis.comments[analysis.comments["is_answer"]]
languages = answered["comment_language"].value_counts().sort_index().sort_values(
    ascending=False, kind="stable")  # by count, then by name
display(languages.to_frame("comments"))
undetermined = int((answered["comment_language"] == "und").sum())
values = dict(analysed=analysis.account.get("analysed", len(answered)), n=len(df),
              lang=languages.index[0], share=languages.iloc[0] / languages.sum(),
              undetermined=undetermined)
if undetermined:
    say("**{analysed:,} comments analysed** of {n:,} responses. The most common language is "
        "**{lang}** ({share:.0%} of comments); {undetermined:,} could not be assigned a "
        "language.", **values)
else:
    say("**{analysed:,} comments analysed** of {n:,} responses. The most common language is "
        "**{lang}** ({share:.0%} of comments); every comment was assigned a language.",
        **values)

# %% [markdown]
# ## 2. Themes and what they cost
#
# Each comment is coded against a codeframe of themes (the preset that fits these comments
# best, or your own; each comment is matched with the patterns of its own language). *NPS gain if
# fixed* is how much the overall NPS would rise if the detractors who mention the theme had
# been passives, with a Wilson interval.

# %% tags=["report-details"] summary="Every theme's table"
impact = analysis.impact
impact[["theme", "mentions", "share_of_detractor_comments", "nps_mentioning",
        "nps_gain_if_fixed", "gain_ci_low", "gain_ci_high"]]

# %%
charts.theme_impact(impact)

# %%
if analysis.codeframe_coverage:  # chosen from the comments: say which, and the others
    say("Codeframe **{name}**, the preset that codes the most of these comments ({shown}).",
        name=analysis.codeframe, shown=", ".join(
            f"{k} {nt.i18n.fmt(v, '.0%')}" for k, v in sorted(
                analysis.codeframe_coverage.items(), key=lambda kv: (-kv[1], kv[0]))))
top = impact.iloc[0]
say("**{t[theme]}** costs the most: fixing it for the detractors who mention it would add "
    "about {t[nps_gain_if_fixed]:.1f} points (interval {t[gain_ci_low]:.1f} to "
    "{t[gain_ci_high]:.1f}). It comes up in {t[share_of_detractor_comments]:.0%} of "
    "detractor comments, and those mentioning it give an NPS of {t[nps_mentioning]:.1f}.",
    t={**top, "theme": nt.text.theme_label(top["theme"])})

# %%
coded = answered[[f"theme: {t}" for t in impact["theme"]]]  # one column per theme
overall = (coded["theme: overall impression"] if "theme: overall impression" in coded
           else pd.Series(False, index=coded.index))
vague = overall & ~coded.drop(columns=["theme: overall impression"], errors="ignore").any(axis=1)
uncoded = ~coded.any(axis=1)
say("{vague:,} comments ({vague_share:.0%}) give only an overall impression "
    "(\"excellent\", \"bad service\") and no reason, and "
    "{uncoded:,} ({uncoded_share:.0%}) match no theme of the codeframe (the "
    "discovered topics below show what they are about).",
    vague=int(vague.sum()), vague_share=vague.mean(), uncoded=int(uncoded.sum()),
    uncoded_share=uncoded.mean())
if vague.mean() >= 0.25:
    say("With this many comments saying nothing specific, a sharper follow-up question "
        "(\"What is the one thing we should improve?\") would give more to act on.")

# %% [markdown]
# ### Themes the codeframe does not know
#
# Topics discovered in the comments themselves (NMF on TF-IDF, seeded): read the top phrases and
# the example to see whether a theme is missing from the codeframe.

# %% [markdown] tags=["report-skip"]
# `nt.suggest_codeframe(df)` drafts pain points (from detractors) and delights (from promoters)
# as an editable codeframe.

# %% tags=["report-details"] summary="Topics discovered in all comments"
if analysis.discovered is not None:
    display(analysis.discovered.topics)
    for note in analysis.discovered.notes:  # topics that did not settle
        say("{note}", note=note)
else:
    skipped("Too few comments to discover themes.", needs="comments")

# %% tags=["report-details"] summary="Pain points in detractor comments"
try:
    pains = nt.discover_themes(df, side="detractors", n_themes=min(n_themes, 4), seed=0)
    display(pains.topics[["label", "comments", "share", "covered_by_codeframe", "quotes"]])
    for note in pains.notes:
        say("{note}", note=note)
except ValueError as exc:  # too few detractor comments
    say("No pain points discovered: {exc}.", exc=exc)

# %% [markdown]
# ## 3. Words of promoters and detractors, per language

# %%
drivers = analysis.drivers
top_languages = [lang for lang in languages.index if lang in set(drivers["language"])][:2]
for lang in top_languages:
    display(charts.text_drivers(drivers, language=lang))
passing = drivers.groupby("language")["significant"].agg(["sum", "size"])
counts = [nt.i18n.tr("{language}: {k} of {n}", language=lang, k=int(row["sum"]),
                     n=int(row["size"])) for lang, row in passing.iterrows()]
say("Words that pass a 5% false discovery rate (the others are drawn faded and may be noise): "
    "{counts}.", counts="; ".join(counts))
for note in drivers.attrs.get("notes", []):  # languages with too few comments on a side
    say("{note}", note=note)

# %% tags=["report-details"] summary="The top words per language and side"
drivers.groupby(["language", "side"]).head(3)[["language", "side", "term", "z", "significant"]]

# %% [markdown]
# ## 4. Comments that contradict their score
#
# A detractor score with a glowing comment (or the reverse) is often a reversed scale or a
# slip; check these before acting on them. With enough scored comments the polarity is learnt
# from this survey's own scores (TF-IDF + logistic regression, cross-fitted: each comment is
# scored by a model that never saw it), and a comment is flagged only on strong evidence.

# %%
model = analysis.sentiment_model
if model["method"] == "model":
    say("Sentiment: **learnt from this survey's scores**, from {m[labelled]:,} promoter and "
        "detractor comments in {m[folds]} folds; it tells promoter from detractor comments "
        "with an out-of-fold AUC of **{m[auc]:.2f}** (0.5 = chance, 1 = perfect). "
        "{mismatches:,} possible score-comment mismatches.", m=model,
        mismatches=len(analysis.mismatches))
elif model["method"] == "pretrained":
    say("Sentiment: **a model shipped with the package** for {m[pretrained]:,} comments in "
        "Korean (trained on 509,498 rated Korean film reviews; it read them better than "
        "this survey's scores could teach), the word lists or the survey's own model for "
        "the rest; it tells promoter from detractor comments with an AUC of "
        "**{m[auc]:.2f}** (0.5 = chance, 1 = perfect). {mismatches:,} possible "
        "score-comment mismatches.", m=model, mismatches=len(analysis.mismatches))
else:
    say("Sentiment: **the word list (lexicon)**, too few scored comments to learn from; it "
        "tells promoter from detractor comments with an AUC of **{m[auc]:.2f}** (0.5 = "
        "chance, 1 = perfect). {mismatches:,} possible score-comment mismatches.", m=model,
        mismatches=len(analysis.mismatches))
analysis.mismatches.head(5) if len(analysis.mismatches) else None

# %% [markdown]
# ## 5. Quotes for the report

# %%
analysis.quotes.head(12)

# %% [markdown]
# ## 6. Theme trends

# %%
if has("date"):
    trends = nt.theme_trends(analysis.comments, freq=freq)  # the themes coded above
    mine = trends[(trends["theme"] == top["theme"]) & (trends["mentions"] > 0)]
    if len(mine) >= 2:
        first, last = mine.iloc[0], mine.iloc[-1]
        say("**{theme}** came up in {a:.0%} of the comments in {p0} and in {b:.0%} in {p1}; "
            "those who mentioned it gave an NPS of {n0:.1f}, then {n1:.1f}.",
            theme=nt.text.theme_label(top["theme"]), a=first["mention_share"], p0=first["period"],
            b=last["mention_share"], p1=last["period"], n0=first["nps_mentioning"],
            n1=last["nps_mentioning"])
else:
    trends = None
    skipped("No date column: theme trends need dates.", needs="date")

# %% tags=["report-details"] summary="The costliest themes per period"
(trends[trends["theme"].isin(impact.head(3)["theme"])]
 .sort_values(["theme", "period"], kind="stable") if trends is not None else None)

# %% [markdown] tags=["report-skip"]
# ## 7. Read the comments
#
# Search, filter by category, theme and language.

# %% tags=["report-skip", "interactive"]
nt.widgets.CommentBrowser(analysis, height=380)

# %% [markdown]
# ## Next actions

# %%
worst = [nt.text.theme_label(theme) for theme in impact.head(3)["theme"]]
say_list([
    to_markdown("Take **{theme}** to its owner with the quotes above: it costs the most NPS.",
                theme=worst[0]),
    to_markdown("Check whether {others} share a cause with it.", others=nt.i18n.join(worst[1:])),
    *([to_markdown("Review the {n:,} score-comment mismatches before counting them as "
                   "detractors.", n=len(analysis.mismatches))] if len(analysis.mismatches)
      else []),
    to_markdown("Add discovered themes that matter to the codeframe and re-run."),
])
