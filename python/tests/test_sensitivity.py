"""Sampling designs and Sobol indices, checked on functions whose indices are known."""

import numpy as np
import pandas as pd
import pytest

import civicsim
from civicsim import sensitivity

BOUNDS = {"a.x": (0.0, 1.0), "a.y": (10.0, 20.0), "a.z": (-1.0, 1.0)}


def test_latin_hypercube_is_stratified_within_bounds():
    samples = sensitivity.latin_hypercube(BOUNDS, 20, seed=3)
    assert list(samples.columns) == list(BOUNDS) and len(samples) == 20
    for key, (low, high) in BOUNDS.items():
        strata = np.floor((samples[key] - low) / (high - low) * 20).astype(int)
        assert sorted(strata) == list(range(20))
    pd.testing.assert_frame_equal(samples, sensitivity.latin_hypercube(BOUNDS, 20, seed=3))


def test_sobol_samples_follow_saltelli_design():
    n, d = 16, len(BOUNDS)
    design = sensitivity.sobol_samples(BOUNDS, n, seed=1)
    assert design.shape == (n * (d + 2), d)
    a, b = design.iloc[:n].to_numpy(), design.iloc[n:2 * n].to_numpy()
    for i in range(d):
        ab = design.iloc[(2 + i) * n:(3 + i) * n].to_numpy()
        expected = a.copy()
        expected[:, i] = b[:, i]
        np.testing.assert_array_equal(ab, expected)
    with pytest.raises(ValueError, match="low must be below high"):
        sensitivity.sobol_samples({"a.x": (1.0, 1.0)}, 8)


def test_sobol_indices_of_a_linear_model():
    # y = x + 2 (y - 15) / 5 with x, y uniform and z inert: S1 = ST = 1/5, 4/5, 0.
    design = sensitivity.sobol_samples(BOUNDS, 1024, seed=2)
    summary = design.copy()
    summary["outcome"] = design["a.x"] + 2 * (design["a.y"] - 15) / 10
    indices = sensitivity.sobol_indices(summary, "outcome", list(BOUNDS), bootstrap=200, seed=0)
    assert list(indices.columns) == ["S1", "S1_low", "S1_high", "ST", "ST_low", "ST_high"]
    np.testing.assert_allclose(indices["S1"], [0.2, 0.8, 0.0], atol=0.05)
    np.testing.assert_allclose(indices["ST"], [0.2, 0.8, 0.0], atol=0.05)
    assert (indices["S1_low"] <= indices["S1"]).all() and (indices["S1"] <= indices["S1_high"]).all()
    assert (indices["ST_low"] <= indices["ST"]).all() and (indices["ST"] <= indices["ST_high"]).all()


def test_sobol_indices_of_an_interaction():
    # y = x * z with x, z uniform on [-1, 1]: no first-order effects (S1 = 0), all of the
    # variance in the interaction (ST = 1 for both).
    bounds = {"a.x": (-1.0, 1.0), "a.z": (-1.0, 1.0)}
    design = sensitivity.sobol_samples(bounds, 2048, seed=4)
    summary = design.assign(outcome=design["a.x"] * design["a.z"])
    indices = sensitivity.sobol_indices(summary, "outcome", bounds, bootstrap=100, seed=0)
    np.testing.assert_allclose(indices["S1"], [0.0, 0.0], atol=0.05)
    np.testing.assert_allclose(indices["ST"], [1.0, 1.0], atol=0.08)


def test_sobol_indices_from_a_sweep(town):
    bounds = {"police.report_share": (0.02, 0.12), "policy.outreach.campaign.seniors.daily_reach":
              (0.0, 0.05)}
    design = sensitivity.sobol_samples(bounds, 4, seed=5)
    results = civicsim.sweep(town, design, replications=1, days=15, progress=False)
    indices = sensitivity.sobol_indices(results, "officer_utilisation", bootstrap=50, seed=0)
    assert list(indices.index) == list(bounds)
    assert np.isfinite(indices["ST"]).all()
    with pytest.raises(ValueError, match="not a multiple"):
        sensitivity.sobol_indices(results.summary.iloc[:-1], "officer_utilisation", bounds)
