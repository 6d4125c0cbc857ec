"""One vocabulary across the public functions (issue 29): old parameter names keep working
for a release, with a FutureWarning naming the new one."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

__all__ = ["renamed"]


def renamed(**old_to_new: str | tuple[str, Callable[[Any], Any]]) -> Callable[[F], F]:
    """Accept each old keyword as its new name, warning (``FutureWarning``, pointing at the
    caller) that it goes in a later release; giving both is an error. A new name given as
    ``(name, convert)`` also converts the value (``alpha=0.05`` -> ``confidence=0.95``).

    >>> @renamed(score_column="score", alpha=("confidence", lambda a: 1 - a))
    ... def f(*, score="score", confidence=0.95):
    ...     return score, round(confidence, 2)
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as w:
    ...     warnings.simplefilter("always")
    ...     f(score_column="nps", alpha=0.01), [x.category.__name__ for x in w]
    (('nps', 0.99), ['FutureWarning', 'FutureWarning'])
    """
    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            for old, target in old_to_new.items():
                if old in kwargs:
                    new, convert = (target, None) if isinstance(target, str) else target
                    if new in kwargs:
                        raise TypeError(f"{func.__name__}() got both {old}= (the old name) and "
                                        f"{new}=; pass {new}= only")
                    how = "" if convert is None else " (converted)"
                    warnings.warn(f"{func.__name__}(): {old}= is now {new}={how} (the name "
                                  f"every nps_toolkit function uses); {old}= goes in a later "
                                  "release", FutureWarning, stacklevel=2)
                    value = kwargs.pop(old)
                    kwargs[new] = value if convert is None else convert(value)
            return func(*args, **kwargs)

        wrapper.__renamed__ = {old: (t if isinstance(t, str) else t[0])  # type: ignore[attr-defined]
                               for old, t in old_to_new.items()}
        return wrapper  # type: ignore[return-value]

    return decorate
