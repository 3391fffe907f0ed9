"""Sensitivity analysis: sample parameters, sweep them, and estimate Sobol indices.

A typical use::

    from civicsim import sensitivity
    bounds = {"police.report_share": (0.03, 0.10), "policy.filtering.accuracy": (0.6, 0.95)}
    design = sensitivity.sobol_samples(bounds, n=64, seed=1)
    results = civicsim.sweep(town, design, replications=1, days=120)
    sensitivity.sobol_indices(results, "response_time_p90", bounds)

``sobol_samples`` returns Saltelli's design (matrices A, B and the d matrices AB_i, N rows each);
``sobol_indices`` reads the outcome of each design row from a sweep over it, in order, and
returns first-order (Saltelli 2010) and total (Jansen 1999) indices with bootstrap intervals.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from ._results import Results

Bounds = Mapping[str, tuple[float, float]]


def _check(bounds: Bounds) -> tuple[list[str], np.ndarray, np.ndarray]:
    if not bounds:
        raise ValueError("bounds: give at least one parameter, {dotted key: (low, high)}")
    names = list(bounds)
    low = np.array([float(bounds[n][0]) for n in names])
    high = np.array([float(bounds[n][1]) for n in names])
    bad = [n for n, lo, hi in zip(names, low, high) if not lo < hi]
    if bad:
        raise ValueError(f"bounds: low must be below high for {', '.join(bad)}")
    return names, low, high


def latin_hypercube(bounds: Bounds, n: int, seed: int | None = None) -> pd.DataFrame:
    """``n`` Latin-hypercube samples of the parameters in ``bounds`` ({dotted key: (low, high)}),
    one row per sample and one column per key, ready for :func:`civicsim.sweep`."""
    from scipy.stats import qmc

    names, low, high = _check(bounds)
    unit = qmc.LatinHypercube(d=len(names), seed=seed).random(n)
    return pd.DataFrame(qmc.scale(unit, low, high), columns=names)


def sobol_samples(bounds: Bounds, n: int, seed: int | None = None) -> pd.DataFrame:
    """Saltelli's design for Sobol indices: ``n * (d + 2)`` rows for ``d`` parameters.

    Rows are A (n), B (n), then AB_1 … AB_d (n each; AB_i is A with column i from B), where A
    and B come from one scrambled Sobol sequence in 2d dimensions (``scipy.stats.qmc.Sobol``;
    ``n`` a power of two keeps its balance properties). Sweep over the rows in this order and
    pass the results to :func:`sobol_indices`.
    """
    from scipy.stats import qmc

    names, low, high = _check(bounds)
    d = len(names)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the balance warning for n not 2^k
        base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(n)
    a, b = base[:, :d], base[:, d:]
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return pd.DataFrame(qmc.scale(np.vstack(blocks), low, high), columns=names)


def _indices(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    variance = np.var(np.concatenate([f_a, f_b]), ddof=1)
    if not variance > 0:
        nan = np.full(f_ab.shape[0], np.nan)
        return nan, nan
    first = np.mean(f_b * (f_ab - f_a), axis=1) / variance          # Saltelli et al. 2010
    total = 0.5 * np.mean((f_a - f_ab) ** 2, axis=1) / variance      # Jansen 1999
    return first, total


def sobol_indices(results: Results | pd.DataFrame, outcome: str,
                  parameters: Bounds | Sequence[str] | None = None, *, bootstrap: int = 1000,
                  confidence: float = 0.95, seed: int | None = None) -> pd.DataFrame:
    """First-order and total Sobol indices of a summary outcome, with bootstrap intervals.

    ``results`` is a sweep over :func:`sobol_samples` (or its ``summary`` frame), rows in the
    design's order; replications of a point are averaged. ``parameters`` names the design's
    columns in order (default: the swept parameters). Returns a frame indexed by parameter with
    ``S1``, ``S1_low``, ``S1_high``, ``ST``, ``ST_low``, ``ST_high`` (percentile intervals over
    ``bootstrap`` resamples of the design's rows).
    """
    summary = results if isinstance(results, pd.DataFrame) else results.summary
    names = list(parameters) if parameters is not None else list(
        getattr(results, "swept", [c for c in summary.columns if "." in c]))
    if not names:
        raise ValueError("sobol_indices: no swept parameters; give `parameters`")
    if outcome not in summary.columns:
        raise KeyError(f"sobol_indices: no outcome {outcome!r} in the summary")
    # One value per design row: rows of a point are consecutive (its replications).
    point = (summary[names].ne(summary[names].shift()).any(axis=1)).cumsum()
    values = summary.groupby(point, sort=False)[outcome].mean().to_numpy()
    d = len(names)
    if len(values) % (d + 2):
        raise ValueError(f"sobol_indices: {len(values)} design points is not a multiple of "
                         f"d + 2 = {d + 2}; sweep over sobol_samples() of these parameters")
    n = len(values) // (d + 2)
    f_a, f_b = values[:n], values[n:2 * n]
    f_ab = values[2 * n:].reshape(d, n)
    first, total = _indices(f_a, f_b, f_ab)

    rng = np.random.default_rng(seed)
    draws = rng.integers(0, n, size=(bootstrap, n))
    boot = [_indices(f_a[i], f_b[i], f_ab[:, i]) for i in draws]
    boot_first = np.array([b[0] for b in boot])
    boot_total = np.array([b[1] for b in boot])
    tails = [50 * (1 - confidence), 50 * (1 + confidence)]
    first_ci = np.nanpercentile(boot_first, tails, axis=0)
    total_ci = np.nanpercentile(boot_total, tails, axis=0)
    return pd.DataFrame({"S1": first, "S1_low": first_ci[0], "S1_high": first_ci[1],
                         "ST": total, "ST_low": total_ci[0], "ST_high": total_ci[1]},
                        index=pd.Index(names, name="parameter"))
