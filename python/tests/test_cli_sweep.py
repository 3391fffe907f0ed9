"""civicsim sweep on the command line writes the file civicsim.sweep writes from Python."""

import json

import h5py
import numpy as np
import pandas as pd
import pytest

import civicsim
from civicsim import sensitivity

from conftest import SEED, WORKSHOP_TOWN, run_cli
from test_results_file import assert_same_datasets, datasets

DESIGN = """police.report_share,policy.filtering.mode,policy.moderation.enabled,neighbourhood.0.population
0.03,none,true,5000
0.08,rules,false,5000
0.08,"rules",true,6000
0.03,none,true,5000
"""


def test_cli_sweep_equals_the_python_sweep_value_for_value(tmp_path, cli, town):
    design = tmp_path / "design.csv"
    design.write_text(DESIGN)
    cli_file = tmp_path / "cli.h5"
    completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(design), "--seed",
                        str(SEED), "--replications", "2", "--days", "12", "--threads", "2",
                        "--out", str(cli_file))
    assert completed.returncode == 0, completed.stderr
    assert "4 points x 2 replication(s)" in completed.stdout

    points = pd.read_csv(design)
    results = civicsim.sweep(town, points, replications=2, days=12, seed=SEED, threads=1,
                             progress=False)
    python_file = results.to_hdf5(tmp_path / "python.h5")

    cli_values, cli_attrs = datasets(cli_file)
    python_values, python_attrs = datasets(python_file)
    assert json.loads(cli_attrs.pop("design")) == json.loads(python_attrs.pop("design")) == {
        "method": "points", "points": 4}
    assert python_attrs == cli_attrs
    assert {"runs/police.report_share", "runs/policy.filtering.mode",
            "runs/policy.moderation.enabled", "runs/neighbourhood.0.population"} <= set(cli_values)
    assert_same_datasets(python_values, cli_values)
    with h5py.File(cli_file) as f:
        assert list(f["runs/policy.filtering.mode"].asstr()[()]) == [
            "none", "none", "rules", "rules", "rules", "rules", "none", "none"]
    # Points 0 and 3 are equal and stay two points; the file opens as the sweep it is.
    opened = civicsim.open_results(cli_file)
    assert len(opened.points) == 4 and opened.design == {"method": "points", "points": 4}


def test_cli_sweep_reports_every_bad_point_and_runs_nothing(tmp_path, cli):
    design = tmp_path / "design.csv"
    design.write_text("police.report_share,policy.filtering.mode\n1.5,none\n0.05,clever\n")
    out = tmp_path / "never.h5"
    completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(design), "--days", "5",
                        "--out", str(out))
    assert completed.returncode == 2
    lines = completed.stderr.strip().split("\n")
    assert lines[0].startswith(f"{design}:2: police.report_share = 1.5")
    assert lines[1].startswith(f"{design}:3: policy.filtering.mode = clever")
    assert "2 problems" in lines[-1] and "nothing was run or written" in lines[-1]
    assert not out.exists()
    design.write_text("police.report_share\n0.05,0.06\n")
    completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(design), "--days", "5",
                        "--out", str(out))
    assert completed.returncode == 2
    assert f"{design}:2" in completed.stderr and "2 cells, but the header has 1" in completed.stderr


def test_parts_of_a_design_run_apart_and_joined_equal_the_whole(tmp_path, cli):
    # A scheduler's job array: each task sweeps a part of the design; Results.concat joins them.
    header, *rows = DESIGN.strip().split("\n")
    parts = [rows[:1], rows[1:3], rows[3:]]
    files = []
    for i, part in enumerate([rows, *parts]):
        design = tmp_path / f"design{i}.csv"
        design.write_text("\n".join([header, *part]) + "\n")
        files.append(tmp_path / f"part{i}.h5")
        completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(design),
                            "--seed", str(SEED), "--replications", "2", "--days", "6",
                            "--threads", "2", "--out", str(files[-1]))
        assert completed.returncode == 0, completed.stderr
    whole = files[0]
    joined = civicsim.Results.concat([civicsim.open_results(f) for f in files[1:]])
    merged = joined.to_hdf5(tmp_path / "merged.h5")
    whole_values, whole_attrs = datasets(whole)
    merged_values, merged_attrs = datasets(merged)
    assert merged_attrs == whole_attrs
    assert_same_datasets(merged_values, whole_values)


