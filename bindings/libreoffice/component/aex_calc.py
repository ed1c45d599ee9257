"""The autoexports Calc add-in: a Python UNO component whose methods are the cell
functions listed in functions.py (AEXRANKEQ, AEXPERCENTRANKINC, AEXOVERTAKE, ...).

It only converts: cell ranges to lists, the autoexports Python binding (bundled in the
extension's pythonpath/, with libautoexports.so inside it) does the work, and failures
become Calc errors (#N/A, #VALUE!) instead of exceptions or silent zeros.

Calc shows an error when a function returns a NaN whose low payload bits carry Calc's
error number, the encoding Calc uses for error values internally; that is how these
functions return #N/A and #VALUE!.
"""

import ctypes
import math
import os
import struct
import sys
import traceback
from array import array

import unohelper
from org.autoexports.calc import XAutoExportsCalc  # the type library in autoexports.rdb

# The bundled binding first, ahead of any other `autoexports` on the interpreter's path.
_PYTHONPATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pythonpath")
if _PYTHONPATH in sys.path:
    sys.path.remove(_PYTHONPATH)
sys.path.insert(0, _PYTHONPATH)

import autoexports  # noqa: E402
from autoexports import AutoExportsError  # noqa: E402
from autoexports._vocabulary import period_granularity  # noqa: E402

IMPLEMENTATION = "org.autoexports.calc.AddIn"


def _calc_error(code):
    """A double that Calc displays as the error with this number."""
    return struct.unpack("<d", struct.pack("<Q", 0x7FF8000000000000 | code))[0]


NA = _calc_error(32767)  # #N/A: the answer does not exist in the data
VALUE = _calc_error(519)  # #VALUE!: an argument is wrong (also: an exporter not in the table)
ILLEGAL = _calc_error(502)  # Err:502: an argument's value is not allowed

# AUTOEXPORTS_CALC_DEBUG=1 in soffice's environment: an error cell shows the message.
_DEBUG = os.environ.get("AUTOEXPORTS_CALC_DEBUG") == "1"


class _CalcError(Exception):
    def __init__(self, error, message=""):
        super().__init__(message)
        self.error = error
        self.message = message


def _code(text):
    """The exporter code of a text as the library resolves it everywhere (code, English name
    or alias, UN M49 number: "China", "chn", 156 -> "CHN"), or None with the library's
    message (which suggests a close name: 'did you mean JPN (Japan)?')."""
    if isinstance(text, float) and text == int(text):
        text = int(text)
    try:
        return autoexports.resolve_exporter(str(text).strip()), ""
    except KeyError as e:
        return None, str(e.args[0]) if e.args else ""


def _unknown_exporter(name, heads):
    """#VALUE! for an exporter argument that names no column of the table: distinct from
    #N/A, which means the table has no such event. AUTOEXPORTS_CALC_DEBUG=1 shows why."""
    _, why = _code(name)
    listed = ", ".join(str(h) for h in heads)
    return _CalcError(
        VALUE, (why + "; " if why else "") + f"{name!r} is not one of the exporters of the table ({listed})"
    )


def _cells(rng):
    """The cells of a range, row by row."""
    for row in rng:
        for cell in row:
            yield cell


def _is_number(cell):
    return isinstance(cell, (int, float))  # Calc's booleans are numbers too


def _numbers(rng):
    """The numbers of a range; empty cells and text are left out (as Calc's RANK does)."""
    return [float(c) for c in _cells(rng) if _is_number(c)]


def _shaped_numbers(rng):
    """Every cell as a float (NaN for empty cells and text), and the range's shape."""
    values = [float(c) if _is_number(c) else math.nan for c in _cells(rng)]
    return values, len(rng), (len(rng[0]) if rng else 0)


def _flag(arg, default):
    """An optional number argument: None (omitted) or "" (empty cell) is the default."""
    if arg is None or arg == "":
        return default
    if not _is_number(arg):
        raise _CalcError(VALUE)
    return float(arg)


def _ascending_from_order(order):
    """The spreadsheet's order argument: 0 or omitted = descending, else ascending."""
    return _flag(order, 0.0) != 0.0


