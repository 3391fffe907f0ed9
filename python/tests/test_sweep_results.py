"""Results and scenarios as Python objects: pickling, concatenation, swept parameters as indexed
coordinates, the cube over a grid, units, and paired differences within a sweep."""

import pickle

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import civicsim
from civicsim import sensitivity

from conftest import SEED

GRID = {"police.report_share": [0.03, 0.08], "policy.filtering.mode": ["none", "rules"]}
DAYS = 12


@pytest.fixture(scope="module")
def grid_results(town):
    return civicsim.sweep(town, GRID, replications=2, days=DAYS, seed=SEED, progress=False)


def test_to_toml_keeps_the_strategies(town):
    text = town.to_toml()
    assert text.count("[[strategy]]") == len(town.strategies) == 5
    again = civicsim.parse_scenario(text, "resolved")
    assert again.strategies == town.strategies
    assert again.to_toml() == text


def test_a_pickled_scenario_runs_the_same(town):
    changed = town.with_overrides({"police.report_share": 0.07})
    restored = pickle.loads(pickle.dumps(changed))
    assert restored.to_toml() == changed.to_toml()
    assert restored.strategies == changed.strategies
    assert restored.source == changed.source
    ours = civicsim.run(restored, replications=1, days=8, seed=SEED, progress=False)
    theirs = civicsim.run(changed, replications=1, days=8, seed=SEED, progress=False)
    xr.testing.assert_identical(ours.timeseries, theirs.timeseries)


def test_day_is_a_coordinate_and_units_are_in_summary_attrs(town_results):
    ts = town_results.timeseries
    assert "day" in ts.indexes
    assert list(ts["day"].values) == list(range(ts.sizes["day"]))
    assert float(ts["reports"].sel(day=3).sum()) == float(ts["reports"].isel(day=3).sum())
    units = town_results.summary.attrs["units"]
    assert units["trust_mean"] == "score [0,1]"
    assert set(units) == {c for c in town_results.summary.columns
                          if c not in ("run_id", "strategy", "replication", "seed")}
    assert town_results.summary.attrs["descriptions"]["trust_mean"]


def test_swept_parameters_are_indexed_coordinates(grid_results):
    ts = grid_results.timeseries
    # Selecting every parameter leaves the point's replications (xarray drops the levels).
    point = ts.sel({"police.report_share": 0.08, "policy.filtering.mode": "rules"})
    assert point["reports"].dims == ("replication", "day", "neighbourhood")
    assert list(point["replication"].values) == [0, 1]
    np.testing.assert_array_equal(point["reports"].values,
                                  ts["reports"].isel(run=[6, 7]).values)
    one = ts.sel({"police.report_share": 0.03, "policy.filtering.mode": "none", "replication": 1})
    np.testing.assert_array_equal(one["reports"].values, ts["reports"].isel(run=1).values)
    assert list(ts["run_id"].values) == list(range(8))
    assert grid_results.by_community.sel({"policy.filtering.mode": "none"}).sizes["run"] == 4


def test_a_grid_sweep_opens_as_a_cube(grid_results, tmp_path):
    cube = grid_results.cube()
    assert cube["reports"].dims == ("police.report_share", "policy.filtering.mode",
                                    "replication", "day", "neighbourhood")
    assert list(cube["policy.filtering.mode"].values) == ["none", "rules"]
    np.testing.assert_array_equal(
        cube["reports"].sel({"police.report_share": 0.08, "policy.filtering.mode": "none",
                             "replication": 1}).values,
        grid_results.timeseries["reports"].isel(run=5).values)
    summary = grid_results.cube("summary")
    assert summary["expired"].dims == ("police.report_share", "policy.filtering.mode",
                                       "replication")
    assert summary["expired"].attrs["unit"] == grid_results.summary.attrs["units"]["expired"]
    assert float(summary["expired"][1, 1, 0]) == grid_results.summary["expired"].iloc[6]
    opened = civicsim.open_results(grid_results.to_hdf5(tmp_path / "grid.h5"))
    assert set(opened.cube()["reports"].dims) == set(cube["reports"].dims)


def test_cube_needs_a_sweep(town_results):
    with pytest.raises(ValueError, match="not a sweep"):
        town_results.cube()


def test_cube_is_refused_for_samples_that_are_not_a_grid(town):
    design = sensitivity.sobol_samples({"police.report_share": (0.02, 0.1)}, 2, seed=1)
    results = civicsim.sweep(town, design, replications=1, days=3, progress=False)
    with pytest.raises(ValueError, match="not a full grid"):
        results.cube()
    # With one parameter, AB_1 is B: two points with the same value, both selected.
    value = design["police.report_share"].iloc[1]
    assert value == design["police.report_share"].iloc[2]
    assert results.timeseries.sel({"police.report_share": value}).sizes["replication"] == 2


def test_differences_against_a_reference_point(grid_results):
    with pytest.raises(ValueError, match="sweep over police.report_share, "
                                         "policy.filtering.mode; give reference="):
        grid_results.differences("expired")
    table = grid_results.differences(
        "expired", reference={"police.report_share": 0.03, "policy.filtering.mode": "none"})
    assert list(table.index) == [1, 2, 3] and table.index.name == "point"
    assert list(table.columns) == [*GRID, "mean", "low", "high", "n"]
    expired = grid_results.summary["expired"].to_numpy().reshape(4, 2)  # (point, replication)
    np.testing.assert_allclose(table["mean"], (expired[1:] - expired[0]).mean(axis=1))
    assert (table["n"] == 2).all()
    assert (table["low"] <= table["mean"]).all() and (table["mean"] <= table["high"]).all()
    assert table.attrs["reference"]["point"] == 0
    # More officer time, fewer expired reports.
    assert table.loc[2, "mean"] < 0
    pd.testing.assert_frame_equal(grid_results.differences("expired", reference=0), table)
    with pytest.raises(ValueError, match="matches 2 points"):
        grid_results.differences("expired", reference={"police.report_share": 0.03})


