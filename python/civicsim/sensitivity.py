"""Sensitivity analysis: sample parameters, sweep them, and estimate Sobol indices.

A typical use::

    from civicsim import sensitivity
    problem = sensitivity.problem({"police.report_share": (0.03, 0.10),
                                   "policy.filtering.accuracy": (0.6, 0.95)})
    design = sensitivity.sobol_samples(problem, n=64, seed=1)
    results = civicsim.sweep(town, design, replications=1, days=120)
    sensitivity.sobol_indices(results, "response_time_p90")

Parameters are described by a *problem*, the dictionary SALib uses
(``{"num_vars": d, "names": [dotted keys], "bounds": [[low, high], ...]}``), or by a mapping
``{dotted key: (low, high)}``; every function takes either, and :func:`problem` turns the second
into the first.

``sobol_samples`` returns Saltelli's design in SALib's sample layout (for each of the ``n`` base
rows: the row of A, then AB_1 … AB_d, then the row of B; ``n * (d + 2)`` rows), so that a design
made by SALib (``saltelli.sample(problem, n, calc_second_order=False)``) can be swept with
:func:`design` and our outcomes handed to SALib's ``sobol.analyze`` in the same order. The
design is recorded with the sweep's results (``Results.design``) and checked, row by row,
before any index is computed: a grid or a shuffled design is refused.

``sobol_indices`` returns first-order (Saltelli et al. 2010) and total (Jansen 1999) indices with
bootstrap intervals. The outcome is centred before the estimators see it: both estimators are
invariant to a constant shift in exact arithmetic, but the first-order one, uncentred, multiplies
the outcome's mean into its sampling error, so an outcome whose mean is large against its spread
gets indices that are all noise.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._results import point_numbers

if TYPE_CHECKING:
    from ._results import Results

Bounds = Mapping[str, tuple[float, float]]
#: SALib's problem: {"num_vars": d, "names": [...], "bounds": [[low, high], ...]}.
Problem = Mapping[str, Any]

#: Where a design records itself in ``DataFrame.attrs`` (and ``civicsim.sweep`` looks for it).
DESIGN_ATTR = "civicsim.design"


def problem(parameters: Problem | Bounds) -> dict[str, Any]:
    """The SALib problem dictionary of ``parameters`` (a problem, or ``{key: (low, high)}``),
    checked: names unique, ``num_vars`` consistent, every low below its high."""
    if not parameters:
        raise ValueError("problem: give at least one parameter, {dotted key: (low, high)} or "
                         "{'num_vars': d, 'names': [...], 'bounds': [[low, high], ...]}")
    if "names" in parameters and "bounds" in parameters:
        unsupported = sorted(set(parameters) - {"num_vars", "names", "bounds", "dists"})
        if unsupported or parameters.get("groups") is not None:
            raise ValueError(f"problem: {', '.join(unsupported)} not supported; give num_vars, "
                             "names and bounds (independent uniform parameters)")
        dists = parameters.get("dists")
        if dists is not None and any(dist != "unif" for dist in dists):
            raise ValueError("problem: only uniform parameters ('unif') are supported")
        names = [str(n) for n in parameters["names"]]
        bounds = [tuple(float(v) for v in b) for b in parameters["bounds"]]
        if len(bounds) != len(names):
            raise ValueError(f"problem: {len(names)} names but {len(bounds)} bounds")
        if "num_vars" in parameters and int(parameters["num_vars"]) != len(names):
            raise ValueError(f"problem: num_vars is {parameters['num_vars']} but there are "
                             f"{len(names)} names")
    else:
        names = [str(n) for n in parameters]
        bounds = [tuple(float(v) for v in parameters[n]) for n in parameters]
    if any(len(b) != 2 for b in bounds):
        raise ValueError("problem: every bound is a pair [low, high]")
    if len(set(names)) != len(names):
        raise ValueError("problem: parameter names must be unique")
    bad = [n for n, (low, high) in zip(names, bounds) if not low < high]
    if bad:
        raise ValueError(f"problem: low must be below high for {', '.join(bad)}")
    return {"num_vars": len(names), "names": names, "bounds": [list(b) for b in bounds]}


def _scale(unit: np.ndarray, spec: dict[str, Any]) -> np.ndarray:
    bounds = np.asarray(spec["bounds"], dtype=float)
    return bounds[:, 0] + unit * (bounds[:, 1] - bounds[:, 0])


def latin_hypercube(parameters: Problem | Bounds, n: int, seed: int | None = None
                    ) -> pd.DataFrame:
    """``n`` Latin-hypercube samples of the parameters (a problem or ``{key: (low, high)}``),
    one row per sample and one column per key, ready for :func:`civicsim.sweep`."""
    from scipy.stats import qmc

    spec = problem(parameters)
    unit = qmc.LatinHypercube(d=spec["num_vars"], seed=seed).random(n)
    frame = pd.DataFrame(_scale(unit, spec), columns=spec["names"])
    frame.attrs[DESIGN_ATTR] = {"method": "latin_hypercube", "n": int(n), "problem": spec}
    return frame


def _saltelli_rows(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """SALib's layout: per base row i, A_i, AB_1,i … AB_d,i, B_i."""
    n, d = a.shape
    rows = np.empty((n, d + 2, d))
    rows[:, 0] = a
    for k in range(d):
        rows[:, 1 + k] = a
        rows[:, 1 + k, k] = b[:, k]
    rows[:, d + 1] = b
    return rows.reshape(n * (d + 2), d)