def _error_for(e, not_found):
    """The Calc error for an exception (AUTOEXPORTS_CALC_DEBUG=1: the message instead).

    As Calc's own functions: "no answer in the data" (a number not in the list, x outside
    the data, no numbers at all) is ``not_found``; an argument value that is not allowed
    (an unknown method, a significance below 1) is Err:502; a wrong type is #VALUE!.
    """
    if isinstance(e, _CalcError):
        err = e.error
    elif isinstance(e, AutoExportsError):
        if e.status_name in ("AEX_E_NOT_FOUND", "AEX_E_OUT_OF_RANGE", "AEX_E_INSUFFICIENT_DATA"):
            err = not_found
        elif e.status_name == "AEX_E_INVALID_ARGUMENT":
            err = ILLEGAL
        else:
            err = VALUE
    elif isinstance(e, ValueError):
        err = ILLEGAL
    else:
        if not isinstance(e, TypeError):  # a bug, not a bad argument
            traceback.print_exc()
        err = VALUE
    if _DEBUG and (not isinstance(e, _CalcError) or e.message):
        return f"{type(e).__name__}: {e}"
    return err


def _calc(not_found=VALUE):
    """Runs a cell function; library failures and bad arguments become Calc errors.

    ``not_found`` is the error for "the answer is not in the data": #VALUE! where Calc's
    own function gives #VALUE! (RANK.EQ of a number not in the list, PERCENTRANK outside
    the data; Excel gives #N/A there), #N/A for lookups such as "when did A overtake B".
    """

    def decorate(fn):
        def wrapper(self, *args):
            try:
                return fn(self, *args)
            except Exception as e:  # noqa: BLE001 - every failure becomes a Calc error
                return _error_for(e, not_found)

        wrapper.__name__ = fn.__name__
        return wrapper

    return decorate


def _calc_array(fn):
    """Like _calc for array results: an error fills the whole result range."""

    def wrapper(self, values, *args):
        try:
            return fn(self, values, *args)
        except Exception as e:  # noqa: BLE001 - every failure becomes a Calc error
            err = _error_for(e, VALUE)
            return tuple(tuple(err for _ in row) for row in values) or ((err,),)

    wrapper.__name__ = fn.__name__
    return wrapper


def _scaled_of(number, ref, fn):
    """The value the library computed for `number`'s entry when ranking the whole list
    (ties share it, so any equal entry answers); #VALUE! if `number` is not in the list."""
    values = _numbers(ref)
    for v, r in zip(values, fn(values)):
        if v == number:
            return r
    raise _CalcError(VALUE)  # as Calc's RANK.EQ: the number must be in the list


def _ranks_array(values, method, ascending):
    flat, rows, cols = _shaped_numbers(values)
    ranks = autoexports.rank(flat, method=method, ascending=ascending)
    out = []
    for i in range(rows):
        out.append(tuple(r if not math.isnan(r) else "" for r in ranks[i * cols : (i + 1) * cols]))
    return tuple(out)


def _significance(arg):
    """None (omitted: unrounded) or a whole number of digits for the library."""
    k = _flag(arg, None)
    return None if k is None else int(k)


def _labels(rng):
    """The cells of a one-row or one-column range, in order."""
    return [c for c in _cells(rng)]


def _key(text):
    """What a name or header cell stands for: its exporter code when the library resolves
    it, else its text (upper case, spaces trimmed), so that any column can still be named."""
    code, _ = _code(text)
    return code or str(text).strip().upper()


def _column_of(name, exporters):
    """The column of exporter `name` among the header cells, both resolved as the library
    resolves names ("CHN" finds a "China" column and "China" a "CHN" one); #VALUE! if none."""
    want = _key(name)
    for i, cell in enumerate(exporters):
        if isinstance(cell, (str, int, float)) and str(cell).strip() and _key(cell) == want:
            return i
    raise _unknown_exporter(name, exporters)


