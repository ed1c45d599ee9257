"""Projection: trend fits, forecasts with prediction intervals, projected crossovers.

>>> fit = fit_trend([995000, 2015000, 3110000, 4910000, 5859000, 7098000], first_period=2020,
...                 model="log-linear")
>>> round(fit.cagr, 3) > 0
True
>>> fc = fit.forecast(3)                    # Forecast(periods=[2026, 2027, 2028], mean=..., ...)
"""

from __future__ import annotations

import ctypes
import json
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Literal, Optional, Union

from . import _arrays
from ._ffi import lib

if TYPE_CHECKING:
    import pandas as pd

    from ._arrays import Numbers

#: The model names (MODELS).
TrendModelName = Literal[
    "linear", "ols", "log-linear", "log_linear", "loglinear", "exponential", "cagr", "holt", "damped", "holt-damped"
]

MODELS = {
    "linear": 0,
    "ols": 0,
    "log-linear": 1,
    "log_linear": 1,
    "loglinear": 1,
    "exponential": 1,
    "cagr": 1,
    "holt": 2,
    "damped": 2,
    "holt-damped": 2,
}
PARTS = {"mean": 0, "lower": 1, "upper": 2}


def _nan(x: Optional[float]) -> float:
    return math.nan if x is None else float(x)


def _json(call: Callable[..., object], *args: Union[int, float]) -> Any:  # Any: a parsed JSON document
    """Reads a JSON result through the size-query convention."""
    n = ctypes.c_int64()
    call(None, 0, ctypes.addressof(n), *args)
    buf = ctypes.create_string_buffer(n.value + 1)
    call(ctypes.addressof(buf), n.value + 1, ctypes.addressof(n), *args)
    return json.loads(buf.value.decode())


class _Handle:
    """Owns one library handle; freed by close(), the context manager, or at collection."""

    def __init__(self, value: int, free: Callable[[int], object]):
        self.value: Optional[int] = value
        self._free = free

    def get(self) -> int:
        if self.value is None:
            raise ValueError("the fit was closed")
        return self.value

    def close(self) -> None:
        v, self.value = self.value, None
        if v is not None:
            self._free(v)

    def __del__(self) -> None:  # survives partial construction
        try:
            self.close()
        except Exception:
            pass


@dataclass(frozen=True)
class Forecast:
    """Point forecasts and prediction intervals for consecutive future periods."""

    periods: list[int]
    mean: list[float]
    lower: list[float]
    upper: list[float]
    level: float

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> "Forecast":  # Any: JSON values
        def nums(xs: list[Optional[float]]) -> list[float]:
            return [math.nan if x is None else float(x) for x in xs]

        return cls(
            [int(p) for p in d["periods"]], nums(d["mean"]), nums(d["lower"]), nums(d["upper"]), float(d["level"])
        )

    def to_frame(self) -> pd.DataFrame:
        """A pandas DataFrame indexed by period with columns mean, lower, upper."""
        import pandas as pd

        return pd.DataFrame(
            {"mean": self.mean, "lower": self.lower, "upper": self.upper}, index=pd.Index(self.periods, name="period")
        )


@dataclass(frozen=True)
class TrendFit:
    """A trend model fitted to a series (see ``fit_trend``). Parameters a model does not
    have are NaN. ``forecast`` needs the library handle, kept until ``close()``."""

    model: str
    damped: bool
    first_period: int
    last_period: int
    count: int
    sse: float
    sigma2: float
    intercept: float
    slope: float
    cagr: float
    smoothing_level: float
    smoothing_trend: float
    damping_trend: float
    initial_level: float
    initial_trend: float
    final_level: float
    final_trend: float
    estimated: list[str]
    values: list[float]
    fitted: list[float]
    _handle: _Handle = field(repr=False, compare=False)

    def forecast(self, horizon: int, level: float = 0.95) -> Forecast:
        """Forecasts for the next ``horizon`` periods with ``level`` prediction intervals."""
        h, L = int(horizon), lib()
        parts = []
        for code in (0, 1, 2):  # AEX_FORECAST_MEAN, _LOWER, _UPPER
            buf = (ctypes.c_double * max(h, 1))()
            L.aex_trend_forecast(ctypes.addressof(buf), h, self._handle.get(), code, float(level))
            parts.append(list(buf)[:h])
        return Forecast(
            list(range(self.last_period + 1, self.last_period + 1 + h)), parts[0], parts[1], parts[2], float(level)
        )

    def close(self) -> None:
        """Releases the library handle (forecast() then raises)."""
        self._handle.close()

    def __enter__(self) -> "TrendFit":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True)
