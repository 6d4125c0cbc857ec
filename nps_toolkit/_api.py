"""One vocabulary across the public functions (issue 29): old parameter names keep working
for a release, with a FutureWarning naming the new one."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["renamed"]


def renamed(**old_to_new: str) -> Callable[[F], F]:
    """Accept each old keyword as its new name, warning (``FutureWarning``, pointing at the
    caller) that it goes in a later release; giving both is an error.

    >>> @renamed(score_column="score")
    ... def f(*, score="score"):
    ...     return score
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     f(score_column="nps"), w[0].category.__name__
    ('nps', 'FutureWarning')
    """
    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, new in old_to_new.items():
                if old in kwargs:
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}() got both {old}= (the old name) and "
                                        f"{new}=; pass {new}= only")
                    warnings.warn(f"{func.__name__}(): {old}= is now {new}= (the name every "
                                  f"nps_toolkit function uses); {old}= goes in a later "
                                  "release", FutureWarning, stacklevel=2)
                    kwargs[new] = kwargs.pop(old)
            return func(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
