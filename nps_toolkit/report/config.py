"""The report's configuration: what :func:`nps_toolkit.profile_export` detects, what the
analyst asks for (options, a TOML file), and the notebooks' parameters."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .._frames import require_columns
from ..i18n import tr

__all__ = ["COLUMN_KEYS", "MIN_COMMENTS", "SAMPLE_CONFIG", "config_toml", "load_configured",
           "read_config", "resolve_config"]

#: configuration keys that name the columns the loader reads (the others configure the report)
COLUMN_KEYS = ("score", "comment", "date", "customer")

#: fewer analysable comments than this and the comment section is left out (said why)
MIN_COMMENTS = 10

#: the configuration of the bundled sample (an online shop): compared with retail
SAMPLE_CONFIG = {"industry": "online retail", "benchmark": "retail"}


def resolve_config(data: Any, config: dict[str, Any] | None = None, *,
                   sample: bool = False) -> tuple[Any, dict[str, Any]]:
    """The report's configuration for a loaded export: what :func:`profile_export` detects,
    overridden by ``config`` (the CLI's options, a config file). Unknown keys are refused
    with the list of valid ones. Returns the profile and the merged configuration."""
    from ..loading import CONFIG_KEYS, profile_export

    config = dict(config or {})
    unknown = sorted(set(config) - set(CONFIG_KEYS))
    if unknown:
        raise ValueError(f"unknown configuration key(s) {unknown}; the keys are "
                         f"{list(CONFIG_KEYS)}")
    profile = profile_export(data, codeframes="codeframe" not in config)
    merged = dict(profile.config)
    if sample:
        merged.update(SAMPLE_CONFIG)
    if config.get("lang") is not None:
        from ..i18n import _check

        config["lang"] = _check(config["lang"])  # a clear error naming the languages
    for key, value in config.items():
        if value is None:
            continue
        if key in ("segments", "drivers") and isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if key == "weights" and value == "":  # --weights '': the answers unweighted
            merged[key] = None
            profile.reasons[key] = tr("none, as asked (the answers count alike)")
            continue
        merged[key] = value
        shown = (",".join(f"{k}={v}" for k, v in _scale(value).items()) if key == "scale"
                 else value)  # an answer table as --scale writes it: '1=0,2=3,...'
        profile.reasons[key] = tr("{value!r}, as asked", value=shown)
    if merged.get("industry") and merged.get("benchmark") is None:
        merged["benchmark"] = merged["industry"]
    if merged.get("benchmark") is not None:
        profile.reasons["benchmark"] = (
            tr("{value!r}, as asked", value=merged["benchmark"])
            if "benchmark" in config or "industry" in config else
            tr("{value!r} (the bundled sample is an online shop)", value=merged["benchmark"]))
    # a column named in the configuration must exist (the loader has already read the
    # score, comment, date and customer columns asked for, under their canonical names)
    for key in ("segments", "drivers", "period", "value", "weights"):
        names = merged.get(key) or []
        require_columns(data, [names] if isinstance(names, str) else list(names),
                        role=f"{key}: column", fix=f"Name a column of the file (--{key}).")
    merged["customer"] = "customer_id" if "customer_id" in data.columns else None
    if merged.get("freq") is not None:
        import re

        if not re.fullmatch(r"\s*(?:\d+\s*)?[DWMQY]\s*", str(merged["freq"]), re.IGNORECASE):
            raise ValueError(f"freq {merged['freq']!r}: give the trend's periods as Q "
                             "(quarters), M (months), W (weeks), D (days) or Y (years), or "
                             "a number of days or weeks such as 14D")
        merged["freq"] = str(merged["freq"]).strip().upper()
    bench = merged.get("benchmark")
    if isinstance(bench, str):
        try:
            float(bench)
        except ValueError:  # a name: one the benchmark table knows, checked before running
            from ..benchmarking import benchmarks, compare_to_benchmark

            try:
                compare_to_benchmark(data, benchmark=bench)
            except ValueError as exc:
                groups = sorted(benchmarks()["industry_group"].dropna().unique())
                raise ValueError(f"benchmark/industry {bench!r}: {exc}. Industry groups with "
                                 f"sourced figures: {groups}; or give your target as a "
                                 "number (--benchmark 30)") from exc
    return profile, merged


def load_configured(source: str | Path | None, config: dict[str, Any],
                    customers: str | Path | None = None) -> tuple[Any, Any, dict[str, Any]]:
    """Read an export (the bundled sample when ``source`` is None) with the columns the
    configuration names, join a customer list's columns to it (``customers``, as the
    notebooks do), then resolve the rest of the configuration on it: the data, the profile
    and the merged configuration. Shared by the report and ``--print-config``."""
    from ..datasets import sample_path
    from ..loading import join_customers, read_customers, read_survey

    def read(customer: str | None) -> Any:
        return read_survey(source if source is not None else sample_path(),
                           score=config.get("score"), comment=_left_out(config.get("comment")),
                           date=config.get("date"), customer=customer, on_invalid="exclude",
                           scale=_scale(config.get("scale")))[0]

    customer = config.get("customer")
    data = read(customer if customer != "customer_id" else None)
    matched = None
    if customers is not None:
        listed, listed_report = read_customers(customers, answers=data)
        if "customer_id" not in data.columns:
            # no column named like a customer id: the one holding the list's ids
            from ..loading.customers import _column_of_listed_ids

            matched = _column_of_listed_ids(data, listed,
                                            str(listed_report.columns["customer_id"]))
            if matched is None:
                raise ValueError("--customers needs the answers' customer ids, and no column "
                                 "of the export is named like one or holds the list's ids: "
                                 "pass --customer COL.")
            config["customer"] = matched[0]  # the notebooks read the file with it too
            data = read(matched[0])
        data = join_customers(data, listed)
    profile, merged = resolve_config(
        data, {k: v for k, v in config.items() if k not in COLUMN_KEYS},
        sample=source is None)
    if matched is not None:
        from ..i18n import tr

        profile.reasons["customer"] = tr(
            "column {column!r}: it holds the customer list's ids ({matched:,} of its {filled:,} "
            "values are listed)", column=matched[0], matched=matched[1], filled=matched[2])
    return data, profile, merged


def _left_out(value: Any) -> Any:
    """``--comment ''`` (an empty name): no comment column, as ``comment=False`` reads."""
    return False if value == "" else value


def _scale(value: Any) -> dict[str, int] | None:
    """The ``scale`` key (answer -> 0-10 score) as read_survey takes it: a table from a TOML
    file or the command line; anything else is refused with the form it takes."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value or not all(
            isinstance(v, int) and not isinstance(v, bool) for v in value.values()):
        raise ValueError(f"scale must map each answer to a 0-10 score, e.g. --scale "
                         f"1=0,2=3,3=5,4=8,5=10 or in a config file scale = {{\"1\" = 0, "
                         f"\"2\" = 3, \"3\" = 5, \"4\" = 8, \"5\" = 10}}; got {value!r}")
    return {str(k): int(v) for k, v in value.items()}


