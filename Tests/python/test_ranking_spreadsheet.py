"""The spreadsheet functions against the examples Excel's documentation publishes, and
Excel's error cases (mapped to status names)."""

import math

import autoexports
import numpy as np
import pytest
from autoexports import AutoExportsError

RANK_DATA = [7, 3.5, 3.5, 1, 2]  # RANK.EQ documentation
TEMPS = [89, 88, 92, 101, 94, 97, 95]  # RANK.AVG documentation
INC_DATA = [13, 12, 11, 8, 4, 3, 2, 1, 1, 1]  # PERCENTRANK.INC documentation
EXC_DATA = [1, 2, 3, 6, 6, 6, 7, 8, 9]  # PERCENTRANK.EXC documentation


def test_rank_eq_excel_examples():
    assert autoexports.rank_eq(7, RANK_DATA, 1) == 5  # =RANK.EQ(A2,A2:A6,1)
    assert autoexports.rank_eq(2, RANK_DATA) == 4  # =RANK.EQ(A6,A2:A6)
    assert autoexports.rank_eq(3.5, RANK_DATA, 1) == 3  # =RANK.EQ(A3,A2:A6,1)


def test_rank_avg_excel_example_and_ties():
    assert autoexports.rank_avg(94, TEMPS) == 4  # =RANK.AVG(94,B2:B8)
    assert autoexports.rank_avg(3.5, RANK_DATA) == 2.5  # tied at 2 and 3
    # Excel's tie correction identity: RANK.AVG = RANK.EQ + (COUNT + 1 - EQ(desc) - EQ(asc)) / 2
    eq_d, eq_a = autoexports.rank_eq(3.5, RANK_DATA, 0), autoexports.rank_eq(3.5, RANK_DATA, 1)
    assert autoexports.rank_avg(3.5, RANK_DATA, 1) == eq_a + (5 + 1 - eq_d - eq_a) / 2


def test_percentrank_inc_excel_examples():
    assert autoexports.percentrank_inc(INC_DATA, 2, 3) == 0.333
    assert autoexports.percentrank_inc(INC_DATA, 4, 3) == 0.555
    assert autoexports.percentrank_inc(INC_DATA, 8, 3) == 0.666
    assert autoexports.percentrank_inc(INC_DATA, 5, 3) == 0.583
    # Unrounded when significance is not given: 3/9, 5/9, 6/9, and a quarter of the way
    # from 5/9 to 6/9.
    assert autoexports.percentrank_inc(INC_DATA, 2) == 3 / 9
    assert autoexports.percentrank_inc(INC_DATA, 4) == 5 / 9
    assert autoexports.percentrank_inc(INC_DATA, 5) == pytest.approx(5 / 9 + 0.25 / 9, abs=1e-15)


def test_percentrank_inc_third_party_example_with_four_digits():
    data = [10, 12, 13, 14, 14, 14.5, 16, 17.5, 17.75, 20, 22]
    assert autoexports.percentrank_inc(data, 18, 4) == 0.8111
    assert autoexports.percentrank_inc(data, 18, 1) == 0.8


def test_percentrank_exc_excel_examples():
    assert autoexports.percentrank_exc(EXC_DATA, 7) == 0.7
    assert autoexports.percentrank_exc(EXC_DATA, 5.43, 3) == 0.381
    assert autoexports.percentrank_exc(EXC_DATA, 5.43, 1) == 0.3


def test_percentrank_ends_and_single_value():
    assert autoexports.percentrank_inc(INC_DATA, 1) == 0.0
    assert autoexports.percentrank_inc(INC_DATA, 13) == 1.0
    assert autoexports.percentrank_exc(EXC_DATA, 1) == 1 / 10
    assert autoexports.percentrank_exc(EXC_DATA, 9) == 9 / 10
    assert autoexports.percentrank_inc([5], 5) == 1.0
    assert autoexports.percentrank_exc([5], 5) == 0.5