def _pair_grid(subject, rival, periods, exporters, values):
    """periods × 2 grid of (subject, rival) values (NaN = empty cell), as the C API wants."""
    labels, heads = _labels(periods), _labels(exporters)
    if len(values) != len(labels) or any(len(row) != len(heads) for row in values):
        raise ValueError("values must have one row per period and one column per exporter")
    a, b = _column_of(subject, heads), _column_of(rival, heads)
    if a == b:
        raise ValueError("subject and rival are the same exporter")
    grid = array("d")
    for row in values:
        for col in (a, b):
            cell = row[col]
            grid.append(float(cell) if _is_number(cell) else math.nan)
    return labels, grid


def _overtake_events(grid, n_entities):
    """The overtake records (period, subject, rival, since, flags) of a grid, from the C API
    (no numpy needed, so this runs in any LibreOffice Python)."""
    lib = autoexports.lib()
    count = ctypes.c_int64()
    addr, n = grid.buffer_info()
    lib.aex_overtakes_count(ctypes.addressof(count), addr, n, n_entities, 0, 1)
    if count.value == 0:
        return []
    events = array("i", bytes(4 * _FIELDS * count.value))
    lib.aex_overtakes_find(events.buffer_info()[0], len(events), ctypes.addressof(count), addr, n, n_entities, 0, 1)
    return [tuple(events[i : i + _FIELDS]) for i in range(0, len(events), _FIELDS)]


_FIELDS = 5  # AEX_OVERTAKE_FIELDS: period, subject, rival, since, flags


def _period_text(cell):
    """A period cell as the library's text: 2023 -> "2023"; "2023-Q1" stays."""
    if _is_number(cell) and float(cell) == int(cell):
        return autoexports.period_text(int(cell))
    if isinstance(cell, str) and cell.strip():
        return autoexports.period_text(autoexports.period_code(cell.strip()))
    raise ValueError(f"{cell!r} is not a period")


class _Table:
    """A periods × exporters table of cells as a library Panel (one series per column)."""

    def __init__(self, periods, exporters, values, metric="units"):
        self.labels, heads = _labels(periods), _labels(exporters)
        if len(values) != len(self.labels) or any(len(row) != len(heads) for row in values):
            raise ValueError("values must have one row per period and one column per exporter")
        texts = [_period_text(c) for c in self.labels]
        self.by_text = dict(zip(texts, self.labels))
        # The granularity as the library decodes the codes (aex_period_granularity).
        granularities = {period_granularity(autoexports.period_code(t)) for t in texts}
        if len(granularities) != 1:
            raise ValueError("the periods mix kinds (" + ", ".join(sorted(granularities)) + ")")
        self.granularity = granularities.pop()
        self.metric = metric
        self.panel = autoexports.Panel()
        self.heads = heads
        self.codes = {}  # header text (upper case) -> exporter code
        for j, head in enumerate(heads):
            if not isinstance(head, str) or not head.strip():
                raise ValueError("an exporter header cell is empty")
            col = [float(row[j]) if _is_number(row[j]) else math.nan for row in values]
            try:
                self.panel.add(head.strip(), texts, col, metric=metric)
                code = self.panel.series()[self.panel.find(head.strip(), metric=metric)].exporter
            except AutoExportsError as e:  # e.g. a header that is no exporter: a bad table
                self.panel.close()
                raise ValueError(f"exporter {head!r}: {e.message}") from None
            self.codes[head.strip().upper()] = code

    def code(self, name):
        """The exporter code of a name as the library resolves it, when it is in the table;
        #VALUE! (not #N/A, which means "no such event") if it is not."""
        want = str(name).strip().upper()
        if want in self.codes:
            return self.codes[want]
        code, _ = _code(name)
        if code is not None and code in self.codes.values():
            return code
        raise _unknown_exporter(name, self.heads)

    def milestones(self, kinds):
        # Oldest first: AEXMILESTONE and AEXOVERTAKE report a pair's first event.
        return autoexports.milestones(
            self.panel, kinds=kinds, metric=self.metric, granularity=self.granularity, newest_first=False
        )

    def label(self, period_text):
        """The period cell as the user wrote it."""
        return self.by_text[period_text]

    def close(self):
        self.panel.close()


