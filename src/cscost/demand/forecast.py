"""Monthly volume forecasts from history: exponential smoothing (ETS) with a yearly season.

Model. Four innovations state-space ETS models (Hyndman et al., *Forecasting with
exponential smoothing*, 2008; statsmodels ``ETSModel``) compete:

==============  ======================  ===================  =========================
model           error                   trend                seasonality (period 12)
==============  ======================  ===================  =========================
ETS(A,A,A)      additive                additive             additive
ETS(A,Ad,A)     additive                additive, damped     additive
ETS(M,A,M)      multiplicative          additive             multiplicative
ETS(M,Ad,M)     multiplicative          additive, damped     multiplicative
==============  ======================  ===================  =========================

Why these. Contact volumes grow (or shrink) and repeat a yearly pattern; additive
seasonality fits a peak of a fixed size, multiplicative a peak that grows with the level
(Singles' Day at ×1.7 of a growing base). A damped trend (φ < 1) flattens growth over
the horizon; it wins only when the data support its extra parameter.

Choice. Each candidate is fitted by maximum likelihood with its initial level, trend and
season taken from a classical decomposition of the first two years (the "heuristic"
start of Hyndman & Athanasopoulos), so only its 3–4 smoothing parameters are free, and
the lowest AICc wins (AIC + 2k(k+1)/(n−k−1), the small-sample AIC that R's ``ets()``
uses; likelihoods of additive and multiplicative errors are comparable). The winner is
then refitted with its 14 initial states estimated as well, which sharpens the forecast
on longer histories; ranking on the small fits keeps the choice stable on 24–36 months
and costs a third of the time. Fits that end with an optimiser warning (no convergence)
rank after those that converge. Multiplicative models need positive volumes: a history
with a zero month uses the additive pair only. A constant history is repeated.

Intervals. 80 % and 95 % prediction intervals are the 10/90 % and 2.5/97.5 % quantiles
of 5,000 paths simulated from the chosen model with Gaussian innovations, drawn from the
``numpy.random.Generator`` passed in (same seed, same numbers). Their variance is the
residual variance corrected for the k fitted parameters, Σe²/(n−k), as R's ``ets()``
does. They leave out the uncertainty of the parameters and of the model choice, so they
run somewhat narrow: on simulated seasonal series with 1–6 % noise, 24–60 months of
history, the 80 % interval held about 70 % and the 95 % about 85 % of the next year's
actual volumes. ``mean`` is the model's point forecast. Volumes are floored at 0, paths
included.

Gaps. When the horizon starts after the month that follows the history, the model
forecasts through the gap, so the intervals widen with the distance from the data.

When another model fits better. ETS assumes one stable yearly pattern. Moving holidays
(Spring Festival in January or February), one-off campaigns, structural breaks (a new
channel, an acquisition) or fewer than two years of history are better served by giving
``volume.monthly`` with ``growth`` and ``seasonality`` directly, or by ARIMA with
holiday regressors.
"""

from __future__ import annotations

import contextlib
import importlib
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    import pandas as pd

from cscost.arrays import Array
from cscost.errors import ArgumentError, ForecastError
from cscost.model.calendar import month_label, month_number

MIN_HISTORY_MONTHS = 24
"""Two full seasonal cycles: the least history that separates trend from season."""
SEASON_MONTHS = 12
SIMULATED_PATHS = 5000
MAX_FORECAST_STEPS = 240
"""Months from the end of the history to the end of the horizon, gap included."""
_QUANTILES = (0.025, 0.10, 0.90, 0.975)


@dataclass(frozen=True)
class ForecastMethod:
    """How a forecast was made (``report`` words it): the model and what chose it.

    ``model`` is ``ETS(M,Ad,M)``-style, or ``constant`` for a history that never changes
    (then ``level`` is its value and the forecast repeats it).
    """

    model: str
    seasonality: str  # "additive", "multiplicative" or "none"
    damped: bool
    candidates: int  # models compared by AICc
    history_months: int
    converged: bool
    paths: int  # simulated paths behind the intervals (0: none)
    level: float | None = None

    def __str__(self) -> str:
        return self.model


@dataclass(frozen=True, eq=False)
class Forecast:
    """Monthly volumes forecast for ``months`` with 80 % and 95 % prediction intervals.

    All arrays have one value per month, are read-only and never negative;
    ``lower95 ≤ lower80 ≤ mean ≤ upper80 ≤ upper95``.
    """

    months: tuple[str, ...]
    mean: Array
    lower80: Array
    upper80: Array
    lower95: Array
    upper95: Array
    method: ForecastMethod

    def to_frame(self) -> pd.DataFrame:
        """One row per month: ``month, mean, lower80, upper80, lower95, upper95``."""
        import pandas as pd

        return pd.DataFrame(
            {
                "month": list(self.months),
                "mean": self.mean,
                "lower80": self.lower80,
                "upper80": self.upper80,
                "lower95": self.lower95,
                "upper95": self.upper95,
            }
        )


