"""run, compare and sweep: the shape and labels of the results, determinism, progress."""

import re
import signal

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import civicsim
from civicsim import _core

from conftest import DAYS, REPLICATIONS, SEED

DAILY = [name for name, _, _ in _core.daily_metrics()]
SUMMARY = [name for name, _, _ in _core.summary_metrics()]
GROUP = [name for name, _, _ in _core.group_metrics()]


def test_run_gives_labelled_timeseries(town, town_results):
    ts = town_results.timeseries
    assert isinstance(ts, xr.Dataset)
    assert list(ts.data_vars) == DAILY
    assert dict(ts.sizes) == {"run": REPLICATIONS, "day": DAYS, "neighbourhood": 4}
    assert ts["trust_mean"].dims == ("run", "day", "neighbourhood")
    assert ts["trust_mean"].dtype == np.float32
    assert list(ts["neighbourhood"].values) == town.neighbourhoods
    assert list(ts["strategy"].values) == ["baseline"] * REPLICATIONS
    assert list(ts["replication"].values) == list(range(REPLICATIONS))
    assert list(ts["seed"].values) == [SEED] * REPLICATIONS
    assert ts["trust_mean"].attrs["unit"] == "score [0,1]"
    trust = ts["trust_mean"].sel(neighbourhood="Old Village")
    assert float(trust.min()) >= 0 and float(trust.max()) <= 1
    assert float(ts["incidents"].sum()) > 0


def test_run_gives_a_summary_frame_and_breakdowns(town_results):
    summary = town_results.summary
    assert isinstance(summary, pd.DataFrame)
    assert list(summary.columns) == ["run_id", "strategy", "replication", "seed", *SUMMARY]
    assert len(summary) == REPLICATIONS
    # Conservation: every report filed ends in one final status or is still queued.
    assert (summary["reports"] >= summary["handled"] + summary["expired"]).all()
    by_community = town_results.by_community
    assert list(by_community.data_vars) == GROUP
    assert by_community["trust_mean"].dims == ("run", "day", "neighbourhood", "community")
    assert list(by_community["community"].values) == ["majority", "polish"]
    assert list(town_results.by_age_band["age_band"].values) == ["16-29", "30-49", "50-64", "65+"]
    assert list(town_results.neighbourhoods.index)[0] == "Market Centre"
    assert town_results.neighbourhoods.loc["Brook Farms", "settlement"] == "rural"
    assert town_results.attrs["scenario_name"] == "Workshop Town"
    assert "seed = 7" in town_results.attrs["scenario"]


def test_same_seed_same_results_at_any_thread_count(town, town_results):
    again = civicsim.run(town, seed=SEED, replications=REPLICATIONS, days=DAYS, threads=1,
                         progress=False)
    xr.testing.assert_identical(again.timeseries, town_results.timeseries)
    pd.testing.assert_frame_equal(again.summary, town_results.summary)
    other = civicsim.run(town, seed=SEED + 1, replications=1, days=DAYS, progress=False)
    assert not np.array_equal(other.timeseries["reports"].values,
                              town_results.timeseries["reports"].isel(run=[0]).values)


def test_run_checks_its_arguments_like_the_cli(town):
    with pytest.raises(civicsim.ScenarioError, match="scenario.days"):
        civicsim.run(town, days=0, progress=False)


def test_compare_runs_every_strategy_with_common_random_numbers(town):
    results = civicsim.compare(town, seed=SEED, replications=2, days=30, progress=False)
    names = ["baseline"] + [s.name for s in town.strategies]
    assert results.strategies == names
    assert len(results.summary) == 2 * len(names)
    assert list(results.summary["run_id"]) == list(range(2 * len(names)))
    assert (results.summary.groupby("replication")["seed"].nunique() == 1).all()
    # Common random numbers: the first day is the same for every strategy before any
    # difference can act (campaigns start on day 30, groups on day 60).
    incidents = results.timeseries["incidents"].isel(day=0)
    per_strategy = incidents.groupby("strategy").sum()  # (strategy, neighbourhood)
    assert (per_strategy == per_strategy.isel(strategy=0)).all()
    assert results.strategy_table["name"].tolist() == names
    differences = results.differences("trust_mean")
    assert list(differences.index) == names[1:]
    assert list(differences.columns) == ["mean", "low", "high", "n"]
    assert (differences["low"] <= differences["mean"]).all()
    estimates = results.estimate("reports")
    assert list(estimates.index) == names


