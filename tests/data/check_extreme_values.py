"""Runs a short town with every numeric scenario key, one at a time, at each end of what it
allows (docs/scenario-reference.md, "allowed"), and checks that in-range values give sound
outcomes: the run finishes (or is refused, exit 2, with a message, as too much work), and every
summary outcome of the results file is finite or NaN (never ±inf), every share is within
[-1, 1], every cost is at least 0.

A key without an upper bound is tried at 1e300 (an integer at 2,000,000,000), one open at 0 at
1e-300: values a validator lets through but nobody means, which once gave infinite costs, a
utilisation of 1e30 and a crash. Every mechanism that is off in the base town is switched on,
so that its keys matter. Keys of the report settings (which change no run) and the size of the
town (days, replications, population: the work estimate's limits, tests/sim/engine) are left out.

usage: check_extreme_values.py CIVICSIM SCENARIO WORK_DIRECTORY
"""

import json
import math
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import h5py
import numpy as np

DAYS = 10
# The base town: short, small (500 residents per neighbourhood), every mechanism on. A switch
# that the base town cannot take is reported and left off.
BASE = [f"scenario.days={DAYS}", "scenario.replications=1"]
SMALL = 500
UNBOUNDED_FLOAT, UNBOUNDED_INTEGER, TINY = "1e300", "2000000000", "1e-300"


def run(civicsim: str, scenario: str, sets: list[str], out: Path) -> subprocess.CompletedProcess:
    args = [civicsim, "run", scenario, "--threads", "1", "--out", str(out), "--force"]
    for s in sets:
        args += ["--set", s]
    return subprocess.run(args, capture_output=True, text=True, timeout=300)


def extremes(key: dict) -> list[str]:
    """The values at each end of what the key allows."""
    values = []
    low, high = key["min"], key["max"]
    integer = key["type"] == "integer"
    if low is not None:
        if low["inclusive"]:
            values.append(str(int(low["limit"])) if integer else repr(low["limit"]))
        elif low["limit"] == 0 and not integer:
            values.append(TINY)
    if high is not None:
        if high["inclusive"]:
            values.append(str(int(high["limit"])) if integer else repr(high["limit"]))
    else:
        values.append(UNBOUNDED_INTEGER if integer else UNBOUNDED_FLOAT)
    return values


def problems_in(path: Path) -> list[str]:
    found = []
    with h5py.File(path, "r") as f:
        for name, dataset in f["summary"].items():
            unit = dataset.attrs["unit"]
            unit = unit.decode() if isinstance(unit, bytes) else str(unit)
            for v in np.asarray(dataset[...], dtype=float).ravel():
                if math.isinf(v):
                    found.append(f"{name} = {v}")
                elif math.isnan(v):
                    continue
                elif unit == "share" and abs(v) > 1.0 + 1e-9:
                    found.append(f"{name} = {v!r}, a share outside [-1, 1]")
                elif unit == "euros" and v < 0.0:
                    found.append(f"{name} = {v!r}, a negative cost")
    return found


def main() -> int:
    civicsim, scenario, work = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    keys = json.loads(subprocess.run([civicsim, "describe", "--json"], capture_output=True,
                                     text=True, check=True).stdout)["keys"]

    base = list(BASE)
    with open(scenario, "rb") as f:
        hoods = len(tomllib.load(f)["neighbourhood"])
    base += [f"neighbourhood.{h}.population={SMALL}" for h in range(hoods)]
    for key in keys:
        if key["type"] == "bool" and not key["repeated"] and key["default"] is False:
            trial = base + [f"{key['key']}=true"]
            if run(civicsim, scenario, trial, work / "probe.h5").returncode == 0:
                base = trial
            else:
                print(f"note: the base town cannot switch on {key['key']}; left off")
    print(f"base town: {scenario} with " + " ".join(base))

    cases = []
    for key in keys:
        if key["type"] not in ("float", "integer") or key["section"] == "report":
            continue
        name = key["key"]
        if key["repeated"]:
            section = key["section"]
            if section not in ("neighbourhood", "policy.outreach.campaign"):
                continue  # rollout phases and uncertain ranges: case inputs checked elsewhere
            name = section + ".0." + name[len(section) + 1:]
        if name in ("scenario.days", "scenario.replications", "neighbourhood.0.population"):
            continue  # the size of the test itself; its limits are the work estimate's
        for value in extremes(key):
            cases.append((name, value))

    def check(case: tuple[str, str]) -> str | None:
        name, value = case
        out = work / (name.replace(".", "_") + "-" + value + ".h5")
        result = run(civicsim, scenario, base + [f"{name}={value}"], out)
        where = f"{name}={value}"
        if result.returncode == 2:
            # Refused before any work (too large, or against another key): a located message.
            if "--set" not in result.stderr and "work" not in result.stderr:
                return f"{where}: exit 2 without a located message: {result.stderr.strip()[-300:]}"
            return None
        if result.returncode != 0:
            return f"{where}: exit {result.returncode}: {result.stderr.strip()[-300:]}"
        found = problems_in(out)
        out.unlink()
        return f"{where}: " + "; ".join(found) if found else None

    with ThreadPoolExecutor(max_workers=2) as pool:
        failures = [f for f in pool.map(check, cases) if f]
    for f in failures:
        print("FAILED " + f)
    print(f"{len(cases) - len(failures)} of {len(cases)} extreme values give sound outcomes")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
