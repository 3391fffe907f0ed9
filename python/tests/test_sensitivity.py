"""Sampling designs and Sobol indices, checked on functions whose indices are known."""

import math

import numpy as np
import pandas as pd
import pytest

import civicsim
from civicsim import sensitivity

BOUNDS = {"a.x": (0.0, 1.0), "a.y": (10.0, 20.0), "a.z": (-1.0, 1.0)}


# -- Functions with analytic indices --------------------------------------------------------------

ISHIGAMI_A, ISHIGAMI_B = 7.0, 0.1


def ishigami(x: np.ndarray) -> np.ndarray:
    return (np.sin(x[:, 0]) + ISHIGAMI_A * np.sin(x[:, 1]) ** 2
            + ISHIGAMI_B * x[:, 2] ** 4 * np.sin(x[:, 0]))


def ishigami_indices() -> tuple[np.ndarray, np.ndarray]:
    """S1 and ST of the Ishigami function on [-pi, pi]^3 (Ishigami & Homma 1990)."""
    a, b, pi = ISHIGAMI_A, ISHIGAMI_B, math.pi
    v1 = 0.5 * (1 + b * pi ** 4 / 5) ** 2
    v2 = a ** 2 / 8
    v13 = 8 * b ** 2 * pi ** 8 / 225
    variance = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / variance, np.array([v1 + v13, v2, v13]) / variance


G_A = np.array([0.0, 1.0, 4.5, 9.0, 99.0])


def g_function(x: np.ndarray) -> np.ndarray:
    return np.prod((np.abs(4 * x - 2) + G_A) / (1 + G_A), axis=1)


def g_function_indices() -> tuple[np.ndarray, np.ndarray]:
    """S1 and ST of Sobol's g-function on [0, 1]^d: V_i = 1 / (3 (1 + a_i)^2)."""
    partial = 1 / (3 * (1 + G_A) ** 2)
    variance = np.prod(1 + partial) - 1
    total = np.array([partial[i] * np.prod(np.delete(1 + partial, i)) for i in range(len(G_A))])
    return partial / variance, total / variance


def evaluate(design: pd.DataFrame, function) -> pd.DataFrame:
    """A summary-like frame: the design's parameters and the function's value per row."""
    return design.assign(outcome=function(design.to_numpy()))


def assert_indices(indices: pd.DataFrame, first: np.ndarray, total: np.ndarray,
                   tolerance: float) -> None:
    np.testing.assert_allclose(indices["S1"], first, atol=tolerance)
    np.testing.assert_allclose(indices["ST"], total, atol=tolerance)
    # The bootstrap intervals hold their estimate and the analytic value.
    for column, truth in (("S1", first), ("ST", total)):
        assert (indices[f"{column}_low"] <= indices[column]).all()
        assert (indices[column] <= indices[f"{column}_high"]).all()
        assert (indices[f"{column}_low"] - tolerance / 4 <= truth).all()
        assert (truth <= indices[f"{column}_high"] + tolerance / 4).all()


# -- Designs --------------------------------------------------------------------------------------

def test_problem_is_salibs_dictionary():
    spec = sensitivity.problem(BOUNDS)
    assert spec == {"num_vars": 3, "names": ["a.x", "a.y", "a.z"],
                    "bounds": [[0.0, 1.0], [10.0, 20.0], [-1.0, 1.0]]}
    assert sensitivity.problem(spec) == spec
    with pytest.raises(ValueError, match="low must be below high for a.x"):
        sensitivity.problem({"a.x": (1.0, 1.0)})
    with pytest.raises(ValueError, match="num_vars is 2 but there are 3 names"):
        sensitivity.problem({**spec, "num_vars": 2})
    with pytest.raises(ValueError, match="groups not supported"):
        sensitivity.problem({**spec, "groups": ["g", "g", "h"]})


def test_latin_hypercube_is_stratified_within_bounds():
    samples = sensitivity.latin_hypercube(BOUNDS, 20, seed=3)
    assert list(samples.columns) == list(BOUNDS) and len(samples) == 20
    for key, (low, high) in BOUNDS.items():
        strata = np.floor((samples[key] - low) / (high - low) * 20).astype(int)
        assert sorted(strata) == list(range(20))
    pd.testing.assert_frame_equal(samples, sensitivity.latin_hypercube(BOUNDS, 20, seed=3))
    assert samples.attrs[sensitivity.DESIGN_ATTR]["method"] == "latin_hypercube"


