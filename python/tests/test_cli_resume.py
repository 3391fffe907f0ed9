"""civicsim sweep keeps every finished run through Ctrl-C, SIGTERM or kill -9; --resume finishes
the sweep into the file an uninterrupted sweep writes; --shard i/N parts joined by civicsim merge
equal the whole. Every comparison is of every dataset, value for value."""

import random
import signal
import subprocess
import time

import h5py
import pytest

import civicsim

from conftest import SEED, WORKSHOP_TOWN, run_cli
from test_results_file import assert_same_datasets, datasets

DESIGN = """police.report_share,policy.filtering.mode
0.03,none
0.05,rules
0.08,none
0.04,rules
0.06,none
"""


def sweep_args(design, out, *more):
    return ["sweep", str(WORKSHOP_TOWN), "--design", str(design), "--seed", str(SEED),
            "--out", str(out), *more]


def assert_same_file(path, reference):
    values, attrs = datasets(path)
    reference_values, reference_attrs = datasets(reference)
    assert attrs == reference_attrs
    assert_same_datasets(values, reference_values)


def run_files(folder):
    return sorted(folder.glob("run-*.h5")) if folder.is_dir() else []


def runs_kept(folder):
    """The runs an interrupted sweep keeps in its folder (a file holds the runs of a batch)."""
    runs = 0
    for path in run_files(folder):
        with h5py.File(path) as f:
            runs += len(f["runs/run_id"])
    return runs


