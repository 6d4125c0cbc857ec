"""Counts per group and score category, reduced in the engine that holds the data.

Anything narwhals understands (pandas, polars, pyarrow, a DuckDB relation, ...) is reduced to
one small pandas table of counts per group; the statistics then run on that table.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import narwhals.stable.v2 as nw
import numpy as np
import pandas as pd

from .codes import INVALID_CODE, MISSING_CODE, N_CODES, _pandas_float, _score_codes
from .convert import collect, require_columns, run_engine, to_narwhals
from .dense import THREADED_FROM, cpu_workers, dense_code_table, is_dense
from .validate import _check_weights, _missing_expr, validate_score_column

COUNT_COLUMNS = ("n", "n_missing", "promoters", "passives", "detractors")
WEIGHT_COLUMNS = ("w_promoters", "w_passives", "w_detractors", "w_sum", "w_sq",
                  # squared weights per category: the linearised (Taylor) variance
                  "w2_promoters", "w2_passives", "w2_detractors")


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
        if is_dense(lo, hi, len(values)):
            return (values - lo).astype(np.int64, copy=False), pd.Index(
                np.arange(lo, hi + 1, dtype=values.dtype))
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    return codes.astype(np.int64, copy=False), pd.Index(uniques)


def _pandas_counts(native: pd.DataFrame, score: str, by: list[str],
                   weights: str | None) -> pd.DataFrame:
    """Counts per group and code for pandas input: factorised keys + one np.bincount."""
    codes = _score_codes(native[score])
    if len(by) == 1 and weights is None:
        encoded = _arrow_string_codes(native[by[0]]) or _category_codes(native[by[0]])
        if encoded is not None:
            # one Arrow-backed string key (pandas' default string dtype): dictionary-encoded
            # in parallel slices, then counted by code like a dense integer key (10M rows x
            # 1,000 stores: 0.19 s for pd.factorize alone, against ~0.15 s here for the lot);
            # a categorical key's codes are such a range already
            parts, uniques = encoded
            n_groups = len(uniques) + 1  # the last slot: a missing key
            pieces, start = [], 0
            for keys in parts:
                pieces.append((keys, codes[start:start + len(keys)]))
                start += len(keys)
            table = dense_code_table(pieces, 0, n_groups, N_CODES)
            return _finish_counts(native, by, table, None, [n_groups], [uniques], None)
    dense = _dense_int_key(native[by[0]]) if len(by) == 1 and weights is None else None
    if dense is not None:
        # one integer key in a dense range (store ids): the group is the value itself,
        # counted in cache-sized blocks on every core (see _dense): 10M rows, 1,000 stores
        # 0.02-0.03 s, against 0.16-0.22 s by factorising
        values, lo, hi = dense
        n_groups = hi - lo + 1
        table = dense_code_table([(values, codes)], lo, n_groups, N_CODES)
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
        wsq = np.bincount(idx, weights=wz * wz, minlength=n_groups * 4).reshape(-1, 4)
        wtables = (wsum, wsq)
    return _finish_counts(native, by, table, wtables, sizes if by else [],
                          keyparts if by else [], used)


def _arrow_string_codes(series: pd.Series) -> tuple[list[np.ndarray], pd.Index] | None:
    """Group numbers of an Arrow-backed string column, or None for any other column.

    The column is cut into one slice per core and each slice dictionary-encoded by Arrow in
    its own thread (Arrow releases the GIL); the slices' small dictionaries are then merged
    and each slice's codes mapped onto the merged one. Missing values get the code
    ``len(uniques)``. Returns the codes slice by slice (in row order) and the unique values.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    arrow = getattr(series.array, "_pa_array", None)
    if arrow is None or not (pa.types.is_string(arrow.type)
                             or pa.types.is_large_string(arrow.type)) or not len(arrow):
        return None
    chunks = [c for c in arrow.chunks if len(c)]
    workers = cpu_workers() if len(arrow) >= THREADED_FROM else 1
    step = -(-len(arrow) // workers)
    slices = [c.slice(i, step) for c in chunks for i in range(0, len(c), step)]
    if len(slices) > 1:
        with ThreadPoolExecutor(min(workers, len(slices))) as pool:
            encoded = list(pool.map(pc.dictionary_encode, slices))
    else:
        encoded = [pc.dictionary_encode(slices[0])]
    uniques = pc.unique(pa.concat_arrays([e.dictionary for e in encoded]))
    parts = []
    for e in encoded:
        remap = np.append(pc.index_in(e.dictionary, value_set=uniques).to_numpy(
            zero_copy_only=False), len(uniques)).astype(np.int64)
        idx = pc.fill_null(e.indices, len(e.dictionary)).to_numpy(zero_copy_only=False)
        parts.append(remap[idx])
    return parts, pd.Index(uniques.to_pandas(), dtype=series.dtype)


def _category_codes(series: pd.Series) -> tuple[list[np.ndarray], pd.Index] | None:
    """A categorical key's own codes (missing: ``len(categories)``), or None otherwise: the
    codes are a dense range already, counted like a dense integer key (10M rows, 50
    categories: see ``benchmarks/bench_scoring.py``)."""
    if not isinstance(series.dtype, pd.CategoricalDtype) or not len(series):
        return None
    codes = series.cat.codes.to_numpy()
    n_categories = len(series.cat.categories)
    if (codes < 0).any():
        codes = np.where(codes < 0, n_categories, codes)
    return [codes], pd.Index(series.cat.categories)


def _dense_int_key(series: pd.Series) -> tuple[np.ndarray, int, int] | None:
    """A plain numpy integer key whose values span a dense range, or None."""
    if series.dtype.kind not in "iu" or not len(series) or not isinstance(series.dtype,
                                                                          np.dtype):
        return None
    values = series.to_numpy()
    lo, hi = int(values.min()), int(values.max())
    return (values, lo, hi) if is_dense(lo, hi, len(values)) else None


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
        out["w_sq"] = wsq[present, :3].sum(axis=1)
        out["w2_promoters"], out["w2_passives"], out["w2_detractors"] = (
            wsq[present, 2], wsq[present, 1], wsq[present, 0])
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


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _duckdb_counts(relation: Any, score: str, by: list[str], is_float: bool) -> pd.DataFrame:
    """Counts per group of a DuckDB relation: one ``GROUP BY keys`` with a
    ``count(*) FILTER (WHERE ...)`` per category, the query a hand-written summary runs.

    Used for many groups (``many_groups``: a trend's periods by segment). Grouping by the score
    as one more key returns eleven rows per group to be classified afterwards: on 20M rows by
    1,000 segments and 48 months DuckDB took 0.99-1.02 s for that against 0.62-0.66 s for
    the filtered counts. With few groups it is the other way round (100M rows by 1,000
    stores: 1.82-1.88 s filtered, 0.6-0.8x hand SQL grouped by the score), so ``summarize``
    keeps the grouped query. The categories are the general path's: 0-6 / 7-8 / 9-10,
    missing (NULL, and NaN in a float column), anything else invalid.
    """
    s = _quoted(score)
    missing = f"{s} IS NULL" + (f" OR isnan({s})" if is_float else "")
    whole = f" AND {s} = round({s})" if is_float else ""
    keys = ", ".join(_quoted(b) for b in by)
    counts = ", ".join([
        f"count(*) FILTER (WHERE {s} BETWEEN 9 AND 10{whole}) AS promoters",
        f"count(*) FILTER (WHERE {s} BETWEEN 7 AND 8{whole}) AS passives",
        f"count(*) FILTER (WHERE {s} BETWEEN 0 AND 6{whole}) AS detractors",
        f"count(*) FILTER (WHERE {missing}) AS n_missing", "count(*) AS n_rows"])
    query = relation.aggregate(f"{keys}, {counts}" if by else counts, keys)
    res = run_engine(query.to_arrow_table).to_pandas()
    cols = {b: res[b] for b in by}
    for name in ("detractors", "passives", "promoters", "n_missing", "n_rows"):
        cols[name] = res[name].to_numpy(dtype=np.int64)
    cols["n_invalid"] = cols["n_rows"] - (cols["detractors"] + cols["passives"]
                                          + cols["promoters"] + cols["n_missing"])
    return pd.DataFrame(cols)


def _narwhals_counts(frame, score: str, by: list[str], weights: str | None,
                     many_groups: bool = False) -> pd.DataFrame:
    """Counts per group and code for any other backend (polars, pyarrow, DuckDB, ...).

    Only ``GROUP BY keys, score -> count(*)`` runs in the data's engine (what a hand-written
    query does: no per-row expression), and the small result, at most a dozen score values
    per group, is classified here with numpy.
    """
    native = nw.to_native(frame)
    if many_groups and weights is None and type(native).__name__ == "DuckDBPyRelation":
        return _duckdb_counts(native, score, by, frame.collect_schema()[score].is_float())
    if type(native).__module__.split(".")[0] == "polars" and isinstance(frame, nw.DataFrame):
        frame = frame.lazy()  # polars' eager group_by is 3-4x slower than its lazy engine
    pa = sys.modules.get("pyarrow")  # a pyarrow Table implies pyarrow is imported
    if weights is None and len(by) == 1 and pa is not None and isinstance(native, pa.Table):
        counted = _arrow_dense_counts(native, by[0], score)
        if counted is not None:
            return counted
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
        long = collect(narrow.group_by(*by, "__score", drop_null_keys=False).agg(*aggs)
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
        w2 = wide(long["__w2"].to_numpy(dtype=np.float64), 3)
        cols.update(w_detractors=w[:, 0], w_passives=w[:, 1], w_promoters=w[:, 2],
                    w_sq=w2.sum(axis=1), w_sum=w.sum(axis=1), w2_detractors=w2[:, 0],
                    w2_passives=w2[:, 1], w2_promoters=w2[:, 2])
    return pd.DataFrame(cols)  # one constructor: inserting column by column cost more


def _arrow_dense_counts(table: Any, key: str, score: str) -> pd.DataFrame | None:
    """Counts of a pyarrow Table by one integer key in a dense range, read in place.

    The Arrow buffers are viewed by numpy (no copy) and counted by value (see ``_dense``):
    on 10M rows and 1,000 stores about half the time of Arrow's own ``group_by``. None
    (the caller then groups in Arrow) unless the key is integer with no nulls in a dense
    range and the score integer with every present value 0-10.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    keys, scores = table.column(key), table.column(score)
    if (not len(table) or keys.null_count or not pa.types.is_integer(keys.type)
            or not pa.types.is_integer(scores.type)):
        return None
    span = pc.min_max(keys)
    lo, hi = span["min"].as_py(), span["max"].as_py()
    if not is_dense(lo, hi, len(table)):
        return None
    if scores.null_count < len(scores):
        span = pc.min_max(scores)  # nulls are skipped
        if span["min"].as_py() < 0 or span["max"].as_py() > 10:
            return None  # the general path names the invalid values
    if scores.null_count:
        scores = pc.fill_null(scores, pa.scalar(MISSING_CODE, scores.type))
    pair = pa.table([keys, scores], names=["k", "s"])  # batches align the two columns' chunks
    parts = [(b.column(0).to_numpy(), b.column(1).to_numpy()) for b in pair.to_batches()]
    counts = dense_code_table(parts, lo, hi - lo + 1, N_CODES)
    present = counts.sum(axis=1) > 0
    out = _code_table_to_counts(counts[present])
    out.insert(0, key, np.arange(lo, hi + 1, dtype=keys.type.to_pandas_dtype())[present])
    return out


def counts_table(data: Any, *, score: str, by: Sequence[str] = (), weights: str | None = None,
                 validate: bool = True, many_groups: bool = False) -> pd.DataFrame:
    """One pandas row per group with n, n_missing and the category counts (and weighted sums).

    Rows are reduced in the data's own engine: pandas-backed frames by factorised keys and a
    single ``np.bincount`` (faster than a pandas groupby), everything else (polars, pyarrow,
    DuckDB, ...) by one narwhals ``group_by`` over the keys and a per-row category code.
    Invalid scores are counted in the same pass; if there are any, the error names them.
    Group keys keep missing values as their own group; rows are sorted by the keys (missing
    last) so the output order is stable whatever the backend. ``many_groups`` (a trend's
    periods by segment) counts a DuckDB relation with a filter per category instead
    (:func:`_duckdb_counts`).
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
        table = _narwhals_counts(frame, score, by, weights, many_groups)
    if validate and table["n_invalid"].sum() > 0:
        validate_score_column(frame, score)
    n = table["promoters"] + table["passives"] + table["detractors"]
    order = [*by, "n", "n_missing", "n_rows", "promoters", "passives", "detractors"]
    if weights is not None:
        order += list(WEIGHT_COLUMNS)
    table = pd.DataFrame({c: n if c == "n" else table[c] for c in order}, index=table.index)
    if by:
        table = table.sort_values(by, na_position="last", kind="stable",
                                  key=_total_order).reset_index(drop=True)
    return table


def _total_order(column: pd.Series) -> pd.Series:
    """Group keys in a total order: the levels of a scale in the scale's order ("Very Low" ...
    "Very High", "Very dissatisfied" ... "Very satisfied"), else as they are, or for a column
    of Python objects mixing types (numbers beside text in a frame built by hand or read
    from a spreadsheet) numbers first, in numeric order, then text, then anything else by
    its text (sorting 5 beside "x" raises in Python)."""
    if column.dtype != object and not pd.api.types.is_string_dtype(column.dtype):
        return column
    values = column.dropna()
    from ..loading.scales import ordinal_order  # groups that are a scale's levels

    places = ordinal_order(values) if len({type(v) for v in values}) == 1 and isinstance(
        next(iter(values), None), str) else None
    if places is not None:  # "Very Low" ... "Very High" in that order, not the alphabet's
        return column.map(lambda v: (places.get(str(v).strip(), np.inf), str(v)) if isinstance(
            v, str) else (np.inf, ""))
    if column.dtype != object or len({type(v) for v in values}) <= 1:
        return column

    def rank(v: Any) -> tuple[int, float, str]:
        if isinstance(v, bool) or not isinstance(v, int | float | np.number):
            return (1 if isinstance(v, str) else 2, 0.0, str(v))
        return (0, float(v), "")

    order = {v: i for i, v in enumerate(sorted(set(values), key=rank))}
    return column.map(order)