def test_sobol_samples_follow_salibs_layout():
    n, d = 16, len(BOUNDS)
    design = sensitivity.sobol_samples(BOUNDS, n, seed=1)
    assert design.shape == (n * (d + 2), d)
    rows = design.to_numpy().reshape(n, d + 2, d)
    a, b = rows[:, 0], rows[:, d + 1]
    for k in range(d):
        expected = a.copy()
        expected[:, k] = b[:, k]
        np.testing.assert_array_equal(rows[:, 1 + k], expected)
    for k, (low, high) in enumerate(BOUNDS.values()):
        assert low <= a[:, k].min() and a[:, k].max() <= high
        assert not np.array_equal(a[:, k], b[:, k])
    recorded = design.attrs[sensitivity.DESIGN_ATTR]
    assert recorded == {"method": "saltelli", "layout": "salib", "n": n,
                        "problem": sensitivity.problem(BOUNDS)}


def test_a_design_made_elsewhere_in_salibs_layout_is_accepted_and_checked():
    # SALib's saltelli.sample(problem, n, calc_second_order=False) lays rows out as
    # A_i, AB_1,i ... AB_d,i, B_i; built here by hand from two random matrices.
    rng = np.random.default_rng(0)
    spec = sensitivity.problem({"p.u": (0, 1), "p.v": (0, 1)})
    a, b = rng.random((8, 2)), rng.random((8, 2))
    rows = np.concatenate([np.stack([a[i], [b[i, 0], a[i, 1]], [a[i, 0], b[i, 1]], b[i]])
                           for i in range(8)])
    frame = sensitivity.design(spec, rows)
    assert list(frame.columns) == ["p.u", "p.v"]
    assert frame.attrs[sensitivity.DESIGN_ATTR]["n"] == 8
    swapped = rows.copy()
    swapped[[1, 2]] = swapped[[2, 1]]
    with pytest.raises(ValueError, match="point 1 should be point 0 .A. with parameter 1 taken "
                                         "from point 3 .B."):
        sensitivity.design(spec, swapped)
    with pytest.raises(ValueError, match="one column per parameter"):
        sensitivity.design(spec, rows[:, :1])


# -- Indices against analytic values --------------------------------------------------------------

def test_sobol_indices_of_the_ishigami_function():
    pi = math.pi
    design = sensitivity.sobol_samples({"x.1": (-pi, pi), "x.2": (-pi, pi), "x.3": (-pi, pi)},
                                       4096, seed=2)
    indices = sensitivity.sobol_indices(evaluate(design, ishigami), "outcome", bootstrap=300,
                                        seed=0)
    assert list(indices.index) == ["x.1", "x.2", "x.3"]
    assert list(indices.columns) == ["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high",
                                     "S1_conf", "ST_conf"]
    first, total = ishigami_indices()
    np.testing.assert_allclose(first, [0.3139, 0.4424, 0.0], atol=1e-4)  # the published values
    np.testing.assert_allclose(total, [0.5576, 0.4424, 0.2437], atol=1e-4)
    assert_indices(indices, first, total, tolerance=0.04)
    # Intervals narrow enough to tell the parameters apart.
    assert (indices["S1_high"] - indices["S1_low"] < 0.12).all()
    assert (indices["S1_conf"] > 0).all() and (indices["ST_conf"] < 0.06).all()


def test_sobol_indices_of_the_g_function():
    names = [f"g.x{i}" for i in range(len(G_A))]
    design = sensitivity.sobol_samples({n: (0.0, 1.0) for n in names}, 4096, seed=5)
    indices = sensitivity.sobol_indices(evaluate(design, g_function), "outcome", bootstrap=300,
                                        seed=1)
    first, total = g_function_indices()
    assert_indices(indices, first, total, tolerance=0.03)
    # The ranking the g-function is built for: the smaller a_i, the more x_i matters.
    assert list(indices["ST"].rank(ascending=False)) == [1.0, 2.0, 3.0, 4.0, 5.0]


def test_a_large_constant_does_not_change_the_indices():
    # An outcome like trust (mean 0.6, sd 1e-4) is this case scaled: the uncentred first-order
    # estimator multiplies the mean into its error and returns noise.
    pi = math.pi
    design = sensitivity.sobol_samples({"x.1": (-pi, pi), "x.2": (-pi, pi), "x.3": (-pi, pi)},
                                       1024, seed=7)
    plain = evaluate(design, ishigami)
    shifted = plain.assign(outcome=plain["outcome"] + 1e6)
    small = plain.assign(outcome=0.6 + 1e-4 * plain["outcome"])
    reference = sensitivity.sobol_indices(plain, "outcome", bootstrap=100, seed=3)
    for frame in (shifted, small):
        indices = sensitivity.sobol_indices(frame, "outcome", bootstrap=100, seed=3)
        pd.testing.assert_frame_equal(indices, reference, rtol=1e-6, atol=1e-8)
    first, total = ishigami_indices()
    assert_indices(reference, first, total, tolerance=0.08)


