"""Survey answers kept as JSON: what survey tools' APIs and web forms hand out.

A list of responses (``[{...}, {...}]``), the list inside an envelope (``{"results": [...]}``,
``{"data": {"responses": [...]}}``: the longest list of objects is taken), rows of values
under a row of names (Google Sheets' API) or JSON Lines (one response per line). Nested
fields are flattened with ``.`` (``person.email``), a list of plain values is joined with
``"; "`` (the options ticked), and a list of answers each naming its question
(``"answers": [{"field": {"ref": "nps"}, "type": "number", "number": 9}, ...]``, as
Typeform's API writes them) becomes one column per question. What was read, and from where in
the file, is said in the load report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from ..i18n import tr
from .report import LoadReport

# how an answer in a list of answers names its question, and where it keeps its value
_QUESTION_KEYS = ("field", "question", "question_id", "ref", "title", "label", "name", "id",
                  "key")
_VALUE_KEYS = ("number", "text", "value", "answer", "choice", "choices", "boolean", "date",
               "email", "url", "phone_number", "score", "rating")


def _records(doc: Any, where: str = "") -> tuple[list[dict], str]:
    """The longest list of objects in ``doc`` (searched three levels deep), and its path; a
    table written as rows of values under a first row of names (Google Sheets' API:
    ``{"values": [["Timestamp", "Score"], ["...", 9]]}``) counts as one."""
    if isinstance(doc, list) and len(doc) > 1 and all(isinstance(r, list) for r in doc) \
            and doc[0] and all(isinstance(h, str) for h in doc[0]):
        names = [str(h) for h in doc[0]]
        doc = [dict(zip(names, row + [None] * (len(names) - len(row)), strict=False))
               for row in doc[1:]]
    if isinstance(doc, list) and doc and all(isinstance(r, dict) for r in doc):
        return doc, where or "(the top level)"
    best: tuple[list[dict], str] = ([], "")
    if isinstance(doc, dict) and where.count(".") < 3:
        for key, value in doc.items():
            found = _records(value, f"{where}.{key}" if where else str(key))
            if len(found[0]) > len(best[0]):
                best = found
    return best


def _question(answer: dict) -> str | None:
    """The name of the question an answer object answers ("field": {"ref": "nps"})."""
    for key in _QUESTION_KEYS:
        named = answer.get(key)
        if isinstance(named, dict):
            named = next((named[k] for k in ("title", "ref", "id", "label", "name")
                          if isinstance(named.get(k), (str, int))), None)
        if isinstance(named, (str, int)) and key not in _VALUE_KEYS:
            return str(named)
    return None


def _answer_value(answer: dict) -> Any:
    """The value an answer object holds (its type names the key, as Typeform writes)."""
    kind = answer.get("type")
    keys = ([kind] if isinstance(kind, str) and kind in answer else []) + list(_VALUE_KEYS)
    for key in keys:
        if key in answer:
            value = answer[key]
            if isinstance(value, dict):  # {"label": "Pro"}, {"labels": [...]}
                value = value.get("label", value.get("labels", value.get("other", value)))
            return value
    return None


def _pivot_answers(cell: Any) -> dict[str, Any] | None:
    """A list of answer objects, each naming its question, as question -> value; None when
    the list is something else."""
    if not (isinstance(cell, list) and cell and all(isinstance(a, dict) for a in cell)):
        return None
    out = {}
    for answer in cell:
        name = _question(answer)
        if name is None:
            return None
        out[name] = _answer_value(answer)
    return out


def _cell(value: Any) -> Any:
    """A value left after flattening, as a table cell: plain lists joined, the rest as JSON
    text (never lost)."""
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return "; ".join("" if v is None else str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _read_json(path: Path, data: bytes, report: LoadReport) -> tuple[pd.DataFrame, dict]:
    """A JSON or JSON Lines file of responses as a frame (see the module)."""
    from .encodings import _decode

    report.file_format = "json"
    # UTF-8 as JSON is meant to be; UTF-16 as Windows PowerShell writes it; Latin-1 by hand
    report.encoding, text = _decode(data, None)
    text = text.removeprefix("\ufeff")
    try:
        try:
            doc = json.loads(text)
        except json.JSONDecodeError as whole_error:
            try:  # JSON Lines: one response per line
                doc = [json.loads(line) for line in text.splitlines() if line.strip()]
            except json.JSONDecodeError:
                raise ValueError(f"{path} is not valid JSON ({whole_error}); export it "
                                 "again, or as CSV") from None
    except RecursionError:  # thousands of nested brackets: no survey export is that deep
        raise ValueError(f"{path} nests its JSON too deeply to be a survey export; export "
                         "it again, or as CSV") from None
    records, where = _records(doc)
    if not records:
        raise ValueError(f"{path} holds no list of responses (objects) in its first three "
                         "levels; pass the responses as CSV, Excel or a data frame")
    rows = []
    pivoted: set[str] = set()
    for record in records:
        row = dict(record)
        for key, value in record.items():
            answers = _pivot_answers(value)
            if answers is not None:  # "answers": [{field, value}, ...] -> a column each
                del row[key]
                pivoted.add(key)
                row.update({q: v for q, v in answers.items() if q not in row})
        rows.append(row)
    frame = pd.json_normalize(rows, sep=".", max_level=3)
    frame = frame.apply(lambda s: s.map(_cell) if s.dtype == object else s)
    report.notes.append(tr("read {n:,} responses from the JSON list at {where!r}; nested fields "
                           "are named with '.' (e.g. 'person.email'), lists of options joined "
                           "with '; '.", n=len(records), where=where))
    if pivoted:
        report.notes.append(tr("the answers in {fields} each name their question: one column "
                               "per question.", fields=", ".join(repr(f) for f in
                                                                 sorted(pivoted))))
    report.header_rows = 0
    return frame, {}
