"""Every example in a public docstring runs and prints what it says (on the installed package)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import nps_toolkit

MODULES = sorted(m.name for m in pkgutil.walk_packages(nps_toolkit.__path__, "nps_toolkit.")
                 if m.name != "nps_toolkit.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                             verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) failed in {name}"


def test_public_api_is_documented_with_examples():
    missing = [name for name in nps_toolkit.__all__
               if callable(getattr(nps_toolkit, name)) and not isinstance(
                   getattr(nps_toolkit, name), type)
               and ">>>" not in (getattr(nps_toolkit, name).__doc__ or "")]
    assert not missing, f"public functions without a runnable example: {missing}"


def test_no_public_function_mutates_its_input():
    import pandas as pd

    df = nps_toolkit.load_sample()
    before = df.copy(deep=True)
    calls = [
        lambda d: nps_toolkit.summarize(d, by="channel"),
        lambda d: nps_toolkit.segments(d, by="region"),
        lambda d: nps_toolkit.value_tiers(d, value="customer_lifetime_value"),
        lambda d: nps_toolkit.value_analysis(d, value="customer_lifetime_value"),
        lambda d: nps_toolkit.action_list(d, value="customer_lifetime_value"),
        lambda d: nps_toolkit.promoter_seed_list(d),
        lambda d: nps_toolkit.trend(d, freq="Q", by="touchpoint", rolling="90D"),
        lambda d: nps_toolkit.assign_waves(d),
        lambda d: nps_toolkit.migration(d),
        lambda d: nps_toolkit.trend_by_value(d, value="customer_lifetime_value"),
        lambda d: nps_toolkit.detect_shifts(d, freq="Q", baseline=2, by=["region"]),
        lambda d: nps_toolkit.due_for_resurvey(d, as_of="2026-07-01"),
        lambda d: nps_toolkit.read_survey(d),
        lambda d: nps_toolkit.analyze_comments(d, discover=False),
        lambda d: nps_toolkit.theme_trends(d),
        lambda d: nps_toolkit.combine_scores(d, ["score"]),
        lambda d: nps_toolkit.compare_to_benchmark(d, benchmark=30),
    ]
    for call in calls:
        call(df)
        pd.testing.assert_frame_equal(df, before)


def test_no_public_name_hides_a_module():
    """Issue 29: `nps_toolkit.segments` and `nps_toolkit.benchmarks` were functions hiding a
    subpackage and a module of the same name (`import nps_toolkit.segments as s` gave the
    function). A submodule's name is never a public name that is not that module."""
    import importlib
    import types

    for info in pkgutil.iter_modules(nps_toolkit.__path__):
        if info.name.startswith("_") or info.name not in dir(nps_toolkit):
            continue
        attr = getattr(nps_toolkit, info.name)
        assert isinstance(attr, types.ModuleType), f"nps_toolkit.{info.name} hides a module"
        assert attr is importlib.import_module(f"nps_toolkit.{info.name}")


@pytest.mark.parametrize(("call", "old", "new", "value"), [
    (lambda **kw: nps_toolkit.compare_to_benchmark(
        nps_toolkit.load_sample().rename(columns={"score": "nps"}), benchmark=30, **kw),
     "score_column", "score", "nps"),
    (lambda **kw: nps_toolkit.filter_comments(
        nps_toolkit.analyze_comments(nps_toolkit.load_sample().iloc[:300],
                                     discover=False).comments, **kw),
     "score_column", "score", "score"),
])
def test_old_parameter_names_still_work_with_a_warning(call, old, new, value):
    """Issue 29: one name per concept (``score`` for the score column); the old names keep
    working for a release, with a FutureWarning that names the new one; both at once is an
    error."""
    expected = call(**{new: value})
    with pytest.warns(FutureWarning, match=f"{old}= is now {new}="):
        got = call(**{old: value})
    assert repr(got) == repr(expected)
    with pytest.raises(TypeError, match="got both"):
        call(**{old: value, new: value})


def test_driver_importance_takes_score():
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(1)
    x = rng.normal(size=(300, 2))
    df = pd.DataFrame({"nps": np.clip(np.rint(7 + 1.5 * x[:, 0]), 0, 10),
                       "a": x[:, 0], "b": x[:, 1]})
    new = nps_toolkit.driver_importance(df, drivers=["a", "b"], score="nps", n_resamples=20)
    with pytest.warns(FutureWarning, match="target= is now score="):
        old = nps_toolkit.driver_importance(df, drivers=["a", "b"], target="nps", n_resamples=20)
    pd.testing.assert_frame_equal(new, old)