def config_toml(merged: dict[str, Any], reasons: dict[str, str] | None = None) -> str:
    """A configuration as TOML for ``--config`` (keys without a value commented out), each
    key with why it was chosen as a comment.

    >>> print(config_toml({"segments": ["region"], "value": None, "benchmark": 29}))
    segments = ["region"]
    # value =
    benchmark = 29
    """
    import json

    lines = []
    for key, value in merged.items():
        if reasons and key in reasons:
            lines.append(f"# {reasons[key]}")
        if value is None or value == []:
            lines.append(f"# {key} =")
        elif isinstance(value, dict):  # an inline table: scale = {"1" = 0, "2" = 3}
            cells = ", ".join(f"{json.dumps(str(k), ensure_ascii=False)} = "
                              f"{json.dumps(v, ensure_ascii=False)}" for k, v in value.items())
            lines.append(f"{key} = {{{cells}}}")
        elif isinstance(value, bool) or not isinstance(value, (int, float, str, list)):
            lines.append(f"{key} = {json.dumps(str(value), ensure_ascii=False)}")
        else:  # JSON strings, numbers and lists of strings are TOML too
            lines.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
    return "\n".join(lines)


def read_config(path: str | Path) -> dict[str, Any]:
    """A ``--config`` TOML file as a dict (keys checked by :func:`resolve_config`)."""
    import tomllib

    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path} is not valid TOML ({exc}); write keys as in "
                         "--print-config, e.g. segments = [\"region\"]") from exc


def _notebook_parameters(merged: dict[str, Any]) -> dict[str, Any]:
    """The configuration as the notebooks' parameters (the same names where they exist)."""
    out: dict[str, Any] = {
        "segments": list(merged.get("segments") or []),
        "customer": "customer_id" if merged.get("customer") else None,
        "value": merged.get("value"), "drivers": list(merged.get("drivers") or []),
        "weights": merged.get("weights"),
        "period": merged.get("period"), "freq": merged.get("freq") or "Q",
        "codeframe": merged.get("codeframe") or "ecommerce",
        "benchmark": merged.get("benchmark"), "industry": merged.get("industry") or "",
        "lang": merged.get("lang") or "en",
    }
    if merged.get("scale"):  # the notebooks read the file with the same answer table
        out["scale"] = _scale(merged["scale"])
    if isinstance(out["benchmark"], str):
        try:
            out["benchmark"] = float(out["benchmark"])
        except ValueError:
            pass
    return out
