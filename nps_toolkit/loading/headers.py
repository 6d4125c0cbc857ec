"""Header rows repeated in the body of a table: exports joined one after another
(``cat jan.csv feb.csv``, a Qualtrics export under another, a sheet pasted under a sheet).

Left in, such a row made the score an invalid answer and typed every numeric column as text
(a value column no longer numbers: its report section gone). Where the later export wrote
its columns in another order, the rows under its header were read under the first header's
names: another 0-10 question read as the recommend score, a region as a channel, silently.
The rows repeating the header are left out, and the rows under a header in another order are
put back under their own names."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..i18n import tr

#: how Qualtrics' third header row starts (``{"ImportId":"QID1"}``), repeated in the body
_IMPORT_ID = '{"ImportId"'


def _header_rows(raw: pd.DataFrame, texts: dict[str, str]
                 ) -> list[tuple[int, list[str] | None, list[str]]]:
    """The rows that repeat the header: each row's position, the names it gives the columns
    in order (the file's own order for a row that matches it cell by cell, blanks allowed;
    None for a row that names nothing, Qualtrics' ImportId row) and its cells. A row is a
    header when most of its filled cells (60%, two at least) are column names or question
    texts; candidates are found in the first column (:func:`_first_cells_like`)."""
    if len(raw.columns) < 2 or raw.empty:
        return []
    from .scores import _arrow_text

    names = [str(c) for c in raw.columns]
    named = {n: n for n in names} | {t: n for n, t in texts.items() if t and t not in names}
    first = raw.columns[0]
    targets = sorted({t for label in named for t in (label, "\ufeff" + label)})
    arrow = _arrow_text(raw[first])
    if arrow is not None:
        candidates = _first_cells_like(arrow, targets + ([_IMPORT_ID] if texts else []))
    elif raw[first].dtype == object:
        candidates = np.flatnonzero(raw[first].isin(targets).to_numpy(dtype=bool))
    else:
        return []
    found: list[tuple[int, list[str] | None, list[str]]] = []
    for i in candidates:
        cells = [str(v).lstrip("\ufeff").strip() if isinstance(v, str) else ""
                 for v in raw.iloc[i].tolist()]
        filled = [c for c in cells if c]
        if len(filled) < 2:
            continue
        mapped = [named.get(c, "") for c in cells]
        if sum(c.startswith(_IMPORT_ID) for c in filled) >= 0.6 * len(filled):
            found.append((int(i), None, cells))
        elif sum(bool(m) for m in mapped) >= 0.6 * len(filled):
            # cell by cell the file's own names or question texts (two columns may share a
            # question text: only the position tells them apart)
            same = all(not c or c in (n, texts.get(n)) for c, n in zip(cells, names,
                                                                       strict=True))
            found.append((int(i), names if same else mapped, cells))
    return found


def _first_cells_like(arrow: Any, targets: list[str]) -> np.ndarray:
    """The rows whose cell may be one of ``targets`` (or, for the ImportId prefix, start
    with it): its first byte and its length in bytes (at least the prefix's) are a
    target's, read from the Arrow buffers (~10 ms on a million cells, where ``is_in``
    hashed every one in ~25 ms); the caller compares the few rows found cell by cell."""
    from .scores import _text_buffers

    encoded = [t.encode("utf-8") for t in targets]
    first = np.zeros(256, dtype=bool)  # a look-up table by byte
    first[[b[0] for b in encoded]] = True
    prefix = len(_IMPORT_ID) if _IMPORT_ID in targets else None
    sizes = {len(b) for b in encoded if b != _IMPORT_ID.encode()}
    found, base = [np.zeros(0, dtype=np.int64)], 0  # (rows of each chunk, after the last)
    for _, offsets, raw in _text_buffers(arrow) or []:
        if len(raw):
            rows = np.flatnonzero(first[raw[np.minimum(offsets[:-1], len(raw) - 1)]])
            size = offsets[rows + 1] - offsets[rows]
            keep = np.isin(size, list(sizes)) | ((size >= prefix) if prefix else False)
            found.append(rows[keep & (size > 0)] + base)
        base += len(offsets) - 1
    return np.concatenate(found)


def without_repeated_headers(raw: pd.DataFrame, texts: dict[str, str], notes: list[str],
                             rows: Any) -> tuple[pd.DataFrame, Any, list[Any]]:
    """``raw`` without the rows that repeat its header (:func:`_header_rows`), said by row;
    the rows under a header that orders the columns otherwise are put under their own
    names (said); a header naming other columns stops (the exports differ: read them
    apart). Returns the table, the row numbers of its rows, and those of the rows taken
    out."""
    found = _header_rows(raw, texts)
    if not found:
        return raw, rows, []
    numbers = np.asarray(rows[np.arange(len(raw))])
    names = [str(c) for c in raw.columns]
    orders = _orders(found, names, numbers)
    keep = np.ones(len(raw), dtype=bool)
    keep[[i for i, *_ in found]] = False
    taken = numbers[~keep].tolist()
    notes.append(tr("{n:,} row(s) repeat the file's header (rows {rows}: exports joined one "
                    "after another): they are left out, and the columns read without them.",
                    n=len(taken), rows=", ".join(map(str, taken[:10]))))
    if all(order == names for _, order, _ in orders):
        return raw.loc[keep].reset_index(drop=True), numbers[keep], taken
    notes.append(tr("the export joined at row(s) {rows} writes the columns in another order: "
                    "its rows are read under their own header's names.",
                    rows=", ".join(str(r) for _, order, r in orders if order != names)))
    blocks = []
    for k, (start, order, _) in enumerate(orders):
        end = orders[k + 1][0] if k + 1 < len(orders) else len(raw)
        block = raw.iloc[np.arange(start, end)[keep[start:end]]]
        blocks.append(block if order == names else block.set_axis(order, axis=1)[names])
    return pd.concat(blocks, ignore_index=True), numbers[keep], taken


def _orders(found: list[tuple[int, list[str] | None, list[str]]], names: list[str],
            numbers: np.ndarray) -> list[tuple[int, list[str], int]]:
    """Each stretch of rows under a header: where it starts, the names of its columns, and
    its header's row in the file. A question-text or ImportId row under a names row belongs
    to it; a header that names columns the file's first row does not (or leaves some out)
    stops with both lists."""
    orders: list[tuple[int, list[str], int]] = [(0, names, 0)]
    for i, order, cells in found:
        if order is not None and sorted(order) != sorted(names):
            extra = [c for c, o in zip(cells, order, strict=True) if c and not o]
            missing = [n for n in names if n not in order]
            raise ValueError(
                f"row {numbers[i]} repeats a header with other columns than the file's first "
                f"row (there: {extra[:5]}; not there: {missing[:5]}): the file joins exports "
                "of different surveys or versions; read them apart and join the results.")
        start = orders[-1][0]
        if start == i and len(orders) > 1:  # right under another header row: the same one
            orders[-1] = (i + 1, order or orders[-1][1], orders[-1][2])
        else:
            orders.append((i + 1, order or orders[-1][1], int(numbers[i])))
    return orders