class AddIn(unohelper.Base, XAutoExportsCalc):
    """The add-in service; Calc creates one per document."""

    def __init__(self, ctx):
        self.ctx = ctx

    # ---- ranks -----------------------------------------------------------------------

    @_calc()
    def aexRankEq(self, number, ref, order):
        return autoexports.rank_eq(number, _numbers(ref), int(_flag(order, 0.0) != 0))

    @_calc()
    def aexRankAvg(self, number, ref, order):
        return autoexports.rank_avg(number, _numbers(ref), int(_flag(order, 0.0) != 0))

    @_calc()
    def aexRankDense(self, number, ref, order):
        ascending = _ascending_from_order(order)
        return _scaled_of(number, ref, lambda v: autoexports.rank(v, method="dense", ascending=ascending))

    @_calc_array
    def aexRankOrdinal(self, values, order):
        return _ranks_array(values, "ordinal", _ascending_from_order(order))

    @_calc_array
    def aexRanks(self, values, method, order):
        if method is None or method == "":
            method = "competition"
        if not isinstance(method, str):
            raise _CalcError(VALUE)
        return _ranks_array(values, method.strip().lower(), _ascending_from_order(order))

    # ---- percent ranks ---------------------------------------------------------------

    # Calc's convention, so that a cell equals Calc's PERCENTRANK.INC/EXC on the same data:
    # significance rounds to significant digits, omitted means 3 (as in Calc), and
    # PERCENTRANK.EXC of a single number is 1.

    @_calc()
    def aexPercentRankInc(self, data, x, significance):
        k = _significance(significance)
        return autoexports.percentrank_inc(_numbers(data), x, 3 if k is None else k, convention="calc")

    @_calc()
    def aexPercentRankExc(self, data, x, significance):
        k = _significance(significance)
        return autoexports.percentrank_exc(_numbers(data), x, 3 if k is None else k, convention="calc")

    @_calc()
    def aexPercentRank(self, number, ref, descending):
        ascending = _flag(descending, 0.0) == 0.0
        return _scaled_of(number, ref, lambda v: autoexports.percent_rank(v, ascending=ascending))

    @_calc()
    def aexCumeDist(self, number, ref, descending):
        ascending = _flag(descending, 0.0) == 0.0
        return _scaled_of(number, ref, lambda v: autoexports.cume_dist(v, ascending=ascending))

    # ---- milestones ------------------------------------------------------------------

    @_calc(not_found=NA)
    def aexOvertake(self, subject, rival, periods, exporters, values, occurrence):
        k = int(_flag(occurrence, 1.0))
        if k == 0:
            raise ValueError("occurrence must not be 0")
        labels, grid = _pair_grid(subject, rival, periods, exporters, values)
        # Entity 0 is the subject, 1 the rival: keep the events where 0 passed 1.
        events = [e for e in _overtake_events(grid, 2) if e[1] == 0]
        if not events or abs(k) > len(events):
            raise _CalcError(NA)
        return labels[events[k - 1 if k > 0 else k][0]]

    @_calc(not_found=NA)
    def aexFirstLeader(self, exporter, periods, exporters, values):
        table = _Table(periods, exporters, values)
        try:
            code = table.code(exporter)
            for m in table.milestones("new_leader"):
                if m.first_time and m.subject == code:
                    return table.label(m.period)
        finally:
            table.close()
        raise _CalcError(NA)

    @_calc(not_found=NA)
    def aexMilestone(self, subject, rival, periods, exporters, values, metric):
        metric = "units" if metric is None or metric == "" else str(metric).strip().lower()
        table = _Table(periods, exporters, values, metric)
        try:
            a, b = table.code(subject), table.code(rival)
            if a == b:
                raise ValueError("subject and rival are the same exporter")
            for m in table.milestones("overtake"):
                if m.subject == a and m.rival == b:
                    return m.sentence
        finally:
            table.close()
        raise _CalcError(NA)


g_ImplementationHelper = unohelper.ImplementationHelper()
g_ImplementationHelper.addImplementation(AddIn, IMPLEMENTATION, ("com.sun.star.sheet.AddIn",))