@dataclass(frozen=True)
class _Spec:
    """One candidate model: error and seasonal kind (``add``/``mul``), damped trend or not."""

    kind: str
    damped: bool

    @property
    def name(self) -> str:
        letter = "A" if self.kind == "add" else "M"
        return f"ETS({letter},{'Ad' if self.damped else 'A'},{letter})"


_SPECS = (_Spec("add", False), _Spec("add", True), _Spec("mul", False), _Spec("mul", True))


@dataclass(frozen=True)
class _Fit:
    spec: _Spec
    results: Any
    aicc: float
    converged: bool
    sigma: float


def forecast_monthly(
    history: npt.ArrayLike,
    first_month: str,
    horizon_start: str,
    months: int,
    *,
    rng: np.random.Generator,
) -> Forecast:
    """Forecast ``months`` monthly volumes from ``horizon_start`` on.

    ``history`` holds consecutive monthly volumes (at least 24) from ``first_month``;
    ``horizon_start`` is any month after the history's last one. The intervals come
    from paths simulated with ``rng``. Raises :class:`ForecastError` for a short history
    and :class:`~cscost.errors.ArgumentError` for negative or non-finite volumes and
    for a horizon that does not start after the history.
    """
    y = _checked_history(history, first_month)
    first = month_number(first_month)
    start = month_number(horizon_start)
    last = first + y.size - 1
    if start <= last:
        raise ArgumentError(
            f"the forecast must start after the history, which ends {month_label(last)} "
            f"(found start {month_label(start)})"
        )
    if not isinstance(months, int | np.integer) or months < 1:
        raise ArgumentError(f"months must be a whole number ≥ 1, found {months!r}")
    steps = start - last - 1 + int(months)
    if steps > MAX_FORECAST_STEPS:
        raise ArgumentError(
            f"the horizon ends {steps} months after the history ({month_label(last)}); "
            f"at most {MAX_FORECAST_STEPS} months can be forecast"
        )
    labels = tuple(month_label(start + i) for i in range(int(months)))
    if np.ptp(y) == 0:
        flat = np.full(len(labels), y[0])
        return _forecast(labels, flat, np.repeat(flat[:, None], 4, axis=1), _constant_method(y))
    scale = float(y.mean())
    point, paths, method = _simulated(y / scale, steps, rng)
    paths = np.maximum(paths[-len(labels) :], 0.0) * scale
    bounds = np.quantile(paths, _QUANTILES, axis=1).T
    return _forecast(labels, np.maximum(point[-len(labels) :], 0.0) * scale, bounds, method)


def _checked_history(history: npt.ArrayLike, first_month: str) -> Array:
    """The history as floats; ArgumentError naming bad months, ForecastError when short."""
    first = month_number(first_month)
    try:
        y = np.asarray(history, dtype=np.float64)
    except (TypeError, ValueError):
        raise ArgumentError("history must be numbers, one volume per month") from None
    if y.ndim != 1:
        raise ArgumentError(f"history must be one volume per month, found shape {y.shape}")
    for bad, what in ((~np.isfinite(y), "not a finite number"), (y < 0, "negative")):
        if bad.any():
            where = ", ".join(
                f"{month_label(first + int(i))} ({y[i]:g})" for i in np.flatnonzero(bad)[:6]
            )
            raise ArgumentError(f"history volume {what} in {where}; volumes must be ≥ 0")
    if y.size < MIN_HISTORY_MONTHS:
        span = f" ({first_month} … {month_label(first + y.size - 1)})" if y.size else ""
        raise ForecastError(
            f"the history has {y.size} month{'s' if y.size != 1 else ''}{span}; a seasonal "
            f"forecast needs at least {MIN_HISTORY_MONTHS} consecutive months (two full "
            f"years). Give more history, or give the queue's `volume.monthly` with `growth` "
            f"and `seasonality` instead of a forecast"
        )
    return y


def _forecast(
    labels: tuple[str, ...], mean: Array, bounds: Array, method: ForecastMethod
) -> Forecast:
    """A Forecast whose bounds are ordered around the mean, with read-only arrays."""
    lower80 = np.minimum(bounds[:, 1], mean)
    upper80 = np.maximum(bounds[:, 2], mean)
    arrays = (
        mean,
        lower80,
        upper80,
        np.minimum(bounds[:, 0], lower80),
        np.maximum(bounds[:, 3], upper80),
    )
    frozen = [np.array(array, dtype=np.float64) for array in arrays]
    for array in frozen:
        array.setflags(write=False)
    mean_, low80, up80, low95, up95 = frozen
    return Forecast(labels, mean_, low80, up80, low95, up95, method)


def _constant_method(y: Array) -> ForecastMethod:
    return ForecastMethod("constant", "none", False, 0, int(y.size), True, 0, float(y[0]))


