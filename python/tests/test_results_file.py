"""Results files: written by the C++ writer, equal value for value to the CLI's, read back."""

import h5py
import numpy as np
import pandas as pd
import pytest
import xarray as xr

import civicsim

from conftest import DAYS, REPLICATIONS, SEED, WORKSHOP_TOWN, run_cli

#: Root attributes that describe the writing, not the results.
CIRCUMSTANTIAL = {"command_line", "created"}


def datasets(path):
    """Every dataset of a file by its path, strings decoded, and the root attributes."""
    values = {}
    with h5py.File(path, "r") as f:
        def visit(name, node):
            if isinstance(node, h5py.Dataset):
                data = node.asstr()[()] if h5py.check_string_dtype(node.dtype) else node[()]
                values[name] = (data, node.dtype, dict(node.attrs))
        f.visititems(visit)
        attrs = {k: v for k, v in f.attrs.items() if k not in CIRCUMSTANTIAL}
    return values, attrs


def assert_same_datasets(values, reference):
    """Both {name: (data, dtype, attrs)} of datasets() hold the same datasets, equal in type,
    attributes and every value (NaN equals NaN)."""
    assert sorted(values) == sorted(reference)
    for name, (data, dtype, attrs) in reference.items():
        other, other_dtype, other_attrs = values[name]
        assert other_dtype == dtype, name
        assert other_attrs == attrs, name
        if data.dtype.kind in "fc":
            np.testing.assert_array_equal(other, data, err_msg=name)
        else:
            assert np.array_equal(other, data), name


@pytest.mark.parametrize("command", ["run", "compare"])
def test_python_results_equal_the_cli_value_for_value(tmp_path, cli, town, command):
    cli_file = tmp_path / "cli.h5"
    days = DAYS if command == "run" else 15
    completed = run_cli(cli, command, str(WORKSHOP_TOWN), "--seed", str(SEED), "--replications",
                        str(REPLICATIONS), "--days", str(days), "--threads", "2", "--out",
                        str(cli_file))
    assert completed.returncode == 0, completed.stderr
    results = getattr(civicsim, command)(town, seed=SEED, replications=REPLICATIONS, days=days,
                                         threads=1, progress=False)
    python_file = results.to_hdf5(tmp_path / "python.h5")

    cli_values, cli_attrs = datasets(cli_file)
    python_values, python_attrs = datasets(python_file)
    assert python_attrs == cli_attrs
    assert any(name.startswith("timeseries/") for name in cli_values)
    assert_same_datasets(python_values, cli_values)

    # And the CLI's file, opened from Python, is the same Results.
    opened = civicsim.open_results(cli_file)
    xr.testing.assert_equal(opened.timeseries, results.timeseries)
    xr.testing.assert_equal(opened.by_community, results.by_community)
    xr.testing.assert_equal(opened.by_age_band, results.by_age_band)
    for name in ("by_group_membership", "by_app_use", "by_campaign_target"):
        xr.testing.assert_equal(opened.by_exposure[name], results.by_exposure[name])
        xr.testing.assert_equal(opened.exposure_summary[name], results.exposure_summary[name])
    pd.testing.assert_frame_equal(opened.summary, results.summary, check_dtype=False)
    pd.testing.assert_frame_equal(opened.neighbourhoods, results.neighbourhoods, check_dtype=False)


def test_to_hdf5_refuses_to_replace_a_file(tmp_path, town_results):
    path = town_results.to_hdf5(tmp_path / "sub" / "r.h5")
    with pytest.raises(FileExistsError):
        town_results.to_hdf5(path)
    town_results.to_hdf5(path, overwrite=True)
    assert sorted(p.name for p in path.parent.iterdir()) == ["r.h5"]


