"""Generate the bundled sample order log: nps_toolkit/data/sample_orders.csv.gz.

Run from the repository root after make_sample.py: ``python scripts/make_orders.py``. The
output is committed; this script is the record of how it was made. The planted relation
(docs/sample-data.md, checked by tests/test_growth.py):

- every surveyed customer orders as a Poisson process with a base rate (0.08 to 0.16 orders
  a month) that grows with their lifetime value (so prior spend predicts later spend, and
  must be controlled for);
- after each answer, until their next answer, the rate is multiplied by the category's
  factor: detractor 0.55, passive 0.85, promoter 1.25; for "Bargain hunter" customers the
  effect is 2.5 times as strong on the log scale (0.22, 0.67, 1.75): the effect differs by
  segment;
- amounts scatter log-normally around the customer's average order value; 4% of orders
  (8% after a detractor answer) are refunded in full a few days later (a negative amount);
- promoters refer new customers (0.030 per month, passives 0.008, detractors 0.002): the
  referred customer's orders carry the referrer's id in ``referrer_id`` on their first order.

It also writes the shop's customer list (sample_customers.csv.gz): every surveyed customer
plus 1,600 who were invited and never answered, with region and persona. Non-response is
planted: customers in Asia-Pacific and Latin America answered about half as often as the
others, so they are under-represented among respondents (checked by tests/test_weights.py).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261129
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2026-11-15")
FACTOR = {"detractor": 0.55, "passive": 0.85, "promoter": 1.25}
STRONG_PERSONA = "Bargain hunter"
REFERRALS = {"detractor": 0.002, "passive": 0.008, "promoter": 0.030}  # per 30 days
OUT = Path(__file__).resolve().parents[1] / "nps_toolkit" / "data" / "sample_orders.csv.gz"
CUSTOMERS = OUT.with_name("sample_customers.csv.gz")
QUIET_REGIONS = ("Asia-Pacific", "Latin America")  # 3x the non-respondents of other regions
NON_RESPONDENTS = 1600


def main() -> None:
    import nps_toolkit as nt

    rng = np.random.default_rng(SEED)
    s = nt.load_sample().sort_values(["customer_id", "date"], kind="stable")
    s["category"] = nt.classify(s["score"]).astype(str)
    cust = s.groupby("customer_id", sort=True).agg(clv=("customer_lifetime_value", "last"),
                                                   aov=("average_order_value", "last"),
                                                   persona=("persona", "last"))
    rank = cust["clv"].rank(pct=True).to_numpy()
    base = pd.Series(0.08 + 0.08 * rank, index=cust.index)  # orders per 30 days
    # intervals: start -> first answer (base rate), answer k -> answer k+1 (its factor)
    first = s.groupby("customer_id")["date"].first()
    iv = [pd.DataFrame({"customer_id": first.index, "lo": START, "hi": first.to_numpy(),
                        "mult": 1.0, "category": "none"})]
    nxt = s.groupby("customer_id")["date"].shift(-1).fillna(END)
    strong = (s["persona"] == STRONG_PERSONA).to_numpy()
    mult = s["category"].map(FACTOR).to_numpy(dtype=float)
    mult = np.where(strong, mult ** 2.5, mult)
    iv.append(pd.DataFrame({"customer_id": s["customer_id"].to_numpy(),
                            "lo": s["date"].to_numpy(), "hi": nxt.to_numpy(), "mult": mult,
                            "category": s["category"].to_numpy()}))
    iv = pd.concat(iv, ignore_index=True)
    days = (iv["hi"] - iv["lo"]).dt.total_seconds().to_numpy() / 86400
    rate = base.reindex(iv["customer_id"]).to_numpy() * iv["mult"].to_numpy()
    n = rng.poisson(np.clip(days, 0, None) / 30 * rate)
    row = np.repeat(np.arange(len(iv)), n)
    when = (iv["lo"].to_numpy()[row]
            + pd.to_timedelta(rng.uniform(0, 1, len(row)) * days[row], unit="D").to_numpy())
    cid = iv["customer_id"].to_numpy()[row]
    aov = cust["aov"].reindex(cid).to_numpy()
    amount = np.round(aov * rng.lognormal(-0.08, 0.4, len(row)), 2)
    orders = pd.DataFrame({"customer_id": cid, "order_date": when, "amount": amount,
                           "referrer_id": pd.NA})
    # refunds: a full refund a few days later
    p_refund = np.where(iv["category"].to_numpy()[row] == "detractor", 0.08, 0.04)
    refunded = rng.uniform(size=len(row)) < p_refund
    refunds = pd.DataFrame({"customer_id": cid[refunded],
                            "order_date": when[refunded] + pd.to_timedelta(
                                rng.integers(2, 15, int(refunded.sum())), unit="D").to_numpy(),
                            "amount": -amount[refunded], "referrer_id": pd.NA})
    # referrals: new customers whose first order names the referrer
    ref_rate = iv["category"].map(REFERRALS).fillna(0.0).to_numpy()
    k = rng.poisson(np.clip(days, 0, None) / 30 * ref_rate)
    rrow = np.repeat(np.arange(len(iv)), k)
    r_when = (iv["lo"].to_numpy()[rrow]
              + pd.to_timedelta(rng.uniform(0, 1, len(rrow)) * days[rrow], unit="D").to_numpy())
    new_ids = np.array([f"N{i:05d}" for i in range(len(rrow))], dtype=object)
    referred = pd.DataFrame({"customer_id": new_ids, "order_date": r_when,
                             "amount": np.round(rng.lognormal(np.log(60), 0.4, len(rrow)), 2),
                             "referrer_id": iv["customer_id"].to_numpy()[rrow]})
    out = pd.concat([orders, refunds, referred], ignore_index=True)
    out = out[(out["order_date"] >= START) & (out["order_date"] <= END)]
    out["order_date"] = out["order_date"].dt.floor("min")
    out = out.sort_values(["order_date", "customer_id"], kind="stable").reset_index(drop=True)
    out.insert(0, "order_id", [f"O{i:06d}" for i in range(len(out))])
    out.to_csv(OUT, index=False, compression={"method": "gzip", "mtime": 0})
    print(f"{len(out):,} orders ({int((out['amount'] < 0).sum())} refunds, "
          f"{int(out['referrer_id'].notna().sum())} referred first orders) -> {OUT}")
    # the customer list: respondents, and invited customers who never answered
    known = s.groupby("customer_id", sort=True).agg(region=("region", "last"),
                                                    persona=("persona", "last")).reset_index()
    region_share = known["region"].value_counts(normalize=True)
    weight = region_share * np.where(region_share.index.isin(QUIET_REGIONS), 3.0, 1.0)
    quiet = pd.DataFrame({
        "customer_id": [f"Q{i:05d}" for i in range(NON_RESPONDENTS)],
        "region": rng.choice(weight.index.to_numpy(), NON_RESPONDENTS,
                             p=(weight / weight.sum()).to_numpy()),
        "persona": rng.choice(known["persona"].to_numpy(), NON_RESPONDENTS)})
    customers = pd.concat([known, quiet], ignore_index=True)
    customers.to_csv(CUSTOMERS, index=False, compression={"method": "gzip", "mtime": 0})
    print(f"{len(customers):,} customers ({NON_RESPONDENTS:,} never answered) -> {CUSTOMERS}")


if __name__ == "__main__":
    main()