def _simulated(
    y: Array, steps: int, rng: np.random.Generator
) -> tuple[Array, Array, ForecastMethod]:
    """Point forecast, simulated paths [steps, paths] and the method of the best model.

    The candidates are ranked by AICc with heuristic initial states (only the smoothing
    parameters free); the best is refitted with its initial states estimated too. A model
    whose forecast is not finite gives way to the next.
    """
    specs = _SPECS if (y > 0).all() else _SPECS[:2]
    with _one_blas_thread():
        ranked = [fit for fit in (_fitted(y, spec, "heuristic") for spec in specs) if fit]
        ranked.sort(key=lambda fit: (not fit.converged, fit.aicc))
        for chosen in ranked:
            fit = _refitted(y, chosen)
            drawn = _drawn(fit, steps, rng)
            if drawn is not None:
                return drawn[0], drawn[1], _method(fit, len(specs), y.size)
    raise ForecastError(
        f"no exponential smoothing model could be fitted to the {y.size}-month history; "
        "check it for outliers or a structural break, or give `volume.monthly` instead"
    )


def _drawn(fit: _Fit, steps: int, rng: np.random.Generator) -> tuple[Array, Array] | None:
    """Point forecast and paths [steps, paths] simulated with ``rng``; None if not finite."""
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")  # overflow in a diverging path: checked below
        point = np.asarray(fit.results.forecast(steps), dtype=np.float64)
        errors = rng.standard_normal((steps, SIMULATED_PATHS)) * fit.sigma
        paths = np.asarray(
            fit.results.simulate(
                steps, anchor="end", repetitions=SIMULATED_PATHS, random_errors=errors
            ),
            dtype=np.float64,
        ).reshape(steps, SIMULATED_PATHS)
    if np.isfinite(point).all() and np.isfinite(paths).all():
        return point, paths
    return None


def _one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """BLAS limited to one thread while fitting, when ``threadpoolctl`` is installed.

    SciPy ≥ 1.15's L-BFGS-B makes many tiny LAPACK calls; with multithreaded OpenBLAS on
    a busy machine each costs milliseconds and a fit slows down 5–30× (scipy/scipy#22438).
    Without ``threadpoolctl`` nothing changes but the speed; the numbers are the same.
    """
    try:
        threadpoolctl = importlib.import_module("threadpoolctl")
    except ImportError:
        return contextlib.nullcontext()
    limits: contextlib.AbstractContextManager[Any] = threadpoolctl.threadpool_limits(
        limits=1, user_api="blas"
    )
    return limits


def _refitted(y: Array, chosen: _Fit) -> _Fit:
    """The chosen model refitted with its initial states estimated too, when that converges."""
    refit = _fitted(y, chosen.spec, "estimated")
    return refit if refit is not None and (refit.converged or not chosen.converged) else chosen


def _fitted(y: Array, spec: _Spec, initialization: str) -> _Fit | None:
    """Maximum-likelihood fit of one candidate; None when it fails or is not finite.

    ``initialization`` is ``heuristic`` (initial states from a classical decomposition of
    the first two years, only the smoothing parameters free) or ``estimated`` (initial
    states fitted too). Warnings of the optimiser are caught here on purpose: a fit that
    did not converge stays a candidate but ranks after the ones that did.
    """
    # statsmodels is imported here, not at the top: it takes seconds, and only a forecast
    # needs it (every CLI command imports this module).
    from statsmodels.tools.sm_exceptions import ConvergenceWarning
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            model = ETSModel(
                y,
                error=spec.kind,
                trend="add",
                damped_trend=spec.damped,
                seasonal=spec.kind,
                seasonal_periods=SEASON_MONTHS,
                initialization_method=initialization,
            )
            results = model.fit(disp=False, maxiter=1000)
            aicc = float(results.aicc)
            sigma = _innovation_sd(results, y.size)
        except (ValueError, ArithmeticError):
            return None
    if not (np.isfinite(aicc) and np.isfinite(sigma)):
        return None
    converged = not any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return _Fit(spec, results, aicc, converged, sigma)


def _innovation_sd(results: Any, n: int) -> float:
    """σ = √(Σ e² / (n − k)): the residual variance corrected for the k fitted parameters.

    statsmodels keeps Σ e² / n, which on 24–36 months with 17–19 parameters understates
    the noise several times; R's ``forecast::ets`` divides by n − k as here.
    """
    dof = max(n - int(results.df_model), 1)
    return float(np.sqrt(float(results.scale) * n / dof))


def _method(fit: _Fit, candidates: int, n: int) -> ForecastMethod:
    season = "multiplicative" if fit.spec.kind == "mul" else "additive"
    return ForecastMethod(
        fit.spec.name, season, fit.spec.damped, candidates, n, fit.converged, SIMULATED_PATHS
    )