def test_differences_on_a_single_strategy_is_an_error(town_results):
    with pytest.raises(ValueError, match="one strategy"):
        town_results.differences("trust_mean")


def test_results_pickle_and_write_the_same_file(grid_results, tmp_path):
    restored = pickle.loads(pickle.dumps(grid_results))
    xr.testing.assert_identical(restored.timeseries, grid_results.timeseries)
    pd.testing.assert_frame_equal(restored.summary, grid_results.summary)
    assert restored.summary.attrs == grid_results.summary.attrs
    assert restored.design == grid_results.design and restored.swept == grid_results.swept
    a = civicsim.open_results(grid_results.to_hdf5(tmp_path / "a.h5"))
    b = civicsim.open_results(restored.to_hdf5(tmp_path / "b.h5"))
    xr.testing.assert_equal(a.timeseries, b.timeseries)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert {k: v for k, v in a.attrs.items() if k != "created"} == \
        {k: v for k, v in b.attrs.items() if k != "created"}


def test_concat_of_two_halves_equals_the_whole(town, grid_results, tmp_path):
    first = civicsim.sweep(town, pd.DataFrame({"police.report_share": [0.03, 0.03],
                                               "policy.filtering.mode": ["none", "rules"]}),
                           replications=2, days=DAYS, seed=SEED, progress=False)
    second = civicsim.sweep(town, pd.DataFrame({"police.report_share": [0.08, 0.08],
                                                "policy.filtering.mode": ["none", "rules"]}),
                            replications=2, days=DAYS, seed=SEED, progress=False)
    joined = civicsim.Results.concat([first, second])
    assert list(joined.summary["run_id"]) == list(range(8))
    xr.testing.assert_equal(joined.timeseries, grid_results.timeseries)
    xr.testing.assert_equal(joined.by_group_membership, grid_results.by_group_membership)
    pd.testing.assert_frame_equal(joined.summary, grid_results.summary)
    assert joined.design == {"method": "points", "points": 4}
    assert joined.cube()["reports"].shape == grid_results.cube()["reports"].shape
    opened = civicsim.open_results(joined.to_hdf5(tmp_path / "joined.h5"))
    pd.testing.assert_frame_equal(opened.summary[joined.summary.columns], joined.summary,
                                  check_dtype=False)
    shorter = civicsim.sweep(town, {"police.report_share": [0.03]}, replications=1, days=5,
                             progress=False)
    with pytest.raises(ValueError, match="part 1 has days 5, part 0 has 12"):
        civicsim.Results.concat([first, shorter])


def test_a_sweep_equals_its_points_run_one_by_one(town, grid_results):
    # All runs of all points are scheduled together; each equals its point run on its own.
    for i, point in enumerate(grid_results.points.to_dict(orient="records")):
        alone = civicsim.run(town.with_overrides(point), replications=2, days=DAYS, seed=SEED,
                             threads=1, progress=False)
        runs = [2 * i, 2 * i + 1]
        for name in alone.timeseries.data_vars:
            np.testing.assert_array_equal(grid_results.timeseries[name].isel(run=runs).values,
                                          alone.timeseries[name].values, err_msg=name)
        np.testing.assert_array_equal(grid_results.by_community["trust_mean"].isel(run=runs),
                                      alone.by_community["trust_mean"])
        metrics = list(alone.summary.attrs["units"])
        np.testing.assert_array_equal(grid_results.summary[metrics].iloc[runs].to_numpy(),
                                      alone.summary[metrics].to_numpy())


def test_a_sweep_can_keep_only_summaries_or_chosen_series(town, grid_results, tmp_path):
    summary_only = civicsim.sweep(town, GRID, replications=2, days=DAYS, seed=SEED,
                                  progress=False, keep="summary")
    pd.testing.assert_frame_equal(summary_only.summary, grid_results.summary)
    assert not summary_only.timeseries.data_vars and not summary_only.by_community.data_vars
    assert not summary_only.by_app_use.data_vars
    xr.testing.assert_equal(summary_only.exposure_summary["by_app_use"],
                            grid_results.exposure_summary["by_app_use"])
    pd.testing.assert_frame_equal(summary_only.differences("expired", reference=0),
                                  grid_results.differences("expired", reference=0))
    with pytest.raises(ValueError, match="keep='all'"):
        summary_only.to_hdf5(tmp_path / "summary.h5")

    chosen = civicsim.sweep(town, GRID, replications=2, days=DAYS, seed=SEED, progress=False,
                            keep=["reports", "trust_mean"])
    assert list(chosen.timeseries.data_vars) == [
        n for n in grid_results.timeseries.data_vars if n in ("reports", "trust_mean")]
    xr.testing.assert_identical(chosen.timeseries["reports"], grid_results.timeseries["reports"])
    xr.testing.assert_identical(chosen.timeseries["trust_mean"],
                                grid_results.timeseries["trust_mean"])
    with pytest.raises(ValueError, match="'nope' not a daily metric"):
        civicsim.sweep(town, GRID, days=2, progress=False, keep=["nope"])
