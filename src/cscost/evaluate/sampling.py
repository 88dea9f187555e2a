"""Random futures for Monte Carlo: multipliers of volume, AHT, attrition and FX per sample.

From the scenario's ``uncertainty`` (relative standard deviations) and a
``numpy.random.Generator`` passed in, per sample s:

- volume level L[s] = exp(σ_L Z[s] − σ_L²/2), a lognormal with mean 1 and relative sd
  ``uncertainty.volume`` (σ² = ln(1 + sd²)), common to every queue: demand misses its
  forecast for all queues together;
- monthly noise e[s, q, i], lognormal with mean 1 and relative sd ``volume / 2``,
  independent per queue and month; the volume multiplier of queue q in month i is
  L[s] × e[s, q, i] (mean 1, since the factors are independent);
- a queue whose volume is a forecast (:class:`cscost.demand.forecast.Forecast`, passed
  in by the caller) takes its volume from the forecast's own 80 % interval instead,
  driven by the same Z[s] as the level (a split normal through the bounds):
  V[i] = mean[i] + Z × (upper80[i] − mean[i]) / z₀.₉ for Z ≥ 0, and
  mean[i] + Z × (mean[i] − lower80[i]) / z₀.₉ below, with z₀.₉ = 1.2816, floored at
  ``FORECAST_FLOOR`` × mean[i] (demand does not vanish); its multiplier is
  V[i] / mean[i]. No monthly noise is added: the interval already holds the month's own
  error, and ``uncertainty.volume`` does not widen it;
- AHT multiplier A[s], attrition multiplier R[s]: lognormal, mean 1, relative sd
  ``uncertainty.aht`` / ``uncertainty.attrition``, common to all queues and providers;
  A is rounded to a multiple of 5 % in ln (:func:`cscost.staffing.surrogate.quantised_aht`)
  so that staffing at it is exact; the rounding is symmetric in ln;
- FX multiplier per foreign currency of ``scenario.fx``: lognormal, mean 1, relative sd
  ``uncertainty.fx``, independent per currency, constant over the horizon.

A standard deviation of 0 gives multipliers of exactly 1. The draws are made in a fixed
order and shape (level, noise, AHT, attrition, FX), whatever the standard deviations,
so the same seed gives the same numbers bit for bit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from cscost.arrays import Array
from cscost.demand.forecast import Forecast
from cscost.model import Uncertainty
from cscost.staffing.surrogate import quantised_aht

Z80 = 1.2815515655446004
"""The standard normal's 90 % quantile: an 80 % interval spans mean ± 1.2816 sd."""

FORECAST_FLOOR = 0.01
"""Least volume of a forecast queue in a sample, as a share of the forecast's mean."""

NOISE_SHARE = 0.5
"""Relative sd of the monthly noise as a share of the level's relative sd."""


@dataclass(frozen=True)
class Draws:
    """Multipliers of every sample: volume per queue [S, M], AHT, attrition [S], FX [S]."""

    volume: Mapping[str, Array]
    aht: Array
    attrition: Array
    fx: Mapping[str, Array]

    @property
    def samples(self) -> int:
        """The number of samples S."""
        return int(self.aht.shape[0])

    def chunk(self, start: int, stop: int) -> Draws:
        """Samples ``start`` … ``stop − 1``."""
        return Draws(
            volume={q: v[start:stop] for q, v in self.volume.items()},
            aht=self.aht[start:stop],
            attrition=self.attrition[start:stop],
            fx={c: f[start:stop] for c, f in self.fx.items()},
        )


def mean_one_lognormal(z: Array, relative_sd: float) -> Array:
    """exp(σz − σ²/2) with σ² = ln(1 + sd²): mean 1 and relative sd ``relative_sd``."""
    if relative_sd == 0:
        return np.ones_like(z)
    sigma = float(np.sqrt(np.log1p(relative_sd**2)))
    result: Array = np.exp(sigma * z - sigma**2 / 2.0)
    return result


def forecast_multiplier(z: Array, forecast: Forecast) -> Array:
    """V[s, i] / mean[i] of a forecast queue, V through the 80 % bounds (module docstring)."""
    mean = forecast.mean[None, :]
    up = (forecast.upper80 - forecast.mean)[None, :] / Z80
    down = (forecast.mean - forecast.lower80)[None, :] / Z80
    zz = z[:, None]
    volume = np.maximum(mean + zz * np.where(zz >= 0, up, down), FORECAST_FLOOR * mean)
    out = np.ones_like(volume)
    np.divide(volume, np.broadcast_to(mean, volume.shape), out=out, where=mean > 0)
    return out


def draw_samples(
    uncertainty: Uncertainty,
    rng: np.random.Generator,
    samples: int,
    *,
    queue_ids: Sequence[str],
    months: int,
    currencies: Sequence[str],
    forecasts: Mapping[str, Forecast] | None = None,
) -> Draws:
    """All multipliers of ``samples`` futures (module docstring), drawn from ``rng``."""
    z_level = rng.standard_normal(samples)
    z_noise = rng.standard_normal((samples, len(queue_ids), months))
    z_aht = rng.standard_normal(samples)
    z_attrition = rng.standard_normal(samples)
    z_fx = rng.standard_normal((samples, len(currencies)))
    level = mean_one_lognormal(z_level, uncertainty.volume)
    noise = mean_one_lognormal(z_noise, uncertainty.volume * NOISE_SHARE)
    volume: dict[str, Array] = {}
    for k, queue_id in enumerate(queue_ids):
        if forecasts is not None and queue_id in forecasts:
            volume[queue_id] = forecast_multiplier(z_level, forecasts[queue_id])
        else:
            volume[queue_id] = level[:, None] * noise[:, k, :]
    return Draws(
        volume=volume,
        aht=quantised_aht(mean_one_lognormal(z_aht, uncertainty.aht)),
        attrition=mean_one_lognormal(z_attrition, uncertainty.attrition),
        fx={c: mean_one_lognormal(z_fx[:, k], uncertainty.fx) for k, c in enumerate(currencies)},
    )