def test_constant_outcomes_give_nan_not_nonsense():
    design = sensitivity.sobol_samples(BOUNDS, 16, seed=1)
    indices = sensitivity.sobol_indices(design.assign(outcome=3.0), "outcome", bootstrap=20)
    assert indices[["S1", "ST"]].isna().all().all()


# -- The design is checked ------------------------------------------------------------------------

def test_a_grid_is_refused_as_a_saltelli_design():
    # Three grid points are d + 2 rows for one parameter, but not A, AB, B.
    grid = pd.DataFrame({"a.x": [0.0, 0.5, 1.0]})
    with pytest.raises(ValueError, match="not a Saltelli design: point 1 should be point 0"):
        sensitivity.sobol_indices(grid.assign(outcome=[1.0, 2.0, 3.0]), "outcome")
    with pytest.raises(ValueError, match="not a positive multiple of d \\+ 2 = 3"):
        sensitivity.sobol_indices(pd.DataFrame({"a.x": [0.0, 1.0], "outcome": [1.0, 2.0]}),
                                  "outcome")
    # A design whose rows were shuffled keeps its count but not its structure.
    design = sensitivity.sobol_samples(BOUNDS, 8, seed=1)
    shuffled = design.sample(frac=1.0, random_state=0).reset_index(drop=True)
    with pytest.raises(ValueError, match="not a Saltelli design"):
        sensitivity.sobol_indices(evaluate(shuffled, lambda x: x.sum(axis=1)), "outcome",
                                  list(BOUNDS))


def test_identical_neighbouring_points_are_not_merged():
    # Base row 0 with B equal to A: its d + 2 points are identical, and stay d + 2 points.
    design = sensitivity.sobol_samples(BOUNDS, 8, seed=1)
    values = design.to_numpy()
    values[: len(BOUNDS) + 2] = values[0]
    same = sensitivity.design(BOUNDS, values)
    # Two replications per point, as a sweep's summary has them.
    summary = same.loc[same.index.repeat(2)].reset_index(drop=True)
    summary.insert(0, "replication", [0, 1] * len(same))
    summary["outcome"] = summary["a.x"] + summary["a.y"] / 10 + summary["replication"] * 1e-3
    indices = sensitivity.sobol_indices(summary, "outcome", list(BOUNDS), bootstrap=20)
    assert indices.attrs["n"] == 8
    direct = sensitivity.sobol_indices(evaluate(same, lambda x: x[:, 0] + x[:, 1] / 10),
                                       "outcome", list(BOUNDS), bootstrap=20)
    pd.testing.assert_series_equal(indices["S1"], direct["S1"])


def test_sobol_indices_from_a_sweep_use_its_recorded_design(town, tmp_path):
    bounds = {"police.report_share": (0.02, 0.12),
              "policy.outreach.campaign.seniors.daily_reach": (0.0, 0.05)}
    design = sensitivity.sobol_samples(bounds, 4, seed=5)
    results = civicsim.sweep(town, design, replications=1, days=15, progress=False)
    assert results.design["method"] == "saltelli"
    assert results.design["problem"] == sensitivity.problem(bounds)
    assert results.design["points"] == len(design)
    indices = sensitivity.sobol_indices(results, "officer_utilisation", bootstrap=50, seed=0)
    assert list(indices.index) == list(bounds)
    assert indices.attrs["problem"] == sensitivity.problem(bounds)
    assert np.isfinite(indices["ST"]).all()
    # The design travels with the results file.
    again = civicsim.open_results(results.to_hdf5(tmp_path / "design.h5"))
    assert again.design == results.design
    pd.testing.assert_frame_equal(
        sensitivity.sobol_indices(again, "officer_utilisation", bootstrap=50, seed=0), indices)
    with pytest.raises(ValueError, match="not a positive multiple"):
        sensitivity.sobol_indices(results.summary.iloc[:-1], "officer_utilisation", bounds)


def test_a_grid_sweep_is_refused_by_its_recorded_design(town):
    grid = {"police.report_share": [0.03, 0.05, 0.08]}
    results = civicsim.sweep(town, grid, replications=1, days=5, progress=False)
    assert results.design == {"method": "grid", "grid": grid, "points": 3}
    with pytest.raises(ValueError, match="a sweep over a grid design, not a Saltelli design"):
        sensitivity.sobol_indices(results, "officer_utilisation")
