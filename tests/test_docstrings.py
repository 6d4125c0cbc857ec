"""Every example in a public docstring runs and prints what it says (on the installed package)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import nps_toolkit

MODULES = sorted(m.name for m in pkgutil.iter_modules(nps_toolkit.__path__, "nps_toolkit.")
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
