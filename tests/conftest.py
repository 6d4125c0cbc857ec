"""Fixtures shared by the test files (issue 29 §4, as narwhals does it): the bundled sample
defined once, and one parametrised ``constructor`` that turns a pandas frame into each
backend the library reads, so a test of "the same numbers on every backend" is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import nps_toolkit as nt

_SAMPLE: pd.DataFrame | None = None


@pytest.fixture
def sample() -> pd.DataFrame:
    """The bundled sample, read once per session; each test gets its own copy (a test that
    changes it changes nothing for the next)."""
    global _SAMPLE
    if _SAMPLE is None:
        _SAMPLE = nt.load_sample()
    return _SAMPLE.copy()


def _polars(df: pd.DataFrame) -> Any:
    import polars as pl

    return pl.from_pandas(df)


def _polars_lazy(df: pd.DataFrame) -> Any:
    return _polars(df).lazy()


def _pyarrow(df: pd.DataFrame) -> Any:
    import pyarrow as pa

    return pa.Table.from_pandas(df, preserve_index=False)


def _duckdb(df: pd.DataFrame) -> Any:
    import duckdb

    return duckdb.connect().from_df(df)


CONSTRUCTORS: dict[str, Callable[[pd.DataFrame], Any]] = {
    "pandas": lambda df: df, "polars": _polars, "polars-lazy": _polars_lazy,
    "pyarrow": _pyarrow, "duckdb": _duckdb}


@pytest.fixture(params=sorted(CONSTRUCTORS))
def constructor(request: pytest.FixtureRequest) -> Callable[[pd.DataFrame], Any]:
    """A pandas frame -> the same data in one backend (each test runs once per backend)."""
    return CONSTRUCTORS[request.param]