class Crossover:
    """When the subject's forecast first exceeds the rival's (``period``; None: not
    within the horizon), the interval of crossing periods (``earliest``..``latest``),
    the interpolated ``crossing_point`` and both forecasts."""

    found: bool
    period: Optional[int]
    earliest: Optional[int]
    latest: Optional[int]
    crossing_point: Optional[float]
    origin: int
    horizon: int
    level: float
    subject_ahead_at_origin: bool
    gap_at_origin: float
    sentence: str
    subject: Forecast
    rival: Forecast

    @classmethod
    def _from_json(cls, d: dict[str, Any]) -> "Crossover":  # Any: JSON values
        def opt_int(x: Optional[int]) -> Optional[int]:
            return None if x is None else int(x)

        return cls(
            bool(d["found"]),
            opt_int(d["period"]),
            opt_int(d["earliest"]),
            opt_int(d["latest"]),
            None if d["crossing_point"] is None else float(d["crossing_point"]),
            int(d["origin"]),
            int(d["horizon"]),
            float(d["level"]),
            bool(d["subject_ahead_at_origin"]),
            float(d["gap_at_origin"]),
            d["sentence"],
            Forecast._from_json(d["subject"]),
            Forecast._from_json(d["rival"]),
        )


def _model_code(model: Union[TrendModelName, str]) -> int:
    try:
        return MODELS[model.lower()]
    except (KeyError, AttributeError):
        raise ValueError(f"model must be one of {sorted(MODELS)}, got {model!r}") from None


def fit_trend(
    values: Numbers,
    first_period: int = 0,
    model: TrendModelName = "linear",
    window: Optional[int] = None,
    damped: bool = False,
    smoothing_level: Optional[float] = None,
    smoothing_trend: Optional[float] = None,
    damping_trend: Optional[float] = None,
    initial_level: Optional[float] = None,
    initial_trend: Optional[float] = None,
) -> TrendFit:
    """Fits a trend model to the last ``window`` values (all when None) of a series of
    consecutive periods numbered from ``first_period``.

    ``model``: 'linear' (OLS), 'log-linear' (constant growth; ``cagr``), 'holt' (Holt's
    linear trend; 'damped' or ``damped=True`` for a damped trend). Holt's parameters use
    statsmodels' names; None estimates them by least squares.
    Raises ``AutoExportsError`` (AEX_E_INSUFFICIENT_DATA for too few periods,
    AEX_E_INVALID_ARGUMENT for NaN or, for log-linear, non-positive values).
    """
    code = _model_code(model)
    damped = bool(damped) or model.lower() in ("damped", "holt-damped")
    if window is not None and window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    keep, addr, n = _arrays.as_doubles(values)
    out = ctypes.c_void_p()
    L = lib()
    holt_params = (smoothing_level, smoothing_trend, damping_trend, initial_level, initial_trend)
    if code == 2 and (damped or any(p is not None for p in holt_params)):
        L.aex_trend_fit_holt(
            ctypes.addressof(out),
            addr,
            n,
            int(first_period),
            int(window or 0),
            int(damped),
            *(_nan(p) for p in holt_params),
        )
    else:
        if any(p is not None for p in holt_params):
            raise ValueError("Holt parameters were given but the model is not 'holt'")
        L.aex_trend_fit_values(ctypes.addressof(out), addr, n, int(first_period), code, int(window or 0))
    del keep
    handle = _Handle(int(out.value or 0), L.aex_trend_fit_free)
    d = _json(L.aex_trend_fit_json, handle.get(), 0, 0.95)

    def f(k: str) -> float:
        return math.nan if d[k] is None else float(d[k])

    return TrendFit(
        d["model"],
        bool(d["damped"]),
        int(d["first_period"]),
        int(d["last_period"]),
        int(d["count"]),
        f("sse"),
        f("sigma2"),
        f("intercept"),
        f("slope"),
        f("cagr"),
        f("smoothing_level"),
        f("smoothing_trend"),
        f("damping_trend"),
        f("initial_level"),
        f("initial_trend"),
        f("final_level"),
        f("final_trend"),
        list(d["estimated"]),
        [float(x) for x in d["values"]],
        [float(x) for x in d["fitted"]],
        handle,
    )


def project_crossover(subject: TrendFit, rival: TrendFit, horizon: int = 10, level: float = 0.95) -> Crossover:
    """The projected crossover of ``subject`` over ``rival`` (two fits) within ``horizon``
    periods after the later of their last periods."""
    L = lib()
    out = ctypes.c_void_p()
    L.aex_crossover_project(
        ctypes.addressof(out), subject._handle.get(), rival._handle.get(), int(horizon), float(level)
    )
    h = _Handle(int(out.value or 0), L.aex_crossover_free)
    try:
        return Crossover._from_json(_json(L.aex_crossover_json, h.get()))
    finally:
        h.close()


__all__ = ["TrendModelName", "TrendFit", "Forecast", "Crossover", "fit_trend", "project_crossover"]
