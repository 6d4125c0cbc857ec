"""Loading real survey exports: ``read_survey``.

Real exports are messy: Windows encodings, semicolons, extra header rows (Qualtrics,
SurveyMonkey), score cells such as "10 - Extremely likely", R-style ``NA``, duplicate
submissions. ``read_survey`` turns them into one clean pandas frame with canonical column names
(``score``, ``comment``, ``date``, ``customer_id``, ``response_id``) and a :class:`LoadReport`
that accounts for every row it did not keep.

The work is split by concern: ``files`` (reading a file's bytes: delimiters, compressed
and Excel files), ``layout`` (its header: vendor layouts, title rows, placeholder names),
``bodies``
(the body of a large CSV, read by pandas' or pyarrow's fast reader), ``infer`` (numbers and NA
spellings in the columns read as text), ``dates`` (one date format per column),
``columns`` (which column is which), ``scores`` (what counts as a score), ``report`` (the
:class:`LoadReport`), ``read`` (:func:`read_survey`, which ties them together), ``scan``
(:func:`scan`, a lazy DuckDB source for files too big for memory), ``encodings`` (the code
page of a file that is not UTF-8), ``excel`` (merged cells, formulas saved without a value)
and ``profile`` (:func:`profile_export`: segments, period, value, drivers and codeframe of an
export, for the report); ``orders`` (:func:`read_orders`, an order log); ``customers``
(:func:`read_customers`, the customer list, and :func:`join_customers`); ``ids`` (customer
ids as one customer is written, for all three); ``long`` (a file with one row per question
asked, or a column per survey wave, read one row per answer), ``followups`` (follow-up
questions asked by category, one comment column) and ``refusals`` (the error of a file with
no score to read, saying what it holds instead).
"""

from .customers import join_customers, read_customers
from .orders import read_orders
from .profile import CONFIG_KEYS, ExportProfile, profile_export
from .read import read_survey
from .report import LoadReport
from .scan import scan

__all__ = ["CONFIG_KEYS", "ExportProfile", "LoadReport", "join_customers", "profile_export",
           "read_customers",
           "read_orders", "read_survey", "scan"]
