#!/usr/bin/python3
"""Calibrates behaviour.fear.contagion to the share worried about crime.

Runs the default town (one neighbourhood of 20,000 residents, every default) for two years at a
few values of contagion and prints the second year's mean worried share, mean fear and share
victimised. The target is EU ICS 2005 via EFUS: about 30 % worried on the street (SOURCES.md);
0.017 gives it at the default resting fear (neighbourhood.fear_baseline = 0.25, where 9 % would be
worried without crime or talk of it).

Usage: /usr/bin/python3 scripts/calibrate_fear.py [path/to/civicsim]
"""
import os
import subprocess
import sys
import tempfile

import h5py

TOWN = """[scenario]
name = "default_town"
days = 730
replications = 2

[[neighbourhood]]
name = "default"
population = 20000
density = 2000
"""


def second_year(civicsim, contagion, folder):
    scenario = os.path.join(folder, "town.toml")
    with open(scenario, "w") as f:
        f.write(TOWN)
    out = os.path.join(folder, "town.h5")
    subprocess.run([civicsim, "run", scenario, "--out", out, "--force", "--set",
                    f"behaviour.fear.contagion={contagion}"], check=True, capture_output=True)
    with h5py.File(out) as f:
        return {name: float(f["timeseries/" + name][:, 365:730, :].mean())
                for name in ("worried_share", "fear_mean", "victimised_share")}


def main():
    civicsim = sys.argv[1] if len(sys.argv) > 1 else "build/sim/civicsim"
    with tempfile.TemporaryDirectory() as folder:
        print("contagion  worried_share  fear_mean  victimised_share")
        for contagion in (0.0, 0.01, 0.015, 0.017, 0.02):
            y = second_year(civicsim, contagion, folder)
            print(f"{contagion:9.3f}  {y['worried_share']:13.3f}  {y['fear_mean']:9.3f}  "
                  f"{y['victimised_share']:16.3f}")


if __name__ == "__main__":
    main()