def test_sweep_files_carry_the_swept_parameters(tmp_path, town):
    results = civicsim.sweep(town, {"police.report_share": [0.04, 0.07],
                                    "channels.app.languages": [["english"], ["english", "polish"]]},
                             replications=1, days=10, progress=False)
    path = results.to_hdf5(tmp_path / "sweep.h5")
    with h5py.File(path, "r") as f:
        assert list(f["runs/police.report_share"][()]) == [0.04, 0.04, 0.07, 0.07]
        assert list(f["runs/channels.app.languages"].asstr()[()]) == [
            '["english"]', '["english", "polish"]'] * 2
    opened = civicsim.open_results(path)
    assert opened.swept == ["channels.app.languages", "police.report_share"] or \
        set(opened.swept) == {"channels.app.languages", "police.report_share"}
    pd.testing.assert_frame_equal(opened.summary[results.summary.columns], results.summary,
                                  check_dtype=False)
    assert list(opened.timeseries["police.report_share"].values) == [0.04, 0.04, 0.07, 0.07]
    copy = opened.to_hdf5(tmp_path / "copy.h5")
    assert civicsim.open_results(copy).summary.equals(opened.summary)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.h5", "sweep.h5"]


def test_open_results_refuses_other_formats(tmp_path, town_results):
    path = town_results.to_hdf5(tmp_path / "r.h5")
    with h5py.File(path, "r+") as f:
        f.attrs["format_version"] = np.int32(99)
    with pytest.raises(civicsim.ResultsError, match="format version 99"):
        civicsim.open_results(path)


def test_open_results_raises_results_error_for_damaged_files(tmp_path, town_results):
    """Missing, truncated, damaged or incomplete files: a ResultsError, never a crash or a raw
    KeyError or MemoryError; flipped data bytes are caught by the Fletcher-32 checksums."""
    path = town_results.to_hdf5(tmp_path / "r.h5")
    data = path.read_bytes()
    with h5py.File(path, "r") as f:
        dataset = f["timeseries/trust_mean"]
        assert dataset.fletcher32
        offset = dataset.id.get_offset() if dataset.chunks is None else \
            dataset.id.get_chunk_info(0).byte_offset
    flipped = bytearray(data)
    flipped[offset + 8] ^= 0xFF
    (tmp_path / "flipped.h5").write_bytes(bytes(flipped))
    (tmp_path / "truncated.h5").write_bytes(data[: len(data) // 2])
    (tmp_path / "empty.h5").write_bytes(b"")
    incomplete = town_results.to_hdf5(tmp_path / "incomplete.h5")
    with h5py.File(incomplete, "r+") as f:
        del f["neighbourhoods/name"]
    for name, message in [("flipped.h5", "damaged"), ("truncated.h5", ""), ("empty.h5", "HDF5"),
                          ("incomplete.h5", "/neighbourhoods/name"), ("missing.h5", "not exist")]:
        with pytest.raises(civicsim.ResultsError, match=message):
            civicsim.open_results(tmp_path / name)
    assert issubclass(civicsim.ResultsError, OSError)


def test_exposure_breakdowns_are_labelled_and_compared_between_strategies(tmp_path, town):
    results = civicsim.compare(town, seed=SEED, replications=3, days=60, progress=False)
    users = results.by_app_use["trust_mean"]
    assert users.dims == ("run", "day", "neighbourhood", "app_use")
    assert list(users["app_use"].values) == ["app users", "others"]
    assert list(results.by_group_membership["membership"].values) == ["members", "others"]
    # No group before day 60: members are NaN everywhere, the others are every resident.
    assert results.by_group_membership["trust_mean"].sel(membership="members").isnull().all()
    others = results.by_group_membership["trust_mean"].sel(membership="others")
    np.testing.assert_allclose(others.values, results.timeseries["trust_mean"].values, rtol=1e-5)

    # The city-wide last-day values per run, and their paired differences per group.
    summary = results.exposure_summary["by_campaign_target"]["adoption_share"]
    assert summary.dims == ("run", "campaign_target")
    assert list(summary["strategy"].values[:3]) == ["baseline"] * 3
    table = results.exposure_differences("by_campaign_target", "adoption_share")
    assert table.index.names == ["strategy", "campaign_target"]
    row = table.loc[("no campaigns", "targets")]
    by_strategy = summary.sel(campaign_target="targets").groupby("strategy")
    values = {name: group.values for name, group in by_strategy}
    expected = values["no campaigns"] - values["baseline"]  # replications in the same order
    assert row["n"] == 3
    assert row["mean"] == pytest.approx(expected.mean())
    assert row["mean"] < 0  # without the campaigns, fewer of their targets adopt
    with pytest.raises(KeyError, match="not an exposure"):
        results.exposure_differences("by_shoe_size", "trust_mean")
    with pytest.raises(KeyError, match="not a group outcome"):
        results.exposure_differences("by_app_use", "reports")