def test_sweep_over_a_grid_has_a_column_per_swept_parameter(town):
    grid = {"police.report_share": [0.03, 0.08], "policy.filtering.mode": ["none", "rules"]}
    results = civicsim.sweep(town, grid, replications=2, days=20, seed=SEED, progress=False)
    summary = results.summary
    assert results.swept == ["police.report_share", "policy.filtering.mode"]
    assert list(summary.columns[:6]) == ["run_id", "strategy", "replication", "seed",
                                         "police.report_share", "policy.filtering.mode"]
    assert len(summary) == 8
    assert list(summary["police.report_share"]) == [0.03] * 4 + [0.08] * 4
    assert list(summary["policy.filtering.mode"]) == ["none", "none", "rules", "rules"] * 2
    assert list(summary["replication"]) == [0, 1] * 4
    assert list(results.timeseries["police.report_share"].values) == [0.03] * 4 + [0.08] * 4
    # The sweep point at the scenario's own values is the plain run.
    plain = civicsim.run(town.with_overrides({"police.report_share": 0.03}), replications=2,
                         days=20, seed=SEED, progress=False)
    np.testing.assert_array_equal(results.timeseries["reports"].isel(run=[0, 1]).values,
                                  plain.timeseries["reports"].values)


def test_sweep_over_samples_and_bad_points(town):
    samples = pd.DataFrame({"police.report_share": [0.04, 0.06, 0.09]})
    results = civicsim.sweep(town, samples, replications=1, days=10, progress=False)
    assert list(results.summary["police.report_share"]) == [0.04, 0.06, 0.09]
    with pytest.raises(civicsim.ScenarioError, match="police.report_share = 1.5"):
        civicsim.sweep(town, [{"police.report_share": 0.05}, {"police.report_share": 1.5}],
                       days=10, progress=False)
    with pytest.raises(ValueError, match="scenario.days cannot be swept"):
        civicsim.sweep(town, {"scenario.days": [10, 20]}, progress=False)
    with pytest.raises(ValueError, match="no points"):
        civicsim.sweep(town, [], progress=False)


def test_progress_bar_on_a_terminal(town, capsys):
    civicsim.run(town, replications=1, days=5, progress=True)
    err = capsys.readouterr().err
    assert "Workshop Town" in err and "resident-days" in err and "100%" in err


def test_progress_callback_errors_stop_the_run(town):
    def fail(done):
        raise RuntimeError(f"stop at {done}")

    with pytest.raises(RuntimeError, match="stop at"):
        _core.run_baseline(town.with_overrides({"scenario.days": 400})._core, None, fail, 0.0)


def test_import_has_no_side_effects(tmp_path):
    import subprocess
    import sys

    code = ("import signal, sys; before = signal.getsignal(signal.SIGINT); import civicsim; "
            "assert signal.getsignal(signal.SIGINT) is before; "
            "assert 'tqdm' not in sys.modules and 'scipy' not in sys.modules; "
            "assert not any(m.startswith('matplotlib') for m in sys.modules)")
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                               cwd=tmp_path, check=False)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "" and completed.stderr == ""
    assert list(tmp_path.iterdir()) == []


#: Workshop Town (20000 residents) for 7300 days x 10000 runs: about 1.5e12 resident-days and
#: far more memory for the outcomes than any test machine has.
TOO_LARGE = {"days": 7300, "replications": 10000}


@pytest.mark.parametrize("entry", ["run", "compare", "sweep"])
def test_too_large_work_is_refused_before_it_runs(town, entry):
    extra = {"grid_or_samples": {"police.report_share": [0.05, 0.08]}} if entry == "sweep" else {}
    with pytest.raises(civicsim.WorkTooLargeError) as refused:
        getattr(civicsim, entry)(town, **TOO_LARGE, **extra, progress=False)
    message = str(refused.value)
    assert isinstance(refused.value, ValueError)
    # The estimate and the limit, and how to go on anyway.
    assert re.search(r"needs about [\d.]+ [GT]B of memory \(20000 residents, \d+ runs", message)
    assert re.search(r"more than the [\d.]+ [GMT]B allowed", message)
    assert "allow_large=True" in message and "--allow-large" not in message
    runs = {"run": 10000, "compare": 10000 * (1 + len(town.strategies)), "sweep": 20000}[entry]
    assert f"{runs} runs" in message


def test_allow_large_lets_the_work_run(town):
    # The refused work starts with allow_large=True; a timer stops it (as Ctrl-C would).
    class Stop(Exception):
        pass

    def stop(*_):
        raise Stop

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        with pytest.raises(Stop):
            civicsim.run(town, **TOO_LARGE, threads=1, progress=False, allow_large=True)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
