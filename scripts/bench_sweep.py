#!/usr/bin/python3
"""Times a sweep at 1 and 2 threads (a benchmark, not a test): 32 Latin-hypercube points, one
replication each, of a one-neighbourhood town (Workshop Town's first neighbourhood alone), the
usual shape of a sensitivity design on a test town. All runs of all points are scheduled
together, so the runs themselves, not only a run's neighbourhoods, fill the cores. Checks that
both thread counts give the same values, then prints the times and the speed-up.

    PYTHONPATH=build/python /usr/bin/python3 scripts/bench_sweep.py [--points 32] [--days 120]

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--points", type=int, default=32)
    parser.add_argument("--days", type=int, default=120)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    town = one_neighbourhood_town()
    design = sensitivity.latin_hypercube({"police.report_share": (0.02, 0.12),
                                          "policy.moderation.training_hours": (0.0, 60.0)},
                                         args.points, seed=1)
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