def test_a_grid_specification_equals_the_python_grid_sweep(tmp_path, cli, town):
    spec = tmp_path / "grid.toml"
    spec.write_text('method = "grid"\n[parameters]\n"police.report_share" = [0.03, 0.06]\n'
                    '"policy.filtering.mode" = ["none", "rules", "classifier"]\n')
    cli_file = tmp_path / "cli.h5"
    completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(spec), "--seed",
                        str(SEED), "--replications", "1", "--days", "8", "--out", str(cli_file))
    assert completed.returncode == 0, completed.stderr
    grid = {"police.report_share": [0.03, 0.06],
            "policy.filtering.mode": ["none", "rules", "classifier"]}
    results = civicsim.sweep(town, grid, replications=1, days=8, seed=SEED, threads=1,
                             progress=False)
    python_file = results.to_hdf5(tmp_path / "python.h5")
    cli_values, cli_attrs = datasets(cli_file)
    python_values, python_attrs = datasets(python_file)
    assert json.loads(cli_attrs.pop("design")) == json.loads(python_attrs.pop("design")) == {
        "method": "grid", "grid": grid, "points": 6}
    assert python_attrs == cli_attrs
    assert_same_datasets(python_values, cli_values)


def test_latin_hypercube_and_sobol_specifications(tmp_path, cli):
    ranges = ('[parameters]\n"police.report_share" = [0.02, 0.12]\n'
              '"policy.moderation.training_hours" = [0, 60]\n')
    lhs = tmp_path / "lhs.toml"
    lhs.write_text('method = "latin_hypercube"\npoints = 10\nseed = 4\n' + ranges)
    out = tmp_path / "lhs.h5"
    args = ["--seed", str(SEED), "--replications", "1", "--days", "5"]
    completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(lhs), *args,
                        "--out", str(out))
    assert completed.returncode == 0, completed.stderr
    opened = civicsim.open_results(out)
    assert opened.design["method"] == "latin_hypercube" and opened.design["seed"] == 4
    assert opened.design["problem"] == {"num_vars": 2, "names": [
        "police.report_share", "policy.moderation.training_hours"],
        "bounds": [[0.02, 0.12], [0.0, 60.0]]}
    share = opened.summary["police.report_share"].to_numpy()
    # One point in each tenth of the range.
    assert sorted(((share - 0.02) / 0.01).astype(int)) == list(range(10))

    sobol = tmp_path / "sobol.toml"
    sobol.write_text('method = "sobol"\npoints = 8\n' + ranges)
    out = tmp_path / "sobol.h5"
    completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(sobol), *args,
                        "--out", str(out))
    assert completed.returncode == 0, completed.stderr
    assert "32 points x 1 replication(s)" in completed.stdout
    opened = civicsim.open_results(out)
    assert opened.design["method"] == "saltelli" and opened.design["n"] == 8
    points = opened.summary[opened.swept].to_numpy()
    assert sensitivity.check_design(points, 2) == 8
    indices = sensitivity.sobol_indices(opened, "officer_cost", bootstrap=50, seed=1)
    assert list(indices.index) == opened.design["problem"]["names"]
    assert np.isfinite(indices[["S1", "ST"]].to_numpy()).all()


@pytest.mark.parametrize("text, where, message", [
    ('method = "random"\n[parameters]\n"police.report_share" = [0, 1]\n', ":1:",
     "method must be"),
    ('method = "latin_hypercube"\n[parameters]\n"police.report_share" = [0.1, 0.05]\n', ":3:",
     "low < high"),
    ('method = "latin_hypercube"\npoints = 1\n[parameters]\n"police.report_share" = [0, 1]\n',
     ":2:", "points must be a whole number from 2"),
    ('method = "sobol"\npoints = 4\nseed = 2\n[parameters]\n"police.report_share" = [0, 1]\n',
     ":3:", "seed has no meaning"),
    ('method = "grid"\n[parameters]\n"scenario.days" = [10, 20]\n', ":3:", "cannot be swept"),
    ('method = "grid"\npoint = 3\n[parameters]\n"police.report_share" = [0.1]\n', ":2:",
     "unknown key 'point'"),
    ('method = "grid"\n[parameters]\n"police.report_share" = [1.5]\n', " (point 1)",
     "police.report_share = 1.5"),
])
def test_a_bad_design_specification_is_refused_where_it_is_wrong(tmp_path, cli, text, where,
                                                                 message):
    spec = tmp_path / "design.toml"
    spec.write_text(text)
    out = tmp_path / "never.h5"
    completed = run_cli(cli, "sweep", str(WORKSHOP_TOWN), "--design", str(spec), "--days", "5",
                        "--out", str(out))
    assert completed.returncode == 2
    assert f"{spec}{where}" in completed.stderr and message in completed.stderr
    assert not out.exists() and not (tmp_path / "never.h5.partial").exists()