def test_significance_truncates_and_does_not_round():
    # 2/3 = 0.6666…: truncation keeps 0.666 where rounding would give 0.667.
    assert autoexports.percentrank_inc([1, 2, 3, 4], 3, 3) == 0.666
    assert autoexports.percentrank_inc([1, 2, 3, 4], 3, 1) == 0.6
    # A value whose binary form sits just below its decimal digits is not pushed down.
    assert autoexports.percentrank_inc([0, 100], 29, 2) == 0.29


def test_empty_cells_are_skipped():
    assert autoexports.rank_eq(2, [7, math.nan, 3.5, 3.5, 1, 2]) == 4
    assert autoexports.percentrank_inc([math.nan, *INC_DATA, math.nan], 4) == 5 / 9


@pytest.mark.parametrize(
    "call,status",
    [
        (lambda: autoexports.rank_eq(5, RANK_DATA), "AEX_E_NOT_FOUND"),  # #N/A
        (lambda: autoexports.rank_avg(5, []), "AEX_E_NOT_FOUND"),  # #N/A
        (lambda: autoexports.percentrank_inc(INC_DATA, 0.5), "AEX_E_OUT_OF_RANGE"),  # #N/A
        (lambda: autoexports.percentrank_exc(EXC_DATA, 9.5), "AEX_E_OUT_OF_RANGE"),  # #N/A
        (lambda: autoexports.percentrank_inc([], 1), "AEX_E_INSUFFICIENT_DATA"),  # #NUM!
        (lambda: autoexports.percentrank_inc([math.nan], 1), "AEX_E_INSUFFICIENT_DATA"),
        (lambda: autoexports.rank_eq(math.nan, RANK_DATA), "AEX_E_INVALID_ARGUMENT"),
    ],
)
def test_excel_errors_have_distinct_statuses(call, status):
    with pytest.raises(AutoExportsError) as e:
        call()
    assert e.value.status_name == status


def test_significance_below_one_is_an_error_before_the_call():
    with pytest.raises(ValueError, match="significance"):
        autoexports.percentrank_inc(INC_DATA, 4, 0)


def test_range_object_gives_the_same_answers_and_errors():
    r = autoexports.Range(np.array(RANK_DATA, dtype=float))
    assert len(r) == 5
    assert r.rank_eq(7, 1) == 5 and r.rank_eq(2) == 4 and r.rank_avg(3.5) == 2.5
    assert r.percentrank_inc(3.5) == autoexports.percentrank_inc(RANK_DATA, 3.5)
    assert r.percentrank_exc(3.5, 2) == autoexports.percentrank_exc(RANK_DATA, 3.5, 2)
    with pytest.raises(AutoExportsError) as e:
        r.rank_eq(100)
    assert e.value.status_name == "AEX_E_NOT_FOUND" and "not in range" in e.value.message


def test_rank_eq_agrees_with_rank_min_on_random_data():
    rng = np.random.default_rng(5)
    data = rng.integers(0, 20, 200).astype(float)
    desc = autoexports.rank(data, method="min", ascending=False)
    asc_avg = autoexports.rank(data, method="average")
    r = autoexports.Range(data)
    for i in range(0, 200, 7):
        assert r.rank_eq(data[i]) == desc[i]
        assert r.rank_avg(data[i], 1) == asc_avg[i]


# ---- conventions: Excel (default) and LibreOffice Calc ---------------------------------


def test_calc_convention_rounds_to_significant_digits():
    # 5/9 = 0.5555...: Excel truncates to 3 decimals, Calc rounds to 3 significant digits.
    assert autoexports.percentrank_inc(INC_DATA, 4, 3) == 0.555
    assert autoexports.percentrank_inc(INC_DATA, 4, 3, convention="calc") == 0.556
    # 0.7/12 = 0.0583...: decimals against significant digits.
    thirteen = list(range(1, 14))
    assert autoexports.percentrank_inc(thirteen, 1.7, 2) == 0.05
    assert autoexports.percentrank_inc(thirteen, 1.7, 2, convention="calc") == 0.058
    # Unrounded values do not depend on the convention.
    assert autoexports.percentrank_exc(EXC_DATA, 5.43, convention="calc") == autoexports.percentrank_exc(EXC_DATA, 5.43)


