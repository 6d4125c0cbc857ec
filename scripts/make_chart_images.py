"""Draw every chart on the bundled sample into docs/img/ (PNG, for the README).

Run by hand after a chart changes: ``python scripts/make_chart_images.py``. Drawn by vl-convert,
offline; deterministic for a given vl-convert version.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import nps_toolkit as nt
from nps_toolkit import charts

OUT = Path(__file__).resolve().parents[1] / "docs" / "img"


def build() -> dict[str, object]:
    df = nt.load_sample()
    result = nt.score(df["score"])
    cmp = nt.compare_to_benchmark(df, benchmark="retail", industry="online retail")
    retail = nt.benchmarks().query("industry_group == 'retail'").head(4)
    rng = np.random.default_rng(7)  # illustrative driver ratings, seeded
    ratings = df.assign(
        delivery_rating=np.clip(np.rint(df["score"].astype(float) * 0.8
                                        + rng.normal(1, 1.5, len(df))), 0, 10),
        price_rating=np.clip(np.rint(rng.normal(7, 2, len(df))), 0, 10))
    return {
        "distribution": charts.distribution(df),
        "categories": charts.categories(df, by="touchpoint"),
        "score_card": charts.score_card(result, benchmark=cmp),
        "segments": charts.segments(df, by="support_agent", benchmark=cmp),
        "funnel": charts.funnel(df, by="delivery_depot"),
        "trend": charts.trend(df, freq="Q"),
        "migration": charts.migration(nt.migration(df)),
        "value_tiers": charts.value_tiers(
            nt.value_analysis(df, value="customer_lifetime_value", customer="customer_id",
                              date="date")),
        "benchmark": charts.benchmark(cmp, others=retail),
        "theme_impact": charts.theme_impact(df),
        "text_drivers": charts.text_drivers(nt.text_drivers(df), language="en"),
        "drivers": charts.drivers(nt.driver_importance(
            ratings, drivers=["delivery_rating", "price_rating"])),
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    charts.setup("static")
    for name, chart in build().items():
        path = charts.save(chart, OUT / f"{name}.png", scale=1.5)
        print(f"wrote {path.relative_to(OUT.parents[1])} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
