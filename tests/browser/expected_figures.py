"""The figures the report's decision table must show, computed from the HDF5 file alone.

Prints JSON: for every strategy and summary outcome, the mean over its replications and, for every
strategy but the baseline, the mean of its paired differences from the baseline (replication by
replication; non-finite values left out, as the report does); and, for a file of compare --robust,
each strategy's shares of draws best and near the best per tallied outcome. Run with /usr/bin/python3 (h5py).
"""

import json
import math
import sys

import h5py


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def mean(values):
    finite = [v for v in values if math.isfinite(v)]
    return sum(finite) / len(finite) if finite else None


def main(path):
    with h5py.File(path, "r") as f:
        strategies = [text(s) for s in f["strategies"]["name"][()]]
        run_strategy = [text(s) for s in f["runs"]["strategy"][()]]
        replication = [int(r) for r in f["runs"]["replication"][()]]
        figures = {}
        for metric, dataset in f["summary"].items():
            values = [float(v) for v in dataset[()]]
            by = {s: {} for s in strategies}
            for value, s, r in zip(values, run_strategy, replication):
                by[s][r] = value
            base = by[strategies[0]]
            figures[metric] = {}
            for s in strategies:
                entry = {"mean": mean(list(by[s].values()))}
                if s != strategies[0]:
                    entry["difference"] = mean(
                        [by[s][r] - base[r] for r in by[s] if r in base])
                figures[metric][s] = entry
        # compare --robust: each strategy's share of draws best and near the best per outcome.
        robustness = {}
        if "robustness" in f:
            r = f["robustness"]
            outcomes = [text(o) for o in r["outcome"][()]]
            for i, s in enumerate(text(s) for s in r["strategy"][()]):
                robustness[s] = {o: [float(r["best_share"][i, k]), float(r["near_best_share"][i, k])]
                                 for k, o in enumerate(outcomes)}
    json.dump({"strategies": strategies, "figures": figures, "robustness": robustness},
              sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
