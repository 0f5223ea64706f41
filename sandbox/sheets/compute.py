"""Formula values for FORMATTED_VALUE and UNFORMATTED_VALUE, computed with ``formulas``.

Google computes every formula; the stand-in asks the `formulas` package (an Excel formula
engine) for what it can: arithmetic, comparison, ``&``, references to cells and ranges on any
tab of the spreadsheet (formulas in them computed in turn), and the common functions it
implements (SUM, AVERAGE, IF, CONCATENATE, ROUND, LEN, ...). It cannot compute, and the cell
then shows its formula text as the stand-in always did: functions only Google has (QUERY,
FILTER, ARRAYFORMULA, IMPORTRANGE, GOOGLEFINANCE, REGEXMATCH, SPLIT, ...), whole-column
references (``A:A``), named ranges, and cycles or chains deeper than 32 cells. Volatile
functions (NOW, TODAY, RAND) are computed at each read. Errors show as Google's codes
(``#DIV/0!``, ``#VALUE!``, ``#REF!``). A formula that spills an array shows its first value.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .a1 import RangeSyntaxError, parse_cells
from .model import Cell, Formula, Sheet, Spreadsheet

__all__ = ["UNCOMPUTED", "compute"]

UNCOMPUTED = object()  # the formula could not be computed: show its text
_MAX_DEPTH = 32


@lru_cache(maxsize=1024)
def _compiled(text: str) -> Any:
    try:
        import formulas

        return formulas.Parser().ast(text)[1].compile()
    except Exception:
        return None


def _scalar(value: Any) -> Any:
    """A result of ``formulas`` as a stand-in cell value."""
    import numpy as np
    import schedula as sh
    from formulas.tokens.operand import XlError

    if isinstance(value, np.ndarray):
        if value.size == 0:
            return None
        value = value.flat[0]
    if value is sh.EMPTY:
        return None
    if isinstance(value, XlError):
        return str(value)
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating | float):
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if isinstance(value, str | int):
        return value
    return str(value)


def _input(ss: Spreadsheet, here: Sheet, name: str, depth: int) -> Any:
    import numpy as np
    import schedula as sh

    sheet = here
    ref = name
    if "!" in name:
        title, ref = name.rsplit("!", 1)
        title = title.strip("'").replace("''", "'")
        found = ss.find_title(title)
        if found is None:
            raise LookupError(name)
        sheet = found
    try:
        span = parse_cells(ref)
    except RangeSyntaxError:
        raise LookupError(name) from None
    if span.end_row is None or span.end_col is None:
        raise LookupError(name)

    def cell(r: int, c: int) -> Any:
        value = sheet.get(r, c)
        if isinstance(value, Formula):
            value = value_of(ss, sheet, value, depth + 1)
            if value is UNCOMPUTED:
                raise LookupError(name)
        return sh.EMPTY if value is None else value

    if ":" not in ref:
        return cell(span.start_row, span.start_col)
    block = [
        [cell(r, c) for c in range(span.start_col, span.end_col)]
        for r in range(span.start_row, span.end_row)
    ]
    return np.array(block, dtype=object)


def value_of(ss: Spreadsheet, sheet: Sheet, formula: Formula, depth: int = 0) -> Any:
    """The computed value of ``formula`` on ``sheet``, or :data:`UNCOMPUTED`."""
    if formula.value is not None:
        return formula.value
    if depth > _MAX_DEPTH:
        return UNCOMPUTED
    func = _compiled(formula.text)
    if func is None:
        return UNCOMPUTED
    try:
        args = [_input(ss, sheet, name, depth) for name in func.inputs]
        return _scalar(func(*args))
    except Exception:
        return UNCOMPUTED


def compute(ss: Spreadsheet | None, sheet: Sheet, value: Cell) -> Cell:
    """A cell's shown value: a formula computed (its text when it cannot be), else itself."""
    if not isinstance(value, Formula) or ss is None:
        return value
    result = value_of(ss, sheet, value)
    return value.text if result is UNCOMPUTED else result
