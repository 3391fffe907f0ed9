"""civicsim sweep under mpirun: two processes, runs handed out one at a time, give the file one
process writes, value for value; an interrupted launch keeps every finished run and --resume
(under mpirun or not) finishes it to the same file."""

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SEED, WORKSHOP_TOWN, run_cli
# design: test_cli_resume's fixture, the design file of its sweeps.
from test_cli_resume import assert_same_file, design, runs_kept, sweep_args  # noqa: F401

# Open MPI's mpirun refuses to start as root without these (CI runs as root); the shared-memory
# transport only, so that no network interface is probed.
MPI_ENVIRONMENT = {"OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
                   "OMPI_MCA_btl": "self,vader", "OMPI_MCA_btl_vader_single_copy_mechanism": "none"}


@pytest.fixture(scope="module")
def mpirun(cli):
    """mpirun, when civicsim is built with MPI (CMake says so through CIVICSIM_WITH_MPI)."""
    built = "with MPI" in run_cli(cli, "--version").stdout
    if os.environ.get("CIVICSIM_WITH_MPI", "").upper() in ("1", "ON", "TRUE"):
        assert built, "CMake found MPI but civicsim --version does not say 'with MPI'"
    if not built:
        pytest.skip("civicsim is built without MPI (no Open MPI when CMake ran)")
    path = shutil.which("mpirun")
    assert path, "civicsim is built with MPI but mpirun is not on PATH (openmpi-bin)"
    return path


def launch(mpirun, processes, cli, args):
    return [mpirun, "--oversubscribe", "--bind-to", "none", "-n", str(processes), str(cli), *args]


def run_mpi(mpirun, processes, cli, args):
    return subprocess.run(launch(mpirun, processes, cli, args), capture_output=True, text=True,
                          timeout=300, check=False, env={**os.environ, **MPI_ENVIRONMENT})


def children(pid):
    """The processes whose parent is `pid` (from /proc: field 4 of stat, after the name)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def test_two_processes_equal_one(tmp_path, cli, mpirun, design):
    options = ["--replications", "2", "--days", "60", "--threads", "1"]
    one = tmp_path / "one.h5"
    completed = run_cli(cli, *sweep_args(design, one, *options))
    assert completed.returncode == 0, completed.stderr
    two = tmp_path / "two.h5"
    completed = run_mpi(mpirun, 2, cli, sweep_args(design, two, *options))
    assert completed.returncode == 0, completed.stderr
    # One process speaks for both, and says how the ten runs were shared.
    assert completed.stdout.count("wrote ") == 1
    assert "in each of 2 processes" in completed.stdout
    shares = completed.stdout.split("runs per process:")[1].split("\n")[0]
    assert sum(int(n) for n in shares.split(",")) == 10
    assert_same_file(two, one)
    assert not (tmp_path / "two.h5.partial").exists()


def test_an_interrupted_launch_keeps_its_runs_and_resumes(tmp_path, cli, mpirun, design):
    # 20 runs of a quarter of a second or more each, each kept as soon as it ends. A scheduler
    # stops a job by signalling its processes: SIGTERM to both civicsim processes (mpirun's
    # children) stops them between days, and the first writes the finished runs to OUT, marked
    # incomplete. (Signalled itself, Open MPI's mpirun kills them after a delay instead.)
    options = ["--replications", "4", "--days", "1000", "--threads", "1", "--keep-every", "0"]
    out = tmp_path / "sweep.h5"
    folder = tmp_path / "sweep.h5.partial"
    process = subprocess.Popen(launch(mpirun, 2, cli, sweep_args(design, out, *options)),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **MPI_ENVIRONMENT})
    deadline = time.monotonic() + 240
    while runs_kept(folder) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the sweep ended before it could be interrupted"
    ranks = children(process.pid)
    assert len(ranks) == 2
    for rank in ranks:
        os.kill(rank, signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    kept = runs_kept(folder)
    assert 2 <= kept < 20
    assert f"{kept} of 20 runs finished" in stderr and out.exists()

    resumed = run_mpi(mpirun, 2, cli, sweep_args(design, out, *options, "--resume"))
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {kept} of 20 runs" in resumed.stdout
    shares = resumed.stdout.split("runs per process:")[1].split("\n")[0]
    assert sum(int(n) for n in shares.split(",")) == 20 - kept

    whole = tmp_path / "whole.h5"
    completed = run_cli(cli, *sweep_args(design, whole, *options))
    assert completed.returncode == 0, completed.stderr
    assert_same_file(out, whole)


def test_bad_input_under_mpirun_is_refused_by_every_process(tmp_path, cli, mpirun, design):
    out = tmp_path / "never.h5"
    completed = run_mpi(mpirun, 2, cli, sweep_args(design, out, "--days", "0"))
    assert completed.returncode == 2, completed.stderr
    assert "scenario.days" in completed.stderr
    assert not out.exists() and not (tmp_path / "never.h5.partial").exists()


def test_the_seed_is_the_only_thing_that_differs_between_sweeps(tmp_path, cli, mpirun, design):
    # Same processes, other seed: other values (the comparison above could not pass by accident).
    options = ["--replications", "1", "--days", "30", "--threads", "1"]
    first, second = tmp_path / "a.h5", tmp_path / "b.h5"
    assert run_mpi(mpirun, 2, cli, sweep_args(design, first, *options)).returncode == 0
    other = [str(a) if a != str(SEED) else str(SEED + 1)
             for a in sweep_args(design, second, *options)]
    assert run_mpi(mpirun, 2, cli, other).returncode == 0
    with pytest.raises(AssertionError):
        assert_same_file(second, first)
