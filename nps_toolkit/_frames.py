"""Backend-agnostic aggregation of scores to counts, through narwhals.

Anything narwhals understands (pandas, polars, pyarrow, a DuckDB relation, ...) is reduced to
one small pandas table of counts per group; the statistics then run on that table.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

import narwhals as nw
import numpy as np
import pandas as pd

from .errors import ColumnNotFoundError, InvalidScoreError, describe_examples

COUNT_COLUMNS = ("n", "n_missing", "promoters", "passives", "detractors")
WEIGHT_COLUMNS = ("w_promoters", "w_passives", "w_detractors", "w_sum", "w_sq")


def to_narwhals(data: Any) -> nw.DataFrame | nw.LazyFrame:
    """Wrap a native data frame (or relation) for narwhals, with a clear error otherwise."""
    try:
        return nw.from_native(data)
    except TypeError as exc:
        raise TypeError(
            "expected a data frame (pandas, polars, pyarrow) or a DuckDB relation, got "
            f"{type(data).__name__}"
        ) from exc


def column_names(frame: nw.DataFrame | nw.LazyFrame) -> list[str]:
    return list(frame.collect_schema().names())


def require_columns(frame, columns: Sequence[str], *, role: str = "column") -> None:
    names = column_names(frame)
    missing = [c for c in columns if c not in names]
    if missing:
        raise ColumnNotFoundError(
            f"{role} {', '.join(repr(c) for c in missing)} not found; the data has columns "
            f"{names[:30]}{' ...' if len(names) > 30 else ''}. Pass the right name "
            f"(e.g. score='...'), or load the file with read_survey() to detect it."
        )


def _missing_expr(name: str, dtype) -> nw.Expr:
    col = nw.col(name)
    if dtype.is_float():
        return col.is_null() | col.is_nan().fill_null(value=True)
    return col.is_null()


def _collect(frame) -> nw.DataFrame:
    return frame.collect() if isinstance(frame, nw.LazyFrame) else frame


def validate_score_column(frame, name: str, *, positions: bool = True) -> None:
    """Raise InvalidScoreError if column ``name`` holds anything but 0-10 whole numbers.

    Missing values are allowed (they are counted, not scored). For an eager frame the error
    names the positions (0-based row numbers) of the first offending values.
    """
    dtype = frame.collect_schema()[name]
    if not dtype.is_numeric():
        if dtype == nw.Boolean:
            raise InvalidScoreError(
                f"column {name!r} is boolean, not a 0-10 score", column=name
            )
        sample = _collect(frame.select(nw.col(name)).head(5)).get_column(name).to_list()
        raise InvalidScoreError(
            f"column {name!r} holds {dtype} values (e.g. {sample[:3]!r}), not 0-10 numbers. "
            "Clean it with read_survey(), which understands cells like '10 - Extremely likely', "
            "or convert it yourself.",
            column=name, values=sample,
        )
    col = nw.col(name)
    missing = _missing_expr(name, dtype)
    bad = ~missing & ((col < 0) | (col > 10) | (col != col.round(0)))
    if positions and isinstance(frame, nw.DataFrame):
        indexed = frame.select(col).with_row_index("__row")
        offending = indexed.filter(bad)
        count = len(offending)
        if count:
            head = offending.head(5)
            pos = head.get_column("__row").to_list()
            vals = head.get_column(name).to_list()
            _raise_invalid(name, pos, vals, count)
        return
    counted = _collect(frame.select(bad.cast(nw.Int64).sum().alias("bad"))).item(0, "bad")
    if counted:
        head = _collect(frame.filter(bad).select(col).head(5)).get_column(name).to_list()
        _raise_invalid(name, [], head, int(counted))


def _raise_invalid(name: str, pos: list, vals: list, count: int) -> None:
    where = describe_examples([f"position {p}" for p in pos], vals, count) if pos else (
        ", ".join(repr(v) for v in vals) + (f" (and {count - len(vals)} more)"
                                            if count > len(vals) else ""))
    raise InvalidScoreError(
        f"column {name!r} has {count} value(s) that are not whole numbers from 0 to 10: {where}. "
        "Fix or remove them; read_survey(..., on_invalid='exclude') excludes them with an "
        "account, and combine_scores() turns averages of several questions into 0-10 scores.",
        column=name, positions=pos, values=vals, count=count,
    )


# Category codes per row: 0-10 are the scores themselves, then these two.
MISSING_CODE = 11
INVALID_CODE = 12
N_CODES = 13


def numpy_codes(arr: np.ndarray) -> np.ndarray:
    """Row codes 0-12 (score, 11 missing, 12 invalid) for a float array, in a few passes.

    The fast path (every value a 0-10 whole number or NaN) costs a handful of vectorised
    passes; anything else takes a slower exact path that marks the invalid values.
    """
    nan = np.isnan(arr)
    filled = np.where(nan, float(MISSING_CODE), arr)
    lo, hi = (filled.min(), filled.max()) if filled.size else (0.0, 0.0)
    if lo >= 0 and hi <= MISSING_CODE:
        codes = filled.astype(np.int8)
        if np.array_equal(codes, filled):
            # a genuine 11 would be counted as missing: make sure there is none
            if hi < MISSING_CODE or np.count_nonzero(codes == MISSING_CODE) == np.count_nonzero(
                    nan):
                return codes
    bad = ~nan & ((arr < 0) | (arr > 10) | (arr != np.floor(arr)))
    safe = np.where(nan | bad, 0.0, arr).astype(np.int8)
    return np.where(nan, MISSING_CODE, np.where(bad, INVALID_CODE, safe)).astype(np.int8)


def fast_category_counts(arr: np.ndarray) -> tuple[int, int, int, int] | None:
    """(promoters, passives, detractors, missing) of a float array, or None if any value is
    not a 0-10 whole number (the caller then takes the exact path that names them).

    About 2-3x the cost of the bare ``(s >= 9).mean() - (s <= 6).mean()``: range via
    fmin/fmax (NaN ignored), integrality by truncating to int8 and comparing back, counts on
    the one-byte codes.
    """
    if arr.size == 0:
        return 0, 0, 0, 0
    lo, hi = np.fmin.reduce(arr), np.fmax.reduce(arr)
    n_nan = int(np.count_nonzero(np.isnan(arr)))
    if n_nan == arr.size:
        return 0, 0, 0, n_nan
    if not (lo >= 0 and hi <= 10):
        return None
    with np.errstate(invalid="ignore"):
        codes = arr.astype(np.int8)  # NaN positions hold garbage; ``exact`` masks them
    exact = codes == arr
    if int(np.count_nonzero(exact)) + n_nan != arr.size:
        return None
    P = int(np.count_nonzero((codes >= 9) & exact))
    D = int(np.count_nonzero((codes <= 6) & exact))
    return P, arr.size - n_nan - P - D, D, n_nan


def _pandas_float(series: pd.Series) -> np.ndarray:
    if series.dtype == np.float64:
        return series.to_numpy()
    return series.to_numpy(dtype=np.float64, na_value=np.nan)


def integer_scores(values: Any) -> tuple[np.ndarray, np.ndarray | None] | None:
    """(values, missing mask or None) of integer scores - numpy ints, or pandas' nullable
    Int8/Int16/... - when every present value is a whole number 0-10; None otherwise (not
    integers, or out of range: the general float path then names the bad values). No float
    copy. Values under the mask are undefined."""
    if isinstance(values, pd.Series):
        array = values.array
        if isinstance(array, pd.arrays.IntegerArray):
            data, mask = array._data, array._mask
        elif values.dtype.kind in "iu":
            data, mask = values.to_numpy(), None
        else:
            return None
    elif isinstance(values, np.ndarray) and values.dtype.kind in "iu":
        data, mask = values, None
    else:
        return None
    present = data[~mask] if mask is not None and mask.any() else data
    if present.size and (present.min() < 0 or present.max() > 10):
        return None
    return data, mask


def _score_codes(series: pd.Series) -> np.ndarray:
    """Row codes 0-12 (see :func:`numpy_codes`); integer scores skip the float copy."""
    ints = integer_scores(series)
    if ints is None:
        return numpy_codes(_pandas_float(series))
    data, mask = ints
    codes = data.astype(np.int8)
    if mask is not None and mask.any():
        codes = np.where(mask, np.int8(MISSING_CODE), codes)
    return codes


def _factorize(series: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes (-1 for missing) and the unique values of a key column.

    Integer keys in a dense range (store 1..1000) are their own codes, offset by the
    minimum: no hashing. Values in the range that do not occur become empty groups, which
    the caller drops.
    """
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy(dtype=np.int64), pd.Index(series.cat.categories)
    if series.dtype.kind in "iu" and len(series):
        values = series.to_numpy()
        lo, hi = int(values.min()), int(values.max())
        if hi - lo < max(4096, len(values) // 16):
            return (values - lo).astype(np.int64, copy=False), pd.Index(
                np.arange(lo, hi + 1, dtype=values.dtype))
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes.astype(np.int64, copy=False), pd.Index(uniques)


def _pandas_counts(native: pd.DataFrame, score: str, by: list[str],
                   weights: str | None) -> pd.DataFrame:
    """Counts per group and code for pandas input: factorised keys + one np.bincount."""
    codes = _score_codes(native[score])
    dense = _dense_int_key(native[by[0]]) if len(by) == 1 and weights is None else None
    if dense is not None:
        # one integer key in a dense range (store ids): the group is the value itself, and
        # group * 13 + score code is formed in one int32 pass (no factorising, no int64
        # temporaries): 10M rows, 1,000 stores 0.07 s against 0.16-0.22 s the general way
        values, lo, hi = dense
        wide = np.int32 if (hi - lo + 1) * N_CODES < 2**31 - 1 else np.int64
        if values.dtype.itemsize <= 4 and -2**31 <= lo and hi < 2**31:
            base = values.astype(wide, copy=False) - wide(lo)
        else:  # wide ids (e.g. 5,000,000,001..): offset in their own type first
            base = (values - values.dtype.type(lo)).astype(wide, copy=False)
        flat = base * wide(N_CODES) + codes
        n_groups = hi - lo + 1
        table = np.bincount(flat, minlength=n_groups * N_CODES).reshape(-1, N_CODES)
        sizes = [n_groups + 1]  # as below: a (here empty) missing-key slot after the values
        keyparts = [pd.Index(np.arange(lo, hi + 1, dtype=values.dtype))]
        return _finish_counts(native, by, table, None, sizes, keyparts, None)
    if by:
        group = np.zeros(len(native), dtype=np.int64)
        sizes, keyparts = [], []
        for key in by:
            k, uniques = _factorize(native[key])
            k = np.where(k < 0, len(uniques), k)  # missing key -> its own slot, last
            group = group * (len(uniques) + 1) + k
            sizes.append(len(uniques) + 1)
            keyparts.append(uniques)
        total = int(np.prod(sizes, dtype=np.float64))
        if total * N_CODES > 50_000_000:  # many key combinations: compress first
            used, group = np.unique(group, return_inverse=True)
        else:
            used = None
        n_groups = int(group.max()) + 1 if group.size else 0
    else:
        group = np.zeros(len(native), dtype=np.int64)
        n_groups, used = 1, None
    flat = group * N_CODES + codes
    table = np.bincount(flat, minlength=n_groups * N_CODES).reshape(-1, N_CODES)
    wtables = None
    if weights is not None:
        w = _pandas_float(native[weights])
        wz = np.where(codes <= 10, w, 0.0)
        cat = np.select([codes <= 6, codes <= 8, codes <= 10], [0, 1, 2], 3)
        idx = group * 4 + cat
        wsum = np.bincount(idx, weights=wz, minlength=n_groups * 4).reshape(-1, 4)
        wsq = np.bincount(group, weights=wz * wz, minlength=n_groups)
        wtables = (wsum, wsq)
    return _finish_counts(native, by, table, wtables, sizes if by else [],
                          keyparts if by else [], used)


def _dense_int_key(series: pd.Series) -> tuple[np.ndarray, int, int] | None:
    """A plain numpy integer key whose values span a dense range, or None."""
    if series.dtype.kind not in "iu" or not len(series) or not isinstance(series.dtype,
                                                                          np.dtype):
        return None
    values = series.to_numpy()
    lo, hi = int(values.min()), int(values.max())
    if hi - lo >= max(4096, len(values) // 16):
        return None
    return values, lo, hi


def _finish_counts(native: pd.DataFrame, by: list[str], table: np.ndarray,
                   wtables: Any, sizes: list[int], keyparts: list[pd.Index],
                   used: np.ndarray | None) -> pd.DataFrame:
    """The counts frame from the (groups x codes) table, with the group key columns."""
    present = table.sum(axis=1) > 0 if by else np.ones(1, dtype=bool)
    out = _code_table_to_counts(table[present])
    if wtables is not None:
        wsum, wsq = wtables
        out["w_promoters"], out["w_passives"], out["w_detractors"] = (
            wsum[present, 2], wsum[present, 1], wsum[present, 0])
        out["w_sum"] = wsum[present, :3].sum(axis=1)
        out["w_sq"] = wsq[present]
    if by:
        gid = np.flatnonzero(present)
        gid = used[gid] if used is not None else gid
        for key, size, uniques in zip(reversed(by), reversed(sizes), reversed(keyparts),
                                      strict=True):
            gid, k = np.divmod(gid, size)
            dtype = native[key].dtype
            if isinstance(dtype, pd.CategoricalDtype):  # keep the category order
                codes = np.where(k == len(uniques), -1, k)
                out.insert(0, key, pd.Categorical.from_codes(codes, dtype=dtype))
                continue
            values = uniques.take(np.minimum(k, len(uniques) - 1)) if len(uniques) else (
                pd.Index([None] * len(k)))
            col = pd.Series(values, dtype=dtype)
            col[k == len(uniques)] = None
            out.insert(0, key, col.to_numpy() if col.dtype == object else col.array)
    return out


def _code_table_to_counts(table: np.ndarray) -> pd.DataFrame:
    return pd.DataFrame({
        "promoters": table[:, 9:11].sum(axis=1),
        "passives": table[:, 7:9].sum(axis=1),
        "detractors": table[:, 0:7].sum(axis=1),
        "n_missing": table[:, MISSING_CODE],
        "n_invalid": table[:, INVALID_CODE],
        "n_rows": table.sum(axis=1),
    })


def _narwhals_counts(frame, score: str, by: list[str], weights: str | None) -> pd.DataFrame:
    """Counts per group and code for any other backend (polars, pyarrow, DuckDB, ...).

    Only ``GROUP BY keys, score -> count(*)`` runs in the data's engine (what a hand-written
    query does: no per-row expression), and the small result, at most a dozen score values
    per group, is classified here with numpy.
    """
    native = nw.to_native(frame)
    pa = sys.modules.get("pyarrow")  # a pyarrow Table implies pyarrow is imported
    if (weights is None and pa is not None and isinstance(native, pa.Table)
            and "count_all" not in (*by, score)):
        # a pyarrow Table: Arrow's nullary count_all, the exact query a hand-written
        # table.group_by(keys).aggregate([([], "count_all")]) runs (narwhals' len() counts a
        # key column instead, measurably slower on 10M rows); its columns are taken one by
        # one (a whole-table conversion and rename cost as much as the rest of the summary)
        res = native.group_by([*by, score]).aggregate([([], "count_all")])
        long = pd.DataFrame({**{b: res.column(b).to_pandas() for b in by},
                             "__score": res.column(score).to_numpy(zero_copy_only=False),
                             "__len": res.column("count_all").to_numpy()})
    else:
        aggs = [nw.len().alias("__len")]
        narrow = frame.select(*[nw.col(b) for b in by], nw.col(score).alias("__score"))
        if weights is not None:
            w = nw.col(weights).cast(nw.Float64)
            narrow = frame.select(*[nw.col(b) for b in by], nw.col(score).alias("__score"),
                                  w.alias("__w"), (w * w).alias("__w2"))
            aggs += [nw.col("__w").sum(), nw.col("__w2").sum()]
        long = _collect(narrow.group_by(*by, "__score", drop_null_keys=False).agg(*aggs)
                        ).to_pandas()
    value = pd.to_numeric(long["__score"], errors="coerce").to_numpy(dtype=np.float64,
                                                                    na_value=np.nan)
    missing = np.isnan(value)
    with np.errstate(invalid="ignore"):
        bad = ~missing & ((value < 0) | (value > 10) | (value != np.round(value)))
        cat = (value >= 7).astype(np.int8) + (value >= 9).astype(np.int8)
    long["__code"] = np.where(missing, 3, np.where(bad, 4, cat)).astype(int)
    if weights is not None:  # weights of unscored or invalid rows do not count
        scored = long["__code"].to_numpy() <= 2
        long["__w"] = np.where(scored, long["__w"].fillna(0.0), 0.0)
        long["__w2"] = np.where(scored, long["__w2"].fillna(0.0), 0.0)
    # the long result is small (groups x score values): one bincount per measure makes the
    # wide table, where a pandas pivot cost as much as a third of Arrow's own group_by
    if by:
        gid = np.zeros(len(long), dtype=np.int64)
        for b in by:  # missing keys are a group of their own (no NA sentinel)
            codes, uniques = pd.factorize(long[b], use_na_sentinel=False)
            gid = gid * (len(uniques) + 1) + codes
        gid, _ = pd.factorize(gid)
        n_groups = int(gid.max()) + 1 if len(gid) else 0
        first = np.empty(n_groups, dtype=np.int64)
        first[gid[::-1]] = np.arange(len(gid) - 1, -1, -1)  # first row of each group
        cols = {b: long[b].iloc[first].reset_index(drop=True) for b in by}
    else:
        gid, n_groups, cols = np.zeros(len(long), dtype=np.int64), 1, {}
    cell = gid * 5 + long["__code"].to_numpy()

    def wide(values: np.ndarray, k: int = 5) -> np.ndarray:
        return np.bincount(cell, weights=values, minlength=n_groups * 5).reshape(n_groups, 5
                                                                                 )[:, :k]

    counts = np.rint(wide(long["__len"].to_numpy(dtype=np.float64))).astype(np.int64)
    names = ["detractors", "passives", "promoters", "n_missing", "n_invalid"]
    cols.update({name: counts[:, j] for j, name in enumerate(names)})
    cols["n_rows"] = counts.sum(axis=1)
    if weights is not None:
        w = wide(long["__w"].to_numpy(dtype=np.float64), 3)
        cols.update(w_detractors=w[:, 0], w_passives=w[:, 1], w_promoters=w[:, 2],
                    w_sq=wide(long["__w2"].to_numpy(dtype=np.float64), 3).sum(axis=1),
                    w_sum=w.sum(axis=1))
    return pd.DataFrame(cols)  # one constructor: inserting column by column cost more


def counts_table(data: Any, *, score: str, by: Sequence[str] = (), weights: str | None = None,
                 validate: bool = True) -> pd.DataFrame:
    """One pandas row per group with n, n_missing and the category counts (and weighted sums).

    Rows are reduced in the data's own engine: pandas-backed frames by factorised keys and a
    single ``np.bincount`` (faster than a pandas groupby), everything else (polars, pyarrow,
    DuckDB, ...) by one narwhals ``group_by`` over the keys and a per-row category code.
    Invalid scores are counted in the same pass; if there are any, the error names them.
    Group keys keep missing values as their own group; rows are sorted by the keys (missing
    last) so the output order is stable whatever the backend.
    """
    frame = to_narwhals(data)
    by = list(by)
    require_columns(frame, [score], role="score column")
    require_columns(frame, by, role="group column")
    if len(set(by)) != len(by) or score in by:
        raise ValueError(f"group columns must be distinct and differ from the score column; "
                         f"got by={by!r}, score={score!r}")
    if weights is not None:
        require_columns(frame, [weights], role="weights column")
    schema = frame.collect_schema()
    if not schema[score].is_numeric():
        validate_score_column(frame, score)  # raises with a clear message
    if weights is not None:
        _check_weights(frame, weights, _missing_expr(score, schema[score]))
    native = nw.to_native(frame)
    if isinstance(native, pd.DataFrame):
        table = _pandas_counts(native, score, by, weights)
    else:
        table = _narwhals_counts(frame, score, by, weights)
    if validate and table["n_invalid"].sum() > 0:
        validate_score_column(frame, score)
    n = table["promoters"] + table["passives"] + table["detractors"]
    order = [*by, "n", "n_missing", "n_rows", "promoters", "passives", "detractors"]
    if weights is not None:
        order += ["w_promoters", "w_passives", "w_detractors", "w_sum", "w_sq"]
    table = pd.DataFrame({c: n if c == "n" else table[c] for c in order}, index=table.index)
    if by:
        table = table.sort_values(by, na_position="last", kind="stable").reset_index(drop=True)
    return table


def _check_weights(frame, weights: str, missing: nw.Expr) -> None:
    dtype = frame.collect_schema()[weights]
    if not dtype.is_numeric():
        raise ValueError(f"weights column {weights!r} holds {dtype} values; weights must be "
                         "non-negative numbers")
    w = nw.col(weights)
    wmiss = _missing_expr(weights, dtype)
    bad = (~missing) & (wmiss | (w < 0))
    if dtype.is_float():
        bad = bad | ((~missing) & (w.abs() == float("inf")).fill_null(value=False))
    counted = _collect(frame.select(bad.cast(nw.Int64).sum().alias("bad"))).item(0, "bad")
    if counted:
        raise ValueError(
            f"weights column {weights!r} has {counted} missing, negative or infinite weight(s) "
            "on rows with a score; every scored row needs a finite weight >= 0 "
            "(use 0 to leave a response out on purpose)."
        )


def to_pandas(data: Any, columns: Sequence[str] | None = None, *,
              rows_for: str | None = None) -> pd.DataFrame:
    """A pandas frame of ``data`` (any narwhals-supported frame or relation).

    With ``columns`` they are checked to exist (clear error otherwise) and only they are
    converted; a pandas input is returned as is (not copied) when ``columns`` is None.
    ``rows_for`` names a function that needs the individual rows (and why): a lazy source
    (a DuckDB relation, a Spark or polars lazy frame, which may hold billions of rows) is then
    refused with a clear error instead of being pulled into memory.
    """
    frame = to_narwhals(data)
    if rows_for is not None and isinstance(frame, nw.LazyFrame):
        kind = type(nw.to_native(frame)).__name__
        raise ValueError(
            f"{rows_for}, so it works on rows in memory and does not pull a lazy {kind} "
            "source into pandas (it may hold billions of rows). Aggregating functions "
            "(summarize, segments, trend) run in the engine; for this one, select or sample "
            "the rows you need and collect them first (e.g. relation.limit(n).df(), "
            "lazy.collect(), spark_df.limit(n).toPandas())."
        )
    if columns is not None:
        columns = list(dict.fromkeys(columns))
        require_columns(frame, columns)
    if isinstance(data, pd.DataFrame):
        return data if columns is None else data[columns]
    lazy = frame.lazy()
    if columns is not None:
        lazy = lazy.select(columns)
    return lazy.collect().to_pandas()
