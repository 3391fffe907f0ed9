"""A sweep on a Dask cluster (two worker processes) equals the same sweep in this process."""

import numpy as np
import pandas as pd
import pytest
import xarray as xr

import civicsim
from civicsim import sensitivity

from conftest import SEED

distributed = pytest.importorskip("distributed", reason="python3-distributed is not installed "
                                  "(scripts/setup.sh installs it)")


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=50)
    with distributed.Client(cluster) as client:
        yield client
    cluster.close()


def test_a_sweep_on_two_worker_processes_equals_one_in_process(town, client):
    design = sensitivity.sobol_samples({"police.report_share": (0.02, 0.12),
                                        "policy.filtering.accuracy": (0.6, 0.95)}, 4, seed=2)
    here = civicsim.sweep(town, design, replications=2, days=10, seed=SEED, progress=False)
    with distributed.get_task_stream(client) as stream:
        there = civicsim.sweep(town, design, replications=2, days=10, seed=SEED,
                               progress=False, client=client, chunk_points=3)
    # 16 points in chunks of 3: six tasks, run by both worker processes, not here.
    tasks = [t for t in stream.data if "_sweep_points" in t["key"]]
    assert len(tasks) == 6
    assert len({t["worker"] for t in tasks}) == 2
    xr.testing.assert_identical(there.timeseries, here.timeseries)
    xr.testing.assert_identical(there.by_community, here.by_community)
    xr.testing.assert_identical(there.by_app_use, here.by_app_use)
    xr.testing.assert_identical(there.exposure_summary["by_app_use"],
                                here.exposure_summary["by_app_use"])
    pd.testing.assert_frame_equal(there.summary, here.summary)
    assert there.design == here.design and there.swept == here.swept
    assert there.attrs == here.attrs
    np.testing.assert_array_equal(
        sensitivity.sobol_indices(there, "expired", bootstrap=20, seed=0).to_numpy(),
        sensitivity.sobol_indices(here, "expired", bootstrap=20, seed=0).to_numpy())


def test_a_summary_only_sweep_on_dask(town, client):
    grid = {"police.report_share": [0.03, 0.06, 0.09]}
    here = civicsim.sweep(town, grid, replications=1, days=8, progress=False, keep="summary")
    there = civicsim.sweep(town, grid, replications=1, days=8, progress=False, keep="summary",
                           client=client)
    pd.testing.assert_frame_equal(there.summary, here.summary)
    assert not there.timeseries.data_vars