@pytest.fixture(scope="module")
def design(tmp_path_factory):
    path = tmp_path_factory.mktemp("design") / "design.csv"
    path.write_text(DESIGN)
    return path


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_sweep_resumed_equals_an_uninterrupted_one(tmp_path, cli, design, stop):
    # 10 runs of about a second each, one at a time, each kept as soon as it ends, so that the
    # signal finds some finished.
    options = ["--replications", "2", "--days", "400", "--threads", "1", "--keep-every", "0"]
    out = tmp_path / "sweep.h5"
    folder = tmp_path / "sweep.h5.partial"
    process = subprocess.Popen([str(cli), *sweep_args(design, out, *options)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 240
    while runs_kept(folder) < 2 and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the sweep ended before it could be interrupted"
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=120)
    kept = runs_kept(folder)
    assert 2 <= kept < 10
    if stop == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
        assert not out.exists()
    else:
        assert process.returncode == 130, stderr
        assert f"{kept} of 10 runs finished" in stderr and "--resume" in stderr
        with h5py.File(out) as f:
            assert "holds" in f.attrs["incomplete"] and f.attrs["sweep_runs"] == 10
            assert len(f["runs/run_id"]) == kept
        # Readers refuse the incomplete file, saying what it is.
        with pytest.raises(civicsim.ResultsError, match="incomplete|of the 10 runs"):
            civicsim.open_results(out)
        report = run_cli(cli, "report", str(out), "--html", str(tmp_path / "r.html"))
        assert report.returncode == 2 and "of the 10 runs of a sweep" in report.stderr

    # Without --resume the finished runs are never thrown away.
    again = run_cli(cli, *sweep_args(design, out, *options))
    assert again.returncode == 2 and "--resume" in again.stderr
    assert runs_kept(folder) == kept

    resumed = run_cli(cli, *sweep_args(design, out, *options, "--resume"))
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {kept} of 10 runs" in resumed.stdout
    assert not folder.exists()

    whole = tmp_path / "whole.h5"
    completed = run_cli(cli, *sweep_args(design, whole, *options))
    assert completed.returncode == 0, completed.stderr
    assert_same_file(out, whole)
    assert len(civicsim.open_results(out).points) == 5


def test_shards_merged_in_any_order_equal_the_whole(tmp_path, cli, design):
    options = ["--replications", "2", "--days", "8", "--threads", "2"]
    whole = tmp_path / "whole.h5"
    assert run_cli(cli, *sweep_args(design, whole, *options)).returncode == 0
    shards = []
    for i in (1, 2, 3):
        shards.append(tmp_path / f"shard{i}.h5")
        completed = run_cli(cli, *sweep_args(design, shards[-1], *options, "--shard", f"{i}/3"))
        assert completed.returncode == 0, completed.stderr
        assert f"shard {i}/3" in completed.stdout
        with h5py.File(shards[-1]) as f:
            assert f.attrs["shard"] == f"{i}/3"
            # Run j is in shard j mod 3 + 1.
            assert list(f["runs/run_id"][()]) == list(range(i - 1, 10, 3))
    with pytest.raises(civicsim.ResultsError, match="shard 2/3"):
        civicsim.open_results(shards[1])

    merged = tmp_path / "merged.h5"
    order = shards[:]
    random.Random(1).shuffle(order)
    completed = run_cli(cli, "merge", str(merged), *map(str, order))
    assert completed.returncode == 0, completed.stderr
    assert_same_file(merged, whole)

    # A missing shard, a shard twice, a shard of another sweep, a whole file: refused, exit 2.
    refused = tmp_path / "refused.h5"
    missing = run_cli(cli, "merge", str(refused), str(shards[0]), str(shards[2]))
    assert missing.returncode == 2 and "in none of the parts (run 1, 4, 7)" in missing.stderr
    twice = run_cli(cli, "merge", str(refused), *map(str, shards), str(shards[0]))
    assert twice.returncode == 2 and "run 0 is in both" in twice.stderr
    other = tmp_path / "other.h5"
    assert run_cli(cli, *sweep_args(design, other, "--replications", "2", "--days", "9",
                                    "--shard", "2/3")).returncode == 0
    mixed = run_cli(cli, "merge", str(refused), str(shards[0]), str(other), str(shards[2]))
    assert mixed.returncode == 2 and "part of another sweep" in mixed.stderr
    complete = run_cli(cli, "merge", str(refused), str(whole))
    assert complete.returncode == 2 and "is not part of a sweep" in complete.stderr
    assert not refused.exists()


@pytest.mark.parametrize("shard", ["0/3", "4/3", "3", "a/b", "1/0", "1/11"])
def test_a_bad_shard_is_refused_before_any_run(tmp_path, cli, design, shard):
    out = tmp_path / "never.h5"
    completed = run_cli(cli, *sweep_args(design, out, "--replications", "2", "--days", "5",
                                         "--shard", shard))
    assert completed.returncode == 2
    assert "--shard" in completed.stderr and "Nothing was run or written" in completed.stderr
    assert not out.exists() and not (tmp_path / "never.h5.partial").exists()


def test_a_folder_without_finished_runs_is_no_obstacle_but_a_file_in_its_place_is(
        tmp_path, cli, design):
    # A sweep killed before its first run ended leaves an empty folder: nothing to keep.
    out = tmp_path / "sweep.h5"
    (tmp_path / "sweep.h5.partial").mkdir()
    completed = run_cli(cli, *sweep_args(design, out, "--replications", "1", "--days", "4"))
    assert completed.returncode == 0, completed.stderr
    assert out.exists() and not (tmp_path / "sweep.h5.partial").exists()
    blocked = tmp_path / "blocked.h5"
    (tmp_path / "blocked.h5.partial").write_text("not a folder")
    completed = run_cli(cli, *sweep_args(design, blocked, "--replications", "1", "--days", "4"))
    assert completed.returncode == 2 and "is in the way" in completed.stderr
    assert not blocked.exists()


def test_a_second_sweep_on_the_same_file_is_refused_while_the_first_runs(tmp_path, cli, design):
    options = ["--replications", "2", "--days", "400", "--threads", "1", "--keep-every", "0"]
    out = tmp_path / "sweep.h5"
    first = subprocess.Popen([str(cli), *sweep_args(design, out, *options)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = tmp_path / "sweep.h5.partial.lock"
    deadline = time.monotonic() + 120
    while not (tmp_path / "sweep.h5.partial").exists() and first.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.02)
    assert first.poll() is None and lock.exists()
    for extra in ([], ["--resume"]):
        second = run_cli(cli, *sweep_args(design, out, *options, *extra))
        assert second.returncode == 2, second.stderr
        assert "another civicsim sweep is writing this results file" in second.stderr
    _, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    # The first finished as if alone, and left no lock behind.
    assert not lock.exists() and not (tmp_path / "sweep.h5.partial").exists()
    assert len(civicsim.open_results(out).summary) == 10


# civicsim run and compare keep their finished runs (replications of the baseline or of a
# strategy) the same way, and --resume finishes them into the file an uninterrupted command
# writes, the comparison's paired statistics recomputed from every replication.

#: Runs of a few tenths of a second each, one at a time, so that a signal finds some finished.
RUN_OPTIONS = ["--replications", "4", "--days", "150", "--threads", "1"]
COMPARE_OPTIONS = ["--replications", "2", "--days", "100", "--threads", "1"]
ALL_RUNS = {"run": 4, "compare": 12}  # Workshop Town: the baseline and 5 strategies


def command_args(command, out, *more, seed=SEED):
    options = RUN_OPTIONS if command == "run" else COMPARE_OPTIONS
    return [command, str(WORKSHOP_TOWN), "--seed", str(seed), *options, "--out", str(out), *more]


@pytest.fixture(scope="module")
def uninterrupted(cli, tmp_path_factory):
    """Each command's file and printed tables, run without interruption: what --resume must
    reproduce."""
    folder = tmp_path_factory.mktemp("uninterrupted")
    done = {}
    for command in ALL_RUNS:
        path = folder / f"{command}.h5"
        completed = run_cli(cli, *command_args(command, path))
        assert completed.returncode == 0, completed.stderr
        done[command] = (path, tables(completed.stdout))
    return done


def tables(stdout):
    """What a command prints between its opening lines and "wrote ...": the statistics."""
    return stdout[stdout.index("\n\n"):stdout.rindex("wrote")]


def interrupt(cli, args, folder, stop):
    """Starts civicsim with `args`, waits for a finished run in `folder` and sends `stop`."""
    process = subprocess.Popen([str(cli), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 240
    while not run_files(folder) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "the command ended before it could be interrupted"
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


@pytest.mark.parametrize("command", ["run", "compare"])
@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_command_resumed_equals_an_uninterrupted_one(tmp_path, cli, uninterrupted,
                                                                    command, stop):
    total = ALL_RUNS[command]
    out = tmp_path / "out.h5"
    folder = tmp_path / "out.h5.partial"
    returncode, stderr = interrupt(cli, command_args(command, out), folder, stop)
    kept = len(run_files(folder))
    assert 1 <= kept < total
    if stop == signal.SIGKILL:
        assert returncode == -signal.SIGKILL
        assert not out.exists()
    else:
        assert returncode == 130, stderr
        assert f"{kept} of {total} runs finished" in stderr and "--resume" in stderr
        with h5py.File(out) as f:
            assert f"holds {kept} of the {total} runs" in f.attrs["incomplete"]
            assert f.attrs["sweep_runs"] == total
            assert len(f["runs/run_id"]) == kept
        with pytest.raises(civicsim.ResultsError, match=f"of the {total} runs"):
            civicsim.open_results(out)
        report = run_cli(cli, "report", str(out), "--html", str(tmp_path / "r.html"))
        assert report.returncode == 2, report.stderr
        assert f"civicsim {command} command with --resume" in report.stderr
        assert not (tmp_path / "r.html").exists()

    # Without --resume the finished runs are never thrown away.
    again = run_cli(cli, *command_args(command, out))
    assert again.returncode == 2 and "--resume" in again.stderr
    assert len(run_files(folder)) == kept

    resumed = run_cli(cli, *command_args(command, out, "--resume"))
    assert resumed.returncode == 0, resumed.stderr
    assert f"resuming: {kept} of {total} runs" in resumed.stdout
    assert not folder.exists()
    reference, reference_tables = uninterrupted[command]
    assert_same_file(out, reference)
    # The printed statistics (for compare: each strategy's paired difference from the baseline)
    # come from every replication, as an uninterrupted command's do.
    assert tables(resumed.stdout) == reference_tables


@pytest.mark.parametrize("command", ["run", "compare"])
def test_resuming_with_other_settings_is_refused(tmp_path, cli, command):
    out = tmp_path / "out.h5"
    folder = tmp_path / "out.h5.partial"
    returncode, _ = interrupt(cli, command_args(command, out), folder, signal.SIGKILL)
    assert returncode == -signal.SIGKILL
    kept = run_files(folder)
    for other in ({"seed": SEED + 1}, {"more": ["--set", "police.report_share=0.07"]}):
        more = other.pop("more", [])
        refused = run_cli(cli, *command_args(command, out, "--resume", *more, **other))
        assert refused.returncode == 2, refused.stderr
        assert "holds a run of another" in refused.stderr
        assert run_files(folder) == kept and not out.exists()