def test_calc_convention_rounds_halves_away_from_zero():
    nine = list(range(1, 10))  # INC ranks k/8: 0.125, 0.375, 0.625, 0.875
    assert [autoexports.percentrank_inc(nine, x, 2, convention="calc") for x in (2, 4, 6, 8)] == [
        0.13,
        0.38,
        0.63,
        0.88,
    ]
    assert [autoexports.percentrank_inc(nine, x, 2) for x in (2, 4, 6, 8)] == [0.12, 0.37, 0.62, 0.87]


def test_single_number_exc_differs_between_conventions():
    assert autoexports.percentrank_exc([42], 42) == 0.5
    assert autoexports.percentrank_exc([42], 42, convention="calc") == 1.0
    assert autoexports.percentrank_inc([42], 42, convention="calc") == 1.0
    r = autoexports.Range([42])
    assert (r.percentrank_exc(42), r.percentrank_exc(42, convention="calc")) == (0.5, 1.0)
    assert autoexports.Range(INC_DATA).percentrank_inc(4, 3, convention="calc") == 0.556


def test_unknown_convention_is_refused():
    with pytest.raises(ValueError, match="convention"):
        autoexports.percentrank_inc(INC_DATA, 4, 3, convention="lotus")
    with pytest.raises(ValueError, match="convention"):
        autoexports.Range(INC_DATA).percentrank_exc(4, convention="lotus")


def _percentrank_by_definition(values, x, inclusive):
    """PERCENTRANK from its definition in Excel's documentation, one number at a time: the
    oracle for the library's vectorised passes (which step 4 and 8 values at a time, so
    lengths around those steps and every tail length are drawn below)."""
    present = [v for v in values if not math.isnan(v)]
    n = len(present)
    if n == 0:
        return "AEX_E_INSUFFICIENT_DATA"
    below = sum(1 for v in present if v < x)
    if any(v == x for v in present):
        if n == 1:
            return 1.0 if inclusive else 0.5
        return below / (n - 1) if inclusive else (below + 1) / (n + 1)
    above = [v for v in present if v > x]
    if below == 0 or not above:
        return "AEX_E_OUT_OF_RANGE"
    lower, upper = max(v for v in present if v < x), min(above)
    f = (x - lower) / (upper - lower)
    if math.isnan(f) or math.isinf(f):
        f = (0.5 if lower == -math.inf else 0.0) if upper == math.inf else 1.0
    return (below - 1 + f) / (n - 1) if inclusive else (below + f) / (n + 1)


@pytest.mark.parametrize("inclusive", [True, False])
def test_percentrank_matches_its_definition_on_random_ranges(inclusive):
    rng = np.random.default_rng(20)
    fn = autoexports.percentrank_inc if inclusive else autoexports.percentrank_exc
    pool = np.array([-math.inf, math.inf, math.nan, 0.0, -0.0, 1.0, 2.0, 2.0, 3.5])
    checked = 0
    for trial in range(600):
        n = int(rng.integers(0, 40))
        if trial % 3 == 0:  # few distinct values: ties and equal neighbours
            values = rng.choice(pool, size=n)
        else:
            values = rng.normal(0, 10, size=n).round(int(rng.integers(0, 3)))
            values[rng.random(n) < 0.1] = math.nan
        values = values.astype(np.float64)
        for x in [*values[:3].tolist(), float(rng.normal(0, 10)), 0.0, math.inf]:
            if math.isnan(x):
                continue
            want = _percentrank_by_definition(values.tolist(), x, inclusive)
            for ref in (values, values.tolist()):  # the ndarray fast path and the list path
                if isinstance(want, str):
                    with pytest.raises(AutoExportsError) as err:
                        fn(ref, x)
                    assert err.value.status_name == want, (values.tolist(), x)
                else:
                    assert fn(ref, x) == pytest.approx(want, rel=1e-15, abs=1e-15), (values.tolist(), x)
            checked += 1
    assert checked > 1500