def sobol_samples(parameters: Problem | Bounds, n: int, seed: int | None = None
                  ) -> pd.DataFrame:
    """Saltelli's design for first-order and total Sobol indices: ``n * (d + 2)`` rows.

    A and B are the two halves of one scrambled Sobol sequence in 2d dimensions
    (``scipy.stats.qmc.Sobol``; ``n`` a power of two keeps its balance). Rows follow SALib's
    layout: for each base row i, A_i, then AB_k,i (A_i with parameter k taken from B_i) for
    k = 1 … d, then B_i. Sweep over the frame as it is (the design travels in
    ``frame.attrs``) and pass the results to :func:`sobol_indices`.
    """
    from scipy.stats import qmc

    spec = problem(parameters)
    if int(n) < 2:
        raise ValueError("sobol_samples: n must be at least 2 base rows")
    d = spec["num_vars"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the balance warning for n not 2^k
        base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random(int(n))
    rows = _saltelli_rows(_scale(base[:, :d], spec), _scale(base[:, d:], spec))
    return design(spec, rows)


def design(parameters: Problem | Bounds, samples: np.ndarray | pd.DataFrame) -> pd.DataFrame:
    """A Saltelli design made elsewhere, in SALib's layout (e.g. SALib's
    ``saltelli.sample(problem, n, calc_second_order=False)``), as a frame to sweep: columns
    named after the parameters, the design recorded in ``frame.attrs``. Its structure is
    checked (see :func:`check_design`)."""
    spec = problem(parameters)
    values = np.asarray(samples, dtype=float)
    if values.ndim != 2 or values.shape[1] != spec["num_vars"]:
        raise ValueError(f"design: samples must have one column per parameter "
                         f"({spec['num_vars']}), not shape {values.shape}")
    check_design(values, spec["num_vars"])
    frame = pd.DataFrame(values, columns=spec["names"])
    frame.attrs[DESIGN_ATTR] = {"method": "saltelli", "layout": "salib",
                                "n": len(values) // (spec["num_vars"] + 2), "problem": spec}
    return frame


def check_design(points: np.ndarray, d: int) -> int:
    """Checks that ``points`` (one row per design point, one column per parameter) is a
    Saltelli design in SALib's layout and returns its base size n. Raises ValueError naming
    the first row that breaks the structure: a row count that is not a multiple of d + 2, or
    an AB_k row that is not A with parameter k from B."""
    points = np.asarray(points, dtype=float)
    step = d + 2
    if len(points) == 0 or len(points) % step:
        raise ValueError(f"not a Saltelli design: {len(points)} points is not a positive "
                         f"multiple of d + 2 = {step} (for {d} parameter(s)); sample with "
                         "sensitivity.sobol_samples() and sweep over it as it is")
    blocks = points.reshape(-1, step, d)
    a, b = blocks[:, 0], blocks[:, step - 1]
    for k in range(d):
        expected = a.copy()
        expected[:, k] = b[:, k]
        wrong = np.flatnonzero(~np.all(blocks[:, 1 + k] == expected, axis=1))
        if len(wrong):
            i = int(wrong[0])
            raise ValueError(
                f"not a Saltelli design: point {i * step + 1 + k} should be point {i * step} "
                f"(A) with parameter {k + 1} taken from point {i * step + step - 1} (B), as in "
                "SALib's layout (A, AB_1 ... AB_d, B per base row); a grid, a Latin hypercube "
                "or a reordered design cannot give Sobol indices")
    return len(blocks)


def _estimates(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray
               ) -> tuple[np.ndarray, np.ndarray]:
    """First-order (Saltelli et al. 2010) and total (Jansen 1999) indices of centred outcomes.

    ``f_a``, ``f_b`` are shaped (..., n) and ``f_ab`` (d, ..., n); leading axes are bootstrap
    resamples. The variance is that of A and B together, as SALib divides by it."""
    variance = np.var(np.concatenate([f_a, f_b], axis=-1), axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        first = np.mean(f_b * (f_ab - f_a), axis=-1) / variance
        total = 0.5 * np.mean((f_a - f_ab) ** 2, axis=-1) / variance
    constant = ~(variance > 0)
    first = np.where(constant, np.nan, first)
    total = np.where(constant, np.nan, total)
    return first, total


def sobol_from_outputs(values: np.ndarray, d: int, *, bootstrap: int = 1000,
                       confidence: float = 0.95, seed: int | None = None
                       ) -> dict[str, np.ndarray]:
    """Indices from outcomes in SALib's layout (one per design point, ``n * (d + 2)``), as
    SALib's ``sobol.analyze(..., calc_second_order=False)`` takes them: a dict of arrays
    ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (the half-widths of SALib's normal intervals
    from the bootstrap) and ``S1_low``, ``S1_high``, ``ST_low``, ``ST_high`` (the bootstrap's
    percentile interval)."""
    values = np.asarray(values, dtype=float)
    step = d + 2
    if values.ndim != 1 or len(values) == 0 or len(values) % step:
        raise ValueError(f"sobol indices: {values.shape} outcomes do not fit a Saltelli design "
                         f"of {d} parameter(s) (n * {step} values)")
    if not np.isfinite(values).all():
        raise ValueError("sobol indices: the outcome is NaN or infinite at some design points")
    # Centring: a shift does not change the indices, but uncentred, the first-order estimator's
    # error grows with the mean; the mean of all outcomes is the constant SALib uses.
    centred = values - values.mean()
    blocks = centred.reshape(-1, step)
    f_a, f_b, f_ab = blocks[:, 0], blocks[:, -1], blocks[:, 1:-1].T
    first, total = _estimates(f_a, f_b, f_ab)

    n = len(f_a)
    rng = np.random.default_rng(seed)
    boot_first = np.empty((bootstrap, d))
    boot_total = np.empty((bootstrap, d))
    chunk = max(1, 2_000_000 // (n * (d + 2)))  # resamples at a time, to bound memory
    for start in range(0, bootstrap, chunk):
        draws = rng.integers(0, n, size=(min(chunk, bootstrap - start), n))
        b_first, b_total = _estimates(f_a[draws], f_b[draws], f_ab[:, draws])
        boot_first[start:start + len(draws)] = b_first.T
        boot_total[start:start + len(draws)] = b_total.T
    from scipy.stats import norm

    tails = [50 * (1 - confidence), 50 * (1 + confidence)]
    z = norm.ppf(0.5 + confidence / 2)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns of a constant outcome
        first_ci = np.nanpercentile(boot_first, tails, axis=0)
        total_ci = np.nanpercentile(boot_total, tails, axis=0)
        first_conf = z * np.nanstd(boot_first, axis=0, ddof=1)
        total_conf = z * np.nanstd(boot_total, axis=0, ddof=1)
    return {"S1": first, "S1_conf": first_conf, "ST": total, "ST_conf": total_conf,
            "S1_low": first_ci[0], "S1_high": first_ci[1],
            "ST_low": total_ci[0], "ST_high": total_ci[1]}


def sobol_indices(results: Results | pd.DataFrame, outcome: str,
                  parameters: Problem | Bounds | Sequence[str] | None = None, *,
                  bootstrap: int = 1000, confidence: float = 0.95, seed: int | None = None
                  ) -> pd.DataFrame:
    """First-order and total Sobol indices of a summary outcome, with bootstrap intervals.

    ``results`` is a sweep over :func:`sobol_samples` (or :func:`design`), or a frame with one
    row per run (a ``summary``) or per design point, in the design's order. The replications
    of a point are averaged. The design is checked before anything is estimated: the one
    recorded with the results must be a Saltelli design of these parameters, and the swept
    values must have its structure (see :func:`check_design`). ``parameters`` names the design's
    parameters in order (a problem, bounds or names; default: the recorded design's, else the
    swept ones).

    Returns a frame indexed by parameter: ``S1`` and ``ST``; ``S1_low``, ``S1_high``,
    ``ST_low``, ``ST_high`` (percentile intervals over ``bootstrap`` resamples of the base
    rows); and ``S1_conf``, ``ST_conf`` (SALib's half-widths). Its ``attrs`` hold the
    outcome, n, the confidence and the problem.
    """
    summary = results if isinstance(results, pd.DataFrame) else results.summary
    recorded = (getattr(results, "design", None) if not isinstance(results, pd.DataFrame)
                else summary.attrs.get(DESIGN_ATTR))
    if recorded is not None and recorded.get("method") != "saltelli":
        raise ValueError(f"sobol_indices: these results are a sweep over a "
                         f"{recorded.get('method')} design, not a Saltelli design; sample with "
                         "sensitivity.sobol_samples() and sweep over it")
    if parameters is None:
        if recorded is not None:
            names = list(recorded["problem"]["names"])
        else:
            names = list(getattr(results, "swept", [c for c in summary.columns if "." in c]))
    elif isinstance(parameters, Mapping):
        names = problem(parameters)["names"]
    else:
        names = [str(p) for p in parameters]
    if not names:
        raise ValueError("sobol_indices: no swept parameters; give `parameters`")
    if recorded is not None and list(recorded["problem"]["names"]) != names:
        raise ValueError(f"sobol_indices: the design's parameters are "
                         f"{recorded['problem']['names']}, not {names}")
    missing = [n for n in names if n not in summary.columns]
    if missing:
        raise KeyError(f"sobol_indices: no column {', '.join(missing)} in the results")
    if outcome not in summary.columns:
        raise KeyError(f"sobol_indices: no outcome {outcome!r} in the summary")

    point = point_numbers(summary)  # never by comparing values: equal points stay apart
    by_point = summary.groupby(point, sort=True)
    points = by_point[names].first().to_numpy(dtype=float)
    varying = (by_point[names].nunique() > 1).any(axis=1)
    if varying.any():
        raise ValueError(f"sobol_indices: the replications of point {int(varying.idxmax())} "
                         "have different parameter values")
    d = len(names)
    n = check_design(points, d)
    if recorded is not None and int(recorded.get("n", n)) != n:
        raise ValueError(f"sobol_indices: the design has n = {recorded['n']} base rows but the "
                         f"results hold {n}")
    values = by_point[outcome].mean().to_numpy(dtype=float)
    estimates = sobol_from_outputs(values, d, bootstrap=bootstrap, confidence=confidence,
                                   seed=seed)
    columns = ["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high", "S1_conf", "ST_conf"]
    frame = pd.DataFrame({c: estimates[c] for c in columns},
                         index=pd.Index(names, name="parameter"))
    if recorded is not None:
        spec = recorded["problem"]
    elif isinstance(parameters, Mapping):
        spec = problem(parameters)
    else:
        spec = {"num_vars": d, "names": names}
    frame.attrs = {"outcome": outcome, "n": n, "confidence": confidence,
                   "bootstrap": bootstrap, "problem": spec}
    return frame
