#!/usr/bin/python3
"""Times a sweep at 1 and 2 threads (a benchmark, not a test): 32 Latin-hypercube points, one
replication each, of a one-neighbourhood town (Workshop Town's first neighbourhood alone), the
usual shape of a sensitivity design on a test town. All runs of all points are scheduled
together, so the runs themselves, not only a run's neighbourhoods, fill the cores. Checks that
both thread counts give the same values, then prints the times and the speed-up.

    PYTHONPATH=build/python /usr/bin/python3 scripts/bench_sweep.py [--points 32] [--days 120]

With --mpi, times the command-line sweep instead under `mpirun -n 1` and `mpirun -n 2` (one
thread per process), alternating, and checks that both write the same values:

    PYTHONPATH=build/python /usr/bin/python3 scripts/bench_sweep.py --mpi [--cli build/sim/civicsim]

On a machine shared with other work the times move; take the best of --repeat runs.
"""

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

import civicsim
from civicsim import _core, sensitivity

SOURCE = Path(__file__).resolve().parents[1]


def one_neighbourhood_town() -> civicsim.Scenario:
    """Workshop Town's resolved scenario with its first neighbourhood only and no campaigns
    (they target the others by name) or strategies."""
    town = civicsim.load_scenario(SOURCE / "scenarios" / "workshop_town.toml")
    text = town._core.to_toml()  # without the strategies
    tables = re.split(r"(?m)^(?=\[)", text)
    kept, neighbourhoods = [], 0
    for table in tables:
        if table.startswith("[[neighbourhood]]"):
            neighbourhoods += 1
            if neighbourhoods > 1:
                continue
        if table.startswith("[[policy.outreach.campaign]]"):
            continue
        kept.append(table)
    return civicsim.parse_scenario("".join(kept), "one-neighbourhood town")


def time_processes(town: civicsim.Scenario, design, args) -> None:
    """The command-line sweep under mpirun with 1 and 2 processes, alternating."""
    import os
    import subprocess
    import tempfile

    import h5py

    environment = {**os.environ, "OMPI_ALLOW_RUN_AS_ROOT": "1",
                   "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1", "OMPI_MCA_btl": "self,vader"}
    with tempfile.TemporaryDirectory() as folder:
        scenario, points = Path(folder) / "town.toml", Path(folder) / "design.csv"
        scenario.write_text(town.to_toml())
        design.to_csv(points, index=False)
        times = {1: [], 2: []}
        for _ in range(args.repeat):
            for processes in (1, 2):
                command = ["mpirun", "--oversubscribe", "--bind-to", "none", "-n",
                           str(processes), args.cli, "sweep", str(scenario), "--design",
                           str(points), "--replications", "1", "--days", str(args.days),
                           "--threads", "1", "--force", "--out",
                           str(Path(folder) / f"{processes}.h5")]
                start = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True, env=environment)
                times[processes].append(time.perf_counter() - start)
        with h5py.File(Path(folder) / "1.h5") as one, h5py.File(Path(folder) / "2.h5") as two:
            for name in one["summary"]:
                np.testing.assert_array_equal(one["summary"][name][()], two["summary"][name][()])
    median = {p: float(np.median(t)) for p, t in times.items()}
    print(f"civicsim sweep, {args.points} points x 1 replication x {args.days} days, "
          f"{town.residents} residents in {len(town.neighbourhoods)} neighbourhood(s), "
          f"1 thread per process: 1 process {median[1]:.2f} s, "
          f"2 processes {median[2]:.2f} s (medians of {args.repeat}), speed-up "
          f"{median[1] / median[2]:.2f}x; summaries identical")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=32)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--mpi", action="store_true",
                        help="time civicsim sweep under mpirun -n 1 and -n 2")
    parser.add_argument("--cli", default=str(SOURCE / "build" / "sim" / "civicsim"))
    parser.add_argument("--scenario", help="sweep this scenario instead of the one-neighbourhood "
                        "town (its strategies aside)")
    args = parser.parse_args()
    town = civicsim.load_scenario(args.scenario) if args.scenario else one_neighbourhood_town()
    design = sensitivity.latin_hypercube({"police.report_share": (0.02, 0.12),
                                          "policy.moderation.training_hours": (0.0, 60.0)},
                                         args.points, seed=1)
    if args.mpi:
        time_processes(town, design, args)
        return
    best, results = {}, {}
    for _ in range(args.repeat):
        for threads in (1, 2):
            start = time.perf_counter()
            results[threads] = civicsim.sweep(town, design, replications=1, days=args.days,
                                              threads=threads, progress=False)
            elapsed = time.perf_counter() - start
            best[threads] = min(best.get(threads, elapsed), elapsed)
    # For comparison, the points one after another, each with both threads (how sweeps ran
    # before all runs were scheduled together): one replication leaves a core idle.
    scenarios = [town.with_overrides({"scenario.replications": 1, "scenario.days": args.days,
                                      **point}) for point in design.to_dict(orient="records")]
    for _ in range(args.repeat):
        start = time.perf_counter()
        for point in scenarios:
            _core.run_baseline(point._core, 2)
        elapsed = time.perf_counter() - start
        best["one by one"] = min(best.get("one by one", elapsed), elapsed)
    one, two = results[1], results[2]
    for name in one.timeseries.data_vars:
        np.testing.assert_array_equal(one.timeseries[name].values, two.timeseries[name].values)
    assert one.summary.equals(two.summary)
    print(f"{args.points}-point sweep, 1 replication, {args.days} days, {town.residents} residents "
          f"in {len(town.neighbourhoods)} neighbourhood: 1 thread {best[1]:.2f} s, 2 threads "
          f"{best[2]:.2f} s, speed-up {best[1] / best[2]:.2f}x (best of {args.repeat}); "
          f"values identical; points one after another at 2 threads {best['one by one']:.2f} s")


if __name__ == "__main__":
    sys.exit(main())
